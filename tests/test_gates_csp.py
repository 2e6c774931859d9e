"""Quality gates: a strict Content-Security-Policy on every page, and a first view that holds still.

Every page of both example sites, in every language, starts its head with the policy as a
``<meta>``, runs no inline script, no ``on*=`` handler and no ``javascript:`` address, and carries no
style attribute (the policy would refuse it). In headless Chromium, one page of each type of each
site (and of a site with news and its own tile server) then loads, on a phone, with the page's
scripts arriving only after the first paint, as on a slow connection: it must log no console
error and no policy violation, its feature must still work (the listing filter narrows rows, the
map shows markers, compare shows the zones' columns, search finds results), and its cumulative
layout shift must stay under 0.1. Each page's figure is printed (``pytest -s``).
"""

from __future__ import annotations

import base64
import functools
import http.server
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import REPO, QuietHandler, build, make_site, parse
from sites import RICH_PAGES, RICH_SITE_EXTRA, RICH_ZONES

CLS_LIMIT = 0.1
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}
JSON_TYPES = {"application/json", "application/ld+json"}
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data")
# A 1x1 PNG standing in for every map tile, so tiles load (and meet img-src) with no network.
TILE = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII=")
# Layout shifts since the page started, less those right after input; read after a short settle.
CLS_SCRIPT = """() => new Promise(resolve => {
  let total = 0;
  const add = entries => { for (const e of entries) if (!e.hadRecentInput) total += e.value; };
  const observer = new PerformanceObserver(list => add(list.getEntries()));
  observer.observe({type: "layout-shift", buffered: true});
  setTimeout(() => { add(observer.takeRecords()); observer.disconnect(); resolve(total); }, 500);
})"""
VIOLATIONS_SCRIPT = """document.addEventListener("securitypolicyviolation", e => {
  (window.__violations = window.__violations || []).push(e.violatedDirective + " " + e.blockedURI);
});"""


# --- the policy in the HTML of every page ----------------------------------------------------------


