"""``build.py build``: read, validate, derive, render and write the site."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from ..derive import DerivedSite
from ..errors import Problem
from ..pipeline import read_site
from ..render import render_site
from ..write import write_site


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
    output = render_site(site)
    write_site(output, out)
    return BuildResult(site, warnings, len(output), time.perf_counter() - started)


def summary(result: BuildResult, out: Path) -> str:
    site = result.site
    return (
        f"Built {result.files} files for {len(site.zones)} zones and {len(site.pages)} pages "
        f"in {len(site.languages)} languages ({', '.join(site.languages)}) into {out} "
        f"in {result.seconds:.2f} s."
    )
