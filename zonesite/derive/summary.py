"""The province at a glance: totals computed from zone files, and the plan's published figures
beside their computed counterparts."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.site import Definition, PublishedFigure, SiteConfig, Source
from .aggregate import Computed, compute, select, unit_of
from .zones import ZoneView


@dataclass
class FigureRow:
    """A published plan figure beside the same figure computed from zone files."""

    figure: PublishedFigure
    unit: str
    computed: Computed | None
    source: Source | None

    @property
    def difference(self) -> float | None:
        if self.computed is None or self.computed.value is None:
            return None
        return self.computed.value - self.figure.value


def plan_rows(config: SiteConfig, zones: list[ZoneView], defs: dict[str, dict[str, Definition]]) -> list[FigureRow]:
    """Rows for the province-at-a-glance table."""
    if config.plan is None:
        return []
    rows = []
    for figure in config.plan.figures:
        computed = None
        if figure.metric:
            min_order = defs["statuses"][figure.status_from].order if figure.status_from else None
            matched = select(zones, figure.type, figure.status, min_order)
            computed = compute(figure.metric, matched)
        source_key = figure.source or config.plan.source
        rows.append(
            FigureRow(
                figure,
                figure.unit or unit_of(figure.metric or ""),
                computed,
                config.sources.get(source_key) if source_key else None,
            )
        )
    return rows


@dataclass
class Summary:
    """The province at a glance, computed from zone files alone."""

    by_type_status: dict[str, dict[str, int]]
    totals: dict[str, Computed]
    statuses: list[str]
    has_unknown: bool


def summarize(zones: list[ZoneView], defs: dict[str, dict[str, Definition]]) -> Summary:
    matrix: dict[str, dict[str, int]] = {}
    for z in zones:
        row = matrix.setdefault(z.zone.type, {})
        key = z.zone.status or ""
        row[key] = row.get(key, 0) + 1
    ordered = {t: matrix[t] for t in defs["zone_types"] if t in matrix}
    metrics = (
        "zones",
        "total_ha",
        "industrial_land_ha",
        "leased_ha",
        "available_ha",
        "occupancy_pct",
        "establishments",
        "workers",
    )
    present = {z.zone.status for z in zones}
    statuses = [key for key in defs["statuses"] if key in present]
    return Summary(ordered, {m: compute(m, zones) for m in metrics}, statuses, None in present)
