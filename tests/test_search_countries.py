"""The country a speaker speaks for (``speakers[].country``): in the open data, as a search filter
and as the chart's lines, in Chromium. On the default four (Lavrov and Putin speak for Russia;
the 2009 report's narration and quotations for no country), in two record designs, and on the
first UN speeches (a country each) against the Kremlin pages (none recorded: nothing offered)."""

from __future__ import annotations

import json
import urllib.request
from collections import defaultdict
from urllib.parse import quote

import pytest

from test_search import groups
from test_search_research import corpus_of, open_view, table

pytestmark = pytest.mark.browser

RUSSIANS = ("Sergey Lavrov", "Vladimir Putin")


def config_of(site: str) -> dict:
    with urllib.request.urlopen(site + "assets/search-config.json") as response:
        return json.loads(response.read())


def settle(page):
    page.wait_for_function("() => document.querySelector('#archive-results').dataset.for === location.pathname + location.search")


def results_of(page, site, query) -> list[str]:
    """The search's results, as drawn (every page of them): each passage's link."""
    page.goto(f"{site}search/?{query}")
    page.wait_for_function("() => document.body && document.body.dataset.searchReady")
    settle(page)
    while page.locator("#archive-more:not([hidden])").count():
        before = page.locator(".archive-result").count()
        page.click("#archive-more")
        page.wait_for_function(f"() => document.querySelectorAll('.archive-result').length > {before}")
    return sorted(page.eval_on_selector_all(".archive-result a.archive-result__link", "(links) => links.map((a) => a.getAttribute('href'))"))


def test_the_open_data_says_whom_each_paragraph_s_speaker_speaks_for(site):
    corpus = corpus_of(site)
    assert {r["speaker"]: r["speaker_country"] for r in corpus if r["speaker_id"]} == {"Sergey Lavrov": "Russia", "Vladimir Putin": "Russia"}
    assert {r["speaker_country"] for r in corpus if not r["speaker_id"]} == {None}  # narration, questions
    assert {r["country"] for r in corpus} == {"Finland", "Belgium", "Sweden", "Russia"}  # where: a field of its own
    assert config_of(site)["facets"] == ["country", "event", "kind", "speaker", "theme"]


@pytest.mark.parametrize("design", ["site", "paged_site"])
def test_narrowing_to_a_country_finds_its_speakers_passages_and_no_others(design, request, page):
    site = request.getfixturevalue(design)
    by_country = results_of(page, site, "q=security&country=Russia")
    by_speakers = results_of(page, site, "q=security&" + "&".join(f"speaker={quote(name)}" for name in RUSSIANS))
    everyone = results_of(page, site, "q=security")
    # A speaker filter also finds the report's passages that quote Lavrov, and so does his
    # country: words quoted in a report count under the country their speaker speaks for
    # elsewhere (search_index.quoted_country); the report's own narration speaks for none.
    quoting = [href for href in by_speakers if "2009-12-04" in href]
    assert quoting and by_country == by_speakers
    assert set(by_country) < set(everyone)
    corpus = corpus_of(site)
    narration = {f"#{r['anchor']}" for r in corpus if r["transcript_id"].startswith("2009-12-04") and "Sergey Lavrov" not in r["quoted"]}
    assert not any(href.endswith(tuple(narration)) for href in by_country if "2009-12-04" in href)
    page.goto(f"{site}search/?q=security&country=Russia")
    settle(page)
    if page.locator("#archive-narrow").get_attribute("open") is None:
        page.click("#archive-narrow summary")  # folded on a large archive's page until asked for
    box = page.locator("#archive-f-country input[value='Russia']")
    box.wait_for()
    assert box.is_visible() and box.is_checked()
    assert page.locator("#archive-f-country .archive-facet").count() == 1


