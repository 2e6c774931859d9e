"""Province figures computed from zone files, filtered by type and stage.

A sum only counts zones that publish the figure, and says how many did: "362.6 ha from 6 of 9
zones" is honest where "362.6 ha" alone would pass a partial sum off as the province total. Which
figures add up, and how, is read from the field registry (``metric`` facts on the zone model).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model.registry import metrics
from ..model.zone import Zone
from .zones import ZoneView

ZONES = "zones"  # the one metric that is not a field: how many zones match


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
    """What a metric counts: ``ha`` for ``total_ha``, ``count`` for zones."""
    spec = metrics(Zone).get(metric)
    return spec.unit.name if spec is not None and spec.unit is not None else "count"


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
    if metric == ZONES:
        return Computed(len(zones), len(zones), len(zones))
    spec = metrics(Zone)[metric]
    if spec.facts.rate_of is not None:
        part, whole = (metrics(Zone)[name].dotted for name in spec.facts.rate_of)
        return _rate(part, whole, zones)
    values = [z.value(spec.dotted) for z in zones]
    known = [v for v in values if v is not None]
    return Computed(sum(known) if known else None, len(known), len(zones))


def _rate(part: str, whole: str, zones: list[ZoneView]) -> Computed:
    """A rate in per cent over the zones that report both figures, weighted by the whole."""
    both = [z for z in zones if z.value(part) is not None and z.value(whole)]
    if not both:
        return Computed(None, 0, len(zones))
    return Computed(
        100 * sum(z.value(part) or 0 for z in both) / sum(z.value(whole) or 0 for z in both), len(both), len(zones)
    )
