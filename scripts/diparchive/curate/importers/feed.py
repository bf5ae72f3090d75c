"""Import a publisher's feed (RSS 2.0 or Atom) as the archive's input, with no code of the
publisher's own: what is truly the publisher's (its name, licence, time zone, address, the people
its labels name by office or surname) is a declared profile (``profiles/<name>.yml``, checked
against ``PROFILE``); the rest is the drafter's, as for any capture (``curate/draft.py``).

    python -m diparchive.curate.importers.feed FEED --profile state-department --out DIR

Each item that is a transcript becomes a capture kept as the feed gives it (the item's HTML,
byte for byte, ``<slug>.html``) and a drafted sidecar (``<slug>.yml``) listing what was drafted
for review; the people its labels name go into one ``people.yml``; ``import-report.json`` says
what was read, imported and skipped, and why. An item is a transcript when its text has speaker
labels, or when a byline is followed by the place where it was said (remarks, a speech); a
written statement, a readout or a notice has neither (``transcript_reason``).

The event's date is the one the header states where it states one; otherwise the item's
publication time in the publisher's time zone (a ``pubDate`` of 00:27 UTC on 23 February is
22 February in Washington).
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import json
import logging
import lzma
import re
import sys
import tarfile
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from diparchive.curate.draft import BYLINE, DEPARTMENTS, HONORIFICS, TIME, OFFICE_WORDS, Draft, _date, capitalised, draft, drafted_fields, header_block, one_spelling, slugify
from diparchive.segment.segment import TITLES
from diparchive.infra.errors import InputError, shorten
from diparchive.ingest.labels import PARTICLES, SMALL_WORDS, split_label
from diparchive.ingest.people import UNKNOWN, Registry, alias_key, dump_people
from diparchive.curate.importers.labelled import labels_of, resolved_to
from diparchive.curate.profile import HEADER, Profile, profile_path, read_profile
from diparchive.ingest.read import source_text
from diparchive.ingest.sidecar import dump_sidecar
from diparchive.model import Person, SourceText
from diparchive.segment.segment import QUESTION
from diparchive.text import is_sentence

log = logging.getLogger(__name__)

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


@dataclass(frozen=True)
class Item:
    """One entry of a feed or one file of a folder: its title, address, publication time and
    text (the article's HTML; the Markdown file, YAML header and all), kept as ``<slug><suffix>``."""

    title: str
    link: str
    published: dt.datetime | None
    text: str
    suffix: str = ".html"


def read_feed(path: Path) -> list[Item]:
    """The items of an RSS 2.0 or Atom feed (``.xz`` compressed or not), in the feed's order."""
    shown = str(path)
    try:
        raw = lzma.open(path).read() if path.suffix == ".xz" else path.read_bytes()
        root = ET.fromstring(raw)
    except (OSError, lzma.LZMAError, ET.ParseError) as error:
        raise InputError(shown, "", "an RSS 2.0 or Atom feed", shorten(str(error))) from None
    items = []
    if root.tag == f"{ATOM}feed":
        for entry in root.findall(f"{ATOM}entry"):
            link = next((e.get("href") for e in entry.findall(f"{ATOM}link") if e.get("rel") in (None, "alternate")), "") or ""
            content = entry.find(f"{ATOM}content")
            when = entry.findtext(f"{ATOM}published") or entry.findtext(f"{ATOM}updated")
            items.append(Item((entry.findtext(f"{ATOM}title") or "").strip(), link.strip(), _iso_time(when), content.text or "" if content is not None else ""))
    elif root.tag == "rss":
        for entry in root.findall("./channel/item"):
            content = entry.findtext(CONTENT) or entry.findtext("description") or ""
            when = entry.findtext("pubDate")
            published = email.utils.parsedate_to_datetime(when) if when else None
            items.append(Item((entry.findtext("title") or "").strip(), (entry.findtext("link") or "").strip(), published, content))
    else:
        raise InputError(shown, "", "an RSS 2.0 (<rss>) or Atom (<feed>) feed", f"<{root.tag}>")
    return items


def _iso_time(text: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00")) if text else None
    except ValueError:
        return None


def read_items(path: Path, profile: Profile) -> tuple[list[Item], dict[str, str]]:
    """The items of a feed file, or of a folder of Markdown captures (a directory, or a ``.tar``
    archive of one, compressed or not), in order; and the files refused, with why."""
    if path.is_dir() or ".tar" in path.suffixes:
        return read_folder(path, profile.header)
    return read_feed(path), {}


def read_folder(path: Path, fields: dict[str, str] = HEADER) -> tuple[list[Item], dict[str, str]]:
    """The Markdown captures (``*.md``) of a folder or a tar archive, by path: each an item whose
    title, address and publication time are its YAML header's ``fields``; and the files refused
    (not UTF-8, no header), with why."""
    shown = str(path)
    files: list[tuple[str, bytes]] = []
    try:
        if path.is_dir():
            files = [(str(p.relative_to(path)), p.read_bytes()) for p in sorted(path.rglob("*.md")) if p.is_file()]
        else:
            with tarfile.open(path) as archive:
                for member in sorted(archive.getmembers(), key=lambda m: m.name):
                    if member.isfile() and member.name.endswith(".md"):
                        files.append((member.name, archive.extractfile(member).read()))
    except (OSError, tarfile.TarError, lzma.LZMAError) as error:
        raise InputError(shown, "", "a folder or tar archive of Markdown captures", shorten(str(error))) from None
    if not files:
        raise InputError(shown, "", "a folder or tar archive of Markdown captures (*.md)", "no .md file")
    items, refused = [], {}
    for name, raw in files:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            refused[name] = "not UTF-8 text"
            continue
        header = _header_of(text)
        if header is None:
            refused[name] = "no YAML header (a Markdown capture opens with one, between '---' lines)"
            continue
        when = _iso_time(header.get(fields["published"])) or _iso_time(header.get("date"))
        items.append(Item(str(header.get(fields["title"]) or "").strip(), str(header.get(fields["link"]) or "").strip(), when, text, ".md"))
    return items, refused


def _header_of(text: str) -> dict[str, str] | None:
    """A Markdown capture's YAML header, every value as text (nothing in it is trusted)."""
    lines = text.removeprefix("\ufeff").split("\n", 200)
    if not lines or lines[0].strip() != "---":
        return None
    end = next((i for i in range(1, len(lines) - 1) if lines[i].strip() == "---"), None)
    if end is None:
        return None
    try:
        data = yaml.load("\n".join(lines[1:end]), Loader=yaml.BaseLoader)  # noqa: S506 - BaseLoader builds strings only
    except yaml.YAMLError:
        return None
    return {str(k): v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else None


def capture_of(item: Item, name: str) -> SourceText:
    """The item's text as a capture, its header the item's own title and address."""
    source = source_text(Path(name), item.text.encode("utf-8"), name)
    header = {**source.header, "title": item.title, "og:url": item.link}
    return replace(source, header=header)


def transcript_reason(source: SourceText) -> str | None:
    """Why an item is a transcript (None: it is not): speaker labels, two or more; a speaker's
    label opening the text (a speech: 'THE PRESIDENT: Good morning'); the time it was said in the
    header ('3:46 P.M. PDT'); a byline followed by the place where it was said (remarks); or a
    title that names remarks or a speech. A written statement's text follows its byline at once;
    a readout, a notice or a fact sheet has none of these."""
    from diparchive.clean.shape import layout

    units = [u for u in layout(source).units if u.text and source.hints.get(u.no) != "front-matter"]
    marked = {u.text for u in units if source.hints.get(u.no) == "label"}
    texts = [u.text for u in units]
    labels = [split_label(t, t in marked) for t in texts]
    voiced = [label is not None and bool(label.rest) and (label.name.isupper() or label.printed in marked or bool(QUESTION.match(label.name))) for label in labels]
    if sum(voiced) >= 2:
        return "speaker labels"
    opening = next((i for i, t in enumerate(texts) if voiced[i] or (is_sentence(t) and not _title_cased(t))), None)
    if opening is not None and voiced[opening]:
        return "a speaker's label opens the text"
    if opening is not None and any(TIME.match(t.strip()) for t in texts[:opening]):
        return "the time it was said, in the header"
    block = header_block(texts, marked, titled=False)
    if block.bylines and (block.place or block.medium):
        return "a byline, then the place where it was said"
    if SPOKEN_TITLE.search(source.header.get("title", "")) and not WRITTEN_TITLE.search(source.header.get("title", "")):
        return "its title names remarks or a speech"
    return None


SPOKEN_TITLE = re.compile(r"\b(?:remarks|address|speech|toast|eulogy|keynote|transcript)\b", re.I)
WRITTEN_TITLE = re.compile(
    r"^(?:joint\s+)?(?:statement|readout|fact\s+sheet|proclamation|memorandum|letter|message|notice|media\s+note)\b"
    r"|\b(?:to|will)\s+(?:deliver|give|make|host|hold|attend|travel)\b", re.I)
"""A title that names words spoken ('Remarks as Prepared for Delivery by …'), and one that is a
written text's ('Statement by …', 'Readout of …') or announces remarks to come ('Secretary
Blinken to Deliver Remarks at …'), which no mention of remarks in it makes spoken. A message
named inside a title of remarks ('… Holiday Theme and Message of Gratitude') leaves them spoken."""


def _title_cased(text: str) -> bool:
    """A short line of capitalised words: a header's place or site ('The Ellipse Washington, D.C.'), not a sentence."""
    return len(text.split()) <= 10 and capitalised(text)


def event_date(source: SourceText, published: dt.datetime | None, zone: ZoneInfo) -> tuple[str | None, str]:
    """The event's date and how it is known: a date line of the header (before the first
    sentence), else the publication time in the publisher's time zone."""
    from diparchive.clean.shape import layout

    for unit in layout(source).units:
        text = unit.text
        if not text:
            continue
        if split_label(text) or (is_sentence(text) and not BYLINE.match(text)):
            break
        stated = _date(text)
        if stated:
            return stated, f"Stated in the capture's header ({stated})."
    if published is None:
        return None, ""
    local = published.astimezone(zone)
    return local.date().isoformat(), (
        f"The feed's publication time ({published.isoformat()}), on {local.date().isoformat()} in the publisher's time zone "
        f"({zone.key}); the capture states no date: check that the event took place that day."
    )


def slug_of(values: dict, title: str) -> str:
    """A slug that names the date, the principal speakers and the kind: '2021-05-20-blinken-egede-broberg-kofod-press-availability'."""
    named = [s for s in values.get("speakers", []) if s.get("person") != UNKNOWN.id]  # 'PARTICIPANT:' names no one
    surnames = [s.get("name", s["person"]).split()[-1] for s in named[:4] if s.get("name") or s.get("person")]
    words = slugify(" ".join(surnames), 4) if surnames else slugify(title, 6)
    kind = values.get("kind", "")
    return f"{values['date'][:10]}-{words}-{kind}".strip("-")[:120].rstrip("-")


def sidecar_values(item: Item, d: Draft, profile: Profile, date: str, basis: str, name: str, added: str) -> dict:
    """The sidecar of one item: the draft, the item's own title and address, the profile's terms."""
    values = dict(d.values)
    values.pop("draft", None)
    values["title"] = item.title
    values["date"] = date
    values["date_basis"] = basis
    values["summary"] = item.title
    values["venue.event"] = values.get("venue.event") or item.title
    values["source.url"] = item.link
    values["source.publisher"] = profile.publisher
    values["source.capture"] = name
    values["source.added"] = added
    values["licence.status"] = profile.licence["status"]
    values["licence.note"] = profile.licence["note"]
    if profile.licence.get("url"):
        values["licence.url"] = profile.licence["url"]
    values["language.text"] = profile.language
    values.setdefault("language.original", profile.language)
    values.setdefault("language.translation", "original")
    drafted = [p for p in drafted_fields(d) if p in values and values[p] == d.values[p] and not p.startswith(("licence", "source.publisher"))]
    values["draft"] = list(dict.fromkeys(["date", *drafted, *(["speakers"] if values.get("speakers") else [])]))
    return values


def import_feed(feed: Path, profile: Profile, out: Path, added: str, limit: int | None = None) -> dict:
    """Write the transcripts of ``feed`` (a feed file, or a folder or tar archive of Markdown
    captures) into ``out`` as the archive's input; return the report."""
    started = time.perf_counter()
    items, refused = read_items(feed, profile)
    items = items[:limit]
    report = {"items": len(items) + len(refused), "imported": 0, "skipped": dict(refused), "reasons": Counter(), "kinds": Counter()}
    chosen: list[tuple[Item, SourceText, str]] = []
    for number, item in enumerate(items):
        if not profile.address.match(item.link):
            report["skipped"][item.link or f"item {number}"] = "its address is not the publisher's (profile 'address')"
            continue
        if not item.text.strip():
            report["skipped"][item.link] = "no text"
            continue
        try:
            source = capture_of(item, "item" + item.suffix)
        except InputError as error:
            report["skipped"][item.link] = f"not a capture the archive reads: {error.found}"
            continue
        reason = transcript_reason(source)
        if reason is None:
            report["skipped"][item.link] = "not a transcript: no speaker labels, and no place line after a byline (a statement, readout or notice)"
            continue
        report["reasons"][reason] += 1
        chosen.append((item, source, reason))
    # The people the labels name: first against the profile's, then one registry of them all.
    known = Registry(dict(profile.people))
    first = [draft(source, known, "item" + item.suffix) for item, source, _ in chosen]
    people = dict(profile.people)
    for d in first:
        for pid, entry in d.new_people.items():
            if pid not in people:
                people[pid] = Person(pid, entry["name"], "(to write: who they are, in one line)", ())
    # One person under several spellings: a surname proposed alone ('Blinken', where a title gave
    # no byline), a name with an initial less or in another order ('Gina Raimondo', 'Yoshimasa
    # Hayashi') or a label's part of it ('ABDULLAH BIN ZAYED') is the fullest name of the feed that
    # holds all its words, where one name holds the most: an alias of theirs.
    spoken = Counter(s["person"] for d in first for s in d.values.get("speakers", []))
    merge_spellings(people, spoken, keep=frozenset(profile.people))
    for d in first:  # the office a byline gives, as a first description
        for speaker in d.values.get("speakers", []):
            pid = speaker["person"]
            if pid in people and people[pid].description.startswith("(to write") and speaker.get("role"):
                people[pid] = replace(people[pid], description=f"{speaker['role']} (as the publisher's byline gives it).")
    registry = Registry(people)
    used: set[str] = set()
    out.mkdir(parents=True, exist_ok=True)
    slugs: Counter = Counter()
    written: list[tuple[Item, SourceText, str, dict]] = []
    drafts = [draft(s, registry, "item" + i.suffix) for i, s, _ in chosen]
    for d, (_, source, _) in zip(drafts, chosen):
        roles_from_text(d, [line for line in source.lines if line], people)
    dated = [event_date(source, item.published, profile.zone) for item, source, _ in chosen]
    complete_roles(drafts, [date for date, _ in dated])
    for (item, source, reason), d, (date, basis) in zip(chosen, drafts, dated):
        if date is None:
            report["skipped"][item.link] = "no date: the item states none and has no publication time"
            continue
        for speaker in d.values.get("speakers", []):
            speaker.setdefault("name", people[speaker["person"]].name if speaker["person"] in people else speaker["person"])
            if not speaker.get("role") and speaker["person"] in profile.roles:
                speaker["role"] = profile.roles[speaker["person"]]  # the publisher's own spokesperson, say
        slug = slug_of({**d.values, "date": date}, item.title)
        slugs[slug] += 1
        if slugs[slug] > 1:
            slug = f"{slug}-{slugs[slug]}"
        name = f"{slug}{item.suffix}"
        values = sidecar_values(item, d, profile, date, basis, name, added)
        for speaker in values.get("speakers", []):
            speaker.pop("name", None)
            used.add(speaker["person"])
        written.append((item, source, slug, values))
    for field in ("venue.event", "venue.city"):  # one spelling of a name, one page
        one_spelling([values for *_, values in written], field)
    resolved: dict[str, Counter] = {}  # a label's spelling -> whom it resolved to (None: no one), how often
    for item, source, slug, values in written:
        (out / f"{slug}{item.suffix}").write_bytes(item.text.encode("utf-8"))
        (out / f"{slug}.yml").write_text(dump_sidecar(values), encoding="utf-8", newline="\n")
        report["imported"] += 1
        report["kinds"][values.get("kind", "")] += 1
        own = {alias_key(name): s["person"] for s in values.get("speakers", []) for name in s.get("labels", ())}
        voices = frozenset(alias_key(name) for name in values.get("anonymous", ()))
        for printed, whom, not_label in labels_of(source, registry, frozenset(values.get("not_speaker_labels", ())), own, voices, tuple(s["person"] for s in values.get("speakers", []))):
            if not not_label:
                resolved.setdefault(printed, Counter())[whom] += 1
    report["labels"] = {label: resolved_to(sum(c.values()) - c[None], c - Counter({None: c[None]})) for label, c in sorted(resolved.items()) if sum(c.values()) > c[None]}
    report["unresolved_labels"] = {label: c[None] for label, c in sorted(resolved.items()) if c[None]}
    occurrences = sum(sum(c.values()) for c in resolved.values())
    report["label_occurrences"] = occurrences
    report["label_occurrences_resolved"] = occurrences - sum(report["unresolved_labels"].values())
    entries = {pid: {"name": p.name, "description": p.description, "aliases": list(p.aliases)} for pid, p in sorted(people.items()) if pid in used}
    header = f"# The people of the {profile.publisher} feed: from the profile, and as its bylines and labels name them.\n"
    (out / "people.yml").write_text(dump_people(entries, header=header), encoding="utf-8", newline="\n")
    report["reasons"], report["kinds"] = dict(report["reasons"]), dict(report["kinds"])
    report["people"] = len(entries)
    report["seconds"] = round(time.perf_counter() - started, 1)
    (out / "import-report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return report


def _bare(name: str) -> list[str]:
    """A name less any office, title, initial or particle ('Secretary Blinken', 'J. Blinken', 'Al Zayani')."""
    return [w for w in name.split() if w.casefold().strip(".,") not in OFFICE_WORDS | DEPARTMENTS | TITLES | PARTICLES and len(w.strip(".")) > 1]


def merge_spellings(people: dict[str, Person], spoken: Counter, keep: frozenset = frozenset()) -> None:
    """Join the spellings of one person, in place: a proposed person whose name's words (``_bare``,
    any case, any order) are all in the names of others, where one of those holds the most words
    and holds all the others', becomes an alias of that one ('Hayashi', 'Yoshimasa Hayashi' ->
    'Hayashi Yoshimasa'). Of names with the same words, the one the feed's speakers use most. A
    name of two words or more joins a fuller one only where a label printed it ('ABDULLAH BIN
    ZAYED'): 'Heiko Maas' is a name of its own, whatever longer one a faulty draft made.
    Two fuller names apart ('Joe Biden', 'Jill Biden' for 'Biden') leave a name as it is; the
    people in ``keep`` (the profile's) are never joined to another."""
    words = {pid: frozenset(w.casefold() for w in _bare(person.name)) for pid, person in people.items()}
    for pid in sorted(people, key=lambda p: (len(words[p]), p)):
        if pid in keep or not words[pid] or pid not in people:
            continue
        loose = len(words[pid]) == 1 or people[pid].name.isupper()  # a surname alone, or a label's words
        holders = [o for o in people if o != pid and len(words[o]) >= 2
                   and (words[pid] == words[o] or (loose and words[pid] < words[o]))]
        if not holders:
            continue
        widest = max(len(words[o]) for o in holders)
        tops = {words[o] for o in holders if len(words[o]) == widest}
        if len(tops) != 1 or not all(words[o] <= next(iter(tops)) for o in holders):
            continue  # fuller names apart: which person is meant is not known
        same = [o for o in holders if len(words[o]) == widest]
        if len(words[pid]) == widest:
            same.append(pid)
        target = max(same, key=lambda o: (o in keep, spoken[o], len(people[o].name), o))
        if target == pid:
            continue
        joined = (*people[target].aliases, people[pid].name, *people[pid].aliases)
        people[target] = replace(people[target], aliases=tuple(dict.fromkeys(a for a in joined if a != people[target].name)))
        del people[pid]


OPENERS = frozenset("here there today now please thank thanks and but so also welcome ladies gentlemen again next first finally joining with".split())
"""Words that open a sentence before an office and a name ('Please welcome …', 'Here’s …'), no part of the office."""
OFFICE_BEFORE = r"((?:[A-Z][\w’'.&-]*,?\s+|(?:of|for|and|the|on|to)\s+){1,12})"
"""Capitalised words, and the small words an office holds, just before a name in the text."""


def offices_in_text(texts: list[str], name: str) -> Counter:
    """The offices the text prints before a speaker's whole name ('… welcome to the stage World
    Food Prize Foundation President Barbara Stinson', 'thank Secretary of Agriculture Tom
    Vilsack'): the capitalised words up to the name that end in a word of an office."""
    found: Counter = Counter()
    pattern = re.compile(rf"{OFFICE_BEFORE}{re.escape(name)}(?![\w’'-])")
    for text in texts:
        for m in pattern.finditer(text):
            words = m.group(1).replace(",", "").split()
            while "and" in words and not any(w.casefold() in OFFICE_WORDS for w in words[: words.index("and")]):
                words = words[words.index("and") + 1:]  # 'Dan Benaim and Acting Assistant Secretary …': another's name first
            while words and (words[0].casefold() in SMALL_WORDS | OPENERS or not words[0][0].isupper() or "’" in words[0] or "'" in words[0]):
                words = words[1:]  # 'Here’s Senator …', 'Please welcome …'
            while words and words[-1].casefold().rstrip(".") in HONORIFICS:
                words = words[:-1]
            if m.group(1).rstrip().endswith((",", " and")) or not words:
                continue  # 'Secretary Blinken and Barbara Stinson': someone else's office
            folded = [w.casefold() for w in words]
            at = next((i for i, w in enumerate(folded) if w in OFFICE_WORDS), None)
            # ending in an office ('… Foundation President'), or an office of something ('Special Envoy for the Northern Triangle')
            if at is not None and (folded[-1] in OFFICE_WORDS | DEPARTMENTS or {"of", "for"} & set(folded[at + 1:])):
                found[" ".join(words)] += 1
    return found


def roles_from_text(d: Draft, texts: list[str], people: dict[str, Person]) -> None:
    """A speaker the labels and the header give no role, or an office's word alone, takes the
    office the text prints before the whole name ('Secretary' -> 'Secretary of Agriculture'): of
    several, the longest, then the one printed most."""
    for speaker in d.values.get("speakers", []):
        name = people[speaker["person"]].name if speaker["person"] in people else d.new_people.get(speaker["person"], {}).get("name", "")
        if len(name.split()) < 2:
            continue
        offices = offices_in_text(texts, name)
        if not offices:
            continue
        best = max(offices, key=lambda o: (len(o.split()), offices[o], o))
        role = " ".join((speaker.get("role") or "").split()).casefold()
        if not role or (len(role.split()) == 1 and best.casefold().startswith(role + " ")):
            speaker["role"] = best  # none given, or an office word alone ('Secretary' -> 'Secretary of Agriculture')


def complete_roles(drafts: list[Draft], dates: list[str | None]) -> None:
    """A role a label or a title gives short ('Secretary', 'FOREIGN MINISTER') is the fuller one
    that a byline or a title of the feed gives the same person, where one begins or ends with it
    ('Secretary of State', 'Israeli Foreign Minister'); of several, the one given most often. A
    role printed in capitals alone is written as an office is ('Foreign Minister'). A speaker
    given no role ('MS. JOHNSTONE', whom only the text introduces) takes the one the feed gives
    the same person nearest in time (``dates``: each draft's day): an office may change."""
    given: dict[str, Counter] = {}
    when: dict[str, list[tuple[int, str]]] = {}
    for d, date in zip(drafts, dates):
        for speaker in d.values.get("speakers", []):
            role = speaker.get("role")
            if role and not role.isupper():
                given.setdefault(speaker["person"], Counter())[role] += 1
                if date:
                    when.setdefault(speaker["person"], []).append((_day(date), role))
    for d, date in zip(drafts, dates):
        for speaker in d.values.get("speakers", []):
            role = speaker.get("role")
            if not role:
                if date and when.get(speaker["person"]):
                    counts = given[speaker["person"]]
                    speaker["role"] = min(when[speaker["person"]], key=lambda dr: (abs(dr[0] - _day(date)), -counts[dr[1]], dr[1]))[1]
                continue
            short = " ".join(role.split()).casefold()
            fuller = [(n, r) for r, n in given.get(speaker["person"], {}).items()
                      if len(r) > len(short) and (r.casefold().startswith(short + " ") or r.casefold().endswith(" " + short))]
            if fuller:
                speaker["role"] = max(fuller)[1]
            elif role.isupper():
                speaker["role"] = " ".join(w if w.casefold() in SMALL_WORDS else w.capitalize() for w in role.casefold().split())


def _day(date: str) -> int:
    """A day ('2022-03-28', or a year alone) as a number of days, to compare dates by."""
    return dt.date.fromisoformat(date[:10]).toordinal() if len(date) >= 10 else dt.date(int(date[:4]), 7, 1).toordinal()


def summary(report: dict) -> str:
    """The import's report in one line."""
    share = report["label_occurrences_resolved"] / report["label_occurrences"] if report["label_occurrences"] else 1.0
    return (
        f"read {report['items']} items; imported {report['imported']} transcripts; skipped {len(report['skipped'])} (each with why in import-report.json); "
        f"{report['label_occurrences_resolved']} of {report['label_occurrences']} label occurrences resolved ({share:.1%}); {report['people']} people"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Import a publisher's feed (RSS 2.0 or Atom), or a folder of Markdown captures, as the archive's input.")
    parser.add_argument("feed", type=Path, help="the feed file (.xml, .rss, or either .xz compressed), or a folder or tar archive (.tar, .tar.xz) of Markdown captures")
    parser.add_argument("--profile", required=True, help="the publisher's profile: a name (state-department) or a .yml file")
    parser.add_argument("--out", type=Path, required=True, help="the directory to write transcripts into")
    parser.add_argument("--limit", type=int, help="only the first N items")
    parser.add_argument("--added", default=dt.date.today().isoformat(), help="the date the items are added (source.added)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
    try:
        report = import_feed(args.feed, read_profile(profile_path(args.profile)), args.out, args.added, args.limit)
    except InputError as error:
        log.error("%s", error)
        return 1
    print(summary(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
