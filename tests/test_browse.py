"""Browse pages: themes, people, events and places, mentions, chronology (generated Markdown)."""

import re

import frontmatter
import markdown
import pytest

from conftest import ROOT
from diparchive.publish import browse, render
from diparchive.pipeline import Project, gather

Y2008, Y2009 = "2008-12-05-lavrov-osce-helsinki", "2009-12-04-nato-russia-council-brussels"
Y2021, Y2022 = "2021-12-02-lavrov-osce-stockholm", "2022-02-21-lavrov-putin-security-council-moscow"


@pytest.fixture(scope="module")
def pages():
    transcripts, registries = gather(Project.at(ROOT))
    return render.site_pages(transcripts, registries)


def order(text, *needles):
    return [text.index(n) for n in needles]


def test_a_theme_page_lists_its_passages_in_date_order_with_links_and_counts(pages):
    page = pages["themes/indivisibility-of-security.md"]
    positions = order(page, f"(../transcripts/{Y2008}.md)", f"(../transcripts/{Y2009}.md)", f"(../transcripts/{Y2021}.md)", f"(../transcripts/{Y2022}.md)")
    assert positions == sorted(positions)
    assert f"[¶ 4](../transcripts/{Y2022}.md#L13)" in page
    assert "**indivisibility of security**{ .theme-signal }" in page
    assert "[Search within this theme](../search.md?theme=Indivisibility%20of%20security)" in page
    assert "- [Sergey Lavrov](../people/sergey-lavrov.md): " in page
    assert "- Narration (news report): 2" in page
    assert "[Legally binding security guarantees and the European Security Treaty](security-guarantees.md)" in page


def test_the_overview_grid_counts_passages_by_transcript(pages):
    grid = frontmatter.loads(pages["themes/index.md"])["grid"]
    assert grid["by"] == "transcript" and [c["key"] for c in grid["columns"]] == [Y2008, Y2009, Y2021, Y2022]
    row = next(r for r in grid["rows"] if r["id"] == "nagorno-karabakh")
    assert [c["count"] for c in row["cells"]] == [1, 0, 1, 0] and row["total"] == 2
    assert all(0 <= c["level"] <= 4 for r in grid["rows"] for c in r["cells"])


def test_a_large_archive_grid_counts_by_year(monkeypatch):
    monkeypatch.setattr(browse, "GRID_COLUMNS", 2)
    transcripts, registries = gather(Project.at(ROOT))
    grid = frontmatter.loads(browse.themes(browse.Catalogue(transcripts, registries), render.ENV, render.page)["themes/index.md"])["grid"]
    assert grid["by"] == "year" and [c["key"] for c in grid["columns"]] == ["2008", "2009", "2021", "2022"]


def test_a_speaker_page_has_roles_turns_words_and_themes(pages):
    page = pages["people/sergey-lavrov.md"]
    assert "Offices held when speaking: Minister of Foreign Affairs of the Russian Federation." in page
    assert "14 turns and 6,734 words in 3 transcripts" in page  # 4 + 7 + 3 turns
    assert "### Passages by theme" in page and "(../themes/indivisibility-of-security.md)" in page
    assert "## Quoted" in page and f"(../transcripts/{Y2009}.md)" in page.split("## Quoted")[1]
    putin = pages["people/vladimir-putin.md"]
    assert "as President of the Russian Federation: 2 turns" in putin


def test_questions_are_not_a_person_and_the_quoted_are_not_speakers(pages):
    index = pages["people/index.md"]
    assert "Questions from journalists are attributed to \"Question\", not to a person: 9" in index
    speakers = index.split("## Quoted in reports")[0]
    assert "Rasmussen" not in speakers
    assert "[Anders Fogh Rasmussen](anders-fogh-rasmussen.md): 1 report" in index
    assert "## Speaks" not in pages["people/anders-fogh-rasmussen.md"]
    assert "people/question.md" not in pages


def test_an_event_page_shows_its_meetings_side_by_side(pages):
    meetings = frontmatter.loads(pages["events/osce-ministerial-council.md"])["meetings"]
    assert [(m["slug"], m["place"]) for m in meetings] == [(Y2008, "Helsinki, Finland"), (Y2021, "Stockholm, Sweden")]
    places = pages["events/index.md"]
    assert "### Belgium" in places and "**Brussels**" in places and "### Russia" in places


