"""Accessibility gates in real headless Chromium, on every kind of page of both example sites in
every language (and on news pages, which neither example has): axe-core finds no WCAG 2.1 A/AA
violation once each page is in use (filters set, zones picked, a query typed); the listing works
from the keyboard alone with a visible focus indicator on every control; every stand-alone link
and control is at least 24 × 24 CSS px on a phone; the charts and the map have their figures as
text in the HTML."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import REPO, parse, require_tool, strip_tags

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
  .then(r => r.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ` +
    v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ') +
    (v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : '')))"""
# What a keyboard or a finger can act on.
INTERACTIVE = ", ".join(
    [
        "a[href]",
        "button",
        "input:not([type=hidden])",
        "select",
        "textarea",
        "summary",
        "[role=button]",
        '[tabindex]:not([tabindex="-1"])',
    ]
)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@dataclass(frozen=True)
class Site:
    """A built site served over HTTP, with what a visit needs to know about it."""

    name: str
    out: Path
    base: str
    languages: tuple[str, ...]

    def zones(self) -> list[str]:
        """Zone slugs, the fullest fact sheet first (it has the most to get wrong)."""
        sheets = (self.out / self.languages[0] / "clusters").glob("*/index.html")
        return [p.parent.name for p in sorted(sheets, key=lambda p: (-p.stat().st_size, p.parent.name))]

    def content_pages(self) -> list[str]:
        """Content pages (about, incentives...) besides the pages every site has."""
        fixed = {"clusters", "compare", "dashboard", "data", "map", "search", "news"}
        lang_dir = self.out / self.languages[0]
        return sorted(p.name for p in lang_dir.iterdir() if p.is_dir() and p.name not in fixed)


def languages_of(out: Path) -> tuple[str, ...]:
    """The languages a built site publishes, in site.yaml's order (the root page lists them)."""
    codes = [attrs.get("hreflang") for tag, attrs in parse((out / "index.html").read_text("utf-8")).tags]
    return tuple(dict.fromkeys(c for c in codes if c and c != "x-default" and (out / c).is_dir()))


def published_path(out: Path) -> str:
    """The folder the site is built to be served from (``invest/`` for https://host/invest/)."""
    canonical = re.search(r'<link rel="canonical" href="([^"]+)/404.html"', (out / "404.html").read_text("utf-8"))
    assert canonical, "the 404 page does not name its address"
    return urlsplit(canonical[1]).path.strip("/")


@pytest.fixture(scope="module")
def sites(
    example_site: Path, ninh_binh_site: Path, news_site: Path, serve_folder, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Site]:
    """Each site served from the folder its public address names, as the 404 page expects."""
    built = {"khanh-hoa": example_site, "ninh-binh": ninh_binh_site, "news": news_site}
    served = {}
    for name, out in built.items():
        folder = published_path(out)
        if folder:
            www = tmp_path_factory.mktemp(f"www-{name}")
            (www / folder).parent.mkdir(parents=True, exist_ok=True)
            (www / folder).symlink_to(out, target_is_directory=True)
        base = serve_folder(www if folder else out) + (f"{folder}/" if folder else "")
        served[name] = Site(name, out, base, languages_of(out))
    return served


@pytest.fixture(scope="module")
def tab(browser) -> Iterator[object]:
    """One browser tab reused by every check of this module (a new page per URL costs seconds).
    It lets axe-core in past the pages' Content-Security-Policy, which admits only the site's own
    scripts."""
    require_tool(AXE.is_file(), "node_modules/axe-core is not installed; run npm ci")
    context = browser.new_context(viewport=DESKTOP, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


# --- visiting each kind of page, in use ---------------------------------------------------------


def _listing(page, site: Site, lang: str) -> None:
    """The listing with a filter and a sort set and two zones picked for comparison."""
    page.goto(f"{site.base}{lang}/clusters/")
    page.locator("#zone-filters").wait_for(state="visible")
    boxes = page.locator("label.pick input:visible")
    for index in range(min(2, boxes.count())):
        boxes.nth(index).check()
    assert page.locator("#compare-link").get_attribute("aria-disabled") == "false", "two zones picked do not compare"
    page.locator("#f-sort").select_option(index=1)
    status = page.locator("#f-status")
    if status.count():
        if not status.is_visible():  # phones start with the further filters folded
            page.locator("#more-filters > summary").click()
        status.select_option(index=1)


def _search(page, site: Site, lang: str) -> None:
    """The search page with a zone's name typed and its results shown."""
    page.goto(f"{site.base}{lang}/search/")
    field = page.locator(".pagefind-ui__search-input")
    field.fill(site.zones()[0].replace("-", " "))
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15_000)


