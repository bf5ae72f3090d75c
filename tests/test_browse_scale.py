"""Browse pages at the size of a large collection: no page lists more than PAGE_LIMIT entries,
every entry of a cut list is on exactly one of its pages, and a short list is not cut.

A synthetic collection of 700 small transcripts over six years is written into a temporary
project (the repository's registries, made-up captures and sidecars) and read through the real
pipeline once for the module; its browse pages are made with PAGE_LIMIT = 40 (and TOP = 5), so
that years are cut by month and one crowded month into numbered stretches, as the Kremlin's
7,000 transcripts are cut at 300."""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import ROOT, copy_project
from diparchive.publish import browse, outputs, render
from diparchive.pipeline import Project, gather

LIMIT = 40
YEARS = range(2015, 2021)
PER_YEAR = 100
CROWDED = 60
"""Transcripts added to March 2018, so that one month is longer than the limit."""
CROWDED_MONTH = "2018-03"

SIDECAR = """\
title: {title}
date: "{date}"
date_basis: Made up for a test.
kind: {kind}
summary: A transcript made up for a test of browse pages at scale.
venue:
{venue}
speakers:
{speakers}
language:
  text: en
  original: ru
  translation: official
source:
  publisher: Test Publisher
  capture: test.txt
  added: 2026-11-23
{tags}
licence:
  status: unknown
  note: Made up for a test.
"""


WORDS = "Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliett Kilo Lima Mike November Oscar Papa Quebec Romeo Sierra Tango Uniform Victor Whiskey X-ray Yankee Zulu".split()
"""Topic tags under every initial: 104 of them, more than the limit, so the index is cut."""


def collection() -> list[dict]:
    """What each made-up transcript is: its date, kind, speakers, series, place and tags."""
    dates = [f"{year}-{1 + (n // 9) % 12:02d}-{1 + n % 28:02d}" for year in YEARS for n in range(PER_YEAR)]
    dates += [f"{CROWDED_MONTH}-{1 + n % 28:02d}" for n in range(CROWDED)]
    dates += ["2019", "2019-05"]  # known only to the year, and to the month
    made = []
    for n, date in enumerate(sorted(dates)):
        made.append({
            "slug": f"{date}-t{n:04d}",
            "date": date,
            "kind": "interview" if n % 250 == 7 else "media-remarks" if n % 3 else "press-conference",
            "putin": n % 150 == 3,  # a short speaker's list
            "series": "Test Meeting" if n % 10 == 0 else f"Test event {n // 2}",  # one long series, many of two
            "city": ("Moscow", "Russia") if n % 4 else ("Geneva", "Switzerland") if n % 40 == 4 else ("Sochi", None) if n % 40 == 8 else None,
            "topics": ["Foreign Policy" if n == 5 else "Foreign policy", f"{WORDS[n % 26]} {(n // 26) % 4}"] + (["Regions"] if n % 100 == 1 else []),
            "geography": ["Turkey"] if n % 50 == 0 else [],
        })
    return made


