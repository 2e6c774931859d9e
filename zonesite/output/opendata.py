"""Open data: every zone as JSON, CSV and GeoJSON, with missing figures as null or empty, never 0.

The files stand alone, for readers who never open the site: every source is resolved (title,
publisher, address, dates), every key has its label in each site language (``definitions.json``),
every figure has its unit, figures are rounded to their precision, and ``datapackage.json``
describes the CSV (Frictionless Table Schema) with the licence and the date of the data.

The CSV opens correctly in Excel with Vietnamese text (UTF-8 with a byte-order mark, CRLF line
ends); its columns come from the schema (see :mod:`zonesite.derive.columns`). Land figures the
engine derived are given with the others and listed under ``calculated`` (JSON) or flagged in
``*_calculated`` columns (CSV).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from typing import Any

from pydantic import BaseModel

from ..derive.columns import Column, DataColumn, csv_columns, derivable_specs, flag_column
from ..derive.site import DerivedSite
from ..derive.zones import ZoneView
from ..model import routes
from ..model.registry import fields, figures
from ..model.types import ANY_LANGUAGE, PartialDate, Text
from ..model.zone import Zone


def _url(site: DerivedSite, lang: str, view: ZoneView) -> str:
    return f"{site.config.base_url}{lang}/{routes.zone_path(view.slug)}"


def to_json(value: Any, languages: list[str]) -> Any:
    """A model value as plain JSON: text as ``{lang: text}``, dates as ISO strings, nulls kept."""
    if isinstance(value, BaseModel):
        return {name: to_json(getattr(value, name), languages) for name in type(value).model_fields}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name), languages) for f in dataclasses.fields(value)}
    if isinstance(value, Text):
        if ANY_LANGUAGE in value.values:
            return dict.fromkeys(languages, value.values[ANY_LANGUAGE])
        return {lang: value.values[lang] for lang in languages if lang in value.values}
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [to_json(v, languages) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v, languages) for k, v in value.items()}
    return _number(value)


def _number(value: Any) -> Any:
    """A whole figure as an integer (20, not 20.0); others to the hundredth, as figures are published."""
    if isinstance(value, float):
        return int(value) if value.is_integer() else round(value, 2)
    return value


@dataclasses.dataclass(frozen=True)
class ZoneData:
    """One zone's share of the open data: its record, its own JSON file and its flat row."""

    record: dict[str, Any]
    file: bytes
    row: dict[str, Any]


# Each zone's data, reused while its view is the very object derivation reused (its file and
# site.yaml, which gives the languages, address and columns, unchanged): serve writes open data
# after every save, and a save changes one zone of thousands.
_records: dict[str, tuple[ZoneView, ZoneData]] = {}


def zone_data(site: DerivedSite, view: ZoneView, columns: list[Column]) -> ZoneData:
    """One zone's record, file and row, made once per version of the zone."""
    hit = _records.get(view.file)
    if hit is None or hit[0] is not view:
        record = _zone_record(site, view)
        hit = (view, ZoneData(record, _dump(record), flat_row(site, view, columns)))
        _records[view.file] = hit
    return hit[1]


def _zone_record(site: DerivedSite, view: ZoneView) -> dict[str, Any]:
    """Everything known about one zone, with derived land figures filled in."""
    languages = site.languages
    record: dict[str, Any] = {"slug": view.slug}
    record["url"] = {lang: _url(site, lang, view) for lang in languages}
    record.update(to_json(view.zone, languages))
    for spec in fields(Zone):
        if spec.facts.staff:
            del record[spec.name]  # staff notes (acknowledged gaps) are never published
    for spec in derivable_specs():
        record[spec.path[0]][spec.name] = _number(view.value(spec.dotted))
    for group in dict.fromkeys(spec.path[0] for spec in derivable_specs()):
        derived = [f.path.rpartition(".")[2] for f in view.figures.values() if f.derived and f.group == group]
        record[group]["calculated"] = sorted(derived)
    record["sources"] = to_json(view.citations, languages)  # resolved from site.yaml, numbered as on the page
    record["last_checked"] = str(view.last_checked) if view.last_checked else None
    return record


def flat_row(site: DerivedSite, view: ZoneView, columns: list[Column]) -> dict[str, Any]:
    """One zone as a flat row: the schema's columns, then calculated flags, check date and links."""
    row: dict[str, Any] = {"slug": view.slug}
    derived = {spec.path for spec in derivable_specs()}
    for column in columns:
        if column.path in derived:
            row[column.name] = _number(view.value(".".join(map(str, column.path))))
        else:
            row[column.name] = _number(column.read(view.zone))
    for spec in derivable_specs():
        row[flag_column(spec)] = view.figures[spec.dotted].derived
    row["last_checked"] = str(view.last_checked) if view.last_checked else None
    for lang in site.languages:
        row[f"url_{lang}"] = _url(site, lang, view)
    return row


