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

from .model import Line, SourceText

SPACES = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]")
MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
HARD_BREAK = re.compile(r"(?:[ \u00a0]{2,}|\\)$")
OPEN_SENTENCE = re.compile(r"[\w,\-–—(]$")
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
            line = MARKDOWN_ESCAPE.sub(r"\1", line.rstrip("\\") if HARD_BREAK.search(line) and line.rstrip().endswith("\\") else line)
        return normalise(line)

    if not hard_wrapped:
        units = tuple(Line(no, text(no), no) for b in blocks for no in b)
        return Layout(units, "lines", f"one paragraph per line: {figures}", (), _hints(source, units))

    pieces: list[tuple[list[int], bool]] = []  # (lines, begins after a blank line)
    for block in blocks:
        current: list[int] = []
        after_blank = True
        for no in block:
            current.append(no)
            if markdown and HARD_BREAK.search(source.lines[no - 1]) and no != block[-1]:
                pieces.append((current, after_blank))
                current, after_blank = [], False
        if current:
            pieces.append((current, after_blank))
    units: list[Line] = []
    joins: list[int] = []
    for lines, after_blank in pieces:
        joined = " ".join(t for t in (text(no) for no in lines) if t)
        front = source.hints.get(lines[0]) == "front-matter"
        previous = units[-1] if units else None
        if (
            previous is not None and after_blank and not front and source.hints.get(previous.no) != "front-matter"
            and OPEN_SENTENCE.search(previous.text) and CONTINUES.match(joined)
        ):
            units[-1] = Line(previous.no, previous.text + " " + joined, lines[-1])
            joins.append(previous.no)
            continue
        units.append(Line(lines[0], joined, lines[-1]))
    reason = f"hard-wrapped, paragraphs are blocks separated by blank lines: {figures}"
    if joins:
        reason += f"; {len(joins)} paragraphs continued across a page break"
    units_t = tuple(units)
    return Layout(units_t, "blocks", reason, tuple(joins), _hints(source, units_t))


def _hints(source: SourceText, units: tuple[Line, ...]) -> dict:
    return {u.no: source.hints[u.no] for u in units if u.no in source.hints}
