"""The per-year counts and chart of a theme (by_year.py, templates/_by_year.md.j2): the counts
against an independent count of the open data, both sides; the chart's bars and the table
saying the same; the text inert; the page readable at a phone's and a desktop's width."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections import defaultdict
from types import SimpleNamespace

import pytest

from diparchive.publish.by_year import Year, chart, summary, table_csv, year_list, years


def para(slug: str, year: int, text: str, theme: str | None = None):
    item = SimpleNamespace(slug=slug, date=SimpleNamespace(year=year))
    return SimpleNamespace(item=item, text=text, themes=(SimpleNamespace(theme=theme),) if theme else ())


PARAS = [
    para("a", 2008, "one two three four", "georgia"),
    para("a", 2008, "five six"),
    para("b", 2008, "seven eight nine ten"),
    para("c", 2010, "eleven twelve", "georgia"),
    para("c", 2010, "thirteen", "georgia"),
    para("d", 2011, "fourteen fifteen", "osce"),
]


def test_each_year_counts_its_transcripts_words_and_matches_and_nothing_else():
    rows = years(PARAS, lambda p: any(t.theme == "georgia" for t in p.themes))
    assert rows == [Year(2008, 2, 10, 1, 1), Year(2010, 1, 3, 1, 2), Year(2011, 1, 2, 0, 0)]
    assert [r.share for r in rows] == [50.0, 100.0, 0.0]
    assert rows[0].rate == 1000.0  # one passage in 10 words: 1,000 per 10,000
    assert years([], lambda p: True) == []


def test_the_summary_names_the_span_and_the_largest_share():
    rows = years(PARAS, lambda p: any(t.theme == "georgia" for t in p.themes))
    assert summary(rows, "on Georgia") == (
        "3 passages are on Georgia, in 2 transcripts, from 2008 to 2010; "
        "the largest share of a year's transcripts was in 2010 (1 of 1, 100 %). "
        "The archive has no transcripts of 2009: shaded on the chart, not counted as none.")
    assert summary(years(PARAS, lambda p: False), "on Georgia") == "No passage of the archive is on Georgia."


def test_the_summary_says_when_years_tie_rather_than_naming_one():
    every = years(PARAS, lambda p: True)  # each year's transcripts all match: 100 % each
    assert "each year's share of transcripts was the same, 100 %." in summary(every, "anywhere")
    assert "largest share" not in summary(every, "anywhere")
    some = years(PARAS, lambda p: p.item.slug != "b")  # 2008: 1 of 2; 2010 and 2011: 100 %
    assert "the largest share of a year's transcripts, 100 %, was in 2 years alike: 2010 and 2011." in summary(some, "x"), summary(some, "x")


def test_year_lists_read_as_ranges():
    assert year_list([2010, 2011, 2012, 2014, 2016, 2017]) == "2010–2012, 2014, 2016 and 2017"
    assert year_list([2009]) == "2009"


def test_a_year_without_transcripts_is_shaded_as_not_covered():
    c = chart(years(PARAS, lambda p: True), "x", "x")
    assert [g["year"] for g in c["gaps"]] == [2009]


def test_the_csv_is_the_table_in_numbers_only():
    rows = years(PARAS, lambda p: any(t.theme == "georgia" for t in p.themes))
    lines = table_csv(rows).split("\r\n")
    assert lines[0] == "year,transcripts_matching,transcripts,share_percent,passages,words,passages_per_10000_words"
    assert lines[1:4] == ["2008,1,2,50.0,1,10,1000.00", "2010,1,1,100.0,2,3,6666.67", "2011,0,1,0.0,0,2,0.00"]
    assert lines[-1] == "" and all(cell[:1] not in "=+-@" for line in lines[1:-1] for cell in line.split(","))


def test_a_bar_per_year_with_transcripts_tall_as_its_share_and_none_for_a_year_without():
    rows = years(PARAS, lambda p: any(t.theme == "georgia" for t in p.themes))
    c = chart(rows, "on Georgia", "georgia-by-year")
    assert [b["year"] for b in c["bars"]] == [2008, 2010, 2011]  # 2009 holds no transcript: no bar
    full = c["bottom"] - c["top"]
    assert [b["height"] for b in c["bars"]] == [round(full / 2, 1), full, 0.0]
    assert c["scale"] == "100" and c["bars"][0]["x"] < c["bars"][1]["x"] < c["bars"][2]["x"]
    assert urllib.parse.unquote(c["csv"].split(",", 1)[1]) == table_csv(rows)


def test_hostile_text_in_a_theme_label_stays_text_in_the_chart():
    from diparchive.publish.render import ENV

    rows = years(PARAS, lambda p: any(t.theme == "georgia" for t in p.themes))
    hostile = 'on <script>alert(1)</script> "quoted" & =SUM(A1)'
    html = ENV.get_template("_by_year.md.j2").module.figure(chart(rows, hostile, 'x"><img src=x onerror=alert(1)>'))
    assert "<script>" not in html and "<img" not in html
    assert "on &lt;script&gt;alert(1)&lt;/script&gt; &#34;quoted&#34; &amp; =SUM(A1)" in html
    assert 'download="x&#34;&gt;&lt;img src=x onerror=alert(1)&gt;.csv"' in html


def corpus_counts(site: str, theme: str) -> dict[int, tuple[int, int, int, int]]:
    """Per year, from the open data alone: (transcripts with the theme, transcripts, passages with
    it, words)."""
    with urllib.request.urlopen(site + "data/corpus.jsonl") as response:
        records = [json.loads(line) for line in response.read().decode("utf-8").splitlines()]
    transcripts, matching, passages, words = defaultdict(set), defaultdict(set), defaultdict(int), defaultdict(int)
    for r in records:
        year = int(r["date"][:4])
        transcripts[year].add(r["transcript_id"])
        words[year] += len(r["text"].split())
        if theme in r["themes"]:
            matching[year].add(r["transcript_id"])
            passages[year] += 1
    return {y: (len(matching[y]), len(transcripts[y]), passages[y], words[y]) for y in transcripts}


@pytest.mark.browser
@pytest.mark.parametrize("theme, label", [("georgia", "Georgia"), ("indivisibility-of-security", "Indivisibility of security"), ("military-incidents", "Military incidents and risk reduction")])
@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}], ids=["phone", "desktop"])
def test_a_themes_chart_and_table_say_what_the_open_data_counts(site, page, theme, label, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{site}themes/{theme}/")
    want = corpus_counts(site, theme)
    rows = page.eval_on_selector_all(".by-year__counts tbody tr", "rows => rows.map(r => [...r.children].map(c => c.textContent))")
    got = {int(r[0]): (int(r[1]), int(r[2]), int(r[4]), int(r[5].replace(",", ""))) for r in rows}
    assert got == want
    bars = page.eval_on_selector_all(".by-year__bar", "bars => bars.map(b => [+b.dataset.year, +b.dataset.matching, +b.getAttribute('height')])")
    assert [(year, matching) for year, matching, _ in bars] == [(y, want[y][0]) for y in sorted(want)]
    assert all((height > 0) == (matching > 0) for _, matching, height in bars)
    svg = page.locator("svg.by-year__chart")
    assert svg.get_attribute("role") == "img" and svg.bounding_box()["width"] > 300
    caption = page.locator(".by-year figcaption").text_content()
    assert caption == summary([Year(y, t, w, m, n) for y, (m, t, n, w) in sorted(want.items())], f"on {label}")
    href = page.locator(".by-year__csv").get_attribute("href")
    table = urllib.parse.unquote(href.split(",", 1)[1]).split("\r\n")[1:-1]
    assert {int(line.split(",")[0]): int(line.split(",")[4]) for line in table} == {y: w[2] for y, w in want.items()}
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
