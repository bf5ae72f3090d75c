"""The normalise stage's cache: a transcript read, cleaned, segmented and tagged is kept under a
key of everything it depends on (its source and sidecar bytes, the registries, the build's own
code), so that a rebuild processes only what changed. Kept in ``.cache/diparchive/`` (ignored by
git); deleting it is always safe.

The cache is data, never code, and never trusted: an entry is JSON (``codec.py``), not a pickle,
so reading one runs nothing; it states the format, its key, the code it was made by and the
SHA-256 of each input, and every one is checked against the inputs on disk before the entry is
used; a value of the wrong type anywhere in it is refused. An entry that does not parse or does
not match is dropped and the transcript is processed afresh. Nothing from the cache reaches a
page but through the same rendering as fresh input: no rendered page is cached.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from diparchive.infra.codec import Malformed, decode, encode
from diparchive.infra.lock import unique_suffix, writer_alive
from diparchive.model import Transcript

log = logging.getLogger(__name__)

PACKAGE = Path(__file__).resolve().parent.parent

FORMAT = "diparchive-cache/2"
"""What an entry declares itself to be; an entry of another format is dropped."""

SUFFIX = ".json"


_held: dict[tuple[str, str], Transcript] | None = None
"""Within ``held()``: every transcript read or stored, by (cache folder, key)."""


@contextmanager
def held() -> Iterator[None]:
    """Keep every transcript read from the cache, or stored in it, in memory until the block
    ends: for a command that goes through the archive several times in one process
    (``diparchive update``: docs/, then the open data and the search index), each entry is read
    and checked once. Outside such a block, a stage that goes through a large archive holds one
    transcript at a time (``pipeline.Stored``)."""
    global _held
    previous, _held = _held, {}
    try:
        yield
    finally:
        _held = previous


@lru_cache(maxsize=1)
def code_key() -> str:
    """A digest of the build's code and templates: a change to either invalidates every entry."""
    digest = hashlib.sha256()
    for path in sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Inputs:
    """What one transcript is made from, as an entry must state it."""

    key: str
    files: tuple[tuple[str, str], ...]
    """(path relative to transcripts/, SHA-256 of its bytes) of the capture and the sidecar."""


class Cache:
    def __init__(self, directory: Path | None, registries: list[Path], read_only: bool = False, root: Path | None = None):
        self.directory = directory
        self.read_only = read_only  # entries are read but never stored (``build --check``)
        self.root = root  # inputs are keyed by their path under it: the same key in any clone
        digest = hashlib.sha256(code_key().encode())
        for path in registries:
            digest.update(path.name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b""))
        self.base = digest.hexdigest()
        self._inputs: dict[str, Inputs] = {}

    def _name(self, path: Path) -> str:
        if self.root is not None:
            try:
                return path.relative_to(self.root).as_posix()
            except ValueError:
                pass
        return path.as_posix()

    def key(self, text_path: Path, sidecar_path: Path) -> str:
        digest = hashlib.sha256(self.base.encode())
        files = []
        for path in (text_path, sidecar_path):
            data = path.read_bytes()
            name = self._name(path)
            files.append((name, hashlib.sha256(data).hexdigest()))
            digest.update(name.encode() + b"\0" + data)
        key = digest.hexdigest()
        self._inputs[key] = Inputs(key, tuple(files))
        return key

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}{SUFFIX}"

    def get(self, key: str) -> Transcript | None:
        """The entry under ``key``, if it is one this code wrote for these very inputs."""
        if self.directory is None:
            return None
        if _held is not None and (str(self.directory), key) in _held:
            return _held[str(self.directory), key]  # the key is a digest of the very inputs
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            transcript = self._check(key, json.loads(data))
            if _held is not None:
                _held[str(self.directory), key] = transcript
            return transcript
        except (ValueError, Malformed, RecursionError) as problem:  # json's errors are ValueErrors
            log.warning("dropped the cache entry %s, which does not match its inputs (%s): it is built afresh", path.name, str(problem)[:120])
            if not self.read_only:
                path.unlink(missing_ok=True)
            return None

    def _check(self, key: str, entry) -> Transcript:
        if not isinstance(entry, dict):
            raise Malformed("not a mapping")
        if entry.get("format") != FORMAT or entry.get("key") != key or entry.get("code") != code_key():
            raise Malformed("another format, key or code")
        known = self._inputs.get(key)
        if known is not None and decode(entry.get("inputs"), tuple[tuple[str, str], ...]) != known.files:
            raise Malformed("other inputs")
        transcript = decode(entry.get("transcript"), Transcript)
        if known is None:
            return transcript
        if transcript.source.sha256 != known.files[0][1]:
            raise Malformed("another capture")
        # The entry may come from a copy of the project elsewhere: its files are these.
        text_path, sidecar_path = (self._path_of(name) for name, _ in known.files)
        return replace(transcript, meta=replace(transcript.meta, path=sidecar_path), source=replace(transcript.source, path=text_path))

    def _path_of(self, name: str) -> Path:
        return self.root / name if self.root is not None else Path(name)

    def inputs(self, key: str) -> Inputs | None:
        """What the transcript under ``key`` was made from, as ``key`` read it."""
        return self._inputs.get(key)

    def put(self, key: str, transcript: Transcript, inputs: Inputs | None = None) -> None:
        """Store ``transcript`` under ``key``, stating ``inputs`` (by default, what ``key`` read)."""
        known = inputs or self._inputs.get(key)
        if _held is not None and self.directory is not None and not self.read_only:
            _held[str(self.directory), key] = transcript
        entry = {
            "format": FORMAT,
            "key": key,
            "code": code_key(),
            "inputs": encode(known.files if known else (), tuple[tuple[str, str], ...]),
            "transcript": encode(transcript, Transcript),
        }
        self._store(f"{key}{SUFFIX}", json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))

    def _store(self, name: str, data: bytes) -> None:
        """Write an entry whole or not at all (a build stopped midway leaves no half entry)."""
        if self.directory is None or self.read_only:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        temporary = self.directory / f".{name}.{unique_suffix()}.tmp"  # two builds never share one
        try:
            temporary.write_bytes(data)
            temporary.replace(self.directory / name)
        finally:
            temporary.unlink(missing_ok=True)

    def sweep(self) -> None:
        """Delete the temporary files of writers that died before renaming them, and entries of
        the formats this code no longer reads (a pickle is never opened: it is only deleted)."""
        if self.directory is None or not self.directory.is_dir():
            return
        for leftover in self.directory.glob(".*.tmp"):
            if not writer_alive(leftover.name):
                leftover.unlink(missing_ok=True)
        if not self.read_only:
            for old in [*self.directory.glob("*.pickle"), *self.directory.glob("*.md")]:
                old.unlink(missing_ok=True)


