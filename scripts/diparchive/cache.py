"""The normalise stage's cache: a transcript read, cleaned, segmented and tagged is kept under a
key of everything it depends on (its source and sidecar bytes, the registries, the build's own
code), so that a rebuild processes only what changed. Kept in ``.cache/diparchive/`` (ignored by
git); deleting it is always safe."""

from __future__ import annotations

import hashlib
import pickle
from functools import lru_cache
from pathlib import Path

from .lock import unique_suffix, writer_alive
from .model import Transcript

PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def code_key() -> str:
    """A digest of the build's code and templates: a change to either invalidates every entry."""
    digest = hashlib.sha256()
    for path in sorted([*PACKAGE.glob("*.py"), *PACKAGE.glob("templates/*")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class Cache:
    def __init__(self, directory: Path | None, registries: list[Path], read_only: bool = False):
        self.directory = directory
        self.read_only = read_only  # entries are read but never stored (``build --check``)
        digest = hashlib.sha256(code_key().encode())
        for path in registries:
            digest.update(path.name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b""))
        self.base = digest.hexdigest()

    def key(self, text_path: Path, sidecar_path: Path) -> str:
        digest = hashlib.sha256(self.base.encode())
        for path in (text_path, sidecar_path):
            digest.update(str(path).encode() + b"\0" + path.read_bytes())
        return digest.hexdigest()

    def get(self, key: str) -> Transcript | None:
        if self.directory is None:
            return None
        path = self.directory / f"{key}.pickle"
        try:
            with path.open("rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            return None

    def get_page(self, key: str) -> str | None:
        """The transcript's rendered page, kept beside it: it depends on nothing the key does not."""
        if self.directory is None:
            return None
        try:
            return (self.directory / f"{key}.md").read_text("utf-8")
        except OSError:
            return None

    def put_page(self, key: str, text: str) -> None:
        self._store(f"{key}.md", text.encode("utf-8"))

    def put(self, key: str, transcript: Transcript) -> None:
        self._store(f"{key}.pickle", pickle.dumps(transcript, protocol=pickle.HIGHEST_PROTOCOL))

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
        """Delete the temporary files of writers that died before renaming them."""
        if self.directory is None or not self.directory.is_dir():
            return
        for leftover in self.directory.glob(".*.tmp"):
            if not writer_alive(leftover.name):
                leftover.unlink(missing_ok=True)
