"""Quality gates on the built HTML of both example sites, in every language: the Nu Html Checker
finds no error, and every internal reference (links, stylesheets, scripts, pictures, form targets,
``#fragments``) leads to a file of the output, for a build at the root and one under a sub-path."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from conftest import REPO, build, make_site, require_tool

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")
# Attributes that name another file or page; ``srcset`` lists several.
REFERENCES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "form": ("action",),
    "object": ("data",),
}


@dataclass
class Built:
    """One build: its output folder and the public address it was built for."""

    name: str
    out: Path
    base_url: str


def copy_site(source: Path, dest: Path, base_url: str) -> Path:
    """The site folder ``source`` copied to ``dest`` with another public address, on this
    repository's templates and static files."""
    for part in ("clusters", "content", "static"):
        if (source / part).is_dir():
            shutil.copytree(source / part, dest / part)
    config = (source / "site.yaml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^(base_url|theme):.*\n", "", config)
    (dest / "site.yaml").write_text(f"{config}\nbase_url: {base_url}\ntheme: {REPO}\n", encoding="utf-8")
    return dest


def public_address(site: Path) -> str:
    return yaml.safe_load((site / "site.yaml").read_text(encoding="utf-8"))["base_url"]


@pytest.fixture(scope="session")
def sub_path_builds(example_site: Path, ninh_binh_site: Path, news_site: Path) -> list[Built]:
    """Both examples as they are published (each under a sub-path), and the news site."""
    return [
        Built("khanh-hoa", example_site, public_address(REPO)),
        Built("ninh-binh", ninh_binh_site, public_address(REPO / "examples" / "ninh-binh")),
        Built("news", news_site, public_address(news_site.parent / "site")),
    ]


@pytest.fixture(scope="session")
def root_builds(tmp_path_factory: pytest.TempPathFactory) -> list[Built]:
    """Both examples built for the root of a host (``https://invest.example.test/``)."""
    built = []
    for name, source in (("khanh-hoa", REPO), ("ninh-binh", REPO / "examples" / "ninh-binh")):
        site = copy_site(source, tmp_path_factory.mktemp(f"root-{name}"), "https://invest.example.test/")
        built.append(Built(name, build(site, site / "_site"), "https://invest.example.test/"))
    return built


# --- valid HTML ----------------------------------------------------------------------------------


def vnu_errors(*folders: Path) -> list[str]:
    """Every error the Nu Html Checker reports on the HTML files under ``folders``."""
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", *map(str, folders)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{m.get('url', '?')}:{m.get('lastLine', '?')}: {m['message']} [{m.get('extract', '')!r}]" for m in messages
    ]


def test_nu_html_checker_finds_no_error_on_any_page(sub_path_builds: list[Built]) -> None:
    require_tool(JAVA is not None, "Java is not installed; .ci/run installs it")
    require_tool(VNU.is_file(), "node_modules/vnu-jar is not installed; run npm ci")
    pages = [p for b in sub_path_builds for p in b.out.rglob("*.html")]
    assert len(pages) > 150, f"only {len(pages)} pages were built"
    errors = vnu_errors(*(b.out for b in sub_path_builds))
    assert errors == [], f"{len(errors)} HTML errors:\n" + "\n".join(errors[:40])


def test_nu_html_checker_reports_an_invalid_page(tmp_path: Path) -> None:
    """The gate above would pass vacuously if the checker read nothing or said nothing."""
    require_tool(JAVA is not None, "Java is not installed; .ci/run installs it")
    require_tool(VNU.is_file(), "node_modules/vnu-jar is not installed; run npm ci")
    page = tmp_path / "bad" / "index.html"
    page.parent.mkdir()
    page.write_text('<!doctype html><html lang="en"><title>x</title><h1>a</h1><h3>b</h3><p><div></div></html>')
    errors = vnu_errors(page.parent)
    assert any("skipping 1 heading level" in e for e in errors), errors


def test_markdown_headings_sit_under_the_page_heading_without_skipping(tmp_path: Path) -> None:
    """A body starting at ``###`` and jumping to ``#####`` still reads h2, h3 under the page's h1,
    raw HTML headings included; a zone description sits one level under its section's h2."""
    zone = "name: {vi: Cụm Gamma, en: Gamma Cluster}\ntype: industrial_cluster\n"
    zone += (
        'description: {vi: "# Tổng quan\\n\\nChữ.\\n\\n### Chi tiết", en: "# Overview\\n\\nText.\\n\\n### Details"}\n'
    )
    page = "---\ntitle: {vi: Các bước, en: Steps}\n---\n### One\n\ntext\n\n##### Two\n\n#### Three\n\n### Four\n"
    page += '\n<h6 title="not <h2 here">Raw</h6>\n\n<H1>Raw top</H1>\n'
    out = build(make_site(tmp_path / "site", zones={"gamma.yaml": zone}, pages={"steps.md": page}), tmp_path / "_site")
    steps = (out / "en/steps/index.html").read_text(encoding="utf-8")
    article = steps.split("<article", 1)[1].split("</article>", 1)[0]
    expected = ["h1", "h2", "h3", "h3", "h2", "h3", "h2"]
    assert re.findall(r"<(h\d)[ >]", article) == expected
    assert re.findall(r"</(h\d)>", article) == expected
    assert re.search(r'title="not (<|&lt;)h2 here"', article), "an attribute was changed"
    sheet = (out / "en/clusters/gamma/index.html").read_text(encoding="utf-8")
    section = sheet.split('<h2 id="about">', 1)[1].split("</section>", 1)[0]
    assert re.findall(r"<(h\d)>", section) == ["h3", "h4"]


