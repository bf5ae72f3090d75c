"""Search over page records (the design large collections get, search_index.py): one Pagefind
record per transcript, whose matching paragraphs the search page draws as passages. Checked in
Chromium against the passages of the open data (data/corpus.jsonl) of the same build."""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.request
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from test_search import Y2008, Y2009, Y2021, Y2022, groups

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def corpus(paged_site):
    with urllib.request.urlopen(paged_site + "data/corpus.jsonl") as response:
        return [json.loads(line) for line in response.read().decode("utf-8").splitlines()]


def search(page, site, query, extra=""):
    page.goto(f"{site}search/?q={quote(query)}{extra}")
    page.wait_for_function("() => document.body && document.body.dataset.searchReady")
    page.wait_for_function("() => document.querySelector('#archive-results').dataset.for === location.pathname + location.search")


def drawn(page) -> list[dict]:
    """Every passage drawn (also those behind "more passages"): transcript, anchor, speaker, number."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.archive-result')].map((item) => {
          const href = item.querySelector('a').getAttribute('href');
          return { slug: href.split('/transcripts/')[1].split('/')[0], anchor: href.split('#')[1],
                   speaker: item.querySelector('.archive-result__speaker').textContent,
                   where: item.querySelector('.archive-result__where').textContent,
                   excerpt: item.querySelector('.archive-result__excerpt').textContent };
        })"""
    )


def words(text: str) -> set[str]:
    return set(re.findall(r"[\w-]+", text.lower()))


def test_the_search_page_knows_it_has_page_records(paged_site):
    with urllib.request.urlopen(paged_site + "assets/search-config.json") as response:
        assert json.load(response)["records"] == "pages"


def test_an_exact_phrase_draws_the_very_passages_with_their_speakers(paged_site, page, corpus):
    search(page, paged_site, '"indivisibility of security"')
    assert sorted(groups(page)) == sorted([Y2008, Y2009, Y2022])
    expected = {(p["transcript_id"], p["anchor"]) for p in corpus if "indivisibility of security" in p["text"].lower()}
    passages = drawn(page)
    assert {(p["slug"], p["anchor"]) for p in passages} == expected
    by_anchor = {(p["transcript_id"], p["anchor"]): p for p in corpus}
    for p in passages:
        source = by_anchor[(p["slug"], p["anchor"])]
        quoted = " and ".join(source["quoted"])
        assert p["speaker"] == (source["speaker"] or (f"{quoted} (quoted in the report)" if quoted else "Narration (news report)"))
        assert re.fullmatch(rf"¶ {source['number']}( · \S.*)?", p["where"]), p["where"]  # and its section's heading
        assert "¶" not in p["excerpt"], "the paragraph headings of the record are not text"
        assert "indivisibility of security" in p["excerpt"].lower()


def test_each_passage_names_its_own_speaker_in_a_transcript_of_turns(paged_site, page, corpus):
    search(page, paged_site, "colleagues")
    passages = [p for p in drawn(page) if p["slug"].startswith("2022-02-21")]
    speakers = {(p["transcript_id"], p["anchor"]): p["speaker"] for p in corpus}
    assert {p["speaker"] for p in passages} >= {"Sergey Lavrov", "Vladimir Putin"}
    for p in passages:
        assert p["speaker"] == speakers[(p["slug"], p["anchor"])]


def test_all_words_are_required_in_one_passage_where_one_has_them_all(paged_site, page, corpus):
    search(page, paged_site, "NATO Afghanistan")
    has = {(p["transcript_id"], p["anchor"]): words(p["text"]) for p in corpus}
    by_slug = {}
    for p in drawn(page):
        by_slug.setdefault(p["slug"], set()).add(p["anchor"])
    together = {a for (slug, a), w in has.items() if slug == "2009-12-04-nato-russia-council-brussels" and {"nato", "afghanistan"} <= w}
    assert together and by_slug["2009-12-04-nato-russia-council-brussels"] == together
    # The Stockholm transcript says both words, never in one passage: drawn as such, with a note.
    apart = {a for (slug, a), w in has.items() if slug == "2021-12-02-lavrov-osce-stockholm" and w & {"nato", "afghanistan"}}
    assert by_slug["2021-12-02-lavrov-osce-stockholm"] == apart
    group = page.locator(".archive-group", has=page.locator(".archive-group__title", has_text=Y2021))
    expect(group.locator(".archive-group__note")).to_contain_text("not together in one passage")
    expect(page.locator(".archive-group").first.locator(".archive-group__note")).to_have_count(0)


def test_an_excluded_word_removes_passages_not_whole_transcripts(paged_site, page, corpus):
    search(page, paged_site, "NATO -Afghanistan")
    passages = drawn(page)
    texts = {(p["transcript_id"], p["anchor"]): p["text"].lower() for p in corpus}
    assert passages and all("afghanistan" not in texts[(p["slug"], p["anchor"])] for p in passages)
    assert all("nato" in texts[(p["slug"], p["anchor"])] for p in passages)
    says_it = {p["transcript_id"] for p in corpus if "afghanistan" in p["text"].lower()}
    assert says_it & {p["slug"] for p in passages} == says_it, "transcripts saying it elsewhere still show"
    expect(page.locator("#archive-status")).to_contain_text("up to")


