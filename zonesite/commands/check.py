"""``build.py check``: every problem in every file, without writing anything."""

from __future__ import annotations

from pathlib import Path

from ..derive.site import DerivedSite
from ..errors import Problem
from ..output import site_files
from ..pipeline import read_site


def check(root: Path) -> tuple[DerivedSite, list[Problem]]:
    """Validate and render in memory; returns the site and its warnings, or raises Abort.

    Rendering is part of checking because templates can fail too, and a link in a page can lead
    nowhere; only writing is skipped.
    """
    site, warnings = read_site(root)
    site_files(site)
    return site, warnings
