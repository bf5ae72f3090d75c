"""MkDocs hook: under ``mkdocs serve``, rebuild docs/ from transcripts/ before each site build,
so that editing a transcript or its metadata reloads the page. ``mkdocs build`` does not run it:
there docs/ is the committed, reviewed output."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from diparchive.errors import BuildFailed
from diparchive.pipeline import Project, build

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
