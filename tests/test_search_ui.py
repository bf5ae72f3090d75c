"""The search page as a demanding reader uses it, in Chromium: filter counts however the page is
opened, every word highlighted, prefix searches that return only what begins so, excerpts cut
between words, hints for what a query may not mean, the found words stepped through on the
transcript, and a layout whose first result is on the first screen. Ground truth from the open
data (data/corpus.jsonl) of the same build."""

from __future__ import annotations

import json
import re
import unicodedata
import urllib.request
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from playwright.sync_api import expect

from test_search import settle, type_query

pytestmark = pytest.mark.browser

STOCKHOLM = "2021-12-02-lavrov-osce-stockholm"
HELSINKI = "2008-12-05-lavrov-osce-helsinki"


def corpus_of(site) -> list[dict]:
    with urllib.request.urlopen(site + "data/corpus.jsonl") as response:
        return [json.loads(line) for line in response.read().decode("utf-8").splitlines()]


@pytest.fixture(scope="module")
def corpus(site):
    return corpus_of(site)


def open_search(page, site, query="", extra=""):
    page.goto(f"{site}search/?q={quote(query)}{extra}" if query or extra else f"{site}search/")
    page.wait_for_function("() => document.body && document.body.dataset.searchReady")
    settle(page)


def draw_all(page):
    """Press "Show more results" until every result is drawn."""
    while page.locator("#archive-more").is_visible():
        count = page.locator(".archive-result").count()
        page.locator("#archive-more").click()
        page.wait_for_function(f"() => document.querySelectorAll('.archive-result').length > {count}")


def reveal_all(page):
    """Open every transcript's "more passages" (page records)."""
    reveal = page.locator(".archive-group__reveal")
    while reveal.count():
        reveal.first.click()


def results(page) -> list[dict]:
    """Every drawn passage (also those behind "more passages"): transcript, anchor, the excerpt's
    text and marks, and the words it asks the transcript page to highlight."""
    found = page.evaluate(
        """() => [...document.querySelectorAll('.archive-result')].map((item) => {
          const excerpt = item.querySelector('.archive-result__excerpt');
          return { href: item.querySelector('a').getAttribute('href'), excerpt: excerpt.textContent,
                   marks: [...excerpt.querySelectorAll('mark')].map((m) => m.textContent) };
        })"""
    )
    for r in found:
        url = urlsplit(r["href"])
        r["slug"] = url.path.split("/transcripts/")[1].strip("/")
        r["anchor"] = url.fragment
        r["highlight"] = parse_qs(url.query).get("highlight", [])
    return found


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def begins(text: str, prefix: str) -> bool:
    """Whether a word of ``text`` begins with ``prefix``: a whitespace-separated word without its
    edge punctuation, or any run of letters and digits in it (the parts of a hyphenated word)."""
    prefix = fold(prefix)
    for token in fold(text).split():
        if re.sub(r"^[^\w]+|[^\w]+$", "", token).startswith(prefix):
            return True
        if any(part.startswith(prefix) for part in re.findall(r"[^\W_]+", token)):
            return True
    return False


# --------------------------------------------------------------------------- filter counts


def facet_counts(page) -> dict[str, dict[str, int | None]]:
    return page.evaluate(
        """() => Object.fromEntries(['speaker', 'event', 'kind', 'theme'].map((key) => [key, Object.fromEntries(
          [...document.querySelectorAll(`#archive-f-${key} .archive-facet`)].map((label) => {
            const count = label.querySelector('.archive-facet__count').textContent.match(/\\((\\d+)\\)/);
            return [label.querySelector('input').value, count ? Number(count[1]) : null];
          }))]))"""
    )


