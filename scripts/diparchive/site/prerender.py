"""Convert the generated pages' Markdown to HTML in parallel, for ``mkdocs build``.

MkDocs converts every page in one process, one after another; for a large archive that is most
of the build (at 1,000 UN speeches, 60 % of ``mkdocs build``). The hooks hand the generated
pages (transcripts and the browse pages: ``write.OWNED_DIRS``) to a pool of processes as soon as
the site's files are known, give MkDocs an empty Markdown for each, and put the HTML back when
MkDocs asks for the page's content, with everything MkDocs itself would have collected while
converting: the table of contents, the anchors the page has, its links to anchors (which MkDocs
checks after reading every page), the title of a leading heading and any warning about a link.

The conversion is MkDocs' own: the pool's processes are forked once the site's files are known,
so each has MkDocs' configuration and file list, and converts a page with the same Markdown
extensions and the same link, anchor and title processors as ``Page.render``. The pages are
byte-identical to those of a plain build; a test builds the site both ways and compares them.

Below ``PARALLEL_FROM`` generated pages, with another plugin that handles page Markdown or
content, or with the option ``parallel_render: off``, MkDocs converts everything itself.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor

import markdown
from mkdocs.structure.pages import (
    _ExtractAnchorsTreeprocessor,
    _ExtractTitleTreeprocessor,
    _RawHTMLPreprocessor,
    _RelativePathTreeprocessor,
)
from mkdocs.structure.toc import get_toc
from mkdocs.utils import meta

from diparchive.publish.write import OWNED_DIRS

log = logging.getLogger("mkdocs.plugins.diparchive")

PARALLEL_FROM = 200
"""Generated pages from which their conversion is spread over the machine's cores."""

_site: tuple | None = None
"""(files, config) of the build, set before the pool forks: the workers inherit them."""


class _Captured(logging.Handler):
    """In a worker: MkDocs' messages about a page, to be logged again by the main process (where
    ``--strict`` counts them)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


_captured = _Captured()


def _start_worker() -> None:
    for name in ("", "mkdocs"):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
    logging.getLogger("mkdocs").addHandler(_captured)


def convert(src_uri: str) -> tuple:
    """One page, exactly as ``mkdocs.structure.pages.Page.render`` converts it."""
    files, config = _site
    file = files.get_file_from_path(src_uri)
    text, _ = meta.get_data(file.content_string)
    md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {})
    raw_html = _RawHTMLPreprocessor()
    raw_html._register(md)
    anchors = _ExtractAnchorsTreeprocessor(file, files, config)
    anchors._register(md)
    links = _RelativePathTreeprocessor(file, files, config)
    links._register(md)
    title = _ExtractTitleTreeprocessor()
    title._register(md)
    _captured.records = []
    html = md.convert(text)
    return (
        html,
        getattr(md, "toc_tokens", []),
        anchors.present_anchor_ids | raw_html.present_anchor_ids,
        title.title,
        {target.src_uri: found for target, found in links.links_to_anchors.items()},
        _captured.records,
    )


def generated(src_uri: str) -> bool:
    return src_uri.split("/", 1)[0] in OWNED_DIRS


class Prerenderer:
    """The pool and the pages it converts, for one site build."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._pages: dict[str, Future] = {}
        self._files = None

    def start(self, files, config, mode: str = "auto", only_modified: bool = False) -> None:
        """Submit every generated page (with ``only_modified``, as a dirty build, those newer
        than their HTML), when there are enough of them to be worth it (``mode``: the
        ``parallel_render`` option, ``auto``, ``on`` or ``off``)."""
        global _site
        self.close()
        pages = [f.src_uri for f in files.documentation_pages() if generated(f.src_uri) and (not only_modified or f.is_modified())]
        workers = max(os.cpu_count() or 1, 2)
        others = any(len(config.plugins.events[event]) > 1 for event in ("page_markdown", "page_content"))
        if mode == "off" or others or (mode != "on" and (len(pages) < PARALLEL_FROM or (os.cpu_count() or 1) < 2)):
            return
        _site, self._files = (files, config), files
        self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=_start_worker)
        self._pages = {uri: self._pool.submit(convert, uri) for uri in pages}
        log.info("diparchive: converting %d generated pages in %d processes", len(pages), workers)

    def takes(self, page) -> bool:
        return page.file.src_uri in self._pages

    def content(self, page) -> str:
        """The page's HTML; sets what MkDocs would have set while converting it."""
        html, toc_tokens, anchors, title, links, messages = self._pages.pop(page.file.src_uri).result()
        for name, level, message in messages:
            logging.getLogger(name).log(level, message)
        page.toc = get_toc(toc_tokens)
        page.present_anchor_ids = anchors
        page._title_from_render = title
        if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:  # as Page.render
            page.links_to_anchors = {self._files.get_file_from_path(uri): found for uri, found in links.items()}
        if not self._pages:
            self.close()
        return html

    def close(self) -> None:
        global _site
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
        self._pool, self._pages, _site = None, {}, None
