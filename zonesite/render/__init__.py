"""Stage 4: render the derived site's pages through the site's Jinja templates, in memory.

Nothing is written here: pages come back as bytes, so a failure on the last page still leaves the
previous site untouched. Templates only format what the derive stage computed.
"""

from __future__ import annotations

import multiprocessing
import sys
from pathlib import Path
from typing import Any

import jinja2

from ..check.strings import MissingString
from ..derive.pages import Page
from ..derive.site import DerivedSite
from ..errors import Abort, Problem, relpath
from ..i18n import _
from .environment import Renderer

Rendered = dict[str, "bytes | Path"]


PARALLEL_FROM = 400  # pages: below this, starting worker processes costs more than it saves


def render_pages(
    site: DerivedSite,
    pages: list[Page],
    previous: Rendered | None = None,
    changed: set[str] | None = None,
    workers: int = 1,
    staging: Path | None = None,
    same_listing: bool = False,
    keep: bool = True,
) -> tuple[Renderer, Rendered]:
    """Render ``pages``; returns the renderer (its static files and the links pages made) and the pages.

    With ``previous`` output and the set of ``changed`` zone slugs, the fact sheets of the other
    zones are taken from ``previous`` instead of being rendered again (the preview server's quick
    rebuild); so are further listing pages of other zones when ``same_listing`` says the filters and
    columns every listing page shows are unchanged. Every other page is rendered. With ``workers``
    > 1 the pages are shared among forked processes, which inherit the read site and templates.
    With a ``staging`` folder each page is written there as soon as it is rendered and stands in
    the result as that file's path, so a national site is never held in memory whole. Without
    ``keep`` (``check``, which only needs the failures and links) each page stands as empty bytes.
    """
    renderer = Renderer(site)
    output, todo = _reused(pages, previous, changed, same_listing)
    if workers > 1 and len(todo) >= PARALLEL_FROM and "fork" in multiprocessing.get_all_start_methods():
        results = _render_forked(renderer, todo, workers, staging, keep)
    else:
        results = [_render_share(renderer, todo, staging, keep)]
    problems: list[Problem] = []
    for rendered, links, failed in results:
        output.update(rendered)
        renderer.links.extend(links)
        problems += failed
    if problems:
        raise Abort(list(dict.fromkeys(problems)))
    return renderer, output


def _reused(
    pages: list[Page], previous: Rendered | None, changed: set[str] | None, same_listing: bool
) -> tuple[Rendered, list[Page]]:
    """The pages a preview rebuild takes from the last build, and the pages it must render."""
    output: Rendered = {}
    todo = []
    for page in pages:
        kept = previous is not None and changed is not None and page.path in previous
        if kept and _untouched(page, changed, same_listing):  # type: ignore[arg-type]
            output[page.path] = previous[page.path]  # type: ignore[index]
        else:
            todo.append(page)
    return output, todo


def _untouched(page: Page, changed: set[str], same_listing: bool) -> bool:
    """Whether a page shows none of the ``changed`` zones, and nothing gathered from all of them:
    another zone's fact sheet, or a further listing page (``clusters/page_2/``) of other zones.
    Zones keep their order when only their files change (it is the files' order), so a listing
    page keeps its rows."""
    if "z" in page.context:
        return page.context["z"].slug not in changed
    rows = page.context.get("rows")
    if rows is not None and same_listing and page.context.get("number", 1) > 1:
        return not any(view.slug in changed for view in rows)
    return False


Share = tuple[dict[str, "bytes | Path"], list[tuple[str, str, str]], list[Problem]]
_shared: tuple[Renderer, list[Page], int, Path | None, bool] | None = None  # what forked workers inherit


def _render_share(renderer: Renderer, pages: list[Page], staging: Path | None = None, keep: bool = True) -> Share:
    """Render some pages: the bytes of each (or the file it was written to), the links their
    Markdown made, and any failures."""
    output: dict[str, bytes | Path] = {}
    start = len(renderer.links)
    problems: list[Problem] = []
    for page in pages:
        try:
            content = renderer.render(page)
            if not keep:
                output[page.path] = b""
            elif staging is None:
                output[page.path] = content
            else:
                target = staging / page.path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
                output[page.path] = target
        except Exception as exc:  # noqa: BLE001 - every template failure becomes a located problem
            problems.append(_template_problem(exc, renderer.site, page))
            if len(problems) > 20:
                break
    return output, renderer.links[start:], problems


def _render_nth(index: int) -> Share:
    """In a worker: every ``workers``-th page, starting at ``index`` (fact sheets alternate, so
    the work is even)."""
    assert _shared is not None
    renderer, pages, step, staging, keep = _shared
    return _render_share(renderer, pages[index::step], staging, keep)


def _render_forked(
    renderer: Renderer, pages: list[Page], workers: int, staging: Path | None, keep: bool
) -> list[Share]:
    """Render in ``workers`` forked processes. Forking shares the read site and the compiled
    templates with no copying and no pickling; only the rendered bytes come back."""
    global _shared
    _shared = (renderer, pages, workers, staging, keep)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_render_nth, range(workers))
    finally:
        _shared = None


def _template_problem(exc: Exception, site: DerivedSite, page: Page) -> Problem:
    """Locate a template failure at the template line, naming the page it broke."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        file = relpath(Path(exc.filename), site.root) if exc.filename else exc.name or "templates"
        lines = (exc.source or "").splitlines()
        line = lines[exc.lineno - 1] if 0 < exc.lineno <= len(lines) else ""
        # Translators: {error} is Jinja's description of the error, in English.
        message = _("template syntax error: {error}").format(error=exc.message)
        return Problem(file, exc.lineno, 1, "", message, source_line=line)
    if isinstance(exc, jinja2.TemplateNotFound):
        # Translators: {name} is a template's file name; {page} the path of the page being rendered.
        message = _("template '{name}' not found while rendering {page}").format(name=exc.name, page=page.path)
        return Problem(page.source or "templates/", 0, 0, "template", message)
    if isinstance(exc, MissingString):
        # Translators: {key} is the key of a text in templates/strings.yaml; {page} the page being rendered.
        message = _("UI string '{key}' is not in strings.yaml while rendering {page}").format(
            key=exc.args[0], page=page.path
        )
    else:
        # Translators: {error} is a Python error and its message, in English; {page} the page being rendered.
        message = _("{error} while rendering {page}").format(error=f"{type(exc).__name__}: {exc}", page=page.path)
    file, line = _template_frame(sys.exc_info()[2] or exc.__traceback__, site)
    return Problem(file, line, 1 if line else 0, "", message)


def _template_frame(tb: Any, site: DerivedSite) -> tuple[str, int]:
    found = ("templates", 0)
    dirs = [str(d.resolve()) for d in site.template_dirs]
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if any(filename.startswith(d) for d in dirs):
            found = (relpath(Path(filename), site.root), tb.tb_lineno)
        tb = tb.tb_next
    return found
