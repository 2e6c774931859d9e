"""Flat columns of a zone, generated from the schema, for CSV, GeoJSON and spreadsheets.

A nested field becomes one column named by its path joined with ``_`` (``area.total_ha`` →
``area_total_ha``, ``lease.price_usd_m2`` → ``lease_price_usd_m2``); translatable text becomes
one column per language (``name_vi``, ``name_en``); a list of keys becomes one column of keys
separated by ``;``; a section keyed by definitions (infrastructure works, transport links) becomes
one column per defined key and field (``infrastructure_wastewater_treatment_state``). Lists of
groups (contacts, sources...) become numbered columns (``contacts_1_phone``) when the caller says
how many of each a row needs (spreadsheets), and a spreadsheet holds a list of texts (tenant names)
in one cell per language, ``;`` between items; otherwise both are left to the JSON files.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, Literal

from pydantic import BaseModel

from ..model.registry import FieldSpec, derivable, fields
from ..model.site import Definition
from ..model.types import PartialDate, Text
from ..model.zone import Zone

Kind = Literal["text", "texts", "number", "integer", "date", "boolean", "key", "keys", "choice"]


@dataclass(frozen=True)
class Column:
    """One flat column: its name, the field path it reads, the language for text, its meaning."""

    name: str
    path: tuple[str | int, ...]
    kind: Kind
    description: str
    lang: str | None = None
    digits: bool = False  # text made of digits, kept as written (phone numbers)
    unit: str | None = None  # what a figure counts (ha, pct, usd/m2...)
    key: str | None = None  # the defined key of a keyed section (a work, a transport link)
    key_kind: str | None = None  # the definitions the key is one of

    @property
    def label(self) -> str:
        """The field's UI string (its path without item numbers or keys): ``infrastructure.capacity``."""
        return ".".join(p for p in self.path if isinstance(p, str) and p != self.key)

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
            items = [_in(v, self.lang) for v in value]
            return "; ".join(i for i in items if i is not None) if value else None
        return value


def _in(value: Any, lang: str | None) -> str | None:
    """One item of a list as a cell shows it: a text in the column's language."""
    if isinstance(value, Text):
        return value.get(lang or "", ())[0] if value.has(lang or "") else None
    return str(value)


# How each kind of field reads in a flat table (plain strings are text to a spreadsheet).
_COLUMN_KIND: dict[str, Kind] = {"string": "text", "groups": "text", "texts": "text", "keyed": "text"}


def _kind(spec: FieldSpec) -> Kind:
    return _COLUMN_KIND.get(spec.kind, spec.kind)  # type: ignore[return-value]


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
    for spec in fields(model):
        if spec.facts.prose and not prose:
            continue
        path = (*prefix, spec.name)
        if spec.kind == "group" and spec.group is not None:
            yield from _columns(spec.group, path, languages, defs, prose, slots)
        elif spec.kind == "keyed":
            yield from _keyed(spec, path, languages, defs, prose, slots)
        elif spec.kind == "texts" and slots is not None:
            # A spreadsheet holds a list of texts (tenant names) in one cell per language, ';' between items.
            for lang in languages:
                yield Column(_name((*path, lang)), path, "texts", f"{spec.description} ({lang})", lang)
        elif spec.kind in ("groups", "texts"):
            count = (slots or {}).get(".".join(str(p) for p in path), 0)
            yield from _slots(spec, path, count, languages, defs, prose, slots)
        elif spec.kind == "text":
            for lang in languages:
                yield Column(_name((*path, lang)), path, "text", f"{spec.description} ({lang})", lang)
        else:
            unit = spec.unit.name if spec.unit else None
            yield Column(_name(path), path, _kind(spec), spec.description, digits=spec.digits, unit=unit)


def _keyed(
    spec: FieldSpec,
    path: tuple[str | int, ...],
    languages: list[str],
    defs: dict[str, dict[str, Definition]],
    prose: bool,
    slots: dict[str, int] | None,
) -> Iterator[Column]:
    """One set of columns per defined key of a keyed section (each infrastructure work)."""
    if spec.group is None:
        return
    for key, definition in defs.get(spec.ref or "", {}).items():
        label = definition.label.get("en", languages)[0]
        for column in _columns(spec.group, (*path, key), languages, defs, prose, slots):
            yield replace(column, description=f"{label}: {column.description}", key=key, key_kind=spec.ref)


def _slots(
    spec: FieldSpec,
    path: tuple[str | int, ...],
    count: int,
    languages: list[str],
    defs: dict[str, dict[str, Definition]],
    prose: bool,
    slots: dict[str, int] | None,
) -> Iterator[Column]:
    """Numbered columns for the first ``count`` items of a list of groups or texts."""
    for index in range(count):
        if spec.group is not None:
            yield from _columns(spec.group, (*path, index), languages, defs, prose, slots)
        else:
            for lang in languages:
                yield Column(_name((*path, index, lang)), (*path, index), "text", f"{spec.description} ({lang})", lang)


def derivable_specs() -> list[FieldSpec]:
    """Figures the engine can calculate; open data flags each one it calculated."""
    return derivable(Zone)


def flag_column(spec: FieldSpec) -> str:
    """The CSV column saying whether a figure was calculated: ``area_leased_ha_calculated``."""
    return f"{'_'.join(spec.path)}_calculated"


def csv_columns(languages: list[str], defs: dict[str, dict[str, Definition]]) -> list[Column]:
    """The open data's columns: figures and short labels, each work's state and capacity only."""
    return zone_columns(languages, defs, compact=True)


@dataclass(frozen=True)
class DataColumn:
    """A column of the open data as the data page explains it, in the reader's language: its UI
    string (``label``), the field a calculated-flag column is about, and the rest of the column."""

    name: str
    kind: str
    label: str
    unit: str | None = None
    lang: str | None = None
    key: str | None = None
    key_kind: str | None = None
    about: str | None = None  # for a flag: the field it flags


def data_columns(languages: list[str], defs: dict[str, dict[str, Definition]]) -> list[DataColumn]:
    """Every CSV and GeoJSON column, in the files' order, with what the data page says of it."""
    columns = [
        DataColumn(c.name, c.kind, c.label, c.unit, c.lang, c.key, c.key_kind) for c in csv_columns(languages, defs)
    ]
    flags = [DataColumn(flag_column(s), "boolean", "data_col_calculated", about=s.dotted) for s in derivable_specs()]
    urls = [DataColumn(f"url_{lang}", "text", "data_col_url", lang=lang) for lang in languages]
    checked = DataColumn("last_checked", "date", "data_col_last_checked")
    return [DataColumn("slug", "key", "data_col_slug"), *columns, *flags, checked, *urls]
