"""A failed build leaves the published site exactly as it was; a good build is reproducible."""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, build, headlines, make_site, run_cli, snapshot, write

from zonesite.output import write as writer

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


def _differ(now: dict[str, bytes], *builds: dict[str, bytes]) -> list[list[str]]:
    """For each build, the files ``now`` lacks, adds or holds otherwise."""
    return [sorted(n for n in now.keys() | build.keys() if now.get(n) != build.get(n))[:6] for build in builds]


def _renamed(site: Path, attempt: int) -> None:
    """Give a zone a name of its own for each attempt, so a build has something new to write (an
    unchanged site is skipped)."""
    zone = site / "clusters" / "alpha.yaml"
    text = zone.read_text(encoding="utf-8")
    renamed = re.sub(r"en: Alpha [^}]*}", f"en: Alpha Park {attempt}}}", text, count=1)
    assert renamed != text
    zone.write_text(renamed, encoding="utf-8")


def test_a_build_killed_at_any_moment_leaves_a_whole_site(tmp_path: Path) -> None:
    """SIGKILL, which nothing can catch or clean up after, at spread moments of a build (start-up,
    reading, rendering, indexing, the swap): the output is, byte for byte, either the previous
    build or the new one, never a mixture, never missing. Then a build finishes and leaves no
    staging folder of the killed ones behind."""
    theme = tmp_path / "theme"  # a copy, so every build of this test renders the same templates
    for folder in ("templates", "static"):
        shutil.copytree(REPO / folder, theme / folder)
    site = make_site(tmp_path / "site", theme=theme)
    out = build(site, tmp_path / "public")
    rng, attempts = random.Random(20261126), 6
    for attempt in range(attempts):
        before = snapshot(out)
        _renamed(site, attempt)
        started = time.monotonic()
        after = snapshot(build(site, tmp_path / f"reference-{attempt}"))
        assert after != before
        delay = (time.monotonic() - started) * (attempt + rng.random()) / attempts
        command = [sys.executable, str(REPO / "build.py"), "build", "--site", str(site), "--out", str(out)]
        process = subprocess.Popen(
            command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGKILL)  # the build and the workers it forked
        process.wait()
        now = snapshot(out)
        assert now in (before, after), f"killed after {delay:.2f} s, differs from each: {_differ(now, before, after)}"
    _renamed(site, attempts)
    build(site, out)
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")] == []


@pytest.mark.parametrize("step", range(1, 5))
def test_no_step_of_the_swap_leaves_the_output_missing(tmp_path: Path, step: int) -> None:
    """The swap itself, killed right after each of its renames in turn: the output folder always
    holds a whole site, the old or the new."""
    out = tmp_path / "public"
    write(out / "index.html", "old")
    renames = 0

    def rename_then_maybe_die(real: Callable[..., Any]) -> Callable[..., Any]:
        """``real`` (a rename the writer makes), then death by SIGKILL after the ``step``-th."""

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            nonlocal renames
            result = real(*args, **kwargs)
            renames += 1
            if renames == step:
                os.kill(os.getpid(), signal.SIGKILL)
            return result

        return wrapped

    child = os.fork()
    if child == 0:  # the writer, in a process of its own that can be killed mid-swap
        try:
            writer.os.replace = rename_then_maybe_die(os.replace)
            if hasattr(writer, "_exchange"):
                writer._exchange = rename_then_maybe_die(writer._exchange)
            writer.write_site({"index.html": b"new", "data/x.json": b"{}"}, out)
        finally:
            os._exit(0)
    _, status = os.waitpid(child, 0)
    assert snapshot(out) in ({"index.html": b"old"}, {"index.html": b"new", "data/x.json": b"{}"}), (step, status)
