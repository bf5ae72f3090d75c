"""A smoke run of the scale benchmark on the first 20 UN speeches: every stage runs, the site is
searchable, the table prints. The full benchmark (up to 10,952 speeches) is not run in CI."""

import subprocess
import sys

import pytest

from conftest import ROOT, SHARED

pytestmark = pytest.mark.browser


def test_the_scale_benchmark_runs_end_to_end_on_20_speeches(tmp_path):
    assert (SHARED / "corpora" / "ungdc-1946-2024.jsonl.xz").is_file(), "shared/corpora is missing"
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench_scale.py"), "--sizes", "20", "--runs", "1", "--stock", "20", "--records", "passages", "pages", "--work", str(tmp_path)],
        capture_output=True, text=True, timeout=900,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    out = run.stdout
    for needle in ("## N = 20", "normalise", "render", "index", "end to end", "search bundle", "stock Material build", "Pagefind passages", "Pagefind pages", "index (pages)", "of which Pagefind", "Material (lunr)"):
        assert needle in out, out
    assert (tmp_path / "20" / "site" / "pagefind" / "pagefind.js").is_file()
    assert len(list((tmp_path / "20" / "docs" / "transcripts").glob("*.md"))) == 20


def test_the_scale_benchmark_runs_the_kremlin_collection_in_three_record_designs(tmp_path):
    """The Kremlin collection's first 40 pages: the import is a timed stage; each record design
    is indexed and searched, and the speaker-filtered query says how many of its drawn passages
    are that speaker's."""
    assert (SHARED / "corpora" / "kremlin-en-2020.tar.xz").is_file(), "shared/corpora is missing"
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench_scale.py"), "--collection", "kremlin", "--sizes", "40", "--runs", "1", "--stock",
         "--records", "voices", "passages", "pages", "--work", str(tmp_path)],
        capture_output=True, text=True, timeout=900,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    out = run.stdout
    for needle in ("## N = 40", "import ", "normalise", "end to end", "Pagefind voices", "Pagefind passages", "Pagefind pages",
                   "index (passages)", "index (pages)", "filtered word", "filter exact", 'quoted phrase "indivisible', "rare word Paraguay"):
        assert needle in out, out
    assert "stock Material build" not in out
    filtered = [line for line in out.splitlines() if line.startswith("filtered word")]
    assert len(filtered) == 3 and all(line.rstrip().endswith(("%", "nothing drawn")) for line in filtered), filtered
    assert (tmp_path / "kremlin-40" / "site" / "pagefind" / "pagefind.js").is_file()
