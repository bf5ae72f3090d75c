"""Errors that name the file, the line or field, what was expected and what was found.

Modelled on MkDocs' config errors: every problem of a build is collected first, each is
printed, and the build aborts once (``BuildFailed``) before anything is written.
"""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass
from pathlib import Path

LINE = re.compile(r"\bline (\d+)")

CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Characters a terminal acts on or that reorder or break the text around them: C0 (new lines and
tabs too: a message is one line), DEL, C1, the line and paragraph separators and the bidi
controls (U+202E would show a file name reversed)."""

SHORT_ESCAPES = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}


def escape_controls(text: str) -> str:
    """``text`` with each character of ``CONTROLS`` written as its escape (``\\n``, ``\\x1b``,
    ``\\u202e``): printed, it can neither retitle nor clear a terminal, nor disguise a name."""
    def escaped(match: re.Match) -> str:
        code = ord(match.group())
        return SHORT_ESCAPES.get(code) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")

    return CONTROLS.sub(escaped, text)


@dataclass(eq=False)  # not frozen: Python sets an exception's __traceback__ as it travels
class InputError(Exception):
    """One problem with one input file.

    ``where`` is ``"line 12"`` or ``"field 'venue.city'"``; ``expected`` and ``found`` say
    what the build wanted there and what it saw.
    """

    file: str
    where: str
    expected: str
    found: str

    def __str__(self) -> str:
        """One line, every part of it with its control characters escaped (``escape_controls``):
        a file name or a value from a source is shown, never acted on by the terminal."""
        file, where, expected, found = (escape_controls(str(part)) for part in (self.file, self.where, self.expected, self.found))
        location = f"{file}, {where}" if where else file
        return f"{location}: expected {expected}; found {found}"


class BuildFailed(Exception):
    """The build stopped before writing anything; ``errors`` says why."""

    def __init__(self, errors: list[InputError]):
        self.errors = sorted(errors, key=order)
        noun = "error" if len(self.errors) == 1 else "errors"
        lines = [f"Aborted with {len(self.errors)} {noun}; nothing was written:"]
        lines += [f"  {error}" for error in self.errors]
        super().__init__("\n".join(lines))


def order(error: InputError) -> tuple:
    """Errors are listed by file, then by line (a file's own problems, with no line, first)."""
    line = LINE.search(error.where)
    return (error.file, int(line.group(1)) if line else 0, error.where, error.expected, error.found)


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as a user would type it: relative to ``root`` when inside it."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def shorten(text: str, limit: int = 60) -> str:
    """Quote a piece of input for an error message, cut to ``limit`` characters (``repr`` writes a
    line break or another control character as an escape, once)."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)


def quote(value: object, limit: int = 60) -> str:
    """A value for a message: text quoted as ``shorten`` does, a list or mapping as written in
    Python (``['Kiev']``), cut to ``limit`` characters."""
    if isinstance(value, str):
        return shorten(value, limit)
    text = str(value).replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"


WRITE_DENIED = {errno.EROFS, errno.EACCES, errno.EPERM}

EXPECTED_BY_ERRNO = {
    errno.ENOENT: "a file or folder that exists",
    errno.EISDIR: "a file, not a directory",
    errno.ENOTDIR: "a directory",
    errno.ENAMETOOLONG: "a shorter name",
    errno.ELOOP: "a link that leads to a file",
    errno.ENOSPC: "room on the disk",
    errno.EDQUOT: "room within the disk quota",
    errno.EBUSY: "a file or folder no other program holds",
}


def os_error(error: OSError, root: Path | None = None) -> InputError:
    """An operating system's refusal (a read-only or full disk, a folder it may not write to, a
    name too long) as one line naming the file or folder: a read-only file system or a refused
    permission names the folder that cannot be written (the file's own, when the file is not
    there yet)."""
    name = error.filename if error.filename is not None else error.filename2
    found = error.strerror or str(error)
    if name is None:
        return InputError("diparchive", "", "files and folders it can read and write", found)
    path = Path(os.fsdecode(name))

    def shown(path: Path) -> str:
        text = display_path(path, root)
        return path.as_posix() if text == "." else text  # the project's own folder, by its name

    if error.errno in WRITE_DENIED:
        if error.errno == errno.EROFS or not os.path.lexists(path) or path.is_dir():
            folder = path if path.is_dir() and not path.is_symlink() else path.parent
            return InputError(shown(folder), "", "a folder diparchive can write in", found)
        return InputError(shown(path), "", "a file diparchive can read and write", found)
    return InputError(shown(path), "", EXPECTED_BY_ERRNO.get(error.errno, "a file or folder diparchive can use"), found)
