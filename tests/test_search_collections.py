"""One search over all the collections (collections.yml), in Chromium: five sites on five
origins, the default four (passage records), the first Kremlin pages (voice records), the first
UN speeches (page records), and the first State Department and White House transcripts, each
searching the others from its own search page. Counts are checked against each collection's
own search and its open data (``corpus.jsonl``)."""

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
from test_search_research import table as year_table

IDS = ["default", "kremlin", "un", "state", "whitehouse"]
"""The collections the tests build and serve."""
DECLARED = IDS
"""Those collections.yml declares."""
NAMES = {"default": "Diplomatic transcripts", "kremlin": "Kremlin (English)", "un": "UN General Debate", "state": "US State Department", "whitehouse": "White House"}
PHRASE = '"United States"'  # said in each of the five (and never inflected, so Pagefind's stems match what the words match)
WORDS = PHRASE.strip('"')


def fetch(url):
    with urllib.request.urlopen(url) as response:
        return response.read().decode("utf-8")


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
    assert {c.id: c.name for c in declared} == NAMES


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
        assert {c["id"]: c["url"] for c in collections} == collection_sites


# --------------------------------------------------------------------------- searching them all


def occurrences(records: list[dict], phrase: str) -> list[dict]:
    """Each place the phrase stands, as words, in a paragraph of a collection's open data: the
    paragraph's record, once per occurrence."""
    wanted = phrase.strip('"').lower().split()
    found = []
    for record in records:
        words = re.findall(r"\w+", record["text"].lower())
        found += [record] * sum(words[i : i + len(wanted)] == wanted for i in range(len(words) - len(wanted) + 1))
    return found


def holding(records: list[dict], phrase: str) -> set[str]:
    """The transcripts whose text holds the phrase."""
    return {r["transcript_id"] for r in occurrences(records, phrase)}


@pytest.mark.browser
@pytest.mark.parametrize("home", IDS)
def test_a_phrase_said_in_every_collection_shows_each_under_its_name_linking_to_its_own_site(collection_sites, page, home):
    every = "&".join(f"in={cid}" for cid in IDS)
    open_search(page, collection_sites[home], f"q={quote(PHRASE)}&{every}")
    found = sections(page)
    assert [s["id"] for s in found] == IDS
    for section in found:
        url = collection_sites[section["id"]]
        truth = holding(collection_sites.corpus(section["id"]), PHRASE)
        assert truth, f"{section['id']} does not say {PHRASE}"
        assert section["title"].startswith(NAMES[section["id"]])
        # Each result links to its own site, to a transcript that says it.
        assert section["links"] and all(link.startswith(url + "transcripts/") for link in section["links"])
        slugs = {urlsplit(link).path.split("/transcripts/")[1].split("/")[0] for link in section["transcripts"]}
        assert slugs and slugs <= truth, (section["id"], slugs - truth)
        assert section["all"].startswith(url + "search/?q=")
    status = page.inner_text("#archive-status")
    assert status.startswith(f"“{WORDS}”: ") and [name in status for name in NAMES.values()] == [True] * len(IDS)
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
    assert boxes == [[cid, cid == "default"] for cid in IDS]
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
    others = [url for cid, url in collection_sites.items() if cid != "default"]
    assert not [u for u in asked if u.startswith(tuple(others))]


@pytest.mark.browser
def test_the_chart_of_all_collections_sums_each_ones_own_and_draws_a_line_for_each(collection_sites, page):
    own = {}
    for cid, url in collection_sites.items():
        open_search(page, url, f"q={quote(PHRASE)}&view=years")
        own[cid] = {row["Year"]: int(row["Transcripts with it"]) for row in year_table(page)}
    every = "&".join(f"in={cid}" for cid in IDS)
    open_search(page, collection_sites["kremlin"], f"q={quote(PHRASE)}&view=years&{every}")
    rows = year_table(page)
    merged = {row["Year"]: int(row["Transcripts with it"]) for row in rows}
    summed = Counter()
    for counts in own.values():
        summed.update(counts)
    # A time axis: every year of the span, those no collection covers at 0 (and shaded, not counted).
    assert {year: merged[year] for year in summed} == dict(summed) and set(merged) >= set(summed)
    assert all(merged[year] == 0 for year in set(merged) - set(summed))
    span = sorted(merged)
    assert span == [str(y) for y in range(int(span[0]), int(span[-1]) + 1)]
    assert page.locator("#archive-years-chart path[data-split]").count() == len(IDS)
    assert page.locator("#archive-years-legend li").all_inner_texts() == list(NAMES.values())
    # Each collection's line, as its open data counts it: of its own transcripts each year, the
    # share that say the phrase; a year it has no transcripts of is not covered, not 0 %.
    for cid in IDS:
        records = collection_sites.corpus(cid)
        per_year = Counter(year for year in {(r["transcript_id"], r["date"][:4]) for r in records} for year in [year[1]])
        saying = Counter(r["date"][:4] for r in {r["transcript_id"]: r for r in occurrences(records, PHRASE)}.values())
        name = NAMES[cid]
        for row in rows:
            year = row["Year"]
            assert int(row[f"{name}: transcripts"]) == saying[year], (cid, year, row)
            assert int(row[f"{name}: its transcripts that year"]) == per_year[year], (cid, year, row)
            if per_year[year]:
                assert row[f"{name}: share"] == f"{100 * saying[year] / per_year[year]:.{0 if 100 * saying[year] / per_year[year] >= 10 or not saying[year] else 1}f} %"
            else:
                assert row[f"{name}: share"] == "not covered", (cid, year, row)
    # Their years differ, and the sentence under the chart says so, and that the bars add them.
    summary = page.inner_text("#archive-years-summary")
    assert "The collections cover different years (" in summary and "each line is the share of its own collection's transcripts" in summary
    assert all(NAMES[cid] in summary.split("The collections cover different years")[1] for cid in IDS)


