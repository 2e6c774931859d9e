"""Heading levels of a piece of HTML (rendered Markdown, raw HTML included) fitted under the heading
the template puts it beneath, so no page skips a level: a skipped level breaks the outline that
screen-reader users navigate by, and the HTML checker rejects it."""

from __future__ import annotations

from html.parser import HTMLParser

HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")


class _HeadingTags(HTMLParser):
    """Where the heading tags of an HTML text are: (offset of the level digit, level, is start)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = [0]
        self.line_starts += [i + 1 for i, char in enumerate(text) if char == "\n"]
        self.found: list[tuple[int, int, bool]] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HEADING_TAGS:
            self.found.append((self._offset() + 2, int(tag[1]), True))  # "<h" then the digit

    def handle_endtag(self, tag: str) -> None:
        if tag in HEADING_TAGS:
            self.found.append((self._offset() + 3, int(tag[1]), False))  # "</h" then the digit


def shift_headings(html: str, top: int) -> str:
    """``html`` with each heading at its depth in the text's own outline, counted from ``top``: a
    heading sits one level under the nearest heading before it that the author made higher, or at
    ``top`` when there is none (``###``, ``#####``, ``####`` under a page title give h2, h3, h3)."""
    if "<h" not in html and "<H" not in html:
        return html  # most descriptions have no heading: skip parsing them
    parser = _HeadingTags(html)
    parser.feed(html)
    parser.close()
    text, outline, current = list(html), [], top  # outline: (level written, level given) of open sections
    for offset, level, is_start in parser.found:
        if is_start:
            while outline and outline[-1][0] >= level:
                outline.pop()
            current = min(outline[-1][1] + 1 if outline else top, 6)
            outline.append((level, current))
        text[offset] = str(current)
    return "".join(text)