def visits(site: Site, lang: str) -> dict[str, Callable[[object], None]]:
    """Every kind of page of ``site`` in ``lang``: name → how to open it and put it in use."""
    zones = site.zones()

    def goto(path: str) -> Callable[[object], None]:
        return lambda page: page.goto(f"{site.base}{path}", wait_until="load")

    pages: dict[str, Callable[[object], None]] = {
        "home": goto(f"{lang}/"),
        "listing": lambda page: _listing(page, site, lang),
        "fact sheet": goto(f"{lang}/clusters/{zones[0]}/"),
        "map": goto(f"{lang}/map/"),
        "compare": goto(f"{lang}/compare/?z={zones[0]},{zones[1]}"),
        "dashboard": goto(f"{lang}/dashboard/"),
        "data": goto(f"{lang}/data/"),
        "search": lambda page: _search(page, site, lang),
    }
    pages |= {f"page {name}": goto(f"{lang}/{name}/") for name in site.content_pages()}
    if (site.out / lang / "news").is_dir():
        article = next(p.parent.name for p in (site.out / lang / "news").glob("*/index.html"))
        pages |= {"news": goto(f"{lang}/news/"), "news article": goto(f"{lang}/news/{article}/")}
    return pages


def every_page(site: Site) -> dict[str, Callable[[object], None]]:
    """Every kind of page in every language, the language chooser and the 404 page."""
    pages = {f"{lang} {kind}": visit for lang in site.languages for kind, visit in visits(site, lang).items()}
    pages["language chooser"] = lambda page: page.goto(site.base, wait_until="load")
    pages["404"] = lambda page: page.goto(f"{site.base}404.html", wait_until="load")
    return pages


def on_every_page(page, site: Site, check: Callable[[object], list[str]]) -> tuple[int, list[str]]:
    """Open every page of ``site`` in ``page`` and run ``check``; returns (pages, problems)."""
    problems, pages = [], every_page(site)
    for name, visit in pages.items():
        visit(page)
        page.wait_for_load_state("load")
        problems += [f"{name} ({page.url}): {p}" for p in check(page)]
    return len(pages), problems


# --- axe-core ------------------------------------------------------------------------------------


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN)


@pytest.mark.parametrize("name", ["khanh-hoa", "ninh-binh", "news"])
def test_axe_finds_no_wcag_violation_on_any_page(tab, sites: dict[str, Site], name: str) -> None:
    tab.set_viewport_size(DESKTOP)
    count, problems = on_every_page(tab, sites[name], axe_violations)
    print(f"{name}: axe checked {count} pages")
    assert count >= 10
    assert problems == [], f"{len(problems)} violations:\n" + "\n".join(problems)


def test_axe_reports_a_violation(tab, sites: dict[str, Site]) -> None:
    """The gate above would pass vacuously if axe never ran: break a page and see it noticed."""
    tab.goto(f"{sites['ninh-binh'].base}en/")
    tab.evaluate(
        "() => { document.documentElement.removeAttribute('lang'); document.querySelector('a').textContent = ''; }"
    )
    found = " ".join(axe_violations(tab))
    assert "html-has-lang" in found, found


# --- tap targets ---------------------------------------------------------------------------------

# Links and controls smaller than 24 × 24 CSS px, except links inside a line of running text (the
# inline exception of WCAG 2.5.8): a link shares its line with words that are not themselves a
# link or a control.
SMALL_TARGETS = r"""(interactive) => {
  const words = /[\p{L}\p{N}]/u;
  const inLineOfText = (el, box) => {
    if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
    let block = el.parentElement;
    while (getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!words.test(node.textContent) || node.parentElement.closest(interactive)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.top < box.bottom - 2 && r.bottom > box.top + 2) return true;
    }
    return false;
  };
  const small = [];
  for (const el of document.querySelectorAll(interactive)) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || getComputedStyle(el).visibility === 'hidden') continue;
    if ((box.width < 24 || box.height < 24) && !inLineOfText(el, box)) {
      const text = (el.textContent || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40);
      const where = el.parentElement.closest('[class], [id], main, footer, header, nav') || el.parentElement;
      small.push(`<${el.tagName.toLowerCase()}> ${JSON.stringify(text)} in <${where.tagName.toLowerCase()} ` +
        `class="${where.className}"> is ${box.width.toFixed(1)} × ${box.height.toFixed(1)} px`);
    }
  }
  return small;
}"""


