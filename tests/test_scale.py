"""Building at scale: rendering shared among processes gives the very bytes one process gives, and
a build with nothing changed since the last is recognised and skipped, never wrongly."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import REPO, run_cli, snapshot
from conftest import make_site as make_fixture

sys.path.insert(0, str(REPO / "scripts"))
from benchmark import make_site

from zonesite.derive.pages import plan_pages
from zonesite.pipeline import read_site
from zonesite.render import PARALLEL_FROM, render_pages


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough zones that rendering is shared among worker processes."""
    root = tmp_path_factory.mktemp("big") / "site"
    make_site(root, PARALLEL_FROM // 2 + 10)
    return root


def test_pages_rendered_in_worker_processes_are_the_same_bytes(big_site: Path) -> None:
    site, _warnings = read_site(big_site)
    pages = plan_pages(site)
    assert len(pages) >= PARALLEL_FROM
    one_renderer, one = render_pages(site, pages, workers=1)
    two_renderer, two = render_pages(site, pages, workers=2)
    assert sorted(one) == sorted(two)
    assert all(one[path] == two[path] for path in one)
    assert sorted(one_renderer.links) == sorted(two_renderer.links)


def _build(site: Path, out: Path) -> str:
    code, stdout, stderr = run_cli("build", "--site", site, "--out", out)
    assert code == 0, stdout + stderr
    return stdout


INPUTS = {
    "zone": ("clusters/alpha.yaml", "status: operating", "status: established"),
    "page": ("content/about.md", "See the", "Read the"),
    "site.yaml": ("site.yaml", "Land, infrastructure", "Land and infrastructure"),
    "template": ("templates/strings/th.yaml", None, "nav_home: Home\n"),
    "static": ("static/images/new.txt", None, "a new static file"),
}


@pytest.mark.parametrize("kind", list(INPUTS))
def test_a_build_with_nothing_changed_is_skipped_and_any_change_rebuilds(tmp_path: Path, kind: str) -> None:
    site, out = make_fixture(tmp_path / "site"), tmp_path / "out"
    assert "Built " in _build(site, out)
    first = snapshot(out)
    assert "Nothing changed since the last build" in _build(site, out)
    assert snapshot(out) == first
    path, old, new = INPUTS[kind]
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if old is None:
        target.write_text(new, encoding="utf-8")
    else:
        text = target.read_text(encoding="utf-8")
        assert old in text
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert "Built " in _build(site, out), f"a change to the {kind} was not seen"
    # A build after the change gives what a build from nothing gives.
    cold = tmp_path / "cold"
    _build(site, cold)
    assert snapshot(out) == snapshot(cold)


def test_output_touched_since_the_last_build_is_rebuilt(tmp_path: Path) -> None:
    site, out = make_fixture(tmp_path / "site"), tmp_path / "out"
    _build(site, out)
    page = out / "en" / "index.html"
    page.write_text("defaced", encoding="utf-8")
    assert "Built " in _build(site, out)
    assert "defaced" not in page.read_text(encoding="utf-8")
    (out / "vi" / "map" / "index.html").unlink()
    assert "Built " in _build(site, out)
    assert (out / "vi" / "map" / "index.html").is_file()


EDITS = {
    "a figure": ("clusters/zone-00150.md", "total_ha: ", "total_ha: 1"),  # its page and the pages that list it
    "a commune": ("clusters/zone-00150.md", "commune: {vi: xã ", "commune: {vi: xã Mới "),  # new filter choices
    "the address": ("site.yaml", "https://example.gov.vn/invest/", "https://example.gov.vn/dau-tu/"),  # everything
    "a definition": ("site.yaml", "Dệt may", "Dệt và may mặc"),  # labels in every record and page
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_preview_rebuild_after_an_edit_equals_a_build_from_nothing(big_site: Path, tmp_path: Path, edit: str) -> None:
    """serve re-renders only what an edited zone touches; the result must be what a cold build gives."""
    from zonesite.commands.preview import Preview

    site = tmp_path / "site"
    shutil.copytree(big_site, site)
    preview = Preview(site, tmp_path / "served")
    assert preview.build()
    name, old, new = EDITS[edit]
    path = site / name  # zone-00150 is on the second listing page
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert preview.build({path})
    cold = Preview(site, tmp_path / "cold")
    assert cold.build()
    served, fresh = snapshot(tmp_path / "served"), snapshot(tmp_path / "cold")
    served = {k: v for k, v in served.items() if not k.startswith("pagefind/")}
    fresh = {k: v for k, v in fresh.items() if not k.startswith("pagefind/")}
    assert sorted(served) == sorted(fresh)
    assert [k for k in fresh if served[k] != fresh[k]] == []
