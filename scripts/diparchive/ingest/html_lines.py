"""A saved web page as numbered lines: the one deterministic HTML-to-lines step.

lxml (libxml2's HTML parser) reads the page as a browser would forgive it; the walk below emits
the ``<body>``'s text in document order. Block elements and ``<br>`` end a line; runs of white
space inside text (the source's own new lines included) are one space, as a browser renders them;
what a browser does not render is left out: ``<script>``, ``<style>``, ``<noscript>``,
``<template>``, ``<svg>``, media, form controls, and any element with the ``hidden`` attribute or
class token. Blank lines between blocks are collapsed to one, so line numbers depend only on the
page's text and structure, never on its source formatting.

Each line may carry one *hint*, the structure all of its text came from: ``heading:N`` (inside
``<hN>``), ``caption`` (inside ``<figcaption>``, or whose nearest block also holds a picture:
``<div><figure><img></figure><span>caption</span></div>``, or inside a *figure block*: a block that
holds a picture or a video and no block of text, its few words all the picture's:
``<div><div><video></video></div><div>Opening remarks</div></div>``), ``tag`` (a link with
``rel="tag"``), ``link`` (inside any other ``<a href>``: a box of links to other pages is made of such lines),
``time`` (inside ``<time>``), ``quote`` (inside ``<blockquote>``), ``place`` (what the page marks
as the place of its item: microformats' ``p-location``, schema.org's ``itemprop="location"``).
A line none of these structures holds may carry what its type says (``EMPHASIS``): ``italic``
(all of its words in ``<i>`` or ``<em>``: ``<p>(<i>The Minister went on …</i>)</p>``), ``bold``
(all of them in ``<b>`` or ``<strong>``: ``<p><b>Article 1</b></p>``), or ``label`` (it opens with
a run in bold that ends with the line's first colon, inside the run or right after it:
``<p><b>Host of the … award ceremony Dmitry Guberniyev:</b> Thank you.</p>``).

The header holds what the page states about itself: its ``<title>``, ``<html lang>``, ``<meta>``
values by name or property (``og:title``, ``og:url``, ``description``), ``itemprop`` values
(``datePublished``), the canonical address, its images' alternative texts, and ``body_line``: the
line its article's body begins on, where the page marks one (schema.org's
``itemprop="articleBody"``, microformats' ``e-content``).
"""

from __future__ import annotations

import re

from lxml import etree, html

from diparchive.infra.errors import InputError
from diparchive.text import CONTROL_CHARACTER, more_words_than

BLOCK = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 "
    "h5 h6 header hr li main nav ol p pre section table tr ul td th caption tbody thead tfoot details "
    "summary".split()
)
UNRENDERED = frozenset("script style noscript template svg video audio head iframe object select textarea button input".split())
HINTS = {"h1": "heading:1", "h2": "heading:2", "h3": "heading:3", "h4": "heading:4", "h5": "heading:5", "h6": "heading:6",
         "figcaption": "caption", "time": "time", "blockquote": "quote"}
EMPHASIS = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic"}
"""Inline elements whose type sets words apart; a line all in one of them is hinted so."""
SPACE = re.compile(r"[ \t\n\r\f\v]+")
LINE_SPACE = re.compile(r"[ \t\u00a0]+")
MAX_BYTES = 20_000_000
"""A saved page larger than this is refused: no transcript page comes near it."""


def _hidden(element) -> bool:
    return element.get("hidden") is not None or "hidden" in (element.get("class") or "").split()


def _marked(element, classes: frozenset, itemprops: frozenset) -> bool:
    """Does the element carry one of these class tokens (microformats) or itemprop values (schema.org)?"""
    return bool(classes.intersection((element.get("class") or "").split())
                or itemprops.intersection((element.get("itemprop") or "").split()))


PLACE = (frozenset({"p-location"}), frozenset({"location", "contentLocation"}))
"""How a page marks the place of its item: microformats2 (h-entry, h-event) and schema.org."""
ARTICLE_BODY = (frozenset({"e-content"}), frozenset({"articleBody"}))
"""How a page marks its article's body: microformats2 and schema.org."""


