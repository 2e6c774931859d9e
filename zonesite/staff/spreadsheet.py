"""Zone data as a spreadsheet, and back: ``build.py export`` and ``build.py import``.

One row per zone, one column per field (from :mod:`zonesite.columns`, so the schema decides the
columns), text in one column per language, lists of groups in numbered columns. Import checks
every row against the same schema and rules as the build and writes nothing unless every row is
valid; it then changes, in each zone file, only the fields whose value differs, keeping the
file's comments and key order (see :mod:`zonesite.yamledit`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from pydantic import ValidationError

from ..check.rules import check_zone
from ..check.validate import field_name, message_for
from ..check.zones import section_keys
from ..derive.columns import Column, zone_columns
from ..derive.site import DerivedSite
from ..derive.zones import ZoneView, read
from ..errors import Problem, cell_problem
from ..i18n import _
from ..model.registry import list_fields
from ..model.types import PartialDate, Text
from ..model.zone import Zone
from ..output.write import write_file
from ..suggest import did_you_mean


def exported_zone(view: ZoneView) -> Zone:
    """The zone as the spreadsheet shows it: a Markdown zone's body is its description."""
    return view.zone.model_copy(update={"description": view.description})


def sheet_columns(site: DerivedSite, zones: list[Zone], minimum: int = 1) -> list[Column]:
    """Every column, with as many numbered slots for each list as the fullest zone needs."""
    slots = {}
    for name in list_fields(Zone):
        counts = [len(read(z, tuple(name.split(".")))) for z in zones]
        slots[name] = max([minimum, *counts])
    return zone_columns(site.languages, site.defs, prose=True, slots=slots)


def cell(column: Column, zone: Zone) -> Any:
    """The value a spreadsheet cell holds for ``column`` (None for an empty cell)."""
    value = column.read(zone)
    if isinstance(value, float) and value.is_integer() and column.kind == "number":
        return int(value)  # 75, as it is written in the zone file, not 75.0
    return value if value != "" else None


# --- writing ----------------------------------------------------------------------------------


def export_rows(site: DerivedSite) -> tuple[list[Column], list[list[Any]]]:
    zones = [exported_zone(v) for v in site.zones]
    columns = sheet_columns(site, zones)
    rows = [[view.slug] + [cell(c, z) for c in columns] for view, z in zip(site.zones, zones, strict=True)]
    return columns, rows


def write_xlsx(path: Path, site: DerivedSite) -> int:
    columns, rows = export_rows(site)
    book = Workbook()
    sheet = book.active
    sheet.title = "zones"
    sheet.append(["slug"] + [c.name for c in columns])
    for row in rows:
        sheet.append(row)
    for index, column in enumerate(["slug", *columns], start=1):
        sheet.cell(row=1, column=index).font = Font(bold=True)
        if isinstance(column, Column) and column.kind in ("text", "date", "key", "keys", "choice"):
            # Text cells: a phone number keeps its leading 0, a date like 2024-05 stays a month.
            for row_number in range(2, len(rows) + 2):
                sheet.cell(row=row_number, column=index).number_format = "@"
    sheet.freeze_panes = "B2"
    notes = book.create_sheet("columns")
    # Translators: the headings of the spreadsheet's "columns" sheet, which explains each column.
    notes.append([_("column"), _("type"), _("meaning")])
    notes.append(["slug", "key", _("The zone's file name in clusters/ and its address on the site.")])
    for column in columns:
        notes.append([column.name, column.kind, column.description])
    data = io.BytesIO()
    book.save(data)
    write_file(path, data.getvalue())
    return len(rows)


def write_csv(path: Path, site: DerivedSite) -> int:
    columns, rows = export_rows(site)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["slug"] + [c.name for c in columns])
    for row in rows:
        writer.writerow(["" if v is None else "true" if v is True else "false" if v is False else v for v in row])
    write_file(path, "\ufeff" + buffer.getvalue())
    return len(rows)


# --- reading ----------------------------------------------------------------------------------


@dataclass
class SheetRow:
    """One valid row: its zone and the cells it was read from."""

    number: int
    slug: str
    zone: Zone
    cells: dict[str, Any] = field(default_factory=dict)


def read_table(path: Path) -> list[list[Any]]:
    """All rows of the first sheet of an .xlsx, or of a .csv, header first."""
    if path.suffix.lower() == ".xlsx":
        book = load_workbook(path, read_only=True, data_only=True)
        rows = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
        book.close()
        return rows
    text = path.read_text(encoding="utf-8-sig")
    return [list(row) for row in csv.reader(io.StringIO(text))]


