"""The staff-facing tools, used the way the staff guide tells staff to use them: ``serve`` with a
real browser tab left open while files are saved, ``check`` (and ``--strict``, ``--report``) on
real mistakes, ``new``, ``schema`` for editors, and the spreadsheet round trip.

Everything runs the real CLI as a subprocess on real files in tmp_path. ``serve`` is reached over
real HTTP on 127.0.0.1 and in real headless Chromium (the browser tests are skipped, saying so,
when /usr/bin/chromium is absent).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import shutil
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import (
    REPO,
    fetch,
    headlines,
    line_of,
    make_site,
    run_cli,
    serving,
    site_yaml,
    snapshot,
    wait_for,
)
from jsonschema import Draft202012Validator
from openpyxl import load_workbook

RELOAD_LIMIT_S = 1.5  # the staff guide: "each time you save a file ... the page reloads by itself"
TODAY = dt.date.today().isoformat()


# --- helpers ------------------------------------------------------------------------------------


def zone_hashes(site: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((site / "clusters").iterdir())}


def listening_addresses(port: int) -> set[str]:
    """The local addresses (as text) of the sockets listening on ``port``, from /proc/net/tcp{,6}."""
    found = set()
    for name, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        table = Path(name)
        if not table.exists():
            continue
        for row in table.read_text().splitlines()[1:]:
            fields = row.split()
            address, _, hex_port = fields[1].partition(":")
            if fields[3] == "0A" and int(hex_port, 16) == port:
                if width == 8:
                    found.add(socket.inet_ntop(socket.AF_INET, bytes.fromhex(address)[::-1]))
                else:
                    raw = b"".join(bytes.fromhex(address[i : i + 8])[::-1] for i in range(0, 32, 8))
                    found.add(socket.inet_ntop(socket.AF_INET6, raw))
    return found


# --- serve in a real browser --------------------------------------------------------------------


class Tab:
    """A browser tab on the preview, counting the livereload connections it makes."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context()
        self.context.set_default_timeout(10_000)
        self.page = self.context.new_page()
        self.hellos = 0  # 'info' frames: the livereload client registered with the server

        def on_socket(ws: Any) -> None:
            def on_frame(payload: str | bytes) -> None:
                text = payload.decode() if isinstance(payload, bytes) else payload
                if '"info"' in text:
                    self.hellos += 1

            ws.on("framesent", on_frame)

        self.page.on("websocket", on_socket)

    def wait_connected(self, count: int) -> None:
        """Wait until the livereload client has registered ``count`` times (once per page load)."""
        deadline = time.monotonic() + 10
        while self.hellos < count:
            assert time.monotonic() < deadline, "the page never connected to /livereload"
            self.page.wait_for_timeout(30)

    def h1(self) -> str:
        return self.page.locator("h1").first.inner_text()

    def wait_until(self, script: str, saved_at: float, what: str) -> float:
        """Wait, without reloading, until ``script`` is true in the page; fail after
        RELOAD_LIMIT_S seconds from the save. Returns the seconds it took."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        remaining = RELOAD_LIMIT_S - (time.monotonic() - saved_at)
        try:
            self.page.wait_for_function(script, timeout=max(remaining, 0.01) * 1000, polling=25)
        except PlaywrightTimeout:
            took = time.monotonic() - saved_at
            shown = self.page.evaluate(
                "[document.querySelector('h1') && document.querySelector('h1').textContent,"
                " !!document.getElementById('zonesite-problems')]"
            )
            pytest.fail(
                f"{what}: not shown within {RELOAD_LIMIT_S} s of the save ({took:.2f} s so far); "
                f"the tab shows h1={shown[0]!r}, problems panel={shown[1]}"
            )
        return time.monotonic() - saved_at

    def close(self) -> None:
        self.context.close()


# Page conditions are functions, not expressions: the pages' Content-Security-Policy refuses eval.
def h1_is(text: str) -> str:
    return f"() => {{ const h = document.querySelector('h1'); return !!h && h.textContent.trim() === {text!r}; }}"


PANEL_SHOWN = "() => !!document.getElementById('zonesite-problems')"


def test_serve_reloads_the_open_tab_and_shows_problems_over_the_last_good_page(tmp_path: Path, browser: Any) -> None:
    site = make_site(tmp_path / "site")
    zone = site / "clusters" / "alpha.yaml"
    original = zone.read_text(encoding="utf-8")
    with serving(site, tmp_path / "logs") as served:
        url = served.base + "en/clusters/alpha/"
        tab = Tab(browser)
        try:
            response = tab.page.goto(url)
            assert response is not None and response.status == 200
            assert tab.h1() == "Alpha Industrial Cluster"
            tab.wait_connected(1)

            # 1. An edit shows in the open tab by itself.
            tab.page.evaluate("window.__loadedBeforeSave = true")
            zone.write_text(original.replace("Alpha Industrial Cluster", "Renamed Cluster"), encoding="utf-8")
            saved = time.monotonic()
            tab.wait_until(h1_is("Renamed Cluster"), saved, "the renamed zone")
            assert tab.page.evaluate("window.__loadedBeforeSave === undefined"), "the page was not reloaded"
            assert tab.page.locator("#zonesite-problems").count() == 0
            tab.wait_connected(2)

            # 2. A broken save: the problem appears over the last good page, which stays.
            broken = original.replace("Alpha Industrial Cluster", "Never Shown Cluster").replace(
                "featured: true", "featurd: true"
            )
            broken_line = line_of(broken, "featurd:")
            zone.write_text(broken, encoding="utf-8")
            saved = time.monotonic()
            tab.wait_until(PANEL_SHOWN, saved, "the problems panel")
            panel = tab.page.locator("#zonesite-problems")
            assert panel.is_visible()
            panel_text = panel.inner_text()
            assert f"clusters/alpha.yaml:{broken_line}:1: featurd: unknown field" in panel_text, panel_text
            assert "did you mean 'featured'?" in panel_text, panel_text
            assert tab.h1() == "Renamed Cluster", "the last good version is not what the tab shows"
            assert "Never Shown Cluster" not in tab.page.content()
            tab.wait_connected(3)

            # Plain HTTP while the error stands: 200 and the last good content, with the panel.
            status, body = fetch(url)
            assert status == 200
            assert "<h1>Renamed Cluster</h1>" in body
            assert 'id="zonesite-problems"' in body and f"clusters/alpha.yaml:{broken_line}:1" in body
            assert "Never Shown Cluster" not in body
            status, body = fetch(served.base + "vi/clusters/beta/")
            assert status == 200 and "Cụm công nghiệp Beta" in body

            # 3. Fixed: the panel goes away and the fixed content shows.
            zone.write_text(original.replace("Alpha Industrial Cluster", "Fixed Cluster"), encoding="utf-8")
            saved = time.monotonic()
            tab.wait_until(h1_is("Fixed Cluster"), saved, "the fixed zone")
            assert tab.page.locator("#zonesite-problems").count() == 0
            status, body = fetch(url)
            assert status == 200 and "<h1>Fixed Cluster</h1>" in body and "zonesite-problems" not in body
        finally:
            tab.close()
    # The terminal showed the located problem too, and no traceback.
    errors = served.err()
    assert f"clusters/alpha.yaml:{broken_line}:1: featurd: unknown field (did you mean 'featured'?)" in errors
    assert "The last good build is still being served." in errors
    assert "Traceback" not in errors


def test_serve_shows_problems_in_the_staff_language(tmp_path: Path, browser: Any) -> None:
    """On a Vietnamese-first site the problem panel, over a /vi/ page, speaks Vietnamese."""
    site = make_site(tmp_path / "site")
    zone = site / "clusters" / "alpha.yaml"
    with serving(site, tmp_path / "logs", lang="") as served:
        tab = Tab(browser)
        try:
            tab.page.goto(served.base + "vi/clusters/alpha/")
            tab.wait_connected(1)
            broken = zone.read_text(encoding="utf-8").replace("featured: true", "featurd: true")
            zone.write_text(broken, encoding="utf-8")
            tab.wait_until(PANEL_SHOWN, time.monotonic(), "the problems panel")
            text = tab.page.locator("#zonesite-problems").inner_text()
            assert "trường không xác định" in text and "có phải ý bạn là 'featured'?" in text, text
            assert "unknown field" not in text and "problem" not in text, text
        finally:
            tab.close()


def test_serve_listens_only_on_this_computer_by_default(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    with serving(site, tmp_path / "logs") as served:
        out = served.out()
        assert f"at http://127.0.0.1:{served.port}/ (Ctrl+C to stop)" in out, out
        if Path("/proc/net/tcp").exists():
            assert listening_addresses(served.port) == {"127.0.0.1"}
        # Another local address reaches a server bound to 0.0.0.0, but not one bound to 127.0.0.1.
        with socket.socket() as sock, pytest.raises(OSError):
            sock.settimeout(2)
            sock.connect(("127.0.0.2", served.port))


def test_rapid_saves_cause_one_rebuild(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    zone = site / "clusters" / "alpha.yaml"
    original = zone.read_text(encoding="utf-8")
    with serving(site, tmp_path / "logs") as served:
        before = served.out()
        assert before.count("Rebuilt") == 1, before  # the initial build
        started = time.monotonic()
        for number in range(1, 6):
            zone.write_text(original.replace("Alpha Industrial Cluster", f"Save {number} Cluster"), encoding="utf-8")
            time.sleep(0.06)
        assert time.monotonic() - started < 0.4
        time.sleep(2)
        after = served.out()[len(before) :]
        status, body = fetch(served.base + "en/clusters/alpha/")
    rebuilt = [line for line in after.splitlines() if line.startswith("Rebuilt")]
    assert len(rebuilt) == 1, f"five saves in 0.35 s gave {len(rebuilt)} rebuilds:\n{after}"
    assert [line for line in after.splitlines() if line.startswith("Changed:")] == ["Changed: alpha.yaml"], after
    assert status == 200 and "<h1>Save 5 Cluster</h1>" in body, "the rebuild did not use the last save"


def test_serve_keeps_edits_saved_while_another_file_was_broken(tmp_path: Path) -> None:
    """Staff save a mistake in one zone, edit a second zone, then fix the first: both edits show."""
    site = make_site(tmp_path / "site")
    alpha, beta = site / "clusters" / "alpha.yaml", site / "clusters" / "beta.md"
    alpha_text, beta_text = alpha.read_text(encoding="utf-8"), beta.read_text(encoding="utf-8")
    with serving(site, tmp_path / "logs") as served:
        alpha.write_text(alpha_text.replace("featured: true", "featurd: true"), encoding="utf-8")
        wait_for(lambda: "zonesite-problems" in fetch(served.base + "en/clusters/alpha/")[1], "the problems panel")
        beta.write_text(beta_text.replace("Beta Industrial Cluster", "Beta Renamed Cluster"), encoding="utf-8")
        wait_for(lambda: served.out().count("Changed:") == 2, "the second save")
        alpha.write_text(alpha_text.replace("Alpha Industrial Cluster", "Alpha Fixed Cluster"), encoding="utf-8")
        wait_for(lambda: served.out().count("Rebuilt") == 2, "the rebuild after the fix")
        _, alpha_page = fetch(served.base + "en/clusters/alpha/")
        _, listing = fetch(served.base + "en/clusters/")
        _, beta_page = fetch(served.base + "en/clusters/beta/")
    assert "<h1>Alpha Fixed Cluster</h1>" in alpha_page and "zonesite-problems" not in alpha_page
    assert "Beta Renamed Cluster" in listing
    assert "<h1>Beta Renamed Cluster</h1>" in beta_page, (
        "the fact sheet of the zone edited while another file was broken still shows the old name "
        "(the list of zones shows the new one)"
    )


def test_serve_picks_up_a_photo_in_a_new_static_folder(tmp_path: Path) -> None:
    """A site that uses a theme has no static/ of its own until staff add their first photo."""
    site = make_site(tmp_path / "site")
    assert not (site / "static").exists()
    png = b"\x89PNG\r\n\x1a\n" + bytes(64)
    with serving(site, tmp_path / "logs") as served:
        url = served.base + "static/images/plan.png"
        assert fetch(served.base + "static/site.css")[0] == 200
        (site / "static" / "images").mkdir(parents=True)
        (site / "static" / "images" / "plan.png").write_bytes(png)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.read() == png:
                        break
            except urllib.error.HTTPError:
                pass
            time.sleep(0.1)
        else:
            pytest.fail(f"the new photo was not served within 5 s of the save; serve printed:\n{served.out()}")


# --- check: every mistake located ------------------------------------------------------------------

HEAD = "name: {vi: Cụm công nghiệp B, en: B Industrial Cluster}\ntype: industrial_cluster\n"

# file → (text, expected headline start "line:col: field: message", and a part of the hint)
BROKEN = {
    "malformed.yaml": (
        HEAD + "summary: Cụm mới: đang xây\n",
        "3:17: malformed YAML: mapping values are not allowed",
        "a value that contains ': ' must be put in quotes",
    ),
    "tabs.yaml": (HEAD + "area:\n\ttotal_ha: 3\n", "4:1: malformed YAML:", "indent with spaces, not tabs"),
    "duplicate.yaml": (
        HEAD + "status: operating\nstatus: planned\n",
        "4:1: 'status' is given twice (first on line 3)",
        "keep one and delete the other",
    ),
    "unknown-field.yaml": (
        HEAD + "area:\n  total_ha: 10\n  availble_ha: 3\n",
        "5:3: area.availble_ha: unknown field",
        "did you mean 'available_ha'?",
    ),
    "wrong-type.yaml": (
        HEAD + "area:\n  total_ha: '80,5'\n",
        "4:3: area.total_ha: expected a number, got '80,5'",
        "use a point as the decimal mark, e.g. 80.5",
    ),
    "missing-required.yaml": (
        "name: {vi: Cụm C, en: C Cluster}\nstatus: operating\n",
        "1:1: type: required field is missing",
        "industrial_cluster",
    ),
    "unknown-ref.yaml": (
        HEAD + "industries: [food, textile]\n",
        "3:20: industries[1]: unknown industry 'textile'",
        "did you mean 'textiles'?",
    ),
    "contradiction.yaml": (
        HEAD + "area:\n  industrial_land_ha: 36.2\n  leased_ha: 80\n",
        "5:3: area.leased_ha: 80 is larger than industrial_land_ha (36.2)",
        "",
    ),
    "outside-vietnam.yaml": (
        HEAD + "location:\n  lat: 48.85\n  lng: 2.35\n",
        "4:3: location.lat: (48.85, 2.35) is outside Vietnam",
        "latitude is about 8.3 to 23.4",
    ),
    "bad-date.yaml": (
        HEAD + "dates:\n  established: 28/05/2024\n",
        "4:3: dates.established: write dates as year-month-day: 2024-05-28, not '28/05/2024'",
        "",
    ),
    "phone-number.yaml": (
        HEAD + "contacts:\n  - role: developer\n    phone: 842583822111\n",
        "5:5: contacts[0].phone: expected text, got the number 842583822111",
        "put it in quotes",
    ),
    "front-matter.md": (
        "---\n" + HEAD + "statuss: operating\n---\nBody.\n",
        "4:1: statuss: unknown field",
        "did you mean 'status'?",
    ),
    "language.yaml": (
        HEAD + "summary: {vi: Tóm tắt, vn: Résumé}\n",
        "3:1: summary: 'vn' is not one of the site's languages (vi, en)",
        "",
    ),
}


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    zones = {name: text for name, (text, _, _) in BROKEN.items()}
    pages = {
        "about.md": "---\ntitle: {vi: Giới thiệu, en: About}\n---\nText.\n",
        "faq.md": "---\nnav: 2\n---\nQuestions.\n",
    }
    return make_site(
        tmp_path_factory.mktemp("broken") / "site", zones=zones, pages=pages, site_extra="freshnes_days: 365\n"
    )


def test_check_locates_every_kind_of_mistake_in_one_run(broken_site: Path) -> None:
    before = snapshot(broken_site)
    code, stdout, stderr = run_cli("check", "--site", broken_site)
    assert code == 1, stdout + stderr
    assert "Traceback" not in stderr and "internal error" not in stderr
    lines = headlines(stderr)
    by_file: dict[str, list[str]] = {}
    for line in lines:
        by_file.setdefault(line.split(":", 1)[0], []).append(line)
    for name, (_, expected, hint) in BROKEN.items():
        file = f"clusters/{name}"
        found = by_file.get(file, [])
        assert len(found) == 1, f"{file}: expected one located problem, got {found}"
        assert found[0].startswith(f"{file}:{expected}"), f"{found[0]!r} does not start with {file}:{expected}"
        assert hint in found[0], found[0]
    site_line = line_of((broken_site / "site.yaml").read_text(encoding="utf-8"), "freshnes_days:")
    assert by_file.get("site.yaml") == [
        f"site.yaml:{site_line}:1: freshnes_days: unknown field (did you mean 'freshness_days'?)"
    ]
    assert len(by_file.get("content/faq.md", [])) == 1
    assert by_file["content/faq.md"][0].startswith("content/faq.md:2:1: title: required field is missing")
    count = len(BROKEN) + 2
    assert f"{count} errors in {count} files." in stderr
    assert set(by_file) == {f"clusters/{n}" for n in BROKEN} | {"site.yaml", "content/faq.md"}
    assert snapshot(broken_site) == before, "check wrote or changed files"


def test_unclosed_bracket_is_located_on_the_line_that_opens_it(tmp_path: Path) -> None:
    text = HEAD + "industries: [food, textiles\nincentives: [land_rent]\nstatus: operating\n"
    site = make_site(tmp_path / "site", zones={"open.yaml": text})
    code, _, stderr = run_cli("check", "--site", site)
    assert code == 1
    (line,) = headlines(stderr)
    # The "[" that is never closed is on line 3; lines 4 and 5 are correct as written.
    assert line.startswith("clusters/open.yaml:3:13: malformed YAML"), line


def test_broken_link_in_a_page_is_located(tmp_path: Path) -> None:
    page = "---\ntitle: {vi: Giới thiệu, en: About}\n---\nIntro.\n\nSee [the incentives](/incentives/).\n"
    site = make_site(tmp_path / "site", pages={"about.md": page})
    code, _, stderr = run_cli("check", "--site", site)
    assert code == 1
    found = headlines(stderr)
    assert found and all("/incentives/ leads to no page" in line for line in found), stderr
    # The guide: "Every problem in every file is listed with the file, line and column".
    assert all(line.startswith("content/about.md:6:") for line in found), found


WEAK_ZONE = """\
name: {vi: Cụm công nghiệp Zeta, en: Zeta Industrial Cluster}
type: industrial_cluster
status: established
summary: {vi: Cụm mới thành lập.}
area:
  total_ha: 20
