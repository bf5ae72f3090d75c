"""Stage 1, read: bad sources are refused with the file, the line and what was found."""

import pytest

from diparchive.infra.errors import InputError
from diparchive.ingest.read import read_source


def write(tmp_path, data: bytes):
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    return path


def test_lines_are_numbered_as_an_editor_shows_them(tmp_path):
    source = read_source(write(tmp_path, "a\r\nb\n\nc\n".encode()), "x.txt")
    assert source.lines == ("a", "b", "", "c")


def test_a_byte_order_mark_is_not_text(tmp_path):
    assert read_source(write(tmp_path, "\ufeffHello\n".encode()), "x.txt").lines == ("Hello",)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "x.txt: expected the transcript's text; found an empty file"),
        (b"  \n\n", "x.txt: expected the transcript's text; found only white space"),
        (b"ok\nbin\x00ary", "x.txt, line 2: expected a text file; found a NUL byte (is this a binary file?)"),
        ("line one\nCaf\u00e9 ".encode("latin-1"), "x.txt, line 2, byte 4: expected UTF-8 text; found the byte 0xe9, which is not UTF-8"),
        (b"ok\n\x1b[1mbold", "x.txt, line 2: expected printable text; found the control character U+001B"),
    ],
)
def test_bad_sources_are_refused_with_a_clear_message(tmp_path, data, message):
    with pytest.raises(InputError) as error:
        read_source(write(tmp_path, data), "x.txt")
    assert str(error.value) == message


def test_a_missing_source_is_named(tmp_path):
    with pytest.raises(InputError, match="x.txt: expected a source text file; found no such file"):
        read_source(tmp_path / "nope.txt", "x.txt")


# --------------------------------------------------------------------------- the three capture forms

import random  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from conftest import SHARED, needs_shared  # noqa: E402
from diparchive.ingest.html_lines import BLOCK, html_lines  # noqa: E402

CAPTURES = SHARED / "captures"
needs_captures = needs_shared("captures")
KREMLIN_IDS = sorted(p.stem for p in (CAPTURES / "kremlin").glob("*.html")) if CAPTURES.is_dir() else []


def read_page(tmp_path, markup: str, name: str = "p.html"):
    """Read ``markup`` as a saved page (wrapped in <html><body> unless it has its own)."""
    if "<html" not in markup:
        markup = f"<!DOCTYPE html><html><head><title>T</title></head><body>{markup}</body></html>"
    path = tmp_path / name
    path.write_text(markup, "utf-8")
    return read_source(path, name)


def body(source) -> list[str]:
    return [line for line in source.lines if line]


# .html: lines ------------------------------------------------------------------


def test_html_inline_elements_do_not_end_a_line(tmp_path):
    assert read_page(tmp_path, "<p>a <b>b</b> c</p>").lines == ("a b c",)
    assert read_page(tmp_path, "<p>a<em>b</em>c <span><i>d</i></span></p>").lines == ("abc d",)


def test_html_block_elements_end_lines(tmp_path):
    source = read_page(tmp_path, "<h1>Head</h1><div>one</div><p>two</p><ul><li>three</li><li>four</li></ul><blockquote>five</blockquote>")
    assert body(source) == ["Head", "one", "two", "three", "four", "five"]


def test_html_br_ends_a_line(tmp_path):
    source = read_page(tmp_path, "<p>first<br>second<br/>third</p>")
    assert body(source) == ["first", "second", "third"]


def test_html_br_is_a_line_break_not_a_blank_line(tmp_path):
    assert read_page(tmp_path, "<p>a<br>b</p>").lines == ("a", "b")


def test_html_source_new_lines_inside_a_text_run_are_spaces(tmp_path):
    assert read_page(tmp_path, "<p>one\ntwo\r\n   three\tfour</p>").lines == ("one two three four",)
    assert read_page(tmp_path, "<p>a\n<b>b\n</b>\nc</p>").lines == ("a b c",)


