"""Build one of the large collections into a site of its own, from its corpus in ../shared/corpora:

    .venv/bin/python scripts/collection.py kremlin            # var/kremlin/: transcripts/, docs/, site/
    .venv/bin/python scripts/collection.py un --limit 1000    # var/un/: the first 1,000 UN speeches
    .venv/bin/python scripts/collection.py kremlin --serve    # and serve the site at http://127.0.0.1:8001/
    .venv/bin/python scripts/collection.py state              # the State Department's feed, by its profile
    .venv/bin/python scripts/collection.py whitehouse         # the White House's Markdown captures, by its profile

Each stage says what it does and how long it took: the import (into ``var/<name>/transcripts``,
with the repository's themes, entities and variants), ``diparchive build`` (``docs/``), then
``mkdocs build`` (``site/``, with its open data, feeds and search index). The project is a
collection's content repository as ``diparchive new`` makes it (``mkdocs.yml`` with the plugin,
the registries, the about and search pages), with the repository's ``collections.yml``; the
templates and assets come with the package. ``var/`` is git-ignored.
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import subprocess
import sys
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DIPARCHIVE_SHARED") or ROOT.parent / "shared")
"""The folder of seeds, sample captures and corpora (``DIPARCHIVE_SHARED``; by default ../shared)."""
CORPORA = {
    "un": SHARED / "corpora" / "ungdc-1946-2024.jsonl.xz",
    "kremlin": SHARED / "corpora" / "kremlin-en-2020.tar.xz",
    "state": SHARED / "corpora" / "state-press-releases-2021-2022.rss.xz",
    "whitehouse": SHARED / "corpora" / "whitehouse-briefing-room-2021-2025.tar.xz",
}
PROFILES = {"state": "state-department", "whitehouse": "white-house"}
"""The collections imported from a feed or a folder of Markdown captures by the generic import,
with their publisher's profile (``diparchive/curate/profiles``): no importer of their own."""
RELEASES = {
    "un": "https://github.com/diplomatic-transcripts/un-general-debate/releases/latest/download/",
    "whitehouse": "https://github.com/diplomatic-transcripts/white-house/releases/latest/download/",
}
"""The collections whose bulk files (the corpus, the catalogue, the archives of every transcript)
would take a site past GitHub Pages' 1 GB: they go into ``var/<name>/release/``, to attach to the
collection's release at this address (``DIPARCHIVE_BULK=release``)."""
SITE_NAME = "Diplomatic Transcripts Archive"
REGISTRIES = ("themes.yml", "entities.yml", "variants.yml")


def skeleton(root: Path) -> None:
    """A fresh collection repository (``diparchive new``) with no transcripts."""
    from diparchive.curate.new import new

    if root.exists():
        shutil.rmtree(root)
    new(root, SITE_NAME)
    shutil.copy(ROOT / "collections.yml", root / "collections.yml")  # every collection's site searches them all
    if (ROOT / "identities.yml").is_file():
        shutil.copy(ROOT / "identities.yml", root / "identities.yml")  # and joins its people with theirs


def import_into(collection: str, transcripts: Path, limit: int | None, added: str) -> None:
    """The collection's importer, writing the archive's input into ``transcripts``; then the
    repository's registries beside it."""
    if collection in PROFILES:
        from diparchive.curate.importers.feed import import_feed, profile_path, read_profile, summary

        report = import_feed(CORPORA[collection], read_profile(profile_path(PROFILES[collection])), transcripts, added, limit)
        print(f"   {summary(report)}", flush=True)
    elif collection == "un":
        from diparchive.curate.importers.ungdc import import_corpus

        import_corpus(CORPORA["un"], transcripts, limit, added)
    else:
        from diparchive.curate.importers.kremlin import import_collection

        import_collection(CORPORA["kremlin"], transcripts, limit=limit, added=added)
    copy_registries(transcripts)


def copy_registries(transcripts: Path) -> None:
    """The repository's themes, entities and variants into a collection's ``transcripts``."""
    for registry in REGISTRIES:
        shutil.copy(ROOT / "transcripts" / registry, transcripts / registry)


def project(collection: str, root: Path, limit: int | None = None, added: str = "2026-11-30") -> Path:
    """A project of the collection (its first ``limit`` items): the skeleton and the importer's input."""
    skeleton(root)
    import_into(collection, root / "transcripts", limit, added)
    return root


def stage(name: str, command: list[str], cwd: Path, collection: str) -> None:
    print(f"== {name}: {' '.join(command)}", flush=True)
    start = time.perf_counter()
    # DIPARCHIVE_COLLECTION: which entry of collections.yml the site is (diparchive.site.collections)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DIPARCHIVE_COLLECTION": collection}
    if collection in RELEASES:
        env.update(DIPARCHIVE_BULK="release", DIPARCHIVE_RELEASE_URL=RELEASES[collection], DIPARCHIVE_RELEASE_DIR=str(cwd / "release"))
    subprocess.run(command, cwd=cwd, check=True, env=env)
    print(f"== {name}: {time.perf_counter() - start:.1f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("collection", choices=sorted(CORPORA))
    parser.add_argument("--limit", type=int, help="only the first N speeches or pages")
    parser.add_argument("--out", type=Path, help="the project directory (default var/<collection>)")
    parser.add_argument("--serve", action="store_true", help="serve the built site on loopback")
    parser.add_argument("--address", default="127.0.0.1:8001", help="where --serve listens (default 127.0.0.1:8001)")
    args = parser.parse_args()
    root = (args.out or ROOT / "var" / args.collection).resolve()
    sys.path.insert(0, str(ROOT / "scripts"))
    print(f"== import: {args.collection} into {root / 'transcripts'}", flush=True)
    start = time.perf_counter()
    project(args.collection, root, args.limit)
    print(f"== import: {time.perf_counter() - start:.1f} s", flush=True)
    stage("normalise", [sys.executable, "-m", "diparchive", "--root", str(root), "build"], root, args.collection)
    stage("site", [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(root / "site")], root, args.collection)
    print(f"The site is in {root / 'site'}", flush=True)
    if args.serve:
        host, port = args.address.rsplit(":", 1)
        server = ThreadingHTTPServer((host, int(port)), functools.partial(SimpleHTTPRequestHandler, directory=str(root / "site")))
        print(f"Serving it at http://{host}:{port}/ (Ctrl-C stops)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
