"""``build.py new "Name"``: a complete, commented zone file generated from the schema.

Every field is present, with its description as a comment; fields left empty validate as "not
published", so the file passes ``check`` as soon as its required values are in. The zone type is
recognised from the name when it starts with a type's label ("Cụm công nghiệp ..."), and the slug
is the rest of the name ("Điện Thọ 2" → ``dien-tho-2``).
"""

from __future__ import annotations

from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel
from slugify import slugify

from ..model.registry import find_ref, is_model, unwrap
from ..model.site import Definition
from ..model.types import PartialDate, RefTo, Text
from ..model.zone import Zone

# Lists of groups are written as an empty list with a commented example item.
ITEM_HINT = {
    "decisions": "- {number: 123/QĐ-UBND, date: 2019-05-10, about: {vi: Thành lập cụm, en: Establishment}}",
    "targets": "- {year: 2026, occupancy_pct: 60}",
    "photos": "- {file: images/zone.jpg, caption: {vi: ..., en: ...}}",
    "documents": "- {title: {vi: ..., en: ...}, url: https://...}",
    "contacts": "- {role: developer, name: ..., phone: '0258 3822 111', email: info@example.vn}",
    "sources": "- {ref: source-key, checked: 2026-01-31, covers: [area, status]}",
}


def guess_type(name: str, zone_types: dict[str, Definition]) -> tuple[str | None, str]:
    """``("industrial_cluster", "Điện Thọ 2")`` for "Cụm công nghiệp Điện Thọ 2"; longest label wins."""
    labels = []
    for key, definition in zone_types.items():
        for text in (definition.label, definition.short):
            if text is not None:
                labels += [(label, key) for label in text.values.values()]
    for label, key in sorted(labels, key=lambda item: -len(item[0])):
        if name.lower().startswith(label.lower() + " "):
            return key, name[len(label) :].strip()
    return None, name


def slug_for(rest: str) -> str:
    return slugify(rest) or "zone"


def _comment(info: Any, annotation: Any, defs: dict[str, dict[str, Definition]]) -> str:
    parts = [info.description] if info.description else []
    ref = next((m for m in info.metadata if isinstance(m, RefTo)), None) or find_ref(annotation)
    inner = unwrap(annotation)
    if ref and ref.kind in defs and get_origin(inner) is not dict:
        parts.append("Keys: " + ", ".join(defs[ref.kind]) + ".")
    if get_origin(inner) is Literal:
        parts.append("One of: " + ", ".join(str(v) for v in get_args(inner)) + ".")
    if inner is Text:
        parts.append("Text: one line, or {vi: ..., en: ...}.")
    if inner is PartialDate:
        parts.append("Date: 2024-05-28, 2024-05 or 2024.")
    return " ".join(parts)


def _emit(
    model: type[BaseModel], values: dict[str, str], defs: dict[str, dict[str, Definition]], indent: str = ""
) -> list[str]:
    lines: list[str] = []
    for name, info in model.model_fields.items():
        annotation = info.annotation
        inner = unwrap(annotation)
        comment = _comment(info, annotation, defs)
        if comment:
            lines.append(f"{indent}# {comment}")
        if name in values:
            lines.append(f"{indent}{name}: {values[name]}")
        elif is_model(inner):
            lines.append(f"{indent}{name}:")
            lines += _emit(inner, {}, defs, indent + "  ")
        elif get_origin(inner) is list:
            lines.append(f"{indent}{name}: []")
            if name in ITEM_HINT:
                lines.append(f"{indent}#   {ITEM_HINT[name]}")
        elif get_origin(inner) is dict:
            lines.append(f"{indent}{name}: {{}}")
            kind = "infrastructure" if name == "infrastructure" else "connectivity"
            example = "{state: operating}" if kind == "infrastructure" else "{km: 25, name: ...}"
            lines += [f"{indent}#   {key}: {example}" for key in defs.get(kind, {})]
        elif inner is bool:
            lines.append(f"{indent}{name}: {str(info.default).lower()}")
        else:
            lines.append(f"{indent}{name}:")
    return lines


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def zone_template(name: str, lang: str, defs: dict[str, dict[str, Definition]]) -> tuple[str, str]:
    """``(slug, file text)`` for a new zone called ``name`` in language ``lang``."""
    zone_type, rest = guess_type(name, defs["zone_types"])
    values = {"name": f"{{{lang}: {_quote(name)}}}"}
    if zone_type:
        values["type"] = zone_type
    header = [
        "# yaml-language-server: $schema=../schema/zone.schema.json",
        f"# {name}. Fill in what you know and leave the rest empty: an empty field is shown to",
        '# investors as "not published", never as 0. Check the file with: python build.py check',
        "",
    ]
    body = _emit(Zone, values, defs)
    return slug_for(rest), "\n".join(header + body) + "\n"
