"""Paragraphs as the source has them: decide a capture's shape, then cut it into paragraph units.

Two shapes occur. Web captures put one paragraph on a line (select-all text, a saved page's
blocks). Hard-wrapped captures (Markdown scraped from a site, text extracted from a PDF) break a
paragraph over several lines and separate paragraphs with a blank line. The decision is taken
from the capture's own lines, never from its publisher: when at least a quarter of its blocks of
adjacent lines (and three or more) have several lines, it is hard-wrapped. The decision and its
figures are recorded for the build report.

In a hard-wrapped capture a block's lines are joined with one space, except where a Markdown
capture ends a line with a hard break (two spaces or a backslash: an address block, a place
line), which ends a unit there. A block that stops mid-sentence (no closing punctuation) and is
followed by one that opens in lower case is one paragraph cut by a page break: the two are joined,
and the join is recorded. A Markdown capture's backslash escapes (``\\[``) are read as the
characters they escape.

Each unit keeps the source line it starts on (its anchor) and the one it ends on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diparchive.model import Line, SourceText
from diparchive.ingest.labels import split_label

SPACES = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]")
MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
HARD_BREAK = re.compile(r"(?:[ \u00a0]{2,}|\\)$")
OPEN_SENTENCE = re.compile(r"[\w,;\-–—(]$")
OPEN_END = re.compile(r"[a-z;–—]$")
"""A block that ends on a lower-case word, a semicolon or a dash stops mid-sentence."""
ENDS_SENTENCE = re.compile(r"[.!?…:][\"'”’»)\]]*$")
OPEN_WORD = re.compile(r"\s(?:and|or|of|the|a|an|to|in|on|at|for|with|from|by|but|that|as)$")
"""A line that ends on one of these words, with no punctuation, goes on in the next line."""
HYPHENATED = re.compile(r"\w-$")
INLINE_HTML = re.compile(r"</?(?:s|del|strike|em|strong|b|i|u|span|sup|sub|ins|mark)\b[^<>]{0,200}>", re.IGNORECASE)
"""Inline markup a Markdown capture carries over from its page; the words inside stay."""
CONTINUES = re.compile(r"^[a-z]")

WRAPPED_SHARE = 0.25
"""A capture is hard-wrapped when at least this share of its blocks have more than one line…"""
WRAPPED_MIN = 3
"""…and at least this many do."""


def normalise(line: str) -> str:
    """One line's typography: every run of white space becomes one space, invisible characters go."""
    return SPACES.sub(" ", INVISIBLE.sub("", line)).strip()


@dataclass(frozen=True)
class Layout:
    """A capture cut into units: what the cleaner classifies and the segmenter makes paragraphs of."""

    units: tuple[Line, ...]
    shape: str  # "lines" | "blocks"
    reason: str
    joins: tuple[int, ...] = ()  # first lines of units continued across a page break
    hints: dict | None = None  # unit's first line -> hint of the capture's structure


def _blocks(source: SourceText) -> list[list[int]]:
    blocks: list[list[int]] = []
    current: list[int] = []
    for no, text in enumerate(source.lines, 1):
        if source.hints.get(no) == "front-matter" or not normalise(text):
            if current:
                blocks.append(current)
            current = []
            if source.hints.get(no) == "front-matter" and normalise(text):
                blocks.append([no])  # each header line stands alone
            continue
        current.append(no)
    if current:
        blocks.append(current)
    return blocks


def layout(source: SourceText) -> Layout:
    blocks = _blocks(source)
    body = [b for b in blocks if source.hints.get(b[0]) != "front-matter"]
    wrapped = sum(1 for b in body if len(b) > 1)
    hard_wrapped = wrapped >= WRAPPED_MIN and wrapped >= WRAPPED_SHARE * len(body)
    figures = f"{wrapped} of {len(body)} blocks of adjacent lines have several lines"
    markdown = source.form == "markdown"

    def text(no: int) -> str:
        line = source.lines[no - 1]
        if markdown and source.hints.get(no) != "front-matter":
            line = line.rstrip("\\") if line.rstrip(" \u00a0").endswith("\\") else line
            line = MARKDOWN_ESCAPE.sub(r"\1", INLINE_HTML.sub("", line))
        return normalise(line)

    def join(texts: list[str]) -> str:
        """A paragraph's lines as one: a space between them, none after a word's hyphen."""
        out = ""
        for t in texts:
            if not t:
                continue
            out = out + t if HYPHENATED.search(out) and t[:1].islower() else (out + " " + t if out else t)
        return out

    if not hard_wrapped:
        units: list[Line] = []
        joins: list[int] = []
        for b in blocks:
            for no in b:
                previous = units[-1] if units else None
                if previous is not None and previous.end == no - 1 and OPEN_WORD.search(previous.text) and source.hints.get(no) is None:
                    units[-1] = Line(previous.no, join([previous.text, text(no)]), no)
                    joins.append(previous.no)
                    continue
                units.append(Line(no, text(no), no))
        reason = f"one paragraph per line: {figures}"
        if joins:
            reason += f"; {len(joins)} lines ending mid-sentence continued on the next"
        units_t = tuple(units)
        return Layout(units_t, "lines", reason, tuple(joins), _hints(source, units_t))

    pieces: list[tuple[list[int], bool]] = []  # (lines, begins after a blank line)
    for block in blocks:
        current: list[int] = []
        after_blank = True
        for no in block:
            current.append(no)
            if no != block[-1] and _label(text(no + 1), capitals=True):
                pieces.append((current, after_blank))  # a printed label opens a turn, even without a blank line
                current, after_blank = [], False
                continue
            if markdown and HARD_BREAK.search(source.lines[no - 1]) and no != block[-1]:
                so_far = join([text(n) for n in current])
                if ENDS_SENTENCE.search(so_far) or split_label(text(no + 1)) is not None:
                    pieces.append((current, after_blank))
                    current, after_blank = [], False
        if current:
            pieces.append((current, after_blank))
    units: list[Line] = []
    joins: list[int] = []
    for lines, after_blank in pieces:
        joined = join([text(no) for no in lines])
        front = source.hints.get(lines[0]) == "front-matter"
        previous = units[-1] if units else None
        if (
            # a page break of a printed record, read as a blank line; a Markdown capture's blank lines are its own paragraphs
            previous is not None and after_blank and not front and not markdown and source.hints.get(previous.no) != "front-matter"
            and (OPEN_END.search(previous.text) and more_words(previous.text) and not _label(joined)
                 or OPEN_SENTENCE.search(previous.text) and CONTINUES.match(joined))
        ):
            units[-1] = Line(previous.no, join([previous.text, joined]), lines[-1])
            joins.append(previous.no)
            continue
        units.append(Line(lines[0], joined, lines[-1]))
    reason = f"hard-wrapped, paragraphs are blocks separated by blank lines: {figures}"
    if joins:
        reason += f"; {len(joins)} paragraphs continued across a page break"
    units_t = tuple(units)
    return Layout(units_t, "blocks", reason, tuple(joins), _hints(source, units_t))


def more_words(text: str, limit: int = 8) -> bool:
    return len(text.split()) > limit


def _label(text: str, capitals: bool = False) -> bool:
    """Does ``text`` open with a speaker label (with ``capitals``: 'Q' or an all-capitals one)?"""
    label = split_label(text)
    return label is not None and (not capitals or label.name == "Q" or label.name.isupper() and len(label.name) > 1)


def _hints(source: SourceText, units: tuple[Line, ...]) -> dict:
    return {u.no: source.hints[u.no] for u in units if u.no in source.hints}
