"""Shared helpers: write tiny sites to disk, run the real CLI, read what it printed and built.

Every site here reuses the repository's templates and static files through ``theme:``, as a real
province site does, so the tests exercise the same templates staff and investors see.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import socket
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sites import RICH_PAGES, RICH_SITE_EXTRA, RICH_ZONES

REPO = Path(__file__).resolve().parent.parent
# Staff messages are written in the site's first language (Vietnamese for every fixture here). The
# suite reads them in English, the catalogs' source language, unless a test asks for another
# (``env={"ZONESITE_LANG": "vi"}``, or ``""`` for the site's own choice); serve and CLI children
# inherit this.
os.environ["ZONESITE_LANG"] = "en"
NBSP = "\u00a0"
BASE_URL = "https://example.test/invest/"

SITE_YAML = """\
title: {{vi: Đầu tư vào cụm công nghiệp thử, en: Invest in the test clusters}}
tagline:
  vi: Đất, hạ tầng và liên hệ của từng cụm.
  en: Land, infrastructure and contacts for every cluster.
province: {{vi: Khánh Hòa, en: Khanh Hoa}}
languages: [vi, en]
base_url: {base_url}
theme: {theme}
authority:
  role: department
  name: {{vi: Sở Công Thương, en: Department of Industry and Trade}}
  phone: '0258 3822 111'
  email: invest@example.test
sources:
  plan-2024:
    title: {{vi: Kế hoạch năm 2024, en: The 2024 plan}}
    publisher: Provincial People's Committee
    published: 2024-05-28
    checked: 2024-06-01
definitions:
  industries:
    food:
      label: {{vi: Chế biến thực phẩm, en: Food processing}}
    textiles:
      label: {{vi: Dệt may, en: Textiles}}
  incentives:
    land_rent:
      label: {{vi: Miễn tiền thuê đất, en: Land rent exemption}}
      description: {{vi: Miễn tiền thuê đất 3 năm., en: Three years without land rent.}}
"""

MINIMAL_ZONE = """\
name: {vi: Cụm công nghiệp Tối Thiểu, en: Minimal Industrial Cluster}
type: industrial_cluster
"""

# Two complete zones: one with every land figure an investor screens on, one with only prose.
DEFAULT_ZONES = {
    "alpha.yaml": """\
        name: {vi: Cụm công nghiệp Alpha, en: Alpha Industrial Cluster}
        short_name: {vi: Alpha, en: Alpha}
        type: industrial_cluster
        status: operating
        featured: true
        summary: {vi: Cụm đang hoạt động ở Cam Lâm., en: An operating cluster in Cam Lam.}
        location:
          district: {vi: huyện Cam Lâm, en: Cam Lam district}
          lat: 12.1
          lng: 109.1
        area:
          total_ha: 75
          industrial_land_ha: 60
          leased_ha: 47.3
        industries: [food]
        incentives: [land_rent]
        tenants:
          establishments: 12
          workers: 4440
        contacts:
          - role: developer
            name: {vi: Công ty Alpha, en: Alpha Company}
            phone: '0258 3999 000'
        sources:
          - ref: plan-2024
            covers: [area, status]
        """,
    "beta.md": """\
        ---
        name: {vi: Cụm công nghiệp Beta, en: Beta Industrial Cluster}
        type: industrial_cluster
        status: established
        location:
          district: {vi: thị xã Ninh Hòa, en: Ninh Hoa town}
        ---
        <!-- lang: vi -->
        Cụm Beta mới được thành lập. Xem thêm [cụm Alpha](/clusters/alpha/).

        <!-- lang: en -->
        Beta has just been established. See also [Alpha](/clusters/alpha/).
        """,
}

DEFAULT_PAGES = {
    "about.md": """\
        ---
        title: {vi: Giới thiệu, en: About}
        nav: 1
        ---
        <!-- lang: vi -->
        Xem [danh sách các cụm](/clusters/) và [cụm Alpha](/clusters/alpha/).

        <!-- lang: en -->
        See the [list of clusters](/clusters/) and [the Alpha cluster](/clusters/alpha/).
        """,
}


def site_yaml(theme: str | Path = REPO, base_url: str = BASE_URL, extra: str = "") -> str:
    return SITE_YAML.format(theme=theme, base_url=base_url) + textwrap.dedent(extra)


def make_site(
    root: Path,
    zones: dict[str, str | bytes] | None = None,
    site_extra: str = "",
    pages: dict[str, str | bytes] | None = None,
    files: dict[str, str | bytes] | None = None,
    theme: str | Path = REPO,
    site: str | None = None,
) -> Path:
    """Write a small valid site into ``root`` and return it.

    ``zones`` and ``pages`` replace the defaults (file name → text under clusters/ and content/);
    ``files`` adds any other file (relative path → text or bytes); ``site_extra`` is appended to
    site.yaml and ``site`` replaces it whole. Text is dedented, bytes are written as they are.
    """
    root.mkdir(parents=True, exist_ok=True)
    write(root / "site.yaml", site if site is not None else site_yaml(theme, extra=site_extra))
    for name, text in (DEFAULT_ZONES if zones is None else zones).items():
        write(root / "clusters" / name, text)
    (root / "clusters").mkdir(exist_ok=True)
    for name, text in (DEFAULT_PAGES if pages is None else pages).items():
        write(root / "content" / name, text)
    for name, text in (files or {}).items():
        write(root / name, text)
    return root


def write(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def run_cli(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run ``python build.py ARGS`` as staff do; returns (exit status, stdout, stderr)."""
    environment = {k: v for k, v in os.environ.items() if k != "ZONESITE_DEBUG"}
    environment.update(env or {})
    result = subprocess.run(
        [sys.executable, str(REPO / "build.py"), *map(str, args)],
        cwd=cwd or REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
    )
    return result.returncode, result.stdout, result.stderr


