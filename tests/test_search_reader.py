"""What a reader meets around the results: the people a query names, the nearest words where
nothing matches, a prompt before any search, and the status line's wording. In Chromium, on the
default site."""

from __future__ import annotations

import json
import urllib.request
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from test_search import settle, type_query

pytestmark = pytest.mark.browser


def spoken(site: str) -> dict[str, tuple[int, int]]:
    """{name: (passages, transcripts)} of everyone who speaks or is quoted, from the open data."""
    with urllib.request.urlopen(site + "data/corpus.jsonl") as response:
        records = [json.loads(line) for line in response.read().decode("utf-8").splitlines()]
    passages: dict[str, set] = {}
    for r in records:
        for name in dict.fromkeys(([r["speaker"]] if r["speaker_id"] else []) + r["quoted"]):
            passages.setdefault(name, set()).add((r["transcript_id"], r["anchor"]))
    return {name: (len(found), len({t for t, _ in found})) for name, found in passages.items()}


def test_a_name_offers_the_person_with_their_passages_filter_and_page(site, page):
    counts = spoken(site)
    type_query(page, site, "Lavrov")
    names = page.locator("#archive-names")
    passages, transcripts = counts["Sergey Lavrov"]
    expect(names).to_contain_text(f"Sergey Lavrov speaks or is quoted in {passages} passages of {transcripts} transcripts")
    assert names.locator(".archive-search__person").count() == 1
    expect(names.get_by_role("link", name="about Sergey Lavrov")).to_have_attribute("href", "/archive/people/sergey-lavrov/")
    names.get_by_role("link", name="show only Sergey Lavrov’s words").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('speaker') === 'Sergey Lavrov'")
    settle(page)
    assert page.evaluate("() => new URLSearchParams(location.search).get('q')") in (None, "")
    expect(page.locator("#archive-status")).to_contain_text(f"{passages} passages")
    expect(page.locator("#archive-names")).to_be_hidden()  # his filter is on: nothing more to offer


def test_two_names_offer_both_people_and_keep_the_rest_of_the_query(site, page):
    type_query(page, site, "Lavrov Putin NATO")
    names = page.locator("#archive-names .archive-search__person")
    expect(names).to_have_count(2)
    texts = names.all_inner_texts()
    assert any(t.startswith("Sergey Lavrov ") for t in texts) and any(t.startswith("Vladimir Putin ") for t in texts)
    link = page.get_by_role("link", name="search only Vladimir Putin’s words")
    assert "q=Lavrov+NATO" in link.get_attribute("href") and "speaker=Vladimir+Putin" in link.get_attribute("href")


def test_words_that_name_nobody_offer_nobody(site, page):
    type_query(page, site, "security guarantees")
    settle(page)
    expect(page.locator("#archive-names")).to_be_hidden()
    assert page.locator(".archive-result").count() > 0


@pytest.mark.parametrize("typed, meant", [("Rasmusen", "Rasmussen"), ("indivisibilty of security", "indivisibility of security"), ('"indivisible secrity"', '"indivisible security"')])
def test_a_misspelt_word_that_matches_nothing_offers_the_nearest_word(site, page, typed, meant):
    type_query(page, site, typed)
    expect(page.locator("#archive-status")).to_contain_text("No passages match")
    suggestion = page.locator("#archive-names").get_by_role("link", name=meant)
    expect(suggestion).to_be_visible()
    expect(page.locator("#archive-names")).to_contain_text(f"Did you mean {meant}?")
    suggestion.click()
    page.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=meant)
    settle(page)
    assert page.locator(".archive-result").count() > 0


def test_nothing_is_suggested_for_a_word_the_archive_has_or_when_something_matched(site, page):
    type_query(page, site, "Rasmussen Lugansk")  # both known, never in one passage
    expect(page.locator("#archive-status")).to_contain_text("No passages match")
    expect(page.locator("#archive-names")).not_to_contain_text("Did you mean")
    type_query(page, site, "security Rasmusen")
    expect(page.locator("#archive-names")).to_contain_text("Did you mean security Rasmussen?")
    type_query(page, site, "zzzzqx")
    expect(page.locator("#archive-status")).to_contain_text("No passages match")
    expect(page.locator("#archive-names")).to_be_hidden()


def test_an_empty_search_prompts_for_words_or_filters(site, page):
    page.goto(site + "search/")
    page.wait_for_function("() => document.body && document.body.dataset.searchReady")
    status = page.locator("#archive-status")
    expect(status).to_contain_text("Type words or “a phrase” above")
    page.goto(site + "search/?q=")
    page.wait_for_function("() => document.body && document.body.dataset.searchReady")
    expect(status).to_contain_text("choose a speaker")


def test_a_quoted_phrase_is_quoted_once_when_nothing_matches(site, page):
    type_query(page, site, '"security of indivisibility"')
    text = page.locator("#archive-status").inner_text()
    assert "No passages match “security of indivisibility”." in text, text
    assert "“\"" not in text and "\"”" not in text
