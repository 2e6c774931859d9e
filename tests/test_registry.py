"""The field registry and what reads it: one walker over the models, and every consumer (columns,
scaffold, field reference, metrics, labels, spreadsheet lists, validation hints) taking its field
lists from it rather than from lists of its own."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
from conftest import make_site

from zonesite.check import check_site
from zonesite.derive.columns import csv_columns, derivable_specs, flag_column, zone_columns
from zonesite.model.definitions import merged
from zonesite.model.registry import (
    derivable,
    fields,
    keyed_sections,
    known_path,
    labels,
    list_fields,
    metrics,
    spec_at,
    specs,
    walk,
)
from zonesite.model.site import Definitions, Metric
from zonesite.model.zone import Area, Zone
from zonesite.staff.reference import model_table, type_name
from zonesite.staff.scaffold import zone_template

DEFS = merged(Definitions())


def test_every_field_of_a_group_is_walked_in_declared_order() -> None:
    area = [spec.dotted for spec in walk(Zone) if spec.path[0] == "area"]
    assert area == ["area", *(f"area.{name}" for name in Area.model_fields)]
    assert [spec.name for spec in fields(Area)] == list(Area.model_fields)


@pytest.mark.parametrize(
    ("path", "kind", "ref", "unit"),
    [
        ("name", "text", None, None),
        ("type", "key", "zone_types", None),
        ("status", "key", "statuses", None),
        ("featured", "boolean", None, None),
        ("location", "group", None, None),
        ("location.lat", "number", None, None),
        ("dates.established", "date", None, None),
        ("area.total_ha", "number", None, "ha"),
        ("area.occupancy_pct", "number", None, "pct"),
        ("tenants.workers", "integer", None, "count"),
        ("tenants.registered_capital_vnd", "number", None, "vnd"),
        ("lease.price_usd_m2", "number", None, "usd/m2"),
        ("lease.price_basis", "choice", None, None),
        ("developer.phone", "string", None, "phone"),
        ("industries", "keys", "industries", None),
        ("tenants.notable", "texts", None, None),
        ("contacts", "groups", None, None),
        ("infrastructure", "keyed", "infrastructure", None),
        ("connectivity", "keyed", "connectivity", None),
    ],
)
def test_each_field_knows_its_kind_reference_and_unit(path: str, kind: str, ref: str | None, unit: str | None) -> None:
    spec = specs(Zone)[path]
    assert (spec.kind, spec.ref, spec.unit.name if spec.unit else None) == (kind, ref, unit)


def test_lists_sections_metrics_and_derivable_figures_are_read_off_the_model() -> None:
    assert sorted(list_fields(Zone)) == sorted(
        [
            *("decisions", "tenants.notable", "local_incentives", "targets", "photos", "documents", "contacts"),
            *("sources", "acknowledged"),
        ]
    )
    assert keyed_sections(Zone) == {"infrastructure": "infrastructure", "connectivity": "connectivity"}
    assert [s.name for s in derivable(Zone)] == ["industrial_land_ha", "leased_ha", "available_ha", "occupancy_pct"]
    assert metrics(Zone)["occupancy_pct"].facts.rate_of == ("leased_ha", "industrial_land_ha")
    # site.yaml's plan figures may name any metric, and nothing else.
    assert typing.get_args(Metric) == ("zones", *metrics(Zone))


def test_every_metric_and_listed_figure_has_a_label_in_both_languages() -> None:
    found = labels(Zone)
    for name, spec in metrics(Zone).items():
        assert set(found[spec.dotted]) == {"vi", "en"}, name
    assert found["area.total_ha"] == {"vi": "Tổng diện tích", "en": "Total area"}


def test_a_sites_strings_can_relabel_a_field(tmp_path: Path) -> None:
    root = make_site(
        tmp_path / "site",
        files={"templates/strings.yaml": "area.total_ha: {vi: Diện tích quy hoạch, en: Planned area}\n"},
    )
    strings = check_site(root).strings
    assert strings.get("area.total_ha", "en") == "Planned area"
    assert strings.get("area.leased_ha", "vi") == "Đã cho thuê", "the registry's label is the default"


def test_digit_fields_are_told_to_quote_a_bare_number() -> None:
    assert spec_at(Zone, ("contacts", 0, "phone")).digits  # type: ignore[union-attr]
    assert spec_at(Zone, ("decisions", 2, "number")).digits  # type: ignore[union-attr]
    assert not spec_at(Zone, ("lease", "note")).digits  # type: ignore[union-attr]
    assert spec_at(Zone, ("nowhere", "phone")) is None


def test_field_paths_a_source_covers_are_checked_against_the_model() -> None:
    keys = {"infrastructure": {"power_supply"}}
    assert known_path(Zone, "area.total_ha", keys) is None
    assert known_path(Zone, "infrastructure.power_supply", keys) is None
    assert known_path(Zone, "infrastructure.roads", keys) == "'roads' is not a key of infrastructure"
    assert known_path(Zone, "aera", keys) == "'aera' is not a field of a zone; did you mean 'area'?"


def test_columns_come_from_the_registry_with_prose_left_out() -> None:
    names = [c.name for c in csv_columns(["vi", "en"], DEFS)]
    assert "area_total_ha" in names and "name_vi" in names and "name_en" in names
    assert "infrastructure_power_supply_state" in names and "infrastructure_power_supply_capacity" in names
    assert "infrastructure_power_supply_note" not in names, "compact: each work's state and capacity only"
    assert not {"description_vi", "summary_en", "lease_note_vi", "status_note_vi"} & set(names), "prose stays in JSON"
    full = [c.name for c in zone_columns(["vi"], DEFS, prose=True, slots={"contacts": 2})]
    assert "description_vi" in full and "contacts_2_phone" in full and "contacts_3_phone" not in full
    kinds = {c.name: c.kind for c in csv_columns(["en"], DEFS)}
    assert kinds["type"] == "key" and kinds["status"] == "key" and kinds["industries"] == "keys"
    assert [flag_column(s) for s in derivable_specs()][:2] == [
        "area_industrial_land_ha_calculated",
        "area_leased_ha_calculated",
    ]


def test_scaffold_and_reference_read_examples_choices_and_limits() -> None:
    slug, text = zone_template("Cụm công nghiệp Điện Thọ 2", "vi", DEFS)
    assert slug == "dien-tho-2"
    assert "#   - {year: 2026, occupancy_pct: 60}" in text
    assert "#   power_supply: {state: operating}" in text and "#   seaport: {km: 25, name: ...}" in text
    assert "# Whether the price covers the whole lease term or one year. One of: term, year." in text
    table = "\n".join(model_table(Zone, "Zone"))
    assert "| `occupancy_pct` | number (≥ 0, ≤ 100) |" in table
    assert "| `infrastructure` | key of `infrastructure` → group (Work) |" in table
    assert type_name(specs(Zone)["industries"]) == "list of key of `industries`"
