"""Benchmark the archive at scale: the UN General Debate Corpus, the Kremlin's English site, or
the White House's briefing room, through the same build.

    .venv/bin/python scripts/bench_scale.py --sizes 1000 10952 --runs 1 --stock 1000 10952 --profile 1000
    .venv/bin/python scripts/bench_scale.py --collection kremlin --sizes 7128 --runs 3 --records auto passages pages
    .venv/bin/python scripts/bench_scale.py --collection whitehouse --sizes 1000 3654 --runs 1 --stock 1000 3654 --profile 3654

For each N it makes a collection's repository in ``var/bench/N/`` (git-ignored; for the Kremlin
and the White House ``var/bench/<collection>-N/``), then times, in separate processes, each stage
of a build with its peak memory: the import of the first N items (the collection's importer, or
the generic import with the publisher's profile), normalise (``diparchive build``), render
(``mkdocs build``, open data and feeds included, search indexing off), index (``diparchive
index``: Pagefind), then an update (``diparchive update``) after one capture is edited: ``docs/``
and the site, index included, of which docs/ alone. The settings are those ``collection.py``
builds the collection with. It reports the output and search bundle sizes and, in headless
Chromium with an empty cache and gzip as GitHub Pages serves text, the time from navigation start
to the first rendered result and the bytes the search transferred, for a quoted phrase, a rare word
and a very common word, and a word searched with a speaker filter, with the share of the drawn
passages that the filtered speaker speaks (a filter that applies to the passages it names draws
only them). For the sizes given to ``--stock`` it also builds the same pages with stock Material
and its own search. For the sizes given to ``--profile`` it then runs every stage again under
cProfile and prints each one's top entries. Medians over ``--runs``. A benchmark, not a test:
machines are noisy.
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

from collection import CORPORA, PROFILES, RELEASES, copy_registries, skeleton  # noqa: E402

from bench_search import measure, ours_counts, serve, stock_counts, stock_project  # noqa: E402

QUERIES = {
    "un": {"quoted phrase": '"international peace and security"', "rare word": "Tuvalu", "common word": "development",
           "filtered word": ("security", "speaker", "Andrei Gromyko")},
    "kremlin": {"quoted phrase": '"indivisible security"', "rare word": "Paraguay", "common word": "cooperation",
                "filtered word": ("security", "speaker", "Sergei Lavrov")},
    "whitehouse": {"quoted phrase": '"Build Back Better"', "rare word": "Paraguay", "common word": "people",
                   "filtered word": ("security", "speaker", "Jake Sullivan")},
}
"""Per collection: a quoted phrase, a rare word, a very common word, and a word with a filter
(query, facet, value): a speaker who shares most transcripts with others. Each is found in its
collection: the Kremlin's English says "indivisible security" (6 pages; "indivisibility of
security" on none) and names Paraguay on 2 pages (Tuvalu on none); the White House's first 1,000
say "Build Back Better" on 252 pages and name Paraguay on 2 (4 in all)."""
NO_ANSWER_AFTER = 180.0
"""Seconds a search may take to answer before the benchmark reports it as none (stock Material's
lunr builds its index in the page, which takes minutes at the full UN's size)."""
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
    """A collection's content repository for the first n items, as ``collection.py`` makes it;
    each run imports its transcripts afresh, a stage of its own."""
    root = work / (str(n) if collection == "un" else f"{collection}-{n}")
    skeleton(root)
    return root


def search_timings(browser, site_url: str, engine: str, queries: dict) -> dict[str, tuple]:
    """Per query: seconds to the first result, bytes, results drawn, seconds after
    DOMContentLoaded, and for a filtered query the share of drawn passages by that voice."""
    out = {}
    gave_up = False
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
        measured = None if gave_up else measure(browser, url, engine, counts, speakers=True, wait=NO_ANSWER_AFTER)
        if measured is None:  # lunr building a very large index in the page: the other queries wait for the same
            gave_up = True
            out[label] = (-1.0, 0, 0, -1.0, -1.0 if facet else 1.0)
            continue
        seconds, since_loaded, transferred, found, speakers = measured
        share = (sum(1 for s in speakers if s == facet[1]) / len(speakers) if speakers else -1.0) if facet else 1.0
        out[label] = (seconds, transferred, found, since_loaded, share)
    return out


def import_command(collection: str, n: int, out: Path) -> list[str]:
    """The collection's import of its first n items into ``out``, as its own command: the UN's and
    the Kremlin's importers, or the generic import with the publisher's profile."""
    added = "2026-11-23" if collection == "un" else "2026-11-30"
    if collection in PROFILES:
        return [PYTHON, "-m", "diparchive.curate.importers.feed", str(CORPORA[collection]), "--profile", PROFILES[collection],
                "--out", str(out), "--limit", str(n), "--added", added]
    module = "ungdc" if collection == "un" else collection
    return [PYTHON, "-m", f"diparchive.curate.importers.{module}", "--corpus", str(CORPORA[collection]), "--out", str(out),
            "--limit", str(n), "--added", added]


def build_env(collection: str, root: Path) -> dict:
    """The settings ``collection.py`` builds the collection with: which collection the site is,
    and for those too large for Pages with their bulk files, a release beside the site."""
    env = {"NO_MKDOCS_2_WARNING": "1", "DIPARCHIVE_COLLECTION": collection}
    if collection in RELEASES:
        env.update(DIPARCHIVE_BULK="release", DIPARCHIVE_RELEASE_URL=RELEASES[collection], DIPARCHIVE_RELEASE_DIR=str(root / "release"))
    return env


def run_once(root: Path, n: int, browser, stock: bool, designs: list[str], queries: dict, collection: str = "un") -> dict:
    env = build_env(collection, root)
    result = {}
    shutil.rmtree(root / "transcripts", ignore_errors=True)
    result["import"] = timed(import_command(collection, n, root / "transcripts"), root, env)
    copy_registries(root / "transcripts")  # as collection.py gives them
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


PROFILED = ("import", "normalise", "render", "index", "update")


def profile_stages(root: Path, n: int, collection: str, designs: list[str], top: int) -> dict[str, dict]:
    """Each stage of a full build and an update again, in turn, under cProfile (after the timed
    runs, which it does not slow): per stage, its seconds under the profiler and its ``top``
    entries by cumulative time, leaving out the wrappers that hold 90 % of it or more. Only the
    stage's main process is profiled: work in its pools of processes shows there as waiting."""
    import pstats

    env = {**os.environ, **build_env(collection, root), "DIPARCHIVE_RECORDS": designs[0]}
    site = str(root / "site")
    commands = {
        "import": import_command(collection, n, root / "transcripts"),
        "normalise": ["-m", "diparchive", "-q", "--root", str(root), "build"],
        "render": ["-m", "mkdocs", "build", "-q", "-d", site],
        "index": ["-m", "diparchive", "-q", "--root", str(root), "index", "--site", site],
        "update": ["-m", "diparchive", "-q", "--root", str(root), "update"],
    }
    shutil.rmtree(root / "transcripts", ignore_errors=True)
    out = {}
    with tempfile.TemporaryDirectory() as scratch:
        for stage in PROFILED:
            if stage == "normalise":
                copy_registries(root / "transcripts")
                shutil.rmtree(root / ".cache", ignore_errors=True)  # cold, as in the timed runs
            if stage == "update":  # as in the timed runs: an update records what the site is built with, then one edit
                subprocess.run([PYTHON, *commands["update"]], cwd=root, env=env, check=True, capture_output=True)
                edit_one_capture(root / "transcripts")
            command = commands[stage]
            if command[0] == PYTHON:  # an importer: its main() from the module imported as itself, not run as __main__
                runner = Path(scratch) / "run_main.py"
                runner.write_text("import importlib, sys\nsys.exit(importlib.import_module(sys.argv[1]).main(sys.argv[2:]))\n")
                command = [str(runner), *command[2:]]
            stats_file = Path(scratch) / f"{stage}.prof"
            started = time.perf_counter()
            run = subprocess.run([PYTHON, "-m", "cProfile", "-o", str(stats_file), *command], cwd=root, capture_output=True, text=True,
                                 env={**env, "DIPARCHIVE_SEARCH_INDEX": "false"} if stage == "render" else env)
            if run.returncode:
                raise SystemExit(f"{stage} under the profiler failed:\n{run.stderr[-3000:]}")
            seconds = time.perf_counter() - started
            stats = pstats.Stats(str(stats_file)).stats
            whole = max(cumulative for (_, _, _, cumulative, _) in stats.values())
            entries = [(cumulative, own, calls, short_name(file, line, name))  # the chain of wrappers from the entry point left out
                       for (file, line, name), (_, calls, own, cumulative, _) in stats.items() if cumulative < 0.9 * whole]
            out[stage] = {"seconds": seconds, "top": sorted(entries, reverse=True)[:top]}
    return out


def short_name(file: str, line: int, name: str) -> str:
    """A profiled function as ``module/path.py:line(name)``, from the package's folder on."""
    if file == "~":
        return name  # a built-in: {method 'acquire' of '_thread.lock' objects}
    parts = Path(file).parts
    for anchor in ("diparchive", "site-packages", "python3.11"):
        if anchor in parts:
            parts = parts[len(parts) - parts[::-1].index(anchor) - (1 if anchor == "diparchive" else 0):]
            break
    return f"{'/'.join(parts)}:{line}({name})"


def report_profile(n: int, profile: dict[str, dict]) -> None:
    print(f"\n### N = {n}: where each stage's time goes (cProfile, the stage's main process; its top entries by cumulative time)")
    for stage in PROFILED:
        print(f"{stage}: {profile[stage]['seconds']:.1f} s under the profiler")
        print(f"  {'cumulative':>10} {'own':>8} {'calls':>9}  function")
        for cumulative, own, calls, name in profile[stage]["top"]:
            print(f"  {cumulative:9.1f}s {own:7.1f}s {calls:9d}  {name}")


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
    parser.add_argument("--collection", choices=sorted(QUERIES), default="un")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=3, help="timed runs at each size (0: only the profile)")
    parser.add_argument("--stock", type=int, nargs="*", default=[100, 1000], help="sizes also built with stock Material")
    parser.add_argument("--work", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--records", nargs="+", default=["auto"], choices=["auto", "passages", "voices", "pages"],
                        help="search record designs to index and measure; the first counts in the end-to-end time "
                             "(auto: the one the build chooses for the archive's size)")
    parser.add_argument("--profile", type=int, nargs="*", default=[], metavar="SIZE",
                        help="sizes at which every stage is run again under cProfile, after the timed runs, and its top entries printed")
    parser.add_argument("--top", type=int, default=12, help="entries of each stage's profile printed (default 12)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from bench_search import CHROMIUM_FLAGS

    table = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
        for n in args.sizes:
            root = project(n, args.work, args.collection)
            queries = QUERIES[args.collection]
            runs = [run_once(root, n, browser, n in args.stock, args.records, queries, args.collection) for _ in range(args.runs)]
            table[n] = {"runs": runs}
            if runs:  # --runs 0: the profile alone
                report(n, runs, queries)
            if n in args.profile:
                table[n]["profile"] = profile_stages(root, n, args.collection, args.records, args.top)
                report_profile(n, table[n]["profile"])
        browser.close()
    if args.json:
        args.json.write_text(json.dumps(table, indent=1, default=str))


def report(n: int, runs: list[dict], queries: dict) -> None:
    mib = 1024
    stages = ["import", "normalise", "render", "index"]
    total = sum(median_of(runs, s, 0) for s in stages)
    print(f"\n## N = {n} (median of {len(runs)} runs)")
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
            if median_of(runs, key, label, 0) < 0:
                print(f"{label + ' ' + shown:30.30} {engine:16} no answer within {NO_ANSWER_AFTER:.0f} s")
                continue
            print(f"{label + ' ' + shown:30.30} {engine:16} {median_of(runs, key, label, 0) * 1000:10.0f} ms "
                  f"{median_of(runs, key, label, 3) * 1000:7.0f} ms {median_of(runs, key, label, 1) / 1024:9.0f} KB {int(median_of(runs, key, label, 2)):>8} {share}")


if __name__ == "__main__":
    main()
