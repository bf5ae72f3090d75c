"""Render Markdown pages with YAML front matter from transcripts, through Jinja templates.

Markup lives in ``templates/*.md.j2`` (Markdown) and ``docs/overrides/*.html`` (Material block
overrides); this module only prepares plain data for them. Every piece of source text passes
through the ``md`` filter (``markdown_text.escape``) so that it renders as written.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable

import frontmatter
import jinja2

from diparchive.publish import browse, bulk, citations, exports
from diparchive.ingest import sidecar as schema
from diparchive.publish.markdown_text import escape, escape_attribute
from diparchive.model import Transcript
from diparchive.publish.outputs import Origin, Pages
from diparchive.clean.rules import RULES

ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("diparchive", "publish/templates"),
    autoescape=False,  # Markdown, not HTML: source text is escaped by the 'md' filter
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)
ENV.filters["md"] = escape
ENV.filters["attr"] = escape_attribute

REMOVED_KEYS = ["line", "rule", "text", "lang"]


class FrontMatter(frontmatter.YAMLHandler):
    """python-frontmatter's YAML handler, faster where a page's front matter is mostly its removed
    lines: a captured page's menus and footers, the same lines page after page (four fifths of a
    Kremlin page's front matter, and most of the time taken to write it). Each distinct removed
    line is dumped once per process, by the same dumper; the text is byte for byte what one
    ``yaml.dump`` of the whole front matter writes (a top-level key's block, or an entry of a block
    sequence, is written the same whether alone or among others)."""

    def __init__(self):
        self._entries: dict[tuple, str] = {}

    def export(self, metadata: dict, **kwargs) -> str:
        parts, run = [], {}
        for key, value in metadata.items():
            if key == "removed" and value and all(isinstance(e, dict) and list(e) == REMOVED_KEYS and type(e["line"]) is int for e in value):
                if run:
                    parts.append(super().export(run, **kwargs))
                    run = {}
                parts.append("removed:\n" + "".join(self._entry(e, kwargs) for e in value).rstrip("\n"))
            else:
                run[key] = value
        if run:
            parts.append(super().export(run, **kwargs))
        return "\n".join(parts)

    def _entry(self, entry: dict, kwargs: dict) -> str:
        key = (entry["rule"], entry["text"], entry["lang"], tuple(sorted(kwargs.items())))
        if key not in self._entries:
            self._entries[key] = super().export([{**entry, "line": 0}], **kwargs).removeprefix("- line: 0\n") + "\n"
        return f"- line: {entry['line']}\n" + self._entries[key]


FRONT_MATTER = FrontMatter()


def page(meta: dict, body: str) -> str:
    """A Markdown page: YAML front matter, then the body."""
    post = frontmatter.Post(body, **meta)
    text = frontmatter.dumps(post, handler=FRONT_MATTER, sort_keys=False, allow_unicode=True, width=4096, default_flow_style=False)
    return text.rstrip("\n") + "\n"


# --------------------------------------------------------------------------- transcript pages


FRENCH = re.compile(r"(?:^|\s)(?:de|du|des|la|le|les|à|au|aux|et|auprès|en)(?=\s)|\b[dl]'|[àâçéèêëîïôûùœ]", re.IGNORECASE)


def guess_lang(text: str) -> str | None:
    """The language of a removed line, for its lang attribute: Cyrillic is Russian; French
    function words or accents mark French; otherwise None (the page's own language)."""
    letters = [ch for ch in text if ch.isalpha()]
    if letters and sum("\u0400" <= ch <= "\u04ff" for ch in letters) * 2 > len(letters):
        return "ru"
    if FRENCH.search(text):
        return "fr"
    return None


def transcript_meta(t: Transcript, registries, series_page: bool = True) -> dict:
    """The front matter: every field a template, a search index or a researcher needs.
    ``series_page``: whether its event series has a page (``browse.series_with_pages``)."""
    m = t.meta
    registry = registries.people
    labels: dict[str, list[str]] = {}
    for turn in t.turns:
        if turn.person and turn.label and turn.label not in labels.setdefault(turn.person, []):
            labels[turn.person].append(turn.label)
    words = sum(browse.words_in(b.text) for b in t.paragraphs)
    return {
        "template": "transcript.html",
        "title": m.title,
        "description": m.summary,
        "summary": m.summary,
        "date": m.date.iso,
        "date_precision": m.date.precision,
        "date_display": m.date.display,
        **({"time": m.time} if m.time else {}),
        "date_basis": m.date_basis,
        "kind": m.kind,
        "kind_label": schema.KINDS[m.kind],
        "venue": {
            "event": m.venue.event, "series": m.venue.series_name, "series_page": f"events/{browse.slugify(m.venue.series_name)}/" if series_page else None,
            "place": m.venue.place, "city": m.venue.city, "country": m.venue.country,
        },
        "speakers": [
            {
                "id": s.person,
                "name": registry[s.person].name,
                "role": s.role,
                "country": s.country,
                "labels": labels.get(s.person, []),
                "turns": sum(1 for turn in t.turns if turn.person == s.person),
            }
            for s in m.speakers
        ],
        "questions": sum(1 for turn in t.turns if turn.is_question),
        "quoted": [{"id": p, "name": registry[p].name} for p in m.quoted],
        "language": {
            "text": m.language.text,
            "text_name": schema.language_name(m.language.text),
            "original": m.language.original,
            "original_name": schema.language_name(m.language.original),
            "translation": m.language.translation,
            "translation_label": schema.TRANSLATION[m.language.translation],
            "translator": m.language.translator,
            "note": m.language.note,
        },
        "source": {
            "publisher": m.source.publisher,
            "url": m.source.url,
            "credit_line": m.source.credit_line,
            "headline": list(m.source.headline),
            "original_publisher": m.source.original_publisher,
            "original_url": m.source.original_url,
            "file": f"transcripts/{m.slug}{t.source.path.suffix}",
            "capture": m.source.capture,
            "added": m.source.added,
            "sha256": t.source.sha256,
        },
        "licence": {
            "status": m.licence.status,
            "label": schema.LICENCE[m.licence.status],
            "note": m.licence.note,
            "url": m.licence.url,
        },
        "stats": {"paragraphs": len(t.paragraphs), "turns": len(t.turns), "words": words},
        **browse.transcript_links(t, registries),
        "citation": citation_meta(t, registries),
        "removed": [{"line": r.line, "rule": r.rule, "text": r.text, "lang": guess_lang(r.text)} for r in t.removals],
        "unreviewed": list(m.draft),
    }


def citation_meta(t: Transcript, registries) -> dict:
    """What the page needs to offer citations once the site's address is known: the Chicago note
    as a pattern (citations.AUTHOR, LOCATOR and URL left in), the default author, each
    speaker's name for a paragraph of theirs, and the Highwire tags without the address."""
    ref = citations.reference(t, registries.people)
    pattern = citations.chicago_pattern(ref)
    default = citations.names(ref.authors) or ref.corporate or ""
    return {
        "pattern": pattern,
        "author": default,
        "speakers": {s.person: registries.people[s.person].name for s in t.meta.speakers if s.person != "unknown"},
        "highwire": [[name, value] for name, value in citations.highwire(ref, "") if name != "citation_public_url"],
        "files": {form: f"data/transcripts/{t.meta.slug}.{form}" for form in exports.PER_TRANSCRIPT},
    }


def transcript_page(t: Transcript, registries, series_page: bool = True) -> str:
    registry = registries.people
    turns = {turn.index: turn for turn in t.turns}
    numbered = []
    number = 0
    for block in t.blocks:
        turn = turns.get(block.turn) if block.starts_turn else None
        if block.kind == "paragraph":
            number += 1
        numbered.append(
            {
                "block": block,
                "number": number,
                "turn": turn,
                "speaker": turn.voice(registry)[0] if turn else None,
                "role": next((s.role for s in t.meta.speakers if turn and s.person == turn.person), None),
                "themes": " ".join(tag.theme for tag in t.themes.get(block.line, ())),
                "quoted": [registry[person].name for person in t.quotes.get(block.line, ())],
                "quoted_ids": " ".join(t.quotes.get(block.line, ())),
            }
        )
    body = ENV.get_template("transcript.md.j2").render(blocks=numbered, meta=t.meta)
    return page(transcript_meta(t, registries, series_page), body)


# --------------------------------------------------------------------------- about pages


def rules_page() -> str:
    body = ENV.get_template("rules.md.j2").render(rules=list(RULES.values()))
    return page({"title": "Cleaning rules"}, body)


def metadata_page() -> str:
    body = ENV.get_template("metadata.md.j2").render(
        schema=schema.SCHEMA, kinds=schema.KINDS, translation=schema.TRANSLATION, licence=schema.LICENCE, reading=schema.READING
    )
    return page({"title": "Metadata schema"}, body)


def data_page(transcripts: list[Transcript]) -> str:
    ordered = sorted(transcripts, key=lambda t: (t.meta.date.sort_key, t.meta.slug), reverse=True)
    body = ENV.get_template("data.md.j2").render(
        version=exports.SCHEMA_VERSION,
        fields=exports.PARAGRAPH_FIELDS,
        paragraph_fields=exports.TRANSCRIPT_PARAGRAPH_FIELDS,
        bulk_marker=bulk.MARKER,
        paragraphs=sum(len(t.paragraphs) for t in transcripts),
        transcripts=[{"slug": t.meta.slug, "title": t.meta.title, "date": t.meta.date.display} for t in ordered],
        listed=len(ordered) <= browse.PAGE_LIMIT,  # a larger archive's list would be a page of megabytes
    )
    return page({"title": "Data"}, body)


def downloads(files: list[bulk.BulkFile], release_url: str | None) -> str:
    """The Data page's list of bulk files (each one's address, size and SHA-256), put in place
    of ``bulk.MARKER`` when the site is built: only then are the files made."""
    return ENV.get_template("_downloads.md.j2").render(files=files, release_url=release_url)


def report_page(transcripts: list[Transcript]) -> str:
    per_rule = Counter(r.rule for t in transcripts for r in t.removals)
    rows = []
    for t in sorted(transcripts, key=lambda t: t.meta.slug):
        counts = Counter(r.rule for r in t.removals)
        rows.append(
            {
                "slug": t.meta.slug,
                "title": t.meta.title,
                "lines": len(t.source.lines),
                "removed": len(t.removals),
                "paragraphs": len(t.paragraphs),
                "turns": len(t.turns),
                "shape": t.shape,
                "form": t.source.form,
                "rules": sorted(counts.items()),
                "unreviewed": list(t.meta.draft),
            }
        )
    body = ENV.get_template("report.md.j2").render(
        rows=rows, per_rule=sorted(per_rule.items()), rules=RULES, total=sum(per_rule.values()),
        drafted=[row for row in rows if row["unreviewed"]],
    )
    return page({"title": "Build report"}, body)


def site_pages(transcripts: list[Transcript], registries, lazy: bool = False) -> dict[str, str | Callable[[], str]]:
    """Every generated page, keyed by its path under docs/. With ``lazy``, a transcript's page
    is a function that renders it, called as it is written: the pages of a large archive are
    never all held at once. Two sources of one path raise ``outputs.Collisions``."""
    pages = Pages()
    with_pages = browse.series_with_pages(transcripts)
    for t in transcripts:
        series_page = t.meta.venue.series_name in with_pages
        made = functools.partial(transcript_page, t, registries, series_page) if lazy else transcript_page(t, registries, series_page)
        pages.add(f"transcripts/{t.meta.slug}.md", made, Origin(f"the transcript '{t.meta.slug}'", str(t.meta.path)))
    pages.merge(browse.pages(transcripts, registries, ENV, page))
    pages.add("data.md", data_page(transcripts), Origin("the data page"))
    pages.add("about/cleaning-rules.md", rules_page(), Origin("the list of cleaning rules"))
    pages.add("about/metadata.md", metadata_page(), Origin("the metadata schema"))
    pages.add("about/build-report.md", report_page(transcripts), Origin("the build report"))
    pages.check()
    return dict(sorted(pages.items()))
