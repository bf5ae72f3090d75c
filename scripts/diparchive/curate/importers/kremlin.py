"""Import the Kremlin's English website (en.kremlin.ru, 1999-2020) into the archive's input format.

The collection (``kremlin-en-2020.tar.xz``, a 2020 mirror of 7,128 pages, CC BY 4.0) is a tar
archive of saved pages, ``en.kremlin.ru/events/president/news/<id>.html``, or a directory of
them. For each page this module writes, into a directory the user chooses (git-ignored):

- ``<slug>.html``: the page, byte for byte: the capture the archive reads (``html_lines.py``);
- ``<slug>.yml``: its sidecar, drafted from the page's own structure by the same code as
  ``diparchive add`` (``draft.py``): title, date (only where the page states one), time, place,
  the lead as the summary, kind, address, publisher, licence and its attribution, the Geography,
  Topics and Persons tags, the speakers from the labels with their roles as printed;
- ``people.yml``: a registry of every speaker, built from the labels' printed spellings and the
  pages' Persons tags (printed surname first: 'Gref German'); a name printed with an initial
  ('V.Putin') or misspelt by a letter ('Angela Markel') is an alias of the person it names; two
  men of one name are told apart by the role printed with it, as ``kremlin-namesakes.yml``
  declares by hand (the ALROSA CEO Sergei Ivanov is not the Chief of Staff);
- ``import-report.json``: every label spelling with its count and the person it resolved to, the
  labels no person was found for, and the pages not imported, by name and reason.

Usage::

    python -m diparchive.importers.kremlin --corpus kremlin-en-2020.tar.xz --out var/kremlin/transcripts \\
        [--limit N] [--ids 58748,63613] [--added YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import re
import sys
import tarfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from diparchive.curate.draft import Draft, draft, drafted_fields, one_spelling, slugify
from diparchive.infra.errors import InputError
from diparchive.ingest.html_lines import html_lines
from diparchive.model import Person, SourceText
from diparchive.ingest.people import Registry, alias_key, entry_label, dump_people
from diparchive.text import is_sentence
from diparchive.infra.schema import Checker, Declaration, Entries, List, Slug, Text
from diparchive.ingest.labels import split_label
from diparchive.ingest.sidecar import SLUG, dump_sidecar, is_report, load_yaml
from diparchive.curate.importers.labelled import labels_of, resolved_to
from diparchive.curate.profile import profile_path, read_profile

log = logging.getLogger(__name__)

DEFAULT_ADDED = "2026-11-30"
"""The day recorded as ``source.added`` unless ``--added`` says otherwise."""

PROFILE = read_profile(profile_path("kremlin"))
"""What the archive knows of the publisher (``curate/profiles/kremlin.yml``): name, licence, language."""
TAG_BLOCKS = {"Geography": "geography", "Topics": "topics", "Persons": "persons"}
PAGE = re.compile(r"(?:^|/)(\d+)\.html$")


@dataclass
class Page:
    """One saved page, read: its number, bytes, lines and what the draft made of it."""

    ident: str
    raw: bytes
    source: SourceText | None = None
    problem: str | None = None
    tags: dict = field(default_factory=dict)
    lead: str | None = None


def pages_in(corpus: Path, limit: int | None = None, ids: set[str] | None = None) -> list[tuple[str, bytes]]:
    """(page number, bytes) of each saved page in the archive file or directory, in page order."""
    found: list[tuple[str, bytes]] = []
    if corpus.is_dir():
        for path in sorted(corpus.rglob("*.html")):
            match = PAGE.search(path.as_posix())
            if match and (ids is None or match.group(1) in ids):
                found.append((match.group(1), path.read_bytes()))
    else:
        with tarfile.open(corpus) as tar:
            for member in tar:
                match = PAGE.search(member.name)
                if member.isfile() and match and (ids is None or match.group(1) in ids):
                    found.append((match.group(1), tar.extractfile(member).read()))
    found.sort(key=lambda item: int(item[0]))
    return found[:limit] if limit is not None else found


def read_page(ident: str, raw: bytes) -> Page:
    """The page's lines through the archive's own reader, its tags and its lead."""
    page = Page(ident, raw)
    shown = f"{ident}.html"
    try:
        lines, hints, header = html_lines(raw.decode("utf-8"), shown)
    except UnicodeDecodeError as exc:
        page.problem = f"not UTF-8 (byte {exc.start})"
        return page
    except InputError as error:
        page.problem = f"{error.expected}; found {error.found}"
        return page
    page.source = SourceText(Path(shown), tuple(lines), "", "html", hints, header)
    current = None
    for number, line in enumerate(lines, 1):
        hint = hints.get(number)
        if hint and hint.startswith("heading:"):
            current = TAG_BLOCKS.get(line)
        elif current and hint == "tag":
            page.tags.setdefault(current, []).append(line)
        elif line:
            current = None if hint != "tag" else current
    page.lead = header.get("itemprop:description") or header.get("description") or header.get("og:description")
    if not _has_text(page.source):
        page.problem = "the page has no text: nothing between its headline and its publication footer"
    return page


ENDS_TEXT = {"Publication status", "See also", "Geography", "Topics", "Persons", "Additional"}


def _has_text(source: SourceText) -> bool:
    """Has the page any words between its headline and its publication footer (a lead, a
    paragraph), beyond its date, time and place?"""
    start = next((no for no in range(1, len(source.lines) + 1) if source.hints.get(no) == "heading:1"), None)
    if start is None:
        return True  # a layout without a headline: the build will say
    for number, line in enumerate(source.lines[start:], start + 1):
        if line in ENDS_TEXT:
            return False
        if source.hints.get(number) != "caption" and (is_sentence(line) or len(line.split()) >= 8):
            return True  # a place line ('Tauride Palace, St Petersburg') is not text
    return False


def _read_and_draft(ident: str, raw: bytes) -> tuple[Page, Draft | None]:
    """In a worker: the page, and its draft against no registry (the names it prints)."""
    page = read_page(ident, raw)
    if page.source is None or page.problem:
        return page, None
    return page, draft(page.source, Registry({}), f"{ident}.html")


_registry: Registry | None = None


def _start(registry: Registry) -> None:
    global _registry
    _registry = registry


def _draft_with_registry(item: tuple[str, SourceText | None]) -> Draft | None:
    ident, source = item
    return draft(source, _registry, f"{ident}.html") if source is not None else None


# --------------------------------------------------------------------------- the people registry

LINKS = {"bin", "ibn", "bint"}
"""Words that join a name to the father's ('Tamim bin Hamad Al Thani'): the name starts before them."""
PLACE_BEFORE = {"of", "for"}
"""Words after which a title names its place or body, not the person ('Prime Minister of Turkey
Ahmet Davutoglu', 'Head of the Federal Agency for Tourism Oleg Safonov')."""
REGNAL = re.compile(r"^[IVX]+$")
"""A regnal number ('King Abdullah II of Jordan', 'Patriarch Theophilos III of Jerusalem')."""
NOTE = re.compile(r"\s*\([^()]*\)\s*$")
"""A note after a label's name: '(retranslated)'."""