# --- no broken links -----------------------------------------------------------------------------


class References(HTMLParser):
    """The references of one page as (tag, attribute, value), and the ids it defines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.references: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.ids.update(v for k, v in values.items() if k == "id" or (k == "name" and tag == "a"))
        for name in REFERENCES.get(tag, ()):
            if name not in values:
                continue
            urls = (
                [part.split()[0] for part in values[name].split(",") if part.strip()]
                if name == "srcset"
                else [values[name]]
            )
            self.references += [(tag, name, url) for url in urls]
        if tag == "meta" and values.get("property", "").startswith("og:") and "://" in values.get("content", ""):
            self.references.append((tag, values["property"], values["content"]))


@dataclass
class LinkReport:
    checked: int = 0
    problems: list[str] = field(default_factory=list)


def _page_url(built: Built, path: Path) -> str:
    rel = path.relative_to(built.out).as_posix()
    return built.base_url + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def _target_file(built: Built, url: str) -> Path | None:
    """The output file an address of the site leads to, or None if it leads outside the site."""
    if not url.startswith(built.base_url):
        return None
    rel = unquote(urlsplit(url).path[len(urlsplit(built.base_url).path) :])
    target = built.out / rel
    return target / "index.html" if rel == "" or rel.endswith("/") or target.is_dir() else target


def check_links(built: Built) -> LinkReport:
    """Every internal reference of every page and stylesheet of ``built``, resolved against the
    output folder; fragments are looked up among the ids of the page they lead to."""
    report = LinkReport()
    parsed: dict[Path, References] = {}

    def page(path: Path) -> References:
        if path not in parsed:
            parsed[path] = References()
            parsed[path].feed(path.read_text(encoding="utf-8"))
        return parsed[path]

    sources = sorted(built.out.rglob("*.html")) + sorted(built.out.rglob("*.css"))
    for source in sources:
        if source.suffix == ".css":
            refs = [("css", "url", u) for u in re.findall(r"url\(['\"]?([^'\")]+)", source.read_text(encoding="utf-8"))]
        else:
            refs = page(source).references
        here = _page_url(built, source)
        for tag, attr, value in refs:
            if value.startswith(("mailto:", "tel:", "data:", "javascript:")):
                continue
            url = urljoin(here, value.strip())
            target = _target_file(built, url)
            if target is None:
                continue
            report.checked += 1
            fragment = unquote(urlsplit(url).fragment)
            where = f"{source.relative_to(built.out)}: <{tag} {attr}={value!r}>"
            rel = target.relative_to(built.out)
            if not target.is_file():
                report.problems.append(f"{where} leads to {rel}, which is not built")
            elif fragment and target.suffix == ".html" and fragment not in page(target).ids:
                report.problems.append(f"{where}: no id {fragment!r} in {rel}")
    return report


@pytest.mark.parametrize("where", ["root", "sub-path"])
def test_every_internal_reference_and_fragment_resolves(
    where: str, root_builds: list[Built], sub_path_builds: list[Built]
) -> None:
    builds = root_builds if where == "root" else sub_path_builds
    problems, checked = [], 0
    for built in builds:
        report = check_links(built)
        assert report.checked > 1000, f"{built.name}: only {report.checked} references were checked"
        problems += [f"{built.name}: {p}" for p in report.problems]
        checked += report.checked
    print(f"{where}: {checked} internal references checked")
    assert problems == [], f"{len(problems)} broken references:\n" + "\n".join(problems[:40])


def test_link_check_notices_a_missing_page_and_a_missing_fragment(tmp_path: Path, news_site: Path) -> None:
    """The gate above would pass vacuously if it resolved nothing: break a page and an id."""
    copy = tmp_path / "_site"
    shutil.copytree(news_site, copy)
    shutil.rmtree(copy / "en" / "clusters" / "bac-son")
    sheet = copy / "en" / "clusters" / "dac-loc" / "index.html"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace('id="main"', 'id="elsewhere"'), encoding="utf-8")
    problems = check_links(Built("copy", copy, public_address(news_site.parent / "site"))).problems
    assert any("en/clusters/bac-son/index.html, which is not built" in p for p in problems), problems
    assert any("no id 'main' in en/clusters/dac-loc/index.html" in p for p in problems), problems
