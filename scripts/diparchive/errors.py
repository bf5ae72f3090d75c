"""Errors that name the file, the line or field, what was expected and what was found.

Modelled on MkDocs' config errors: every problem of a build is collected first, each is
printed, and the build aborts once (``BuildFailed``) before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
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
        self.errors = sorted(errors, key=lambda e: (e.file, e.where, e.expected))
        noun = "error" if len(self.errors) == 1 else "errors"
        lines = [f"Aborted with {len(self.errors)} {noun}; nothing was written:"]
        lines += [f"  {error}" for error in self.errors]
        super().__init__("\n".join(lines))


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
