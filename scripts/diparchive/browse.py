"""Ways into the archive besides search: by time, theme, speaker, event and place, and by who
and what is mentioned. Each function prepares plain data for a template in ``templates/``;
``pages()`` returns every browse page keyed by its path under docs/.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

from . import sidecar as schema
from .model import Mention, PartialDate, ThemeTag, Transcript
from .outputs import Origin, Pages

HOME_LATEST = 20
"""How many transcripts the home page lists; the rest are one click away, by year."""

CHRONOLOGY_LIMIT = 500
"""Up to this many transcripts the chronology lists them all; beyond it, it links the years."""

GRID_COLUMNS = 12
"""Up to this many transcripts the theme grid has one column each; beyond it, one per year."""

PAGE_LIMIT = 300
"""A theme's or a name's passages beyond this many are split into a page per year."""

SIDE_BY_SIDE = 24
"""A series of up to this many meetings is drawn side by side; a longer one is listed by year."""

TOP = 50
"""Lists of counts (speakers of a theme) show this many, then say how many more."""

QUESTION = "Question"
NARRATION = "Narration (news report)"


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def words_in(text: str) -> int:
    return len(text.split())


# --------------------------------------------------------------------------- the data


@dataclass(frozen=True)
class Item:
    """One transcript as lists show it."""

    slug: str
    title: str
    date: PartialDate
    venue: str
    series: str
    city: str
    country: str
    speakers: str
    kind: str

    @property
    def order(self) -> tuple:
        return (self.date.sort_key, self.slug)


@dataclass(frozen=True)
class Para:
    """One paragraph with everything browse pages say about it."""

    item: Item
    anchor: str
    number: int
    speaker: str
    person: str | None
    text: str
    themes: tuple[ThemeTag, ...]
    mentions: tuple[Mention, ...]
    quoting: str = ""
    """In a report's narration, whom the paragraph quotes (quotes.py), as names."""

    @property
    def voice(self) -> str:
        """Who speaks, as a page shows it: the narration of a report says whom it quotes."""
        return f"{self.speaker}, quoting {self.quoting}" if self.quoting else self.speaker


class Catalogue:
    """The whole collection, prepared once for all browse pages."""

    def __init__(self, transcripts: list[Transcript], registries):
        self.registries = registries
        people = registries.people
        self.transcripts = sorted(transcripts, key=lambda t: (t.meta.date.sort_key, t.meta.slug))
        self.items: dict[str, Item] = {}
        self.paras: list[Para] = []
        for t in self.transcripts:
            m = t.meta
            names = [people[s.person].name for s in m.speakers]
            if not names and m.quoted:
                names = ["quoting " + ", ".join(people[p].name for p in m.quoted)]
            item = Item(
                m.slug, m.title, m.date, m.venue.display, m.venue.series_name, m.venue.city or "", m.venue.country or "",
                ", ".join(names), schema.KINDS[m.kind],
            )
            self.items[m.slug] = item
            turns = {turn.index: turn for turn in t.turns}
            for number, block in enumerate(t.paragraphs, 1):
                turn = turns.get(block.turn)
                speaker, person = turn.voice(people) if turn is not None else (NARRATION, None)
                quoting = " and ".join(people[p].name for p in t.quotes.get(block.line, ())) if turn is None else ""
                self.paras.append(
                    Para(item, block.anchor, number, speaker, person, block.text, t.themes.get(block.line, ()), t.mentions.get(block.line, ()), quoting)
                )

    def newest_first(self) -> list[Item]:
        return sorted(self.items.values(), key=lambda i: i.order, reverse=True)


def split_by_year(entries: list, year_of, page_of) -> tuple[dict[str, str], list[tuple[int, int]]]:
    """A list longer than PAGE_LIMIT gets a page per year: ``page_of(year, entries)`` gives each
    one's path and text. Returns those pages and the years with their counts, for the main page
    to link; for a shorter list, nothing (it fits on the main page)."""
    if len(entries) <= PAGE_LIMIT:
        return {}, []
    groups = [(year, list(group)) for year, group in itertools.groupby(entries, key=year_of)]
    return dict(page_of(year, group) for year, group in groups), [(year, len(group)) for year, group in groups]