def test_the_events_index_lists_each_series_and_each_place_as_its_own_item(pages):
    """As MkDocs renders it (the extensions of mkdocs.yml): one list item per series, one per city
    under its country's heading, and no item running into the next or into a heading."""
    html = markdown.markdown(frontmatter.loads(pages["events/index.md"]).content, extensions=["attr_list", "toc"])
    text = lambda fragment: re.sub(r"<[^>]+>", "", fragment).strip()  # noqa: E731
    events, places = html.split('<h2 id="places">')
    assert [text(li) for li in re.findall(r"<li>(.*?)</li>", events, re.S)] == [
        "Extraordinary meeting of the Security Council of the Russian Federation: Moscow 2022",
        "NATO-Russia Council meeting of foreign ministers: Brussels 2009",
        "OSCE Ministerial Council: Helsinki 2008, Stockholm 2021",
    ]
    assert re.findall(r"<h3[^>]*>(.*?)</h3>", places) == ["Belgium", "Finland", "Russia", "Sweden"]
    cities = [text(li) for li in re.findall(r"<li>(.*?)</li>", places, re.S)]
    assert [c.split(":")[0] for c in cities] == ["Brussels", "Helsinki", "Moscow", "Stockholm"]
    assert all("#" not in c and "\n" not in c for c in cities)


def test_an_entity_page_lists_where_it_is_mentioned(pages):
    page = pages["mentioned/minsk-agreements.md"]
    assert f"(../transcripts/{Y2021}.md)" in page and f"(../transcripts/{Y2022}.md)" in page
    assert Y2008 not in page
    assert "**Package of Measures**" in page
    group = pages["mentioned/osce-minsk-group.md"]
    assert Y2008 in group and "**OSCE Minsk Group**" in group
    assert "[Antony Blinken](../people/antony-blinken.md)" in pages["mentioned/index.md"]


def test_a_transcript_page_links_its_themes_and_mentions(pages):
    meta = frontmatter.loads(pages[f"transcripts/{Y2021}.md"])
    assert {"id": "ukraine", "label": "Ukraine, Donbass and the Minsk agreements", "passages": 7} in meta["themes"]
    pages_linked = {m["page"] for m in meta["mentions"]}
    assert "people/antony-blinken/" in pages_linked and "mentioned/minsk-agreements/" in pages_linked
    assert meta["venue"]["series_page"] == "events/osce-ministerial-council/"


def test_the_chronology_lists_every_transcript_by_year(pages):
    page = pages["years/index.md"]
    positions = order(page, "## [2022]", "## [2021]", "## [2009]", "## [2008]")
    assert positions == sorted(positions)
    assert page.count("](../transcripts/") == 4 and "Remarks and answers to media questions" in page


def test_large_themes_names_and_series_are_split_by_year(monkeypatch, small_project):
    """What a large archive does, on the four transcripts with small limits; MkDocs checks links."""
    import subprocess
    import sys

    from conftest import copy_project

    monkeypatch.setattr(browse, "PAGE_LIMIT", 3)
    monkeypatch.setattr(browse, "SIDE_BY_SIDE", 1)
    transcripts, registries = gather(Project.at(ROOT))
    pages = render.site_pages(transcripts, registries)
    theme = pages["themes/indivisibility-of-security.md"]
    assert "## By year" in theme and "- [2021](indivisibility-of-security/2021.md): 4 passages" in theme
    year = pages["themes/indivisibility-of-security/2021.md"]  # 4 passages, beyond the limit: by month
    assert "- [December 2021](2021/12.md): 4 passages" in year and "[Indivisibility of security](../indivisibility-of-security.md)" in year
    month = pages["themes/indivisibility-of-security/2021/12.md"]  # and a month beyond it, in stretches
    assert "- [December 2021, part 2 of 2](12/2.md): 1 passage" in month
    stretch = pages["themes/indivisibility-of-security/2021/12/1.md"]
    assert "(../../../../transcripts/2021-12-02-lavrov-osce-stockholm.md#L" in stretch and "indivisible security" in stretch
    assert "- [2021](nato/2021.md)" in pages["mentioned/nato.md"] and "mentioned/nato/2008.md" in pages
    series = pages["events/osce-ministerial-council.md"]
    assert "template: event.html" not in series and "## 2008" in series and "## 2021" in series
    project = copy_project(small_project.root.parent / "split", slugs=None)
    from diparchive.publish import write

    write.write_pages(project.docs, pages)
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project.root, capture_output=True, text=True,
                         env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "DIPARCHIVE_SEARCH_INDEX": "false"})
    assert run.returncode == 0, run.stderr[-3000:]
