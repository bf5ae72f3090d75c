"""Convert the transcript pages' Markdown to HTML in parallel, for ``mkdocs build``.

MkDocs converts every page in one process, one after another; for a large archive that is most
of the build (at 1,000 UN speeches, 60 % of ``mkdocs build``). The transcript pages are the bulk
of the pages and need nothing of the others to be converted: their bodies hold no links but to
their own paragraphs. So the hooks hand them to a pool of processes as soon as the site's files
are known, give MkDocs an empty Markdown for each, and put the HTML back when MkDocs asks for the
page's content, with what MkDocs itself would have found while converting: the table of
contents, the anchors the page has (which MkDocs checks other pages' links against) and the
title of a first heading. The conversion is MkDocs' own (the same Markdown extensions, options
and anchor and title collectors), so the pages are byte-identical to those of a plain build; a
test builds the site both ways and compares them.

Below ``PARALLEL_FROM`` transcripts (or with ``DIPARCHIVE_PARALLEL_RENDER=off``) nothing changes.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import markdown
from mkdocs.structure.pages import _ExtractAnchorsTreeprocessor, _ExtractTitleTreeprocessor, _RawHTMLPreprocessor
from mkdocs.structure.toc import get_toc
from mkdocs.utils import meta

log = logging.getLogger("mkdocs.hooks.diparchive")

PARALLEL_FROM = 200
"""Transcript pages from which the conversion is spread over the machine's cores."""

PREFIX = "transcripts/"


def convert(path: str, extensions: list, configs: dict) -> tuple[str, list, set[str], str | None]:
    """One page, as ``mkdocs.structure.pages.Page.render`` converts it: HTML, the table of
    contents' tokens, the anchors present and the title of a leading h1."""
    source = Path(path).read_text(encoding="utf-8-sig", errors="strict")  # as mkdocs File.content_string
    text, _ = meta.get_data(source)
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    raw_html = _RawHTMLPreprocessor()
    raw_html._register(md)
    anchors = _ExtractAnchorsTreeprocessor(None, None, None)
    anchors._register(md)
    title = _ExtractTitleTreeprocessor()
    title._register(md)
    html = md.convert(text)
    return html, getattr(md, "toc_tokens", []), anchors.present_anchor_ids | raw_html.present_anchor_ids, title.title


class Prerenderer:
    """The pool and the pages it converts, for one site build."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._pages: dict[str, Future] = {}

    def start(self, files, config) -> None:
        """Submit every transcript page, when there are enough of them to be worth it."""
        self.close()
        mode = os.environ.get("DIPARCHIVE_PARALLEL_RENDER", "auto")
        pages = [f for f in files.documentation_pages() if f.src_uri.startswith(PREFIX)]
        workers = os.cpu_count() or 1
        if mode == "off" or (mode != "on" and (len(pages) < PARALLEL_FROM or workers < 2)):
            return
        extensions, configs = list(config["markdown_extensions"]), dict(config["mdx_configs"] or {})
        if not all(isinstance(e, str) for e in extensions):
            return  # an extension given as an object may not pickle: leave it all to MkDocs
        self._pool = ProcessPoolExecutor(max(workers, 2))
        self._pages = {f.src_uri: self._pool.submit(convert, f.abs_src_path, extensions, configs) for f in pages}
        log.info("diparchive: converting %d transcript pages in %d processes", len(pages), max(workers, 2))

    def takes(self, page) -> bool:
        return page.file.src_uri in self._pages

    def content(self, page) -> str:
        """The page's HTML; sets what MkDocs would have set while converting it."""
        html, toc_tokens, anchors, title = self._pages.pop(page.file.src_uri).result()
        page.toc = get_toc(toc_tokens)
        page.present_anchor_ids = anchors
        page._title_from_render = title
        if not self._pages:
            self.close()
        return html

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
        self._pool, self._pages = None, {}
