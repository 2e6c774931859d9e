"""``build.py serve``: build, serve on 127.0.0.1, rebuild on change, reload the browser tab.

The browser talks to the ``livereload`` package's handler (its WebSocket protocol and script);
watching, waiting for saves to settle, and serving files are done here, so that rapid saves give
one rebuild and a reload follows each rebuild at once. When a rebuild fails, the last good pages
keep being served with the located problems shown on top of them, and printed in the terminal;
the next good rebuild clears them.
"""

from __future__ import annotations

import contextlib
import mimetypes
import sys
import time
from html import escape
from pathlib import Path

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from tornado import ioloop, web

from ..errors import print_problems
from .preview import Preview

POLL_MS = 150
QUIET_S = 0.25  # saves closer together than this make one rebuild
RELOAD_SCRIPT = (
    '<script>(function(){var s=document.createElement("script");'
    's.src="/livereload.js?port="+(location.port||80);document.head.appendChild(s);})();</script>'
)


class Watcher:
    """Polls the watched files; reports a batch of changed paths once saving has stopped."""

    def __init__(self, paths: list[Path], ignore: list[Path]) -> None:
        self.paths, self.ignore = paths, [p.resolve() for p in ignore]
        self.seen = self._scan()
        self.pending: set[Path] = set()
        self.last_change = 0.0

    def _scan(self) -> dict[Path, tuple[int, int]]:
        found: dict[Path, tuple[int, int]] = {}
        for root in self.paths:
            if not root.exists():
                continue  # watched again on every poll: a folder created later is seen
            files = [root] if root.is_file() else root.rglob("*")
            for path in files:
                if path.name.startswith(".") or path.name.endswith("~"):
                    continue
                if any(path.resolve().is_relative_to(skip) for skip in self.ignore):
                    continue
                try:
                    stat = path.stat()
                except OSError:
                    continue
                if path.is_file():
                    found[path] = (stat.st_mtime_ns, stat.st_size)
        return found

    def poll(self) -> set[Path] | None:
        """The changed files, once nothing has changed for ``QUIET_S``; otherwise None."""
        now = self._scan()
        changed = {p for p in now.keys() | self.seen.keys() if now.get(p) != self.seen.get(p)}
        self.seen = now
        if changed:
            self.pending |= changed
            self.last_change = time.monotonic()
            return None
        if self.pending and time.monotonic() - self.last_change >= QUIET_S:
            batch, self.pending = self.pending, set()
            return batch
        return None


def problems_panel(problems: list) -> str:
    """The located problems as an HTML panel laid over the last good page."""
    items = "".join(f"<li><pre>{escape(p.render())}</pre></li>" for p in problems[:30])
    return (
        '<div id="zonesite-problems" role="alert" style="position:fixed;inset:auto 0 0 0;max-height:60vh;'
        "overflow:auto;z-index:99999;background:#fff5f5;border-top:4px solid #b91c1c;color:#1c2731;"
        'padding:12px 16px;font:14px/1.4 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.2)">'
        f"<strong>The site has {len(problems)} problem{'s' * (len(problems) != 1)}; this is the last good "
        "build. Fix the files and save: this page reloads by itself.</strong>"
        f'<ul style="margin:8px 0 0;padding-left:18px">{items}</ul></div>'
    )


class PreviewHandler(web.RequestHandler):
    """Serves the output folder, adding the reload script and any problems to HTML pages."""

    def initialize(self, preview: Preview) -> None:
        self.preview = preview

    def get(self, path: str) -> None:
        root = self.preview.out.resolve()
        target = (root / path).resolve()
        if not target.is_relative_to(root):
            raise web.HTTPError(404)
        if target.is_dir():
            if path and not path.endswith("/"):
                self.redirect(self.request.path + "/", permanent=False)
                return
            target = target / "index.html"
        status = 200
        if not target.is_file():
            target, status = root / "404.html", 404
        if target.is_file():
            body = target.read_bytes()
        elif self.preview.state.problems:  # nothing was ever built: show just the problems
            body, target = b"<!DOCTYPE html><title>Problems</title><body></body>", Path("problems.html")
        else:
            raise web.HTTPError(404)
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind == "text/html":
            extra = RELOAD_SCRIPT + (problems_panel(self.preview.state.problems) if self.preview.state.problems else "")
            body = body.replace(b"</body>", extra.encode("utf-8") + b"</body>", 1)
            kind += "; charset=utf-8"
        self.set_status(status)
        self.set_header("Content-Type", kind)
        self.set_header("Cache-Control", "no-store")
        self.write(body)


class _NoWatcher:
    """LiveReloadHandler logs its own watcher's last path; we watch files ourselves."""

    filepath = None


def serve(root: Path, out: Path, host: str, port: int) -> int:
    preview = Preview(root, out)
    if preview.build():
        print(preview.last)
    else:
        print_problems(preview.state.problems)
        print("Fix the problems above; the preview shows them until the site builds.", file=sys.stderr)
    out.mkdir(parents=True, exist_ok=True)
    watcher = Watcher(preview.watched(), ignore=[out])
    LiveReloadHandler.watcher = _NoWatcher()

    def tick() -> None:
        changed = watcher.poll()
        if changed is None:
            return
        names = ", ".join(sorted(p.name for p in changed)[:5])
        print(f"Changed: {names}", flush=True)
        if preview.build(changed):
            print(preview.last, flush=True)
        else:
            print_problems(preview.state.problems)
            print("The last good build is still being served.", file=sys.stderr, flush=True)
        LiveReloadHandler.reload_waiters("*")

    app = web.Application(
        [
            (r"/livereload", LiveReloadHandler),
            (r"/livereload.js", LiveReloadJSHandler),
            (r"/(.*)", PreviewHandler, {"preview": preview}),
        ]
    )
    app.listen(port, address=host)
    print(f"Serving {out} at http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    ioloop.PeriodicCallback(tick, POLL_MS).start()
    with contextlib.suppress(KeyboardInterrupt):
        ioloop.IOLoop.current().start()
    return 0
