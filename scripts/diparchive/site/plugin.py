"""The archive as a MkDocs plugin: ``plugins: - diparchive`` in a collection's ``mkdocs.yml``.

- Check the site's settings (``SITE_URL``, ``SOURCE_REPOSITORY``) and the plugin's options like
  input, before anything is built (``settings.py``).
- List in the navigation the sections only some collections have (``OPTIONAL_NAV``).
- Under ``mkdocs serve``, rebuild docs/ from transcripts/ before each site build, so that editing
  a transcript or its metadata reloads the page. ``mkdocs build`` does not: there docs/ is the
  committed, reviewed output.
- With the site's files, write the open data and the feeds (``exports.py``), which need the
  site's address, into the site, and register them; MkDocs then checks links to them like any
  other file. With ``bulk: release`` the bulk files (``bulk.py``) go instead into a directory
  beside the site, to attach to a release, switched in whole with the site; the Data page's
  list of them (sizes, checksums, addresses) is filled in where its marker stands.
- For a large archive, convert the generated pages' Markdown in parallel (``prerender.py``).
- Leave out of every finished page the indentation of its templates (``compact.py``): 70 MB of
  the UN debates' site, which must fit GitHub Pages' 1 GB.
- After every site build (serve and build alike), index the finished site for search, so that
  the site that ``mkdocs build`` or ``mkdocs serve`` produces always has working search.
- Build the site under a sibling name and switch it in whole when it is finished (indexed, and
  with no warning under ``--strict``): MkDocs empties ``site_dir`` before it writes, so a build
  stopped midway would otherwise leave no site, or half of one. Each site build holds the
  project's build lock (``lock.py``) and first finishes or undoes what an interrupted
  ``diparchive build`` left in docs/ (``switch.py``).
- ``--dirty`` builds (``diparchive update``) render only what changed, into a copy of the site
  switched in the same way (under ``mkdocs serve``, the server's folder in place), and give the
  site a full build gives (``incremental.py``).

All of a build's state lives on the plugin object, one per MkDocs run.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File
from mkdocs.utils import CountHandler

from diparchive.publish import bulk, exports, write
from diparchive.infra import places, switch
from diparchive.site.compact import compact
from diparchive.infra.errors import BuildFailed, InputError
from diparchive.infra.lock import build_lock, timeout_from
from diparchive.infra.options import DEFAULTS, Settings, settings_of
from diparchive.site.collections import search_collections
from diparchive.site import incremental
from diparchive.site.identities import FILE as IDENTITIES, elsewhere, read_identities
from diparchive.pipeline import Project, build, gather
from diparchive.site.prerender import Prerenderer
from diparchive.publish.render import downloads
from diparchive.site.search_index import index_site
from diparchive.site.settings import check_config

log = logging.getLogger("mkdocs.plugins.diparchive")


THEME = Path(__file__).resolve().parent / "theme"
"""The archive's Material overrides (page templates, the header's search box) and its style
sheets and scripts (``assets/``), shipped with the package."""

STYLES = ("assets/archive.css",)
SCRIPTS = ("assets/archive.js",)
"""What every page loads; the search page's own modules are imported by ``search.html``."""


def use_theme(config) -> None:
    """Put the archive's templates and assets in Material's search path, after a site's own
    ``custom_dir`` (so that a collection may override any of them, as it would Material's), and
    its style sheet and script on every page."""
    dirs = config.theme.dirs
    if str(THEME) not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
    for sheet in STYLES:
        if sheet not in config.extra_css:
            config.extra_css.append(sheet)
    present = {str(script) for script in config.extra_javascript}
    for path in SCRIPTS:
        if path not in present:
            script = ExtraScriptValue(path)
            script.type = "module"
            config.extra_javascript.append(script)


OPTIONAL_NAV = (("Tags", "tags/index.md", "kinds/index.md"),)
"""Sections the build makes only for some collections (``browse.tags``: when the publisher tags
its pages): (title, page, the entry it follows). mkdocs.yml cannot list them, since a nav entry
may not name a missing page; each is added when its page exists."""


VALUE = (str, bool, int, float)
"""What an option may be as YAML or ``!ENV`` reads it; each is checked where it is used."""


