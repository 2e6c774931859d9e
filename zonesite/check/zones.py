"""Zone files checked against the schema and the rules across fields, with every problem located."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..i18n import _, language
from ..model.countries import DEFAULT
from ..model.registry import keyed_sections, spec_at
from ..model.types import Text
from ..model.zone import Zone
from ..source.files import Source, load_zones, static_listing
from .content import split_languages
from .rules import check_zone
from .validate import GROUPED, problem_at, salvage, validate_document


@dataclass
class CheckedZone:
    """A valid zone file: where it came from, the zone, and its Markdown body by language."""

    source: Source
    zone: Zone
    body: Text | None


def section_keys(refs: dict[str, set[str]]) -> dict[str, set[str]]:
    """The keys each keyed section of a zone may use (``infrastructure`` → the defined works)."""
    return {path: refs[kind] for path, kind in keyed_sections(Zone).items()}


def check_zones(
    root: Path, context: dict[str, Any], static_dirs: list[Path], problems: list[Problem]
) -> list[CheckedZone]:
    """Every valid zone in clusters/; the problems of the others are added to ``problems``."""
    loaded = load_zones(root)
    problems += loaded.problems
    keys = section_keys(context["refs"])
    setting = _setting(context, static_dirs)
    result = []
    for source in loaded.sources:
        digest = hashlib.blake2b(source.doc.text.encode("utf-8"), digest_size=16).digest()
        where = os.path.abspath(source.path)  # two sites in one process may both have clusters/a.yaml
        cached = _checked.get(where)
        if cached is None or cached[:2] != (digest, setting):
            found: list[Problem] = []
            cached = (digest, setting, check_source(source, context, static_dirs, keys, found), found)
            _checked[where] = cached
        problems += cached[3]
        if cached[2] is not None:
            result.append(cached[2])
    return result


# The last check of each zone file, reused while neither the file nor what it is checked against
# changes: serve checks again after every save, and a save changes one file of thousands.
_checked: dict[str, tuple[bytes, tuple[Any, ...], CheckedZone | None, list[Problem]]] = {}


def _setting(context: dict[str, Any], static_dirs: list[Path]) -> tuple[Any, ...]:
    """Everything besides its own text that a zone file's check depends on: the site's languages,
    keys and country, the files under static/ (photos must exist), the staff's language."""
    refs = tuple(sorted((kind, tuple(sorted(keys))) for kind, keys in context["refs"].items()))
    return (tuple(context["languages"]), refs, context.get("country", DEFAULT), static_listing(static_dirs), language())


def check_source(
    source: Source,
    context: dict[str, Any],
    static_dirs: list[Path],
    keys: dict[str, set[str]],
    problems: list[Problem],
) -> CheckedZone | None:
    """One parsed zone file checked against the schema and the rules (the editor checks a form's
    text with it, before anything is written); its problems are added to ``problems``."""
    zone, found = validate_document(Zone, source.doc, source.file, context)
    body = _body(source, zone, context["languages"], problems)
    problems += found + list(_grouped_amounts(source))
    checked = zone if zone is not None else salvage(Zone, source.doc.data, context)
    if checked is not None:
        for path, message, hint in check_zone(checked, keys, static_dirs, context.get("country", DEFAULT)):
            problems.append(problem_at(source.doc, source.file, path, message, hint))
    return CheckedZone(source, zone, body) if zone is not None else None


def _grouped_amounts(source: Source) -> Iterator[Problem]:
    """Money and capacities written with thousands points: never published as the small number YAML reads."""
    for path, written in source.doc.raw.items():
        if not GROUPED.match(written) or written.count(".") > 1:
            continue  # several points: not a number to YAML, so validation has reported it
        spec = spec_at(Zone, path)
        if spec is not None and spec.amount:
            read, plain = f"{float(written):g}", written.replace(".", "")
            # Translators: {written} is an amount as written with thousands points, e.g. 3.000; {read} is the
            # number it would be read as, e.g. 3.
            message = _("{written} would be read as {read}: amounts take no thousands points")
            message = message.format(written=written, read=read)
            # Translators: {plain} is the amount without points, e.g. 3000; {read} as read, e.g. 3.
            hint = _("write {plain}, or {read} if that is the amount").format(plain=plain, read=read)
            yield problem_at(source.doc, source.file, path, message, hint)


def _body(source: Source, zone: Zone | None, languages: list[str], problems: list[Problem]) -> Text | None:
    """The Markdown below a zone's front matter, by language; given twice if the front matter has a description."""
    if source.body is None or not source.body.strip():
        return None
    body = split_languages(source, languages, problems)
    if zone is not None and zone.description is not None:
        problems.append(
            problem_at(
                source.doc,
                source.file,
                ("description",),
                _("the description is given twice: here and as the text below the front matter"),
                _("keep one of them"),
            )
        )
    return body
