"""Bulk data for a release, through ``mkdocs build``: the files land in ``release/`` beside the
site (switched in with it), the Data page links them at the release's address with their sizes
and checksums, a wrong option stops the build by name and leaves the previous site and release
as they were."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import subprocess
import sys

from diparchive.publish import bulk
from diparchive.pipeline import build

RELEASE = "https://github.com/example/dta/releases/download/data-0123456789ab/"


def mkdocs(project, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project.root, capture_output=True, text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": os.environ["PATH"], "DIPARCHIVE_SEARCH_INDEX": "false", **env},
    )


def test_a_release_build_puts_the_bulk_files_beside_the_site_and_links_them(project):
    build(project)
    run = mkdocs(project, DIPARCHIVE_BULK="release", DIPARCHIVE_RELEASE_URL=RELEASE)
    assert run.returncode == 0, run.stderr
    site, release = project.root / "site", project.root / "release"
    assert sorted(p.name for p in release.iterdir()) == [
        "SHA256SUMS", "catalogue.json.gz", "corpus.csv.gz", "corpus.jsonl.gz", "transcripts-json.zip", "transcripts-md.zip", "transcripts-txt.zip",
    ]
    assert not [p.name for p in project.root.iterdir() if ".diparchive-" in p.name]  # no sibling left behind
    assert not (site / "data" / "corpus.jsonl").exists() and not list(site.rglob("*.zip"))
    assert not (site / "data" / "catalogue.json").exists()  # 23 MB at the UN debates' size: bulk
    # what stays in the site: what a reader opens one at a time
    assert sorted(p.name for p in (site / "data").iterdir() if p.is_file()) == [
        "SHA256SUMS", "downloads.json", "index.html", "schema.json", "years.csv", "years.json",
    ]
    catalogue = json.loads(gzip.decompress((release / "catalogue.json.gz").read_bytes()))
    assert [entry["id"] for entry in catalogue["transcripts"]] == sorted(p.stem for p in project.transcripts.glob("2*.txt"))
    sums = (release / "SHA256SUMS").read_text().splitlines()
    assert (site / "data" / "SHA256SUMS").read_text().splitlines() == sums
    page = (site / "data" / "index.html").read_text()
    for line in sums:
        digest, name = line.split("  ")
        body = (release / name).read_bytes()
        assert hashlib.sha256(body).hexdigest() == digest
        assert f'<a href="{RELEASE}{name}">{name}</a>' in page and digest in page and f"{len(body):,} bytes" in page
    manifest = json.loads((site / "data" / "downloads.json").read_text())
    assert manifest["place"] == "release" and manifest["release_url"] == RELEASE


def test_a_wrong_release_address_stops_the_build_and_keeps_the_previous_site(project):
    build(project)
    assert mkdocs(project).returncode == 0
    before = (project.root / "site" / "data" / "downloads.json").read_bytes()
    run = mkdocs(project, DIPARCHIVE_BULK="release", DIPARCHIVE_RELEASE_URL="github.com/example/dta/releases/download/v1")
    assert run.returncode == 1
    assert "DIPARCHIVE_RELEASE_URL, value: expected the address the release's files are downloaded from" in run.stderr
    assert "found 'github.com/example/dta/releases/download/v1', whose scheme is 'missing'" in run.stderr
    assert (project.root / "site" / "data" / "downloads.json").read_bytes() == before
    assert not (project.root / "release").exists()


def test_a_data_page_without_its_marker_stops_the_build_before_the_data_is_written(project):
    build(project)
    data = project.docs / "data.md"
    data.write_text(data.read_text().replace(bulk.MARKER, ""))
    run = mkdocs(project)
    assert run.returncode == 1
    assert (f"docs/data.md: expected the marker {bulk.MARKER} once, where the list of downloads goes; found it 0 times "
            "(run 'diparchive build' to regenerate the page)") in run.stderr
    assert not (project.root / "site").exists()
