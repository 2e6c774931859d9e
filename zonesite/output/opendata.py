"""Open data: every zone as JSON, CSV and GeoJSON, with missing figures as null or empty, never 0.

The CSV opens correctly in Excel with Vietnamese text (UTF-8 with a byte-order mark, CRLF line
ends); its columns come from the schema (see :mod:`zonesite.columns`) and are documented on the
site's data page. Land figures the engine derived are given with the others and listed under
``calculated`` (JSON) or flagged in ``*_calculated`` columns (CSV).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from pydantic import BaseModel

from ..derive.columns import Column, csv_columns, derivable_specs, flag_column
from ..derive.site import DerivedSite
from ..derive.zones import ZoneView
from ..model import routes
from ..model.types import ANY_LANGUAGE, PartialDate, Text


def _url(site: DerivedSite, lang: str, view: ZoneView) -> str:
    return f"{site.config.base_url}{lang}/{routes.zone_path(view.slug)}"


def to_json(value: Any, languages: list[str]) -> Any:
    """A model value as plain JSON: text as ``{lang: text}``, dates as ISO strings, nulls kept."""
    if isinstance(value, BaseModel):
        return {name: to_json(getattr(value, name), languages) for name in type(value).model_fields}
    if isinstance(value, Text):
        if ANY_LANGUAGE in value.values:
            return dict.fromkeys(languages, value.values[ANY_LANGUAGE])
        return {lang: value.values[lang] for lang in languages if lang in value.values}
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, list):
        return [to_json(v, languages) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v, languages) for k, v in value.items()}
    return value


def zone_record(site: DerivedSite, view: ZoneView) -> dict[str, Any]:
    """Everything known about one zone, with derived land figures filled in."""
    languages = site.languages
    record: dict[str, Any] = {"slug": view.slug}
    record["url"] = {lang: _url(site, lang, view) for lang in languages}
    record.update(to_json(view.zone, languages))
    for spec in derivable_specs():
        record[spec.path[0]][spec.name] = view.value(spec.dotted)
    for group in dict.fromkeys(spec.path[0] for spec in derivable_specs()):
        derived = [f.path.rpartition(".")[2] for f in view.figures.values() if f.derived and f.group == group]
        record[group]["calculated"] = sorted(derived)
    record["last_checked"] = str(view.last_checked) if view.last_checked else None
    return record


def flat_row(site: DerivedSite, view: ZoneView, columns: list[Column]) -> dict[str, Any]:
    """One zone as a flat row: the schema's columns, then calculated flags, check date and links."""
    row: dict[str, Any] = {"slug": view.slug}
    derived = {spec.path for spec in derivable_specs()}
    for column in columns:
        if column.path in derived:
            row[column.name] = view.value(".".join(map(str, column.path)))
        else:
            row[column.name] = column.read(view.zone)
    for spec in derivable_specs():
        row[flag_column(spec)] = view.figures[spec.dotted].derived
    row["last_checked"] = str(view.last_checked) if view.last_checked else None
    for lang in site.languages:
        row[f"url_{lang}"] = _url(site, lang, view)
    return row


def _dump(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _csv(site: DerivedSite, rows: list[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else ["slug"], lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {k: ("true" if v is True else "false" if v is False else "" if v is None else v) for k, v in row.items()}
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


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


def open_data(site: DerivedSite) -> dict[str, bytes]:
    """``{path: bytes}`` of the data files under ``data/``."""
    columns = csv_columns(site.languages, site.defs)
    records = [zone_record(site, view) for view in site.zones]
    rows = [flat_row(site, view, columns) for view in site.zones]
    meta = {
        "title": to_json(site.config.title, site.languages),
        "base_url": site.config.base_url,
        "languages": site.languages,
        "count": len(records),
    }
    files = {
        "data/clusters.json": _dump({**meta, "zones": records}),
        "data/clusters.csv": _csv(site, rows),
        "data/clusters.geojson": _geojson(site, rows),
    }
    for record in records:
        files[f"data/clusters/{record['slug']}.json"] = _dump(record)
    return files
