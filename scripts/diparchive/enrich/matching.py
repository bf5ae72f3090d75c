"""Finding phrases in text: the shared engine of theme signals and mentions of names.

A phrase is matched on whole words, as literal text: runs of white space in it match any white
space, and where wildcards are allowed (theme signals, not names), ``*`` at the end of a word
stands for the rest of that word ("terroris*"). No other character is special: a phrase is
never a regular expression. Typographic twins are alike: ’ and ', – and -. Spans refer to the
text as given (the folding keeps every length).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

FOLD = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-", "\u00a0": " "})


def fold(text: str) -> str:
    """Typographic twins made alike, one character for one, so spans stay valid."""
    return text.translate(FOLD)


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    key: str  # what matched: a theme id or an entity id


WILDCARD = r"[\w']*"
SPACE = r"\s+"


def is_wildcard(word: str) -> bool:
    """Does a word of a phrase end in the wildcard ('terroris*')?"""
    return word.endswith("*") and len(word) > 1


def atoms(phrase: str, case_sensitive: bool, wildcards: bool = True) -> tuple[str, ...]:
    """A phrase as regular-expression atoms: one per character (escaped), a space between
    words, and, if ``wildcards``, the wildcard for a word ending in '*'."""
    out: list[str] = []
    words = fold(phrase).split()
    if not words:
        raise ValueError("an empty phrase")
    for index, word in enumerate(words):
        if index:
            out.append(SPACE)
        wildcard = wildcards and is_wildcard(word)
        for ch in word[:-1] if wildcard else word:
            out.append(re.escape(ch if case_sensitive else ch.lower()))
        if wildcard:
            out.append(WILDCARD)
    return tuple(out)


def _trie_pattern(node: dict) -> str:
    """The regular expression of a trie of atoms; where a phrase ends and a longer one goes on,
    the longer is tried first (a greedy optional group)."""
    branches = [atom + _trie_pattern(child) for atom, child in sorted((k, v) for k, v in node.items() if k != "")]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


class PhraseSet:
    """Many phrases, each with the keys it signals, matched in one pass over a text.

    The phrases are merged into a trie and written as one regular expression, so the engine
    follows shared prefixes instead of trying thousands of alternatives at every position
    (a registry of a large archive has thousands of names). At any position the longest phrase
    wins. A match is traced back to its phrases by its text, or for wildcard phrases by
    matching them again on the match alone. Without ``wildcards`` (names, as printed) a '*' is
    a character like any other."""

    def __init__(self, phrases: list[tuple[str, str]], case_sensitive: bool, wildcards: bool = True):
        self.case_sensitive = case_sensitive
        trie: dict = {}
        self._exact: dict[str, list[str]] = {}
        self._wild: list[tuple[re.Pattern, str]] = []
        flags = 0 if case_sensitive else re.IGNORECASE
        for phrase, key in phrases:
            parts = atoms(phrase, case_sensitive, wildcards)
            node = trie
            for atom in parts:
                node = node.setdefault(atom, {})
            node[""] = {}
            if WILDCARD in parts:
                self._wild.append((re.compile("".join(parts), flags), key))
            else:
                keys = self._exact.setdefault(self._norm(" ".join(fold(phrase).split())), [])
                if key not in keys:
                    keys.append(key)
        self.first_words, self.first_prefixes = _first_tokens(phrases, wildcards)
        body = _trie_pattern(trie)
        self._pattern = re.compile(rf"(?<![\w])(?:{body})(?![\w])", flags) if body else None

    def may_occur_in(self, words: "Words") -> bool:
        """Can any phrase match a text of these ``words``? A phrase begins with a whole word, so
        its first word must be among them (or, for a wildcard, begin one). ``None`` for
        ``first_words`` means some phrase starts otherwise: always look."""
        if self.first_words is None:
            return True
        return not self.first_words.isdisjoint(words.set) or any(words.has_prefix(p) for p in self.first_prefixes)

    def _norm(self, text: str) -> str:
        return text if self.case_sensitive else text.lower()

    def find(self, text: str, folded: str | None = None) -> list["Hit"]:
        """Every phrase in ``text``; ``folded`` is ``fold(text)`` when the caller has it already."""
        if self._pattern is None:
            return []
        hits = []
        for m in self._pattern.finditer(fold(text) if folded is None else folded):
            matched = m.group(0)
            keys = list(self._exact.get(self._norm(" ".join(matched.split())), []))
            keys += [key for pattern, key in self._wild if key not in keys and pattern.fullmatch(matched)]
            hits += [Hit(m.start(), m.end(), key) for key in keys]
        return hits


TOKEN = re.compile(r"\w+")


class Words:
    """The lower-case words of a folded text, for ``PhraseSet.may_occur_in``."""

    def __init__(self, folded: str):
        self.set = frozenset(TOKEN.findall(folded.lower()))
        self._sorted = sorted(self.set)

    def has_prefix(self, prefix: str) -> bool:
        at = bisect.bisect_left(self._sorted, prefix)
        return at < len(self._sorted) and self._sorted[at].startswith(prefix)


def _first_tokens(phrases: list[tuple[str, str]], wildcards: bool = True) -> tuple[frozenset[str] | None, tuple[str, ...]]:
    """The lower-case first word of each phrase, and the stems of first words ending in '*'."""
    words, prefixes = set(), []
    for phrase, _ in phrases:
        first = fold(phrase).split()[0]
        wildcard = wildcards and is_wildcard(first)
        match = TOKEN.match(first.lower())
        if not match:
            return None, ()
        if wildcard and match.end() == len(first) - 1:
            prefixes.append(match.group())
        else:
            words.add(match.group())
    return frozenset(words), tuple(sorted(set(prefixes)))


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
