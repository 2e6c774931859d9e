"""Building at scale: rendering shared among processes gives the very bytes one process gives, and
a build with nothing changed since the last is recognised and skipped, never wrongly."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import REPO

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
