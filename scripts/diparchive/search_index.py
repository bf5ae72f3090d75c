"""Index the finished site for search with Pagefind, in one of two record designs.

- ``passages``: one record per paragraph. Pagefind's filters belong to a whole record, so this is
  what makes a speaker or theme filter apply to the very passage. Pagefind's memory and its
  metadata grow with the number of passages, so it suits collections of up to about
  ``PASSAGE_RECORD_LIMIT`` passages (a few hundred transcripts).
- ``pages``: one record per transcript, each paragraph under a heading with its anchor, which
  Pagefind returns as sub-results; the search page draws those as passages. Filters then apply to
  whole transcripts. Several times less memory and fewer bytes per search (see the README's
  performance notes), so larger collections get it.

This stage reads each built transcript page (the HTML a reader sees), cuts it into passages,
writes the records as small HTML files (``templates/record*.html.j2``) in a scratch directory,
and runs Pagefind on them with its output in ``site/pagefind/``. Navigation, headers and footers
are never indexed. An archive too large for one Pagefind run in ``SHARD_MEMORY`` is indexed in
shards of whole years, merged by the search page. ``site/assets/search-config.json`` tells the
search page which design and which shards it has.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import yaml

from .errors import InputError
from .themes import read_themes

log = logging.getLogger(__name__)

ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("diparchive", "templates"),
    autoescape=True,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)

NARRATION = "Narration (news report)"
QUESTION = "Question (from the floor)"


@dataclass(frozen=True)
class Passage:
    slug: str
    anchor: str
    number: int
    text: str
    speaker: str
    role: str
    heading: str
    title: str
    date: str
    date_display: str
    event: str
    venue: str
    kind: str
    lang: str
    themes: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        """Relative to the site's root, so that it works under any subpath."""
        return f"transcripts/{self.slug}/#{self.anchor}"

    @property
    def sort_key(self) -> str:
        """Oldest first, then in reading order. A date known to the month sorts before that
        month's days (' ' < '-')."""
        return f"{self.date} {self.slug} {int(self.anchor[1:]):07d}"

    @property
    def newest_key(self) -> str:
        """Newest transcript first, yet each transcript's passages in reading order: Pagefind
        sorts by one key in one direction, so the date is inverted here."""
        parts = [int(x) for x in self.date.split("-")] + [0, 0]
        inverted = 99999999 - (parts[0] * 10000 + parts[1] * 100 + parts[2])
        return f"{inverted:08d} {self.slug} {int(self.anchor[1:]):07d}"


