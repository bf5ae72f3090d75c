"""One search over all the collections (collections.yml), in Chromium: three sites on three
origins, the default four (passage records), the first Kremlin pages (voice records) and the
first UN speeches (page records), each searching the others from its own search page."""

from __future__ import annotations

import json
import re
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from diparchive.site.collections import read_collections, search_collections
from diparchive.infra.errors import BuildFailed, InputError

from conftest import ROOT

IDS = ["default", "kremlin", "un"]
"""The collections the tests build and serve."""
DECLARED = [*IDS, "state", "whitehouse"]
"""Those collections.yml declares (the State Department's and the White House's are not built here)."""
NAMES = {"default": "Diplomatic transcripts", "kremlin": "Kremlin (English)", "un": "UN General Debate"}
PHRASE = '"Security Council"'  # said in each of the three


def fetch(url):
    with urllib.request.urlopen(url) as response:
        return response.read().decode("utf-8")


def corpus(url):
    return [json.loads(line) for line in fetch(url + "data/corpus.jsonl").splitlines()]


def open_search(page, url, extra):
    page.goto(f"{url}search/?{extra}")
    page.wait_for_function("() => document.body && document.body.dataset.searchReady", timeout=60000)
    page.wait_for_function("() => document.querySelector('#archive-results').dataset.for === location.pathname + location.search", timeout=60000)


def sections(page):
    return page.eval_on_selector_all(
        ".archive-collection",
        """(sections) => sections.map((s) => ({
          id: s.dataset.collection, title: s.querySelector('.archive-collection__title').textContent,
          links: [...s.querySelectorAll('.archive-result a')].map((a) => a.href),
          transcripts: [...s.querySelectorAll('.archive-group__title a')].map((a) => a.href),
          all: s.querySelector('.archive-collection__all').href }))""",
    )


# --------------------------------------------------------------------------- the declaration


def test_the_repositorys_collections_are_declared_once_with_name_address_and_description():
    declared = read_collections(ROOT / "collections.yml")
    assert [c.id for c in declared] == DECLARED
    assert all(c.url.startswith("https://") and c.url.endswith("/") and c.description for c in declared)
    assert {c.id: c.name for c in declared} == {**NAMES, "state": "US State Department", "whitehouse": "White House"}


def test_a_wrong_declaration_is_refused_naming_the_file_the_entry_and_the_line(tmp_path):
    (tmp_path / "collections.yml").write_text("default:\n  name: A\n  url: ftp://x/\n  description: B\nun:\n  name: U\n  url: https://u.example/un\n  description: C\n  colour: red\n")
    with pytest.raises(BuildFailed) as failed:
        read_collections(tmp_path / "collections.yml")
    text = "\n".join(str(e) for e in failed.value.errors)
    assert text.splitlines() == [
        "collections.yml, entry 'default' (line 3): expected 'url:' the address of the collection's published site, ending in /; found 'ftp://x/'",
        "collections.yml, entry 'un', field 'url' (line 7): expected an address ending in / (the collection site's root); found 'https://u.example/un'",
        "collections.yml, entry 'un', field 'colour' (line 9): expected one of the fields description, name, url; found 'colour'",
    ]
    (tmp_path / "collections.yml").write_text("default:\n  name: A\n  url: https://a.example/\n  description: B\n")
    with pytest.raises(InputError, match="DIPARCHIVE_COLLECTION: expected the id of a collection in collections.yml \\(default\\); found 'kremlin'"):
        search_collections(tmp_path, {"DIPARCHIVE_COLLECTION": "kremlin"})
    with pytest.raises(InputError, match="DIPARCHIVE_COLLECTION_URLS"):
        search_collections(tmp_path, {"DIPARCHIVE_COLLECTION_URLS": "default=javascript:alert(1)/"})
    assert search_collections(tmp_path, {"DIPARCHIVE_COLLECTION_URLS": "default=http://127.0.0.1:9/"})[0]["url"] == "http://127.0.0.1:9/"
    assert search_collections(tmp_path / "none", {}) == []