def assert_counts_are_the_results(page):
    """Each event's and kind's count is how many of the drawn results it would leave (here one
    event and one kind per transcript)."""
    draw_all(page)
    per_group = page.evaluate(
        """() => [...document.querySelectorAll('.archive-group')].map((g) => [
          g.querySelector('.archive-group__meta').textContent.split(' · ').slice(1).join(' · '),
          g.querySelectorAll('.archive-result').length])"""
    )
    total = sum(n for _, n in per_group)
    counts = facet_counts(page)
    assert total > 0 and counts["event"], "nothing to count"
    for event, n in counts["event"].items():
        assert n == sum(k for venue, k in per_group if venue == event or venue.startswith(event + ",")), (event, counts, per_group)
    assert sum(counts["kind"].values()) == total, counts["kind"]
    return counts, total


@pytest.mark.parametrize("how", ["address", "reload", "header box", "back"])
def test_filter_counts_are_right_however_the_search_is_opened(site, page, how):
    if how == "address":
        open_search(page, site, "Afghanistan")
    elif how == "reload":
        type_query(page, site, "Afghanistan")
        page.reload()
        page.wait_for_function("() => document.body && document.body.dataset.searchReady")
        settle(page)
    elif how == "header box":
        page.goto(site + f"transcripts/{HELSINKI}/")
        page.locator("#archive-header-q").fill("Afghanistan")
        page.keyboard.press("Enter")
        page.wait_for_url("**/search/?q=Afghanistan")
        page.wait_for_function("() => document.body && document.body.dataset.searchReady")
        settle(page)
    else:  # away to a transcript and back: the page is opened from its address again
        open_search(page, site, "Afghanistan")
        page.locator(".archive-result a").first.click()
        page.wait_for_url("**/transcripts/**")
        page.go_back()
        page.wait_for_function("() => document.body && document.body.dataset.searchReady")
        settle(page)
    assert_counts_are_the_results(page)
    assert facet_counts(page)["speaker"]["Sergey Lavrov"] > 0


def test_filter_counts_are_right_from_a_themes_search_within_it(site, page):
    page.goto(site + "themes/georgia/")
    page.locator("a", has_text="Search within this theme").click()
    page.wait_for_function("() => document.body && document.body.dataset.searchReady")
    settle(page)
    counts, total = assert_counts_are_the_results(page)
    assert counts["theme"]["Georgia"] == total == 8
    assert sum(counts["speaker"].values()) >= total


def test_the_facet_legends_stay_when_the_checkboxes_are_drawn(site, page):
    open_search(page, site, "NATO")
    for key, legend in [("speaker", "Speaker"), ("event", "Event"), ("kind", "Kind of document"), ("theme", "Theme")]:
        group = page.get_by_role("group", name=legend, exact=True)
        expect(group.locator("legend")).to_be_visible()
        assert group.get_attribute("id") == f"archive-f-{key}"
        assert group.evaluate("el => el.firstElementChild.tagName") == "LEGEND"
        assert group.get_by_role("checkbox").count() >= 1
    putin = page.get_by_role("group", name="Speaker", exact=True).get_by_role("checkbox", name=re.compile("Vladimir Putin"))
    putin.check()
    page.wait_for_function("() => new URLSearchParams(location.search).get('speaker') === 'Vladimir Putin'")
    settle(page)
    expect(page.get_by_role("group", name="Speaker", exact=True).locator("legend")).to_have_text("Speaker")


# --------------------------------------------------------------------------- buttons


def test_more_and_download_show_only_when_there_is_something_to_show(site, page):
    actions = [page.locator("#archive-more"), page.locator("#archive-csv")]
    for query in ("", "xyzzyq", "the of"):
        open_search(page, site, query)
        for button in actions:
            expect(button).to_be_hidden()
        expect(page.locator(".archive-search__actions")).to_be_hidden()
    expect(page.locator("#archive-status")).to_contain_text("not only common words")
    open_search(page, site, "CFE")  # three results, all drawn
    expect(actions[0]).to_be_hidden()
    expect(actions[1]).to_be_visible()
    open_search(page, site, "NATO")  # 40 results, 30 drawn
    expect(actions[0]).to_be_visible()
    actions[0].dblclick()  # pressed twice: the next results once
    expect(page.locator(".archive-result")).to_have_count(40)
    expect(actions[0]).to_be_hidden()
    assert len({r["href"] for r in results(page)}) == 40
    expect(page.locator(".archive-result a").nth(30)).to_be_focused()  # the reader goes on from there
    expect(actions[1]).to_be_visible()
    open_search(page, site, "xyzzyq")
    expect(page.locator("#archive-status")).to_contain_text("No passages match")
    for button in actions:
        expect(button).to_be_hidden()


