"""The search page's research views, in Chromium, on the default four in every record design:
"Per year" (a chart of any search: its numbers are those of a direct search of each year, its
totals the open data's) and "In context" (a concordance: every occurrence a line, each holding
the words, in order, linked to its paragraph). Also the hidden ``transcript`` filter the chart
counts transcripts by, and the views' handling of hostile text."""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.request
from collections import Counter, defaultdict
from urllib.parse import quote

import pytest

from diparchive.site.search_index import transcript_key
from test_search import Y2008, Y2009, Y2022, groups

pytestmark = pytest.mark.browser

PHRASE = '"indivisibility of security"'
DESIGNS = ["site", "paged_site", "voiced_site", "sharded_site"]


def corpus_of(site: str) -> list[dict]:
    with urllib.request.urlopen(site + "data/corpus.jsonl") as response:
        return [json.loads(line) for line in response.read().decode("utf-8").splitlines()]


def open_view(page, site, query, view, extra=""):
    page.goto(f"{site}search/?q={quote(query)}&view={view}{extra}")
    page.wait_for_function("() => document.body && document.body.dataset.searchReady")
    page.wait_for_function("() => document.querySelector('#archive-results').dataset.for === location.pathname + location.search")


def table(page) -> list[dict]:
    return page.evaluate(
        """() => {
          const heads = [...document.querySelectorAll('#archive-years-table thead th')].map((th) => th.textContent);
          return [...document.querySelectorAll('#archive-years-table tbody tr')].map((tr) =>
            Object.fromEntries([...tr.children].map((cell, i) => [heads[i], cell.textContent])));
        }"""
    )


def occurrences(corpus: list[dict], phrase: str) -> list[tuple[str, str]]:
    """(transcript, anchor) of each place the phrase stands, as words, in a paragraph's text."""
    wanted = phrase.lower().split()
    found = []
    for record in corpus:
        words = re.findall(r"[\w]+", record["text"].lower())
        for i in range(len(words) - len(wanted) + 1):
            if words[i : i + len(wanted)] == wanted:
                found.append((record["transcript_id"], record["anchor"]))
    return found


# --------------------------------------------------------------------------- per year


def test_the_hidden_transcript_filter_is_its_year_and_a_hash_of_its_slug():
    assert transcript_key("2008-12-05-lavrov-helsinki", "2008-12-05") == transcript_key("2008-12-05-lavrov-helsinki", "2008")
    assert transcript_key("a", "2008-12").startswith("2008:") and len(transcript_key("a", "2008")) == 13
    assert transcript_key("a", "2008") != transcript_key("b", "2008")


@pytest.mark.parametrize("design", DESIGNS)
def test_the_chart_of_a_phrase_counts_what_a_direct_search_of_each_year_finds(design, request, page):
    site = request.getfixturevalue(design)
    corpus = corpus_of(site)
    open_view(page, site, PHRASE, "years")
    rows = {row["Year"]: row for row in table(page)}
    # Every year of the archive is a row, with the open data's totals.
    per_year = defaultdict(lambda: {"transcripts": set(), "words": 0})
    for record in corpus:
        per_year[record["date"][:4]]["transcripts"].add(record["transcript_id"])
        per_year[record["date"][:4]]["words"] += len(record["text"].split())
    # A time axis: every year from the first to the last, those without transcripts marked.
    span = [str(y) for y in range(int(min(per_year)), int(max(per_year)) + 1)]
    assert list(rows) == span
    for year in set(span) - set(per_year):
        assert rows[year]["Transcripts that year"] == "0" and rows[year]["Share"] == "not covered", rows[year]
    gaps = page.eval_on_selector_all("#archive-years-chart rect.by-year__gap", "(rects) => rects.map((r) => r.dataset.year)")
    assert gaps == [y for y in span if y not in per_year] and gaps, "the test needs years without transcripts"
    rows = {year: row for year, row in rows.items() if year in per_year}
    for year, total in per_year.items():
        assert int(rows[year]["Transcripts that year"]) == len(total["transcripts"])
        assert int(rows[year]["Words that year"].replace(",", "")) == total["words"]
    # The transcripts with the phrase, per year: those a search of that year alone draws, and
    # those whose text holds it; none in 2021 (which says "indivisible security").
    places = set(occurrences(corpus, "indivisibility of security"))
    truth = Counter(year for year, _ in {(r["date"][:4], r["transcript_id"]) for r in corpus if (r["transcript_id"], r["anchor"]) in places})
    assert {year: int(row["Transcripts with it"]) for year, row in rows.items()} == {year: truth.get(year, 0) for year in per_year}
    assert rows["2021"]["Transcripts with it"] == "0" and rows["2021"]["Share"] == "0 %"
    # The chart: a bar per year, its height the share; a title and a summary to read it by.
    bars = page.eval_on_selector_all("#archive-years-chart rect.by-year__bar", "(rects) => rects.map((r) => [r.dataset.year, r.dataset.matching, +r.getAttribute('height')])")
    assert [b[0] for b in bars] == sorted(per_year)
    assert [b[1] for b in bars] == [rows[y]["Transcripts with it"] for y in sorted(per_year)]
    assert [b[2] > 0 for b in bars] == [rows[y]["Transcripts with it"] != "0" for y in sorted(per_year)]
    summary = page.inner_text("#archive-years-summary")
    assert summary.startswith("3 transcripts of 4 (75 %) in 2008–2022 match “indivisibility of security”")
    for year in per_year:
        page.goto(f"{site}search/?q={quote(PHRASE)}&from={year}&to={year}")
        page.wait_for_function("() => document.querySelector('#archive-results').dataset.for === location.pathname + location.search")
        assert len(groups(page)) == int(rows[year]["Transcripts with it"]), year
        if design == "site":  # passage records: the passages counted are those drawn
            assert page.locator(".archive-result").count() == int(rows[year]["Passages with it"]), year


