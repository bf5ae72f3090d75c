"""Import the UN General Debate Corpus (UNGDC) into the archive's input format.

The corpus (Harvard Dataverse, doi:10.7910/DVN/0TJX8Y) is one xz-compressed JSON object a line:
``id``, ``country_code``, ``country``, ``session``, ``year``, ``speaker``, ``post`` and ``text``.
For the first N speeches in file order this module writes, into a directory the user chooses:

- ``<slug>.txt``: the speech, one paragraph a line, paragraphs separated by a blank line;
- ``<slug>.yml``: its curated sidecar (see ``diparchive.sidecar.SCHEMA``);
- ``people.yml``: the registry of every speaker the sidecars name.

Paragraphs are rebuilt from the corpus's text, which is in one of two layouts: hard-wrapped
lines of a PDF extraction (most of 1969, 1982 and 1992-2014), or one paragraph a line (the other
years). The rebuilding keeps every word and every character other than the white space it
joins lines with and the hyphens of words it rejoins (``join_lines``). Page furniture (page
numbers, document symbols) is not removed here: each such line is set apart as a paragraph of its
own, so that the archive's cleaning rules remove it and report the removal.

Usage::

    python -m diparchive.importers.ungdc --corpus ungdc-1946-2024.jsonl.xz --out var/ungdc/transcripts \\
        [--limit N] [--added YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import lzma
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


from diparchive.curate.profile import profile_path, read_profile
from diparchive.ingest.people import UNKNOWN, alias_key, dump_people
from diparchive.ingest.sidecar import dump_sidecar
from diparchive.ingest.sidecar import SLUG
from diparchive.infra.slugs import id_slug

log = logging.getLogger(__name__)

DEFAULT_ADDED = "2026-11-23"
"""The day recorded as ``source.added`` unless ``--added`` says otherwise."""

# --------------------------------------------------------------------------- reading the corpus


@dataclass(frozen=True)
class Speech:
    """One record of the corpus, as the corpus gives it (``speaker``, ``post`` and ``country``
    may be None)."""

    id: str
    country_code: str
    country: str | None
    session: int
    year: int
    speaker: str | None
    post: str | None
    text: str


def read_speeches(corpus: Path, limit: int | None = None) -> list[Speech]:
    """The first ``limit`` speeches of the corpus (all of them for None), in file order."""
    speeches: list[Speech] = []
    with lzma.open(corpus, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if limit is not None and len(speeches) >= limit:
                break
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                speeches.append(
                    Speech(
                        id=str(record["id"]),
                        country_code=str(record["country_code"]),
                        country=record.get("country"),
                        session=int(record["session"]),
                        year=int(record["year"]),
                        speaker=record.get("speaker"),
                        post=record.get("post"),
                        text=record.get("text") or "",
                    )
                )
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{corpus}, line {number}: not a speech record ({exc})") from None
    return speeches


# --------------------------------------------------------------------------- lines

HORIZONTAL_SPACE = re.compile(r"[ \t\x0b\x0c]+")
INVISIBLE = "\ufeff\u200b\u2060\u00ad"
TERMINAL = ".!?:;…"
CLOSERS = "\"'”’»)]"
"""A line that ends a sentence or clause ends with . ! ? : ; or …, and any closing quotes or brackets after."""

PAGE_ARTEFACT_TOKEN = (
    r"(?:-\s?\d{1,4}\s?-|\d{1,4}"  # a page number: 12, - 4 -
    r"|\d{1,3}/\d{1,3}"  # a page of pages: 17/26
    r"|\d{2}-\d{5}(?:\s*\(E\))?"  # the UN's job number of a document: 93-86185, 11-51185 (E)
    r"|[A-Z]{1,3}(?:/[A-Z0-9.]+)*/(?:\d+/)?(?:PV|SR)\.\s?\d+"  # a record's symbol: A/48/PV.5, A/PV.1859
    r"|\d{2}/\d{2}/\d{4})"  # the record's date in its running header: 29/09/2015
)
PAGE_ARTEFACT = re.compile(rf"^{PAGE_ARTEFACT_TOKEN}(?:\s+{PAGE_ARTEFACT_TOKEN})*$")
_SESSION = r"[A-Z][a-z]+(?:-[a-z]+)? session"  # Forty-eighth session
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
RUNNING_HEADER = re.compile(
    r"^(?:\d{1,3}\s+)?"  # a page number before ...
    rf"(?:General Assembly\s*-?\s*{_SESSION}"  # 22 General Assembly - Forty-eighth session
    rf"|{_SESSION}\s*-?\s*\d{{1,2}} {_MONTH} [0-9lI]{{4}}"  # Forty-eighth session - 11 October l993 21
    r"|General Assembly\s*-?\s*\d{1,3}(?:st|nd|rd|th) (?:plenary )?meeting)"  # General Assembly 21st plenary meeting
    r"(?:\s+\d{1,3})?$"  # ... or after
)


def split_lines(text: str) -> list[str]:
    """The text's lines, as the archive's reader splits them (CR LF, CR and LF all end a line)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def normalise_line(line: str) -> str:
    """Collapse each run of spaces, tabs and form feeds to one space and strip the line's ends;
    every other character stays as it is."""
    return HORIZONTAL_SPACE.sub(" ", line).strip()


