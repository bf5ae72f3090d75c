"""compact.py leaves out the templates' indentation and nothing a reader, a search index or a
script could tell apart: the same elements, attributes, raw contents and words."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import lxml.html
from hypothesis import given, settings
from hypothesis import strategies as st

from diparchive.site.compact import RAW, compact
from diparchive.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
KEPT_WHOLE = {"pre", "textarea", "script", "style", "code", "kbd"}


def test_indentation_between_tags_and_around_text_becomes_one_line_break():
    page = '<ul>\n    <li>\n      <a href="x">\n        One\n      </a>\n    </li>\n  </ul>\n'
    assert compact(page) == '<ul>\n<li>\n<a href="x">\nOne\n</a>\n</li>\n</ul>\n'


def test_what_is_not_indentation_is_kept_byte_for_byte():
    page = (
        '<p title="a\n   b" data-x=" \n ">two  spaces,\xa0\n  non-breaking\xa0 kept</p>\n'
        "<pre>\n   code\n\n   block\n</pre>\n  <textarea>\n  typed\n</textarea>\n"
        '<script type="application/json">{"a":\n    1}</script>\n  <style>\n  p { }\n</style>\n'
        "<code>inline\n   code</code>\n  <kbd>\n Ctrl\n</kbd>\n  <!-- a\n    comment -->\n"
        "<PRE class=x>\n upper\n</PRE>\n"
    )
    out = compact(page)
    for kept in (
        'title="a\n   b"', 'data-x=" \n "', "two  spaces,\xa0\nnon-breaking\xa0 kept",
        "<pre>\n   code\n\n   block\n</pre>", "<textarea>\n  typed\n</textarea>", '{"a":\n    1}</script>',
        "<style>\n  p { }\n</style>", "<code>inline\n   code</code>", "<kbd>\n Ctrl\n</kbd>",
        "<!-- a\n    comment -->", "<PRE class=x>\n upper\n</PRE>",
    ):
        assert kept in out, kept
    text_between_tags = re.sub(r"<[^>]*>", "<>", RAW.sub("<>", out))
    assert "\n " not in text_between_tags and " \n" not in text_between_tags  # and no indentation is left


def test_a_run_without_a_line_break_is_not_touched():
    assert compact("<p>a   b\t c</p>   <p>d</p>") == "<p>a   b\t c</p>   <p>d</p>"


# --------------------------------------------------------------------------- property

SPACE = st.sampled_from([" ", "\n", "\t", "\r\n", "  \n    ", "\xa0", "\u2009", "\n\n"])
WORD = st.sampled_from(["one", "two", "&amp;", "&lt;b&gt;", "é", "x"])
TEXT = st.lists(st.one_of(SPACE, WORD), max_size=6).map("".join)
VALUE = st.lists(st.one_of(SPACE, WORD, st.just("&gt;")), max_size=4).map("".join)


@st.composite
def elements(draw, depth=0):
    tag = draw(st.sampled_from(["p", "span", "div", "li", "a", *sorted(KEPT_WHOLE - {"script", "style"})]))
    attributes = "".join(f' {name}="{draw(VALUE)}"' for name in draw(st.lists(st.sampled_from(["title", "data-x", "class"]), unique=True, max_size=2)))
    inner = draw(TEXT)
    if tag not in KEPT_WHOLE and depth < 3:
        inner += "".join(draw(elements(depth + 1)) + draw(TEXT) for _ in range(draw(st.integers(0, 3))))
    return f"{draw(TEXT)}<{tag}{attributes}>{inner}</{tag}>"


PAGES = st.builds(lambda parts, tail, script: "<div>" + "".join(parts) + script + tail + "</div>",
                  st.lists(elements(), max_size=4), TEXT,
                  st.sampled_from(["", '<script type="application/json">{"a": "\n  b"}\n  </script>', "<style>\n a { }\n</style>"]))


def _tree(html: str) -> list:
    """Every element in document order: its tag, attributes, and (for one whose whitespace is
    content) its text whole, else its text and tail with HTML whitespace runs as one space, so
    that an empty run and a run of spaces stay apart."""
    root = lxml.html.fragment_fromstring(html, create_parent="body")
    shape = []
    for element in root.iter():
        raw = element.tag in KEPT_WHOLE
        shape.append((
            element.tag, dict(element.attrib),
            element.text_content() if raw else HTML_SPACE.sub(" ", element.text or ""),
            HTML_SPACE.sub(" ", element.tail or ""),
        ))
    return shape


@settings(max_examples=300, deadline=None)
@given(PAGES)
def test_compacting_keeps_every_element_attribute_raw_content_and_word(page):
    out = compact(page)
    assert _tree(out) == _tree(page)
    assert compact(out) == out
    assert len(out) <= len(page)


# --------------------------------------------------------------------------- the site

def _white_space_rules(css: str) -> list[str]:
    """The selectors of every rule that keeps line breaks (white-space: pre, pre-wrap, pre-line,
    break-spaces) in a style sheet."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [selector.strip() for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)
            if re.search(r"white-space\s*:\s*(pre|break-spaces)", body)]


def test_no_style_sheet_keeps_line_breaks_but_for_the_elements_compact_keeps_whole():
    import material

    sheets = sorted((ROOT / "scripts" / "diparchive" / "site" / "theme" / "assets").glob("*.css"))
    sheets += sorted((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("*.css"))
    assert len(sheets) >= 3
    found = {selector for sheet in sheets for selector in _white_space_rules(sheet.read_text("utf-8"))}
    assert found, "the rules were not read: Material's sheet sets white-space: pre-wrap on code"
    # .md-search__suggest is Material's search box suggestion, filled by its search, which the
    # archive does not use; every other selector must end in an element compact() keeps whole.
    for selector in found:
        for one in selector.split(","):
            last = re.split(r"[\s>+~]+", one.strip())[-1]
            assert last in KEPT_WHOLE or one.strip() == ".md-search__suggest", selector


def test_every_page_of_a_built_site_is_compacted_and_keeps_its_words(small_project):
    (small_project.transcripts / "2020-01-02-test.txt").write_text(
        "Good afternoon.\n\nSergey Lavrov: We will  see.\xa0Indeed.\n\nQuestion: <b>What</b>\n\n   next?\n", "utf-8"
    )
    build(small_project)
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=small_project.root, capture_output=True, text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "DIPARCHIVE_SEARCH_INDEX": "false"},
    )
    assert run.returncode == 0, run.stderr
    pages = sorted((small_project.root / "site").rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text("utf-8")
        assert compact(html) == html, page
        text_between_tags = re.sub(r"<[^>]*>", "<>", RAW.sub("<>", html))
        assert not re.search(r"\n[ \t]|[ \t]\n", text_between_tags), page
    # every paragraph reads on the page exactly as the open data has it (one paragraph view feeds both)
    body = lxml.html.parse(str(small_project.root / "site" / "transcripts" / "2020-01-02-test" / "index.html"))
    shown = []
    for paragraph in body.iter("p"):
        if "para" in paragraph.get("class", "").split():
            for label in paragraph.xpath("a[@class='para-number'] | em[@class='para-narration']"):
                label.drop_tree()  # the paragraph's number and the mark of a publisher's words
            shown.append(paragraph.text_content().strip())
    corpus = (small_project.root / "site" / "data" / "corpus.jsonl").read_text("utf-8").splitlines()
    assert shown == [json.loads(line)["text"] for line in corpus]
    assert shown[-2:] == ["<b>What</b>", "next?"]
