"""Full-text search over every page in every language, built at build time with Pagefind.

Pagefind indexes the pages that mark their main content with ``data-pagefind-body`` (one index
per language, found from ``<html lang>``), folds diacritics so "dien tho" finds "Điện Thọ", and
writes a static bundle that the search page loads in pieces as the reader types. It runs on the
fully written staging folder, before that folder replaces the live site.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from pagefind.service import get_executable

from ..errors import Abort, Problem
from ..i18n import _
from .write import write_file

BUNDLE = "pagefind"


def index_folder(folder: Path) -> None:
    """Write ``folder/pagefind/`` for the HTML in ``folder``; raise Abort if Pagefind fails."""
    binary = get_executable()
    if binary is None:
        raise Abort([Problem("", 0, 0, "", _("Pagefind is not installed"), _("run 'make site' to install it"))])
    result = subprocess.run(
        [str(binary), "--site", str(folder), "--output-subdir", BUNDLE, "--silent"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip().splitlines()[-1:] or [_("no message")]
        # Translators: {reason} is the last line Pagefind, the search indexer, printed (in English).
        reason = _("the search index could not be built: {reason}").format(reason=message[0])
        raise Abort([Problem("", 0, 0, "", reason)])
    _stable_entry(folder / BUNDLE / "pagefind-entry.json")


def _stable_entry(path: Path) -> None:
    """Pagefind lists languages in no fixed order; sort them so two builds are byte-identical."""
    if path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
        write_file(path, json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")))
