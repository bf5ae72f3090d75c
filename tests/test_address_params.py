"""What an address asks of the search page and of a transcript page, in Chromium. An address can
say anything: a value the form could not send (a year "abc", a speaker the archive does not have,
a view or collection there is not) is left out, so the results are those without it, no filter is
counted that no box shows, and the address is cleaned of it; a value that could be sent applies
and shows. A transcript's address with a broken percent-encoding after its "#" still gets its bar
of found words. A search of several collections says which could not be reached."""

from __future__ import annotations

import json
import urllib.request
from urllib.parse import quote

import pytest

from test_search import settle

pytestmark = pytest.mark.browser

Q = "security"
HELSINKI = "2008-12-05-lavrov-osce-helsinki"


def open_search(page, site, extra=""):
    page.goto(f"{site}search/?q={quote(Q)}{extra}")
    page.wait_for_function("() => document.body && document.body.dataset.searchReady", timeout=30000)
    settle(page)


def shown(page) -> dict:
    """What the page shows of its search: the status, the results' links, the filters counted on
    the (perhaps folded) panel, the year boxes, the ticked boxes and the address."""
    return page.evaluate(
        """() => ({
          status: document.querySelector('#archive-status').textContent,
          links: [...document.querySelectorAll('#archive-results a')].map((a) => a.getAttribute('href')),
          active: document.querySelector('#archive-narrow-active').textContent,
          from: document.querySelector('#archive-f-from').value,
          to: document.querySelector('#archive-f-to').value,
          ticked: [...document.querySelectorAll('.archive-facets input:checked')].map((box) => box.value),
          search: location.search,
        })"""
    )


@pytest.fixture(params=["site", "paged_site"])
def any_site(request):
    """The default site with passage records (its filter lists loaded at once) and with page
    records (its lists loaded only when the filters are opened)."""
    return request.getfixturevalue(request.param)


# --------------------------------------------------------------------------- years


@pytest.mark.parametrize("extra", ["&from=abc", "&to=2008x", "&from=20080", "&to=-1", "&from=%202008", "&to=1999", "&from=2099&to=abc"])
def test_a_year_that_is_not_one_of_the_archives_is_no_filter(any_site, page, extra):
    open_search(page, any_site)
    plain = shown(page)
    assert plain["links"] and plain["active"] == ""
    open_search(page, any_site, extra)
    got = shown(page)
    assert got == plain  # the same results, no filter counted, empty year boxes, and an address without it


def test_a_year_of_the_archive_applies_and_shows(any_site, page):
    open_search(page, any_site)
    every = shown(page)["links"]
    open_search(page, any_site, "&from=2021")
    got = shown(page)
    assert got["from"] == "2021" and got["to"] == "" and got["active"] == "(1 filter on)"
    assert got["links"] and len(got["links"]) < len(every) and all("/2021-" in link or "/2022-" in link for link in got["links"])
    assert got["search"] == f"?q={Q}&from=2021"


# --------------------------------------------------------------------------- the other parameters


@pytest.mark.parametrize(
    "extra",
    [
        "&speaker=Nobody%20Known", "&theme=no-such-theme", "&kind=", "&event=%3Cscript%3E", "&country=Atlantis",
        "&view=abc", "&sort=worst", "&lines=up", "&by=planet", "&page=-1", "&split=Nobody", "&in=nowhere",
    ],
)
def test_a_value_the_form_could_not_send_is_left_out(any_site, page, extra):
    open_search(page, any_site)
    plain = shown(page)
    open_search(page, any_site, extra)
    assert shown(page) == plain
    assert page.input_value("#archive-sort") == "relevance" and page.is_visible("#archive-results")
    boxes = page.eval_on_selector_all("#archive-collections input", "(boxes) => boxes.map((b) => [b.value, b.checked])")
    assert ["default", True] in boxes and not [box for box in boxes if box[0] != "default" and box[1]]


