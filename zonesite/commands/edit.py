"""``serve``'s form editor at ``/_edit/``: staff edit zones in the browser, never in the built site.

Plain server-rendered forms (the engine's own templates, in the staff's language) and a little
script. Every request that changes something carries the token ``serve`` made when it started,
so another site open in the same browser cannot post to it; the Host header must be the address
``serve`` binds, so a web page cannot reach it through a DNS name either. Only zone files under
``clusters/`` are ever read or written, each save is atomic, and a save over a file that changed
since its form was opened is refused with both versions shown.
"""

from __future__ import annotations

import difflib
import json
import re
import secrets
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from tornado import web

from .. import i18n
from ..errors import Abort, Problem
from ..i18n import _
from ..model import routes
from ..model.registry import keyed_sections
from ..model.zone import Zone
from ..output.write import write_file
from ..pipeline import read_site
from ..render.engine import render_engine
from ..source.files import MAX_BYTES, ZONE_SUFFIXES
from ..staff.editor import DERIVABLE, Checked, ZoneForm, digest
from ..staff.quality import zone_report
from ..staff.yamledit import edit_text
from .new import new_zone

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ASSETS = {"editor.js": "application/javascript", "editor.css": "text/css"}


@dataclass
class EditorState:
    """What every editor request shares: the site folder, the session's token, the addresses
    allowed in Host, and the texts forms were made from (for showing a conflict)."""

    root: Path
    token: str
    hosts: set[str]
    opened: dict[str, str]


