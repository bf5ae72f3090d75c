"""MkDocs hooks.

- List in the navigation the sections only some collections have (``OPTIONAL_NAV``).
- Under ``mkdocs serve``, rebuild docs/ from transcripts/ before each site build, so that editing
  a transcript or its metadata reloads the page. ``mkdocs build`` does not: there docs/ is the
  committed, reviewed output.
- With the site's files, write the open data and the feeds (``exports.py``), which need the
  site's address, into the site, and register them; MkDocs then checks links to them like any
  other file. With ``DIPARCHIVE_BULK=release`` the bulk files (``bulk.py``) go instead into a
  directory beside the site, to attach to a release, switched in whole with the site; the Data
  page's list of them (sizes, checksums, addresses) is filled in where its marker stands.
- For a large archive, convert the generated pages' Markdown in parallel (``prerender.py``).
- Leave out of every finished page the indentation of its templates (``compact.py``): 70 MB of
  the UN debates' site, which must fit GitHub Pages' 1 GB.
- After every site build (serve and build alike), index the finished site for search, so that
  the site that ``mkdocs build`` or ``mkdocs serve`` produces always has working search.
- Build the site under a sibling name and switch it in whole when it is finished (indexed, and
  with no warning under ``--strict``): MkDocs empties ``site_dir`` before it writes, so a build
  stopped midway would otherwise leave no site, or half of one. Each site build holds the
  project's build lock (``lock.py``) and first finishes or undoes what an interrupted
  ``diparchive build`` left in docs/ (``switch.py``). ``--dirty`` builds write in place."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import CountHandler

from diparchive import bulk, exports

from diparchive import places, switch
from diparchive.compact import compact
from diparchive.errors import BuildFailed
from diparchive.lock import build_lock
from diparchive.pipeline import Project, build, gather
from diparchive.prerender import Prerenderer
from diparchive.render import downloads
from diparchive.search_index import index_site
from diparchive.settings import check_config

log = logging.getLogger("mkdocs.hooks.diparchive")
_serving = False
_dirty = False
_prerender = Prerenderer()
_building: tuple | None = None  # (lock, config, site_dir, the sibling written instead) during a build
_release: tuple[Path, Path] | None = None  # (the release directory, the sibling written instead)


OPTIONAL_NAV = (("Tags", "tags/index.md", "kinds/index.md"),)
"""Sections the build makes only for some collections (``browse.tags``: when the publisher tags
its pages): (title, page, the entry it follows). mkdocs.yml cannot list them, since a nav entry
may not name a missing page; each is added when its page exists."""


def on_config(config):
    check_config(config)  # SITE_URL and SOURCE_REPOSITORY, before anything is built
    docs = Path(config.docs_dir)
    for title, page, after in OPTIONAL_NAV:
        if config.nav is None or not (docs / page).is_file():
            continue
        pages = [next(iter(entry.values()), None) if isinstance(entry, dict) else entry for entry in config.nav]
        if page not in pages:
            config.nav.insert(pages.index(after) + 1 if after in pages else len(pages), {title: page})
    return config


def on_startup(command: str, dirty: bool) -> None:
    global _serving, _dirty
    _serving = command == "serve"
    _dirty = dirty


def _begin(config, project: Project) -> None:
    """Take the lock, settle docs/, and point MkDocs at a fresh sibling of the site (MkDocs
    cleans ``site_dir`` only after this event)."""
    global _building
    _end(keep=False)  # a build that stopped without an error event (serve goes on)
    held = contextlib.ExitStack()
    held.enter_context(build_lock(project.root))
    try:
        switch.recover(project.docs)
        target = Path(config.site_dir)
        fresh = None
        if not _dirty:
            # The finished site replaces this folder whole: never a folder of anything else.
            problem = places.replaceable_site_problem(project, target, "site_dir (mkdocs.yml, or mkdocs build -d)")
            if problem is not None:
                raise PluginError(str(problem))
            switch.sweep(target)
            fresh = switch.sibling(target, "next")
            config.site_dir = str(fresh)
    except BaseException:
        held.close()
        raise
    _building = (held, config, target, fresh)


def _end(keep: bool) -> None:
    """Switch the finished site in (``keep``) or throw it away; give the lock back."""
    global _building, _release
    if _building is None:
        return
    held, config, target, fresh = _building
    _building = None
    release, _release = _release, None
    with held:
        if release is not None:
            if keep:
                switch.replace_dir(release[1], release[0])
                log.info("diparchive: the release's files are now in %s", release[0])
            else:
                shutil.rmtree(release[1], ignore_errors=True)
        if fresh is not None:
            config.site_dir = str(target)  # for what runs after the build (gh-deploy, serve)
            if keep:
                switch.replace_dir(fresh, target)
                log.info("diparchive: the finished site is now %s", target)
            else:
                shutil.rmtree(fresh, ignore_errors=True)


def _strict_warnings(config) -> bool:
    """Whether MkDocs will abort this build after the post-build event (``--strict``)."""
    return bool(config.strict) and any(
        isinstance(h, CountHandler) and h.get_counts() for h in logging.getLogger("mkdocs").handlers
    )


def on_pre_build(config) -> None:
    project = Project.at(Path(config.config_file_path).parent)
    _begin(config, project)
    if not _serving:
        return
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
    data_page = files.get_file_from_path("data.md")
    if data_page is not None:
        _check_marker(data_page.content_string)  # before minutes of writing, not after
    # Written straight into the site (MkDocs has cleaned it already, and copying a file onto
    # itself is allowed for this), one transcript at a time: never the whole archive in memory.
    site = config.site_dir
    try:
        options = bulk.options(os.environ, _building[2] if _building else Path(site), project)
        options = _release_sibling(options)
        written = exports.write(transcripts, registries, config.site_url or "/", Path(site), options)
    except BuildFailed as failed:
        raise PluginError(str(failed)) from None
    for path in written:
        files.append(DataFile(path, site, site, config.use_directory_urls))
    _prerender.start(files, config)
    return files


def _release_sibling(options: bulk.BulkOptions) -> bulk.BulkOptions:
    """For a release, write into a fresh sibling of its directory, switched in by ``_end``."""
    global _release
    if options.place != "release":
        return options
    switch.sweep(options.release_dir)
    fresh = switch.sibling(options.release_dir, "next")
    _release = (options.release_dir, fresh)
    return bulk.BulkOptions(options.place, options.release_url, fresh)


def on_page_markdown(markdown: str, page, config, files) -> str:
    if _prerender.takes(page):
        return ""  # converted in parallel: see on_page_content
    if page.file.src_uri == "data.md":
        return _with_downloads(markdown, Path(config.site_dir))
    return markdown


def _check_marker(markdown: str) -> None:
    if markdown.count(bulk.MARKER) != 1:
        raise PluginError(
            f"docs/data.md: expected the marker {bulk.MARKER} once, where the list of downloads goes; "
            f"found it {markdown.count(bulk.MARKER)} times (run 'diparchive build' to regenerate the page)"
        )


def _with_downloads(markdown: str, site: Path) -> str:
    """The Data page with its list of bulk files where ``bulk.MARKER`` stands."""
    _check_marker(markdown)
    stored = bulk.read_manifest(site)
    return markdown.replace(bulk.MARKER, downloads(stored.files, stored.release_url))


def on_page_content(html: str, page, config, files) -> str:
    return _prerender.content(page) if _prerender.takes(page) else html


def on_post_page(output: str, page, config) -> str:
    return compact(output)


def on_post_template(output: str, template_name: str, config) -> str:
    return compact(output) if template_name.endswith(".html") else output  # 404.html; not sitemap.xml


def on_build_error(error) -> None:
    _prerender.close()
    _end(keep=False)  # the previous site stays as it was


def on_post_build(config) -> None:
    _prerender.close()
    # Names the folder as a site the build made, which the next build may replace whole.
    (Path(config.site_dir) / places.SITE_MARK).write_text(places.SITE_MARK_TEXT, "utf-8")
    if not os.environ.get("DIPARCHIVE_SKIP_INDEX"):  # the benchmark times indexing on its own
        project = Project.at(Path(config.config_file_path).parent)
        try:
            index_site(Path(config.site_dir), project)
        except Exception as error:  # Pagefind missing or failing: the site must not ship without search
            raise PluginError(f"search index: {error}") from error
    _end(keep=not _strict_warnings(config))