# --------------------------------------------------------------------------- highlighting


def test_every_word_of_the_query_is_highlighted_in_the_excerpts_and_asked_of_the_page(site, page, corpus):
    open_search(page, site, "Nagorno Karabakh")
    found = results(page)
    assert {r["slug"] for r in found} == {HELSINKI, STOCKHOLM}
    for r in found:
        marked = " ".join(r["marks"]).lower()
        asked = " ".join(r["highlight"]).lower()
        for word in ("nagorno", "karabakh"):
            assert word in marked, r
            assert word in asked, r
    open_search(page, site, "NATO Afghanistan")
    texts = {(p["transcript_id"], p["anchor"]): p["text"] for p in corpus}
    found = results(page)
    assert found
    for r in found:  # both words are in each passage: both are asked for, in the forms it has
        assert any(h.lower().startswith("nato") for h in r["highlight"]), r
        assert any(h.lower().startswith("afghan") for h in r["highlight"]), r
        for h in r["highlight"]:
            assert h in texts[(r["slug"], r["anchor"])], (h, r["anchor"])


def test_the_landed_passage_has_every_word_highlighted(site, page):
    open_search(page, site, "Nagorno Karabakh")
    page.locator(f".archive-group[data-slug='{HELSINKI}'] .archive-result a").first.click()
    page.wait_for_url(f"**/transcripts/{HELSINKI}/**#L24")
    marks = page.locator("#L24 mark.pagefind-highlight")
    expect(marks).to_have_text(["Nagorno", "Karabakh"])


def test_the_transcript_page_highlights_whole_words_only(site, page):
    page.goto(f"{site}transcripts/{STOCKHOLM}/?highlight=NATO")
    marks = page.locator(".transcript-body mark.pagefind-highlight")
    expect(marks.first).to_be_visible()
    text = page.locator(".transcript-body").evaluate(
        "el => { const c = el.cloneNode(true); c.querySelectorAll('button').forEach((b) => b.remove()); return c.textContent; }"
    )
    expected = len(re.findall(r"(?<![^\W_])nato(?![^\W_])", text, flags=re.IGNORECASE))
    assert expected > 10
    assert marks.count() == expected  # none inside another word ("sig-nato-ry")
    around = marks.evaluate_all(
        "ms => ms.map((m) => { const r = document.createRange(); r.selectNodeContents(m.closest('p'));"
        " r.setEndBefore(m); const before = r.toString(); const after = m.nextSibling ? m.nextSibling.textContent : '';"
        " return [before.slice(-1), m.textContent, after.slice(0, 1)]; })"
    )
    for before, word, after in around:
        assert word.lower() == "nato" and not re.match(r"[^\W_]", before) and not re.match(r"[^\W_]", after), (before, word, after)


# --------------------------------------------------------------------------- hints


def test_a_lowercase_or_is_hinted_with_the_search_it_probably_meant(site, page):
    open_search(page, site, "Kiev or Donbass")
    together = {(r["slug"], r["anchor"]) for r in results(page)}
    status = page.locator("#archive-status")
    expect(status).to_contain_text("“or” in lower case is a common word")
    link = status.get_by_role("link", name="Kiev OR Donbass")
    link.click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'Kiev OR Donbass'")
    settle(page)
    either = {(r["slug"], r["anchor"]) for r in results(page)}
    assert together < either  # every passage with both, and more
    expect(status).not_to_contain_text("Did you mean")
    open_search(page, site, "NATO NOT Afghanistan")
    link = status.get_by_role("link", name="NATO -Afghanistan")
    expect(link).to_be_visible()
    expect(status).to_contain_text("minus sign")