def marked(text: str, spans) -> list[tuple[str, bool]]:
    """Cut ``text`` into (segment, is_marked) pieces for templates that mark signal words."""
    pieces, at = [], 0
    for start, end in spans:
        if start > at:
            pieces.append((text[at:start], False))
        pieces.append((text[start:end], True))
        at = end
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


def context(text: str, start: int, end: int, width: int = 90) -> list[tuple[str, bool]]:
    """The words around a mention, the mention marked, with ellipses where cut."""
    left = max(0, text.rfind(" ", 0, max(0, start - width)) + 1) if start > width else 0
    right = text.find(" ", end + width)
    right = len(text) if right == -1 else right
    pieces = [(("…" if left else "") + text[left:start], False), (text[start:end], True), (text[end:right] + ("…" if right < len(text) else ""), False)]
    return [p for p in pieces if p[0]]


# --------------------------------------------------------------------------- pages


def home(cat: Catalogue, env, dump) -> dict[str, str]:
    ordered = cat.newest_first()
    latest = ordered[:HOME_LATEST]
    years = Counter(i.date.year for i in ordered)
    body = env.get_template("home.md.j2").render(
        groups=[(y, list(g)) for y, g in itertools.groupby(latest, key=lambda i: i.date.year)],
        count=len(ordered),
        shown=len(latest),
        years=sorted(years.items(), reverse=True),
        total_words=sum(words_in(p.text) for p in cat.paras),
        themes=len(list(cat.registries.themes)),
    )
    pages = Pages()
    pages.add("index.md", dump({"title": "Home", "hide": ["navigation", "toc"]}, body), Origin("the home page"))
    return pages


def chronology(cat: Catalogue, env, dump) -> dict[str, str]:
    pages = Pages()
    ordered = cat.newest_first()
    by_year = [(y, list(g)) for y, g in itertools.groupby(ordered, key=lambda i: i.date.year)]
    for year, items in by_year:
        pages.add(f"years/{year}.md", dump({"title": f"Transcripts of {year}"}, env.get_template("year.md.j2").render(year=year, items=items)), Origin(f"the chronology of {year}"))
    body = env.get_template("years.md.j2").render(groups=by_year, full=len(ordered) <= CHRONOLOGY_LIMIT, count=len(ordered))
    pages.add("years/index.md", dump({"title": "Chronology"}, body), Origin("the chronology"))
    return pages


