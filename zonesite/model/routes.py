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


def reserved() -> set[str]:
    """First parts of an address that a content page may not take."""
    return {ZONES, *SHARED} | {key.rstrip("/") for key, _, _ in TOOL_PAGES}


def zone_path(slug: str) -> str:
    """A fact sheet's address within a language: ``clusters/trang-e/``."""
    return f"{ZONES}/{slug}/"
