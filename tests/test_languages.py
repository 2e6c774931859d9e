"""Any set of languages and any country: a site in English alone, one in five languages, strings a
site adds or overrides, texts in languages a site does not publish, and coordinates checked against
the site's country."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import DEFAULT_PAGES, NBSP, REPO, build, headlines, make_site, read, run_cli, site_yaml, strip_tags

FIVE = ["vi", "en", "ja", "ko", "zh-Hans"]
# Every kind of page a site has, by its path under the language folder.
PAGE_TYPES = [
    "index.html",
    "clusters/index.html",
    "clusters/alpha/index.html",
    "clusters/beta/index.html",
    "map/index.html",
    "compare/index.html",
    "dashboard/index.html",
    "data/index.html",
    "search/index.html",
    "about/index.html",
]
NAV_KEYS = ["nav_home", "nav_clusters", "nav_map", "nav_dashboard"]


def strings_in(lang: str) -> dict[str, object]:
    """The engine's UI strings in one language."""
    if lang in ("vi", "en"):
        data = yaml.safe_load((REPO / "templates" / "strings.yaml").read_text(encoding="utf-8"))
        return {key: value[lang] for key, value in data.items()}
    return yaml.safe_load((REPO / "templates" / "strings" / f"{lang}.yaml").read_text(encoding="utf-8"))


def with_languages(languages: list[str], extra: str = "") -> str:
    line = f"languages: [{', '.join(languages)}]"
    return site_yaml(extra=extra).replace("languages: [vi, en]", line)


@pytest.fixture(scope="module")
def english_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("english")
    site = make_site(root / "site", site=with_languages(["en"]))
    return build(site, root / "out")


@pytest.fixture(scope="module")
def five_languages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("five")
    news = """\
        ---
        title: {vi: Khai trương cụm Alpha, en: Alpha opens, ja: Alphaクラスター開業}
        date: 2024-06-01
        ---
        <!-- lang: vi -->
        Cụm Alpha đã khai trương.

        <!-- lang: en -->
        The Alpha cluster has opened.
        """
    pages = {**DEFAULT_PAGES, "news/2024-06-01-alpha.md": news}
    site = make_site(root / "site", pages=pages, site=with_languages(FIVE, "fallback: [en, vi]\n"))
    return build(site, root / "out")


def test_english_alone_builds_every_page_type_in_english(english_only: Path) -> None:
    # The zone files also carry Vietnamese texts: they are ignored, not errors.
    assert not (english_only / "vi").exists()
    for rel in PAGE_TYPES:
        html = read(english_only, f"en/{rel}")
        assert '<html lang="en"' in html, rel
        assert "Cụm công nghiệp" not in html, f"a Vietnamese text leaked into en/{rel}"
        hreflangs = re.findall(r'<link rel="alternate" hreflang="([^"]+)"', html)
        assert sorted(hreflangs) == ["en", "x-default"], rel
    assert "Alpha Industrial Cluster" in read(english_only, "en/clusters/alpha/index.html")


@pytest.mark.parametrize("lang", FIVE)
def test_five_languages_render_every_page_type(five_languages: Path, lang: str) -> None:
    words = strings_in(lang)
    for rel in PAGE_TYPES:
        html = read(five_languages, f"{lang}/{rel}")
        assert f'<html lang="{lang}"' in html, rel
        nav = html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
        for key in NAV_KEYS:
            assert str(words[key]) in nav, f"{lang}/{rel}: the menu lacks {key} ({words[key]})"
        alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))
        assert set(alternates) == {*FIVE, "x-default"}, rel
        for other in FIVE:
            assert alternates[other].endswith(f"/{other}/{rel.removesuffix('index.html')}"), (rel, other)


def test_five_languages_cover_sitemap_search_feeds_and_chooser(five_languages: Path) -> None:
    sitemap = read(five_languages, "sitemap.xml")
    chooser = read(five_languages, "index.html")
    for lang in FIVE:
        assert f"/{lang}/clusters/alpha/" in sitemap
        assert f'href="{lang}/"' in chooser
        feed = read(five_languages, f"{lang}/news/feed.xml")
        assert f'xml:lang="{lang}"' in feed, feed[:300]
    assert "Alphaクラスター開業" in read(five_languages, "ja/news/feed.xml")
    assert "Alpha opens" in read(five_languages, "ko/news/feed.xml")  # the declared fallback
    # One search bundle per language, each with its language's index.
    bundles = {p.parent.name for p in (five_languages / "pagefind").glob("*/pagefind.*.pf_meta")}
    assert bundles == set(FIVE), bundles


