"""The preview behind ``build.py serve``: quick rebuilds of what changed, and the state of the
last build, for the server to show.

The first build is a normal, atomic build. After that, a change to zone files only re-renders
those zones' fact sheets and the pages that show several zones; any other change (site.yaml,
templates, static files, pages, a zone added or removed) renders everything. Only files whose
bytes changed are written, each replaced atomically, so the server never sends half a file.

Rebuilds run on the watcher's thread while the server answers on its own; what both touch (the
problems of the last build) is guarded by a lock.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from ..errors import Abort, Problem
from ..i18n import _, ngettext
from ..model import routes
from ..output import Output, site_files
from ..output.search import index_folder
from ..output.write import write_file, write_site
from ..pipeline import read_site


class Preview:
    """Owns the output folder while serving and rebuilds it on change."""

    def __init__(self, root: Path, out: Path) -> None:
        self.root, self.out = root, out
        self.output: Output | None = None
        self.slugs: set[str] = set()
        self.listing_key: tuple[object, ...] = ()  # the filters and columns of the last good build
        self.failed = False
        self.last = ""
        self._problems: list[Problem] = []
        self._lock = threading.Lock()

    @property
    def problems(self) -> list[Problem]:
        """The problems of the last rebuild (none if it succeeded)."""
        with self._lock:
            return list(self._problems)

    def _report(self, problems: list[Problem]) -> None:
        with self._lock:
            self._problems = list(problems)

    def watched(self) -> list[Path]:
        """The site's own source folders (even those not created yet) and its theme's."""
        paths = [self.root / name for name in routes.SOURCES]
        try:
            site, _warnings = read_site(self.root)
            paths += site.template_dirs + site.static_dirs
        except Abort:
            pass
        unique: list[Path] = []
        for path in paths:
            if path.resolve() not in [p.resolve() for p in unique]:
                unique.append(path)
        return unique

    def build(self, changed: set[Path] | None = None) -> bool:
        """Rebuild for ``changed`` files (None: everything); True if the site built."""
        started = time.perf_counter()
        try:
            site, warnings = read_site(self.root)
            slugs = {z.slug for z in site.zones}
            zones = self._changed_zones(changed, slugs)
            same_listing = site.listing_key == self.listing_key
            output = site_files(site, self.output, zones, same_listing=same_listing)
            if self.output is None:
                write_site(output, self.out, finish=index_folder)
            else:
                self._update(output)
        except Abort as abort:
            self._report(abort.problems)
            self.failed = True  # changes saved meanwhile are not all known: render all next time
            return False
        self.failed = False
        self.output, self.slugs, self.listing_key = output, slugs, site.listing_key
        self._report([])
        self.last = _rebuilt(zones, time.perf_counter() - started, len(warnings))
        return True

    def reindex(self) -> None:
        """Refresh the search index of the served folder (after the pages are on disk)."""
        try:
            index_folder(self.out)
        except Abort as abort:
            with self._lock:
                self._problems = self._problems or abort.problems

    def _changed_zones(self, changed: set[Path] | None, slugs: set[str]) -> set[str] | None:
        """The slugs to re-render, or None when every page must be rendered."""
        if changed is None or self.output is None or slugs != self.slugs or self.failed:
            return None
        clusters = (self.root / routes.ZONES).resolve()
        if not all(path.resolve().parent == clusters for path in changed):
            return None
        return {path.stem for path in changed}

    def _update(self, output: Output) -> None:
        """Write the files that differ from the last build, and remove those that went away."""
        assert self.output is not None
        for name, content in output.items():
            if self.output.get(name) == content and (self.out / name).exists():
                continue
            write_file(self.out / name, content.read_bytes() if isinstance(content, Path) else content)
        for name in set(self.output) - set(output):
            (self.out / name).unlink(missing_ok=True)


def _rebuilt(zones: set[str] | None, seconds: float, warnings: int) -> str:
    """The line ``serve`` prints after a good rebuild (``zones``: the zones re-rendered, None for all)."""
    if zones is None and warnings:
        # Translators: {seconds} is how long the rebuild took, e.g. 0.42; {warnings} counts the warnings.
        text = _("Rebuilt everything in {seconds} s ({warnings} warnings)")
    elif zones is None:
        text = _("Rebuilt everything in {seconds} s")
    elif warnings:
        text = ngettext(
            "Rebuilt {n} changed zone in {seconds} s ({warnings} warnings)",
            "Rebuilt {n} changed zones in {seconds} s ({warnings} warnings)",
            len(zones),
        )
    else:
        text = ngettext(
            "Rebuilt {n} changed zone in {seconds} s", "Rebuilt {n} changed zones in {seconds} s", len(zones)
        )
    return text.format(n=len(zones or ()), seconds=f"{seconds:.2f}", warnings=warnings)
