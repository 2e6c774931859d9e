"""Each zone as every page sees it: derived land figures, numbered sources, infrastructure checklist.

Sources are numbered per zone so each figure can show its footnote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model.registry import walked
from ..model.site import Definition, Source
from ..model.types import ANY_LANGUAGE, PartialDate, Text
from ..model.zone import Work, Zone
from ..source.files import Source as LoadedSource
from ..source.parse import Document
from .land import Land, derive_land


@dataclass(frozen=True)
class Citation:
    """A numbered source on a fact sheet."""

    number: int
    title: Text
    publisher: Text | None
    url: str | None
    published: PartialDate | None
    checked: PartialDate | None
    covers: tuple[str, ...]


@dataclass(frozen=True)
class Figure:
    """One figure of a zone: its field, its value (None: not published), what it counts, and
    whether the engine derived it from the zone's other figures."""

    path: str
    value: Any
    unit: str
    derived: bool = False
    labelled: bool = False

    @property
    def known(self) -> bool:
        return self.value is not None

    @property
    def group(self) -> str:
        return self.path.rpartition(".")[0]


@dataclass
class ZoneView:
    """A zone as every template sees it."""

    slug: str
    file: str
    doc: Document
    zone: Zone
    land: Land
    description: Text | None
    citations: list[Citation]
    status_order: int | None
    infrastructure: list[tuple[str, Definition, Work | None]]
    states: dict[str, Definition] = field(default_factory=dict)
    figures: dict[str, Figure] = field(default_factory=dict)

    def value(self, path: str) -> Any:
        """The value of a figure (derived where the file leaves it out), or None."""
        figure = self.figures.get(path)
        return figure.value if figure else None

    @property
    def name(self) -> Text:
        return self.zone.name

    @property
    def label(self) -> Text:
        return self.zone.short_name or self.zone.name

    @property
    def last_checked(self) -> PartialDate | None:
        dates = [c.checked for c in self.citations if c.checked]
        return max(dates) if dates else None

    @property
    def ready_works(self) -> int:
        return sum(1 for _, d, w in self.infrastructure if w is not None and self._ready(w))

    @property
    def known_works(self) -> int:
        return sum(1 for _, _, w in self.infrastructure if w is not None)

    def _ready(self, work: Work) -> bool:
        return bool(self.states.get(work.state) and self.states[work.state].ready)

    def cite(self, path: str) -> list[int]:
        """Footnote numbers of the sources covering ``path`` or a section containing it."""
        return [c.number for c in self.citations if self.covers(c, path)]

    @staticmethod
    def covers(citation: Citation, path: str) -> bool:
        """Whether a source covers ``path``: the field itself, a section containing it, or a part of it."""
        parts = path.split(".")
        prefixes = {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
        return bool(prefixes & set(citation.covers)) or any(c.startswith(path + ".") for c in citation.covers)


def derive_zone(
    source: LoadedSource,
    zone: Zone,
    body: Text | None,
    defs: dict[str, dict[str, Definition]],
    sources: dict[str, Source],
) -> ZoneView:
    """The zone with its derived land figures, numbered sources and infrastructure checklist."""
    citations = []
    for number, c in enumerate(zone.sources, start=1):
        shared = sources.get(c.ref) if c.ref else None
        citations.append(
            Citation(
                number=number,
                title=c.title or (shared.title if shared else Text({ANY_LANGUAGE: c.ref or ""})),
                publisher=c.publisher or (shared.publisher if shared else None),
                url=c.url or (shared.url if shared else None),
                published=c.published or (shared.published if shared else None),
                checked=c.checked or (shared.checked if shared else None),
                covers=tuple(c.covers),
            )
        )
    status = defs["statuses"].get(zone.status) if zone.status else None
    works = [(key, definition, zone.infrastructure.get(key)) for key, definition in defs["infrastructure"].items()]
    land = derive_land(zone)
    return ZoneView(
        slug=source.path.stem,
        file=source.file,
        doc=source.doc,
        zone=zone,
        land=land,
        description=body or zone.description,
        citations=citations,
        status_order=status.order if status else None,
        infrastructure=works,
        states=defs["infrastructure_states"],
        figures=zone_figures(zone, land),
    )


def zone_figures(zone: Zone, land: Land) -> dict[str, Figure]:
    """Every figure field of the zone (a unit or a label in the registry), derived ones filled in."""
    figures = {}
    for spec in walked(Zone):
        if spec.kind in ("group", "groups", "texts", "keys", "keyed") or (spec.unit is None and not spec.facts.label):
            continue
        derived = spec.facts.derivable and spec.name in land.derived
        value = getattr(land, spec.name) if spec.facts.derivable else read(zone, spec.path)
        unit = spec.unit.name if spec.unit else spec.kind
        figures[spec.dotted] = Figure(spec.dotted, value, unit, derived, bool(spec.facts.label))
    return figures


def read(value: Any, path: tuple[str, ...]) -> Any:
    """The value under ``path`` in a model, None where a group on the way is missing."""
    for part in path:
        if value is None:
            return None
        value = getattr(value, part, None)
    return value
