#!/usr/bin/env python3
"""Build-time and memory benchmark: how the generator scales with the number of zones.

    python scripts/benchmark.py [--zones 10 100 1000] [--runs 5]

For each size it writes a synthetic site (zones with every section filled) that uses the example
site's templates, then runs ``build.py build`` as a separate process ``--runs`` times, and prints
the median, minimum and maximum wall time, pages per second and the peak resident memory of the
build process. Figures vary with the machine; compare sizes measured in one run.
"""

from __future__ import annotations

import argparse
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"

SITE = """\
title: {{vi: Benchmark, en: Benchmark}}
province: {{vi: Khánh Hòa, en: Khanh Hoa}}
languages: [vi, en]
base_url: https://example.gov.vn/invest/
theme: {theme}
sources:
  bench: {{title: Benchmark source, published: 2024-05-28}}
definitions:
  industries:
    food: {{label: {{vi: Chế biến thực phẩm, en: Food processing}}}}
    textiles: {{label: {{vi: Dệt may, en: Textiles}}}}
  incentives:
    cit:
      label: {{vi: Ưu đãi thuế, en: Tax incentive}}
      description: {{vi: Mô tả **ưu đãi**., en: Incentive **text**.}}
"""

ZONE = """\
name: {{vi: Cụm công nghiệp Số {i}, en: Industrial Cluster No. {i}}}
type: industrial_cluster
status: {status}
featured: {featured}
summary: {{vi: Cụm số {i} còn đất trống., en: Cluster {i} has free land.}}
description: {{vi: "Mô tả cụm **{i}**.", en: "Description of cluster **{i}**."}}
location: {{district: {{vi: Huyện {d}, en: District {d}}}, lat: {lat:.4f}, lng: {lng:.4f}}}
dates: {{established: 2019, operating_since: 2021-06}}
area: {{total_ha: {total}, industrial_land_ha: {industrial}, leased_ha: {leased}}}
developer: {{name: Công ty {i}, funding: enterprise, email: info{i}@example.vn, phone: "0258 3822 {i:03d}"}}
lease: {{price_usd_m2: {price}, price_basis: term, term_until: 2069, management_fee_usd_m2_year: 0.5}}
tenants: {{establishments: {est}, workers: {workers}, registered_capital_vnd: {capital}}}
infrastructure:
  internal_roads: {{state: completed}}
  water_supply: {{state: operating, capacity: 2000}}
  wastewater_treatment: {{state: operating, capacity: 1500, standard: "QCVN 40:2011/BTNMT"}}
  power_supply: {{state: completed, capacity: 40}}
industries: [food, textiles]
incentives: [cit]
connectivity: {{seaport: {{km: {port}}}, airport: {{km: 30}}}}
targets: [{{year: 2026, occupancy_pct: 80}}]
contacts: [{{role: developer, name: Phòng kinh doanh, phone: "0258 3822 111"}}]
sources: [{{ref: bench, checked: 2026-01-01, covers: [area, tenants]}}]
"""


def make_site(root: Path, zones: int) -> None:
    (root / "clusters").mkdir(parents=True)
    (root / "site.yaml").write_text(SITE.format(theme=REPO), encoding="utf-8")
    statuses = ["planned", "established", "under_construction", "operating"]
    for i in range(zones):
        total = 20 + i % 60
        industrial = round(total * 0.7, 1)
        (root / "clusters" / f"zone-{i:04d}.yaml").write_text(
            ZONE.format(
                i=i,
                status=statuses[i % 4],
                featured=str(i < 3).lower(),
                d=i % 9,
                lat=11.5 + (i % 100) / 100,
                lng=108.8 + (i % 70) / 100,
                total=total,
                industrial=industrial,
                leased=round(industrial * (i % 10) / 10, 1),
                price=40 + i % 30,
                est=i % 50,
                workers=i * 10,
                capital=(i + 1) * 1e11,
                port=5 + i % 40,
            ),
            encoding="utf-8",
        )


def run_build(site: Path, out: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one build in a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(REPO / "build.py"), "build", "--site", str(site), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before)


