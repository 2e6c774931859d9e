"""Zone data as a spreadsheet, and back: ``build.py export`` and ``build.py import``.

One row per zone, one column per field (from :mod:`zonesite.derive.columns`, so the schema decides
the columns): text in one column per language, a list of texts (tenant names) in one cell per
language with ``;`` between items, lists of groups (contacts, sources) in as many numbered columns
as the data needs. The .xlsx is for people: a first header row of column titles in the staff's
language, a second of field keys for the machine, drop-down lists for every field with a fixed set
of values (shown in the staff's words), and an instructions sheet. The CSV keeps the field keys as
its one header row and keys as values, for other programs.

Import (:mod:`zonesite.staff.sheetread`) checks every row against the same schema and rules as the
build and writes nothing unless every row is valid; it then changes, in each zone file, only the
fields whose value differs, keeping the file's comments and key order (:mod:`zonesite.staff.yamledit`).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .. import i18n
from ..derive.columns import Column, zone_columns
from ..derive.site import DerivedSite
from ..derive.zones import ZoneView, read
from ..i18n import _
from ..model.registry import labels, list_fields, model_help, spec_at
from ..model.site import Definition
from ..model.zone import Zone
from ..output.write import write_file

SLUG = "slug"
DATA_SHEET, LISTS_SHEET = "zones", "lists"  # names programs rely on; the instructions sheet is titled for people
EXTRA_ROWS = 500  # rows below the data that keep the drop-downs and text formats, for new zones


def exported_zone(view: ZoneView) -> Zone:
    """The zone as the spreadsheet shows it: a Markdown zone's body is its description."""
    return view.zone.model_copy(update={"description": view.description})


def sheet_columns(site: DerivedSite, zones: list[Zone], slots: dict[str, int] | None = None) -> list[Column]:
    """Every column, with as many numbered columns for each list of groups as the fullest zone
    (or ``slots``, what a sheet's header asks for) needs: never a silent cap."""
    counts = {}
    for name in list_fields(Zone):
        used = [len(read(z, tuple(name.split(".")))) for z in zones]
        counts[name] = max([1, *used, (slots or {}).get(name, 0)])
    return zone_columns(site.languages, site.defs, prose=True, slots=counts)


def cell(column: Column, zone: Zone) -> Any:
    """The value a cell holds for ``column`` (None for an empty cell), keys as keys."""
    value = column.read(zone)
    if isinstance(value, float) and value.is_integer() and column.kind == "number":
        return int(value)  # 75, as it is written in the zone file, not 75.0
    return value if value != "" else None


# --- words for people -------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """A value a column accepts: its key and its label in the staff's language."""

    key: str
    label: str


def choices(column: Column, defs: dict[str, dict[str, Definition]], languages: list[str]) -> list[Choice]:
    """The fixed set of values of a key, choice or true/false column (empty for any other)."""
    if column.kind == "boolean":
        return [Choice("true", _("yes")), Choice("false", _("no"))]
    spec = spec_at(Zone, column.path)
    if spec is None:
        return []
    if column.kind in ("key", "keys") and spec.ref in defs:
        lang = i18n.language()
        return [Choice(key, d.label.get(lang, languages)[0]) for key, d in defs[spec.ref].items()]
    if column.kind == "choice":
        return [Choice(str(value), str(value)) for value in spec.choices]
    return []


def column_title(column: Column, defs: dict[str, dict[str, Definition]], languages: list[str]) -> str:
    """A column's title in the staff's language: ``Contacts 2: Phone``, ``Total area (ha)``,
    ``Wastewater treatment: State``, ``Name (Vietnamese)``."""
    lang, names = i18n.language(), labels(Zone)
    words, dotted = [], []
    for part in column.path:
        if isinstance(part, int):
            words[-1] = f"{words[-1]} {part + 1}"
            continue
        if part == column.key:
            words.append(defs[column.key_kind or ""][part].label.get(lang, languages)[0])
            continue
        dotted.append(part)
        label = names.get(".".join(dotted), {})
        words.append(label.get(lang) or label.get("en") or part)
    title = ": ".join(_compact(words))
    if column.unit and unit_text(column.unit):
        title += f" ({unit_text(column.unit)})"
    if column.lang:
        title += f" ({Locale.parse(column.lang).get_display_name(lang) or column.lang})"
    return title


def _compact(words: list[str]) -> list[str]:
    """Drop a group's word where its field's word repeats it (``Area: Total area`` → ``Total area``)."""
    out: list[str] = []
    for word in words:
        if out and word.lower().startswith(out[-1].lower()):
            out[-1] = word
        else:
            out.append(word)
    return out


def unit_text(unit: str) -> str:
    """``usd/m2/year`` → ``USD/m²/year`` in the staff's words; a count has no unit to show."""
    words = {"usd": "USD", "vnd": "VND", "m2": "m²", "pct": "%", "ha": "ha", "km": "km", "year": _("year")}
    if unit in ("count", "url", "email", "phone"):
        return ""
    return "/".join(words.get(part, part) for part in unit.split("/"))


def shown(column: Column, value: Any, words: dict[str, str]) -> Any:
    """A cell as people read it: a key as its label, several keys as labels joined with ``;``."""
    if value is None or not words:
        return value
    if column.kind == "boolean":
        return words["true" if value else "false"]
    if column.kind == "keys":
        return "; ".join(words.get(key.strip(), key.strip()) for key in str(value).split(";"))
    return words.get(str(value), value)


# --- writing ----------------------------------------------------------------------------------


