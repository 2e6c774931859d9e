"""How problems reach the terminal: sorted, located, with the offending line, and counted."""

from __future__ import annotations

import sys
from typing import TextIO

from .errors import Problem


def print_problems(problems: list[Problem], stream: TextIO = sys.stderr) -> None:
    ordered = sorted(problems, key=lambda p: (p.severity != "error", p.file, p.line, p.col, p.field))
    for problem in ordered:
        print(problem.render() if problem.severity == "error" else problem.headline(), file=stream)
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    files = len({p.file for p in problems})
    if problems:
        parts = [f"{errors} error{'s' * (errors != 1)}"] if errors else []
        if warnings:
            parts.append(f"{warnings} warning{'s' * (warnings != 1)}")
        print(f"{' and '.join(parts)} in {files} file{'s' * (files != 1)}.", file=stream)


def warnings_note(count: int) -> str:
    """One line for ``build``, which leaves the details to ``check``."""
    return f"{count} warning{'s' * (count != 1)} about gaps in the data: run 'python build.py check' to see them."
