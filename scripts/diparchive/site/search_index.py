"""Index the archive for search with Pagefind, in one of three record designs.

- ``passages``: one record per paragraph. Pagefind's filters belong to a whole record, so this is
  what makes a speaker or theme filter apply to the very passage. Pagefind's memory and its
  metadata grow with the number of passages, so it suits collections of up to about
  ``PASSAGE_RECORD_LIMIT`` passages (a few hundred transcripts).
- ``pages``: one record per transcript, each paragraph under a heading with its anchor, which
  Pagefind returns as sub-results; the search page draws those as passages. Filters then apply to
  whole transcripts. Several times less memory and fewer bytes per search (see the README's
  performance notes).
- ``voices``: one record per voice of a transcript (all of one speaker's paragraphs in it, each
  under a heading with its anchor, as sub-results). A speaker filter then means that speaker's
  words, as with passages, with a handful of records per transcript; a theme filter chooses the
  voices with a paragraph of that theme, and the search page draws only those paragraphs
  (``records.js``, ``answersFilters``). Larger collections get it.

The records are made from the same paragraph records as the open data
(``exports.paragraph_records``), not by reading the built pages back. A record's indexed body is
its passage's own words and nothing else: Pagefind searches every ``data-pagefind-meta`` value as
words, so the transcript's title, venue and speakers given as metadata would match a word query
on every one of its passages (a search for "Lavrov" found 94 passages, 6 of which hold the word).
A record therefore has filters and sort keys only; its address names its transcript and
paragraph (``transcripts/<slug>/L13.html``, or ``transcripts/<slug>.html`` for a page record), and
the transcript's details (title, date, venue, kind, voices, paragraph numbers and headings) are
written to ``site/search-data/<slug>.json`` for the search page (``assets/records.js``).

Records are written as small HTML files (``templates/record*.html.j2``) in a scratch directory and
Pagefind runs on them with its output in ``site/pagefind/``. An archive too large for one
Pagefind run in ``SHARD_MEMORY`` is indexed in shards of whole years, merged by the search page.
``site/assets/search-config.json`` tells the search page which design and which shards it has.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
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
from pathlib import Path

import jinja2

from diparchive.ingest import sidecar as schema
from diparchive.infra import switch
from diparchive.site.collections import search_collections
from diparchive.site.identities import FILE as IDENTITIES, identity_of_names, read_identities
from diparchive.infra.errors import InputError
from diparchive.publish.exports import paragraph_records
from diparchive.infra.lock import build_lock, timeout_from
from diparchive.model import Transcript
from diparchive.infra.options import DEFAULTS, Settings
from diparchive.ingest.variants import read_variants

log = logging.getLogger(__name__)

ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("diparchive", "publish/templates"),
    autoescape=True,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)

NARRATION = "Narration (news report)"
QUESTION = "Question (from the floor)"
QUESTION_SPOKEN = "Question"
"""How a paragraph record names a question's voice (model.QUESTION)."""


DASH_JOIN = re.compile(r"(?<=[^\W_])([\u2012-\u2015\u2212])(?=[^\W_])")
"""A dash that joins two words with no space ("suits them–the freedom", "Russia–NATO")."""
LONE_DASH = re.compile(r"(?<=\S)\s+([\u2012-\u2015\u2212-]+)(?=\s)")
"""A dash with a space either side ("suits them – the freedom")."""
DASH_MARK = "\u2060"
"""Pagefind counts every run of characters between spaces as a word and indexes an ASCII hyphen's
parts only at the whole word's place, so a phrase across a dash is never found: "them – the"
has a word "–" between, and "them–the" is one word, which also hides "Russia" in "Russia–NATO".
Pagefind is given the text with each dash's spacing changed and marked by this invisible
character (WORD JOINER), which Pagefind keeps in the text it returns but does not index: a lone
dash goes onto the word before it ("them⁠–" "the"), and a joining dash gets a space after it
("them–" "⁠the"). The search page (``query.js``, ``shownWord``) undoes it: the mark at the start
of a word joins it to the one before; within one, it is a space. Excerpts thus show the source's
characters. The source's own text never has the mark (``clean/shape.py`` removes it)."""


