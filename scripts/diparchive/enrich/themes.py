"""Themes: a controlled vocabulary (``transcripts/themes.yml``) applied to each paragraph.

A theme is applied to a paragraph when one of its signals occurs in it (see ``matching.py``);
the words that signalled it are kept as spans, so theme pages can mark them. Each theme's
signals form one named rule, ``theme:<id>``, tested on the theme's own examples and
counter-examples. A sidecar can add or remove a theme for one paragraph, with a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diparchive.infra.errors import shorten
from diparchive.enrich.matching import PhraseSet, Words, fold, is_wildcard, merge_spans
from diparchive.model import Block, ThemeOverride, ThemeTag
from diparchive.infra.schema import Checker, Declaration, List, Slug, Text
from diparchive.ingest.sidecar import load_yaml


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    description: str
    signals: tuple[str, ...]
    related: tuple[str, ...]
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]

    @property
    def rule(self) -> str:
        return f"theme:{self.id}"


class Vocabulary:
    """The themes, with their signals compiled once."""

    def __init__(self, themes: list[Theme]):
        self.themes = {t.id: t for t in themes}
        # One expression per theme: themes may overlap ("Intermediate-Range Nuclear Forces" is
        # arms control, "intermediate-range" a missile deployment), signals of one theme need not.
        self._signals = [PhraseSet([(signal, t.id) for signal in t.signals], case_sensitive=False) for t in themes]

    def __contains__(self, theme_id: str) -> bool:
        return theme_id in self.themes

    def __getitem__(self, theme_id: str) -> Theme:
        return self.themes[theme_id]

    def __iter__(self):
        return iter(self.themes.values())

    def signals_in(self, text: str) -> dict[str, tuple[tuple[int, int], ...]]:
        """Theme id -> the spans of ``text`` that signal it."""
        spans: dict[str, list[tuple[int, int]]] = {}
        folded = fold(text)
        words = Words(folded)  # a theme none of whose signals can begin here is not searched
        found = (signals.find(text, folded) for signals in self._signals if signals.may_occur_in(words))
        for hit in (hit for hits in found for hit in hits):
            spans.setdefault(hit.key, []).append((hit.start, hit.end))
        return {theme: merge_spans(found) for theme, found in sorted(spans.items())}

    def tag(self, blocks: tuple[Block, ...], overrides: tuple[ThemeOverride, ...]) -> dict[int, tuple[ThemeTag, ...]]:
        """Source line of each paragraph -> its themes, in vocabulary order."""
        order = {theme_id: i for i, theme_id in enumerate(self.themes)}
        tags: dict[int, dict[str, ThemeTag]] = {}
        for block in blocks:
            if block.kind != "paragraph":
                continue
            found = {tid: ThemeTag(tid, spans, None) for tid, spans in self.signals_in(block.text).items()}
            tags[block.line] = found
        for override in overrides:
            found = tags.setdefault(override.line, {})
            if override.action == "add":
                found.setdefault(override.theme, ThemeTag(override.theme, (), override.reason))
            else:
                found.pop(override.theme, None)
        return {
            line: tuple(sorted(found.values(), key=lambda t: order[t.theme]))
            for line, found in sorted(tags.items())
            if found
        }


class ThemeFields(Declaration, into=Theme):
    """A theme of themes.yml."""

    expected = "a mapping with id, label, description, signals"
    unknown = "one of the fields {sorted}"

    id = Slug(required=True, expected="an id of lowercase letters, digits and hyphens")
    """The theme's id; its page is themes/<id>.md."""
    label = Text(required=True, expected="'label:' text")
    """The theme's name, as pages show it."""
    description = Text(required=True, expected="'description:' text")
    """What the theme covers, in a sentence or two."""
    signals = List(Text(), required=True, whole=True, expected="a list of text")
    """Words that apply the theme to a paragraph they occur in: case is ignored, "*" stands for
    the rest of a word ('terroris*'), ' and ’ are alike. Words, not a regular expression: a
    signal holds a letter or digit and none of \\ ^ $ | ? + ( ) [ ] { }."""
    related = List(Slug(expected="the id of a theme in this file"), whole=True, expected="a list of theme ids")
    """The ids of related themes in this file."""
    examples = List(Text(), whole=True, expected="a list of text")
    """Text the signals must tag with the theme: the build checks each."""
    counter_examples = List(Text(), whole=True, expected="a list of text")
    """Text they must not tag with it."""


THEMES = List(ThemeFields, required=True, expected="a list of themes")
"""themes.yml: the list of themes."""


def theme_label(at: tuple) -> str:
    return f"theme {at[0] + 1}" + (f", field '{at[1]}'" if len(at) > 1 else "")


PATTERN_SYNTAX = re.compile(r"[\\^$|?+()\[\]{}]")
"""Characters of a regular expression's syntax that no signal holds: a signal is words."""

SIGNAL_EXPECTED = (
    "a signal of words, not a regular expression: with a letter or digit, none of \\ ^ $ | ? + ( ) [ ] { }, "
    "and '*' only at the end of a word, for the rest of it ('terroris*')"
)


def signal_problem(signal: str) -> bool:
    """Is a signal something other than words (a pattern, or no word at all)?"""
    if PATTERN_SYNTAX.search(signal) or not any(ch.isalnum() for ch in signal):
        return True
    return any("*" in (word[:-1] if is_wildcard(word) else word) or not word.strip("*") for word in signal.split())


def read_themes(path, shown: str) -> Vocabulary:
    data, lines = load_yaml(path, shown, "the vocabulary of themes (a list of themes with their signals)")
    check = Checker(shown, lines, theme_label)
    themes = check.read(THEMES, data)
    if not isinstance(data, list):  # an empty file, or not a list at all
        check.refuse()
    first: dict[str, int] = {}  # each id written -> the index of its first theme
    for index, item in enumerate(data):
        tid = item.get("id") if isinstance(item, dict) else None
        if isinstance(tid, str) and first.setdefault(tid, index) != index:
            check.fail((index, "id"), "an id used by one theme only", repr(tid))
    for index, theme in enumerate(themes):
        for related in theme.related if theme else ():
            if related not in first:
                check.fail((index, "related"), "the id of a theme in this file", repr(related))
        if theme:
            _check_signals(check, index, theme)
    check.refuse(always_all=True)
    return Vocabulary([theme for theme in themes if theme])


def _check_signals(check: Checker, index: int, theme: Theme) -> None:
    """A theme's signals are words, and they tag each of the theme's own examples."""
    bad = [n for n, signal in enumerate(theme.signals) if signal_problem(signal)]
    for n in bad:
        check.fail((index, "signals"), SIGNAL_EXPECTED, shorten(theme.signals[n]), (index, "signals", n))
    if bad:
        return
    signals = PhraseSet([(signal, theme.id) for signal in theme.signals], case_sensitive=False)
    for n, example in enumerate(theme.examples):
        if not signals.find(example):
            check.fail((index, "examples"), f"an example one of the theme's signals tags (signals: {shorten(', '.join(theme.signals))})", shorten(example), (index, "examples", n))
