"""Finding phrases in text: the shared engine of theme signals and mentions of names.

A phrase is matched on whole words; runs of white space in it match any white space; ``*`` at
the end of a word stands for the rest of that word ("terroris*"). Typographic twins are alike:
’ and ', – and -. Spans refer to the text as given (the folding keeps every length).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FOLD = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-", "\u00a0": " "})


def fold(text: str) -> str:
    """Typographic twins made alike, one character for one, so spans stay valid."""
    return text.translate(FOLD)


def phrase_body(phrase: str) -> str:
    """The regular expression of one phrase, without its word boundaries."""
    words = fold(phrase).split()
    if not words:
        raise ValueError("an empty phrase")
    parts = []
    for word in words:
        if word.endswith("*") and len(word) > 1:
            parts.append(re.escape(word[:-1]) + r"[\w']*")
        else:
            parts.append(re.escape(word))
    return r"\s+".join(parts)


class PhraseSet:
    """Many phrases, each with the keys it signals, matched in one pass over a text: one regular
    expression of all of them, longest first, so that at any position the longest phrase wins
    (the same phrase may signal several keys). Far faster than a pattern per phrase on a large
    archive, where every paragraph meets every phrase."""

    def __init__(self, phrases: list[tuple[str, str]], case_sensitive: bool):
        keys: dict[str, list[str]] = {}
        for phrase, key in phrases:
            body = phrase_body(phrase)
            keys.setdefault(body, [])
            if key not in keys[body]:
                keys[body].append(key)
        bodies = sorted(keys, key=lambda b: (-len(b), b))
        self._keys = {f"g{i}": keys[body] for i, body in enumerate(bodies)}
        alternatives = "|".join(f"(?P<g{i}>{body})" for i, body in enumerate(bodies))
        flags = 0 if case_sensitive else re.IGNORECASE
        self._pattern = re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])", flags) if bodies else None

    def find(self, text: str) -> list["Hit"]:
        if self._pattern is None:
            return []
        return [
            Hit(m.start(), m.end(), key) for m in self._pattern.finditer(fold(text)) for key in self._keys[m.lastgroup]
        ]


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    key: str  # what matched: a theme id or an entity id


def longest_first(hits: list[Hit]) -> list[Hit]:
    """Where matches overlap, keep the longest (then the earliest): 'NATO-Russia Council' wins
    over 'NATO' inside it. Returned in text order."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start, h.key)):
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: (h.start, h.key))


def merge_spans(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)