def is_page_artefact(line: str) -> bool:
    """A line of page furniture of the UN's printed records: only page numbers, document symbols
    (``A/48/PV.5``), job numbers (``93-86185``) and dates of the running header, or a running
    header of the 1990s records ('Forty-eighth session - 11 October 1993 21', 'General Assembly 21st
    plenary meeting'). ``line`` is already normalised."""
    return bool(PAGE_ARTEFACT.match(line) or RUNNING_HEADER.match(line))


STAGE_DIRECTION = re.compile(r"^\((?:spoke|continued) in [A-Z][a-z]+\)$")


def is_stage_direction(line: str) -> bool:
    """The record's note on the language a speaker turned to: '(spoke in French)'."""
    return bool(STAGE_DIRECTION.match(line))


def is_invisible(line: str) -> bool:
    """A non-empty line made only of invisible characters (a stray byte-order mark)."""
    return bool(line) and not line.strip(INVISIBLE)


def has_terminal_punctuation(line: str) -> bool:
    """Does the line end as a sentence or clause ends?"""
    tail = line.rstrip(CLOSERS)
    return bool(tail) and tail[-1] in TERMINAL


def starts_lowercase(line: str) -> bool:
    """Does the line begin with a lowercase letter (after any invisible characters)?"""
    visible = line.lstrip(INVISIBLE)
    return bool(visible) and visible[0].islower()


# --------------------------------------------------------------------------- hyphens

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
"""A word for the vocabulary: letters, with hyphens inside ('self-determination')."""
HYPHEN_END = re.compile(r"([^\W\d_]+)-$")
LEADING_WORD = re.compile(r"^[\ufeff\u200b\u2060\u00ad]*([^\W\d_]+)")


def count_words(texts: Iterable[str], vocabulary: Counter[str] | None = None) -> Counter[str]:
    """Count the lowercase words of ``texts`` as they are printed, line by line: a hyphenated
    word counts whole and as each pair of its neighbouring parts ('non-self-governing' counts
    'non-self-governing', 'non-self' and 'self-governing')."""
    vocabulary = Counter() if vocabulary is None else vocabulary
    for text in texts:
        for word in WORD.findall(text.lower()):
            vocabulary[word] += 1
            if word.count("-") > 1:
                parts = word.split("-")
                vocabulary.update(f"{a}-{b}" for a, b in zip(parts, parts[1:]))
    return vocabulary


def last_word(text: str) -> str:
    """What follows the last space of ``text``."""
    return text[text.rfind(" ") + 1 :]


def drops_hyphen(left: str, right: str, vocabulary: Counter[str]) -> bool:
    """Is ``left-`` at a line's end and ``right`` at the next line's start one word broken by the
    printer ('inter-' 'national')? Only when the joined word occurs elsewhere without a hyphen and
    the hyphenated form never does; otherwise the hyphen is the word's own ('self-determination')."""
    joined = f"{left}{right}".lower()
    hyphenated = f"{left}-{right}".lower()
    return vocabulary[joined] > 0 and vocabulary[hyphenated] == 0


