"""diparchive.site.size (python -m diparchive.site.size): a site's bytes per part against GitHub Pages' limit, and its exit code."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT

from diparchive.site import size as site_size  # noqa: E402


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    for path, size in {"index.html": 100, "404.html": 50, "data/corpus.jsonl": 3000, "data/transcripts/a.json": 500,
                       "transcripts/a/index.html": 1200, "transcripts/b/index.html": 800}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(b"x" * size)
    return root


def run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "diparchive.site.size", *map(str, args)], capture_output=True, text=True)


def test_each_part_with_its_bytes_and_files_largest_first(site):
    assert [(p.name, p.bytes, p.files) for p in site_size.measure(site)] == [
        ("data/", 3500, 2), ("transcripts/", 2000, 2), (site_size.ROOT_FILES, 150, 2),
    ]


def test_the_tarball_size_is_what_tar_makes_of_the_site(site, tmp_path):
    """The estimate of the Pages artifact equals a real tarball's size (GNU tar, as the action uses)."""
    deep = site / "transcripts" / ("a-long-slug-" * 8) / "index.html"  # a name over 100 bytes
    deep.parent.mkdir()
    deep.write_bytes(b"y" * 513)
    out = tmp_path / "site.tar"
    subprocess.run(["tar", "--format=gnu", "-cf", str(out), "-C", str(site), "."], check=True)
    assert site_size.tarball(site_size.measure(site)) == out.stat().st_size


def test_within_the_limit_exits_0_and_prints_the_table(site):
    done = run(site, "--limit", "30KB")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[1].split()[:3] == ["data/", "3,500", "3.5"] and lines[1].split()[-1] == "2"
    assert lines[-3].split()[:2] == ["total", "5,650"] and lines[-3].split()[-1] == "6"
    assert lines[-2].split() == ["as", "a", "tarball", "20,480", "20.5", "KB"]
    assert lines[-1] == "the tarball is within the limit of 30,000 bytes (30.0 KB): 68.3% of it"


def test_a_tarball_over_the_limit_exits_1_even_when_the_files_are_under_it(site):
    done = run(site, "--limit", "10000")  # 5,650 bytes of files, a tarball of 20,480
    assert done.returncode == 1
    assert done.stdout.splitlines()[-1] == "the tarball is OVER the limit of 10,000 bytes (10.0 KB): 204.8% of it"


@pytest.mark.parametrize(("text", "size"), [("1GB", 10**9), ("1 GiB", 2**30), ("500MB", 5 * 10**8), ("1.5kb", 1500), ("123", 123)])
def test_sizes_are_read_in_decimal_and_binary_units(text, size):
    assert site_size.parse_size(text) == size


@pytest.mark.parametrize("limit", ["1TB", "GB", "-1GB", "one gigabyte"])
def test_a_wrong_limit_is_refused_by_name(site, limit):
    done = run(site, f"--limit={limit}")
    assert done.returncode == 2
    assert done.stderr == f"site_size: --limit: expected a size such as 1GB, 500MB, 1GiB or a number of bytes; found {limit!r}\n"


def test_a_missing_site_is_refused(tmp_path):
    done = run(tmp_path / "nowhere")
    assert done.returncode == 2
    assert done.stderr == f"site_size: {tmp_path / 'nowhere'}: expected a built site's directory; found nothing\n"
