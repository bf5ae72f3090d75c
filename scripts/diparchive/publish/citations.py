"""How to cite a transcript or one of its paragraphs: Chicago notes, BibTeX, RIS and CSL-JSON.

citeproc-py was tried for the Chicago note and left out: its styles package weighs 89 MB for the
one style needed, and version 0.11.1 fails on a paragraph locator. The formats are small and
fixed, so they are written here, each from the same ``Reference``, and tested; CSL-JSON is
exported too, so that reference managers and citeproc-js can format any other style.

The archive's address is known only when the site is built (``site_url``), so the Chicago note
is stored as a pattern with the placeholders below, filled by the page template (for the
transcript) and by assets/archive.js (for a paragraph, whose speaker may differ).
"""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass

from diparchive.ingest import sidecar as schema
from diparchive.model import PartialDate, Transcript

ARCHIVE = "Diplomatic Transcripts Archive"
AUTHOR, LOCATOR, URL = "@@AUTHOR@@", "@@LOCATOR@@", "@@URL@@"


@dataclass(frozen=True)
class Reference:
    key: str
    authors: tuple[str, ...]  # people's names, "Given Family"
    corporate: str | None  # an organisation as author, for a news report
    title: str
    kind: str
    event: str
    place: str
    date: PartialDate
    language: str
    source: str  # where the text comes from, in words
    kind_in_citation: str = ""


def reference(t: Transcript, registry) -> Reference:
    m = t.meta
    authors = tuple(registry[s.person].name for s in m.speakers if s.person != "unknown")
    corporate = m.source.publisher if not authors else None
    place = ", ".join(x for x in (m.venue.place, m.venue.city, m.venue.country) if x)
    return Reference(
        key=m.slug, authors=authors, corporate=corporate, title=m.title, kind=schema.KINDS[m.kind], event=m.venue.event,
        place=place, date=m.date, language=m.language.text, source=source_note(t),
        kind_in_citation=schema.KIND_IN_CITATION[m.kind],
    )


def source_note(t: Transcript) -> str:
    m = t.meta
    parts = []
    origin = m.source.original_publisher or m.source.publisher
    if origin:
        via = f", via {m.source.publisher}" if m.source.publisher and m.source.publisher != origin else ""
        parts.append(f"Source: {origin}{via}")
    url = m.source.url or m.source.original_url
    if url:
        parts.append(url)
    original = schema.language_name(m.language.original)
    translator = m.language.translator if m.language.translator not in (None, "unknown") else None
    by = f" by {translator}" if translator else " by an unknown translator" if m.language.translator == "unknown" else ""
    phrase = {
        "official": f"official translation{by} from {original}",
        "unofficial": f"unofficial translation{by} from {original}",
        "unknown": f"English text; whether and by whom it was translated from {original} is not known",
    }.get(m.language.translation)
    if phrase:
        parts.append(phrase)
    return "; ".join(parts)


def us_date(date: PartialDate) -> str:
    """Chicago's dates: 'December 5, 2008', 'December 2009', '1946'."""
    if date.month is None:
        return str(date.year)
    month = calendar.month_name[date.month]
    return f"{month} {date.day}, {date.year}" if date.day else f"{month} {date.year}"


def names(people: tuple[str, ...]) -> str:
    if len(people) <= 2:
        return " and ".join(people)
    return ", ".join(people[:-1]) + ", and " + people[-1]


def chicago_pattern(ref: Reference) -> str:
    """A Chicago note with placeholders for the author, the locator and the address."""
    details = ", ".join(x for x in (ref.kind_in_citation, ref.event, ref.place, us_date(ref.date)) if x)
    note = f"{AUTHOR}, “{ref.title}” ({details}){LOCATOR}, {ARCHIVE}, {URL}."
    if ref.source:
        note += f" {ref.source}."
    return note


def chicago(ref: Reference, url: str, author: str | None = None, paragraph: int | None = None) -> str:
    note = chicago_pattern(ref)
    who = author or names(ref.authors) or ref.corporate or ""
    note = note.replace(AUTHOR, who) if who else note.replace(f"{AUTHOR}, ", "")
    return note.replace(LOCATOR, f", para. {paragraph}" if paragraph else "").replace(URL, url)


