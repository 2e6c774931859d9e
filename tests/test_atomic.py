"""A failed build leaves the published site exactly as it was; a good build is reproducible."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build, headlines, make_site, run_cli, snapshot, write

PAGE_OVERRIDE = """\
{% extends "base.html" %}
{% block main %}
<h1>{{ page.title|tr }}</h1>
<p>{{ no_such_variable.title }}</p>
{% endblock %}
"""


@pytest.fixture
def published(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A site built once into ``out``: (site, out, the output's files and bytes)."""
    site = make_site(tmp_path / "site")
    out = build(site, tmp_path / "public")
    before = snapshot(out)
    assert "en/clusters/alpha/index.html" in before
    return site, out, before


def _siblings(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name not in ("site", out.name))


def test_content_error_leaves_previous_site_byte_for_byte(published: tuple[Path, Path, dict[str, bytes]]) -> None:
    site, out, before = published
    zone = site / "clusters" / "alpha.yaml"
    zone.write_text(zone.read_text(encoding="utf-8").replace("leased_ha: 47.3", "leased_ha: 80"), encoding="utf-8")
    code, _, stderr = run_cli("build", "--site", site, "--out", out)
    assert code == 1
    assert "clusters/alpha.yaml:14:3: area.leased_ha: 80 is larger than industrial_land_ha (60)" in headlines(stderr)
    assert "Nothing was written; the previous site is unchanged." in stderr
    assert snapshot(out) == before
    assert _siblings(out) == [], "a staging folder was left next to the output"


def test_yaml_error_in_one_of_many_files_changes_nothing(published: tuple[Path, Path, dict[str, bytes]]) -> None:
    site, out, before = published
    write(site / "clusters" / "new-zone.yaml", "name: [unclosed\n")
    (site / "clusters" / "beta.md").unlink()  # a deletion that must not be published either
    assert run_cli("build", "--site", site, "--out", out)[0] == 1
    assert snapshot(out) == before


def test_template_error_names_the_template_and_keeps_the_site(
    published: tuple[Path, Path, dict[str, bytes]],
) -> None:
    site, out, before = published
    write(site / "templates" / "page.html", PAGE_OVERRIDE)
    code, _, stderr = run_cli("build", "--site", site, "--out", out)
    assert code == 1
    assert "Traceback" not in stderr
    lines = headlines(stderr)
    assert lines, stderr
    for line in lines:
        assert line.startswith("templates/page.html:4:"), line
        assert "'no_such_variable' is undefined" in line
    assert any(line.endswith("while rendering en/about/index.html") for line in lines), lines
    assert snapshot(out) == before
    assert _siblings(out) == []


def test_broken_link_error_keeps_the_site(published: tuple[Path, Path, dict[str, bytes]]) -> None:
    site, out, before = published
    write(site / "content" / "about.md", "---\ntitle: About\n---\nSee [nothing](/nowhere/).\n")
    assert run_cli("build", "--site", site, "--out", out)[0] == 1
    assert snapshot(out) == before


def test_good_rebuild_replaces_the_site_whole(published: tuple[Path, Path, dict[str, bytes]]) -> None:
    site, out, before = published
    zone = site / "clusters" / "alpha.yaml"
    zone.write_text(zone.read_text(encoding="utf-8").replace("Alpha Industrial Cluster", "Alpha Park"), "utf-8")
    (out / "stale.html").write_text("left over from an old build", encoding="utf-8")
    code, _, stderr = run_cli("build", "--site", site, "--out", out)
    assert code == 0, stderr
    after = snapshot(out)
    assert "stale.html" not in after
    # The search index names its files by content, so only they may change name.
    assert {p for p in after if not p.startswith("pagefind/")} == {p for p in before if not p.startswith("pagefind/")}
    assert b"Alpha Park" in after["en/clusters/alpha/index.html"]
    assert _siblings(out) == []


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    first, second = tmp_path / "one", tmp_path / "two"
    # Different hash seeds: nothing may depend on set or dict iteration order.
    assert run_cli("build", "--site", site, "--out", first, env={"PYTHONHASHSEED": "1"})[0] == 0
    assert run_cli("build", "--site", site, "--out", second, env={"PYTHONHASHSEED": "2"})[0] == 0
    one, two = snapshot(first), snapshot(second)
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


def test_same_site_in_another_folder_builds_the_same_bytes(tmp_path: Path) -> None:
    """The output depends on the site's files, not on where they lie on the disk."""
    a = build(make_site(tmp_path / "a" / "site"), tmp_path / "a" / "out")
    b = build(make_site(tmp_path / "somewhere" / "else" / "site"), tmp_path / "b" / "out")
    assert snapshot(a) == snapshot(b)