def build(site: Path, out: Path) -> Path:
    """Build ``site`` into ``out`` through the CLI, failing the test with its output if it fails."""
    code, stdout, stderr = run_cli("build", "--site", site, "--out", out)
    assert code == 0, f"build of {site} failed with {code}:\n{stdout}\n{stderr}"
    assert "Traceback" not in stderr
    return out


_SUMMARY = re.compile(r"^\d+ errors?( and \d+ warnings?)? in \d+ files?\.$|^\d+ warnings? in \d+ files?\.$")


def headlines(stderr: str) -> list[str]:
    """The ``file:line:col: field: message (hint)`` lines of a report, without quoted source lines,
    carets, the closing count or the "nothing was written" note."""
    return [
        line
        for line in stderr.splitlines()
        if line and not line[0].isspace() and not _SUMMARY.match(line) and not line.startswith("Nothing was written")
    ]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``: relative path → bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def read(folder: Path, rel: str) -> str:
    return (folder / rel).read_text(encoding="utf-8")


class Elements(HTMLParser):
    """Every start tag of a page as (tag, attributes), and the page's text, tags removed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"[ \t\r\n]+", " ", "".join(self.parts)).strip()


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


def strip_tags(html: str) -> str:
    return parse(html).text


def figures(html: str) -> dict[str, str]:
    """The ``<dt>label</dt><dd>value</dd>`` pairs of a page as label → value text (first wins)."""
    pairs: dict[str, str] = {}
    for dt, dd in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", html, re.S):
        pairs.setdefault(strip_tags(dt), strip_tags(dd))
    return pairs


def table_rows(html: str, table_class: str) -> list[list[str]]:
    """Rows of the table with class ``table_class`` as lists of cell texts (header row first)."""
    match = re.search(rf'<table class="(?:[^"]* )?{table_class}(?: [^"]*)?"[^>]*>(.*?)</table>', html, re.S)
    assert match, f"no table.{table_class} on the page"
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", match.group(1), re.S):
        rows.append([strip_tags(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)])
    return rows


def line_of(text: str, start: str) -> int:
    """1-based number of the first line of ``text`` that starts with ``start`` (indentation ignored)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(start):
            return number
    raise AssertionError(f"no line starts with {start!r}")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    """(status, body) of a GET, whatever the status."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def wait_for(predicate: Callable[[], object], what: str, seconds: float = 10) -> None:
    """Wait until ``predicate()`` is true (a connection refused counts as not yet); fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if predicate():
                return
        except OSError:
            pass
        assert time.monotonic() < deadline, f"{what}: not within {seconds} s"
        time.sleep(0.05)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def serve_folder() -> Iterator[object]:
    """``serve_folder(path)`` → base URL of a real http.server on 127.0.0.1 serving ``path``."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        handler = functools.partial(QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own example site (Khanh Hoa), built once through the CLI."""
    return build(REPO, tmp_path_factory.mktemp("example") / "_site")


