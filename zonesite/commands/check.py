"""``build.py check``: every problem in every file, without writing anything."""

from __future__ import annotations

import os
from pathlib import Path

from ..derive.coverage import SUMMARIES
from ..derive.site import DerivedSite
from ..errors import Problem
from ..i18n import _, ngettext
from ..output import site_files
from ..pipeline import read_site_all


def check(root: Path) -> tuple[DerivedSite, list[Problem], list[Problem]]:
    """Validate and render in memory; returns the site, its warnings and the gaps staff have
    acknowledged, or raises Abort.

    Rendering is part of checking because templates can fail too, and a link in a page can lead
    nowhere; only writing is skipped. Pages are rendered on every core, as a build does, and
    dropped as soon as they rendered: a national site is checked within a build's memory.
    """
    site, warnings, known = read_site_all(root)
    site_files(site, workers=os.cpu_count() or 1, keep=False)
    return site, warnings, known


EXAMPLES = 3  # files named per kind of warning in the summary


def warning_summary(warnings: list[Problem], known: list[Problem]) -> list[str]:
    """Warnings grouped by kind, most frequent first: how many, in which files (a few), what to
    do; then how many gaps staff have acknowledged. ``check --all`` lists each warning instead."""
    groups: dict[str, list[Problem]] = {}
    for problem in sorted(warnings, key=lambda p: (p.file, p.line, p.col)):
        groups.setdefault(problem.kind or problem.message, []).append(problem)
    lines = []
    if warnings:
        # Translators: the first line of check's summary of warnings; keep the command as it is.
        head = ngettext(
            "{n} warning, by kind ('python build.py check --all' lists each):",
            "{n} warnings, by kind ('python build.py check --all' lists each):",
            len(warnings),
        )
        lines.append(head.format(n=len(warnings)))
    for kind, found in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
        lines += _group_lines(kind, found)
    if known:
        # Translators: gaps staff have acknowledged in site.yaml or the zone files, with a reason.
        note = ngettext(
            "{n} known gap acknowledged, not listed.", "{n} known gaps acknowledged, not listed.", len(known)
        )
        lines.append(note.format(n=len(known)))
    return lines


def _group_lines(kind: str, found: list[Problem]) -> list[str]:
    messages = {p.message for p in found}
    what = found[0].message if len(messages) == 1 else _(SUMMARIES.get(kind, kind))
    files = list(dict.fromkeys(_place(p) for p in found))
    shown = ", ".join(files[:EXAMPLES])
    if len(files) > EXAMPLES:
        # Translators: {files} lists a few files; {more} counts the others.
        shown = _("{files} and {more} more").format(files=shown, more=len(files) - EXAMPLES)
    lines = [f"  {len(found)} × {what}: {shown}"]
    hints = {p.hint for p in found}
    if len(hints) == 1 and found[0].hint:
        lines.append(f"      ({found[0].hint})")
    return lines


def _place(problem: Problem) -> str:
    """A zone file as its slug; another file by its name, with the line when there is one."""
    name = Path(problem.file).name
    if problem.file.startswith("clusters/"):
        return Path(name).stem
    return f"{name}:{problem.line}" if problem.line else name
