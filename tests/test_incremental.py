"""An update (``diparchive update``: ``diparchive build``, then ``mkdocs build --dirty``) gives
the site a clean full build gives: each capture added, edited or removed, a sidecar edited, and
the site's address changed, then the site compared with a full build of the same inputs file by
file (Pagefind's own files aside: their names differ from run to run of the same input), and
their search in Chromium, query by query."""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import SLUGS, TRANSCRIPTS, _Quiet, copy_project
from test_search_pages import drawn, search

INDEX = ("pagefind", "pagefind-shards")
"""Pagefind's output: compared by what the search finds, not byte for byte."""

QUERIES = ('"indivisibility of security"', "Paraguay terrorism", "NATO -Georgia", "Rasmussen", '"Security Council"')


def env(url: str) -> dict:
    return {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "SITE_URL": url, "DIPARCHIVE_PARALLEL_RENDER": "on"}


def run(args: list[str], root: Path, url: str) -> subprocess.CompletedProcess:
    done = subprocess.run(args, cwd=root, capture_output=True, text=True, env=env(url))
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def update(root: Path, url: str) -> str:
    return run([sys.executable, "-m", "diparchive", "update"], root, url).stderr


def full_build(root: Path, url: str) -> None:
    run([sys.executable, "-m", "diparchive", "build"], root, url)
    run([sys.executable, "-m", "mkdocs", "build", "--strict"], root, url)


def files_of(site: Path) -> dict[str, str]:
    """Every file of a built site but Pagefind's, with the SHA-256 of its bytes."""
    found = {}
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if path.is_file() and relative.split("/", 1)[0] not in INDEX:
            found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


class Served:
    """One loopback address whose folder can be switched: two builds for the same address are
    served there in turn, for the same pages to be searched in each."""

    def __init__(self, root: Path):
        self.root = root
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/archive/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def show(self, site: Path) -> None:
        link = self.root / "archive"
        if link.is_symlink():
            link.unlink()
        link.symlink_to(site, target_is_directory=True)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    place = Served(tmp_path_factory.mktemp("served"))
    yield place
    place.server.shutdown()


@pytest.fixture(scope="module")
def updated(tmp_path_factory, served):
    """A project of three of the four transcripts, built in full once: each test changes it,
    updates it, and leaves it changed for the next."""
    root = tmp_path_factory.mktemp("updated") / "project"
    copy_project(root, SLUGS[:3])
    full_build(root, served.url)
    return root


def searched(served: Served, browser, site: Path) -> list[list[dict]]:
    """What the search page of ``site``, served at ``served``'s address, draws for each of
    ``QUERIES``, in a fresh browser context."""
    served.show(site)
    context = browser.new_context()
    page = context.new_page()
    found = []
    for query in QUERIES:
        search(page, served.url, query)
        found.append(drawn(page))
    context.close()
    return found


def inputs_of(root: Path, clean: Path) -> Path:
    """A copy at ``clean`` of the project's inputs and docs/, without its site or cache."""
    clean.mkdir()
    for name in ("mkdocs.yml", "transcripts", "docs"):
        source = root / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, clean / name)
    return clean


def compare(root: Path, served: Served, browser, tmp: Path) -> None:
    """The updated site at ``root`` against a full build of a copy of its inputs."""
    clean = inputs_of(root, tmp / "clean")
    full_build(clean, served.url)
    mine, theirs = files_of(root / "site"), files_of(clean / "site")
    assert sorted(set(mine) ^ set(theirs)) == []
    assert [p for p in mine if mine[p] != theirs[p]] == []
    full = searched(served, browser, clean / "site")
    assert searched(served, browser, root / "site") == full
    assert any(full), "the queries find nothing: the comparison would say nothing"


@pytest.mark.browser
def test_adding_a_capture(updated, served, browser, tmp_path):
    slug = SLUGS[3]
    for suffix in (".txt", ".yml"):
        shutil.copy(TRANSCRIPTS / f"{slug}{suffix}", updated / "transcripts" / f"{slug}{suffix}")
    update(updated, served.url)
    assert (updated / "site" / "transcripts" / slug / "index.html").is_file()
    compare(updated, served, browser, tmp_path)


@pytest.mark.browser
def test_editing_a_capture_renders_only_what_changed(updated, served, browser, tmp_path):
    capture = updated / "transcripts" / f"{SLUGS[0]}.txt"
    text = capture.read_text("utf-8")
    assert "in the first place" in text
    capture.write_text(text.replace("in the first place", "first and foremost, terrorism and Paraguay", 1), "utf-8")
    untouched = updated / "site" / "transcripts" / SLUGS[1] / "index.html"
    before = untouched.stat().st_mtime_ns
    update(updated, served.url)
    assert untouched.stat().st_mtime_ns == before, "a transcript that did not change was rendered again"
    assert "Paraguay" in (updated / "site" / "transcripts" / SLUGS[0] / "index.html").read_text("utf-8")
    compare(updated, served, browser, tmp_path)


