"""Benchmark the archive at scale: the UN General Debate Corpus, or the Kremlin's English site,
through the same build.

    .venv/bin/python scripts/bench_scale.py --sizes 100 1000 5000 10952 --runs 3 --stock 100 1000
    .venv/bin/python scripts/bench_scale.py --collection kremlin --sizes 7128 --runs 3 --records auto passages pages

For each N it imports the first N speeches (or pages) into ``var/bench/N/`` (git-ignored; for the
Kremlin collection ``var/bench/kremlin-N/``, and the import is timed as a stage), then times, in
separate processes, each stage of the build with its peak memory: normalise (``diparchive
build``), render (``mkdocs build``, open data and feeds included, search indexing off), index
(``diparchive index``: Pagefind), then an update (``diparchive update``) after one capture is
edited: ``docs/`` and the site, index included, of which docs/ alone. It reports the output and
search bundle sizes and, in headless
Chromium with an empty cache and gzip as GitHub Pages serves text, the time from navigation start
to the first rendered result and the bytes the search transferred, for a quoted phrase, a rare word
and a very common word, and a word searched with a speaker filter, with the share of the drawn
passages that the filtered speaker speaks (a filter that applies to the passages it names draws
only them). For the sizes given to ``--stock`` it also builds the same pages with stock Material
and its own search. Medians over ``--runs``. A benchmark, not a test: machines are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from collection import CORPORA  # noqa: E402

from bench_search import measure, ours_counts, serve, stock_counts, stock_project  # noqa: E402

QUERIES = {
    "un": {"quoted phrase": '"international peace and security"', "rare word": "Tuvalu", "common word": "development",
           "filtered word": ("security", "speaker", "Andrei Gromyko")},
    "kremlin": {"quoted phrase": '"indivisible security"', "rare word": "Paraguay", "common word": "cooperation",
                "filtered word": ("security", "speaker", "Sergei Lavrov")},
}
"""Per collection: a quoted phrase, a rare word, a very common word, and a word with a filter
(query, facet, value): a speaker who shares most transcripts with others. Each is found in its
collection: the Kremlin's English says "indivisible security" (6 pages; "indivisibility of
security" on none) and names Paraguay on 2 pages (Tuvalu on none)."""
PYTHON = sys.executable
MEASURE = """
import os, resource, subprocess, sys, time

def tree_rss(root):
    # Resident memory (KiB) of a process and all its descendants, from /proc. Pages that forked
    # processes share are counted in each: an upper bound.
    children, rss = {}, {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(pid))
            rss[int(pid)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, IndexError, ValueError):
            pass
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total

start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:])
together = 0
while child.poll() is None:
    together = max(together, tree_rss(child.pid))
    time.sleep(0.25)
seconds = time.perf_counter() - start
print(f"{child.returncode} {seconds} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss} {together}", file=sys.stderr)
"""


def timed(command: list[str], cwd: Path, env: dict | None = None, output: list | None = None, log: list | None = None) -> tuple[float, int, int]:
    """Run a command; return its wall time, the peak memory (KiB) of the largest of it and its
    descendants, and the peak of all of them together (sampled). Its standard output is
    appended to ``output``, and its messages to ``log``, when given."""
    run = subprocess.run([PYTHON, "-c", MEASURE, *command], cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True)
    code, seconds, peak, together = run.stderr.strip().splitlines()[-1].split()
    if code != "0":
        raise SystemExit(f"{' '.join(command)} failed:\n{run.stderr[-3000:]}")
    if output is not None:
        output.append(run.stdout)
    if log is not None:
        log.append(run.stderr)
    return float(seconds), int(peak), max(int(together), int(peak))


