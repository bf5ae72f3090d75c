"""Ways into the archive besides search: by time, theme, speaker, event and place, kind, the
publisher's own tags, and by who and what is mentioned. Each function prepares plain data for a
template in ``templates/``; ``pages()`` returns every browse page keyed by its path under docs/.

No page lists more than PAGE_LIMIT entries: a longer list is cut (``cut``) into a page per year,
a year still too long into a page per month, and a month still too long into numbered stretches
(names are cut by their initial instead of by date). The pages of a cut list live in a folder
named after the page that lists them: ``themes/ukraine.md`` -> ``themes/ukraine/2017.md`` ->
``themes/ukraine/2017/03.md``.
"""

from __future__ import annotations

import calendar
import hashlib
import itertools
import posixpath
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace

from diparchive.publish import by_year as per_year
from diparchive.publish.by_year import words_in
from diparchive.ingest import sidecar as schema
from diparchive.model import Mention, PartialDate, ThemeTag, Transcript
from diparchive.publish.outputs import Origin, Pages
from diparchive.infra.slugs import SLUG_LENGTH, page_slug as slugify

HOME_LATEST = 20
"""How many transcripts the home page lists; the rest are one click away, by year."""

GRID_COLUMNS = 12
"""Up to this many transcripts the theme grid has one column each; beyond it, one per year."""

PAGE_LIMIT = 300
"""The most entries (transcripts, passages, mentions, names) one browse page lists; a longer
list is cut into pages by year, then by month (``cut``). The chronology too lists every
transcript on its first page only up to this many."""

SIDE_BY_SIDE = 24
"""A series of up to this many meetings is drawn side by side; a longer one is listed by year."""

TOP = 50
"""Lists of counts (speakers of a theme) show this many, then say how many more."""


