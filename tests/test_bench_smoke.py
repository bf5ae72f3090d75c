"""A smoke run of the scale benchmark on the first 20 UN speeches: every stage runs, the site is
searchable, the table prints, and the profile of each stage. The full benchmark (up to 10,952
speeches) is not run in CI."""

import re
import subprocess
import sys

import pytest

from conftest import ROOT, needs_shared

pytestmark = pytest.mark.browser


@needs_shared("corpora/ungdc-1946-2024.jsonl.xz")
def test_the_scale_benchmark_runs_end_to_end_on_20_speeches(tmp_path):
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench_scale.py"), "--sizes", "20", "--runs", "1", "--stock", "20", "--records", "passages", "pages",
         "--profile", "20", "--top", "4", "--work", str(tmp_path)],
        capture_output=True, text=True, timeout=900,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    out = run.stdout
    for needle in ("## N = 20", "import ", "normalise", "render", "index", "end to end", "update, one edited", "search bundle", "stock Material build", "Pagefind passages", "Pagefind pages", "index (pages)", "of which Pagefind", "Material (lunr)"):
        assert needle in out, out
    assert (tmp_path / "20" / "site" / "pagefind" / "pagefind.js").is_file()
    assert len(list((tmp_path / "20" / "docs" / "transcripts").glob("*.md"))) == 20
    # the profile: every stage, with its seconds and 4 entries
    profile = out[out.index("### N = 20: where each stage's time goes"):].splitlines()
    for stage in ("import", "normalise", "render", "index", "update"):
        at = next(i for i, line in enumerate(profile) if re.match(rf"{stage}: \d+\.\d s under the profiler$", line))
        entries = profile[at + 2:at + 6]
        assert all(re.match(r"\s+\d+\.\ds\s+\d+\.\ds\s+\d+  \S", e) for e in entries), profile
    assert not re.search(r"\d+  <frozen runpy>", out), profile  # the chain from the entry point holds it all: left out


@needs_shared("corpora/kremlin-en-2020.tar.xz")
def test_the_scale_benchmark_runs_the_kremlin_collection_in_three_record_designs(tmp_path):
    """The Kremlin collection's first 40 pages: the import is a timed stage; each record design
    is indexed and searched, and the speaker-filtered query says how many of its drawn passages
    are that speaker's; then each stage is profiled."""
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench_scale.py"), "--collection", "kremlin", "--sizes", "40", "--runs", "1", "--stock",
         "--records", "voices", "passages", "pages", "--profile", "40", "--top", "8", "--work", str(tmp_path)],
        capture_output=True, text=True, timeout=900,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    out = run.stdout
    for needle in ("## N = 40", "import ", "normalise", "end to end", "update, one edited", "Pagefind voices", "Pagefind passages", "Pagefind pages",
                   "index (passages)", "index (pages)", "filtered word", "filter exact", 'quoted phrase "indivisible', "rare word Paraguay"):
        assert needle in out, out
    assert "stock Material build" not in out
    filtered = [line for line in out.splitlines() if line.startswith("filtered word")]
    assert len(filtered) == 3 and all(line.rstrip().endswith(("%", "nothing drawn")) for line in filtered), filtered
    assert (tmp_path / "kremlin-40" / "site" / "pagefind" / "pagefind.js").is_file()
    # its importer profiled too (imported as itself: its declared fields read their docstrings)
    imported = re.search(r"^import: \d+\.\d s under the profiler\n(.*?)^normalise: ", out, re.M | re.S)
    assert imported and "diparchive/curate/importers/kremlin.py:" in imported.group(1), out


@needs_shared("corpora/whitehouse-briefing-room-2021-2025.tar.xz")
def test_the_scale_benchmark_imports_the_white_house_by_its_profile(tmp_path):
    """The White House's first 20 captures come in by the generic import and the publisher's
    profile, a timed stage like any other import, and are searched with the collection's queries."""
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench_scale.py"), "--collection", "whitehouse", "--sizes", "20", "--runs", "1", "--stock",
         "--work", str(tmp_path)],
        capture_output=True, text=True, timeout=900,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    out = run.stdout
    for needle in ("## N = 20", "import ", "end to end", "update, one edited", 'quoted phrase "Build Back Bett', "filtered word security speaker"):
        assert needle in out, out
    imported = list((tmp_path / "whitehouse-20" / "transcripts").glob("*.md"))  # of 20 items, those that are transcripts
    assert 15 <= len(imported) <= 20
    assert len(list((tmp_path / "whitehouse-20" / "docs" / "transcripts").glob("*.md"))) == len(imported)


def test_the_research_benchmark_measures_each_view_and_the_merged_search(collection_sites):
    """scripts/bench_research.py on the five small collection sites: a row per collection, query
    and view, a row per merged query, its chart and lines in context over all five, and each
    site's size against Pages' 1 GB."""
    sites = [f"--site={cid}={home}" for cid, home in collection_sites.homes.items()]
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_research.py"), *sites, "--runs", "1"], capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    n = len(collection_sites)
    lines = run.stdout.splitlines()
    views = [line for line in lines if line.startswith(tuple(f"| {cid} | " for cid in collection_sites)) and (" | chart | " in line or " | concordance | " in line)]
    assert len(views) == n * 3 * 2, run.stdout
    assert all(re.search(r"\| -?\d+\.\d\d \| -?\d+\.\d\d (ok|OVER) \| \d+\.\d\d MB (ok|OVER) \|", row) for row in views), views
    merged = [line for line in lines if line.startswith("| ") and "s to the first result" in line]
    assert len(merged) == 3 and all(re.search(r"\| \d+\.\d\d (ok|OVER) \| \d+\.\d\d \|", row) for row in merged), run.stdout
    over_all = [line for line in lines if re.match(r"\| (quoted phrase|rare word|common word): .* \| (chart|concordance) \| \d+\.\d\d \| -?\d+\.\d\d (ok|OVER) \| \d+\.\d\d MB (ok|OVER) \|", line)]
    assert len(over_all) == 3 * 2, run.stdout
    sizes = [line for line in lines if re.match(r"\| (default|kremlin|un|state|whitehouse) \| \d+ MB \| [\d,]+ \| \d+ % ok \|", line)]
    assert len(sizes) == n, run.stdout