# --------------------------------------------------------------------------- prefix search


def truth(corpus, prefix) -> set[tuple[str, str]]:
    return {(p["transcript_id"], p["anchor"]) for p in corpus if begins(p["text"], prefix)}


@pytest.mark.parametrize("prefix", ["indivis", "countri", "secur", "Nagorno-Kar"])
def test_a_prefix_search_finds_exactly_the_passages_with_a_word_that_begins_so(site, page, corpus, prefix):
    open_search(page, site, f"{prefix}*")
    draw_all(page)
    found = results(page)
    expected = truth(corpus, prefix)
    assert expected, "a prefix the corpus has"
    assert {(r["slug"], r["anchor"]) for r in found} == expected  # "country" alone is not "countri*"
    for r in found:
        assert r["marks"] and all(begins(mark, prefix) for mark in r["marks"]), r
        assert r["highlight"] and all(begins(h, prefix) for h in r["highlight"]), r
    n = len(expected)
    expect(page.locator("#archive-status")).to_contain_text(f"{n} passage{'s' if n != 1 else ''}")


@pytest.mark.parametrize("query", ["natoxyz*", "agenc*", "securiti*"])
def test_a_prefix_no_word_begins_with_finds_nothing(site, page, corpus, query):
    # Pagefind answers these with other words: "NATO" for natoxyz, "a" for agenc, "security" for
    # securiti (the stem). None of them begins so.
    assert not truth(corpus, query[:-1])
    open_search(page, site, query)
    expect(page.locator("#archive-status")).to_contain_text("No passages match")
    expect(page.locator(".archive-result")).to_have_count(0)


def test_an_excluded_prefix_leaves_out_exactly_the_passages_that_have_it(site, page, corpus):
    open_search(page, site, "Afghanistan -countri*")
    draw_all(page)
    expected = {key for key in truth(corpus, "afghanistan") if key not in truth(corpus, "countri")}
    assert {(r["slug"], r["anchor"]) for r in results(page)} == expected and expected


def test_a_prefix_search_over_page_records(paged_site, page):
    corpus = corpus_of(paged_site)
    for prefix in ("indivis", "countri"):
        open_search(page, paged_site, f"{prefix}*")
        reveal_all(page)
        found = results(page)
        assert {(r["slug"], r["anchor"]) for r in found} == truth(corpus, prefix), prefix
        for r in found:
            assert r["marks"] and all(begins(mark, prefix) for mark in r["marks"]), r
    open_search(page, paged_site, "natoxyz*")
    expect(page.locator("#archive-status")).to_contain_text("No passages match")


# --------------------------------------------------------------------------- excerpts


def assert_cut_between_words(found, corpus):
    texts = {(p["transcript_id"], p["anchor"]): " ".join(p["text"].split()) for p in corpus}
    cut = 0
    for r in found:
        text = texts[(r["slug"], r["anchor"])]
        excerpt = " ".join(r["excerpt"].split())
        before, after = excerpt.startswith("… "), excerpt.endswith(" …")
        core = excerpt[2 if before else 0: len(excerpt) - 2 if after else None]
        at = text.find(core)
        assert at >= 0, (core, text)
        end = at + len(core)
        assert (at > 0) == before and (end < len(text)) == after, (excerpt, text)
        assert (at == 0 or text[at - 1] == " ") and (end == len(text) or text[end] == " "), excerpt
        cut += before or after
    assert cut, "some excerpts are cut"


def test_excerpts_are_cut_between_words_with_an_ellipsis_where_cut(site, page, corpus):
    open_search(page, site, "security")
    draw_all(page)
    assert_cut_between_words(results(page), corpus)


def test_page_record_excerpts_are_cut_between_words_with_an_ellipsis_where_cut(paged_site, page):
    open_search(page, paged_site, "security")
    reveal_all(page)
    assert_cut_between_words(results(page), corpus_of(paged_site))