def test_a_long_list_of_passages_opens_on_request(paged_site, page):
    search(page, paged_site, "NATO")
    group = page.locator(".archive-group", has=page.locator(".archive-group__title", has_text=Y2021))
    visible = group.locator(".archive-result:visible")
    expect(visible).to_have_count(3)
    button = group.locator(".archive-group__reveal")
    hidden = int(button.inner_text().split()[0])
    button.click()
    expect(visible).to_have_count(3 + hidden)
    expect(group.locator(".archive-result a").nth(3)).to_be_focused()


def test_a_word_only_in_a_title_or_a_speaker_label_finds_nothing(paged_site, page, corpus):
    """Records carry no Pagefind metadata (which Pagefind searches as words): a transcript is
    found only by what is said in it."""
    said = " ".join(p["text"] for p in corpus if p["transcript_id"] == "2008-12-05-lavrov-osce-helsinki").lower()
    assert "lavrov" not in said, "the test needs a transcript whose text never names its speaker"
    search(page, paged_site, "Lavrov")
    assert Y2008 not in groups(page)  # his own statement: the name is in its title and labels only
    assert Y2009 in groups(page)
    assert not re.search(r"\bexchang", " ".join(p["text"] for p in corpus).lower())
    search(page, paged_site, "exchange")  # in the title "Sergey Lavrov's report and exchange with..." only
    assert groups(page) == []
    expect(page.locator("#archive-status")).to_contain_text("No passages")


def test_csv_has_a_row_per_passage_with_its_whole_text(paged_site, page, corpus):
    search(page, paged_site, "CFE")
    with page.expect_download() as download:
        page.locator("#archive-csv").click()
    rows = list(csv.reader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    assert rows[0] == ["transcript", "date", "venue", "speaker", "paragraph", "url", "text"]
    texts = {p["number"]: p["text"] for p in corpus if p["transcript_id"] == "2008-12-05-lavrov-osce-helsinki"}
    assert len(rows) > 1 and all(row[1] == "2008-12-05" for row in rows[1:])
    for row in rows[1:]:
        assert "/archive/transcripts/2008-12-05-lavrov-osce-helsinki/#L" in row[5]
        assert " ".join(row[6].split()) == " ".join(texts[int(row[4])].split()), row[4]


# --------------------------------------------------------------------------- shards


def test_years_are_grouped_into_shards_within_the_memory_budget():
    from diparchive.site.search_index import plan_shards

    words = {"1946": 10, "1947": 30, "1948": 50, "1950": 5, "1951": 100}
    assert plan_shards(words, bytes_per_word=1, budget=60) == [["1946", "1947"], ["1948", "1950"], ["1951"]]
    assert plan_shards(words, bytes_per_word=1, budget=10**6) == [sorted(words)]
    assert plan_shards({}, 1, 1) == []


def test_a_sharded_index_is_one_shard_per_year_here(sharded_site):
    with urllib.request.urlopen(sharded_site + "assets/search-config.json") as response:
        config = json.load(response)
    assert [s["years"] for s in config["shards"]] == [["2008"], ["2009"], ["2021"], ["2022"]]
    assert config["shards"][0]["path"] == "pagefind/"


def test_sharded_search_finds_what_one_index_finds(paged_site, sharded_site, page):
    for query in ('"indivisibility of security"', "NATO Afghanistan", "Minsk -Karabakh"):
        search(page, paged_site, query)
        whole = sorted((p["slug"], p["anchor"]) for p in drawn(page))
        search(page, sharded_site, query)
        assert sorted((p["slug"], p["anchor"]) for p in drawn(page)) == whole, query


@pytest.mark.parametrize("sort, order", [("oldest", [Y2008, Y2009, Y2021, Y2022]), ("newest", [Y2022, Y2021, Y2009, Y2008])])
def test_sharded_results_sort_by_date_across_shards(sharded_site, page, sort, order):
    search(page, sharded_site, "security", f"&sort={sort}")
    assert groups(page) == order
    page.goto(f"{sharded_site}search/?from=2009&sort={sort}")  # browsing: a year range, no words
    page.wait_for_function("() => document.querySelector('#archive-results').dataset.for === location.pathname + location.search")
    assert groups(page) == [t for t in order if t != Y2008]


def test_the_facets_of_a_large_archive_load_when_opened_and_count_across_shards(sharded_site, page):
    requested = []
    page.on("request", lambda request: requested.append(request.url) if "pf_filter" in request.url else None)
    search(page, sharded_site, "NATO")
    narrow = page.locator("#archive-narrow")
    expect(narrow).not_to_have_attribute("open", "")
    assert requested == [], "no filter lists before the facets are opened"
    narrow.locator("summary").click()
    speaker = page.locator("#archive-f-speaker .archive-facet", has_text="Sergey Lavrov")
    # four transcripts in four shards: his three and the 2009 report that quotes him
    expect(speaker.locator(".archive-facet__count")).to_have_text("(4)")
    assert requested
    speaker.locator("input").check()
    page.wait_for_function("() => new URLSearchParams(location.search).get('speaker') === 'Sergey Lavrov'")
    page.wait_for_function("() => document.querySelector('#archive-results').dataset.for === location.pathname + location.search")
    assert sorted(groups(page)) == sorted([Y2008, Y2009, Y2021, Y2022])


def test_the_large_archive_search_page_has_no_serious_accessibility_violations(sharded_site, page):
    from test_publishing import AXE

    search(page, sharded_site, "NATO")
    page.locator(".archive-group__reveal").first.focus()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], bad