def test_a_chart_split_by_country_counts_that_country_s_transcripts(site, page):
    corpus = corpus_of(site)
    open_view(page, site, "security", "years", "&by=country&split=Russia")
    rows = {row["Year"]: row for row in table(page)}
    assert page.locator("#archive-years-legend li").all_inner_texts() == ["Russia"]
    assert page.locator("#archive-by").input_value() == "country"
    assert page.eval_on_selector_all("#archive-split input", "(boxes) => boxes.map((b) => [b.value, b.checked, b.dataset.by])") == [["Russia", True, "country"]]
    own = defaultdict(set)
    for record in corpus:  # who speaks for Russia, or is quoted and speaks for it elsewhere (Lavrov)
        if record["speaker_country"] == "Russia" or set(record["quoted"]) & set(RUSSIANS):
            own[record["date"][:4]].add(record["transcript_id"])
    for year, row in rows.items():
        if row["Transcripts that year"] == "0":  # no transcripts at all that year: not covered
            assert row["Russia: share"] == "not covered", year
            continue
        # its own transcripts that year: those in which someone speaks for Russia (none in 2009)
        assert int(row["Russia: its transcripts that year"]) == len(own[year]), year
        page.goto(f"{site}search/?q=security&country=Russia&from={year}&to={year}")
        settle(page)
        matching = len(groups(page))
        assert int(row["Russia: transcripts"]) == matching, year
        share = f"{100 * matching / len(own[year]):.0f} %" if own[year] else "not covered"
        assert row["Russia: share"] == share, year
    assert rows["2009"]["Russia: transcripts"] == "1" and rows["2008"]["Russia: transcripts"] == "1"  # 2009: the report quoting Lavrov


def test_choosing_lines_by_country_drops_the_speakers_chosen_and_keeps_it_in_the_address(site, page):
    open_view(page, site, "security", "years", "&split=Sergey+Lavrov")
    assert page.locator("#archive-years-chart path[data-split]").count() == 1
    page.select_option("#archive-by", "country")
    page.wait_for_function("() => location.search.includes('by=country') && document.querySelector('#archive-results').dataset.for === location.pathname + location.search")
    assert "split=" not in page.url
    assert page.locator("#archive-years-chart path[data-split]").count() == 0
    assert page.eval_on_selector_all("#archive-split input", "(boxes) => boxes.map((b) => b.value)") == ["Russia"]
    page.locator("#archive-split input[value='Russia']").check()
    page.wait_for_function("() => location.search.includes('split=Russia') && document.querySelectorAll('#archive-years-chart path[data-split]').length === 1")
    assert "by=country" in page.url


def test_each_un_speech_speaks_for_its_country_and_a_line_per_country_is_a_direct_search(collection_sites, page):
    un, kremlin = collection_sites["un"], collection_sites["kremlin"]
    corpus = collection_sites.corpus("un")  # its open data, from its release (collection.py publishes the UN's bulk files so)
    countries = sorted({r["speaker_country"] for r in corpus})
    assert len(countries) >= 10 and None not in countries
    assert "country" in config_of(un)["facets"] and "country" not in config_of(kremlin)["facets"]
    open_view(page, un, "peace", "years", "&by=country&split=" + "&split=".join(quote(c) for c in countries[:2]))
    rows = table(page)
    for country in countries[:2]:
        speeches = defaultdict(set)
        for record in corpus:
            if record["speaker_country"] == country:
                speeches[record["date"][:4]].add(record["transcript_id"])
        for row in rows:
            assert int(row[f"{country}: its transcripts that year"]) == len(speeches[row["Year"]])
            page.goto(f"{un}search/?q=peace&country={quote(country)}&from={row['Year']}&to={row['Year']}")
            settle(page)
            assert int(row[f"{country}: transcripts"]) == len(groups(page)), (country, row["Year"])
    # The Kremlin pages record no country: neither the filter nor the choice of lines is offered.
    open_view(page, kremlin, "cooperation", "years")
    assert page.locator("#archive-f-country").is_hidden()
    assert page.locator(".archive-split__by").is_hidden()
    assert page.locator("#archive-by option").all_inner_texts() == ["speaker"]
