"""Regenerate the README's screenshot, docs/assets/screenshot.png: a transcript page at desktop
width (1280 x 900), its compact header above the first speaker turn and numbered paragraphs.

    .venv/bin/python scripts/screenshot.py [--slug SLUG] [--out PATH]

Builds the committed docs/ into a temporary directory, serves it on loopback and photographs the
page in Debian's Chromium (/usr/bin/chromium; Playwright never downloads a browser).
"""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 900}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slug", default="2022-02-21-lavrov-putin-security-council-moscow")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "assets" / "screenshot.png")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as served:
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=served))
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", served],
            cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url},
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
                page = browser.new_page(viewport=VIEWPORT)
                page.goto(f"{url}transcripts/{args.slug}/")
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(args.out))
                browser.close()
        finally:
            server.shutdown()
    print(f"{args.out}: {args.out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