def join_lines(left: str, right: str, vocabulary: Counter[str]) -> str:
    """Join a line with the next line of its paragraph.

    After a letter and a hyphen no space is inserted: the hyphen is dropped when the next line
    begins with a lowercase letter and ``drops_hyphen`` recognises a broken word, and kept
    otherwise ('self-' 'determination' gives 'self-determination'). Any other line is joined with
    one space.
    """
    end = HYPHEN_END.search(last_word(left)) if left.endswith("-") else None
    if end is None:
        return f"{left} {right}"
    start = LEADING_WORD.match(right)
    if start and starts_lowercase(right) and drops_hyphen(end.group(1), start.group(1), vocabulary):
        return left[:-1] + right
    return left + right


# --------------------------------------------------------------------------- layout

MIN_WRAPPED_LINES = 20
"""A text of fewer non-empty lines is taken to have one paragraph a line."""
OPEN_SHARE = 0.4
"""In a hard-wrapped text at least this share of lines stop mid-sentence."""
STEADY_WIDTH = 0.65
"""...and at least this share of those lines are within 25% of their median length."""
SHORT_LINE = 0.8
"""A line shorter than this share of the typical line stops before the margin."""
LONG_LINE = 1.25
"""A line longer than this multiple of the typical line is no wrapped line but a paragraph."""
HEADING_LINE = 0.5
"""A line without end punctuation shorter than this share of the typical line is a heading."""


@dataclass(frozen=True)
class Item:
    """One source line, classified: ``text`` (words), ``artefact`` (page furniture), ``void``
    (only invisible characters), ``blank`` or ``page-break`` (a form feed alone)."""

    kind: str
    text: str


@dataclass(frozen=True)
class Layout:
    """How a speech's text is laid out: ``wrapped`` lines of about ``width`` characters, or
    one paragraph a line."""

    wrapped: bool
    width: float = 0.0


@dataclass(frozen=True)
class Gap:
    """What lies between two lines of text: blank lines, and a page break (a form feed or a line
    of page furniture)."""

    blank: bool = False
    page_break: bool = False


def classify(text: str) -> list[Item]:
    """Split a speech into classified, normalised lines."""
    items = []
    for raw in split_lines(text):
        line = normalise_line(raw)
        if not line:
            items.append(Item("page-break" if "\x0c" in raw else "blank", ""))
        elif is_invisible(line):
            items.append(Item("void", line))
        elif is_page_artefact(line):
            items.append(Item("artefact", line))
        else:
            items.append(Item("text", line))
    return items


def _inner_lines(items: Sequence[Item]) -> list[str]:
    """Lines of text directly followed by another line of text (only invisible lines between)."""
    inner = []
    previous: str | None = None
    for item in items:
        if item.kind == "text":
            if previous is not None:
                inner.append(previous)
            previous = item.text
        elif item.kind != "void":
            previous = None
    return inner


def detect_layout(items: Sequence[Item]) -> Layout:
    """Decide, for one speech, whether its lines are hard-wrapped.

    Hard-wrapped text has many lines, and most lines that are followed by another line stop
    mid-sentence at about the same width. (The median line length alone misleads: some speeches
    are wrapped at 100 or 165 characters, and some have one short paragraph a line.) The typical
    line is the 75th percentile of the lengths of those wrapped lines.
    """
    texts = [item.text for item in items if item.kind == "text"]
    inner = _inner_lines(items)
    if len(texts) < MIN_WRAPPED_LINES or len(inner) < MIN_WRAPPED_LINES // 2:
        return Layout(False)
    open_lengths = [len(line) for line in inner if not has_terminal_punctuation(line)]
    if len(open_lengths) < OPEN_SHARE * len(inner):
        return Layout(False)
    middle = statistics.median(open_lengths)
    steady = [n for n in open_lengths if 0.75 * middle <= n <= 1.25 * middle]
    if len(steady) < STEADY_WIDTH * len(open_lengths):
        return Layout(False)
    width = statistics.quantiles(steady, n=4)[2] if len(steady) > 1 else float(steady[0])
    return Layout(True, width)


