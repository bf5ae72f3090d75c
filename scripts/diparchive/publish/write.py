"""Write generated pages under docs/: only what changed, switched in as one generation, and
nothing else.

The build writes only the paths in OWNED_DIRS and OWNED_FILES, and of those it replaces or
deletes only files it wrote itself: every generation records the files it wrote, with the
SHA-256 of each, in ``docs/.diparchive-manifest.json`` (committed with the pages; MkDocs skips
dot-files). A file at a generated page's path that the manifest does not list (a curator's own
``people/notes.md`` does not collide; a hand-written ``index.md`` in a folder given as
``--docs`` does) stops the build with a message instead of being overwritten; a file the build
no longer produces is deleted only if the manifest lists it and its bytes are still those the
build wrote. Hand-written pages (docs/about/index.md, the Material overrides, the stylesheet)
and anything else in docs/ are never touched.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from diparchive.infra.errors import BuildFailed, InputError, display_path
from diparchive.infra.switch import Generation

log = logging.getLogger(__name__)

OWNED_DIRS = ("transcripts", "years", "themes", "people", "events", "mentioned", "kinds", "tags")
OWNED_FILES = ("index.md", "data.md", "about/cleaning-rules.md", "about/metadata.md", "about/build-report.md")

MANIFEST = ".diparchive-manifest.json"
"""In the output folder: every file the build wrote there, with its SHA-256."""

ABOUT = (
    "The files under this folder that 'diparchive build' wrote, with the SHA-256 of each. "
    "The build replaces or deletes no other file. Generated: do not edit."
)


@dataclass(frozen=True)
class WriteSummary:
    written: tuple[str, ...]
    unchanged: int
    deleted: tuple[str, ...]


def owned(path: str) -> bool:
    return path in OWNED_FILES or path.split("/", 1)[0] in OWNED_DIRS


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_text(files: dict[str, str]) -> str:
    """The manifest for ``{path: sha256}``: one file a line, in path order, the same bytes for
    the same files."""
    return json.dumps({"about": ABOUT, "files": dict(sorted(files.items()))}, indent=1, ensure_ascii=False) + "\n"


def read_manifest(docs: Path) -> dict[str, str] | None:
    """The files the last generation wrote, ``{path: sha256}``; None where there is no manifest
    (an output folder the build has not written to). A manifest that is not one is an error:
    without it the build cannot know which files are its own."""
    path = docs / MANIFEST
    shown = display_path(path, docs.parent)
    if not path.exists() and not path.is_symlink():
        return None
    expected = "the list of files the build wrote, as the build writes it (restore it from git, or delete the folder's generated pages and it)"
    if path.is_symlink() or not path.is_file():
        raise BuildFailed([InputError(shown, "", expected, "a link" if path.is_symlink() else "not a regular file")])
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError) as problem:
        raise BuildFailed([InputError(shown, "", expected, f"unreadable JSON ({str(problem)[:80]})")]) from None
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict) or not all(
        isinstance(k, str) and owned(k) and ".." not in k.split("/") and isinstance(v, str) and len(v) == 64 for k, v in files.items()
    ):
        raise BuildFailed([InputError(shown, "field 'files'", expected, "something else")])
    return files


def _current(target: Path) -> bytes | None:
    """The bytes of the regular file at ``target``, or None where there is none."""
    if target.is_symlink() or not target.is_file():
        return None
    return target.read_bytes()


def _linked_folder(docs: Path, path: str) -> str | None:
    """The first folder on the way to ``path`` under ``docs`` that is a symbolic link, if any."""
    parts = path.split("/")[:-1]
    for depth in range(1, len(parts) + 1):
        folder = "/".join(parts[:depth])
        if (docs / folder).is_symlink():
            return folder
    return None


def _text(page: str | Callable[[], str]) -> str:
    """A page, or a function that renders it (``render.site_pages(lazy=True)``)."""
    return page() if callable(page) else page


def differences(docs: Path, pages: dict[str, str | Callable[[], str]]) -> list[str]:
    """Paths whose committed content differs from what the build would write (for --check)."""
    problems = []
    files = {}
    for path, page in pages.items():
        data = _text(page).encode("utf-8")
        files[path] = sha256(data)
        current = _current(docs / path)
        if current is None:
            problems.append(f"{path}: missing")
        elif current != data:
            problems.append(f"{path}: differs")
    recorded = read_manifest(docs) or {}
    problems += [f"{path}: no longer generated" for path in sorted(set(recorded) - set(pages)) if (docs / path).is_file()]
    manifest = _current(docs / MANIFEST)
    if manifest != manifest_text(files).encode("utf-8"):
        problems.append(f"{MANIFEST}: " + ("missing" if manifest is None else "differs"))
    return problems


def write_pages(docs: Path, pages: dict[str, str | Callable[[], str]]) -> WriteSummary:
    foreign = [path for path in pages if not owned(path)]
    if foreign:
        raise ValueError(f"refusing to write outside the generated paths: {', '.join(foreign)}")
    recorded = read_manifest(docs) or {}
    shown = lambda path: display_path(docs / path, docs.parent)  # noqa: E731
    # The pages that change are staged beside the current ones and switched in as one step
    # (switch.py): a build stopped at any moment leaves the old generation or the new one.
    generation = Generation(docs)
    written, unchanged, files, theirs = [], 0, {}, []
    try:
        for path, page in pages.items():
            target = docs / path
            data = _text(page).encode("utf-8")
            files[path] = sha256(data)
            current = _current(target)
            if current == data:
                unchanged += 1  # the same bytes: the build's own, whoever wrote them
                continue
            linked = _linked_folder(docs, path)
            if linked is not None:
                theirs.append(InputError(shown(linked), "", "a folder of the output, not a link to one (the build writes through no link)", "a link"))
                continue
            if current is None and (target.is_symlink() or target.exists()):
                theirs.append(InputError(shown(path), "", "a generated page's path free, or a file the build wrote", "a link or a folder the build did not make"))
                continue
            if current is not None:
                if path not in recorded:
                    theirs.append(InputError(
                        shown(path), "", f"a generated page's path free, or a file the build wrote (listed in {MANIFEST})",
                        "a file the build did not write: move it out of the way, or delete it if it is an old generated page",
                    ))
                    continue
                if sha256(current) != recorded[path]:
                    log.warning("%s was changed by hand since the build wrote it: replaced by the generated page (edit transcripts/ instead)", shown(path))
            generation.stage(path, data)
            written.append(path)
        if theirs:
            raise BuildFailed(theirs)
        deleted = []
        for path in sorted(set(recorded) - set(pages)):
            current = _current(docs / path)
            if current is None:
                continue
            if sha256(current) != recorded[path]:
                log.warning("%s is no longer generated, but was changed by hand since the build wrote it: left in place", shown(path))
                continue
            deleted.append(path)
        manifest = manifest_text(files).encode("utf-8")
        if written or deleted or _current(docs / MANIFEST) != manifest:
            generation.stage(MANIFEST, manifest)
    except BaseException:
        generation.discard()
        raise
    generation.switch(deleted)
    return WriteSummary(tuple(written), unchanged, tuple(deleted))
