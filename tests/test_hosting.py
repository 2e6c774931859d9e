"""The built site as a host publishes it: Debian's nginx, set up with the README's own snippet
(read from the README, so the two cannot drift), serving the example site under /invest/."""

from __future__ import annotations

import http.client
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import REPO, build, free_port, parse, read, require_tool, wait_for, write
from sites import RICH_PAGES

NGINX = Path("/usr/sbin/nginx")
PREFIX = "/invest/"
WWW = "/var/www"  # where the README's snippets expect the host's files
NEWS = "news/bac-son-opens.md"

# Everything around the README's snippet that a real host has already (user, logs, temp folders),
# here kept in the test's folder so nginx runs without root and without touching /var.
CONF = """\
daemon off;
master_process off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ }}
http {{
    include mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
{snippet}
    }}
}}
"""


def readme_snippet(language: str) -> str:
    """The fenced ``language`` block of the README's Publishing section."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Publishing\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(rf"^```{language}\n(.*?)^```$", section, re.S | re.M)
    assert len(blocks) == 1, f"the README's Publishing section has {len(blocks)} {language} blocks"
    return blocks[0]


def readme_policies() -> set[str]:
    """The Content-Security-Policy each of the README's host snippets sends."""
    return {
        match
        for language in ("nginx", "apache", "caddy")
        for match in re.findall(r'Content-Security-Policy "([^"]+)"', readme_snippet(language))
    }


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site, with a news page so it has Atom feeds, built for .../invest/."""
    top = tmp_path_factory.mktemp("hosting")
    site = top / "site"
    for name in ("clusters", "content"):
        shutil.copytree(REPO / name, site / name)
    yaml = (REPO / "site.yaml").read_text(encoding="utf-8")
    assert re.search(r"^base_url: https://[^/]+/invest/$", yaml, re.M), "the example is meant for /invest/"
    write(site / "site.yaml", f"{yaml}\ntheme: {REPO}\n")
    write(site / "content" / NEWS, RICH_PAGES[NEWS])
    return build(site, top / "_site")


@pytest.fixture(scope="module")
def nginx(published: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """nginx serving ``published`` under /invest/ with the README's snippet: its port."""
    require_tool(NGINX.is_file(), f"nginx not installed at {NGINX} (Debian package nginx); .ci/run installs it")
    tmp = tmp_path_factory.mktemp("nginx")
    www = tmp / "www"
    shutil.copytree(published, www / PREFIX.strip("/"))
    shutil.copy(Path("/etc/nginx/mime.types"), tmp / "mime.types")  # nginx's stock types
    snippet = readme_snippet("nginx").replace(WWW, str(www))
    port = free_port()
    write(tmp / "nginx.conf", CONF.format(tmp=tmp, port=port, snippet=snippet))
    command = [str(NGINX), "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-e", str(tmp / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: get(port, f"{PREFIX}robots.txt")[0] == 200, "nginx to start")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def get(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    """(status, headers with lower-case names, body) of a GET, redirects not followed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def test_every_file_and_page_is_served_as_built(nginx: int, published: Path) -> None:
    files = sorted(p.relative_to(published).as_posix() for p in published.rglob("*") if p.is_file())
    assert len(files) > 200 and "data/clusters.geojson" in files and "en/news/feed.xml" in files
    problems = []
    for rel in files:
        addresses = [rel] + ([rel.removesuffix("index.html")] if rel.endswith("index.html") else [])
        for address in addresses:
            status, _, body = get(nginx, PREFIX + quote(address))
            if status != 200 or body != (published / rel).read_bytes():
                problems.append(f"{address}: {status}")
    assert problems == []


@pytest.mark.parametrize("missing", ["no-such-page/", "en/clusters/no-such-zone/", "vi/data/x.csv", "static/none.css"])
def test_a_missing_address_gets_the_sites_own_404_page(nginx: int, published: Path, missing: str) -> None:
    status, headers, body = get(nginx, PREFIX + missing)
    assert status == 404
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert body == (published / "404.html").read_bytes()


EXPECTED_TYPES = {
    "en/": "text/html; charset=utf-8",
    "en/clusters/song-cau/index.html": "text/html; charset=utf-8",
    "static/site.css": "text/css; charset=utf-8",
    "static/js/listing.js": "application/javascript; charset=utf-8",
    "data/clusters.json": "application/json",
    "data/clusters.geojson": "application/geo+json",
    "data/clusters.csv": "text/csv; charset=utf-8",
    "en/news/feed.xml": "application/atom+xml; charset=utf-8",
    "vi/news/feed.xml": "application/atom+xml; charset=utf-8",
    "sitemap.xml": "text/xml; charset=utf-8",
    "robots.txt": "text/plain; charset=utf-8",
    "static/favicon.svg": "image/svg+xml",
}


@pytest.mark.parametrize(("address", "kind"), EXPECTED_TYPES.items())
def test_each_kind_of_file_has_its_content_type(nginx: int, address: str, kind: str) -> None:
    status, headers, _ = get(nginx, PREFIX + address)
    assert (status, headers["content-type"]) == (200, kind)


def test_robots_txt_is_served_at_the_host_root(nginx: int, published: Path) -> None:
    """Crawlers read robots.txt only at the host's root, never under /invest/."""
    status, headers, body = get(nginx, "/robots.txt")
    assert (status, headers["content-type"].split(";")[0]) == (200, "text/plain")
    assert body == (published / "robots.txt").read_bytes()
    assert "Sitemap: https://example.gov.vn/invest/sitemap.xml" in body.decode().splitlines()


def test_the_policy_header_is_the_readmes_and_the_pages(nginx: int, published: Path) -> None:
    """One Content-Security-Policy: the same in the three hosts' snippets, sent by nginx with every
    file, and the search page's own ``<meta http-equiv>``; every other page's meta is the same
    without the WebAssembly the search alone needs (header and meta apply together)."""
    policies = readme_policies()
    assert len(policies) == 1, policies
    policy = policies.pop()
    for address in ("en/", "data/clusters.csv", "no-such-page/"):
        assert get(nginx, PREFIX + address)[1].get("content-security-policy") == policy, address
    narrower = policy.replace(" 'wasm-unsafe-eval'", "")
    assert narrower != policy, "the search page needs 'wasm-unsafe-eval'"
    for rel in sorted(p.relative_to(published).as_posix() for p in published.rglob("*.html")):
        tags = parse(read(published, rel)).tags
        metas = [a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
        assert metas == [policy if rel.endswith("/search/index.html") else narrower], rel


BROWSED = ["", "en/", "en/clusters/song-cau/", "vi/map/", "en/search/?q=song", "no-such-page/"]


def test_pages_load_in_chromium_without_a_missing_file_or_a_refused_resource(nginx: int, browser: object) -> None:
    """Through nginx with the header and the pages' own policy: no request for /favicon.ico (the
    pages name their icon), no file of the site missing, nothing the policy refuses."""
    origin = f"http://127.0.0.1:{nginx}"
    context = browser.new_context()
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(origin) else route.abort())
    failures: list[str] = []
    requested: list[str] = []
    page = context.new_page()
    page.on("request", lambda request: requested.append(request.url))
    page.on("response", lambda r: r.status >= 400 and failures.append(f"{r.status} {r.url}"))
    page.on("console", lambda m: "Content Security Policy" in m.text and failures.append(m.text))
    page.on("pageerror", lambda error: failures.append(str(error)))
    for address in BROWSED:
        page.goto(origin + PREFIX + address)
        page.wait_for_load_state("networkidle")
    context.close()
    assert [url for url in requested if url.endswith("/favicon.ico")] == []
    assert f"{origin}{PREFIX}static/favicon.svg" in {url.split("?")[0] for url in requested}
    assert failures == [f"404 {origin}{PREFIX}no-such-page/"]
