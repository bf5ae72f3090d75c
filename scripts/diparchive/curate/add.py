"""``diparchive add CAPTURE``: file a new capture under transcripts/ with a drafted sidecar.

The capture is copied byte for byte under a proposed slug (its date and the first words of its
title); the sidecar drafted from what the capture states (``draft.py``) is written beside it, each
drafted field listed under ``draft`` for review. The people its labels name who are not yet in
``people.yml`` are printed as entries to add, and so is everything that could not be determined.

All or nothing: the capture is read once (a regular file of at most ``read.MAX_CAPTURE_BYTES``),
the sidecar's text is drafted in full, then both are written under temporary names inside
transcripts/ and linked in under their own names, which must not exist, not even as a symbolic
link (``os.link`` never replaces a name, nor follows a link there). If the second cannot be
linked the first is taken back, so a refusal at any point leaves transcripts/ as it was.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import re
import sys
from pathlib import Path

from diparchive.curate.draft import draft, people_text, sidecar_text, slugify
from diparchive.infra.errors import InputError, escape_controls, os_error
from diparchive.infra.lock import unique_suffix
from diparchive.ingest.people import Registry, read_people
from diparchive.ingest.read import FORMS, MAX_CAPTURE_BYTES, check_regular, read_input, source_text
from diparchive.ingest.sidecar import SLUG

log = logging.getLogger(__name__)

MAX_SLUG = 120
"""The longest slug ``add`` files a capture under, in characters. A slug names the capture, its
sidecar and its page (``docs/transcripts/<slug>.md``) and their temporary names, which must stay
within a file system's 255 bytes a name; a proposed slug is cut at a hyphen to fit."""

NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK}
"""What ``os.link`` says on a file system without hard links (FAT, some network shares)."""

LINE_BREAK_IN = re.compile(r"(?P<field>[\w.\[\]]+): expected (?P<expected>.+?); found (?P<found>.+)", re.DOTALL)
"""The message with which the sidecar's writer refuses a value it cannot write (a line break in
an address): ``<field>: expected …; found …``."""


def add(project, capture: Path, slug: str | None = None, today: dt.date | None = None) -> int:
    shown = str(capture)
    if slug is not None:
        check_slug(slug)
    raw = read_input(capture, shown, "a capture file (.txt, .md or .html)", MAX_CAPTURE_BYTES)
    if capture.suffix not in FORMS:
        raise InputError(shown, "file name", "a capture ending in " + ", ".join(FORMS), repr(capture.name))
    source = source_text(capture, raw, shown)
    folder = project.transcripts
    if not folder.is_dir():
        raise InputError(project.shown(folder), "", "a directory of transcripts", "no such directory")
    people_path = folder / "people.yml"
    check_regular(people_path, project.shown(people_path), "a YAML registry file")
    registry = Registry(read_people(people_path, project.shown(people_path)))
    d = draft(source, registry, capture.name)
    if slug is None:
        date = d.values.get("date", "")
        title = d.values.get("title") or capture.stem
        slug = "-".join(part for part in (date if len(date) == 10 else "", slugify(title)) if part)
        if len(slug) > MAX_SLUG:
            cut = slug.rfind("-", 0, MAX_SLUG + 1)
            slug = slug[: cut if cut > 0 else MAX_SLUG]
    check_slug(slug)
    target = folder / f"{slug}{capture.suffix}"
    sidecar = target.with_suffix(".yml")
    for path in (sidecar, *(target.with_suffix(s) for s in FORMS)):
        refuse_taken(project, path)
    added = (today or dt.date.today()).isoformat()
    try:
        text = sidecar_text(d, capture.name, added)
    except ValueError as error:  # a value the capture states that no sidecar can hold as it is
        problem = LINE_BREAK_IN.fullmatch(str(error))
        if problem is None:
            raise
        raise InputError(shown, f"the drafted {problem['field']}", problem["expected"], problem["found"]) from None
    file_in(project, [(target, raw), (sidecar, text.encode("utf-8"))])
    log.info("added %s and drafted %s (%d fields to review)", project.shown(target), project.shown(sidecar), len(d.values))
    people = people_text(d)
    if people:
        sys.stdout.write(f"# New people to add to {project.shown(project.transcripts / 'people.yml')} (names as printed):\n{people}")
    to_write = [f"{path}: to write" for path in ("summary", "venue.event") if path not in d.values]
    for problem in d.missing + to_write:
        log.warning("%s: could not determine %s", project.shown(sidecar), escape_controls(problem))
    return 0


def check_slug(slug: str) -> None:
    """Refuse a slug that is not lowercase letters, digits and hyphens, or longer than ``MAX_SLUG``."""
    if not SLUG.fullmatch(slug):
        raise InputError("--slug", "", "a slug of lowercase letters, digits and hyphens", repr(slug))
    if len(slug) > MAX_SLUG:
        raise InputError("--slug", "", f"a slug of at most {MAX_SLUG} characters", f"{len(slug)} characters")


def _shown_name(project, path: Path) -> str:
    """A destination as the user would type it, never where a link there leads."""
    return f"{project.shown(path.parent)}/{path.name}"


def refuse_taken(project, path: Path) -> None:
    """Refuse a destination that exists, as a file, a folder or a link (dangling or not)."""
    if path.is_symlink():
        raise InputError(
            _shown_name(project, path), "", "a slug no capture uses yet (give one with --slug)",
            f"a symbolic link to {os.readlink(path)!r} (add writes through no link)",
        )
    if os.path.lexists(path):
        raise InputError(_shown_name(project, path), "", "a slug no capture uses yet (give one with --slug)", "the file exists")


def file_in(project, files: list[tuple[Path, bytes]]) -> None:
    """Write each (path, bytes) under a temporary name beside it, then link all of them in, or
    none: a name taken meanwhile, or a folder that cannot be written, undoes what was linked."""
    staged: list[Path] = []
    linked: list[Path] = []
    try:
        for path, data in files:
            temporary = path.parent / f".{path.name}.{unique_suffix()}.tmp"
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
            staged.append(temporary)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
                os.fsync(fd)
            finally:
                os.close(fd)
        for temporary, (path, _) in zip(staged, files):
            try:
                os.link(temporary, path, follow_symlinks=False)  # never replaces: EEXIST if taken
            except FileExistsError:
                refuse_taken(project, path)  # says what took it
                raise
            except OSError as error:
                if error.errno not in NO_HARD_LINKS:
                    raise
                refuse_taken(project, path)  # a file system without hard links: look, then rename
                os.rename(temporary, path)
            linked.append(path)
    except OSError as error:
        for path in linked:
            path.unlink()
        raise os_error(error, project.root) from None
    except BaseException:
        for path in linked:
            path.unlink()
        raise
    finally:
        for temporary in staged:
            temporary.unlink(missing_ok=True)