class _PageParser(HTMLParser):
    """Reads a built transcript page: the body's data-* attributes, turns, paragraphs, headings."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page: dict[str, str] = {}
        self.passages: list[dict] = []
        self.speaker = ""
        self.role = ""
        self.heading = ""
        self._in_body = 0
        self._capture: str | None = None  # "para" | "heading" | "speaker" | "role"
        self._skip = 0
        self._buffer: list[str] = []
        self._depth = 0
        self._para: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "div" and "transcript-body" in classes:
            self.page = {k[5:]: v for k, v in a.items() if k.startswith("data-")}
            self.page["lang"] = a.get("lang", "en")
            self._in_body = 1
            return
        if not self._in_body:
            return
        if tag == "div":
            self._in_body += 1
        if tag == "p" and "turn" in classes:
            self.speaker, self.role = "", ""
            self._turn_kind = a.get("data-speaker")
        elif tag == "strong" and "speaker-name" in classes:
            self._start("speaker")
        elif tag == "em" and "speaker-role" in classes:
            self._start("role")
        elif tag == "p" and "para" in classes:
            self._para = {"anchor": a["id"], "themes": tuple((a.get("data-themes") or "").split())}
            self._start("para")
        elif tag == "a" and "para-number" in classes and self._capture == "para":
            self._skip += 1
        elif tag == "h2":
            self._start("heading")

    def _start(self, what):
        self._capture, self._buffer = what, []

    def handle_endtag(self, tag):
        if not self._in_body:
            return
        if tag == "div":
            self._in_body -= 1
        if tag == "a" and self._skip:
            self._skip -= 1
            if self._capture == "para":
                self._para["number"] = int("".join(self._buffer).strip() or 0)
                self._buffer = []
            return
        text = " ".join("".join(self._buffer).split())
        if tag == "strong" and self._capture == "speaker":
            self.speaker = QUESTION if self._turn_kind == "question" else text
            self._capture = None
        elif tag == "em" and self._capture == "role":
            self.role, self._capture = text, None
        elif tag == "p" and self._capture == "para":
            self.passages.append({**self._para, "text": text, "speaker": self.speaker or NARRATION, "role": self.role, "heading": self.heading})
            self._capture = None
        elif tag == "h2" and self._capture == "heading":
            self.heading, self._capture = text, None

    def handle_data(self, data):
        if self._capture:
            self._buffer.append(data)


def passages_of(page: Path) -> list[Passage]:
    parser = _PageParser()
    parser.feed(page.read_text("utf-8"))
    info = parser.page
    if not info:
        return []
    return [
        Passage(
            slug=info["slug"], anchor=p["anchor"], number=p.get("number", 0), text=p["text"], speaker=p["speaker"],
            role=p["role"], heading=p["heading"], title=info["title"], date=info["date"], date_display=info["date-display"],
            event=info["event"], venue=info["venue"], kind=info["kind"], lang=info["lang"], themes=p["themes"],
        )
        for p in parser.passages
    ]


def record_html(p: Passage, theme_labels: dict[str, str]) -> str:
    meta = [
        ("url", p.url), ("title", p.title), ("date", p.date), ("date_display", p.date_display), ("venue", p.venue),
        ("speaker", p.speaker), ("role", p.role), ("number", str(p.number)), ("slug", p.slug), ("anchor", p.anchor),
        ("heading", p.heading), ("kind", p.kind), ("order", p.sort_key), ("newest", p.newest_key),
    ]
    filters = [("speaker", p.speaker), ("year", p.date[:4]), ("event", p.event), ("kind", p.kind)]
    filters += [("theme", theme_labels.get(t, t)) for t in p.themes]
    return ENV.get_template("record.html.j2").render(p=p, meta=[m for m in meta if m[1]], filters=filters)


def page_record_html(passages: list[Passage], theme_labels: dict[str, str]) -> str:
    """The large-archive design: one record per transcript, paragraphs as sub-results. Who speaks
    where travels as meta: ``voices`` (speaker and role, each once) and ``turns`` (the paragraph
    number at which each voice begins), so that each sub-result can name its speaker."""
    first = passages[0]
    voices: list[tuple[str, str]] = []
    turns: list[tuple[int, int]] = []
    for p in passages:
        voice = (p.speaker, p.role)
        if voice not in voices:
            voices.append(voice)
        if not turns or voices[turns[-1][1]] != voice:
            turns.append((int(p.anchor[1:]), voices.index(voice)))
    speakers = list(dict.fromkeys(p.speaker for p in passages))
    meta = [
        ("url", f"transcripts/{first.slug}/"), ("title", first.title), ("date", first.date), ("date_display", first.date_display),
        ("venue", first.venue), ("speaker", ", ".join(speakers)), ("slug", first.slug), ("kind", first.kind),
        ("order", first.sort_key), ("newest", first.newest_key), ("record", "page"),
        ("voices", json.dumps(voices, ensure_ascii=False)), ("turns", json.dumps(turns)),
    ]
    filters = [("speaker", s) for s in speakers] + [("year", first.date[:4]), ("event", first.event), ("kind", first.kind)]
    filters += [("theme", theme_labels.get(t, t)) for t in sorted({t for p in passages for t in p.themes})]
    return ENV.get_template("record-page.html.j2").render(first=first, passages=passages, meta=[m for m in meta if m[1]], filters=filters)


def load_variants(path: Path) -> list[list[str]]:
    """``transcripts/variants.yml``: groups of spellings a reader expects to find the same passages."""
    if not path.is_file():
        return []
    data = yaml.safe_load(path.read_text("utf-8")) or []
    groups = []
    for index, group in enumerate(data):
        if not isinstance(group, list) or len(group) < 2 or not all(isinstance(w, str) and w.strip() for w in group):
            raise InputError(str(path), f"item {index + 1}", "a list of two or more spellings", repr(group))
        groups.append([w.strip() for w in group])
    return groups


PASSAGE_RECORD_LIMIT = 20_000
"""Above this many passages the index is built of page records: at 1,000 UN speeches (about
50,000 passages) passage records cost Pagefind 3.6 GiB of memory against 1.0 GiB for page records."""

PAGEFIND_BYTES_PER_WORD = {"pages": 380, "passages": 1250}
"""Pagefind's peak memory per indexed word, measured on UN speeches (2,738 as page records:
3.0 GiB for 8.0 M words; 1,000 as passage records: 3.6 GiB for 2.9 M words)."""

SHARD_MEMORY = 3 * 2**30
"""The memory one Pagefind run may take. A larger archive is indexed in shards, each a run of
whole years, that the search page merges (``mergeIndex``): Pagefind holds a whole index in
memory while it writes it, 8.2 GiB for the 10,952 UN speeches in one piece."""

PAGEFIND_AT_ONCE = 2
"""Shards indexed at the same time: at most 2 x SHARD_MEMORY (6 GiB), under the 8 GB a hosted CI
runner has."""

PARA = re.compile(r'<p [^>]*class="para[ "]')


def choose_design(passages: int, requested: str | None = None) -> str:
    """``DIPARCHIVE_RECORDS`` (passages, pages or auto) overrides the choice by size."""
    requested = requested or os.environ.get("DIPARCHIVE_RECORDS") or "auto"
    if requested not in ("auto", "passages", "pages"):
        raise InputError("DIPARCHIVE_RECORDS", "value", "auto, passages or pages", repr(requested))
    if requested != "auto":
        return requested
    return "passages" if passages <= PASSAGE_RECORD_LIMIT else "pages"


def plan_shards(words_per_year: dict[str, int], bytes_per_word: int, budget: int = SHARD_MEMORY) -> list[list[str]]:
    """Consecutive years grouped so that each group's estimated Pagefind memory stays within the
    budget (a year larger than the budget is a shard of its own). Oldest first."""
    shards: list[list[str]] = []
    load = 0
    for year in sorted(words_per_year):
        cost = words_per_year[year] * bytes_per_word
        if shards and load + cost <= budget:
            shards[-1].append(year)
            load += cost
        else:
            shards.append([year])
            load = cost
    return shards


def shard_path(index: int) -> str:
    """Where shard ``index`` is written, relative to the site: the first is the primary index."""
    return "pagefind/" if index == 0 else f"pagefind-shards/{index}/"


PARALLEL_FROM = 64
"""From this many transcript pages, reading them and writing their records uses every core."""


def _count_passages(page: Path) -> int:
    return len(PARA.findall(page.read_text("utf-8")))


def _write_records(page: Path, design: str, theme_labels: dict[str, str], root: Path) -> tuple[str, int, int] | None:
    """One page's records, written under ``root/years/<year>/``: its year, words and passages."""
    passages = passages_of(page)
    if not passages:
        return None
    first = passages[0]
    year = first.date[:4]
    folder = root / "years" / year
    if design == "pages":
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{first.slug}.html").write_text(page_record_html(passages, theme_labels), "utf-8")
    else:
        (folder / first.slug).mkdir(parents=True, exist_ok=True)
        for p in passages:
            (folder / p.slug / f"{p.anchor}.html").write_text(record_html(p, theme_labels), "utf-8")
    return year, sum(len(p.text.split()) for p in passages), len(passages)