@pytest.mark.browser
def test_editing_a_sidecar(updated, served, browser, tmp_path):
    sidecar = updated / "transcripts" / f"{SLUGS[1]}.yml"
    text = sidecar.read_text("utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    sidecar.write_text(text.replace(title, "title: A retitled <b>transcript</b> & more"), "utf-8")
    update(updated, served.url)
    compare(updated, served, browser, tmp_path)


@pytest.mark.browser
def test_removing_a_capture_deletes_its_pages(updated, served, browser, tmp_path):
    slug = SLUGS[2]
    for suffix in (".txt", ".yml"):
        (updated / "transcripts" / f"{slug}{suffix}").unlink()
    update(updated, served.url)
    site = updated / "site"
    assert not (site / "transcripts" / slug).exists()
    assert not [p for p in site.rglob("*") if slug in p.name], "a file of the removed transcript stayed"
    compare(updated, served, browser, tmp_path)


@pytest.mark.browser
def test_a_changed_address_renders_every_page(updated, served, browser, tmp_path):
    """Other settings than the site was built with: nothing of the old address may stay."""
    other = served.url.replace("/archive/", "/elsewhere/archive/")
    log = update(updated, other)
    assert "every page is rendered" in log
    old = served.url.encode()
    stayed = [p for p in (updated / "site").rglob("*.html") if old in p.read_bytes()]
    assert stayed == []
    mine = files_of(updated / "site")
    clean = inputs_of(updated, tmp_path / "clean")
    full_build(clean, other)
    assert mine == files_of(clean / "site")
    update(updated, served.url)  # and back, for what follows


def test_an_update_leaves_a_folder_it_did_not_make_alone(tmp_path):
    root = tmp_path / "project"
    copy_project(root, SLUGS[:1])
    theirs = root / "site"
    theirs.mkdir()
    (theirs / "notes.txt").write_text("mine", "utf-8")
    done = subprocess.run([sys.executable, "-m", "diparchive", "update"], cwd=root, capture_output=True, text=True, env=env("http://127.0.0.1:8000/"))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "site_dir" in done.stderr and "1 entries of something else" in done.stderr
    assert os.listdir(theirs) == ["notes.txt"] and (theirs / "notes.txt").read_text("utf-8") == "mine"


def test_serve_reloads_an_edited_transcript(tmp_path):
    """``scripts/serve.sh``'s server (``mkdocs serve --dirty``): an edited capture is on its page
    at the next request after the rebuild, through the same update path."""
    root = tmp_path / "project"
    copy_project(root, SLUGS[:2])
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    served = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env(f"http://127.0.0.1:{port}/"),
    )
    page = f"http://127.0.0.1:{port}/transcripts/{SLUGS[0]}/"

    def fetch(wanted: str) -> str:
        for _ in range(120):
            try:
                with urllib.request.urlopen(page, timeout=5) as response:
                    text = response.read().decode("utf-8")
                if wanted in text:
                    return text
            except OSError:
                pass
            time.sleep(0.5)
        raise AssertionError(f"{wanted!r} never appeared on {page}")

    try:
        assert "Paraguay" not in fetch("in the first place")
        capture = root / "transcripts" / f"{SLUGS[0]}.txt"
        capture.write_text(capture.read_text("utf-8").replace("in the first place", "first of all, Paraguay", 1), "utf-8")
        text = fetch("first of all, Paraguay")
        assert "None</span>" not in text and "About the archive" in text  # the navigation's titles
    finally:
        served.terminate()
        log = served.communicate(timeout=30)[1]
    assert "Traceback" not in log
    assert "diparchive: wrote" in log


def test_a_failed_update_leaves_the_site_as_it_was(tmp_path):
    """docs/ is written, then the site's build fails (a broken link, under strict): the site
    stays the previous build's, file for file, and the next good update finishes the change."""
    root = tmp_path / "project"
    copy_project(root, SLUGS[:2])
    url = "http://127.0.0.1:8000/"
    full_build(root, url)
    site = root / "site"
    before = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    capture = root / "transcripts" / f"{SLUGS[0]}.txt"
    capture.write_text(capture.read_text("utf-8").replace("in the first place", "first of all, Paraguay", 1), "utf-8")
    broken = root / "docs" / "about" / "notes.md"
    broken.write_text("# Notes\n\nSee [the missing page](missing.md).\n", "utf-8")
    done = subprocess.run([sys.executable, "-m", "diparchive", "update"], cwd=root, capture_output=True, text=True, env=env(url))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "Paraguay" in (root / "docs" / "transcripts" / f"{SLUGS[0]}.md").read_text("utf-8")
    after = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not [p.name for p in root.iterdir() if p.name.startswith(".site.")], "a copy of the site was left beside it"
    broken.unlink()
    update(root, url)
    assert "Paraguay" in (site / "transcripts" / SLUGS[0] / "index.html").read_text("utf-8")
