"""Themes: a controlled vocabulary (``transcripts/themes.yml``) applied to each paragraph.

A theme is applied to a paragraph when one of its signals occurs in it (see ``matching.py``);
the words that signalled it are kept as spans, so theme pages can mark them. Each theme's
signals form one named rule, ``theme:<id>``, tested on the theme's own examples and
counter-examples. A sidecar can add or remove a theme for one paragraph, with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import BuildFailed, InputError, quote, shorten
from .matching import PhraseSet, Words, fold, merge_spans
from .model import Block, ThemeOverride, ThemeTag
from .sidecar import SLUG, kind_of, load_yaml

THEME_FIELDS = {"id", "label", "description", "signals", "related", "examples", "counter_examples"}


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


def read_themes(path, shown: str) -> Vocabulary:
    data, lines = load_yaml(path, shown, "the vocabulary of themes (a list of themes with their signals)")
    if not isinstance(data, list):
        raise InputError(shown, "", "a list of themes", kind_of(data))
    errors: list[InputError] = []
    themes: list[Theme] = []

    def where(index: int, field: str = "") -> str:
        line = lines.get(f"[{index}].{field}") or lines.get(f"[{index}]")
        name = f"theme {index + 1}" + (f", field '{field}'" if field else "")
        return name + (f" (line {line})" if line else "")

    for index, item in enumerate(data):
        if not isinstance(item, dict):
            errors.append(InputError(shown, where(index), "a mapping with id, label, description, signals", shorten(str(item))))
            continue
        for key in sorted(set(item) - THEME_FIELDS):
            errors.append(InputError(shown, where(index, key), "one of the fields " + ", ".join(sorted(THEME_FIELDS)), repr(key)))
        tid = item.get("id")
        if not isinstance(tid, str) or not SLUG.match(tid):
            errors.append(InputError(shown, where(index, "id"), "an id of lowercase letters, digits and hyphens", shorten(str(tid))))
            continue
        if tid in {t.id for t in themes}:
            errors.append(InputError(shown, where(index, "id"), "an id used by one theme only", repr(tid)))
        texts = {}
        for field in ("label", "description"):
            value = item.get(field)
            if not isinstance(value, str) or not value.strip():
                errors.append(InputError(shown, where(index, field), f"'{field}:' text", shorten(str(value))))
            texts[field] = " ".join(str(value).split())
        lists, wrong = {}, set()
        for field in ("signals", "related", "examples", "counter_examples"):
            value = item.get(field) or []
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                errors.append(InputError(shown, where(index, field), "a list of text", quote(value)))
                value = []
                wrong.add(field)
            lists[field] = tuple(" ".join(v.split()) for v in value)
        if not lists["signals"] and "signals" not in wrong:  # a wrong list has its own message
            errors.append(InputError(shown, where(index, "signals"), "at least one signal", "none"))
        themes.append(Theme(tid, texts["label"], texts["description"], **lists))
    known = {t.id for t in themes}
    for index, theme in enumerate(themes):
        for related in theme.related:
            if related not in known:
                errors.append(InputError(shown, where(index, "related"), "the id of a theme in this file", repr(related)))
    if errors:
        raise BuildFailed(errors)
    return Vocabulary(themes)