def write(project: Project, t: dict) -> None:
    city = t["city"]
    venue = f'  event: "{t["series"]}"' + (f"\n  city: {city[0]}" if city else "") + (f"\n  country: {city[1]}" if city and city[1] else "")
    speakers = "  - person: sergey-lavrov\n    role: Minister of Foreign Affairs"
    text = "Sergey Lavrov: Good afternoon. We discussed NATO and the indivisibility of security.\n\nQuestion: What next?\n\n"
    if t["putin"]:
        speakers += "\n  - person: vladimir-putin\n    role: President"
        text += "Vladimir Putin: Thank you. NATO again.\n\nSergey Lavrov: As Vladimir Putin said, we will see.\n"
    else:
        text += "Sergey Lavrov: We will see.\n"
    tags = "  tags:\n    topics:\n" + "".join(f"      - {x}\n" for x in t["topics"])
    if t["geography"]:
        tags += "    geography:\n" + "".join(f"      - {x}\n" for x in t["geography"])
    sidecar = SIDECAR.format(title=f"Transcript {t['slug']}", date=t["date"], kind=t["kind"], venue=venue, speakers=speakers, tags=tags.rstrip("\n"))
    (project.transcripts / f"{t['slug']}.yml").write_text(sidecar, "utf-8")
    (project.transcripts / f"{t['slug']}.txt").write_text(text, "utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The collection read once; its browse pages made with the small limits."""
    project = copy_project(tmp_path_factory.mktemp("scale") / "project", slugs=[])
    made = collection()
    for t in made:
        write(project, t)
    transcripts, registries = gather(project, use_cache=False)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(browse, "PAGE_LIMIT", LIMIT)
        patch.setattr(browse, "TOP", 5)
        pages = browse.pages(transcripts, registries, render.ENV, render.page)
    pages.check()
    return SimpleNamespace(made=made, transcripts=transcripts, registries=registries, pages=dict(pages))


# --------------------------------------------------------------------------- reading the pages

TRANSCRIPT = re.compile(r"\]\((?:\.\./)+transcripts/([a-z0-9-]+)\.md(#L\d+)?\)")
LINK = re.compile(r"\]\(([^)\s]+?\.md)(?:#[^)]*)?\)")
PART = re.compile(r"^(\d+|year-only|[a-z]|other)$")
"""The keys of the pages a cut list is split into: a year, a month, a stretch, an initial."""


def body(page: str) -> str:
    return page.split("\n---\n", 1)[1]


def tree(pages: dict, main: str, folder: str | None = None) -> list[str]:
    """The main page of a list and the pages it is cut into (not other pages in its folder, such
    as a country's cities)."""
    stem = (folder or main.removesuffix(".md")) + "/"
    below = [p for p in pages if p.startswith(stem) and all(PART.match(k) for k in p[len(stem) : -3].split("/"))]
    return [main] + sorted(below)


def listed(text: str, anchors: bool = False) -> list:
    """The transcripts a page lists: one per line that links one (headings aside), or with
    ``anchors`` the passages it lists (transcript and paragraph)."""
    found = []
    for line in body(text).splitlines():
        if line.startswith("#"):
            continue
        hits = {(slug, anchor) if anchors else slug for slug, anchor in TRANSCRIPT.findall(line) if anchor or not anchors}
        found += sorted(hits)
    return found


def section(text: str, heading: str) -> str:
    """The part of a page under '## heading', up to the next '## '."""
    parts = re.split(r"(?m)^## ", body(text))
    return "".join(p for p in parts if p.startswith(heading + "\n"))


def every(pages: dict, main: str, folder: str | None = None, anchors: bool = False, heading: str | None = None) -> Counter:
    """How many times each entry is listed over a list's pages."""
    found = Counter()
    for path in tree(pages, main, folder):
        text = pages[path]
        if heading is not None:
            text = "---\n---\n" + section(text, heading)
        found.update(listed(text, anchors))
    return found


def once(expected) -> Counter:
    return Counter(expected)


# --------------------------------------------------------------------------- no page is too long


def test_no_browse_page_lists_more_than_the_limit(built):
    too_long = {path: n for path, text in built.pages.items() if (n := len(listed(text))) > LIMIT}
    assert too_long == {}
    passages = {path: n for path, text in built.pages.items() if (n := len(listed(text, anchors=True))) > LIMIT}
    assert passages == {}
    items = {path: n for path, text in built.pages.items() if (n := len(re.findall(r"(?m)^- ", body(text)))) > LIMIT + 5}  # + TOP
    assert items == {}


def test_the_large_lists_are_cut_by_year_then_month_then_stretch(built):
    pages = built.pages
    assert "## By year" in pages["themes/indivisibility-of-security.md"]
    assert "- [2018](indivisibility-of-security/2018.md): " in pages["themes/indivisibility-of-security.md"]
    assert "- [March 2018](2018/03.md): " in pages["themes/indivisibility-of-security/2018.md"]
    assert "themes/indivisibility-of-security/2018/03/1.md" in pages  # March 2018 is crowded
    assert "- [2018](sergey-lavrov/2018.md): speaks in " in pages["people/sergey-lavrov.md"]
    assert "people/sergey-lavrov/2018/03/2.md" in pages
    assert "- [March 2018](2018/03.md): " in pages["years/2018.md"] and "years/2018/03/1.md" in pages
    assert "- [2019, known to the year only](2019/year-only.md): 1 transcript" in pages["years/2019.md"]
    assert "[Kinds of document](../../index.md) › [Remarks and answers to media questions](../../media-remarks.md) › [2018](../2018.md)" in pages["kinds/media-remarks/2018/03.md"]
    for path in ("events/index.md", "people/index.md", "tags/index.md", "mentioned/index.md"):
        assert path in pages
    assert "events/series/2018.md" in pages and "tags/topics/by-name/x.md" in pages
    assert "events/test-meeting/2018.md" in pages  # a series longer than the limit
    assert "events/places/russia/moscow/2018.md" in pages and "events/places/russia/2018.md" in pages


def test_every_link_leads_to_a_page(built):
    pages = built.pages
    slugs = {t.meta.slug for t in built.transcripts}
    known = {"search.md", "about/index.md", "about/metadata.md", "about/cleaning-rules.md", "data.md"}
    broken = []
    for path, text in pages.items():
        for link in LINK.findall(body(text)):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), link))
            if target not in pages and target not in known and not (target.startswith("transcripts/") and target[12:-3] in slugs):
                broken.append((path, link))
    assert broken == []


