"""Leave out of a finished page the indentation its templates write, and nothing else.

Material's templates and ours are indented for people who read them, and Jinja keeps that
indentation in every page: a quarter of a short page, 40 MB over the UN debates' 10,952 speech
pages and 70 MB over all their pages, which is what stood between that collection and GitHub
Pages' 1 GB.

``compact(html)`` turns each run of HTML whitespace that holds a line break, in the text between
two tags, into one line break. A browser renders such a run as one space, or as nothing between
blocks, so the page looks and reads the same, and its text (what Pagefind indexes, what a reader
copies) has the same words. Nothing else changes:

- the tags themselves, with their attributes and values, byte for byte: a value's whitespace can
  matter (``title``, ``content``, ``data-*``);
- runs without a line break (a space between two words, two spaces in a source);
- non-breaking and other Unicode spaces, which are text, not HTML whitespace;
- whatever is inside ``<pre>``, ``<textarea>``, ``<script>`` and ``<style>``, where whitespace is
  the content (a JSON island of citation data is a script), and inside ``<code>`` and ``<kbd>``,
  which Material's style sheet sets to ``white-space: pre-wrap``;
- comments.

It assumes what the archive's templates guarantee: no ``>`` unescaped inside an attribute value
(Jinja escapes it, as Python-Markdown does), and no ``white-space: pre``, ``pre-line`` or
``pre-wrap`` on other elements, which would keep a run's line breaks: a test reads the style
sheets for them."""

from __future__ import annotations

import re

RAW = re.compile(r"<(pre|textarea|script|style|code|kbd)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
"""An element whose whitespace is its content, or a comment: kept whole."""

TAG = re.compile(r"<[^>]*>")

BREAK = re.compile(r"[ \t\r\f]*\n[ \t\n\r\f]*")
"""A run of HTML whitespace (space, tab, CR, LF, FF: not U+00A0 or other Unicode spaces) that
holds a line break."""


def compact(html: str) -> str:
    out: list[str] = []
    start = 0
    for raw in RAW.finditer(html):
        out.append(_between_tags(html[start : raw.start()]))
        out.append(raw.group(0))
        start = raw.end()
    out.append(_between_tags(html[start:]))
    return "".join(out)


def _between_tags(html: str) -> str:
    out: list[str] = []
    start = 0
    for tag in TAG.finditer(html):
        out.append(BREAK.sub("\n", html[start : tag.start()]))
        out.append(tag.group(0))
        start = tag.end()
    out.append(BREAK.sub("\n", html[start:]))
    return "".join(out)