def _dump(data: Any) -> bytes:
    """Compact JSON: read by programs, and written by the C encoder (an indented dump is written in
    pure Python, several times slower, and the data files are the bulk of a national build)."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _csv(site: DerivedSite, rows: list[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else ["slug"], lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {k: ("true" if v is True else "false" if v is False else "" if v is None else v) for k, v in row.items()}
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# Frictionless field types of the columns' kinds (partial dates such as 2024-05 are strings).
_TYPES = {"number": "number", "integer": "integer", "boolean": "boolean"}


def datapackage(site: DerivedSite, meta: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """A Frictionless Data Package describing clusters.csv: each column's type, unit and meaning."""
    lang = site.languages[0]
    fields = []
    for column in site.data_columns:
        field: dict[str, Any] = {"name": column.name, "type": _TYPES.get(column.kind, "string")}
        field["titles"] = {code: _meaning(site, column, code) for code in site.languages}
        field["title"] = field["titles"][lang]
        if column.unit:
            field["unit"] = column.unit
        fields.append(field)
    licence = meta["licence"]
    return {
        "profile": "tabular-data-package",
        "name": "zones",
        "title": site.config.title.get(lang, site.fallbacks)[0],
        "created": meta["data_as_of"],
        "licenses": [{"name": licence["name"], "path": licence["url"]}] if licence else [],
        "resources": [
            {
                "name": "clusters",
                "path": "clusters.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "schema": {"fields": fields, "primaryKey": "slug", "missingValues": [""]},
            }
        ],
    }


def _meaning(site: DerivedSite, column: DataColumn, lang: str) -> str:
    """What a column holds, in one language (the data page's words)."""
    strings = site.strings
    if column.about is not None:
        return strings.get(column.label, lang, field=strings.get(column.about, lang))
    if column.label == "data_col_url":
        return strings.get(column.label, lang, language=column.lang)
    text = strings.get(column.label, lang)
    if column.key and column.key_kind:
        text = f"{site.defs[column.key_kind][column.key].label.get(lang, site.fallbacks)[0]}: {text}"
    return f"{text} ({column.lang})" if column.lang else text


def _geojson(site: DerivedSite, rows: list[dict[str, Any]]) -> bytes:
    features = []
    for row in rows:
        lat, lng = row.get("location_lat"), row.get("location_lng")
        if lat is None or lng is None:
            continue
        features.append(
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lng, lat]}, "properties": row}
        )
    return _dump({"type": "FeatureCollection", "features": features})


def _meta(site: DerivedSite, count: int) -> dict[str, Any]:
    """What every JSON file says about itself: whose data, of when, under which licence, with which units."""
    licence = site.config.data_licence
    return {
        "title": to_json(site.config.title, site.languages),
        "base_url": site.config.base_url,
        "languages": site.languages,
        "count": count,
        "data_as_of": site.data_date.isoformat(),
        "licence": {"name": licence.name, "url": licence.url} if licence else None,
        "definitions_file": "definitions.json",
        "units": {spec.dotted: spec.unit.name for spec in figures(Zone) if spec.unit and spec.unit.measure},
    }


def definitions(site: DerivedSite) -> dict[str, Any]:
    """Every key a zone can name (types, statuses, industries, works...) with its label in each language."""
    return {
        kind: {key: to_json(definition, site.languages) for key, definition in defs.items()}
        for kind, defs in site.defs.items()
    }


def open_data(site: DerivedSite) -> dict[str, bytes]:
    """``{path: bytes}`` of the data files under ``data/``."""
    columns = csv_columns(site.languages, site.defs)
    data = [zone_data(site, view, columns) for view in site.zones]
    records, rows = [d.record for d in data], [d.row for d in data]
    meta = _meta(site, len(records))
    files = {
        "data/clusters.json": _dump({**meta, "zones": records}),
        "data/clusters.csv": _csv(site, rows),
        "data/clusters.geojson": _geojson(site, rows),
        "data/definitions.json": _dump({**meta, "definitions": definitions(site)}),
        "data/datapackage.json": _dump(datapackage(site, meta, rows)),
    }
    for one in data:
        files[f"data/clusters/{one.record['slug']}.json"] = one.file
    return files