def edit_one_capture(transcripts: Path) -> Path:
    """Change one word of the middle capture (of those in date order), as a curator's correction:
    " the " becomes " the very " in its second half."""
    captures = sorted(p for p in transcripts.rglob("*") if p.suffix in (".txt", ".md", ".html"))
    capture = captures[len(captures) // 2]
    text = capture.read_text("utf-8")
    at = text.find(" the ", len(text) // 2)
    if at < 0:
        raise SystemExit(f"{capture}: no ' the ' to edit in its second half")
    capture.write_text(text[:at] + " the very " + text[at + len(" the "):], "utf-8")
    return capture


def size(path: Path, exclude: str | None = None) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not (exclude and exclude in f.parts))


def project(n: int, work: Path, collection: str = "un") -> Path:
    """A project of the first n speeches (or pages): the repository's site skeleton, the
    importer's input (``collection.py``, which builds a collection's site for reading)."""
    from collection import project as make_project

    root = work / (str(n) if collection == "un" else f"{collection}-{n}")
    return make_project(collection, root, n, "2026-11-23" if collection == "un" else "2026-11-30")


def search_timings(browser, site_url: str, engine: str, queries: dict) -> dict[str, tuple]:
    """Per query: seconds to the first result, bytes, results drawn, seconds after
    DOMContentLoaded, and for a filtered query the share of drawn passages by that voice."""
    out = {}
    for label, query in queries.items():
        facet = None
        if isinstance(query, tuple):
            if engine != "Pagefind (ours)":
                continue  # stock Material has no filters
            query, *facet = query
        url = f"{site_url}search/?q={quote(query)}" if engine == "Pagefind (ours)" else f"{site_url}?q={quote(query)}"
        if facet:
            url += f"&{facet[0]}={quote(facet[1])}"
        counts = ours_counts if engine == "Pagefind (ours)" else stock_counts
        seconds, since_loaded, transferred, found, speakers = measure(browser, url, engine, counts, speakers=True)
        share = (sum(1 for s in speakers if s == facet[1]) / len(speakers) if speakers else -1.0) if facet else 1.0
        out[label] = (seconds, transferred, found, since_loaded, share)
    return out


def run_once(root: Path, browser, stock: bool, designs: list[str], queries: dict, collection: str = "un") -> dict:
    env = {"NO_MKDOCS_2_WARNING": "1"}
    result = {}
    if collection != "un":  # the Kremlin import is a stage of its own (the UN one is a data conversion)
        n = int(root.name.rsplit("-", 1)[1])
        keep = {name: (root / "transcripts" / name).read_bytes() for name in ("themes.yml", "entities.yml", "variants.yml")}
        shutil.rmtree(root / "transcripts")
        result["import"] = timed(
            [PYTHON, "-m", f"diparchive.curate.importers.{collection}", "--corpus", str(CORPORA[collection]), "--out", str(root / "transcripts"),
             "--limit", str(n), "--added", "2026-11-30"], root, env,
        )
        for name, data in keep.items():
            (root / "transcripts" / name).write_bytes(data)
    for generated in ("transcripts", "years", "themes", "people", "events", "mentioned"):
        shutil.rmtree(root / "docs" / generated, ignore_errors=True)
    shutil.rmtree(root / ".cache", ignore_errors=True)  # every run a cold, full build
    result["normalise"] = timed([PYTHON, "-m", "diparchive", "-q", "--root", str(root), "build"], root, env)
    site = root / "site"
    result["render"] = timed([PYTHON, "-m", "mkdocs", "build", "-q", "-d", str(site)], root, {**env, "DIPARCHIVE_SEARCH_INDEX": "false"})
    result["site_bytes"] = size(site, exclude="pagefind")
    for design in designs:  # one Pagefind record per paragraph, or per transcript
        suffix = "" if design == designs[0] else f" ({design})"
        said: list[str] = []
        result["index" + suffix] = timed(
            [PYTHON, "-m", "diparchive", "-q", "--root", str(root), "index", "--site", str(site), "--json"], root,
            {**env, "DIPARCHIVE_RECORDS": design}, said,
        )
        summary = json.loads(said[0])
        result["pagefind" + suffix] = (summary["pagefind"]["seconds"], summary["pagefind"]["peak_kib"], summary["shards"])
        result["chosen" + suffix] = summary["records"]  # what 'auto' chose
        os.sync()  # the build's writes reach the disk before the searches are timed
        time.sleep(2)
        result["bundle_bytes" + suffix] = size(site / "pagefind") + (size(site / "pagefind-shards") if (site / "pagefind-shards").is_dir() else 0)
        server, url = serve(site)
        result["search" + suffix] = search_timings(browser, url, "Pagefind (ours)", queries)
        server.shutdown()
    result["designs"] = designs
    # An update after one capture is edited: the first records what the site is built with (the
    # render above ran without the index, a setting no page depends on); the second is timed.
    subprocess.run([PYTHON, "-m", "diparchive", "-q", "--root", str(root), "update"], cwd=root, env={**os.environ, **env, "DIPARCHIVE_RECORDS": designs[0]}, check=True)
    edit_one_capture(root / "transcripts")
    said = []
    result["update"] = timed([PYTHON, "-m", "diparchive", "--root", str(root), "update"], root, {**env, "DIPARCHIVE_RECORDS": designs[0]}, log=said)
    docs_seconds = re.search(r"docs/: wrote .*\((\d+\.\d+) s\)", said[0])
    result["update_docs"] = float(docs_seconds.group(1)) if docs_seconds else -1.0
    if stock:
        with tempfile.TemporaryDirectory() as scratch:
            plain = stock_project(Path(scratch) / "stock", docs=root / "docs")
            out = Path(scratch) / "site"
            result["stock_render"] = timed([PYTHON, "-m", "mkdocs", "build", "-q", "-d", str(out)], plain, env)
            result["stock_bytes"] = size(out)
            index = out / "search" / "search_index.json"
            result["stock_index_bytes"] = index.stat().st_size if index.exists() else 0
            server, url = serve(out)
            result["stock_search"] = search_timings(browser, url, "Material (lunr)", queries)
            server.shutdown()
    return result


def median_of(runs: list[dict], *path) -> float:
    values = []
    for r in runs:
        value = r
        for key in path:
            value = value[key]
        values.append(value)
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--collection", choices=sorted(CORPORA), default="un")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--stock", type=int, nargs="*", default=[100, 1000], help="sizes also built with stock Material")
    parser.add_argument("--work", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--records", nargs="+", default=["auto"], choices=["auto", "passages", "voices", "pages"],
                        help="search record designs to index and measure; the first counts in the end-to-end time "
                             "(auto: the one the build chooses for the archive's size)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from bench_search import CHROMIUM_FLAGS

    table = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
        for n in args.sizes:
            start = time.perf_counter()
            root = project(n, args.work, args.collection)
            imported = time.perf_counter() - start
            queries = QUERIES[args.collection]
            runs = [run_once(root, browser, n in args.stock, args.records, queries, args.collection) for _ in range(args.runs)]
            table[n] = {"import_seconds": imported, "runs": runs}
            report(n, runs, imported, queries)
        browser.close()
    if args.json:
        args.json.write_text(json.dumps(table, indent=1, default=str))


def report(n: int, runs: list[dict], imported: float, queries: dict) -> None:
    mib = 1024
    stages = (["import"] if "import" in runs[0] else []) + ["normalise", "render", "index"]
    total = sum(median_of(runs, s, 0) for s in stages)
    counted = "counted" if "import" in runs[0] else f"import {imported:.1f} s, not counted"
    print(f"\n## N = {n} (median of {len(runs)} runs; {counted})")
    print(f"{'stage':22} {'wall':>9} {'peak memory':>12} {'all processes':>14}")
    for s in stages:
        print(f"{s:22} {median_of(runs, s, 0):8.1f}s {median_of(runs, s, 1) / mib:9.0f} MiB {median_of(runs, s, 2) / mib:10.0f} MiB")
    print(f"{'end to end':22} {total:8.1f}s")
    if "update" in runs[0]:
        print(f"{'update, one edited':22} {median_of(runs, 'update', 0):8.1f}s {median_of(runs, 'update', 1) / mib:9.0f} MiB "
              f"{median_of(runs, 'update', 2) / mib:10.0f} MiB  (docs/ {median_of(runs, 'update_docs'):.1f} s of it)")
    designs = runs[0]["designs"]
    if designs[0] == "auto":
        print(f"{'  (auto chose ' + runs[0]['chosen'] + ')':22}")
    for design in designs[1:]:
        suffix = f" ({design})"
        print(f"{'index' + suffix:22} {median_of(runs, 'index' + suffix, 0):8.1f}s {median_of(runs, 'index' + suffix, 1) / mib:9.0f} MiB")
    for i, design in enumerate(designs):  # the share of the index stage that is Pagefind's own
        key = "pagefind" + ("" if i == 0 else f" ({design})")
        if key in runs[0]:
            print(f"{'  of which Pagefind' + ('' if i == 0 else f' ({design})'):22} {median_of(runs, key, 0):8.1f}s "
                  f"{median_of(runs, key, 1) / mib:9.0f} MiB  in {int(median_of(runs, key, 2))} shard(s)")
    print(f"site {median_of(runs, 'site_bytes') / 2**20:.1f} MiB without the index; search bundle "
          + ", ".join(f"{median_of(runs, 'bundle_bytes' + ('' if d == designs[0] else f' ({d})')) / 2**20:.1f} MiB ({d})" for d in designs))
    if "stock_render" in runs[0]:
        print(f"{'stock Material build':22} {median_of(runs, 'stock_render', 0):8.1f}s {median_of(runs, 'stock_render', 1) / mib:9.0f} MiB"
              f"  site {median_of(runs, 'stock_bytes') / 2**20:.1f} MiB, lunr index {median_of(runs, 'stock_index_bytes') / 2**20:.1f} MiB")
    print(f"{'query':30} {'engine':16} {'first result':>13} {'after DCL':>10} {'transferred':>12} {'results':>8} {'filter exact':>13}")
    for label, query in queries.items():
        rows = [(f"Pagefind {d}", "search" + ("" if d == designs[0] else f" ({d})")) for d in designs]
        rows += [("Material (lunr)", "stock_search")] if "stock_search" in runs[0] and label in runs[0]["stock_search"] else []
        shown = " ".join(query) if isinstance(query, tuple) else query
        for engine, key in rows:
            exact = median_of(runs, key, label, 4)  # -1: no passage drawn
            share = ("nothing drawn" if exact < 0 else f"{exact * 100:12.0f}%") if isinstance(query, tuple) else ""
            print(f"{label + ' ' + shown:30.30} {engine:16} {median_of(runs, key, label, 0) * 1000:10.0f} ms "
                  f"{median_of(runs, key, label, 3) * 1000:7.0f} ms {median_of(runs, key, label, 1) / 1024:9.0f} KB {int(median_of(runs, key, label, 2)):>8} {share}")


if __name__ == "__main__":
    main()