@pytest.mark.browser
def test_every_occurrence_in_context_across_the_collections_is_a_line_linking_to_its_own_site(collection_sites, page):
    every = "&".join(f"in={cid}" for cid in IDS)
    open_search(page, collection_sites["un"], f"q={quote(PHRASE)}&view=context&{every}")
    grab = "(rows) => rows.map((r) => [r.children[1].textContent, r.querySelector('a').href, r.children[3].textContent])"
    lines = page.eval_on_selector_all("#archive-context-table tbody tr", grab)
    while not page.is_disabled("#archive-context-next"):
        before = page.get_attribute("#archive-context", "data-page")
        page.click("#archive-context-next")
        page.wait_for_function(f"() => document.querySelector('#archive-context').dataset.page !== '{before}'")
        lines += page.eval_on_selector_all("#archive-context-table tbody tr", grab)
    assert lines and all(hit.lower() == WORDS.lower() for hit, _, _ in lines)
    found = {cid: Counter() for cid in IDS}
    for _, href, where in lines:
        cid = next(c for c in IDS if where.startswith(NAMES[c] + " · "))
        assert href.startswith(collection_sites[cid] + "transcripts/")
        found[cid][(urlsplit(href).path.split("/transcripts/")[1].split("/")[0], urlsplit(href).fragment)] += 1
    # As many lines in each collection as its open data has occurrences, each at its paragraph.
    for cid in IDS:
        truth = Counter((r["transcript_id"], r["anchor"]) for r in occurrences(collection_sites.corpus(cid), PHRASE))
        assert truth and found[cid] == truth, (cid, found[cid] - truth, truth - found[cid])
    # In the collections' order, each one's lines in its results' order.
    order = [list(NAMES.values()).index(where.split(" · ")[0]) for _, _, where in lines]
    assert order == sorted(order) and set(order) == set(range(len(IDS)))


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
          const { View } = await import(root + 'assets/search-draw.js');
          const box = document.querySelector('#archive-collections');
          box.querySelectorAll('label').forEach((label) => label.remove());
          new View(document, new URL(root), { collections: box }).drawCollections([
            { id: 'x', name: hostile, description: hostile, url: 'https://x.example/', self: true },
            { id: 'y', name: 'Y', description: 'y', url: 'https://y.example/', self: false }]);
          const label = box.querySelector('label');
          return { name: label.querySelector('.archive-collections__name').textContent, title: label.title, imgs: box.querySelectorAll('img').length };
        }""",
        [HOSTILE, collection_sites["default"]],
    )
    assert drawn == {"name": HOSTILE, "title": HOSTILE, "imgs": 0}
    assert page.evaluate("window.pwned") is None


@pytest.mark.browser
def test_a_filtered_search_of_a_paged_collection_loads_the_words_part_of_the_index_not_all_of_it(collection_sites, page):
    """A search opened with a speaker filter checks the filter's value against the index with a
    search of its word (which loads that word's part of the index and the filter's list), never
    with a search of no word, which makes Pagefind load every chunk of the index."""
    home = collection_sites.homes["un"]
    chunks = len(list((home / "pagefind" / "index").glob("*.pf_index")))
    speaker = next(r["speaker"] for r in collection_sites.corpus("un") if r["speaker"] and "peace" in r["text"].lower())
    asked = []
    page.on("request", lambda request: asked.append(request.url) if "pf_index" in request.url else None)
    open_search(page, collection_sites["un"], f"q=peace&speaker={quote(speaker)}")
    assert page.locator(".archive-result, .archive-group").count() > 0
    assert chunks >= 4 and len(asked) <= 2, (len(asked), chunks)
