"""Rules across fields of one zone, run after each field is valid on its own.

Each rule yields ``(field path, message, hint)``; the caller locates them in the file. These are
contradictions a single field cannot see: leased land larger than industrial land, occupancy that
disagrees with the areas, coordinates outside the site's country, citations of fields that do not exist.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..i18n import _, language
from ..model.countries import DEFAULT, boxes, country_name, inside
from ..model.registry import known_path, static_files
from ..model.types import inside_folder
from ..model.zone import Zone

Finding = tuple[tuple[str | int, ...], str, str]
Rule = Callable[[Zone], Iterator[Finding]]

# Rounding in published figures: areas are given to 0.1 ha, rates to whole per cent.
AREA_TOLERANCE_HA = 0.05
OCCUPANCY_TOLERANCE_PCT = 1.5


def _fmt(value: float) -> str:
    return f"{value:g}"


def _larger(value: float, field: str, limit: float) -> str:
    # Translators: {value} is a figure in hectares; {field} the field it must not exceed, e.g. total_ha,
    # and {limit} that field's figure.
    return _("{value} is larger than {field} ({limit})").format(value=_fmt(value), field=field, limit=_fmt(limit))


def area_rules(zone: Zone) -> Iterator[Finding]:
    """Land figures must fit inside each other."""
    a = zone.area
    if (
        a.total_ha is not None
        and a.industrial_land_ha is not None
        and a.industrial_land_ha > a.total_ha + AREA_TOLERANCE_HA
    ):
        yield (("area", "industrial_land_ha"), _larger(a.industrial_land_ha, "total_ha", a.total_ha), "")
    limit, limit_name = a.industrial_land_ha, "industrial_land_ha"
    if limit is None:
        limit, limit_name = a.total_ha, "total_ha"
    for name in ("leased_ha", "available_ha"):
        value = getattr(a, name)
        if value is not None and limit is not None and value > limit + AREA_TOLERANCE_HA:
            yield (("area", name), _larger(value, limit_name, limit), "")
    if None not in (a.leased_ha, a.available_ha, a.industrial_land_ha):
        both = a.leased_ha + a.available_ha  # type: ignore[operator]
        if both > a.industrial_land_ha + AREA_TOLERANCE_HA:  # type: ignore[operator]
            # Translators: {total} is leased_ha + available_ha; {limit} is industrial_land_ha, in hectares.
            message = _("leased_ha + available_ha is {total}, larger than industrial_land_ha ({limit})")
            yield (
                ("area", "available_ha"),
                message.format(total=_fmt(both), limit=_fmt(a.industrial_land_ha)),  # type: ignore[arg-type]
                _("one of the three figures is wrong"),
            )
    if a.occupancy_pct is not None and a.leased_ha is not None and a.industrial_land_ha:
        computed = 100 * a.leased_ha / a.industrial_land_ha
        if abs(computed - a.occupancy_pct) > OCCUPANCY_TOLERANCE_PCT:
            # Translators: {value} is the occupancy rate given, in per cent; {computed} the rate the areas give.
            message = _("{value} disagrees with leased_ha / industrial_land_ha = {computed}")
            yield (
                ("area", "occupancy_pct"),
                message.format(value=_fmt(a.occupancy_pct), computed=f"{computed:.1f}"),
                _("leave occupancy_pct out and it is computed"),
            )


def location_rules(zone: Zone, country: str = DEFAULT) -> Iterator[Finding]:
    """Coordinates come in pairs and lie in the site's country (its bounding box)."""
    lat, lng = zone.location.lat, zone.location.lng
    if (lat is None) != (lng is None):
        missing = "lng" if lng is None else "lat"
        # Translators: {field} is lat or lng.
        message = _("{field} is missing; coordinates need both").format(field=missing)
        yield (("location", "lat" if lat is not None else "lng"), message, "")
        return
    if lat is None or lng is None:
        return
    box = boxes().get(country)
    if box is None or inside(box, lat, lng):
        return
    west, south, east, north = box
    if inside(box, lng, lat):
        hint = _("lat and lng look swapped")
    else:
        # Translators: the ranges of latitude and longitude inside the site's country, in degrees.
        hint = _("latitude is about {south} to {north}, longitude {west} to {east}").format(
            south=_fmt(south), north=_fmt(north), west=_fmt(west), east=_fmt(east)
        )
    name = country_name(country, language())
    # Translators: {lat} and {lng} are the coordinates given, in decimal degrees; {country} the site's country.
    message = _("({lat}, {lng}) is outside {country}").format(lat=_fmt(lat), lng=_fmt(lng), country=name)
    yield (("location", "lat"), message, hint)