def export_rows(site: DerivedSite) -> tuple[list[Column], list[list[Any]]]:
    zones = [exported_zone(v) for v in site.zones]
    columns = sheet_columns(site, zones)
    rows = [[view.slug] + [cell(c, z) for c in columns] for view, z in zip(site.zones, zones, strict=True)]
    return columns, rows


def write_xlsx(path: Path, site: DerivedSite) -> int:
    """The workbook staff edit: titles, keys, drop-downs, instructions."""
    columns, rows = export_rows(site)
    book = Workbook()
    sheet = book.active
    sheet.title = DATA_SHEET
    options = {c.name: choices(c, site.defs, site.languages) for c in columns}
    titles = [_("File name (slug)")] + [column_title(c, site.defs, site.languages) for c in columns]
    sheet.append(titles)
    sheet.append([SLUG] + [c.name for c in columns])
    for row in rows:
        words = [{o.key: o.label for o in options[c.name]} for c in columns]
        sheet.append([row[0]] + [shown(c, v, w) for c, v, w in zip(columns, row[1:], words, strict=True)])
    _style_headers(sheet, len(titles))
    _text_formats(sheet, columns, len(rows))
    _drop_downs(book, sheet, columns, options, len(rows))
    _instructions(book, site, columns, options)
    data = io.BytesIO()
    book.save(data)
    write_file(path, data.getvalue())
    return len(rows)


def _style_headers(sheet: Any, count: int) -> None:
    for index in range(1, count + 1):
        title, key = sheet.cell(row=1, column=index), sheet.cell(row=2, column=index)
        title.font = Font(bold=True)
        title.alignment = Alignment(wrap_text=True, vertical="top")
        key.font = Font(color="666666", size=9)
        key.fill = PatternFill("solid", fgColor="EEEEEE")
        sheet.column_dimensions[get_column_letter(index)].width = 22
    sheet.freeze_panes = "B3"


def _text_formats(sheet: Any, columns: list[Column], count: int) -> None:
    """Text cells stay text: a phone number keeps its leading 0, a date like 2024-05 stays a month
    (the column's format covers rows added later; the written cells get it too)."""
    for index, column in enumerate(columns, start=2):
        if column.kind in ("text", "texts", "date", "key", "keys", "choice"):
            sheet.column_dimensions[get_column_letter(index)].number_format = "@"
            for row_number in range(3, count + 3):
                sheet.cell(row=row_number, column=index).number_format = "@"


def _drop_downs(book: Any, sheet: Any, columns: list[Column], options: dict[str, list[Choice]], count: int) -> None:
    """A drop-down of the allowed values (in the staff's words) on every column with a fixed set;
    the lists live on a hidden sheet, since a list typed into the rule is limited to 255 characters.
    A column of several keys (industries) gets the list too, as a reminder: Excel keeps one value
    per pick, so its rule only warns."""
    lists = book.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    place = 0
    for index, column in enumerate(columns, start=2):
        values = options[column.name]
        if not values:
            continue
        place += 1
        letter = get_column_letter(place)
        lists.cell(row=1, column=place).value = column.name
        for number, choice in enumerate(values, start=2):
            lists.cell(row=number, column=place).value = choice.label
        rule = DataValidation(
            type="list",
            formula1=f"={LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}",
            allow_blank=True,
            errorStyle="warning" if column.kind == "keys" else "stop",
            showErrorMessage=column.kind != "keys",
        )
        target = get_column_letter(index)
        rule.add(f"{target}3:{target}{count + 2 + EXTRA_ROWS}")
        sheet.add_data_validation(rule)


def _instructions(book: Any, site: DerivedSite, columns: list[Column], options: dict[str, list[Choice]]) -> None:
    """A sheet that says how to fill the workbook and what each column holds."""
    notes = book.create_sheet(_("Instructions"))
    for paragraph in (
        _("One row per zone. Row 1 holds the column titles, row 2 the field keys: leave row 2 as it is."),
        _("A new zone: add a row; its file name (slug) may stay empty, it is made from the Vietnamese name."),
        _("Several values in one cell (industries, tenant names) are separated by ';'."),
        _("Empty cells are left out of the zone file: a figure not known is left empty, never written as 0."),
        _("Then run: python build.py import with this file. Every row is checked before any file is written."),
    ):
        notes.append([paragraph])
    notes.append([])
    # Translators: the headings of the table that explains each column of the spreadsheet.
    headings = [_("column"), _("field key"), _("type"), _("unit"), _("allowed values"), _("meaning")]
    notes.append(headings)
    for cell_ in notes[notes.max_row]:
        cell_.font = Font(bold=True)
    slug_help = _("The zone's file name in clusters/ and its address on the site.")
    notes.append([_("File name (slug)"), SLUG, "key", "", "", slug_help])
    for column in columns:
        allowed = "; ".join(c.label if c.label == c.key else f"{c.label} ({c.key})" for c in options[column.name])
        spec = spec_at(Zone, column.path)
        meaning = (spec.help if spec else "") or (model_help(spec.group) if spec and spec.group else "")
        title = column_title(column, site.defs, site.languages)
        notes.append([title, column.name, column.kind, unit_text(column.unit or ""), allowed, meaning])
    notes.column_dimensions["A"].width = 40
    notes.column_dimensions["B"].width = 32
    notes.column_dimensions["E"].width = 40
    notes.column_dimensions["F"].width = 80


def write_csv(path: Path, site: DerivedSite) -> int:
    """The CSV for programs: field keys as the one header row, keys as values."""
    columns, rows = export_rows(site)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([SLUG] + [c.name for c in columns])
    for row in rows:
        writer.writerow(["" if v is None else "true" if v is True else "false" if v is False else v for v in row])
    write_file(path, "\ufeff" + buffer.getvalue())
    return len(rows)
