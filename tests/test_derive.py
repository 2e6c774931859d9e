"""The derive stage, in-process: land figures, province totals and their coverage, the listing,
map and dashboard series, and warnings. No subprocess: a tiny site is written, checked and derived."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import make_site

from zonesite.check import check_site
from zonesite.derive.aggregate import compute, select
from zonesite.derive.coverage import zone_findings
from zonesite.derive.land import derive_land
from zonesite.derive.site import DerivedSite, derive_site
from zonesite.derive.summary import plan_rows
from zonesite.model.zone import Zone


def zone(**area: float) -> Zone:
    return Zone.model_validate({"name": "Z", "type": "industrial_cluster", "area": area})


@pytest.mark.parametrize(
    ("given", "expected", "derived"),
    [
        # industrial and leased given: free land and occupancy follow
        ({"industrial_land_ha": 60, "leased_ha": 47.3}, (60, 47.3, 12.7, 100 * 47.3 / 60), {"available", "occupancy"}),
        # leased and free given: industrial land is their sum
        ({"leased_ha": 30, "available_ha": 10}, (40, 30, 10, 75), {"industrial", "occupancy"}),
        # industrial land and occupancy: leased and free land follow
        ({"industrial_land_ha": 50, "occupancy_pct": 40}, (50, 20, 30, 40), {"leased", "available"}),
        # industrial and free land given
        ({"industrial_land_ha": 50, "available_ha": 5}, (50, 45, 5, 90), {"leased", "occupancy"}),
        # only the total: nothing can be derived, and nothing is invented
        ({"total_ha": 80}, (None, None, None, None), set()),
        # everything given: nothing is marked derived
        (
            {"industrial_land_ha": 10, "leased_ha": 4, "available_ha": 6, "occupancy_pct": 40},
            (10, 4, 6, 40),
            set(),
        ),
    ],
)
def test_land_figures_are_derived_from_whichever_two_are_known(
    given: dict[str, float], expected: tuple[float | None, ...], derived: set[str]
) -> None:
    land = derive_land(zone(**given))
    got = (land.industrial_land_ha, land.leased_ha, land.available_ha, land.occupancy_pct)
    assert got == pytest.approx(expected)
    names = {"industrial_land_ha": "industrial", "leased_ha": "leased", "available_ha": "available"}
    assert {names.get(n, "occupancy") for n in land.derived} == derived


def test_derived_land_never_goes_negative_or_over_full() -> None:
    land = derive_land(zone(industrial_land_ha=10, leased_ha=10.04))
    assert land.available_ha == 0
    assert land.occupancy_pct == 100


ZONES = {
    "a.yaml": """\
        name: {vi: Cụm A, en: A Cluster}
        type: industrial_cluster
        status: operating
        location: {lat: 12.1, lng: 109.1}
        area: {total_ha: 50, industrial_land_ha: 40, leased_ha: 30}
        tenants: {establishments: 10, workers: 1000}
        infrastructure:
          wastewater_treatment: {state: operating}
        contacts: [{phone: '0258 3822 111'}]
        sources: [{ref: plan-2024, checked: 2024-06-01}]
        targets: [{year: 2024, occupancy_pct: 45}, {year: 2026, occupancy_pct: 80}]
        """,
    "b.yaml": """\
        name: {vi: Cụm B}
        type: industrial_cluster
        status: established
        area: {total_ha: 30, industrial_land_ha: 20, available_ha: 20}
        connectivity: {seaport: {km: 1.500}}
        location: {lat: 12.100, lng: 109.2}
        """,
    "c.yaml": """\
        name: {vi: Khu C, en: C Park}
        type: industrial_park
        area: {industrial_land_ha: 100}
        """,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> DerivedSite:
    root = make_site(tmp_path_factory.mktemp("derive") / "site", zones=ZONES)
    return derive_site(check_site(root))


def test_sums_count_only_zones_that_report_and_say_how_many(site: DerivedSite) -> None:
    total = compute("total_ha", site.zones)
    assert (total.value, total.reporting, total.matched) == (80, 2, 3)
    workers = compute("workers", site.zones)
    assert (workers.value, workers.reporting) == (1000, 1)
    assert compute("fdi_projects", site.zones).value is None, "a figure no zone reports is not 0"
    assert compute("zones", site.zones).value == 3


def test_occupancy_is_leased_over_industrial_land_of_zones_reporting_both(site: DerivedSite) -> None:
    rate = compute("occupancy_pct", site.zones)
    # a: 30 of 40 leased; b: 0 of 20 (20 free); c: no leased figure, left out.
    assert rate.value == pytest.approx(100 * 30 / 60)
    assert (rate.reporting, rate.matched) == (2, 3)


def test_plan_figures_select_by_type_and_stage(site: DerivedSite) -> None:
    established_or_later = select(site.zones, min_order=site.defs["statuses"]["established"].order)
    assert sorted(z.slug for z in established_or_later) == ["a", "b"]
    assert [z.slug for z in select(site.zones, type="industrial_park")] == ["c"]
    assert plan_rows(site.config, site.zones, site.defs) == []


def test_home_tiles_come_from_the_registry_with_coverage(site: DerivedSite) -> None:
    tiles = {tile.metric: tile for tile in site.summary.tiles}
    assert list(tiles) == ["zones", "total_ha", "available_ha", "occupancy_pct", "establishments", "workers"]
    assert tiles["total_ha"].label == "area.total_ha" and tiles["total_ha"].unit == "ha"
    assert (tiles["available_ha"].computed.value, tiles["available_ha"].computed.reporting) == (30, 2)


def test_fact_sheet_sections_list_known_facts_and_name_the_rest(site: DerivedSite) -> None:
    land = site.sheets["a"]["land"]
    known = {f.path: f for f in land.known}
    assert list(known) == [
        "area.total_ha",
        "area.industrial_land_ha",
        "area.leased_ha",
        "area.available_ha",
        "area.occupancy_pct",
    ]
    assert known["area.available_ha"].value == 10 and known["area.available_ha"].derived
    assert not known["area.total_ha"].derived and known["area.total_ha"].unit == "ha"
    status = site.sheets["a"]["status_dates"]
    assert [f.path for f in status.known] == ["type", "status"]
    assert [f.path for f in status.missing] == [
        "dates.planned",
        "dates.established",
        "dates.construction_started",
        "dates.operating_since",
        "decisions",
    ]
    location = site.sheets["c"]["location"]
    assert [f.label for f in location.known] == ["location.province"], "the site's province when the zone names none"
    assert "coordinates" in [f.label for f in location.missing]
    hidden = ["developer", "lease_terms", "tenants", "infrastructure", "industries", "incentives"]
    assert site.sheets["c"].hidden == hidden, "targets, photos and documents are extras, not gaps"
    assert "land" not in site.sheets["c"].hidden, "industrial land is published"


def test_listing_rows_and_filters(site: DerivedSite) -> None:
    row = site.listing["a"]
    assert (row.free, row.occupancy, row.status, row.ready) == ("10", "75", "operating", "wastewater_treatment")
    assert site.listing["c"].free == "" and site.listing["c"].status == ""
    assert [o.value for o in site.filters.type] == ["industrial_cluster", "industrial_park"]
    assert [o.value for o in site.filters.status] == ["established", "operating"]


def test_map_points_only_for_zones_with_coordinates(site: DerivedSite) -> None:
    assert list(site.map_points) == ["a", "b"]
    point = site.map_points["a"]
    assert (point.lat, point.lng, point.free) == (12.1, 109.1, 10)
    assert point.status is site.defs["statuses"]["operating"]


def test_dashboard_series_are_distributions_and_top_lists_of_reporting_zones(site: DerivedSite) -> None:
    series = site.dashboard
    assert [(row.status, row.zones) for row in series.land] == [("established", 1), ("operating", 1), (None, 1)]
    # a: 30 of 40 ha leased (75 %), b: 0 of 20 ha (0 %); c publishes no leased land.
    assert [(band.low, band.zones) for band in series.occupancy] == [(0, 1), (25, 0), (50, 0), (75, 1)]
    assert series.occupancy_reporting == 2
    assert [(r.slug, r.value) for r in series.free.rows] == [("b", 20), ("a", 10)]
    assert series.free.reporting == 2
    assert [(w.work, w.states) for w in series.works] == [("wastewater_treatment", [("operating", 1)])]
    assert series.works_reporting == 1
    assert series.establishments.reporting == 1 and series.workers.rows[0].value == 1000


def test_findings_name_what_investors_miss(site: DerivedSite) -> None:
    b = next(z for z in site.zones if z.slug == "b")
    findings = list(zone_findings(b, site.languages, 365, dt.date(2026, 11, 25), site.static_dirs))
    paths = {f.path: f for f in findings}
    assert ("contacts",) in paths and ("sources",) in paths
    assert ("area",) not in paths, "free land is published"
    assert paths[("name",)].translation and paths[("name",)].message == "no en text: name"
    grouped = paths[("connectivity", "seaport", "km")]
    assert grouped.message == "1.500 reads as 1.5" and not grouped.translation
    assert ("location", "lat") not in paths, "a coordinate is not a figure written with thousands points"


def test_old_checks_are_found_by_the_sites_freshness(site: DerivedSite) -> None:
    a = next(z for z in site.zones if z.slug == "a")
    fresh = list(zone_findings(a, site.languages, 365, dt.date(2024, 12, 1), site.static_dirs))
    stale = list(zone_findings(a, site.languages, 365, dt.date(2026, 11, 25), site.static_dirs))
    assert not [f for f in fresh if f.path[:1] == ("sources",)]
    assert [f.path for f in stale if f.path[:1] == ("sources",)] == [("sources", 0, "checked")]


def test_site_root_is_resolved(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    assert derive_site(check_site(root.resolve())).root == root.resolve()
