"""The built site in real headless Chromium, at phone and desktop widths, in both languages."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists() and not os.environ.get("ZONESITE_REQUIRE_TOOLS"):  # .ci/run: fail, never skip
    pytest.skip("Chromium not installed at /usr/bin/chromium; .ci/run installs it", allow_module_level=True)

from conftest import MINIMAL_ZONE, build, make_site  # noqa: E402
from playwright.sync_api import Browser, Page  # noqa: E402

VIEWPORTS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 900}}
PAGES = {"home": "", "listing": "clusters/", "fact-sheet": "clusters/song-cau/"}
OTHER = {"vi": "en", "en": "vi"}
ZONES = ("trang-e", "trang-e-2", "dien-tho", "ninh-xuan", "song-cau", "khatoco-ninh-ich")


@pytest.fixture(scope="module")
def base(example_site: Path, serve_folder) -> str:
    return serve_folder(example_site)


@pytest.fixture
def page_at(browser: Browser) -> Iterator[object]:
    contexts = []

    def open_page(viewport: str, **options: object) -> Page:
        context = browser.new_context(viewport=VIEWPORTS[viewport], **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_page_fits_shows_title_and_switches_language(
    base: str,
    page_at,
    viewport: str,
    lang: str,
    name: str,
) -> None:
    page: Page = page_at(viewport)
    key = PAGES[name]
    response = page.goto(f"{base}{lang}/{key}")
    assert response is not None and response.status == 200
    assert page.evaluate("document.documentElement.lang") == lang
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{lang}/{key} scrolls sideways at {viewport}: {width[0]} > {width[1]} px"
    headings = page.locator("h1")
    assert headings.count() == 1
    assert headings.first.is_visible()
    box = headings.first.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width[1] + 1, "the title is cut off"

    other = OTHER[lang]
    switch = page.locator(f'header a[hreflang="{other}"]')
    assert switch.count() == 1
    assert switch.is_visible(), f"the language switcher is hidden at {viewport}"
    switch.click()
    page.wait_for_load_state()
    assert page.url == f"{base}{other}/{key}"
    assert page.evaluate("document.documentElement.lang") == other


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_listing_shows_every_zone_without_javascript(base: str, page_at, viewport: str, lang: str) -> None:
    page: Page = page_at(viewport, java_script_enabled=False)
    page.goto(f"{base}{lang}/clusters/")
    for slug in ZONES:
        link = page.locator(f'main a[href="{slug}/"]')
        assert link.count() >= 1, f"{slug} is not listed"
        assert link.first.is_visible(), f"{slug} is listed but hidden without JavaScript at {viewport}"


def test_fact_sheet_link_from_listing_opens_the_zone(base: str, page_at) -> None:
    page: Page = page_at("phone")
    page.goto(f"{base}en/clusters/")
    page.locator('main a[href="song-cau/"]').first.click()
    page.wait_for_load_state()
    assert page.url == f"{base}en/clusters/song-cau/"
    assert "Song Cau" in page.locator("h1").inner_text()


HOSTILE = """\
---
name: "<script>alert('name')</script>"
type: industrial_cluster
---
<img src=x onerror="alert('img')">

[plain](javascript:alert('plain')) [entity](javascript&#58;alert('entity')) [named](javascript&colon;alert('named'))
[hex](&#x6A;avascript:alert('hex')) [ref][r]

[r]: javascript:alert('ref')
"""


@pytest.fixture(scope="module")
def hostile_base(tmp_path_factory: pytest.TempPathFactory, serve_folder) -> str:
    root = make_site(
        tmp_path_factory.mktemp("browser-hostile") / "site",
        zones={"ok.yaml": MINIMAL_ZONE, "evil.md": HOSTILE},
        pages={},
    )
    return serve_folder(build(root, root.parent / "_site"))


def test_hostile_description_runs_no_script(hostile_base: str, page_at) -> None:
    page: Page = page_at("desktop")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    url = f"{hostile_base}en/clusters/evil/"
    page.goto(url)
    page.wait_for_timeout(200)
    assert dialogs == [], "a script ran when the page loaded"
    assert "<script>" in page.locator("h1").inner_text()
    scripted = page.evaluate(
        "[...document.querySelectorAll('a[href]')].filter(a => a.protocol === 'javascript:').map(a => a.textContent)"
    )
    assert scripted == [], f"links the browser would run as script: {scripted}"
    for text in ("plain", "entity", "named", "hex", "ref"):
        page.goto(url)
        page.get_by_text(text, exact=True).click()
        page.wait_for_timeout(100)
    assert dialogs == [], f"clicking a description link ran script: {dialogs}"