QUESTION = "Question"
NARRATION = "Narration (news report)"
NOT_RECORDED = ("Country not recorded", "City not recorded")


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
    """The kind's label (``sidecar.KINDS``)."""
    kind_id: str = ""
    topics: tuple[str, ...] = ()
    """The publisher's Topics tags (``source.tags.topics``), as printed."""
    geography: tuple[str, ...] = ()
    """The publisher's Geography tags (``source.tags.geography``), as printed."""

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
            tags = m.source.tags
            item = Item(
                m.slug, m.title, m.date, m.venue.display, m.venue.series_name, m.venue.city or "", m.venue.country or "",
                ", ".join(names), schema.KINDS[m.kind], m.kind,
                tags.topics if tags else (), tags.geography if tags else (),
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


# --------------------------------------------------------------------------- cutting long lists


@dataclass(frozen=True)
class Level:
    """One way to cut a long list: the group of each entry, as a key in a page's path and as a
    label. The list must be in an order that keeps each group together."""

    name: str
    """What a part is, as a page says it: 'year', 'month', 'initial'."""
    key: Callable[[object], str]
    label: Callable[[object], str]


STRETCH = "part"
"""What a numbered stretch is called, when no level is left to cut a part by."""


def by_date(date_of: Callable[[object], PartialDate]) -> tuple[Level, Level]:
    """Cut by year, then by month, for a list in date order (oldest or newest first). A date
    known only to the year has a group of its own within its year."""
    return (
        Level("year", lambda e: str(date_of(e).year), lambda e: str(date_of(e).year)),
        Level(
            "month",
            lambda e: f"{date_of(e).month:02d}" if date_of(e).month else "year-only",
            lambda e: f"{calendar.month_name[date_of(e).month]} {date_of(e).year}" if date_of(e).month else f"{date_of(e).year}, known to the year only",
        ),
    )


def initial(name: str) -> str:
    """The letter a name is filed under: its first letter without accents, or '#' for the rest."""
    letter = unicodedata.normalize("NFKD", name.strip()[:1]).encode("ascii", "ignore").decode().lower()
    return letter if "a" <= letter <= "z" else "#"


def by_initial(name_of: Callable[[object], str]) -> tuple[Level]:
    """Cut by initial, for a list ordered by ``filed(name)``."""
    return (Level("initial", lambda e: initial(name_of(e)).replace("#", "other"), lambda e: initial(name_of(e)).upper()),)


def filed(name: str) -> tuple:
    """The order of a list cut ``by_initial``: by initial ('#' last), then by name."""
    letter = initial(name)
    return (letter == "#", letter, name)


@dataclass(frozen=True)
class Part:
    """One page of a cut list: what it holds, and when it is still too long, its own parts."""

    label: str
    path: str
    entries: tuple
    parts: tuple[Part, ...] = ()
    by: str = ""
    """What its parts are ('month'), when it has any."""


def split(entries: list, folder: str, levels: tuple[Level, ...], label: str = "") -> tuple[Part, ...]:
    """Cut ``entries`` into parts of at most PAGE_LIMIT, each at ``folder/<key>.md``: by the first
    level; a part still too long by the next, in a folder of its own; with no level left, into
    numbered stretches. A list that fits on one page has no parts."""
    if len(entries) <= PAGE_LIMIT:
        return ()
    if not levels:
        stretches = [entries[i : i + PAGE_LIMIT] for i in range(0, len(entries), PAGE_LIMIT)]
        return tuple(
            Part(f"{label + ', ' if label else ''}{STRETCH} {n} of {len(stretches)}", f"{folder}/{n}.md", tuple(stretch))
            for n, stretch in enumerate(stretches, 1)
        )
    level, rest = levels[0], levels[1:]
    parts = []
    for key, group in itertools.groupby(entries, key=level.key):
        group = list(group)
        name = level.label(group[0])
        below = split(group, f"{folder}/{key}", rest, name)
        parts.append(Part(name, f"{folder}/{key}.md", tuple(group), below, (rest[0].name if rest else STRETCH) if below else ""))
    return tuple(parts)


def relative(path: str, page: str) -> str:
    """The link from ``page`` to ``path``, both under docs/."""
    return posixpath.relpath(path, posixpath.dirname(page) or ".")


@dataclass(frozen=True)
class View:
    """One page of a list as its template shows it: the entries it lists or, when they are too
    many, the parts it links instead; on a part's page, the way back up."""

    page: str
    """Its path under docs/."""
    entries: list
    """The entries it lists; none when it links ``parts`` instead."""
    parts: list[dict]
    """The pages it links instead: label, link, count and the entries of each."""
    trail: list[dict]
    """On a part's page, the pages above it from the main one: label and link; else none."""
    label: str = ""
    """On a part's page, its label ('2017', 'March 2017'); '' on the main page."""
    by: str = ""
    """What its parts are ('year', 'month', 'initial', 'part'), when it has any."""

    @property
    def up(self) -> str:
        """From this page to docs/: '../' or '../../' …"""
        return "../" * self.page.count("/")

    @property
    def count(self) -> int:
        """The entries on this page or on the pages it links."""
        return len(self.entries) or sum(p["count"] for p in self.parts)

    def link(self, path: str) -> str:
        """The link from this page to a page under docs/ ('transcripts/x.md')."""
        return relative(path, self.page)


def _links(parts: tuple[Part, ...], page: str) -> list[dict]:
    return [{"label": p.label, "link": relative(p.path, page), "count": len(p.entries), "entries": p.entries} for p in parts]


def cut(entries: list, page: str, levels: tuple[Level, ...], title: str, folder: str | None = None) -> list[View]:
    """The views of a list whose main page is ``page``: first the main page's, then, for a list
    longer than PAGE_LIMIT, one per part (``split``), each page below ``folder`` (by default
    the main page's path without '.md'). ``title`` names the main page in the parts' trails."""
    entries = list(entries)
    parts = split(entries, folder or page.removesuffix(".md"), levels)
    views = [View(page, [] if parts else entries, _links(parts, page), [], "", (levels[0].name if levels else STRETCH) if parts else "")]

    def walk(parts: tuple[Part, ...], above: tuple[Part, ...]) -> None:
        for part in parts:
            trail = [{"label": title, "link": relative(page, part.path)}] + [{"label": a.label, "link": relative(a.path, part.path)} for a in above]
            views.append(View(part.path, [] if part.parts else list(part.entries), _links(part.parts, part.path), trail, part.label, part.by))
            walk(part.parts, above + (part,))

    walk(parts, ())
    return views


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
        tagged=any(i.topics or i.geography for i in ordered),
    )
    pages = Pages()
    pages.add("index.md", dump({"title": "Home", "hide": ["navigation", "toc"]}, body), Origin("the home page"))
    return pages