# --------------------------------------------------------------------------- each entry once


def test_the_chronology_lists_every_transcript_exactly_once(built):
    found = Counter()
    for year in YEARS:
        found += every(built.pages, f"years/{year}.md")
    assert found == once(t["slug"] for t in built.made)
    assert len(found) > 10 * LIMIT


def test_a_persons_lists_hold_each_transcript_once(built):
    pages = built.pages
    assert every(pages, "people/sergey-lavrov.md", heading="Speaks") == once(t["slug"] for t in built.made)
    assert every(pages, "people/vladimir-putin.md", heading="Speaks") == once(t["slug"] for t in built.made if t["putin"])
    mentions = Counter(
        (p.item.slug, f"#{p.anchor}") for p in browse.Catalogue(built.transcripts, built.registries).paras for m in p.mentions if m.entity == "vladimir-putin"
    )
    assert sum(mentions.values()) == 5 and every(pages, "people/vladimir-putin.md", anchors=True, heading="Mentioned") == mentions


def test_theme_and_mention_pages_hold_each_passage_once(built):
    cat = browse.Catalogue(built.transcripts, built.registries)
    theme = Counter((p.item.slug, f"#{p.anchor}") for p in cat.paras if any(t.theme == "indivisibility-of-security" for t in p.themes))
    assert sum(theme.values()) > 10 * LIMIT and every(built.pages, "themes/indivisibility-of-security.md", anchors=True) == theme
    nato = Counter((p.item.slug, f"#{p.anchor}") for p in cat.paras for m in p.mentions if m.entity == "nato")
    assert sum(nato.values()) > 10 * LIMIT and every(built.pages, "mentioned/nato.md", anchors=True) == nato


def test_kinds_places_and_tags_hold_each_transcript_once(built):
    pages, made = built.pages, built.made
    for kind in ("media-remarks", "press-conference", "interview"):
        assert every(pages, f"kinds/{kind}.md") == once(t["slug"] for t in made if t["kind"] == kind)
    assert every(pages, "events/places/russia/moscow.md") == once(t["slug"] for t in made if t["city"] == ("Moscow", "Russia"))
    assert every(pages, "events/places/russia.md") == once(t["slug"] for t in made if t["city"] == ("Moscow", "Russia"))
    assert every(pages, "events/places/switzerland/geneva.md") == once(t["slug"] for t in made if t["city"] == ("Geneva", "Switzerland"))
    # a town whose country is not recorded (as the Kremlin's place lines name none) has its page too
    assert every(pages, "events/places/country-not-recorded/sochi.md") == once(t["slug"] for t in made if t["city"] == ("Sochi", None))
    assert "events/places/country-not-recorded.md" not in pages
    # Two spellings that make one slug are one tag, shown as most often printed.
    assert every(pages, "tags/topics/foreign-policy.md") == once(t["slug"] for t in made)
    assert pages["tags/topics/foreign-policy.md"].startswith("---\ntitle: Foreign policy\n")
    assert every(pages, "tags/topics/regions.md") == once(t["slug"] for t in made if "Regions" in t["topics"])
    assert every(pages, "tags/geography/turkey.md") == once(t["slug"] for t in made if t["geography"])
    assert every(pages, "events/test-meeting.md") == once(t["slug"] for t in made if t["series"] == "Test Meeting")


