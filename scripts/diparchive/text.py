"""Text as the stages read it: words, sentences and the characters no capture may hold. The
lowest layer of the build, used by every stage and importing none."""

from __future__ import annotations

import itertools
import re

TERMINAL = re.compile(r"[.!?…][\"'”’»“‘«)\]]*$")  # closing marks as printed, reversed ones too (”…“)

WORD = re.compile(r"\w+(?:[-'’.]\w+)*")


def words(text: str) -> list[str]:
    return WORD.findall(text)


def more_words_than(text: str, limit: int) -> bool:
    """Has ``text`` more than ``limit`` words? Reads no further than the word after the limit, so
    a long paragraph costs no more than a short line."""
    return next(itertools.islice(WORD.finditer(text), limit, None), None) is not None


def is_sentence(text: str) -> bool:
    """A line that reads as prose: two words or more, ending as a sentence ends."""
    return bool(TERMINAL.search(text.strip())) and more_words_than(text, 1)


CONTROL = {c for c in range(32) if c not in (9, 10, 13)} | {127}
CONTROL_CHARACTER = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(CONTROL)) + "]")
"""A control character other than tab, line feed and carriage return: never in a capture's text."""
