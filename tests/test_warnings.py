"""Warnings people can act on: grouped by kind with counts and examples, one per zone where they
used to repeat per item, never about a name given once, acknowledgeable with a reason (so --strict
can pass on real data), and a report that ranks zones by the share of what investors screen on."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import REPO, build, make_site, run_cli

NINH_BINH = REPO / "examples" / "ninh-binh"


def test_check_groups_the_examples_warnings_in_at_most_forty_lines() -> None:
    for site in (REPO, NINH_BINH):
        code, stdout, stderr = run_cli("check", "--site", site, env={"ZONESITE_LANG": "vi"})
        assert code == 0, stderr
        lines = stdout.splitlines()
        assert len(lines) <= 40, stdout
        assert lines[-1].startswith("Đã kiểm tra"), stdout
    code, stdout, _ = run_cli("check", "--site", NINH_BINH)
    # The ten zones without coordinates are one line naming three of them, not ten lines.
    (line,) = [line for line in stdout.splitlines() if "no coordinates" in line]
    assert re.fullmatch(r"  10 × no coordinates \(lat, lng\): [a-z0-9-]+, [a-z0-9-]+, [a-z0-9-]+ and 7 more", line), (
        line
    )
    code, every, _ = run_cli("check", "--all", "--site", NINH_BINH)
    assert len([line for line in every.splitlines() if "no coordinates" in line]) == 10


def test_strict_passes_on_the_example_once_its_known_gaps_are_acknowledged() -> None:
    code, stdout, stderr = run_cli("check", "--strict", "--site", REPO)
    assert code == 0, stdout + stderr
    assert re.search(r"^\d+ known gaps acknowledged, not listed\.$", stdout, re.M), stdout


ZONE = """\
name: {{vi: Cụm công nghiệp Thử, en: Thu Industrial Cluster}}
type: industrial_cluster
summary: {{vi: Chỉ có tiếng Việt.}}
developer: {{name: Công ty Cổ phần Thử Nghiệm}}
tenants:
  notable: [Công ty A, Công ty B, Công ty C, Công ty D]
contacts:
  - {{role: developer, name: Nguyễn Văn A, organisation: Công ty Thử, phone: "0258 3822 999"}}
{extra}"""


def test_names_given_once_are_not_warned_and_a_missing_language_is_one_warning_per_zone(tmp_path: Path) -> None:
    site = make_site(
        tmp_path / "site", zones={"thu.yaml": ZONE.format(extra="status_note: {vi: Ghi chú.}\n")}, pages={}
    )
    code, stdout, _ = run_cli("check", "--all", "--site", site)
    assert code == 0
    language = [line for line in stdout.splitlines() if line.startswith("clusters/thu.yaml") and " en text" in line]
    assert language == [
        "clusters/thu.yaml:9:1: warning: status_note: no en text in 2 fields: status_note, summary "
        "(readers of that language see another language)"
    ], stdout


def test_an_acknowledged_gap_is_counted_and_a_filled_one_is_reported(tmp_path: Path) -> None:
    acknowledged = """\
        acknowledged:
          - warning: no_coordinates
            zones: [thu]
            reason: {vi: Chưa có vị trí., en: No position yet.}
          - warning: no_free_land
            reason: Nguồn không công bố.
          - warning: large_photo
            reason: {vi: Không có ảnh., en: No photo.}
        """
    zone = ZONE.format(extra="acknowledged:\n  - {warning: one_language, reason: Sẽ dịch sau.}\n")
    site = make_site(tmp_path / "site", zones={"thu.yaml": zone}, pages={}, site_extra=acknowledged)
    code, stdout, _ = run_cli("check", "--all", "--site", site)
    assert code == 0
    assert "no coordinates" not in stdout and "no figure for free land" not in stdout and " en text" not in stdout
    unused = [line for line in stdout.splitlines() if "large_photo" in line]
    assert len(unused) == 1 and "acknowledges 'large_photo', but there is no such gap any more" in unused[0]
    code, stdout, _ = run_cli("check", "--site", site)
    assert "3 known gaps acknowledged, not listed." in stdout.splitlines(), stdout
    out = build(site, tmp_path / "out")
    published = [p for p in out.rglob("*") if p.is_file() and p.suffix in (".json", ".csv", ".html", ".geojson")]
    assert not [p for p in published if "Sẽ dịch sau" in p.read_text(encoding="utf-8")], "a staff note was published"
    record = json.loads((out / "data" / "clusters" / "thu.json").read_text(encoding="utf-8"))
    assert "acknowledged" not in record


def test_an_acknowledgement_naming_no_zone_is_an_error(tmp_path: Path) -> None:
    acknowledged = """\
        acknowledged:
          - warning: no_coordinates
            zones: [thuu]
            reason: Chưa có vị trí.
        """
    site = make_site(tmp_path / "site", zones={"thu.yaml": ZONE.format(extra="")}, site_extra=acknowledged)
    code, _out, stderr = run_cli("check", "--site", site)
    assert code == 1
    assert "acknowledged[0].zones[0]: no zone has the slug 'thuu' (did you mean 'thu'?)" in stderr, stderr


def test_the_report_ranks_zones_by_the_share_of_what_investors_screen_on(tmp_path: Path) -> None:
    """A zone with a long, partly untranslated tenant list but every critical figure ranks below
    a zone that gives almost nothing."""
    full = ZONE.format(
        extra="""\
status: operating
location: {district: {vi: huyện A, en: A district}, lat: 12.3, lng: 109.1}
area: {total_ha: 50, industrial_land_ha: 40, leased_ha: 10}
lease: {price_usd_m2: 40}
infrastructure:
  wastewater_treatment: {state: operating}
  power_supply: {state: completed}
  water_supply: {state: completed}
industries: [food]
connectivity: {seaport: {km: 10}}
photos: [{file: images/a.jpg}]
sources: [{ref: plan-2024, checked: 2026-11-01, covers: [area]}]
"""
    )
    bare = "name: {vi: Cụm công nghiệp Trống, en: Empty Cluster}\ntype: industrial_cluster\n"
    site = make_site(
        tmp_path / "site", zones={"full.yaml": full, "bare.yaml": bare}, pages={}, files={"static/images/a.jpg": b"x"}
    )
    report = tmp_path / "report.html"
    code, _out, stderr = run_cli("check", "--report", report, "--site", site)
    assert code == 0, stderr
    html = report.read_text(encoding="utf-8")
    rows = re.findall(r'<tr><th scope="row"><a href="#([a-z-]+)">.*?<td class="n">(\d+)%</td></tr>', html)
    assert [slug for slug, _share in rows] == ["bare", "full"], rows
    shares = dict(rows)
    assert int(shares["full"]) < 20 < int(shares["bare"]), shares
