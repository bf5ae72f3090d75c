"""Turn kept units into blocks (paragraphs, section headings, section breaks) and speaker turns.

Each kept unit (a line, or a hard-wrapped paragraph: ``shape.py``) is one block. A paragraph that
opens with a speaker label starts a new turn; the label as printed is kept on the turn and
resolved, for this transcript, in this order: a role label the sidecar gives a speaker ('THE
PRESIDENT'), an anonymous voice the sidecar lists, a question from the floor ('Question:', 'Q',
'Q.'), a person of the registry by the whole label or by the name at its end ('President of
Russia Vladimir Putin', 'Sberbank CEO … German Gref'), a built-in anonymous voice ('MODERATOR',
'SENIOR ADMINISTRATION OFFICIAL', 'Remark'), and last a surname ('MR. SULLIVAN') that belongs to
exactly one of the transcript's speakers. Nothing is resolved through a global role alias.

The publisher's narration is nobody's speech: the text before the first label (unless the sidecar
names a main speaker, or the capture has no labels at all, as a speech has none), stage
directions ('(Laughter.)'), the closing time ('END 1:42 P.M. EDT'), editorial cuts ('<…>'), a
bracketed summary of what a speaker went on to say ('(The Minister went on to talk about …)'), the
national anthem played ('The National Anthem of the Russian Federation is played.'), a paragraph
the page sets all in italics, and lines the sidecar lists under ``narration``; each such paragraph
names its rule (``NARRATION_RULES``).

The capture's markup, where it has one, is read through the hints of its kept units
(``Cleaned.hints``): a label the page sets in bold ('label') opens a turn whatever words its role
holds, and in a saved page only what the markup sets apart (a heading element, a paragraph all in
bold or italics) can be a section heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diparchive.infra.errors import BuildFailed, InputError, display_path, shorten
from diparchive.model import Block, Cleaned, Sidecar, Turn
from diparchive.ingest.people import Registry, alias_key
from diparchive.ingest.sidecar import is_report
from diparchive.ingest.labels import PARENTHETICAL, PARTICLES, Q_LABEL, SMALL_WORDS, Label, split_label  # noqa: F401

KINDS_WITH_TURNS = frozenset({
    "press-conference", "press-availability", "media-remarks", "press-statements", "interview", "briefing", "background-call", "panel",
    "meeting", "talks",
})
"""Kinds of document in which a line can open a speaker's turn. A speech, a statement or a message
of greetings is one speaker's (``SPEECH_KINDS``: its lines "Mr. President:" are addresses, not
labels); a news report or the report of a telephone conversation has none (``REPORT_KINDS``)."""

QUESTION = re.compile(r"^(?:question|questions|q|journalist|reporter|correspondent|audience\s+(?:question|member)|вопрос)(?:\s+from\s+[^:]{1,60})?$", re.IGNORECASE)
"""A question from the floor: 'Question:', 'Q:', 'Journalist:', 'Question from Perm Territory:'."""
ANONYMOUS = re.compile(
    r"""^(?:remark|comment|reply|response|answer|moderator|presenter|host|operator|participant|audience|interpreter|staff|(?:military\s+|white\s+house\s+)?aide|
    child|student|crowd|
    (?:senior\s+)?(?:administration|state\s+department|defense|white\s+house|u\.?\s?s\.?|government)\s+officials?
    (?:\s+(?:\d+|one|two|three|four|\#\s?\d+))?|officials?(?:\s+(?:\d+|one|two|three))?)$""",
    re.IGNORECASE | re.VERBOSE,
)
"""Voices a publisher does not name, built in: each is a voice of its own in its transcript."""
SPEECH_KINDS = frozenset({"speech", "statement", "greetings"})
"""Kinds of document that are one speaker's: a label counts only when it names a listed speaker
(the speaker's own name printed before the speech), never an address ('Mr. President:')."""
STAGE_DIRECTION = re.compile(r"^[(\[][^()\[\]]{1,160}[)\]]\.?$")
ANTHEM = re.compile(
    r"""^(?:[Tt]he\s+)?(?:(?:Russian|Russia[’']s|[Nn]ational|[Ss]tate)\s+)+[Aa]nthems?
    (?:\s+of\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:and|of|the|[A-Z][\w’'-]*))*)?
    (?:\s+(?:is|are)\s+(?:played|performed|sung)|\s+(?:plays?|sounds?))?\.?$""",
    re.VERBOSE,
)
"""The national anthem played, as the publisher notes it on a line of its own, without brackets."""
END_OF_TRANSCRIPT = re.compile(r"^(?:END\s+)?\d{1,2}[:.]\d{2}\s*[AP]\.?\s?M\.?(?:\s+[A-Z]{2,4})?\.?$|^END\.?$")
EDITORIAL_CUT = re.compile(r"^(?:<\s*(?:…|\.\.\.)\s*>|\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\)|…)$")
TITLES = {"mr", "mrs", "ms", "dr", "miss", "mister", "madam", "sir", "prof", "professor", "president", "ambassador",
          "secretary", "minister", "general", "admiral", "senator", "governor", "chancellor", "prime", "premier"}
SECTION_BREAK = re.compile(r"^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,}|⁂|\*\s\*\s\*)$")


MARKDOWN_EMPHASIS = re.compile(r"^(\*{1,2}|_{1,2})(\S(?:.*\S)?)\1$")
"""A paragraph all in Markdown's emphasis: '*…*', '**…**', '_…_'."""


NARRATION_RULES = {
    "editorial-cut": "The publisher's mark of a cut: '<…>', '[…]', '(…)'.",
    "stage-direction": "A short direction in brackets, the whole paragraph: '(Laughter.)', '(Minute of silence.)'.",
    "end-of-transcript": "The closing time: 'END 1:42 P.M. EDT', '6:19 P.M. EST'.",
    "bracketed-summary": "A whole paragraph in brackets beyond a stage direction's length, or holding brackets of its own: "
    "the publisher's summary of what a speaker went on to say ('(The Minister went on to talk about …)').",
    "national-anthem": "The anthem played, on a line of its own: 'The National Anthem of the Russian Federation is played.', "
    "'Russia's National Anthem.' (a sentence that speaks of the anthem is no such line).",
    "italic-narration": "A paragraph the page sets all in italics (a saved page's <p><i>…</i></p>) that is not a heading: "
    "the publisher's words ('Tatyana Golikova also reported on …', 'A video is played.').",
    "lead": "The text before the first label, unless the sidecar names a main speaker.",
    "curated-narration": "A line the sidecar lists under 'narration'.",
}
"""The narration rules, by name: each narration paragraph names the one that made it so."""


def bracketed(text: str) -> bool:
    """Is the whole paragraph one pair of brackets, perhaps with a stop after it ('(… ).'), the
    first one closing at its end (so '(Applause.) Thank you. (Applause.)' is not)?"""
    body = text[:-1] if text.endswith(".") else text
    if len(body) < 2 or body[0] not in "([" or body[-1] != {"(": ")", "[": "]"}[body[0]]:
        return False
    depth = 0
    for index, ch in enumerate(body):
        depth += (ch in "([") - (ch in ")]")
        if depth == 0 and index < len(body) - 1:
            return False
    return depth == 0


def narration_rule(text: str, hint: str | None = None) -> str | None:
    """The narration rule a paragraph falls under by its shape, or by what the capture's markup
    says of it (``hint``: 'italic'), or None. A Markdown capture's emphasis around the whole
    paragraph ('*(The executive order is signed.)*') is markup: its shape is what it holds."""
    emphasis = MARKDOWN_EMPHASIS.match(text)
    if emphasis:
        text = emphasis.group(2)
    if EDITORIAL_CUT.match(text):
        return "editorial-cut"
    if STAGE_DIRECTION.match(text):
        return "stage-direction"
    if END_OF_TRANSCRIPT.match(text):
        return "end-of-transcript"
    if bracketed(text):
        return "bracketed-summary"
    if ANTHEM.match(text):
        return "national-anthem"
    if hint == "italic" and not heading_shaped(text):
        return "italic-narration"
    return None


def is_section_break(text: str) -> bool:
    return bool(SECTION_BREAK.match(text))


LIST_ITEM = re.compile(r"^[^:]{1,60}:\s*\S")
"""A term, a colon and its value: 'Deadline: July 15, 2018', an item of a list, never a heading."""
SET_APART = frozenset({"bold", "italic"})
"""What the markup of a paragraph says makes it stand apart as a heading may, besides <hN>."""


def is_heading(text: str, hint: str | None = None, marked: bool = False) -> bool:
    """A section heading: a line shaped as one (``heading_shaped``) that is no item of a list
    ('Deadline: July 15, 2018'). In a capture whose markup states its structure (``marked``: a
    saved page), the markup must set it apart too: a heading element, or a paragraph all in bold
    or italics (kremlin.ru's 'Article 1', 'Beginning of meeting with …'); a plain paragraph is
    text ('Mikhail Murashko – Minister of Healthcare' in a list of appointments)."""
    if marked and not (hint in SET_APART or (hint or "").startswith("heading:")):
        return False
    return not LIST_ITEM.match(text) and heading_shaped(text)


def heading_shaped(text: str) -> bool:
    """A short line, no end punctuation, its words mostly capitalised ("Eyes On The SCO",
    "Broader Discussion")."""
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
        self.enabled = not is_report(meta.kind)
        self.speech = meta.kind in SPEECH_KINDS
        self.speakers = {s.person for s in meta.speakers}
        self.roles = {alias_key(label.rstrip(":")): s.person for s in meta.speakers for label in getattr(s, "labels", ())}
        self.anonymous = {alias_key(label.rstrip(":")) for label in getattr(meta, "anonymous", ())}
        self.surnames: dict[str, set[str]] = {}
        for pid in self.speakers:
            if pid in registry:
                person = registry[pid]
                for spelling in (person.name, *person.aliases):
                    last = alias_key(spelling).replace(".", " ").split()
                    if last:
                        self.surnames.setdefault(last[-1], set()).add(pid)

    def candidate(self, text: str, hint: str | None = None) -> Label | None:
        """The label a line opens with, if any: by its shape, or with the hint 'label' by the
        capture's markup (a bold run ending in a colon) whatever words its role holds."""
        if not self.enabled:
            return None
        label = split_label(text, marked=hint == "label")
        if label is None or alias_key(label.name) in self.ignored or alias_key(label.printed.rstrip(":")) in self.ignored:
            return None
        if self.speech:
            resolved = self.resolve(label)
            if resolved is None or (resolved[0] not in self.speakers and not resolved[1] and not resolved[2]):
                return None  # in a speech, 'Mr. President:' is an address, 'Madam Speaker:' too
        return label

    def resolve(self, label: Label) -> tuple[str | None, bool, str | None] | None:
        """(person id, is_question, anonymous voice), or None when the label is unknown."""
        key = alias_key(label.name)
        if key in self.roles:
            return self.roles[key], False, None
        if key in self.anonymous:
            return None, False, label.name
        if QUESTION.match(label.name):
            return None, True, None
        person, _ = self.registry.resolve_titled(label.name)  # 'President of Russia Vladimir Putin'
        if person:
            return person, False, None
        if ANONYMOUS.match(label.name):
            return None, False, label.name
        words = key.replace(".", " ").split()
        if words and all(w in TITLES or len(w) == 1 for w in words[:-1]) and len(self.surnames.get(words[-1], ())) == 1:  # 'MR. SULLIVAN', 'V.Putin'
            return next(iter(self.surnames[words[-1]])), False, None
        return None

    def is_label(self, text: str) -> bool:
        """Used by the cleaner: a line that opens a turn is never furniture."""
        label = self.candidate(text)
        return label is not None and self.resolve(label) is not None


def segment(
    cleaned: Cleaned, meta: Sidecar, resolver: LabelResolver, root=None, source_path=None
) -> tuple[tuple[Block, ...], tuple[Turn, ...]]:
    shown = display_path(meta.path, root)
    source_shown = display_path(source_path or meta.path.with_suffix(".txt"), root)
    speakers = {s.person for s in meta.speakers}
    narration_lines = {o.line for o in getattr(meta, "narration", ())}
    errors: list[InputError] = []
    blocks: list[Block] = []
    turns: list[Turn] = []
    pending: Turn | None = None  # a label alone on its line waits for its first paragraph
    pending_line = 0

    labelled = {}
    for line in cleaned.kept:
        label = resolver.candidate(line.text, cleaned.hints.get(line.no))
        if label is not None:
            labelled[line.no] = label
    if meta.main_speaker_given or not labelled:
        opening = meta.main_speaker  # the sidecar's word, or a capture with no labels at all
    else:
        opening = None  # the text before the first label is the publisher's: a lead, a place line

    def new_turn(person: str | None, label: str | None, question: bool = False, anonymous: str | None = None) -> Turn:
        turn = Turn(len(turns), person, label, question, anonymous)
        turns.append(turn)
        return turn

    for line in cleaned.kept:
        text = line.text
        if is_section_break(text):
            blocks.append(Block("break", line.no, text))
            continue
        label = labelled.get(line.no)
        if label is not None:
            resolved = resolver.resolve(label)
            if resolved is None:
                errors.append(
                    InputError(
                        f"{source_shown}",
                        f"line {line.no}",
                        "a speaker label known to transcripts/people.yml (add the spelling to a "
                        f"person's aliases), a role label under a speaker's 'labels', an anonymous voice under "
                        f"'anonymous', or a line listed under not_speaker_labels in {shown}",
                        shorten(label.printed),
                    )
                )
                continue
            person, question, anonymous = resolved
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
            turn = new_turn(person, label.printed, question, anonymous)
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
        hint = cleaned.hints.get(line.no)
        rule = "curated-narration" if line.no in narration_lines else narration_rule(text, hint)
        if rule is None and is_heading(text, hint, cleaned.marked):
            blocks.append(Block("heading", line.no, text))
            continue
        if is_report(meta.kind):  # all of a report is its narration (quotations: quotes.py)
            blocks.append(Block("paragraph", line.no, text, None))
            continue
        if rule is None and not turns and opening is None:
            rule = "lead"
        if rule is not None:
            blocks.append(Block("paragraph", line.no, text, None, narration=rule))
            continue
        if not turns and opening:  # the opening statement, or a speech's whole text
            new_turn(opening, None)
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