def pages_of(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


def tile_origin(site: Path) -> str:
    """Where the site's map tiles come from, read from its site.yaml (OpenStreetMap by default)."""
    config = yaml.safe_load((site / "site.yaml").read_text(encoding="utf-8"))
    tiles = (config.get("map") or {}).get("tiles", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    parts = urlsplit(tiles.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}"


def page_problems(html: str, search: bool, tiles: str) -> list[str]:
    """What in one page breaks the policy, or would be refused by it."""
    tags = parse(html).tags
    problems = []
    metas = [i for i, (tag, a) in enumerate(tags) if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    if len(metas) != 1:
        return [f"{len(metas)} Content-Security-Policy meta elements"]
    loads = [i for i, (tag, _) in enumerate(tags) if tag in ("script", "style", "link")]
    if loads and loads[0] < metas[0]:
        problems.append(f"<{tags[loads[0]][0]}> comes before the policy")
    policy = directives(tags[metas[0]][1]["content"])
    expected = ["'self'", "'wasm-unsafe-eval'"] if search else ["'self'"]
    if policy.get("script-src") != expected:
        problems.append(f"script-src is {policy.get('script-src')}, not {expected}")
    if "'unsafe-inline'" in policy.get("style-src", []) or "'unsafe-inline'" in policy.get("default-src", []):
        problems.append("inline styles allowed")
    if tiles not in policy.get("img-src", []):
        problems.append(f"img-src {policy.get('img-src')} misses the tile server {tiles}")
    for tag, attributes in tags:
        if tag == "script" and "src" not in attributes and attributes.get("type") not in JSON_TYPES:
            problems.append(f"inline <script type={attributes.get('type')!r}>")
        problems += [f"<{tag} {name}=...>" for name in attributes if name.startswith("on")]
        if "style" in attributes:
            problems.append(f"<{tag} style=...>")
        for name in URL_ATTRIBUTES:
            if re.sub(r"\s", "", attributes.get(name, "")).lower().startswith("javascript:"):
                problems.append(f"<{tag} {name}=javascript:...>")
    return problems


@pytest.mark.parametrize("name", ["example", "ninh-binh"])
def test_every_page_carries_the_policy_and_no_inline_script(
    name: str, example_site: Path, ninh_binh_site: Path
) -> None:
    out, source = (example_site, REPO) if name == "example" else (ninh_binh_site, REPO / "examples" / "ninh-binh")
    tiles = tile_origin(source)
    pages = pages_of(out)
    languages = {p.relative_to(out).parts[0] for p in pages if len(p.relative_to(out).parts) > 1}
    assert len(pages) > 20 and len(languages) >= 2, f"too few pages to judge: {len(pages)} in {languages}"
    found = {}
    for page in pages:
        rel = page.relative_to(out).as_posix()
        problems = page_problems(page.read_text(encoding="utf-8"), rel.endswith("search/index.html"), tiles)
        if problems:
            found[rel] = problems
    assert not found, "\n".join(f"{rel}: {'; '.join(p)}" for rel, p in found.items())


def test_the_checks_catch_what_the_policy_forbids() -> None:
    """The page check itself: each thing the policy forbids, put in a good page, is caught."""
    policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https://t.test"
    good = f'<html><head><meta http-equiv="Content-Security-Policy" content="{policy}"></head><body>'
    scripts = '<script src="a.js"></script><script type="application/json">{}</script>'
    assert page_problems(good + scripts, False, "https://t.test") == []
    for bad in (
        "<script>alert(1)</script>",
        '<img src="x.png" onerror="alert(1)">',
        '<a href=" javascript:alert(1)">x</a>',
        '<span style="color: red">x</span>',
    ):
        assert page_problems(good + bad, False, "https://t.test"), bad
    assert page_problems(good, False, "https://other.test"), "a missing tile server"
    assert page_problems(
        good.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"), False, "https://t.test"
    )


def test_readme_shows_the_policy_the_example_pages_carry(example_site: Path) -> None:
    """The header README tells hosts to send is the search page's policy, which allows the most."""
    html = (example_site / "en" / "search" / "index.html").read_text(encoding="utf-8")
    policy = next(a["content"] for tag, a in parse(html).tags if a.get("http-equiv") == "Content-Security-Policy")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert policy in readme, "README shows another policy than the pages carry"


# --- each page type in Chromium --------------------------------------------------------------------


class SiteHandler(QuietHandler):
    """A static host: a missing file is answered with the site's 404.html, as hosts are set up to."""

    not_found: Path

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404 or not self.not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@dataclass
class Served:
    """A built site served at the path its base_url names: ``base`` is its public root."""

    base: str
    out: Path


def serve_at(out: Path, base_url: str, www: Path, servers: list[http.server.ThreadingHTTPServer]) -> Served:
    path = urlsplit(base_url).path.strip("/")
    www.mkdir(parents=True, exist_ok=True)
    (www / path).parent.mkdir(parents=True, exist_ok=True)
    (www / path).symlink_to(out, target_is_directory=True)
    handler = type("Handler", (SiteHandler,), {"not_found": out / "404.html"})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(www)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    servers.append(server)
    return Served(f"http://127.0.0.1:{server.server_address[1]}/{path}/", out)


@pytest.fixture(scope="module")
def served(
    example_site: Path, ninh_binh_site: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Served]]:
    """The two examples and a site with news and its own tile server, each under its sub-path."""
    rich = make_site(
        tmp_path_factory.mktemp("csp-news") / "site", zones=RICH_ZONES, pages=RICH_PAGES, site_extra=RICH_SITE_EXTRA
    )
    sites = {
        "example": (example_site, REPO),
        "ninh-binh": (ninh_binh_site, REPO / "examples" / "ninh-binh"),
        "news": (build(rich, rich.parent / "_site"), rich),
    }
    servers: list[http.server.ThreadingHTTPServer] = []
    www = tmp_path_factory.mktemp("csp-www")
    result = {}
    for name, (out, source) in sites.items():
        base_url = yaml.safe_load((source / "site.yaml").read_text(encoding="utf-8"))["base_url"]
        result[name] = serve_at(out, base_url, www / name, servers)
    yield result
    for server in servers:
        server.shutdown()
        server.server_close()


def zone_slugs(out: Path, lang: str) -> list[str]:
    """The site's zones, in listing order, from the built listing."""
    html = (out / lang / "clusters" / "index.html").read_text(encoding="utf-8")
    return re.findall(r'<label class="pick[^"]*"><input type="checkbox" value="([a-z0-9-]+)"', html)


def narrowing_status(out: Path, lang: str) -> str:
    """A status some zones of the listing have and others not: filtering by it narrows the rows."""
    html = (out / lang / "clusters" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr data-[^>]*>", html)
    counts = Counter(m.group(1) for row in rows if (m := re.search(r'data-status="([a-z_]+)"', row)))
    narrowing = [status for status, n in counts.most_common() if n < len(rows)]
    assert narrowing, f"no status narrows the listing of {out}"
    return narrowing[0]


@dataclass
class Visit:
    """What one page load gave: the page, its errors and policy violations, and its layout shift."""

    page: object
    errors: list[str]
    cls: float

    def violations(self) -> list[str]:
        return self.page.evaluate("window.__violations || []")  # type: ignore[attr-defined]


@pytest.fixture
def visit(browser: object) -> Iterator[Callable[..., Visit]]:
    """Open a URL on a phone with the page's own scripts held until it has painted and a second
    has passed (as on a slow connection; js/site.js, which the head waits for, is let through), so
    every change the scripts make lands after the first view; then measure the layout shift."""
    contexts = []

    def open_page(url: str, ready: str | None = None) -> Visit:
        context = browser.new_context(**PHONE)  # type: ignore[attr-defined]
        context.set_default_timeout(20_000)
        contexts.append(context)
        held: list[object] = []
        state = {"hold": True}

        def route(r: object) -> None:
            request = r.request  # type: ignore[attr-defined]
            if urlsplit(request.url).hostname != "127.0.0.1":
                r.fulfill(status=200, content_type="image/png", body=TILE)  # type: ignore[attr-defined]
            elif state["hold"] and request.resource_type == "script" and "/js/site.js" not in request.url:
                held.append(r)
            else:
                r.continue_()  # type: ignore[attr-defined]

        context.route("**/*", route)
        context.add_init_script(VIOLATIONS_SCRIPT)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
        page.goto(url, wait_until="commit")
        page.wait_for_function("() => performance.getEntriesByType('paint').length > 0 && performance.now() > 1000")
        state["hold"] = False
        for r in held:
            r.continue_()  # type: ignore[attr-defined]
        page.wait_for_load_state("load")
        if ready:
            page.locator(ready).first.wait_for(state="attached")
        return Visit(page, errors, page.evaluate(CLS_SCRIPT))

    yield open_page
    for context in contexts:
        context.close()


@dataclass(frozen=True)
class Kind:
    """A page type: its address (``{status}`` and ``{zones}`` filled from the site), the element
    that says its script is done, and a check that its feature works."""

    path: str
    ready: str | None = None
    check: Callable[[object, Served, str], None] | None = None


def check_listing(page: object, site: Served, lang: str) -> None:
    status = narrowing_status(site.out, lang)
    rows = page.locator("#zone-list tbody tr")  # type: ignore[attr-defined]
    shown = [r.get_attribute("data-status") for r in rows.all() if r.is_visible()]
    assert shown and set(shown) == {status}, f"filtering by {status} shows rows of {set(shown)}"
    assert len(shown) < len(zone_slugs(site.out, lang)), "the filter does not narrow the rows"


def check_map(page: object, site: Served, lang: str) -> None:
    html = (site.out / lang / "map" / "index.html").read_text(encoding="utf-8")
    if 'id="map-points">[]<' in html:  # no zone has coordinates: no empty map either
        assert not page.locator("#zone-map").is_visible(), "an empty map is shown"  # type: ignore[attr-defined]
        return
    markers = page.locator("#zone-map path.zone-marker, #zone-map .marker-cluster")  # type: ignore[attr-defined]
    assert markers.count() > 0, "the map shows no marker"
    assert page.locator("#zone-map img.leaflet-tile").count() > 0, "no tile was drawn"  # type: ignore[attr-defined]


def check_compare(page: object, site: Served, lang: str) -> None:
    heads = page.locator("#compare-table thead th")  # type: ignore[attr-defined]
    assert heads.count() == 2, f"compare shows {heads.count()} zone columns, not 2"


def check_search(page: object, site: Served, lang: str) -> None:
    """Type a word of a zone's name, as a reader would, and expect results."""
    box = page.locator(".pagefind-ui__search-input")  # type: ignore[attr-defined]
    box.fill("")
    box.press_sequentially(name_word(site, lang))
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15_000)  # type: ignore[attr-defined]


def check_dashboard(page: object, site: Served, lang: str) -> None:
    assert page.locator("main svg").count() > 0, "the dashboard draws no chart"  # type: ignore[attr-defined]


def fact_sheet(site: Served, lang: str) -> str:
    return (site.out / lang / "clusters" / zone_slugs(site.out, lang)[0] / "index.html").read_text(encoding="utf-8")


def name_word(site: Served, lang: str) -> str:
    """The longest word of the first zone's name: something a reader would search for."""
    name = re.sub(r"<[^>]+>", "", re.search(r"<h1>(.*?)</h1>", fact_sheet(site, lang), re.S)[1])
    return max(name.split(), key=len)


KINDS = {
    "home": Kind(""),
    "listing": Kind("clusters/?status={status}", "#zone-list.settled", check_listing),
    "fact-sheet": Kind("clusters/{zone}/"),
    "map": Kind("map/", "#zone-map.map-ready, #zone-map[hidden]", check_map),
    "compare": Kind("compare/?z={zones}", "#compare-table:not([hidden])", check_compare),
    "dashboard": Kind("dashboard/", None, check_dashboard),
    "data": Kind("data/"),
    "search": Kind("search/?q={word}", ".pagefind-ui__result-link", check_search),
    "content": Kind("about/"),
    "404": Kind("no-such-page/"),
}
NEWS_KINDS = {"news": Kind("news/"), "article": Kind("news/bac-son-opens/"), "map": KINDS["map"]}
CASES = [(site, kind) for site in ("example", "ninh-binh") for kind in KINDS] + [("news", k) for k in NEWS_KINDS]
LANG = {"example": "en", "ninh-binh": "vi", "news": "en"}


def address(site: Served, lang: str, kind: Kind) -> str:
    slugs = zone_slugs(site.out, lang)
    path = kind.path.format(
        status=narrowing_status(site.out, lang), zone=slugs[0], zones=",".join(slugs[:2]), word=name_word(site, lang)
    )
    return site.base + ("" if path.startswith("no-such") else f"{lang}/") + path


@pytest.mark.parametrize(("site_name", "kind_name"), CASES)
def test_each_page_type_runs_under_the_policy_and_holds_still(
    served: dict[str, Served], visit: Callable[..., Visit], site_name: str, kind_name: str
) -> None:
    site, lang = served[site_name], LANG[site_name]
    kind = (NEWS_KINDS if site_name == "news" else KINDS)[kind_name]
    url = address(site, lang, kind)
    seen = visit(url, kind.ready)
    print(f"\nCLS {site_name} {kind_name}: {seen.cls:.4f} ({url})")

    def trouble() -> list[str]:
        # The 404 page is itself answered with status 404, which Chromium logs as an error.
        errors = [e for e in seen.errors if not (kind_name == "404" and "status of 404" in e)]
        return errors + [f"refused by the policy: {v}" for v in seen.violations()]

    assert trouble() == [], f"{url}: {trouble()}"
    if kind.check:
        kind.check(seen.page, site, lang)
        assert trouble() == [], f"{url}, once used: {trouble()}"
    assert seen.cls < CLS_LIMIT, f"{url}: cumulative layout shift {seen.cls:.3f} on a phone"


def test_search_works_on_the_page_itself_when_its_worker_cannot_run(served: dict[str, Served], browser: object) -> None:
    """Pagefind reads its index in a web worker, which the page's policy does not govern; where no
    worker can run, it reads it on the page, and the search page's policy must allow that."""
    context = browser.new_context()  # type: ignore[attr-defined]
    try:
        context.route("**/pagefind-worker.js", lambda route: route.abort())
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        site = served["example"]
        page.goto(f"{site.base}en/search/?q={name_word(site, 'en')}")
        page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15_000)
        assert [e for e in errors if "pagefind-worker.js" not in e] == [], errors
    finally:
        context.close()
