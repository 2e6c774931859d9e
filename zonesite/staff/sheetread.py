"""Reading a spreadsheet of zones: ``build.py import zones.xlsx [--map mapping.yaml]``.

The sheet may be one ``export`` wrote (titles in row 1, field keys in row 2, or the CSV's one row of
keys), or a province's own, whose column titles and words a mapping file ties to field keys and
values. Every row is turned into zone data, validated like a zone file and checked by the same
rules as the build; problems are located by row and column. Keys may be written as keys or as their
labels in any of the site's languages ("Đang hoạt động" for ``operating``); a row without a file
name gets one from its Vietnamese name.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from pydantic import ValidationError

from ..check.rules import check_zone
from ..check.validate import field_name, message_for
from ..check.zones import section_keys
from ..derive.columns import Column
from ..derive.listing import fold
from ..derive.site import DerivedSite
from ..errors import Abort, Problem, cell_problem
from ..i18n import _
from ..model.registry import list_fields, spec_at
from ..model.types import PartialDate, Text
from ..model.zone import Zone
from ..source.files import SLUG as SLUG_PATTERN
from ..source.parse import YamlError, parse_yaml
from ..suggest import did_you_mean
from .scaffold import guess_type, slug_for
from .spreadsheet import DATA_SHEET, SLUG, choices, exported_zone, sheet_columns

IGNORE = "ignore"  # a mapping's word for a column the import leaves out


@dataclass
class SheetRow:
    """One valid row: its zone, the file name it goes to, and whether that name was made up."""

    number: int
    slug: str
    zone: Zone
    cells: dict[str, Any] = field(default_factory=dict)
    named: bool = False  # the slug was made from the zone's name


@dataclass
class Mapping:
    """A province's sheet tied to ours: its column titles → field keys (or ``ignore``), and, per
    field key, its words → our keys."""

    columns: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass
class Sheet:
    """What was read: the valid rows, every problem, and columns a mapping import left out."""

    rows: list[SheetRow]
    problems: list[Problem]
    unmapped: list[str] = field(default_factory=list)


# --- the table --------------------------------------------------------------------------------


def read_table(path: Path) -> list[list[Any]]:
    """All rows of the zones sheet of an .xlsx (the first sheet if none is so named), or of a .csv."""
    if path.suffix.lower() == ".xlsx":
        book = load_workbook(path, read_only=True, data_only=True)
        sheet = book[DATA_SHEET] if DATA_SHEET in book.sheetnames else book.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        book.close()
        return rows
    text = path.read_text(encoding="utf-8-sig")
    return [list(row) for row in csv.reader(io.StringIO(text))]


def _header(table: list[list[Any]], mapped: bool) -> tuple[list[str], int]:
    """The row of field keys (or, for a mapped sheet, of the province's titles) and the index of
    the first data row: an export's .xlsx has titles in row 1 and keys in row 2."""
    rows = [["" if h is None else str(h).strip() for h in row] for row in table[:2]]
    if not mapped and len(rows) > 1 and SLUG not in rows[0] and SLUG in rows[1]:
        return rows[1], 2
    return rows[0], 1


# --- the mapping file -------------------------------------------------------------------------


def read_mapping(path: Path, known: list[Column]) -> Mapping:
    """The mapping file, checked against the columns the import knows; raises Abort, located."""
    name = path.name
    try:
        doc = parse_yaml(path.read_text(encoding="utf-8"))
    except YamlError as exc:
        raise Abort([Problem(name, exc.line, exc.col, "", exc.message, exc.hint)]) from None
    data = doc.data if isinstance(doc.data, dict) else {}
    keys = {c.name for c in known} | {SLUG}
    problems, mapping = [], Mapping()
    for title, target in (data.get("columns") or {}).items():
        target = IGNORE if target in (None, IGNORE) else str(target)
        if target not in keys and target != IGNORE:
            mark = doc.mark(("columns", title))
            # Translators: {target} is what the mapping file ties a column to; it must be a field key.
            message = _("'{target}' is not a column of the zone sheet").format(target=target)
            problems.append(Problem(name, mark.line, mark.col, f"columns.{title}", message, did_you_mean(target, keys)))
        mapping.columns[str(title)] = target
    for key, words in (data.get("values") or {}).items():
        if key not in keys:
            mark = doc.mark(("values", key))
            message = _("'{target}' is not a column of the zone sheet").format(target=key)
            problems.append(Problem(name, mark.line, mark.col, f"values.{key}", message, did_you_mean(str(key), keys)))
            continue
        mapping.values[str(key)] = {fold(str(word)): str(value) for word, value in (words or {}).items()}
    if problems:
        raise Abort(problems)
    return mapping


# --- cells ------------------------------------------------------------------------------------


class CellError(ValueError):
    """A cell whose value cannot stand for its field, with the column it is in."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column, self.message = column, message


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def value_words(column: Column, site: DerivedSite, mapping: Mapping | None) -> dict[str, str]:
    """Every word that stands for one of a column's keys, folded: the key, its label and short
    label in each of the site's languages, yes/no words, and the mapping's own words."""
    words: dict[str, str] = {}
    for choice in choices(column, site.defs, site.languages):
        words[fold(choice.key)] = choice.key
        words[fold(choice.label)] = choice.key
    for key, definition in _definitions(column, site).items():
        for text in (definition.label, definition.short):
            for label in text.values.values() if text is not None else []:
                words[fold(label)] = key
    if column.kind == "boolean":
        for word in ("true", "yes", "1", "x", "có", "đúng"):
            words[word] = "true"
        for word in ("false", "no", "0", "không", "sai"):
            words[word] = "false"
    if mapping is not None:
        words.update(mapping.values.get(column.name, {}))
    return words


def _definitions(column: Column, site: DerivedSite) -> dict[str, Any]:
    spec = spec_at(Zone, column.path)
    return site.defs.get(spec.ref or "", {}) if spec is not None and column.kind in ("key", "keys") else {}


def convert(column: Column, value: Any, words: dict[str, str]) -> Any:
    """A cell as the YAML value it stands for; raises ValueError with words for staff."""
    if isinstance(value, str):
        value = value.strip()
    if column.kind == "boolean":
        if isinstance(value, bool):
            return value
        found = words.get(fold(str(value)))
        if found is None:
            # Translators: {value} is what the cell holds; "true" and "false" are values to type as they are.
            raise ValueError(_("expected true or false, got '{value}'").format(value=value))
        return found == "true"
    if column.kind in ("number", "integer"):
        if isinstance(value, bool):
            raise ValueError(_("expected a number, got '{value}'").format(value=value))
        if isinstance(value, (int, float)):
            return int(value) if column.kind == "integer" and float(value).is_integer() else value
        return value  # a string: pydantic reports it with the usual hints (decimal comma...)
    if column.kind == "date":
        return _date(value)
    if column.kind in ("key", "choice"):
        return words.get(fold(str(value)), str(value))
    if column.kind == "keys":
        return [words.get(fold(part), part) for part in _key_parts(str(value), words)]
    if column.kind == "texts":
        return [part.strip() for part in str(value).split(";") if part.strip()]
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


def _key_parts(text: str, words: dict[str, str]) -> list[str]:
    """Keys separated by ';' (a label may hold a comma); a part that is no known word and has
    commas is split on them too, as people write "food, textiles"."""
    parts = []
    for part in (p.strip() for p in text.split(";")):
        if part and ("," not in part or fold(part) in words):
            parts.append(part)
        elif part:
            parts += [p.strip() for p in part.split(",") if p.strip()]
    return parts


def _date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return str(int(value))
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


def row_data(columns: list[Column], cells: dict[str, Any], words: dict[str, dict[str, str]]) -> dict[str, Any]:
    """The nested zone data a row's cells describe (empty cells leave fields out)."""
    data: dict[str, Any] = {}
    texts: dict[tuple[str | int, ...], dict[str, Any]] = {}
    owners: dict[tuple[str | int, ...], dict[str, str]] = {}
    for column in columns:
        value = cells.get(column.name)
        if blank(value):
            continue
        try:
            converted = convert(column, value, words.get(column.name, {}))
        except ValueError as exc:
            raise CellError(column.name, str(exc)) from None
        if column.kind in ("text", "texts") and column.lang:
            texts.setdefault(column.path, {})[column.lang] = converted
            owners.setdefault(column.path, {})[column.lang] = column.name
        else:
            _put(data, column.path, converted)
    for path, values in texts.items():
        _put(data, path, _items(values, owners[path]) if isinstance(next(iter(values.values())), list) else values)
    return _drop_empty_slots(data)


def _items(lists: dict[str, list[str]], owners: dict[str, str]) -> list[Any]:
    """Lists of texts given per language, item by item: ``[{vi: a, en: a'}, ...]``; the languages
    must give as many items (a plain string where only one language is given)."""
    langs = list(lists)
    if len(langs) == 1:
        return lists[langs[0]]
    first, count = langs[0], len(lists[langs[0]])
    for lang in langs[1:]:
        if len(lists[lang]) != count:
            # Translators: {n} and {m} count the items separated by ';' in two cells; {column} names the other cell.
            message = _("{n} items separated by ';' here but {m} in {column}; give each item in every language")
            raise CellError(owners[lang], message.format(n=len(lists[lang]), m=count, column=owners[first]))
    return [{lang: lists[lang][i] for lang in langs} for i in range(count)]


def _drop_empty_slots(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_empty_slots(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_drop_empty_slots(v) for v in value if v not in (None, {}, [])]
    return value


# --- rows -------------------------------------------------------------------------------------


def read_sheet(path: Path, site: DerivedSite, context: dict[str, Any], mapping: Mapping | None = None) -> Sheet:
    """Every row validated like a zone file: the valid rows and every problem, located by cell."""
    name = path.name
    table = read_table(path)
    if not table:
        return Sheet([], [cell_problem(name, 1, "", _("the sheet is empty"))])
    titles, start = _header(table, mapping is not None)
    keys = [mapping.columns.get(t, t) if mapping else t for t in titles]
    columns, problems, unmapped = _header_columns(name, keys, titles, site, mapping)
    if SLUG not in keys and mapping is None and not any(c.name.startswith("name_") for c in columns):
        why = _("no 'slug' column: it says which zone file each row updates")
        return Sheet([], [cell_problem(name, 1, "", why)])
    words = {c.name: value_words(c, site, mapping) for c in columns}
    rows: list[SheetRow] = []
    for number, values in enumerate(table[start:], start=start + 1):
        cells = {key: value for key, value in zip(keys, values, strict=False) if key and key != IGNORE}
        if all(blank(v) for v in cells.values()):
            continue
        zone, found = _validate_row(name, number, columns, cells, context, site, words)
        problems += found
        if zone is not None:
            slug = str(cells.get(SLUG) or "").strip()
            rows.append(SheetRow(number, slug or _slug_from_name(zone, site), zone, cells, named=not slug))
    problems += _slug_problems(name, rows, site)
    return Sheet(rows, problems, unmapped)


def _header_columns(
    name: str, keys: list[str], titles: list[str], site: DerivedSite, mapping: Mapping | None
) -> tuple[list[Column], list[Problem], list[str]]:
    """The column each header names (numbered columns of lists as many as the header has), the
    unknown ones as problems, or, in a mapped import, the titles left out."""
    known = sheet_columns(site, [exported_zone(v) for v in site.zones], _slots_asked(keys))
    by_name = {c.name: c for c in known}
    columns, problems, unmapped = [], [], []
    for key, title in zip(keys, titles, strict=True):
        if key in (SLUG, IGNORE, ""):
            continue
        if key in by_name:
            columns.append(by_name[key])
        elif mapping is not None:
            unmapped.append(title)
        else:
            problems.append(cell_problem(name, 1, key, _("unknown column"), did_you_mean(key, list(by_name))))
    return columns, problems, unmapped


def _slots_asked(keys: list[str]) -> dict[str, int]:
    """How many items of each list of groups the header has columns for (``contacts_3_phone`` → 3)."""
    asked: dict[str, int] = {}
    for dotted in list_fields(Zone):
        pattern = re.compile(re.escape(dotted.replace(".", "_")) + r"_(\d+)_")
        numbers = [int(m.group(1)) for key in keys if (m := pattern.match(key))]
        if numbers:
            asked[dotted] = max(numbers)
    return asked


def _validate_row(
    name: str,
    number: int,
    columns: list[Column],
    cells: dict[str, Any],
    context: dict[str, Any],
    site: DerivedSite,
    words: dict[str, dict[str, str]],
) -> tuple[Zone | None, list[Problem]]:
    try:
        data = row_data(columns, cells, words)
    except CellError as exc:
        return None, [cell_problem(name, number, exc.column, exc.message)]
    try:
        zone = Zone.model_validate(data, context=context)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(part for part in error["loc"] if part != "[key]")
            message, hint = message_for(error["type"], error.get("input"), error.get("ctx") or {}, error["msg"])
            problems.append(cell_problem(name, number, column_for(loc, columns), message, hint))
        return None, problems
    dict_keys = section_keys({kind: set(keys) for kind, keys in site.defs.items()})
    found = [
        cell_problem(name, number, column_for(path, columns), message, hint)
        for path, message, hint in check_zone(zone, dict_keys, site.static_dirs, site.config.country)
    ]
    return (None if found else zone), found


def column_for(loc: tuple[Any, ...], columns: list[Column]) -> str:
    """The column a validation error points at (the first language's, for text)."""
    for length in range(len(loc), 0, -1):
        for column in columns:
            if column.path == tuple(loc[:length]):
                return column.name
    return field_name(loc)


# --- file names -------------------------------------------------------------------------------


def _slug_from_name(zone: Zone, site: DerivedSite) -> str:
    """A file name from the zone's name in the site's first language, without its type's words:
    "Cụm công nghiệp Đắk Thử Nghiệm" → ``dak-thu-nghiem``."""
    name = zone.name.get(site.languages[0], site.languages)[0]
    return slug_for(guess_type(name, site.defs["zone_types"])[1])


def _slug_problems(name: str, rows: list[SheetRow], site: DerivedSite) -> list[Problem]:
    """File names that are not valid, or that two rows (or a row and another zone) would share."""
    problems, first = [], {}
    names = {v.slug: v.zone.name for v in site.zones}
    for row in rows:
        if row.slug not in names and not SLUG_PATTERN.match(row.slug):
            why = _("'{slug}' is not a valid slug (a-z, 0-9, '-')").format(slug=row.slug)
            problems.append(cell_problem(name, row.number, SLUG, why))
        elif row.slug in first:
            # Translators: {slug} is the zone's file name; {row} the number of the row it is first on.
            why = _("'{slug}' is also on row {row}").format(slug=row.slug, row=first[row.slug])
            hint = _("give each zone its own file name in the slug column") if row.named else ""
            problems.append(cell_problem(name, row.number, SLUG, why, hint))
        elif row.named and row.slug in names and names[row.slug] != row.zone.name:
            # Translators: {slug} is a file name made from the row's name that another zone already has.
            why = _("the file name '{slug}' made from this zone's name is another zone's").format(slug=row.slug)
            hint = _("write the file name you want in the slug column")
            problems.append(cell_problem(name, row.number, SLUG, why, hint))
        first.setdefault(row.slug, row.number)
    return problems


def text_value(value: Any) -> Any:
    """A model value as it is written in YAML."""
    if isinstance(value, Text):
        return value.plain()
    if isinstance(value, PartialDate):
        return str(value)
    return value