def test_html_unrendered_elements_are_not_text(tmp_path):
    markup = (
        "<p>keep</p><script>var s = 'script';</script><style>p { color: red }</style><noscript>noscript</noscript>"
        "<template><p>template</p></template><div hidden>attribute</div><p class='a hidden b'>classtoken</p>"
        "<p>a <span hidden>inner</span>b <script>x</script>c</p>"
    )
    source = read_page(tmp_path, markup)
    assert body(source) == ["keep", "a b c"]
    for word in ("script", "color", "noscript", "template", "attribute", "classtoken", "inner"):
        assert word not in " ".join(source.lines)


def test_html_class_hidden_print_is_text(tmp_path):
    source = read_page(tmp_path, "<div class='hidden-print'><p>printed and shown</p></div><p class='hidden_mob x'>also shown</p>")
    assert body(source) == ["printed and shown", "also shown"]


def test_html_header_holds_what_the_page_says_about_itself(tmp_path):
    markup = """<!DOCTYPE html><html lang="en"><head><title>Page  Title • Site</title>
    <meta property="og:title" content="OG Title"><meta property="og:url" content="http://example.org/1">
    <link rel="canonical" href="http://example.org/canonical"></head>
    <body><p>Published <time itemprop="datePublished" datetime="2018-10-08">October 8</time></p>
    <img src="a.jpg" alt="  An   alt text. "><img src="b.jpg" alt="Another alt."><img src="c.jpg" alt=""><img src="d.jpg"></body></html>"""
    source = read_page(tmp_path, markup)
    header = source.header
    assert header["title"] == "Page Title • Site"
    assert header["og:title"] == "OG Title"
    assert header["og:url"] == "http://example.org/1"
    assert header["itemprop:datePublished"] == "2018-10-08"
    assert header["lang"] == "en"
    assert header["canonical"] == "http://example.org/canonical"
    assert header["image_alts"] == ["An alt text.", "Another alt."]
    assert "Page Title" not in " ".join(source.lines), "the <head> is not text"


def test_html_header_reads_a_meta_itemprop(tmp_path):
    markup = "<html><head><meta itemprop='datePublished' content='2020-01-02'></head><body><p>x</p></body></html>"
    assert read_page(tmp_path, markup).header.get("itemprop:datePublished") == "2020-01-02"


def test_html_hints_name_the_structure_a_line_came_from(tmp_path):
    markup = (
        "<h1>The Headline</h1><p>Lead.</p><figure><img alt='x'><figcaption>A caption.</figcaption></figure>"
        "<p><a rel='tag' href='/t'>Economy</a></p><p><time datetime='2020-01-01'>January 1, 2020</time></p>"
        "<p>Talks on <a rel='tag' href='/t'>Economy</a> went on.</p><h3>Topics</h3>"
    )
    source = read_page(tmp_path, markup)
    lines = {text: no for no, text in enumerate(source.lines, 1) if text}
    assert source.hints[lines["The Headline"]] == "heading:1"
    assert source.hints[lines["A caption."]] == "caption"
    assert source.hints[lines["Economy"]] == "tag"
    assert source.hints[lines["January 1, 2020"]] == "time"
    assert source.hints[lines["Topics"]] == "heading:3"
    assert lines["Talks on Economy went on."] not in source.hints, "a line only partly inside a tag link has no hint"
    assert lines["Lead."] not in source.hints


def test_html_a_figure_blocks_words_are_its_caption_and_a_paragraph_beside_a_picture_is_not(tmp_path):
    # kremlin 51618: a video's title in a <div> beside the <div> of the video, in a block with no paragraph
    markup = (
        "<div class='media__container'><div class='media__video'><video poster='v.jpg'><img src='v.jpg' alt=''></video></div>"
        "<meta itemprop='name' content='x'><div class='video__description'>Opening remarks at the Security Council Meeting</div></div>"
        "<p>Good afternoon, colleagues.</p>"
        # a block with a picture and a paragraph: the paragraph and the block's other text blocks are not captions
        "<div><img src='1.jpg'><p>We met in Helsinki.</p><div>The talks went on.</div></div>"
        # a block with a picture and more words than a caption has: not a figure
        "<div><img src='2.jpg'><div>" + "word " * 70 + "end.</div></div>"
    )
    source = read_page(tmp_path, markup)
    lines = {text: no for no, text in enumerate(source.lines, 1) if text}
    assert source.hints[lines["Opening remarks at the Security Council Meeting"]] == "caption"
    assert lines["Good afternoon, colleagues."] not in source.hints
    assert lines["We met in Helsinki."] not in source.hints
    assert lines["The talks went on."] not in source.hints
    assert lines["word " * 70 + "end."] not in source.hints


