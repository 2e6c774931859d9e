"""What the listing's filters, sorting and search read from each zone, computed at build time.

Every row of the listing carries its figures as ``data-`` attributes; the listing script filters
and sorts on them and the table stays complete when JavaScript is off. Names are folded (no
diacritics, ``đ`` → ``d``, lower case) the same way the script folds what the reader types, so
"dien tho" finds "Điện Thọ".
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from slugify import slugify

from ..model.types import Text
from .site import DerivedSite
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
    return slugify(text.get(languages[0], languages)[0]) if text else ""


@dataclass(frozen=True)
class Option:
    value: str
    text: Text


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def row_data(site: DerivedSite, view: ZoneView) -> dict[str, str]:
    """``data-`` attributes of one listing row (values are plain text; the template escapes them)."""
    z = view.zone
    languages = site.languages
    names = _all_languages(z.name) + _all_languages(z.short_name)
    ready = [key for key, _, work in view.infrastructure if work is not None and view.states[work.state].ready]
    links = z.connectivity
    return {
        "slug": view.slug,
        "name": fold(" | ".join(names)),
        "district": place_key(z.location.district, languages),
        "province": place_key(z.location.province or site.config.province, languages),
        "type": z.type,
        "status": z.status or "",
        "free": _number(view.land.available_ha),
        "occupancy": _number(view.land.occupancy_pct),
        "price": _number(z.lease.price_usd_m2),
        "industries": " ".join(z.industries),
        "ready": " ".join(ready),
        "seaport": _number(links["seaport"].km if "seaport" in links else None),
        "airport": _number(links["airport"].km if "airport" in links else None),
    }


def filter_options(site: DerivedSite) -> dict[str, list[Option]]:
    """The choices each filter offers: only values some zone has, in the definitions' order."""
    languages = site.languages
    zones = [v.zone for v in site.zones]
    districts: dict[str, Text] = {}
    provinces: dict[str, Text] = {}
    for z in zones:
        if z.location.district:
            districts.setdefault(place_key(z.location.district, languages), z.location.district)
        province = z.location.province or site.config.province
        provinces.setdefault(place_key(province, languages), province)
    used_types = {z.type for z in zones}
    used_status = {z.status for z in zones}
    used_industries = {key for z in zones for key in z.industries}
    defs = site.defs
    return {
        "district": [Option(k, t) for k, t in sorted(districts.items())],
        "province": [Option(k, t) for k, t in sorted(provinces.items())],
        "type": [Option(k, d.label) for k, d in defs["zone_types"].items() if k in used_types],
        "status": [Option(k, d.label) for k, d in defs["statuses"].items() if k in used_status],
        "industry": [Option(k, d.label) for k, d in defs["industries"].items() if k in used_industries],
        "ready": [Option(k, d.label) for k, d in defs["infrastructure"].items()],
    }
