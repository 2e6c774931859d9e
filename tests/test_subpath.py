"""The built site works from a sub-path (https://province.gov.vn/invest/): serve it under /invest/
with a real http.server and follow every link and asset from the home page."""

from __future__ import annotations

import http.client
import re
import shutil
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import pytest
from conftest import DEFAULT_PAGES, DEFAULT_ZONES, build, make_site, parse

PREFIX = "/invest/"
LINK_ATTRS = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src", "iframe": "src"}

PHOTO_ZONE = """\
name: {vi: Cụm có ảnh, en: Cluster with a photo}
type: industrial_cluster
photos:
  - file: images/photo zone.jpg
    caption: {vi: Toàn cảnh, en: Overview}
documents:
  - title: {vi: Quy hoạch chi tiết, en: Detailed plan}
    file: docs/plan.pdf
  - title: {vi: Quyết định, en: Decision}
    url: https://example.test/decision.pdf
"""

NESTED_PAGE = """\
---
title: {vi: Các bước, en: Steps}
nav: 2
---
Read [about us](/about/), see [the photo cluster](/clusters/photo/) and [the plan](/static/docs/plan.pdf).
"""


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site(
        tmp_path_factory.mktemp("subpath") / "site",
        zones={**DEFAULT_ZONES, "photo.yaml": PHOTO_ZONE},
        pages={**DEFAULT_PAGES, "guide/steps.md": NESTED_PAGE},
        files={"static/images/photo zone.jpg": b"\xff\xd8\xff\xe0fake-jpeg", "static/docs/plan.pdf": b"%PDF-1.4\n"},
    )
    return build(root, root.parent / "_site")


def _fetch(base: str, path: str) -> tuple[int, str, bytes]:
    """GET ``path`` without following redirects: a link must lead straight to the file."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type") or "", response.read()
    finally:
        connection.close()


def crawl(base: str, starts: list[str]) -> tuple[set[str], list[str]]:
    """Follow every relative link and asset from ``starts``; returns (paths fetched, problems)."""
    origin = urlsplit(base)
    queue = [(start, "(start)") for start in starts]
    fetched: set[str] = set()
    problems: list[str] = []
    while queue:
        path, referrer = queue.pop()
        if path in fetched:
            continue
        fetched.add(path)
        status, kind, body = _fetch(base, path)
        if status != 200:
            problems.append(f"{path} (linked from {referrer}) answered {status}")
            continue
        references: list[str] = []
        if kind.startswith("text/html"):
            for tag, attrs in parse(body.decode("utf-8")).tags:
                name = LINK_ATTRS.get(tag)
                if name and attrs.get(name):
                    if tag == "link" and attrs.get("rel") in ("canonical", "alternate"):
                        continue  # absolute by design: they name the public address
                    references.append(attrs[name])
        elif kind.startswith("text/css"):
            references += re.findall(r"url\(['\"]?([^'\")]+)", body.decode("utf-8"))
        for ref in references:
            if ref.startswith("#") or ref.startswith(("mailto:", "tel:", "data:")):
                continue
            target = urlsplit(urljoin(urljoin(base, path), ref))
            if target.scheme in ("http", "https") and target.netloc != origin.netloc:
                if not urlsplit(ref).scheme:
                    problems.append(f"{path}: {ref!r} leaves the site")
                continue
            if not target.path.startswith(PREFIX):
                problems.append(f"{path}: {ref!r} escapes {PREFIX} (resolves to {target.path})")
                continue
            queue.append((quote(target.path, safe="/%:@!$&'()*+,;=-._~"), path))  # as a browser sends it
    return fetched, problems


def _publish(tmp_path: Path, built: Path) -> Path:
    www = tmp_path / "www"
    shutil.copytree(built, www / PREFIX.strip("/"))
    return www


def _check_site(tmp_path: Path, built: Path, serve_folder) -> set[str]:
    base = serve_folder(_publish(tmp_path, built))
    fetched, problems = crawl(base, [f"{PREFIX}index.html", f"{PREFIX}404.html"])
    assert problems == []
    pages = {PREFIX + p.relative_to(built).as_posix() for p in built.rglob("*.html")}
    reached = {p if not p.endswith("/") else p + "index.html" for p in fetched}
    assert pages <= reached, f"pages no link leads to: {sorted(pages - reached)}"
    return fetched


def test_fixture_site_works_under_a_sub_path(tmp_path: Path, subpath_site: Path, serve_folder) -> None:
    fetched = _check_site(tmp_path, subpath_site, serve_folder)
    assert f"{PREFIX}static/images/photo%20zone.jpg" in fetched
    assert f"{PREFIX}static/docs/plan.pdf" in fetched
    assert f"{PREFIX}static/site.css" in fetched
    assert f"{PREFIX}en/guide/steps/" in fetched


def test_example_site_works_under_a_sub_path(tmp_path: Path, example_site: Path, serve_folder) -> None:
    fetched = _check_site(tmp_path, example_site, serve_folder)
    assert f"{PREFIX}vi/clusters/song-cau/" in fetched
    assert f"{PREFIX}en/clusters/song-cau/" in fetched


def test_crawler_notices_a_broken_link(tmp_path: Path, subpath_site: Path, serve_folder) -> None:
    """The crawl above would pass vacuously if it never followed anything; break one page and see."""
    copy = tmp_path / "copy"
    shutil.copytree(subpath_site, copy)
    shutil.rmtree(copy / "en" / "clusters" / "beta")
    base = serve_folder(_publish(tmp_path, copy))
    _, problems = crawl(base, [f"{PREFIX}index.html"])
    assert any("/invest/en/clusters/beta/" in p and "404" in p for p in problems), problems