TEXT_BLOCKS = frozenset("p li dd dt td th blockquote pre h1 h2 h3 h4 h5 h6 address".split())
"""Blocks whose own text is text even beside a picture (an icon inside a paragraph)."""


def _pictured(element, tag: str) -> bool:
    """Does this block hold a picture of its own (an <img>, <figure>, <picture> or <video>, whose
    poster frame is shown, not inside a link's hidden tooltip)? Then the text around it is the
    picture's caption."""
    if tag in TEXT_BLOCKS:
        return False
    for picture in element.iter("img", "figure", "picture", "video"):
        node = picture
        while node is not None and node is not element:
            if _hidden(node) or node.tag == "a":
                break
            node = node.getparent()
        else:
            return True
    return False


FIGURE_WORDS = 60
"""A figure block's words at most: a caption's, never an article's."""


def _figure(element) -> bool:
    """A block that holds a picture (``_pictured``) and no block of text (no <p>, <li>, heading …)
    and few words: all of its text, whatever blocks it sits in, is the picture's caption (a
    video's title in a <div> beside the <div> of the video)."""
    if any(isinstance(e.tag, str) and e.tag.lower() in TEXT_BLOCKS for e in element.iterdescendants()):
        return False
    return not more_words_than(element.text_content(), FIGURE_WORDS)


