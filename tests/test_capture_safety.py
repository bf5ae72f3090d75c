"""Hostile captures through the whole build: whatever a saved page holds is text, never markup.

A saved page (.html) is built whose paragraphs hold entity-encoded HTML that would run, template
syntax, Markdown and attribute lists, and a label-shaped run of tags; its real <script>, <style>,
<iframe> and <noscript> elements and an <img onerror> must contribute nothing. The project is
built with pipeline.build and the written docs/transcripts/<slug>.md is checked as text and as
Python-Markdown renders it with the extensions mkdocs.yml configures (no browser, no mkdocs)."""

from __future__ import annotations

import os
from html.parser import HTMLParser

import markdown
import pytest
from mkdocs.utils import yaml_load

from conftest import ROOT, SIDECAR as BASE_SIDECAR, copy_project
from diparchive.infra.errors import BuildFailed
from diparchive.pipeline import build, gather

SLUG = "2020-01-02-hostile"

SIDECAR = BASE_SIDECAR.replace("capture: test.txt", "capture: hostile.html")

# What never may reach the text: each marker sits only inside an element or attribute a browser
# does not render as text.
UNRENDERED = ["SCRIPTTEXT", "STYLETEXT", "IFRAMETEXT", "NOSCRIPTTEXT", "ONERRORTEXT", "HEADSCRIPT", "TEMPLATETEXT", "HIDDENTEXT"]

PAGE = """\
<!DOCTYPE html>
<html lang="en"><head><title>Hostile</title><script>alert('HEADSCRIPT')</script><style>p{}</style></head>
<body>
<script>document.write("SCRIPTTEXT")</script>
<style>.x::after { content: "STYLETEXT" }</style>
<iframe src="javascript:alert(1)">IFRAMETEXT</iframe>
<noscript><p>NOSCRIPTTEXT</p></noscript>
<template><p>TEMPLATETEXT</p></template>
<div hidden>HIDDENTEXT</div>
<p>Sergey Lavrov: Good afternoon. &lt;script&gt;alert(1)&lt;/script&gt; is what they typed.</p>
<p>An image &lt;img src=x onerror=alert(1)&gt; is text, and so is this: <img src="x" onerror="alert('ONERRORTEXT')">after it.</p>
<p>Templates {{ jinja }} and {% raw %} and {{ 7*7 }} and {# note #} stay as written.</p>
<p>Markdown **x** and _y_ and [a](javascript:alert(1)) and &lt;div&gt; and `code` stay as written.</p>
<p>{: .evil onclick="alert(2)" } and { #id } and &amp;amp; and &lt;!-- comment --&gt; stay as written.</p>
<p>&lt;b&gt;Evil&lt;/b&gt;: I speak, though the label is tags.</p>
<p>Question: &lt;iframe src=javascript:alert(3)&gt;&lt;/iframe&gt; what next?</p>
<p>Sergey Lavrov: # Not a heading, 1. not a list, &gt; not a quote.</p>
</body></html>
"""

# The paragraphs as a reader must see them, in order.
SHOWN = [
    "Good afternoon. <script>alert(1)</script> is what they typed.",
    "An image <img src=x onerror=alert(1)> is text, and so is this: after it.",
    "Templates {{ jinja }} and {% raw %} and {{ 7*7 }} and {# note #} stay as written.",
    "Markdown **x** and _y_ and [a](javascript:alert(1)) and <div> and `code` stay as written.",
    '{: .evil onclick="alert(2)" } and { #id } and &amp; and <!-- comment --> stay as written.',
    "<b>Evil</b>: I speak, though the label is tags.",
    "<iframe src=javascript:alert(3)></iframe> what next?",
    "# Not a heading, 1. not a list, > not a quote.",
]


