"""Map points: where each zone with coordinates goes on a map, and what its marker says."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.site import Definition
from ..model.types import Text
from .zones import ZoneView

UNKNOWN_COLOR = "#ffffff"  # a zone whose status is not published: a hollow marker, unlike every stage


@dataclass(frozen=True)
class MapPoint:
    """One marker, in no language yet: the render stage names and formats it for each reader."""

    slug: str
    name: Text
    lat: float
    lng: float
    approximate: bool
    status: Definition | None
    color: str
    free: float | None


def map_point(view: ZoneView, statuses: dict[str, Definition]) -> MapPoint | None:
    """The zone's marker, or None when it has no coordinates."""
    loc = view.zone.location
    if loc.lat is None or loc.lng is None:
        return None
    status = statuses.get(view.zone.status or "")
    color = (status.color if status else None) or UNKNOWN_COLOR
    return MapPoint(view.slug, view.name, loc.lat, loc.lng, loc.approximate, status, color, view.land.available_ha)


def map_points(zones: list[ZoneView], statuses: dict[str, Definition]) -> dict[str, MapPoint]:
    """Every zone's marker by slug, in the zones' order; zones without coordinates are left out."""
    points = {view.slug: map_point(view, statuses) for view in zones}
    return {slug: point for slug, point in points.items() if point is not None}
