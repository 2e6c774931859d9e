"""The form editor of ``serve`` (``/_edit/``), through the real CLI, a real server and Chromium:
edits reach the zone file in exactly the places changed, comments kept; problems show at their
fields before anything is written; conflicts and requests without the token are refused."""

from __future__ import annotations

import difflib
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import NBSP, make_site, serving, wait_for

ALPHA = """\
# Alpha cluster: figures from the 2024 plan.
name: {vi: Cụm công nghiệp Alpha, en: Alpha Industrial Cluster}
type: industrial_cluster
status: operating
location:
  commune: {vi: xã Cam Hải Tây, en: Cam Hai Tay commune}  # since 1 July 2025
  lat: 12.1
  lng: 109.1
area:
  total_ha: 75  # the whole cluster
  industrial_land_ha: 60
  leased_ha: 47.3
infrastructure:
  wastewater_treatment: {state: operating, capacity: 1500}
contacts:
  - role: developer
    name: {vi: Công ty Alpha, en: Alpha Company}
    phone: '0258 3999 000'
sources:
  - ref: plan-2024
    covers: [area, status]
"""


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A site served by ``build.py serve`` on a free port: (site folder, base URL)."""
    site = make_site(tmp_path / "site", zones={"alpha.yaml": ALPHA}, pages={})
    with serving(site, tmp_path / "logs") as server:
        yield site, server.base.rstrip("/")


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_a_zone_edited_through_the_form_changes_only_those_places(served: tuple[Path, str], browser: object) -> None:
    site, base = served
    path = site / "clusters" / "alpha.yaml"
    page = browser.new_page(viewport={"width": 820, "height": 1180})  # type: ignore[attr-defined]
    try:
        page.goto(f"{base}/_edit/zone/alpha")
        # A wrong value: the engine's message appears at the field, announced, before any save.
        page.fill("#f-area-leased_ha", "47,3 ha")
        page.wait_for_function("document.getElementById('f-area-leased_ha-err').textContent.length > 0")
        assert "number" in page.inner_text("#f-area-leased_ha-err")
        assert page.get_attribute("#f-area-leased_ha", "aria-invalid") == "true"
        assert page.get_attribute("#f-area-leased_ha-err", "aria-live") == "polite"
        # Saving it anyway is refused with the reasons, and nothing is written.
        page.click("button[type=submit]")
        page.wait_for_selector("#summary:not([hidden])")
        assert "Not saved" in page.inner_text("#summary")
        assert path.read_text(encoding="utf-8") == ALPHA
        # Fixed: the error goes, and the free land the engine derives is shown live.
        page.fill("#f-area-leased_ha", "50")
        page.wait_for_function("document.getElementById('f-area-leased_ha-err').textContent === ''")
        free = "document.querySelector('output[data-derived=\"area.available_ha\"]').textContent"
        page.wait_for_function(f"{free} === '10'")
        page.fill("#f-area-total_ha", "80")
        # A contact added to the list, an infrastructure work filled in.
        page.click("button[data-add='contacts']")
        page.fill("#f-contacts-1-name-vi", "Ban quản lý")
        page.fill("#f-contacts-1-phone", "0258 3822 111")
        page.select_option("#f-contacts-1-role", "other")
        page.select_option("#f-infrastructure-power_supply-state", "completed")
        page.click("button[type=submit]")
        page.wait_for_selector(".notice")
    finally:
        page.close()
    after = path.read_text(encoding="utf-8")
    assert changed_lines(ALPHA, after) == [
        "-  total_ha: 75  # the whole cluster",
        "+  total_ha: 80  # the whole cluster",
        "-  leased_ha: 47.3",
        "+  leased_ha: 50",
        "+  power_supply: {state: completed}",
        "+  - role: other",
        "+    name: {vi: Ban quản lý}",
        "+    phone: 0258 3822 111",
    ], after
    # serve rebuilt the fact sheet from the saved file.
    sheet = site / "_site" / "en" / "clusters" / "alpha" / "index.html"
    wait_for(lambda: f"80{NBSP}ha" in sheet.read_text(encoding="utf-8"), "the fact sheet to show 80 ha", seconds=20)
    assert "0258 3822 111" in sheet.read_text(encoding="utf-8")


def test_a_file_changed_on_disk_since_the_form_opened_is_not_overwritten(
    served: tuple[Path, str], browser: object
) -> None:
    site, base = served
    path = site / "clusters" / "alpha.yaml"
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    try:
        page.goto(f"{base}/_edit/zone/alpha")
        page.fill("#f-area-total_ha", "90")
        theirs = ALPHA.replace("status: operating", "status: operating  # checked by phone")
        path.write_text(theirs, encoding="utf-8")
        page.click("button[type=submit]")
        page.wait_for_selector("text=The file changed on disk")
        text = page.inner_text("main")
        assert "checked by phone" in text and "total_ha: 90" in text  # both versions shown
    finally:
        page.close()
    assert path.read_text(encoding="utf-8") == theirs


def _post(url: str, data: dict[str, str], host: str | None = None) -> int:
    request = urllib.request.Request(url, data=urllib.parse.urlencode(data).encode(), method="POST")
    if host:
        request.add_header("Host", host)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_requests_without_the_token_or_from_another_host_are_refused(served: tuple[Path, str]) -> None:
    site, base = served
    before = (site / "clusters" / "alpha.yaml").read_text(encoding="utf-8")
    form = urllib.request.urlopen(f"{base}/_edit/zone/alpha", timeout=10).read().decode("utf-8")
    token = re.search(r'name="_token" value="([^"]+)"', form).group(1)
    digest = re.search(r'name="_digest" value="([^"]+)"', form).group(1)
    fields = {"_digest": digest, "area.total_ha": "1", "name@vi": "X", "type": "industrial_cluster"}
    assert _post(f"{base}/_edit/zone/alpha", fields) == 403
    assert _post(f"{base}/_edit/zone/alpha", {**fields, "_token": "guess"}) == 403
    assert _post(f"{base}/_edit/check/alpha", {"_token": token}, host="attacker.example") == 403
    # Nothing outside clusters/ is reachable, whatever the address says.
    for slug in ("..%2Fsite", "..", "%2E%2E%2Fsite", "alpha.yaml"):
        assert _post(f"{base}/_edit/zone/{slug}", {**fields, "_token": token}) in (403, 404)
    assert (site / "clusters" / "alpha.yaml").read_text(encoding="utf-8") == before


def test_a_new_zone_is_named_from_its_vietnamese_name(served: tuple[Path, str], browser: object) -> None:
    site, base = served
    page = browser.new_page(viewport={"width": 820, "height": 1180})  # type: ignore[attr-defined]
    try:
        page.goto(f"{base}/_edit/new")
        page.fill("#name-vi", "Cụm công nghiệp Điện Thọ 2")
        page.fill("#name-en", "Dien Tho 2 Industrial Cluster")
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r"/_edit/zone/dien-tho-2$"))
    finally:
        page.close()
    text = (site / "clusters" / "dien-tho-2.yaml").read_text(encoding="utf-8")
    assert "Dien Tho 2 Industrial Cluster" in text and "type: industrial_cluster" in text


def test_a_file_that_is_not_yaml_is_shown_with_its_problem_not_a_form(served: tuple[Path, str]) -> None:
    site, base = served
    broken = "name: {vi: Cụm Hỏng, en: Broken\ntype: industrial_cluster\n"
    (site / "clusters" / "hong.yaml").write_text(broken, encoding="utf-8")
    try:
        urllib.request.urlopen(f"{base}/_edit/zone/hong", timeout=10)
        raise AssertionError("a broken file opened as a form")
    except urllib.error.HTTPError as error:
        assert error.code == 422
        page = error.read().decode("utf-8")
    assert "cannot be read" in page and "hong.yaml:1" in page and "<form" not in page
    assert (site / "clusters" / "hong.yaml").read_text(encoding="utf-8") == broken
