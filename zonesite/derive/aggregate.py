"""Province figures computed from zone files, filtered by type and stage.

A sum only counts zones that publish the figure, and says how many did: "362.6 ha from 6 of 9
zones" is honest where "362.6 ha" alone would pass a partial sum off as the province total.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .zones import ZoneView

LAND = ("total_ha", "industrial_land_ha", "leased_ha", "available_ha")
TENANTS = (
    "establishments",
    "fdi_projects",
    "domestic_projects",
    "workers",
    "registered_capital_vnd",
    "registered_capital_usd",
)
UNITS = {
    "zones": "count",
    "occupancy_pct": "pct",
    "registered_capital_vnd": "vnd",
    "registered_capital_usd": "usd",
    **{m: "ha" for m in LAND},
}


@dataclass(frozen=True)
class Computed:
    """A figure computed from zone files, with how many of the matched zones report it."""

    value: float | None
    reporting: int
    matched: int

    @property
    def complete(self) -> bool:
        return self.reporting == self.matched


def unit_of(metric: str) -> str:
    return UNITS.get(metric, "count")


def select(
    zones: Iterable[ZoneView], type: str | None = None, status: str | None = None, min_order: int | None = None
) -> list[ZoneView]:
    """Zones of a type, with a status, or at a stage or later (``min_order``)."""
    return [
        z
        for z in zones
        if (type is None or z.zone.type == type)
        and (status is None or z.zone.status == status)
        and (min_order is None or (z.status_order or 0) >= min_order)
    ]


def compute(metric: str, zones: list[ZoneView]) -> Computed:
    """Sum, count or rate ``metric`` over ``zones``."""
    if metric == "zones":
        return Computed(len(zones), len(zones), len(zones))
    if metric == "occupancy_pct":
        both = [z for z in zones if z.land.leased_ha is not None and z.land.industrial_land_ha]
        if not both:
            return Computed(None, 0, len(zones))
        leased = sum(z.land.leased_ha or 0 for z in both)
        land = sum(z.land.industrial_land_ha or 0 for z in both)
        return Computed(100 * leased / land, len(both), len(zones))
    values = [_value(z, metric) for z in zones]
    known = [v for v in values if v is not None]
    return Computed(sum(known) if known else None, len(known), len(zones))


def _value(zone: ZoneView, metric: str) -> float | None:
    if metric in LAND:
        return getattr(zone.land, metric)
    if metric in TENANTS:
        return getattr(zone.zone.tenants, metric)
    raise KeyError(metric)
