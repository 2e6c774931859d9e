"""The field reference in docs/ is generated from the schema and must not drift from it."""

from __future__ import annotations

import pytest
from conftest import REPO

from zonesite import i18n
from zonesite.staff.reference import reference


@pytest.mark.parametrize(("lang", "name"), [("en", "fields.md"), ("vi", "fields.vi.md")])
def test_field_reference_is_current_in_each_staff_language(lang: str, name: str) -> None:
    written = (REPO / "docs" / name).read_text(encoding="utf-8")
    try:
        i18n.use(lang)
        expected = reference()
    finally:
        i18n.use("en")
    assert written == expected, f"docs/{name} is out of date: run 'make docs'"


def test_the_vietnamese_reference_explains_fields_in_vietnamese() -> None:
    text = (REPO / "docs" / "fields.vi.md").read_text(encoding="utf-8")
    assert text.startswith("# Tra cứu các trường")
    assert "| `leased_ha` | số (≥ 0) |" in text, "types in Vietnamese"
    assert "Diện tích đất công nghiệp đã cho thuê" in text or "đã cho thuê" in text


def test_field_reference_covers_every_zone_section() -> None:
    text = reference()
    for section in ("`location`", "`area`", "`lease`", "`tenants`", "`infrastructure`", "`contacts`", "`sources`"):
        assert f"### {section}" in text
    assert "| `leased_ha` | number (≥ 0) |" in text
    assert "| `type` | key of `zone_types` | **required** |" in text