def chronology(cat: Catalogue, env, dump) -> dict[str, str]:
    """A page per year, newest first; a year of more than PAGE_LIMIT transcripts links a page
    per month. The chronology's first page lists them all, up to PAGE_LIMIT, else the years."""
    pages = Pages()
    ordered = cat.newest_first()
    by_year = [(y, list(g)) for y, g in itertools.groupby(ordered, key=lambda i: i.date.year)]
    for year, items in by_year:
        origin = Origin(f"the chronology of {year}")
        for view in cut(items, f"years/{year}.md", by_date(lambda i: i.date)[1:], str(year)):
            title = f"Transcripts of {view.label or year}"
            pages.add(view.page, dump({"title": title}, env.get_template("year.md.j2").render(title=title, view=view)), origin)
    body = env.get_template("years.md.j2").render(groups=by_year, full=len(ordered) <= PAGE_LIMIT, count=len(ordered))
    pages.add("years/index.md", dump({"title": "Chronology"}, body), Origin("the chronology"))
    return pages


def themes(cat: Catalogue, env, dump) -> dict[str, str]:
    vocabulary = cat.registries.themes
    tagged: dict[str, list[tuple[Para, ThemeTag]]] = defaultdict(list)
    for para in cat.paras:
        for tag in para.themes:
            tagged[tag.theme].append((para, tag))
    pages = Pages()
    of_all = per_year.totals(cat.paras)  # each year's transcripts and words, the same for every theme
    for number, theme in enumerate(vocabulary):
        origin = Origin(f"the theme '{theme.id}'", "themes.yml", f"[{number}].id", f"theme {number + 1}, field 'id'", theme.id)
        entries = sorted(tagged[theme.id], key=lambda e: (e[0].item.order, int(e[0].anchor[1:])))
        speakers = sorted(Counter(p.speaker for p, _ in entries).items(), key=lambda kv: (-kv[1], kv[0]))
        for view in cut(entries, f"themes/{theme.id}.md", by_date(lambda e: e[0].item.date), theme.label):
            groups = [
                (cat.items[slug], [{"para": p, "pieces": marked(p.text, tag.spans), "reason": tag.reason} for p, tag in group])
                for slug, group in itertools.groupby(view.entries, key=lambda e: e[0].item.slug)
            ]
            if not view.label:  # the main page
                rows = per_year.years(cat.paras, lambda p, theme=theme.id: any(tag.theme == theme for tag in p.themes), of_all)
                body = env.get_template("theme.md.j2").render(
                    theme=theme, view=view, groups=groups, count=len(entries),
                    chart=per_year.chart(rows, f"on {theme.label}", f"{theme.id}-by-year"),
                    per_speaker=speakers[:TOP], more=max(0, len(speakers) - TOP),
                    speaker_pages={p.speaker: p.person for p, _ in entries if p.person},
                    related=[vocabulary[r] for r in theme.related],
                )
                meta = {"title": theme.label, "description": theme.description, "feed": f"themes/{theme.id}/feed.xml"}
            else:
                body = env.get_template("theme.md.j2").render(theme=theme, view=view, groups=groups, count=view.count, per_speaker=[], more=0, speaker_pages={}, related=[])
                meta = {"title": f"{theme.label}: {view.label}"}
            pages.add(view.page, dump(meta, body), origin)

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


