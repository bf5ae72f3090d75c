"""Open data and feeds, written into the site when it is built (their addresses need site_url).

- ``corpus.jsonl`` and ``corpus.csv``: one record per paragraph of every transcript (in the CSV,
  a cell that a spreadsheet would run as a formula starts with an apostrophe); with
  ``catalogue.json`` (every transcript with its metadata, its files and its source's checksum)
  and ``transcripts-json.zip``, ``transcripts-txt.zip`` and ``transcripts-md.zip`` (every
  transcript as JSON, plain text, Markdown) the *bulk files*, which go into the site's
  ``data/`` or, the text ones gzipped, into a directory to attach to a release (``bulk.py``),
  listed with their sizes and checksums in ``data/downloads.json`` and ``data/SHA256SUMS``.
- ``data/schema.json``: the JSON Schema of them all, versioned (SCHEMA_VERSION).
- ``<slug>.json`` in ``transcripts-json.zip``: one transcript, its metadata once and every
  paragraph (the fields that vary within it, ``TRANSCRIPT_PARAGRAPH_FIELDS``); likewise its text
  and Markdown in ``transcripts-txt.zip`` and ``transcripts-md.zip`` (bulk files): the site
  holds each transcript's text once, as its page.
- ``data/transcripts/<slug>.{bib,ris,csl.json}``: its citation.
- ``feed.xml`` and ``themes/<id>/feed.xml``: Atom feeds, newest additions first.

``write()`` writes them into a directory one transcript at a time, the corpus files as streams,
so that a large archive is never held in memory whole: the MkDocs hook writes them straight into
the site (and registers them, so that MkDocs checks links to them), ``diparchive export`` into a
directory of the user's choosing. ``files()`` reads them back as {path: bytes}, for tests.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path
import xml.etree.ElementTree as ET

from diparchive.publish import bulk as bulk_data
from diparchive.publish import citations
from diparchive.ingest import sidecar as schema
from diparchive.publish.browse import words_in
from diparchive.publish.markdown_text import escape
from diparchive.model import Transcript

SCHEMA_VERSION = "2.2.0"
"""Bump the major part when a field changes meaning or goes, the minor when one is added.
2.0.0: a transcript's JSON states its metadata once, no longer in every paragraph; its JSON,
text and Markdown forms moved from data/transcripts/ into three zips.
2.1.0: ``speaker_country``, the country a paragraph's speaker speaks for.
2.2.0: ``metadata_reviewed`` in each paragraph, and ``unreviewed`` in each transcript's entry:
whether, and which of, its metadata was drafted from the source and not yet reviewed."""

FEED_SIZE = 50
ATOM = "http://www.w3.org/2005/Atom"

PARAGRAPH_FIELDS = {
    "schema_version": ("string", "The version of this schema."),
    "transcript_id": ("string", "The transcript's slug, also its page's address under transcripts/."),
    "paragraph_id": ("string", "'<transcript_id>#<anchor>': unique across the archive, stable once published."),
    "anchor": ("string", "The paragraph's anchor on its page: 'L' and the source line it starts on."),
    "number": ("integer", "The paragraph's number on its page (1, 2, ...)."),
    "source_line": ("integer", "The line of the source file on which the paragraph starts."),
    "speaker": (["string", "null"], "Who speaks: a canonical name, 'Question' for a question from the floor, or null for a report's narration."),
    "speaker_id": (["string", "null"], "The speaker's id in transcripts/people.yml, or null."),
    "speaker_role": (["string", "null"], "The office the speaker held then, as the metadata records it."),
    "speaker_country": (["string", "null"], "The country the speaker speaks for there (a government's, a delegation's), as the metadata records it; not where it was said, which is 'country'. Since 2.1.0."),
    "speaker_label": (["string", "null"], "The label that opened the turn, as printed in the source."),
    "date": ("string", "When it was said: YYYY-MM-DD, YYYY-MM or YYYY, as precisely as known."),
    "date_precision": ("string", "day, month or year."),
    "event": ("string", "The event or meeting."),
    "place": (["string", "null"], "The building or site."),
    "city": (["string", "null"], "City."),
    "country": (["string", "null"], "The country where it was said."),
    "kind": ("string", "The kind of document (an id of the metadata schema)."),
    "language": ("string", "The language of the text (BCP 47)."),
    "translation": ("string", "original, official, unofficial or unknown."),
    "quoted": ("array", "In a report's narration: the people whose words the paragraph gives (rule quoted-speech), as canonical names. Since 1.1.0."),
    "quoted_ids": ("array", "Their ids in transcripts/people.yml, in the same order. Since 1.1.0."),
    "themes": ("array", "Ids of the themes the paragraph carries (transcripts/themes.yml)."),
    "text": ("string", "The paragraph's text, exactly as shown on its page."),
    "metadata_reviewed": ("boolean", "False where some of the transcript's metadata (which the catalogue's 'unreviewed' lists) was drafted from the source by software and no curator has reviewed it yet. Since 2.2.0."),
    "url": ("string", "The paragraph's address on the site."),
}
CSV_FIELDS = [k for k in PARAGRAPH_FIELDS if k != "schema_version"]
TRANSCRIPT_PARAGRAPH_FIELDS = [
    "anchor", "number", "source_line", "speaker", "speaker_id", "speaker_role", "speaker_country", "speaker_label", "quoted", "quoted_ids", "themes", "text",
]
"""A paragraph in its transcript's JSON: the fields that vary within a transcript. The others
(date, event, place, kind, language, ...) are the transcript's own, stated once beside them;
``paragraph_id`` is ``<id>#<anchor>`` and ``url`` is ``page`` + ``#<anchor>``. (Repeated in every
paragraph they made the Kremlin collection's transcript files 99 MB instead of 54.)"""
PER_TRANSCRIPT = ("bib", "ris", "csl.json")
"""The files of each transcript in the site's data/transcripts/: its citation."""
LIST_FIELDS = [k for k, (kind, _) in PARAGRAPH_FIELDS.items() if kind == "array"]
YEAR_FIELDS = ["year", "transcripts", "paragraphs", "words"]
"""data/years.csv and data/years.json: the archive's totals per year."""
"""Fields that are lists: joined with ';' in the CSV."""


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A cell beginning with one of these is a formula to a spreadsheet (``=HYPERLINK(...)``,
``@SUM(...)``), whatever the source meant by it."""


def spreadsheet_cell(value):
    """A CSV cell that a spreadsheet shows as text and never runs: one that would begin a formula
    gets a leading apostrophe, as the search page's CSV export does (``csvField`` in
    docs/assets/search.js). Only the CSV: the JSON Lines keep every value exact."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _abs(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path.lstrip("/")


