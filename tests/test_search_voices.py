"""Search over voice records (search_index.py): one Pagefind record per voice of a transcript,
all of that speaker's paragraphs in it as sub-results, so that a speaker filter means that
speaker's words with a handful of records per transcript. Checked against the passages of the
open data (data/corpus.jsonl) of the same build: what must be drawn, and that nothing else is."""

from __future__ import annotations

import json
import urllib.request

import pytest

from diparchive.site.search_index import Passage, choose_design, voice_groups
from test_search import Y2008, Y2009, Y2022, groups
from test_search_pages import drawn, search


THEME = "indivisibility-of-security"


def passage(anchor: str, speaker: str) -> Passage:
    return Passage("t", anchor, "words", "2022-02-21", (("speaker", speaker), ("year", "2022")))


def test_a_transcripts_passages_are_grouped_by_their_voice_in_reading_order():
    passages = [passage("L1", "A"), passage("L2", "B"), passage("L3", "A"), passage("L5", "Question (from the floor)"), passage("L7", "B")]
    got = voice_groups(passages)
    assert [[p.anchor for p in g] for g in got] == [["L1", "L3"], ["L2", "L7"], ["L5"]]
    assert sorted(p.anchor for g in got for p in g) == sorted(p.anchor for p in passages), "every passage once"


def test_the_design_is_chosen_by_size_or_asked_for(monkeypatch):
    monkeypatch.delenv("DIPARCHIVE_RECORDS", raising=False)
    assert choose_design(100) == "passages"
    assert choose_design(10**6) == "voices"
    assert choose_design(100, "voices") == "voices"
    assert choose_design(10**6, "pages") == "pages"


@pytest.fixture(scope="module")
def corpus(voiced_site):
    with urllib.request.urlopen(voiced_site + "data/corpus.jsonl") as response:
        return [json.loads(line) for line in response.read().decode("utf-8").splitlines()]


@pytest.mark.browser
def test_the_search_page_knows_it_has_voice_records(voiced_site):
    with urllib.request.urlopen(voiced_site + "assets/search-config.json") as response:
        assert json.load(response)["records"] == "voices"


@pytest.mark.browser
def test_an_exact_phrase_draws_the_very_passages(voiced_site, page, corpus):
    search(page, voiced_site, '"indivisibility of security"')
    assert sorted(groups(page)) == sorted([Y2008, Y2009, Y2022]), "one group per transcript, however many voices"
    expected = {(p["transcript_id"], p["anchor"]) for p in corpus if "indivisibility of security" in p["text"].lower()}
    assert {(p["slug"], p["anchor"]) for p in drawn(page)} == expected


@pytest.mark.browser
def test_a_speaker_filter_draws_that_speakers_passages_and_no_one_elses(voiced_site, page, corpus):
    said = {(p["transcript_id"], p["anchor"]): p["speaker"] for p in corpus}
    with_word = {key for key, p in zip(said, corpus) if "colleague" in p["text"].lower()}
    search(page, voiced_site, "colleagues")
    everyone = drawn(page)
    assert {p["speaker"] for p in everyone if p["slug"].startswith("2022-02-21")} >= {"Sergey Lavrov", "Vladimir Putin"}, "the test needs two voices"
    assert {(p["slug"], p["anchor"]) for p in everyone} == with_word
    search(page, voiced_site, "colleagues", "&speaker=Vladimir+Putin")
    putin = drawn(page)
    assert {(p["slug"], p["anchor"]) for p in putin} == {key for key in with_word if said[key] == "Vladimir Putin"}
    assert {p["speaker"] for p in putin} == {"Vladimir Putin"}


@pytest.mark.browser
@pytest.mark.parametrize("records", ["voiced_site", "paged_site"])
def test_a_theme_filter_draws_only_passages_of_that_theme(records, request, page, corpus):
    """A record's filters are the union of its passages': the search page holds the drawn
    passages to the speaker and theme filters asked for, with voice and page records alike."""
    site = request.getfixturevalue(records)
    label = "Indivisibility of security"
    tagged = {(p["transcript_id"], p["anchor"]) for p in corpus if THEME in p["themes"]}
    assert tagged, "the test needs passages of the theme"
    with_word = {(p["transcript_id"], p["anchor"]) for p in corpus if "security" in p["text"].lower()}
    assert with_word - tagged, "the test needs passages with the word outside the theme"
    search(page, site, "security", "&theme=" + label.replace(" ", "+"))
    assert {(p["slug"], p["anchor"]) for p in drawn(page)} == with_word & tagged


@pytest.mark.browser
def test_with_page_records_a_speaker_filter_also_draws_only_that_speakers_passages(paged_site, page, corpus):
    said = {(p["transcript_id"], p["anchor"]): p["speaker"] for p in corpus}
    search(page, paged_site, "colleagues", "&speaker=Vladimir+Putin")
    got = drawn(page)
    assert got and {p["speaker"] for p in got} == {"Vladimir Putin"}
    assert all(said[(p["slug"], p["anchor"])] == "Vladimir Putin" for p in got)


@pytest.mark.browser
def test_a_filtered_address_loads_only_the_filter_it_uses_and_the_facets_when_opened(voiced_site, page):
    """On a large archive Pagefind reads every filter list on the page's one thread (over a second
    and 250 KB at the Kremlin's size): a search opened with a filter in its address loads only the
    list of the filter it uses; the folded panel says a filter is on, and opened it shows the
    filter checked, with counts."""
    lists = []
    page.on("request", lambda request: lists.append(request.url) if "pf_filter" in request.url else None)
    search(page, voiced_site, "colleagues", "&speaker=Vladimir+Putin")
    page.wait_for_load_state("networkidle")
    assert len(lists) == 1, lists
    narrow = page.locator("#archive-narrow")
    assert narrow.get_attribute("open") is None
    assert page.locator("#archive-narrow-active").text_content() == "(1 filter on)"
    narrow.locator("summary").click()
    putin = page.locator("#archive-f-speaker .archive-facet", has_text="Vladimir Putin")
    page.wait_for_function("() => document.querySelector('#archive-f-speaker .archive-facet__count') && document.querySelector('#archive-f-speaker .archive-facet__count').textContent !== ''")
    assert putin.locator("input").is_checked()
    assert putin.locator(".archive-facet__count").text_content() not in ("", "(0)")
    assert len(lists) > 1, "the lists, once the facets are opened"
