"""``build.py export zones.xlsx`` and ``build.py import zones.xlsx``: zone files ↔ one spreadsheet."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..check.settings import read_settings
from ..derive.site import DerivedSite
from ..derive.zones import ZoneView
from ..errors import Abort, Problem
from ..i18n import _
from ..model import routes
from ..model.registry import keyed_sections
from ..model.zone import Zone
from ..output.write import write_file
from ..pipeline import read_site
from ..staff.sheetread import read_mapping, read_sheet
from ..staff.spreadsheet import cell, exported_zone, sheet_columns, write_csv, write_xlsx
from ..staff.yamledit import edit_text, new_file, value_at

SUFFIXES = (".xlsx", ".csv")
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/zone.schema.json"


def export_sheet(root: Path, path: Path) -> int:
    """Write every zone to ``path`` (.xlsx or .csv); returns the number of rows."""
    site, _warnings = read_site(root)
    return write_xlsx(path, site) if path.suffix.lower() == ".xlsx" else write_csv(path, site)


@dataclass
class Edit:
    """A zone file to write, and the changes to tell staff about."""

    path: Path
    text: str
    changes: list[str]
    created: bool = False


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(a - b) < 1e-9
    return a == b


@dataclass
class ImportPlan:
    """What an import will write, how many rows it read, and the sheet's columns it left out."""

    edits: list[Edit]
    rows: int
    unmapped: list[str]


def plan_import(root: Path, sheet: Path, mapping: Path | None = None) -> ImportPlan:
    """Check every row, then work out each zone file's new text; raises Abort with every problem."""
    site, _warnings = read_site(root)
    settings = read_settings(root)
    rules = read_mapping(mapping, sheet_columns(site, [])) if mapping else None
    found = read_sheet(sheet, site, settings.context, rules)
    if found.problems:
        raise Abort(found.problems)
    views = {v.slug: v for v in site.zones}
    keys_order = {path: list(site.defs[kind]) for path, kind in keyed_sections(Zone).items()}
    edits: list[Edit] = []
    for row in found.rows:
        view = views.get(row.slug)
        if view is None:
            path = root / routes.ZONES / f"{row.slug}.yaml"
            edits.append(Edit(path, new_file(row.zone, SCHEMA_LINE), [_("new zone")], created=True))
            continue
        edit = _edit(root, site, view, row.zone, keys_order)
        if edit is not None:
            edits.append(edit)
    return ImportPlan(edits, len(found.rows), found.unmapped)


def _edit(root: Path, site: DerivedSite, view: ZoneView, zone: Zone, keys_order: dict[str, list[str]]) -> Edit | None:
    """The zone file rewritten with the fields the row changes, or None if it changes nothing."""
    old = exported_zone(view)
    columns = sheet_columns(site, [old, zone])
    changed = [c for c in columns if not _same(cell(c, old), cell(c, zone))]
    if not changed:
        return None
    markdown = view.file.endswith(".md")
    units: dict[tuple[str | int, ...], Any] = {column.path: value_at(zone, column.path) for column in changed}
    body_changed = markdown and ("description",) in units
    if body_changed:
        del units[("description",)]
    path = root / view.file
    text = edit_text(
        path.read_text(encoding="utf-8"),
        list(units.items()),
        keys_order,
        markdown,
        zone.description,
        body_changed,
        site.languages,
    )
    notes = [f"{c.name}: {_show(cell(c, old))} → {_show(cell(c, zone))}" for c in changed]
    return Edit(path, text, notes)


def _show(value: Any) -> str:
    if value is None:
        # Translators: an empty cell, in a change such as "lease_price_usd_m2: (empty) → 55".
        return _("(empty)")
    if isinstance(value, bool):
        return "true" if value else "false"
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def import_sheet(root: Path, sheet: Path, mapping: Path | None = None) -> ImportPlan:
    """Apply the spreadsheet to the zone files, all or nothing."""
    plan = plan_import(root, sheet, mapping)
    for edit in plan.edits:
        write_file(edit.path, edit.text)
    return plan


__all__ = ["SUFFIXES", "Abort", "Edit", "ImportPlan", "Problem", "export_sheet", "import_sheet"]
