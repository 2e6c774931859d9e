"""Flat columns of a zone, generated from the schema, for CSV, GeoJSON and spreadsheets.

A nested field becomes one column named by its path joined with ``_`` (``area.total_ha`` →
``area_total_ha``, ``lease.price_usd_m2`` → ``lease_price_usd_m2``); translatable text becomes
one column per language (``name_vi``, ``name_en``); a list of keys becomes one column of keys
separated by ``;``; a section keyed by definitions (infrastructure works, transport links) becomes
one column per defined key and field (``infrastructure_wastewater_treatment_state``). Lists of
groups (contacts, sources...) become numbered columns (``contacts_1_phone``) when the caller says
how many of each a row needs (spreadsheets); otherwise they are left to the JSON files.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from ..model.registry import find_ref, is_model, unwrap
from ..model.site import Definition
from ..model.types import PartialDate, Text
from ..model.zone import Zone

Kind = Literal["text", "number", "integer", "date", "boolean", "key", "keys", "choice"]

# Long prose stays in the JSON files; a CSV cell is for figures and short labels.
PROSE = {"description", "summary", "status_note", "note", "local_incentives", "notable"}


@dataclass(frozen=True)
class Column:
    """One flat column: its name, the field path it reads, the language for text, its meaning."""

    name: str
    path: tuple[str | int, ...]
    kind: Kind
    description: str
    lang: str | None = None

    def read(self, zone: BaseModel) -> Any:
        """The column's value in ``zone`` (None where the zone does not give it)."""
        value: Any = zone
        for part in self.path:
            if value is None:
                return None
            if isinstance(part, int):
                value = value[part] if part < len(value) else None
            else:
                value = value.get(part) if isinstance(value, dict) else getattr(value, part, None)
        if isinstance(value, Text):
            return value.get(self.lang or "", ())[0] if value.has(self.lang or "") else None
        if isinstance(value, PartialDate):
            return str(value)
        if isinstance(value, list):
            return "; ".join(str(v) for v in value) if value else None
        return value


def _kind(annotation: Any) -> Kind:
    inner = unwrap(annotation)
    if inner is Text:
        return "text"
    if inner is PartialDate:
        return "date"
    if inner is bool:
        return "boolean"
    if inner is int:
        return "integer"
    if inner is float:
        return "number"
    if get_origin(inner) is Literal:
        return "choice"
    if get_origin(inner) is list:
        return "keys"
    return "key" if find_ref(annotation) else "text"


def zone_columns(
    languages: list[str],
    defs: dict[str, dict[str, Definition]],
    prose: bool = False,
    compact: bool = False,
    slots: dict[str, int] | None = None,
) -> list[Column]:
    """Every flat column of a zone file, in the schema's order.

    ``compact`` keeps, of each infrastructure work, only its state and (where the work has a unit)
    its capacity: what an investor screens on, without 44 mostly empty columns.
    """
    columns = list(_columns(Zone, (), languages, defs, prose, slots))
    if compact:
        columns = [c for c in columns if _screening(c, defs)]
    return columns


def _screening(column: Column, defs: dict[str, dict[str, Definition]]) -> bool:
    if column.path[0] != "infrastructure":
        return True
    work, field = column.path[1], column.path[2]
    return field == "state" or (field == "capacity" and defs["infrastructure"][work].unit is not None)


def _name(path: tuple[str | int, ...]) -> str:
    """``("contacts", 0, "phone")`` → ``contacts_1_phone``: slots are numbered from 1, as people count."""
    return "_".join(str(p + 1) if isinstance(p, int) else p for p in path)


def _columns(
    model: type[BaseModel],
    prefix: tuple[str | int, ...],
    languages: list[str],
    defs: dict[str, dict[str, Definition]],
    prose: bool,
    slots: dict[str, int] | None = None,
) -> Iterator[Column]:
    for name, info in model.model_fields.items():
        if name in PROSE and not prose:
            continue
        path = (*prefix, name)
        annotation = info.annotation
        inner = unwrap(annotation)
        description = info.description or ""
        if is_model(inner):
            yield from _columns(inner, path, languages, defs, prose, slots)
        elif get_origin(inner) is dict:
            ref = find_ref(get_args(inner)[0])
            value_model = unwrap(get_args(inner)[1])
            for key, definition in defs.get(ref.kind if ref else "", {}).items():
                label = definition.label.get("en", languages)[0]
                for column in _columns(value_model, (*path, key), languages, defs, prose, slots):
                    yield Column(column.name, column.path, column.kind, f"{label}: {column.description}", column.lang)
        elif get_origin(inner) is list:
            item = unwrap(get_args(inner)[0])
            count = (slots or {}).get(".".join(str(p) for p in path), 0)
            if is_model(item):
                for index in range(count):
                    yield from _columns(item, (*path, index), languages, defs, prose, slots)
            elif item is Text:
                for index in range(count):
                    for lang in languages:
                        yield Column(
                            _name((*path, index, lang)), (*path, index), "text", f"{description} ({lang})", lang
                        )
            else:
                yield Column(_name(path), path, "keys", description)
        elif inner is Text:
            for lang in languages:
                yield Column(_name((*path, lang)), path, "text", f"{description} ({lang})", lang)
        else:
            yield Column(_name(path), path, _kind(annotation), description)
