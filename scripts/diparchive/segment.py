"""Turn kept lines into blocks (paragraphs, section headings, section breaks) and speaker turns.

Each kept source line is one block: web captures put one paragraph on a line, and joining lines
could merge a caption into a paragraph. A paragraph that opens with a speaker label ("Question:",
"Question (retranslated from English):", "Foreign Minister Lavrov:", "S.V. Lavrov:") starts a new
turn; the label as printed is kept on the turn, and resolved through the people registry. The
opening statement before the first label belongs to the transcript's main speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import BuildFailed, InputError, display_path, shorten
from .model import Block, Cleaned, Sidecar, Turn
from .people import Registry, alias_key

KINDS_WITH_TURNS = {"press-conference", "media-remarks", "interview", "briefing", "meeting"}
"""Kinds of document in which a line can open a speaker's turn. A speech or a statement is one
speaker's (its lines "Mr. President:" are addresses, not labels); a news report has none."""

PARTICLES = {"of", "the", "de", "von", "van", "der", "den", "al", "bin", "da", "di", "la", "le", "du", "and"}
QUESTION = re.compile(r"^(?:question|q|journalist|reporter|correspondent|вопрос)$", re.IGNORECASE)
SECTION_BREAK = re.compile(r"^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,}|⁂|\*\s\*\s\*)$")
PARENTHETICAL = re.compile(r"\s*\(([^()]{1,60})\)\s*$")
SMALL_WORDS = PARTICLES | {"a", "an", "in", "on", "at", "for", "to", "with", "by", "or", "as", "from"}


@dataclass(frozen=True)
class Label:
    printed: str  # exactly as in the source, colon included
    name: str  # the name part, parenthetical note removed
    rest: str  # the text after the label


def split_label(text: str) -> Label | None:
    """If ``text`` opens with something shaped like a speaker label, split it off.

    A label is one to six words before a colon, the first capitalised, the others capitalised,
    initials or name particles, optionally followed by a parenthetical note; no sentence
    punctuation. "Here is an example: …" is not a label; "S.V. Lavrov: …" is.
    """
    colon = text.find(":")
    if colon <= 0 or colon > 80:
        return None
    after = text[colon + 1 :]
    if after and not after[0].isspace():
        return None
    prefix = text[:colon]
    name = PARENTHETICAL.sub("", prefix).strip()
    if not name or any(ch in name for ch in ',;!?"“”«»[]'):
        return None
    tokens = name.replace(".", ". ").split()
    if not 1 <= len(tokens) <= 8:
        return None
    if not tokens[0][0].isupper():
        return None
    for token in tokens:
        if token in PARTICLES:
            continue
        if not token[0].isalpha() or not token[0].isupper():
            return None
    return Label(printed=text[: colon + 1], name=name, rest=after.strip())


def is_section_break(text: str) -> bool:
    return bool(SECTION_BREAK.match(text))


def is_heading(text: str) -> bool:
    """A section heading: a short line, no end punctuation, its words mostly capitalised
    ("Eyes On The SCO", "Broader Discussion")."""
    if text[-1] in ".!?…:;,\"”’»)" or len(text) > 80:
        return False
    tokens = [t for t in text.split() if t.lower() not in SMALL_WORDS]
    if not 2 <= len(text.split()) <= 10 or not tokens:
        return False
    capitalised = sum(1 for t in tokens if t[0].isupper() or t[0].isdigit())
    return capitalised * 3 >= len(tokens) * 2 and text[0].isupper()


class LabelResolver:
    """Decides whether a line opens a turn and whose, for one transcript."""

    def __init__(self, meta: Sidecar, registry: Registry):
        self.meta = meta
        self.registry = registry
        self.ignored = {alias_key(text.rstrip(":")) for text in meta.not_speaker_labels}
        self.enabled = meta.kind in KINDS_WITH_TURNS

    def candidate(self, text: str) -> Label | None:
        if not self.enabled:
            return None
        label = split_label(text)
        if label is None or alias_key(label.name) in self.ignored or alias_key(label.printed.rstrip(":")) in self.ignored:
            return None
        return label

    def resolve(self, label: Label) -> tuple[str | None, bool] | None:
        """(person id, is_question), or None when the label is unknown."""
        if QUESTION.match(label.name):
            return None, True
        person = self.registry.resolve(label.name)
        return (person, False) if person else None

    def is_label(self, text: str) -> bool:
        """Used by the cleaner: a line that opens a turn is never furniture."""
        label = self.candidate(text)
        return label is not None and self.resolve(label) is not None


def segment(cleaned: Cleaned, meta: Sidecar, resolver: LabelResolver, root=None) -> tuple[tuple[Block, ...], tuple[Turn, ...]]:
    shown = display_path(meta.path, root)
    source_shown = display_path(meta.path.with_suffix(".txt"), root)
    speakers = {s.person for s in meta.speakers}
    errors: list[InputError] = []
    blocks: list[Block] = []
    turns: list[Turn] = []
    pending: Turn | None = None  # a label alone on its line waits for its first paragraph
    pending_line = 0

    def new_turn(person: str | None, label: str | None, question: bool = False) -> Turn:
        turn = Turn(len(turns), person, label, question)
        turns.append(turn)
        return turn

    for line in cleaned.kept:
        text = line.text
        if is_section_break(text):
            blocks.append(Block("break", line.no, text))
            continue
        label = resolver.candidate(text)
        if label is not None:
            resolved = resolver.resolve(label)
            if resolved is None:
                errors.append(
                    InputError(
                        f"{source_shown}",
                        f"line {line.no}",
                        "a speaker label known to transcripts/people.yml (add the spelling to a "
                        f"person's aliases) or listed under not_speaker_labels in {shown}",
                        shorten(label.printed),
                    )
                )
                continue
            person, question = resolved
            if person is not None and person not in speakers:
                errors.append(
                    InputError(
                        shown,
                        "field 'speakers'",
                        f"the person '{person}' among the speakers, since line {line.no} of {source_shown} gives them a turn",
                        "speakers: " + (", ".join(sorted(speakers)) or "none"),
                    )
                )
                continue
            if pending is not None:
                errors.append(InputError(source_shown, f"line {pending_line}", "text after the speaker label", f"another label on line {line.no}"))
            turn = new_turn(person, label.printed, question)
            if label.rest:
                blocks.append(Block("paragraph", line.no, label.rest, turn.index, starts_turn=True))
                pending = None
            else:
                pending, pending_line = turn, line.no
            continue
        if pending is not None:
            blocks.append(Block("paragraph", line.no, text, pending.index, starts_turn=True))
            pending = None
            continue
        if is_heading(text):
            blocks.append(Block("heading", line.no, text))
            continue
        if not turns and meta.main_speaker:  # the opening statement, or a speech's whole text
            new_turn(meta.main_speaker, None)
            blocks.append(Block("paragraph", line.no, text, 0, starts_turn=True))
            continue
        current = turns[-1].index if turns else None
        blocks.append(Block("paragraph", line.no, text, current))

    if pending is not None:
        errors.append(InputError(source_shown, f"line {pending_line}", "text after the speaker label", "the end of the transcript"))
    if not any(b.kind == "paragraph" for b in blocks):
        errors.append(InputError(source_shown, "", "at least one paragraph of the transcript's words", "nothing left after cleaning"))
    if errors:
        raise BuildFailed(errors)
    return tuple(blocks), tuple(turns)
