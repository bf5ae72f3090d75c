"""Search in a real browser (Debian's Chromium, Playwright), typing into the real search UI of the
built site served under a subpath. Ground truth from the four transcripts."""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

Y2008 = "Sergey Lavrov's remarks and answers to Russian media after the OSCE Ministerial Council in Helsinki"
Y2009 = "NATO, Russia paper over differences: RFE/RL on the NATO-Russia Council in Brussels"
Y2021 = "Sergey Lavrov's news conference after the 28th OSCE Ministerial Council in Stockholm"
Y2022 = "Sergey Lavrov's report and exchange with Vladimir Putin at the Security Council of Russia"


def settle(page):
    """Wait until the drawn results answer the address shown (the last search has finished)."""
    page.wait_for_function(
        "() => { const r = document.querySelector('#archive-results');"
        " return r && r.dataset.for === location.pathname + location.search; }"
    )


def type_query(page, site, text):
    page.goto(site + "search/")
    page.wait_for_function("() => document.body && document.body.dataset.searchReady")
    page.locator("#archive-q").fill(text)
    page.keyboard.press("Enter")
    page.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=text)
    settle(page)


def groups(page):
    return page.locator(".archive-group__title").all_inner_texts()


def test_an_exact_phrase_finds_exactly_the_transcripts_that_say_it(site, page):
    type_query(page, site, '"indivisibility of security"')
    assert sorted(groups(page)) == sorted([Y2008, Y2009, Y2022])
    for excerpt in page.locator(".archive-result__excerpt").all_inner_texts():
        assert "indivisibility of security" in excerpt.lower()


def test_unquoted_words_match_by_stem_and_rank_the_phrase_first(site, page):
    type_query(page, site, "indivisibility of security")
    assert sorted(groups(page)) == sorted([Y2008, Y2009, Y2021, Y2022])
    assert groups(page)[-1] == Y2021  # "indivisible security": found, ranked after the exact phrase
    excerpts = [e.lower() for e in page.locator(".archive-result__excerpt").all_inner_texts()]
    phrase = [i for i, e in enumerate(excerpts) if "indivisibility of security" in e]
    assert phrase == list(range(len(phrase))) and len(phrase) >= 3, excerpts


@pytest.mark.parametrize(
    "query, expected",
    [
        ('"Minsk agreements"', [Y2021]),
        ('"Open Skies"', [Y2021]),
        ("Rasmussen", [Y2009]),
        ("CFE", [Y2008]),
        ("Nagorno-Karabakh", [Y2008, Y2021]),
        ("Nagorno Karabakh", [Y2008, Y2021]),
        ("Kyiv", [Y2021, Y2022]),
        ("Donbas", [Y2021]),
        ('"open door" NATO', [Y2022]),
        ("Afghanistan", [Y2009, Y2021]),
        ("Afghanistan -SCO", [Y2009]),
    ],
)
def test_queries_find_the_right_transcripts(site, page, query, expected):
    page.goto(f"{site}search/?q={quote(query)}")
    settle(page)
    assert sorted(groups(page)) == sorted(expected)


def test_or_and_exclusion(site, page):
    page.goto(f"{site}search/?q={quote('Rasmussen OR CFE')}")
    settle(page)
    assert sorted(groups(page)) == sorted([Y2008, Y2009])
    page.goto(f"{site}search/?q={quote('Rasmussen -Lavrov')}")
    settle(page)
    for excerpt in page.locator(".archive-result").all_inner_texts():
        assert "Lavrov" not in excerpt


def test_a_speaker_filter_returns_only_what_that_speaker_said(site, page):
    type_query(page, site, "NATO")
    before = page.locator(".archive-result").count()
    putin = page.locator("#archive-f-speaker label", has_text="Vladimir Putin")
    expect(putin.locator(".archive-facet__count")).to_have_text("(2)")
    putin.locator("input").check()
    page.wait_for_function("() => new URLSearchParams(location.search).get('speaker') === 'Vladimir Putin'")
    settle(page)
    speakers = page.locator(".archive-result__speaker").all_inner_texts()
    assert speakers == ["Vladimir Putin", "Vladimir Putin"] and before > 2
    assert groups(page) == [Y2022]


def test_years_and_date_sorting_change_the_results_and_the_url_restores_them(site, page):
    type_query(page, site, "NATO")
    page.select_option("#archive-f-from", "2009")
    page.select_option("#archive-f-to", "2021")
    page.select_option("#archive-sort", "newest")
    page.wait_for_function("() => new URLSearchParams(location.search).get('sort') === 'newest'")
    settle(page)
    assert groups(page) == [Y2021, Y2009]
    numbers = page.locator(".archive-group[data-slug='2021-12-02-lavrov-osce-stockholm'] .archive-result__where").all_inner_texts()
    assert numbers == sorted(numbers, key=lambda n: int(n.split()[1]))  # reading order inside a transcript
    restored = page.url
    page.select_option("#archive-sort", "oldest")
    page.wait_for_function("() => new URLSearchParams(location.search).get('sort') === 'oldest'")
    settle(page)
    assert groups(page) == [Y2009, Y2021]
    page.go_back()
    page.wait_for_function("() => new URLSearchParams(location.search).get('sort') === 'newest'")
    settle(page)
    assert groups(page) == [Y2021, Y2009]
    page.goto(restored)
    settle(page)
    assert groups(page) == [Y2021, Y2009]
    assert page.locator("#archive-q").input_value() == "NATO"
    assert page.locator("#archive-sort").input_value() == "newest"


