"""Stage 1: read the site's files from disk into parsed documents, reporting unreadable ones.

Nothing here knows the schema; it only finds files, decodes them, splits front matter and parses
YAML with line marks, so that later stages can point at the exact line of any value.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from slugify import slugify

from .. import i18n
from ..errors import Problem, relpath
from ..i18n import _
from ..model import routes
from ..model.types import SLOW_HINT, slow_markdown
from .parse import Document, YamlError, parse_yaml, read_text, split_front_matter

ZONE_SUFFIXES = (".yaml", ".yml", ".md")
# A zone file is a few KB; one this large is a mistake (a pasted export, a binary) and would be
# slow to check and to publish.
MAX_BYTES = 1_048_576
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class Source:
    """One parsed file: YAML data (a whole file, or a Markdown file's front matter) and any body."""

    path: Path
    file: str
    doc: Document
    body: str | None = None
    body_line: int = 1


@dataclass
class Loaded:
    """Everything read from one folder, plus the problems met while reading."""

    sources: list[Source] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _ignored(path: Path) -> bool:
    """Editor backups, lock files and hidden files are never site content."""
    name = path.name
    return name.startswith((".", "~", "#")) or name.endswith(("~", ".swp", ".tmp", ".bak"))


# Parsed files by path, staff language and content digest: ``serve`` parses again only the files
# whose bytes changed between two rebuilds (reading is cheap; parsing and locating are not). The
# language is part of the key because a parse's problems are worded in it, and the command line
# reads site.yaml once before it knows which language to speak.
_parsed: dict[tuple[Path, bool | None, str], tuple[bytes, tuple[Source | None, list[Problem]]]] = {}


def read_source(path: Path, root: Path, markdown: bool | None = None) -> tuple[Source | None, list[Problem]]:
    """Read and parse one file (or reuse the parse of a file whose bytes have not changed)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [_too_large(path, root, size)]
        digest = hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    except OSError:
        return _read_source(path, root, markdown)
    key = (Path(os.path.abspath(path)), markdown, i18n.language())
    cached = _parsed.get(key)
    if cached and cached[0] == digest:
        return cached[1]
    result = _read_source(path, root, markdown)
    _parsed[key] = (digest, result)
    return result


def _too_large(path: Path, root: Path, size: int) -> Problem:
    # Translators: said of a file, after its name; {size} and {limit} are sizes in megabytes.
    message = _("is {size} MB; a site file may be at most {limit} MB").format(
        size=f"{size / 1_048_576:.1f}", limit=MAX_BYTES // 1_048_576
    )
    return Problem(relpath(path, root), 0, 0, "", message, _("split it, or move long text and pictures out of it"))


def _read_source(path: Path, root: Path, markdown: bool | None = None) -> tuple[Source | None, list[Problem]]:
    """Read and parse one file; returns the source or the problems that kept it from parsing."""
    file = relpath(path, root)
    try:
        text = read_text(path.read_bytes())
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return None, [Problem(file, line, 1, "", _("is not UTF-8 text"), _("save it with UTF-8 encoding"))]
    except OSError as exc:
        # Translators: said of a file, after its name; {reason} is the operating system's explanation.
        return None, [Problem(file, 0, 0, "", _("cannot be read: {reason}").format(reason=exc.strerror))]
    is_markdown = path.suffix.lower() == ".md" if markdown is None else markdown
    return parse_source(text, path, file, is_markdown)


def parse_source(text: str, path: Path, file: str, is_markdown: bool) -> tuple[Source | None, list[Problem]]:
    """Parse a file's text (read from disk, or a form's text the editor checks before saving)."""
    try:
        if not is_markdown:
            return Source(path, file, parse_yaml(text)), []
        front, body, offset = split_front_matter(text)
        if front is None:
            _refuse_slow(body, 1)
            return Source(path, file, Document(data={}, text=text), body, 1), []
        doc = parse_yaml(front, line_offset=offset, full_text=text)
        if doc.data is None:
            doc.data = {}
        body_line = offset + front.count("\n") + 2
        _refuse_slow(body, body_line)
        return Source(path, file, doc, body, body_line), []
    except YamlError as exc:
        lines = text.splitlines()
        source_line = lines[exc.line - 1] if 0 < exc.line <= len(lines) else ""
        return None, [Problem(file, exc.line, exc.col, "", exc.message, exc.hint, source_line=source_line)]


def _refuse_slow(body: str, body_line: int) -> None:
    """Refuse a Markdown body with a paragraph Markdown would take too long to read, at its line."""
    slow = slow_markdown(body)
    if slow is not None:
        raise YamlError(slow[1], body_line + slow[0], 1, _(SLOW_HINT))


def static_listing(static_dirs: list[Path]) -> tuple[str, ...]:
    """Every path under the static folders, sorted: what a zone's check and warnings depend on
    besides the zone's own file (a photo must exist), so caches of them are keyed by it."""
    return tuple(sorted(str(p) for folder in static_dirs if folder.is_dir() for p in folder.rglob("*")))


