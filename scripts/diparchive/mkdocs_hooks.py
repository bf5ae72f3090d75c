"""MkDocs hooks.

- Under ``mkdocs serve``, rebuild docs/ from transcripts/ before each site build, so that editing
  a transcript or its metadata reloads the page. ``mkdocs build`` does not: there docs/ is the
  committed, reviewed output.
- After every site build (serve and build alike), index the finished site for search, so that
  the site that ``mkdocs build`` or ``mkdocs serve`` produces always has working search."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from diparchive.errors import BuildFailed
from diparchive.pipeline import Project, build
from diparchive.search_index import index_site

log = logging.getLogger("mkdocs.hooks.diparchive")
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_pre_build(config) -> None:
    if not _serving:
        return
    project = Project.at(Path(config.config_file_path).parent)
    try:
        summary = build(project)
    except BuildFailed as failed:
        raise PluginError(str(failed)) from None
    if summary.written or summary.deleted:
        log.info("diparchive: wrote %d pages, deleted %d", len(summary.written), len(summary.deleted))


def on_post_build(config) -> None:
    root = Path(config.config_file_path).parent
    try:
        index_site(Path(config.site_dir), root / "transcripts" / "variants.yml", root / "transcripts" / "themes.yml")
    except Exception as error:  # Pagefind missing or failing: the site must not ship without search
        raise PluginError(f"search index: {error}") from error
