"""The derived site: everything templates and output need, computed once before any page is rendered."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..check import CheckedSite, CheckedZone, PageView, Strings
from ..model.site import Definition, SiteConfig
from .columns import DataColumn, data_columns
from .contacts import Reach, reach
from .dashboard import DashboardSeries, dashboard
from .listing import Filters, Row, filters, listing_row, reported
from .mapping import MapPoint, map_points
from .sheet import Sheet, fact_sheet
from .summary import FigureRow, Summary, plan_rows, summarize
from .zones import ZoneView, derive_zone


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
    filters: Filters
    listing: dict[str, Row]  # each zone's listing row, by slug
    reported: set[str]  # the listing's figures at least one zone reports
    map_points: dict[str, MapPoint]  # each mapped zone's marker, by slug
    dashboard: DashboardSeries
    data_columns: list[DataColumn]  # the open data files' columns, as the data page explains them
    sheets: Mapping[str, Sheet]  # each zone's fact sheet, by slug (made when first asked for)
    reach: dict[str, Reach]  # the quickest way to ask about each zone, by slug
    data_date: dt.date  # the latest check of any figure against its source: the site's "today"

    @property
    def languages(self) -> list[str]:
        return self.config.languages

    @property
    def listing_key(self) -> tuple[object, ...]:
        """What every listing page shows besides its own rows: the filters' choices and the columns."""
        return (self.filters.key(), tuple(sorted(self.reported)))

    @property
    def fallbacks(self) -> list[str]:
        """Where a text missing in the reader's language is looked for, in order: the site's
        declared ``fallback`` (which may name a language it does not publish, such as English
        texts on a Japanese-only site), else its languages."""
        return self.config.fallback or self.config.languages

    @property
    def news(self) -> list[PageView]:
        """News pages (content/news/), newest first."""
        items = [p for p in self.pages if p.is_news]
        return sorted(items, key=lambda p: (p.date.as_date() if p.date else None, p.slug), reverse=True)


def latest_check(views: list[ZoneView], config: SiteConfig) -> dt.date:
    """The newest date any figure was checked against a source. Pages tell time against it rather
    than the day of the build, so the same files always give the same pages."""
    dates = [c.checked.as_date() for v in views for c in v.citations if c.checked]
    dates += [s.checked.as_date() for s in config.sources.values() if s.checked]
    return max(dates, default=dt.date(2000, 1, 1))


class Sheets(Mapping[str, Sheet]):
    """Fact sheets made on first use: a preview that re-renders one zone makes one sheet, and a
    build's render workers each make the sheets of the pages they render, side by side."""

    def __init__(self, views: list[ZoneView], make: Callable[[ZoneView], Sheet]) -> None:
        self._views = {v.slug: v for v in views}
        self._make = make
        self._made: dict[str, Sheet] = {}

    def __getitem__(self, slug: str) -> Sheet:
        if slug not in self._made:
            self._made[slug] = self._make(self._views[slug])
        return self._made[slug]

    def __iter__(self) -> Iterator[str]:
        return iter(self._views)

    def __len__(self) -> int:
        return len(self._views)


@dataclass(frozen=True)
class Derived:
    """What is derived from one zone file and site.yaml alone: its view, listing row and contact."""

    view: ZoneView
    row: Row
    reach: Reach


# Each zone's derivation from the last run, reused while the checked zone is the very object the
# check reused (its file unchanged) and site.yaml (definitions, sources, languages, authority) is
# unchanged: serve derives again after every save, and a save changes one zone of thousands.
_derived: dict[str, tuple[CheckedZone, bytes, Derived]] = {}


def _derive_zones(checked: CheckedSite) -> list[Derived]:
    config, defs = checked.config, checked.defs
    site_key = hashlib.blake2b(checked.site_doc.text.encode("utf-8"), digest_size=16).digest()
    result = []
    for z in checked.zones:
        hit = _derived.get(z.source.file)
        if hit is None or hit[0] is not z or hit[1] != site_key:
            view = derive_zone(z.source, z.zone, z.body, defs, config.sources)
            row = listing_row(view, config.languages, config.province, config.exchange_rate)
            hit = (z, site_key, Derived(view, row, reach(view, config.authority)))
            _derived[z.source.file] = hit
        result.append(hit[2])
    return result


def derive_site(checked: CheckedSite) -> DerivedSite:
    """Compute every zone's figures and the province's totals from the checked files."""
    config, defs = checked.config, checked.defs
    derived = _derive_zones(checked)
    views = [d.view for d in derived]
    listing = {d.view.slug: d.row for d in derived}
    data_date = latest_check(views, config)

    return DerivedSite(
        root=checked.root,
        config=config,
        defs=defs,
        zones=views,
        pages=checked.pages,
        strings=checked.strings,
        rows=plan_rows(config, views, defs),
        summary=summarize(views, defs),
        template_dirs=checked.template_dirs,
        static_dirs=checked.static_dirs,
        filters=filters(views, config.languages, config.province, defs),
        listing=listing,
        reported=reported(list(listing.values())),
        map_points=map_points(views, defs["statuses"]),
        dashboard=dashboard(views, defs),
        data_columns=data_columns(config.languages, defs),
        sheets=Sheets(
            views, lambda v: fact_sheet(v, config.province, data_date, config.freshness_days, config.exchange_rate)
        ),
        data_date=data_date,
        reach={d.view.slug: d.reach for d in derived},
    )
