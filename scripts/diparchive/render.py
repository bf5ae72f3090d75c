"""Render Markdown pages with YAML front matter from transcripts, through Jinja templates.

Markup lives in ``templates/*.md.j2`` (Markdown) and ``docs/overrides/*.html`` (Material block
overrides); this module only prepares plain data for them. Every piece of source text passes
through the ``md`` filter (``markdown_text.escape``) so that it renders as written.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass

import frontmatter
import jinja2

from . import sidecar as schema
from .markdown_text import escape, escape_attribute
from .model import Transcript
from .people import Registry
from .rules import RULES

ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("diparchive", "templates"),
    autoescape=False,  # Markdown, not HTML: source text is escaped by the 'md' filter
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)
ENV.filters["md"] = escape
ENV.filters["attr"] = escape_attribute

HOME_LATEST = 20
"""How many transcripts the home page lists; the rest are one click away, by year."""


def _dump(meta: dict, body: str) -> str:
    post = frontmatter.Post(body, **meta)
    text = frontmatter.dumps(post, sort_keys=False, allow_unicode=True, width=4096, default_flow_style=False)
    return text.rstrip("\n") + "\n"


def words_in(text: str) -> int:
    return len(text.split())


@dataclass(frozen=True)
class Listing:
    """One transcript as index pages show it."""

    slug: str
    title: str
    date: str
    date_display: str
    sort_key: tuple
    year: int
    venue: str
    speakers: str
    kind: str


def listing(t: Transcript, registry: Registry) -> Listing:
    m = t.meta
    names = [registry[s.person].name for s in m.speakers]
    if not names and m.quoted:
        names = ["quoting " + ", ".join(registry[p].name for p in m.quoted)]
    return Listing(
        slug=m.slug,
        title=m.title,
        date=m.date.iso,
        date_display=m.date.display,
        sort_key=(m.date.sort_key, m.slug),
        year=m.date.year,
        venue=m.venue.display,
        speakers=", ".join(names),
        kind=schema.KINDS[m.kind],
    )


def newest_first(items: list[Listing]) -> list[Listing]:
    return sorted(items, key=lambda item: item.sort_key, reverse=True)


# --------------------------------------------------------------------------- transcript pages


def transcript_meta(t: Transcript, registry: Registry) -> dict:
    """The front matter: every field a template, a search index or a researcher needs."""
    m = t.meta
    labels: dict[str, list[str]] = {}
    for turn in t.turns:
        if turn.person and turn.label and turn.label not in labels.setdefault(turn.person, []):
            labels[turn.person].append(turn.label)
    words = sum(words_in(b.text) for b in t.paragraphs)
    return {
        "template": "transcript.html",
        "title": m.title,
        "description": m.summary,
        "summary": m.summary,
        "date": m.date.iso,
        "date_precision": m.date.precision,
        "date_display": m.date.display,
        "date_basis": m.date_basis,
        "kind": m.kind,
        "kind_label": schema.KINDS[m.kind],
        "venue": {"event": m.venue.event, "place": m.venue.place, "city": m.venue.city, "country": m.venue.country},
        "speakers": [
            {
                "id": s.person,
                "name": registry[s.person].name,
                "role": s.role,
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
            "file": f"transcripts/{m.slug}.txt",
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
        "removed": [{"line": r.line, "rule": r.rule, "text": r.text} for r in t.removals],
    }


def transcript_page(t: Transcript, registry: Registry) -> str:
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
                "speaker": (registry[turn.person].name if turn and turn.person else ("Question" if turn and turn.is_question else None)),
                "role": next((s.role for s in t.meta.speakers if turn and s.person == turn.person), None),
            }
        )
    body = ENV.get_template("transcript.md.j2").render(blocks=numbered, meta=t.meta)
    return _dump(transcript_meta(t, registry), body)


# --------------------------------------------------------------------------- index pages


def home_page(items: list[Listing], total_words: int) -> str:
    ordered = newest_first(items)
    latest = ordered[:HOME_LATEST]
    groups = [(year, list(group)) for year, group in itertools.groupby(latest, key=lambda i: i.year)]
    years = Counter(i.year for i in items)
    body = ENV.get_template("home.md.j2").render(
        groups=groups, count=len(items), shown=len(latest), years=sorted(years.items(), reverse=True), total_words=total_words
    )
    return _dump({"title": "Home", "hide": ["navigation", "toc"]}, body)


def year_pages(items: list[Listing]) -> dict[str, str]:
    pages = {}
    years = Counter(i.year for i in items)
    for year, group in itertools.groupby(newest_first(items), key=lambda i: i.year):
        body = ENV.get_template("year.md.j2").render(year=year, items=list(group))
        pages[f"years/{year}.md"] = _dump({"title": f"Transcripts of {year}"}, body)
    body = ENV.get_template("years.md.j2").render(years=sorted(years.items(), reverse=True))
    pages["years/index.md"] = _dump({"title": "Browse by year"}, body)
    return pages


def rules_page() -> str:
    body = ENV.get_template("rules.md.j2").render(rules=list(RULES.values()))
    return _dump({"title": "Cleaning rules"}, body)


def metadata_page() -> str:
    body = ENV.get_template("metadata.md.j2").render(
        schema=schema.SCHEMA, kinds=schema.KINDS, translation=schema.TRANSLATION, licence=schema.LICENCE
    )
    return _dump({"title": "Metadata schema"}, body)


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
                "rules": sorted(counts.items()),
            }
        )
    body = ENV.get_template("report.md.j2").render(
        rows=rows, per_rule=sorted(per_rule.items()), rules=RULES, total=sum(per_rule.values())
    )
    return _dump({"title": "Build report"}, body)


def site_pages(transcripts: list[Transcript], registry: Registry) -> dict[str, str]:
    """Every generated page, keyed by its path under docs/."""
    items = [listing(t, registry) for t in transcripts]
    pages = {f"transcripts/{t.meta.slug}.md": transcript_page(t, registry) for t in transcripts}
    pages["index.md"] = home_page(items, sum(words_in(b.text) for t in transcripts for b in t.paragraphs))
    pages.update(year_pages(items))
    pages["about/cleaning-rules.md"] = rules_page()
    pages["about/metadata.md"] = metadata_page()
    pages["about/build-report.md"] = report_page(transcripts)
    return dict(sorted(pages.items()))
