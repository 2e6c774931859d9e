"""Full-text search over every page in every language, built at build time with Pagefind.

Pagefind indexes the pages that mark their main content with ``data-pagefind-body`` (one bundle
per language, ``pagefind/<lang>/``), folds diacritics so "dien tho" finds "Điện Thọ", and
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
from ..model.types import locale_of
from .write import write_file

BUNDLE = "pagefind"


def index_folder(folder: Path) -> None:
    """Write ``folder/pagefind/<lang>/`` for each language folder's HTML; raise Abort if Pagefind
    fails. One language at a time: Pagefind holds a whole index in memory while it builds it, so
    indexing the languages one after the other needs a fraction of the memory of all at once."""
    binary = get_executable()
    if binary is None:
        raise Abort([Problem("", 0, 0, "", _("Pagefind is not installed"), _("run 'make site' to install it"))])
    for lang in languages_in(folder):
        _index(binary, folder, lang)
        _stable_entry(folder / BUNDLE / lang / "pagefind-entry.json")


def languages_in(folder: Path) -> list[str]:
    """The language folders of a built site (``vi/``, ``zh-Hans/``)."""
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and locale_of(p.name) and (p / "index.html").is_file())


def _index(binary: Path, folder: Path, lang: str) -> None:
    result = subprocess.run(
        [
            str(binary),
            "--site",
            str(folder),
            "--glob",
            f"{lang}/**/*.html",
            "--output-subdir",
            f"{BUNDLE}/{lang}",
            "--silent",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip().splitlines()[-1:] or [_("no message")]
        # Translators: {reason} is the last line Pagefind, the search indexer, printed (in English).
        reason = _("the search index could not be built: {reason}").format(reason=message[0])
        raise Abort([Problem("", 0, 0, "", reason)])


def _stable_entry(path: Path) -> None:
    """Pagefind lists languages in no fixed order; sort them so two builds are byte-identical."""
    if path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
        write_file(path, json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")))