def list_rules(zone: Zone) -> Iterator[Finding]:
    """A key listed twice is a copy-paste slip; two occupancy targets for one year contradict."""
    for name in ("industries", "incentives"):
        seen: set[str] = set()
        for index, key in enumerate(getattr(zone, name)):
            if key in seen:
                # Translators: {key} is a key as written in the list, e.g. food.
                yield ((name, index), _("'{key}' is listed twice").format(key=key), _("delete one"))
            seen.add(key)
    years: dict[int, int] = {}
    for index, target in enumerate(zone.targets):
        if target.occupancy_pct is None:
            continue
        if target.year in years:
            yield (
                ("targets", index, "year"),
                _("a second occupancy target for {year}").format(year=target.year),
                # Translators: {index} counts the targets from 0; keep targets[{index}] as written.
                _("targets[{index}] already sets one").format(index=years[target.year]),
            )
        years.setdefault(target.year, index)


def citation_rules(zone: Zone, dict_keys: dict[str, set[str]]) -> Iterator[Finding]:
    """Each field a source says it covers must exist."""
    for i, citation in enumerate(zone.sources):
        for j, path in enumerate(citation.covers):
            why = known_path(Zone, path, dict_keys)
            if why:
                yield (("sources", i, "covers", j), why, "")


def file_rules(record: BaseModel, static_dirs: list[Path]) -> Iterator[Finding]:
    """Every file a zone or site.yaml names under static/ (the fields typed
    :data:`~zonesite.model.types.StaticFile`) must exist there and stay inside it: a link in
    static/ that leads out of it would publish a file of the computer the site is built on."""
    for spec in static_files(type(record)):
        for loc, name in _values(record, spec.path):
            if isinstance(name, str) and inside_folder(name):
                found = _static_problem(name, static_dirs)
                if found:
                    yield (loc, *found)


def _values(value: Any, path: tuple[str, ...], loc: tuple[str | int, ...] = ()) -> Iterator[tuple[Any, Any]]:
    """``(location, value)`` of every value at the dotted ``path`` (without list indexes or keyed
    sections' keys) inside ``value``."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield from _values(item, path, (*loc, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _values(item, path, (*loc, key))
    elif not path:
        yield loc, value
    elif isinstance(value, BaseModel):
        yield from _values(getattr(value, path[0]), path[1:], (*loc, path[0]))


def _static_problem(name: str, static_dirs: list[Path]) -> tuple[str, str] | None:
    """Why ``name`` cannot be published from the static folders, or None when it can."""
    for folder in static_dirs:
        path = folder / name
        if not _is_file(path):
            continue
        return None if path.resolve().is_relative_to(folder.resolve()) else leads_out(name)
    return _("'{file}' was not found under static/").format(file=name), _("check the spelling and the folder")


def leads_out(name: str) -> tuple[str, str]:
    """The message and hint for a file in static/ that is a link to a file outside it."""
    # Translators: {file} is the path as written; it is a link to a file outside static/.
    message = _("'{file}' leads outside static/").format(file=name)
    return message, _("copy the file into static/ instead of linking to it")


def _is_file(path: Path) -> bool:
    """Whether ``path`` is a file; a name the system refuses (too long...) is none."""
    try:
        return path.is_file()
    except OSError:
        return False


ZONE_RULES: list[Rule] = [area_rules, list_rules]


def check_zone(
    zone: Zone, dict_keys: dict[str, set[str]], static_dirs: list[Path], country: str = DEFAULT
) -> Iterator[Finding]:
    """Run every cross-field rule on one valid zone (coordinates against the site's ``country``)."""
    for rule in ZONE_RULES:
        yield from rule(zone)
    yield from location_rules(zone, country)
    yield from citation_rules(zone, dict_keys)
    yield from file_rules(zone, static_dirs)
