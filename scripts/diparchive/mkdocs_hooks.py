"""MkDocs hooks.

- Under ``mkdocs serve``, rebuild docs/ from transcripts/ before each site build, so that editing
  a transcript or its metadata reloads the page. ``mkdocs build`` does not: there docs/ is the
  committed, reviewed output.
- With the site's files, write the open data and the feeds (``exports.py``), which need the
  site's address, into the site, and register them; MkDocs then checks links to them like any
  other file.
- For a large archive, convert the generated pages' Markdown in parallel (``prerender.py``).
- After every site build (serve and build alike), index the finished site for search, so that
  the site that ``mkdocs build`` or ``mkdocs serve`` produces always has working search."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from diparchive import exports

from diparchive.errors import BuildFailed
from diparchive.pipeline import Project, build, gather
from diparchive.prerender import Prerenderer
from diparchive.search_index import index_site

log = logging.getLogger("mkdocs.hooks.diparchive")
_serving = False
_prerender = Prerenderer()


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


class DataFile(File):
    """A generated download, copied as it is, even when it is Markdown (data/transcripts/*.md)."""

    def is_documentation_page(self) -> bool:
        return False


def on_files(files, config):
    project = Project.at(Path(config.config_file_path).parent)
    try:
        transcripts, registries = gather(project, lazy=True)
    except BuildFailed as failed:
        raise PluginError(str(failed)) from None
    # Written straight into the site (MkDocs has cleaned it already, and copying a file onto
    # itself is allowed for this), one transcript at a time: never the whole archive in memory.
    site = config.site_dir
    try:
        written = exports.write(transcripts, registries, config.site_url or "/", Path(site))
    except BuildFailed as failed:
        raise PluginError(str(failed)) from None
    for path in written:
        files.append(DataFile(path, site, site, config.use_directory_urls))
    _prerender.start(files, config)
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    return "" if _prerender.takes(page) else markdown  # converted in parallel: see on_page_content


def on_page_content(html: str, page, config, files) -> str:
    return _prerender.content(page) if _prerender.takes(page) else html


def on_build_error(error) -> None:
    _prerender.close()


def on_post_build(config) -> None:
    _prerender.close()
    if os.environ.get("DIPARCHIVE_SKIP_INDEX"):  # the benchmark times indexing on its own
        return
    project = Project.at(Path(config.config_file_path).parent)
    try:
        index_site(Path(config.site_dir), project)
    except Exception as error:  # Pagefind missing or failing: the site must not ship without search
        raise PluginError(f"search index: {error}") from error