SECTIONS = ("spoke", "quoted", "mentioned")
"""A person's page lists where they speak, where a report quotes them and where they are
mentioned; cut by year when the three together are more than PAGE_LIMIT."""


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
            spoke[speaker.person].append({"section": "spoke", "item": item, "role": speaker.role, "turns": turns[speaker.person], "words": words[speaker.person]})
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

    def surname(pid: str) -> str:
        return registry[pid].name.split()[-1] + registry[pid].name

    pages = Pages()
    listed = sorted(set(spoke) | set(quoted) | set(mentioned), key=surname)
    for pid in listed:
        person = registry[pid]
        origin = Origin(f"the person '{pid}'", "people.yml", pid, f"entry '{pid}'", pid)
        per_theme = themes_of[pid]
        entries = sorted(
            spoke[pid]
            + [{"section": "quoted", "item": item} for item in quoted[pid]]
            + [{"section": "mentioned", "item": p.item, "para": p, "pieces": context(p.text, m.start, m.end)} for p, m in mentioned[pid]],
            key=lambda e: (e["item"].order, SECTIONS.index(e["section"])),  # stable: a paragraph's mentions stay in text order
        )
        for view in cut(entries, f"people/{pid}.md", by_date(lambda e: e["item"].date), person.name):
            body = env.get_template("person.md.j2").render(
                person=person,
                view=view,
                sections={name: [e for e in view.entries if e["section"] == name] for name in SECTIONS},
                spoke=spoke[pid],
                roles=list(dict.fromkeys(s["role"] for s in spoke[pid] if s["role"])),
                turns=sum(s["turns"] for s in spoke[pid]),
                words=sum(s["words"] for s in spoke[pid]),
                themes=[(cat.registries.themes[tid], n) for tid, n in sorted(per_theme.items(), key=lambda kv: (-kv[1], kv[0]))],
                quoted=quoted[pid],
                mentioned=len(mentioned[pid]),
                years=[{**part, **{name: sum(e["section"] == name for e in part["entries"]) for name in SECTIONS}} for part in view.parts],
            )
            meta = {"title": person.name, "description": person.description, "person": pid} if not view.label else {"title": f"{person.name}: {view.label}"}
            pages.add(view.page, dump(meta, body), origin)

    # The index: speakers by the words they spoke; beyond PAGE_LIMIT people, the most-spoken
    # TOP and every name on a page per initial.
    def entry(pid: str) -> dict:
        section = "speaker" if spoke[pid] else "quoted" if quoted[pid] else "mentioned"
        return {
            "section": section, "person": registry[pid], "transcripts": len(spoke[pid]), "turns": sum(s["turns"] for s in spoke[pid]),
            "words": sum(s["words"] for s in spoke[pid]), "reports": len(quoted[pid]), "mentions": len(mentioned[pid]),
        }

    everyone = [entry(pid) for pid in sorted(listed, key=lambda pid: filed(surname(pid)))]
    by_words = sorted((e for e in everyone if e["section"] == "speaker"), key=lambda s: (-s["words"], s["person"].name))
    questions = {"passages": len(questions), "transcripts": len({p.item.slug for p in questions})}
    origin = Origin("the list of people")
    for view in cut(everyone, "people/index.md", by_initial(lambda e: e["person"].name.split()[-1]), "People", folder="people/by-name"):
        if not view.label:  # the main page: every speaker by words, or the TOP when cut
            speakers = by_words[:TOP] if view.parts else by_words
        else:  # a page per initial: by name
            speakers = [e for e in view.entries if e["section"] == "speaker"]
        body = env.get_template("people.md.j2").render(
            view=view,
            speakers=speakers,
            more=max(0, len(by_words) - TOP) if view.parts else 0,
            questions=questions,
            quoted=[e for e in view.entries if e["section"] == "quoted"],
            mentioned=[e for e in view.entries if e["section"] == "mentioned"],
        )
        pages.add(view.page, dump({"title": "People" if not view.label else f"People: {view.label}"}, body), origin)
    return pages


