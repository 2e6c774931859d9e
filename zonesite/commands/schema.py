"""``build.py schema``: write the JSON Schema editors use to check zone files as staff type."""

from __future__ import annotations

from pathlib import Path

from ..check.settings import read_settings
from ..errors import Abort
from ..staff.jsonschema import write_schemas


def schema(root: Path) -> list[Path]:
    settings = read_settings(root)
    if settings.config is None:
        raise Abort(settings.problems)
    return write_schemas(root, settings.refs, settings.config.languages)
