#!/usr/bin/env python3
"""Build-time, memory and preview benchmark at national scale.

    python scripts/benchmark.py [--zones 1000 10000] [--runs 3] [--quick]

For each size it writes a synthetic site with the project's own schema (seeded, so every run
builds the same site): Vietnamese names with diacritics, a 200-300 word Markdown description in
every site language, every section filled as a well-documented zone fills it. It then prints, as
medians of ``--runs`` runs in separate processes:

- cold build: wall and CPU seconds (children included), peak memory of the whole process tree
  (the build, its render workers and Pagefind), pages per second;
- warm rebuild with nothing changed;
- under ``serve``: one zone edited until its fact sheet is on disk, and until an open tab has
  reloaded it (Chromium); the idle watcher's share of a core;
- the output's bytes and files, and the listing's bytes transferred before first interaction
  (HTML, scripts and styles, gzip), its readiness and filter keystroke time in Chromium.

Figures vary with the machine and its load: compare figures measured in one run.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"

SITE = """\
title: {{vi: "Đầu tư vào các khu, cụm công nghiệp", en: Invest in industrial zones}}
province: {{vi: Khánh Hòa, en: Khanh Hoa}}
languages: [vi, en]
base_url: https://example.gov.vn/invest/
theme: {theme}
authority:
  role: department
  name: {{vi: Sở Công Thương, en: Department of Industry and Trade}}
  phone: "0258 3822 703"
sources:
  bench: {{title: {{vi: Nguồn thử, en: Benchmark source}}, published: 2024-05-28}}
definitions:
  industries:
    food: {{label: {{vi: Chế biến thực phẩm, en: Food processing}}}}
    textiles: {{label: {{vi: Dệt may, en: Textiles}}}}
    electronics: {{label: {{vi: Điện tử, en: Electronics}}}}
    mechanics: {{label: {{vi: Cơ khí, en: Mechanical engineering}}}}
  incentives:
    cit:
      label: {{vi: Ưu đãi thuế thu nhập doanh nghiệp, en: Corporate income tax incentive}}
      description:
        vi: "Miễn thuế **4 năm**, giảm 50% trong 9 năm tiếp theo."
        en: "**4 years** exempt, 50% off for 9 more."
