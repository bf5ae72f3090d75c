"""The plain, frozen data that flows between the stages of the build.

read -> clean -> segment -> speakers -> render -> write: each stage takes and returns these.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from pathlib import Path

# --------------------------------------------------------------------------- metadata


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day, the month or only the year; nothing invents the rest."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def iso(self) -> str:
        """``2008-12-05``, ``2009-12`` or ``1946``: as precise as known, no more."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @property
    def display(self) -> str:
        """``5 December 2008``, ``December 2009`` or ``1946``."""
        if self.month is None:
            return str(self.year)
        month = calendar.month_name[self.month]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Orders partial dates: a date known to the year sorts before its months."""
        return (self.year, self.month or 0, self.day or 0)


@dataclass(frozen=True)
class Person:
    """One entry of the people registry: identity and the spellings the sources use."""

    id: str
    name: str
    description: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Speaker:
    """A person who speaks in one transcript, with the office they held then."""

    person: str
    role: str | None = None
    country: str | None = None
    """The country they speak for here (a government's or a delegation's), not where they speak."""
    labels: tuple[str, ...] = ()
    """Role labels printed for this speaker in this transcript that are not their name ('THE
    PRESIDENT'): resolved here, per transcript, never through a global alias."""


@dataclass(frozen=True)
class Venue:
    event: str
    city: str | None
    country: str | None
    place: str | None = None
    series: str | None = None

    @property
    def series_name(self) -> str:
        """The recurring event this meeting belongs to ('OSCE Ministerial Council' for the 28th)."""
        return self.series or self.event

    @property
    def display(self) -> str:
        parts = [self.event, self.place, self.city, self.country]
        return ", ".join(part for part in parts if part)


@dataclass(frozen=True)
class Language:
    text: str
    original: str
    translation: str
    translator: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Tags:
    """How the publisher indexes the page: its place, topic and person tags, as printed."""

    geography: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    publisher: str | None
    url: str | None
    credit_line: str | None
    headline: tuple[str, ...]
    capture: str
    added: str
    original_publisher: str | None = None
    original_url: str | None = None
    tags: Tags | None = None


@dataclass(frozen=True)
class Licence:
    status: str
    note: str
    url: str | None = None


@dataclass(frozen=True)
class LineOverride:
    """A curator's decision about one source line, with the reason for it."""

    line: int
    reason: str


@dataclass(frozen=True)
class ThemeOverride:
    """A curator adds or removes a theme for the paragraph starting on source line ``line``."""

    line: int
    theme: str
    action: str  # "add" | "remove"
    reason: str


@dataclass(frozen=True)
class Sidecar:
    """The curated metadata of one transcript (``transcripts/<slug>.yml``)."""

    slug: str
    path: Path
    title: str
    date: PartialDate
    date_basis: str
    kind: str
    venue: Venue
    speakers: tuple[Speaker, ...]
    main_speaker: str | None
    quoted: tuple[str, ...]
    language: Language
    source: Source
    licence: Licence
    summary: str
    keep: tuple[LineOverride, ...] = ()
    remove: tuple[LineOverride, ...] = ()
    not_speaker_labels: tuple[str, ...] = ()
    anonymous: tuple[str, ...] = ()
    narration: tuple[LineOverride, ...] = ()
    draft: tuple[str, ...] = ()
    time: str | None = None
    main_speaker_given: bool = False
    """Whether the sidecar names the main speaker (even as null); if not, the text before the
    first label is the main speaker's only in a capture without labels (segment.py)."""
    theme_overrides: tuple[ThemeOverride, ...] = ()


# --------------------------------------------------------------------------- text


@dataclass(frozen=True)
class SourceText:
    """A source file as read: its lines without line ends, numbered from 1."""

    path: Path
    lines: tuple[str, ...]
    sha256: str
    form: str = "text"
    """How the capture was read: 'text', 'markdown' or 'html' (read.py)."""
    hints: dict[int, str] = field(default_factory=dict)
    """Line number -> what the capture's structure says the line is: 'front-matter', 'heading:1',
    'caption', 'tag', 'link', 'time', 'quote', 'place' (read.py, html_lines.py)."""
    header: dict = field(default_factory=dict)
    """What the capture states about itself outside its text: a Markdown capture's YAML header,
    a web page's title, meta values and images' alternative texts (draft metadata, never trusted),
    and the line a web page marks its article's body to begin on ('body_line')."""


@dataclass(frozen=True)
class Line:
    """A unit of the capture (shape.py): one line, or a hard-wrapped paragraph from line ``no``
    to line ``end``."""

    no: int
    text: str
    end: int = 0


@dataclass(frozen=True)
class Removal:
    """One source line the cleaner took out, and the named rule that did it."""

    line: int
    text: str
    rule: str
    end: int = 0
    """The last source line of the unit removed (a hard-wrapped block has several)."""


@dataclass(frozen=True)
class Cleaned:
    kept: tuple[Line, ...]
    removals: tuple[Removal, ...]
    hints: dict[int, str] = field(default_factory=dict)
    """What the capture's structure says of each kept unit, by its first line ('label', 'italic',
    'bold', 'heading:2', …: ``SourceText.hints``): signals the segmenter reads."""
    marked: bool = False
    """The capture's markup states its structure (a saved page): a section heading is what the
    markup sets apart, never a short line by its shape alone."""


@dataclass(frozen=True)
class Turn:
    """A speaker's turn. ``person`` is a registry id, or None for a question from the floor
    or an unattributed opening; ``label`` is the attribution exactly as printed."""

    index: int
    person: str | None
    label: str | None
    is_question: bool = False
    anonymous: str | None = None
    """For a voice the transcript does not name ('SENIOR ADMINISTRATION OFFICIAL', 'Remark'):
    its label as printed, without the colon. Such a voice is nobody in the registry."""

    def voice(self, people) -> tuple[str, str | None]:
        """(name shown, person id or None): a person, 'Question', or an anonymous voice."""
        if self.is_question:
            return QUESTION, None
        if self.person is None:
            return self.anonymous or UNATTRIBUTED, None
        return people[self.person].name, self.person


QUESTION = "Question"
UNATTRIBUTED = "Unattributed"


@dataclass(frozen=True)
class Block:
    """A paragraph, a section heading or a section break, from source line ``line``."""

    kind: str  # "paragraph" | "heading" | "break"
    line: int
    text: str
    turn: int | None = None
    starts_turn: bool = False
    narration: str | None = None
    """In a transcript with speakers, a paragraph of the publisher's narration (a lead, a stage
    direction, an editorial cut): the name of the rule that says so. Credited to no one."""

    @property
    def anchor(self) -> str:
        """Stable id: the source line the block starts on. Source files never change, so a
        cleaning rule that improves cannot move an anchor to other words."""
        return f"L{self.line}"


@dataclass(frozen=True)
class ThemeTag:
    """A theme on a paragraph: the spans of text that signalled it, or the curator's reason."""

    theme: str
    spans: tuple[tuple[int, int], ...]
    reason: str | None = None


@dataclass(frozen=True)
class Mention:
    """A person, organisation or agreement named in a paragraph, at text[start:end]."""

    entity: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Transcript:
    """Everything the writer needs for one page."""

    meta: Sidecar
    source: SourceText
    blocks: tuple[Block, ...]
    turns: tuple[Turn, ...]
    removals: tuple[Removal, ...] = field(default=())
    themes: dict[int, tuple[ThemeTag, ...]] = field(default_factory=dict)
    mentions: dict[int, tuple[Mention, ...]] = field(default_factory=dict)
    quotes: dict[int, tuple[str, ...]] = field(default_factory=dict)
    """Source line of each narration paragraph of a report -> the people it quotes (quotes.py)."""
    shape: str = ""
    """How the capture was cut into paragraphs, and why (shape.py): for the build report."""

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind == "paragraph")
