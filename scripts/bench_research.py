"""Benchmark the search page's research views on built collection sites:

    .venv/bin/python scripts/bench_research.py --site kremlin=var/bench/kremlin-7128/site \\
        --site un=var/un/site --site default=site --runs 3

Each site is served on an origin of its own (gzip, as GitHub Pages serves text), its
``assets/search-config.json`` naming the others at their loopback addresses (the ids are
collections.yml's). In headless Chromium with an empty cache, for a quoted phrase, a rare word and
a common word of each collection (bench_scale.QUERIES, bench_search.QUERIES for the default
four), it measures from navigation start:

- **chart**: to the search's chart per year drawn (``view=years``; the page's ``search:chart`` mark);
- **concordance**: to the first page of lines drawn (``view=context``; ``search:context``);

each also from DOMContentLoaded (the target's measure);

and with several sites, from the first:

- **merged**: a search of every collection at once (``in=...``), to the first result drawn and to
  every collection's results drawn (``search:drawn``); and its chart per year and its first page
  of lines in context over every collection (``search:chart``, ``search:context``);

each with the bytes the page transferred until then (every request: the page, the theme, the
search, the index, the details). Then each site's size, apparent bytes and files, against GitHub
Pages' 1 GB. Medians of ``--runs``. A benchmark, not a test: machines are noisy.
"""

from __future__ import annotations

import argparse
import functools
import io
import json
import statistics
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from bench_scale import QUERIES as COLLECTION_QUERIES  # noqa: E402
from bench_search import QUERIES as DEFAULT_QUERIES, GzipHandler  # noqa: E402
from diparchive.site.size import measure as measure_site  # noqa: E402

from diparchive.site.collections import read_collections  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES_LIMIT = 10**9
"""GitHub Pages' limit on a published site: 1 GB."""
TARGETS = {"chart": (2.0, 1.5e6), "concordance": (2.0, 1.5e6), "merged": (1.5, None)}
"""Seconds and bytes each measure should stay within (issue 14)."""

QUERIES = {
    "default": dict(zip(("quoted phrase", "rare word", "common word"), DEFAULT_QUERIES)),
    **{cid: {k: v for k, v in q.items() if isinstance(v, str)} for cid, q in COLLECTION_QUERIES.items()},
    # The publishers' collections: each is found there ("rules-based order" in 43 paragraphs of
    # the State Department's, Mongolia in 3; "Build Back Better" in 2,095 of the White House's, Tuvalu in 1).
    "state": {"quoted phrase": '"rules-based order"', "rare word": "Mongolia", "common word": "Ukraine"},
    "whitehouse": {"quoted phrase": '"Build Back Better"', "rare word": "Tuvalu", "common word": "economy"},
}


def handler_for(site: Path, config: bytes):
    """Serves a site gzipped, readable from any origin (as GitHub Pages does), with Resource
    Timing's sizes open to the other origins' pages, and its search configuration's
    collections at the addresses served."""

    class Handler(GzipHandler):
        def end_headers(self):
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Timing-Allow-Origin", "*")
            super().end_headers()

        def send_head(self):
            if self.path.split("?")[0] == "/assets/search-config.json":
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(config)))
                self.end_headers()
                return io.BytesIO(config)
            return super().send_head()

    return functools.partial(Handler, directory=str(site))


def serve_all(sites: dict[str, Path]) -> dict[str, str]:
    """Serve each site on a port of its own; return {id: address}."""
    declared = {c.id: c for c in read_collections(ROOT / "collections.yml")}
    servers = {cid: ThreadingHTTPServer(("127.0.0.1", 0), None) for cid in sites}
    urls = {cid: f"http://127.0.0.1:{s.server_address[1]}/" for cid, s in servers.items()}
    for cid, server in servers.items():
        config = json.loads((sites[cid] / "assets" / "search-config.json").read_text("utf-8"))
        config["collections"] = [
            {"id": other, "name": declared[other].name, "url": urls[other], "description": declared[other].description, "self": other == cid}
            for other in sites
        ]
        server.RequestHandlerClass = handler_for(sites[cid], json.dumps(config).encode())
        threading.Thread(target=server.serve_forever, daemon=True).start()
    return urls


