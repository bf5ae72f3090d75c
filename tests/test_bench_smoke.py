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