photos:
  - file: images/big.jpg
sources:
  - ref: plan-2024
    checked: 2019-03-01
"""

GOOD_ZONE = f"""\
name: {{vi: Cụm công nghiệp Alpha, en: Alpha Industrial Cluster}}
type: industrial_cluster
status: operating
summary: {{vi: Cụm đang hoạt động., en: An operating cluster.}}
location: {{lat: 12.1, lng: 109.1}}
area: {{total_ha: 30, industrial_land_ha: 25, available_ha: 5}}
contacts:
  - {{role: developer, phone: '0258 3999 000'}}
sources:
  - {{ref: plan-2024, checked: {TODAY}}}
"""

PLAN = """\
plan:
  title: {vi: Kế hoạch, en: Plan}
  figures:
    - label: {vi: Cụm công nghiệp, en: Clusters}
      metric: zones
      type: industrial_cluster
      value: 9
"""


@pytest.fixture(scope="module")
def weak_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Valid, but with every weakness the staff guide lists, in the zone 'zeta'."""
    return make_site(
        tmp_path_factory.mktemp("weak") / "site",
        zones={"alpha.yaml": GOOD_ZONE, "zeta.yaml": WEAK_ZONE},
        pages={"about.md": "---\ntitle: {vi: Giới thiệu, en: About}\n---\nText.\n"},
        site_extra=PLAN,
        files={"static/images/big.jpg": b"\xff\xd8\xff\xe0" + bytes(600_000)},
    )


