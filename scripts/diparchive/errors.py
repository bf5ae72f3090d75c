"""Errors that name the file, the line or field, what was expected and what was found.

Modelled on MkDocs' config errors: every problem of a build is collected first, each is
printed, and the build aborts once (``BuildFailed``) before anything is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

LINE = re.compile(r"\bline (\d+)")


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
        location = f"{self.file}, {self.where}" if self.where else self.file
        return f"{location}: expected {self.expected}; found {self.found}"


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
    """Quote a piece of input for an error message, cut to ``limit`` characters."""
    text = text.replace("\n", "\\n")
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
