"""Problems found in a site's files, and the one exception that means "the input is wrong".

A problem is reported to staff, not to programmers: it names the file, line and column, the field,
and what is wrong, and can carry a hint ("did you mean ...?"). Every stage collects problems instead
of stopping at the first, so one run shows all of them.
"""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .i18n import _, ngettext


@dataclass(frozen=True, order=True)
class Problem:
    """One located mistake (or, with ``severity="warning"``, a weakness) in a site file."""

    file: str
    line: int = 0
    col: int = 0
    field: str = ""
    message: str = ""
    hint: str = ""
    severity: str = "error"
    source_line: str = dataclasses.field(default="", compare=False)
    sheet: bool = False  # a spreadsheet cell: ``line`` is its row and ``field`` its column
    kind: str = dataclasses.field(default="", compare=False)  # a warning's kind, for grouping and acknowledging

    def headline(self) -> str:
        """``clusters/x.yaml:12:5: area.leased_ha: message (hint)`` — the line tests and tools read;
        for a spreadsheet, ``zones.xlsx row 7, column lease_price_usd_m2: message (hint)``."""
        if self.sheet:
            if self.field:
                where = _("{file} row {row}, column {column}").format(file=self.file, row=self.line, column=self.field)
            else:
                where = _("{file} row {row}").format(file=self.file, row=self.line)
            return f"{where}: {self.message}" + (f" ({self.hint})" if self.hint else "")
        where = self.file
        if self.line:
            where += f":{self.line}:{self.col or 1}"
        text = f"{where}: "
        if self.severity != "error":
            text += _("warning") + ": "
        if self.field:
            text += f"{self.field}: "
        text += self.message
        if self.hint:
            text += f" ({self.hint})"
        return text

    def render(self) -> str:
        """The headline plus the offending source line with a caret, as Jinja shows syntax errors."""
        text = self.headline()
        if self.source_line and self.line:
            gutter = f"{self.line:>5} | "
            caret = " " * (len(gutter) - 2) + "| " + " " * max(self.col - 1, 0) + "^"
            text += f"\n{gutter}{self.source_line.rstrip()}\n{caret}"
        return text


class Abort(Exception):
    """The site's input is wrong: report ``problems`` and exit 1, never with a traceback."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def cell_problem(file: str, row: int, column: str, message: str, hint: str = "") -> Problem:
    """A problem in one spreadsheet cell (or a whole row, or the header row when ``row`` is 1)."""
    return Problem(file, row, 0, column, message, hint, sheet=True)


def relpath(path: Path, root: Path) -> str:
    """A path as staff see it in messages: relative to the site folder, with forward slashes.
    A path already spelled under the site folder needs no look-up on disk (serve asks this of
    every zone file after every save)."""
    if path.is_absolute() and root.is_absolute() and ".." not in path.parts:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def print_problems(problems: list[Problem], stream: TextIO = sys.stderr) -> None:
    ordered = sorted(problems, key=lambda p: (p.severity != "error", p.file, p.line, p.col, p.field))
    for problem in ordered:
        print(problem.render() if problem.severity == "error" else problem.headline(), file=stream)
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    files = len({p.file for p in problems})
    if not problems:
        return
    if errors and warnings:
        # Translators: the total line after every problem is listed, e.g. "2 errors and 3 warnings in 4 files."
        counts = _("{errors} and {warnings}").format(errors=_errors(errors), warnings=_warnings(warnings))
    else:
        counts = _errors(errors) if errors else _warnings(warnings)
    total = ngettext("{counts} in {n} file.", "{counts} in {n} files.", files)
    print(total.format(counts=counts, n=files), file=stream)


def _errors(n: int) -> str:
    return ngettext("{n} error", "{n} errors", n).format(n=n)


def _warnings(n: int) -> str:
    return ngettext("{n} warning", "{n} warnings", n).format(n=n)


def warnings_note(count: int) -> str:
    """One line for ``build``, which leaves the details to ``check``."""
    return ngettext(
        "{n} warning about gaps in the data: run 'python build.py check' to see them.",
        "{n} warnings about gaps in the data: run 'python build.py check' to see them.",
        count,
    ).format(n=count)