def test_check_warns_about_weak_listings_and_strict_fails_on_them(weak_site: Path) -> None:
    code, stdout, stderr = run_cli("check", "--all", "--site", weak_site)
    assert code == 0, stdout + stderr
    assert "2 zones checked: no errors." in stdout
    warnings = [line for line in stdout.splitlines() if ": warning: " in line]
    plan_line = line_of((weak_site / "site.yaml").read_text(encoding="utf-8"), "value: 9")
    z = "clusters/zeta.yaml"
    expected = [
        f"{z}:1:1: warning: contacts: no contact",
        f"{z}:1:1: warning: location: no coordinates (lat, lng)",
        f"{z}:4:1: warning: summary: no en text: summary",
        f"{z}:5:1: warning: area: no figure for free land (available_ha)",
        f"{z}:8:5: warning: photos[0].file: 'images/big.jpg' is 0.6 MB",
        f"{z}:11:5: warning: sources[0].checked: figures last checked 2019-03-01, more than 365 days ago",
        f"site.yaml:{plan_line}:7: warning: plan.figures[0].value: zone files give 2, the plan publishes 9",
        # The fixture's authority writes from example.test, a domain reserved for tests: a sample.
        "site.yaml:9:1: warning: authority: a sample contact",
    ]
    for start in expected:
        assert any(line.startswith(start) for line in warnings), f"no warning starting {start!r} in:\n{stdout}"
    assert len(warnings) == len(expected), "\n".join(warnings)
    assert not any(line.startswith("clusters/alpha.yaml") for line in warnings), "the complete zone was warned about"

    code, stdout, stderr = run_cli("check", "--all", "--strict", "--site", weak_site)
    assert code == 1
    assert "--strict: warnings count as errors." in stderr
    assert len([line for line in stdout.splitlines() if ": warning: " in line]) == len(expected)
    assert "no errors" not in stdout


