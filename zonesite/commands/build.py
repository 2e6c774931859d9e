"""``build.py build``: read, validate, derive, render and write the site."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from ..derive.site import DerivedSite
from ..errors import Problem
from ..output import site_files
from ..output.search import index_folder
from ..output.write import write_site
from ..pipeline import read_site


@dataclass
class BuildResult:
    site: DerivedSite
    warnings: list[Problem]
    files: int
    seconds: float


def build(root: Path, out: Path) -> BuildResult:
    """Build the site in ``root`` into ``out``; raises Abort (leaving ``out`` untouched) on problems."""
    started = time.perf_counter()
    site, warnings = read_site(root)
    output = site_files(site)
    write_site(output, out, finish=index_folder)
    return BuildResult(site, warnings, len(output), time.perf_counter() - started)


def summary(result: BuildResult, out: Path) -> str:
    site = result.site
    return (
        f"Built {_count(result.files, 'file')} for {_count(len(site.zones), 'zone')} and "
        f"{_count(len(site.pages), 'page')} in {', '.join(site.languages)} into {out} in {result.seconds:.2f} s."
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"
