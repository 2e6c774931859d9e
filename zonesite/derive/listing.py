"""What the listing's filters, sorting and search read from each zone, computed at build time.

Every row of the listing carries its figures as ``data-`` attributes; the listing script filters
and sorts on them and the table stays complete when JavaScript is off. Names are folded (no
diacritics, ``đ`` → ``d``, lower case) the same way the script folds what the reader types, so
"dien tho" finds "Điện Thọ".
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, fields
from functools import lru_cache

from slugify import slugify

from ..model.site import Definition, ExchangeRate
from ..model.types import Text
from .money import in_usd
from .zones import ZoneView


def fold(text: str) -> str:
    """Lower case without diacritics: ``Điện Thọ`` → ``dien tho``."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _all_languages(text: Text | None) -> list[str]:
    return list(text.values.values()) if text else []


def place_key(text: Text | None, languages: list[str]) -> str:
    """A stable key for a district or province, from its name in the site's first language."""
    return _slug(text.get(languages[0], languages)[0]) if text else ""


@lru_cache(maxsize=65536)
def _slug(name: str) -> str:
    """Slugs of place names, once each: thousands of zones share a few hundred communes, and
    transliterating is the dearest step of deriving a listing row."""
    return slugify(name)


@dataclass(frozen=True)
class Option:
    value: str
    text: Text


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


@dataclass(frozen=True)
class Row:
    """What the listing's script filters and sorts one zone on, as ``data-`` attributes (plain text,
    escaped by the template); empty where the zone does not publish the figure."""

    slug: str
    name: str
    commune: str
    district: str
    former: str  # the former district and province, as keys separated by spaces
    province: str
    type: str
    status: str
    area: str
    free: str
    occupancy: str
    price: str
    industries: str
    ready: str
    seaport: str
    airport: str

    def attributes(self) -> list[tuple[str, str]]:
        return [(f.name, getattr(self, f.name)) for f in fields(self)]


def listing_row(view: ZoneView, languages: list[str], province: Text, rate: ExchangeRate | None = None) -> Row:
    """The listing row of one zone."""
    z = view.zone
    names = _all_languages(z.name) + _all_languages(z.short_name)
    ready = [key for key, _, work in view.infrastructure if work is not None and view.states[work.state].ready]
    return Row(
        slug=view.slug,
        name=fold(" | ".join(names)),
        commune=place_key(z.location.commune, languages),
        district=place_key(z.location.district, languages),
        former=" ".join(
            k
            for k in (
                _former(z.location.former_district, "d", languages),
                _former(z.location.former_province, "p", languages),
            )
            if k
        ),
        province=place_key(z.location.province or province, languages),
        type=z.type,
        status=z.status or "",
        area=_number(view.land.total_ha),
        free=_number(view.land.available_ha),
        occupancy=_number(view.land.occupancy_pct),
        price=_number(_price_usd(view, rate)),
        industries=" ".join(z.industries),
        ready=" ".join(ready),
        seaport=_number(_km(view, "seaport")),
        airport=_number(_km(view, "airport")),
    )


def _former(text: Text | None, kind: str, languages: list[str]) -> str:
    """A former district (``d-…``) or province (``p-…``) as a filter key; the prefix keeps a district
    and a province of the same name apart."""
    return f"{kind}-{place_key(text, languages)}" if text else ""


def _price_usd(view: ZoneView, rate: ExchangeRate | None) -> float | None:
    """The land price in dollars, as quoted or converted from đồng, so every quoting zone is compared."""
    usd = in_usd(view.value("lease.price_usd_m2"), "usd/m2", rate)
    return usd if usd is not None else in_usd(view.value("lease.price_vnd_m2"), "vnd/m2", rate)


def _km(view: ZoneView, link: str) -> float | None:
    hop = view.zone.connectivity.get(link)
    return hop.km if hop else None


def reported(rows: list[Row]) -> set[str]:
    """The row fields at least one zone fills: only those get a column, a sort and a filter."""
    return {f.name for f in fields(Row) if any(getattr(row, f.name) for row in rows)}


@dataclass(frozen=True)
class Filters:
    """The choices each filter offers: only values some zone has, in the definitions' order."""

    def key(self) -> tuple[object, ...]:
        """The choices as plain values: two sites offer the same filters when their keys are equal."""
        return tuple(
            (f.name, tuple((o.value, tuple(sorted(o.text.values.items()))) for o in getattr(self, f.name)))
            for f in fields(self)
        )

    commune: list[Option]
    district: list[Option]
    former: list[Option]
    province: list[Option]
    type: list[Option]
    status: list[Option]
    industry: list[Option]
    ready: list[Option]


def filters(
    zones: list[ZoneView], languages: list[str], province: Text, defs: dict[str, dict[str, Definition]]
) -> Filters:
    """The filter choices for these zones."""
    communes: dict[str, Text] = {}
    districts: dict[str, Text] = {}
    former: dict[str, Text] = {}
    provinces: dict[str, Text] = {}
    for z in (v.zone for v in zones):
        loc = z.location
        for found, text in ((communes, loc.commune), (districts, loc.district)):
            if text:
                found.setdefault(place_key(text, languages), text)
        for kind, text in (("d", loc.former_district), ("p", loc.former_province)):
            if text:
                former.setdefault(_former(text, kind, languages), text)
        place = z.location.province or province
        provinces.setdefault(place_key(place, languages), place)

    def used(kind: str, keys: set[str | None]) -> list[Option]:
        return [Option(k, d.label) for k, d in defs[kind].items() if k in keys]

    return Filters(
        commune=[Option(k, t) for k, t in sorted(communes.items())],
        district=[Option(k, t) for k, t in sorted(districts.items())],
        former=[Option(k, t) for k, t in sorted(former.items())],
        province=[Option(k, t) for k, t in sorted(provinces.items())],
        type=used("zone_types", {v.zone.type for v in zones}),
        status=used("statuses", {v.zone.status for v in zones}),
        industry=used("industries", {key for v in zones for key in v.zone.industries}),
        ready=[Option(k, d.label) for k, d in defs["infrastructure"].items()],
    )