# --------------------------------------------------------------------------- occurrences


def position(page) -> tuple[int, int]:
    text = page.locator(".archive-occurrences__position").inner_text()
    match = re.fullmatch(r"(\d+) of (\d+)", text)
    assert match, text
    return int(match[1]), int(match[2])


def current(page) -> int:
    """Which mark (1-based, in document order) is the current occurrence; it is on screen."""
    at = page.evaluate("() => [...document.querySelectorAll('mark.pagefind-highlight')].findIndex((m) => m.classList.contains('archive-occurrence--current'))")
    box = page.locator("mark.archive-occurrence--current").first.evaluate("m => { const r = m.getBoundingClientRect(); return [r.top, r.bottom]; }")
    assert 0 <= box[0] and box[1] <= page.viewport_size["height"], box
    return at + 1


def test_a_transcript_opened_from_a_result_steps_through_the_found_words(site, page):
    type_query(page, site, "NATO")
    link = page.locator(f".archive-result a[href*='{STOCKHOLM}'][href$='#L81']")
    link.click()
    page.wait_for_url("**#L81")
    bar = page.get_by_role("navigation", name="Found words on this page")
    expect(bar).to_be_visible()
    marks = page.locator(".transcript-body mark.pagefind-highlight")
    first_in_passage = page.evaluate(
        "() => [...document.querySelectorAll('.transcript-body mark.pagefind-highlight')].findIndex((m) => document.getElementById('L81').contains(m)) + 1"
    )
    at, total = position(page)
    assert total == marks.count() > 10 and at == first_in_passage > 1  # "14 of 25": where the passage is
    assert current(page) == at
    nxt = bar.get_by_role("button", name="Next occurrence (n)")
    prev = bar.get_by_role("button", name="Previous occurrence (p)")
    nxt.click()
    assert position(page) == (at + 1, total) and current(page) == at + 1
    prev.click()
    prev.click()
    assert position(page) == (at - 1, total) and current(page) == at - 1
    # The keyboard: the buttons by Tab and Enter, and n / p anywhere outside a text box.
    nxt.focus()
    page.keyboard.press("Enter")
    assert position(page) == (at, total)
    page.locator("#L81 .para-number").focus()
    page.keyboard.press("n")
    assert position(page) == (at + 1, total) and current(page) == at + 1
    page.keyboard.press("p")
    assert position(page) == (at, total)
    for _ in range(total - at):
        page.keyboard.press("n")
    assert position(page) == (total, total)
    page.keyboard.press("n")  # round to the first
    assert position(page) == (1, total) and current(page) == 1
    page.locator("#archive-header-q").focus()
    page.keyboard.press("n")  # typing in a box: a letter, not a step
    assert position(page) == (1, total)
    bar.get_by_role("button", name="Hide this bar").click()
    expect(bar).to_have_count(0)


def test_words_marked_side_by_side_are_one_occurrence(site, page):
    page.goto(f"{site}transcripts/{HELSINKI}/?highlight=Nagorno&highlight=Karabakh#L24")
    bar = page.get_by_role("navigation", name="Found words on this page")
    expect(bar).to_be_visible()
    assert page.locator("mark.pagefind-highlight").count() == 2
    assert position(page) == (1, 1)
    expect(bar.get_by_role("button", name="Next occurrence (n)")).to_be_disabled()


def test_no_bar_without_found_words(site, page):
    page.goto(f"{site}transcripts/{HELSINKI}/")
    page.goto(f"{site}transcripts/{HELSINKI}/?highlight=xyzzyq")
    page.wait_for_timeout(500)
    expect(page.locator(".archive-occurrences")).to_have_count(0)


# --------------------------------------------------------------------------- layout