def test_html_the_marked_place_links_and_where_the_article_body_begins(tmp_path):
    markup = (
        "<nav><a href='/'>Events</a></nav><h1>Meeting</h1><div class='read__lead'><p>Vladimir Putin met colleagues</p></div>"
        "<div class='read__meta'><time>April 8, 2016</time><div class='read__place p-location'><i></i>The Kremlin, Moscow</div></div>"
        "<div class='e-content' itemprop='articleBody'><p>May 8. Alexander Garden.</p>"
        "<div class='read__cut'><h3>See also</h3><a href='/d/1'>News of State Council</a></div>"
        "<p>Talks on <a href='/t'>the economy</a> went on.</p><p><a rel='tag' href='/t'>Economy</a></p></div>"
    )
    source = read_page(tmp_path, markup)
    lines = {text: no for no, text in enumerate(source.lines, 1) if text}
    assert source.hints[lines["The Kremlin, Moscow"]] == "place"
    assert source.hints[lines["News of State Council"]] == "link"
    assert source.hints[lines["Events"]] == "link"
    assert source.hints[lines["Economy"]] == "tag"
    assert lines["Talks on the economy went on."] not in source.hints, "a line only partly inside a link has no hint"
    assert lines["Vladimir Putin met colleagues"] not in source.hints
    assert source.header["body_line"] == lines["May 8. Alexander Garden."]
    assert "body_line" not in read_page(tmp_path, "<h1>H</h1><p>May 8. Alexander Garden.</p>").header, "a page that marks no body"


def test_html_blank_lines_collapse(tmp_path):
    source = read_page(tmp_path, "<p>a</p>\n\n\n<div><div><p></p><p>  </p></div></div><p>b</p>")
    assert source.lines == ("a", "", "b")


def test_html_reading_the_same_bytes_twice_is_identical(tmp_path):
    markup = "<h1>H</h1><p>a <b>b</b></p><figure><figcaption>c</figcaption></figure><img alt='d'>"
    first, second = read_page(tmp_path, markup), read_page(tmp_path, markup)
    assert (first.lines, first.hints, first.header, first.sha256) == (second.lines, second.hints, second.header, second.sha256)


def test_html_entity_encoded_markup_is_literal_text(tmp_path):
    source = read_page(tmp_path, "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; “x”</p>")
    assert source.lines == ("<script>alert(1)</script> & “x”",)


# .html: formatting does not move line numbers ---------------------------------------

TAG_GAP = re.compile(r">([ \t\r\n]*)<")
TAG_NAME = re.compile(r"^</?([A-Za-z][A-Za-z0-9]*)")


def _gap_is_neutral(markup: str, gap: re.Match) -> bool:
    """Is white space at this gap between two tags invisible whatever it is? Only next to a
    block element's tag (or <br>), where a line ends anyway; between inline tags it is a space."""
    left = TAG_NAME.match(markup[markup.rfind("<", 0, gap.start() + 1) :])
    right = TAG_NAME.match(markup[gap.end() - 1 :])
    return any(m is not None and m.group(1).lower() in BLOCK for m in (left, right))