class CellError(ValueError):
    """A cell whose value cannot stand for its field, with the column it is in."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column, self.message = column, message


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _convert(column: Column, value: Any) -> Any:
    """A cell as the YAML value it stands for; raises ValueError with words for staff."""
    if isinstance(value, str):
        value = value.strip()
    if column.kind == "boolean":
        if isinstance(value, bool):
            return value
        text = str(value).lower()
        if text in ("true", "yes", "1", "x", "có", "đúng"):
            return True
        if text in ("false", "no", "0", "không", "sai"):
            return False
        # Translators: {value} is what the cell holds; "true" and "false" are values to type as they are.
        raise ValueError(_("expected true or false, got '{value}'").format(value=value))
    if column.kind in ("number", "integer"):
        if isinstance(value, bool):
            raise ValueError(_("expected a number, got '{value}'").format(value=value))
        if isinstance(value, (int, float)):
            return int(value) if column.kind == "integer" and float(value).is_integer() else value
        return value  # a string: pydantic reports it with the usual hints (decimal comma...)
    if column.kind == "date":
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, (int, float)):
            return str(int(value))
        return str(value)
    if column.kind == "keys":
        return [part.strip() for part in str(value).replace(",", ";").split(";") if part.strip()]
    if column.digits and isinstance(value, (int, float)) and not isinstance(value, bool):
        # The sheet stored it as a number: a phone number has lost its leading 0 and spaces.
        shown = int(value) if float(value).is_integer() else value
        # Translators: {number} is a phone number the spreadsheet stored as a number, e.g. 2583822111.
        message = _(
            "{number} is a number in the sheet, so a leading 0 or '+' is lost; "
            "format the column as text and type it as written, e.g. 0258 3822 111"
        )
        raise ValueError(message.format(number=shown))
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a whole number typed into a number cell
    return str(value)


def _put(data: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    node: Any = data
    for part, following in itertools.pairwise(path):
        if isinstance(part, int):
            while len(node) <= part:
                node.append({})
            node = node[part]
        else:
            node = node.setdefault(part, [] if isinstance(following, int) else {})
    last = path[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
        node[last] = value
    else:
        node[last] = value


def row_data(columns: list[Column], cells: dict[str, Any]) -> dict[str, Any]:
    """The nested zone data a row's cells describe (empty cells leave fields out)."""
    data: dict[str, Any] = {}
    texts: dict[tuple[str | int, ...], dict[str, str]] = {}
    for column in columns:
        value = cells.get(column.name)
        if _blank(value):
            continue
        try:
            converted = _convert(column, value)
        except ValueError as exc:
            raise CellError(column.name, str(exc)) from None
        if column.kind == "text" and column.lang:
            texts.setdefault(column.path, {})[column.lang] = converted
        else:
            _put(data, column.path, converted)
    for path, values in texts.items():
        _put(data, path, values)
    return _drop_empty_slots(data)


def _drop_empty_slots(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_empty_slots(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_drop_empty_slots(v) for v in value if v not in (None, {}, [])]
    return value


def read_sheet(path: Path, site: DerivedSite, context: dict[str, Any]) -> tuple[list[SheetRow], list[Problem]]:
    """Every row validated like a zone file; the valid rows, and every problem located by cell."""
    name = path.name
    table = read_table(path)
    if not table:
        return [], [cell_problem(name, 1, "", _("the sheet is empty"))]
    header = ["" if h is None else str(h).strip() for h in table[0]]
    if "slug" not in header:
        why = _("no 'slug' column: it says which zone file each row updates")
        return [], [cell_problem(name, 1, "", why)]
    columns, problems = _header_columns(name, header, site)
    rows: list[SheetRow] = []
    seen: dict[str, int] = {}
    for number, values in enumerate(table[1:], start=2):
        cells = {title: value for title, value in zip(header, values, strict=False) if title}
        if all(_blank(v) for v in cells.values()):
            continue
        slug = str(cells.get("slug") or "").strip()
        if not slug or slug in seen:
            if slug:
                # Translators: {slug} is the zone's slug; {row} the number of the row it is first on.
                why = _("'{slug}' is also on row {row}").format(slug=slug, row=seen[slug])
            else:
                why = _("empty: each row needs the zone's slug")
            problems.append(cell_problem(name, number, "slug", why))
            continue
        seen[slug] = number
        zone, found = _validate_row(name, number, columns, cells, context, site)
        problems += found
        if zone is not None:
            rows.append(SheetRow(number, slug, zone, cells))
    return rows, problems


def _header_columns(name: str, header: list[str], site: DerivedSite) -> tuple[list[Column], list[Problem]]:
    """The column each header names (numbered slots beyond today's included), and unknown ones."""
    known = sheet_columns(site, [exported_zone(v) for v in site.zones], minimum=1)
    by_name = {c.name: c for c in known}
    columns, problems = [], []
    for title in header:
        if title == "slug" or not title:
            continue
        column = by_name.get(title) or _slot_column(title, site)
        if column is not None:
            columns.append(column)
            by_name[title] = column
            continue
        problems.append(cell_problem(name, 1, title, _("unknown column"), did_you_mean(title, list(by_name))))
    return columns, problems


def _slot_column(title: str, site: DerivedSite) -> Column | None:
    """A numbered column beyond the slots the current zones use (``contacts_3_phone``)."""
    many = sheet_columns(site, [], minimum=20)
    return next((c for c in many if c.name == title), None)


def _validate_row(
    name: str, number: int, columns: list[Column], cells: dict[str, Any], context: dict[str, Any], site: DerivedSite
) -> tuple[Zone | None, list[Problem]]:
    try:
        data = row_data(columns, cells)
    except CellError as exc:
        return None, [cell_problem(name, number, exc.column, exc.message)]
    try:
        zone = Zone.model_validate(data, context=context)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(part for part in error["loc"] if part != "[key]")
            message, hint = message_for(error["type"], error.get("input"), error.get("ctx") or {}, error["msg"])
            column = _column_for(loc, columns)
            problems.append(cell_problem(name, number, column, message, hint))
        return None, problems
    dict_keys = section_keys({kind: set(keys) for kind, keys in site.defs.items()})
    found = [
        cell_problem(name, number, _column_for(path, columns), message, hint)
        for path, message, hint in check_zone(zone, dict_keys, site.static_dirs)
    ]
    return (None if found else zone), found


def _column_for(loc: tuple[Any, ...], columns: list[Column]) -> str:
    """The column a validation error points at (the first language's, for text)."""
    for length in range(len(loc), 0, -1):
        for column in columns:
            if column.path == tuple(loc[:length]):
                return column.name
    return field_name(loc)


def text_value(value: Any) -> Any:
    """A model value as it is written in YAML."""
    if isinstance(value, Text):
        return value.plain()
    if isinstance(value, PartialDate):
        return str(value)
    return value
