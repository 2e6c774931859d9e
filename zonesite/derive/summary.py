"""The province at a glance: totals computed from zone files, and the plan's published figures
beside their computed counterparts."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.registry import metrics
from ..model.site import Definition, PublishedFigure, SiteConfig, Source
from ..model.zone import Zone
from .aggregate import ZONES, Computed, compute, select, unit_of
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


@dataclass(frozen=True)
class Tile:
    """A province figure on the home page: what it counts, its UI string, its unit, its value."""

    metric: str
    label: str
    unit: str
    computed: Computed


@dataclass
class Summary:
    """The province at a glance, computed from zone files alone."""

    by_type_status: dict[str, dict[str, int]]
    tiles: list[Tile]
    statuses: list[str]
    has_unknown: bool


def tiles(zones: list[ZoneView]) -> list[Tile]:
    """The number of zones, then each metric the registry marks as a home-page tile that some zone reports."""
    first = Tile(ZONES, "zones_heading", "count", compute(ZONES, zones))
    rest = [Tile(name, spec.dotted, unit_of(name), compute(name, zones)) for name, spec in metrics(Zone).items()]
    shown = [tile for tile in rest if metrics(Zone)[tile.metric].facts.tile and tile.computed.reporting]
    return [first, *shown]  # a figure no zone reports is not a tile


def summarize(zones: list[ZoneView], defs: dict[str, dict[str, Definition]]) -> Summary:
    matrix: dict[str, dict[str, int]] = {}
    for z in zones:
        row = matrix.setdefault(z.zone.type, {})
        key = z.zone.status or ""
        row[key] = row.get(key, 0) + 1
    ordered = {t: matrix[t] for t in defs["zone_types"] if t in matrix}
    present = {z.zone.status for z in zones}
    statuses = [key for key in defs["statuses"] if key in present]
    return Summary(ordered, tiles(zones), statuses, None in present)