def test_a_word_splits_by_speaker_each_line_a_direct_search_of_that_speaker(site, page):
    open_view(page, site, "security", "years", "&split=Sergey+Lavrov&split=Anders+Fogh+Rasmussen")
    rows = table(page)
    assert page.locator("#archive-years-chart path[data-split]").count() == 2
    assert page.locator("#archive-years-legend li").all_inner_texts() == ["Sergey Lavrov", "Anders Fogh Rasmussen"]
    checked = page.eval_on_selector_all("#archive-split input:checked", "(boxes) => boxes.map((b) => b.value)")
    assert checked == ["Sergey Lavrov", "Anders Fogh Rasmussen"]
    for row in rows:
        if row["Transcripts that year"] == "0":  # not covered: no line, no share
            assert row["Sergey Lavrov: share"] == row["Anders Fogh Rasmussen: share"] == "not covered", row
            continue
        for speaker in ("Sergey Lavrov", "Anders Fogh Rasmussen"):
            page.goto(f"{site}search/?q=security&speaker={quote(speaker)}&from={row['Year']}&to={row['Year']}")
            page.wait_for_function("() => document.querySelector('#archive-results').dataset.for === location.pathname + location.search")
            assert len(groups(page)) == int(row[f"{speaker}: transcripts"]), (speaker, row["Year"])
    covered = [row for row in rows if row["Transcripts that year"] != "0"]
    assert [row["Anders Fogh Rasmussen: transcripts"] for row in covered] == ["0", "1", "0", "0"]


def test_choosing_a_speaker_to_split_by_draws_the_line_and_keeps_it_in_the_address(site, page):
    open_view(page, site, "security", "years")
    assert page.locator("#archive-years-chart path[data-split]").count() == 0
    page.locator("#archive-split input[value='Sergey Lavrov']").check()
    page.wait_for_function("() => location.search.includes('split=') && document.querySelector('#archive-results').dataset.for === location.pathname + location.search")
    assert "split=Sergey+Lavrov" in page.url and "view=years" in page.url
    page.wait_for_function("() => document.querySelectorAll('#archive-years-chart path[data-split]').length === 1")


def test_the_counts_download_as_the_table_says(site, page):
    open_view(page, site, PHRASE, "years")
    rows = table(page)
    with page.expect_download() as download:
        page.click("#archive-years-csv")
    text = open(download.value.path(), encoding="utf-8").read()
    got = list(csv.DictReader(io.StringIO(text)))
    assert [r["year"] for r in got] == [r["Year"] for r in rows]
    assert [r["transcripts_matching"] for r in got] == [r["Transcripts with it"] for r in rows]
    assert [r["passages_matching"] for r in got] == [r["Passages with it"] for r in rows]


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("view", ["years", "context"])
def test_the_views_fit_a_phone_and_a_desktop(site, page, width, view):
    page.set_viewport_size({"width": width, "height": 800})
    open_view(page, site, "security", view)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    panel = "#archive-years" if view == "years" else "#archive-context"
    assert page.is_visible(panel) and not page.is_visible("#archive-results")
    if view == "years":  # the choice of lines (speaker or country) and a line's box, within the width
        for control in ("#archive-by", "#archive-split input"):
            box = page.locator(control).first.bounding_box()
            assert box and 0 <= box["x"] and box["x"] + box["width"] <= width, (control, box)


