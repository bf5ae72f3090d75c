"""The search's exports hold the sources' exact text, in Chromium: each row of the results' CSV
is its paragraph's text as the open data (data/corpus.jsonl) has it, and each line of the
concordance ("In context", on the page and as CSV) is cut from that text. Pagefind's indexed
text is not the source's: it ends a paragraph that has no end punctuation with a "." of its own.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import subprocess
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import SIDECAR, SUBPATH, _Quiet, copy_project

pytestmark = pytest.mark.browser

SLUG = "2020-01-02-test"
# Made-up paragraphs: three end in no punctuation, one in a full stop; one holds what Markdown
# and HTML would read as markup.
TEXT = [
    "Sergey Lavrov: We stand for the indivisibility of security in Europe and in the wider world",
    "Question: Does the indivisibility of security still matter to the ministers in Geneva",
    "Sergey Lavrov: Indivisibility is a principle, and we hold to it.",
    "The indivisibility of security <for all> & *every* state [as agreed] in Helsinki",
]
UNPUNCTUATED = {
    "We stand for the indivisibility of security in Europe and in the wider world",
    "Does the indivisibility of security still matter to the ministers in Geneva",
    "The indivisibility of security <for all> & *every* state [as agreed] in Helsinki",
}
QUERIES = ["indivisibility", '"indivisibility of security"', "Helsinki"]
DESIGNS = ["passages", "pages"]


@pytest.fixture(scope="module")
def exact_sites(tmp_path_factory):
    """The four transcripts and a made-up one, built once and indexed in each design (passage
    records, and page records whose passages are Pagefind's sub-results), served under a
    subpath; yields {design: address}."""
    root = tmp_path_factory.mktemp("exact")
    project = copy_project(root / "project")
    (project.transcripts / f"{SLUG}.yml").write_text(SIDECAR, "utf-8")
    (project.transcripts / f"{SLUG}.txt").write_text("\n\n".join(TEXT) + "\n", "utf-8")
    served = root / "served"
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(served)))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp")}
    run = subprocess.run([sys.executable, "-m", "diparchive", "--root", str(project.root), "build"], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    urls = {}
    for design in DESIGNS:
        urls[design] = f"{base}{design}/{SUBPATH}"
        out = served / design / SUBPATH.strip("/")
        run = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=project.root, capture_output=True, text=True,
            env={**env, "SITE_URL": urls[design], "DIPARCHIVE_RECORDS": design},
        )
        assert run.returncode == 0, run.stderr
        config = json.loads((out / "assets" / "search-config.json").read_text("utf-8"))
        assert config["records"] == design
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield urls
    server.shutdown()


def corpus(site: str) -> dict[tuple[str, str], str]:
    """{(transcript, anchor): text} of the site's open data."""
    import urllib.request

    with urllib.request.urlopen(site + "data/corpus.jsonl") as response:
        records = [json.loads(line) for line in response.read().decode("utf-8").splitlines()]
    return {(r["transcript_id"], r["anchor"]): r["text"] for r in records}


def where(url: str) -> tuple[str, str]:
    return url.split("/transcripts/")[1].split("/")[0], url.split("#")[1]


def open_view(page, site: str, q: str, view: str = "results"):
    page.goto(f"{site}search/?q={quote(q)}" + ("" if view == "results" else f"&view={view}"))
    page.wait_for_function("() => document.body && document.body.dataset.searchReady", timeout=30000)
    page.wait_for_function("() => document.querySelector('#archive-results').dataset.for === location.pathname + location.search", timeout=30000)


def download(page, button: str) -> list[dict]:
    with page.expect_download() as saved:
        page.click(button)
    return list(csv.DictReader(io.StringIO(open(saved.value.path(), encoding="utf-8").read())))


# --------------------------------------------------------------------------- the results' CSV


@pytest.mark.parametrize("q", QUERIES)
@pytest.mark.parametrize("design", DESIGNS)
def test_every_rows_text_is_its_paragraphs_text_in_the_open_data(exact_sites, page, design, q):
    site = exact_sites[design]
    texts = corpus(site)
    open_view(page, site, q)
    rows = download(page, "#archive-csv")
    assert rows
    for row in rows:
        assert row["text"] == texts[where(row["url"])], row["url"]
    got = {row["text"] for row in rows}
    # Both sides: the paragraphs with no end punctuation have none in the CSV, and those that end
    # in a full stop keep it.
    unpunctuated = {t for t in UNPUNCTUATED if all(word.lower() in t.lower() for word in q.strip('"').split())}
    assert unpunctuated and unpunctuated <= got
    assert any(text.endswith(".") for text in got)
    if q == "indivisibility":
        assert "Indivisibility is a principle, and we hold to it." in got


# --------------------------------------------------------------------------- the concordance


def joined(line: dict) -> str:
    """A concordance line's parts as the text they were cut from (the "…" where it goes on are
    the view's)."""
    return line["left"].removeprefix("… ") + line["match"] + line["right"].removesuffix(" …")


@pytest.mark.parametrize("q", QUERIES)
@pytest.mark.parametrize("design", DESIGNS)
def test_every_concordance_line_is_cut_from_its_paragraphs_exact_text(exact_sites, page, design, q):
    site = exact_sites[design]
    texts = corpus(site)
    open_view(page, site, q, "context")
    shown = page.eval_on_selector_all(
        "#archive-context-table tbody tr",
        "(rows) => rows.map((r) => ({left: r.children[0].textContent, match: r.children[1].textContent, right: r.children[2].textContent}))",
    )
    lines = download(page, "#archive-context-csv")
    assert lines and [{k: line[k] for k in ("left", "match", "right")} for line in lines[: len(shown)]] == shown
    for line in lines:
        text = texts[where(line["url"])]
        assert joined(line) in text, (joined(line), text)
    ends = {where(line["url"]): line["right"] for line in lines if not line["right"].endswith(" …")}
    finished = [(texts[key], right) for key, right in ends.items()]
    # Both sides: the line at a paragraph's end ends as the paragraph does, with no "." added
    # where it has none, and with its own full stop where it has one.
    assert any(text in UNPUNCTUATED and not right.endswith(".") and text.endswith(right) for text, right in finished)
    if q == "indivisibility":
        assert any(text == "Indivisibility is a principle, and we hold to it." and right.endswith("it.") for text, right in finished)


# --------------------------------------------------------------------------- the exact text


def test_every_paragraphs_text_read_from_its_page_is_the_open_datas(exact_sites, page):
    site = exact_sites["passages"]
    texts = corpus(site)
    page.goto(site + "search/")
    slugs = sorted({slug for slug, _ in texts})
    got = page.evaluate(
        "async ([root, slugs]) => { const r = await import(root + 'assets/records.js');"
        " const out = {}; for (const slug of slugs) for (const [anchor, text] of await r.paragraphTexts(slug)) out[slug + ' ' + anchor] = text; return out; }",
        [site, slugs],
    )
    assert got == {f"{slug} {anchor}": text for (slug, anchor), text in texts.items()}


def test_a_line_is_cut_from_the_exact_text_and_pagefinds_words_only_where_they_are_not_the_texts(exact_sites, page):
    site = exact_sites["passages"]
    page.goto(site + "about/")
    got = page.evaluate(
        """async (root) => {
          const q = await import(root + 'assets/query.js');
          const words = ['We', 'stand', 'for', '"the', 'indivisibility"', 'of', 'the', 'world.'];
          const text = 'We  stand for "the indivisibility" of the world';
          const marks = [{from: 4, to: 4}, {from: 7, to: 7}];
          return {
            spans: q.wordSpans(words, text),
            exact: q.contextLines(words, marks, {text, width: 2}),
            other: q.wordSpans(words, 'We stand for something else'),
            fallback: q.contextLines(words, marks, {text: 'We stand for something else', width: 2}),
            // A language written without spaces: Pagefind's words are parts of one run of text.
            cjk: q.contextLines(['日本', '語', 'です'], [{from: 1, to: 1}], {text: '日本語です'}),
            stop: q.contextLines(['in', 'the', 'world.'], [{from: 2, to: 2}], {text: 'in the world.'}),
          };
        }""",
        site,
    )
    assert got["spans"][0] == [0, 2] and got["spans"][1] == [4, 9] and got["spans"][-1] == [42, 47]
    assert got["exact"] == [
        {"left": '… for "the ', "hit": "indivisibility", "right": '" of the …'},
        {"left": "… of the ", "hit": "world", "right": ""},  # Pagefind's "." is not the text's
    ]
    assert got["other"] is None
    assert got["fallback"][1] == {"left": "… of the", "hit": "world", "right": "."}  # Pagefind's words
    assert got["cjk"] == [{"left": "日本", "hit": "語", "right": "です"}]
    assert got["stop"] == [{"left": "in the ", "hit": "world", "right": "."}]  # the text's own full stop