def paragraph_records(t: Transcript, registries, site_url: str) -> list[dict]:
    m = t.meta
    people = registries.people
    speaking = {s.person: s for s in m.speakers}  # the sidecar's entry: the role and country held then
    records = []
    for number, block in enumerate(t.paragraphs, 1):
        turn = t.turns[block.turn] if block.turn is not None else None
        speaker, speaker_id = turn.voice(people) if turn is not None else (None, None)
        entry = speaking.get(speaker_id)
        records.append({
            "schema_version": SCHEMA_VERSION,
            "transcript_id": m.slug,
            "paragraph_id": f"{m.slug}#{block.anchor}",
            "anchor": block.anchor,
            "number": number,
            "source_line": block.line,
            "speaker": speaker,
            "speaker_id": speaker_id,
            "speaker_role": entry.role if entry else None,
            "speaker_country": entry.country if entry else None,
            "speaker_label": turn.label if turn else None,
            "date": m.date.iso,
            "date_precision": m.date.precision,
            "event": m.venue.event,
            "place": m.venue.place,
            "city": m.venue.city,
            "country": m.venue.country,
            "kind": m.kind,
            "language": m.language.text,
            "translation": m.language.translation,
            "quoted": [people[p].name for p in t.quotes.get(block.line, ())],
            "quoted_ids": list(t.quotes.get(block.line, ())),
            "themes": [tag.theme for tag in t.themes.get(block.line, ())],
            "text": block.text,
            "metadata_reviewed": not m.draft,
            "url": _abs(site_url, f"transcripts/{m.slug}/#{block.anchor}"),
        })
    return records


