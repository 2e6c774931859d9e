"""``build.py serve``: build, serve on 127.0.0.1, rebuild on change and reload the browser.

The last good build keeps being served while a file has errors; errors are printed as the build
prints them. A rebuild runs only if a watched file changed after the previous rebuild began, so a
save that touches several watched folders still causes one rebuild.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ..errors import Abort
from ..report import print_problems
from .build import build, summary

WATCHED = ("site.yaml", "clusters", "content", "templates", "static")


class Rebuilder:
    """Rebuilds the site when a watched file is newer than the last rebuild's start."""

    def __init__(self, root: Path, out: Path) -> None:
        self.root, self.out = root, out
        self.started = 0.0

    def paths(self) -> list[Path]:
        return [self.root / name for name in WATCHED if (self.root / name).exists()]

    def newest_change(self) -> float:
        newest = 0.0
        for path in self.paths():
            files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
            for file in files:
                try:
                    newest = max(newest, file.stat().st_mtime)
                except OSError:
                    continue
        return newest

    def __call__(self) -> bool:
        if self.started and self.newest_change() < self.started:
            return False
        self.started = time.time()
        try:
            result = build(self.root, self.out)
        except Abort as abort:
            print_problems(abort.problems)
            print("The last good build is still being served.", file=sys.stderr)
            return False
        print(summary(result, self.out))
        return True


def serve(root: Path, out: Path, host: str, port: int) -> int:
    from livereload import Server

    rebuild = Rebuilder(root, out)
    if not rebuild() and not out.exists():
        print("Fix the problems above; serving will start once the site builds.", file=sys.stderr)
    out.mkdir(parents=True, exist_ok=True)
    server = Server()
    for path in rebuild.paths():
        server.watch(str(path), rebuild)
    print(f"Serving {out} at http://{host}:{port}/ (Ctrl+C to stop)")
    server.serve(root=str(out), host=host, port=port, open_url_delay=None, restart_delay=0)
    return 0
