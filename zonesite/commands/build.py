"""``build.py build``: read, validate, derive, render and write the site."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _, ngettext
from ..output import cache, site_files
from ..output.search import index_folder
from ..output.write import staging_for, write_site
from ..pipeline import read_site


@dataclass
class BuildResult:
    """What a build did: how many files, zones and pages in which languages, its warnings, and
    whether it was skipped because nothing had changed since the last build."""

    files: int
    zones: int
    pages: int
    languages: list[str]
    warnings: int
    seconds: float
    skipped: bool = False


def build(root: Path, out: Path, today: dt.date | None = None) -> BuildResult:
    """Build the site in ``root`` into ``out``; raises Abort (leaving ``out`` untouched) on problems.
    A build whose inputs are exactly those of the last one, into untouched output, is skipped."""
    started = time.perf_counter()
    key = cache.fingerprint(root, out, today or dt.date.today())
    counts = cache.up_to_date(root, out, key)
    if counts is not None:
        return BuildResult(**counts, seconds=time.perf_counter() - started, skipped=True)
    cache.forget(root)
    site, warnings = read_site(root)
    staging = staging_for(out)
    shutil.rmtree(staging, ignore_errors=True)
    try:
        output = site_files(site, workers=os.cpu_count() or 1, staging=staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    write_site(output, out, finish=index_folder, staged=True)
    counts = {
        "files": len(output),
        "zones": len(site.zones),
        "pages": len(site.pages),
        "languages": site.languages,
        "warnings": len(warnings),
    }
    cache.remember(root, out, key, counts)
    return BuildResult(**counts, seconds=time.perf_counter() - started)


def summary(result: BuildResult, out: Path) -> str:
    if result.skipped:
        # Translators: {out} is the output folder; {seconds} how long the check took, e.g. 0.42.
        return _("Nothing changed since the last build: {out} is up to date (checked in {seconds} s).").format(
            out=out, seconds=f"{result.seconds:.2f}"
        )
    files, zones, pages = result.files, result.zones, result.pages
    # Translators: {files}, {zones} and {pages} are counts such as "12 files", "3 zones", "1 page";
    # {languages} lists language codes (vi, en); {out} is the output folder; {seconds} e.g. 0.42.
    done = _("Built {files} for {zones} and {pages} in {languages} into {out} in {seconds} s.")
    return done.format(
        files=ngettext("{n} file", "{n} files", files).format(n=files),
        zones=ngettext("{n} zone", "{n} zones", zones).format(n=zones),
        pages=ngettext("{n} page", "{n} pages", pages).format(n=pages),
        languages=", ".join(result.languages),
        out=out,
        seconds=f"{result.seconds:.2f}",
    )