def indexed_text(text: str) -> str:
    """A passage's text as Pagefind is given it (see ``DASH_MARK``). The open data and the pages
    keep the text as it is."""
    text = DASH_JOIN.sub(lambda m: m.group(1) + " " + DASH_MARK, text)
    return LONE_DASH.sub(lambda m: DASH_MARK + m.group(1), text)


@dataclass(frozen=True)
class Passage:
    """One paragraph as search sees it: its words, and what it can be filtered and sorted by."""

    slug: str
    anchor: str
    text: str
    date: str
    filters: tuple[tuple[str, str], ...]

    @property
    def indexed(self) -> str:
        return indexed_text(self.text)

    @property
    def sort_key(self) -> str:
        """Oldest first, then in reading order. A date known to the month sorts before that
        month's days (' ' < '-'). ``assets/records.js`` computes the same keys."""
        return f"{self.date} {self.slug} {int(self.anchor[1:]):07d}"

    @property
    def newest_key(self) -> str:
        """Newest transcript first, yet each transcript's passages in reading order: Pagefind
        sorts by one key in one direction, so the date is inverted here."""
        parts = [int(x) for x in self.date.split("-")] + [0, 0]
        inverted = 99999999 - (parts[0] * 10000 + parts[1] * 100 + parts[2])
        return f"{inverted:08d} {self.slug} {int(self.anchor[1:]):07d}"


def voice_of(record: dict) -> dict:
    """Who speaks a paragraph record: a person, a question from the floor, or a report's narration."""
    if record["speaker"] is None:
        return {"name": NARRATION, "narration": True}
    if record["speaker_id"] is None:
        return {"name": QUESTION if record["speaker"] == QUESTION_SPOKEN else record["speaker"]}
    voice = {"name": record["speaker"], "role": record["speaker_role"] or ""}
    if record["speaker_country"]:
        voice["country"] = record["speaker_country"]
    return voice


def search_view(t: Transcript, registries, theme_labels: dict[str, str], quoted_countries: dict[str, str] | None = None) -> tuple[dict, list[Passage], tuple]:
    """A transcript's details for the search page, its passages for the index and its
    vocabulary (``vocabulary_of``), from its paragraph records (the open data's).
    ``quoted_countries`` gives the country that each person quoted in it speaks for
    (``quoted_country``): their quoted words are filed under it, as their spoken words are."""
    quoted_countries = quoted_countries or {}
    m = t.meta
    records = paragraph_records(t, registries, "")
    headings, heading_at = [""], {}
    for block in t.blocks:
        if block.kind == "heading":
            headings.append(block.text)
        elif block.kind == "paragraph":
            heading_at[block.anchor] = len(headings) - 1
    voices: list[dict] = []

    def voice(v: dict) -> int:
        if v not in voices:
            voices.append(v)
        return voices.index(v)

    kind = schema.KINDS[m.kind]
    themes: list[str] = []  # the labels of the themes its paragraphs are tagged with

    def theme(label: str) -> int:
        if label not in themes:
            themes.append(label)
        return themes.index(label)

    rows, passages = [], []
    vocabulary = vocabulary_of(records)
    for r in records:
        spoken = voice_of(r)
        quoted = [({"name": name, "quoted": True} | ({"country": quoted_countries[pid]} if pid in quoted_countries else {})) for name, pid in zip(r["quoted"], r["quoted_ids"])]
        ids = [voice(spoken)] + [voice(v) for v in quoted]
        tagged = [theme(theme_labels.get(t, t)) for t in r["themes"]]
        rows.append([r["anchor"], r["number"], ids, heading_at.get(r["anchor"], 0), tagged])
        filters = [("speaker", spoken["name"])] + [("speaker", name) for name in r["quoted"]]
        filters += [("country", c) for c in dict.fromkeys(v["country"] for v in [spoken, *quoted] if "country" in v)]
        filters += [("year", m.date.iso[:4]), ("event", m.venue.event), ("kind", kind)]
        filters += [("theme", theme_labels.get(theme, theme)) for theme in r["themes"]]
        filters += [("transcript", transcript_key(m.slug, m.date.iso))]
        passages.append(Passage(m.slug, r["anchor"], r["text"], m.date.iso, tuple(filters)))
    details = {
        "title": m.title, "date": m.date.iso, "date_display": m.date.display, "event": m.venue.event,
        "place": m.venue.place, "city": m.venue.city, "country": m.venue.country, "kind": kind,
        "language": m.language.text, "voices": voices, "themes": themes, "headings": headings, "paragraphs": rows,
    }
    return details, passages, vocabulary


