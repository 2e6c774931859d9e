"""Markdown for zone descriptions and content pages, made safe and made to work under a sub-path.

* Raw HTML is cleaned by an allowlist (nh3): zone files may come from spreadsheets and other
  people's hands, and a ``<script>``, an ``onerror`` or a ``<form>`` in a description must not
  reach the province's site. Tables, headings, lists, links, pictures and code are kept. A site
  whose every author is trusted can publish raw HTML as written (``trust_html: true``).
* Only http(s), mailto and tel links and relative links survive; ``javascript:`` and the like are
  dropped.
* Links written from the site root (``/clusters/trang-e/``) are rewritten relative to the page and
  into the page's language, so they keep working when the site is served from ``/invest/``. They
  are collected so the build can report links that lead nowhere.
* Headings, raw ones included, are shifted so the text's top heading sits at the level the
  template asks for (``<h2>`` under a page's ``<h1>``, ``<h3>`` under a section's ``<h2>``) and
  never skip a level (see ``headings``).
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from copy import deepcopy
from functools import lru_cache

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..model.types import SAFE_SCHEMES, link_scheme, safe_link
from .headings import shift_headings


def _allowed_attributes() -> dict[str, set[str]]:
    """nh3's allowlist, plus what the engine's own Markdown output carries: the class of the
    scrolling wrapper around tables, ``rel`` on outside links, the alignment class of table cells."""
    allowed = deepcopy(nh3.ALLOWED_ATTRIBUTES)
    extra = {"*": {"lang", "title", "dir"}, "a": {"rel"}, "div": {"class"}, "span": {"class"}, "code": {"class"}}
    extra |= {"pre": {"class"}, "th": {"class"}, "td": {"class"}}
    for tag, names in extra.items():
        allowed.setdefault(tag, set()).update(names)
    return allowed


_CLEANER = nh3.Cleaner(
    attributes=_allowed_attributes(),
    url_schemes={scheme.rstrip(":") for scheme in SAFE_SCHEMES},
    link_rel=None,
)


@lru_cache(maxsize=65536)
def relative(target: str, page_dir: str) -> str:
    """Path from the folder ``page_dir`` to the site path ``target`` (both relative to the site root)."""
    path, hash_, anchor = target.partition("#")
    path, query_mark, query = path.partition("?")
    keep_slash = path.endswith("/") or path == ""
    rel = posixpath.relpath(path or ".", page_dir or ".")
    if rel == ".":
        rel = "./"
    elif keep_slash and not rel.endswith("/"):
        rel += "/"
    return rel + query_mark + query + hash_ + anchor


class _SiteLinks(Treeprocessor):
    def __init__(self, md: markdown.Markdown, languages: tuple[str, ...]) -> None:
        super().__init__(md)
        self.languages = languages
        self.lang = ""
        self.page_dir = ""
        self.found: list[tuple[str, str]] = []

    def run(self, root: ET.Element) -> None:
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "table":
                    wrapper = ET.Element("div", {"class": "table-scroll"})
                    parent.remove(child)
                    wrapper.append(child)
                    parent.insert(index, wrapper)
        for element in root.iter():
            _align_by_class(element)
            attr = "href" if element.tag == "a" else "src" if element.tag == "img" else None
            if attr and element.get(attr) is not None:
                self._fix(element, attr)

    def _fix(self, element: ET.Element, attr: str) -> None:
        url = (element.get(attr) or "").strip()
        if not safe_link(url):
            del element.attrib[attr]
            return
        if url.startswith("/") and not url.startswith("//"):
            target = url.lstrip("/")
            first = target.split("/")[0]
            if first not in self.languages and first != "static" and not first.startswith("data"):
                target = f"{self.lang}/{target}"
            self.found.append((url, target))
            element.set(attr, relative(target, self.page_dir))
        if element.tag == "a" and link_scheme(url) in ("http", "https"):
            element.set("rel", "noopener")


def _align_by_class(element: ET.Element) -> None:
    """An aligned table column's cells carry ``align-left``, ``align-center`` or ``align-right``
    (styled in site.css) instead of the ``style`` attribute Markdown writes: the pages'
    Content-Security-Policy allows no style attribute."""
    style = element.attrib.pop("style", None) if element.tag in ("th", "td") else None
    if style:
        side = style.partition(":")[2].strip(" ;")
        if side in ("left", "center", "right"):
            element.set("class", f"align-{side}")


class _SafeSite(Extension):
    def __init__(self, languages: tuple[str, ...]) -> None:
        super().__init__()
        self.languages = languages

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API name
        md.treeprocessors.register(_SiteLinks(md, self.languages), "site_links", 5)


@lru_cache(maxsize=8)
def _converter(languages: tuple[str, ...]) -> markdown.Markdown:
    return markdown.Markdown(extensions=["tables", "sane_lists", _SafeSite(languages)], output_format="html")


@lru_cache(maxsize=4096)
def render_markdown(
    text: str, lang: str, page_dir: str, languages: tuple[str, ...], trust_html: bool = False, top: int = 2
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """HTML for ``text`` on the page in folder ``page_dir``, its top heading at level ``top``,
    and its site links as ``(as written, site path)``; raw HTML in ``text`` is cleaned unless the site trusts it."""
    md = _converter(languages)
    links: _SiteLinks = md.treeprocessors["site_links"]  # type: ignore[assignment]
    links.lang, links.page_dir, links.found = lang, page_dir, []
    html = md.reset().convert(text)
    return shift_headings(html if trust_html else _CLEANER.clean(html), top), tuple(links.found)