"""

# Words to draw names and prose from: Vietnamese with its diacritics, and English.
PLACES = [
    "Điện Thọ",
    "Ninh Xuân",
    "Sông Cầu",
    "Trảng É",
    "Đắc Lộc",
    "Hòn Khói",
    "Suối Dầu",
    "Cam Thịnh",
    "Vạn Ninh",
    "Diên Phú",
    "Ninh Thủy",
    "Bắc Sơn",
    "Phước Nam",
    "Thành Hải",
    "Du Long",
    "Cà Ná",
    "Tân Lập",
    "Sơn Bình",
    "Khánh Thượng",
    "Ý Yên",
    "Hòa Xá",
    "Bảo Minh",
    "Đồng Văn",
    "Nghĩa Hưng",
]
VI_WORDS = (  # noqa: SIM905 - prose is easier to read and edit as prose
    "cụm công nghiệp có hạ tầng đồng bộ đường nội bộ cấp nước xử lý nước thải tập trung trạm biến áp "
    "gần cảng biển quốc lộ sân bay lao động dồi dào chi phí hợp lý doanh nghiệp thứ cấp được hỗ trợ "
    "thủ tục đầu tư nhanh chóng ngành nghề thu hút chế biến nông sản dệt may cơ khí điện tử vật liệu "
    "xây dựng diện tích đất công nghiệp còn trống sẵn sàng bàn giao mặt bằng theo quy hoạch tỉnh"
).split()
EN_WORDS = (  # noqa: SIM905
    "the cluster has complete infrastructure internal roads water supply central wastewater "
    "treatment a substation near the seaport national highway airport ample labour reasonable costs "
    "secondary investors receive support fast investment procedures target industries agro "
    "processing textiles mechanics electronics building materials free industrial land ready to "
    "hand over under the provincial plan"
).split()
STATUSES = ["planned", "established", "under_construction", "operating"]
TYPES = ["industrial_cluster", "industrial_cluster", "industrial_cluster", "industrial_park", "craft_village_cluster"]


def prose(rng: random.Random, words: list[str]) -> str:
    """A 200-300 word Markdown description in three paragraphs, one with a list and some bold."""
    total = rng.randint(200, 300)
    chosen = [rng.choice(words) for _ in range(total)]
    cut1, cut2 = total // 3, 2 * total // 3
    first = " ".join(chosen[:cut1]).capitalize() + "."
    second = " ".join(chosen[cut1:cut2]).capitalize() + "."
    items = "\n".join(
        f"- **{w}** {' '.join(chosen[cut2 + i * 5 : cut2 + i * 5 + 5])}" for i, w in enumerate(chosen[:4])
    )
    rest = " ".join(chosen[cut2 + 20 :]).capitalize() + "."
    return f"{first}\n\n{second}\n\n{items}\n\n{rest}\n"


def zone_file(i: int, rng: random.Random) -> str:
    place = f"{rng.choice(PLACES)} {i}"
    ascii_place = place.translate(
        str.maketrans("ĐđÉéẢảÁáÀàÂâÊêÔôƠơƯưĂăÍíÌìÚúÙùÓóÒòỌọỊịẠạỦủỲỳ", "DdEeAaAaAaAaEeOoOoUuAaIiIiUuUuOoOoOoIiAaUuYy")
    )
    total = rng.randint(15, 400)
    industrial = round(total * rng.uniform(0.6, 0.8), 1)
    leased = round(industrial * rng.random(), 1)
    status = rng.choice(STATUSES)
    vi, en = prose(rng, VI_WORDS), prose(rng, EN_WORDS)
    lat, lng = 11.5 + rng.random() * 1.5, 108.6 + rng.random() * 0.8
    capital = rng.randint(1, 900) * 1_000_000_000
    district = rng.choice(PLACES)
    plant = rng.choice(["planned", "under_construction", "operating"])
    return f"""---
name: {{vi: Cụm công nghiệp {place}, en: {ascii_place} Industrial Cluster}}
short_name: {{vi: {place}, en: {ascii_place}}}
type: {rng.choice(TYPES)}
status: {status}
featured: {str(i < 3).lower()}
summary: {{vi: Cụm {place} còn {round(industrial - leased, 1)} ha đất trống., en: {ascii_place} has free land.}}
location:
  commune: {{vi: xã {place}, en: {ascii_place} commune}}
  former_district: {{vi: huyện {district}, en: {district} district}}
  lat: {lat:.4f}
  lng: {lng:.4f}
dates: {{established: {rng.randint(2005, 2023)}, operating_since: {rng.randint(2010, 2024)}-0{rng.randint(1, 9)}}}
area: {{total_ha: {total}, industrial_land_ha: {industrial}, leased_ha: {leased}, as_of: 2024-06}}
developer:
  {{name: Công ty Hạ tầng {place}, funding: enterprise, email: info{i}@example.vn, phone: "0258 38{i % 10000:04d}"}}
lease: {{price_usd_m2: {rng.randint(30, 90)}, price_basis: term, term_until: 2069, management_fee_usd_m2_year: 0.5}}
tenants:
  {{establishments: {rng.randint(0, 80)}, workers: {rng.randint(0, 9000)}, registered_capital_vnd: {capital}}}
infrastructure:
  internal_roads: {{state: completed}}
  water_supply: {{state: operating, capacity: {rng.randint(500, 5000)}}}
  wastewater_treatment: {{state: {plant}, capacity: 1500, standard: "QCVN 40:2011/BTNMT"}}
  power_supply: {{state: completed, capacity: 40}}
