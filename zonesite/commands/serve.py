"""``build.py serve``: build, serve on 127.0.0.1, rebuild on change, reload the browser tab.

Serving and reloading are the ``livereload`` package's, used through its public API: its
:class:`~livereload.Server` is given a watcher of our own, built on ``watchfiles`` (the operating
system tells us of changes; nothing polls), and our handler for the pages. Saves that come in a
burst give one rebuild, run on the watcher's thread while the server keeps answering from the last
good build. When a rebuild fails, the located problems are printed and laid over every page until
the next good rebuild.
"""

from __future__ import annotations

import html
import logging
import mimetypes
import sys
import threading
from pathlib import Path
from typing import Any

import watchfiles
from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher
from markupsafe import Markup
from tornado import ioloop, web

from ..errors import print_problems
from ..i18n import _
from ..model import routes
from ..render.engine import render_engine
from ..render.security import allow_inline
from ..source.files import ZONE_SUFFIXES
from .edit import EditorState, editor_state
from .edit import handlers as editor_handlers
from .preview import Preview

QUIET_MS = 250  # saves closer together than this make one rebuild
BURST_MS = 1600  # a long burst of saves is still rebuilt this often
IGNORED_SUFFIXES = ("~", ".swp", ".tmp", ".bak")


# The problems panel's look, in a <style> the pages' Content-Security-Policy allows by its hash.
PANEL_STYLE = (
    "#zonesite-problems{position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:99999;"
    "background:#fff5f5;border-top:4px solid #b91c1c;color:#1c2731;padding:12px 16px;"
    "font:14px/1.4 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.2)}"
    "#zonesite-problems ul{margin:8px 0 0;padding-left:18px}#zonesite-problems li{margin:6px 0}"
    "#zonesite-problems li div{overflow-wrap:anywhere;font:13px/1.4 ui-monospace,monospace}"
    "#zonesite-problems pre{margin:2px 0 0;overflow-x:auto;font-size:12px}"
)


def problems_panel(problems: list[Any]) -> str:
    """The located problems as an HTML panel laid over the last good page."""
    return render_engine("problems-panel.html", problems=problems, style=Markup(PANEL_STYLE))


def inline_text(element: bytes | str) -> str:
    """What is inside an inline ``<script>``: the text the policy's hash must match."""
    text = element.decode("utf-8") if isinstance(element, bytes) else element
    return text[text.index(">") + 1 : text.rindex("</")]


class PreviewHandler(web.RequestHandler):
    """Serves the output folder, laying the last rebuild's problems over HTML pages."""

    def initialize(self, preview: Preview, reload_script: str = "") -> None:
        self.preview, self.reload_script = preview, reload_script

    def get(self, path: str) -> None:
        root = self.preview.out.resolve()
        target = _inside(root, path)
        if target is None:
            raise web.HTTPError(404)
        if target.is_dir():
            if path and not path.endswith("/"):
                self.redirect(self.request.path + "/", permanent=False)
                return
            target = target / "index.html"
        status = 200
        if not target.is_file():
            target, status = root / "404.html", 404
        problems = self.preview.problems
        if target.is_file():
            body = target.read_bytes()
        elif problems:  # nothing was ever built: show just the problems
            title = html.escape(_("Problems"))
            page = f"<!DOCTYPE html><title>{title}</title><head></head><body></body>"
            body, target = page.encode("utf-8"), Path("problems.html")
        else:
            raise web.HTTPError(404)
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind == "text/html":
            if problems:
                body = body.replace(b"</body>", problems_panel(problems).encode("utf-8") + b"</body>", 1)
            # livereload adds its inline script to the page; the page's policy must let it run.
            body = allow_inline(body, [self.reload_script], [PANEL_STYLE] if problems else [])
            kind += "; charset=utf-8"
        self.set_status(status)
        self.set_header("Content-Type", kind)
        self.set_header("Cache-Control", "no-store")
        self.write(body)


def _inside(root: Path, path: str) -> Path | None:
    """What the decoded request ``path`` names inside ``root``; None for anything else: dot segments
    or a link leading out, an absolute path, or a name no file can have (a NUL byte, too long),
    which would otherwise fail as a server error instead of a plain 404."""
    try:
        target = (root / path).resolve()
        target.is_dir()  # raises for a name the file system refuses
    except (OSError, ValueError):
        return None
    return target if target.is_relative_to(root) else None