def themes(cat: Catalogue, env, dump) -> dict[str, str]:
    vocabulary = cat.registries.themes
    tagged: dict[str, list[tuple[Para, ThemeTag]]] = defaultdict(list)
    for para in cat.paras:
        for tag in para.themes:
            tagged[tag.theme].append((para, tag))
    pages = Pages()
    for number, theme in enumerate(vocabulary):
        origin = Origin(f"the theme '{theme.id}'", "themes.yml", f"[{number}].id", f"theme {number + 1}, field 'id'", theme.id)
        entries = sorted(tagged[theme.id], key=lambda e: (e[0].item.order, int(e[0].anchor[1:])))

        def grouped(entries):
            return [
                (cat.items[slug], [{"para": p, "pieces": marked(p.text, tag.spans), "reason": tag.reason} for p, tag in group])
                for slug, group in itertools.groupby(entries, key=lambda e: e[0].item.slug)
            ]

        def year_page(year, group, theme=theme, grouped=grouped):
            body = env.get_template("theme.md.j2").render(
                theme=theme, groups=grouped(group), count=len(group), up="../../", year=year,
                per_speaker=[], speaker_pages={}, related=[], years=[], more=0,
            )
            return f"themes/{theme.id}/{year}.md", dump({"title": f"{theme.label}: {year}"}, body)

        year_pages, years = split_by_year(entries, lambda e: e[0].item.date.year, year_page)
        for path, text in year_pages.items():
            pages.add(path, text, origin)
        speakers = sorted(Counter(p.speaker for p, _ in entries).items(), key=lambda kv: (-kv[1], kv[0]))
        body = env.get_template("theme.md.j2").render(
            theme=theme,
            groups=[] if years else grouped(entries),
            count=len(entries),
            up="../",
            year=None,
            years=years,
            per_speaker=speakers[:TOP],
            more=max(0, len(speakers) - TOP),
            speaker_pages={p.speaker: p.person for p, _ in entries if p.person},
            related=[vocabulary[r] for r in theme.related],
        )
        pages.add(f"themes/{theme.id}.md", dump({"title": theme.label, "description": theme.description, "feed": f"themes/{theme.id}/feed.xml"}, body), origin)

    # The overview: a grid of themes by transcript (or by year, for a large archive).
    items = [cat.items[t.meta.slug] for t in cat.transcripts]
    by_year = len(items) > GRID_COLUMNS
    if by_year:
        columns = [{"key": str(y), "label": str(y), "title": f"{n} transcripts", "link": f"../years/{y}/"} for y, n in sorted(Counter(i.date.year for i in items).items())]
    else:
        columns = [{"key": i.slug, "label": i.date.display, "title": i.title, "link": f"../transcripts/{i.slug}/"} for i in items]
    counts: dict[str, Counter] = defaultdict(Counter)
    for para in cat.paras:
        for tag in para.themes:
            counts[tag.theme][str(para.item.date.year) if by_year else para.item.slug] += 1
    top = max([n for c in counts.values() for n in c.values()] or [1])
    rows = []
    for theme in vocabulary:
        cells = []
        for column in columns:
            n = counts[theme.id][column["key"]]
            cells.append({"count": n, "level": 0 if n == 0 else 1 + min(3, (n * 4 - 1) // top)})
        rows.append({"id": theme.id, "label": theme.label, "total": sum(counts[theme.id].values()), "cells": cells})
    meta = {"title": "Themes", "template": "themes.html", "hide": ["toc"], "grid": {"by": "year" if by_year else "transcript", "columns": columns, "rows": rows}}
    pages.add("themes/index.md", dump(meta, env.get_template("themes.md.j2").render(rows=rows, by_year=by_year)), Origin("the overview of themes"))
    return pages


def people(cat: Catalogue, env, dump) -> dict[str, str]:
    registry = cat.registries.people
    spoke: dict[str, list] = defaultdict(list)
    quoted: dict[str, list[Item]] = defaultdict(list)
    mentioned: dict[str, list[tuple[Para, Mention]]] = defaultdict(list)
    for t in cat.transcripts:
        item = cat.items[t.meta.slug]
        words = Counter()
        turns = Counter(turn.person for turn in t.turns if turn.person)
        for block in t.paragraphs:
            turn = t.turns[block.turn] if block.turn is not None else None
            if turn and turn.person:
                words[turn.person] += words_in(block.text)
        for speaker in t.meta.speakers:
            spoke[speaker.person].append({"item": item, "role": speaker.role, "turns": turns[speaker.person], "words": words[speaker.person]})
        for person in t.meta.quoted:
            quoted[person].append(item)
    for para in cat.paras:
        for mention in para.mentions:
            if mention.entity in registry.people:
                mentioned[mention.entity].append((para, mention))
    questions = [p for p in cat.paras if p.speaker == QUESTION]
    themes_of: dict[str, Counter] = defaultdict(Counter)  # one pass, not one per person
    for para in cat.paras:
        if para.person:
            themes_of[para.person].update(tag.theme for tag in para.themes)

    pages = Pages()
    listed = sorted(set(spoke) | set(quoted) | set(mentioned), key=lambda pid: registry[pid].name.split()[-1] + registry[pid].name)
    for pid in listed:
        person = registry[pid]
        per_theme = themes_of[pid]
        roles = list(dict.fromkeys(s["role"] for s in spoke[pid] if s["role"]))
        body = env.get_template("person.md.j2").render(
            person=person,
            spoke=spoke[pid],
            roles=roles,
            turns=sum(s["turns"] for s in spoke[pid]),
            words=sum(s["words"] for s in spoke[pid]),
            themes=[(cat.registries.themes[tid], n) for tid, n in sorted(per_theme.items(), key=lambda kv: (-kv[1], kv[0]))],
            quoted=quoted[pid],
            mentioned=[(p, context(p.text, m.start, m.end)) for p, m in mentioned[pid][:PAGE_LIMIT]],
            mentioned_total=len(mentioned[pid]),
        )
        pages.add(f"people/{pid}.md", dump({"title": person.name, "description": person.description}, body), Origin(f"the person '{pid}'", "people.yml", pid, f"entry '{pid}'", pid))
    speakers = [
        {"person": registry[pid], "transcripts": len(spoke[pid]), "turns": sum(s["turns"] for s in spoke[pid]), "words": sum(s["words"] for s in spoke[pid])}
        for pid in listed
        if spoke[pid]
    ]
    body = env.get_template("people.md.j2").render(
        speakers=sorted(speakers, key=lambda s: (-s["words"], s["person"].name)),
        questions={"passages": len(questions), "transcripts": len({p.item.slug for p in questions})},
        quoted=[(registry[pid], quoted[pid]) for pid in listed if quoted[pid] and not spoke[pid]],
        mentioned=[(registry[pid], len(mentioned[pid])) for pid in listed if mentioned[pid] and not spoke[pid] and not quoted[pid]],
    )
    pages.add("people/index.md", dump({"title": "People"}, body), Origin("the list of people"))
    return pages


def events(cat: Catalogue, env, dump) -> dict[str, str]:
    series: dict[str, list[Item]] = defaultdict(list)
    for item in cat.items.values():
        series[item.series].append(item)
    themes_of: dict[str, Counter] = defaultdict(Counter)
    for para in cat.paras:
        for tag in para.themes:
            themes_of[para.item.slug][tag.theme] += 1
    metas = {t.meta.slug: t.meta for t in cat.transcripts}
    pages = Pages()
    listing = []
    for name, items in sorted(series.items()):
        items = sorted(items, key=lambda i: i.order)
        slug = slugify(name)
        meetings = [
            {
                "slug": i.slug, "title": i.title, "date": i.date.display, "place": ", ".join(x for x in (i.city, i.country) if x),
                "speakers": i.speakers, "kind": i.kind,
                "themes": [{"id": tid, "label": cat.registries.themes[tid].label, "count": n} for tid, n in themes_of[i.slug].most_common(5)],
            }
            for i in items
        ]
        if len(items) <= SIDE_BY_SIDE:
            meta = {"title": name, "template": "event.html", "hide": ["toc"], "meetings": meetings}
            body = env.get_template("event.md.j2").render(name=name, count=len(items), by_year=[])
        else:  # a long series: its meetings listed by year, not drawn as cards
            meta = {"title": name}
            body = env.get_template("event.md.j2").render(
                name=name, count=len(items), by_year=[(y, list(g)) for y, g in itertools.groupby(items, key=lambda i: i.date.year)]
            )
        first = metas[items[0].slug]  # the page is asked for by the series' first meeting
        field = "venue.series" if first.venue.series else "venue.event"
        pages.add(f"events/{slug}.md", dump(meta, body), Origin(f"the event series {name!r}", str(first.path), field, f"field '{field}'", name))
        listing.append({"name": name, "slug": slug, "meetings": items})
    places: dict[str, dict[str, list[Item]]] = defaultdict(lambda: defaultdict(list))
    for item in sorted(cat.items.values(), key=lambda i: i.order):
        places[item.country or "Country not recorded"][item.city or "City not recorded"].append(item)
    body = env.get_template("events.md.j2").render(
        series=listing,
        places=[(country, sorted(cities.items())) for country, cities in sorted(places.items())],
        titles=len(cat.items) <= CHRONOLOGY_LIMIT,
    )
    pages.add("events/index.md", dump({"title": "Events and places"}, body), Origin("the list of events and places"))
    return pages


def mentioned(cat: Catalogue, env, dump) -> dict[str, str]:
    names = cat.registries.names
    found: dict[str, list[tuple[Para, Mention]]] = defaultdict(list)
    for para in cat.paras:
        for mention in para.mentions:
            found[mention.entity].append((para, mention))
    pages = Pages()
    sections = {"organisation": [], "agreement": [], "person": []}
    for eid, hits in sorted(found.items()):
        entity = names[eid]
        sections[entity.kind].append((entity, len(hits), len({p.item.slug for p, _ in hits})))
        if entity.kind == "person":
            continue  # a person's mentions are on their page under people/
        ordered = sorted(hits, key=lambda h: (h[0].item.order, int(h[0].anchor[1:]), h[1].start))

        def grouped(hits):
            return [
                (cat.items[slug], [(p, context(p.text, m.start, m.end)) for p, m in group])
                for slug, group in itertools.groupby(hits, key=lambda h: h[0].item.slug)
            ]

        def year_page(year, group, entity=entity, grouped=grouped):
            body = env.get_template("entity.md.j2").render(entity=entity, groups=grouped(group), count=len(group), year=year, years=[], up="../../")
            return f"mentioned/{entity.id}/{year}.md", dump({"title": f"{entity.name}: {year}"}, body)

        section = f"{entity.kind}s"
        origin = Origin(f"the {entity.kind} '{eid}'", "entities.yml", f"{section}.{eid}", f"entry '{section}.{eid}'", eid)
        year_pages, years = split_by_year(ordered, lambda h: h[0].item.date.year, year_page)
        for path, text in year_pages.items():
            pages.add(path, text, origin)
        body = env.get_template("entity.md.j2").render(
            entity=entity, groups=[] if years else grouped(ordered), count=len(hits), year=None, years=years, up="../",
        )
        pages.add(f"mentioned/{eid}.md", dump({"title": entity.name, "description": entity.description}, body), origin)
    for entries in sections.values():
        entries.sort(key=lambda e: e[0].name)
    pages.add("mentioned/index.md", dump({"title": "Who and what is mentioned"}, env.get_template("mentioned.md.j2").render(sections=sections)), Origin("the list of who and what is mentioned"))
    return pages


def transcript_links(t: Transcript, registries) -> dict:
    """For a transcript's page header: the themes and the names it touches, with counts."""
    theme_counts = Counter(tag.theme for tags in t.themes.values() for tag in tags)
    order = {tid: i for i, tid in enumerate(registries.themes.themes)}
    names = Counter(m.entity for ms in t.mentions.values() for m in ms)
    base = {"person": "people", "organisation": "mentioned", "agreement": "mentioned"}
    return {
        "themes": [
            {"id": tid, "label": registries.themes[tid].label, "passages": n}
            for tid, n in sorted(theme_counts.items(), key=lambda kv: order[kv[0]])
        ],
        "mentions": [
            {"id": eid, "name": registries.names[eid].name, "kind": registries.names[eid].kind, "count": n, "page": f"{base[registries.names[eid].kind]}/{eid}/"}
            for eid, n in sorted(names.items(), key=lambda kv: (["person", "organisation", "agreement"].index(registries.names[kv[0]].kind), -kv[1], kv[0]))
        ],
    }


def pages(transcripts: list[Transcript], registries, env, dump) -> Pages:
    """Every browse page by its path, with what made it; a path asked for twice is recorded as a
    collision (``Pages.check``), not overwritten."""
    cat = Catalogue(transcripts, registries)
    out = Pages()
    for section in (home, chronology, themes, people, events, mentioned):
        out.merge(section(cat, env, dump))
    return out
