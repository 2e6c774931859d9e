"""Formatting for the investor tools: map markers, schema.org data, pre-written e-mails.

Plain functions of what they format and the page's language; the renderer hands them to templates.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import quote

from babel.core import get_global
from markupsafe import Markup

from ..derive.mapping import MapPoint
from ..derive.site import DerivedSite
from ..derive.zones import ZoneView
from ..model import routes
from ..model.types import Text, locale_of
from . import format as fmt


def json_script(value: Any) -> Markup:
    """JSON safe to place inside ``<script type="application/json">`` (no ``</script>`` breakout)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def og_locale(code: str) -> str:
    """Open Graph's locale for a language code: language and the territory most likely for it
    (``vi`` → ``vi_VN``, ``en`` → ``en_US``, ``zh-Hans`` → ``zh_CN``), from Babel's CLDR data."""
    locale = locale_of(code)
    if locale is None:
        return code
    likely = get_global("likely_subtags").get(str(locale)) or get_global("likely_subtags").get(locale.language, "")
    territory = locale.territory or (likely.split("_")[-1] if likely else "")
    return f"{locale.language}_{territory}" if territory else locale.language


@dataclass(frozen=True)
class Marker:
    """A map marker as the map script reads it, worded for one language."""

    slug: str
    name: str
    lat: float
    lng: float
    approximate: bool
    known: bool  # whether the zone publishes its status; an unknown one is drawn hollow
    status: str
    color: str
    free: str
    url: str


def marker(point: MapPoint, lang: str, languages: list[str], unknown: str, missing: str, url: str) -> dict[str, Any]:
    """One marker; ``unknown`` and ``missing`` are the page's words for no status and no figure."""
    status = point.status.label.get(lang, languages)[0] if point.status else unknown
    free = fmt.area(point.free, lang) or missing
    name = point.name.get(lang, languages)[0]
    known = point.status is not None
    return asdict(
        Marker(point.slug, name, point.lat, point.lng, point.approximate, known, status, point.color, free, url)
    )


def place_jsonld(view: ZoneView, lang: str, languages: list[str], province: Text, url: str) -> Markup:
    """schema.org description of the zone as a place, for search engines."""
    loc = view.zone.location

    def text(value: Text | None) -> str | None:
        return value.get(lang, languages)[0] if value is not None else None

    address: dict[str, Any] = {
        "@type": "PostalAddress",
        "addressCountry": "VN",
        "addressRegion": text(loc.province or province),
    }
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "Place", "name": text(view.name), "url": url}
    data["address"] = address
    if view.zone.summary:
        data["description"] = text(view.zone.summary)
    if loc.commune or loc.district:  # the commune or ward is the locality since Vietnam's 2025 reform
        address["addressLocality"] = text(loc.commune or loc.district)
    if loc.address:
        address["streetAddress"] = text(loc.address)
    if loc.lat is not None and loc.lng is not None and not loc.approximate:
        # An approximate point (the commune's or district's centre) is not the zone's place.
        data["geo"] = {"@type": "GeoCoordinates", "latitude": loc.lat, "longitude": loc.lng}
    return json_script(data)


def tel(phone: str) -> str:
    """A phone number as a ``tel:`` link wants it: digits, and a leading ``+``."""
    return ("+" if phone.strip().startswith("+") else "") + "".join(c for c in phone if c.isdigit())


def coordinates(pair: tuple[float, float]) -> str:
    """``12.1452° N, 109.0921° E``: the same in every language (a decimal comma would be ambiguous)."""
    lat, lng = pair
    return f"{abs(lat):.4f}° {'N' if lat >= 0 else 'S'}, {abs(lng):.4f}° {'E' if lng >= 0 else 'W'}"


def mailto(email: str, subject: str, body: str) -> str:
    """A mailto link with the subject and the first line of the message already written."""
    return f"mailto:{email}?subject={quote(subject)}&body={quote(body)}"


def dataset_jsonld(site: DerivedSite, lang: str, url: str) -> Markup:
    """schema.org description of the open data files, with their formats, date and licence."""
    languages = site.fallbacks
    base = site.config.base_url
    authority = site.config.authority
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": site.config.title.get(lang, languages)[0],
        "description": (site.config.tagline or site.config.title).get(lang, languages)[0],
        "url": url,
        "dateModified": site.data_date.isoformat(),
        "inLanguage": languages,
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": kind, "contentUrl": f"{base}{routes.DATA}/{name}"}
            for name, kind in DOWNLOADS
        ],
    }
    if authority is not None and authority.name is not None:
        data["creator"] = {"@type": "GovernmentOrganization", "name": authority.name.get(lang, languages)[0]}
    licence = site.config.data_licence
    if licence is not None:
        data["license"] = licence.url or licence.name
    return json_script(data)


DOWNLOADS = (
    ("clusters.csv", "text/csv"),
    ("clusters.json", "application/json"),
    ("clusters.geojson", "application/geo+json"),
)