def test_check_report_lists_every_zone_weakest_first_with_located_gaps(weak_site: Path, tmp_path: Path) -> None:
    code, stdout, stderr = run_cli("check", "--report", "--site", weak_site)
    assert code == 0, stderr
    report = weak_site / "data-quality.html"
    assert f"Wrote {report}" in stdout
    html = report.read_text(encoding="utf-8")
    assert re.search(r'<meta name="robots" content="noindex[^"]*">', html)
    # Every zone is listed, and the weakest (zeta, last in the alphabet) comes first.
    weak, good = html.find("Cụm công nghiệp Zeta"), html.find("Cụm công nghiệp Alpha")
    assert -1 < weak < good, "the weakest zone is not listed first"
    sections = re.findall(r'<section id="([^"]+)">(.*?)</section>', html, re.S)
    assert [slug for slug, _ in sections] == ["zeta", "alpha"]
    zeta = dict(sections)["zeta"]
    items = re.findall(r"<li[^>]*>(.*?)</li>", zeta, re.S)
    assert items, "no gaps listed for the weak zone"
    for item in items:
        assert re.match(r"<code>clusters/zeta\.yaml:[1-9]\d*</code> <strong>", item), item
    located = {re.sub(r"<[^>]+>", "", item).split(" ", 2)[1]: item for item in items}
    assert "clusters/zeta.yaml:5" in zeta and "free land" in located["area:"]
    assert "clusters/zeta.yaml:11" in located["sources.0.checked:"]
    assert "clusters/zeta.yaml:8" in located["photos.0.file:"]
    assert "clusters/zeta.yaml:4" in located["summary:"]
    # The most important gap (no free-land figure) comes first in the zone.
    assert "free land" in items[0]

    # A given path is written there instead.
    elsewhere = tmp_path / "gaps.html"
    code, stdout, _ = run_cli("check", "--report", elsewhere, "--site", weak_site)
    assert code == 0 and elsewhere.is_file() and f"Wrote {elsewhere}" in stdout
    assert "Cụm công nghiệp Zeta" in elsewhere.read_text(encoding="utf-8")