class SiteWatcher(Watcher):
    """livereload's watcher, on watchfiles: the paths given to ``Server.watch`` are watched by the
    operating system; each burst of relevant changes runs ``on_change`` on this watcher's thread."""

    def __init__(self, relevant: Any, on_change: Any) -> None:
        super().__init__()
        self.relevant, self.on_change = relevant, on_change
        self.stop = threading.Event()

    def start(self, callback: Any) -> bool:
        """Called by livereload on its loop: watch in a thread; tell livereload not to poll."""
        loop = ioloop.IOLoop.current()
        threading.Thread(target=self._run, args=(loop,), name="watcher", daemon=True).start()
        return True

    def examine(self) -> tuple[None, None]:
        return None, None  # changes are pushed by the watching thread, never polled

    def _run(self, loop: ioloop.IOLoop) -> None:
        paths = [path for path in self._tasks if Path(path).exists()]
        for changes in watchfiles.watch(
            *paths,
            watch_filter=lambda _, path: self.relevant(Path(path)),
            debounce=BURST_MS,
            step=QUIET_MS,
            stop_event=self.stop,
            raise_interrupt=False,
            ignore_permission_denied=True,
        ):
            self.on_change({Path(path) for _, path in changes}, loop)


class PreviewServer(Server):
    """livereload's server with our handler for the site's pages (the reload script is injected
    by livereload into every HTML page it serves)."""

    def __init__(self, preview: Preview, watcher: SiteWatcher, editor: EditorState) -> None:
        super().__init__(watcher=watcher)
        self.preview, self.editor = preview, editor

    def get_web_handlers(self, script: Any) -> list[Any]:
        pages = {"preview": self.preview, "reload_script": inline_text(script)}
        return [*editor_handlers(self.editor), (r"/(.*)", PreviewHandler, pages)]


def relevance(preview: Preview) -> Any:
    """Whether a changed path is a source of the site (not its output, not an editor's backup)."""
    sources = [path.resolve() for path in preview.watched()]
    out = preview.out.resolve()
    # Zone files and pages have known suffixes; anything else there is an editor's scratch file.
    suffixes = {
        (preview.root / routes.ZONES).resolve(): ZONE_SUFFIXES,
        (preview.root / routes.PAGES).resolve(): (".md",),
    }

    def relevant(path: Path) -> bool:
        if path.name.startswith((".", "~", "#")) or path.name.endswith(IGNORED_SUFFIXES):
            return False
        resolved = path.resolve()
        if resolved.is_relative_to(out):
            return False
        for folder, allowed in suffixes.items():
            if resolved.is_relative_to(folder) and path.suffix.lower() not in allowed:
                return False
        return any(resolved == source or resolved.is_relative_to(source) for source in sources)

    return relevant


def _rebuild(preview: Preview, changed: set[Path], loop: ioloop.IOLoop) -> None:
    """Rebuild for a burst of changes, report it, reload the open tabs, then refresh the search."""
    names = ", ".join(sorted(p.name for p in changed)[:5])
    # Translators: {files} lists the names of the files saved, e.g. "trang-e.yaml, site.yaml".
    print(_("Changed: {files}").format(files=names), flush=True)
    if preview.build(changed):
        print(preview.last, flush=True)
    else:
        print_problems(preview.problems)
        print(_("The last good build is still being served."), file=sys.stderr, flush=True)
    loop.add_callback(LiveReloadHandler.reload_waiters, "*")
    if not preview.failed:
        preview.reindex()


def serve(root: Path, out: Path, host: str, port: int) -> int:
    preview = Preview(root, out)
    if preview.build():
        print(preview.last)
    else:
        print_problems(preview.problems)
        print(_("Fix the problems above; the preview shows them until the site builds."), file=sys.stderr)
    out.mkdir(parents=True, exist_ok=True)
    watcher = SiteWatcher(relevance(preview), lambda changed, loop: _rebuild(preview, changed, loop))
    server = PreviewServer(preview, watcher, editor_state(root, host, port))
    for path in _watch_roots(preview):
        server.watch(str(path))
    # livereload logs each connection at INFO; staff see our own lines instead.
    logging.getLogger("livereload").addFilter(lambda record: record.levelno >= logging.WARNING)
    # Translators: {folder} is the output folder, {address} the preview's web address.
    serving = _("Serving {folder} at {address} (Ctrl+C to stop)")
    print(serving.format(folder=out, address=f"http://{host}:{port}/"), flush=True)
    # Translators: {address} is the zone editor's web address.
    print(_("Edit zones in the browser at {address}").format(address=f"http://{host}:{port}/_edit/"), flush=True)
    try:
        server.serve(port=port, host=host, root=str(out))
    finally:
        watcher.stop.set()
    return 0


def _watch_roots(preview: Preview) -> list[Path]:
    """The folders to watch: the site folder itself (so a source folder created later is seen)
    and theme folders outside it."""
    root = preview.root.resolve()
    roots = [root]
    for path in preview.watched():
        resolved = path.resolve()
        if resolved.exists() and not resolved.is_relative_to(root) and resolved not in roots:
            roots.append(resolved)
    return roots
