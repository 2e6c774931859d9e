"""The dashboard's charts drawn from the derived series, in the reader's language.

Each chart comes with the rows of its data table, so the numbers read without the picture, and with
how many zones report what it shows. A chart whose figure no zone reports is not drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from ..derive.dashboard import DashboardSeries, Series
from . import charts
from . import format as fmt

UNKNOWN_STATUS = "#a8b3bf"  # lighter than every stage (planned is #6b7280), so "unknown" never reads as one
BAR = "#0b4f6c"
WORKERS_BAR = "#c98a00"
# A symbol per infrastructure state, so colour is never the only cue.
STATE_SYMBOL = {"planned": "○", "under_construction": "◐", "completed": "✓", "operating": "✓"}


@dataclass
class Chart:
    """One chart: the SVG, its data table's rows, and how many zones report what it shows."""

    svg: Markup
    rows: list[tuple[str, ...]]
    reporting: int
    head: list[str] = field(default_factory=list)


@dataclass
class Dashboard:
    """Charts for one language, by name; a chart nobody's figures can draw is absent."""

    zones: int
    charts: dict[str, Chart]


@dataclass
class Words:
    """What drawing needs of the page: its language, UI strings and definition labels."""

    lang: str
    languages: list[str]
    t: Callable[..., str]
    label: Callable[[str, str], str]
    color: Callable[[str, str], str | None]

    def show(self, kind: str, value: float | None) -> str:
        """A figure formatted for the language, or "not published"."""
        if kind == "area":
            text = fmt.area(value, self.lang)
        elif kind == "pct":
            text = fmt.percent(value, self.lang)
        else:
            text = fmt.number(value, self.lang, 0)
        return text or self.t("not_published")


def draw(series: DashboardSeries, words: Words) -> Dashboard:
    """Every chart some zone's figures can draw."""
    found = {
        "land": _land(series, words),
        "occupancy": _occupancy(series, words),
        "free": _top("free", series.free, words, "area", BAR),
        "works": _works(series, words),
        "tenants": _top("tenants", series.establishments, words, "count", BAR),
        "workers": _top("workers", series.workers, words, "count", WORKERS_BAR),
    }
    return Dashboard(series.zones, {name: chart for name, chart in found.items() if chart is not None})


def _land(series: DashboardSeries, w: Words) -> Chart | None:
    bars, rows = [], []
    for row in series.land:
        name = w.label(row.status, "statuses") if row.status else w.t("status_unknown")
        color = (w.color(row.status, "statuses") or BAR) if row.status else UNKNOWN_STATUS
        area = w.show("area", row.area.value)
        text = w.t("zones_total", n=row.zones) + (f" · {area}" if row.area.value is not None else "")
        bars.append(charts.Bar(name, row.zones, text, color))
        reporting = w.t("reporting", n=row.area.matched, reporting=w.show("count", row.area.reporting))
        rows.append((name, w.show("count", row.zones), area, reporting))
    if not bars:
        return None
    svg = charts.bars("chart-land", w.t("chart_land"), w.t("chart_land_desc"), bars)
    return Chart(svg, rows, series.zones)


def _occupancy(series: DashboardSeries, w: Words) -> Chart | None:
    if not series.occupancy_reporting:
        return None
    bars, rows = [], []
    for band in series.occupancy:
        name = f"{w.show('count', band.low)}–{w.show('pct', band.high)}"
        text = w.t("zones_total", n=band.zones)
        bars.append(charts.Bar(name, band.zones, text))
        rows.append((name, w.show("count", band.zones)))
    svg = charts.bars("chart-occupancy", w.t("chart_occupancy"), w.t("chart_occupancy_desc"), bars)
    return Chart(svg, rows, series.occupancy_reporting)


def _top(name: str, series: Series, w: Words, kind: str, color: str) -> Chart | None:
    if not series.reporting:
        return None
    bars, rows = [], []
    for row in series.rows:
        label = row.label.get(w.lang, w.languages)[0]
        bars.append(charts.Bar(label, row.value, w.show(kind, row.value), color))
        rows.append((label, w.show(kind, row.value)))
    svg = charts.bars(f"chart-{name}", w.t(f"chart_{name}"), w.t(f"chart_{name}_desc"), bars)
    return Chart(svg, rows, series.reporting)


def _works(series: DashboardSeries, w: Words) -> Chart | None:
    if not series.works:
        return None
    stacks, rows = [], []
    states = series.states
    for row in series.works:
        work = w.label(row.work, "infrastructure")
        counts = dict(row.states)
        segments = [
            charts.Segment(count, w.color(state, "infrastructure_states") or UNKNOWN_STATUS, _state(w, state, count))
            for state, count in row.states
        ]
        text = " · ".join(f"{STATE_SYMBOL.get(state, '•')} {w.show('count', count)}" for state, count in row.states)
        stacks.append(charts.Stack(work, segments, text))
        rows.append((work, *(w.show("count", counts.get(state, 0)) for state in states)))
    svg = charts.stacked("chart-works", w.t("chart_works"), w.t("chart_works_desc"), stacks)
    head = [f"{STATE_SYMBOL.get(state, '•')} {w.label(state, 'infrastructure_states')}" for state in states]
    return Chart(svg, rows, series.works_reporting, head)


def _state(w: Words, state: str, count: int) -> str:
    return f"{w.label(state, 'infrastructure_states')}: {w.t('zones_total', n=count)}"