def editor_state(root: Path, host: str, port: int) -> EditorState:
    hosts = {f"{host}:{port}", f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"}
    return EditorState(root, secrets.token_urlsafe(24), hosts, {})


def handlers(state: EditorState) -> list[Any]:
    """The editor's routes, to put before the preview's catch-all."""
    args = {"state": state}
    return [
        (r"/_edit/?", IndexHandler, args),
        (r"/_edit/(editor\.js|editor\.css)", AssetHandler, args),
        (r"/_edit/new", NewHandler, args),
        (r"/_edit/zone/([^/]+)", ZoneHandler, args),
        (r"/_edit/check/([^/]+)", CheckHandler, args),
    ]


class EditorHandler(web.RequestHandler):
    """Common checks: the Host is ``serve``'s, a change carries the token, bodies stay small."""

    def initialize(self, state: EditorState) -> None:
        self.state = state

    def prepare(self) -> None:
        if self.request.host not in self.state.hosts:
            raise web.HTTPError(403, "unknown host")
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Frame-Options", "DENY")
        if self.request.method == "POST":
            if len(self.request.body) > MAX_BYTES:
                raise web.HTTPError(413)
            token = self.get_body_argument("_token", "")
            if not secrets.compare_digest(token, self.state.token):
                raise web.HTTPError(403, "missing or wrong token")

    def form(self) -> dict[str, list[str]]:
        return {k: [v.decode("utf-8") for v in vs] for k, vs in self.request.body_arguments.items()}

    def page(self, name: str, status: int = 200, **context: Any) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.write(render_engine(f"editor/{name}.html", staff_lang=i18n.language(), token=self.state.token, **context))

    def zone_path(self, slug: str) -> Path:
        """The zone file of ``slug``: only ever a file directly in clusters/."""
        if not SLUG.match(slug):
            raise web.HTTPError(404)
        folder = self.state.root / routes.ZONES
        for suffix in ZONE_SUFFIXES:
            path = folder / f"{slug}{suffix}"
            if path.is_file():
                return path
        raise web.HTTPError(404)


class AssetHandler(EditorHandler):
    def get(self, name: str) -> None:
        self.set_header("Content-Type", ASSETS[name])
        self.write(resources.files("zonesite").joinpath("templates", "editor", name).read_bytes())


class IndexHandler(EditorHandler):
    """Every zone with how many gaps it has, the worst first."""

    def get(self) -> None:
        self.page("index", zones=_zone_rows(self.state.root))


def _zone_rows(root: Path) -> list[dict[str, Any]]:
    import datetime as dt

    try:
        site, _warnings = read_site(root)
    except Abort:
        folder = root / routes.ZONES
        files = sorted(p for p in folder.iterdir() if p.suffix in ZONE_SUFFIXES) if folder.is_dir() else []
        return [{"slug": p.stem, "name": p.stem, "file": p.name, "gaps": None, "top": ""} for p in files]
    lang, rows = i18n.language(), []
    for view in site.zones:
        report = zone_report(site, view, dt.date.today())
        top = report.gaps[0].message if report.gaps else ""
        name = view.name.get(lang, site.languages)[0]
        rows.append({"slug": view.slug, "name": name, "file": view.file, "gaps": len(report.gaps), "top": top})
    return sorted(rows, key=lambda r: (-(r["gaps"] or 0), r["slug"]))


class ZoneHandler(EditorHandler):
    """The form of one zone; saving it writes the file if the engine finds no error."""

    def get(self, slug: str) -> None:
        editor = ZoneForm(self.state.root, self.zone_path(slug))
        if editor.unreadable():
            self.page("unreadable", status=422, file=editor.file, problems=editor.unreadable())
            return
        self._show(editor, slug, editor.boxes(), [], saved=self.get_query_argument("saved", "") == "1")

    def post(self, slug: str) -> None:
        path = self.zone_path(slug)
        editor = ZoneForm(self.state.root, path)
        if editor.unreadable():
            self.page("unreadable", status=422, file=editor.file, problems=editor.unreadable())
            return
        form = self.form()
        opened = (form.get("_digest") or [""])[0]
        if opened != digest(editor.text):
            self._conflict(editor, slug, opened, form)
            return
        checked = editor.check(form)
        if checked.errors:
            data, body = editor.raw(checked.text)
            self._show(editor, slug, editor.boxes(data, body), checked.problems, status=422, checked=checked)
            return
        if checked.text != editor.text:
            write_file(path, checked.text)
        self.redirect(f"/_edit/zone/{slug}?saved=1", status=303)

    def _show(
        self,
        editor: ZoneForm,
        slug: str,
        boxes: list[Any],
        problems: list[Problem],
        status: int = 200,
        saved: bool = False,
        checked: Checked | None = None,
    ) -> None:
        if checked is None:
            checked = editor.check_text(editor.text)  # nothing posted: the file's own problems
            problems = checked.problems
        self.state.opened[digest(editor.text)] = editor.text
        data, _body = editor.raw()
        name = data.get("name")
        title = name.get(i18n.language(), next(iter(name.values()), slug)) if isinstance(name, dict) else name or slug
        errors = [p for p in problems if p.severity == "error"]
        self.page(
            "zone",
            status=status,
            title=title,
            slug=slug,
            file=editor.file,
            boxes=boxes,
            errors=errors,
            saved=saved,
            action=f"/_edit/zone/{slug}",
            check_url=f"/_edit/check/{slug}",
            digest=digest(editor.text),
            files=_static_files(self.state.root),
            derived=checked.derived,
            derivable=DERIVABLE,
            preview_path=f"{editor.languages[0]}/{routes.zone_path(slug)}",
            problems_json=json.dumps([_problem(p) for p in problems], ensure_ascii=False).replace("</", "<\\/"),
        )

    def _conflict(self, editor: ZoneForm, slug: str, opened: str, form: dict[str, list[str]]) -> None:
        before = self.state.opened.get(opened)
        yours = ""
        if before is not None:
            then = ZoneForm(self.state.root, editor.path)
            then.text = before
            yours = then.check(form).text
        diff = "".join(
            difflib.unified_diff(
                editor.text.splitlines(keepends=True),
                yours.splitlines(keepends=True),
                _("on disk now"),
                _("your version"),
            )
        )
        self.page(
            "conflict",
            status=409,
            file=editor.file,
            theirs=editor.text,
            yours=yours,
            diff=diff,
            reopen=f"/_edit/zone/{slug}",
        )


class CheckHandler(EditorHandler):
    """The form as staff have filled it so far, checked: problems by field and derived figures."""

    def post(self, slug: str) -> None:
        editor = ZoneForm(self.state.root, self.zone_path(slug))
        checked = editor.check(self.form())
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.write(json.dumps({"problems": [_problem(p) for p in checked.problems], "derived": checked.derived}))


def _problem(p: Problem) -> dict[str, str]:
    return {"field": p.field, "message": p.message, "hint": p.hint, "severity": p.severity}


class NewHandler(EditorHandler):
    """A new zone: its file is named from the Vietnamese (first-language) name."""

    def get(self) -> None:
        self._form({}, "")

    def post(self) -> None:
        form = {k: v[0].strip() for k, v in self.form().items()}
        editor = ZoneForm(self.state.root, self.state.root / routes.ZONES / "new.yaml")
        first = form.get(f"name@{editor.languages[0]}", "")
        try:
            path = new_zone(self.state.root, first)
        except Abort as abort:
            self._form(form, "; ".join(p.headline() for p in abort.problems), status=422)
            return
        names = {lang: form[f"name@{lang}"] for lang in editor.languages if form.get(f"name@{lang}")}
        changes: list[tuple[tuple[str | int, ...], Any]] = [(("name",), names)]
        if form.get("type"):
            changes.append((("type",), form["type"]))
        keys_order = {p: list(editor.defs.get(kind, {})) for p, kind in keyed_sections(Zone).items()}
        write_file(path, edit_text(path.read_text(encoding="utf-8"), changes, keys_order, False))
        self.redirect(f"/_edit/zone/{path.stem}", status=303)

    def _form(self, values: dict[str, str], error: str, status: int = 200) -> None:
        editor = ZoneForm(self.state.root, self.state.root / routes.ZONES / "new.yaml")
        types = editor.options_of("zone_types")
        self.page("new", status=status, values=values, error=error, languages=editor.languages, types=types)


def _static_files(root: Path) -> list[str]:
    """Files under static/ a photo or document may name, as the zone file writes them."""
    folder = root / routes.STATIC
    if not folder.is_dir():
        return []
    return sorted(
        p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")
    )