def test_a_result_opens_the_passage_with_the_terms_highlighted(site, page):
    type_query(page, site, '"indivisibility of security"')
    link = page.locator(".archive-group[data-slug='2022-02-21-lavrov-putin-security-council-moscow'] .archive-result a").first
    link.click()
    page.wait_for_url("**/transcripts/2022-02-21-lavrov-putin-security-council-moscow/**#L13")
    mark = page.locator("#L13 mark.pagefind-highlight")
    expect(mark).to_have_text("indivisibility of security")
    top = page.locator("#L13").evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < 400


def test_no_results_suggest_dropping_the_quotes(site, page):
    type_query(page, site, '"security of indivisibility"')
    expect(page.locator("#archive-status")).to_contain_text("No passages match")
    suggestion = page.locator("#archive-status a")
    expect(suggestion).to_contain_text("without quotes")
    suggestion.click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'security of indivisibility'")
    settle(page)
    assert page.locator(".archive-result").count() > 0


def test_the_header_box_and_its_shortcut_lead_to_the_same_search(site, page):
    page.goto(site + "transcripts/2008-12-05-lavrov-osce-helsinki/")
    page.keyboard.press("/")
    expect(page.locator("#archive-header-q")).to_be_focused()
    page.keyboard.type("Rasmussen")
    page.keyboard.press("Enter")
    page.wait_for_url("**/archive/search/?q=Rasmussen")
    settle(page)
    assert groups(page) == [Y2009]


def test_keyboard_moves_through_results_and_counts_are_announced(site, page):
    type_query(page, site, "CFE")
    status = page.locator("#archive-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    expect(status).to_have_text("3 passages in 1 transcript.")
    page.locator("#archive-q").focus()
    page.keyboard.press("ArrowDown")
    first = page.locator(".archive-result a").nth(0)
    expect(first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.locator(".archive-result a").nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(first).to_be_focused()


def test_results_download_as_csv(site, page):
    type_query(page, site, "CFE")
    with page.expect_download() as download:
        page.locator("#archive-csv").click()
    rows = list(csv.reader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    assert rows[0] == ["transcript", "date", "venue", "speaker", "paragraph", "url", "text"]
    assert len(rows) == 4 and all(row[1] == "2008-12-05" for row in rows[1:])
    assert all("/archive/transcripts/2008-12-05-lavrov-osce-helsinki/#L" in row[5] for row in rows[1:])
    assert any("CFE" in row[6] for row in rows[1:])


@pytest.mark.parametrize("typed", ['"suits them – the freedom"', '"suits them-the freedom"', '"suits them the freedom"', "suits them–the freedom"])
def test_a_phrase_across_a_dash_is_found_and_shown_as_the_source_writes_it(site, page, typed):
    type_query(page, site, typed)
    assert groups(page) == [Y2022]
    excerpt = page.locator(".archive-result__excerpt").first
    expect(excerpt).to_contain_text("the only element that suits them – the freedom to choose")
    assert "\u2060" not in excerpt.inner_text()
    # In context: the words found and those around them as the source has them.
    page.goto(site + f"search/?q={quote(typed)}&view=context")
    settle(page)
    line = page.locator(".archive-context__line").first
    expect(line).to_be_visible()
    cells = [cell.inner_text() for cell in line.locator("td").all()[:3]]
    assert "\u2060" not in "".join(cells)
    if typed.startswith('"'):
        assert cells[1] == "suits them – the freedom", cells
        assert cells[0].endswith("the only element that") and cells[2].startswith("to choose"), cells
    else:  # each word its own line
        assert cells[1] == "suits" and cells[2].startswith("them – the freedom to choose"), cells


def test_a_word_beside_a_dash_is_found_and_the_excerpt_keeps_the_dash(site, page):
    type_query(page, site, "Pratica")
    expect(page.locator(".archive-result__excerpt").first).to_contain_text("at the Russia–NATO meeting in Pratica di Mare")
    type_query(page, site, '"Russia NATO meeting"')
    assert groups(page) == [Y2022]
    excerpt = page.locator(".archive-result__excerpt").first
    expect(excerpt).to_contain_text("at the Russia–NATO meeting in Pratica di Mare")
    expect(excerpt.locator("mark").first).to_have_text("Russia–NATO meeting")
    type_query(page, site, "Mare NATO")
    expect(page.locator(".archive-result__excerpt mark", has_text="NATO").first).to_be_visible()
