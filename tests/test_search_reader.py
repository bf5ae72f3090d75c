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


@pytest.fixture(scope="module")
def unreachable_site(tmp_path_factory):
    """The default site, its search offering the Kremlin collection at an address that takes
    connections and never answers, and the UN's at one where nothing listens."""
    import functools
    import socket
    import subprocess
    import sys
    import threading
    from http.server import ThreadingHTTPServer

    from conftest import ROOT, SUBPATH, _Quiet

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)  # connections are queued, never read
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    closed_port = closed.getsockname()[1]
    closed.close()  # nothing listens there
    served = tmp_path_factory.mktemp("unreachable")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(served)))
    url = f"http://127.0.0.1:{server.server_address[1]}/{SUBPATH}"
    urls = f"default={url},kremlin=http://127.0.0.1:{silent.getsockname()[1]}/,un=http://127.0.0.1:{closed_port}/"
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(served / SUBPATH.strip("/"))],
        cwd=ROOT, capture_output=True, text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "SITE_URL": url, "DIPARCHIVE_COLLECTION_URLS": urls},
    )
    assert run.returncode == 0, run.stderr
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url
    server.shutdown()
    silent.close()


def test_a_merged_search_gives_up_on_a_collection_that_does_not_answer_and_says_why(unreachable_site, page):
    import time

    started = time.monotonic()
    page.goto(unreachable_site + "search/?q=security&in=default&in=kremlin&in=un")
    settle(page)
    waited = time.monotonic() - started
    assert waited < 30, f"the search waited {waited:.0f} s"
    status = page.locator("#archive-status").inner_text()
    assert "Searching" not in status, status
    assert "in Diplomatic transcripts" in status, status
    assert "Kremlin (English) could not be searched (its site did not answer within 10 seconds)" in status, status
    assert "UN General Debate could not be searched (nothing answered at its address)" in status, status
    body = page.locator("body").inner_text()
    assert "Failed to fetch" not in body and "dynamically imported" not in body
    assert page.locator("section[data-collection='default'] .archive-result").count() > 0
    un = page.locator("section[data-collection='un']")
    expect(un.locator(".archive-collection__count")).to_have_text("(could not be searched)")
    expect(un).to_contain_text("Try again later, or open its site")


# --------------------------------------------------------------------------- the charts


def test_the_search_chart_says_when_every_year_ties(site, page):
    page.goto(site + "search/?q=security&view=years")
    settle(page)
    summary = page.locator("#archive-years-summary").inner_text()
    assert "the same share in every year with transcripts: 100 %." in summary, summary
    assert "largest share" not in summary
    assert "The archive has no transcripts of 2010–2020" in summary, summary


@pytest.mark.parametrize("address", ["search/?q=security&view=years", "themes/indivisibility-of-security/"])
def test_a_chart_is_legible_and_its_table_caption_whole_on_a_phone(site, browser, address):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site + address)
    if address.startswith("search"):
        settle(page)
    ticks = page.locator(".by-year__chart .by-year__tick")
    assert ticks.count() >= 2
    heights = ticks.evaluate_all("(texts) => texts.map((t) => t.getBoundingClientRect().height)")
    assert min(heights) >= 10, f"axis labels {min(heights):.1f} px tall"
    boxes = ticks.evaluate_all("(texts) => texts.map((t) => { const r = t.getBoundingClientRect(); return [r.left, r.right]; })")
    assert all(a[1] <= b[0] for a, b in zip(boxes, boxes[1:])), f"axis labels overlap: {boxes}"
    caption = page.locator(".by-year__table caption").first
    caption.scroll_into_view_if_needed()
    right = caption.evaluate("(c) => { const r = document.createRange(); r.selectNodeContents(c); return Math.max(...[...r.getClientRects()].map((x) => x.right)); }")
    region = caption.evaluate("(c) => c.closest('.by-year__counts').getBoundingClientRect().right")
    assert right <= region + 1, f"the caption runs {right - region:.0f} px past what is shown"
    context.close()


# --------------------------------------------------------------------------- the concordance


def context_rows(page, site, q, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site}search/?q={quote(q)}&view=context")
    settle(page)
    rows = page.locator(".archive-context__line")
    expect(rows.first).to_be_visible()
    return rows


