"""Unit tests of docs/assets/query.js, the search's query language: the module is imported from
the built site into Chromium and called directly (no search page around it)."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

VARIANTS = [["Kiev", "Kyiv"], ["Sergei", "Sergey"], ["Donbass", "Donbas"]]


@pytest.fixture
def js(site, page):
    """``js(body, *args)``: run ``body`` (an async function body with ``q``, the module, and
    ``args`` in scope) in the page and return its JSON-able value."""
    page.goto(site + "about/")

    def run(body: str, *args):
        return page.evaluate(
            "async ([body, args, url]) => { const q = await import(url);"
            " return await new Function('q', 'args', `return (async () => { ${body} })()`)(q, args); }",
            [body, list(args), site + "assets/query.js"],
        )

    run.site = site
    return run


@pytest.fixture(scope="module")
def corpus_words(site) -> set[str]:
    import re
    import urllib.request

    with urllib.request.urlopen(site + "data/corpus.jsonl") as response:
        texts = [json.loads(line)["text"] for line in response.read().decode("utf-8").splitlines()]
    return {w for text in texts for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)*", text.lower().replace("’", "'"))}


def parse(js, text):
    return js("return q.parseQuery(args[0]);", text)


# --------------------------------------------------------------------------- parseQuery


def test_words_phrases_or_and_exclusions(js):
    query = parse(js, '“open door” NATO -enlargement Kiev OR Kyiv -"a phrase" the')
    assert [[t["text"] for t in group] for group in query["groups"]] == [["open door"], ["NATO"], ["Kiev", "Kyiv"]]
    assert query["groups"][0][0]["quoted"] and query["groups"][0][0]["phrase"]
    assert [(t["text"], t["quoted"]) for t in query["exclude"]] == [("enlargement", False), ("a phrase", True)]
    assert query["rankPhrase"] is None  # quotes, OR and exclusions: no phrase to rank by
    assert query["hints"] == []


def test_common_words_are_dropped_outside_quotes_and_an_unquoted_query_ranks_as_a_phrase(js):
    query = parse(js, "indivisibility of security")
    assert [[t["text"] for t in group] for group in query["groups"]] == [["indivisibility"], ["security"]]
    assert query["rankPhrase"] == "indivisibility of security"
    assert parse(js, '"of"')["groups"] == [[{"text": "of", "phrase": False, "exclude": False, "quoted": True, "prefix": False}]]
    assert parse(js, "the of and")["groups"] == []


def test_a_trailing_star_is_a_prefix(js):
    query = parse(js, "indivis* security -countr*,")
    assert query["groups"][0] == [{"text": "indivis", "phrase": False, "exclude": False, "quoted": False, "prefix": True}]
    assert query["groups"][1][0]["prefix"] is False
    assert query["exclude"] == [{"text": "countr", "phrase": False, "exclude": True, "quoted": False, "prefix": True}]
    assert query["rankPhrase"] is None  # "indivis security" is no phrase anyone said
    assert js("return q.hasPrefixes(q.parseQuery(args[0]));", "indivis*") is True
    assert js("return q.hasPrefixes(q.parseQuery(args[0]));", "indivisible") is False
    # A prefix is never a common word: "an*" searches for "an…" words.
    assert parse(js, "an*")["groups"][0][0] == {"text": "an", "phrase": False, "exclude": False, "quoted": False, "prefix": True}


def test_a_star_after_one_letter_is_a_word_with_a_hint(js):
    query = parse(js, "a* NATO")
    assert [[t["text"] for t in group] for group in query["groups"]] == [["NATO"]]
    assert query["hints"] == [{"kind": "short-prefix", "words": ["a*"], "min": 2}]
    assert parse(js, "x* NATO")["groups"][0][0]["prefix"] is False


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("Kiev or Donbass", "Kiev OR Donbass"),
        ("Kiev or Donbass or Minsk", "Kiev OR Donbass OR Minsk"),
        ('"open door" or NATO', '"open door" OR NATO'),
        ("“open door” or NATO", "“open door” OR NATO"),  # the query as typed, its quotes kept
    ],
)
def test_lowercase_or_between_two_terms_gets_a_hint(js, typed, meant):
    query = parse(js, typed)
    assert query["hints"] == [{"kind": "or", "query": meant}]
    assert len(query["groups"]) > 1  # as typed, every word is required


@pytest.mark.parametrize("typed", ["Kiev OR Donbass", '"war or peace"', "or NATO", "NATO or", "NATO or the", "NATO -or Kiev"])
def test_no_or_hint_where_or_is_not_between_two_terms(js, typed):
    assert [h for h in parse(js, typed)["hints"] if h["kind"] == "or"] == []


def test_not_gets_a_hint_to_use_a_minus(js):
    assert parse(js, "NATO NOT enlargement")["hints"] == [{"kind": "not", "query": "NATO -enlargement"}]
    assert parse(js, 'NATO NOT "open door"')["hints"] == [{"kind": "not", "query": 'NATO -"open door"'}]
    assert parse(js, "not enlargement")["hints"] == []  # lower case: the word


# --------------------------------------------------------------------------- expand


def expand(js, term, variants=VARIANTS):
    return js("return q.expand(args[0], args[1]);", term, variants)


def test_expand_variants_hyphens_and_prefixes(js):
    word = {"text": "Kiev", "phrase": False, "quoted": False, "prefix": False}
    assert expand(js, word) == ["Kiev", "Kyiv"]
    phrase = {"text": "Sergei Lavrov", "phrase": True, "quoted": True, "prefix": False}
    assert expand(js, phrase) == ['"Sergei Lavrov"', '"Sergey Lavrov"']
    hyphen = {"text": "Nagorno-Karabakh", "phrase": False, "quoted": False, "prefix": False}
    assert expand(js, hyphen) == ["Nagorno-Karabakh", '"Nagorno Karabakh"']
    prefix = {"text": "Indivis", "phrase": False, "quoted": False, "prefix": True}
    assert expand(js, prefix) == ["indivis*"]
    many = {"text": " ".join(["Kiev"] * 6), "phrase": True, "quoted": True, "prefix": False}
    assert len(expand(js, many)) == 16  # 64 spellings, capped


# --------------------------------------------------------------------------- highlightTerms


def test_highlight_terms_keep_every_word_and_phrases_whole(js):
    terms = js(
        "return q.highlightTerms(q.parseQuery(args[0]), args[1]);",
        'Nagorno Karabakh "indivisibility of security"',
        [
            {"text": "Nagorno", "phrase": False},
            {"text": "Karabakh", "phrase": False},
            {"text": "indivisibility of security", "phrase": True},
            {"text": "security", "phrase": False},  # a word of the phrase: not on its own
            {"text": "the", "phrase": False},  # a common word
            {"text": "karabakh", "phrase": False},  # said again
        ],
    )
    assert terms == ["indivisibility of security", "Nagorno", "Karabakh"]


def test_highlight_terms_from_an_excerpt_and_a_stemmed_phrase(js):
    terms = js(
        "return q.highlightTerms(q.parseQuery(args[0]), args[1]);",
        '"Minsk agreement"',
        "strict compliance with the <mark>Minsk agreements</mark> that &amp; <mark>“Minsk</mark>",
    )
    assert terms == ["Minsk agreement", "Minsk agreements"]  # "Minsk" alone is a word of the phrase


# --------------------------------------------------------------------------- excerpts


def test_phrase_excerpt_marks_every_occurrence_cut_between_words_with_ellipses(js):
    text = " ".join(f"w{i}" for i in range(40)) + " the indivisibility of security, and <b> indivisibility of security again"
    html = js("return q.phraseExcerpt(args[0], args[1], 12);", text, "indivisibility of security")
    assert html.startswith("… ") and "&#60;b&#62;" in html  # cut before, and escaped
    assert html.count("<mark>indivisibility of security</mark>") == 2
    assert "<mark>indivisibility of security</mark>," in html  # the comma outside the mark
    assert not html.endswith("…")  # it runs to the end
    plain = html.replace("<mark>", "").replace("</mark>", "").replace("&#60;", "<").replace("&#62;", ">")
    assert plain.startswith("… w") and text.endswith(plain[2:])  # whole words, from a word's start
    whole = js("return q.phraseExcerpt(args[0], args[1]);", "A short passage.", "nothing")
    assert whole == "A short passage."


def test_an_excerpt_begins_at_a_sentence_start_near_its_marks(js):
    words = ("One two three four five six seven eight nine ten eleven twelve. "
             "Thirteen fourteen fifteen sixteen seventeen NATO nineteen twenty twenty-one twenty-two. "
             "More words follow here for a while and then stop at the end of the passage now.").split()
    html = js(
        "return q.excerptAround(args[0], q.marksOf(args[0], [{q: 'nato', locations: [args[1]]}]), {length: 10});",
        words, words.index("NATO"),
    )
    assert html.startswith("… Thirteen ") and html.endswith(" …")
    assert "<mark>NATO</mark>" in html


def test_an_excerpt_shows_where_the_marks_are_thickest(js):
    words = [f"w{i}" for i in range(100)]
    for at in (5, 60, 62, 64):
        words[at] = "NATO"
    html = js(
        "return q.excerptAround(args[0], q.marksOf(args[0], [{q: 'nato', locations: args[1]}]), {length: 12});",
        words, [5, 60, 62, 64],
    )
    assert html.count("<mark>NATO</mark>") == 3 and html.startswith("… ") and html.endswith(" …")


def test_marks_of_prefix_searches_phrases_and_ranges(js):
    words = "The security of Europe: indivisible security, and indivisibility of security; secure borders; indivisible.".split()
    marks = js(
        "return q.marksOf(args[0], args[1], args[2], args[3]);",
        words,
        [
            {"q": "secur*", "locations": [1, 5, 9, 10]},  # Pagefind's stems: "security", "secure"...
            {"q": "of*", "locations": [2]},
            {"q": '"indivisibility of security"', "locations": []},  # found in the text, not given
            {"q": "indivisible", "locations": [4, 7, 12]},  # 7 is "indivisibility", a form too
        ],
        1, 11,
    )
    assert marks == [
        {"from": 1, "to": 1, "phrase": False},
        {"from": 2, "to": 2, "phrase": False},
        {"from": 4, "to": 4, "phrase": False},
        {"from": 5, "to": 5, "phrase": False},
        {"from": 7, "to": 9, "phrase": True},
        {"from": 10, "to": 10, "phrase": False},
    ]  # 11 is outside the range
    texts = js("return q.markedTexts(args[0], q.marksOf(args[0], [{q: '\"indivisibility of security\"', locations: []}]));", words)
    assert texts == [{"text": "indivisibility of security", "phrase": True}]
    # A phrase Pagefind found in another form of its words: marked where Pagefind says.
    phrase = js("return q.marksOf(args[0], [{q: '\"Minsk agreement\"', locations: [2, 3]}]);", "the two Minsk agreements are".split())
    assert phrase == [{"from": 2, "to": 3, "phrase": True}]


def test_phrase_spans_find_every_place(js):
    words = "security, indivisible security; Indivisible Security. indivisible-security".split()
    assert js("return q.phraseSpans(args[0], args[1]);", words, "indivisible security") == [[1, 2], [3, 4], [5, 5]]
    assert js("return q.phraseSpans(args[0], args[1], 2);", words, "indivisible security") == [[3, 4], [5, 5]]


# --------------------------------------------------------------------------- prefixes checked


def test_begins_with_folds_case_diacritics_and_hyphenated_parts(js):
    cases = [("Nagorno-Karabakh,", "karab", True), ("Nagorno-Karabakh", "nagorno-kar", True), ("“Škoda”", "skod", True),
             ("security", "securiti", False), ("country's", "countri", False), ("NATO’s", "nato", True), ("", "a", False)]
    got = js("return args[0].map(([w, p]) => q.beginsWith(w, p));", [[w, p] for w, p, _ in cases])
    assert got == [expected for _, _, expected in cases]


def test_passes_checks_needs_each_group_and_no_excluded_word(js):
    words = "the countries of the region and Russia–NATO security".split()
    check = lambda need, without: js("return q.passesChecks(args[0], args[1]);", {"need": need, "without": without}, words)
    assert check([["countri*"]], []) is True
    assert check([["countri*"], ["secur*"]], []) is True
    assert check([["countri*"], ["xyz*"]], []) is False
    assert check([["xyz*", "regio*"]], []) is True  # alternatives (OR)
    assert check([["countri*"]], ["secur*"]) is False
    assert check([["countri*"]], ["Russia"]) is False  # a form of the excluded word, in a compound
    assert check([["countri*"]], ["Russian"]) is True  # not a form of it
    assert js("return q.passesChecks(null, []);") is True


def test_same_word_is_a_form_of_the_word_not_a_longer_one(js):
    cases = [
        ("Russia", "Russia", True), ("Russia's", "russia", True), ("Russia’s", "Russia", True), ("(Russia),", "Russia", True),
        ("NATO-Russia", "Russia", True), ("Russia–NATO.", "Russia", True), ("Russian", "Russia", False),
        ("Russians", "Russia", False), ("treaties", "treaty", True), ("Ukrainian", "Ukraine", False),
        ("guaranteed", "guarantees", True), ("indivisibility", "indivisible", True), ("Nagorno-Karabakh", "Nagorno-Karabakh", True),
    ]
    got = js("return args[0].map(([word, query]) => q.sameWord(word, query));", [[w, q] for w, q, _ in cases])
    assert got == [expected for _, _, expected in cases]


def test_the_stemmer_is_pagefinds(js, corpus_words):
    """stem.js against the Snowball English stemmer (the Python package the truth tables use;
    Pagefind's is the same algorithm) on every word of the corpus and the algorithm's own
    exceptions."""
    import snowballstemmer

    stemmer = snowballstemmer.stemmer("english")
    words = sorted(corpus_words | set(
        "skis skies dying lying tying idly gently ugly early only singly sky news howe atlas cosmos bias andes inning "
        "outing canning herring earring evening proceed exceed succeed generous communism arsenal pastime universal "
        "emergency later organization cries ties gaps gas kiwis hopping hoping added egged agreed feed bled sized "
        "fizzed yay saying flying".split()
    ))
    got = js("const { stem } = await import(args[1]); return args[0].map(stem);", words, js.site + "assets/stem.js")
    wrong = [(w, g, stemmer.stemWord(w)) for w, g in zip(words, got) if g != stemmer.stemWord(w)]
    assert len(words) > 1500 and wrong == []


def test_execute_leaves_prefix_results_to_be_checked_and_keeps_exact_counts_for_one_search(js):
    result = js(
        """
        const answers = {
          "indivis*": [1, 2, 3], "countri*": [2], "nato": [1, 2, 3, 4], "kiev": [4], "kyiv": [5],
        };
        const run = async (q) => ({
          results: (answers[q.toLowerCase()] || []).map((id) => ({ id: String(id), score: 1 })),
          filters: { speaker: { q } },
        });
        const ids = (answer) => answer.results.map((r) => r.id).sort();
        const prefix = await q.execute(q.parseQuery("indivis* NATO -countri*"), [], run);
        const unsureRun = async (q) => q === "Russia"
          ? { results: [{ id: "2", score: 1 }], unsure: [{ id: "3", score: 1 }, { id: "9", score: 1 }] }
          : run(q);
        const unsure = await q.execute(q.parseQuery("NATO -Russia"), [], unsureRun);
        const paged = await q.execute(q.parseQuery("NATO -Russia"), [], unsureRun, { pages: true });
        const one = await q.execute(q.parseQuery("NATO"), [], run);
        const either = await q.execute(q.parseQuery("Kiev"), [["Kiev", "Kyiv"]], run);
        const surely = await q.execute(q.parseQuery("NATO -Kiev"), [], run);
        return {
          prefix: ids(prefix), prefixExact: prefix.exact, checks: prefix.results.map((r) => [r.id, r.checks]).sort(),
          one: ids(one), oneExact: one.exact && one.exact.filters, either: ids(either), eitherExact: either.exact,
          surely: ids(surely),
          unsure: unsure.results.map((r) => [r.id, r.checks]).sort(),
          paged: paged.results.map((r) => [r.id, r.without.map((part) => [part.result.id, part.q]), r.checks]).sort(),
        };
        """
    )
    # "-countri*" is only a candidate: record 2 stays, to be checked against its text.
    assert result["prefix"] == ["1", "2", "3"] and result["prefixExact"] is None
    assert result["checks"] == [
        ["1", {"need": [["indivis*"]], "without": []}],
        ["2", {"need": [["indivis*"]], "without": ["countri*"]}],
        ["3", {"need": [["indivis*"]], "without": []}],
    ]
    assert result["one"] == ["1", "2", "3", "4"] and result["oneExact"] == {"speaker": {"q": "NATO"}}
    assert result["either"] == ["4", "5"] and result["eitherExact"] is None  # two searches: counted
    assert result["surely"] == ["1", "2", "3"]
    # Records only "Russia"'s unquoted search finds are checked for it, not dropped or kept blind.
    assert result["unsure"] == [["1", None], ["3", {"need": [], "without": ["Russia"]}], ["4", None]]
    # With page records, their passages are checked (passagesOf): the parts go with the result.
    assert result["paged"] == [["1", [], None], ["2", [["2", "Russia"]], None], ["3", [["3", "Russia"]], None], ["4", [], None]]


# --------------------------------------------------------------------------- page records


def test_paragraphs_of_a_page_record_and_their_places(js):
    data = {
        "content": "¶. First paragraph here. ¶ 12. Second one, 2008. ¶. 2009 was a year.",
        "anchors": [
            {"element": "h6", "id": "L3", "text": "¶", "location": 0},
            {"element": "h6", "id": "L5", "text": "¶", "location": 4},
            {"element": "h6", "id": "L9", "text": "¶", "location": 9},
        ],
    }
    paragraphs = js("return [...q.paragraphsOf(args[0])];", data)
    assert paragraphs == [
        ["L3", {"title": "¶", "text": "First paragraph here.", "start": 1, "end": 4}],
        ["L5", {"title": "¶", "text": "Second one, 2008.", "start": 6, "end": 9}],
        ["L9", {"title": "¶", "text": "2009 was a year.", "start": 10, "end": 14}],
    ]
    assert js("return q.recordWords({content: 'a  b\\nc'});") == ["a", "b", "c"]
    assert js("return q.recordWords({raw_content: '日本\\u200B&lt;語', content: '日本<語'});") == ["日本", "<語"]


def test_passages_of_a_page_record_mark_every_group_and_check_prefixes(js):
    content = "¶. NATO and Russia agreed. ¶. The countries met; Russia spoke of NATO. ¶. A country alone."
    anchors = [{"element": "h6", "id": f"L{i}", "text": "¶", "location": at} for i, at in ((1, 0), (2, 5), (3, 13))]
    found = js(
        """
        const [content, anchors] = args;
        const sub = (id, locations) => ({ anchor: { id }, locations, weighted_locations: locations.map(() => ({ balanced_score: 1 })) });
        const data = (subs) => ({ content, anchors, sub_results: subs });
        const record = (subs) => ({ id: "t", data: async () => data(subs) });
        const nato = record([sub("L1", [1]), sub("L2", [12])]);
        const russia = record([sub("L1", [3]), sub("L2", [9])]);
        const countri = record([sub("L2", [7]), sub("L3", [15])]);  // "country" is a stem's answer
        const load = (r) => r.data();
        const both = await q.passagesOf(Object.assign(record([]), { parts: [[{ result: nato, q: "nato" }], [{ result: russia, q: "russia" }]] }), load, { length: 6 });
        const prefix = await q.passagesOf(Object.assign(record([]), { parts: [[{ result: countri, q: "countri*" }]] }), load);
        const none = await q.passagesOf(Object.assign(record([]), { parts: [[{ result: record([sub("L3", [15])]), q: "countri*" }]] }), load);
        // "country" found for "countries" (Pagefind's stems) counts; "count" for "countries" would not.
        const forms = await q.passagesOf(Object.assign(record([]), { parts: [[{ result: countri, q: "countries" }]] }), load);
        const without = await q.passagesOf(Object.assign(record([]), {
          parts: [[{ result: nato, q: "nato" }]], without: [{ result: record([sub("L2", [9])]), q: "Russian" }] }), load);
        return { both, prefix, none, forms, without };
        """,
        content, anchors,
    )
    both = found["both"]
    assert both["together"] is True and [p["anchor"]["id"] for p in both["passages"]] == ["L1", "L2"]
    assert both["passages"][0]["excerpt"] == "<mark>NATO</mark> and <mark>Russia</mark> agreed."
    # A few words more than asked for, rather than a cut so near the start.
    assert both["passages"][1]["excerpt"] == "The countries met; <mark>Russia</mark> spoke of <mark>NATO</mark>."
    assert [m["text"] for m in both["passages"][1]["marked"]] == ["Russia", "NATO"]
    assert [p["anchor"]["id"] for p in found["prefix"]["passages"]] == ["L2"]
    assert "<mark>countries</mark>" in found["prefix"]["passages"][0]["excerpt"]
    assert found["none"]["passages"] == [] and found["none"]["inText"] is True  # checked: drawn as nothing
    assert [p["anchor"]["id"] for p in found["forms"]["passages"]] == ["L2", "L3"]
    # "Russian" is excluded, "Russia" (L2) is not a form of it: L2 stays.
    assert [p["anchor"]["id"] for p in found["without"]["passages"]] == ["L1", "L2"]
