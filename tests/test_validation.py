"""One test per validation rule, asserting the exact report line staff read:
``file:line:col: field.path: message (hint)``. Messages are part of the interface (as in MkDocs), so
a changed wording is a changed interface and should fail here first."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import MINIMAL_ZONE, REPO, headlines, line_of, make_site, run_cli, site_yaml

Z = MINIMAL_ZONE.replace("Minimal", "Broken").replace("Tối Thiểu", "Hỏng")  # a valid start to break


def check(
    tmp_path: Path,
    zones: dict[str, str | bytes],
    pages: dict[str, str | bytes] | None = None,
    files: dict[str, str | bytes] | None = None,
    site: str | None = None,
) -> tuple[int, list[str], str]:
    """Write a site with one valid zone plus ``zones``, run ``check``; (exit, headlines, stderr)."""
    root = make_site(
        tmp_path / "site", zones={"ok.yaml": MINIMAL_ZONE, **zones}, pages=pages or {}, files=files, site=site
    )
    code, stdout, stderr = run_cli("check", "--site", root)
    assert "Traceback" not in stderr
    assert "internal error" not in stderr, stderr
    if code == 1:
        assert "no errors" not in stdout
    return code, headlines(stderr), stderr


def only(tmp_path: Path, name: str, text: str | bytes, **kwargs: object) -> str:
    """The single problem reported for zone file ``name``; fails unless check exits 1 with exactly one."""
    code, lines, stderr = check(tmp_path, {name: text}, **kwargs)  # type: ignore[arg-type]
    assert code == 1, stderr
    assert len(lines) == 1, stderr
    assert stderr.rstrip().endswith("1 error in 1 file."), stderr
    return lines[0]


# --- YAML itself -------------------------------------------------------------------------------


def test_malformed_yaml_is_located_with_a_hint(tmp_path: Path) -> None:
    line = only(tmp_path, "b.yaml", "name: Cụm B: mở rộng\ntype: industrial_cluster\n")
    assert line.startswith("clusters/b.yaml:1:12: malformed YAML: "), line
    assert line.endswith("(a value that contains ': ' must be put in quotes)"), line


def test_report_quotes_the_source_line_with_a_caret(tmp_path: Path) -> None:
    _, _, stderr = check(tmp_path, {"b.yaml": Z + "area:\n  industrial_land_ha: 60\n  leased_ha: 80\n"})
    lines = stderr.splitlines()
    at = lines.index("clusters/b.yaml:5:3: area.leased_ha: 80 is larger than industrial_land_ha (60)")
    assert lines[at + 1] == "    5 |   leased_ha: 80"
    assert lines[at + 2] == "      |   ^"


def test_unclosed_flow_list_hint(tmp_path: Path) -> None:
    line = only(tmp_path, "b.yaml", Z + "industries: [food, textiles\nincentives: [land_rent]\n")
    assert line.startswith("clusters/b.yaml:"), line
    assert "malformed YAML: " in line
    assert line.endswith("(a list or group opened with [ or { must be closed on the same line)"), line


def test_tab_indentation_hint(tmp_path: Path) -> None:
    line = only(tmp_path, "b.yaml", Z + "area:\n\ttotal_ha: 3\n")
    assert line.startswith("clusters/b.yaml:4:1: malformed YAML: "), line
    assert line.endswith("(indent with spaces, not tabs)"), line


def test_duplicate_key(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "name: Again\n")
        == "clusters/b.yaml:3:1: 'name' is given twice (first on line 1) (keep one and delete the other)"
    )


def test_duplicate_key_in_front_matter_counts_file_lines(tmp_path: Path) -> None:
    text = "---\n" + Z + "status: operating\nstatus: planned\n---\nBody.\n"
    assert (
        only(tmp_path, "b.md", text)
        == "clusters/b.md:5:1: 'status' is given twice (first on line 4) (keep one and delete the other)"
    )


def test_unclosed_front_matter(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.md", "---\n" + Z + "\nBody without a closing line.\n")
        == "clusters/b.md:1:1: the front matter opened with '---' on line 1 is never closed "
        "(add a line '---' after the last field)"
    )


def test_non_utf8_file_names_the_line(tmp_path: Path) -> None:
    text = (Z + "summary: Cụm công nghiệp lớn\n").encode("utf-8").replace("lớn".encode(), "l\xf3n".encode("latin-1"))
    assert only(tmp_path, "b.yaml", text) == "clusters/b.yaml:3:1: is not UTF-8 text (save it with UTF-8 encoding)"


def test_utf8_with_bom_and_crlf_is_fine(tmp_path: Path) -> None:
    text = b"\xef\xbb\xbf" + Z.replace("\n", "\r\n").encode("utf-8")
    code, lines, stderr = check(tmp_path, {"b.yaml": text})
    assert (code, lines) == (0, []), stderr


def test_empty_file(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", "")
        == "clusters/b.yaml:1:1: expected a group of 'field: value' lines, but the file is empty"
    )


def test_file_that_is_a_list(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", "- name: B\n- type: industrial_cluster\n")
        == "clusters/b.yaml:1:1: expected a group of 'field: value' lines, but the file is a list"
    )


# --- types ---------------------------------------------------------------------------------------


def test_text_where_a_number_is_expected(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "area:\n  total_ha: lots\n")
        == "clusters/b.yaml:4:3: area.total_ha: expected a number, got 'lots'"
    )


def test_decimal_comma_hint(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "area:\n  total_ha: 362,6\n")
        == "clusters/b.yaml:4:3: area.total_ha: expected a number, got '362,6' (use a point as the decimal mark, "
        "e.g. 362.6)"
    )


def test_thousands_separator_hint(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "tenants:\n  workers: 4,440\n")
        == "clusters/b.yaml:4:3: tenants.workers: expected a whole number, got '4,440' (write numbers without "
        "thousands separators, e.g. 4440)"
    )


def test_unit_written_after_the_number_hint(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "area:\n  total_ha: 20 ha\n")
        == "clusters/b.yaml:4:3: area.total_ha: expected a number, got '20 ha' (write the number alone, e.g. 20; "
        "the unit is in the field name)"
    )


def test_negative_area(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "area:\n  total_ha: -5\n")
        == "clusters/b.yaml:4:3: area.total_ha: must not be negative, got the number -5"
    )


def test_group_expected(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "infrastructure:\n  water_supply: completed\n")
        == "clusters/b.yaml:4:3: infrastructure.water_supply: expected a group of 'field: value' lines, "
        "got 'completed'"
    )


@pytest.mark.parametrize(
    ("text", "field", "line"),
    [("type: industrial_cluster\n", "name", 1), ("name: B\n", "type", 1)],
)
def test_missing_required_field(tmp_path: Path, text: str, field: str, line: int) -> None:
    report = only(tmp_path, "b.yaml", text)
    assert re.fullmatch(rf"clusters/b\.yaml:{line}:1: {field}: required field is missing \(.+\)", report), report


def test_missing_field_in_a_list_item(tmp_path: Path) -> None:
    report = only(tmp_path, "b.yaml", Z + "decisions:\n  - date: 2020-01-02\n")
    assert re.fullmatch(r"clusters/b\.yaml:4:5: decisions\[0\]\.number: required field is missing \(.+\)", report)


def test_unknown_field_did_you_mean(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "area:\n  availble_ha: 3\n")
        == "clusters/b.yaml:4:3: area.availble_ha: unknown field (did you mean 'available_ha'?)"
    )


def test_unknown_top_level_field_did_you_mean(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "industry: [food]\n")
        == "clusters/b.yaml:3:1: industry: unknown field (did you mean 'industries'?)"
    )


# --- references to shared definitions ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "type: industrial_clustr\n",
            "2:1: type: unknown zone type 'industrial_clustr' (did you mean 'industrial_cluster'?)",
        ),
        ("status: operatng\n", "3:1: status: unknown status 'operatng' (did you mean 'operating'?)"),
        ("industries: [fod]\n", "3:14: industries[0]: unknown industry 'fod' (did you mean 'food'?)"),
        (
            "incentives: [land_rents]\n",
            "3:14: incentives[0]: unknown incentive 'land_rents' (did you mean 'land_rent'?)",
        ),
        (
            "infrastructure:\n  water_suply: {state: completed}\n",
            "4:3: infrastructure.water_suply: unknown infrastructure work 'water_suply' (did you mean 'water_supply'?)",
        ),
        (
            "infrastructure:\n  water_supply: {state: complete}\n",
            "4:18: infrastructure.water_supply.state: unknown "
            "infrastructure state 'complete' (did you mean 'completed'?)",
        ),
        (
            "connectivity:\n  seaprt: {km: 12}\n",
            "4:3: connectivity.seaprt: unknown transport link 'seaprt' (did you mean 'seaport'?)",
        ),
        (
            "sources:\n  - ref: plan-2042\n",
            "4:5: sources[0].ref: unknown source 'plan-2042' (did you mean 'plan-2024'?)",
        ),
    ],
    ids=[
        "zone-type",
        "status",
        "industry",
        "incentive",
        "infrastructure",
        "infrastructure-state",
        "connectivity",
        "source",
    ],
)
def test_unknown_reference_did_you_mean(tmp_path: Path, text: str, expected: str) -> None:
    zone = Z.replace("type: industrial_cluster\n", "") + text if text.startswith("type") else Z + text
    assert only(tmp_path, "b.yaml", zone) == f"clusters/b.yaml:{expected}"


def test_unknown_reference_without_a_close_match_lists_the_keys(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "industries: [aerospace]\n")
        == "clusters/b.yaml:3:14: industries[0]: unknown industry 'aerospace' (known: food, textiles)"
    )


def test_unknown_language_key_did_you_mean(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", "name: {vi: Cụm B, eng: Cluster B}\ntype: industrial_cluster\n")
        == "clusters/b.yaml:1:1: name: 'eng' is not one of the site's languages (vi, en) (did you mean 'en'?)"
    )


def test_unknown_language_key_nested(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "location:\n  commune: {vi: Cam Lâm, xx: Cam Lam}\n")
        == "clusters/b.yaml:4:3: location.commune: 'xx' is not one of the site's languages (vi, en)"
    )


def test_a_text_in_a_language_the_site_does_not_publish_is_kept_aside(tmp_path: Path) -> None:
    # A French name on a Vietnamese and English site is no mistake: it is simply not shown.
    code, lines, _ = check(tmp_path, {"b.yaml": Z + "location:\n  commune: {vi: Cam Lâm, en: Cam Lam, fr: Cam Lam}\n"})
    assert (code, lines) == (0, [])


def test_comma_inside_a_text_mapping_hint(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "summary: {vi: Đất, nước và điện, en: Land}\n")
        == "clusters/b.yaml:3:1: summary: 'nước và điện' is not one of the site's languages (vi, en) "
        "(a comma inside {...} splits the text; put the text in quotes)"
    )


# --- rules across fields -----------------------------------------------------------------------


def test_leased_larger_than_industrial_land(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "area:\n  industrial_land_ha: 60\n  leased_ha: 80\n")
        == "clusters/b.yaml:5:3: area.leased_ha: 80 is larger than industrial_land_ha (60)"
    )


def test_available_larger_than_industrial_land(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "area:\n  industrial_land_ha: 60\n  available_ha: 61.5\n")
        == "clusters/b.yaml:5:3: area.available_ha: 61.5 is larger than industrial_land_ha (60)"
    )


def test_industrial_larger_than_total(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "area:\n  total_ha: 50\n  industrial_land_ha: 60\n")
        == "clusters/b.yaml:5:3: area.industrial_land_ha: 60 is larger than total_ha (50)"
    )


def test_leased_plus_available_larger_than_industrial(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "area:\n  industrial_land_ha: 60\n  leased_ha: 40\n  available_ha: 30\n")
        == "clusters/b.yaml:6:3: area.available_ha: leased_ha + available_ha is 70, larger than industrial_land_ha "
        "(60) (one of the three figures is wrong)"
    )


def test_rounding_within_a_tenth_is_accepted(tmp_path: Path) -> None:
    zone = Z + "area:\n  industrial_land_ha: 60\n  leased_ha: 47.33\n  available_ha: 12.7\n  occupancy_pct: 79\n"
    code, lines, stderr = check(tmp_path, {"b.yaml": zone})
    assert (code, lines) == (0, []), stderr


def test_occupancy_over_100(tmp_path: Path) -> None:
    report = only(tmp_path, "b.yaml", Z + "area:\n  occupancy_pct: 120\n")
    assert re.fullmatch(
        r"clusters/b\.yaml:4:3: area\.occupancy_pct: must be at most 100(\.0)?, got the number 120", report
    ), report


def test_occupancy_disagreeing_with_land(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "area:\n  industrial_land_ha: 60\n  leased_ha: 30\n  occupancy_pct: 80\n")
        == "clusters/b.yaml:6:3: area.occupancy_pct: 80 disagrees with leased_ha / industrial_land_ha = 50.0 "
        "(leave occupancy_pct out and it is computed)"
    )


def test_coordinates_outside_vietnam(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "location:\n  lat: 48.85\n  lng: 2.35\n")
        == "clusters/b.yaml:4:3: location.lat: (48.85, 2.35) is outside Vietnam (latitude is about 8.3 to 23.4, "
        "longitude 102.1 to 109.5)"
    )


def test_swapped_coordinates_hint(tmp_path: Path) -> None:
    """Trảng É at (12.24, 109.19) written the wrong way round: the report should say they look swapped."""
    report = only(tmp_path, "b.yaml", Z + "location:\n  lat: 109.19\n  lng: 12.24\n")
    assert report.startswith("clusters/b.yaml:4:3: location.lat: "), report
    assert report.endswith("(lat and lng look swapped)"), report


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("lat: 12.24", "location.lat: lng is missing; coordinates need both"),
        ("lng: 109.19", "location.lng: lat is missing; coordinates need both"),
    ],
)
def test_only_one_coordinate(tmp_path: Path, given: str, expected: str) -> None:
    assert only(tmp_path, "b.yaml", Z + f"location:\n  {given}\n") == f"clusters/b.yaml:4:3: {expected}"


def test_same_key_listed_twice(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "industries: [food, textiles, food]\n")
        == "clusters/b.yaml:3:30: industries[2]: 'food' is listed twice (delete one)"
    )


def test_target_needs_something(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "targets:\n  - year: 2025\n")
        == "clusters/b.yaml:4:5: targets[0]: a target needs occupancy_pct, text, or both"
    )


# --- files and names -----------------------------------------------------------------------------


def test_duplicate_slug(tmp_path: Path) -> None:
    code, lines, _ = check(tmp_path, {"b.yaml": Z, "b.md": "---\n" + Z + "---\nBody.\n"})
    assert code == 1
    assert lines == ["clusters/b.yaml: duplicate slug 'b': clusters/b.md is the same zone (keep one of the two files)"]


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [("Beta Zone.yaml", "beta-zone.yaml"), ("Trảng É.yaml", "trang-e.yaml"), ("song_cau.md", "song-cau.md")],
)
def test_file_name_must_be_a_slug(tmp_path: Path, name: str, suggestion: str) -> None:
    text = "---\n" + Z + "---\n" if name.endswith(".md") else Z
    assert only(tmp_path, name, text) == (
        f"clusters/{name}: the file name must be a slug (lower-case a-z, 0-9, '-') (rename it to {suggestion})"
    )


def test_editor_backups_are_ignored(tmp_path: Path) -> None:
    code, lines, stderr = check(tmp_path, {"b.yaml~": "broken: [", ".#b.yaml": "x", "notes.txt": "not a zone"})
    assert (code, lines) == (0, []), stderr


def test_missing_photo_file(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "photos:\n  - file: images/missing.jpg\n")
        == "clusters/b.yaml:4:5: photos[0].file: 'images/missing.jpg' was not found under static/ "
        "(check the spelling and the folder)"
    )


def test_photo_outside_static(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "photos:\n  - file: ../site.yaml\n")
        == "clusters/b.yaml:4:5: photos[0].file: '../site.yaml' must be a path inside static/ "
        "(e.g. images/trang-e.jpg)"
    )


def test_existing_photo_is_fine(tmp_path: Path) -> None:
    zone = Z + "photos:\n  - file: images/b.jpg\n"
    code, lines, stderr = check(tmp_path, {"b.yaml": zone}, files={"static/images/b.jpg": b"\xff\xd8\xff"})
    assert (code, lines) == (0, []), stderr


# --- dates, phones, addresses --------------------------------------------------------------------


def test_day_month_year_date_hint(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "dates:\n  established: 28/05/2024\n")
        == "clusters/b.yaml:4:3: dates.established: write dates as year-month-day: 2024-05-28, not '28/05/2024'"
    )


def test_quoted_impossible_date(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "dates:\n  established: '2024-02-30'\n")
        == "clusters/b.yaml:4:3: dates.established: '2024-02-30' is not a real date"
    )


def test_unquoted_impossible_date_is_a_located_error(tmp_path: Path) -> None:
    """YAML turns 2024-02-30 into a date itself; staff must still get a located report, not a crash."""
    root = make_site(tmp_path / "site", zones={"b.yaml": Z + "dates:\n  established: 2024-02-30\n"}, pages={})
    code, _, stderr = run_cli("check", "--site", root)
    assert "internal error" not in stderr, stderr
    assert code == 1, stderr
    lines = headlines(stderr)
    assert len(lines) == 1, stderr
    assert lines[0].startswith("clusters/b.yaml:4:"), lines[0]
    assert "2024-02-30" in lines[0] or "day is out of range" in lines[0], lines[0]


def test_phone_as_bare_number_quote_hint(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "developer:\n  phone: +842583822111\n")
        == "clusters/b.yaml:4:3: developer.phone: expected text, got the number +842583822111 (put it in quotes, "
        "e.g. '+842583822111', so it is kept as written)"
    )


def test_phone_with_leading_zero_is_quoted_back_as_written(tmp_path: Path) -> None:
    """YAML reads 0357123456 as an octal number (62695214); the report must not show staff a number
    they never wrote."""
    report = only(tmp_path, "b.yaml", Z + "contacts:\n  - phone: 0357123456\n")
    assert report.startswith("clusters/b.yaml:4:5: contacts[0].phone: "), report
    assert "put it in quotes" in report
    assert "62695214" not in report, report


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        (
            "website",
            "javascript:alert(1)",
            "'javascript:' addresses are not allowed; use http, https, mailto or tel (e.g. https://example.gov.vn/page)",
        ),
        ("website", "www.example.vn", "'www.example.vn' is not a valid web address (e.g. https://example.gov.vn/page)"),
        (
            "email",
            "invest at example.vn",
            "'invest at example.vn' is not a valid e-mail address (e.g. contact@example.gov.vn)",
        ),
        (
            "phone",
            "call the office",
            "'call the office' is not a valid phone number (e.g. '+84 258 3822 111' or '0258 3822 111')",
        ),
    ],
    ids=["javascript-url", "url-without-scheme", "email", "phone"],
)
def test_addresses_must_have_their_form(tmp_path: Path, field: str, value: str, expected: str) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + f"developer:\n  {field}: {value}\n")
        == f"clusters/b.yaml:4:3: developer.{field}: {expected}"
    )


def test_javascript_url_in_a_document_is_rejected(tmp_path: Path) -> None:
    report = only(tmp_path, "b.yaml", Z + "documents:\n  - title: Plan\n    url: javascript:alert(1)\n")
    assert report.startswith("clusters/b.yaml:5:5: documents[0].url: 'javascript:' addresses are not allowed"), report


# --- sources -------------------------------------------------------------------------------------


def test_covers_names_a_field_that_does_not_exist(tmp_path: Path) -> None:
    code, lines, _ = check(
        tmp_path, {"b.yaml": Z + "sources:\n  - ref: plan-2024\n    covers: [area.totl_ha, status, nonsense]\n"}
    )
    assert code == 1
    assert lines == [
        "clusters/b.yaml:5:14: sources[0].covers[0]: 'totl_ha' is not a field of area; did you mean 'total_ha'?",
        "clusters/b.yaml:5:36: sources[0].covers[2]: 'nonsense' is not a field of a zone",
    ]


def test_covers_names_an_unknown_key_of_a_keyed_section(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "sources:\n  - ref: plan-2024\n    covers: [infrastructure.teleport]\n")
        == "clusters/b.yaml:5:14: sources[0].covers[0]: 'teleport' is not a key of infrastructure"
    )


def test_source_needs_ref_or_title(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.yaml", Z + "sources:\n  - covers: [area]\n")
        == "clusters/b.yaml:4:5: sources[0]: a source needs ref (a key from site.yaml sources) or a title"
    )


# --- Markdown zone files -------------------------------------------------------------------------


def test_description_given_twice(tmp_path: Path) -> None:
    assert (
        only(tmp_path, "b.md", "---\n" + Z + "description: Short.\n---\nLong text.\n")
        == "clusters/b.md:4:1: description: the description is given twice: here and as the text below the front "
        "matter (keep one of them)"
    )


def test_language_sections_in_a_body(tmp_path: Path) -> None:
    body = "---\n" + Z + "---\nStray intro.\n<!-- lang: vi -->\nXin chào.\n<!-- lang: vn -->\nBonjour.\n"
    code, lines, _ = check(tmp_path, {"b.md": body})
    assert code == 1
    assert lines == [
        "clusters/b.md:5:1: text before the first <!-- lang: xx --> line (move it under the language it is written in)",
        "clusters/b.md:8:1: 'vn' is not one of the site's languages (use one of vi, en)",
    ]


def test_rule_in_front_matter_counts_file_lines(tmp_path: Path) -> None:
    text = "---\n" + Z + "area:\n  industrial_land_ha: 60\n  leased_ha: 80\n---\nBody.\n"
    assert (
        only(tmp_path, "b.md", text) == "clusters/b.md:6:3: area.leased_ha: 80 is larger than industrial_land_ha (60)"
    )


# --- site.yaml, pages and templates --------------------------------------------------------------


def test_site_yaml_base_url_must_be_absolute(tmp_path: Path) -> None:
    site = site_yaml().replace("base_url: https://example.test/invest/", "base_url: example.test/invest")
    code, lines, _ = check(tmp_path, {}, site=site)
    assert code == 1
    line = line_of(site, "base_url:")
    assert lines == [
        f"site.yaml:{line}:1: base_url: 'example.test/invest' must start with https:// (it is used for canonical "
        "links and the sitemap)"
    ]


def test_site_yaml_unknown_field(tmp_path: Path) -> None:
    site = site_yaml() + "fresness_days: 100\n"
    code, lines, _ = check(tmp_path, {}, site=site)
    assert code == 1
    assert [line for line in lines if "fresness_days" in line] == [
        f"site.yaml:{site.count(chr(10))}:1: fresness_days: unknown field (did you mean 'freshness_days'?)"
    ]


def test_theme_without_templates(tmp_path: Path) -> None:
    site = site_yaml(theme=tmp_path)
    code, lines, _ = check(tmp_path, {}, site=site)
    assert code == 1
    line = line_of(site, "theme:")
    assert (
        f"site.yaml:{line}:1: theme: '{tmp_path}' has no templates/ folder (give the folder that holds templates/)"
        in lines
    )


def test_page_with_a_reserved_name(tmp_path: Path) -> None:
    code, lines, _ = check(tmp_path, {}, pages={"clusters.md": "---\ntitle: Clusters\n---\nx\n"})
    assert code == 1
    assert lines == ["content/clusters.md: 'clusters' is a name the site uses for its own pages (rename the file)"]


def test_page_front_matter_type(tmp_path: Path) -> None:
    code, lines, _ = check(tmp_path, {}, pages={"a.md": "---\ntitle: A\nnav: first\n---\nx\n"})
    assert code == 1
    assert lines == ["content/a.md:3:1: nav: expected a whole number, got 'first'"]


def test_unknown_ui_string_in_a_site_template(tmp_path: Path) -> None:
    template = "{% extends 'base.html' %}\n{% block main %}\n<h1>{{ t('no_such_key') }}</h1>\n{% endblock %}\n"
    code, lines, _ = check(
        tmp_path, {}, pages={"a.md": "---\ntitle: A\n---\nx\n"}, files={"templates/page.html": template}
    )
    assert code == 1
    assert lines == [
        "templates/page.html:3:1: UI string 'no_such_key' is not in strings.yaml while rendering vi/a/index.html",
        "templates/page.html:3:1: UI string 'no_such_key' is not in strings.yaml while rendering en/a/index.html",
    ]


def test_template_syntax_error_quotes_only_the_offending_line(tmp_path: Path) -> None:
    template = "{% extends 'base.html' %}\n{% block main %}\n{% if %}\n{% endblock %}\n"
    code, lines, stderr = check(
        tmp_path, {}, pages={"a.md": "---\ntitle: A\n---\nx\n"}, files={"templates/page.html": template}
    )
    assert code == 1
    assert lines[0].startswith("templates/page.html:3:1: template syntax error: "), lines[0]
    quoted = stderr.splitlines()
    at = quoted.index(lines[0])
    assert quoted[at + 1 : at + 3] == ["    3 | {% if %}", "      | ^"], stderr
    assert len(lines) == 1, stderr


def test_theme_given_as_a_relative_path(tmp_path: Path) -> None:
    root = tmp_path / "site"
    theme = os.path.relpath(REPO, root)
    code, lines, stderr = check(tmp_path, {}, site=site_yaml(theme=theme))
    assert (code, lines) == (0, []), stderr


# --- every problem, in one run -----------------------------------------------------------------


def test_every_problem_in_every_file_is_reported_in_one_run(tmp_path: Path) -> None:
    zones = {
        "b.yaml": Z + "area:\n  industrial_land_ha: 60\n  leased_ha: 80\n",
        "c.yaml": Z + "are:\n  total_ha: 1\nstatus: operatng\n",
        "d.md": "---\nname: D\ntype: industrial_cluster\n\tstatus: planned\n---\n",
        "e.yaml": "type: industrial_cluster\n",
    }
    pages = {"a.md": "---\ntitle: A\nnav: first\n---\nx\n"}
    for command in ("check", "build"):
        root = make_site(tmp_path / command, zones={"ok.yaml": MINIMAL_ZONE, **zones}, pages=pages)
        code, _, stderr = run_cli(command, "--site", root)
        assert code == 1
        assert "Traceback" not in stderr
        lines = headlines(stderr)
        files = [line.split(":")[0] for line in lines]
        assert files == [
            "clusters/b.yaml",
            "clusters/c.yaml",
            "clusters/c.yaml",
            "clusters/d.md",
            "clusters/e.yaml",
            "content/a.md",
        ], stderr
        assert lines[0] == "clusters/b.yaml:5:3: area.leased_ha: 80 is larger than industrial_land_ha (60)"
        assert lines[1] == "clusters/c.yaml:3:1: are: unknown field (did you mean 'area'?)"
        assert lines[2] == "clusters/c.yaml:5:1: status: unknown status 'operatng' (did you mean 'operating'?)"
        assert lines[3].startswith("clusters/d.md:4:1: malformed YAML: ")
        assert lines[4].startswith("clusters/e.yaml:1:1: name: required field is missing")
        assert lines[5] == "content/a.md:3:1: nav: expected a whole number, got 'first'"
        assert "6 errors in 5 files." in stderr.splitlines()
        assert not (root / "_site").exists()


def test_rules_across_fields_still_run_when_another_field_is_wrong(tmp_path: Path) -> None:
    """One run shows both the misspelt field and the contradiction in the rest of the file."""
    zone = Z + "area:\n  industrial_land_ha: 60\n  leased_ha: 80\n  availble_ha: 3\n"
    root = make_site(tmp_path / "site", zones={"b.yaml": zone})
    code, _, stderr = run_cli("check", "--site", root)
    assert code == 1
    assert headlines(stderr) == [
        "clusters/b.yaml:5:3: area.leased_ha: 80 is larger than industrial_land_ha (60)",
        "clusters/b.yaml:6:3: area.availble_ha: unknown field (did you mean 'available_ha'?)",
    ]


# --- never a wrong figure, never a hang -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "lease:\n  price_vnd_m2: 850.000\n",
            "clusters/b.yaml:4:3: lease.price_vnd_m2: 850.000 would be read as 850: amounts take no thousands "
            "points (write 850000, or 850 if that is the amount)",
        ),
        (
            "tenants:\n  registered_capital_usd: 1.200.000\n",
            "clusters/b.yaml:4:3: tenants.registered_capital_usd: expected a number, got '1.200.000' (write numbers "
            "without thousands separators, e.g. 1200000)",
        ),
        (
            "lease:\n  price_usd_m2: 1,200\n",
            "clusters/b.yaml:4:3: lease.price_usd_m2: expected a number, got '1,200' (write numbers without "
            "thousands separators, e.g. 1200)",
        ),
        (
            "infrastructure:\n  water_supply: {state: operating, capacity: 3.000}\n",
            "clusters/b.yaml:4:36: infrastructure.water_supply.capacity: 3.000 would be read as 3: amounts take no "
            "thousands points (write 3000, or 3 if that is the amount)",
        ),
        (
            "tenants:\n  workers: 4.440\n",
            "clusters/b.yaml:4:3: tenants.workers: expected a whole number, got the number 4.44 (if you meant 4440, "
            "write it without the point)",
        ),
    ],
)
def test_amounts_with_thousands_points_are_errors_not_small_numbers(tmp_path: Path, text: str, expected: str) -> None:
    assert only(tmp_path, "b.yaml", Z + text) == expected


def test_a_price_with_thousands_points_fails_the_build_and_writes_nothing(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", zones={"b.yaml": Z + "lease:\n  price_vnd_m2: 850.000\n"})
    out = tmp_path / "out"
    code, _, stderr = run_cli("build", "--site", root, "--out", out)
    assert code == 1 and "lease.price_vnd_m2: 850.000 would be read as 850" in stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "lease:\n  price_usd_m2: 50-60\n",
            "clusters/b.yaml:4:3: lease.price_usd_m2: expected a number, got '50-60' (a figure is one number: "
            "write 50 here and the range in words in lease.note)",
        ),
        (
            "area:\n  total_ha: 70 – 80\n",
            "clusters/b.yaml:4:3: area.total_ha: expected a number, got '70 – 80' (a figure is one number: "
            "write 70 here and the range in words in the description)",
        ),
        (
            "area:\n  total_ha: khoảng 75\n",
            "clusters/b.yaml:4:3: area.total_ha: expected a number, got 'khoảng 75' (write the number alone; "
            "put 'about' or 'more than' in the description)",
        ),
    ],
)
def test_ranges_and_approximations_say_where_the_words_go(tmp_path: Path, text: str, expected: str) -> None:
    assert only(tmp_path, "b.yaml", Z + text) == expected


def test_a_quote_left_open_is_reported_where_it_opens(tmp_path: Path) -> None:
    text = Z + 'summary: "Cụm mới\nstatus: operating\nlocation:\n  district: "huyện Cam Lâm"\n'
    assert only(tmp_path, "b.yaml", text) == (
        "clusters/b.yaml:3:10: malformed YAML: a quote opened here is never closed "
        "(close it with the same quote mark on the same line, or remove it)"
    )


BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
    for prev, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)


def test_yaml_aliases_are_refused_at_once(tmp_path: Path) -> None:
    """Nine nested aliases would expand to 387 million values; the file is refused where the first
    anchor is written, in the time of an ordinary check."""
    root = make_site(tmp_path / "site", zones={"bomb.yaml": BOMB + Z})
    code, _, stderr = run_cli("check", "--site", root)  # run_cli times out after 180 s: a hang fails
    assert code == 1
    assert headlines(stderr) == [
        "clusters/bomb.yaml:1:4: a YAML anchor '&a' is not allowed here (write the value out in full where it is "
        "needed; site files do not use '&' anchors or '*' aliases)"
    ]


def test_an_alias_in_site_yaml_is_refused_too(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", site_extra="share_image: &img images/a.jpg\n")
    code, _, stderr = run_cli("check", "--site", root)
    assert code == 1 and "site.yaml:" in stderr and "a YAML anchor '&img' is not allowed here" in stderr


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", zones={"huge.yaml": Z + "summary: " + "x" * 1_100_000 + "\n"})
    code, _, stderr = run_cli("check", "--site", root)
    assert code == 1
    assert "clusters/huge.yaml: is 1.0 MB; a site file may be at most 1 MB" in stderr


def test_hints_name_only_fields_that_exist() -> None:
    """Every field path a message or hint names, in the golden record of every kind of mistake, is a
    field of the schema (or a key of a keyed section)."""
    import json

    from zonesite.model.registry import known_path
    from zonesite.model.site import SiteConfig
    from zonesite.model.zone import Zone

    texts = json.loads((REPO / "tests" / "golden" / "texts.json").read_text(encoding="utf-8"))
    tops = set(Zone.model_fields) | set(SiteConfig.model_fields)
    named = set()
    for name, text in texts.items():
        if name.startswith(("check/", "build/")):
            for hint in re.findall(r"\(([^()]*)\)$", text, re.M):
                unquoted = re.sub(r"'[^']*'", "", hint)
                words = re.findall(r"\b[a-z_]+(?:\.[a-z_]+)*\b", unquoted)
                words = [w for w in words if w.rpartition(".")[2] not in ("yaml", "yml", "md", "py", "jpg", "pdf")]
                named |= {w for w in words if "_" in w or ("." in w and w.split(".")[0] in tops)}
    assert "occupancy_pct" in named, "the golden record holds too few mistakes to test hints on"
    fields = {spec.name for model in (Zone, SiteConfig) for spec in _every_field(model)}
    for path in named:
        found = "." not in path and path in fields
        assert found or known_path(Zone, path) is None or known_path(SiteConfig, path) is None, path


def _every_field(model):
    from zonesite.model.registry import fields

    for spec in fields(model):
        yield spec
        if spec.group is not None:
            yield from _every_field(spec.group)
