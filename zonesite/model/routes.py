"""Where things live, named once: the parts of a site folder and the addresses of the built site.

Reading, checking, the page list, link rewriting, the search index and the preview's watcher all
take these names from here, so a content page can never take an address the site uses itself.
"""

from __future__ import annotations

SITE_FILE = "site.yaml"
ZONES = "clusters"  # the folder of zone files, and the address of the listing and fact sheets
PAGES = "content"
TEMPLATES = "templates"
STATIC = "static"
DATA = "data"  # open data files, at the root of the built site
SEARCH = "pagefind"  # the search index bundle, at the root of the built site
NEWS = "news"
SCHEMA = "schema"

# The folders staff edit; a change in any of them rebuilds the preview.
SOURCES = (SITE_FILE, ZONES, PAGES, TEMPLATES, STATIC)
# Folders at the root of the built site that are the same for every language.
SHARED = (STATIC, DATA, SEARCH)
# Pages every language gets beside home, listing, fact sheets, news and content pages:
# (address, template, whether the search index includes it).
TOOL_PAGES = (
    ("map/", "map.html", False),
    ("compare/", "compare.html", False),
    ("dashboard/", "dashboard.html", True),
    ("data/", "data.html", True),
    ("search/", "search.html", False),
)


# Pages search engines are asked not to index (``<meta name="robots" content="noindex">``) and that
# the sitemap therefore leaves out: search results are a query's, not a page's.
NOINDEX = ("search/",)


def reserved() -> set[str]:
    """First parts of an address that a content page may not take."""
    return {ZONES, *SHARED} | {key.rstrip("/") for key, _, _ in TOOL_PAGES}


def x_default(key: str, languages: list[str]) -> str:
    """The address (from the site root) of a page's version for readers of no language the site
    has: for the homes, the language chooser at the root, which names every home in turn (the two
    must point at each other); for any other page, its version in the first language."""
    return "" if key == "" else f"{languages[0]}/{key}"


def zone_path(slug: str) -> str:
    """A fact sheet's address within a language: ``clusters/trang-e/``."""
    return f"{ZONES}/{slug}/"