class ArchiveConfig(base.Config):
    """The plugin's options. Each may be set from the environment with ``!ENV``, as the
    repository's ``mkdocs.yml`` does with the variable named in parentheses. Their values are
    checked by the stage that reads them, with a message naming that variable."""

    bulk = c.Optional(c.Type(VALUE))
    """Where the bulk files go (``DIPARCHIVE_BULK``): ``site``, the default, into the site's
    ``data/``; ``release``, into a directory beside the site, to attach to a release."""

    release_url = c.Optional(c.Type(VALUE))
    """With ``bulk: release``, the address the release's files are downloaded from, an https://
    URL ending in '/' (``DIPARCHIVE_RELEASE_URL``)."""

    release_dir = c.Optional(c.Type(VALUE))
    """With ``bulk: release``, the directory the release's files are written to (default
    ``release/`` beside the site); missing, empty or a previous release
    (``DIPARCHIVE_RELEASE_DIR``)."""

    collection = c.Optional(c.Type(VALUE))
    """Which entry of ``collections.yml`` this site is (``DIPARCHIVE_COLLECTION``; default
    ``default``)."""

    collection_urls = c.Optional(c.Type(VALUE))
    """Other addresses for the collections, ``id=address`` pairs separated by commas, to serve
    them together on one machine (``DIPARCHIVE_COLLECTION_URLS``)."""

    records = c.Optional(c.Type(VALUE))
    """The search index's record design (``DIPARCHIVE_RECORDS``): ``auto`` (the default) chooses
    by the archive's size."""

    parallel_render = c.Optional(c.Type(VALUE))
    """Convert the generated pages' Markdown in parallel processes (``DIPARCHIVE_PARALLEL_RENDER``):
    ``auto`` (the default) from 200 generated pages on."""

    search_index = c.Optional(c.Type(VALUE))
    """Index the site for search after every build (``DIPARCHIVE_SEARCH_INDEX``; default true).
    Without it, ``diparchive index`` indexes the built site later."""

    shard_memory = c.Optional(c.Type(VALUE))
    """Bytes of memory one Pagefind run may take; an archive estimated to need more is indexed in
    shards of whole years (``DIPARCHIVE_SHARD_MEMORY``; default 3 GiB)."""

    lock_timeout = c.Optional(c.Type(VALUE))
    """Seconds a build waits for another build of the same project before it refuses
    (``DIPARCHIVE_LOCK_TIMEOUT``; default: it waits)."""

    review = c.Optional(c.Type(VALUE))
    """Whether drafted metadata must be reviewed before it is published (``DIPARCHIVE_REVIEW``):
    ``open``, the default, publishes it marked as drafted and not reviewed; ``required`` refuses
    to build while a sidecar lists a drafted field or a placeholder ("(to write: …)") is left."""


@dataclass
class _Build:
    """One site build in progress: the lock it holds, where MkDocs writes instead of the site,
    and the release directory's stand-in."""

    held: contextlib.ExitStack
    config: object
    target: Path
    fresh: Path | None
    key: str
    """What the site is built with (``incremental.site_key``), recorded in its mark."""
    every_page: bool = True
    """Whether every page is rendered: false only for a dirty build of a site built with the
    same code, templates and settings."""
    release: tuple[Path, Path] | None = None
    files: object = None