@pytest.mark.browser
def test_every_site_declares_every_collection_and_which_is_itself(collection_sites):
    for cid, url in collection_sites.items():
        collections = json.loads(fetch(url + "assets/search-config.json"))["collections"]
        assert [c["id"] for c in collections] == DECLARED
        assert [c["id"] for c in collections if c["self"]] == [cid]
        assert {c["id"]: c["url"] for c in collections if c["id"] in IDS} == collection_sites
        assert [c["url"] for c in collections if c["id"] not in IDS] == [
            "https://diplomatic-transcripts.github.io/state-department/", "https://diplomatic-transcripts.github.io/white-house/"]  # as published


# --------------------------------------------------------------------------- searching them all


def holding(url, phrase):
    """The transcripts of a site whose text holds the phrase."""
    words = phrase.strip('"').lower()
    return {r["transcript_id"] for r in corpus(url) if words in re.sub(r"\s+", " ", r["text"].lower())}


@pytest.mark.browser
@pytest.mark.parametrize("home", IDS)
def test_a_phrase_said_in_every_collection_shows_each_under_its_name_linking_to_its_own_site(collection_sites, page, home):
    every = "&".join(f"in={cid}" for cid in IDS)
    open_search(page, collection_sites[home], f"q={quote(PHRASE)}&{every}")
    found = sections(page)
    assert [s["id"] for s in found] == IDS
    for section in found:
        url = collection_sites[section["id"]]
        truth = holding(url, PHRASE)
        assert truth, f"{section['id']} does not say {PHRASE}"
        assert section["title"].startswith(NAMES[section["id"]])
        # Each result links to its own site, to a transcript that says it.
        assert section["links"] and all(link.startswith(url + "transcripts/") for link in section["links"])
        slugs = {urlsplit(link).path.split("/transcripts/")[1].split("/")[0] for link in section["transcripts"]}
        assert slugs and slugs <= truth, (section["id"], slugs - truth)
        assert section["all"].startswith(url + "search/?q=")
    status = page.inner_text("#archive-status")
    assert status.startswith("“Security Council”: ") and [name in status for name in NAMES.values()] == [True] * 3
    # As many as each collection's own search finds.
    counts = {name.strip(): n.replace(",", "") for n, name in re.findall(r"([\d,]+) in ([^;.]+)", status)}
    for cid, url in collection_sites.items():
        open_search(page, url, f"q={quote(PHRASE)}")
        own = page.inner_text("#archive-status")
        assert own.split()[0].replace(",", "") == counts[NAMES[cid]], (cid, own, counts)


@pytest.mark.browser
def test_the_collection_filter_chooses_which_are_searched(collection_sites, page):
    url = collection_sites["default"]
    open_search(page, url, f"q={quote(PHRASE)}")
    boxes = page.eval_on_selector_all("#archive-collections input", "(boxes) => boxes.map((b) => [b.value, b.checked])")
    assert boxes == [["default", True], ["kremlin", False], ["un", False], ["state", False], ["whitehouse", False]]
    assert page.locator(".archive-collection").count() == 0  # this site's alone: its own results
    page.check("#archive-collections input[value='un']")
    page.wait_for_function("() => location.search.includes('in=un') && document.querySelector('#archive-results').dataset.for === location.pathname + location.search")
    assert [s["id"] for s in sections(page)] == ["default", "un"]
    page.uncheck("#archive-collections input[value='default']")
    page.wait_for_function("() => !location.search.includes('in=default') && document.querySelector('#archive-results').dataset.for === location.pathname + location.search")
    found = sections(page)
    assert [s["id"] for s in found] == ["un"] and all(link.startswith(collection_sites["un"]) for link in found[0]["links"])


@pytest.mark.browser
def test_a_search_of_its_own_collection_asks_nothing_of_the_others(collection_sites, page):
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    open_search(page, collection_sites["default"], f"q={quote(PHRASE)}")
    others = [collection_sites["kremlin"], collection_sites["un"]]
    assert not [u for u in asked if u.startswith(tuple(others))]