def html_lines(text: str, shown: str) -> tuple[list[str], dict[int, str], dict]:
    """The page's lines, their hints (line number -> hint) and its header."""
    if len(text) > MAX_BYTES:
        raise InputError(shown, "", f"a saved web page under {MAX_BYTES // 1_000_000} MB", f"{len(text):,} characters")
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses an XML declaration in a str
    parser = html.HTMLParser(huge_tree=True)
    try:
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(shown, "", "an HTML page", f"nothing lxml can parse ({exc})") from None
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT":  # libxml2 stops reading there: words would be lost
            raise InputError(shown, f"line {error.line} of the page's source", "a page nested less deeply (its words would be lost)", error.message.split(",")[0])
    header = _header(root)
    body = root.find("body")
    pieces: list[tuple[str, str | None, frozenset]] = []  # text runs and "\n" breaks, each with its hint and type
    context: list[str | None] = [None]
    styles: list[frozenset] = [frozenset()]  # 'bold', 'italic': the type of the text at this depth

    def put(value: str | None) -> None:
        if value:
            pieces.append((SPACE.sub(" ", value), context[-1], styles[-1]))

    # Depth first, in document order, with a stack of its own (no recursion, whatever the depth);
    # comments and processing instructions add nothing but the text after them.
    stack: list[tuple[object, bool]] = [(body, False)] if body is not None else []
    while stack:
        element, closing = stack.pop()
        if closing:
            context.pop()
            styles.pop()
            if element.tag.lower() in BLOCK:
                pieces.append(("\n", None, NO_STYLE))
            if element is not body:
                put(element.tail)
            continue
        tag = element.tag.lower() if isinstance(element.tag, str) else None
        if tag is None or tag in UNRENDERED or _hidden(element):
            put(element.tail)
            continue
        if tag == "br":
            pieces.append(("\n", None, NO_STYLE))
            put(element.tail)
            continue
        hint = HINTS.get(tag) or ("tag" if tag == "a" and "tag" in (element.get("rel") or "").lower().split() else None)
        if hint is None and _marked(element, *PLACE):
            hint = "place"
        if hint is None and tag == "a" and element.get("href") is not None and context[-1] is None:
            hint = "link"
        if tag in BLOCK and hint is None and element is not body:
            # the nearest block around a text that also holds a picture: that text is its caption;
            # in a figure block (a picture and a few words, no paragraph), all of its text is
            if context[-1] == FIGURE:
                hint = FIGURE
            elif _pictured(element, tag):
                hint = FIGURE if _figure(element) else "caption"
            else:
                hint = None if context[-1] == "caption" else context[-1]
            context.append(hint)
        else:
            context.append(hint or context[-1])
        styles.append(styles[-1] | {EMPHASIS[tag]} if tag in EMPHASIS else styles[-1])
        if tag in BLOCK:
            pieces.append(("\n", None, NO_STYLE))
        if element is not body and _marked(element, *ARTICLE_BODY):
            pieces.append((BODY, None, NO_STYLE))  # the article's body begins with the next line
        put(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    lines, hints, body_line = _lines(pieces)
    if body_line:
        header["body_line"] = body_line
    for number, line in enumerate(lines, 1):
        bad = CONTROL_CHARACTER.search(line)
        if bad is not None:
            raise InputError(shown, f"line {number} of the page's text", "printable text", f"the control character U+{ord(bad.group()):04X}")
    return lines, hints, header


BODY = "\x00body"
"""A mark among the text runs: the article's body begins here."""
NO_STYLE: frozenset = frozenset()
WORD = re.compile(r"\w")
FIGURE = "figure"
"""The walk's own hint inside a figure block; its lines are hinted 'caption'."""


def _emphasis(runs: list[tuple[str, frozenset]]) -> str | None:
    """What the type of a line's runs says of it (``EMPHASIS``): 'label' when it opens with a bold
    run that ends with the line's first colon (the colon inside the run or just after it), else
    'italic' or 'bold' when every run that holds a word is so (brackets and stops around them do
    not count), else None."""
    label = ""
    for text, style in runs:
        if "bold" in style or not text.strip():
            label += text  # the run, and white space before it or between its parts
            continue
        if text.lstrip().startswith(":") and not label.rstrip().endswith(":"):
            label += ":"  # '<b>Vladimir Putin</b>: Good afternoon'
        break
    label = label.strip()
    if label.endswith(":") and label.count(":") == 1 and WORD.search(label):
        return "label"
    worded = [style for text, style in runs if WORD.search(text)]
    for style in ("italic", "bold"):
        if worded and all(style in s for s in worded):
            return style
    return None


def _lines(pieces: list[tuple[str, str | None, frozenset]]) -> tuple[list[str], dict[int, str], int | None]:
    """The lines, their hints, and the number of the first line of the article's body (if marked)."""
    lines: list[str] = []
    hints: dict[int, str] = {}
    current: list[str] = []
    current_hints: set = set()
    runs: list[tuple[str, frozenset]] = []
    blank = False
    body_line: int | None = None
    body_pending = False

    def end_line() -> None:
        nonlocal blank, body_line, body_pending
        line = LINE_SPACE.sub(" ", "".join(current)).strip()
        if not line:
            blank = True
        else:
            if blank and lines:
                lines.append("")
            lines.append(line)
            blank = False
            if len(current_hints) == 1 and None not in current_hints:
                hint = next(iter(current_hints))
                hints[len(lines)] = "caption" if hint == FIGURE else hint
            elif (emphasis := _emphasis(runs)) is not None:
                hints[len(lines)] = emphasis
            if body_pending:
                body_line, body_pending = len(lines), False
        current.clear()
        current_hints.clear()
        runs.clear()

    for value, hint, style in pieces:
        if value == BODY:
            body_pending = body_pending or body_line is None  # the first article body marked counts
            continue
        if value == "\n":
            end_line()
            continue
        current.append(value)
        runs.append((value, style))
        if value.strip():
            current_hints.add(hint)
    end_line()
    return lines, hints, body_line


def _header(root) -> dict:
    """What the page says about itself: text values only, first occurrence of each name."""
    header: dict = {}

    def put(key: str, value: str | None) -> None:
        if key and value and key not in header:
            value = " ".join(value.split())
            if value:
                header[key] = value

    title = root.find(".//title")
    if title is not None:
        put("title", title.text_content())
    put("lang", root.get("lang"))
    for meta in root.iter("meta"):
        put((meta.get("property") or meta.get("name") or "").strip(), meta.get("content"))
    for element in root.iter():
        if isinstance(element.tag, str) and element.get("itemprop"):
            prop = element.get("itemprop").strip()
            put(f"itemprop:{prop}", element.get("datetime") or element.get("content") or element.text_content())
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            put("canonical", link.get("href"))
    alts = sorted({" ".join(img.get("alt").split()) for img in root.iter("img") if img.get("alt") and img.get("alt").strip()})
    if alts:
        header["image_alts"] = alts
    return header