def load_site_file(root: Path) -> tuple[Source | None, list[Problem]]:
    """Read site.yaml; its absence usually means ``--site`` points at the wrong folder."""
    path = root / "site.yaml"
    if not path.is_file():
        # Translators: said of site.yaml; {folder} is the folder that was searched.
        message = _("not found in {folder}").format(folder=root)
        return None, [
            Problem("site.yaml", 0, 0, "", message, _("run the command in the site folder or pass --site DIR"))
        ]
    return read_source(path, root)


def load_zones(root: Path) -> Loaded:
    """Read every zone file in clusters/, one per zone, its slug taken from the file name."""
    loaded = Loaded()
    folder = root / routes.ZONES
    if not folder.is_dir():
        loaded.problems.append(
            Problem("clusters/", 0, 0, "", _("folder not found"), _("create it and add one file per zone"))
        )
        return loaded
    seen: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        if _ignored(path) or path.is_dir() or path.suffix.lower() not in ZONE_SUFFIXES:
            continue
        file, slug = relpath(path, root), path.stem
        problem = _slug_problem(path, file, seen)
        if problem is not None:
            loaded.problems.append(problem)
            continue
        seen[slug] = file
        source, problems = read_source(path, root)
        loaded.problems.extend(problems)
        if source:
            loaded.sources.append(source)
    return loaded


def _slug_problem(path: Path, file: str, seen: dict[str, str]) -> Problem | None:
    """Why a zone file's name cannot be its slug (not a slug, or another file's), or None."""
    slug = path.stem
    if not SLUG.match(slug):
        message = _("the file name must be a slug (lower-case a-z, 0-9, '-')")
        name = f"{slugify(slug) or 'zone-name'}{path.suffix.lower()}"
        # Translators: {name} is the file name to use instead, e.g. trang-e.yaml.
        return Problem(file, 0, 0, "", message, _("rename it to {name}").format(name=name))
    if slug in seen:
        # Translators: {slug} is the file name without its ending; {file} is the other zone file with that name.
        message = _("duplicate slug '{slug}': {file} is the same zone").format(slug=slug, file=seen[slug])
        return Problem(file, 0, 0, "", message, _("keep one of the two files"))
    return None


def load_pages(root: Path) -> Loaded:
    """Read every Markdown page under content/ (sub-folders become URL folders)."""
    loaded = Loaded()
    folder = root / "content"
    if not folder.is_dir():
        return loaded
    for path in sorted(folder.rglob("*.md")):
        if any(_ignored(part) for part in path.relative_to(folder).parents if part.name) or _ignored(path):
            continue
        source, problems = read_source(path, root, markdown=True)
        loaded.problems.extend(problems)
        if source:
            loaded.sources.append(source)
    return loaded


def load_strings(paths: list[Path], root: Path) -> Loaded:
    """Read the UI string files of the theme and of the site, in that order (the site overrides)."""
    loaded = Loaded()
    for path in paths:
        if path.is_file():
            source, problems = read_source(path, root)
            loaded.problems.extend(problems)
            if source:
                loaded.sources.append(source)
    return loaded