def ends_paragraph(line: str, following: str, gap: Gap, layout: Layout) -> bool:
    """Does ``line`` end its paragraph, given the next line of text and what lies between?

    In either layout a word broken at the line's end ('Secretary-' 'General') is never split
    between paragraphs, and a note '(spoke in French)' is a paragraph of its own.

    One paragraph a line: every line ends one, except a line that stops mid-sentence (no end
    punctuation) before a line that begins in lowercase, directly or across blank lines or page
    furniture: that is a paragraph broken by the printer's page.

    Hard-wrapped: a line never ends a paragraph before a line that begins in lowercase. Blank
    lines end it (unless they only surround page furniture or a form feed: a page break says
    nothing of paragraphs). Otherwise a line ends its paragraph when it ends with end punctuation
    and stops clearly short of the margin (under 0.8 of the typical line) or runs clearly past it
    (a paragraph that was never wrapped), or when it is a short line without end punctuation (a
    heading or a salutation) before a line that does not begin in lowercase.
    """
    if line.endswith("-") and HYPHEN_END.search(last_word(line)):
        return False
    if is_stage_direction(line) or is_stage_direction(following):
        return True
    continues = starts_lowercase(following)
    if not layout.wrapped:
        return not (continues and not has_terminal_punctuation(line))
    if continues:
        return False
    if gap.blank and not gap.page_break:
        return True
    if has_terminal_punctuation(line):
        return len(line) < SHORT_LINE * layout.width or len(line) > LONG_LINE * layout.width
    return len(line) < HEADING_LINE * layout.width


def rebuild_paragraphs(text: str, vocabulary: Counter[str]) -> list[str]:
    """The speech's paragraphs, in order, each on one line.

    Lines of page furniture (and lines of only invisible characters) are never joined to the
    text: each becomes a paragraph of its own, placed right after the paragraph it interrupts,
    so that the paragraph reads on across the page break.
    """
    items = classify(text)
    layout = detect_layout(items)
    paragraphs: list[str] = []
    current: str | None = None
    last_line = ""
    deferred: list[str] = []
    gap = Gap()

    def flush() -> None:
        nonlocal current
        if current is not None:
            paragraphs.append(current)
            current = None
        paragraphs.extend(deferred)
        deferred.clear()

    for item in items:
        if item.kind in ("artefact", "void"):
            if current is None:
                paragraphs.append(item.text)
            else:
                deferred.append(item.text)
            if item.kind == "artefact":
                gap = Gap(gap.blank, True)
            continue
        if item.kind in ("blank", "page-break"):
            gap = Gap(gap.blank or item.kind == "blank", gap.page_break or item.kind == "page-break")
            continue
        if current is not None and not ends_paragraph(last_line, item.text, gap, layout):
            current = join_lines(current, item.text, vocabulary)
        else:
            flush()
            current = item.text
        last_line = item.text
        gap = Gap()
    flush()
    return paragraphs


def format_transcript(paragraphs: Sequence[str]) -> str:
    """One paragraph a line, a blank line between paragraphs, a final newline."""
    return "\n\n".join(paragraphs) + "\n"


# --------------------------------------------------------------------------- metadata


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 111th."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def clean_name(text: str | None) -> str | None:
    """A name or office as the corpus gives it, white space normalised and stray trailing
    commas removed ('Al-Thani,' -> 'Al-Thani'); None when there is nothing."""
    if text is None:
        return None
    cleaned = " ".join(text.split()).rstrip(",; ")
    return cleaned or None


def person_id(speaker: str | None, country_code: str) -> str:
    """The people.yml id of a speaker: their name's slug and the country code ('mr-arce-arg');
    'unknown' (the archive's built-in unidentified speaker) when the corpus names nobody."""
    name = clean_name(speaker)
    if name is None:
        return UNKNOWN.id
    return f"{id_slug(name) or 'speaker'}-{id_slug(country_code)}"


def transcript_slug(speech: Speech) -> str:
    """``<year>-ungdc-<country code>-<session>``, e.g. ``2009-ungdc-rus-64``."""
    return f"{speech.year}-ungdc-{id_slug(speech.country_code)}-{speech.session}"