def test_a_text_missing_in_the_page_language_falls_back_in_the_declared_order(five_languages: Path) -> None:
    html = read(five_languages, "ja/clusters/alpha/index.html")
    # The zone's summary exists in vi and en only: Japanese readers get the English one, marked.
    assert re.search(r'<span lang="en">An operating cluster in Cam Lam\.</span> <abbr class="lang-note"', html)
    # Names are written in Latin letters for every reader: marked with lang, with no visible note.
    assert '<h1><span lang="en">Alpha Industrial Cluster</span></h1>' in html
    # The body of a Markdown zone says which language it is shown in.
    beta = read(five_languages, "ko/clusters/beta/index.html")
    assert 'class="lang-note-block"' in beta and '<div lang="en">' in beta


def test_money_and_dates_follow_each_locale(tmp_path: Path) -> None:
    zone = """\
        name: {vi: Cụm Giá, en: Price Cluster}
        type: industrial_cluster
        lease: {price_usd_m2: 65, price_basis: term}
        """
    site = make_site(tmp_path / "site", zones={"gia.yaml": zone}, pages={}, site=with_languages(["ja", "vi"]))
    out = build(site, tmp_path / "out")
    # Each locale's own pattern: the currency before the amount in Japanese, after it in Vietnamese.
    assert "USD 65/m²" in read(out, "ja/clusters/gia/index.html").replace(NBSP, " ")
    assert "65 USD/m²" in read(out, "vi/clusters/gia/index.html").replace(NBSP, " ")


