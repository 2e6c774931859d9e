"""JSON Schema for zone files and site.yaml, generated from the models for one site.

Editors that understand ``# yaml-language-server: $schema=...`` (VS Code with the YAML extension,
and others) then complete field names and check values while staff type. The generated schema
also lists this site's keys (industries, incentives, statuses...) and languages, so a misspelt
key is underlined before the build ever runs.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..derive.site import DerivedSite
from ..errors import Problem
from ..i18n import _
from ..model import routes
from ..model.site import SiteConfig
from ..model.zone import Zone
from ..output.write import write_file

SCHEMA_DIR = routes.SCHEMA
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _specialise(node: Any, keys: dict[str, set[str]], languages: list[str]) -> None:
    """Fill in the site's keys for references and its languages for translatable text."""
    if isinstance(node, dict):
        kind = node.get("x-ref-kind")
        if kind and kind in keys:
            node["enum"] = sorted(keys[kind])
        if node.get("x-text"):
            node["propertyNames"] = {"enum": list(languages)}
        for value in node.values():
            _specialise(value, keys, languages)
    elif isinstance(node, list):
        for value in node:
            _specialise(value, keys, languages)


def schema_for(model: type, title: str, keys: dict[str, set[str]], languages: list[str]) -> dict[str, Any]:
    schema = model.model_json_schema()
    _specialise(schema, keys, languages)
    return {"$schema": DRAFT, "title": title, **schema}


def schema_texts(keys: dict[str, set[str]], languages: list[str]) -> dict[str, str]:
    """``{"zone.schema.json": text, "site.schema.json": text}`` for this site."""
    frozen = tuple(sorted((kind, tuple(sorted(values))) for kind, values in keys.items()))
    return _schema_texts(frozen, tuple(languages))


@lru_cache(maxsize=8)
def _schema_texts(frozen: tuple[tuple[str, tuple[str, ...]], ...], languages: tuple[str, ...]) -> dict[str, str]:
    keys = {kind: set(values) for kind, values in frozen}
    texts = {}
    for name, model, title in (("zone", Zone, "Zone file"), ("site", SiteConfig, "site.yaml")):
        schema = schema_for(model, title, keys, list(languages))
        texts[f"{name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return texts


def write_schemas(root: Path, keys: dict[str, set[str]], languages: list[str]) -> list[Path]:
    """Write schema/zone.schema.json and schema/site.schema.json into the site; return their paths."""
    folder = root / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in schema_texts(keys, languages).items():
        path = folder / name
        write_file(path, text)
        written.append(path)
    return written


def stale_schemas(root: Path, keys: dict[str, set[str]], languages: list[str]) -> list[str]:
    """Schema files present in the site that no longer match its definitions."""
    folder = root / SCHEMA_DIR
    return [
        f"{SCHEMA_DIR}/{name}"
        for name, text in schema_texts(keys, languages).items()
        if (folder / name).is_file() and (folder / name).read_text(encoding="utf-8") != text
    ]


def stale_schema_warnings(site: DerivedSite) -> list[Problem]:
    """A warning for each schema file in the site that no longer matches its definitions."""
    refs = {kind: set(values) for kind, values in site.defs.items()} | {"sources": set(site.config.sources)}
    return [
        Problem(
            name,
            0,
            0,
            "",
            _("is out of date: editors check zone files against old keys"),
            _("run: python build.py schema"),
            severity="warning",
            kind="schema_stale",
        )
        for name in stale_schemas(site.root, refs, site.languages)
    ]