def catalogue_entry(t: Transcript, registries, site_url: str) -> dict:
    m = t.meta
    people = registries.people
    base = f"data/transcripts/{m.slug}"
    return {
        "id": m.slug,
        "title": m.title,
        "date": m.date.iso,
        "date_precision": m.date.precision,
        "date_basis": m.date_basis,
        "kind": m.kind,
        "summary": m.summary,
        "venue": {"event": m.venue.event, "series": m.venue.series_name, "place": m.venue.place, "city": m.venue.city, "country": m.venue.country},
        "speakers": [{"id": s.person, "name": people[s.person].name, "role": s.role, "country": s.country} for s in m.speakers],
        "quoted": [{"id": p, "name": people[p].name} for p in m.quoted],
        "language": {"text": m.language.text, "original": m.language.original, "translation": m.language.translation, "translator": m.language.translator},
        "source": {
            "publisher": m.source.publisher, "url": m.source.url, "credit_line": m.source.credit_line,
            "original_publisher": m.source.original_publisher, "original_url": m.source.original_url,
            "capture": m.source.capture, "added": m.source.added,
        },
        "licence": {"status": m.licence.status, "note": m.licence.note, "url": m.licence.url},
        "source_file": f"transcripts/{m.slug}{t.source.path.suffix}",
        "source_sha256": t.source.sha256,
        "paragraphs": len(t.paragraphs),
        "words": sum(words_in(b.text) for b in t.paragraphs),
        "page": _abs(site_url, f"transcripts/{m.slug}/"),
        "files": {form: f"{base}.{form}" for form in PER_TRANSCRIPT},
        "unreviewed": list(m.draft),
    }


def json_schema() -> dict:
    def prop(kind, doc):
        entry = {"type": kind, "description": doc}
        if kind == "array":
            entry["items"] = {"type": "string"}
        return entry

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Diplomatic Transcripts Archive: open data",
        "version": SCHEMA_VERSION,
        "$defs": {
            "paragraph": {
                "type": "object",
                "description": "One paragraph of one transcript: a line of data/corpus.jsonl, a row of data/corpus.csv.",
                "properties": {k: prop(*v) for k, v in PARAGRAPH_FIELDS.items()},
                "required": list(PARAGRAPH_FIELDS),
                "additionalProperties": False,
            },
            "transcript": {
                "type": "object",
                "description": "<id>.json in transcripts-json.zip: a catalogue entry, whose 'paragraphs' is its paragraphs (each with the fields of a paragraph record that vary within a transcript) instead of their number.",
                "properties": {
                    "schema_version": {"type": "string"},
                    "id": {"type": "string"},
                    "paragraphs": {"type": "array", "items": {
                        "type": "object",
                        "properties": {k: prop(*PARAGRAPH_FIELDS[k]) for k in TRANSCRIPT_PARAGRAPH_FIELDS},
                        "required": TRANSCRIPT_PARAGRAPH_FIELDS,
                        "additionalProperties": False,
                    }},
                },
                "required": ["schema_version", "id", "title", "date", "source_sha256", "files", "paragraphs"],
            },
            "catalogue": {
                "type": "object",
                "description": "data/catalogue.json: every transcript with its metadata and files.",
                "properties": {
                    "schema_version": {"type": "string"},
                    "transcripts": {"type": "array", "items": {"type": "object", "required": ["id", "title", "date", "source_sha256", "files"]}},
                },
                "required": ["schema_version", "transcripts"],
            },
        },
    }


