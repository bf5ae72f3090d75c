#!/usr/bin/env python3
"""Fetch the seeds, sample captures and corpora that some tests and the collection scripts read,
and check every file against the SHA-256 pinned in ``tests/shared.sha256``.

    python scripts/fetch_shared.py --check [FOLDER]        check a folder you have
    python scripts/fetch_shared.py --from URL [FOLDER]     fetch each file from URL/<path>

FOLDER is where the tests look (``DIPARCHIVE_SHARED``; by default ``../shared`` beside the
repository). Each file is downloaded beside its place under a temporary name, checked, and only
then renamed into place: a file whose checksum differs is refused with both checksums and never
lands. Files already there with the right checksum are not fetched again.

Where each corpus comes from, and its licence, is in ``corpora/README.md`` of that folder: the UN
General Debate Corpus (Harvard Dataverse, doi:10.7910/DVN/0TJX8Y, CC0), a 2020 mirror of the
Kremlin's English site (CC BY 4.0), the White House briefing room scrape (github
brian14708/wh-briefings, CC0) and the State Department's press-release feed (public domain).
The archive's tests read them in the exact form pinned here (one JSON Lines file, one tarball of
pages, one RSS file), so URL must serve that form: a copy published with the repository's
releases, or a mirror of the folder.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PINNED = ROOT / "tests" / "shared.sha256"
CHUNK = 1 << 20


def pinned() -> list[tuple[str, str]]:
    """(SHA-256, path) of every file, as ``sha256sum`` writes them."""
    rows = []
    for number, line in enumerate(PINNED.read_text("utf-8").splitlines(), 1):
        digest, _, path = line.partition("  ")
        if len(digest) != 64 or not path or path.startswith("/") or ".." in path.split("/"):
            raise SystemExit(f"{PINNED}, line {number}: expected '<sha256>  <relative path>'; found {line!r}")
        rows.append((digest, path))
    return rows


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def check(folder: Path) -> list[str]:
    """Every file that is missing or differs, said as one line each."""
    problems = []
    for digest, path in pinned():
        target = folder / path
        if not target.is_file():
            problems.append(f"{target}: expected a file with SHA-256 {digest}; found none")
        elif (found := sha256(target)) != digest:
            problems.append(f"{target}: expected SHA-256 {digest}; found {found}")
    return problems


def fetch(base: str, folder: Path) -> list[str]:
    problems = []
    rows = pinned()
    for number, (digest, path) in enumerate(rows, 1):
        target = folder / path
        if target.is_file() and sha256(target) == digest:
            continue
        url = base.rstrip("/") + "/" + path
        print(f"[{number}/{len(rows)}] {url}", flush=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.{os.getpid()}.part")
        try:
            with urllib.request.urlopen(url, timeout=60) as response, partial.open("wb") as out:
                while block := response.read(CHUNK):
                    out.write(block)
            found = sha256(partial)
            if found != digest:
                problems.append(f"{url}: expected SHA-256 {digest}; found {found} (not kept)")
                continue
            partial.replace(target)
        except (urllib.error.URLError, OSError, ValueError) as error:
            problems.append(f"{url}: expected the file; found {getattr(error, 'reason', error)}")
        finally:
            partial.unlink(missing_ok=True)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=Path(os.environ.get("DIPARCHIVE_SHARED") or ROOT.parent / "shared"))
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--check", action="store_true", help="only check the files already there")
    what.add_argument("--from", dest="base", metavar="URL", help="fetch each file from URL/<its path>")
    args = parser.parse_args(argv)
    problems = check(args.folder) if args.check else fetch(args.base, args.folder)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"{len(pinned())} files in {args.folder} match their pinned SHA-256")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
