"""A zone's fact sheet as sections of facts, each known or not, so a page reads well with what is known.

Real data is patchy: most zones publish a name, status and area, fewer a price, a contact or the
state of each infrastructure work. A section lists the facts a zone publishes; the ones it does not
are named once, in one line, and a section with nothing known is left out and named at the top.
Which fields make a section, and in what order, is read from the registry (``section`` facts on the
zone model), never from a list here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from ..model.registry import FieldSpec, fields
from ..model.site import ExchangeRate
from ..model.types import PartialDate, Text
from ..model.zone import Zone
from .money import convert
from .zones import ZoneView, read

SCALARS = ("text", "string", "number", "integer", "boolean", "date", "key", "choice")


@dataclass(frozen=True)
class Fact:
    """One fact of a zone: its field, value (None or empty when not published), how to show it,
    and the UI string that labels it (the field's path, unless a pair such as coordinates)."""

    path: str
    value: Any
    unit: str
    ref: str | None = None
    derived: bool = False
    label: str = ""
    optional: bool = False  # an extra: not named as missing when absent
    proper: bool = False  # a name: shown as written in another language with no note
    approx: float | None = None  # a sum of money in the other currency, at the site's rate
    approx_unit: str = ""

    @property
    def quantity(self) -> str:
        """What a sum of money measures, whatever its currency: ``/m2`` for ``usd/m2`` and ``vnd/m2``."""
        head, _, rest = self.unit.partition("/")
        return f"money/{rest}" if head in ("usd", "vnd") else self.unit

    @property
    def known(self) -> bool:
        return self.value is not None and self.value != [] and self.value != {}

    @property
    def name(self) -> str:
        return self.path.rpartition(".")[2]


@dataclass
class Section:
    """One section of a fact sheet: its scalar facts (a grid of figures) and its lists and tables,
    the date its figures describe, and whether that date is older than the site allows."""

    key: str
    facts: list[Fact] = field(default_factory=list)
    lists: list[Fact] = field(default_factory=list)
    as_of: PartialDate | None = None
    stale: bool = False

    @property
    def known(self) -> list[Fact]:
        return [f for f in self.facts if f.known]

    @property
    def missing(self) -> list[Fact]:
        """The facts not published, named together in one line; not extras, nor a sum already
        given in another currency."""
        given = {f.quantity for f in self.known if f.quantity.startswith("money/")}
        return [f for f in [*self.facts, *self.lists] if not f.known and not f.optional and f.quantity not in given]

    @property
    def empty(self) -> bool:
        return not any(f.known for f in [*self.facts, *self.lists])

    def has(self, path: str) -> bool:
        return any(f.path == path and f.known for f in self.lists)


@dataclass(frozen=True)
class TargetView:
    """A goal for a year; once the year is over it reads as a past target, beside the latest figure."""

    year: int
    occupancy_pct: float | None
    text: Text | None
    past: bool


@dataclass
class Sheet:
    """Every section of one zone's fact sheet, in the zone model's order."""

    sections: dict[str, Section]

    optional: set[str] = field(default_factory=set)
    targets: list[TargetView] = field(default_factory=list)

    @property
    def hidden(self) -> list[str]:
        """Sections with nothing published, left out; those that are not extras are named near the top."""
        return [key for key, section in self.sections.items() if section.empty and key not in self.optional]

    def __getitem__(self, key: str) -> Section:
        return self.sections[key]


def _unit(spec: FieldSpec) -> str:
    return spec.unit.name if spec.unit is not None else spec.kind


def _fact(view: ZoneView, spec: FieldSpec, province: Text) -> Fact:
    figure = view.figures.get(spec.dotted)
    if figure is not None:
        value, derived = figure.value, figure.derived
    else:
        value, derived = read(view.zone, spec.path), False
    if spec.dotted == "location.province" and value is None:
        value = province  # a zone lies in the site's province unless it says otherwise
    return Fact(
        spec.dotted,
        value,
        _unit(spec),
        spec.ref,
        derived,
        label=spec.dotted,
        optional=spec.facts.optional,
        proper=spec.facts.proper,
    )


def _coordinates(view: ZoneView) -> Fact:
    """Latitude and longitude read as one fact: a place on a map."""
    loc = view.zone.location
    value = (loc.lat, loc.lng) if loc.lat is not None and loc.lng is not None else None
    return Fact("location.lat", value, "coordinates", label="coordinates")


def _add(section: Section, view: ZoneView, spec: FieldSpec, province: Text) -> None:
    """Add a top-level field to its section: a group's own facts, or the field itself."""
    if spec.kind == "group" and spec.group is not None:
        for inner in fields(spec.group):
            _add_one(section, view, replace(inner, path=(*spec.path, *inner.path)), province)
        return
    _add_one(section, view, spec, province)


def _in_both(section: Section, rate: ExchangeRate | None) -> None:
    """Each sum given in one currency only gets its value in the other, marked approximate."""
    if rate is None:
        return
    given = {f.quantity for f in section.known if f.unit.partition("/")[0] == "usd"}
    both = {f.quantity for f in section.known if f.unit.partition("/")[0] == "vnd"} & given
    for index, f in enumerate(section.facts):
        if f.known and f.quantity.startswith("money") and f.quantity not in both:
            value, unit = convert(f.value, f.unit, rate)
            section.facts[index] = replace(f, approx=value, approx_unit=unit)


def _add_one(section: Section, view: ZoneView, spec: FieldSpec, province: Text) -> None:
    if not spec.facts.label or spec.facts.prose or spec.facts.aside:
        return  # prose is shown as text when written; asides qualify other figures
    if spec.dotted == "location.lng":
        return  # read with the latitude
    if spec.dotted == "location.lat":
        section.facts.append(_coordinates(view))
    elif spec.kind in SCALARS:
        section.facts.append(_fact(view, spec, province))
    else:
        section.lists.append(Fact(spec.dotted, read(view.zone, spec.path), spec.kind, spec.ref, label=spec.dotted))


def fact_sheet(
    view: ZoneView, province: Text, today: dt.date, freshness_days: int, rate: ExchangeRate | None = None
) -> Sheet:
    """The zone's fact sheet: each top-level field the registry places in a section, in order.

    ``today`` is the site's data date (its latest check against a source), so the same files always
    give the same pages: a target before that year is past; figures older than ``freshness_days``
    before it are marked as possibly out of date.
    """
    sections: dict[str, Section] = {}
    optional = set()
    for spec in fields(Zone):
        key = spec.facts.section
        if key is not None:
            section = sections.setdefault(key, Section(key))
            _add(section, view, spec, province)
            _date(section, view, spec, today, freshness_days)
            _in_both(section, rate)
            if spec.facts.optional:
                optional.add(key)
    targets = [
        TargetView(t.year, t.occupancy_pct, t.text, t.year < today.year)
        for t in sorted(view.zone.targets, key=lambda t: t.year)
    ]
    return Sheet(sections, optional, targets)


def _date(section: Section, view: ZoneView, spec: FieldSpec, today: dt.date, freshness_days: int) -> None:
    """When a group's figures were true: its own ``as_of`` field, else the newest source covering it."""
    if spec.kind != "group" or spec.group is None or section.as_of is not None:
        return
    own = next(
        (read(view.zone, (*spec.path, f.name)) for f in fields(spec.group) if f.facts.aside and f.kind == "date"), None
    )
    dates = [c.published for c in view.citations if c.published and view.covers(c, spec.dotted)]
    when = own or (max(dates) if dates else None)
    if when is not None and any(f.known for f in section.facts):
        section.as_of = when
        section.stale = when.as_date() < today - dt.timedelta(days=freshness_days)
