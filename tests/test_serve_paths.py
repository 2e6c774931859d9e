"""``build.py serve`` listens on the loopback address only and answers nothing from outside its
output folder, however a request spells the path: every request here is sent as written (the
client never normalises ``..`` or decodes ``%2f``) to the real server started through the CLI."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import make_site, serving, write

SECRET = "secret-outside-the-output-7f3a"  # in files beside and above the output folder


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, int]]:
    """A site served by ``build.py serve`` on a free port with the default host: (site, port)."""
    top = tmp_path_factory.mktemp("serve-paths")
    site = make_site(top / "site", site_extra=f"# {SECRET}\n")
    write(top / "secret.txt", f"{SECRET}\n")
    with serving(site, top / "logs") as server:
        yield site, server.port


def raw_get(port: int, target: str) -> tuple[int, bytes]:
    """GET ``target`` exactly as written, with the Host a browser on this machine would send."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", target, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", f"127.0.0.1:{port}")
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def traversals(site: Path) -> list[str]:
    """Ways to name ``site.yaml`` (one level above the output), ``secret.txt`` (two levels above)
    and system files: dot segments plain and percent-encoded, encoded slashes and backslashes,
    through the editor's and the static files' addresses, absolute paths and absolute URLs."""
    above = [
        "/../site.yaml",
        "/../../secret.txt",
        "/%2e%2e/site.yaml",
        "/%2E%2E/%2e%2e/secret.txt",
        "/..%2fsite.yaml",
        "/..%2F..%2Fsecret.txt",
        "/%2e%2e%2fsite.yaml",
        "/..%5csite.yaml",
        "/..\\site.yaml",
        "/%5c..%5csite.yaml",
        "/..%255csite.yaml",
        "/static/../../site.yaml",
        "/static/%2e%2e/%2e%2e/site.yaml",
        "/en/..%2f..%2f..%2fsite.yaml",
        "/_edit/../../site.yaml",
        "/_edit/..%2f..%2fsite.yaml",
        "/_edit/zone/..%2f..%2fsite",
        "/_edit/zone/..%2F..%2Fsecret",
        "/_edit/zone/%2e%2e",
        "/_edit/editor.js/../../../site.yaml",
        "/..;/site.yaml",
        "/.%2e/site.yaml",
        "/%2e./site.yaml",
        "/..%00/site.yaml",
        "/en/%00",
        "/" + "a" * 300,
        "../site.yaml",
    ]
    absolute = [str(site / "site.yaml"), str(site.parent / "secret.txt"), "/etc/passwd"]
    for path in absolute:
        above += ["/" + path, "/" + quote(path, safe=""), "/static/" + quote(path, safe=""), path]
    above += [f"http://127.0.0.1/{p.lstrip('/')}" for p in ("../site.yaml", "%2e%2e/site.yaml")]
    return above


def test_no_path_reaches_a_file_outside_the_output(served: tuple[Path, int]) -> None:
    site, port = served
    for target in traversals(site):
        status, body = raw_get(port, target)
        assert status < 500, f"{target} made the server fail ({status})"
        assert SECRET.encode() not in body, f"{target} answered {status} with a file outside the output"
        assert b"root:x:0:0" not in body, f"{target} answered {status} with /etc/passwd"
        assert status != 200 or b"<!DOCTYPE html>" in body, f"{target} answered 200 with {body[:80]!r}"


def test_dot_segments_are_resolved_within_the_output(served: tuple[Path, int]) -> None:
    """The requests above reach the server as written: ``..`` that stays inside is followed."""
    site, port = served
    robots = (site / "_site" / "robots.txt").read_bytes()
    assert raw_get(port, "/static/../robots.txt") == (200, robots)
    assert raw_get(port, "/en/%2e%2e/robots.txt") == (200, robots)
    assert raw_get(port, "/../site.yaml")[0] == 404


def _listening(port: int) -> set[str]:
    """Local addresses of sockets listening on ``port``, read from the kernel's tables."""
    found = set()
    for table in (Path("/proc/net/tcp"), Path("/proc/net/tcp6")):
        if not table.exists():
            continue
        for line in table.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.partition(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def test_serve_listens_on_the_loopback_address_only(served: tuple[Path, int]) -> None:
    if not Path("/proc/net/tcp").exists():
        pytest.skip("no /proc/net/tcp to read listening sockets from (not Linux)")
    _, port = served
    assert _listening(port) == {"0100007F"}, "serve must listen on 127.0.0.1 only by default"
