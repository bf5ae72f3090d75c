"""One build of a project at a time, and temporary names no other process uses.

A build holds ``.cache/diparchive/build.lock`` (``fcntl.flock``) from before it reads ``docs/``
until it has switched its new generation in: ``diparchive build``, ``diparchive index`` and each
site build under ``mkdocs build`` or ``mkdocs serve`` (the hooks). A second build waits for the
first, saying so after a moment, or, with ``DIPARCHIVE_LOCK_TIMEOUT`` seconds set, refuses once
they have passed. The operating system drops the lock when its process dies, killed or not, so a
stale lock never blocks a build. The lock is re-entrant within a process (the hooks hold it
while ``mkdocs serve`` rebuilds ``docs/``).
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import math
import os
import re
import secrets
import threading
import time
from pathlib import Path

from diparchive.infra.errors import BuildFailed, InputError, display_path, os_error

log = logging.getLogger(__name__)

LOCK_FILE = Path(".cache") / "diparchive" / "build.lock"
"""Relative to the project's root."""

MESSAGE_AFTER = 1.0
"""Seconds a build waits quietly for another before it says why it is waiting."""

_held: dict[Path, tuple[int, int]] = {}  # lock path -> (descriptor, depth) in this process
_guard = threading.Lock()


def _forget_in_child() -> None:
    """A forked worker (a process pool's) must not keep the lock alive after its parent dies:
    it closes its copy of the descriptor, so that only the build itself holds the lock."""
    global _guard
    _guard = threading.Lock()
    for fd, _ in _held.values():
        try:
            os.close(fd)
        except OSError:
            pass
    _held.clear()


os.register_at_fork(after_in_child=_forget_in_child)


def unique_suffix() -> str:
    """A suffix for a temporary name that no other process, and no other call, will choose:
    this process's id (so that a sweep can tell a dead writer's leftovers) and random bits."""
    return f"p{os.getpid()}-{secrets.token_hex(4)}"


_SUFFIX = re.compile(r"p(\d+)-[0-9a-f]{8}")


def writer_alive(name: str) -> bool:
    """Whether the process whose ``unique_suffix`` is in ``name`` still runs (not known: yes)."""
    found = _SUFFIX.findall(name)
    if not found:
        return True
    try:
        os.kill(int(found[-1]), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def _holder(path: Path) -> str:
    try:
        pid = path.read_text("ascii").strip()
    except OSError:
        pid = ""
    return f"process {pid}" if pid.isdigit() else "another process"


@contextlib.contextmanager
def build_lock(root: Path, timeout: float | None = None):
    """Hold the project's build lock for the block. ``timeout`` (seconds; default: wait as long
    as it takes) bounds the wait: the ``lock_timeout`` setting (``timeout_from``)."""
    path = (root / LOCK_FILE).resolve()
    with _guard:
        if path in _held:
            fd, depth = _held[path]
            _held[path] = (fd, depth + 1)
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield
        finally:
            with _guard:
                fd, depth = _held[path]
                _held[path] = (fd, depth - 1)
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:  # a read-only project or .cache/: one line naming the folder
        raise BuildFailed([os_error(exc, root)]) from None
    try:
        _acquire(fd, path, root, timeout)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        with _guard:
            _held[path] = (fd, 1)
        try:
            yield
        finally:
            with _guard:
                del _held[path]
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def timeout_from(settings) -> float | None:
    """The ``lock_timeout`` setting (``DIPARCHIVE_LOCK_TIMEOUT``) from ``settings``: seconds, 0 or
    more (``None``, unset or empty: wait as long as it takes); anything else is refused like bad
    input."""
    value = str(settings.get("DIPARCHIVE_LOCK_TIMEOUT", ""))
    if not value.strip():
        return None
    try:
        seconds = float(value)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds >= 0):
        raise BuildFailed([InputError(
            "DIPARCHIVE_LOCK_TIMEOUT", "", "a number of seconds, 0 or more, to wait for another build (or unset: wait as long as it takes)",
            repr(value),
        )])
    return seconds


def _acquire(fd: int, path: Path, root: Path, timeout: float | None) -> None:
    started = time.monotonic()
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if told:
                log.info("the other build has finished; going on")
            return
        except BlockingIOError:
            pass
        waited = time.monotonic() - started
        if timeout is not None and waited >= timeout:
            raise BuildFailed([InputError(
                display_path(path, root), "",
                "no other build of this archive running",
                f"{_holder(path)} building it still after {timeout:g} s (DIPARCHIVE_LOCK_TIMEOUT); try again when it has finished",
            )])
        if waited >= MESSAGE_AFTER and not told:
            log.warning("another build of this archive is running (%s holds %s); waiting for it to finish", _holder(path), path.name)
            told = True
        time.sleep(0.05)
