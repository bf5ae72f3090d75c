"""The one command that builds a large collection into a site to read (scripts/collection.py),
on the first 30 pages of the Kremlin collection: every stage runs and says how long it took,
and the site holds the transcripts, their browse pages and a search index."""

import subprocess
import sys

import pytest

from conftest import ROOT, needs_shared

pytestmark = pytest.mark.slow


@needs_shared("corpora/kremlin-en-2020.tar.xz")
def test_a_collection_is_imported_built_and_indexed_in_one_command(tmp_path):
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "collection.py"), "kremlin", "--limit", "30", "--out", str(tmp_path / "k")],
        capture_output=True, text=True, timeout=900,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    for stage in ("import", "normalise", "site"):
        assert f"== {stage}: " in run.stdout and any(line.startswith(f"== {stage}: ") and line.endswith(" s") for line in run.stdout.splitlines()), run.stdout
    site = tmp_path / "k" / "site"
    transcripts = [p for p in (site / "transcripts").iterdir() if (p / "index.html").is_file()]
    imported = [p for p in (tmp_path / "k" / "transcripts").glob("*.html")]
    assert len(transcripts) == len(imported) > 20
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "assets" / "search-config.json").is_file()
    assert (site / "kinds" / "index.html").is_file() and (site / "tags" / "index.html").is_file()
    assert "kremlin.ru" in (transcripts[0] / "index.html").read_text("utf-8")
