"""Stage 5: every file of the site (pages, static files, open data, feeds), checked, then written.

:func:`site_files` collects the whole output in memory and checks that every link in the pages'
Markdown leads somewhere, so nothing is written unless the site is complete.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from ..derive.pages import plan_pages
from ..derive.site import DerivedSite
from ..errors import Abort, Problem
from ..i18n import _
from ..render import render_pages
from .feeds import machine_files
from .opendata import open_data
from .write import Output


def site_files(
    site: DerivedSite,
    previous: Output | None = None,
    changed: set[str] | None = None,
    workers: int = 1,
    staging: Path | None = None,
    same_listing: bool = False,
    keep: bool = True,
) -> Output:
    """Render every page and collect every file of the output, or raise Abort with the problems
    (pages go straight into ``staging`` when it is given, and are dropped without ``keep``: see
    :func:`~zonesite.render.render_pages`)."""
    pages = plan_pages(site)
    renderer, rendered = render_pages(site, pages, previous, changed, workers, staging, same_listing, keep)
    output: Output = dict(renderer.assets)
    output.update(rendered)
    output.update(open_data(site))
    output.update(machine_files(site, pages))
    problems = _broken_links(renderer.links, output, site.root)
    if problems:
        raise Abort(problems)
    return dict(sorted(output.items()))


def _broken_links(links: list[tuple[str, str, str]], output: Output, root: Path) -> list[Problem]:
    """Links in Markdown that lead nowhere, located where they are written (once per link, not
    once per language)."""
    problems = []
    for source, written in sorted({(s, w) for s, w, target in links if not _exists(target, output)}):
        line, col, text = _locate(root / source, f"]({written}")
        problems.append(
            Problem(
                source,
                line,
                col + 3 if line else 0,
                "",
                # Translators: {link} is the address written in the page's Markdown.
                _("link to {link} leads to no page or file").format(link=written),
                _("check the spelling; write site links from the root, e.g. /clusters/trang-e/"),
                source_line=text,
            )
        )
    return problems


def _exists(target: str, output: Output) -> bool:
    path = unquote(target.split("#")[0].split("?")[0])
    candidates = [path, path.rstrip("/") + "/index.html"] if path else ["index.html"]
    return any(c in output for c in candidates)


def _locate(path: Path, needle: str) -> tuple[int, int, str]:
    """1-based line and 0-based column of ``needle`` in ``path`` (0, 0 if not found)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 0, 0, ""
    for number, line in enumerate(lines, start=1):
        if needle in line:
            return number, line.index(needle), line
    return 0, 0, ""
