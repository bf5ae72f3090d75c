"""Bulk data: the open data too large to be served file by file from a static host.

The site keeps what a reader opens one at a time (each transcript's page and citations, the
schema, the totals per year); the *bulk files* are what describes the whole archive, and every
transcript's text in the other forms, in one file each:

- ``corpus.jsonl`` and ``corpus.csv``: every paragraph (``exports.PARAGRAPH_FIELDS``);
- ``catalogue.json``: every transcript's metadata and files (23 MB at the UN debates' size, 2.4 %
  of what GitHub Pages takes, and no page reads it);
- ``transcripts-json.zip``, ``transcripts-txt.zip`` and ``transcripts-md.zip``: each transcript
  as JSON (its metadata and every paragraph), as plain text and as Markdown, ``<id>.json`` /
  ``<id>.txt`` / ``<id>.md`` inside (a zip, not a tarball, so that one transcript can be taken
  out without reading the others, and every system opens it). The site holds each transcript's
  text once, as its page: a second copy per transcript in the site made the UN debates' site
  1.3 GB even with the corpus in a release (their JSON alone was 319 MB).

Where they go is the build's choice (``BulkOptions``, from the plugin's options ``bulk``,
``release_url`` and ``release_dir``, set in mkdocs.yml or, through it, by these variables):

- ``DIPARCHIVE_BULK=site`` (the default): into the site's ``data/``, uncompressed, as
  a static host compresses what it sends anyway.
- ``DIPARCHIVE_BULK=release``: into a directory outside the site (``DIPARCHIVE_RELEASE_DIR``,
  by default ``release/`` beside it), the corpus and the catalogue gzipped, with a
  ``SHA256SUMS``, to be attached to a release of the repository; the Data page links them at
  ``DIPARCHIVE_RELEASE_URL`` (the release's download address, e.g.
  ``https://github.com/<owner>/<repo>/releases/download/<tag>/``).

Either way the site holds ``data/SHA256SUMS`` and ``data/downloads.json`` (each file's name,
address, size and SHA-256), and the Data page shows them. Every file is deterministic: the same
transcripts give the same bytes (gzip without a name and with mtime 0; zip entries in a fixed
order, dated 1980-01-01, with fixed permissions).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from diparchive.infra.errors import BuildFailed, InputError
from diparchive.infra.options import DEFAULTS
from diparchive.infra.places import release_problem

PLACES = ("site", "release")
"""Where the bulk files may go: ``DIPARCHIVE_BULK``'s values."""

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
"""The date of every zip entry: the earliest a zip can hold, the same on every build."""

SUMS = "SHA256SUMS"
"""The checksum list, in the format ``sha256sum --check`` reads."""

MANIFEST = "data/downloads.json"
"""In the site: every bulk file with its address, size and checksum (what the Data page shows)."""

MARKER = "<!-- diparchive:downloads -->"
"""Where the generated Data page (docs/data.md) takes the table of bulk files, which exist only
once the site is built: the hooks put ``render.downloads`` there, as Material's tags plugin
fills its marker."""

DESCRIPTIONS = {
    "corpus.jsonl": "JSON Lines, one record per paragraph",
    "corpus.csv": "the same records as CSV",
    "catalogue.json": "every transcript with its metadata, its files and the SHA-256 checksum of its source file, so a copy can be checked against the repository",
    "transcripts-json.zip": "every transcript as JSON, its metadata and every paragraph",
    "transcripts-txt.zip": "every transcript as plain text",
    "transcripts-md.zip": "every transcript as Markdown",
}
"""What each bulk file holds (a gzipped one is described by its uncompressed name)."""


@dataclass(frozen=True)
class BulkOptions:
    """Where the build puts the bulk files."""

    place: str = "site"
    """``site`` (the site's data/) or ``release`` (a directory to attach to a release)."""
    release_url: str = ""
    """With ``release``: the address the release's files are downloaded from, ending in '/'."""
    release_dir: Path | None = None
    """With ``release``: the directory they are written to (outside the site)."""

    @property
    def compress(self) -> bool:
        """The corpus and the catalogue are gzipped in a release (a download), not in the site
        (served compressed)."""
        return self.place == "release"

    def name(self, name: str) -> str:
        """A bulk file's name where it is stored (``corpus.jsonl.gz`` in a release; a zip as it is)."""
        return name + ".gz" if self.compress and not name.endswith(".zip") else name

    def url(self, name: str) -> str:
        """A stored bulk file's address: the release's, or relative to the site's root."""
        return self.release_url + name if self.place == "release" else "data/" + name


SITE = BulkOptions()


