"""The command line end to end: build, check and serve, exit statuses, output folders, and never a
traceback for anything staff can type or save."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import (
    DEFAULT_ZONES,
    MINIMAL_ZONE,
    REPO,
    fetch,
    free_port,
    headlines,
    make_site,
    read,
    run_cli,
    wait_for,
    write,
)

LANGS = ("vi", "en")


def test_build_writes_every_page_in_both_languages(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", pages={"about.md": "---\ntitle: {vi: Giới thiệu, en: About}\n---\nText.\n"})
    out = tmp_path / "out"
    code, stdout, stderr = run_cli("build", "--site", site, "--out", out)
    assert code == 0, stderr
    assert stderr == ""
    assert "Built" in stdout and str(out) in stdout
    expected = {"index.html", "404.html", "sitemap.xml", "robots.txt"}
    expected |= {"data/clusters.json", "data/clusters.csv", "data/clusters.geojson"}
    expected |= {"data/definitions.json", "data/datapackage.json"}
    expected |= {"data/clusters/alpha.json", "data/clusters/beta.json"}
    for lang in LANGS:
        expected |= {
            f"{lang}/index.html",
            f"{lang}/clusters/index.html",
            f"{lang}/clusters/alpha/index.html",
            f"{lang}/clusters/beta/index.html",
            f"{lang}/about/index.html",
        }
        expected |= {f"{lang}/{tool}/index.html" for tool in ("map", "compare", "dashboard", "data", "search")}
    built = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    # Besides the pages and data, only the stylesheet, scripts and the search bundle are written.
    assert {p for p in built if not p.startswith(("static/", "pagefind/"))} == expected
    assert {"static/site.css", "static/js/listing.js", "static/vendor/leaflet/leaflet.js"} <= built
    assert {f"pagefind/{lang}/pagefind-ui.js" for lang in LANGS} <= built  # one search bundle per language
    assert '<html lang="en">' in read(out, "en/clusters/alpha/index.html")
    assert "Alpha Industrial Cluster" in read(out, "en/clusters/alpha/index.html")
    assert "Cụm công nghiệp Alpha" in read(out, "vi/clusters/alpha/index.html")


def test_build_defaults_to_site_folder_and_underscore_site(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    code, _, stderr = run_cli("build", cwd=site)
    assert code == 0, stderr
    assert (site / "_site" / "en" / "clusters" / "alpha" / "index.html").is_file()


def test_build_is_the_default_command(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    code, stdout, stderr = run_cli(cwd=site)
    assert code == 0, stderr
    assert "Built" in stdout
    assert (site / "_site" / "vi" / "index.html").is_file()


def test_options_without_a_command_mean_build(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    out = tmp_path / "elsewhere"
    code, _, stderr = run_cli("--site", site, "--out", out)
    assert code == 0, stderr
    assert (out / "en" / "index.html").is_file()
    assert not (site / "_site").exists()


def test_out_option_leaves_site_folder_alone(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    out = tmp_path / "deep" / "nested" / "public"
    code, _, stderr = run_cli("build", "--site", site, "--out", out)
    assert code == 0, stderr
    assert (out / "index.html").is_file()
    assert not (site / "_site").exists()
    leftovers = [p.name for p in out.parent.iterdir() if p.name != "public"]
    assert leftovers == [], "the staging or retired folder was left behind"


def test_rebuild_removes_pages_of_deleted_zones(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    out = tmp_path / "out"
    assert run_cli("build", "--site", site, "--out", out)[0] == 0
    (site / "clusters" / "beta.md").unlink()
    code, _, stderr = run_cli("build", "--site", site, "--out", out)
    assert code == 0, stderr
    assert not (out / "en" / "clusters" / "beta").exists()
    assert "beta/" not in read(out, "en/clusters/index.html")


def test_check_reports_success_and_writes_nothing(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    code, stdout, stderr = run_cli("check", "--site", site)
    assert (code, stderr) == (0, "")
    assert stdout.splitlines()[-1] == "2 zones checked: no errors."
    assert not (site / "_site").exists()


def test_check_counts_one_zone_in_the_singular(tmp_path: Path) -> None:
    """The build summary says "1 zone"; check should speak the same way."""
    site = make_site(tmp_path / "site", zones={"only.yaml": MINIMAL_ZONE}, pages={})
    code, stdout, stderr = run_cli("check", "--site", site)
    assert code == 0, stderr
    assert stdout.splitlines()[-1] == "1 zone checked: no errors."


def test_check_strict_fails_on_gaps_in_the_data(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", zones={"only.yaml": MINIMAL_ZONE}, pages={})
    code, stdout, _ = run_cli("check", "--all", "--site", site)
    assert code == 0
    warning = "clusters/only.yaml:1:1: warning: location: no coordinates (lat, lng) (the zone cannot be shown on a map)"
    assert warning in stdout.splitlines()
    code, stdout, stderr = run_cli("check", "--all", "--strict", "--site", site)
    assert code == 1
    assert warning in stdout.splitlines()
    assert "--strict: warnings count as errors." in stderr


def test_new_zone_scaffold_checks_and_builds(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", zones={"only.yaml": MINIMAL_ZONE}, pages={})
    code, stdout, stderr = run_cli("new", "Cụm công nghiệp Điện Thọ 2", "--site", site)
    assert code == 0, stderr
    assert (site / "clusters" / "dien-tho-2.yaml").is_file()
    assert "clusters/dien-tho-2.yaml" in stdout
    code, stdout, stderr = run_cli("build", "--site", site, "--out", tmp_path / "out")
    assert code == 0, stderr
    assert "Cụm công nghiệp Điện Thọ 2" in read(tmp_path / "out", "vi/clusters/dien-tho-2/index.html")
    code, _, stderr = run_cli("new", "Cụm công nghiệp Điện Thọ 2", "--site", site)
    assert code == 1
    assert headlines(stderr) == [
        "clusters/dien-tho-2.yaml: already exists (open that file, or give the new zone a different name)"
    ]


def test_schema_writes_json_schemas(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", zones={"only.yaml": MINIMAL_ZONE}, pages={})
    code, _, stderr = run_cli("schema", "--site", site)
    assert code == 0, stderr
    zone = json.loads((site / "schema" / "zone.schema.json").read_text(encoding="utf-8"))
    assert {"name", "type", "area"} <= set(zone["properties"])
    json.loads((site / "schema" / "site.schema.json").read_text(encoding="utf-8"))


def test_check_exits_1_on_content_errors(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", zones={**DEFAULT_ZONES, "bad.yaml": "name: Bad\ntype: nowhere\n"})
    code, stdout, stderr = run_cli("check", "--site", site)
    assert code == 1
    assert "no errors" not in stdout
    assert headlines(stderr) == [
        "clusters/bad.yaml:2:1: type: unknown zone type 'nowhere' (known: craft_village_cluster, economic_zone, "
        "high_tech_park, industrial_cluster, industrial_park)"
    ]
    assert stderr.rstrip().endswith("1 error in 1 file.")
    assert "Traceback" not in stderr


def test_build_exits_1_and_says_nothing_was_written(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", zones={"bad.yaml": "name: Bad\n"})
    out = tmp_path / "out"
    code, stdout, stderr = run_cli("build", "--site", site, "--out", out)
    assert code == 1
    assert "Built" not in stdout
    assert "Nothing was written; the previous site is unchanged." in stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["build", "--bogus"], "unrecognized arguments: --bogus"),
        (["check", "--out", "x"], "unrecognized arguments: --out x"),
        (["build", "--site"], "argument --site: expected one argument"),
        (["build", "--site", "/nonexistent/zonesite-site"], "--site /nonexistent/zonesite-site: no such folder"),
        (["check", "--site", "/nonexistent/zonesite-site"], "--site /nonexistent/zonesite-site: no such folder"),
        (["--site", "/nonexistent/zonesite-site"], "--site /nonexistent/zonesite-site: no such folder"),
        (["serve", "--port", "eighty"], "argument --port: invalid int value: 'eighty'"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    code, _, stderr = run_cli(*args, cwd=tmp_path)
    assert code == 2
    assert message in stderr
    assert "Traceback" not in stderr
    assert not (tmp_path / "_site").exists()


def test_site_pointing_at_a_file_is_a_usage_error(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    code, _, stderr = run_cli("build", "--site", site / "site.yaml")
    assert code == 2
    assert f"build.py: error: --site {site / 'site.yaml'}: no such folder" in stderr


def test_folder_without_site_yaml_is_a_content_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _, stderr = run_cli("check", "--site", tmp_path / "empty")
    assert code == 1
    assert (
        f"site.yaml: not found in {tmp_path / 'empty'} (run the command in the site folder or pass --site DIR)"
        in headlines(stderr)
    )
    assert "Traceback" not in stderr


def test_help_exits_0() -> None:
    code, stdout, _ = run_cli("--help")
    assert code == 0
    assert "build" in stdout and "check" in stdout and "serve" in stdout


# Anything staff can save must end in a located report (exit 1), never a traceback or an
# "internal error" (exit 3).
BAD_INPUTS = {
    "unclosed-flow-list": ("clusters/b.yaml", "name: B\ntype: industrial_cluster\nindustries: [food\n"),
    "tab-indent": ("clusters/b.yaml", "name: B\ntype: industrial_cluster\narea:\n\ttotal_ha: 3\n"),
    "list-not-mapping": ("clusters/b.yaml", "- name: B\n- type: industrial_cluster\n"),
    "binary": ("clusters/b.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    "latin-1": ("clusters/b.yaml", "name: Bé\ntype: industrial_cluster\n".encode("latin-1")),
    "empty": ("clusters/b.yaml", ""),
    "only-comments": ("clusters/b.yaml", "# nothing yet\n"),
    "python-tag": ("clusters/b.yaml", "name: !!python/object:os.system ls\ntype: industrial_cluster\n"),
    "non-string-key": ("clusters/b.yaml", "name: B\ntype: industrial_cluster\n1: one\n"),
    "complex-key": ("clusters/b.yaml", "name: B\ntype: industrial_cluster\n? [a, b]\n: x\n"),
    "impossible-date": ("clusters/b.yaml", "name: B\ntype: industrial_cluster\ndates:\n  established: 2024-02-30\n"),
    "month-13": ("clusters/b.yaml", "name: B\ntype: industrial_cluster\ndates:\n  planned: 2024-13-01\n"),
    "number-as-name": ("clusters/b.yaml", "name: 42\ntype: 7\n"),
    "null-everything": ("clusters/b.yaml", "name:\ntype:\narea:\nlocation:\n"),
    "deep-wrong-shape": ("clusters/b.yaml", "name: B\ntype: industrial_cluster\ninfrastructure: [roads]\n"),
    "md-unclosed": ("clusters/b.md", "---\nname: B\ntype: industrial_cluster\n"),
    "md-front-matter-list": ("clusters/b.md", "---\n- a\n---\nBody\n"),
    "page-no-title": ("content/x.md", "Just text, no front matter.\n"),
    "page-reserved-name": ("content/clusters.md", "---\ntitle: Clusters\n---\nx\n"),
    "page-missing-template": ("content/x.md", "---\ntitle: X\ntemplate: nowhere.html\n---\nx\n"),
    "site-yaml-empty": ("site.yaml", ""),
    "site-yaml-broken": ("site.yaml", "title: [unclosed\n"),
    "strings-missing-language": ("templates/strings.yaml", "brand_new: {vi: chỉ có tiếng Việt}\n"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_reported_without_traceback(tmp_path: Path, name: str) -> None:
    path, text = BAD_INPUTS[name]
    site = make_site(tmp_path / "site")
    write(site / path, text)
    out = tmp_path / "out"
    code, _, stderr = run_cli("build", "--site", site, "--out", out)
    assert "Traceback" not in stderr
    assert "internal error" not in stderr, stderr
    assert code == 1, stderr
    assert headlines(stderr), "no problem was reported"
    assert not out.exists()


def test_serve_builds_serves_and_rebuilds_on_change(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    out = tmp_path / "out"
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "serve", "--site", str(site), "--out", str(out), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/en/clusters/alpha/"
    try:
        wait_for(lambda: "Alpha Industrial Cluster" in fetch(url)[1], "serve never served the fact sheet", 20)
        zone = site / "clusters" / "alpha.yaml"
        zone.write_text(zone.read_text(encoding="utf-8").replace("Alpha Industrial Cluster", "Renamed Cluster"))
        wait_for(lambda: "Renamed Cluster" in fetch(url)[1], "the edit was not rebuilt", 20)
        # A broken file keeps the last good build online.
        zone.write_text("name: [unclosed\n", encoding="utf-8")
        time.sleep(2.5)
        assert "Renamed Cluster" in fetch(url)[1]
    finally:
        process.terminate()
        try:
            _, stderr = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            _, stderr = process.communicate()
    assert "Traceback" not in stderr
    assert any(line.startswith("clusters/alpha.yaml:") for line in headlines(stderr)), stderr
    assert "The last good build is still being served." in stderr
