"""The Jinja environment and the per-site helpers templates call.

Templates get formatting filters
that never show a missing figure as 0, a ``t()`` for UI strings that fails on an unknown key, and
``url()`` that makes every link relative, so the output works from any sub-path.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from ..derive.contacts import is_sample
from ..derive.dashboard import DashboardSeries
from ..derive.mapping import MapPoint
from ..derive.pages import Page
from ..derive.site import DerivedSite
from ..derive.zones import ZoneView
from ..model import routes
from ..model.registry import keyed_sections
from ..model.types import PartialDate, Text
from ..model.types import language_name as language_name_in
from ..model.zone import Location, Zone
from . import format as fmt
from .dashboard import Dashboard, Words, draw
from .helpers import coordinates, dataset_jsonld, json_script, mailto, marker, og_locale, place_jsonld, tel
from .markdown import relative, render_markdown
from .security import content_security_policy, meta, status_css


class Renderer:
    """Holds the Jinja environment and the per-site helpers templates call."""

    def __init__(self, site: DerivedSite) -> None:
        self.site = site
        self.links: list[tuple[str, str, str]] = []
        self.assets = _collect_static(site.static_dirs)
        self.digests: dict[str, str] = {}
        self.base_path = urlsplit(site.config.base_url).path or "/"
        self.env = environment(tuple(str(d) for d in site.template_dirs if d.is_dir()))
        self.env.globals.update(
            site=site,
            config=site.config,
            defs=site.defs,
            zones=site.zones,
            languages=site.languages,
            t=self.t,
            url=self.url,
            link=self.link,
            asset=self.asset,
            alternates=self.alternates,
            canonical=self.canonical,
            label=self.label,
            nav=self.nav,
            language_links=self.language_links,
            language_name=language_name,
        )
        self.env.globals.update(
            json_script=json_script,
            og_locale=og_locale,
            zone_jsonld=self.zone_jsonld,
            dataset_jsonld=self.dataset_jsonld,
            inquiry_mailto=self.inquiry_mailto,
            csp_meta=self.csp_meta,
            status_css=Markup(status_css(site.defs["statuses"])),
        )
        self.env.tests["contains"] = lambda seq, item: item in seq
        self.env.filters.update(
            tr=self.tr,
            proper=self.proper,
            items=self.items,
            trs=self.trs,
            md=self.md,
            num=self.num,
            area=self.area,
            pct=self.pct,
            km=self.km,
            money=self.money,
            date=self.date,
            has_lang=self.has_lang,
            markers=self.markers,
            charts=self.charts,
            tel=tel,
            coords=coordinates,
            listing_data=self.listing_data,
        )
        self.env.globals.update(is_sample=is_sample, covered=self.covered)

    # --- language and URLs -------------------------------------------------------------------
    @staticmethod
    def _page(ctx: Any) -> Page:
        return ctx["page_"]

    @jinja2.pass_context
    def t(self, ctx: Any, key: str, n: float | None = None, **values: Any) -> str:
        """A UI string in the page's language."""
        lang = self._page(ctx).lang
        if n is not None:
            values.setdefault("count", fmt.number(n, lang, 0))
        return self.site.strings.get(key, lang, n, **values)

    @jinja2.pass_context
    def url(self, ctx: Any, target: str) -> str:
        """Link from this page to a path from the site root ('vi/clusters/', 'static/site.css')."""
        page = self._page(ctx)
        if page.absolute_links:
            return self.base_path + target
        return relative(target, page.dir)

    @jinja2.pass_context
    def link(self, ctx: Any, target: str = "", lang: str | None = None) -> str:
        """Link to a page in this page's language (or ``lang``): ``link('clusters/')``."""
        page = self._page(ctx)
        return self.url(ctx, f"{lang or page.lang}/{target}")

    @jinja2.pass_context
    def asset(self, ctx: Any, name: str) -> str:
        """A static file's URL with a content hash, so browsers and CDNs never serve a stale one."""
        target = f"static/{name}"
        if target not in self.assets:
            raise jinja2.TemplateRuntimeError(f"static file '{name}' not found in static/")
        if target not in self.digests:
            self.digests[target] = hashlib.sha256(self.assets[target].read_bytes()).hexdigest()[:10]
        return f"{self.url(ctx, target)}?v={self.digests[target]}"

    @jinja2.pass_context
    def alternates(self, ctx: Any) -> list[tuple[str, str]]:
        """``(hreflang, absolute URL)`` of this page in every language, then ``x-default``."""
        page = self._page(ctx)
        if page.key is None:
            return []
        base, languages = self.site.config.base_url, self.site.languages
        versions = [(lang, f"{base}{lang}/{page.key}") for lang in languages]
        return [*versions, ("x-default", base + routes.x_default(page.key, languages))]

    @jinja2.pass_context
    def language_links(self, ctx: Any) -> list[tuple[str, str]]:
        """``(lang, relative URL)`` of this page in each language, or of each language's home."""
        page = self._page(ctx)
        key = page.key if page.key is not None else ""
        return [(lang, self.url(ctx, f"{lang}/{key}")) for lang in self.site.languages]

    @jinja2.pass_context
    def canonical(self, ctx: Any) -> str:
        return self.site.config.base_url + self._page(ctx).url_path

    @jinja2.pass_context
    def label(self, ctx: Any, kind: str, key: str | None, short: bool = False) -> Markup:
        """The label of a shared definition in the page's language."""
        if key is None:
            return self._missing(ctx)
        definition = self.site.defs[kind][key]
        text = definition.short if short and definition.short else definition.label
        return self.tr(ctx, text)

    @jinja2.pass_context
    def nav(self, ctx: Any) -> list[tuple[str, str, bool]]:
        """Main menu: ``(label, URL, is current page)``."""
        page = self._page(ctx)
        items = [
            ("", self.t(ctx, "nav_home")),
            (f"{routes.ZONES}/", self.t(ctx, "nav_clusters")),
            ("map/", self.t(ctx, "nav_map")),
            ("dashboard/", self.t(ctx, "nav_dashboard")),
        ]
        if self.site.news:
            items.append((f"{routes.NEWS}/", self.t(ctx, "nav_news")))
        items += [
            (p.path, self.trs(ctx, p.title))
            for p in sorted(self.site.pages, key=lambda p: (p.nav or 0, p.slug))
            if p.nav is not None
        ]
        current = f"{routes.NEWS}/" if (page.key or "").startswith(f"{routes.NEWS}/") else page.key
        return [(label, self.link(ctx, key), current == key) for key, label in items]

    # --- text ----------------------------------------------------------------------------------
    @jinja2.pass_context
    def tr(self, ctx: Any, text: Text | None) -> Markup:
        """Text in the page's language; a fallback to another language is marked with ``lang``."""
        if text is None:
            return self._missing(ctx)
        lang = self._page(ctx).lang
        value, actual = text.get(lang, self.site.fallbacks)
        if actual != lang:
            return Markup('<span lang="{}">{}</span>{}').format(actual, value, self._lang_note(actual, lang))
        return Markup.escape(value)

    @jinja2.pass_context
    def proper(self, ctx: Any, text: Text | None) -> Markup:
        """A name (of a zone, place, company or person) in the page's language or, failing that, as
        written in another, marked with ``lang`` but with no visible note: a Japanese reader meets
        Vietnamese names in Latin letters everywhere, and a note on each would bury the page."""
        if text is None:
            return self._missing(ctx)
        value, actual = text.get(self._page(ctx).lang, self.site.fallbacks)
        if actual != self._page(ctx).lang:
            return Markup('<span lang="{}">{}</span>').format(actual, value)
        return Markup.escape(value)

    @jinja2.pass_context
    def items(self, ctx: Any, values: Any) -> Markup:
        """Several names or labels joined as the page's language lists them (``a, b và c``, ``a、b、c``);
        each is escaped first, and CLDR's separators hold no markup."""
        escaped = [str(Markup.escape(v)) for v in values]
        return Markup(fmt.items(escaped, self._page(ctx).lang))

    def _lang_note(self, actual: str, reader: str) -> Markup:
        """The visible mark of a text shown in another language than the page's: its code, named in
        full (in the reader's language) on hover and for screen readers."""
        name = language_name_in(actual, reader)
        return Markup(' <abbr class="lang-note" title="{}">{}</abbr>').format(name, actual.split("-")[0].upper())

    @jinja2.pass_context
    def trs(self, ctx: Any, text: Text | None) -> str:
        """Text in the page's language, as a plain string for attributes and titles."""
        if text is None:
            return ""
        return text.get(self._page(ctx).lang, self.site.fallbacks)[0]

    @jinja2.pass_context
    def has_lang(self, ctx: Any, text: Text | None) -> bool:
        return text is not None and text.has(self._page(ctx).lang)

    @jinja2.pass_context
    def md(self, ctx: Any, text: Text | None, top: int = 2) -> Markup:
        """Markdown in the page's language, made safe, with site links made relative and its top
        heading at level ``top`` (one below the heading the template puts it under)."""
        if text is None:
            return Markup("")
        page = self._page(ctx)
        value, actual = text.get(page.lang, self.site.fallbacks)
        trusted = self.site.config.trust_html
        html, links = render_markdown(value, page.lang, page.dir, tuple(self.site.languages), trusted, top=top)
        self.links.extend((page.source, written, target) for written, target in links)
        if actual != page.lang:
            note = Markup('<p class="lang-note-block">{}</p>').format(
                self.t(ctx, "in_other_language", language=language_name_in(actual, page.lang))
            )
            return note + Markup('<div lang="{}">').format(actual) + Markup(html) + Markup("</div>")
        return Markup(html)

    # --- figures -------------------------------------------------------------------------------
    @jinja2.pass_context
    def _missing(self, ctx: Any) -> Markup:
        return Markup('<span class="np">{}</span>').format(self.t(ctx, "not_published"))

    def _figure(self, ctx: Any, text: str | None) -> Markup:
        return self._missing(ctx) if text is None else Markup.escape(text)

    @jinja2.pass_context
    def num(self, ctx: Any, value: float | None, digits: int = 1) -> Markup:
        return self._figure(ctx, fmt.number(value, self._page(ctx).lang, digits))

    @jinja2.pass_context
    def area(self, ctx: Any, value: float | None) -> Markup:
        return self._figure(ctx, fmt.area(value, self._page(ctx).lang))

    @jinja2.pass_context
    def pct(self, ctx: Any, value: float | None) -> Markup:
        return self._figure(ctx, fmt.percent(value, self._page(ctx).lang))

    @jinja2.pass_context
    def km(self, ctx: Any, value: float | None) -> Markup:
        return self._figure(ctx, fmt.distance(value, self._page(ctx).lang))

    @jinja2.pass_context
    def money(self, ctx: Any, value: float | None, currency: str) -> Markup:
        return self._figure(ctx, fmt.money(value, currency, self._page(ctx).lang))

    @jinja2.pass_context
    def date(self, ctx: Any, value: PartialDate | None) -> Markup:
        return self._figure(ctx, fmt.date(value, self._page(ctx).lang))

    @jinja2.pass_context
    def covered(self, ctx: Any, path: str) -> str:
        """What a source covers, in the reader's words: a field's label, or a defined key's
        (``infrastructure.power_supply`` → "Technical infrastructure: Power supply")."""
        strings, lang = self.site.strings, self._page(ctx).lang
        parts = path.split(".")
        for end in range(len(parts), 0, -1):
            head = ".".join(parts[:end])
            if strings.has(head):
                rest = parts[end:]
                kind = keyed_sections(Zone).get(head)
                if rest and kind and rest[0] in self.site.defs.get(kind, {}):
                    key = self.site.defs[kind][rest[0]].label.get(lang, self.site.fallbacks)[0]
                    return f"{self.t(ctx, head)}: {key}"
                return self.t(ctx, head)
        return path

    # --- investor tools ------------------------------------------------------------------------
    @jinja2.pass_context
    def markers(self, ctx: Any, points: list[MapPoint]) -> list[dict[str, Any]]:
        """Map markers worded and linked for this page."""
        lang = self._page(ctx).lang
        unknown, missing = self.t(ctx, "status_unknown"), self.t(ctx, "not_published")
        return [
            marker(p, lang, self.site.fallbacks, unknown, missing, self.link(ctx, routes.zone_path(p.slug)))
            for p in points
        ]

    @jinja2.pass_context
    def charts(self, ctx: Any, series: DashboardSeries) -> Dashboard:
        """The dashboard's charts and tables in this page's language."""
        lang = self._page(ctx).lang
        defs = self.site.defs

        def label(key: str, kind: str) -> str:
            return defs[kind][key].label.get(lang, self.site.fallbacks)[0]

        def t(*args: Any, **kwargs: Any) -> str:
            return self.t(ctx, *args, **kwargs)

        return draw(series, Words(lang, self.site.fallbacks, t, label, lambda key, kind: defs[kind][key].color))

    @jinja2.pass_context
    def listing_data(self, ctx: Any, zones: list[ZoneView]) -> dict[str, Any]:
        """Listing rows past the first page as compact data: the script filters, sorts and lays them
        out on demand, so the page stays light however many zones there are."""
        lang, languages = self._page(ctx).lang, self.site.fallbacks
        rows = []
        for z in zones:
            row = self.site.listing[z.slug]
            status = self.label(ctx, "statuses", z.zone.status) if z.zone.status else self.t(ctx, "status_unknown")
            cells = {
                "link": self.link(ctx, routes.zone_path(z.slug)),
                "name": z.name.get(lang, languages)[0],
                "type": self.site.defs["zone_types"][z.zone.type].label.get(lang, languages)[0],
                "status": [z.zone.status or "unknown", str(status)],
                **self._place_cells(ctx, z.zone.location),
                "area": fmt.area(z.land.total_ha, lang),
                "free": fmt.area(z.land.available_ha, lang),
                "occupancy": fmt.percent(z.land.occupancy_pct, lang),
                "price": self._price_text(ctx, z),
            }
            # Cells of columns no zone reports, and empty "formerly" lines, are left out: at a thousand
            # zones each empty key costs kilobytes before the first filter is touched.
            cells = {k: v for k, v in cells.items() if k not in LOCATION_CELLS or (v and k in self.site.reported)}
            rows.append([[value for _, value in row.attributes()], cells])
        fields = [key for key, _ in self.site.listing[zones[0].slug].attributes()] if zones else []
        return {"fields": fields, "rows": rows}

    def _place_cells(self, ctx: Any, loc: Location) -> dict[str, str | None]:
        """Where a listing row's zone lies, and lay before the 2025 reform, in the page's language."""
        lang, languages = self._page(ctx).lang, self.site.fallbacks
        was = [p.get(lang, languages)[0] for p in (loc.former_commune, loc.former_district, loc.former_province) if p]
        return {
            "district": loc.district.get(lang, languages)[0] if loc.district else None,
            "commune": loc.commune.get(lang, languages)[0] if loc.commune else None,
            "former": self.t(ctx, "formerly", places=", ".join(was)) if was else "",
        }

    def _price_text(self, ctx: Any, z: ZoneView) -> str | None:
        lease, lang = z.zone.lease, self._page(ctx).lang
        for value, currency in ((lease.price_usd_m2, "USD"), (lease.price_vnd_m2, "VND")):
            if value is not None:
                return (fmt.money(value, currency, lang) or "") + self.t(ctx, "per_m2")
        return None

    @jinja2.pass_context
    def dataset_jsonld(self, ctx: Any) -> Markup:
        """schema.org Dataset of the open data, so dataset search engines find it."""
        lang = self._page(ctx).lang
        return dataset_jsonld(self.site, lang, self.canonical(ctx))

    @jinja2.pass_context
    def zone_jsonld(self, ctx: Any, z: ZoneView) -> Markup:
        """schema.org description of the zone as a place, for search engines."""
        lang = self._page(ctx).lang
        return place_jsonld(z, lang, self.site.fallbacks, self.site.config.province, self.canonical(ctx))

    @jinja2.pass_context
    def inquiry_mailto(self, ctx: Any, z: ZoneView, email: str) -> str:
        """A mailto link naming the zone, with the first line of the message already written."""
        name = self.trs(ctx, z.name)
        subject = self.t(ctx, "inquiry_subject", name=name)
        return mailto(email, subject, self.t(ctx, "inquiry_body", name=name, url=self.canonical(ctx)))

    def csp_meta(self, wasm: bool = False) -> Markup:
        """The page's Content-Security-Policy element; ``wasm`` for the search page."""
        return meta(content_security_policy(self.site.config, self.site.defs["statuses"], wasm))

    # --- output --------------------------------------------------------------------------------
    def render(self, page: Page) -> bytes:
        template = self.env.get_template(page.template)
        text = template.render(page_=page, lang=page.lang, **page.context)
        return text.encode("utf-8")


_environments: dict[tuple[str, ...], jinja2.Environment] = {}


LOCATION_CELLS = ("district", "commune", "former")  # listing cells dropped when empty


def environment(folders: tuple[str, ...]) -> jinja2.Environment:
    """The Jinja environment for these template folders, kept between builds of one process:
    compiled templates are reused until their file changes (the preview rebuilds in a fraction
    of the time a first build takes)."""
    if folders not in _environments:
        _environments[folders] = jinja2.Environment(
            loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(folder) for folder in folders]),
            autoescape=True,
            extensions=["jinja2.ext.do"],  # templates gather list items before joining them per language
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=True,
        )
    return _environments[folders]


def language_name(code: str) -> str:
    """A language's name in itself (Tiếng Việt, English, 日本語), as a language menu shows it."""
    name = language_name_in(code, code)
    return name[:1].upper() + name[1:]


def _collect_static(static_dirs: list[Path]) -> dict[str, Path]:
    """``static/<name>`` → file, the site's own files winning over the theme's."""
    found: dict[str, Path] = {}
    for folder in reversed(static_dirs):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    found[f"static/{path.relative_to(folder).as_posix()}"] = path
    return found