# --- new ------------------------------------------------------------------------------------------


def test_new_writes_a_complete_zone_file_that_checks(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    code, stdout, stderr = run_cli("new", "Cụm công nghiệp Điện Thọ 2", cwd=site)
    assert code == 0, stderr
    path = site / "clusters" / "dien-tho-2.yaml"
    assert "Wrote clusters/dien-tho-2.yaml" in stdout
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schema/zone.schema.json"
    data = yaml.safe_load(text)
    assert data["type"] == "industrial_cluster"
    assert data["name"] == {"vi": "Cụm công nghiệp Điện Thọ 2"}

    # Every field of the schema is in the file, top level and inside each group.
    schema = json.loads((REPO / "schema" / "zone.schema.json").read_text(encoding="utf-8"))
    assert set(data) == set(schema["properties"])
    groups = 0
    for name, value in data.items():
        ref = schema["properties"][name].get("$ref", "")
        if ref.startswith("#/$defs/"):
            assert set(value) == set(schema["$defs"][ref.removeprefix("#/$defs/")]["properties"]), name
            groups += 1
    assert groups >= 6  # location, dates, area, developer, lease, tenants

    code, stdout, stderr = run_cli("check", cwd=site)
    assert code == 0, stderr
    assert "3 zones checked: no errors." in stdout

    # A name without a known type: check fails on `type` until it is filled in.
    code, stdout, stderr = run_cli("new", "Nhà máy X", cwd=site)
    assert code == 0, stderr
    assert "Wrote clusters/nha-may-x.yaml" in stdout
    other = site / "clusters" / "nha-may-x.yaml"
    text = other.read_text(encoding="utf-8")
    type_line = line_of(text, "type:")
    code, _, stderr = run_cli("check", cwd=site)
    assert code == 1
    (problem,) = headlines(stderr)
    assert problem.startswith(f"clusters/nha-may-x.yaml:{type_line}:1: type: required field is"), problem
    other.write_text(text.replace("\ntype:\n", "\ntype: industrial_park\n"), encoding="utf-8")
    code, stdout, stderr = run_cli("check", cwd=site)
    assert code == 0, stderr
    assert "4 zones checked: no errors." in stdout

    # `new` never overwrites a zone, even one staff have started to fill in.
    path.write_text(path.read_text(encoding="utf-8").replace("  total_ha:\n", "  total_ha: 12.5\n"), encoding="utf-8")
    filled = path.read_bytes()
    assert b"total_ha: 12.5" in filled
    code, stdout, stderr = run_cli("new", "Cụm công nghiệp Điện Thọ 2", cwd=site)
    assert code == 1
    assert "clusters/dien-tho-2.yaml: already exists" in stderr
    assert path.read_bytes() == filled


# --- JSON Schema for editors -----------------------------------------------------------------------


def editor_view(data: Any) -> Any:
    """YAML as an editor's YAML 1.2 parser reads it: 2024-05-28 stays text (PyYAML makes it a date)."""
    if isinstance(data, dict):
        return {key: editor_view(value) for key, value in data.items()}
    if isinstance(data, list):
        return [editor_view(value) for value in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def zone_data(path: Path) -> Any:
    """A zone file's YAML (a Markdown zone's front matter), parsed with yaml.safe_load and seen as
    the editor sees it."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = text.split("---\n")[1]
    return editor_view(yaml.safe_load(text))


def schema_errors(validator: Draft202012Validator, data: Any) -> list[str]:
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


EXAMPLE_SITES = {"khanh-hoa": REPO, "ninh-binh": REPO / "examples" / "ninh-binh"}


@pytest.mark.parametrize("name", EXAMPLE_SITES)
def test_committed_schemas_match_the_definitions(tmp_path: Path, name: str) -> None:
    source = EXAMPLE_SITES[name]
    copy = tmp_path / "site"
    copy.mkdir()
    shutil.copy(source / "site.yaml", copy / "site.yaml")
    shutil.copytree(source / "clusters", copy / "clusters")
    code, stdout, stderr = run_cli("schema", "--site", copy)
    assert code == 0, stderr
    assert stdout.splitlines() == ["Wrote schema/zone.schema.json", "Wrote schema/site.schema.json"]
    for file in ("zone.schema.json", "site.schema.json"):
        written = (copy / "schema" / file).read_text(encoding="utf-8")
        Draft202012Validator.check_schema(json.loads(written))
        committed = (source / "schema" / file).read_text(encoding="utf-8")
        assert committed == written, f"{source.name}/schema/{file} is out of date: run python build.py schema"

    # Every example zone file, and site.yaml, is valid for the editor.
    zone_schema = Draft202012Validator(json.loads((source / "schema" / "zone.schema.json").read_text()))
    files = sorted((source / "clusters").iterdir())
    assert files
    for path in files:
        assert schema_errors(zone_schema, zone_data(path)) == [], path
    site_schema = Draft202012Validator(json.loads((source / "schema" / "site.schema.json").read_text()))
    site_data = editor_view(yaml.safe_load((source / "site.yaml").read_text(encoding="utf-8")))
    assert schema_errors(site_schema, site_data) == []


def test_zone_schema_rejects_what_check_rejects() -> None:
    validator = Draft202012Validator(json.loads((REPO / "schema" / "zone.schema.json").read_text()))
    good = zone_data(REPO / "clusters" / "song-cau.yaml")
    assert schema_errors(validator, good) == []
    cases = {
        "unknown industry": {**good, "industries": ["industry_handicraft"]},
        "misspelt field": {**good, "statuss": "operating"},
        "misspelt nested field": {**good, "area": {"availble_ha": 3}},
        "text in an unknown language": {**good, "summary": {"vi": "Tóm tắt", "fr": "Résumé"}},
        "unknown status": {**good, "status": "operatng"},
    }
    for what, data in cases.items():
        assert schema_errors(validator, data), f"the zone schema accepts a zone with an {what}"


def test_schema_command_and_the_stale_schema_warning(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    code, _, stderr = run_cli("schema", cwd=site)
    assert code == 0, stderr
    validator = Draft202012Validator(json.loads((site / "schema" / "zone.schema.json").read_text()))
    assert "schema/" not in run_cli("check", cwd=site)[1]

    # The staff guide: after adding an industry to site.yaml, run `build.py schema`.
    extra = "    electronics:\n      label: {vi: Điện tử, en: Electronics}\n"
    text = site_yaml().replace("  incentives:\n", extra + "  incentives:\n")
    (site / "site.yaml").write_text(text, encoding="utf-8")
    zone = {"name": "X", "type": "industrial_cluster", "industries": ["electronics"]}
    assert schema_errors(validator, zone), "the old schema should not know the new key"
    code, stdout, _ = run_cli("check", "--all", cwd=site)
    assert code == 0
    assert (
        "schema/zone.schema.json: warning: is out of date: editors check zone files against old keys "
        "(run: python build.py schema)" in stdout.splitlines()
    ), stdout
    code, _, _ = run_cli("schema", cwd=site)
    assert code == 0
    validator = Draft202012Validator(json.loads((site / "schema" / "zone.schema.json").read_text()))
    assert schema_errors(validator, zone) == []
    assert "schema/" not in run_cli("check", cwd=site)[1]

    # A zone file `new` writes is valid for the editor as soon as it is written.
    code, _, _ = run_cli("new", "Cụm công nghiệp Điện Thọ 2", cwd=site)
    assert code == 0
    assert schema_errors(validator, zone_data(site / "clusters" / "dien-tho-2.yaml")) == []


# --- spreadsheet round trip ---------------------------------------------------------------------

RICH_ZONE = f"""\
# yaml-language-server: $schema=../schema/zone.schema.json
# Alpha: figures from the 2024 plan.
name: {{vi: Cụm công nghiệp Alpha, en: Alpha Industrial Cluster}}
short_name: {{vi: Alpha, en: Alpha}}
type: industrial_cluster
status: operating
featured: true
summary: {{vi: Cụm đang hoạt động ở Cam Lâm., en: An operating cluster in Cam Lam.}}
location:
  district: {{vi: huyện Cam Lâm, en: Cam Lam district}}
  lat: 12.1   # approximate
  lng: 109.1
dates:
  established: 2019-05
area:
  total_ha: 75          # from the plan
  industrial_land_ha: 60
  leased_ha: 47.3
  as_of: 2024-05-28
lease:
  price_usd_m2: 45
  price_basis: term
  term_until: 2069
tenants:
  establishments: 12
  workers: 4440
  notable:
    - Khatoco
    - {{vi: Nhà máy may Alpha, en: Alpha garment factory}}
infrastructure:
  wastewater_treatment: {{state: operating, capacity: 1500, standard: "QCVN 40:2011/BTNMT"}}
  power_supply: {{state: completed, capacity: 40}}
  internal_roads:
    state: completed
    note: {{vi: Đường rộng 12 m, en: Roads 12 m wide}}
industries: [food, textiles]
incentives: [land_rent]
targets:
  - year: 2025
    occupancy_pct: 85
  - year: 2026
    text: {{vi: Lấp đầy toàn bộ, en: Fully leased}}
contacts:
  # The sales office answers in English too.
  - role: developer
    name: {{vi: Phòng kinh doanh, en: Sales office}}
    phone: '0258 3999 000'   # mobile, also on Zalo
    email: sales@alpha.example.vn
  - role: department
    name: Sở Công Thương
    phone: "0258 3822 111"
sources:
  - ref: plan-2024
    checked: {TODAY}
    covers: [area, status, targets]
  - title: {{vi: Báo Khánh Hòa, en: Khanh Hoa newspaper}}
    url: https://baokhanhhoa.vn/example
    published: 2024-06
    checked: {TODAY}
    covers: [tenants]
"""

BILINGUAL_MD_ZONE = """\
---
# Beta: established, no works yet.
name: {vi: Cụm công nghiệp Beta, en: Beta Industrial Cluster}
type: industrial_cluster
status: established
location:
  district: {vi: thị xã Ninh Hòa, en: Ninh Hoa town}
area:
  total_ha: 50
sources:
  - ref: plan-2024
    covers: [status]
---
<!-- lang: vi -->
Cụm Beta mới được **thành lập**.

Xem thêm [cụm Alpha](/clusters/alpha/).

<!-- lang: en -->
Beta has just been **established**.

See also [Alpha](/clusters/alpha/).
"""

PLAIN_ZONE = """\
name: Gamma
type: industrial_park
description: {vi: "Khu công nghiệp Gamma, gần cảng.", en: "Gamma park, near the port."}
"""


KEY_ROW = 2  # the exported workbook: column titles in row 1, field keys in row 2, zones below


@dataclass
class SheetSite:
    site: Path
    xlsx: Path
    csv: Path


@pytest.fixture(scope="module")
def sheet_site(tmp_path_factory: pytest.TempPathFactory) -> SheetSite:
    """A site with contacts, sources, targets, works and a bilingual Markdown zone, exported once."""
    root = tmp_path_factory.mktemp("sheet")
    site = make_site(
        root / "site", zones={"alpha.yaml": RICH_ZONE, "beta.md": BILINGUAL_MD_ZONE, "gamma.yaml": PLAIN_ZONE}
    )
    code, _, stderr = run_cli("check", "--site", site)
    assert code == 0, stderr
    sheets = root / "sheets"
    for name in ("zones.xlsx", "zones.csv"):
        code, stdout, stderr = run_cli("export", sheets / name, "--site", site)
        assert code == 0, stderr
        assert f"Wrote 3 zones to {sheets / name}." in stdout
    return SheetSite(site, sheets / "zones.xlsx", sheets / "zones.csv")


def copy_site(sheet_site: SheetSite, tmp_path: Path) -> Path:
    return Path(shutil.copytree(sheet_site.site, tmp_path / "site"))


def edited_xlsx(
    source: Path,
    target: Path,
    cells: dict[tuple[str, str], Any] | None = None,
    headers: dict[str, str] | None = None,
    new_rows: list[dict[str, Any]] | None = None,
) -> dict[str, int]:
    """Copy the exported workbook to ``target`` with cells changed as staff would in Excel:
    ``cells[(slug, column)] = value`` (columns named by their field key, in row 2);
    ``headers[old] = new`` renames a field key. Returns the Excel row number of each slug."""
    book = load_workbook(source)
    sheet = book["zones"]
    header = [cell.value for cell in sheet[KEY_ROW]]
    rows = {sheet.cell(row=r, column=1).value: r for r in range(KEY_ROW + 1, sheet.max_row + 1)}
    rows = {slug: r for slug, r in rows.items() if slug}
    for (slug, column), value in (cells or {}).items():
        sheet.cell(row=rows[slug], column=header.index(column) + 1).value = value
    for row in new_rows or []:
        number = max(rows.values()) + 1
        for column, value in row.items():
            sheet.cell(row=number, column=header.index(column) + 1).value = value
        rows[row.get("slug") or f"row {number}"] = number
    for old, new in (headers or {}).items():
        sheet.cell(row=KEY_ROW, column=header.index(old) + 1).value = new
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return rows


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    old, new = before.splitlines(), after.splitlines()
    assert len(old) == len(new), f"lines were added or removed:\n{after}"
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_import_of_an_unchanged_export_changes_nothing(sheet_site: SheetSite, tmp_path: Path, kind: str) -> None:
    site = copy_site(sheet_site, tmp_path)
    before = zone_hashes(site)
    sheet = sheet_site.xlsx if kind == "xlsx" else sheet_site.csv
    code, stdout, stderr = run_cli("import", sheet, "--site", site)
    assert code == 0, stderr
    assert stdout.strip() == f"No changes: every zone file already matches zones.{kind}."
    assert zone_hashes(site) == before


def test_export_has_a_row_per_zone_and_explains_every_column(sheet_site: SheetSite) -> None:
    book = load_workbook(sheet_site.xlsx, read_only=True)
    assert book.sheetnames == ["zones", "lists", "Instructions"]
    rows = [list(row) for row in book["zones"].iter_rows(values_only=True)]
    explained = {row[1]: row[5] for row in book["Instructions"].iter_rows(values_only=True) if row and row[1]}
    book.close()
    titles, header = rows[0], rows[1]
    assert titles[header.index("area_total_ha")] == "Land: Total area (ha)"
    assert titles[header.index("contacts_2_phone")] == "Contacts 2: Phone"
    assert titles[header.index("name_vi")] == "Name (Vietnamese)"
    assert [row[0] for row in rows[2:]] == ["alpha", "beta", "gamma"]
    assert [c for c in header if not explained.get(c)] == [], "columns without an explanation"
    alpha = dict(zip(header, rows[2], strict=True))
    assert alpha["name_en"] == "Alpha Industrial Cluster" and alpha["area_total_ha"] == 75
    assert alpha["contacts_1_phone"] == "0258 3999 000", "the phone lost its leading 0"
    assert alpha["dates_established"] == "2019-05"
    assert alpha["status"] == "Operating", "a key is shown as its label in the staff's language"
    beta = dict(zip(header, rows[3], strict=True))
    assert beta["description_en"].startswith("Beta has just been **established**.")
    assert beta["description_vi"].startswith("Cụm Beta mới được **thành lập**.")
    with sheet_site.csv.open(encoding="utf-8-sig", newline="") as file:
        table = list(csv.reader(file))
    assert table[0] == header and [row[0] for row in table[1:]] == ["alpha", "beta", "gamma"]
    assert dict(zip(header, table[1], strict=True))["status"] == "operating", "the CSV keeps keys"


def test_import_of_one_edited_cell_changes_only_that_line(sheet_site: SheetSite, tmp_path: Path) -> None:
    site = copy_site(sheet_site, tmp_path)
    sheet = tmp_path / "edited" / "zones.xlsx"
    edited_xlsx(sheet_site.xlsx, sheet, cells={("alpha", "area_total_ha"): 80})
    before = {p.name: p.read_text(encoding="utf-8") for p in (site / "clusters").iterdir()}
    code, stdout, stderr = run_cli("import", sheet, "--site", site)
    assert code == 0, stderr
    assert stdout.splitlines() == ["Updated clusters/alpha.yaml:", "  area_total_ha: 75 → 80"]
    after = {p.name: p.read_text(encoding="utf-8") for p in (site / "clusters").iterdir()}
    assert after["beta.md"] == before["beta.md"] and after["gamma.yaml"] == before["gamma.yaml"]
    assert changed_lines(before["alpha.yaml"], after["alpha.yaml"]) == [
        ("  total_ha: 75          # from the plan", "  total_ha: 80          # from the plan")
    ]
    comments = ("# Alpha: figures from the 2024 plan.", "# approximate", "# The sales office", "# mobile, also on Zalo")
    for comment in comments:
        assert comment in after["alpha.yaml"]
    out = tmp_path / "out"
    code, _, stderr = run_cli("build", "--site", site, "--out", out)
    assert code == 0, stderr
    assert "<dt>Total area</dt>" in (out / "en/clusters/alpha/index.html").read_text(encoding="utf-8")
    assert re.search(r"<dt>Total area</dt>\s*<dd>80\xa0ha", (out / "en/clusters/alpha/index.html").read_text())


def test_import_of_one_contact_phone_changes_only_that_line(sheet_site: SheetSite, tmp_path: Path) -> None:
    """Staff correct one phone number in a numbered column; the rest of the contacts stay as written."""
    site = copy_site(sheet_site, tmp_path)
    sheet = tmp_path / "edited" / "zones.xlsx"
    edited_xlsx(sheet_site.xlsx, sheet, cells={("alpha", "contacts_2_phone"): "0258 3822 999"})
    before = (site / "clusters" / "alpha.yaml").read_text(encoding="utf-8")
    code, stdout, stderr = run_cli("import", sheet, "--site", site)
    assert code == 0, stderr
    assert "  contacts_2_phone: 0258 3822 111 → 0258 3822 999" in stdout.splitlines()
    after = (site / "clusters" / "alpha.yaml").read_text(encoding="utf-8")
    changes = changed_lines(before, after)
    shown = "\n".join(f"-{old}\n+{new}" for old, new in changes)
    assert len(changes) == 1, f"lines changed besides that phone:\n{shown}"
    assert changes[0][0] == '    phone: "0258 3822 111"', shown
    assert yaml.safe_load(changes[0][1].strip()) == {"phone": "0258 3822 999"}, shown


def test_import_of_a_markdown_zone_keeps_its_bilingual_body(sheet_site: SheetSite, tmp_path: Path) -> None:
    site = copy_site(sheet_site, tmp_path)
    path = site / "clusters" / "beta.md"
    before = path.read_text(encoding="utf-8")
    # Through the CSV this time, saved again as a spreadsheet program would.
    rows = list(csv.reader(io.StringIO(sheet_site.csv.read_text(encoding="utf-8-sig"))))
    column = rows[0].index("area_total_ha")
    (beta,) = [row for row in rows if row[0] == "beta"]
    assert float(beta[column]) == 50
    beta[column] = "52.5"
    sheet = tmp_path / "edited" / "zones.csv"
    sheet.parent.mkdir()
    with sheet.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\r\n").writerows(rows)
    code, stdout, stderr = run_cli("import", sheet, "--site", site)
    assert code == 0, stderr
    assert stdout.splitlines() == ["Updated clusters/beta.md:", "  area_total_ha: 50 → 52.5"]
    after = path.read_text(encoding="utf-8")
    assert changed_lines(before, after) == [("  total_ha: 50", "  total_ha: 52.5")]


def test_import_with_bad_cells_names_each_and_changes_nothing(sheet_site: SheetSite, tmp_path: Path) -> None:
    site = copy_site(sheet_site, tmp_path)
    before = snapshot(site)
    sheet = tmp_path / "bad" / "zones.xlsx"
    rows = edited_xlsx(
        sheet_site.xlsx,
        sheet,
        cells={("alpha", "area_leased_ha"): "80,5", ("gamma", "status"): "operatng", ("beta", "area_total_ha"): 51},
    )
    code, _, stderr = run_cli("import", sheet, "--site", site)
    assert code == 1
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert (
        f"zones.xlsx row {rows['alpha']}, column area_leased_ha: expected a number, got '80,5' "
        "(use a point as the decimal mark, e.g. 80.5)" in lines
    ), stderr
    assert (
        f"zones.xlsx row {rows['gamma']}, column status: unknown status 'operatng' (did you mean 'operating'?)" in lines
    ), stderr
    assert lines[-1] == "2 problems; no zone file was changed."
    assert rows == {"alpha": 3, "beta": 4, "gamma": 5}
    assert snapshot(site) == before, "a zone file changed although the import failed"


def test_import_refuses_a_phone_number_the_sheet_stored_as_a_number(sheet_site: SheetSite, tmp_path: Path) -> None:
    """Excel turns 02583822999 typed into a number cell into 2583822999: never published as tel:2583822999."""
    site = copy_site(sheet_site, tmp_path)
    before = snapshot(site)
    sheet = tmp_path / "bad" / "zones.xlsx"
    rows = edited_xlsx(sheet_site.xlsx, sheet, cells={("alpha", "contacts_2_phone"): 2583822999})
    code, _, stderr = run_cli("import", sheet, "--site", site)
    assert code == 1, stderr
    assert stderr.splitlines()[0] == (
        f"zones.xlsx row {rows['alpha']}, column contacts_2_phone: 2583822999 is a number in the sheet, so a "
        "leading 0 or '+' is lost; format the column as text and type it as written, e.g. 0258 3822 111"
    )
    assert snapshot(site) == before


def test_import_reports_unknown_columns_with_did_you_mean(sheet_site: SheetSite, tmp_path: Path) -> None:
    site = copy_site(sheet_site, tmp_path)
    before = snapshot(site)
    sheet = tmp_path / "bad" / "zones.xlsx"
    edited_xlsx(sheet_site.xlsx, sheet, headers={"lease_price_usd_m2": "lease_price_usd_m"})
    code, _, stderr = run_cli("import", sheet, "--site", site)
    assert code == 1
    assert (
        "zones.xlsx row 1, column lease_price_usd_m: unknown column (did you mean 'lease_price_usd_m2'?)"
        in stderr.splitlines()
    ), stderr
    assert snapshot(site) == before


def test_import_of_a_new_row_creates_a_zone_that_checks(sheet_site: SheetSite, tmp_path: Path) -> None:
    site = copy_site(sheet_site, tmp_path)
    sheet = tmp_path / "new" / "zones.xlsx"
    row = {
        "slug": "delta-2",
        "name_vi": "Cụm công nghiệp Delta 2",
        "name_en": "Delta 2 Industrial Cluster",
        "type": "industrial_cluster",
        "status": "planned",
        "area_total_ha": 42.5,
        "industries": "food; textiles",
        "contacts_1_role": "developer",
        "contacts_1_phone": "0258 3111 222",
        "sources_1_ref": "plan-2024",
        "sources_1_checked": TODAY,
    }
    edited_xlsx(sheet_site.xlsx, sheet, new_rows=[row])
    before = zone_hashes(site)
    code, stdout, stderr = run_cli("import", sheet, "--site", site)
    assert code == 0, stderr
    assert stdout.splitlines()[0] == "Created clusters/delta-2.yaml:"
    assert zone_hashes(site) == {**before, "delta-2.yaml": zone_hashes(site)["delta-2.yaml"]}
    path = site / "clusters" / "delta-2.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schema/zone.schema.json"
    data = yaml.safe_load(text)
    assert data["name"] == {"vi": "Cụm công nghiệp Delta 2", "en": "Delta 2 Industrial Cluster"}
    assert data["area"]["total_ha"] == 42.5 and data["industries"] == ["food", "textiles"]
    assert data["contacts"][0]["phone"] == "0258 3111 222"
    code, stdout, stderr = run_cli("check", "--site", site)
    assert code == 0, stderr
    assert "4 zones checked: no errors." in stdout