def test_the_indexes_cut_by_initial_or_year_list_each_name_once(built):
    pages = built.pages
    series = Counter()
    for path in tree(pages, "events/index.md", "events/series")[1:]:
        series.update(names(pages, path, r"events/[^/]+\.md"))
    meetings = Counter(t["series"] for t in built.made)
    recurring = {name for name, n in meetings.items() if n >= 2}
    assert recurring and set(meetings) - recurring, "the test needs one-off events and series"
    assert series == once(f"events/{browse.slugify(name)}.md" for name in recurring)
    # a one-off event of a large archive has no page: its transcript is its page
    assert not any(f"events/{browse.slugify(name)}.md" in pages for name in set(meetings) - recurring)
    index = pages["events/index.md"]
    assert "The 5 series with the most meetings:" in index and "- [Test Meeting](test-meeting.md): 67 meetings, 2015-2020" in index
    assert len(names(built.pages, "events/index.md", r"events/[^/]+\.md")) == 5  # the longest; the rest by year
    topics = Counter()
    for path in tree(pages, "tags/index.md", "tags/topics/by-name")[1:]:
        topics.update(names(pages, path, r"tags/topics/[^/]+\.md"))
    assert len(topics) == 26 * 4 + 2 and set(topics.values()) == {1}
    assert "- [X](topics/by-name/x.md): 4 tags" in pages["tags/index.md"] and "- [Turkey](geography/turkey.md): 14 transcripts" in pages["tags/index.md"]


def names(pages: dict, path: str, pattern: str) -> list[str]:
    """The pages of named things (people, series, tags) a page lists, as paths under docs/ that
    match ``pattern``: the first link of each list item."""
    found = []
    for line in body(pages[path]).splitlines():
        if line.startswith("- [") and LINK.search(line):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), LINK.findall(line)[0]))
            if re.fullmatch(pattern, target):
                found.append(target)
    return found


def test_the_people_and_mentioned_indexes_are_cut_by_initial(monkeypatch):
    """On the four transcripts with a limit of 3: every name of the whole index is on one page
    of those by initial."""
    transcripts, registries = gather(Project.at(ROOT))
    whole = browse.pages(transcripts, registries, render.ENV, render.page)
    monkeypatch.setattr(browse, "PAGE_LIMIT", 3)
    cut = browse.pages(transcripts, registries, render.ENV, render.page)
    cut.check()
    for index, folder, pattern in (("people/index.md", "people/by-name", r"people/(?!index)[^/]+\.md"), ("mentioned/index.md", "mentioned/by-name", r"(mentioned|people)/(?!index)[^/]+\.md")):
        everyone = Counter(names(whole, index, pattern))
        by_initial = Counter(n for path in tree(cut, index, folder)[1:] for n in names(cut, path, pattern))
        assert len(everyone) > 3 and by_initial == everyone
    assert "- [L](by-name/l.md): " in cut["people/index.md"] and "## Speakers who said most" in cut["people/index.md"]


# --------------------------------------------------------------------------- short lists stay whole


