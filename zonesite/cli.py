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

from .errors import Abort, print_problems, warnings_note

COMMANDS = ("build", "check", "serve", "new", "schema", "export", "import")
REPORT = "data-quality.html"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Build the investment-promotion site from its zone files, pages and templates.",
    )
    sub = parser.add_subparsers(dest="command", metavar="{" + ",".join(COMMANDS) + "}")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.add_argument(
            "--site",
            type=Path,
            default=Path("."),
            metavar="DIR",
            help="the site folder holding site.yaml (default: the current folder)",
        )
        return command

    build = add("build", "build the site into DIR/_site (the default command)")
    build.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: SITE/_site)")
    check = add("check", "report every problem in the site's files without writing anything")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 1)")
    check.add_argument(
        "--report",
        nargs="?",
        const=Path(REPORT),
        type=Path,
        metavar="FILE",
        help="also write an HTML page of every zone's gaps (default: SITE/data-quality.html)",
    )
    serve = add("serve", "build, serve on this computer, and rebuild when a file changes")
    serve.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: SITE/_site)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    new = add("new", "start a zone file in clusters/ with every field, from the zone's name")
    new.add_argument("name", help='the zone\'s full name, e.g. "Cụm công nghiệp Điện Thọ 2"')
    new.add_argument("--lang", help="language the name is written in (default: the site's first)")
    add("schema", "write schema/zone.schema.json and schema/site.schema.json for editors")
    export = add("export", "write every zone to a spreadsheet (.xlsx or .csv), one row per zone")
    export.add_argument("file", type=Path, help="zones.xlsx or zones.csv")
    load = add("import", "update the zone files from a spreadsheet written by export (all rows or none)")
    load.add_argument("file", type=Path, help="zones.xlsx or zones.csv")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv.insert(0, "build")
    args = _parser().parse_args(argv)
    site = args.site
    if not site.is_dir():
        print(f"build.py: error: --site {site}: no such folder", file=sys.stderr)
        return 2
    try:
        return _run(args)
    except Abort as abort:
        print_problems(abort.problems)
        if args.command in ("build", "serve"):
            print("Nothing was written; the previous site is unchanged.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}", file=sys.stderr)
        return 1
    except Exception as exc:
        if os.environ.get("ZONESITE_DEBUG"):
            raise
        print(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in the generator, not in your files; the previous site is unchanged.\n"
            "Run again with ZONESITE_DEBUG=1 to see the details for a bug report.",
            file=sys.stderr,
        )
        return 3


def _sheet(args: argparse.Namespace, root: Path) -> int:
    from .commands.sheet import SUFFIXES, export_sheet, import_sheet

    path: Path = args.file
    if path.suffix.lower() not in SUFFIXES:
        print(f"build.py: error: {path}: give a file ending in .xlsx or .csv", file=sys.stderr)
        return 2
    if args.command == "export":
        count = export_sheet(root, path)
        note = " The sheet 'columns' explains each column." if path.suffix.lower() == ".xlsx" else ""
        print(f"Wrote {count} zone{'s' * (count != 1)} to {path}.{note}")
        return 0
    if not path.is_file():
        print(f"build.py: error: {path}: no such file", file=sys.stderr)
        return 2
    try:
        edits = import_sheet(root, path)
    except Abort as abort:
        if not all(problem.sheet for problem in abort.problems):
            raise  # the site's own files are wrong: reported like any check
        for problem in abort.problems:
            print(problem.render(), file=sys.stderr)
        count = len(abort.problems)
        print(f"{count} problem{'s' * (count != 1)}; no zone file was changed.", file=sys.stderr)
        return 1
    if not edits:
        print(f"No changes: every zone file already matches {path.name}.")
    for edit in edits:
        print(f"{'Created' if edit.created else 'Updated'} {edit.path.relative_to(root)}:")
        for change in edit.changes:
            print(f"  {change}")
    return 0


def _check(args: argparse.Namespace, root: Path) -> int:
    from .commands.check import check

    site, warnings = check(root)
    zones = len(site.zones)
    print_problems(warnings, sys.stdout)
    if args.report:
        from .staff.quality import write_report

        # A path given on the command line is read from the current folder, like any other;
        # the default lands in the site folder, beside site.yaml.
        report = root / args.report if args.report == Path(REPORT) else args.report.resolve()
        gaps = write_report(site, report)
        print(f"Wrote {report} ({gaps} gaps in {zones} zones).")
    if args.strict and warnings:
        print("--strict: warnings count as errors.", file=sys.stderr)
        return 1
    print(f"{zones} zone{'s' * (zones != 1)} checked: no errors.")
    return 0


def _new(args: argparse.Namespace, root: Path) -> int:
    from .commands.new import new_zone

    path = new_zone(root, args.name, args.lang)
    print(f"Wrote {path.relative_to(root)}. Fill in what you know, then run: python build.py check")
    return 0


def _schema(args: argparse.Namespace, root: Path) -> int:
    from .commands.schema import schema

    for path in schema(root):
        print(f"Wrote {path.relative_to(root)}")
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
        print(warnings_note(len(result.warnings)))
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
