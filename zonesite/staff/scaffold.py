"""``build.py new "Name"``: a complete, commented zone file generated from the schema.

Every field is present, with its description as a comment; fields left empty validate as "not
published", so the file passes ``check`` as soon as its required values are in. The zone type is
recognised from the name when it starts with a type's label ("Cụm công nghiệp ..."), and the slug
is the rest of the name ("Điện Thọ 2" → ``dien-tho-2``).
"""

from __future__ import annotations

from pydantic import BaseModel
from slugify import slugify

from ..i18n import _
from ..model.registry import FieldSpec, fields
from ..model.site import Definition
from ..model.zone import Zone


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


def _comment(spec: FieldSpec, defs: dict[str, dict[str, Definition]]) -> str:
    parts = [spec.help] if spec.help else []
    if spec.ref and spec.ref in defs and spec.kind != "keyed":
        # Translators: a comment in a new zone file; {keys} lists the keys the field accepts.
        parts.append(_("Keys: {keys}.").format(keys=", ".join(defs[spec.ref])))
    if spec.kind == "choice":
        # Translators: a comment in a new zone file; {choices} lists the values the field accepts.
        parts.append(_("One of: {choices}.").format(choices=", ".join(str(v) for v in spec.choices)))
    if spec.kind == "text":
        # Translators: a comment in a new zone file; keep "{vi: ..., en: ...}", the YAML to write.
        parts.append(_("Text: one line, or {vi: ..., en: ...}."))
    if spec.kind == "date":
        # Translators: a comment in a new zone file; the dates are examples of how to write one.
        parts.append(_("Date: 2024-05-28, 2024-05 or 2024."))
    return " ".join(parts)


def _emit(
    model: type[BaseModel], values: dict[str, str], defs: dict[str, dict[str, Definition]], indent: str = ""
) -> list[str]:
    lines: list[str] = []
    for spec in fields(model):
        comment = _comment(spec, defs)
        if comment:
            lines.append(f"{indent}# {comment}")
        lines += _value_lines(spec, values, defs, indent)
    return lines


def _value_lines(
    spec: FieldSpec, values: dict[str, str], defs: dict[str, dict[str, Definition]], indent: str
) -> list[str]:
    """The field's line, with an example item under an empty list or keyed section."""
    name, example = spec.name, spec.facts.example
    if name in values:
        return [f"{indent}{name}: {values[name]}"]
    if spec.kind == "group" and spec.group is not None:
        return [f"{indent}{name}:", *_emit(spec.group, {}, defs, indent + "  ")]
    if spec.kind in ("groups", "texts", "keys"):
        return [f"{indent}{name}: []"] + ([f"{indent}#   - {example}"] if example else [])
    if spec.kind == "keyed":
        return [f"{indent}{name}: {{}}"] + [f"{indent}#   {key}: {example}" for key in defs.get(spec.ref or "", {})]
    if spec.kind == "boolean":
        return [f"{indent}{name}: {str(spec.info.default).lower()}"]
    return [f"{indent}{name}:"]


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def zone_template(name: str, lang: str, defs: dict[str, dict[str, Definition]]) -> tuple[str, str]:
    """``(slug, file text)`` for a new zone called ``name`` in language ``lang``."""
    zone_type, rest = guess_type(name, defs["zone_types"])
    values = {"name": f"{{{lang}: {_quote(name)}}}"}
    if zone_type:
        values["type"] = zone_type
    # Translators: the opening comment of a new zone file, {name} the zone's name; each line of the
    # translation becomes a comment line, so break it where a line would grow past about 100 characters.
    about = _(
        "{name}. Fill in what you know and leave the rest empty: an empty field is shown to\n"
        'investors as "not published", never as 0. Check the file with: python build.py check'
    ).format(name=name)
    header = [
        "# yaml-language-server: $schema=../schema/zone.schema.json",
        *(f"# {line}" for line in about.splitlines()),
        "",
    ]
    body = _emit(Zone, values, defs)
    return slug_for(rest), "\n".join(header + body) + "\n"