@pytest.fixture(scope="session")
def ninh_binh_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The second example site (examples/ninh-binh, on the repository's theme), built once."""
    return build(REPO / "examples" / "ninh-binh", tmp_path_factory.mktemp("ninh-binh") / "_site")


@pytest.fixture(scope="session")
def news_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rich test site with news (neither example has any): a news list, an article, a feed."""
    root = make_site(
        tmp_path_factory.mktemp("news") / "site", zones=RICH_ZONES, pages=RICH_PAGES, site_extra=RICH_SITE_EXTRA
    )
    return build(root, root.parent / "_site")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The default tiny site, written and built once: (site folder, output folder)."""
    root = make_site(tmp_path_factory.mktemp("fixture") / "site")
    return root, build(root, root.parent / "_site")


def require_tool(present: bool, why: str) -> None:
    """Skip a test whose outside tool (Chromium, Java, nginx, an npm package) is missing, except
    under ``.ci/run`` (ZONESITE_REQUIRE_TOOLS=1), where a gate that cannot run is a failure."""
    if present:
        return
    if os.environ.get("ZONESITE_REQUIRE_TOOLS"):
        pytest.fail(f"{why} (ZONESITE_REQUIRE_TOOLS is set: no gate may be skipped)")
    pytest.skip(why)


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """A headless Chromium per test module, closed when the module ends: Playwright's sync API
    cannot run twice at once in one process, so no module may keep one open for the next."""
    require_tool(CHROMIUM.exists(), "Chromium not installed at /usr/bin/chromium; .ci/run installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Served:
    """A running ``build.py serve``: its address and what it printed so far."""

    process: subprocess.Popen[bytes]
    port: int
    out_path: Path
    err_path: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def out(self) -> str:
        return self.out_path.read_text(encoding="utf-8")

    def err(self) -> str:
        return self.err_path.read_text(encoding="utf-8")


@contextlib.contextmanager
def serving(site: Path, logs: Path, *extra: str, lang: str = "en", seconds: float = 60) -> Iterator[Served]:
    """Start ``build.py serve --site SITE --port P`` with its output going to files (read without
    blocking) and staff messages in ``lang`` ("" for the site's first language); wait until it
    answers; always stop it."""
    logs.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "ZONESITE_DEBUG"} | {"ZONESITE_LANG": lang}
    with (logs / "serve.out").open("wb") as out, (logs / "serve.err").open("wb") as err:
        process = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "serve", "--site", str(site), "--port", str(port), *extra],
            stdout=out,
            stderr=err,
            env=env,
        )
        served = Served(process, port, logs / "serve.out", logs / "serve.err")
        try:
            deadline = time.monotonic() + seconds
            while True:
                if process.poll() is not None:
                    pytest.fail(f"serve exited with {process.returncode}:\n{served.out()}\n{served.err()}")
                if time.monotonic() > deadline:
                    pytest.fail(f"serve did not answer within {seconds} s:\n{served.out()}\n{served.err()}")
                try:
                    if fetch(served.base)[0] == 200 and f":{port}/" in served.out():
                        break
                except OSError:
                    pass
                time.sleep(0.1)
            yield served
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
