"""The command line: ``python build.py [build|check|serve] [--site DIR]``.

Exit status: 0 success, 1 the site's files have problems (reported, nothing written), 2 the
command line itself is wrong. Staff never see a traceback: an unexpected failure prints one line
and asks to be reported.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import i18n
from .errors import Abort, print_problems, warnings_note
from .i18n import _, ngettext

COMMANDS = ("build", "check", "serve", "new", "schema", "export", "import")
REPORT = "data-quality.html"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description=_("Build the investment-promotion site from its zone files, pages and templates."),
    )
    sub = parser.add_subparsers(dest="command", metavar="{" + ",".join(COMMANDS) + "}")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.add_argument(
            "--site",
            type=Path,
            default=Path("."),
            metavar="DIR",
            help=_("the site folder holding site.yaml (default: the current folder)"),
        )
        return command

    build = add("build", _("build the site into DIR/_site (the default command)"))
    build.add_argument("--out", type=Path, metavar="DIR", help=_("output folder (default: SITE/_site)"))
    _check_options(add("check", _("report every problem in the site's files without writing anything")))
    serve = add("serve", _("build, serve on this computer, and rebuild when a file changes"))
    serve.add_argument("--out", type=Path, metavar="DIR", help=_("output folder (default: SITE/_site)"))
    serve.add_argument("--host", default="127.0.0.1", help=_("address to listen on (default: 127.0.0.1)"))
    serve.add_argument("--port", type=int, default=8000, help=_("port (default: 8000)"))
    new = add("new", _("start a zone file in clusters/ with every field, from the zone's name"))
    new.add_argument("name", help=_('the zone\'s full name, e.g. "Cụm công nghiệp Điện Thọ 2"'))
    new.add_argument("--lang", help=_("language the name is written in (default: the site's first)"))
    add("schema", _("write schema/zone.schema.json and schema/site.schema.json for editors"))
    export = add("export", _("write every zone to a spreadsheet (.xlsx or .csv), one row per zone"))
    export.add_argument("file", type=Path, help=_("zones.xlsx or zones.csv"))
    _import_options(add("import", _("update the zone files from a spreadsheet written by export (all rows or none)")))
    return parser


def _check_options(check: argparse.ArgumentParser) -> None:
    check.add_argument("--strict", action="store_true", help=_("treat warnings as errors (exit 1)"))
    check.add_argument("--all", action="store_true", help=_("list every warning, each with its file and line"))
    check.add_argument(
        "--report",
        nargs="?",
        const=Path(REPORT),
        type=Path,
        metavar="FILE",
        help=_("also write an HTML page of every zone's gaps (default: SITE/data-quality.html)"),
    )


def _import_options(load: argparse.ArgumentParser) -> None:
    load.add_argument("file", type=Path, help=_("zones.xlsx or zones.csv"))
    load.add_argument(
        "--map",
        type=Path,
        metavar="FILE",
        help=_("a YAML file naming, for a province's own sheet, the field key of each column and the key of each word"),
    )


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv.insert(0, "build")
    speak(_site_argument(argv))
    args = _parser().parse_args(argv)
    site = args.site
    if not site.is_dir():
        print(_("build.py: error: --site {site}: no such folder").format(site=site), file=sys.stderr)
        return 2
    try:
        return _run(args)
    except Abort as abort:
        print_problems(abort.problems)
        if args.command in ("build", "serve"):
            print(_("Nothing was written; the previous site is unchanged."), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        print(_("error: {reason}: {file}").format(reason=exc.strerror or exc, file=exc.filename or ""), file=sys.stderr)
        return 1
    except Exception as exc:
        if os.environ.get("ZONESITE_DEBUG"):
            raise
        message = _(
            "internal error: {error}\n"
            "This is a bug in the generator, not in your files; the previous site is unchanged.\n"
            "Run again with ZONESITE_DEBUG=1 to see the details for a bug report."
        )
        print(message.format(error=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return 3


def _site_argument(argv: list[str]) -> Path:
    """The ``--site`` folder, read before the parser is built so its help is in the staff language."""
    for i, arg in enumerate(argv):
        if arg == "--site" and i + 1 < len(argv):
            return Path(argv[i + 1])
        if arg.startswith("--site="):
            return Path(arg.partition("=")[2])
    return Path(".")


def speak(root: Path) -> str:
    """Choose the staff language before anything is said: ``ZONESITE_LANG``, else the first of the
    site's languages (read from site.yaml alone; if it cannot be read, the model's default)."""
    from .model.site import SiteConfig
    from .source.files import load_site_file

    try:
        source, _problems = load_site_file(root)
    except OSError:
        source = None  # no such folder: the command line says so, in the default language
    data = source.doc.data if source else None
    languages = data.get("languages") if isinstance(data, dict) else None
    if not isinstance(languages, list) or not languages:
        languages = SiteConfig.model_fields["languages"].get_default(call_default_factory=True)
    return i18n.choose(str(lang) for lang in languages)


def _sheet(args: argparse.Namespace, root: Path) -> int:
    from .commands.sheet import SUFFIXES

    path: Path = args.file
    if path.suffix.lower() not in SUFFIXES:
        print(_("build.py: error: {path}: give a file ending in .xlsx or .csv").format(path=path), file=sys.stderr)
        return 2
    if args.command == "export":
        return _export(root, path)
    for given in (path, args.map):
        if given is not None and not given.is_file():
            print(_("build.py: error: {path}: no such file").format(path=given), file=sys.stderr)
            return 2
    return _import(root, path, args.map)


def _export(root: Path, path: Path) -> int:
    from .commands.sheet import export_sheet

    count = export_sheet(root, path)
    wrote = ngettext("Wrote {n} zone to {path}.", "Wrote {n} zones to {path}.", count).format(n=count, path=path)
    explains = _("The sheet '{sheet}' explains each column.").format(sheet=_("Instructions"))
    print(wrote + (" " + explains if path.suffix.lower() == ".xlsx" else ""))
    return 0


def _import(root: Path, path: Path, mapping: Path | None) -> int:
    from .commands.sheet import import_sheet

    try:
        plan = import_sheet(root, path, mapping)
    except Abort as abort:
        if not all(problem.sheet for problem in abort.problems):
            raise  # the site's own files are wrong: reported like any check
        for problem in abort.problems:
            print(problem.render(), file=sys.stderr)
        count = len(abort.problems)
        done = ngettext("{n} problem; no zone file was changed.", "{n} problems; no zone file was changed.", count)
        print(done.format(n=count), file=sys.stderr)
        return 1
    if plan.unmapped:
        # Translators: {columns} lists the sheet's column titles the mapping file does not name.
        left = _("Columns the mapping file does not name, left out: {columns}")
        print(left.format(columns=", ".join(plan.unmapped)))
    if not plan.edits:
        print(_("No changes: every zone file already matches {name}.").format(name=path.name))
    for edit in plan.edits:
        what = _("Created {path}:") if edit.created else _("Updated {path}:")
        print(what.format(path=edit.path.relative_to(root)))
        for change in edit.changes:
            print(f"  {change}")
    return 0


def _check(args: argparse.Namespace, root: Path) -> int:
    from .commands.check import check, warning_summary

    site, warnings, known = check(root)
    zones = len(site.zones)
    if args.all:
        print_problems(warnings, sys.stdout)
    else:
        for line in warning_summary(warnings, known):
            print(line)
    if args.report:
        from .staff.quality import write_report

        # A path given on the command line is read from the current folder, like any other;
        # the default lands in the site folder, beside site.yaml.
        report = root / args.report if args.report == Path(REPORT) else args.report.resolve()
        gaps = write_report(site, report)
        print(_("Wrote {report} ({gaps} gaps in {zones} zones).").format(report=report, gaps=gaps, zones=zones))
    if args.strict and warnings:
        print(_("--strict: warnings count as errors."), file=sys.stderr)
        return 1
    print(ngettext("{n} zone checked: no errors.", "{n} zones checked: no errors.", zones).format(n=zones))
    return 0


def _new(args: argparse.Namespace, root: Path) -> int:
    from .commands.new import new_zone

    path = new_zone(root, args.name, args.lang)
    print(_("Wrote {path}. Fill in what you know, then run: python build.py check").format(path=path.relative_to(root)))
    return 0


def _schema(args: argparse.Namespace, root: Path) -> int:
    from .commands.schema import schema

    for path in schema(root):
        print(_("Wrote {path}").format(path=path.relative_to(root)))
    return 0


def _serve(args: argparse.Namespace, root: Path) -> int:
    from .commands.serve import serve

    return serve(root, _out(args, root), args.host, args.port)


def _build(args: argparse.Namespace, root: Path) -> int:
    from .commands.build import build, summary

    out = _out(args, root)
    result = build(root, out)
    print(summary(result, out))
    if result.warnings:
        print(warnings_note(result.warnings))
    return 0


def _out(args: argparse.Namespace, root: Path) -> Path:
    return (args.out or root / "_site").resolve()


VERBS = {
    "build": _build,
    "check": _check,
    "serve": _serve,
    "new": _new,
    "schema": _schema,
    "export": _sheet,
    "import": _sheet,
}


def _run(args: argparse.Namespace) -> int:
    return VERBS[args.command](args, args.site.resolve())