def _edit_distance_at_most_one(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` the same, or one letter apart: one changed, added or dropped, or two
    neighbours swapped ('Vlaidmir')?"""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _romanised(word: str) -> str:
    """One key for the ways a Russian name is written in English: 'Fyodor' and 'Fedor', 'Sergey'
    and 'Sergei', 'Dyomin' and 'Demin', 'Yury' and 'Yuri', 'Yevgeny' and 'Evgeny'."""
    key = word.casefold().replace("yo", "e").replace("ye", "e")
    key = re.sub(r"(?<=[aeou])y(?![aeiou])", "i", key)  # Sergey, Nikolay, Kleymenov
    return re.sub(r"i?y$", "i", key)  # Dmitriy, Dmitry, Yury


def _first_names_match(a: str, b: str) -> bool:
    """The same first name, written another way ('Sergey', 'Sergei') or misspelt by a letter
    ('Vladmir', 'Tatayana'), never a woman's name for a man's ('Stanislava', 'Stanislav')."""
    if _romanised(a) == _romanised(b):
        return True
    short, long_ = sorted((a.casefold(), b.casefold()), key=len)
    return len(short) >= 6 and long_ != short + "a" and _edit_distance_at_most_one(short, long_)


def _named_in(label: str, drafted: str, alone: set[str]) -> tuple[str, str] | None:
    """The name of the person a label names where the name drafted from it is not that name, and
    the spelling of it that ends the label (for the registry to find it there); None when the
    drafted name stands. ``alone``: the names some label prints alone ('Patriarch Kirill:').

    - a name joined to the father's: 'Tamim bin Hamad Al Thani', not 'Hamad Al Thani';
    - the place of a title taken for a first name: 'Prime Minister of Turkey Ahmet Davutoglu',
      not 'Turkey Ahmet Davutoglu';
    - a name before 'of' and a realm or see: 'King Abdullah II of Jordan', not 'of Jordan';
      'Patriarch Kirill of Moscow and All Russia', not 'All Russia'.
    """
    words, name = NOTE.sub("", label).split(), drafted.split()
    n = len(name)
    if not n or len(words) < n or [w.casefold() for w in words[-n:]] != [w.casefold() for w in name]:
        return None  # the drafted name is not how the label ends ('MaximTopilin')
    start = len(words) - n
    joined = start
    while joined >= 2 and words[joined - 1].casefold() in LINKS and words[joined - 2][:1].isupper():
        joined -= 2  # 'Mohammed bin Rashid Al Maktoum', 'Hamad bin Isa bin Salman Al Khalifa'
    if joined < start:
        whole = " ".join(words[joined:])
        return whole, whole
    if n >= 3 and start >= 1 and words[start - 1].casefold() in PLACE_BEFORE and words[start + 1][:1].isupper():
        whole = " ".join(words[start + 1 :])
        return whole, whole
    if not name[0][:1].islower() and (start == 0 or words[start - 1] != "and"):
        return None  # a name, not a realm drafted as one ('of Jordan', 'Moscow and All Russia')
    of = next((i for i, w in enumerate(words[: start + 1]) if w == "of"), None)
    if of is None or of < 2:
        return None
    head = words[:of]
    if REGNAL.match(head[-1]):
        return " ".join(head[-2:]), " ".join(words[of - 2 :])
    for size in (3, 2):
        if len(head) >= size and " ".join(head[-size:]) in alone:
            return " ".join(head[-size:]), " ".join(words[of - size :])
    return None


def _corrected(proposals: Counter, printed: dict[str, set[str]]) -> tuple[Counter, dict[str, set[str]]]:
    """The proposals with each name a label names corrected (``_named_in``), and the spellings
    that end the labels of the corrected ones, to be aliases of them. A drafted name that no
    label of its own bears out is dropped ('All Russia')."""
    alone = {NOTE.sub("", label) for labels in printed.values() for label in labels}
    out: Counter = Counter()
    spellings: dict[str, set[str]] = defaultdict(set)
    for (pid, name), count in sorted(proposals.items()):
        labels = sorted(printed.get(pid, ()))
        found = {label: _named_in(label, name, alone) for label in labels}
        kept = [label for label in labels if found[label] is None]
        if kept or not labels:
            out[(pid, name)] += count
        for label in labels:
            if found[label] is not None:
                right, spelling = found[label]
                new = slugify(right, 5)
                out[(new, right)] += max(1, count // len(labels)) if not kept else 1
                if spelling != right:
                    spellings[new].add(spelling)
    return out, spellings


def build_registry(proposals: Counter, printed: dict[str, set[str]], tags: Counter) -> tuple[dict[str, Person], dict[str, str]]:
    """People from the names the labels print (with how often) and the Persons tags: one entry per
    person, the commonest spelling its name. First each name a label names is corrected where the
    draft took a title's place or a realm for it (``_named_in``). Then a spelling with an initial
    for the first name ('V.Putin'), another romanisation ('Sergey Chemezov', 'Sergei Dyomin') or a
    first name misspelt by a letter ('Vladmir Putin') for the same surname, or a surname one
    letter off ('Angela Markel') for the same first name joins the entry it matches best. Returns
    the registry and, for each proposed id, the id it joined."""
    proposals, label_spellings = _corrected(proposals, printed)
    canonical: dict[str, str] = {}
    by_surname: dict[str, list[str]] = defaultdict(list)
    spellings_of: dict[str, Counter] = defaultdict(Counter)
    for (pid, name), count in proposals.items():
        spellings_of[pid][name] += count  # 'Sauli Niinistö' and 'Sauli Niinisto' make one id
    names = {pid: max(sorted(counts), key=counts.get) for pid, counts in spellings_of.items()}
    order = sorted(names, key=lambda pid: (-sum(c for (p, _), c in proposals.items() if p == pid), pid))
    for pid in order:
        words = names[pid].replace(".", ". ").split()
        if len(words) < 2:
            continue
        first, last = words[0], words[-1]
        initial = first.rstrip(".")
        target = None
        for other in by_surname.get(_romanised(last), []):
            other_first = names[other].split()[0]
            if len(initial) <= 2 and initial == other_first[: len(initial)]:
                target = other  # 'V.Putin' -> 'Vladimir Putin'
                break
            if len(initial) > 2 and _first_names_match(first, other_first):
                target = other  # 'Sergey Chemezov' -> 'Sergei Chemezov', 'Vladmir Putin' -> 'Vladimir Putin'
                break
        if target is None and len(last) >= 5:
            for surname, others in by_surname.items():
                if surname != _romanised(last) and _edit_distance_at_most_one(surname, _romanised(last)):
                    match = next((o for o in others if _romanised(names[o].split()[0]) == _romanised(first)), None)
                    if match:
                        target = match  # 'Angela Markel' -> 'Angela Merkel'
                        break
        if target is None:
            by_surname[_romanised(last)].append(pid)
            canonical[pid] = pid
        else:
            canonical[pid] = target
    for pid in names:
        canonical.setdefault(pid, pid)
    # a name drafted with a word of its role before it ('Russia Vladimir Putin', where a page names
    # him only after 'President of Russia') is the commoner name it ends with
    frequency = Counter()
    for (pid, _), count in proposals.items():
        frequency[pid] += count
    role_worded: set[str] = set()
    for pid in names:
        words = names[pid].split()
        for start in range(1, len(words) - 1):
            shorter = next((o for o in names if names[o] == " ".join(words[start:])), None)
            if shorter and frequency[shorter] > frequency[pid]:
                canonical[pid] = canonical[shorter]
                role_worded.add(pid)
                break
    people: dict[str, Person] = {}
    aliases: dict[str, set[str]] = defaultdict(set)
    for pid, target in canonical.items():
        if pid in role_worded:
            continue  # 'Russia Vladimir Putin' is no spelling of his name: as an alias it would cut 'President of Russia' to 'President of'
        aliases[target] |= set(spellings_of[pid]) | label_spellings.get(pid, set())  # the spellings joined into it; the printed roles stay out
    tag_of = {}
    for tag in tags:
        parts = tag.split()
        for k in range(1, len(parts)):
            tag_of[" ".join(parts[k:] + parts[:k]).casefold()] = tag
    for target in sorted(set(canonical.values())):
        name = names[target]
        spellings = sorted(a for a in aliases[target] if alias_key(a) != alias_key(name))
        tag = tag_of.get(name.casefold())
        description = f"Named in kremlin.ru's Persons tags as '{tag}'." if tag else "A speaker on kremlin.ru (not in its Persons tags)."
        people[target] = Person(target, name, description, tuple(spellings))
    return people, canonical


# --------------------------------------------------------------------------- namesakes

NAMESAKES = Path(__file__).with_name("kremlin-namesakes.yml")
"""People of one name whom the printed name cannot tell apart, told apart by hand (its header says how)."""


class NamesakeFields(Declaration, whole=True):
    """An entry of kremlin-namesakes.yml."""

    expected = "a mapping with name, description, shares, roles and seen"
    unknown = "one of the fields {sorted}"

    name = Text(required=True, expected="'name:' his full name")
    """His full name; it differs from the other man's, since a registry gives a name to one person."""
    description = Text(required=True, expected="'description:' who he is, and whom he is not")
    """Who he is, and whom he is not."""
    shares = Slug(required=True, expected="'shares:' the registry id of the other man of his name")
    """The registry id of the other man, to whom the registry gives every label of the name."""
    roles = List(Text(verbatim=True), required=True, whole=True, expected="'roles:' a list of words of a role that mark him")
    """Words of a role printed before the name that mark this man ('ALROSA'), matched as whole words."""
    seen = Text(required=True, expected="'seen:' the id of a page where it matters")
    """A page where it matters, for the reviewer."""


@dataclass(frozen=True)
class Namesake:
    person: Person
    shares: str
    roles: tuple[str, ...]

    def marks(self, role: str | None) -> bool:
        """Does a role printed before the name ('ALROSA CEO') mark this man?"""
        return bool(role) and any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", role) for word in self.roles)


def read_namesakes(path: Path = NAMESAKES) -> list[Namesake]:
    data, lines = load_yaml(path, path.name, "the namesakes of kremlin.ru")
    check = Checker(path.name, lines, entry_label)
    entries = check.read(Entries(NamesakeFields, required=True, expected="a mapping of person id -> {name, description, shares, roles, seen}"), data)
    check.refuse()
    return [Namesake(Person(pid, e["name"], e["description"], ()), e["shares"], tuple(e["roles"])) for pid, e in entries.items()]


def tell_namesakes_apart(values: dict, source: SourceText, registry: Registry, namesakes: list[Namesake]) -> None:
    """On a page whose label prints a namesake's role before the name ('ALROSA CEO Sergei
    Ivanov:'), the speaker the registry resolved (the other man of the name) is the namesake, with
    every label of the page that named the other man ('Sergei Ivanov:') as his."""
    for speaker in values.get("speakers", []):
        for namesake in namesakes:
            if speaker["person"] == namesake.shares and namesake.marks(speaker.get("role")):
                names = []
                for no, line in enumerate(source.lines, 1):
                    label = split_label(line, source.hints.get(no) == "label")
                    if label is not None and label.rest and registry.resolve_titled(label.name)[0] == namesake.shares and label.name not in names:
                        names.append(label.name)
                speaker["person"] = namesake.person.id
                speaker["labels"] = names
                break


# --------------------------------------------------------------------------- sidecars


def sidecar_values(page: Page, d: Draft, corpus_name: str, added: str) -> dict | None:
    """The sidecar of one page, from its draft and its own structure; None when it states no date."""
    values = dict(d.values)
    if "date" not in values:
        return None  # an item without a date says so, and is never given one: reported, not imported
    values.pop("draft", None)
    title = values.get("title") or f"kremlin.ru item {page.ident}"
    values["title"] = title
    values["summary"] = page.lead or title
    values["venue.event"] = title
    if values.get("venue.place"):  # 'The Kremlin, Moscow', 'Novo-Ogaryovo, Moscow Region': the town last
        *place, city = [part.strip().rstrip(".") for part in values.pop("venue.place").split(",")]
        values["venue.city"] = city
        if place:
            values["venue.place"] = ", ".join(place)
    values["source.capture"] = f"{corpus_name}: en.kremlin.ru/events/president/news/{page.ident}.html"
    values["source.added"] = added
    values["source.publisher"] = PROFILE.credit
    values["licence.status"] = PROFILE.licence["status"]
    values["licence.note"] = PROFILE.licence["note"]
    values["licence.url"] = PROFILE.licence["url"]
    values["language.text"] = PROFILE.language
    values["language.original"] = PROFILE.spoken
    values["language.translation"] = PROFILE.translation
    values["language.note"] = PROFILE.language_note
    for key, printed in page.tags.items():
        values[f"source.tags.{key}"] = printed
    if is_report(values.get("kind", "")):
        values["speakers"] = []
        values.pop("anonymous", None)
    # Published as drafted, and said to be (the pages mark them): the fields read from the page,
    # not those this importer states for the whole site (publisher, licence, language).
    drafted = [p for p in drafted_fields(d) if p in values and values[p] == d.values[p] and not p.startswith(("licence", "language", "source.publisher"))]
    if "venue.place" in d.values:
        drafted += [p for p in ("venue.place", "venue.city") if values.get(p)]
    if values.get("speakers"):
        drafted.append("speakers")
    values["draft"] = list(dict.fromkeys(drafted))
    return values


def import_collection(corpus: Path, out: Path, limit: int | None = None, ids: set[str] | None = None, added: str = DEFAULT_ADDED) -> dict:
    """Write the pages of ``corpus`` into ``out`` as the archive's input; return the report."""
    started = time.perf_counter()
    raw_pages = pages_in(corpus, limit, ids)
    workers = min(os.cpu_count() or 1, 4)
    parallel = len(raw_pages) >= 200 and workers > 1
    # First the names the pages print, then one registry of them, then the drafts against it.
    if parallel:
        with ProcessPoolExecutor(workers) as pool:
            pairs = list(pool.map(_read_and_draft, *zip(*raw_pages), chunksize=64))
    else:
        pairs = [_read_and_draft(i, r) for i, r in raw_pages]
    pages, first = [p for p, _ in pairs], [d for _, d in pairs]
    log.info("read and drafted %d pages in %.1f s", len(pages), time.perf_counter() - started)
    proposals: Counter = Counter()
    printed: dict[str, set[str]] = defaultdict(set)
    tags: Counter = Counter()
    for page, d in zip(pages, first):
        if d is None:
            continue
        tags.update(page.tags.get("persons", ()))
        for pid, entry in d.new_people.items():
            proposals[(pid, entry["name"])] += len(entry.get("printed", ())) or 1
            printed[pid] |= {label.rstrip(":").strip() for label in entry.get("printed", ())}
    people, joined = build_registry(proposals, printed, tags)
    registry = Registry(people)
    namesakes = [n for n in read_namesakes() if n.shares in people]
    # Drafted again against the registry: only the pages whose labels were looked up (a draft
    # that looked up no label is the same against any registry).
    again = [i for i, (p, d) in enumerate(zip(pages, first)) if d is not None and d.registry_asked]
    work = [(pages[i].ident, pages[i].source) for i in again]  # the lines only, not the bytes
    if parallel and len(work) >= 200:
        with ProcessPoolExecutor(workers, initializer=_start, initargs=(registry,)) as pool:
            redrafted = list(pool.map(_draft_with_registry, work, chunksize=16))
    else:
        _start(registry)
        redrafted = [_draft_with_registry(item) for item in work]
    drafts = list(first)
    for i, d in zip(again, redrafted):
        drafts[i] = d
    log.info("drafted %d pages with labels again against the registry of %d people", len(again), len(people))

    out.mkdir(parents=True, exist_ok=True)
    report = {"pages": len(pages), "imported": 0, "not_imported": {}, "labels": {}, "unresolved": {}, "layouts": Counter()}
    labels: Counter = Counter()
    not_labels: Counter = Counter()  # label-shaped lines the sidecars list as no voice
    resolved: dict[str, Counter] = defaultdict(Counter)  # spelling -> whom it resolved to (None: no one), how often
    used: set[str] = set()
    sidecars = [None if d is None else sidecar_values(page, d, corpus.name, added) for page, d in zip(pages, drafts)]
    for page, values in zip(pages, sidecars):
        if values:
            tell_namesakes_apart(values, page.source, registry, namesakes)
    for namesake in namesakes:
        if any(s["person"] == namesake.person.id for v in sidecars if v for s in v.get("speakers", [])):
            people[namesake.person.id] = namesake.person
    for spelt in ("venue.event", "venue.city"):
        one_spelling([v for v in sidecars if v], spelt)
    for page, d, values in zip(pages, drafts, sidecars):
        if d is None:
            report["not_imported"][page.ident] = page.problem
            continue
        header = page.source.header
        report["layouts"]["og:title" if "og:title" in header else "no og:title"] += 1
        report["layouts"]["datePublished" if "itemprop:datePublished" in header else "no datePublished"] += 1
        if values is None:
            report["not_imported"][page.ident] = "the page states no date"
            continue
        unknown = [s["person"] for s in values.get("speakers", []) if s["person"] not in registry and s["person"] not in people]
        if unknown:
            report["not_imported"][page.ident] = f"speakers not in the registry: {', '.join(unknown)}"
            continue
        slug = f"{values['date'][:10]}-{slugify(values['title'], 7)}-{page.ident}"
        if not SLUG.match(slug):
            slug = f"kremlin-{page.ident}"
        (out / f"{slug}.html").write_bytes(page.raw)
        (out / f"{slug}.yml").write_text(dump_sidecar(values), encoding="utf-8", newline="\n")
        report["imported"] += 1
        for speaker in values.get("speakers", []):
            used.add(speaker["person"])
        for problem in d.missing:
            if problem.startswith("who is"):
                report["unresolved"][problem] = report["unresolved"].get(problem, 0) + 1
        own = {alias_key(name): s["person"] for s in values.get("speakers", []) for name in s.get("labels", ())}
        voices = frozenset(alias_key(name) for name in values.get("anonymous", ()))
        for printed_label, pid, not_label in labels_of(page.source, registry, frozenset(values.get("not_speaker_labels", ())), own, voices):
            if not_label:
                not_labels[printed_label] += 1
                continue
            labels[printed_label] += 1
            resolved[printed_label][pid] += 1
    report["labels"], report["unresolved_labels"] = {}, {}
    for label in sorted(labels):
        whom = Counter(resolved[label])
        if whom[None]:  # a heading with a colon, say: unresolved where it stands
            report["unresolved_labels"][label] = whom.pop(None)
        if whom:
            report["labels"][label] = resolved_to(sum(whom.values()), whom)
    report["not_speaker_labels"] = dict(sorted(not_labels.items()))
    report["layouts"] = dict(sorted(report["layouts"].items()))
    report["people"] = len(people)
    report["seconds"] = round(time.perf_counter() - started, 1)
    (out / "people.yml").write_text(_people_yaml(people), encoding="utf-8", newline="\n")
    (out / "import-report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return report


def _people_yaml(people: dict[str, Person]) -> str:
    header = "# Speakers of the kremlin.ru collection, built by the Kremlin importer from the\n# labels' printed spellings and the pages' Persons tags.\n"
    entries = {pid: {"name": p.name, "description": p.description, "aliases": list(p.aliases)} for pid, p in sorted(people.items())}
    return dump_people(entries, header=header)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m diparchive.importers.kremlin", description="Import kremlin.ru pages as archive transcripts.")
    parser.add_argument("--corpus", type=Path, required=True, help="kremlin-en-2020.tar.xz, or a directory of saved pages")
    parser.add_argument("--out", type=Path, required=True, help="the directory to write transcripts into")
    parser.add_argument("--limit", type=int, help="import only the first N pages in page order")
    parser.add_argument("--ids", help="import only these pages: numbers separated by commas")
    parser.add_argument("--added", default=DEFAULT_ADDED, help=f"the day recorded as source.added (default: {DEFAULT_ADDED})")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
    try:
        dt.date.fromisoformat(args.added)
    except ValueError:
        parser.error(f"--added must be a day as YYYY-MM-DD, not {args.added!r}")
    ids = set(args.ids.split(",")) if args.ids else None
    try:
        report = import_collection(args.corpus, args.out, args.limit, ids, args.added)
    except (OSError, tarfile.TarError) as exc:
        log.error("%s", exc)
        return 1
    for ident, why in sorted(report["not_imported"].items(), key=lambda kv: int(kv[0])):
        log.warning("page %s not imported: %s", ident, why)
    log.info(
        "imported %d of %d pages (%d not, each named above), %d people, %d label spellings resolved (%d occurrences), "
        "%d occurrences of label-shaped lines unresolved (import-report.json), in %.1f s",
        report["imported"], report["pages"], len(report["not_imported"]), report["people"], len(report["labels"]),
        sum(v["count"] for v in report["labels"].values()), sum(report["unresolved_labels"].values()), report["seconds"],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
