"""Files for machines rather than readers: sitemap.xml, robots.txt and the Atom news feed."""

from __future__ import annotations

from dataclasses import dataclass

from ..derive.pages import Page
from ..derive.site import DerivedSite
from ..model import routes
from ..model.types import PartialDate, Text
from ..render.engine import render_engine

NEVER = "1970-01-01T00:00:00Z"


def sitemap(site: DerivedSite, pages: list[Page]) -> bytes:
    """sitemap.xml with every language version of each page listed as an alternate (``pages`` are
    the ones search engines may index: a page marked ``noindex`` says so in its HTML)."""
    text = render_engine(
        "sitemap.xml", base=site.config.base_url, languages=site.languages, pages=pages, x_default=routes.x_default
    )
    return text.encode("utf-8")


@dataclass(frozen=True)
class Entry:
    """One news page in a feed, in the feed's language."""

    title: str
    url: str
    updated: str
    summary: str


def _stamp(date: PartialDate | None) -> str | None:
    return f"{date.as_date().isoformat()}T00:00:00Z" if date else None


def atom(site: DerivedSite, lang: str) -> bytes:
    """An Atom feed of the news pages in one language, newest first."""
    base, languages = site.config.base_url, site.fallbacks

    def text(value: Text | None) -> str:
        return value.get(lang, languages)[0] if value is not None else ""

    items = site.news
    updated = (_stamp(items[0].date) if items else None) or NEVER
    entries = [
        Entry(
            text(item.title), f"{base}{lang}/{item.path}", _stamp(item.date) or updated, item.summary(lang, languages)
        )
        for item in items
    ]
    authority = site.config.authority
    author = authority.name if authority and authority.name else site.config.title
    feed = render_engine(
        "feed.xml",
        lang=lang,
        title=text(site.config.title),
        home=f"{base}{lang}/{routes.NEWS}/",
        updated=updated,
        author=text(author),
        entries=entries,
    )
    return feed.encode("utf-8")


def machine_files(site: DerivedSite, pages: list[Page]) -> dict[str, bytes]:
    """sitemap.xml, robots.txt and, when there is news, one Atom feed per language."""
    files = {
        "sitemap.xml": sitemap(site, [p for p in pages if p.key is not None and not p.noindex]),
        "robots.txt": f"User-agent: *\nAllow: /\nSitemap: {site.config.base_url}sitemap.xml\n".encode(),
    }
    if site.news:
        for lang in site.languages:
            files[f"{lang}/{routes.NEWS}/feed.xml"] = atom(site, lang)
    return files