@pytest.mark.parametrize("name", ["khanh-hoa", "ninh-binh", "news"])
def test_every_stand_alone_link_and_control_is_24_px_on_a_phone(tab, sites: dict[str, Site], name: str) -> None:
    tab.set_viewport_size(PHONE)
    count, problems = on_every_page(tab, sites[name], lambda page: page.evaluate(SMALL_TARGETS, INTERACTIVE))
    assert count >= 10
    assert problems == [], f"{len(problems)} targets under 24 × 24 px:\n" + "\n".join(problems)


def test_tap_target_check_tells_small_links_from_links_in_a_sentence(tab) -> None:
    tab.set_viewport_size(PHONE)
    tab.goto("about:blank")
    tab.set_content(
        '<p style="font-size:12px">Read <a href="#a">the plan</a> first.</p>'
        '<ul><li style="font-size:12px"><a href="#b">Alone</a></li></ul>'
        '<p><a href="#c" style="display:inline-block;padding:6px">Padded</a></p>'
    )
    small = tab.evaluate(SMALL_TARGETS, INTERACTIVE)
    assert len(small) == 1 and '"Alone"' in small[0], small


# --- keyboard ------------------------------------------------------------------------------------

# Every control a keyboard user should reach, tagged with its order in the page, and how each
# looks without focus (outline and box-shadow).
TAG_CONTROLS = r"""(interactive) => {
  const shown = [...document.querySelectorAll(interactive)].filter(el =>
    !el.disabled && el.checkVisibility({visibilityProperty: true}));
  document.activeElement.blur();
  return shown.map((el, i) => {
    el.dataset.kbd = i;
    const s = getComputedStyle(el);
    const text = (el.textContent || el.name || el.value || '').trim().slice(0, 30);
    return {id: i, what: `<${el.tagName.toLowerCase()}> ${text}`,
            look: [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' ')};
  });
}"""
FOCUSED = r"""() => {
  const el = document.activeElement;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1;
  return {id: el.dataset.kbd ?? null, what: el.tagName, indicated: outline || s.boxShadow !== 'none',
          look: [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' ')};
}"""


def tab_through(page) -> tuple[int, list[str], list[str]]:
    """Press Tab through the page from its top; returns (controls, those Tab never reaches, those
    whose focus changes neither outline nor shadow)."""
    controls = {c["id"]: c for c in page.evaluate(TAG_CONTROLS, INTERACTIVE)}
    reached, unmarked = set(), []
    for _ in range(len(controls) + 30):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["id"] is None:
            continue
        reached.add(int(focused["id"]))
        before = controls[int(focused["id"])]
        if not focused["indicated"] or focused["look"] == before["look"]:
            unmarked.append(f"{before['what']}: {focused['look']} (unfocused {before['look']})")
    return len(controls), [controls[i]["what"] for i in controls if i not in reached], unmarked


@pytest.mark.parametrize(("name", "lang"), [("khanh-hoa", "en"), ("khanh-hoa", "vi"), ("ninh-binh", "en")])
def test_listing_is_usable_from_the_keyboard_alone(tab, sites: dict[str, Site], name: str, lang: str) -> None:
    tab.set_viewport_size(DESKTOP)
    _listing(tab, sites[name], lang)
    count, missed, unmarked = tab_through(tab)
    assert count > 20, f"only {count} controls on the listing"
    assert missed == [], f"Tab never reaches {len(missed)} controls: {missed[:20]}"
    assert unmarked == [], "focus is not visible on: " + "; ".join(unmarked[:20])


@pytest.mark.parametrize(("name", "lang"), [("khanh-hoa", "ja"), ("ninh-binh", "vi"), ("news", "en")])
def test_every_kind_of_page_is_usable_from_the_keyboard_alone(
    tab, sites: dict[str, Site], name: str, lang: str
) -> None:
    """Beyond the listing: on each kind of page in use (a fact sheet, the map and its markers,
    compare, the dashboard's tables, search results, content pages, news), Tab reaches every
    control and shows where the focus is."""
    tab.set_viewport_size(DESKTOP)
    problems = []
    for kind, visit in visits(sites[name], lang).items():
        visit(tab)
        tab.wait_for_load_state("load")
        count, missed, unmarked = tab_through(tab)
        problems += [f"{kind}: Tab never reaches {what}" for what in missed[:5]]
        problems += [f"{kind}: focus not visible on {what}" for what in unmarked[:5]]
        assert count > 5, f"{kind}: only {count} controls"
    assert problems == [], "\n".join(problems)


