"""A build spread over runners (``diparchive build --shard K/N``): each runner normalises its
slice of the transcripts into its cache; a final job puts the runners' cache folders together
and builds docs/ and the site, every transcript from the cache. The joined site equals the
single-machine build, file by file (Pagefind's own files aside), and its search finds the same,
query by query."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SLUGS, copy_project
from diparchive.pipeline import shard_of
from test_incremental import Served, env, files_of, full_build, run, searched


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    place = Served(tmp_path_factory.mktemp("served"))
    yield place
    place.server.shutdown()


def entries(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (root / ".cache" / "diparchive").glob("*.json")}


@given(st.sets(st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}-[a-z]{1,8}", fullmatch=True), max_size=60), st.integers(1, 12))
def test_the_slices_cover_every_transcript_once_in_order(slugs, n):
    pairs = {slug: None for slug in slugs}
    slices = [shard_of(pairs, k, n) for k in range(1, n + 1)]
    assert [slug for part in slices for slug in part] == sorted(pairs)
    assert max(map(len, slices)) - min(map(len, slices)) <= 1


@pytest.mark.browser
def test_two_shards_joined_give_the_single_machine_build(tmp_path, served, browser):
    single = tmp_path / "single"
    copy_project(single)
    full_build(single, served.url)

    runners = []
    for k in (1, 2):
        runner = tmp_path / f"runner-{k}"
        copy_project(runner)
        said = run([sys.executable, "-m", "diparchive", "build", "--shard", f"{k}/2"], runner, served.url).stderr
        assert f"shard {k} of 2: 2 transcripts normalised into the cache" in said
        assert not (runner / "docs" / "transcripts").exists(), "a shard wrote docs/"
        runners.append(runner)
    first, second = (entries(r) for r in runners)
    assert len(first) == len(second) == 2 and not set(first) & set(second)

    joined = tmp_path / "joined"
    copy_project(joined)
    cache = joined / ".cache" / "diparchive"
    cache.mkdir(parents=True)
    for runner in runners:  # as a workflow's final job downloads the runners' artifacts
        for entry in (runner / ".cache" / "diparchive").glob("*.json"):
            shutil.copy(entry, cache / entry.name)
    said = run([sys.executable, "-m", "diparchive", "build"], joined, served.url).stderr
    assert f"normalised {len(SLUGS)} transcripts ({len(SLUGS)} from the cache)" in said
    run([sys.executable, "-m", "mkdocs", "build", "--strict"], joined, served.url)

    assert files_of(joined / "site") == files_of(single / "site")
    found = searched(served, browser, single / "site")
    assert searched(served, browser, joined / "site") == found and any(found)


@pytest.mark.parametrize("value", ["0/2", "3/2", "1/0", "a/b", "1", "1/2/3", "-1/2", "１/2"])
def test_a_shard_that_is_not_one_is_one_line_and_writes_nothing(tmp_path, value):
    root = tmp_path / "project"
    copy_project(root, SLUGS[:2])
    done = subprocess.run([sys.executable, "-m", "diparchive", "build", f"--shard={value}"], cwd=root, capture_output=True, text=True, env=env("http://127.0.0.1:8000/"))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "--shard" in lines[0] and "K/N" in lines[0], done.stderr
    assert not (root / ".cache" / "diparchive").exists() or not entries(root)
    assert not (root / "docs" / "transcripts").exists()