class ArchivePlugin(BasePlugin[ArchiveConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.dirty = False
        self.prerender = Prerenderer()
        self.current: _Build | None = None
        self.settings: Settings = Settings({})

    # ----------------------------------------------------------------------- configuration

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty
        if dirty:
            incremental.quiet_dirty_warning()

    def on_config(self, config):
        self.settings = settings_of(dict(self.config))
        use_theme(config)
        check_config(config)  # SITE_URL and SOURCE_REPOSITORY, before anything is built
        try:
            timeout_from(self.settings)
            if self.settings.get("DIPARCHIVE_PARALLEL_RENDER", "auto") not in ("auto", "on", "off"):
                raise InputError("DIPARCHIVE_PARALLEL_RENDER", "value", "auto, on or off", repr(self.settings["DIPARCHIVE_PARALLEL_RENDER"]))
            if self.settings.get("DIPARCHIVE_SEARCH_INDEX", "true") not in ("true", "false"):
                raise InputError("DIPARCHIVE_SEARCH_INDEX", "value", "true or false", repr(self.settings["DIPARCHIVE_SEARCH_INDEX"]))
        except (InputError, BuildFailed) as error:
            raise PluginError(str(error).replace("Aborted with 1 error; nothing was written:\n  ", "")) from None
        # Where this collection's people are in the others (identities.yml), for their pages.
        try:
            path = getattr(config, "config_file_path", None)
            root = Path(path).parent if path else None
            collections = search_collections(root, self.settings) if root else []
            own = next((c["id"] for c in collections if c["self"]), None)
            identities = read_identities(root / IDENTITIES, {c["id"]: c["name"] for c in collections}) if own else {}
        except InputError as error:
            raise PluginError(str(error)) from None
        config.extra["archive_elsewhere"] = {
            pid: [{"collection": e.collection, "name": e.name, "site": e.site, "person": e.person, "page": e.page} for e in found]
            for pid, found in elsewhere(identities, collections, own).items()
        } if identities else {}
        docs = Path(config.docs_dir)
        for title, page, after in OPTIONAL_NAV:
            if config.nav is None or not (docs / page).is_file():
                continue
            pages = [next(iter(entry.values()), None) if isinstance(entry, dict) else entry for entry in config.nav]
            if page not in pages:
                config.nav.insert(pages.index(after) + 1 if after in pages else len(pages), {title: page})
        return config

    def project(self, config) -> Project:
        try:
            return Project.at(Path(config.config_file_path).parent, settings=self.settings)
        except InputError as error:
            raise PluginError(str(error)) from None

    # ----------------------------------------------------------------------- the build

    def _begin(self, config, project: Project) -> None:
        """Take the lock, settle docs/, and point MkDocs at a fresh sibling of the site (MkDocs
        cleans ``site_dir`` only after this event)."""
        self._end(keep=False)  # a build that stopped without an error event (serve goes on)
        held = contextlib.ExitStack()
        held.enter_context(build_lock(project.root, timeout_from(self.settings)))
        try:
            switch.recover(project.docs)
            target = Path(config.site_dir)
            fresh = None
            # The finished site replaces this folder whole, or a dirty build deletes what of it
            # this build does not make: never a folder of anything else.
            problem = places.replaceable_site_problem(project, target, "site_dir (mkdocs.yml, or mkdocs build -d)")
            if problem is not None:
                raise PluginError(str(problem))
            switch.sweep(target)
            key = incremental.site_key(config, self.settings)
            every_page = not self.dirty or incremental.recorded_key(target) != key
            if self.dirty and every_page and places.is_built_site(target):
                log.info("diparchive: the site was built with other code, templates or settings: every page is rendered")
            if not (self.dirty and self.serving):
                # The site is built beside the old one and switched in when finished. An update
                # starts from a copy of the old one (its files' times kept, by which MkDocs
                # tells what changed): a failed one leaves the site as it was. Under serve, the
                # server's own folder is updated in place.
                fresh = switch.sibling(target, "next")
                if self.dirty and places.is_built_site(target):
                    shutil.copytree(target, fresh, symlinks=True)
                config.site_dir = str(fresh)
        except BaseException:
            held.close()
            raise
        self.current = _Build(held, config, target, fresh, key, every_page)

    def _end(self, keep: bool) -> None:
        """Switch the finished site in (``keep``) or throw it away; give the lock back."""
        current, self.current = self.current, None
        if current is None:
            return
        with current.held:
            if current.release is not None:
                if keep:
                    switch.replace_dir(current.release[1], current.release[0])
                    log.info("diparchive: the release's files are now in %s", current.release[0])
                else:
                    shutil.rmtree(current.release[1], ignore_errors=True)
            if current.fresh is not None:
                current.config.site_dir = str(current.target)  # for what runs after the build (gh-deploy, serve)
                if keep:
                    switch.replace_dir(current.fresh, current.target)
                    log.info("diparchive: the finished site is now %s", current.target)
                else:
                    shutil.rmtree(current.fresh, ignore_errors=True)

    def on_pre_build(self, *, config) -> None:
        project = self.project(config)
        self._begin(config, project)
        if not self.serving:
            return
        try:
            summary = build(project)
        except BuildFailed as failed:
            raise PluginError(str(failed)) from None
        if summary.written or summary.deleted:
            log.info("diparchive: wrote %d pages, deleted %d", len(summary.written), len(summary.deleted))

    def on_files(self, files, *, config):
        project = self.project(config)
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
            options = bulk.options(self.settings, self.current.target if self.current else Path(site), project)
            options = self._release_sibling(options)
            written = exports.write(transcripts, registries, config.site_url or "/", Path(site), options)
        except BuildFailed as failed:
            raise PluginError(str(failed)) from None
        for path in written:
            files.append(DataFile(path, site, site, config.use_directory_urls))
        partial = self.current is not None and not self.current.every_page
        if self.current is not None:
            self.current.files = files
        # A dirty build converts only the generated pages that changed (and on_nav's pages).
        self.prerender.start(files, config, self.settings.get("DIPARCHIVE_PARALLEL_RENDER", "auto"), only_modified=partial)
        return files

    def on_nav(self, nav, *, config, files):
        """Under ``--dirty``, every page shows the titles of the navigation's pages, which MkDocs
        knows only of pages it reads: a page the navigation gives no title is read (a generated
        one, whose title is its plain first heading: the 6 MB build report of a large
        collection need not be converted for it) or rendered (a hand-written one, whose heading
        may hold markup). Every page is rendered when the site was built with other code,
        templates or settings."""
        if self.current is None or not self.dirty:
            return nav
        if self.current.every_page:
            for file in files.documentation_pages():
                file.is_modified = _always
            return nav
        data = files.get_file_from_path("data.md")
        if data is not None:
            data.is_modified = _always  # its list of downloads is this build's (on_page_markdown)
        for page in nav.pages:
            if page.__dict__.get("title") is not None or page.file.is_modified():
                continue  # titled by mkdocs.yml, or rendered anyway
            if write.owned(page.file.src_uri):
                page.read_source(config)
            else:
                page.file.is_modified = _always
        return nav

    def _release_sibling(self, options: bulk.BulkOptions) -> bulk.BulkOptions:
        """For a release, write into a fresh sibling of its directory, switched in by ``_end``."""
        if options.place != "release":
            return options
        switch.sweep(options.release_dir)
        fresh = switch.sibling(options.release_dir, "next")
        if self.current is not None:
            self.current.release = (options.release_dir, fresh)
        return bulk.BulkOptions(options.place, options.release_url, fresh)

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        if self.prerender.takes(page):
            return ""  # converted in parallel: see on_page_content
        if page.file.src_uri == "data.md":
            return _with_downloads(markdown, Path(config.site_dir))
        return markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        return self.prerender.content(page) if self.prerender.takes(page) else html

    def on_post_page(self, output: str, *, page, config) -> str:
        return compact(output)

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        return compact(output_content) if template_name.endswith(".html") else output_content  # 404.html; not sitemap.xml

    def on_build_error(self, *, error) -> None:
        self.prerender.close()
        self._end(keep=False)  # the previous site stays as it was

    def on_post_build(self, *, config) -> None:
        self.prerender.close()
        site = Path(config.site_dir)
        if self.dirty and self.current is not None and self.current.files is not None:
            produced = {f.dest_uri for f in self.current.files if not f.inclusion.is_excluded()}
            produced |= set(config.theme.static_templates) | set(config.extra_templates)
            if "sitemap.xml" in produced:
                produced.add("sitemap.xml.gz")
            old = incremental.stale(site, produced)
            if old:
                incremental.remove(site, old)
                log.info("diparchive: deleted %d files of the site that this build no longer makes", len(old))
        # Names the folder as a site the build made, which the next build may replace whole, and
        # records what it was built with, for the next dirty build.
        key = self.current.key if self.current is not None else incremental.site_key(config, self.settings)
        (site / places.SITE_MARK).write_text(incremental.mark_text(key), "utf-8")
        if self.settings.get("DIPARCHIVE_SEARCH_INDEX", "true") != "false":
            try:
                index_site(Path(config.site_dir), self.project(config), self.settings)
            except Exception as error:  # Pagefind missing or failing: the site must not ship without search
                raise PluginError(f"search index: {error}") from error
        self._end(keep=not _strict_warnings(config))

    def on_shutdown(self) -> None:
        self.prerender.close()
        self._end(keep=False)


def _always() -> bool:
    """``File.is_modified`` of a page a dirty build renders whatever its time."""
    return True


class DataFile(File):
    """A generated download, copied as it is, even when it is Markdown (data/transcripts/*.md)."""

    def is_documentation_page(self) -> bool:
        return False


def _strict_warnings(config) -> bool:
    """Whether MkDocs will abort this build after the post-build event (``--strict``)."""
    return bool(config.strict) and any(
        isinstance(h, CountHandler) and h.get_counts() for h in logging.getLogger("mkdocs").handlers
    )


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


def project_settings(root: Path) -> Settings:
    """The settings of the project at ``root``, from its ``mkdocs.yml``'s ``diparchive`` plugin
    (for the command line); the defaults where there is no ``mkdocs.yml`` or no such plugin."""
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        return DEFAULTS
    import yaml
    from mkdocs.utils.yaml import yaml_load

    from diparchive.infra.errors import InputError

    shown = "mkdocs.yml"
    try:
        with config_file.open("rb") as handle:
            data = yaml_load(handle)  # as MkDocs reads it: !ENV takes the environment's values
    except (OSError, yaml.YAMLError, ValueError) as error:
        raise InputError(shown, "", "a MkDocs configuration in YAML", str(error).replace("\n", " ")[:200]) from None
    plugins = data.get("plugins") if isinstance(data, dict) else None
    entries = plugins if isinstance(plugins, list) else [plugins] if isinstance(plugins, (str, dict)) else []
    values = None
    for entry in entries:
        if entry == "diparchive":
            values = {}
        elif isinstance(entry, dict) and "diparchive" in entry:
            values = entry["diparchive"] or {}
    if values is None:
        return DEFAULTS
    config = ArchiveConfig(config_file_path=str(config_file))
    if not isinstance(values, dict):
        raise InputError(shown, "plugins: diparchive", "a mapping of options", repr(values))
    config.load_dict(values)
    errors, _ = config.validate()
    if errors:
        name, problem = errors[0]
        raise InputError(shown, f"plugins: diparchive: {name}", "a valid value", str(problem))
    return settings_of(dict(config))