def series_with_pages(transcripts) -> set[str]:
    """The event series that have a page of their own: every one in an archive of up to
    PAGE_LIMIT transcripts; in a larger one, those of two meetings or more (a one-off event's page
    would say no more than its transcript's, and the Kremlin collection has 5,600 of them; its
    transcript is found by date, place, kind and search)."""
    counts = Counter(t.meta.venue.series_name for t in transcripts)
    if sum(counts.values()) <= PAGE_LIMIT:
        return set(counts)
    return {name for name, n in counts.items() if n >= 2}


def events(cat: Catalogue, env, dump) -> dict[str, str]:
    series: dict[str, list[Item]] = defaultdict(list)
    with_pages = series_with_pages(cat.transcripts)
    for item in cat.items.values():
        if item.series in with_pages:
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
        first = metas[items[0].slug]  # the page is asked for by the series' first meeting
        field = "venue.series" if first.venue.series else "venue.event"
        origin = Origin(f"the event series {name!r}", str(first.path), field, f"field '{field}'", name)
        if len(items) <= SIDE_BY_SIDE:
            meetings = [
                {
                    "slug": i.slug, "title": i.title, "date": i.date.display, "place": ", ".join(x for x in (i.city, i.country) if x),
                    "speakers": i.speakers, "kind": i.kind,
                    "themes": [{"id": tid, "label": cat.registries.themes[tid].label, "count": n} for tid, n in themes_of[i.slug].most_common(5)],
                }
                for i in items
            ]
            meta = {"title": name, "template": "event.html", "hide": ["toc"], "meetings": meetings}
            pages.add(f"events/{slug}.md", dump(meta, env.get_template("event.md.j2").render(name=name, count=len(items), view=None, by_year=[])), origin)
        else:  # a long series: its meetings listed by year, not drawn as cards
            for view in cut(items, f"events/{slug}.md", by_date(lambda i: i.date), name):
                title = name if not view.label else f"{name}: {view.label}"
                body = env.get_template("event.md.j2").render(name=title, count=view.count, view=view, by_year=by_year(view.entries))
                pages.add(view.page, dump({"title": title}, body), origin)
        listing.append({"name": name, "slug": slug, "meetings": items})

    # The index: every series by name, or beyond PAGE_LIMIT, the TOP longest and a page per year
    # of first meeting; then the places.
    origin = Origin("the list of events and places")
    views = cut(sorted(listing, key=lambda s: (s["meetings"][0].order, s["name"])), "events/index.md", by_date(lambda s: s["meetings"][0].date), "Events and places", folder="events/series")
    if not views[0].parts:
        views[0] = replace(views[0], entries=listing)  # by name
    longest = sorted((s for s in listing if len(s["meetings"]) > 1), key=lambda s: (-len(s["meetings"]), s["name"]))[:TOP]
    for view in views[1:]:
        title = f"Events first held in {view.label}"
        pages.add(view.page, dump({"title": title}, env.get_template("events.md.j2").render(title=title, view=view, longest=[], places=[])), origin)
    places, place_pages = _places(cat, env, dump)
    pages.merge(place_pages)
    body = env.get_template("events.md.j2").render(title="Events and places", view=views[0], longest=longest if views[0].parts else [], places=places, titles=len(cat.items) <= PAGE_LIMIT)
    pages.add("events/index.md", dump({"title": "Events and places"}, body), origin)
    return pages


def by_year(items: list[Item]) -> list[tuple[int, list[Item]]]:
    return [(y, list(g)) for y, g in itertools.groupby(items, key=lambda i: i.date.year)]