def recorded_country(speech: Speech) -> str | None:
    """The country as the speech's record names it; None when it names none, or gives something
    that is no name (one record has a spreadsheet formula, '29+C70+A7+D71:E74')."""
    name = clean_name(speech.country)
    return None if name is None or any(ch.isdigit() for ch in name) else name


def country_names(speeches: Iterable[Speech]) -> dict[str, str]:
    """For each country code, the name the corpus gives it most often (first seen on a tie): the
    name used for a speech whose record names no country."""
    counts: dict[str, Counter[str]] = {}
    for speech in speeches:
        name = recorded_country(speech)
        if name:
            counts.setdefault(speech.country_code, Counter())[name] += 1
    return {code: names.most_common(1)[0][0] for code, names in counts.items()}


def country_of(speech: Speech, fallback: dict[str, str]) -> str:
    """The speech's country as its record names it, else as other records name its code (else the code)."""
    return recorded_country(speech) or fallback.get(speech.country_code, speech.country_code)


PROFILE = read_profile(profile_path("un-general-debate"))
"""What the archive knows of the publisher (``curate/profiles/un-general-debate.yml``): name and the
corpus it comes through, licence, language."""


def title_of(speech: Speech, country: str) -> str:
    """'Statement by Mr. Arce (Argentina) at the 1st session of the UN General Assembly, 1946',
    with the speaker's office where the corpus records it."""
    speaker, post = clean_name(speech.speaker), clean_name(speech.post)
    if speaker is None:
        who = f"the representative of {country}"
    elif post is None:
        who = f"{speaker} ({country})"
    elif country.casefold() in post.casefold():
        who = f"{speaker}, {post},"
    else:
        who = f"{speaker}, {post} of {country},"
    return f"Statement by {who} at the {ordinal(speech.session)} session of the UN General Assembly, {speech.year}"


def sidecar_for(speech: Speech, country: str, corpus_name: str, added: str, speaks_for: str | None = None) -> dict[str, Any]:
    """The sidecar of one speech, as a mapping in the order a curator reads it. ``country`` is
    the name its record gives, for its title; ``speaks_for`` the one name of its country code
    (``country_names``), for the speaker's country, so that a search narrowed to a country or
    charted by it finds every speech of that code under one name (default: ``country``)."""
    session = ordinal(speech.session)
    return {
        "title": title_of(speech, country),
        "date": str(speech.year),
        "date_basis": f"The corpus records the session ({session}) and the year ({speech.year}), not the day.",
        "kind": "speech",
        "summary": f"General debate statement of {country} at the {session} session of the UN General Assembly ({speech.year}).",
        "venue": {
            "event": f"General debate of the {session} session of the UN General Assembly",
            "series": "UN General Assembly general debate",
            "place": "United Nations Headquarters",
            "city": "New York",
            "country": "United States",
        },
        "speakers": [{"person": person_id(speech.speaker, speech.country_code), "role": clean_name(speech.post), "country": speaks_for or country}],
        # the language a statement was delivered in is not recorded: undetermined ('und')
        "language": {"text": PROFILE.language, "original": "und", "translation": PROFILE.translation, "note": PROFILE.language_note},
        "source": {"publisher": PROFILE.credit, "capture": f"{corpus_name}#{speech.id}", "added": added},
        "licence": {"status": PROFILE.licence["status"], "note": PROFILE.licence["note"]},
    }