def _split(name: str) -> tuple[str, str]:
    given, _, family = name.rpartition(" ")
    return family, given


BIBTEX_SPECIAL = str.maketrans({
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$", "#": r"\#", "_": r"\_",
    "^": r"\^{}", "~": r"\~{}",
})


def bibtex(ref: Reference, url: str) -> str:
    def esc(text: str) -> str:
        return " ".join(text.translate(BIBTEX_SPECIAL).split())

    fields = []
    if ref.authors:
        fields.append(("author", " and ".join(f"{esc(f)}, {esc(g)}" if g else esc(f) for f, g in map(_split, ref.authors))))
    elif ref.corporate:
        fields.append(("author", "{" + esc(ref.corporate) + "}"))
    fields += [
        ("title", "{" + esc(ref.title) + "}"),
        ("howpublished", esc(", ".join(x for x in (ref.kind, ref.event, ref.place) if x))),
        ("date", ref.date.iso),
        ("year", str(ref.date.year)),
    ]
    if ref.date.month:
        fields.append(("month", calendar.month_abbr[ref.date.month].lower()))
    fields += [("url", url), ("publisher", ARCHIVE), ("langid", esc(schema.language_name(ref.language).lower()))]
    if ref.source:
        fields.append(("note", esc(ref.source)))
    body = ",\n".join(f"  {k} = {{{v}}}" if k != "month" else f"  {k} = {v}" for k, v in fields)
    return f"@misc{{{ref.key},\n{body}\n}}\n"


def ris(ref: Reference, url: str) -> str:
    def line(tag: str, value: str) -> str:
        return f"{tag}  - {' '.join(value.split())}"

    out = [line("TY", "GEN")]
    out += [line("AU", f"{f}, {g}" if g else f) for f, g in map(_split, ref.authors)]
    if not ref.authors and ref.corporate:
        out.append(line("AU", ref.corporate))
    out += [line("TI", ref.title), line("T2", ref.event), line("M3", ref.kind)]
    if ref.place:
        out.append(line("CY", ref.place))
    out.append(line("PY", str(ref.date.year)))
    parts = [f"{ref.date.year:04d}", f"{ref.date.month:02d}" if ref.date.month else "", f"{ref.date.day:02d}" if ref.date.day else ""]
    out.append(line("DA", "/".join(parts) + "/"))
    out += [line("PB", ARCHIVE), line("UR", url), line("LA", ref.language)]
    if ref.source:
        out.append(line("N1", ref.source))
    out.append("ER  - ")
    return "\r\n".join(out) + "\r\n"


def csl(ref: Reference, url: str) -> dict:
    item = {
        "id": ref.key,
        "type": "speech",
        "title": ref.title,
        "genre": ref.kind,
        "event-title": ref.event,
        "event-place": ref.place,
        "issued": {"date-parts": [[p for p in (ref.date.year, ref.date.month, ref.date.day) if p is not None]]},
        "publisher": ARCHIVE,
        "URL": url,
        "language": ref.language,
    }
    if ref.authors:
        item["author"] = [{"family": f, "given": g} if g else {"literal": f} for f, g in map(_split, ref.authors)]
    elif ref.corporate:
        item["author"] = [{"literal": ref.corporate}]
    if ref.source:
        item["note"] = ref.source
    return item


def csl_json(ref: Reference, url: str) -> str:
    return json.dumps([csl(ref, url)], ensure_ascii=False, indent=2) + "\n"


def highwire(ref: Reference, url: str) -> list[tuple[str, str]]:
    """The ``citation_*`` meta tags reference managers (Zotero) read from a page."""
    tags = [("citation_title", ref.title)]
    tags += [("citation_author", name) for name in ref.authors]
    if not ref.authors and ref.corporate:
        tags.append(("citation_author", ref.corporate))
    date = "/".join(str(p) if i == 0 else f"{p:02d}" for i, p in enumerate(x for x in (ref.date.year, ref.date.month, ref.date.day) if x is not None))
    tags += [
        ("citation_date", date),
        ("citation_publication_date", date),
        ("citation_conference_title", ref.event),
        ("citation_publisher", ARCHIVE),
        ("citation_language", ref.language),
        ("citation_public_url", url),
    ]
    return tags

