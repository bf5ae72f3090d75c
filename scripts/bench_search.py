"""Benchmark search: our Pagefind search against stock Material's lunr search, on the same pages.

    .venv/bin/python scripts/bench_search.py [--runs 5]

Builds two sites from the committed docs/: ours (``mkdocs build``, indexed by the hook) and a stock
one (Material's own search plugin on, our header override and hooks off). Serves each on loopback
with gzip, as GitHub Pages serves text, and for each query opens the search in headless Chromium
with an empty cache, timing from navigation start to the first rendered result and counting the
bytes the search itself transferred (its scripts, wasm, index and fragments; not the theme's CSS and
JS). Prints medians over the runs. A script, not a test: machines are noisy.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import yaml
from mkdocs.utils import yaml_load

ROOT = Path(__file__).resolve().parent.parent
THEME = ROOT / "scripts" / "diparchive" / "site" / "theme"
"""The archive's templates and assets, inside its package."""
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
QUERIES = ['"indivisibility of security"', "Rasmussen", "NATO"]
COMPRESSIBLE = (".html", ".js", ".css", ".json", ".wasm", ".svg", ".txt", ".xml")


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves files gzip-compressed when the client accepts it, as GitHub Pages does for text."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)


def serve(directory: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def mkdocs_build(project: Path, out: Path) -> float:
    import time

    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)],
        cwd=project, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if run.returncode:
        raise SystemExit(run.stderr)
    return time.perf_counter() - start


def stock_project(target: Path, docs: Path = ROOT / "docs") -> Path:
    """The same pages with stock Material search: search plugin on, no header override, no hooks."""
    shutil.copytree(docs, target / "docs")
    shutil.copytree(THEME, target / "overrides", ignore=shutil.ignore_patterns("partials"))  # the archive's templates, less its search box
    config = yaml_load((ROOT / "mkdocs.yml").read_text())  # MkDocs' loader knows !ENV
    config["theme"]["custom_dir"] = "overrides"
    config["extra_css"] = ["assets/archive.css"]
    config["plugins"] = ["search"]
    config.pop("hooks", None)
    config.pop("watch", None)
    config.pop("extra_javascript", None)
    config["strict"] = False
    config["nav"] = [item for item in config["nav"] if "Search" not in item]
    (target / "docs" / "search.md").unlink()
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    return target


FIRST_ANSWER = """
window.__first = null;
new MutationObserver((_, observer) => {
  const results = document.querySelectorAll('%(results)s').length;
  const none = /%(none)s/.test((document.querySelector('%(status)s') || {}).textContent || '');
  if (results || none) { window.__first = performance.now(); window.__count = results; observer.disconnect(); }
}).observe(document, {childList: true, subtree: true, characterData: true});
"""
ENGINES = {
    "Pagefind (ours)": {"results": ".archive-result", "status": "#archive-status", "none": "No passages match"},
    "Material (lunr)": {"results": ".md-search-result__item", "status": ".md-search-result__meta", "none": "No matching"},
}


def measure(browser, url: str, engine: str, counts_as_search, speakers: bool = False, wait: float = 60.0):
    """Seconds from navigation start and from DOMContentLoaded to the first answer (results or
    'none'), the search's bytes, and how many results were shown; with ``speakers``, also the
    speaker of each passage drawn once the network is idle. None where no answer came within
    ``wait`` seconds."""
    from playwright.sync_api import TimeoutError as NoAnswer

    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(FIRST_ANSWER % ENGINES[engine])
    sizes: list[int] = []

    def on_finished(request):
        if counts_as_search(request.url):
            response = request.response()
            sizes.append(request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"] if response else 0)

    page.on("requestfinished", on_finished)
    page.goto(url)
    try:
        page.wait_for_function("() => window.__first !== null", timeout=wait * 1000)
    except NoAnswer:
        context.close()
        return None
    page.wait_for_load_state("networkidle")
    first, loaded, count = page.evaluate(
        "[window.__first, performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd, window.__count]"
    )
    voices = page.eval_on_selector_all(".archive-result .archive-result__speaker", "items => items.map(i => i.textContent)") if speakers else []
    context.close()
    if speakers:
        return first / 1000, (first - loaded) / 1000, sum(sizes), count, voices
    return first / 1000, (first - loaded) / 1000, sum(sizes), count


def ours_counts(url: str) -> bool:
    """The search's own requests: Pagefind, the transcripts' details, and the search page's
    modules, style sheet and configuration (whichever of them the page loads)."""
    return "/pagefind/" in url or "/search-data/" in url or re.search(r"/assets/(search[\w-]*\.(js|css|json)|query\.js|stem\.js|records\.js)$", url) is not None


def stock_counts(url: str) -> bool:
    return "/search/search_index.json" in url or "/workers/search." in url or "lunr" in url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        ours_build = mkdocs_build(ROOT, scratch / "ours")
        stock_build = mkdocs_build(stock_project(scratch / "stock-project"), scratch / "stock")
        ours_server, ours = serve(scratch / "ours")
        stock_server, stock = serve(scratch / "stock")
        rows = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
            for query in QUERIES:
                for name, url, counts in (
                    ("Pagefind (ours)", f"{ours}search/?q={quote(query)}", ours_counts),
                    ("Material (lunr)", f"{stock}?q={quote(query)}", stock_counts),
                ):
                    times, after, sizes = [], [], []
                    for _ in range(args.runs):
                        seconds, since_loaded, size, found = measure(browser, url, name, counts)
                        times.append(seconds)
                        after.append(since_loaded)
                        sizes.append(size)
                    rows.append((query, name, statistics.median(times), statistics.median(after), statistics.median(sizes), found))
            browser.close()
        ours_server.shutdown()
        stock_server.shutdown()
        bundle = sum(f.stat().st_size for f in (scratch / "ours" / "pagefind").rglob("*") if f.is_file())

    print(f"site build (mkdocs build, incl. indexing): ours {ours_build:.2f} s, stock {stock_build:.2f} s")
    print(f"Pagefind bundle on disk: {bundle / 1024:.0f} KB")
    print(f"medians of {args.runs} runs, empty cache, gzip as GitHub Pages serves text")
    print("first answer: the first rendered result (or the 'no result' message), timed from the start")
    print("of navigation and from DOMContentLoaded")
    print(f"{'query':30} {'search':16} {'from start':>11} {'from DCL':>9} {'search bytes':>13} {'results':>8}")
    for query, name, seconds, since_loaded, size, found in rows:
        print(f"{query:30} {name:16} {seconds * 1000:8.0f} ms {since_loaded * 1000:6.0f} ms {size / 1024:10.1f} KB {found:>8}")


if __name__ == "__main__":
    main()