def listing_latency(out: Path, repeats: int = 15) -> tuple[float, float, float, int]:
    """In Chromium: milliseconds from navigation to a usable listing, the median milliseconds to
    apply a filter change and a sort change, and the listing page's size in bytes."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    http.server.SimpleHTTPRequestHandler.log_message = lambda *a: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    script = """([name, values]) => {
        const field = document.querySelector(`#zone-filters [name="${name}"]`);
        const times = [];
        for (const value of values) {
            const start = performance.now();
            field.value = value;
            field.dispatchEvent(new Event("change", {bubbles: true}));
            document.body.offsetHeight;  // include layout
            times.push(performance.now() - start);
        }
        times.sort((a, b) => a - b);
        return times[Math.floor(times.length / 2)];
    }"""
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/en/clusters/")
            statuses = ["operating", "planned", ""] * (repeats // 3)
            sorts = ["free", "price", "name"] * (repeats // 3)
            page.wait_for_function("performance.getEntriesByName('listing-ready').length > 0")
            ready_ms = page.evaluate("performance.getEntriesByName('listing-ready')[0].startTime")
            filter_ms = page.evaluate(script, ["status", statuses])
            sort_ms = page.evaluate(script, ["sort", sorts])
            browser.close()
    finally:
        server.shutdown()
    return ready_ms, filter_ms, sort_ms, (out / "en" / "clusters" / "index.html").stat().st_size


def preview_rebuild(zones: int) -> tuple[float, float]:
    """Seconds for serve's first build and for its rebuild after one zone file changes."""
    sys.path.insert(0, str(REPO))
    from zonesite.commands.preview import Preview

    with tempfile.TemporaryDirectory() as tmp:
        site, out = Path(tmp) / "site", Path(tmp) / "out"
        make_site(site, zones)
        preview = Preview(site, out)
        started = time.perf_counter()
        preview.build()
        first = time.perf_counter() - started
        changed = site / "clusters" / "zone-0005.yaml"
        changed.write_text(changed.read_text(encoding="utf-8").replace("No. 5,", "Five,"), encoding="utf-8")
        started = time.perf_counter()
        preview.build({changed})
        return first, time.perf_counter() - started


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def serve_idle(zones: int, seconds: float = 10.0) -> float:
    """Per cent of one core ``build.py serve`` uses while nothing changes, over ``seconds``."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        make_site(site, zones)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        log = Path(tmp) / "serve.out"
        with log.open("w") as out:
            process = subprocess.Popen(
                [sys.executable, str(REPO / "build.py"), "serve", "--site", str(site), "--port", str(port)],
                stdout=out,
                stderr=subprocess.DEVNULL,
            )
        try:
            deadline = time.monotonic() + 600
            while "Serving " not in log.read_text() and time.monotonic() < deadline:
                time.sleep(0.2)
            time.sleep(2)  # let the search index and the watcher settle
            before = _cpu_seconds(process.pid)
            time.sleep(seconds)
            return 100 * (_cpu_seconds(process.pid) - before) / seconds
        finally:
            process.terminate()
            process.wait()


HEAVY_PAGES = ("clusters/", "map/", "dashboard/", "", "compare/", "data/")


def page_weights(out: Path, lang: str = "en") -> str:
    """Bytes a reader downloads for the pages that list every zone (HTML only; scripts and styles
    are shared and cached), so growth with the number of zones shows."""
    sizes = []
    for key in HEAVY_PAGES:
        path = out / lang / key / "index.html"
        if path.exists():
            sizes.append(f"{key or 'home/'} {path.stat().st_size / 1024:.0f}")
    return ", ".join(sizes) + " KiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zones", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"{'zones':>6} {'pages':>6} {'median s':>9} {'min s':>7} {'max s':>7} {'pages/s':>8} {'peak MiB':>9}")
    rows, weights = [], []
    for zones in args.zones:
        with tempfile.TemporaryDirectory() as tmp:
            site, out = Path(tmp) / "site", Path(tmp) / "out"
            make_site(site, zones)
            times, peak = [], 0
            for _ in range(args.runs):
                seconds, rss = run_build(site, out)
                times.append(seconds)
                peak = max(peak, rss)
            pages = sum(1 for _ in out.rglob("*.html"))
            median = statistics.median(times)
            rows.append((zones, median))
            print(
                f"{zones:>6} {pages:>6} {median:>9.2f} {min(times):>7.2f} {max(times):>7.2f} "
                f"{pages / median:>8.0f} {peak / 1024:>9.0f}"
            )
            weights.append(f"page weight with {zones} zones: {page_weights(out)}")
    print("\n".join(weights))
    if Path(CHROMIUM).exists():
        with tempfile.TemporaryDirectory() as tmp:
            site, out = Path(tmp) / "site", Path(tmp) / "out"
            make_site(site, max(args.zones))
            run_build(site, out)
            ready_ms, filter_ms, sort_ms, size = listing_latency(out)
        print(
            f"listing of {max(args.zones)} zones in Chromium: ready {ready_ms:.0f} ms after navigation, "
            f"filter {filter_ms:.1f} ms, sort {sort_ms:.1f} ms (medians of 15), page {size / 1024:.0f} KiB"
        )
    first, quick = preview_rebuild(max(args.zones))
    print(f"serve with {max(args.zones)} zones: first build {first:.1f} s, one zone changed: {quick:.1f} s")
    if Path("/proc/self/stat").exists():
        print(f"serve with {max(args.zones)} zones, idle: {serve_idle(max(args.zones)):.1f} % of one core over 10 s")
    if len(rows) > 1:
        (small, t_small), (large, t_large) = rows[0], rows[-1]
        print(f"time ratio {large}/{small} zones: {t_large / t_small:.1f}x for {large / small:.0f}x the zones")


if __name__ == "__main__":
    main()