def _places(cat: Catalogue, env, dump) -> tuple[list, Pages]:
    """The places of the events index, country by country, each city with its transcripts or
    their count; and a page per recorded country and per recorded city of one (under
    ``events/places/``), their transcripts by year, cut by year when long."""
    metas = {t.meta.slug: t.meta for t in cat.transcripts}
    places: dict[str, dict[str, list[Item]]] = defaultdict(lambda: defaultdict(list))
    for item in sorted(cat.items.values(), key=lambda i: i.order):
        places[item.country or NOT_RECORDED[0]][item.city or NOT_RECORDED[1]].append(item)
    pages = Pages()
    listed = []
    for country, cities in sorted(places.items()):
        rows = []
        recorded = country != NOT_RECORDED[0]
        country_page = f"events/places/{slugify(country)}.md"
        for city, items in sorted(cities.items()):
            # a town whose country is not recorded (the Kremlin's place lines name none) has its
            # page too, under events/places/country-not-recorded/
            page = f"events/places/{slugify(country)}/{slugify(city)}.md" if city != NOT_RECORDED[1] else None
            rows.append({"city": city, "items": items, "link": relative(page, "events/index.md") if page else None})
            if page is None:
                continue
            first = metas[items[0].slug]
            where = f"{city}, {country}" if recorded else city
            origin = Origin(f"the place {where!r}", str(first.path), "venue.city", "field 'venue.city'", city)
            above = (country, country_page) if recorded else ("Events and places", "events/index.md")
            _listing(pages, env, dump, items, page, where, origin, f" in {where}", above)
        if recorded:
            items = sorted((i for group in cities.values() for i in group), key=lambda i: i.order)
            first = metas[items[0].slug]
            origin = Origin(f"the country {country!r}", str(first.path), "venue.country", "field 'venue.country'", country)
            cities_here = [{"name": r["city"], "link": relative(f"events/places/{slugify(country)}/{slugify(r['city'])}.md", country_page), "count": len(r["items"])} for r in rows if r["link"]]
            _listing(pages, env, dump, items, country_page, country, origin, f" in {country}", ("Events and places", "events/index.md"), cities_here)
        listed.append((country, rows))
    return listed, pages


def _listing(pages: Pages, env, dump, items: list[Item], page: str, title: str, origin: Origin, what: str, above: tuple[str, str], cities=(), kind=True) -> None:
    """The page of a plain list of transcripts (a place, a kind, a tag), oldest first under a
    heading per year, cut by year when long. ``what`` says what they are, after 'n transcripts'
    (' of this kind'); ``above`` is the label and path of the page that lists this one; ``kind``,
    whether each line says the transcript's kind."""
    for view in cut(items, page, by_date(lambda i: i.date), title):
        view = replace(view, trail=[{"label": above[0], "link": view.link(above[1])}] + view.trail)
        heading = title if not view.label else f"{title}: {view.label}"
        body = env.get_template("listing.md.j2").render(
            title=heading, view=view, what=what, by_year=by_year(view.entries), cities=cities if not view.label else [], kind=kind,
        )
        pages.add(view.page, dump({"title": heading}, body), origin)


def kinds(cat: Catalogue, env, dump) -> dict[str, str]:
    """A page per kind of document (``sidecar.KINDS``, in its order), cut by year when long."""
    pages = Pages()
    of_kind: dict[str, list[Item]] = defaultdict(list)
    for item in sorted(cat.items.values(), key=lambda i: i.order):
        of_kind[item.kind_id].append(item)
    rows = []
    for kind, label in schema.KINDS.items():
        items = of_kind.get(kind)
        if not items:
            continue
        _listing(pages, env, dump, items, f"kinds/{kind}.md", label, Origin(f"the kind '{kind}'"), " of this kind", ("Kinds of document", "kinds/index.md"), kind=False)
        rows.append({"id": kind, "label": label, "count": len(items), "first": items[0].date.year, "last": items[-1].date.year})
    pages.add("kinds/index.md", dump({"title": "Kinds of document"}, env.get_template("kinds.md.j2").render(rows=rows)), Origin("the list of kinds"))
    return pages


TAGS = (("topics", "Topics"), ("geography", "Geography"))
"""The publisher's tags that have pages (``source.tags``), by field, with its heading."""


