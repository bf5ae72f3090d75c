"""``diparchive new FOLDER``: a collection's content repository, ready to build and publish.

A collection holds its inputs and its settings, never the archive's code: ``mkdocs.yml`` (the
Material theme and the ``diparchive`` plugin, its options taken from the environment as the
workflow sets them), ``requirements.txt`` pinning the archive's package, ``transcripts/`` with
the registries (an empty people list; the archive's themes, organisations and agreements, and
spelling variants, to edit), the hand-written pages (``docs/about/index.md``,
``docs/search.md``), a ``.gitignore`` and the GitHub Pages workflow. The archive's templates,
style sheets and scripts come with the package, as a Material site's come with the theme.

The folder must be missing or empty: nothing of a user's is ever overwritten.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from diparchive.infra.errors import InputError, display_path

log = logging.getLogger(__name__)

STARTER = Path(__file__).resolve().parent / "starter"

FILES = {
    "mkdocs.yml": "mkdocs.yml",
    "gitignore": ".gitignore",
    "github/pages.yml": ".github/workflows/pages.yml",
    "docs/about/index.md": "docs/about/index.md",
    "docs/search.md": "docs/search.md",
    "transcripts/people.yml": "transcripts/people.yml",
    "transcripts/themes.yml": "transcripts/themes.yml",
    "transcripts/entities.yml": "transcripts/entities.yml",
    "transcripts/variants.yml": "transcripts/variants.yml",
}
"""Each starter file and where it goes in the new collection."""


def package_requirement() -> str:
    """The archive's package at the version running now: what a new collection pins."""
    try:
        return f"diparchive=={version('diparchive')}"
    except PackageNotFoundError:
        return "diparchive"


def new(folder: Path, name: str, requirement: str | None = None) -> int:
    shown = display_path(folder, Path.cwd())
    if not name.strip() or any(not ch.isprintable() for ch in name):
        raise InputError("--name", "value", "the site's name, printable text on one line", repr(name))
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise InputError(shown, "", "a folder for the new collection", "a link or a file")
    if folder.is_dir() and any(os.scandir(folder)):
        raise InputError(shown, "", "a missing or empty folder for the new collection (nothing is overwritten)", "a folder with files in it")
    requirement = requirement or package_requirement()
    if any(ch.isspace() or not ch.isprintable() for ch in requirement.replace(" @ ", "@")):
        raise InputError("--requirement", "value", "a requirement on one line, such as diparchive==0.1.0", repr(requirement))
    folder.mkdir(parents=True, exist_ok=True)
    for source, target in FILES.items():
        path = folder / target
        path.parent.mkdir(parents=True, exist_ok=True)
        text = (STARTER / source).read_text("utf-8")
        if source == "mkdocs.yml":
            text = text.replace("__SITE_NAME__", json.dumps(name, ensure_ascii=False), 1)  # a JSON string is YAML
        path.write_text(text, "utf-8")
    (folder / "requirements.txt").write_text(
        "# The archive's package, which brings MkDocs, Material and everything the build needs.\n" + requirement + "\n", "utf-8"
    )
    (folder / "README.md").write_text(
        f"# {name}\n\nA collection of the diplomatic transcripts archive. Add a capture with "
        "`diparchive add CAPTURE`, review its drafted metadata, then `diparchive build` and "
        "`mkdocs serve`.\n", "utf-8"
    )
    log.info("made the collection %s: add captures to %s/transcripts/ with 'diparchive add'", shown, shown)
    return 0
