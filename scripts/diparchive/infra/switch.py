"""Switch a new generation in as one step, so that a build stopped at any moment (killed,
interrupted, out of memory) leaves the old generation or the new one, never a mixture.

``docs/`` holds generated pages beside hand-written ones (``about/index.md``, ``overrides/``,
``assets/``), so it cannot be swapped whole. Its generated pages switch through a journal:

1. stage:  every page whose bytes change is written under ``docs/.diparchive-next-<pid>-<random>/pages/``
   (MkDocs and git ignore dot-directories); nothing the archive shows has changed.
2. commit: the list of pages to move in and of pages to delete is written beside them as
   ``journal.json`` (written under a temporary name, flushed to disk, renamed): that rename is
   the one step at which the new generation becomes the archive.
3. apply:  each staged page is renamed over its target (new pages first), stale pages deleted.
4. clean:  the staging directory and its journal are removed.

``recover()`` runs before anything else reads or writes ``docs/`` (every ``diparchive build``,
every site build): a staging directory with a journal is finished (step 3 is idempotent, so a
build killed while recovering is recovered again), one without is removed (the build never
committed: the old generation stands).

A whole directory that is all generated (a site, the search index) is built under a sibling
name and put in place with ``replace_dir``: Linux's ``renameat2(RENAME_EXCHANGE)`` swaps the two
names in one step; elsewhere two renames leave a moment with no directory at that name.
"""

from __future__ import annotations

import ctypes
import errno
import json
import logging
import os
import shutil
from pathlib import Path

from diparchive.infra.lock import unique_suffix, writer_alive

log = logging.getLogger(__name__)

STAGING = ".diparchive-next-"
"""Prefix of the staging directories under docs/."""

JOURNAL = "journal.json"
DONE = ".done"


def checkpoint(point: str) -> None:
    """A named step of a switch ('stage', 'commit', 'committed', 'apply', 'delete', 'done',
    'replace', 'replaced'): does nothing. The tests put a fault here (``tests/faults.py`` kills
    the process the n-th time it reaches a point, as an out-of-memory killer would) to show that
    every step leaves the old generation or the new one."""


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Generation:
    """The generated pages that change, staged beside docs/'s current ones until ``switch``."""

    def __init__(self, docs: Path):
        self.docs = docs
        self.staging = docs / f"{STAGING}{unique_suffix()}"
        self.moves: list[str] = []

    def stage(self, path: str, data: bytes) -> None:
        target = self.staging / "pages" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.moves.append(path)
        checkpoint("stage")

    def switch(self, deleted: list[str]) -> None:
        """Commit and apply: from here on the new generation is the archive."""
        if not self.moves and not deleted:
            self.discard()
            return
        self.staging.mkdir(parents=True, exist_ok=True)
        # New pages first, then changed ones: a page that links to a new one never comes first.
        moves = sorted(self.moves, key=lambda path: (self.docs / path).exists())
        temporary = self.staging / f"{JOURNAL}.tmp"
        with temporary.open("w", encoding="utf-8") as handle:
            json.dump({"move": moves, "delete": sorted(deleted)}, handle)
            handle.flush()
            os.fsync(handle.fileno())
        checkpoint("commit")
        os.replace(temporary, self.staging / JOURNAL)  # the commit
        _fsync(self.staging)
        checkpoint("committed")
        _apply(self.docs, self.staging)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def _apply(docs: Path, staging: Path) -> int:
    journal = json.loads((staging / JOURNAL).read_text("utf-8"))
    moved = 0
    for path in journal["move"]:
        source = staging / "pages" / path
        if source.is_file():  # else moved in before the interruption
            target = docs / path
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
            moved += 1
            checkpoint("apply")
    for path in journal["delete"]:
        (docs / path).unlink(missing_ok=True)
        checkpoint("delete")
    done = staging.with_name(staging.name + DONE)
    os.rename(staging, done)  # the switch is complete: a kill from here leaves only litter
    checkpoint("done")
    shutil.rmtree(done)
    return moved + len(journal["delete"])


def recover(docs: Path) -> int:
    """Finish or undo what an interrupted build left in ``docs/``; return how many stagings."""
    found = 0
    if not docs.is_dir():
        return 0
    for staging in sorted(docs.glob(f"{STAGING}*")):
        if not staging.is_dir():
            continue
        if staging.name.endswith(DONE):
            shutil.rmtree(staging, ignore_errors=True)
            continue
        found += 1
        if (staging / JOURNAL).is_file():
            changed = _apply(docs, staging)
            log.warning("finished switching in the pages an interrupted build had committed (%d files changed in %s)", changed, docs.name)
        else:
            shutil.rmtree(staging)
            log.warning("removed the unfinished pages of an interrupted build: %s keeps the previous generation", docs.name)
    return found


# --------------------------------------------------------------------------- whole directories

RENAME_EXCHANGE = 2
AT_FDCWD = -100


def _renameat2():
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return function


_RENAMEAT2 = _renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Swap the names of two directories in one step; False where the system cannot."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def sibling(target: Path, kind: str) -> Path:
    """A name beside ``target`` for a new or old copy of it, this process's own."""
    return target.parent / f".{target.name}.diparchive-{kind}-{unique_suffix()}"


def replace_dir(fresh: Path, target: Path) -> None:
    """Put the directory ``fresh`` in ``target``'s place, then delete the old one."""
    if not target.exists():
        os.rename(fresh, target)
        return
    checkpoint("replace")
    if exchange(fresh, target):
        checkpoint("replaced")
        shutil.rmtree(fresh)  # now the old one
        return
    old = sibling(target, "old")
    os.rename(target, old)
    os.rename(fresh, target)
    shutil.rmtree(old)


def sweep(target: Path) -> None:
    """Delete what interrupted processes left beside ``target`` (their new or old copies)."""
    if not target.parent.is_dir():
        return
    # Also the copies made beside a copy (the index stage writes beside the new site, which is
    # itself a sibling of ``target``): their names have a dot more.
    prefix = f"{target.name}.diparchive-"
    for leftover in target.parent.iterdir():
        if not (leftover.name.startswith(".") and leftover.name.lstrip(".").startswith(prefix)):
            continue
        if not writer_alive(leftover.name):
            shutil.rmtree(leftover, ignore_errors=True) if leftover.is_dir() else leftover.unlink(missing_ok=True)


def clone_dir(source: Path, target: Path) -> None:
    """A copy of ``source`` made of hard links (instant, no space), to change and swap in: the
    build never changes a file of a built site in place, it writes new files."""
    try:
        shutil.copytree(source, target, copy_function=os.link, symlinks=True)
    except shutil.Error:
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target, symlinks=True)