def test_short_lists_are_not_cut(built):
    pages = built.pages
    interview = pages["kinds/interview.md"]
    assert len(listed(interview)) == 3 and not any(p.startswith("kinds/interview/") for p in pages)
    regions = pages["tags/topics/regions.md"]
    assert len(listed(regions)) == 7 and "## 2015 { #y2015 }" in regions and not any(p.startswith("tags/topics/regions/") for p in pages)
    putin = pages["people/vladimir-putin.md"]
    assert "## By year" not in putin and not any(p.startswith("people/vladimir-putin/") for p in pages)
    assert "## Speaks" in putin and "## Mentioned" in putin
    geneva = pages["events/places/switzerland/geneva.md"]
    assert not any(p.startswith("events/places/switzerland/geneva/") for p in pages) and len(listed(geneva)) <= LIMIT
    for path in ("years/2015.md", "years/2016.md"):  # 100 transcripts: by month, each month whole
        months = [p for p in pages if p.startswith(path[:-3] + "/")]
        assert months and all(re.fullmatch(r"years/\d{4}/\d\d\.md", p) for p in months)
    assert not any(p.startswith("tags/geography/by-name/") for p in pages)  # one tag: not cut


def test_the_four_transcripts_are_not_cut_and_have_no_tag_pages():
    transcripts, registries = gather(Project.at(ROOT))
    pages = browse.pages(transcripts, registries, render.ENV, render.page)
    cut = [p for p in pages if re.search(r"/(\d{4}|by-name|series)(/|\.md$)", p) and not re.fullmatch(r"years/\d{4}\.md", p)]
    assert cut == []
    assert not any(p.startswith("tags/") for p in pages) and "tags/index.md" not in pages["index.md"]
    assert sorted(p for p in pages if p.startswith("kinds/")) == [
        "kinds/index.md", "kinds/media-remarks.md", "kinds/meeting.md", "kinds/news-report.md", "kinds/press-conference.md",
    ]


# --------------------------------------------------------------------------- paths


def test_a_long_name_makes_a_short_deterministic_slug():
    long = "Vladimir Putin signed the Federal Law on the ratification of the agreement between " * 3
    slug = browse.slugify(long)
    assert len(slug) <= browse.SLUG_LENGTH and slug == browse.slugify(long) and re.fullmatch(r"[a-z0-9-]+-[0-9a-f]{8}", slug)
    assert slug.startswith("vladimir-putin-signed-the-federal-law")
    assert browse.slugify(long + "and Kazakhstan") != slug and browse.slugify(long.upper()) == slug
    assert browse.slugify("OSCE Ministerial Council") == "osce-ministerial-council"


def test_two_cities_that_make_one_page_are_refused(small_project):
    sidecar = small_project.transcripts / "2020-01-02-test.yml"
    (small_project.transcripts / "2020-01-03-test.yml").write_text(sidecar.read_text("utf-8").replace("Geneva", "GENEVA"), "utf-8")
    (small_project.transcripts / "2020-01-03-test.txt").write_text((small_project.transcripts / "2020-01-02-test.txt").read_text("utf-8"), "utf-8")
    transcripts, registries = gather(small_project)
    with pytest.raises(outputs.Collisions) as clash:
        render.site_pages(transcripts, registries)
    (collision,) = clash.value.collisions
    assert collision.path == "events/places/switzerland/geneva.md"
    assert {collision.first.value, collision.second.value} == {"Geneva", "GENEVA"} and collision.second.key == "venue.city"


def test_the_tags_section_is_in_the_navigation_only_when_built(tmp_path):
    from diparchive.site.plugin import ArchivePlugin

    plugin = ArchivePlugin()
    plugin.load_config({})
    nav = [{"Home": "index.md"}, {"Chronology": "years/index.md"}, {"Kinds": "kinds/index.md"}, {"Data": "data.md"}]
    theme = SimpleNamespace(dirs=[], custom_dir=None)
    config = SimpleNamespace(
        docs_dir=str(tmp_path), nav=[dict(e) for e in nav], site_url="http://127.0.0.1:8000/", extra={}, theme=theme, extra_css=[], extra_javascript=[]
    )
    assert plugin.on_config(config).nav == nav
    (tmp_path / "tags").mkdir()
    (tmp_path / "tags" / "index.md").write_text("# Tags\n", "utf-8")
    assert plugin.on_config(config).nav == nav[:3] + [{"Tags": "tags/index.md"}] + nav[3:]
    assert plugin.on_config(config).nav == nav[:3] + [{"Tags": "tags/index.md"}] + nav[3:]  # once
