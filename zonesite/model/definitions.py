"""Shared definitions: the engine's national ones (defaults.yaml) with the site's additions."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .site import Definition, Definitions

KINDS = tuple(Definitions.model_fields)


@lru_cache(maxsize=1)
def engine_defaults() -> Definitions:
    """The national zone types, statuses, infrastructure works and states, and transport links."""
    text = resources.files("zonesite.model").joinpath("defaults.yaml").read_text(encoding="utf-8")
    return Definitions.model_validate(yaml.safe_load(text), context={"languages": ["vi", "en"]})


def merged(site: Definitions) -> dict[str, dict[str, Definition]]:
    """Engine definitions overlaid by the site's, each kind sorted by ``order`` then key."""
    base = engine_defaults()
    result: dict[str, dict[str, Definition]] = {}
    for kind in KINDS:
        combined = {**getattr(base, kind), **getattr(site, kind)}
        result[kind] = dict(sorted(combined.items(), key=lambda item: (item[1].order, item[0])))
    return result


def raw_keys(site_data: Any) -> dict[str, set[str]]:
    """Definition and source keys as written in an unvalidated site.yaml, for checking references
    while site.yaml itself is being validated."""
    keys = {kind: set(getattr(engine_defaults(), kind)) for kind in KINDS}
    data = site_data if isinstance(site_data, dict) else {}
    definitions = data.get("definitions")
    if isinstance(definitions, dict):
        for kind in KINDS:
            if isinstance(definitions.get(kind), dict):
                keys[kind] |= {str(k) for k in definitions[kind]}
    sources = data.get("sources")
    keys["sources"] = {str(k) for k in sources} if isinstance(sources, dict) else set()
    return keys
