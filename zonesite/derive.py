"""Stage 3: compute what the files imply but do not say, so every page sees one consistent site.

Free land and occupancy are derived from the other land figures (and marked as computed); sources
are numbered per zone so each figure can show its footnote; plan figures get their counterparts
computed from zone files; content pages are gathered per language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .aggregate import Computed, compute, select, unit_of
from .load import Source as LoadedSource
from .model.site import Definition, PublishedFigure, SiteConfig, Source
from .model.types import ANY_LANGUAGE, PartialDate, Text
from .model.zone import Work, Zone
from .strings import Strings
from .yamlsource import Document


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


@dataclass(frozen=True)
class Citation:
    """A numbered source on a fact sheet."""

    number: int
    title: Text
    publisher: str | None
    url: str | None
    published: PartialDate | None
    checked: PartialDate | None
    covers: tuple[str, ...]


@dataclass
class ZoneView:
    """A zone as every template sees it."""

    slug: str
    file: str
    doc: Document
    zone: Zone
    land: Land
    description: Text | None
    description_line: int
    citations: list[Citation]
    status_order: int | None
    infrastructure: list[tuple[str, Definition, Work | None]]
    states: dict[str, Definition] = field(default_factory=dict)

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
        parts = path.split(".")
        prefixes = {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
        return [c.number for c in self.citations if prefixes & set(c.covers)]


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
    return ZoneView(
        slug=source.path.stem,
        file=source.file,
        doc=source.doc,
        zone=zone,
        land=derive_land(zone),
        description=body or zone.description,
        description_line=source.body_line,
        citations=citations,
        status_order=status.order if status else None,
        infrastructure=works,
        states=defs["infrastructure_states"],
    )


@dataclass
class PageView:
    """A content page in every language it is written in."""

    slug: str
    title: Text
    description: Text | None
    body: Text
    nav: int | None
    template: str
    files: dict[str, str]
    date: PartialDate | None = None

    @property
    def path(self) -> str:
        return f"{self.slug}/"

    @property
    def is_news(self) -> bool:
        return self.slug.startswith("news/")


@dataclass
class FigureRow:
    """A published plan figure beside the same figure computed from zone files."""

    figure: PublishedFigure
    unit: str
    computed: Computed | None
    source: Source | None

    @property
    def difference(self) -> float | None:
        if self.computed is None or self.computed.value is None:
            return None
        return self.computed.value - self.figure.value


def plan_rows(config: SiteConfig, zones: list[ZoneView], defs: dict[str, dict[str, Definition]]) -> list[FigureRow]:
    """Rows for the province-at-a-glance table."""
    if config.plan is None:
        return []
    rows = []
    for figure in config.plan.figures:
        computed = None
        if figure.metric:
            min_order = defs["statuses"][figure.status_from].order if figure.status_from else None
            matched = select(zones, figure.type, figure.status, min_order)
            computed = compute(figure.metric, matched)
        source_key = figure.source or config.plan.source
        rows.append(
            FigureRow(
                figure,
                figure.unit or unit_of(figure.metric or ""),
                computed,
                config.sources.get(source_key) if source_key else None,
            )
        )
    return rows


@dataclass
class Summary:
    """The province at a glance, computed from zone files alone."""

    by_type_status: dict[str, dict[str, int]]
    totals: dict[str, Computed]
    statuses: list[str]
    has_unknown: bool


def summarize(zones: list[ZoneView], defs: dict[str, dict[str, Definition]]) -> Summary:
    matrix: dict[str, dict[str, int]] = {}
    for z in zones:
        row = matrix.setdefault(z.zone.type, {})
        key = z.zone.status or ""
        row[key] = row.get(key, 0) + 1
    ordered = {t: matrix[t] for t in defs["zone_types"] if t in matrix}
    metrics = (
        "zones",
        "total_ha",
        "industrial_land_ha",
        "leased_ha",
        "available_ha",
        "occupancy_pct",
        "establishments",
        "workers",
    )
    present = {z.zone.status for z in zones}
    statuses = [key for key in defs["statuses"] if key in present]
    return Summary(ordered, {m: compute(m, zones) for m in metrics}, statuses, None in present)


@dataclass
class DerivedSite:
    """Everything the templates need, computed once before any page is rendered."""

    root: Path
    config: SiteConfig
    defs: dict[str, dict[str, Definition]]
    zones: list[ZoneView]
    pages: list[PageView]
    strings: Strings
    rows: list[FigureRow]
    summary: Summary
    template_dirs: list[Path]
    static_dirs: list[Path]
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def languages(self) -> list[str]:
        return self.config.languages

    @property
    def news(self) -> list[PageView]:
        """News pages (content/news/), newest first."""
        items = [p for p in self.pages if p.is_news]
        return sorted(items, key=lambda p: (p.date.as_date() if p.date else None, p.slug), reverse=True)

    def zone(self, slug: str) -> ZoneView:
        return next(z for z in self.zones if z.slug == slug)
