"""The example sites in the repository build as they are, through the CLI staff use."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, headlines, parse, read, run_cli

KHANH_HOA_ZONES = (
    "trang-e",
    "trang-e-2",
    "dien-tho",
    "ninh-xuan",
    "song-cau",
    "khatoco-ninh-ich",
    "son-binh",
    "tan-lap",
    # Industrial parks of the former Ninh Thuan province and of Van Phong Economic Zone.
    "thanh-hai",
    "du-long",
    "phuoc-nam",
    "ca-na-1",
    "doc-da-trang",
)
NINH_BINH = REPO / "examples" / "ninh-binh"
LANGS = ("vi", "en")


def _zone_slugs(site: Path) -> list[str]:
    folder = site / "clusters"
    assert folder.is_dir(), f"{folder} does not exist"
    return sorted(p.stem for p in folder.iterdir() if p.suffix in (".yaml", ".yml", ".md") and p.name[0] not in ".~#")


def test_khanh_hoa_builds_with_every_fact_sheet(example_site: Path) -> None:
    for slug in KHANH_HOA_ZONES:
        for lang in LANGS:
            html = read(example_site, f"{lang}/clusters/{slug}/index.html")
            assert f'<html lang="{lang}">' in html
            assert [t for t, _ in parse(html).tags].count("h1") == 1, f"{lang}/{slug}: one title per page"
    assert sorted(_zone_slugs(REPO)) == sorted(KHANH_HOA_ZONES)


@pytest.mark.parametrize(
    ("slug", "vi", "en"),
    [
        ("song-cau", "Cụm công nghiệp Sông Cầu", "Song Cau Industrial Cluster"),
        ("khatoco-ninh-ich", "Khatoco Ninh Ích", "Khatoco Ninh Ich"),
        ("trang-e", "Cụm công nghiệp Trảng É", "Trang E Industrial Cluster"),
    ],
)
def test_khanh_hoa_fact_sheets_speak_each_language(example_site: Path, slug: str, vi: str, en: str) -> None:
    assert vi in read(example_site, f"vi/clusters/{slug}/index.html")
    assert en in read(example_site, f"en/clusters/{slug}/index.html")


def test_khanh_hoa_listing_links_every_zone(example_site: Path) -> None:
    for lang in LANGS:
        hrefs = {a.get("href") for t, a in parse(read(example_site, f"{lang}/clusters/index.html")).tags if t == "a"}
        assert {f"{slug}/" for slug in KHANH_HOA_ZONES} <= hrefs, lang


def test_khanh_hoa_checks_clean() -> None:
    code, stdout, stderr = run_cli("check", "--site", REPO)
    assert code == 0, stderr
    assert stdout.splitlines()[-1].endswith("zones checked: no errors.")
    assert headlines(stderr) == []


def test_ninh_binh_builds_on_the_repository_theme(tmp_path: Path) -> None:
    """examples/ninh-binh reuses the root's templates through ``theme: ../..``."""
    assert (NINH_BINH / "site.yaml").is_file(), "examples/ninh-binh/site.yaml is missing"
    out = tmp_path / "ninh-binh"
    code, _, stderr = run_cli("build", "--site", NINH_BINH, "--out", out)
    assert code == 0, stderr
    assert "Traceback" not in stderr
    slugs = _zone_slugs(NINH_BINH)
    assert slugs, "the Ninh Binh example has no zone files"
    for lang in LANGS:
        assert (out / lang / "index.html").is_file()
        assert (out / lang / "clusters" / "index.html").is_file()
        for slug in slugs:
            assert (out / lang / "clusters" / slug / "index.html").is_file(), f"{lang}/{slug}"
    assert (out / "static" / "site.css").read_bytes() == (REPO / "static" / "site.css").read_bytes()
    assert "Ninh B" in read(out, "vi/index.html")
    assert "Khánh Hòa" not in read(out, "vi/index.html"), "the theme's example content leaked into another site"


def test_ninh_binh_checks_clean() -> None:
    code, _, stderr = run_cli("check", "--site", NINH_BINH)
    assert code == 0, stderr
    assert headlines(stderr) == []


def test_ninh_binh_builds_from_its_own_folder(tmp_path: Path) -> None:
    """Staff run ``python ../../build.py`` inside the site folder; the relative theme still resolves."""
    code, _, stderr = run_cli("build", "--out", tmp_path / "out", cwd=NINH_BINH)
    assert code == 0, stderr
    assert (tmp_path / "out" / "en" / "clusters" / "index.html").is_file()
