"""Update a built site: ``diparchive update``, or ``mkdocs build --dirty`` and ``mkdocs serve
--dirty`` with the plugin, rendering only what changed. The result is the site a full build gives.

MkDocs' own ``--dirty`` renders only the pages whose Markdown is newer than their HTML, and warns
that the navigation may come out wrong: a page it does not read has no title, so every page it
does render shows "None" in the navigation for it; pages no longer in docs/ stay in the site; a
change of templates, settings or the archive's code reaches no page left as it was. The plugin
makes such a build exact:

- every page the navigation names without a title is read (generated) or rendered
  (hand-written), for its title; the Data page is always rendered (its downloads are this
  build's);
- the generated pages are rendered when ``diparchive build`` rewrote them, which it does only
  when their bytes change (``write.write_pages``);
- everything is rendered when the site was built by other code, templates or settings than this
  build's (``site_key``, recorded in the site's mark);
- after the pages, every file in the site that this build did not produce is deleted
  (``stale``);
- the open data, the feeds and the search index are written whole, as in a full build.

Under ``mkdocs build --dirty`` the update is written into a copy of the site (a folder the build
made, ``places.is_built_site``; never another), switched in when it is finished: a failed update
leaves the site as it was. Under ``mkdocs serve --dirty`` the server's own folder is updated.

``tests/test_incremental.py`` builds a collection, changes one capture (edited, added, removed)
or a sidecar or the site's address, updates, and compares the site with a clean full build, file
by file and search by search.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from diparchive.infra import places
from diparchive.infra.cache import code_key

KEY_FIELD = "built with: "
"""The line of the site's mark that records ``site_key``."""

INDEXED = ("pagefind", "pagefind-shards", "search-data", "assets/search-config.json")
"""What the search index writes after the pages (``search_index.index_site``), each replaced
whole by it: not the pages' business, and never stale."""


NOT_IN_PAGES = {
    "DIPARCHIVE_SEARCH_INDEX", "DIPARCHIVE_RECORDS", "DIPARCHIVE_SHARD_MEMORY", "DIPARCHIVE_PARALLEL_RENDER", "DIPARCHIVE_LOCK_TIMEOUT",
}
"""Settings no page's HTML depends on: the search index (written whole by every build), how the
pages are converted (the same bytes either way: a test compares them) and how long a build
waits. A change of any other setting renders every page."""


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return ""


def site_key(config, settings: dict) -> str:
    """A digest of everything a page's HTML depends on besides its own Markdown: the archive's
    code and templates, MkDocs' and Material's versions, ``mkdocs.yml`` as written and as read
    (its environment's values), the plugin's settings, and a site's own template overrides."""
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(label.encode() + b"\0" + hashlib.sha256(data).digest())

    add("code", code_key().encode())
    add("versions", f"{_version('mkdocs')} {_version('mkdocs-material')}".encode())
    path = getattr(config, "config_file_path", None)
    if path and Path(path).is_file():
        add("mkdocs.yml", Path(path).read_bytes())
    read = {name: config.get(name) for name in ("site_url", "site_name", "extra", "nav", "markdown_extensions", "mdx_configs", "use_directory_urls")}
    add("config", json.dumps(read, sort_keys=True, default=str).encode())
    pages = {name: value for name, value in dict(settings).items() if name not in NOT_IN_PAGES}
    add("settings", json.dumps(pages, sort_keys=True, default=str).encode())
    custom = config.theme.custom_dir if config.get("theme") is not None else None
    if custom and Path(custom).is_dir():
        for file in sorted(p for p in Path(custom).rglob("*") if p.is_file()):
            add(f"override {file.relative_to(custom).as_posix()}", file.read_bytes())
    return digest.hexdigest()


def mark_text(key: str) -> str:
    """The site's mark (``places.SITE_MARK``), recording what it was built with."""
    return places.SITE_MARK_TEXT + KEY_FIELD + key + "\n"


def recorded_key(site: Path) -> str | None:
    """What the site at ``site`` was built with, as its mark records it; None for none."""
    mark = site / places.SITE_MARK
    if mark.is_symlink() or not mark.is_file():
        return None
    try:
        lines = mark.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((line[len(KEY_FIELD):] for line in lines if line.startswith(KEY_FIELD)), None)


def stale(site: Path, produced: set[str]) -> list[str]:
    """The files under ``site`` (relative paths) that are neither in ``produced`` nor written by
    the search index or the mark: what an earlier build left that this one would not make."""
    found = []
    for folder, dirs, files in os.walk(site):
        relative = Path(folder).relative_to(site).as_posix()
        prefix = "" if relative == "." else relative + "/"
        dirs[:] = sorted(d for d in dirs if prefix + d not in INDEXED)
        for name in sorted(files):
            path = prefix + name
            if path not in produced and path not in INDEXED and path != places.SITE_MARK:
                found.append(path)
    return found


def remove(site: Path, paths: list[str]) -> None:
    """Delete ``paths`` under ``site``, and the folders they leave empty."""
    for path in paths:
        (site / path).unlink()
    for folder in sorted({str(Path(p).parent) for p in paths}, key=lambda f: -f.count("/")):
        current = site / folder
        while current != site and current.is_dir() and not any(current.iterdir()):
            current.rmdir()
            current = current.parent


class QuietDirtyWarning(logging.Filter):
    """Drops MkDocs' warning that a dirty build is inaccurate, which the plugin makes it not be
    (and which ``strict: true`` would count as a failure)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "A 'dirty' build is being performed" not in record.getMessage()


def quiet_dirty_warning() -> None:
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, QuietDirtyWarning) for f in logger.filters):
        logger.addFilter(QuietDirtyWarning())
