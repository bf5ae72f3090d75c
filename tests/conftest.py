"""Shared fixtures: the repository's paths and throw-away copies of the project to break."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from diparchive.site.collections import read_collections
from diparchive.pipeline import Project

ROOT = Path(__file__).resolve().parent.parent
TRANSCRIPTS = ROOT / "transcripts"
SHARED = Path(os.environ.get("DIPARCHIVE_SHARED") or ROOT.parent / "shared").resolve()
"""The seeds, sample captures and corpora some tests read (``DIPARCHIVE_SHARED``; by default
``../shared`` beside the repository). A clone without them skips those tests, naming what is
missing; CI (``CI`` set) has them, and fails such a test rather than skip it."""
SLUGS = sorted(p.stem for p in TRANSCRIPTS.glob("*.txt"))


def needs_shared(*paths: str):
    """Mark a test as reading ``paths`` under ``SHARED`` (``"corpora/kremlin-en-2020.tar.xz"``)."""
    return pytest.mark.needs_shared(*paths)


def missing_shared(*paths: str) -> list[Path]:
    return [SHARED / path for path in paths if not (SHARED / path).exists()]


def require_shared(*paths: str) -> None:
    """Skip the running test when ``paths`` are not under ``SHARED`` (fail it under CI)."""
    missing = missing_shared(*paths)
    if not missing:
        return
    message = (
        f"needs {', '.join(str(p) for p in missing)}: set DIPARCHIVE_SHARED to the folder of seeds, "
        "captures and corpora, or fetch them with scripts/fetch_shared.py"
    )
    if os.environ.get("CI"):
        pytest.fail(message + " (CI requires them)", pytrace=False)
    pytest.skip(message)


def pytest_configure(config):
    config.addinivalue_line("markers", "needs_shared(*paths): reads these files or folders under DIPARCHIVE_SHARED (skipped without them, failed under CI)")


def pytest_runtest_setup(item):
    for mark in item.iter_markers("needs_shared"):
        require_shared(*mark.args)


def pytest_addoption(parser):
    parser.addoption(
        "--regenerate-golden",
        action="store_true",
        help="rewrite tests/golden/*.txt from the current build instead of comparing",
    )


@pytest.fixture
def regenerate(request) -> bool:
    return request.config.getoption("--regenerate-golden")


def copy_project(target: Path, slugs: list[str] | None = None) -> Project:
    """A copy of the project's inputs and site skeleton (mkdocs.yml; the hand-written pages its
    nav names: about, search, the guide) in ``target``, with the given transcripts (default: all)."""
    (target / "transcripts").mkdir(parents=True)
    for registry in ("people.yml", "variants.yml", "themes.yml", "entities.yml"):
        shutil.copy(TRANSCRIPTS / registry, target / "transcripts" / registry)
    for slug in SLUGS if slugs is None else slugs:
        for suffix in (".txt", ".yml"):
            shutil.copy(TRANSCRIPTS / f"{slug}{suffix}", target / "transcripts" / f"{slug}{suffix}")
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    for keep in ("about/index.md", "search.md", "guide"):
        source = ROOT / "docs" / keep
        if source.is_dir():
            shutil.copytree(source, target / "docs" / keep)
        else:
            (target / "docs" / keep).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target / "docs" / keep)
    return Project.at(target)


def project_with_people(target: Path, people: str) -> Project:
    """A copy of the project with no transcripts, its people registry extended by ``people``
    (entries of people.yml, as text)."""
    project = copy_project(target, slugs=[])
    registry = project.transcripts / "people.yml"
    registry.write_text(registry.read_text("utf-8") + people, "utf-8")
    return project


@pytest.fixture
def project(tmp_path) -> Project:
    """A full copy of the project to build and break."""
    return copy_project(tmp_path / "project")


SIDECAR = """\
title: A test transcript
date: 2020-01-02
date_basis: Stated in the text.
kind: press-conference
summary: A transcript made up for a test.
venue:
  event: Test Meeting
  city: Geneva
  country: Switzerland
speakers:
  - person: sergey-lavrov
    role: Minister of Foreign Affairs of the Russian Federation
language:
  text: en
  original: ru
  translation: official
source:
  publisher: Test Publisher
  capture: test.txt
  added: 2026-11-23
licence:
  status: unknown
  note: Made up for a test.
"""


@pytest.fixture
def small_project(tmp_path) -> Project:
    """A project with one small made-up transcript, written by the test."""
    project = copy_project(tmp_path / "small", slugs=[])
    (project.transcripts / "2020-01-02-test.yml").write_text(SIDECAR, "utf-8")
    (project.transcripts / "2020-01-02-test.txt").write_text(
        "Good afternoon.\n\nQuestion: What next?\n\nSergey Lavrov: We will see.\n", "utf-8"
    )
    return project


# --------------------------------------------------------------------------- browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
SUBPATH = "archive/"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _served_site(tmp_path_factory, records: str, shard_memory: int | None = None):
    """Build the committed docs/ (data, feeds and search index included, by the hooks) for the
    address it is then served at on loopback, under a subpath as on GitHub Pages; yield that
    address, http://127.0.0.1:PORT/archive/."""
    served = tmp_path_factory.mktemp("served")
    out = served / SUBPATH.strip("/")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(served)))
    url = f"http://127.0.0.1:{server.server_address[1]}/{SUBPATH}"
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=ROOT, capture_output=True, text=True,
        env={
            "NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "SITE_URL": url, "DIPARCHIVE_RECORDS": records,
            **({"DIPARCHIVE_SHARD_MEMORY": str(shard_memory)} if shard_memory else {}),
        },
    )
    assert run.returncode == 0, run.stderr
    assert (out / "pagefind" / "pagefind.js").is_file(), "the build did not index the site"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The default site: four transcripts, so one search record per passage."""
    yield from _served_site(tmp_path_factory, "auto")


@pytest.fixture(scope="session")
def paged_site(tmp_path_factory):
    """The same site indexed as a large collection is: one record per transcript, the passages
    as Pagefind's sub-results."""
    yield from _served_site(tmp_path_factory, "pages")


