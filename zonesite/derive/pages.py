"""What pages the site has: one list, so rendering, the sitemap and link checks agree."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any

from ..model import routes
from ..model.page import PageMeta
from .site import DerivedSite

# Pages every language gets, beside home, listing, fact sheets and content: (key, template).
TOOL_PAGES = (
    ("map/", "map.html"),
    ("compare/", "compare.html"),
    ("dashboard/", "dashboard.html"),
    ("data/", "data.html"),
    ("search/", "search.html"),
)


DEFAULT_TEMPLATE = PageMeta.model_fields["template"].default
ARTICLE = "article.html"


@dataclass
class Page:
    """One output file: where it goes, which template renders it, and with what.

    ``key`` is the page's address without the language (``clusters/song-cau/``), which links the
    language versions of a page; pages without one (the language chooser, 404) have no versions.
    ``indexed`` says whether the site's own search covers the page; ``noindex`` asks search engines
    not to index it: the page says so in its HTML and the sitemap leaves it out.
    """

    path: str
    template: str
    lang: str
    key: str | None = None
    context: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    absolute_links: bool = False
    indexed: bool = True
    noindex: bool = False

    @property
    def dir(self) -> str:
        return posixpath.dirname(self.path)

    @property
    def url_path(self) -> str:
        return self.path[: -len("index.html")] if self.path.endswith("index.html") else self.path


LISTING_PAGE = 100  # rows sent as HTML on each listing page; the first page sends the rest as data


def listing_pages(site: DerivedSite, lang: str) -> list[Page]:
    """The listing: the first rows as HTML (with the rest as data for the script) and, for readers
    without JavaScript, the further rows on numbered pages (``clusters/page_2/``: not a valid slug,
    so never a zone's address)."""
    zones = site.zones
    chunks = [zones[i : i + LISTING_PAGE] for i in range(0, len(zones), LISTING_PAGE)] or [[]]
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        key = f"{routes.ZONES}/" if number == 1 else f"{routes.ZONES}/page_{number}/"
        rest = zones[LISTING_PAGE:] if number == 1 else []
        context = {"rows": chunk, "rest": rest, "number": number, "pages": len(chunks)}
        pages.append(Page(f"{lang}/{key}index.html", "clusters.html", lang, key, context, indexed=number == 1))
    return pages


def plan_pages(site: DerivedSite) -> list[Page]:
    """Every HTML page of the site, in every language."""
    default = site.languages[0]
    pages = [
        Page("index.html", "language.html", default, indexed=False),
        Page("404.html", "404.html", default, absolute_links=True, indexed=False, noindex=True),
    ]
    news = site.news
    for lang in site.languages:
        pages.append(Page(f"{lang}/index.html", "home.html", lang, key=""))
        pages += listing_pages(site, lang)
        for zone in site.zones:
            key = f"clusters/{zone.slug}/"
            pages.append(Page(f"{lang}/{key}index.html", "zone.html", lang, key, {"z": zone}, zone.file))
        for key, template in TOOL_PAGES:
            indexed = key in ("dashboard/", "data/")
            noindex = key in routes.NOINDEX
            pages.append(Page(f"{lang}/{key}index.html", template, lang, key, indexed=indexed, noindex=noindex))
        if news:
            pages.append(Page(f"{lang}/news/index.html", "news.html", lang, "news/", {"items": news}))
        for page in site.pages:
            source = page.files.get(lang, next(iter(page.files.values()), ""))
            # A news page is an article (dated, with a way back to the news) unless it names its own template.
            template = ARTICLE if page.is_news and page.template == DEFAULT_TEMPLATE else page.template
            pages.append(Page(f"{lang}/{page.slug}/index.html", template, lang, page.path, {"page": page}, source))
    return pages
