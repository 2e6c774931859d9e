"""Stage 2: check what was read against the one declared schema, collecting every problem.

:func:`check_site` reads site.yaml first (its languages and keys are what the rest is checked
against), then every zone file, content page and UI string file; it returns the checked site or
raises :class:`~zonesite.errors.Abort` with every problem of every file, so one run shows them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Abort, Problem
from ..i18n import _
from ..model.registry import labels
from ..model.site import Definition, SiteConfig
from ..model.zone import Zone
from ..source.files import Source, load_strings
from ..source.parse import Document
from .content import PageView, check_pages
from .settings import read_settings, static_file_problems, static_links_out, theme_folders
from .strings import Strings
from .strings import load_strings as check_strings
from .zones import CheckedZone, check_zones


@dataclass
class CheckedSite:
    """Every file of the site, valid; ``warnings`` are what was found that does not stop a build."""

    root: Path
    config: SiteConfig
    site_doc: Document
    defs: dict[str, dict[str, Definition]]
    zones: list[CheckedZone]
    pages: list[PageView]
    strings: Strings
    template_dirs: list[Path]
    static_dirs: list[Path]
    warnings: list[Problem]


def check_site(root: Path) -> CheckedSite:
    """Read and check the site in ``root``; raises Abort with every problem if any is an error."""
    settings = read_settings(root)
    problems = list(settings.problems)
    template_dirs, static_dirs = theme_folders(root, settings, problems)
    problems += static_file_problems(settings, static_dirs) + static_links_out(root, static_dirs)
    zones = check_zones(root, settings.context, static_dirs, problems)
    # The templates a page may name are known once site.yaml, and so its theme, is.
    known = settings.config is not None and not any(p.field == "theme" for p in problems)
    pages = check_pages(root, settings.languages, problems, template_dirs if known else None)
    strings = _strings(root, template_dirs, settings.languages, settings.config is not None, problems)
    errors = [p for p in problems if p.severity == "error"]
    if errors or settings.config is None or settings.defs is None or settings.source is None:
        raise Abort(problems)
    warnings = [p for p in problems if p.severity != "error"]
    return CheckedSite(
        root,
        settings.config,
        settings.source.doc,
        settings.defs,
        zones,
        pages,
        strings,
        template_dirs,
        static_dirs,
        warnings,
    )


def _strings(
    root: Path, template_dirs: list[Path], languages: list[str], configured: bool, problems: list[Problem]
) -> Strings:
    """The UI strings of the theme overlaid by the site's."""
    paths = [path for d in reversed(template_dirs) for path in [d / "strings.yaml", *sorted(d.glob("strings/*.yaml"))]]
    loaded = load_strings(paths, root)
    problems += loaded.problems
    strings, found = check_strings(loaded.sources, languages, labels(Zone))
    problems += found
    theme_ok = not any(p.field == "theme" for p in problems)
    if configured and theme_ok and not any(d.joinpath("strings.yaml").is_file() for d in template_dirs):
        hint = _("the templates need their UI strings")
        problems.append(Problem("templates/strings.yaml", 0, 0, "", _("not found"), hint))
    return strings


__all__ = ["CheckedSite", "CheckedZone", "PageView", "Source", "Strings", "check_site"]
