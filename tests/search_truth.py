"""What a search of the default four transcripts must return, worked out from the open data alone
(``data/corpus.jsonl``), independently of Pagefind and of the search page's own code.

A passage holds a word when one of its words has the same Snowball (Porter 2) English stem, the
stemmer Pagefind uses for English; it holds a phrase when its words, lowercased and without
punctuation, contain the phrase's words in order; so does a word of words joined by a dash
("Russia–NATO"). Spelling variants (``transcripts/variants.yml``)
count as the same word. The query language is the search page's: words (all required), "quoted
phrases", ``OR`` between alternatives, ``-word`` to exclude.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer
import yaml

STEMMER = snowballstemmer.stemmer("english")
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@lru_cache(maxsize=None)
def stem(word: str) -> str:
    return STEMMER.stemWord(word.lower().replace("’", "'"))


def words(text: str) -> list[str]:
    """A text's words as Pagefind reads them: letters and digits, a hyphenated word also as its parts."""
    found = []
    for token in WORD.findall(text.lower()):
        found.append(token)
    return found


def stems(text: str) -> set[str]:
    out = set()
    for word in words(text):
        out.add(stem(word))
        if "'" in word or "’" in word:
            out.add(stem(re.split(r"['’]", word)[0]))
    return out


def parse(query: str) -> tuple[list[list[tuple[str, bool]]], list[tuple[str, bool]]]:
    """``groups`` (each a list of alternatives: (text, is_phrase)) and ``exclude``."""
    tokens = re.findall(r'-?"[^"]+"|\S+', query)
    groups: list[list[tuple[str, bool]]] = []
    exclude: list[tuple[str, bool]] = []
    join = False
    for token in tokens:
        if token == "OR":
            join = True
            continue
        negative = token.startswith("-") and len(token) > 1
        body = token[1:] if negative else token
        # A word of words joined by a dash ("Russia–NATO") is those words as a phrase.
        term = (body.strip('"'), body.startswith('"') or bool(re.search(r"[^\W_][\u2012-\u2015\u2212][^\W_]", body)))
        if negative:
            exclude.append(term)
        elif join and groups:
            groups[-1].append(term)
        else:
            groups.append([term])
        join = False
    return groups, exclude


class Truth:
    def __init__(self, corpus: list[dict], variants_path):
        self.corpus = corpus
        groups = yaml.safe_load(variants_path.read_text("utf-8")) or []
        self.variants = {w.lower(): [v.lower() for v in g] for g in groups for w in g}
        self._stems = {(p["transcript_id"], p["anchor"]): stems(p["text"]) for p in corpus}
        self._words = {(p["transcript_id"], p["anchor"]): " ".join(words(p["text"])) for p in corpus}

    def spellings(self, text: str) -> list[str]:
        """A term and its variants: each word of it replaced by each of its spellings."""
        forms = [[]]
        for word in text.lower().split():
            forms = [f + [v] for f in forms for v in self.variants.get(word, [word])]
        return [" ".join(f) for f in forms]

    def holds(self, key, term: tuple[str, bool]) -> bool:
        text, phrase = term
        for form in self.spellings(text):
            if phrase:
                wanted = " ".join(words(form))
                if re.search(rf"(?<!\S){re.escape(wanted)}(?!\S)", self._words[key]):
                    return True
            elif all(stem(w) in self._stems[key] for w in words(form)):
                return True
        return False

    def passages(self, query: str) -> set[tuple[str, str]]:
        """(transcript_id, anchor) of every passage that holds the query."""
        groups, exclude = parse(query)
        found = set()
        for key in self._stems:
            if all(any(self.holds(key, term) for term in group) for group in groups) and not any(self.holds(key, t) for t in exclude):
                found.add(key)
        return found

    def holding(self, query: str, returned: set[tuple[str, str]]) -> set[tuple[str, str]]:
        """Of the returned passages, those that hold the query."""
        return returned & self.passages(query)