def plain_text(t: Transcript, registries) -> str:
    m = t.meta
    lines = [m.title, "", f"Date: {m.date.display}", f"Venue: {m.venue.display}", f"Kind: {schema.KINDS[m.kind]}", ""]
    current = None
    for block in t.blocks:
        if block.kind == "heading":
            lines += [block.text.upper(), ""]
        elif block.kind == "break":
            lines += ["* * *", ""]
        else:
            turn = t.turns[block.turn] if block.turn is not None else None
            prefix = ""
            if block.starts_turn and turn is not None and turn.index != current:
                current = turn.index
                who = turn.voice(registries.people)[0]
                prefix = f"{who}: "
            lines += [prefix + block.text, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def markdown_text(t: Transcript, registries) -> str:
    m = t.meta
    out = [f"# {escape(m.title)}", "", f"- Date: {m.date.display}", f"- Venue: {escape(m.venue.display)}", f"- Kind: {schema.KINDS[m.kind]}", ""]
    for block in t.blocks:
        if block.kind == "heading":
            out += [f"## {escape(block.text)}", ""]
        elif block.kind == "break":
            out += ["* * *", ""]
        else:
            turn = t.turns[block.turn] if block.turn is not None else None
            if block.starts_turn and turn is not None:
                who = turn.voice(registries.people)[0]
                out += [f"**{escape(who)}:** {escape(block.text)}", ""]
            else:
                out += [escape(block.text), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _atom(title: str, self_url: str, alternate: str, entries: list[dict]) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}id").text = self_url
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = max((e["updated"] for e in entries), default="1970-01-01T00:00:00Z")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=self_url)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=alternate)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = citations.ARCHIVE
    for e in entries:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = e["url"]
        ET.SubElement(entry, f"{{{ATOM}}}title").text = e["title"]
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = e["updated"]
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=e["url"])
        ET.SubElement(entry, f"{{{ATOM}}}summary", type="text").text = e["summary"]
        for category in e.get("categories", ()):
            ET.SubElement(entry, f"{{{ATOM}}}category", term=category)
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8") + b"\n"


def feed_entry(t: Transcript, registries, site_url: str) -> dict:
    """What the feeds need of a transcript: little, so that it can be kept for all of them."""
    m = t.meta
    speakers = ", ".join(registries.people[s.person].name for s in m.speakers) or "a news report"
    counts: dict[str, int] = {}
    for tags in t.themes.values():
        for tag in tags:
            counts[tag.theme] = counts.get(tag.theme, 0) + 1
    return {
        "url": _abs(site_url, f"transcripts/{m.slug}/"),
        "title": m.title,
        "updated": f"{m.source.added}T00:00:00Z",
        "summary": f"{m.date.display}, {m.venue.display}; {speakers}. {m.summary}",
        "categories": sorted(counts),
        "theme_counts": counts,
        "order": (m.source.added, m.date.sort_key, m.slug),
    }


def feeds(entries: list[dict], registries, site_url: str) -> dict[str, bytes]:
    newest = sorted(entries, key=lambda e: e["order"], reverse=True)
    out = {"feed.xml": _atom(f"{citations.ARCHIVE}: latest transcripts", _abs(site_url, "feed.xml"), _abs(site_url, ""), newest[:FEED_SIZE])}
    for theme in registries.themes:
        with_theme = []
        for e in newest:
            n = e["theme_counts"].get(theme.id, 0)
            if n:
                with_theme.append({**e, "summary": e["summary"] + f" {n} passage{'s' if n != 1 else ''} on {theme.label}."})
            if len(with_theme) == FEED_SIZE:
                break
        out[f"themes/{theme.id}/feed.xml"] = _atom(
            f"{citations.ARCHIVE}: {theme.label}", _abs(site_url, f"themes/{theme.id}/feed.xml"), _abs(site_url, f"themes/{theme.id}/"), with_theme
        )
    return out


