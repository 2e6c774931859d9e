"""The province dashboard's series: land by status, occupancy against target, infrastructure by
zone and work, tenants and workers. Computed once, in no language; render draws and words them."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.site import Definition
from ..model.types import Text
from ..model.zone import Target
from .aggregate import Computed, compute, select
from .zones import ZoneView


@dataclass(frozen=True)
class StatusLand:
    """Zones at one status (None: not published) and the land they cover."""

    status: str | None
    zones: int
    area: Computed


@dataclass(frozen=True)
class ZoneSeries:
    """One zone's values in the per-zone charts."""

    label: Text
    occupancy: float | None
    target: Target | None
    works: list[str | None]  # the state of each defined work, None where not published
    establishments: int | None
    workers: int | None


@dataclass(frozen=True)
class DashboardSeries:
    """Everything the dashboard's charts and tables show."""

    land: list[StatusLand]
    works: list[str]  # keys of the defined infrastructure works, in order
    zones: list[ZoneSeries]


def _latest_target(view: ZoneView) -> Target | None:
    """The occupancy target for the latest year, if the zone sets one."""
    targets = [tg for tg in view.zone.targets if tg.occupancy_pct is not None]
    return max(targets, key=lambda tg: tg.year) if targets else None


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


def zone_series(view: ZoneView) -> ZoneSeries:
    tenants = view.zone.tenants
    return ZoneSeries(
        label=view.label,
        occupancy=view.land.occupancy_pct,
        target=_latest_target(view),
        works=[work.state if work else None for _, _, work in view.infrastructure],
        establishments=tenants.establishments,
        workers=tenants.workers,
    )


def dashboard(zones: list[ZoneView], defs: dict[str, dict[str, Definition]]) -> DashboardSeries:
    return DashboardSeries(
        land=land_by_status(zones, defs["statuses"]),
        works=list(defs["infrastructure"]),
        zones=[zone_series(view) for view in zones],
    )
