"""Where the build may write: output folders are checked before anything is written there.

The build replaces whole folders (a site, a release) and deletes files in others (docs/), so a
folder given by a setting or an option could otherwise take a user's own files with it: a
release directory set to ``transcripts``, ``--docs .``, ``site_dir: transcripts``. Each output
folder is refused when it is the project's root, its transcripts/ or an ancestor of either, or
lies inside transcripts/; a folder the build replaces whole is refused unless it is missing,
empty, or what the build itself put there (``is_built_site``, ``is_release``).
"""

from __future__ import annotations

import os
from pathlib import Path

from diparchive.infra.errors import InputError, display_path

SITE_MARK = ".diparchive-site"
"""In a site the build made: names it as the build's own, to be replaced by the next build."""

SITE_MARK_TEXT = "A site built by diparchive: the next site build replaces this whole folder.\n"

RELEASE_SUMS = "SHA256SUMS"
"""In a release directory: the checksum of every other file the build put there."""


def _within(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def output_problem(project, folder: Path, setting: str) -> InputError | None:
    """Why ``folder`` may not be written by the build (None if it may): ``setting`` names the
    option or setting that chose it, for the message."""
    folder = folder.resolve()
    shown = display_path(folder, project.root)
    for protected, name in ((project.root, "the project's root"), (project.transcripts, "the transcripts folder")):
        if _within(protected, folder):
            what = name if folder == protected else f"a folder holding {name}"
            return InputError(setting, "value", "an output folder apart from the project's root and its transcripts", f"{shown!r}, {what}")
    if _within(folder, project.transcripts):
        return InputError(setting, "value", "an output folder outside the transcripts folder", f"{shown!r}, inside it")
    return None


def _entries(folder: Path) -> list[os.DirEntry] | None:
    """The entries of ``folder``; None where it is missing; [] where it is empty."""
    if not folder.exists() and not folder.is_symlink():
        return None
    with os.scandir(folder) as entries:
        return list(entries)


def is_built_site(folder: Path) -> bool:
    """Whether ``folder`` is a site the build made (its mark, or the files every site build of
    the archive writes: the list of downloads and the search index)."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    if (folder / SITE_MARK).is_file():
        return True
    return (folder / "data" / "downloads.json").is_file() and (folder / "pagefind" / "pagefind.js").is_file()


def replaceable_site_problem(project, folder: Path, setting: str) -> InputError | None:
    """Why the site build may not replace ``folder`` whole (None if it may): only a missing or
    empty folder, or a site the build made."""
    problem = output_problem(project, folder, setting)
    if problem is not None:
        return problem
    shown = display_path(folder, project.root)
    if folder.is_symlink():
        return InputError(setting, "value", "a folder for the site, not a link", f"{shown!r}, a link")
    if folder.exists() and not folder.is_dir():
        return InputError(setting, "value", "a folder for the site", f"{shown!r}, a file")
    entries = _entries(folder)
    if entries is None or entries == [] or is_built_site(folder):
        return None
    return InputError(
        setting, "value", "a folder for the site that is missing, empty or a site the build made (it is replaced whole)",
        f"{shown!r}, which holds {len(entries)} entries of something else",
    )


def is_release(folder: Path) -> bool:
    """Whether ``folder`` holds a release the build made: regular files only, each listed in its
    ``SHA256SUMS``."""
    sums = folder / RELEASE_SUMS
    if sums.is_symlink() or not sums.is_file():
        return False
    try:
        listed = {line.split("  ", 1)[1] for line in sums.read_text("utf-8").splitlines() if "  " in line}
    except (OSError, UnicodeDecodeError):
        return False
    for entry in os.scandir(folder):
        if entry.is_symlink() or not entry.is_file() or (entry.name != RELEASE_SUMS and entry.name not in listed):
            return False
    return True


def release_problem(project, folder: Path, site: Path | None, setting: str = "DIPARCHIVE_RELEASE_DIR") -> InputError | None:
    """Why the build may not replace ``folder`` whole with a release (None if it may): only a
    missing or empty folder, or a release the build made, outside the site, the project's root
    and its transcripts."""
    problem = output_problem(project, folder, setting) if project is not None else None
    if problem is not None:
        return problem
    shown = display_path(folder, project.root if project is not None else None)
    if site is not None and _within(folder.resolve(), site.resolve()):
        return InputError(setting, "value", f"a directory outside the site ({site})", repr(str(folder)))
    if site is not None and _within(site.resolve(), folder.resolve()):
        return InputError(setting, "value", "a directory apart from the site", f"{shown!r}, which holds the site")
    if folder.is_symlink():
        return InputError(setting, "value", "a directory for the release's files, not a link", f"{shown!r}, a link")
    if folder.exists() and not folder.is_dir():
        return InputError(setting, "value", "a directory for the release's files", f"{shown!r}, a file")
    entries = _entries(folder)
    if entries is None or entries == []:
        return None
    if is_release(folder):
        return None
    return InputError(
        setting, "value",
        f"a directory that is missing, empty or holds a previous release (only files its {RELEASE_SUMS} lists), since it is replaced whole",
        f"{shown!r}, which holds {len(entries)} entries of something else",
    )


def export_problem(project, folder: Path, setting: str = "--out") -> InputError | None:
    """Why ``diparchive export`` may not write its files into ``folder`` (None if it may): a
    missing or empty folder, or one holding the archive's open data already (a site or an
    earlier export), apart from the project's root and its transcripts."""
    problem = output_problem(project, folder, setting)
    if problem is not None:
        return problem
    shown = display_path(folder, project.root)
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        return InputError(setting, "value", "a folder for the open data", f"{shown!r}, a link or a file")
    entries = _entries(folder)
    if not entries or (folder / "data" / "downloads.json").is_file():
        return None
    return InputError(setting, "value", "a folder that is missing, empty or holds the archive's open data already", f"{shown!r}, which holds {len(entries)} entries of something else")


def index_site_problem(project, folder: Path, setting: str = "--site") -> InputError | None:
    """Why ``diparchive index`` may not index ``folder`` (None if it may): only a site the build
    made, which the indexed copy replaces whole."""
    problem = output_problem(project, folder, setting)
    if problem is not None:
        return problem
    if not is_built_site(folder):
        shown = display_path(folder, project.root)
        return InputError(setting, "value", "a site built by 'mkdocs build' (it holds .diparchive-site)", f"{shown!r}, which is not one")
    return None
