"""Slugs: the one place names become paths and identifiers.

- ``page_slug``: the path a name's page takes (an event, a country, a city, a tag), in any
  script, cut to ``SLUG_LENGTH`` bytes with a hash of the whole name.
- ``id_slug``: lowercase ASCII words joined by '-', for what must stay ASCII: a transcript's
  file name and a drafted person's id in ``people.yml``.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata

SLUG_LENGTH = 80
"""The longest slug a name makes, in bytes of UTF-8 (a letter of the Latin alphabet is one byte,
a Cyrillic one two, a Chinese character three). A longer one (the Kremlin's event names are
whole sentences) is cut at a word and ends in 8 hex digits of the whole slug's SHA-1: still one
page per name, and a file name every file system takes."""


def _in_word(ch: str) -> bool:
    """A letter, a digit, or a mark written on one (an Arabic or Devanagari vowel sign)."""
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


def _unwritten_in_ascii(ch: str) -> bool:
    """A letter or digit of another script than the Latin alphabet, which has no ASCII form
    ('с', 'خ', '京'); a Latin letter without one ('ß', 'ø') is left out of an ASCII slug."""
    return ch.isalnum() and not unicodedata.normalize("NFKD", ch).encode("ascii", "ignore") and not unicodedata.name(ch, "").startswith("LATIN")


def page_slug(text: str) -> str:
    """The path a name's page takes (an event, a country, a city, a tag). A name in the Latin
    alphabet gives lowercase ASCII words joined by '-' ('Genève' -> 'geneve'). A name with a letter
    of another script keeps its letters and digits as written (NFKC, case folded): 'Совет
    министров ОБСЕ' -> 'совет-министров-обсе', '上海合作组织' -> '上海合作组织'; URLs then carry them
    percent-encoded. A name with no letter or digit at all gives 'x'."""
    text = unicodedata.normalize("NFKC", text)
    if any(_unwritten_in_ascii(ch) for ch in text):
        words = ("".join(run) for inside, run in itertools.groupby(text.casefold(), _in_word) if inside)
        slug = "-".join(word for word in words if any(ch.isalnum() for ch in word))  # not a stray mark
    else:
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"
    encoded = slug.encode("utf-8")
    if len(encoded) <= SLUG_LENGTH:
        return slug
    digest = hashlib.sha1(encoded).hexdigest()[:8]
    head = encoded[: SLUG_LENGTH - len(digest) - 1].decode("utf-8", "ignore")  # not midway through a letter
    head = head.rsplit("-", 1)[0] if "-" in head else head
    return f"{head}-{digest}"


def id_slug(text: str, limit: int | None = None) -> str:
    """Lowercase ASCII letters and digits joined by hyphens, the first ``limit`` words ('Mr. Costa
    du Rels' -> 'mr-costa-du-rels'); empty when the text has none."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:limit] if limit is not None else words)