PAGES = "rendered-pages.record"
"""In the cache's folder, beside the entries (JSON, named apart from them): which inputs each
transcript's page under docs/ was rendered from."""

PAGES_FORMAT = "diparchive-pages/1"


class RenderedPages:
    """What each transcript's page under docs/ was rendered from: the transcript's cache key
    (its capture, sidecar and registries, and the build's code) and whatever else the page
    depends on, with the SHA-256 of the page. A page whose inputs are those recorded, and whose
    file under docs/ still has the recorded bytes, is that file: it need not be rendered again.
    The record is data, checked like an entry (its format, the code that wrote it, the type of
    every value); one that does not match is ignored, and every page is rendered."""

    def __init__(self, directory: Path | None, read_only: bool = False):
        self.path = directory / PAGES if directory is not None else None
        self.read_only = read_only
        self.recorded: dict[str, tuple[str, str]] = {}
        if self.path is None or not self.path.is_file():
            return
        try:
            data = json.loads(self.path.read_bytes())
            if not isinstance(data, dict) or data.get("format") != PAGES_FORMAT or data.get("code") != code_key():
                raise Malformed("another format or code")
            self.recorded = dict(decode(data.get("pages"), dict[str, tuple[str, str]]))
        except (OSError, ValueError, Malformed, RecursionError):
            self.recorded = {}

    def unchanged(self, docs: Path, path: str, inputs: str) -> str | None:
        """The text of the page at ``path`` under ``docs`` if it was rendered from ``inputs`` and
        is as it was written; None if it must be rendered."""
        recorded = self.recorded.get(path)
        if recorded is None or recorded[0] != inputs:
            return None
        target = docs / path
        if target.is_symlink() or not target.is_file():
            return None
        data = target.read_bytes()
        if hashlib.sha256(data).hexdigest() != recorded[1]:
            return None
        return data.decode("utf-8")

    def record(self, pages: dict[str, tuple[str, str]]) -> None:
        """Replace the record with ``pages``: {path: (inputs, SHA-256 of the page's text)}."""
        if self.path is None or self.read_only:
            return
        entry = {"format": PAGES_FORMAT, "code": code_key(), "pages": encode(dict(sorted(pages.items())), dict[str, tuple[str, str]])}
        Cache(self.path.parent, [])._store(PAGES, json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