VOCABULARY_WORD = re.compile(r"[^\W\d_]{3,}")
"""A word of the vocabulary: three letters or more (shorter ones are too close to each other to
suggest)."""


def vocabulary_of(records: list[dict]) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """A transcript's words, folded to lower case, with how often each occurs; and its people
    (their id and name: every speaker and everyone quoted in a report) with their passages."""
    words: dict[str, int] = {}
    people: dict[tuple[str, str], int] = {}
    for r in records:
        for word in VOCABULARY_WORD.findall(r["text"]):
            word = word.lower()
            words[word] = words.get(word, 0) + 1
        voices = ([(r["speaker_id"], r["speaker"])] if r["speaker_id"] else []) + list(zip(r["quoted_ids"], r["quoted"]))
        for voice in dict.fromkeys(voices):
            people[voice] = people.get(voice, 0) + 1
    return words, people


def letter_file(word: str) -> str:
    """The vocabulary file that holds a word, or a name with it: by its first letter, as a code
    point (``assets/search-names.js`` computes the same)."""
    return f"{ord(word[0].lower()):04x}.json"


def write_vocabulary(folder: Path, words: dict[str, int], people: dict[tuple[str, str], list[int]]) -> int:
    """``search-data/words/<letter>.json``: for each first letter, the archive's words with their
    counts, and the people with a word of their name beginning so ([name, person page, passages,
    transcripts]). The search page reads the letters of a query's words, after the results: to
    offer a name's speaker filter and page, and the nearest words where nothing matches."""
    files: dict[str, dict] = {}
    for word in sorted(words):
        files.setdefault(letter_file(word), {"words": {}, "people": []})["words"][word] = words[word]
    for (pid, name), (passages, transcripts) in sorted(people.items(), key=lambda item: item[0][1]):
        for part in dict.fromkeys(w.lower() for w in VOCABULARY_WORD.findall(name)):
            entry = [name, f"people/{pid}/", passages, transcripts]
            files.setdefault(letter_file(part), {"words": {}, "people": []})["people"].append(entry)
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_text(json.dumps(content, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    return len(files)


def quoted_country(spoken: dict[str, dict[str, set[str]]], person: str, year: str) -> str | None:
    """The country a person quoted in a report of ``year`` speaks for: the one they speak for in
    the archive's transcripts of that year, or, where they speak in none that year, of any year;
    none where that is not one country (``spoken``: {person: {year: {country}}})."""
    years = spoken.get(person, {})
    countries = years.get(year) or set().union(*years.values()) if years else set()
    return next(iter(countries)) if len(countries) == 1 else None


def transcript_key(slug: str, date: str) -> str:
    """A transcript's value of the hidden ``transcript`` filter: its year and a short hash of its
    slug (``2008:1f3c9a0b``). Pagefind returns a count per filter value with each search, so the
    search page's chart reads how many transcripts match per year from one search, whatever the
    record design (a passage, a voice or a whole transcript), without loading any result: the
    values with a count, grouped by the year they begin with. Short, because a large archive's
    list is one value per transcript. Only two slugs of one year could collide (they would count
    as one transcript): with 8 hex digits, at the Kremlin's 7,128 transcripts in 21 years the odds
    are about 1 in 3,500; a test checks the Kremlin collection has none."""
    return f"{date[:4]}:{hashlib.sha1(slug.encode()).hexdigest()[:8]}"


def record_html(p: Passage, lang: str) -> str:
    return ENV.get_template("record.html.j2").render(p=p, lang=lang)


def page_record_html(passages: list[Passage], lang: str) -> str:
    """One record for several passages (a transcript's, or one voice's in it), the paragraphs
    as sub-results. Filters are the union of its passages'."""
    filters = list(dict.fromkeys(f for p in passages for f in p.filters))
    return ENV.get_template("record-page.html.j2").render(first=passages[0], passages=passages, filters=filters, lang=lang)


PASSAGE_RECORD_LIMIT = 20_000
"""Above this many passages the index is built of voice records (LARGE_DESIGN): at 1,000 UN
speeches (about 50,000 passages) passage records cost Pagefind 3.6 GiB of memory against 1.0 GiB
for page records; at the Kremlin's 73,858 passages, 1.7 GiB against 1.1 GiB for voice records."""

PAGEFIND_BYTES_PER_WORD = {"pages": 380, "voices": 400, "passages": 1250}
"""Pagefind's peak memory per indexed word, measured on UN speeches (2,738 as page records:
3.0 GiB for 8.0 M words; 1,000 as passage records: 3.6 GiB for 2.9 M words)."""

SHARD_MEMORY = 3 * 2**30
"""The memory one Pagefind run may take. A larger archive is indexed in shards, each a run of
whole years, that the search page merges (``mergeIndex``): Pagefind holds a whole index in
memory while it writes it, 8.2 GiB for the 10,952 UN speeches in one piece."""

PAGEFIND_AT_ONCE = 2
"""Shards indexed at the same time: at most 2 x SHARD_MEMORY (6 GiB), under the 8 GB a hosted CI
runner has."""



DESIGNS = ("passages", "voices", "pages")
LARGE_DESIGN = "voices"
"""The design of an archive above PASSAGE_RECORD_LIMIT (see the README's performance notes)."""


def voice_groups(passages: list[Passage]) -> list[list[Passage]]:
    """A transcript's passages by the voice that speaks them (their first speaker filter), in
    order of first appearance; each group in reading order."""
    groups: dict[str, list[Passage]] = {}
    for p in passages:
        groups.setdefault(p.filters[0][1], []).append(p)
    return list(groups.values())


def choose_design(passages: int, requested: str | None = None) -> str:
    """The ``records`` option (``DIPARCHIVE_RECORDS``: passages, voices, pages or auto) overrides
    the choice by size."""
    requested = requested or "auto"
    if requested not in ("auto", *DESIGNS):
        raise InputError("DIPARCHIVE_RECORDS", "value", "auto, " + ", ".join(DESIGNS), repr(requested))
    if requested != "auto":
        return requested
    return "passages" if passages <= PASSAGE_RECORD_LIMIT else LARGE_DESIGN


def shard_memory(settings: Settings) -> int:
    """The ``shard_memory`` option (``DIPARCHIVE_SHARD_MEMORY``): bytes one Pagefind run may take."""
    value = str(settings.get("DIPARCHIVE_SHARD_MEMORY", "")).strip()
    if not value:
        return SHARD_MEMORY
    if not value.isdigit() or int(value) < 1:
        raise InputError("DIPARCHIVE_SHARD_MEMORY", "value", "a number of bytes, 1 or more", repr(value))
    return int(value)


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
"""From this many transcripts, their records are written on every core."""

_worker: tuple | None = None
_quoted: dict[str, dict[str, str]] = {}
"""{slug: {person quoted in it: the country they speak for}}, for the records written again."""


def _start_worker(cache, registries, theme_labels, design, root, data) -> None:
    global _worker
    _worker = (cache, registries, theme_labels, design, root, data)


def _write_records(key) -> tuple[str, int, int]:
    """One transcript's records, written under ``root/years/<year>/transcripts/``, and its
    details under ``data``: its year, words, passages and the filters they have. ``key`` is its
    cache key, or the transcript itself where there is no cache."""
    cache, registries, theme_labels, design, root, data = _worker
    t = key if isinstance(key, Transcript) else cache.get(key)
    if t is None:
        raise RuntimeError(f"search index: transcript {key} is no longer in the cache")
    details, passages, vocabulary = search_view(t, registries, theme_labels, _quoted.get(t.meta.slug))
    slug, lang = t.meta.slug, t.meta.language.text
    (data / f"{slug}.json").write_text(json.dumps(details, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    year = t.meta.date.iso[:4]
    folder = root / "years" / year / "transcripts"
    if passages and design == "pages":
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{slug}.html").write_text(page_record_html(passages, lang), "utf-8")
    elif passages and design == "voices":  # V<n>: the voice's number in details["voices"]
        (folder / slug).mkdir(parents=True, exist_ok=True)
        spoken = {v["name"]: i for i, v in reversed(list(enumerate(details["voices"]))) if not v.get("quoted")}
        for group in voice_groups(passages):
            number = spoken[group[0].filters[0][1]]
            (folder / slug / f"V{number}.html").write_text(page_record_html(group, lang), "utf-8")
    elif passages:
        (folder / slug).mkdir(parents=True, exist_ok=True)
        for p in passages:
            (folder / slug / f"{p.anchor}.html").write_text(record_html(p, lang), "utf-8")
    speaks_for = {(s.person, s.country) for s in t.meta.speakers if s.country}
    quoted = {pid for pids in t.quotes.values() for pid in pids}
    found = (slug, speaks_for, quoted)
    return year, sum(len(p.text.split()) for p in passages), len(passages), {key for p in passages for key, _ in p.filters}, vocabulary, found


def index_site(site: Path, project, settings: Settings = DEFAULTS) -> dict:
    """Write site/pagefind/ (the index; further shards under site/pagefind-shards/),
    site/search-data/ (each transcript's details) and site/assets/search-config.json; return
    counts. Transcripts are taken from the normalise cache one at a time, so nothing grows with
    the archive but the list of years.

    All of it is written beside the site first and each directory then switched in whole
    (``switch.replace_dir``), the configuration last: a stopped run leaves the previous index
    working. (Under ``mkdocs build`` the whole site is new and is itself switched in at once;
    ``diparchive index`` does the same with a copy of the site made of hard links.)"""
    with build_lock(project.root, timeout_from(settings)):
        switch.sweep(site)
        stage = switch.sibling(site, "index")
        stage.mkdir()
        try:
            summary = _index_into(stage, project, settings)
            for name in ("search-data", "pagefind-shards", "pagefind"):
                if (stage / name).is_dir():
                    switch.replace_dir(stage / name, site / name)
                elif (site / name).exists():
                    shutil.rmtree(site / name)
            (site / "assets").mkdir(parents=True, exist_ok=True)
            os.replace(stage / "search-config.json", site / "assets" / "search-config.json")
        finally:
            shutil.rmtree(stage, ignore_errors=True)
    return summary


def index_built_site(site: Path, project, settings: Settings = DEFAULTS) -> dict:
    """``diparchive index``: index a site already built, switching the whole site at once. The
    index is written into a copy of the site made of hard links (no file of a built site is
    ever changed in place, so the copy shares them safely), which then takes the site's place."""
    from diparchive.infra.places import index_site_problem

    problem = index_site_problem(project, site)
    if problem is not None:
        raise problem
    with build_lock(project.root, timeout_from(settings)):
        switch.sweep(site)
        copy = switch.sibling(site, "next")
        try:
            switch.clone_dir(site, copy)
            summary = index_site(copy, project, settings)
            switch.replace_dir(copy, site)
        finally:
            shutil.rmtree(copy, ignore_errors=True)
    return summary


def _index_into(stage: Path, project, settings: Settings) -> dict:
    """``index_site``'s work, its output written under ``stage`` as it will be in the site."""
    from diparchive.pipeline import Stored, gather, project_cache  # imported here: the pipeline's hooks import this module

    transcripts, registries = gather(project, lazy=True)
    theme_labels = {t.id: t.label for t in registries.themes}
    keys = transcripts.keys if isinstance(transcripts, Stored) else list(transcripts)
    workers = os.cpu_count() or 1
    words: dict[str, int] = {}
    counted = {"pages": 0, "passages": 0}
    facets: set[str] = set()
    vocabulary: dict[str, int] = {}
    people: dict[tuple[str, str], list[int]] = {}
    countries: dict[str, dict[str, set[str]]] = {}  # {person: {year: the countries they speak for}}
    quoting: list[tuple] = []  # (key, slug, year, people quoted) of each transcript that quotes someone
    with tempfile.TemporaryDirectory(prefix="diparchive-records-") as scratch:
        root = Path(scratch)
        fresh = root / "search-data"
        fresh.mkdir()
        cache = transcripts.cache if isinstance(transcripts, Stored) else project_cache(project)
        design = choose_design(_count_paragraphs(transcripts), settings.get("DIPARCHIVE_RECORDS"))
        args = (cache, registries, theme_labels, design, root, fresh)
        parallel = len(keys) >= PARALLEL_FROM and workers > 1 and isinstance(keys[0], str)
        pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=args) if parallel else None
        _start_worker(*args)
        with pool or contextlib.nullcontext():
            for n, (year, count, passages, keys_used, (spoken, voices), (slug, speaks_for, quoted)) in enumerate(pool.map(_write_records, keys, chunksize=32) if pool else map(_write_records, keys)):
                for person, country in speaks_for:
                    countries.setdefault(person, {}).setdefault(year, set()).add(country)
                if quoted:
                    quoting.append((keys[n], slug, year, quoted))
                facets |= keys_used
                for word, n in spoken.items():
                    vocabulary[word] = vocabulary.get(word, 0) + n
                for voice, n in voices.items():
                    counts = people.setdefault(voice, [0, 0])
                    counts[0] += n
                    counts[1] += 1
                words[year] = words.get(year, 0) + count
                counted["pages"] += 1
                counted["passages"] += passages
        # A report's quotations are filed under the country their speaker speaks for elsewhere,
        # known only once every transcript is read: those few transcripts are written again.
        for key, slug, year, quoted in quoting:
            found = {pid: c for pid in sorted(quoted) if (c := quoted_country(countries, pid, year))}
            if found:
                _quoted[slug] = found
                result = _write_records(key)
                facets |= result[3]
        _quoted.clear()
        write_vocabulary(fresh / "words", vocabulary, people)
        shutil.move(str(fresh), str(stage / "search-data"))
        budget = shard_memory(settings)
        shards = plan_shards({y: n for y, n in words.items() if n}, PAGEFIND_BYTES_PER_WORD[design], budget)
        pagefind = {"seconds": 0.0, "peak_kib": 0}
        for number, years in enumerate(shards):
            (root / f"shard-{number}" / "transcripts").mkdir(parents=True)
            for year in years:
                for item in sorted((root / "years" / year / "transcripts").iterdir()):
                    item.rename(root / f"shard-{number}" / "transcripts" / item.name)

        def run_pagefind(number: int) -> None:
            source = root / f"shard-{number}"
            run = subprocess.run(
                [sys.executable, "-m", "pagefind", "--site", str(source), "--output-path", str(stage / shard_path(number)), "--quiet"],
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
        # The filters the index has that a reader chooses from (a collection without speakers'
        # countries has no "country"): the search page offers only these, and splits by them.
        "facets": sorted(facets - {"year", "transcript"}),
        "shards": [{"path": shard_path(n), "years": years} for n, years in enumerate(shards)] if len(shards) > 1 else [],
        "variants": read_variants(project.transcripts / "variants.yml", project.shown(project.transcripts / "variants.yml")),
        "collections": (collections := search_collections(project.root, settings)),
        "identities": identity_of_names(
            read_identities(project.root / IDENTITIES, {c["id"]: c["name"] for c in collections}),
            next((c["id"] for c in collections if c["self"]), None),
            {pid: name for pid, name in people},
        ),
    }
    (stage / "search-config.json").write_text(json.dumps(config, ensure_ascii=False, sort_keys=True) + "\n", "utf-8")
    log.info("search: indexed %d passages of %d transcripts as %s records in %d shard(s)", counted["passages"], counted["pages"], design, len(shards))
    return {**counted, "records": design, "shards": len(shards), "pagefind": pagefind}


def _count_paragraphs(transcripts) -> int:
    """How many passages the archive has: counted by ``gather`` as it went through the cache
    (``Stored.paragraphs``), or over the list given."""
    from diparchive.pipeline import Stored

    if isinstance(transcripts, Stored):
        return transcripts.paragraphs
    return sum(len(t.paragraphs) for t in transcripts)
