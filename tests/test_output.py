"""What investors see: derived figures, numbers in each language's conventions, bilingual linking
(lang, canonical, hreflang, language switcher, sitemap), hostile text made harmless, relative
links, and the province figures on the home page."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import (
    BASE_URL,
    MINIMAL_ZONE,
    NBSP,
    build,
    figures,
    headlines,
    make_site,
    parse,
    read,
    run_cli,
    strip_tags,
    table_rows,
)

ZONES = {
    "alpha.yaml": """\
        name: {vi: Cụm công nghiệp Alpha, en: Alpha Industrial Cluster}
        type: industrial_cluster
        status: operating
        featured: true
        area:
          total_ha: 1500
          industrial_land_ha: 1234.5
          leased_ha: 1000
          occupancy_pct: 81
        tenants:
          establishments: 80
          workers: 4440
          registered_capital_vnd: 31000000000000
          registered_capital_usd: 55000000
        lease:
          price_usd_m2: 55
        """,
    "beta.yaml": """\
        name: {vi: Cụm công nghiệp Beta, en: Beta Industrial Cluster}
        type: industrial_cluster
        status: operating
        area:
          industrial_land_ha: 60
          leased_ha: 47.3
        """,
    "gamma.md": """\
        ---
        name: {vi: Cụm công nghiệp Gamma, en: Gamma Industrial Cluster}
        type: industrial_cluster
        status: established
        ---
        <!-- lang: vi -->
        Gamma nằm cạnh [cụm Alpha](/clusters/alpha/).

        <!-- lang: en -->
        Gamma lies next to [the Alpha cluster](/clusters/alpha/).
        """,
    "delta.yaml": """\
        name: {vi: Khu công nghiệp Delta, en: Delta Industrial Park}
        type: industrial_park
        status: planned
        """,
}

PAGES = {
    "about.md": """\
        ---
        title: {vi: Giới thiệu, en: About}
        nav: 1
        ---
        See the [list](/clusters/), [Alpha](/clusters/alpha/), [its figures](/clusters/alpha/#key-figures),
        [the Vietnamese home](/vi/), [the stylesheet](/static/site.css) and [the ministry](https://moit.gov.vn/).
        """,
}

PLAN = """\
plan:
  title: {vi: Kế hoạch phát triển cụm công nghiệp, en: Cluster development plan}
  source: plan-2024
  figures:
    - label: {vi: Cụm công nghiệp theo quy hoạch, en: Clusters in the plan}
      metric: zones
      type: industrial_cluster
      value: 14
    - label: {vi: Cụm đang hoạt động, en: Clusters in operation}
      metric: zones
      type: industrial_cluster
      status: operating
      value: 2
    - label: {vi: Cụm đã thành lập, en: Clusters established}
      metric: zones
      type: industrial_cluster
      status_from: established
      value: 4
    - label: {vi: Diện tích đất công nghiệp, en: Industrial land area}
      metric: industrial_land_ha
      value: 1200
      qualifier: more_than
    - label: {vi: Cụm do doanh nghiệp đầu tư, en: Clusters built by enterprises}
      unit: count
      value: 7
"""

LANGS = ("vi", "en")
TOOL_PAGES = ("map/", "compare/", "dashboard/", "data/", "search/")
ZERO_HA = re.compile(rf"(?<![\d.,]){re.escape('0')}[{NBSP} ]ha\b")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site(tmp_path_factory.mktemp("output") / "site", zones=ZONES, pages=PAGES, site_extra=PLAN)
    return build(root, root.parent / "_site")


def html_pages(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))


# --- derived figures and "not published" --------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "available", "occupancy", "leased", "mark"),
    [("en", "12.7", "78.8%", "47.3", "(calculated)"), ("vi", "12,7", "78,8%", "47,3", "(tính toán)")],
)
def test_free_land_and_occupancy_are_computed_and_marked(
    out: Path, lang: str, available: str, occupancy: str, leased: str, mark: str
) -> None:
    html = read(out, f"{lang}/clusters/beta/index.html")
    figs = figures(html)
    label = {"en": ("Available", "Occupancy", "Leased"), "vi": ("Còn trống", "Tỷ lệ lấp đầy", "Đã cho thuê")}[lang]
    assert figs[label[0]].startswith(f"{available}{NBSP}ha"), figs[label[0]]
    assert figs[label[0]].endswith(mark)
    assert figs[label[1]].startswith(occupancy), figs[label[1]]
    assert figs[label[1]].endswith(mark)
    assert figs[label[2]].startswith(f"{leased}{NBSP}ha")
    assert mark not in figs[label[2]], "a figure from the file must not be marked as calculated"
    assert "12.700000" not in html and "12,700000" not in html


def test_given_figures_are_not_marked_as_calculated(out: Path) -> None:
    figs = figures(read(out, "en/clusters/alpha/index.html"))
    assert "(calculated)" not in figs["Occupancy"]
    assert figs["Occupancy"].startswith("81%")
    assert figs["Available"].startswith(f"234.5{NBSP}ha") and figs["Available"].endswith("(calculated)")


@pytest.mark.parametrize(
    ("lang", "missing", "zone_line"),
    [
        ("en", "not published", "Not yet published for this zone: Land, "),
        ("vi", "chưa công bố", "Khu, cụm này chưa công bố: Đất đai, "),
    ],
)
def test_missing_figures_say_not_published_never_zero(out: Path, lang: str, missing: str, zone_line: str) -> None:
    sheet = read(out, f"{lang}/clusters/gamma/index.html")
    figs = figures(sheet)
    total = {"en": "Total area", "vi": "Tổng diện tích"}[lang]
    assert total not in figs, "a figure nobody published is not laid out as one"
    assert zone_line in strip_tags(sheet), "the sections with nothing published are not named at the top"
    assert not ZERO_HA.search(sheet), ZERO_HA.search(sheet)
    rows = {row[0]: row for row in table_rows(read(out, f"{lang}/clusters/index.html"), "zones")[1:]}
    gamma = next(row for name, row in rows.items() if "Gamma" in name)
    assert gamma.count(missing) >= 3, gamma
    assert not any(ZERO_HA.search(cell) for cell in gamma), gamma


# --- number formats per language ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "labels", "expected"),
    [
        (
            "en",
            ("Industrial land", "Total area", "Workers", "Registered capital (VND)", "Registered capital (USD)"),
            (f"1,234.5{NBSP}ha", f"1,500{NBSP}ha", "4,440", f"VND{NBSP}31{NBSP}trillion", f"USD{NBSP}55{NBSP}million"),
        ),
        (
            "vi",
            ("Đất công nghiệp", "Tổng diện tích", "Lao động", "Vốn đăng ký (VND)", "Vốn đăng ký (USD)"),
            (
                f"1.234,5{NBSP}ha",
                f"1.500{NBSP}ha",
                "4.440",
                f"31{NBSP}nghìn{NBSP}tỷ{NBSP}đồng",
                f"55{NBSP}triệu{NBSP}USD",
            ),
        ),
    ],
)
def test_numbers_follow_each_languages_conventions(
    out: Path, lang: str, labels: tuple[str, ...], expected: tuple[str, ...]
) -> None:
    figs = figures(read(out, f"{lang}/clusters/alpha/index.html"))
    for label, value in zip(labels, expected, strict=True):
        assert figs[label].startswith(value), (label, figs[label], value)


def test_listing_shows_land_in_each_language(out: Path) -> None:
    en = read(out, "en/clusters/index.html")
    vi = read(out, "vi/clusters/index.html")
    assert f"1,234.5{NBSP}ha" not in vi and f"1.500{NBSP}ha" in vi and f"234,5{NBSP}ha" in vi
    assert f"1,500{NBSP}ha" in en and f"234.5{NBSP}ha" in en
    assert "1,500 ha" not in en, "number and unit must be joined by a no-break space"


# --- languages, canonical links, alternates, switcher, sitemap ----------------------------------


def _key(rel: str) -> tuple[str, str]:
    """``en/clusters/alpha/index.html`` → ("en", "clusters/alpha/")."""
    lang, _, rest = rel.partition("/")
    return lang, rest[: -len("index.html")]


def test_every_language_page_declares_language_canonical_and_alternates(out: Path) -> None:
    pages = [p for p in html_pages(out) if p.split("/")[0] in LANGS]
    assert len(pages) == 2 * (2 + len(ZONES) + len(PAGES) + len(TOOL_PAGES))
    for rel in pages:
        lang, key = _key(rel)
        html = read(out, rel)
        tags = parse(html).tags
        assert f'<html lang="{lang}">' in html, rel
        links = [attrs for tag, attrs in tags if tag == "link"]
        canonical = [a["href"] for a in links if a.get("rel") == "canonical"]
        assert canonical == [f"{BASE_URL}{lang}/{key}"], rel
        alternates = {a["hreflang"]: a["href"] for a in links if a.get("rel") == "alternate"}
        assert alternates == {
            "vi": f"{BASE_URL}vi/{key}",
            "en": f"{BASE_URL}en/{key}",
            "x-default": _x_default(key),
        }, rel


def _x_default(key: str) -> str:
    """A home's version for other readers is the language chooser; any other page's, the Vietnamese."""
    return BASE_URL if key == "" else f"{BASE_URL}vi/{key}"


def _alternates(html: str) -> dict[str, str]:
    return {a["hreflang"]: a["href"] for t, a in parse(html).tags if t == "link" and a.get("rel") == "alternate"}


def test_root_chooser_and_language_homes_name_each_other(out: Path) -> None:
    """hreflang is reciprocal: the chooser lists every home and itself as x-default; each home
    names the chooser as its x-default and every other home as an alternate."""
    homes = {lang: f"{BASE_URL}{lang}/" for lang in LANGS}
    assert _alternates(read(out, "index.html")) == {**homes, "x-default": BASE_URL}
    for lang in LANGS:
        assert _alternates(read(out, f"{lang}/index.html")) == {**homes, "x-default": BASE_URL}, lang


def test_language_switcher_leads_to_the_same_page_in_the_other_language(out: Path) -> None:
    for rel in [p for p in html_pages(out) if p.split("/")[0] in LANGS]:
        key = _key(rel)[1]
        switcher = {a["hreflang"]: a["href"] for tag, a in parse(read(out, rel)).tags if tag == "a" and "hreflang" in a}
        assert set(switcher) == set(LANGS), rel
        for other, href in switcher.items():
            assert not href.startswith(("/", "http")), f"{rel}: switcher link {href} is not relative"
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), href))
            assert target == posixpath.normpath(f"{other}/{key}"), (rel, href)
            assert (out / target / "index.html").is_file()


def test_root_page_offers_both_languages(out: Path) -> None:
    html = read(out, "index.html")
    tags = parse(html).tags
    assert '<html lang="vi">' in html
    assert [a["href"] for t, a in tags if t == "link" and a.get("rel") == "canonical"] == [BASE_URL]
    hrefs = {a["href"] for t, a in tags if t == "a"}
    assert {"vi/", "en/"} <= hrefs
    assert "Invest in the test clusters" in html and "Đầu tư vào cụm công nghiệp thử" in html


def test_not_found_page_links_home_in_both_languages(out: Path) -> None:
    html = read(out, "404.html")
    tags = parse(html).tags
    assert {a.get("lang") for t, a in tags if t == "div"} >= {"vi", "en"}, "the message is not in both languages"
    hrefs = {a["href"] for t, a in tags if t == "a"}
    # The 404 page is served at any depth, so it links from the site's own root path.
    assert {"/invest/vi/", "/invest/en/"} <= hrefs


def test_sitemap_lists_every_page_with_its_alternates(out: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring((out / "sitemap.xml").read_bytes())
    urls = root.findall("s:url", ns)
    locs = [u.findtext("s:loc", namespaces=ns) for u in urls]
    pages = [p for p in html_pages(out) if p.split("/")[0] in LANGS and not _noindex(read(out, p))]
    expected = {BASE_URL + _key(p)[0] + "/" + _key(p)[1] for p in pages}
    # The language chooser at the root is listed too, with each language's home as an alternate.
    assert sorted(locs) == sorted(expected | {BASE_URL})
    for url in urls:
        loc = url.findtext("s:loc", namespaces=ns)
        if loc == BASE_URL:
            alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
            assert alternates == {"vi": f"{BASE_URL}vi/", "en": f"{BASE_URL}en/", "x-default": BASE_URL}
            continue
        key = loc[len(BASE_URL) :].partition("/")[2]
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        assert alternates == {
            "vi": f"{BASE_URL}vi/{key}",
            "en": f"{BASE_URL}en/{key}",
            "x-default": _x_default(key),
        }, loc
    robots = read(out, "robots.txt")
    assert f"Sitemap: {BASE_URL}sitemap.xml" in robots.splitlines()


def _noindex(html: str) -> bool:
    robots = [a.get("content", "") for t, a in parse(html).tags if t == "meta" and a.get("name") == "robots"]
    return any("noindex" in content.split(", ") for content in robots)


def test_sitemap_leaves_out_exactly_the_pages_that_say_noindex(out: Path) -> None:
    """Search engines are never sent to a page that asks them not to index it, and every page that
    does not ask so is listed: the page's HTML and the sitemap agree for every page."""
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    marked = []
    for rel in html_pages(out):
        address = BASE_URL + rel.removesuffix("index.html")
        if _noindex(read(out, rel)):
            marked.append(rel)
            assert address not in listed, f"{rel} says noindex but the sitemap lists it"
        else:
            assert address in listed, f"{rel} may be indexed but the sitemap leaves it out"
    assert sorted(marked) == ["404.html", "en/search/index.html", "vi/search/index.html"]


def test_every_page_declares_the_favicon_and_a_valid_open_graph_type(out: Path) -> None:
    """Browsers ask for /favicon.ico (a 404 under a sub-path) unless a page names its icon; Open
    Graph knows ``website`` and ``article``, not ``place``."""
    for rel in html_pages(out):
        tags = parse(read(out, rel)).tags
        icons = [a["href"] for t, a in tags if t == "link" and a.get("rel") == "icon"]
        assert len(icons) == 1, rel
        path = icons[0].split("?")[0]
        if path.startswith("/invest/"):  # the 404 page is served at any depth
            target = path.removeprefix("/invest/")
        else:
            assert not path.startswith(("/", "http")), f"{rel}: {path} is not relative"
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
        assert target == "static/favicon.svg", rel
        assert (out / target).read_bytes().startswith(b"<svg")
        og = [a["content"] for t, a in tags if t == "meta" and a.get("property") == "og:type"]
        assert og in ([], ["website"], ["article"]), rel
    assert [
        a["content"] for t, a in parse(read(out, "en/clusters/alpha/index.html")).tags if a.get("property") == "og:type"
    ] == ["website"]


# --- links --------------------------------------------------------------------------------------


def test_site_links_in_markdown_become_relative(out: Path) -> None:
    hrefs = [a.get("href") for t, a in parse(read(out, "en/about/index.html")).tags if t == "a"]
    assert "../clusters/" in hrefs
    assert "../clusters/alpha/" in hrefs
    assert "../../vi/" in hrefs
    assert "../../static/site.css" in hrefs
    assert "https://moit.gov.vn/" in hrefs
    assert not [h for h in hrefs if h and h.startswith("/")], "a root-relative link breaks under a sub-path"
    gamma = [a.get("href") for t, a in parse(read(out, "vi/clusters/gamma/index.html")).tags if t == "a"]
    assert "../alpha/" in gamma


def test_site_link_with_an_anchor_keeps_its_trailing_slash(out: Path) -> None:
    """``/clusters/alpha/#key-figures`` must lead to the folder, not to a file named ``alpha``."""
    hrefs = [a.get("href") for t, a in parse(read(out, "en/about/index.html")).tags if t == "a"]
    assert "../clusters/alpha/#key-figures" in hrefs, hrefs


def test_percent_encoded_link_to_a_static_file_is_not_broken(tmp_path: Path) -> None:
    """Staff name files "Quyet dinh 12.pdf"; a Markdown link to it must be written %20-encoded."""
    pages = {"docs.md": "---\ntitle: Docs\n---\nRead [the decision](/static/docs/Quyet%20dinh%2012.pdf).\n"}
    root = make_site(
        tmp_path / "site",
        zones={"alpha.yaml": MINIMAL_ZONE},
        pages=pages,
        files={"static/docs/Quyet dinh 12.pdf": b"%PDF-1.4\n"},
    )
    code, _, stderr = run_cli("build", "--site", root, "--out", tmp_path / "out")
    assert code == 0, stderr
    hrefs = [a.get("href") for t, a in parse(read(tmp_path / "out", "en/docs/index.html")).tags if t == "a"]
    assert "../../static/docs/Quyet%20dinh%2012.pdf" in hrefs
    assert (tmp_path / "out" / "static" / "docs" / "Quyet dinh 12.pdf").is_file()


def test_broken_internal_link_fails_the_build(tmp_path: Path) -> None:
    pages = {"about.md": "---\ntitle: About\n---\nSee [the cluster](/clusters/alpah/).\n"}
    root = make_site(tmp_path / "site", zones={"alpha.yaml": MINIMAL_ZONE}, pages=pages)
    code, _, stderr = run_cli("build", "--site", root, "--out", tmp_path / "out")
    assert code == 1
    hint = "(check the spelling; write site links from the root, e.g. /clusters/trang-e/)"
    # One report per link as written, located where it is written (not one per language).
    assert headlines(stderr) == [f"content/about.md:4:19: link to /clusters/alpah/ leads to no page or file {hint}"]
    assert not (tmp_path / "out").exists()


def test_broken_link_in_a_zone_description_names_the_zone_file(tmp_path: Path) -> None:
    zones = {"alpha.yaml": MINIMAL_ZONE + "description: See [the plan](/plan/).\n"}
    root = make_site(tmp_path / "site", zones=zones, pages={})
    code, _, stderr = run_cli("check", "--site", root)
    assert code == 1
    assert [line.split(": link to ")[0] for line in headlines(stderr)] == ["clusters/alpha.yaml:3:29"]


# --- province figures on the home page -----------------------------------------------------------


def _rows(out: Path, lang: str, table: str) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in table_rows(read(out, f"{lang}/index.html"), table)[1:]}


def test_plan_figures_show_as_published_with_how_far_the_site_covers_them(out: Path) -> None:
    """Public pages show the plan's figures as the province publishes them, and how many zones on
    the site report each; the difference between the two is for staff (check --report)."""
    html = read(out, "en/index.html")
    header = table_rows(html, "figures")[0]
    assert header == ["Figure", "Published", "On this site"], "the public table must not contradict the plan"
    rows = _rows(out, "en", "figures")
    assert rows["Clusters in the plan"] == ["14", "3 zones on this site"]
    assert rows["Clusters established"] == ["4", "3 zones on this site"]  # established counts operating ones too
    assert rows["Industrial land area"] == [f"more than 1,200{NBSP}ha", "2 of 4 zones report this"]
    assert rows["Clusters built by enterprises"] == ["7", "–"]
    assert "Difference" not in strip_tags(html) and "−11" not in strip_tags(html)


def test_plan_figures_in_vietnamese(out: Path) -> None:
    rows = _rows(out, "vi", "figures")
    assert rows["Diện tích đất công nghiệp"] == [f"hơn 1.200{NBSP}ha", "2/4 khu, cụm có số liệu"]
    assert rows["Cụm do doanh nghiệp đầu tư"] == ["7", "–"]


def test_the_staff_report_compares_the_plan_with_the_zone_files(out: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    code, _, stderr = run_cli("check", "--report", report, "--site", out.parent / "site")
    assert code == 0, stderr
    rows = {row[0]: row[1:] for row in table_rows(report.read_text(encoding="utf-8"), "plan")[1:]}
    # The report speaks the site's first language (Vietnamese here) for the plan's own labels.
    assert rows["Cụm công nghiệp theo quy hoạch"] == ["14", "3", "-11", "3 of 3 zones"]
    assert rows["Diện tích đất công nghiệp"] == ["1200", "1294.5", "+94.5", "2 of 4 zones"]


def test_zone_counts_by_type_and_status(out: Path) -> None:
    table = table_rows(read(out, "en/index.html"), "matrix")
    header, body = table[0], {row[0]: row[1:] for row in table[1:]}
    assert header[0] == "Type"
    columns = header[1:]
    counts = {kind: dict(zip(columns, cells, strict=True)) for kind, cells in body.items()}
    assert counts["Industrial cluster"]["Operating"] == "2"
    assert counts["Industrial cluster"]["Established"] == "1"
    assert counts["Industrial cluster"]["Planned"] == "0"
    assert counts["Industrial cluster"]["Total"] == "3"
    assert counts["Industrial park"]["Planned"] == "1"
    assert counts["Industrial park"]["Total"] == "1"
    assert list(counts) == ["Industrial cluster", "Industrial park"]


def test_home_totals_say_how_many_zones_report(out: Path) -> None:
    """A sum over the zones that publish a figure says how many do: 1 of 4 zones, not the province total."""
    tiles = figures(read(out, "en/index.html"))
    assert tiles["Zones"] == "4"
    assert re.fullmatch(rf"1,500{NBSP}ha\D*1\D+4\D*", tiles["Total area"]), tiles["Total area"]
    assert re.fullmatch(rf"247\.2{NBSP}ha\D*2\D+4\D*", tiles["Available"]), tiles["Available"]
    assert re.fullmatch(r"80\.9%\D*2\D+4\D*", tiles["Occupancy"]), tiles["Occupancy"]
    vi = figures(read(out, "vi/index.html"))
    assert re.fullmatch(rf"1\.500{NBSP}ha\D*1\D+4\D*", vi["Tổng diện tích"]), vi["Tổng diện tích"]
    assert re.fullmatch(rf"247,2{NBSP}ha\D*2\D+4\D*", vi["Còn trống"]), vi["Còn trống"]


# --- hostile text --------------------------------------------------------------------------------

HOSTILE = {
    "ok.yaml": MINIMAL_ZONE,
    "evil.md": """\
        ---
        name: "<script>alert(1)</script>"
        short_name: "</title><script>alert(2)</script>"
        summary: "\\"><svg onload=alert(3)>"
        type: industrial_cluster
        featured: true
        ---
        Hello <b onmouseover="alert(4)">bold</b> <script>alert(5)</script>

        <img src=x onerror=alert(6)>

        <iframe src="javascript:alert(7)"></iframe>

        [plain](javascript:alert(8)) [upper](JaVaScRiPt:alert(9)) [data](data:text/html;base64,PHNjcmlwdD4=)
        [entity](javascript&#58;alert(10)) [named](javascript&colon;alert(11)) [hex](&#x6A;avascript:alert(12))
        ![image](javascript:alert(13)) [ref][r] [fine](https://example.test/)

        [r]: javascript:alert(14)
        """,
}
HOSTILE_PAGES = {"evil.md": '---\ntitle: "<img src=x onerror=alert(15)>"\nnav: 1\n---\n<script>alert(16)</script>\n'}
DANGEROUS = ("javascript:", "vbscript:", "data:")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site(tmp_path_factory.mktemp("hostile") / "site", zones=HOSTILE, pages=HOSTILE_PAGES)
    return build(root, root.parent / "_site")


def _url(value: str) -> str:
    """A URL as a browser reads it: entities decoded (the parser did that), controls and spaces gone."""
    return re.sub(r"[\x00-\x20]", "", value).lower()


SCRIPT = re.compile(r"<script([^>]*)>(.*?)</script>", re.S)


def test_hostile_text_is_escaped_everywhere(hostile: Path) -> None:
    for rel in html_pages(hostile):
        html = read(hostile, rel)
        page = parse(html)
        tags = [tag for tag, _ in page.tags]
        # The only scripts are the site's own files and JSON data; hostile text never lands in one.
        for attrs, body in SCRIPT.findall(html):
            assert "alert" not in attrs, f"{rel}: {attrs}"
            src = re.search(r'src="([^"]*)"', attrs)
            if src:
                # 404.html links from the site's own path, so it works at any depth.
                own = ("../", "./", "static/", "pagefind/", urlsplit(BASE_URL).path + "static/")
                assert src.group(1).startswith(own), f"{rel}: {src.group(1)}"
            elif "application/" in attrs:
                # Data, not code: any text from zone files inside it has its < and > escaped.
                assert "<" not in body and ">" not in body, f"{rel}: {body[:80]}"
            else:
                assert "alert" not in body, f"{rel}: {body[:80]}"
        assert html.count("<script") == len(SCRIPT.findall(html)), rel
        assert "iframe" not in tags and "foreignobject" not in tags, rel
        for tag, attrs in page.tags:
            handlers = [name for name in attrs if name.startswith("on")]
            assert not handlers, f"{rel}: <{tag}> has {handlers}"
            for name in ("href", "src", "action", "formaction", "srcset"):
                if name in attrs:
                    assert not _url(attrs[name]).startswith(DANGEROUS), f"{rel}: <{tag} {name}={attrs[name]!r}>"


def test_hostile_zone_name_is_shown_as_text(hostile: Path) -> None:
    html = read(hostile, "en/clusters/evil/index.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" in parse(html).text
    tags = parse(html).tags
    # Raw HTML in the Markdown is cleaned by the allowlist: the bold word stays, its handler,
    # the picture's handler and the frame go.
    assert "Hello <b>bold</b>" in html
    assert not [a for _, a in tags if any(name.startswith("on") for name in a)], "a handler survived"
    assert "iframe" not in {t for t, _ in tags}
    assert "alert(5)" not in html and "alert(6)" not in html and "alert(7)" not in html
    links = [a for t, a in parse(html).tags if t == "a" and a.get("href") == "https://example.test/"]
    assert links, "a safe link in the description was lost"


def test_hostile_name_in_listing_and_home(hostile: Path) -> None:
    for rel in ("en/clusters/index.html", "en/index.html", "vi/clusters/index.html"):
        html = read(hostile, rel)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, rel
        assert "<script>alert" not in html, rel
