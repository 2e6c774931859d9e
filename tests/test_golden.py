"""Golden output: what the engine produces for fixed inputs, compared to a committed record.

A change to the engine that is meant to change nothing (a refactor) must leave every byte the same:
the whole built output of both example sites and of a rich fixture site (as SHA-256 digests), the
messages ``check`` prints for a site full of mistakes, and the staff files (field reference, JSON
Schema, ``new`` scaffold, spreadsheet export). A change that is meant to change output updates the
record on purpose, and the diff of ``tests/golden/`` shows what changed:

    .venv/bin/python tests/test_golden.py --update
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import tempfile
from pathlib import Path

from conftest import REPO, make_site, run_cli
from sites import RICH_PAGES, RICH_SITE_EXTRA, RICH_ZONES

GOLDEN = Path(__file__).resolve().parent / "golden"
SITES = {"khanh-hoa": REPO, "ninh-binh": REPO / "examples" / "ninh-binh"}

# A site whose files hold one of each kind of mistake staff make, so the golden record holds the
# wording of every kind of message. Figures are checked long ago on purpose: warnings about old
# figures do not depend on the day the test runs.
BROKEN_ZONES = {
    "misspelt.yaml": """\
        name: {vi: Cụm Sai Chính Tả, en: Misspelt Cluster}
        type: industrial_clustr
        status: operatng
        location: {district: huyện Cam Lâm, lat: 109.1, lng: 12.1}
        area: {total_ha: 50, industrial_land_ha: 60, leased_ha: 70, availble_ha: 3, occupancy_pct: 120}
        lease: {price_usd_m2: "45,5", price_vnd_m2: 1.100.000}
        tenants: {workers: 4.440, establishments: khoảng 12}
        industries: [food, food, fod]
        targets:
          - {year: 2024}
        contacts:
          - {phone: 02583822111, email: not-an-address, website: javascript:alert(1)}
        sources:
          - {ref: plan-2024, checked: 28/05/2024, covers: [area, areas, infrastructure.roads]}
          - {publisher: nobody}
        photos:
          - {file: images/missing.jpg}
          - {file: ../outside.jpg}
        """,
    "bad-yaml.yaml": """\
        name: {vi: Cụm Lỗi, en: Broken
        type: industrial_cluster
        """,
    "tabs.yaml": "name: x\ntype: industrial_cluster\nlocation:\n\tlat: 12\n",
    "twice.yaml": """\
        name: Twice
        type: industrial_cluster
        name: Again
        """,
    "Bad Name.yaml": "name: x\ntype: industrial_cluster\n",
    "empty.yaml": "",
    "a-list.yaml": "- name: x\n",
    "lang.md": """\
        ---
        name: {vi: Cụm Ngôn Ngữ, en: Language Cluster}
        type: industrial_cluster
        description: given twice
        ---
        Before any marker.
        <!-- lang: fr -->
        Bonjour.
        <!-- lang: vi -->
        Xin chào, xem [cụm](/clusters/nowhere/).
        <!-- lang: vi -->
        Lần nữa.
        """,
    "stale.yaml": """\
        name: {vi: Cụm Cũ}
        type: industrial_cluster
        location: {lat: 12.2, lng: 109.1}
        sources:
          - {title: An old article, checked: 2019-01-01}
        """,
}


# Files that are each valid alone but break rules across fields, plus gaps that only warn.
RULE_ZONES = {
    "land.yaml": """\
        name: {vi: Cụm Đất, en: Land Cluster}
        type: industrial_cluster
        location: {lat: 109.1, lng: 12.1}
        area: {total_ha: 50, industrial_land_ha: 60, leased_ha: 70, available_ha: 3, occupancy_pct: 20}
        industries: [food, food]
        targets:
          - {year: 2024, occupancy_pct: 40}
          - {year: 2024, occupancy_pct: 50}
        sources:
          - {ref: plan-2024, checked: 2020-01-01, covers: [area, areas, infrastructure.roads, area.total_ha.x]}
        photos:
          - {file: images/missing.jpg}
        """,
    "half.yaml": """\
        name: {vi: Cụm Nửa}
        type: industrial_cluster
        location: {lat: 12.1}
        area: {leased_ha: 5, available_ha: 5}
        tenants: {workers: 4.440}
        """,
    "stale.yaml": """\
        name: {vi: Cụm Cũ}
        type: industrial_cluster
        location: {lat: 12.2, lng: 109.1}
        sources:
          - {title: An old article, checked: 2019-01-01}
        """,
}


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _build(site: Path, out: Path) -> dict[str, str]:
    code, stdout, stderr = run_cli("build", "--site", site, "--out", out)
    assert code == 0, f"build of {site} failed:\n{stdout}\n{stderr}"
    return _digests(out)


def _staff_files(work: Path) -> dict[str, str]:
    """What staff tools write: scaffold, schema, field reference, spreadsheet export."""
    files: dict[str, str] = {}
    site = make_site(work / "staff", zones={})
    code, _, stderr = run_cli("new", "Cụm công nghiệp Điện Thọ 2", "--site", site)
    assert code == 0, stderr
    files["new/dien-tho-2.yaml"] = (site / "clusters" / "dien-tho-2.yaml").read_text(encoding="utf-8")
    for name in ("zone.schema.json", "site.schema.json"):
        files[f"new/schema/{name}"] = (site / "schema" / name).read_text(encoding="utf-8")
    code, reference, stderr = _module("zonesite.reference")
    files["docs/fields.md"] = reference
    for name, root in SITES.items():
        code, _, stderr = run_cli("export", work / f"{name}.csv", "--site", root)
        assert code == 0, stderr
        files[f"export/{name}.csv"] = (work / f"{name}.csv").read_text(encoding="utf-8")
    return files


def _module(name: str) -> tuple[int, str, str]:
    import subprocess

    candidates = [name, name.replace("zonesite.", "zonesite.staff.")]
    for candidate in candidates:
        result = subprocess.run(
            [sys.executable, "-m", candidate], cwd=REPO, capture_output=True, text=True, timeout=120, check=False
        )
        if result.returncode == 0:
            return 0, result.stdout, result.stderr
    raise AssertionError(f"python -m {name} failed: {result.stderr}")


def _messages(work: Path) -> dict[str, str]:
    """What ``check`` prints for the broken site and for the rich site (warnings), and for a bad site.yaml."""
    texts: dict[str, str] = {}
    broken = make_site(work / "broken", zones=BROKEN_ZONES)
    rules = make_site(work / "rules", zones=RULE_ZONES)
    for name, root in (("broken", broken), ("rules", rules), ("rich", work / "rich")):
        code, stdout, stderr = run_cli("check", "--site", root)
        texts[f"check/{name}"] = f"exit {code}\n--- stdout\n{stdout}--- stderr\n{stderr}"
    bad_site = make_site(
        work / "bad-site",
        site="title: x\nprovince: y\nlanguages: [vi, xx]\nbase_url: example.gov.vn\nthem: ../..\nmap: {max_zoom: 30}\n",
    )
    code, stdout, stderr = run_cli("build", "--site", bad_site)
    texts["build/bad-site"] = f"exit {code}\n--- stdout\n{stdout}--- stderr\n{stderr}"
    return texts


def golden(work: Path) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """``(digests by site, texts)`` produced by the engine as it is now."""
    digests = {name: _build(root, work / f"{name}-out") for name, root in SITES.items()}
    rich = make_site(work / "rich", zones=RICH_ZONES, pages=RICH_PAGES, site_extra=RICH_SITE_EXTRA)
    digests["rich"] = _build(rich, work / "rich-out")
    texts = _messages(work) | _staff_files(work)
    return digests, texts


def _texts_path() -> Path:
    return GOLDEN / "texts.json"


def _manifest_path() -> Path:
    return GOLDEN / "manifest.json"


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def test_output_and_messages_match_the_golden_record(tmp_path: Path) -> None:
    digests, texts = golden(tmp_path)
    recorded = json.loads(_manifest_path().read_text(encoding="utf-8"))
    for site, files in recorded.items():
        built = digests[site]
        changed = sorted(name for name in files.keys() | built.keys() if files.get(name) != built.get(name))
        assert not changed, f"{site}: {len(changed)} files differ from the golden record, e.g. {changed[:8]}"
    recorded_texts = json.loads(_texts_path().read_text(encoding="utf-8"))
    assert sorted(recorded_texts) == sorted(texts)
    for name, text in recorded_texts.items():
        assert texts[name] == text, f"{name} differs from the golden record"


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: tests/test_golden.py --update  (rewrites tests/golden/ from the engine as it is now)")
    work = Path(tempfile.mkdtemp())
    try:
        digests, texts = golden(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    GOLDEN.mkdir(exist_ok=True)
    _manifest_path().write_text(_dump(digests), encoding="utf-8")
    _texts_path().write_text(_dump(texts), encoding="utf-8")
    count = sum(map(len, digests.values()))
    print(f"Wrote {_manifest_path()} ({count} files) and {_texts_path()} ({len(texts)} texts)")
