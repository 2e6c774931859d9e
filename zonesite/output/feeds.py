"""Files for machines rather than readers: sitemap.xml, robots.txt and the Atom news feed."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ..derive.pages import Page
from ..derive.site import DerivedSite


def sitemap(site: DerivedSite, pages: list[Page]) -> bytes:
    """sitemap.xml with every language version of each page listed as an alternate."""
    base = site.config.base_url
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    lines.append(f"  <url><loc>{escape(base)}</loc>")
    for lang in site.languages:
        lines.append(f'    <xhtml:link rel="alternate" hreflang="{lang}" href={quoteattr(f"{base}{lang}/")}/>')
    lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(base)}/>')
    lines.append("  </url>")
    for page in pages:
        lines.append(f"  <url><loc>{escape(base + page.url_path)}</loc>")
        for lang in site.languages:
            href = quoteattr(f"{base}{lang}/{page.key}")
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{lang}" href={href}/>')
        default = quoteattr(f"{base}{site.languages[0]}/{page.key}")
        lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href={default}/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def atom(site: DerivedSite, lang: str) -> bytes:
    """An Atom feed of the news pages in one language, newest first."""
    base = site.config.base_url
    languages = site.languages

    def text(value: object) -> str:
        return escape(value.get(lang, languages)[0]) if value is not None else ""  # type: ignore[attr-defined]

    items = site.news
    author = site.config.authority.name if site.config.authority and site.config.authority.name else site.config.title
    updated = f"{items[0].date.as_date().isoformat()}T00:00:00Z" if items and items[0].date else "1970-01-01T00:00:00Z"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">',
        f"  <title>{text(site.config.title)}</title>",
        f"  <id>{escape(base)}{lang}/news/</id>",
        f'  <link rel="alternate" type="text/html" href={quoteattr(f"{base}{lang}/news/")}/>',
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(f"{base}{lang}/news/feed.xml")}/>',
        f"  <updated>{updated}</updated>",
        f"  <author><name>{text(author)}</name></author>",
    ]
    for item in items:
        url = f"{base}{lang}/{item.path}"
        date = f"{item.date.as_date().isoformat()}T00:00:00Z" if item.date else updated
        lines += [
            "  <entry>",
            f"    <title>{text(item.title)}</title>",
            f"    <id>{escape(url)}</id>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(url)}/>',
            f"    <updated>{date}</updated>",
            f"    <summary>{text(item.description)}</summary>" if item.description else "",
            "  </entry>",
        ]
    lines.append("</feed>")
    return ("\n".join(line for line in lines if line) + "\n").encode("utf-8")


def machine_files(site: DerivedSite, pages: list[Page]) -> dict[str, bytes]:
    """sitemap.xml, robots.txt and, when there is news, one Atom feed per language."""
    files = {
        "sitemap.xml": sitemap(site, [p for p in pages if p.key is not None]),
        "robots.txt": f"User-agent: *\nAllow: /\nSitemap: {site.config.base_url}sitemap.xml\n".encode(),
    }
    if site.news:
        for lang in site.languages:
            files[f"{lang}/news/feed.xml"] = atom(site, lang)
    return files
