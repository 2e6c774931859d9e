"""Countries a site may be about: each one's bounding box, so coordinates can be checked against
the right country (``country:`` in site.yaml, Vietnam by default), and its name in any language."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from .types import locale_of

TABLE = Path(__file__).with_name("countries.yaml")
DEFAULT = "VN"

Box = tuple[float, float, float, float]  # west, south, east, north


@cache
def boxes() -> dict[str, Box]:
    """ISO 3166-1 alpha-2 code → bounding box."""
    data = yaml.safe_load(TABLE.read_text(encoding="utf-8")) or {}
    return {str(code): (float(w), float(s), float(e), float(n)) for code, (w, s, e, n) in data.items()}


def inside(box: Box, lat: float, lng: float) -> bool:
    """Whether a point lies in the box (a box crossing the antimeridian has west > east)."""
    west, south, east, north = box
    in_lng = west <= lng <= east if west <= east else (lng >= west or lng <= east)
    return south <= lat <= north and in_lng


def country_name(code: str, reader: str) -> str:
    """The country's name in the reader's language (``VN`` for a Vietnamese reader: "Việt Nam")."""
    locale = locale_of(reader)
    return (locale.territories.get(code) if locale else None) or code