@pytest.mark.browser
def test_the_chart_of_all_collections_sums_each_ones_own_and_draws_a_line_for_each(collection_sites, page):
    own = {}
    for cid, url in collection_sites.items():
        open_search(page, url, f"q={quote(PHRASE)}&view=years")
        own[cid] = {row[0]: int(row[1]) for row in page.eval_on_selector_all("#archive-years-table tbody tr", "(rows) => rows.map((r) => [r.children[0].textContent, r.children[1].textContent])")}
    every = "&".join(f"in={cid}" for cid in IDS)
    open_search(page, collection_sites["kremlin"], f"q={quote(PHRASE)}&view=years&{every}")
    merged = {row[0]: int(row[1]) for row in page.eval_on_selector_all("#archive-years-table tbody tr", "(rows) => rows.map((r) => [r.children[0].textContent, r.children[1].textContent])")}
    summed = Counter()
    for counts in own.values():
        summed.update(counts)
    # A time axis: every year of the span, those no collection covers at 0 (and shaded, not counted).
    assert {year: merged[year] for year in summed} == dict(summed) and set(merged) >= set(summed)
    assert all(merged[year] == 0 for year in set(merged) - set(summed))
    span = sorted(merged)
    assert span == [str(y) for y in range(int(span[0]), int(span[-1]) + 1)]
    assert page.locator("#archive-years-chart path[data-split]").count() == 3
    assert page.locator("#archive-years-legend li").all_inner_texts() == list(NAMES.values())


@pytest.mark.browser
def test_every_occurrence_in_context_across_the_collections_links_to_its_own_site(collection_sites, page):
    every = "&".join(f"in={cid}" for cid in IDS)
    open_search(page, collection_sites["un"], f"q={quote(PHRASE)}&view=context&{every}")
    lines = page.eval_on_selector_all(
        "#archive-context-table tbody tr", "(rows) => rows.map((r) => [r.children[1].textContent, r.querySelector('a').href, r.children[3].textContent])"
    )
    assert lines and all(hit.lower() == "security council" for hit, _, _ in lines)
    for _, href, where in lines:
        cid = next(c for c in IDS if where.startswith(NAMES[c]))
        assert href.startswith(collection_sites[cid] + "transcripts/")
    # In the collections' order, each one's lines in its results' order.
    order = [list(NAMES.values()).index(where.split(" · ")[0]) for _, _, where in lines]
    assert order == sorted(order)
    seen = set(order)
    while not page.is_disabled("#archive-context-next"):
        before = page.get_attribute("#archive-context", "data-page")
        page.click("#archive-context-next")
        page.wait_for_function(f"() => document.querySelector('#archive-context').dataset.page !== '{before}'")
        seen |= {list(NAMES.values()).index(w.split(" · ")[0]) for w in page.eval_on_selector_all("#archive-context-table tbody tr", "(rows) => rows.map((r) => r.children[3].textContent)")}
    assert seen == {0, 1, 2}


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("view", ["results", "years", "context"])
def test_a_search_of_every_collection_fits_a_phone_and_a_desktop(collection_sites, page, width, view):
    page.set_viewport_size({"width": width, "height": 800})
    every = "&".join(f"in={cid}" for cid in IDS)
    open_search(page, collection_sites["default"], f"q={quote(PHRASE)}&view={view}&{every}")
    assert page.is_visible("#archive-collections")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


HOSTILE = '<img src=x onerror="window.pwned=1">"quoted" & =SUM(1)'


@pytest.mark.browser
def test_a_collections_name_and_description_stay_text(collection_sites, page):
    open_search(page, collection_sites["default"], "q=NATO")
    drawn = page.evaluate(
        """async ([hostile, root]) => {
          const { CollectionsSearch } = await import(root + 'assets/search-collections.js');
          const box = document.querySelector('#archive-collections');
          box.querySelectorAll('label').forEach((label) => label.remove());
          const template = (id) => document.getElementById(id).content.firstElementChild.cloneNode(true);
          const fake = { engine: { collections: [{ id: 'x', name: hostile, description: hostile, url: 'https://x.example/', self: true }, { id: 'y', name: 'Y', description: 'y', url: 'https://y.example/', self: false }] },
                         view: { template }, controls: { collections: box } };
          new CollectionsSearch(fake).drawChoices();
          const label = box.querySelector('label');
          return { name: label.querySelector('.archive-collections__name').textContent, title: label.title, imgs: box.querySelectorAll('img').length };
        }""",
        [HOSTILE, collection_sites["default"]],
    )
    assert drawn == {"name": HOSTILE, "title": HOSTILE, "imgs": 0}
    assert page.evaluate("window.pwned") is None