# --------------------------------------------------------------------------- in context


@pytest.mark.parametrize("design", DESIGNS)
def test_every_occurrence_of_a_phrase_is_a_line_holding_it_and_nothing_else_is(design, request, page):
    site = request.getfixturevalue(design)
    corpus = corpus_of(site)
    open_view(page, site, PHRASE, "context")
    lines = page.eval_on_selector_all(
        "#archive-context-table tbody tr",
        "(rows) => rows.map((r) => ({left: r.children[0].textContent, hit: r.children[1].textContent, right: r.children[2].textContent,"
        " href: r.querySelector('a').getAttribute('href'), where: r.children[3].textContent}))",
    )
    expected = Counter(occurrences(corpus, "indivisibility of security"))
    assert len(lines) == sum(expected.values()) == 6
    assert all(line["hit"].lower() == "indivisibility of security" for line in lines)
    got = Counter((line["href"].split("/transcripts/")[1].split("/")[0], line["href"].split("#")[1]) for line in lines)
    assert got == expected
    # The context is the paragraph's own words either side.
    texts = {(r["transcript_id"], r["anchor"]): r["text"] for r in corpus}
    for line, (slug, anchor) in zip(lines, [(l["href"].split("/transcripts/")[1].split("/")[0], l["href"].split("#")[1]) for l in lines]):
        text = re.sub(r"\s+", " ", texts[(slug, anchor)])
        assert line["left"].removeprefix("… ").split()[-1] in text and line["right"].removesuffix(" …").split()[0] in text
        assert line["where"].split(" · ")[1]  # a date
    assert page.inner_text("#archive-context-where") == "Lines 1–6 of 6."


def test_a_lines_link_lands_on_its_paragraph_with_the_words_highlighted(site, page):
    open_view(page, site, PHRASE, "context")
    link = page.locator("#archive-context-table tbody a").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(re.compile(r"#L\d+$"))
    anchor = href.split("#")[1]
    paragraph = page.locator(f"[id='{anchor}']")
    assert "indivisibility of security" in paragraph.inner_text().lower()
    assert "highlight=" in href


def test_lines_sort_by_the_word_before_and_after(site, page):
    def keys(side):
        return page.eval_on_selector_all(
            "#archive-context-table tbody tr",
            f"(rows) => rows.map((r) => r.children[{0 if side == 'before' else 2}].textContent)",
        )

    def word(text, side):
        words = re.findall(r"\w+", text.lower())
        return words[-1] if side == "before" else words[0]

    for side in ("before", "after"):
        open_view(page, site, PHRASE, "context", f"&lines={side}")
        got = [word(text, side) for text in keys(side)]
        assert got == sorted(got) and len(got) == 6, got
        assert page.input_value("#archive-lines") == side
    # "the" before it in five of six places ("the principle of the indivisibility..."), "of" in one.
    open_view(page, site, PHRASE, "context", "&lines=before")
    assert [word(t, "before") for t in keys("before")] == ["of", "the", "the", "the", "the", "the"]


def test_a_common_word_pages_through_its_lines_loading_results_as_it_goes(voiced_site, page):
    corpus = corpus_of(voiced_site)
    total = sum(len(re.findall(r"\bsecurity\b", r["text"], flags=re.IGNORECASE)) for r in corpus)
    open_view(page, voiced_site, "security", "context")
    assert page.locator("#archive-context-table tbody tr").count() == 25
    first = page.locator("#archive-context-table tbody a").first.get_attribute("href")
    assert page.is_disabled("#archive-context-prev")
    seen = []
    while True:
        hits = page.eval_on_selector_all("#archive-context-table tbody a", "(links) => links.map((a) => a.textContent)")
        seen += hits
        if page.is_disabled("#archive-context-next"):
            break
        before = page.get_attribute("#archive-context", "data-page")
        page.click("#archive-context-next")
        page.wait_for_function(f"() => document.querySelector('#archive-context').dataset.page !== '{before}'")
    assert all(hit.lower().startswith("secur") for hit in seen)
    assert len(seen) == total, (len(seen), total)
    assert page.inner_text("#archive-context-where").endswith(f"of {total}.")
    while not page.is_disabled("#archive-context-prev"):  # back to the first page
        before = page.get_attribute("#archive-context", "data-page")
        page.click("#archive-context-prev")
        page.wait_for_function(f"() => document.querySelector('#archive-context').dataset.page !== '{before}'")
    assert page.locator("#archive-context-table tbody a").first.get_attribute("href") == first


