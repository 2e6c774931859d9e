"""Template helpers for the investor tools: listing filters, map, dashboard, open data, sharing.

They are registered as Jinja globals by :class:`~zonesite.render.Renderer` and read the page's
language from the template context, like the formatting filters do.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from ..derive import dashboard
from ..derive.listing import filter_options, row_data
from ..output.opendata import csv_columns, extra_columns
from . import format as fmt

if TYPE_CHECKING:
    from ..derive.zones import ZoneView
    from .environment import Renderer


def json_script(value: Any) -> Markup:
    """JSON safe to place inside ``<script type="application/json">`` (no ``</script>`` breakout)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


class Helpers:
    """Bound to one renderer; each public method becomes a template global."""

    def __init__(self, renderer: Renderer) -> None:
        self.r = renderer
        self.site = renderer.site
        self._dashboards: dict[str, dashboard.Dashboard] = {}
        self._options = lru_cache(maxsize=1)(lambda: filter_options(self.site))

    def globals(self) -> dict[str, Any]:
        return {
            "json_script": json_script,
            "row_data": lambda z: row_data(self.site, z),
            "filter_options": self._options,
            "dashboard": self.dashboard,
            "map_points": self.map_points,
            "zone_jsonld": self.zone_jsonld,
            "data_columns": self.data_columns,
            "inquiry_mailto": self.inquiry_mailto,
            "og_locale": lambda code: {"vi": "vi_VN", "en": "en_US"}.get(code, code),
        }

    @jinja2.pass_context
    def dashboard(self, ctx: Any) -> dashboard.Dashboard:
        lang = ctx["page_"].lang
        if lang not in self._dashboards:
            defs = self.site.defs

            def label(key: str, kind: str) -> str:
                return defs[kind][key].label.get(lang, self.site.languages)[0]

            formats = {
                "area": lambda v: fmt.area(v, lang),
                "pct": lambda v: fmt.percent(v, lang),
                "count": lambda v: fmt.number(v, lang, 0),
            }
            self._dashboards[lang] = dashboard.build(
                self.site, lang, lambda *a, **k: self.r.t(ctx, *a, **k), label, formats
            )
        return self._dashboards[lang]

    @jinja2.pass_context
    def map_points(self, ctx: Any, zones: list[ZoneView] | None = None) -> list[dict[str, Any]]:
        """What each map marker needs, in the page's language; zones without coordinates are left out."""
        lang = ctx["page_"].lang
        languages = self.site.languages
        points = []
        for z in self.site.zones if zones is None else zones:
            loc = z.zone.location
            if loc.lat is None or loc.lng is None:
                continue
            status = self.site.defs["statuses"].get(z.zone.status or "")
            points.append(
                {
                    "slug": z.slug,
                    "name": z.name.get(lang, languages)[0],
                    "lat": loc.lat,
                    "lng": loc.lng,
                    "approximate": loc.approximate,
                    "status": status.label.get(lang, languages)[0] if status else self.r.t(ctx, "status_unknown"),
                    "color": (status.color if status else None) or "#6b7280",
                    "free": fmt.area(z.land.available_ha, lang) or self.r.t(ctx, "not_published"),
                    "url": self.r.link(ctx, f"clusters/{z.slug}/"),
                }
            )
        return points

    @jinja2.pass_context
    def zone_jsonld(self, ctx: Any, z: ZoneView) -> Markup:
        """schema.org description of the zone as a place, for search engines."""
        lang = ctx["page_"].lang
        languages = self.site.languages
        loc = z.zone.location

        def text(value: Any) -> str | None:
            return value.get(lang, languages)[0] if value is not None else None

        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "Place",
            "name": text(z.name),
            "url": self.r.canonical(ctx),
            "address": {
                "@type": "PostalAddress",
                "addressCountry": "VN",
                "addressRegion": text(loc.province or self.site.config.province),
            },
        }
        if z.zone.summary:
            data["description"] = text(z.zone.summary)
        if loc.district:
            data["address"]["addressLocality"] = text(loc.district)
        if loc.address:
            data["address"]["streetAddress"] = text(loc.address)
        if loc.lat is not None and loc.lng is not None:
            data["geo"] = {"@type": "GeoCoordinates", "latitude": loc.lat, "longitude": loc.lng}
        return json_script(data)

    def data_columns(self) -> list[tuple[str, str, str]]:
        """``(column, kind, meaning)`` for every CSV and GeoJSON column."""
        columns = [(c.name, c.kind, c.description) for c in csv_columns(self.site)]
        return (
            [(name, "", meaning) for name, meaning in extra_columns(self.site)[:1]]
            + columns
            + [(name, "", meaning) for name, meaning in extra_columns(self.site)[1:]]
        )

    @jinja2.pass_context
    def inquiry_mailto(self, ctx: Any, z: ZoneView, email: str) -> str:
        """A mailto link with the subject and the first line of the message already written."""
        name = self.r.trs(ctx, z.name)
        subject = self.r.t(ctx, "inquiry_subject", name=name)
        body = self.r.t(ctx, "inquiry_body", name=name, url=self.r.canonical(ctx))
        return f"mailto:{email}?subject={quote(subject)}&body={quote(body)}"
