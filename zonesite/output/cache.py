"""Knowing when a build would change nothing, so it can be skipped.

A build is a function of its inputs: the site's files (site.yaml, zones, pages, templates, static
files, and its theme's), the engine's own files, and the date (figures grow stale with time). A
fingerprint hashes all of them; after a good build it is kept in ``.zonesite-cache/`` in the site
folder (never watched, never served) with the size and time of every file written. A build whose
fingerprint matches, into an output folder still exactly as written, has nothing to do.

A wrong skip would publish stale pages, so anything uncertain rebuilds: a file that cannot be
read, a missing or edited output file, a different output folder, a different engine.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from functools import cache
from pathlib import Path

import yaml

from ..model import routes
from .write import write_file

FOLDER = ".zonesite-cache"
RECORD = "build.json"


@cache
def engine_digest() -> str:
    """The engine's own files (code, templates, catalogs, definitions), hashed once per process."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _theme(root: Path) -> list[Path]:
    """The theme folder site.yaml names, if any (read without validating: only its path matters)."""
    try:
        data = yaml.safe_load((root / routes.SITE_FILE).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return []
    theme = data.get("theme") if isinstance(data, dict) else None
    return [(root / str(theme)).resolve()] if theme else []


def _files(folder: Path) -> list[Path]:
    if folder.is_file():
        return [folder]
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "_site")
        found += [Path(dirpath) / name for name in sorted(filenames)]
    return found


def fingerprint(root: Path, out: Path, today: dt.date) -> str:
    """A hash of everything a build of ``root`` into ``out`` on ``today`` depends on."""
    digest = hashlib.blake2b(digest_size=16)
    for part in (engine_digest(), str(out.resolve()), today.isoformat()):
        digest.update(part.encode() + b"\0")
    for base in [root.resolve(), *_theme(root)]:
        for name in routes.SOURCES:
            for path in _files(base / name):
                digest.update(str(path.relative_to(base)).encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _listing(out: Path) -> dict[str, list[int]]:
    """Every file under ``out`` with its size and modification time."""
    listing = {}
    for dirpath, _dirnames, filenames in os.walk(out):
        for name in filenames:
            stat = os.stat(os.path.join(dirpath, name))
            listing[os.path.relpath(os.path.join(dirpath, name), out)] = [stat.st_size, stat.st_mtime_ns]
    return listing


def up_to_date(root: Path, out: Path, key: str) -> dict[str, int] | None:
    """What the last build recorded (its counts) if it had this fingerprint and its output is
    untouched; None when the site must be built."""
    try:
        record = json.loads((root / FOLDER / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("fingerprint") != key or not out.is_dir():
        return None
    if _listing(out) != record.get("files"):
        return None
    return record.get("counts", {})


def remember(root: Path, out: Path, key: str, counts: dict[str, int]) -> None:
    """Record a good build (after its output is in place)."""
    record = {"fingerprint": key, "counts": counts, "files": _listing(out)}
    write_file(root / FOLDER / RECORD, json.dumps(record, sort_keys=True))


def forget(root: Path) -> None:
    """Drop the record (a build failed or is under way: the output may not match it)."""
    (root / FOLDER / RECORD).unlink(missing_ok=True)
