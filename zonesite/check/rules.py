"""Rules across fields of one zone, run after each field is valid on its own.

Each rule yields ``(field path, message, hint)``; the caller locates them in the file. These are
contradictions a single field cannot see: leased land larger than industrial land, occupancy that
disagrees with the areas, coordinates outside Vietnam, citations of fields that do not exist.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from ..model.registry import known_path
from ..model.zone import Zone

Finding = tuple[tuple[str | int, ...], str, str]
Rule = Callable[[Zone], Iterator[Finding]]

# Rounding in published figures: areas are given to 0.1 ha, rates to whole per cent.
AREA_TOLERANCE_HA = 0.05
OCCUPANCY_TOLERANCE_PCT = 1.5

# Mainland Vietnam and its near-shore islands (Phu Quoc, Con Dao, Ly Son, Co To).
VIETNAM_LAT = (8.3, 23.4)
VIETNAM_LNG = (102.1, 109.5)


def _fmt(value: float) -> str:
    return f"{value:g}"


def area_rules(zone: Zone) -> Iterator[Finding]:
    """Land figures must fit inside each other."""
    a = zone.area
    if (
        a.total_ha is not None
        and a.industrial_land_ha is not None
        and a.industrial_land_ha > a.total_ha + AREA_TOLERANCE_HA
    ):
        yield (
            ("area", "industrial_land_ha"),
            f"{_fmt(a.industrial_land_ha)} is larger than total_ha ({_fmt(a.total_ha)})",
            "",
        )
    limit, limit_name = a.industrial_land_ha, "industrial_land_ha"
    if limit is None:
        limit, limit_name = a.total_ha, "total_ha"
    for name in ("leased_ha", "available_ha"):
        value = getattr(a, name)
        if value is not None and limit is not None and value > limit + AREA_TOLERANCE_HA:
            yield (("area", name), f"{_fmt(value)} is larger than {limit_name} ({_fmt(limit)})", "")
    if None not in (a.leased_ha, a.available_ha, a.industrial_land_ha):
        both = a.leased_ha + a.available_ha  # type: ignore[operator]
        if both > a.industrial_land_ha + AREA_TOLERANCE_HA:  # type: ignore[operator]
            yield (
                ("area", "available_ha"),
                f"leased_ha + available_ha is {_fmt(both)}, larger than industrial_land_ha "
                f"({_fmt(a.industrial_land_ha)})",
                "one of the three figures is wrong",
            )  # type: ignore[arg-type]
    if a.occupancy_pct is not None and a.leased_ha is not None and a.industrial_land_ha:
        computed = 100 * a.leased_ha / a.industrial_land_ha
        if abs(computed - a.occupancy_pct) > OCCUPANCY_TOLERANCE_PCT:
            yield (
                ("area", "occupancy_pct"),
                f"{_fmt(a.occupancy_pct)} disagrees with leased_ha / industrial_land_ha = {computed:.1f}",
                "leave occupancy_pct out and it is computed",
            )


def location_rules(zone: Zone) -> Iterator[Finding]:
    """Coordinates come in pairs and lie in Vietnam."""
    lat, lng = zone.location.lat, zone.location.lng
    if (lat is None) != (lng is None):
        missing = "lng" if lng is None else "lat"
        yield (("location", "lat" if lat is not None else "lng"), f"{missing} is missing; coordinates need both", "")
        return
    if lat is None or lng is None:
        return
    inside = VIETNAM_LAT[0] <= lat <= VIETNAM_LAT[1] and VIETNAM_LNG[0] <= lng <= VIETNAM_LNG[1]
    if not inside:
        swapped = VIETNAM_LAT[0] <= lng <= VIETNAM_LAT[1] and VIETNAM_LNG[0] <= lat <= VIETNAM_LNG[1]
        hint = "lat and lng look swapped" if swapped else "latitude is about 8.3 to 23.4, longitude 102.1 to 109.5"
        yield (("location", "lat"), f"({_fmt(lat)}, {_fmt(lng)}) is outside Vietnam", hint)


def list_rules(zone: Zone) -> Iterator[Finding]:
    """A key listed twice is a copy-paste slip; two occupancy targets for one year contradict."""
    for name in ("industries", "incentives"):
        seen: set[str] = set()
        for index, key in enumerate(getattr(zone, name)):
            if key in seen:
                yield ((name, index), f"'{key}' is listed twice", "delete one")
            seen.add(key)
    years: dict[int, int] = {}
    for index, target in enumerate(zone.targets):
        if target.occupancy_pct is None:
            continue
        if target.year in years:
            yield (
                ("targets", index, "year"),
                f"a second occupancy target for {target.year}",
                f"targets[{years[target.year]}] already sets one",
            )
        years.setdefault(target.year, index)


def citation_rules(zone: Zone, dict_keys: dict[str, set[str]]) -> Iterator[Finding]:
    """Each field a source says it covers must exist."""
    for i, citation in enumerate(zone.sources):
        for j, path in enumerate(citation.covers):
            why = known_path(Zone, path, dict_keys)
            if why:
                yield (("sources", i, "covers", j), why, "")


def file_rules(zone: Zone, static_dirs: list[Path]) -> Iterator[Finding]:
    """Photos and documents named by file must exist under static/ and stay inside it."""
    entries: list[tuple[tuple[str | int, ...], str]] = [
        (("photos", i, "file"), p.file) for i, p in enumerate(zone.photos)
    ]
    entries += [(("documents", i, "file"), d.file) for i, d in enumerate(zone.documents) if d.file]
    for path, name in entries:
        if name.startswith(("/", "\\")) or ".." in Path(name).parts:
            yield (path, f"'{name}' must be a path inside static/", "e.g. images/trang-e.jpg")
        elif not any((folder / name).is_file() for folder in static_dirs):
            yield (path, f"'{name}' was not found under static/", "check the spelling and the folder")


ZONE_RULES: list[Rule] = [area_rules, location_rules, list_rules]


def check_zone(zone: Zone, dict_keys: dict[str, set[str]], static_dirs: list[Path]) -> Iterator[Finding]:
    """Run every cross-field rule on one valid zone."""
    for rule in ZONE_RULES:
        yield from rule(zone)
    yield from citation_rules(zone, dict_keys)
    yield from file_rules(zone, static_dirs)