def test_a_known_speaker_with_an_unknown_one_filters_by_the_known_one_and_shows_it(any_site, page):
    open_search(page, any_site, "&speaker=Sergey%20Lavrov")
    alone = shown(page)
    assert alone["active"] == "(1 filter on)" and alone["links"]
    open_search(page, any_site, "&speaker=Sergey%20Lavrov&speaker=Nobody%20Known")
    got = shown(page)
    assert got == alone
    if not page.is_visible("#archive-f-speaker"):  # page records: the filters open when asked for
        page.click("#archive-narrow summary")
    page.wait_for_function("() => document.querySelector('#archive-f-speaker input:checked')")
    assert shown(page)["ticked"] == ["Sergey Lavrov"]


# --------------------------------------------------------------------------- a transcript's "#"


@pytest.mark.parametrize("hash_", ["#%", "#%E0%A4%A", "#%zz", "#%25"])
def test_a_broken_percent_encoding_after_the_hash_still_gets_the_bar_of_found_words(site, page, hash_):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site}transcripts/{HELSINKI}/?highlight=security{hash_}")
    page.wait_for_selector(".archive-occurrences", timeout=15000)
    assert page.is_visible(".archive-occurrences")
    assert page.inner_text(".archive-occurrences__position").endswith("on this page")
    assert errors == []


def test_a_percent_encoded_anchor_still_names_its_paragraph(site, page):
    page.goto(f"{site}transcripts/{HELSINKI}/?highlight=security#%4C14")  # "L14"
    page.wait_for_selector(".archive-occurrences")
    assert page.inner_text(".archive-occurrences__position").startswith("1 of ")
    assert page.evaluate("() => document.querySelector('#L14').contains(document.querySelector('mark.archive-occurrence--current'))")


# --------------------------------------------------------------------------- an unreachable collection


@pytest.mark.parametrize("view", ["results", "years", "context"])
def test_a_collection_that_cannot_be_reached_is_named_in_the_status(collection_sites, page, view):
    page.route(collection_sites["un"] + "**", lambda route: route.abort())
    for chosen, reached in ((["un"], False), (["default", "un"], True)):
        ins = "".join(f"&in={cid}" for cid in chosen)
        page.goto(f"{collection_sites['default']}search/?q={quote('Security Council')}&view={view}{ins}")
        page.wait_for_function("() => document.body && document.body.dataset.searchReady", timeout=60000)
        settle(page)
        status = page.inner_text("#archive-status")
        assert "UN General Debate could not be searched (nothing answered at its address)" in status, status
        assert " in :" not in status and " : " not in status and ":." not in status, status
        if reached:
            assert "Diplomatic transcripts" in status, status
        elif view != "results":
            panel = "#archive-years" if view == "years" else "#archive-context"
            assert page.is_hidden(panel)


def corpus(site: str) -> list[dict]:
    with urllib.request.urlopen(site + "data/corpus.jsonl") as response:
        return [json.loads(line) for line in response.read().decode("utf-8").splitlines()]


def test_another_collections_speaker_filters_a_search_of_both_and_shows_ticked_but_not_one_of_this_site_alone(collection_sites, page):
    own = {r["speaker"] for r in corpus(collection_sites["default"])}
    name = sorted({r["speaker"] for r in corpus(collection_sites["kremlin"]) if r["speaker_id"] and r["speaker"] not in own})[0]
    page.goto(f"{collection_sites['default']}search/?speaker={quote(name)}&in=default&in=kremlin")
    page.wait_for_function("() => document.body && document.body.dataset.searchReady", timeout=60000)
    settle(page)
    got = shown(page)
    assert got["active"] == "(1 filter on)" and got["ticked"] == [name], got
    assert f"speaker={quote(name).replace('%20', '+')}" in got["search"]
    kremlin = page.locator(".archive-collection[data-collection='kremlin'] .archive-result, .archive-collection[data-collection='kremlin'] .archive-group")
    assert kremlin.count() > 0
    # This site's collection alone has no such speaker: no filter, as with none said.
    page.goto(f"{collection_sites['default']}search/?speaker={quote(name)}")
    page.wait_for_function("() => document.body && document.body.dataset.searchReady", timeout=60000)
    settle(page)
    got = shown(page)
    assert got["active"] == "" and got["ticked"] == [] and got["search"] == ""