def sized_page(browser, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page, errors


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844), (360, 640)])
def test_the_first_result_is_on_the_first_screen(site, browser, width, height):
    context, page, errors = sized_page(browser, width, height)
    open_search(page, site, "NATO")
    first = page.locator(".archive-result").first
    top, bottom = first.evaluate("el => { const r = el.getBoundingClientRect(); return [r.top, r.bottom]; }")
    speaker = first.locator(".archive-result__speaker").evaluate("el => el.getBoundingClientRect().bottom")
    assert 0 < top and speaker <= height, (top, speaker, height)  # its speaker and where it is, at least
    if width >= 390:
        assert bottom <= height, (top, bottom)  # and the whole of its excerpt
    narrow = page.locator("#archive-narrow")
    wide = width >= 960
    assert narrow.evaluate("el => el.open") is wide  # folded above the results on a phone
    if wide:  # a column beside the results
        side = narrow.evaluate("el => el.getBoundingClientRect().right")
        left = page.locator("#archive-results").evaluate("el => el.getBoundingClientRect().left")
        assert side <= left
        expect(page.locator("#archive-f-speaker legend")).to_be_visible()
    else:
        expect(narrow.locator("summary")).to_be_visible()
        narrow.locator("summary").click()
        expect(page.locator("#archive-f-speaker legend")).to_be_visible()
        expect(page.locator("#archive-f-speaker .archive-facet").first).to_be_visible()
    context.close()
    assert errors == []


@pytest.mark.parametrize("width", [360, 390])
def test_no_sideways_scroll_on_a_phone(site, browser, width):
    context, page, errors = sized_page(browser, width, 800)
    for query, extra in [("NATO", ""), ("Kiev or Donbass", ""), ("", "&theme=Georgia"), ('"indivisibility of security"', "")]:
        open_search(page, site, query, extra)
        page.locator("#archive-narrow summary").click()
        expect(page.locator("#archive-f-theme legend")).to_be_visible()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width, (query, extra)
    page.goto(f"{site}transcripts/{STOCKHOLM}/?highlight=NATO#L81")
    expect(page.locator(".archive-occurrences")).to_be_visible()
    box = page.locator(".archive-occurrences").evaluate("el => { const r = el.getBoundingClientRect(); return [r.left, r.right]; }")
    assert 0 <= box[0] and box[1] <= width
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    context.close()
    assert errors == []


def test_on_a_phone_the_folded_filters_say_how_many_are_on(site, browser):
    context, page, errors = sized_page(browser, 390, 844)
    open_search(page, site, "", "&theme=Georgia&speaker=Sergey+Lavrov")
    summary = page.locator("#archive-narrow summary")
    expect(summary).to_contain_text("(2 filters on)")
    assert page.locator("#archive-narrow").evaluate("el => el.open") is False
    assert page.locator(".archive-result").first.evaluate("el => el.getBoundingClientRect().top") < 844
    summary.click()
    expect(page.locator("#archive-f-theme input[value='Georgia']")).to_be_checked()
    context.close()
    assert errors == []


LAZY = ("search-years.js", "search-context.js", "search-collections.js", "search-csv.js")
"""The search page's modules that only the chart, the lines in context, a search of several
collections and the CSV need."""


@pytest.mark.parametrize("view, wanted", [("", ()), ("&view=years", ("search-years.js", "search-csv.js")),
                                          ("&view=context", ("search-context.js", "search-csv.js"))])
def test_a_first_search_loads_only_the_modules_its_view_needs(site, page, view, wanted):
    """A search of passages asks for none of the other views' modules; a chart or the lines in
    context load theirs (and draw), and the CSV button loads its module when pressed."""
    asked = []
    page.on("request", lambda request: asked.append(request.url.rsplit("/", 1)[-1]))
    open_search(page, site, "NATO", view)
    assert page.locator(".archive-result, #archive-years-table tbody tr, #archive-context-table tbody tr").count() > 0
    assert sorted(m for m in LAZY if m in asked) == sorted(wanted)
    if not view:
        with page.expect_download():
            page.click("#archive-csv")
        assert "search-csv.js" in asked