def tags(cat: Catalogue, env, dump) -> dict[str, str]:
    """For a collection whose publisher tags its pages (kremlin.ru's Topics and Geography): an
    index and a page per tag, cut by year when long. Spellings that make one slug are one tag,
    shown as most often printed. Nothing for a collection without tags."""
    pages = Pages()
    metas = {t.meta.slug: t.meta for t in cat.transcripts}
    sections = []
    for field, heading in TAGS:
        tagged: dict[str, list[Item]] = defaultdict(list)
        spellings: dict[str, Counter] = defaultdict(Counter)
        for item in sorted(cat.items.values(), key=lambda i: i.order):
            for tag in dict.fromkeys(getattr(item, field)):
                slug = slugify(tag)
                spellings[slug][tag] += 1
                if not tagged[slug] or tagged[slug][-1] is not item:
                    tagged[slug].append(item)
        rows = []
        for slug, items in tagged.items():
            label = min(spellings[slug], key=lambda s: (-spellings[slug][s], s))
            first = metas[items[0].slug]
            origin = Origin(f"the {heading} tag {label!r}", str(first.path), f"source.tags.{field}", f"field 'source.tags.{field}'", label)
            _listing(pages, env, dump, items, f"tags/{field}/{slug}.md", label, origin, " the publisher tags so", ("Tags", "tags/index.md"))
            rows.append({"label": label, "page": f"tags/{field}/{slug}.md", "count": len(items)})
        if rows:
            rows.sort(key=lambda r: filed(r["label"]))
            views = cut(rows, "tags/index.md", by_initial(lambda r: r["label"]), "Tags", folder=f"tags/{field}/by-name")
            for view in views[1:]:
                title = f"{heading}: {view.label}"
                pages.add(view.page, dump({"title": title}, env.get_template("tags.md.j2").render(title=title, sections=[(heading, view)])), Origin("the list of tags"))
            sections.append((heading, views[0]))
    if sections:
        pages.add("tags/index.md", dump({"title": "Tags"}, env.get_template("tags.md.j2").render(title="Tags", sections=sections)), Origin("the list of tags"))
    return pages


def mentioned(cat: Catalogue, env, dump) -> dict[str, str]:
    names = cat.registries.names
    found: dict[str, list[tuple[Para, Mention]]] = defaultdict(list)
    for para in cat.paras:
        for mention in para.mentions:
            found[mention.entity].append((para, mention))
    pages = Pages()
    listed = []
    for eid, hits in sorted(found.items()):
        entity = names[eid]
        listed.append({"kind": entity.kind, "entity": entity, "count": len(hits), "transcripts": len({p.item.slug for p, _ in hits})})
        if entity.kind == "person":
            continue  # a person's mentions are on their page under people/
        ordered = sorted(hits, key=lambda h: (h[0].item.order, int(h[0].anchor[1:]), h[1].start))
        section = f"{entity.kind}s"
        origin = Origin(f"the {entity.kind} '{eid}'", "entities.yml", f"{section}.{eid}", f"entry '{section}.{eid}'", eid)
        for view in cut(ordered, f"mentioned/{eid}.md", by_date(lambda h: h[0].item.date), entity.name):
            groups = [
                (cat.items[slug], [(p, context(p.text, m.start, m.end)) for p, m in group])
                for slug, group in itertools.groupby(view.entries, key=lambda h: h[0].item.slug)
            ]
            body = env.get_template("entity.md.j2").render(entity=entity, view=view, groups=groups, count=view.count)
            meta = {"title": entity.name, "description": entity.description} if not view.label else {"title": f"{entity.name}: {view.label}"}
            pages.add(view.page, dump(meta, body), origin)
    listed.sort(key=lambda e: filed(e["entity"].name))
    origin = Origin("the list of who and what is mentioned")
    for view in cut(listed, "mentioned/index.md", by_initial(lambda e: e["entity"].name), "Who and what is mentioned", folder="mentioned/by-name"):
        sections = {kind: sorted((e for e in view.entries if e["kind"] == kind), key=lambda e: e["entity"].name) for kind in ("organisation", "agreement", "person")}
        title = "Who and what is mentioned" if not view.label else f"Who and what is mentioned: {view.label}"
        pages.add(view.page, dump({"title": title}, env.get_template("mentioned.md.j2").render(title=title, view=view, sections=sections)), origin)
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
    for section in (home, chronology, themes, people, events, mentioned, kinds, tags):
        out.merge(section(cat, env, dump))
    return out