def index_site(site: Path, variants: Path | None = None, themes: Path | None = None, records: str | None = None) -> dict:
    """Write site/pagefind/ (the index; further shards under site/pagefind-shards/) and
    site/assets/search-config.json; return counts. Pages are read one at a time and their
    records written to a scratch directory by year, so nothing grows with the archive but the
    list of years."""
    vocabulary = read_themes(themes, str(themes)) if themes else None
    theme_labels = {t.id: t.label for t in vocabulary} if vocabulary else {}
    pages = sorted((site / "transcripts").glob("*/index.html"))
    workers = os.cpu_count() or 1
    pool = ProcessPoolExecutor(workers) if len(pages) >= PARALLEL_FROM and workers > 1 else None
    each = functools.partial(pool.map, chunksize=32) if pool else map
    words: dict[str, int] = {}
    counted = {"pages": 0, "passages": 0}
    with tempfile.TemporaryDirectory(prefix="diparchive-records-") as scratch, (pool or contextlib.nullcontext()):
        root = Path(scratch)
        design = choose_design(sum(each(_count_passages, pages)), records)
        write = functools.partial(_write_records, design=design, theme_labels=theme_labels, root=root)
        for found in each(write, pages):
            if found is None:
                continue
            year, count, passages = found
            words[year] = words.get(year, 0) + count
            counted["pages"] += 1
            counted["passages"] += passages
        if pool:
            pool.shutdown()
        for old in (site / "pagefind", site / "pagefind-shards"):
            if old.exists():
                shutil.rmtree(old)
        budget = int(os.environ.get("DIPARCHIVE_SHARD_MEMORY") or SHARD_MEMORY)  # tests force shards
        shards = plan_shards(words, PAGEFIND_BYTES_PER_WORD[design], budget)
        pagefind = {"seconds": 0.0, "peak_kib": 0}
        for number, years in enumerate(shards):
            (root / f"shard-{number}").mkdir()
            for year in years:
                (root / "years" / year).rename(root / f"shard-{number}" / year)

        def run_pagefind(number: int) -> None:
            source = root / f"shard-{number}"
            run = subprocess.run(
                [sys.executable, "-m", "pagefind", "--site", str(source), "--output-path", str(site / shard_path(number)), "--quiet"],
                capture_output=True, text=True,
            )
            if run.returncode != 0:
                raise RuntimeError(f"Pagefind failed ({run.returncode}): {run.stderr or run.stdout}")
            shutil.rmtree(source)

        # Two shards at a time where there are cores for it: each run uses little more than one.
        started = time.perf_counter()
        with ThreadPoolExecutor(min(PAGEFIND_AT_ONCE, os.cpu_count() or 1)) as runs:
            list(runs.map(run_pagefind, range(len(shards))))
        pagefind["seconds"] = time.perf_counter() - started
        # Pagefind's share, for the benchmark: its runs' time and the largest run's peak memory
        # (the benchmark samples all processes together).
        pagefind["peak_kib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    config = {
        "records": design,
        "shards": [{"path": shard_path(n), "years": years} for n, years in enumerate(shards)] if len(shards) > 1 else [],
        "variants": load_variants(variants) if variants else [],
    }
    assets = site / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    (assets / "search-config.json").write_text(json.dumps(config, ensure_ascii=False, sort_keys=True) + "\n", "utf-8")
    log.info("search: indexed %d passages of %d transcripts as %s records in %d shard(s)", counted["passages"], counted["pages"], design, len(shards))
    return {**counted, "records": design, "shards": len(shards), "pagefind": pagefind}