def options(environ=DEFAULTS, site_dir: Path | None = None, project=None) -> BulkOptions:
    """``BulkOptions`` from ``DIPARCHIVE_BULK``, ``DIPARCHIVE_RELEASE_URL`` and
    ``DIPARCHIVE_RELEASE_DIR``, every problem named (``BuildFailed``). ``site_dir`` is the
    finished site's directory, beside which ``release/`` goes by default. The release directory
    is replaced whole, so it must be missing, empty or a previous release, apart from the site,
    the project's root and its transcripts (``places.release_problem``)."""
    place = environ.get("DIPARCHIVE_BULK", "") or "site"
    url = environ.get("DIPARCHIVE_RELEASE_URL", "")
    folder = environ.get("DIPARCHIVE_RELEASE_DIR", "")
    errors = []
    if place not in PLACES:
        errors.append(InputError("DIPARCHIVE_BULK", "value", " or ".join(PLACES), repr(place)))
    elif place == "site":
        for name, value in (("DIPARCHIVE_RELEASE_URL", url), ("DIPARCHIVE_RELEASE_DIR", folder)):
            if value:
                errors.append(InputError(name, "value", "nothing unless DIPARCHIVE_BULK=release (the bulk files go into the site)", repr(value)))
    else:
        problem = url_problem(url)
        if problem:
            errors.append(InputError("DIPARCHIVE_RELEASE_URL", "value", URL_EXPECTED, problem))
        target = Path(folder) if folder else (site_dir.parent / "release" if site_dir else None)
        if target is None:
            errors.append(InputError("DIPARCHIVE_RELEASE_DIR", "value", "a directory for the release's files", "none given"))
        else:
            problem = release_problem(project, target, site_dir)
            if problem is not None:
                errors.append(problem)
    if errors:
        raise BuildFailed(errors)
    if place == "site":
        return SITE
    return BulkOptions("release", url, target.resolve())


URL_EXPECTED = (
    "the address the release's files are downloaded from, an https:// URL ending in '/', "
    "such as https://github.com/<owner>/<repo>/releases/download/<tag>/"
)


def url_problem(url: str) -> str | None:
    """What is wrong with a release address, said as what was found; None if nothing."""
    if not url:
        return "nothing (the variable is unset or empty)"
    parts = urlsplit(url)
    if parts.scheme != "https":
        return f"{url!r}, whose scheme is {parts.scheme or 'missing'!r}"
    if not parts.hostname:
        return f"{url!r}, which names no host"
    if parts.query or parts.fragment:
        return f"{url!r}, which has a query or fragment"
    if not url.endswith("/"):
        return f"{url!r}, which does not end in '/'"
    if any(c.isspace() or not c.isprintable() for c in url):
        return f"{url!r}, which holds white space or a control character"
    if parts.username or parts.password:
        return f"{url!r}, which holds credentials"
    return None


def open_text(path: Path, compress: bool):
    """A text stream writing ``path``: gzipped (level 9, no file name, mtime 0) or plain."""
    if not compress:
        return open(path, "w", encoding="utf-8", newline="")
    raw = open(path, "wb")
    packed = gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0)
    stream = io.TextIOWrapper(packed, encoding="utf-8", newline="")
    return _Closing(stream, packed, raw)


class _Closing:
    """A text stream over a gzip stream over a file, closed in that order."""

    def __init__(self, *layers):
        self.layers = layers

    def write(self, text: str) -> int:
        return self.layers[0].write(text)

    def close(self) -> None:
        for layer in self.layers:
            layer.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class ZipWriter:
    """A zip written one entry at a time, each deflated (level 9), dated ``ZIP_DATE``, -rw-r--r--."""

    def __init__(self, path: Path):
        self.zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9)

    def add(self, name: str, body: bytes) -> None:
        info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 3  # Unix, whatever system builds it
        info.external_attr = 0o100644 << 16
        self.zip.writestr(info, body, compresslevel=9)

    def close(self) -> None:
        self.zip.close()


@dataclass(frozen=True)
class BulkFile:
    """One bulk file as the Data page and ``data/downloads.json`` describe it."""

    name: str
    """Its name where it is stored (``corpus.jsonl.gz``)."""
    description: str
    url: str
    """Its address: absolute in a release, relative to the site's root in the site."""
    bytes: int
    sha256: str
    gzipped: bool


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def describe(folder: Path, names: list[str], bulk: BulkOptions) -> list[BulkFile]:
    """The stored bulk files ``names`` (base names, as ``DESCRIPTIONS`` has them) in ``folder``."""
    out = []
    for base in names:
        name = bulk.name(base)
        path = folder / name
        out.append(BulkFile(name, DESCRIPTIONS[base], bulk.url(name), path.stat().st_size, sha256(path), name != base))
    return out


def sums(files: list[BulkFile]) -> bytes:
    """``SHA256SUMS``: ``<hex>  <name>`` a line, as ``sha256sum`` writes it."""
    return "".join(f"{f.sha256}  {f.name}\n" for f in files).encode()


def manifest(files: list[BulkFile], bulk: BulkOptions) -> bytes:
    """``data/downloads.json``."""
    body = {"place": bulk.place, "release_url": bulk.release_url or None, "files": [asdict(f) for f in files]}
    return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode()


@dataclass(frozen=True)
class Manifest:
    """What ``data/downloads.json`` says."""

    place: str
    release_url: str | None
    files: list[BulkFile]


def read_manifest(site: Path) -> Manifest:
    """The bulk files a built site describes (``data/downloads.json``)."""
    body = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    return Manifest(body["place"], body["release_url"], [BulkFile(**f) for f in body["files"]])