def write(transcripts, registries, site_url: str, root: Path, bulk: bulk_data.BulkOptions = bulk_data.SITE) -> list[str]:
    """Write every data file and feed under ``root``, and the bulk files into ``root/data`` or
    the release directory (``bulk``); return the paths written under ``root``, sorted.
    ``transcripts`` may be any iterable (the hook passes one that loads each from the cache in
    turn); they are written in date order, which the caller's order must already be when it is
    not a list."""
    if isinstance(transcripts, list):
        transcripts = sorted(transcripts, key=lambda t: (t.meta.date.sort_key, t.meta.slug))
    written: list[str] = []

    def put(path: str, body: bytes) -> None:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        written.append(path)

    (root / "data").mkdir(parents=True, exist_ok=True)
    folder = root / "data" if bulk.place == "site" else bulk.release_dir
    folder.mkdir(parents=True, exist_ok=True)
    names = list(bulk_data.DESCRIPTIONS)
    catalogue, entries = [], []
    per_year: dict[int, dict] = {}
    jsons = bulk_data.ZipWriter(folder / "transcripts-json.zip")
    texts = bulk_data.ZipWriter(folder / "transcripts-txt.zip")
    markdowns = bulk_data.ZipWriter(folder / "transcripts-md.zip")
    with bulk_data.open_text(folder / bulk.name("corpus.jsonl"), bulk.compress) as jsonl, \
            bulk_data.open_text(folder / bulk.name("corpus.csv"), bulk.compress) as table:
        writer = csv.DictWriter(table, fieldnames=CSV_FIELDS, lineterminator="\r\n", extrasaction="ignore")
        writer.writeheader()
        for t in transcripts:
            records = paragraph_records(t, registries, site_url)
            year = per_year.setdefault(t.meta.date.year, {"year": t.meta.date.year, "transcripts": 0, "paragraphs": 0, "words": 0})
            year["transcripts"] += 1
            year["paragraphs"] += len(records)
            year["words"] += sum(words_in(r["text"]) for r in records)
            for r in records:
                jsonl.write(json.dumps(r, ensure_ascii=False) + "\n")
                row = {**r, **{k: ";".join(r[k]) for k in LIST_FIELDS}, "metadata_reviewed": "true" if r["metadata_reviewed"] else "false"}
                writer.writerow({k: spreadsheet_cell(v) for k, v in row.items()})
            entry = catalogue_entry(t, registries, site_url)
            catalogue.append(entry)
            entries.append(feed_entry(t, registries, site_url))
            ref = citations.reference(t, registries.people)
            url = entry["page"]
            base = f"data/transcripts/{t.meta.slug}"
            paragraphs = [{k: r[k] for k in TRANSCRIPT_PARAGRAPH_FIELDS} for r in records]
            document = {"schema_version": SCHEMA_VERSION, **entry, "paragraphs": paragraphs}
            jsons.add(f"{t.meta.slug}.json", (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode())
            put(f"{base}.bib", citations.bibtex(ref, url).encode())
            put(f"{base}.ris", citations.ris(ref, url).encode())
            put(f"{base}.csl.json", citations.csl_json(ref, url).encode())
            texts.add(f"{t.meta.slug}.txt", plain_text(t, registries).encode())
            markdowns.add(f"{t.meta.slug}.md", markdown_text(t, registries).encode())
    jsons.close()
    texts.close()
    markdowns.close()
    with bulk_data.open_text(folder / bulk.name("catalogue.json"), bulk.compress) as listed:
        listed.write(json.dumps({"schema_version": SCHEMA_VERSION, "transcripts": catalogue}, ensure_ascii=False, indent=1) + "\n")
    stored = bulk_data.describe(folder, names, bulk)
    if bulk.place == "site":
        written += [f"data/{f.name}" for f in stored]
    else:
        (folder / bulk_data.SUMS).write_bytes(bulk_data.sums(stored))
    put(f"data/{bulk_data.SUMS}", bulk_data.sums(stored))
    put(bulk_data.MANIFEST, bulk_data.manifest(stored, bulk))
    put("data/schema.json", (json.dumps(json_schema(), indent=1) + "\n").encode())
    # The totals a count per year is measured against (a theme's chart, a search's): per year,
    # the transcripts, their paragraphs and their words (``words_in``, as the theme charts count them).
    years = [per_year[y] for y in sorted(per_year)]
    put("data/years.json", (json.dumps({"schema_version": SCHEMA_VERSION, "years": years}, indent=1) + "\n").encode())
    table = io.StringIO()
    writer = csv.DictWriter(table, fieldnames=YEAR_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(years)
    put("data/years.csv", table.getvalue().encode())
    for path, body in feeds(entries, registries, site_url).items():
        put(path, body)
    return sorted(written)


def files(transcripts: list[Transcript], registries, site_url: str, bulk: bulk_data.BulkOptions = bulk_data.SITE) -> dict[str, bytes]:
    """Every data file and feed, keyed by its path in the site (``write`` into a scratch
    directory); with ``bulk`` set for a release, the release's files too, keyed ``release/<name>``
    (its ``release_dir`` is ignored)."""
    with tempfile.TemporaryDirectory(prefix="diparchive-exports-") as scratch:
        root = Path(scratch) / "site"
        release = Path(scratch) / "release"
        if bulk.place == "release":
            bulk = bulk_data.BulkOptions(bulk.place, bulk.release_url, release)
        out = {path: (root / path).read_bytes() for path in write(transcripts, registries, site_url, root, bulk)}
        if release.is_dir():
            out.update({f"release/{p.name}": p.read_bytes() for p in sorted(release.iterdir())})
        return out