def people_registry(speeches: Iterable[Speech], fallback: dict[str, str]) -> dict[str, dict[str, Any]]:
    """One people.yml entry per speaker id, sorted by id, each named as the id's first speech
    names the speaker.

    The archive treats every name as an alias that may belong to one person only; the ids carry the
    country, so one name can belong to several ids ('Mr. Lopez' of Colombia and of the
    Philippines). Such names become '<name> (<country>)' for all of their ids, and where even that
    is shared, '<name> (<country>, <id>)'.
    """
    first: dict[str, tuple[str, str]] = {}
    for speech in speeches:
        pid = person_id(speech.speaker, speech.country_code)
        if pid != UNKNOWN.id and pid not in first:
            first[pid] = (clean_name(speech.speaker) or pid, country_of(speech, fallback))
    names = {pid: name for pid, (name, _) in first.items()}
    reserved = {alias_key(a) for a in (UNKNOWN.name, *UNKNOWN.aliases)}
    for qualify in (lambda pid: f"{first[pid][0]} ({first[pid][1]})", lambda pid: f"{first[pid][0]} ({first[pid][1]}, {pid})"):
        owners: dict[str, list[str]] = {}
        for pid, name in names.items():
            owners.setdefault(alias_key(name), []).append(pid)
        for key, pids in owners.items():
            if len(pids) > 1 or key in reserved:
                for pid in pids:
                    names[pid] = qualify(pid)
    return {
        pid: {
            "name": names[pid],
            "description": f"Speaker for {first[pid][1]} in the UN General Assembly general debate.",
            "aliases": [],
        }
        for pid in sorted(first)
    }


# --------------------------------------------------------------------------- the import


def unique_slugs(speeches: Iterable[Speech]) -> Iterator[str]:
    """Each speech's slug, with -2, -3 ... after a slug already given."""
    given: set[str] = set()
    for speech in speeches:
        base = slug = transcript_slug(speech)
        number = 1
        while slug in given:
            number += 1
            slug = f"{base}-{number}"
        given.add(slug)
        yield slug


def check_added(added: str) -> str:
    """``added`` if it is a real day written YYYY-MM-DD."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", added):
        raise ValueError(f"--added must be a day as YYYY-MM-DD, not {added!r}")
    dt.date.fromisoformat(added)
    return added


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


def import_corpus(corpus: Path, out: Path, limit: int | None = None, added: str = DEFAULT_ADDED) -> int:
    """Write the first ``limit`` speeches of ``corpus`` (all for None) into ``out`` as the
    archive's input: ``<slug>.txt``, ``<slug>.yml`` and ``people.yml``. Returns the number of
    speeches written. The same corpus and arguments always give byte-identical files."""
    check_added(added)
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be 0 or more, not {limit}")
    speeches = read_speeches(corpus, limit)
    vocabulary = count_words(speech.text for speech in speeches)
    fallback = country_names(speeches)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for speech, slug in zip(speeches, unique_slugs(speeches)):
        if not SLUG.match(slug):
            raise ValueError(f"{speech.id}: the slug {slug!r} is not lowercase letters, digits and hyphens")
        paragraphs = rebuild_paragraphs(speech.text, vocabulary)
        if not any(p.strip(INVISIBLE) for p in paragraphs):
            log.warning("%s: no text; not imported", speech.id)
            continue
        _write(out / f"{slug}.txt", format_transcript(paragraphs))
        sidecar = sidecar_for(speech, country_of(speech, fallback), corpus.name, added, fallback.get(speech.country_code))
        _write(out / f"{slug}.yml", dump_sidecar(sidecar))
        written.append(speech)
    _write(out / "people.yml", dump_people(people_registry(written, fallback)))
    return len(written)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m diparchive.importers.ungdc",
        description="Import speeches of the UN General Debate Corpus as archive transcripts.",
    )
    parser.add_argument("--corpus", type=Path, required=True, help="the corpus, ungdc-*.jsonl.xz")
    parser.add_argument("--out", type=Path, required=True, help="the directory to write transcripts into")
    parser.add_argument("--limit", type=int, help="import only the first N speeches (default: all)")
    parser.add_argument("--added", default=DEFAULT_ADDED, help=f"the day recorded as source.added (default: {DEFAULT_ADDED})")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
    try:
        check_added(args.added)
    except ValueError as exc:
        parser.error(str(exc))
    if args.limit is not None and args.limit < 0:
        parser.error("--limit must be 0 or more")
    started = time.perf_counter()
    try:
        count = import_corpus(args.corpus, args.out, args.limit, args.added)
    except (OSError, ValueError, lzma.LZMAError) as exc:
        log.error("%s", exc)
        return 1
    log.info("wrote %d speeches to %s in %.1f s", count, args.out, time.perf_counter() - started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
