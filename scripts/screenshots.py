#!/usr/bin/env python3
"""Screenshot built pages at phone and desktop widths in headless Chromium, to look at them.

    python scripts/screenshots.py [--out _site] [--dest screenshots] [PAGE ...]

PAGE is a path under the site, e.g. ``en/clusters/song-cau/``; by default every language's home,
listing, first fact sheet and first content page. Uses the system Chromium (``/usr/bin/chromium``).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WIDTHS = {"phone": (375, 812), "desktop": (1280, 900)}


def default_pages(out: Path) -> list[str]:
    pages = []
    for lang_dir in sorted(p for p in out.iterdir() if p.is_dir() and p.name != "static"):
        lang = lang_dir.name
        pages += [f"{lang}/", f"{lang}/clusters/"]
        zones = sorted(p.name for p in (lang_dir / "clusters").iterdir() if p.is_dir())
        pages += [f"{lang}/clusters/{zones[0]}/"] if zones else []
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("_site"))
    parser.add_argument("--dest", type=Path, default=Path("screenshots"))
    parser.add_argument("--full", action="store_true", help="capture the full page height")
    parser.add_argument("pages", nargs="*")
    args = parser.parse_args()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(args.out))
    http.server.SimpleHTTPRequestHandler.log_message = lambda *a: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    args.dest.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, (width, height) in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for path in args.pages or default_pages(args.out):
                page.goto(base + path)
                file = args.dest / f"{path.strip('/').replace('/', '_') or 'root'}-{name}.png"
                page.screenshot(path=str(file), full_page=args.full)
                overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
                print(f"{file}{'  (scrolls sideways!)' if overflow else ''}")
            page.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
