"""Charts drawn at build time as inline SVG: no chart library runs in the reader's browser.

Each chart is an ``<svg role="img">`` with a title and a description, carries its numbers as
text (never colour alone), and is paired by the template with a data table, so it reads with a
screen reader, in print and without JavaScript. Missing figures are drawn as "not published",
never as a zero-length bar.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from markupsafe import Markup

ROW = 30
BAR_W = 300
VALUE_W = 150
FONT = 13
CHAR_W = 7.6  # generous average advance of a 13 px sans-serif character (Vietnamese marks included)
LABEL_MAX = 36


@dataclass(frozen=True)
class Bar:
    """One row of a bar chart: label, value (None if unknown), the value as text, colour, marker."""

    label: str
    value: float | None
    text: str
    color: str = "#0b4f6c"
    marker: float | None = None
    marker_text: str = ""


def _svg(width: int, height: int, title: str, desc: str, body: list[str], ident: str) -> Markup:
    head = (
        # Its own size, shrunk to narrower screens by the stylesheet (max-width: 100%); no style
        # attribute, which the pages' Content-Security-Policy would refuse.
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{ident}-t {ident}-d" xmlns="http://www.w3.org/2000/svg" font-size="{FONT}">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")


def _label_width(labels: object) -> int:
    """Room for the longest (clipped) label, so no label starts outside the chart."""
    longest = max((len(_clip(str(label))) for label in labels), default=10)  # type: ignore[attr-defined]
    return int(min(max(longest * CHAR_W + 12, 100), LABEL_MAX * CHAR_W + 12))


def _clip(text: str, limit: int = LABEL_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bars(ident: str, title: str, desc: str, rows: list[Bar], maximum: float | None = None) -> Markup:
    """Horizontal bars, one per row, with the value written after each bar and an optional tick
    (used for targets) drawn across it."""
    known = [r.value for r in rows if r.value is not None] + [r.marker for r in rows if r.marker is not None]
    top = maximum if maximum is not None else max(known, default=0) or 1
    value_w = max(VALUE_W, int(CHAR_W * max((len(r.text) for r in rows), default=0)) + 16)
    label_w = _label_width(r.label for r in rows)
    width, height = label_w + BAR_W + value_w, ROW * len(rows) + 10
    body = []
    for index, row in enumerate(rows):
        y = 5 + index * ROW
        body.append(f'<text x="{label_w - 8}" y="{y + 19}" text-anchor="end">{escape(_clip(row.label))}</text>')
        body.append(f'<rect x="{label_w}" y="{y + 4}" width="{BAR_W}" height="{ROW - 10}" fill="#eef2f5"/>')
        if row.value is not None:
            length = max(BAR_W * min(row.value / top, 1), 1)
            body.append(
                f'<rect x="{label_w}" y="{y + 4}" width="{length:.1f}" height="{ROW - 10}" '
                f"fill={quoteattr(row.color)}/>"
            )
        if row.marker is not None:
            x = label_w + BAR_W * min(row.marker / top, 1)
            body.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y + 1}" y2="{y + ROW - 3}" stroke="#c98a00" '
                f'stroke-width="3"><title>{escape(row.marker_text)}</title></line>'
            )
        style = "" if row.value is not None else ' font-style="italic" fill="#5a6772"'
        body.append(f'<text x="{label_w + BAR_W + 8}" y="{y + 19}"{style}>{escape(row.text)}</text>')
    return _svg(width, height, title, desc, body, ident)


@dataclass(frozen=True)
class Segment:
    """One part of a stacked bar: its size, colour and what it counts (shown as a tooltip)."""

    value: float
    color: str
    title: str


@dataclass(frozen=True)
class Stack:
    """One row of a stacked bar chart: label, parts, and the row's numbers as text."""

    label: str
    segments: list[Segment]
    text: str


def stacked(ident: str, title: str, desc: str, rows: list[Stack]) -> Markup:
    """Horizontal stacked bars on one scale (the largest row fills the track), numbers written after."""
    top = max((sum(s.value for s in r.segments) for r in rows), default=0) or 1
    value_w = max(VALUE_W, int(CHAR_W * max((len(r.text) for r in rows), default=0)) + 16)
    label_w = _label_width(r.label for r in rows)
    width, height = label_w + BAR_W + value_w, ROW * len(rows) + 10
    body = []
    for index, row in enumerate(rows):
        y = 5 + index * ROW
        body.append(f'<text x="{label_w - 8}" y="{y + 19}" text-anchor="end">{escape(_clip(row.label))}</text>')
        body.append(f'<rect x="{label_w}" y="{y + 4}" width="{BAR_W}" height="{ROW - 10}" fill="#eef2f5"/>')
        x = float(label_w)
        for segment in row.segments:
            length = BAR_W * segment.value / top
            body.append(
                f'<rect x="{x:.1f}" y="{y + 4}" width="{length:.1f}" height="{ROW - 10}" '
                f"fill={quoteattr(segment.color)}><title>{escape(segment.title)}</title></rect>"
            )
            x += length
        body.append(f'<text x="{label_w + BAR_W + 8}" y="{y + 19}">{escape(row.text)}</text>')
    return _svg(width, height, title, desc, body, ident)
