"""Write generated pages under docs/: only what changed, switched in as one generation, and
nothing else.

The build owns the paths in OWNED_DIRS and OWNED_FILES; hand-written pages (docs/about/index.md,
the Material overrides, the stylesheet) are never touched. A generated file that the build no
longer produces (a transcript was removed) is deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .switch import Generation

OWNED_DIRS = ("transcripts", "years", "themes", "people", "events", "mentioned", "kinds", "tags")
OWNED_FILES = ("index.md", "data.md", "about/cleaning-rules.md", "about/metadata.md", "about/build-report.md")


@dataclass(frozen=True)
class WriteSummary:
    written: tuple[str, ...]
    unchanged: int
    deleted: tuple[str, ...]


def owned(path: str) -> bool:
    return path in OWNED_FILES or path.split("/", 1)[0] in OWNED_DIRS


def existing_generated(docs: Path) -> set[str]:
    found = {f for f in OWNED_FILES if (docs / f).is_file()}
    for directory in OWNED_DIRS:
        root = docs / directory
        if root.is_dir():
            found |= {p.relative_to(docs).as_posix() for p in root.rglob("*") if p.is_file()}
    return found


def _text(page: str | Callable[[], str]) -> str:
    """A page, or a function that renders it (``render.site_pages(lazy=True)``)."""
    return page() if callable(page) else page


def differences(docs: Path, pages: dict[str, str | Callable[[], str]]) -> list[str]:
    """Paths whose committed content differs from what the build would write (for --check)."""
    problems = []
    for path, page in pages.items():
        text = _text(page)
        target = docs / path
        if not target.is_file():
            problems.append(f"{path}: missing")
        elif target.read_bytes() != text.encode("utf-8"):
            problems.append(f"{path}: differs")
    problems += [f"{path}: no longer generated" for path in sorted(existing_generated(docs) - set(pages))]
    return problems


def write_pages(docs: Path, pages: dict[str, str | Callable[[], str]]) -> WriteSummary:
    foreign = [path for path in pages if not owned(path)]
    if foreign:
        raise ValueError(f"refusing to write outside the generated paths: {', '.join(foreign)}")
    # The pages that change are staged beside the current ones and switched in as one step
    # (switch.py): a build stopped at any moment leaves the old generation or the new one.
    generation = Generation(docs)
    written, unchanged = [], 0
    try:
        for path, page in pages.items():
            target = docs / path
            data = _text(page).encode("utf-8")
            if target.is_file() and target.read_bytes() == data:
                unchanged += 1
                continue
            generation.stage(path, data)
            written.append(path)
        deleted = sorted(existing_generated(docs) - set(pages))
    except BaseException:
        generation.discard()
        raise
    generation.switch(deleted)
    return WriteSummary(tuple(written), unchanged, tuple(deleted))