def test_on_a_wide_screen_each_concordance_line_is_one_line(site, page):
    rows = context_rows(page, site, '"indivisibility of security"', 1280)
    line = rows.first.locator("td").first.evaluate("(td) => parseFloat(getComputedStyle(td).lineHeight)")
    heights = rows.evaluate_all("(rows) => rows.map((r) => r.querySelector('.archive-context__left').getBoundingClientRect().height)")
    cells = rows.first.locator("td").evaluate_all("(tds) => tds.map((t) => t.getBoundingClientRect())")
    # The words found are in the middle, whole, and the lines with a short speaker read on one line.
    assert max(heights) < 2 * line + 8, heights
    single = rows.evaluate_all("(rows) => rows.filter((r) => r.querySelector('.archive-context__where').textContent.length < 34).map((r) => r.getBoundingClientRect().height)")
    assert single and max(single) < 2 * line, single
    assert cells[1]["width"] >= 150, cells
    hit = rows.first.locator(".archive-context__hit")
    assert hit.evaluate("(td) => td.scrollWidth <= td.clientWidth + 1")
    # The context nearest the words found is what shows: the left ends, the right begins, at them.
    left = rows.first.locator(".archive-context__left")
    text_end = left.evaluate("(td) => { const r = document.createRange(); r.selectNodeContents(td); const rects = [...r.getClientRects()]; return rects[rects.length - 1].right; }")
    assert abs(text_end - left.evaluate("(td) => td.getBoundingClientRect().right")) < 12
    assert left.get_attribute("title").endswith("the principle of") or left.get_attribute("title")


def test_on_a_phone_the_concordance_has_no_space_before_punctuation(site, page):
    rows = context_rows(page, site, "security", 390)
    for i in range(rows.count()):
        text = rows.nth(i).inner_text()
        assert not __import__("re").search(r"\s[,.;:!?]", text.split("\n")[0]), text
        gap = rows.nth(i).evaluate("""(row) => {
          const a = row.querySelector('.archive-context__hit a').getBoundingClientRect();
          const right = row.querySelector('.archive-context__right');
          if (!right.firstChild || !/^[,.;:!?]/.test(right.textContent)) return 0;
          const r = document.createRange(); r.setStart(right.firstChild, 0); r.setEnd(right.firstChild, 1);
          return r.getBoundingClientRect().left - a.right; }""")
        assert abs(gap) < 1, (text, gap)


# --------------------------------------------------------------------------- the keyboard


def focus_ring(page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement; const s = getComputedStyle(e);
      const r = e.getBoundingClientRect();
      return {tag: e.tagName, type: e.type || '', id: e.id, cls: e.className && e.className.baseVal === undefined ? e.className : '',
              text: (e.textContent || e.value || '').trim().slice(0, 40), outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
              shadow: s.boxShadow, visible: r.width > 0 && r.height > 0}; }""")


def test_the_first_result_is_at_most_five_tab_presses_from_the_search_box(site, page):
    type_query(page, site, "security")
    page.locator("#archive-q").focus()
    first = page.locator(".archive-result a").first
    for presses in range(1, 6):
        page.keyboard.press("Tab")
        ring = focus_ring(page)
        assert ring["visible"], ring
        if ring["text"] == "Skip to the results":
            page.keyboard.press("Enter")
            break
    assert first.evaluate("(a) => a === document.activeElement"), focus_ring(page)
    assert presses <= 5


def test_every_control_of_the_search_page_shows_where_the_keyboard_is(site, page):
    type_query(page, site, "security")
    page.locator("#archive-q").focus()
    seen, kinds = [], set()
    for _ in range(120):
        page.keyboard.press("Tab")
        ring = focus_ring(page)
        if ring["tag"] == "BODY":
            break
        seen.append(ring)
        kinds.add((ring["tag"], ring["type"]))
        assert ring["visible"], ring
        assert (ring["outline"] != "none" and ring["width"] >= 2) or ring["shadow"] != "none", f"no focus ring: {ring}"
    assert {("INPUT", "checkbox"), ("INPUT", "radio"), ("SELECT", "select-one"), ("A", ""), ("BUTTON", "submit")} <= kinds, kinds


# --------------------------------------------------------------------------- facets


def facet_count(page, facet: str, value: str) -> int:
    label = page.locator(f"#archive-f-{facet} .archive-facet", has=page.locator(f"input[value='{value}']"))
    return int(label.locator(".archive-facet__count").inner_text().strip("()") or 0)


@pytest.mark.parametrize("design", ["site", "voiced_site"])
def test_a_speaker_quoted_in_a_report_counts_under_their_country_too(design, request, page):
    site = request.getfixturevalue(design)
    page.goto(site + "search/?q=" + quote('"indivisibility of security"'))
    settle(page)
    if not page.locator("#archive-narrow").evaluate("(d) => d.open"):
        page.locator("#archive-narrow summary").click()
    page.wait_for_function("() => document.querySelector('#archive-narrow').dataset.drawn")
    settle(page)
    expect(page.locator("#archive-f-country .archive-facet__count").first).not_to_have_text("")
    lavrov, russia = facet_count(page, "speaker", "Sergey Lavrov"), facet_count(page, "country", "Russia")
    assert lavrov >= 1 and russia == lavrov, (lavrov, russia)  # only Lavrov says it, for Russia, even where quoted
    page.goto(site + "search/?q=" + quote('"indivisibility of security"') + "&country=Russia")
    settle(page)
    assert page.locator(".archive-group[data-slug='2009-12-04-nato-russia-council-brussels']").count() == 1
