"""The preview behind ``build.py serve``: quick rebuilds of what changed, and the state of the
last build, for the server to show.

The first build is a normal, atomic build. After that, a change to zone files only re-renders
those zones' fact sheets and the pages that show several zones; any other change (site.yaml,
templates, static files, pages, a zone added or removed) renders everything. Only files whose
bytes changed are written, each replaced atomically, so the server never sends half a file.
The search index is refreshed afterwards, in the background.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Abort, Problem
from ..output import Output, site_files
from ..output.search import index_folder
from ..output.write import write_file, write_site
from ..pipeline import read_site

WATCHED = ("site.yaml", "clusters", "content", "templates", "static")


@dataclass
class State:
    """What the server shows: the problems of the last rebuild (none if it succeeded)."""

    problems: list[Problem] = field(default_factory=list)
    builds: int = 0


class Preview:
    """Owns the output folder while serving and rebuilds it on change."""

    def __init__(self, root: Path, out: Path) -> None:
        self.root, self.out = root, out
        self.output: Output | None = None
        self.slugs: set[str] = set()
        self.state = State()
        self.failed = False
        self._index_lock = threading.Lock()

    def watched(self) -> list[Path]:
        """Folders and files to watch: the site's own (even those not created yet) and its theme's."""
        paths = [self.root / name for name in WATCHED]
        try:
            site, _ = read_site(self.root)
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
            output = site_files(site, self.output, zones)
            if self.output is None:
                write_site(output, self.out, finish=index_folder)
            else:
                self._update(output)
        except Abort as abort:
            self.state = State(abort.problems, self.state.builds)
            self.failed = True  # changes saved meanwhile are not all known: render all next time
            return False
        self.failed = False
        self.output, self.slugs = output, slugs
        self.state = State([], self.state.builds + 1)
        what = "everything" if zones is None else f"{len(zones)} changed zone{'s' * (len(zones) != 1)}"
        self.last = f"Rebuilt {what} in {time.perf_counter() - started:.2f} s" + (
            f" ({len(warnings)} warnings)" if warnings else ""
        )
        return True

    def _changed_zones(self, changed: set[Path] | None, slugs: set[str]) -> set[str] | None:
        """The slugs to re-render, or None when every page must be rendered."""
        if changed is None or self.output is None or slugs != self.slugs or self.failed:
            return None
        clusters = (self.root / "clusters").resolve()
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
        threading.Thread(target=self._reindex, daemon=True).start()

    def _reindex(self) -> None:
        with self._index_lock:
            try:
                index_folder(self.out)
            except Abort as abort:
                self.state.problems = self.state.problems or abort.problems
