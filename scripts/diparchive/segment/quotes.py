"""Who a report's narration quotes: the rule ``quoted-speech``.

A news report has no speaker turns: its paragraphs are the reporter's narration. Yet a
paragraph such as ``"...the indivisibility of security... must be reinforced," Lavrov said.``
carries Lavrov's words, and a reader who filters the search by Lavrov expects it. This stage
credits such a paragraph to the people it quotes, marked as quoted (never as their own turn),
by one rule with examples and counter-examples (``QUOTED_SPEECH``):

- Only people the sidecar lists under ``quoted`` are ever credited: the rule attributes, it never
  discovers a voice.
- A paragraph quotes a listed person who is named (by any alias in ``people.yml``) in a sentence
  that also holds a verb of speaking ("said", "noted", "made it clear", "according to"...).
- A paragraph that names no listed person but says "he said" (or "she added"...), or holds a
  direct quotation of three words or more, continues the previous paragraph's quotation when
  that paragraph quoted exactly one person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diparchive.model import Block, Mention

SPEECH = re.compile(
    r"\b(?:said|says|say|saying|told|tells|telling|noted|notes|noting|added|adds|adding|stated|states|stating"
    r"|argued|argues|arguing|warned|warns|warning|stressed|stresses|stressing|insisted|insists|insisting"
    r"|declared|declares|announced|announces|explained|explains|explaining|asked|asks|replied|replies"
    r"|highlighted|highlights|praised|praising|called|calling|urged|urges|urging|speaking|spoke|speaks"
    r"|remarked|remarks|commented|comments|claimed|claims|acknowledged|acknowledges|conceded|concedes"
    r"|emphasi[sz]ed|emphasi[sz]es|suggested|suggests|admitted|admits|recalled|recalls|proposed|proposes"
    r"|made it clear|according to|in the words of)\b"
)
"""Verbs and phrases that report speech, past and present."""

PRONOUN_SPEECH = re.compile(r"\b(?:he|she|He|She)\s+(?:\w+\s+)?" + SPEECH.pattern[2:])
"""A pronoun that reports speech: "He said", "she later added"."""

DIRECT_QUOTE = re.compile(r"[\"“”]\s*(?:[^\"“”\s]+\s+){2,}[^\"“”]*[\"“”]")
"""A direct quotation of three words or more, in straight or curly quotation marks."""

SENTENCE = re.compile(r"[.!?][\"”’)]?(\s+)(?=[\"“A-Z])")
"""A sentence boundary: a full stop (or ! ?), perhaps closing a quotation, then a capital."""


@dataclass(frozen=True)
class Rule:
    name: str
    why: str
    examples: tuple[tuple[str, tuple[str, ...]], ...]
    counter_examples: tuple[str, ...]


QUOTED_SPEECH = Rule(
    name="quoted-speech",
    why=(
        "A report's paragraph that gives a person's words, directly or reported, is credited to that "
        "person as quoted: the search filter by speaker then finds it, and the page marks it."
    ),
    examples=(
        ('"We are convinced that the principle of the indivisibility of security must be reinforced," Lavrov said.', ("Lavrov",)),
        ("Rasmussen said today that the Russian president's recent proposal merits study.", ("Rasmussen",)),
        ("However, speaking after the meeting, Foreign Minister Lavrov played down Russia's role.", ("Lavrov",)),
        ("In their separate press conferences, Rasmussen and Lavrov made it clear that there is no meeting of minds.", ("Rasmussen", "Lavrov")),
    ),
    counter_examples=(
        "Lavrov arrived in Brussels on Thursday for the first meeting since August.",
        "The talks failed to make headway on any of the issues dividing Russia and NATO.",
    ),
)


def sentences(text: str) -> list[tuple[int, int]]:
    """The spans of a paragraph's sentences."""
    spans, start = [], 0
    for boundary in SENTENCE.finditer(text):
        spans.append((start, boundary.start(1)))
        start = boundary.end()
    spans.append((start, len(text)))
    return spans


def quoted_in(text: str, mentions: tuple[Mention, ...], quotable: set[str]) -> tuple[str, ...]:
    """The listed people a paragraph quotes by name, in the order first named."""
    found: list[str] = []
    for start, end in sentences(text):
        if not SPEECH.search(text, start, end):
            continue
        for mention in mentions:
            if mention.entity in quotable and start <= mention.start < end and mention.entity not in found:
                found.append(mention.entity)
    return tuple(found)


def quotations(blocks: tuple[Block, ...], mentions: dict[int, tuple[Mention, ...]], quotable: tuple[str, ...]) -> dict[int, tuple[str, ...]]:
    """Source line of each narration paragraph that quotes someone -> the people it quotes."""
    people = set(quotable)
    if not people:
        return {}
    found: dict[int, tuple[str, ...]] = {}
    previous: tuple[str, ...] = ()
    for block in blocks:
        if block.kind != "paragraph":
            continue
        if block.turn is not None:  # a speaker's own turn: their words, not a quotation
            previous = ()
            continue
        named = quoted_in(block.text, mentions.get(block.line, ()), people)
        names_someone = any(m.entity in people for m in mentions.get(block.line, ()))
        if not named and not names_someone and len(previous) == 1:
            if PRONOUN_SPEECH.search(block.text) or DIRECT_QUOTE.search(block.text):
                named = previous
        if named:
            found[block.line] = named
        previous = named
    return found