def test_keyboard_check_notices_a_hidden_focus_and_an_unreachable_control(tab, sites: dict[str, Site]) -> None:
    """The gate above would pass vacuously if it saw no focus: hide it on one link, take another
    out of the tab order, and see both named."""
    tab.set_viewport_size(DESKTOP)
    _listing(tab, sites["ninh-binh"], "en")
    tab.add_style_tag(content=".main-nav a:focus-visible { outline: none !important; box-shadow: none !important; }")
    tab.evaluate("() => document.querySelector('.site-footer a').setAttribute('tabindex', '-1')")
    _, missed, unmarked = tab_through(tab)
    footer_link = tab.evaluate("() => document.querySelector('.site-footer a').textContent.trim()")
    assert any(footer_link in m for m in missed), missed
    assert any(u.startswith("<a>") for u in unmarked), unmarked


def test_skip_link_moves_focus_to_the_content(tab, sites: dict[str, Site]) -> None:
    tab.goto(f"{sites['khanh-hoa'].base}en/clusters/")
    tab.keyboard.press("Tab")
    assert tab.evaluate("() => document.activeElement.getAttribute('href')") == "#main"
    tab.keyboard.press("Enter")
    assert tab.evaluate("() => document.activeElement.id") == "main"


# --- text equivalents ----------------------------------------------------------------------------


NUMBER = re.compile(r"\d(?:[\d.,]*\d)?")


def _chart_problems(block: str) -> list[str]:
    """What a dashboard chart draws (a label, then its figures, per bar) that its table does not
    say: the table needs a row headed by the label, holding every number written on the bar."""
    svg = re.search(r"<svg.*?</svg>", block, re.S)
    if not svg:
        return ["a chart block has no chart"]
    drawn = [strip_tags(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg.group(0), re.S)]
    table = re.search(r"<tbody>(.*?)</tbody>", block.replace(svg.group(0), ""), re.S)
    if not drawn or not table:
        return ["the chart draws nothing or has no table beside it"]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S):
        cells = [strip_tags(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        rows[cells[0]] = " ".join(cells[1:])
    problems = []
    for label, value in zip(drawn[::2], drawn[1::2], strict=True):
        header = next((h for h in rows if h.startswith(label.rstrip("…").strip())), None)
        if header is None:
            problems.append(f"no row for the bar {label!r}")
        elif not set(NUMBER.findall(value)) <= set(NUMBER.findall(rows[header])):
            problems.append(f"the bar {label!r} says {value!r}, its row {rows[header]!r}")
    return problems


@pytest.mark.parametrize("name", ["khanh-hoa", "ninh-binh"])
def test_dashboard_charts_have_their_figures_as_text(sites: dict[str, Site], name: str) -> None:
    site, problems = sites[name], []
    for lang in site.languages:
        html = (site.out / lang / "dashboard" / "index.html").read_text("utf-8")
        blocks = re.findall(r'<section aria-labelledby="(d-[^"]+)" class="chart-block">(.*?)</section>', html, re.S)
        assert blocks, f"{lang}: the dashboard has no chart"
        problems += [f"{lang} {ident}: {p}" for ident, block in blocks for p in _chart_problems(block)]
    assert problems == [], "figures drawn in a chart but not written beside it:\n" + "\n".join(problems[:20])


@pytest.mark.parametrize("name", ["khanh-hoa", "ninh-binh"])
def test_map_zones_are_listed_as_text(sites: dict[str, Site], name: str) -> None:
    """Every marker, and every zone the map cannot place, is a link in the page's text."""
    site = sites[name]
    for lang in site.languages:
        html = (site.out / lang / "map" / "index.html").read_text("utf-8")
        points = json.loads(re.search(r'<script type="application/json" id="map-points">(.*?)</script>', html, re.S)[1])
        text = html.split('id="zone-map"', 1)[1].split("</main>", 1)[0]
        links = {a["href"] for tag, a in parse(text).tags if tag == "a" and "href" in a}
        unlisted = [p["name"] for p in points if p["url"] not in links]
        assert unlisted == [], f"{lang}: markers not listed beside the map: {unlisted}"
        zones = {f"../clusters/{slug}/" for slug in site.zones()}
        assert zones <= links, f"{lang}: zones the map page does not name: {sorted(zones - links)}"