def test_the_lines_download_as_csv_with_where_each_is(site, page):
    open_view(page, site, PHRASE, "context")
    with page.expect_download() as download:
        page.click("#archive-context-csv")
    rows = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    assert len(rows) == 6 and all(r["match"].lower() == "indivisibility of security" for r in rows)
    assert {r["transcript"] for r in rows} == {Y2008, Y2009, Y2022}
    assert all(r["url"].startswith(site + "transcripts/") and "#L" in r["url"] for r in rows)


# --------------------------------------------------------------------------- hostile text


HOSTILE = '<img src=x onerror="window.pwned=1">=HYPERLINK("http://x")'


def test_hostile_names_and_queries_stay_text_in_the_chart_its_csv_and_the_lines(site, page):
    page.goto(site + "search/")
    page.wait_for_function("() => document.body && document.body.dataset.searchReady")
    result = page.evaluate(
        """async ([hostile, root]) => {
          const years = await import(root + 'assets/search-years.js');
          const context = await import(root + 'assets/search-context.js');
          const view = new years.YearsView(document);
          const totals = {"2008": {transcripts: 2, words: 100}};
          const counts = {years: {"2008": {records: 1, transcripts: 1}}, speakers: {[hostile]: 1}, counted: null};
          const splits = [{name: hostile, years: {"2008": {records: 1, transcripts: 1}}}];
          view.drawSplit(counts.speakers, [hostile]);
          const drawn = view.draw({counts, totals, splits, state: {q: hostile, from: "", to: ""}, design: "passages"});
          document.getElementById('archive-years').hidden = false;
          const line = {left: hostile, hit: hostile, right: hostile, where: {speaker: hostile, url: 'transcripts/x/#L1', number: '1'}, meta: {date: '2008', title: hostile}};
          return {
            csv: view.csvText, lines: context.linesCSV([line], new URL(root)),
            imgs: document.querySelectorAll('#archive-years img, #archive-split img').length,
            legend: document.querySelector('#archive-years-legend').textContent,
            split: document.querySelector('#archive-split .archive-facet__value').textContent,
            head: [...document.querySelectorAll('#archive-years-table thead th')].map((th) => th.textContent),
            title: document.querySelector('#archive-years-chart title').textContent,
            summary: drawn.summary,
          };
        }""",
        [HOSTILE, site],
    )
    assert result["imgs"] == 0 and page.evaluate("window.pwned") is None
    assert result["legend"].strip() == HOSTILE and result["split"] == HOSTILE
    assert f"{HOSTILE}: transcripts" in result["head"] and HOSTILE in result["title"] and HOSTILE in result["summary"]
    header = next(csv.reader(io.StringIO(result["csv"])))
    assert header[-2:] == [f"{HOSTILE}: transcripts_matching", f"{HOSTILE}: share_percent"]
    row = next(csv.DictReader(io.StringIO(result["lines"])))
    assert row["left"] == HOSTILE and row["speaker"] == HOSTILE  # begins with "<": not a formula
    formula = page.evaluate(
        "async (root) => (await import(root + 'assets/search-context.js')).linesCSV([{left: '=1+1', hit: '@SUM(A1)', right: '+x', where: {speaker: '-y', url: 'a', number: '1'}, meta: {date: '2008', title: 't'}}], new URL(root))",
        site,
    )
    row = next(csv.DictReader(io.StringIO(formula)))
    assert (row["left"], row["match"], row["right"], row["speaker"]) == ("'=1+1", "'@SUM(A1)", "'+x", "'-y")


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("view", ["years", "context"])
def test_the_views_have_no_serious_accessibility_violations(site, page, view, width):
    from test_layout import AXE

    page.set_viewport_size({"width": width, "height": 800})
    open_view(page, site, "security", view, "&split=Sergey+Lavrov" if view == "years" else "")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], bad