def measure(browser, url: str, mark: str, first_result: bool = False) -> tuple[float, int, float | None, float]:
    """Seconds from navigation start to ``mark``, the bytes transferred until then, (with
    ``first_result``) the seconds to the first result drawn, and the seconds from
    DOMContentLoaded to ``mark``."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(
        """window.__first = null;
        new MutationObserver(() => {
          if (window.__first === null && document.querySelector('.archive-result')) window.__first = performance.now();
        }).observe(document, {childList: true, subtree: true});"""
    )
    page.goto(url)
    page.wait_for_function(f"() => performance.getEntriesByName({json.dumps(mark)}).length > 0", timeout=120000)
    seconds, transferred, first, loaded = page.evaluate(
        f"""() => {{
          const at = performance.getEntriesByName({json.dumps(mark)})[0].startTime;
          const nav = performance.getEntriesByType('navigation')[0];
          const bytes = nav.transferSize + performance.getEntriesByType('resource')
            .filter((r) => r.responseEnd <= at).reduce((sum, r) => sum + r.transferSize, 0);
          return [at / 1000, bytes, window.__first === null ? null : window.__first / 1000, nav.domContentLoadedEventEnd / 1000];
        }}"""
    )
    context.close()
    return seconds, transferred, first, seconds - loaded


def view_row(browser, address: str, view: str, runs: int) -> tuple[dict, str]:
    """A chart or concordance (``view``) at ``address``, measured ``runs`` times: its medians, and
    the table's cells for them."""
    mark = {"chart": "search:chart", "concordance": "search:context"}[view]
    measured = [measure(browser, address, mark) for _ in range(runs)]
    seconds, transferred, after = (median([r[i] for r in measured]) for i in (0, 1, 3))
    limit_s, limit_b = TARGETS[view]
    cells = f"{view} | {seconds:.2f} | {after:.2f}{flag(after, limit_s)} | {transferred / 1e6:.2f} MB{flag(transferred, limit_b)} | {limit_s} s, {limit_b / 1e6} MB"
    return {"seconds": seconds, "after_domcontentloaded": after, "bytes": transferred}, cells


VIEWS = {"chart": "years", "concordance": "context"}
"""Each measured view and its ``view=`` in the search page's address."""


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def flag(value: float, limit) -> str:
    return "" if limit is None else (" ok" if value <= limit else " OVER")


def site_size(site: Path) -> tuple[int, int]:
    """The site's bytes in files and its files (site_size.py's parts, summed)."""
    parts = measure_site(site)
    return sum(p.bytes for p in parts), sum(p.files for p in parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", action="append", required=True, metavar="ID=DIR", help="a collection's built site (id as in collections.yml)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    sites = {}
    for given in args.site:
        cid, _, path = given.partition("=")
        if cid not in QUERIES or not (Path(path) / "assets" / "search-config.json").is_file():
            parser.error(f"--site {given}: expected ID=DIR with ID one of {', '.join(QUERIES)} and DIR a built, indexed site")
        sites[cid] = Path(path).resolve()
    urls = serve_all(sites)
    from playwright.sync_api import sync_playwright

    figures: dict = {"views": {}, "merged": {}, "sizes": {}}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        print("| collection | query | view | seconds (median) | after DOMContentLoaded | bytes | target |", flush=True)
        print("|---|---|---|---:|---:|---:|---|", flush=True)
        for cid, url in urls.items():
            for label, query in QUERIES[cid].items():
                for view, name in VIEWS.items():
                    figures["views"][f"{cid} {label} {view}"], cells = view_row(browser, f"{url}search/?q={quote(query)}&view={name}", view, args.runs)
                    print(f"| {cid} | {label}: `{query}` | {cells} |", flush=True)
        if len(urls) > 1:
            home, every = next(iter(urls.values())), "&".join(f"in={cid}" for cid in urls)
            print(f"\nMerged search of {', '.join(urls)} from {next(iter(urls))}'s search page:\n", flush=True)
            print("| query | first result (s) | all collections drawn (s) | bytes | target |", flush=True)
            print("|---|---:|---:|---:|---|", flush=True)
            for label, query in QUERIES[next(iter(urls))].items():
                runs = [measure(browser, f"{home}search/?q={quote(query)}&{every}", "search:drawn", first_result=True) for _ in range(args.runs)]
                first, drawn, transferred = median([r[2] for r in runs]), median([r[0] for r in runs]), median([r[1] for r in runs])
                figures["merged"][label] = {"query": query, "first": first, "drawn": drawn, "bytes": transferred}
                print(f"| {label}: `{query}` | {first:.2f}{flag(first, TARGETS['merged'][0])} | {drawn:.2f} | {transferred / 1e6:.2f} MB | 1.5 s to the first result |", flush=True)
            print(f"\nChart and lines in context over {', '.join(urls)}, from {next(iter(urls))}'s search page:\n", flush=True)
            print("| query | view | seconds (median) | after DOMContentLoaded | bytes | target |", flush=True)
            print("|---|---|---:|---:|---:|---|", flush=True)
            for label, query in QUERIES[next(iter(urls))].items():
                for view, name in VIEWS.items():
                    figures["merged"][f"{label} {view}"], cells = view_row(browser, f"{home}search/?q={quote(query)}&view={name}&{every}", view, args.runs)
                    print(f"| {label}: `{query}` | {cells} |", flush=True)
        browser.close()
    print("\n| collection | site size | files | of GitHub Pages' 1 GB |", flush=True)
    print("|---|---:|---:|---:|", flush=True)
    for cid, site in sites.items():
        total, count = site_size(site)
        figures["sizes"][cid] = {"bytes": total, "files": count}
        print(f"| {cid} | {total / 1e6:.0f} MB | {count:,} | {100 * total / PAGES_LIMIT:.0f} %{flag(total, PAGES_LIMIT)} |", flush=True)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
