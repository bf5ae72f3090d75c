"""Generated pages keyed by their path under docs/, each with what made it.

Pelican's writer refuses to write one output file twice; here the pages are gathered before any is
written, so the same rule is kept where they are gathered: a path asked for a second time (two
event series whose names make one slug, a person whose id is ``index``) is a collision naming
both sources, and the build stops with a message instead of one page silently replacing another.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from diparchive.infra.errors import InputError
from diparchive.ingest.sidecar import load_yaml


@dataclass(frozen=True)
class Origin:
    """What a page was made from: the build itself, or a name in one input file."""

    what: str
    """How a message names it: 'the list of people', "the event series 'OSCE Ministerial Council'"."""
    file: str = ""
    """The input that named it: a registry's name under transcripts/ or a sidecar's full path."""
    key: str = ""
    """Where in that file, as a YAML key path, for the line: 'index', '[17].id', 'venue.series'."""
    where: str = ""
    """How a message names that place: "entry 'index'", "theme 18, field 'id'", "field 'venue.series'"."""
    value: str = ""
    """What the curator wrote there that made the page's path."""


@dataclass(frozen=True)
class Collision:
    path: str
    first: Origin
    second: Origin


class Collisions(Exception):
    """Two sources asked for one output path."""

    def __init__(self, collisions: list[Collision]):
        self.collisions = collisions
        super().__init__("; ".join(f"{c.path}: {c.first.what} and {c.second.what}" for c in collisions))


class Pages(dict):
    """``{path under docs/: page}`` that keeps each page's origin and refuses a path twice."""

    def __init__(self) -> None:
        super().__init__()
        self.origins: dict[str, Origin] = {}
        self.collisions: list[Collision] = []

    def add(self, path: str, page, origin: Origin) -> None:
        if path in self:
            self.collisions.append(Collision(path, self.origins[path], origin))
            return
        self[path] = page
        self.origins[path] = origin

    def merge(self, other: "Pages") -> None:
        self.collisions += other.collisions
        for path, page in other.items():
            self.add(path, page, other.origins[path])

    def check(self) -> None:
        if self.collisions:
            raise Collisions(self.collisions)


def as_error(collision: Collision, transcripts: Path, shown) -> InputError:
    """The message for a collision, at the input that asked for the path (the later one when
    both did), naming the other source; ``shown`` displays a path as the user types it."""
    first, second = collision.first, collision.second
    blamed, other = (second, first) if second.file or not first.file else (first, second)
    if not blamed.file:  # two pages of the build's own: a fault of the build, still named
        return InputError(f"docs/{collision.path}", "", "one page per path", f"{first.what} and {second.what}")
    path = transcripts / blamed.file
    try:
        line = load_yaml(path, shown(path))[1].get(blamed.key)
    except InputError:
        line = None
    where = blamed.where + (f" (line {line})" if line else "")
    also = other.what + (f" ({shown(transcripts / other.file)})" if other.file else "")
    return InputError(shown(path), where, "a name whose page is its own", f"{blamed.value!r}, whose page {collision.path} is also that of {also}")
