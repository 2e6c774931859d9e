"""The dashboard's charts drawn from the derived series, in the reader's language.

Each chart comes with the rows of its data table, so the numbers read without the picture.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from ..derive.dashboard import DashboardSeries, ZoneSeries
from . import charts
from . import format as fmt

UNKNOWN_CELL = "#d5dde3"
UNKNOWN_STATUS = "#6b7280"
BAR = "#0b4f6c"
WORKERS_BAR = "#c98a00"
# A symbol per infrastructure state, so colour is never the only cue.
STATE_SYMBOL = {"planned": "○", "under_construction": "◐", "completed": "✓", "operating": "✓"}


@dataclass
class Dashboard:
    """Charts for one language, each with the rows of its data table."""

    land: Markup
    land_rows: list[tuple[str, str, str, str]]
    occupancy: Markup
    occupancy_rows: list[tuple[str, str, str]]
    works: Markup
    works_rows: list[tuple[str, list[str]]]
    work_names: list[str]
    tenants: Markup
    workers: Markup
    tenant_rows: list[tuple[str, str, str]]


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

    def name(self, zone: ZoneSeries) -> str:
        return zone.label.get(self.lang, self.languages)[0]


def draw(series: DashboardSeries, words: Words) -> Dashboard:
    """All four charts and their tables."""
    land, land_rows = _land(series, words)
    occupancy, occupancy_rows = _occupancy(series, words)
    works, works_rows, work_names = _works(series, words)
    tenants, workers, tenant_rows = _tenants(series, words)
    return Dashboard(
        land, land_rows, occupancy, occupancy_rows, works, works_rows, work_names, tenants, workers, tenant_rows
    )


def _land(series: DashboardSeries, w: Words) -> tuple[Markup, list[tuple[str, str, str, str]]]:
    bars, rows = [], []
    for row in series.land:
        name = w.label(row.status, "statuses") if row.status else w.t("status_unknown")
        color = (w.color(row.status, "statuses") or BAR) if row.status else UNKNOWN_STATUS
        area = w.show("area", row.area.value)
        bars.append(charts.Bar(name, row.area.value, f"{w.t('zones_total', n=row.zones)} · {area}", color))
        reporting = w.t("reporting", n=row.area.matched, reporting=w.show("count", row.area.reporting))
        rows.append((name, w.show("count", row.zones), area, reporting))
    return charts.bars("chart-land", w.t("chart_land"), w.t("chart_land_desc"), bars), rows


def _occupancy(series: DashboardSeries, w: Words) -> tuple[Markup, list[tuple[str, str, str]]]:
    bars, rows = [], []
    for zone in series.zones:
        target = zone.target
        target_text = ""
        if target is not None:
            target_text = w.t("target_in", value=w.show("pct", target.occupancy_pct), year=str(target.year))
        text = w.show("pct", zone.occupancy) + (f" ({target_text})" if target_text else "")
        marker = target.occupancy_pct if target else None
        bars.append(charts.Bar(w.name(zone), zone.occupancy, text, BAR, marker, target_text))
        rows.append((w.name(zone), w.show("pct", zone.occupancy), target_text or "–"))
    chart = charts.bars("chart-occupancy", w.t("chart_occupancy"), w.t("chart_occupancy_desc"), bars, 100)
    return chart, rows


def _works(series: DashboardSeries, w: Words) -> tuple[Markup, list[tuple[str, list[str]]], list[str]]:
    names = [w.label(key, "infrastructure") for key in series.works]
    missing = w.t("not_published")
    cells, rows = [], []
    for zone in series.zones:
        line, texts = [], []
        for state, work in zip(zone.works, names, strict=True):
            where = f"{w.name(zone)} · {work}"
            if state is None:
                line.append(charts.Cell(UNKNOWN_CELL, "?", f"{where}: {missing}", "#33424e"))
                texts.append(missing)
                continue
            label = w.label(state, "infrastructure_states")
            color = w.color(state, "infrastructure_states") or UNKNOWN_STATUS
            line.append(charts.Cell(color, STATE_SYMBOL.get(state, "•"), f"{where}: {label}"))
            texts.append(label)
        cells.append(line)
        rows.append((w.name(zone), texts))
    zone_names = [w.name(zone) for zone in series.zones]
    chart = charts.matrix("chart-works", w.t("chart_works"), w.t("chart_works_desc"), zone_names, names, cells)
    return chart, rows, names


def _tenants(series: DashboardSeries, w: Words) -> tuple[Markup, Markup, list[tuple[str, str, str]]]:
    establishments, workers, rows = [], [], []
    for zone in series.zones:
        est, people = zone.establishments, zone.workers
        establishments.append(charts.Bar(w.name(zone), est, w.show("count", est)))
        workers.append(charts.Bar(w.name(zone), people, w.show("count", people), WORKERS_BAR))
        rows.append((w.name(zone), w.show("count", est), w.show("count", people)))
    tenants = charts.bars("chart-tenants", w.t("chart_tenants"), w.t("chart_tenants_desc"), establishments)
    workers_chart = charts.bars("chart-workers", w.t("chart_workers"), w.t("chart_workers_desc"), workers)
    return tenants, workers_chart, rows
