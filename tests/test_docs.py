"""The field reference in docs/ is generated from the schema and must not drift from it."""

from __future__ import annotations

from conftest import REPO

from zonesite.staff.reference import reference


def test_field_reference_is_current() -> None:
    written = (REPO / "docs" / "fields.md").read_text(encoding="utf-8")
    assert written == reference(), "docs/fields.md is out of date: run 'make docs'"


def test_field_reference_covers_every_zone_section() -> None:
    text = reference()
    for section in ("`location`", "`area`", "`lease`", "`tenants`", "`infrastructure`", "`contacts`", "`sources`"):
        assert f"### {section}" in text
    assert "| `leased_ha` | number (≥ 0) |" in text
    assert "| `type` | key of `zone_types` | **required** |" in text