def test_a_site_adds_a_language_with_one_strings_file(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", site=with_languages(["th", "en"]))
    code, _out, err = run_cli("check", "--site", site)
    assert code == 1
    assert any("no th text for" in line for line in headlines(err)), err
    # The site's strings file may also reword any engine string in one language.
    thai = {key: f"th:{key}" for key in strings_in("ja")}  # every UI string and field label
    (site / "templates" / "strings").mkdir(parents=True)
    (site / "templates" / "strings" / "th.yaml").write_text(yaml.safe_dump(thai, allow_unicode=True), "utf-8")
    (site / "templates" / "strings" / "en.yaml").write_text("nav_map: Site map\n", "utf-8")
    out = build(site, tmp_path / "out")
    assert "th:nav_home" in read(out, "th/index.html")
    assert "Site map" in read(out, "en/index.html")
    assert '<html lang="th"' in read(out, "th/clusters/alpha/index.html")


def test_a_strings_file_named_for_no_language_is_refused(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", files={"templates/strings/jp.yaml": "nav_home: ホーム\n"})
    code, _out, err = run_cli("check", "--site", site)
    assert code == 1
    assert "templates/strings/jp.yaml" in err and "'jp' is not a language code" in err


def test_unknown_language_code_is_named(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", site=with_languages(["vi", "xx-Nope"]))
    code, _out, err = run_cli("check", "--site", site)
    assert code == 1 and "'xx-Nope' is not a language code" in err


JAKARTA = """\
    name: {en: Pulogadung Industrial Estate, id: Kawasan Industri Pulogadung}
    type: industrial_park
    location:
      commune: {en: Jatinegara, id: Jatinegara}
      lat: -6.19
      lng: 106.91
    contacts:
      - role: developer
        name: PT Jakarta Industrial Estate Pulogadung
        phone: '+62 21 460 0108'
    """


def test_a_zone_in_jakarta_passes_on_an_indonesian_site(tmp_path: Path) -> None:
    # The engine ships no Indonesian strings: an English site with Indonesian texts kept aside.
    site = make_site(
        tmp_path / "id", zones={"pulogadung.yaml": JAKARTA}, site=with_languages(["en"], "country: ID\n"), pages={}
    )
    code, _out, err = run_cli("check", "--site", site)
    assert code == 0, err
    out = build(site, tmp_path / "out")
    assert "Pulogadung Industrial Estate" in read(out, "en/clusters/pulogadung/index.html")


def test_a_zone_in_jakarta_fails_on_a_vietnamese_site(tmp_path: Path) -> None:
    site = make_site(tmp_path / "vn", zones={"pulogadung.yaml": JAKARTA}, pages={})
    code, _out, err = run_cli("check", "--site", site)
    assert code == 1
    line = next(h for h in headlines(err) if "location.lat" in h)
    assert "(-6.19, 106.91) is outside Vietnam" in line, line


def test_an_unknown_country_is_refused(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", site_extra="country: XY\n")
    code, _out, err = run_cli("check", "--site", site)
    assert code == 1 and "site.yaml" in err and "XY" in err


def test_a_district_on_a_vietnamese_site_is_called_former(tmp_path: Path) -> None:
    zone = """\
        name: {vi: Cụm Cũ, en: Old Cluster}
        type: industrial_cluster
        location:
          commune: {vi: xã Cà Ná, en: Ca Na commune}
          former_district: {vi: huyện Thuận Nam, en: Thuan Nam district}
          former_province: {vi: tỉnh Ninh Thuận, en: Ninh Thuan province}
        """
    site = make_site(tmp_path / "site", zones={"cu.yaml": zone}, pages={})
    out = build(site, tmp_path / "out")
    html = read(out, "en/clusters/cu/index.html")
    assert "Ca Na commune, Khanh Hoa (formerly Thuan Nam district, Ninh Thuan province)" in html
    assert "Formerly in district" in html
    vi = read(out, "vi/clusters/cu/index.html")
    assert "xã Cà Ná, Khánh Hòa (trước đây: huyện Thuận Nam, tỉnh Ninh Thuận)" in vi
    # A zone still located by district gets a warning that says what to write instead.
    _code, out, err = run_cli("check", "--all", "--site", make_site(tmp_path / "old"))
    assert "location.district: Vietnam has had no districts since 1 July 2025" in out + err


# The Khanh Hoa example since 1 July 2025: every located zone names its commune or ward, and a
# district only as a former one.
NINH_THUAN = {"ca-na-1", "du-long", "phuoc-nam", "thanh-hai"}
VISIBLE = """() => [...document.querySelectorAll('#zone-list tbody tr')]
  .filter(r => r.getClientRects().length > 0).map(r => r.querySelector('th a').getAttribute('href'))"""


def test_khanh_hoa_fact_sheets_name_the_commune_and_call_districts_former(example_site: Path) -> None:
    sheets = sorted((example_site / "en" / "clusters").glob("*/index.html"))
    assert len(sheets) == 13
    for sheet in sheets:
        slug = sheet.parent.name
        html = sheet.read_text(encoding="utf-8")
        eyebrow = strip_tags(re.search(r'<p class="eyebrow">(.*?)</p>', html, re.S).group(1))
        location = strip_tags(html.split('id="location"', 1)[1].split("</section>", 1)[0])
        if "district" in location.lower():
            assert "Formerly in district" in location, f"{slug} names a district as if it still existed"
            assert "formerly" in eyebrow, eyebrow
        if slug in NINH_THUAN:
            assert "Ninh Thuan province" in eyebrow, eyebrow
        if slug not in ("trang-e", "trang-e-2"):  # no source places these two in a commune yet
            assert re.search(r"(commune|communes|ward|wards), Khanh Hoa", eyebrow), eyebrow
    du_long = read(example_site, "en/clusters/du-long/index.html")
    assert "Thuan Bac commune, Khanh Hoa (formerly Loi Hai commune, Thuan Bac district, Ninh Thuan province)" in du_long
    ja = read(example_site, "ja/clusters/du-long/index.html")
    assert "旧：" in ja and '<span lang="en">Thuan Bac commune</span>' in ja


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_listing_filters_by_commune_and_by_former_province(
    lang: str, example_site: Path, browser: object, serve_folder: object
) -> None:
    base = serve_folder(example_site)  # type: ignore[operator]
    page = browser.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    try:
        page.goto(f"{base}{lang}/clusters/")
        page.locator("#more-filters > summary").click()
        former = "Ninh Thuan province"
        page.select_option("#f-former", label=former)

        def shown() -> set[str]:
            hrefs = page.evaluate(VISIBLE)
            return {href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs}

        # Conditions are functions, not expressions: the pages' Content-Security-Policy refuses eval.
        page.wait_for_function(f"() => ({VISIBLE})().length === {len(NINH_THUAN)}")
        assert shown() == NINH_THUAN
        assert "former=p-" in page.url
        page.select_option("#f-former", index=0)
        page.select_option("#f-commune", label="Thuan Bac commune")
        page.wait_for_function(f"() => ({VISIBLE})().length === 1")
        assert shown() == {"du-long"}
        assert "Loi Hai commune" in page.locator("#zone-list tbody tr:visible").inner_text()
    finally:
        page.close()