def markdown_config():
    """The Markdown extensions exactly as mkdocs.yml configures them."""
    config = yaml_load((ROOT / "mkdocs.yml").read_text())
    extensions, configs = [], {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            ((name, options),) = item.items()
            extensions.append(name)
            configs[name] = options or {}
        else:
            extensions.append(item)
    return extensions, configs


class Rendered(HTMLParser):
    """The elements, attributes and text of rendered HTML, entities decoded."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.paragraphs: list[str] = []
        self._text: list[str] | None = None
        self.comments: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "p":
            self._text = []

    def handle_endtag(self, tag):
        if tag == "p" and self._text is not None:
            self.paragraphs.append("".join(self._text))
            self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)

    def handle_comment(self, data):
        self.comments.append(data)


def rendered(md_text: str) -> Rendered:
    body = md_text.split("\n---\n", 1)[1]  # after the front matter
    extensions, configs = markdown_config()
    parsed = Rendered()
    parsed.feed(markdown.markdown(body, extensions=extensions, extension_configs=configs))
    parsed.close()
    return parsed


@pytest.fixture
def proj(tmp_path):
    return copy_project(tmp_path / "p", slugs=[])


@pytest.fixture
def built(proj):
    (proj.transcripts / f"{SLUG}.html").write_text(PAGE, "utf-8")
    (proj.transcripts / f"{SLUG}.yml").write_text(SIDECAR, "utf-8")
    build(proj)
    page = (proj.docs / "transcripts" / f"{SLUG}.md").read_text("utf-8")
    (t,), _ = gather(proj)
    return proj, t, page


def test_unrendered_elements_and_attributes_contribute_no_text(built):
    _, t, page = built
    everything = "\n".join(t.source.lines) + "\n".join(b.text for b in t.blocks) + "\n".join(r.text for r in t.removals)
    for marker in UNRENDERED:
        assert marker not in everything, marker
        assert marker not in page, marker
    assert "onerror=\"alert('" not in page and "document.write" not in page and "javascript:alert(1)\">" not in page


def test_entity_encoded_markup_is_read_as_the_text_it_shows(built):
    _, t, _ = built
    assert [b.text for b in t.paragraphs] == SHOWN
    # the tag-shaped 'label' is no label: its paragraph stays Mr Lavrov's, as the text before it
    turns = {turn.index: turn for turn in t.turns}
    assert [(turns[b.turn].person, turns[b.turn].is_question) for b in t.paragraphs] == [("sergey-lavrov", False)] * 6 + [
        (None, True), ("sergey-lavrov", False),
    ]


def test_the_written_markdown_holds_no_raw_markup(built):
    _, _, page = built
    body = page.split("\n---\n", 1)[1]
    for raw in ("<script", "<img", "<iframe", "<div", "<b>", "<!--", " [a](javascript:", "**x**", "{{ jinja }}", "{% raw %}"):
        assert raw not in body, raw
    for escaped in ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;", "\\*\\*x\\*\\*",
                    "\\[a\\](javascript:alert(1))", "&lt;div&gt;", "&lt;b&gt;Evil&lt;/b&gt;:", "\\{\\{ jinja \\}\\}",
                    "\\{% raw %\\}", "\\# Not a heading", "&amp;amp;"):
        assert escaped in body, escaped


def test_the_written_markdown_renders_every_paragraph_as_itself(built):
    _, t, page = built
    parsed = rendered(page)
    # each paragraph renders as '<number> <its text>' (its narration or quoting marks aside: none here)
    texts = [text for text in parsed.paragraphs if text.split(" ", 1)[0].isdigit()]
    assert texts == [f"{n} {text}" for n, text in enumerate(SHOWN, 1)]
    assert parsed.comments == []
    for tag, attributes in parsed.tags:
        assert tag in {"p", "a", "strong", "em", "h2", "hr"}, (tag, attributes)
        assert not any(name.startswith("on") for name in attributes), (tag, attributes)
        assert not any("javascript:" in (value or "") for value in attributes.values()), (tag, attributes)
    first = t.paragraphs[0].line  # the page's lines, blank runs collapsed: its text's first line
    assert ("a", {"href": f"#L{first}", "class": "para-number", "title": f"Paragraph 1, source line {first}: link to it"}) in parsed.tags


def test_a_hostile_text_capture_renders_as_itself(proj):
    lines = ["Sergey Lavrov: <script>alert(1)</script> and <img src=x onerror=alert(2)> typed as text.", "",
             "{{ jinja }} {% raw %} **x** [a](javascript:alert(3)) <div> {: onclick=\"x\" }", ""]
    (proj.transcripts / f"{SLUG}.txt").write_text("\n".join(lines), "utf-8")
    (proj.transcripts / f"{SLUG}.yml").write_text(SIDECAR.replace("hostile.html", "hostile.txt"), "utf-8")
    build(proj)
    page = (proj.docs / "transcripts" / f"{SLUG}.md").read_text("utf-8")
    body = page.split("\n---\n", 1)[1]
    assert "<script" not in body and "<img" not in body and "<div" not in body
    texts = [text for text in rendered(page).paragraphs if text.split(" ", 1)[0].isdigit()]
    assert texts == ["1 <script>alert(1)</script> and <img src=x onerror=alert(2)> typed as text.",
                     "2 {{ jinja }} {% raw %} **x** [a](javascript:alert(3)) <div> {: onclick=\"x\" }"]


def test_a_linked_capture_leading_outside_transcripts_is_refused(proj, tmp_path):
    outside = tmp_path / "secret.html"
    outside.write_text("<html><body><p>Sergey Lavrov: a secret from outside.</p></body></html>", "utf-8")
    link = proj.transcripts / f"{SLUG}.html"
    os.symlink(outside, link)
    (proj.transcripts / f"{SLUG}.yml").write_text(SIDECAR, "utf-8")
    with pytest.raises(BuildFailed) as failed:
        build(proj)
    (error,) = failed.value.errors
    assert error.file == f"transcripts/{SLUG}.html"
    assert "a link may point only to a file there" in error.expected and repr(str(outside)) in error.found
    assert not (proj.docs / "transcripts" / f"{SLUG}.md").exists()
    # a relative link that climbs out is refused the same way
    link.unlink()
    os.symlink(os.path.relpath(outside, link.parent), link)
    with pytest.raises(BuildFailed) as failed:
        build(proj)
    assert [e.file for e in failed.value.errors] == [f"transcripts/{SLUG}.html"]
    assert not (proj.docs / "transcripts" / f"{SLUG}.md").exists()


def test_a_linked_capture_inside_transcripts_is_read(proj):
    real = proj.transcripts / "captures" / "hostile-original.page"
    real.parent.mkdir()
    real.write_text(PAGE, "utf-8")
    os.symlink(os.path.relpath(real, proj.transcripts), proj.transcripts / f"{SLUG}.html")
    (proj.transcripts / f"{SLUG}.yml").write_text(SIDECAR, "utf-8")
    build(proj)
    page = (proj.docs / "transcripts" / f"{SLUG}.md").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "SCRIPTTEXT" not in page


CONTROL = [chr(c) for c in (*range(0x01, 0x09), 0x0E, 0x1B, 0x7F)]


@pytest.mark.parametrize("form", ["raw", "entity"])
def test_control_characters_in_a_saved_page_are_refused_naming_the_line(proj, form):
    bell = "\x07" if form == "raw" else "&#7;"
    escape = "\x1b" if form == "raw" else "&#x1b;"
    (proj.transcripts / f"{SLUG}.html").write_text(
        f"<html><body><p>Sergey Lavrov: a bell{bell} and an escape{escape}[31m in a paragraph.</p></body></html>", "utf-8")
    (proj.transcripts / f"{SLUG}.yml").write_text(SIDECAR, "utf-8")
    with pytest.raises(BuildFailed) as failed:
        build(proj)
    assert f"transcripts/{SLUG}.html, line 1 of the page's text: expected printable text; found the control character U+0007" in str(failed.value)
    assert not (proj.docs / "transcripts" / f"{SLUG}.md").exists()


def test_control_characters_in_a_text_capture_are_refused(proj):
    (proj.transcripts / f"{SLUG}.txt").write_text("Sergey Lavrov: a bell\x07 in a paragraph.\n", "utf-8")
    (proj.transcripts / f"{SLUG}.yml").write_text(SIDECAR.replace("hostile.html", "hostile.txt"), "utf-8")
    with pytest.raises(BuildFailed) as failed:
        build(proj)
    assert f"transcripts/{SLUG}.txt, line 1: expected printable text; found the control character U+0007" in str(failed.value)
