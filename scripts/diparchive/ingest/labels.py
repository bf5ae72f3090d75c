"""What a speaker label looks like: the shape ``split_label`` knows ("Sergey Lavrov:", "Q ",
"S.V. Lavrov (retranslated):"), before anything says who it names. Read by the stages that cut
a capture into paragraphs (``shape``), clean it and segment it into turns, and by the drafter."""

from __future__ import annotations

import re
from dataclasses import dataclass

PARTICLES = {"of", "the", "de", "von", "van", "der", "den", "al", "bin", "da", "di", "la", "le", "du", "and"}
SMALL_WORDS = PARTICLES | {"a", "an", "in", "on", "at", "for", "to", "with", "by", "or", "as", "from"}
Q_LABEL = re.compile(r"^(Q[.:]?)\s+(?=[A-Z“\"‘'(\[—–-]|\.\.\.|…)")
"""A question as the White House prints it: 'Q' then spaces (no-break spaces in the capture),
or 'Q.' / 'Q:', before a question's first word ('Q is a letter.' is no label)."""
PARENTHETICAL = re.compile(r"\s*\(([^()]{1,60})\)\s*$")
NAMED = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]+\.?\s+(?:[a-z]{1,3}[\s-])?[A-Z][\w’'-]+(?:[\s,)\]]|$)")
"""Two capitalised words in a row, a particle at most between them: a name ('Dmitry Guberniyev',
'Ebtesam al-Ketbi'), or a body's ('Channel One')."""
MARKED_MAX = 30
"""A label the page sets apart holds at most this many words."""


@dataclass(frozen=True)
class Label:
    printed: str  # exactly as in the source, colon included
    name: str  # the name part, parenthetical note removed
    rest: str  # the text after the label


def split_label(text: str, marked: bool = False) -> Label | None:
    """If ``text`` opens with something shaped like a speaker label, split it off.

    A label is one to six words before a colon, the first capitalised, the others capitalised,
    initials or name particles, optionally followed by a parenthetical note; no sentence
    punctuation. "Here is an example: …" is not a label; "S.V. Lavrov: …" is.

    With ``marked``, the page sets the words up to the colon apart as a label (a bold run ending
    with the line's first colon: ``html_lines``' hint 'label'), and any words that name someone are
    one: a role with digits or lower-case words, or after the name ('Host of the Volunteer of
    Russia 2018 award ceremony Dmitry Guberniyev:', 'Alisa Shmelyova, metrology engineer:'), a
    colon without a space after it. Only two capitalised words in a row are asked for (a name), so
    a bold list's introduction ('Meeting points:', 'The message reads:') is still none.
    """
    q = Q_LABEL.match(text)
    if q:
        return Label(printed=q.group(1), name="Q", rest=text[q.end() :].strip())
    colon = text.find(":")
    if colon <= 0 or colon > 160 + 100 * marked:
        return None
    after = text[colon + 1 :]
    if after and not after[0].isspace() and not marked:
        return None
    prefix = text[:colon]
    name = PARENTHETICAL.sub("", prefix).strip()
    if marked:
        if name and len(name.split()) <= MARKED_MAX and not any(ch in name for ch in ';!?"“”«»') and NAMED.search(name):
            return Label(printed=text[: colon + 1], name=name, rest=after.strip())
        return split_label(text)
    if not name or any(ch in name for ch in ',;!?"“”«»[]'):
        return None
    tokens = name.replace(".", ". ").split()
    if not 1 <= len(tokens) <= 20:
        return None
    if not tokens[0][0].isupper():
        return None
    for token in tokens:
        if token in SMALL_WORDS or token.startswith("(") and token.endswith(")"):
            continue
        if not token[0].isalpha() or not token[0].isupper():
            return None
    return Label(printed=text[: colon + 1], name=name, rest=after.strip())
