"""``build.py build``: read, validate, derive, render and write the site."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from ..derive.site import DerivedSite
from ..errors import Problem
from ..i18n import _, ngettext
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
    output = site_files(site, workers=os.cpu_count() or 1)
    write_site(output, out, finish=index_folder)
    return BuildResult(site, warnings, len(output), time.perf_counter() - started)


def summary(result: BuildResult, out: Path) -> str:
    site = result.site
    files, zones, pages = result.files, len(site.zones), len(site.pages)
    # Translators: {files}, {zones} and {pages} are counts such as "12 files", "3 zones", "1 page";
    # {languages} lists language codes (vi, en); {out} is the output folder; {seconds} e.g. 0.42.
    done = _("Built {files} for {zones} and {pages} in {languages} into {out} in {seconds} s.")
    return done.format(
        files=ngettext("{n} file", "{n} files", files).format(n=files),
        zones=ngettext("{n} zone", "{n} zones", zones).format(n=zones),
        pages=ngettext("{n} page", "{n} pages", pages).format(n=pages),
        languages=", ".join(site.languages),
        out=out,
        seconds=f"{result.seconds:.2f}",
    )