industries: [{", ".join(rng.sample(["food", "textiles", "electronics", "mechanics"], 2))}]
incentives: [cit]
connectivity: {{seaport: {{km: {rng.randint(3, 80)}}}, airport: {{km: {rng.randint(10, 120)}}}}}
targets: [{{year: 2026, occupancy_pct: {rng.randint(50, 95)}}}]
contacts: [{{role: developer, name: Phòng kinh doanh, phone: "0258 3822 {i % 1000:03d}", email: sales{i}@example.vn}}]
sources: [{{ref: bench, checked: 2026-01-01, covers: [area, tenants]}}]
---
<!-- lang: vi -->
{vi}
<!-- lang: en -->
{en}"""


def make_site(root: Path, zones: int, seed: int = 2025) -> None:
    rng = random.Random(seed)
    (root / "clusters").mkdir(parents=True)
    (root / "site.yaml").write_text(SITE.format(theme=REPO), encoding="utf-8")
    for i in range(zones):
        (root / "clusters" / f"zone-{i:05d}.md").write_text(zone_file(i, rng), encoding="utf-8")


# --- measuring a process tree --------------------------------------------------------------------


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children.get(current, [])
    return found


def _rss_kib(pid: int) -> int:
    """A process's proportional set size: memory it shares with its forked workers is counted
    once over the tree, not once per process as resident size would."""
    for name, field in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            for line in Path(name).read_text().splitlines():
                if line.startswith(field):
                    return int(line.split()[1])
        except OSError:
            continue
    return 0


def run_measured(args: list[str]) -> tuple[float, float, int, str]:
    """Run a command; wall seconds, CPU seconds of it and its children, peak RSS (KiB) summed over
    its process tree (sampled every 20 ms), and what it printed."""
    before = os.times()
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, sum(_rss_kib(p) for p in _tree(process.pid)))
            stop.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = process.communicate()
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    after = os.times()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{out}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu, peak, out


def build_args(site: Path, out: Path) -> list[str]:
    return [sys.executable, str(REPO / "build.py"), "build", "--site", str(site), "--out", str(out)]


# --- the listing in Chromium ---------------------------------------------------------------------


def first_view_bytes(out: Path, page: str = "en/clusters/index.html") -> tuple[int, int]:
    """Bytes of the listing, its stylesheets and scripts: as stored, and gzip-compressed (what a
    server with compression sends before the reader can interact)."""
    html = (out / page).read_text(encoding="utf-8")
    files = [out / page]
    base = (out / page).parent
    for ref in re.findall(r'(?:src|href)="([^"#?]+\.(?:js|css))(?:\?[^"]*)?"', html):
        path = (base / ref).resolve()
        if path.is_file():
            files.append(path)
    raw = sum(f.stat().st_size for f in files)
    packed = sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)
    return raw, packed


def listing_latency(out: Path, repeats: int = 15) -> tuple[float, float]:
    """Milliseconds from navigation to a usable listing, and the median per filter change."""
    import functools
    import http.server

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
            page.wait_for_function("() => performance.getEntriesByName('listing-ready').length > 0")
            ready_ms = page.evaluate("performance.getEntriesByName('listing-ready')[0].startTime")
            filter_ms = page.evaluate(script, ["status", ["operating", "planned", ""] * (repeats // 3)])
            browser.close()
    finally:
        server.shutdown()
    return ready_ms, filter_ms


# --- serve ---------------------------------------------------------------------------------------


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far, from /proc (0 once it has ended)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _settle(pid: int, quiet: float = 0.05) -> None:
    """Wait until the process tree under ``pid`` uses under ``quiet`` of a core for a second."""
    while True:
        tree = _tree(pid)
        before = sum(_cpu_seconds(p) for p in tree)
        time.sleep(1.0)
        after = sum(_cpu_seconds(p) for p in tree)
        if after - before < quiet:
            return


def serve_figures(site: Path, edits: int = 3, idle_seconds: float = 10.0) -> tuple[float, float | None, float]:
    """Under ``build.py serve``: median seconds from saving one zone file until its fact sheet is
    on disk, and until an open Chromium tab has reloaded it; then the idle watcher's % of a core."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = site.parent / "serve.out"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "serve", "--site", str(site), "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    sheet = site / "_site" / "en" / "clusters" / "zone-00005" / "index.html"
    zone = site / "clusters" / "zone-00005.md"
    on_disk, reloaded = [], []
    try:
        deadline = time.monotonic() + 1800
        while "/_edit/" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
        _settle(process.pid)  # the first build's search index and the watcher settle
        browser = page = None
        if Path(CHROMIUM).exists():
            from playwright.sync_api import sync_playwright

            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/en/clusters/zone-00005/")
        for n in range(edits):
            marker = f"Edited {n} {time.time_ns()}"
            text = zone.read_text(encoding="utf-8")
            text = re.sub(r"en: [^,}]*? has free land\.|en: Edited \d+ \d+", f"en: {marker}", text, count=1)
            if page is not None:
                page.evaluate("window.__old = true")
            started = time.perf_counter()
            zone.write_text(text, encoding="utf-8")
            while marker not in sheet.read_text(encoding="utf-8"):
                time.sleep(0.005)
            on_disk.append(time.perf_counter() - started)
            if page is not None:
                page.wait_for_function("() => !window.__old", timeout=60000)
                page.wait_for_selector(f"text={marker}", timeout=60000)
                reloaded.append(time.perf_counter() - started)
            _settle(process.pid)  # the search index is refreshed after each edit: wait for it
        if browser is not None:
            browser.close()
            playwright.stop()
        time.sleep(3)
        before = _cpu_seconds(process.pid)
        time.sleep(idle_seconds)
        idle = 100 * (_cpu_seconds(process.pid) - before) / idle_seconds
    finally:
        process.terminate()
        process.wait()
    return statistics.median(on_disk), (statistics.median(reloaded) if reloaded else None), idle


