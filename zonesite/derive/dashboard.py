"""The province dashboard's series: land by status, how full the zones are, where the free land is,
how far infrastructure has got, and who produces there. Computed once, in no language; render draws
and words them.

Every series counts only the zones that report its figure, and says how many do; a series nobody
reports is left out. Series are distributions and top-N lists, never a bar per zone, so the page
stays the same size for ten zones or ten thousand.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from ..model.site import Definition
from ..model.types import Text
from .aggregate import Computed, compute, select
from .zones import ZoneView

TOP = 10  # zones in each top-N list
BANDS = (0.0, 25.0, 50.0, 75.0, 100.0)  # occupancy bands, per cent


@dataclass(frozen=True)
class StatusLand:
    """Zones at one status (None: not published) and the land they cover."""

    status: str | None
    zones: int
    area: Computed


@dataclass(frozen=True)
class Band:
    """Zones whose occupancy lies in ``[low, high)`` (the last band includes 100 %)."""

    low: float
    high: float
    zones: int


@dataclass(frozen=True)
class Ranked:
    """One zone in a top-N list."""

    slug: str
    label: Text
    value: float


@dataclass(frozen=True)
class WorkStates:
    """How many zones report each state of one infrastructure work (states in their defined order)."""

    work: str
    states: list[tuple[str, int]]

    @property
    def reporting(self) -> int:
        return sum(count for _, count in self.states)


@dataclass(frozen=True)
class Series:
    """A top-N list or a distribution, with how many zones report the figure behind it."""

    reporting: int
    rows: list[Ranked]


@dataclass(frozen=True)
class DashboardSeries:
    """Everything the dashboard's charts and tables show."""

    zones: int
    land: list[StatusLand]
    occupancy: list[Band]
    occupancy_reporting: int
    free: Series
    works: list[WorkStates]
    works_reporting: int
    states: list[str]  # the infrastructure states any zone reports, in their defined order
    establishments: Series
    workers: Series


def land_by_status(zones: list[ZoneView], statuses: dict[str, Definition]) -> list[StatusLand]:
    """Each status some zone has, in the definitions' order, then zones without a status."""
    rows = []
    for key in statuses:
        matched = select(zones, status=key)
        if matched:
            rows.append(StatusLand(key, len(matched), compute("total_ha", matched)))
    unknown = [z for z in zones if not z.zone.status]
    if unknown:
        rows.append(StatusLand(None, len(unknown), compute("total_ha", unknown)))
    return rows


def occupancy_bands(zones: list[ZoneView]) -> tuple[list[Band], int]:
    """How many zones fall in each occupancy band, and how many report occupancy at all."""
    values = [v for v in (z.land.occupancy_pct for z in zones) if v is not None]
    bands = []
    for low, high in itertools.pairwise(BANDS):
        last = high == BANDS[-1]
        bands.append(Band(low, high, sum(1 for v in values if low <= v < high or (last and v == high))))
    return bands, len(values)


def top(zones: list[ZoneView], path: str) -> Series:
    """The zones with the largest value of a figure, largest first (ties by slug)."""
    known = [(z, z.value(path)) for z in zones if z.value(path) is not None]
    known.sort(key=lambda pair: (-pair[1], pair[0].slug))
    return Series(len(known), [Ranked(z.slug, z.label, value) for z, value in known[:TOP]])


def work_states(zones: list[ZoneView], defs: dict[str, dict[str, Definition]]) -> tuple[list[WorkStates], int]:
    """For each work some zone reports, how many zones report each state; and how many zones report any."""
    rows = []
    for key in defs["infrastructure"]:
        states = [w.state for w in (z.zone.infrastructure.get(key) for z in zones) if w is not None]
        if states:
            counts = [(state, states.count(state)) for state in defs["infrastructure_states"] if state in states]
            rows.append(WorkStates(key, counts))
    return rows, sum(1 for z in zones if z.zone.infrastructure)


def dashboard(zones: list[ZoneView], defs: dict[str, dict[str, Definition]]) -> DashboardSeries:
    bands, occupancy_reporting = occupancy_bands(zones)
    works, works_reporting = work_states(zones, defs)
    present = {state for row in works for state, _ in row.states}
    return DashboardSeries(
        zones=len(zones),
        land=land_by_status(zones, defs["statuses"]),
        occupancy=bands,
        occupancy_reporting=occupancy_reporting,
        free=top(zones, "area.available_ha"),
        works=works,
        works_reporting=works_reporting,
        states=[state for state in defs["infrastructure_states"] if state in present],
        establishments=top(zones, "tenants.establishments"),
        workers=top(zones, "tenants.workers"),
    )
