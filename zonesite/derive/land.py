"""Land figures with the ones a file leaves out derived from the others.

Free land and occupancy are what investors screen on first; provinces often publish only two of
industrial land, leased land, free land and occupancy, from which the others follow.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.zone import Zone


@dataclass(frozen=True)
class Land:
    """Land figures with the derived ones filled in; ``derived`` names those the engine computed."""

    total_ha: float | None
    industrial_land_ha: float | None
    leased_ha: float | None
    available_ha: float | None
    occupancy_pct: float | None
    derived: frozenset[str] = frozenset()


def derive_land(zone: Zone) -> Land:
    """Fill in industrial, leased, available land and occupancy from whichever two are known."""
    a = zone.area
    industrial, leased, available, occupancy = a.industrial_land_ha, a.leased_ha, a.available_ha, a.occupancy_pct
    derived: set[str] = set()
    if industrial is None and leased is not None and available is not None:
        industrial = leased + available
        derived.add("industrial_land_ha")
    if industrial:
        if leased is None and available is not None:
            leased = max(industrial - available, 0.0)
            derived.add("leased_ha")
        if leased is None and occupancy is not None:
            leased = industrial * occupancy / 100
            derived.add("leased_ha")
        if available is None and leased is not None:
            available = max(industrial - leased, 0.0)
            derived.add("available_ha")
        if occupancy is None and leased is not None:
            occupancy = min(100 * leased / industrial, 100.0)
            derived.add("occupancy_pct")
    return Land(a.total_ha, industrial, _round(leased), _round(available), occupancy, frozenset(derived))


def _round(value: float | None) -> float | None:
    """Derived areas to the hundredth of a hectare, so 60 - 47.3 shows 12.7, not 12.700000000000003."""
    return None if value is None else round(value, 2)