def reformat(markup: str, spaces: list[str]) -> str:
    """The same page with other white space between its tags: at a neutral gap any run (or
    none), elsewhere a different run of white space where there was some."""
    picks = iter(spaces * (1 + len(markup) // max(len(spaces), 1)))

    def swap(gap: re.Match) -> str:
        new = next(picks)
        if _gap_is_neutral(markup, gap):
            return ">" + new + "<"
        return ">" + ((new or " ") if gap.group(1) else "") + "<"

    return TAG_GAP.sub(swap, markup)


WHITE_SPACE = st.lists(st.sampled_from(["", " ", "\n", "\n\n\n", "\t", "\r\n    ", "  \n\t  "]), min_size=1, max_size=40)


@given(
    blocks=st.lists(
        st.tuples(
            st.sampled_from(["p", "div", "h1", "h2", "li", "figcaption", "blockquote", "section"]),
            st.lists(st.tuples(st.sampled_from(["", "b", "a", "span", "em", "time"]), st.sampled_from(["we", "met", "Mr", "Putin", "today."])),
                     min_size=1, max_size=5),
        ),
        min_size=1, max_size=8,
    ),
    spaces=WHITE_SPACE,
)
@settings(max_examples=300, deadline=None)
def test_html_white_space_between_tags_does_not_change_the_lines(blocks, spaces):
    parts = []
    for tag, runs in blocks:
        inner = " ".join(f"<{t}>{w}</{t}>" if t else w for t, w in runs)
        parts.append(f"<{tag}>{inner}</{tag}><br>")
    markup = "<html><body><div>" + "".join(parts) + "</div></body></html>"
    assert html_lines(reformat(markup, spaces), "p.html") == html_lines(markup, "p.html")


@needs_captures
@given(spaces=WHITE_SPACE)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_html_a_sample_page_reindented_gives_identical_lines(spaces):
    markup = (CAPTURES / "kremlin" / "58748.html").read_text("utf-8")
    lines, hints, _ = html_lines(reformat(markup, spaces), "58748.html")
    assert (lines, hints) == html_lines(markup, "58748.html")[:2]


def test_html_reindenting_with_a_fixed_seed(tmp_path):
    """The same, reproducibly: a page written on one line and pretty-printed."""
    flat = "<html><body><div><h1>Title</h1><p>A <b>bold</b> word.</p><ul><li>one</li><li>two</li></ul></div></body></html>"
    pretty = "<html>\n  <body>\n    <div>\n      <h1>\n        Title\n      </h1>\n      <p>\n        A <b>bold</b>\n        word.\n      </p>\n" \
             "      <ul>\n        <li>one</li>\n        <li>two</li>\n      </ul>\n    </div>\n  </body>\n</html>\n"
    rng = random.Random(5)
    assert read_page(tmp_path, flat, "a.html").lines == read_page(tmp_path, pretty, "b.html").lines == read_page(
        tmp_path, reformat(flat, [rng.choice(["", "\n", "  "]) for _ in range(30)]), "c.html").lines


# .html: nothing is dropped silently -------------------------------------------------

WORDS = st.sampled_from(["alpha", "beta", "gamma", "naïve", "“quoted”", "a&amp;b", "x1"])
INLINE_OR_BLOCK = ["p", "div", "span", "b", "i", "a", "em", "h1", "h3", "li", "figcaption", "time", "blockquote", "section", "td"]


def _tree(depth: int):
    leaf = st.lists(WORDS, min_size=1, max_size=3).map(lambda ws: (" ".join(ws), ws))
    if depth == 0:
        return leaf

    def element(args):
        tag, kids, separator = args
        return f"<{tag}>" + separator.join(k[0] for k in kids) + f"</{tag}>", [w for k in kids for w in k[1]]

    return leaf | st.tuples(st.sampled_from(INLINE_OR_BLOCK), st.lists(_tree(depth - 1), min_size=1, max_size=3),
                            st.sampled_from([" ", "\n", " <br> ", " <img alt='pic'> "])).map(element)


@given(st.lists(_tree(3), min_size=1, max_size=4))
@settings(max_examples=300, deadline=None)
def test_html_every_rendered_word_is_read_in_order(parts):
    markup = "<html><body>" + " ".join(p[0] for p in parts) + "</body></html>"
    words = [w.replace("&amp;", "&") for p in parts for w in p[1]]
    assert " ".join(html_lines(markup, "p.html")[0]).split() == words


def test_html_text_after_a_comment_is_kept(tmp_path):
    assert read_page(tmp_path, "<p>Hello <!-- x --> world</p><p>Next</p>").lines == ("Hello world", "", "Next")


DEPTH = 2000


@pytest.mark.parametrize("tag", ["div", "span"])
def test_html_a_deeply_nested_page_keeps_every_word_or_is_refused(tmp_path, tag):
    markup = ("<html><body><p>before</p>" + "".join(f"<{tag}>w{i} " for i in range(DEPTH)) + "deep"
              + f"</{tag}>" * DEPTH + "<p>after</p></body></html>")
    try:
        source = read_page(tmp_path, markup, "deep.html")
    except InputError as error:
        assert error.file == "deep.html"
        return
    words = " ".join(source.lines).split()
    assert words == ["before", *(f"w{i}" for i in range(DEPTH)), "deep", "after"]


def test_html_nested_as_deep_as_real_pages_keeps_every_word(tmp_path):
    depth = 200
    markup = "<p>before</p>" + "<div>" * depth + "deep" + "</div>" * depth + "<p>after</p>"
    assert body(read_page(tmp_path, markup)) == ["before", "deep", "after"]


@pytest.mark.parametrize(
    "data, message",
    [
        (b"<p>ok</p>\n<p>bin\x00ary</p>", "p.html, line 2: expected a text file; found a NUL byte (is this a binary file?)"),
        ("<p>ok</p>\n\n<p>Caf\u00e9</p>".encode("latin-1"), "p.html, line 3, byte 7: expected UTF-8 text; found the byte 0xe9, which is not UTF-8"),
    ],
)
def test_html_bad_bytes_are_refused_with_the_line(tmp_path, data, message):
    path = tmp_path / "p.html"
    path.write_bytes(data)
    with pytest.raises(InputError) as error:
        read_source(path, "p.html")
    assert str(error.value) == message


# .html: a real page, and the same page as select-all text -------------------------------


def _article(lines: tuple[str, ...] | list[str], h1: str) -> list[str]:
    start = lines.index(h1)
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("Last updated at"))
    return list(lines[start : end + 1])


@needs_captures
def test_html_the_sample_page_58748_reads_in_order(tmp_path):
    source = read_source(CAPTURES / "kremlin" / "58748.html", "58748.html")
    assert source.form == "html"
    h1 = next(no for no, hint in source.hints.items() if hint == "heading:1")
    assert source.lines[h1 - 1] == "Meeting with Sberbank CEO German Gref"
    after = [line for line in source.lines[h1:] if line]
    assert after[0].startswith("Vladimir Putin had a working meeting with Sberbank CEO and Chairman of the Management Board German Gref.")
    assert after[1:4] == ["October 8, 2018", "13:20", "Novo-Ogaryovo, Moscow Region"]
    assert after[4] == "With Sberbank CEO and Chairman of the Management Board German Gref."
    assert after[5] == "President of Russia Vladimir Putin: Let’s talk about the current situation in the bank and the status of its loan portfolio."
    assert after[6].startswith("Sberbank CEO and Chairman of the Management Board German Gref: Mr President, we have achieved")
    assert source.header["og:title"] == "Meeting with Sberbank CEO German Gref"
    assert source.header["og:url"] == "http://en.kremlin.ru/events/president/news/58748"
    assert source.header["itemprop:datePublished"] == "2018-10-08"
    assert "With Sberbank CEO and Chairman of the Management Board German Gref." in source.header["image_alts"]
    text = read_source(CAPTURES / "kremlin" / "58748.txt", "58748.txt")
    for line in after[:8]:
        assert line in text.lines


BUTTON_LABELS = {"Send"}
"""The one known difference: html_lines leaves out <button> text (the share form's 'Send'), which
the select-all .txt keeps."""


@needs_captures
@pytest.mark.parametrize("page_id", KREMLIN_IDS)
def test_html_and_select_all_text_have_the_same_article_lines(page_id):
    html_source = read_source(CAPTURES / "kremlin" / f"{page_id}.html", f"{page_id}.html")
    text_source = read_source(CAPTURES / "kremlin" / f"{page_id}.txt", f"{page_id}.txt")
    h1 = next(no for no, hint in sorted(html_source.hints.items()) if hint == "heading:1")
    title = html_source.lines[h1 - 1]
    from_html = _article(html_source.lines, title)
    from_text = _article(text_source.lines, title)
    # the .txt has the share form's button label and the blank line after it; nothing else may differ
    expected, skip = [], False
    for line in from_text:
        if line in BUTTON_LABELS:
            skip = True
            continue
        if not (skip and line == ""):
            expected.append(line)
        skip = False
    assert from_html == expected
    assert len(from_text) - len(from_html) == 2, "exactly the button line and a blank line differ"


# .md ------------------------------------------------------------------------------

WHITE_HOUSE_HEADER = """\
---
tags: speeches-remarks
date: '2022-03-16'
source_url: https://bidenwhitehouse.archives.gov/briefing-room/speeches-remarks/2022/03/16/x/
title: "Remarks by President\\_Biden"
---

South Court Auditorium

THE PRESIDENT:  Good afternoon.
"""


def markdown(tmp_path, text: str):
    path = tmp_path / "c.md"
    path.write_text(text, "utf-8")
    return read_source(path, "c.md")


def test_md_header_lines_are_front_matter_and_the_body_keeps_its_line_numbers(tmp_path):
    source = markdown(tmp_path, WHITE_HOUSE_HEADER)
    assert source.form == "markdown"
    assert source.hints == {no: "front-matter" for no in range(1, 7)}
    assert source.lines[7] == "South Court Auditorium"  # line 8, as in an editor
    assert source.lines[9] == "THE PRESIDENT:  Good afternoon."


def test_md_header_values_are_text(tmp_path):
    header = markdown(tmp_path, WHITE_HOUSE_HEADER).header
    assert header["date"] == "2022-03-16"
    assert header["tags"] == "speeches-remarks"
    assert header["source_url"].startswith("https://bidenwhitehouse.archives.gov/")
    assert header["title"] == "Remarks by President\u00a0Biden"
    unquoted = markdown(tmp_path, "---\ndate: 2022-03-16\ncount: 5\n---\nText.\n").header
    assert unquoted == {"date": "2022-03-16", "count": "5"}
    assert all(isinstance(v, str) for v in unquoted.values())


def test_md_a_header_that_is_not_valid_yaml_still_marks_its_lines(tmp_path):
    source = markdown(tmp_path, "---\ntitle: [unclosed\nkey: : :\n---\nBody line.\n")
    assert source.hints == {1: "front-matter", 2: "front-matter", 3: "front-matter", 4: "front-matter"}
    assert source.header == {}
    assert source.lines[4] == "Body line."


@pytest.mark.parametrize("text", ["Body.\n\nMore body.\n", "Body.\n---\nx: y\n---\n", "---\ntitle: no closing fence\n\nBody.\n"])
def test_md_without_a_header_is_all_body(tmp_path, text):
    source = markdown(tmp_path, text)
    assert source.hints == {}
    assert source.header == {}
    assert source.lines == tuple(text.rstrip("\n").split("\n"))


def test_md_a_hostile_header_gives_no_values_and_executes_nothing(tmp_path):
    marker = tmp_path / "executed"
    source = markdown(tmp_path, f'---\ntitle: !!python/object/apply:os.system ["touch {marker}"]\ndate: \'2020-01-01\'\n---\nBody.\n')
    assert not marker.exists()
    assert source.header == {}
    assert source.hints == {1: "front-matter", 2: "front-matter", 3: "front-matter", 4: "front-matter"}
    bomb = "---\n" + "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8)) + "---\nBody.\n"
    source = markdown(tmp_path, bomb)
    assert source.header == {}
    assert set(source.hints.values()) == {"front-matter"} and len(source.hints) == 11


def test_md_a_sample_white_house_capture(tmp_path):
    if not CAPTURES.is_dir():
        pytest.skip("the sample captures are not here")
    path = next((CAPTURES / "whitehouse").glob("2022-03-16-*.md"))
    source = read_source(path, path.name)
    assert source.hints == {no: "front-matter" for no in range(1, 10)}
    assert source.header["date"] == "2022-03-16"
    assert "modified_time" not in source.header or isinstance(source.header["modified_time"], str)
    assert source.lines[10] == "South Court Auditorium  "


# other suffixes -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["c.pdf", "c.htm", "c.TXT", "c"])
def test_an_unknown_suffix_is_refused(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4 text")
    with pytest.raises(InputError) as error:
        read_source(path, name)
    assert str(error.value).startswith(f"{name}, file name: expected a capture ending in .txt, .md, .html")