# --- the report ----------------------------------------------------------------------------------


def output_size(out: Path) -> tuple[int, int]:
    files = [p for p in out.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def measure(zones: int, runs: int, quick: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site, out = Path(tmp) / "site", Path(tmp) / "site" / "_site"
        make_site(site, zones)
        colds = []
        for _ in range(runs):
            # From nothing: no output and no record of a previous build.
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(site / ".zonesite-cache", ignore_errors=True)
            colds.append(run_measured(build_args(site, out)))
        warms = [run_measured(build_args(site, out)) for _ in range(runs)]
        pages = sum(1 for _ in out.rglob("*.html"))
        wall = statistics.median(c[0] for c in colds)
        cpu = statistics.median(c[1] for c in colds)
        peak = max(c[2] for c in colds)
        warm = statistics.median(w[0] for w in warms)
        size, files = output_size(out)
        raw, packed = first_view_bytes(out)
        print(f"\n{zones:,} zones in vi and en ({pages:,} pages), medians of {runs} runs:")
        print(
            f"  cold build      {wall:7.2f} s wall, {cpu:7.2f} s CPU, peak {peak / 1024:,.0f} MiB (process tree), "
            f"{pages / wall:,.0f} pages/s"
        )
        print(f"  warm rebuild    {warm:7.2f} s with nothing changed")
        print(f"  output          {size / 1_048_576:,.1f} MiB in {files:,} files")
        print(f"  listing (en)    {raw / 1024:,.0f} KiB; {packed / 1024:,.0f} KiB gzip before first interaction")
        if Path(CHROMIUM).exists():
            ready, keystroke = listing_latency(out)
            print(
                f"  listing         ready {ready:,.0f} ms after navigation; filter change {keystroke:.1f} ms (median)"
            )
        if not quick:
            disk, tab, idle = serve_figures(site)
            shown = f"{tab:.2f} s" if tab is not None else "n/a"
            print(f"  serve           one zone edited: on disk {disk:.2f} s, tab reloaded {shown}")
            print(f"  serve idle      {idle:.1f} % of a core")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zones", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="skip the serve figures")
    args = parser.parse_args()
    print(f"zonesite benchmark on {os.cpu_count()} cores")
    for zones in args.zones:
        measure(zones, args.runs, args.quick)


if __name__ == "__main__":
    main()
