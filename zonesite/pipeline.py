"""Read → check → derive, as one call that either returns a consistent site or raises
:class:`~zonesite.errors.Abort` with every problem found in every file.

Rendering and writing follow in the commands that need them (build, check, serve), so the same
checked and derived site feeds the pages, the open data, the spreadsheet and the reports.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .check import check_site
from .derive.coverage import KNOWN, site_warnings
from .derive.site import DerivedSite, derive_site
from .errors import Abort, Problem
from .staff.jsonschema import stale_schema_warnings


def read_site(root: Path, today: dt.date | None = None) -> tuple[DerivedSite, list[Problem]]:
    """Read, check and derive the site in ``root``; returns it with its warnings (not the gaps
    staff have acknowledged)."""
    site, warnings, _known = read_site_all(root, today)
    return site, warnings


def read_site_all(root: Path, today: dt.date | None = None) -> tuple[DerivedSite, list[Problem], list[Problem]]:
    """:func:`read_site`, with the acknowledged gaps apart: ``check`` says how many there are."""
    checked = check_site(root.resolve())
    site = derive_site(checked)
    found = checked.warnings + site_warnings(site, checked.site_doc, today) + stale_schema_warnings(site)
    if any(p.severity == "error" for p in found):
        raise Abort([p for p in found if p.severity != KNOWN])  # a rule about the whole site failed
    return site, [p for p in found if p.severity != KNOWN], [p for p in found if p.severity == KNOWN]