@pytest.fixture(scope="session")
def voiced_site(tmp_path_factory):
    """The same site indexed with one record per voice of a transcript (all of one speaker's
    passages in it, as Pagefind's sub-results)."""
    yield from _served_site(tmp_path_factory, "voices")


@pytest.fixture(scope="session")
def sharded_site(tmp_path_factory):
    """Page records with a shard memory so small that each year is an index of its own, merged
    by the search page as a large archive's are."""
    yield from _served_site(tmp_path_factory, "pages", shard_memory=1)


class _Shared(_Quiet):
    """A published site's server: GitHub Pages lets any origin read its files (CORS), as another
    collection's search page does."""

    def end_headers(self):
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()


COLLECTION_LIMIT = 30


class Sites(dict):
    """{collection id: address}, with ``homes``: {collection id: the built site's directory}."""

    homes: dict

    def corpus(self, cid: str) -> list[dict]:
        """A collection's open data, ``corpus.jsonl``: a record per paragraph, from its site, or
        from its release where its bulk files are release assets (the White House's)."""
        import gzip

        published = self.homes[cid] / "data" / "corpus.jsonl"
        if published.is_file():
            text = published.read_text("utf-8")
        else:
            text = gzip.decompress((self.homes[cid].parent / "release" / "corpus.jsonl.gz").read_bytes()).decode("utf-8")
        return [json.loads(line) for line in text.splitlines()]


@pytest.fixture(scope="session")
def collection_sites(tmp_path_factory):
    """The archive's five collections (collections.yml), each built as a site of its own and
    served on an origin of its own, each declaring the others at their loopback addresses: the
    default four (under a subpath, as on GitHub Pages), and the first 30 items of the Kremlin, the
    UN, the State Department and the White House collections (scripts/collection.py; the White
    House's bulk files in its release folder, as it publishes them). Yields {id: address}."""
    require_shared("corpora/kremlin-en-2020.tar.xz", "corpora/ungdc-1946-2024.jsonl.xz",
                   "corpora/state-press-releases-2021-2022.rss.xz", "corpora/whitehouse-briefing-room-2021-2025.tar.xz")
    base = tmp_path_factory.mktemp("collections")
    # Each in a record design of its own, as a collection's search may be: passages here, voices
    # (as the whole Kremlin and UN collections have), whole transcripts, and as each one's size chooses.
    designs = {"kremlin": "voices", "un": "pages", "state": None, "whitehouse": None}
    homes = {"default": base / "default", **{cid: base / cid / "site" for cid in designs}}
    servers = {cid: ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Shared, directory=str(home))) for cid, home in homes.items()}
    urls = {cid: f"http://127.0.0.1:{server.server_address[1]}/" for cid, server in servers.items()}
    urls["default"] += SUBPATH
    env = {
        "NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin",
        "DIPARCHIVE_COLLECTION_URLS": ",".join(f"{cid}={url}" for cid, url in urls.items()),
    }
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(homes["default"] / SUBPATH.strip("/"))],
        cwd=ROOT, capture_output=True, text=True, env={**env, "SITE_URL": urls["default"]},
    )
    assert run.returncode == 0, run.stderr
    for cid, records in designs.items():
        run = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "collection.py"), cid, "--limit", str(COLLECTION_LIMIT), "--out", str(base / cid)],
            capture_output=True, text=True, timeout=900, env={**env, "SITE_URL": urls[cid], **({"DIPARCHIVE_RECORDS": records} if records else {})},
        )
        assert run.returncode == 0, run.stderr[-3000:]
    for server in servers.values():
        threading.Thread(target=server.serve_forever, daemon=True).start()
    sites = Sites(urls)
    sites.homes = {**homes, "default": homes["default"] / SUBPATH.strip("/")}
    yield sites
    for server in servers.values():
        server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page; the test fails if the page asks any host but the loopback server and the
    archive's own collections' sites (collections.yml), whose requests are answered here by a
    refusal, as a site that does not answer (the tests use no network)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    own = tuple(c.url for c in read_collections(ROOT / "collections.yml") if not c.url.startswith("http://127.0.0.1"))
    if own:
        context.route(lambda url: url.startswith(own), lambda route: route.abort("connectionrefused"))
    page = context.new_page()
    outside, errors = [], []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(("http://127.0.0.1", "data:", "blob:", *own)) else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert outside == [], f"the page requested other hosts: {outside}"
    assert errors == [], f"scripts failed: {errors}"
