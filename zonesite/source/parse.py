"""Read YAML (and Markdown front matter) into plain data plus the line and column of every value.

PyYAML's composer already knows where each node starts; we keep those marks in a dict keyed by the
path of the value (``("area", "leased_ha")``, ``("contacts", 0, "email")``) so that any later stage
can say *where* a problem is, however far from the parser it is found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..i18n import N_, _

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Mark:
    """1-based line and column of a key (for mapping entries) or of an item (for list entries)."""

    line: int
    col: int


@dataclass
class Document:
    """A parsed file: its data, where each value came from, and the raw text for quoting lines."""

    data: Any
    marks: dict[Path_, Mark] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)
    text: str = ""
    line_offset: int = 0

    def mark(self, path: Path_) -> Mark:
        """The mark of ``path`` or, when that value is absent, of its nearest present ancestor."""
        path = tuple(path)
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), Mark(1 + self.line_offset, 1))

    def line_text(self, line: int) -> str:
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""


class YamlError(Exception):
    """Malformed YAML, located. ``hint`` says what the writer probably meant."""

    def __init__(self, message: str, line: int, col: int, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
        self.hint = hint


# Hints keyed by words in the parser's message (PyYAML's and libyaml's wordings differ). The hints
# are staff messages, translated where they are used; each is a format string ({{ is one brace).
_HINTS = {
    "mapping values are not allowed": N_("a value that contains ': ' must be put in quotes"),
    "could not find expected ':'": N_("each line needs the form 'key: value'; check the line above"),
    "found undefined alias": N_("'*' starts an alias in YAML; put the value in quotes"),
    "expected <block end>": N_("check the indentation of this line"),
    "did not find expected key": N_("check the indentation of this line"),
    "found unknown escape character": N_("use single quotes, or double each backslash"),
    "did not find expected ',' or": N_("a list or group opened with [ or {{ must be closed on the same line"),
    "expected ',' or": N_("a list or group opened with [ or {{ must be closed on the same line"),
    "did not find expected node content": N_("a value is missing, or a [ or {{ is not closed"),
}
TAB_HINT = N_("indent with spaces, not tabs")

# libyaml (C) parses about ten times faster than pure-Python PyYAML and reports the same marks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, line_offset: int = 0, full_text: str | None = None) -> Document:
    """Parse ``text`` into a :class:`Document`; ``line_offset`` shifts marks for front matter.

    Raises :class:`YamlError` for malformed YAML and for a key given twice (PyYAML would silently
    keep the last one, hiding a copy-paste mistake).
    """
    if "&" in text or "*" in text:
        _refuse_aliases(text, line_offset)
    if _depth_bound(text) > MAX_DEPTH:
        _refuse_depth(text, line_offset)
    loader = _Loader(text)
    doc = Document(data=None, text=full_text if full_text is not None else text, line_offset=line_offset)
    try:
        node = loader.get_single_node()
        if node is not None:
            doc.marks[()] = _mark(node, line_offset)
            doc.data = _Builder(loader, doc, line_offset).build(node, ())
    except yaml.MarkedYAMLError as exc:
        raise _located(exc, text, line_offset) from None
    except yaml.YAMLError as exc:
        # Translators: {problem} is the YAML parser's own description of the mistake, in English.
        raise YamlError(_("malformed YAML: {problem}").format(problem=exc), 1 + line_offset, 1) from None
    finally:
        loader.dispose()
    return doc


ALIAS_HINT = N_("write the value out in full where it is needed; site files do not use '&' anchors or '*' aliases")


def _refuse_aliases(text: str, line_offset: int) -> None:
    """Refuse YAML anchors and aliases, located where they are written: a few nested aliases
    expand into billions of values (and nobody keeping a zone file needs them)."""
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                if isinstance(event, yaml.AliasEvent):
                    # Translators: {name} is the alias as written after '*' in the file.
                    message = _("a YAML alias '*{name}' is not allowed here").format(name=event.anchor)
                else:
                    # Translators: {name} is the anchor as written after '&' in the file.
                    message = _("a YAML anchor '&{name}' is not allowed here").format(name=event.anchor)
                raise YamlError(message, mark.line + 1 + line_offset, mark.column + 1, _(ALIAS_HINT))
    except yaml.YAMLError:
        return  # malformed: parsing again reports it where it is


# No site file nests values this deep; a file that does is a mistake or an attack (the parser that
# builds the nested values recurses once per level, and a few hundred thousand levels crash it).
MAX_DEPTH = 40


def _depth_bound(text: str) -> int:
    """An upper bound of how deep ``text`` nests, cheap enough for every file: each level opens
    with ``[``, ``{``, ``-`` or ``?``, or is indented further than the one it sits in."""
    indent = max((len(line) - len(line.lstrip(" ")) for line in text.splitlines()), default=0)
    return sum(text.count(mark) for mark in "[{-?") + indent + 1


def _refuse_depth(text: str, line_offset: int) -> None:
    """Refuse values nested deeper than :data:`MAX_DEPTH`, located where the level too many opens.
    The parser's events come one by one, without recursion, so any depth is safe to count."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    # Translators: {limit} is a number of levels, e.g. 40.
                    message = _("values nested more than {limit} levels deep").format(limit=MAX_DEPTH)
                    hint = _("a site file needs only a few levels; check the brackets and indentation")
                    raise YamlError(message, mark.line + 1 + line_offset, mark.column + 1, hint)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return  # malformed before it gets too deep: parsing again reports it where it is


def _located(exc: yaml.MarkedYAMLError, text: str, line_offset: int) -> YamlError:
    """The parser's error at the place to fix: where an unclosed quote, [ or { opens."""
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "malformed YAML"
    line, col = (mark.line, mark.column) if mark else (0, 0)
    swallowed = any(words in f"{exc.context} {problem}" for words in _SWALLOWED)
    quote = _open_quote(text, line) if swallowed else None
    if quote is not None and (quote[0] < line or "quoted scalar" in str(exc.context)):
        # A quote never closed swallows the lines after it; the parser fails far below.
        line, col = quote
        message = _("malformed YAML: a quote opened here is never closed")
        return YamlError(message, line + 1 + line_offset, col + 1, _(QUOTE_HINT))
    if exc.context_mark and exc.context and "flow" in exc.context:
        # An unclosed [ or {: the line that opens it is the one to fix.
        line, col = exc.context_mark.line, exc.context_mark.column
        hint = _hint(text, line, col, f"{problem} ({exc.context} that starts here)")
        return YamlError(_unclosed(problem, exc.context), line + 1 + line_offset, col + 1, hint)
    # Translators: {problem} is the YAML parser's own description of the mistake, in English.
    message = _("malformed YAML: {problem}").format(problem=problem)
    return YamlError(message, line + 1 + line_offset, col + 1, _hint(text, line, col, problem))


def _unclosed(problem: str, context: str) -> str:
    """The message for a [ or { that is not closed, said where it opens."""
    if context == "while parsing a flow sequence":
        # Translators: {problem} is the YAML parser's description of the mistake, in English; a "flow
        # sequence" is a list written [a, b, c].
        message = _("malformed YAML: {problem} (while parsing a flow sequence that starts here)")
    elif context == "while parsing a flow mapping":
        # Translators: {problem} is the YAML parser's description of the mistake, in English; a "flow
        # mapping" is a group written {a: 1, b: 2}.
        message = _("malformed YAML: {problem} (while parsing a flow mapping that starts here)")
    else:
        # Translators: {problem} is the YAML parser's description of the mistake and {context} what it
        # was reading (e.g. "while parsing a flow node"), both in English.
        message = _("malformed YAML: {problem} ({context} that starts here)")
    return message.format(problem=problem, context=context)


# A value that opens with a quote: ``key: "...``, ``- "...``, or ``{vi: "...`` inside a group.
_QUOTED = re.compile(r"""(?:^\s*(?:-\s+)?[^\s#'"][^:#]*:\s+|^\s*-\s+|[{,]\s*[^\s:'"{}\[\],]+:\s*|\[\s*)(["'])""")
# Errors a quote left open causes further down: the text after it is read as one long value.
_SWALLOWED = ("quoted scalar", "did not find expected key", "could not find expected ':'", "mapping values")
QUOTE_HINT = N_("close it with the same quote mark on the same line, or remove it")


def _open_quote(text: str, upto: int) -> tuple[int, int] | None:
    """``(line, column)`` (0-based) of the first quote left open on its line, up to line ``upto``."""
    for number, line in enumerate(text.splitlines()[: upto + 1]):
        for match in _QUOTED.finditer(line):
            mark, start = match.group(1), match.end(1)
            rest = line[start:].replace("\\\\", "") if mark == '"' else line[start:].replace("''", "")
            closing = rest.replace('\\"', "").find(mark) if mark == '"' else rest.find(mark)
            if closing < 0:
                return number, start - 1
    return None


def _hint(text: str, line: int, col: int, problem: str) -> str:
    lines = text.splitlines()
    here = lines[line] if 0 <= line < len(lines) else ""
    if "\t" in here[: col + 1] or "'\\t'" in problem:
        return _(TAB_HINT)
    return next((_(hint).format() for words, hint in _HINTS.items() if words in problem), "")


def _mark(node: yaml.Node, offset: int) -> Mark:
    return Mark(node.start_mark.line + 1 + offset, node.start_mark.column + 1)


class _Builder:
    """Builds plain data from PyYAML nodes, recording each value's mark and the text as written."""

    def __init__(self, loader: yaml.SafeLoader, doc: Document, offset: int) -> None:
        self.loader, self.doc, self.offset = loader, doc, offset

    def build(self, node: yaml.Node, path: Path_) -> Any:
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self.doc.marks[(*path, index)] = _mark(item, self.offset)
                items.append(self.build(item, (*path, index)))
            return items
        self.doc.raw[path] = node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError) as exc:
            # YAML reads 2024-02-30 as a date and fails; say so where it is written.
            mark = _mark(node, self.offset)
            # Translators: {value} is the value as written; {reason} is Python's explanation, in English
            # (e.g. "day is out of range for month").
            message = _("cannot read '{value}': {reason}").format(value=node.value, reason=exc)
            raise YamlError(message, mark.line, mark.col, _("put it in quotes if it is meant as text")) from None

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        self.loader.flatten_mapping(node)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            mark = _mark(key_node, self.offset)
            if not isinstance(key_node, yaml.ScalarNode):
                hint = _("check the line's indentation")
                raise YamlError(_("a key must be a plain word"), mark.line, mark.col, hint)
            # Keys stay as written: "2024:" or "yes:" is a (probably misspelt) field name, not a number.
            key = key_node.value
            if key in result:
                first = self.doc.marks[(*path, key)]
                raise YamlError(
                    # Translators: {key} is a field name as written; {line} the line it is first given on.
                    _("'{key}' is given twice (first on line {line})").format(key=key, line=first.line),
                    mark.line,
                    mark.col,
                    _("keep one and delete the other"),
                )
            self.doc.marks[(*path, key)] = mark
            result[key] = self.build(value_node, (*path, key))
        return result


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split ``---``-fenced YAML front matter from a Markdown body.

    Returns ``(front_matter or None, body, line number where the front matter's YAML starts - 1)``;
    raises :class:`YamlError` when the opening ``---`` is never closed.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None, text, 0
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), 1
    raise YamlError(
        _("the front matter opened with '---' on line 1 is never closed"),
        1,
        1,
        _("add a line '---' after the last field"),
    )


def read_text(raw: bytes) -> str:
    """Decode a site file as UTF-8 (with or without BOM); raises UnicodeDecodeError otherwise."""
    text = raw.decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n")
