"""Context rules: furniture known by where it stands in the capture, not by its words alone.

Each rule named in ``rules.py`` (where its reason, examples and counter-examples are) is a pass:
a function that reads the capture's state (``Capture``) and returns what it removes, ``{unit:
rule}``. ``PASSES`` lists this module's rules in the order they run, and ``run`` is the driver
that runs a list of passes, adding each pass's removals to the capture before the next one reads
it; ``clean.py`` runs the whole cleaning the same way, these passes among its own. A unit another
rule has already removed keeps that rule, unless a pass says otherwise (after the text, a 'Topics'
heading opens a tag block). A unit no rule explains is kept.

No pass compares each unit with all the others: cleaning a capture takes work in proportion to
its length (``tests/test_context_rules.py`` counts it).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from diparchive.clean.rules import RELATED
from diparchive.text import is_sentence, more_words_than, words

TAG_HEADINGS = re.compile(
    r"^(?:geography|topics|persons|people|tags|keywords|categories|subjects|themes|countries|regions|"
    r"related\s+(?:people|persons|topics|countries)|география|темы|персоны|теги)\s*:?$",
    re.IGNORECASE,
)
RELATED_HEADING = re.compile(rf"^(?:{RELATED})\s*:?$", re.IGNORECASE | re.VERBOSE)
PERSONAL = re.compile(
    r"\b(?:I|me|my|we|us|our|you|your|I'm|I’m|we're|we’re|let's|let’s|thank|thanks|please)\b", re.IGNORECASE
)
FINITE = re.compile(
    r"\b(?:is|are|was|were|am|be|been|will|would|shall|should|can|could|may|might|must|has|have|had|do|does|did|"
    r"said|says|say|think|know|want|need|believe|hope|agree|agreed|discussed|noted|stressed|met|held)\b",
    re.IGNORECASE,
)
PREPOSITION_CAPTION = re.compile(r"^(?:at|with|during|before|after|following|prior\s+to|on\s+the\s+sidelines\s+of)\s+\S", re.IGNORECASE)
SMALL = {"of", "the", "and", "for", "to", "in", "on", "at", "with", "a", "an", "de", "von", "van", "der", "la", "le", "du", "by"}
TIME = re.compile(r"^\d{1,2}[:.]\d{2}")
INTRODUCES = re.compile(r"^\S+(?:\s+\S+){2,}:$")
"""Three words or more ending in a colon ('The telegram of congratulations says:') introduce
what follows: the text has begun."""


DATED = frozenset({"bare-date", "bare-timestamp"})
"""The line rules that name a date line or a time line."""


def caption_shaped(text: str) -> bool:
    """A picture's caption as select-all text gives it: one short phrase ending in a full stop,
    naming who or where (``With Sberbank CEO German Gref.``, ``At the meeting with …``,
    ``Federal Chancellor of Germany Angela Merkel.``), with no verb of speech, no person speaking
    (I, we, you), no comma, and either opening with a preposition of place and time or made of
    capitalised words."""
    if not text.endswith(".") or text.endswith("..") or more_words_than(text, 25):
        return False
    body = text[:-1]
    tokens = words(body)
    if len(tokens) < 3 or any(ch in body for ch in ",;:?!\"“”«»()–—") or "." in body.replace("Mr.", "").replace("Ms.", "").replace("Dr.", ""):
        return False  # no clause of its own, no 'Name – Country.' pair of a list
    if PERSONAL.search(body) or FINITE.search(body):
        return False
    if PREPOSITION_CAPTION.match(body):
        return not any(t.endswith("ed") and t.islower() and len(t) > 4 for t in tokens)  # '… issued a joint statement.' tells
    content = [t for t in tokens if t.lower() not in SMALL]
    capitalised = sum(1 for t in content if t[0].isupper())
    return bool(content) and capitalised == len(content) and tokens[0][0].isupper()


# --------------------------------------------------------------------------- the state and the driver


@dataclass
class Capture:
    """A capture as the cleaning rules read it, and what they have removed so far.

    Units are named by their first lines. ``removed`` is what changes while the rules run: the
    driver (``run``) adds each pass's removals to it. ``first_spoken`` is set by the driver before
    the first of this module's rules runs."""

    order: list[int]
    """The first lines of the capture's non-blank units, in ascending order."""
    lines: dict[int, str]
    """Each unit's text (normalised), by its first line; blank units too."""
    is_label: Callable[[str], bool]
    """Does a text open with a speaker label? A unit that opens a turn is never furniture."""
    hints: dict[int, str] = field(default_factory=dict)
    """What the capture's structure says a unit is ('caption', 'place', 'tag', 'link', 'quote',
    'front-matter', …: ``SourceText.hints``)."""
    header: dict = field(default_factory=dict)
    """What the capture states about itself (``SourceText.header``), such as the line a saved page
    marks its article's body to begin on ('body_line')."""
    headline: tuple[int, ...] = ()
    """The units that are the headline the sidecar records, in the sidecar's order."""
    marked: bool = False
    """The capture's markup says which lines are captions and links (a saved page): no line is
    taken for one by its shape alone ('After the summit the two presidents took a walk.')."""
    ends: dict[int, int] = field(default_factory=dict)
    """Each unit's last line, by its first."""
    curated: tuple[int, ...] = ()
    """The units the sidecar's 'remove' names."""
    credit: int | None = None
    """The unit that is the credit line the sidecar records."""
    removed: dict[int, str] = field(default_factory=dict)
    """Unit -> the rule that removed it."""
    restates: Callable[[str], bool] = lambda text: False
    """Does a text restate the metadata: a listed speaker's byline, the venue's place or site line
    (``clean.restatement``)?"""
    first_spoken: int | None = None
    """Where the text begins for the tag block, the related box and the repeated text: the first
    unit that speaks (a label or a sentence) as the rules before this module's leave the capture;
    0 if none."""


def remembered(is_label: Callable[[str], bool]) -> Callable[[str], bool]:
    """``is_label``, asked once a text: the rules ask it of a unit several times."""
    answers: dict[str, bool] = {}

    def label(text: str) -> bool:
        answer = answers.get(text)
        if answer is None:
            answer = answers[text] = is_label(text)
        return answer

    return label


Pass = Callable[[Capture], dict[int, str]]
"""A rule as a pass: it reads the capture and returns what it removes, ``{unit: rule}``."""


def text_begins(capture: Capture) -> int:
    """The first unit not removed that is a label or a sentence; 0 if none."""
    lines, removed, is_label = capture.lines, capture.removed, capture.is_label
    return next((no for no in capture.order if no not in removed and (is_label(lines[no]) or is_sentence(lines[no]))), 0)


def run(capture: Capture, passes: tuple[tuple[str, Pass], ...]) -> None:
    """Run ``passes`` in their order on ``capture``: each pass's removals join ``capture.removed``
    before the next pass reads it. Where the text begins is read once, before the first of this
    module's rules: a caption or a header line that they remove does not move it."""
    for name, rule in passes:
        if capture.first_spoken is None and name in CONTEXT:
            capture.first_spoken = text_begins(capture)
        capture.removed.update(rule(capture))


def apply(capture: Capture) -> None:
    """Apply this module's rules (``PASSES``), in their order, to a capture that the rules of its
    structure and the line rules have been through."""
    run(capture, PASSES)


def _first_spoken(capture: Capture) -> int:
    return capture.first_spoken if capture.first_spoken is not None else text_begins(capture)


def _starts(capture: Capture) -> list[int]:
    """Where the article may begin: after the headline's units and the YAML header's lines."""
    return sorted(set(capture.headline) | {no for no in capture.order if capture.hints.get(no) == "front-matter"})


# --------------------------------------------------------------------------- the passes


def picture_caption(capture: Capture) -> dict[int, str]:
    """What the page marks as a caption (a <figcaption>, the text beside a picture in its block, a
    figure block's words), even where it reads as a label; in text without markup, a
    caption-shaped line alone between paragraphs. An image's alternative text proves nothing: a
    page may give a paragraph's words as one."""
    order, lines, hints, removed, is_label = capture.order, capture.lines, capture.hints, capture.removed, capture.is_label
    found: dict[int, str] = {}
    between = False  # a kept unit that reads as a sentence came before: the text has begun
    for index, no in enumerate(order):
        if no not in removed and hints.get(no) == "caption":
            found[no] = "picture-caption"  # '… Alexander Burkov. Photo: RIA Novosti' is no label
            continue
        if no in removed or is_label(lines[no]):
            between = between or (no not in removed and is_sentence(lines[no]))
            continue
        text = lines[no]
        if (
            not capture.marked
            and caption_shaped(text)
            and between  # a caption sits after the text has begun, between its paragraphs
            and not any(caption_shaped(lines[n]) for n in order[max(index - 1, 0) : index + 2] if n != no)  # a run of such lines is a list (of appointees, say)
        ):
            found[no] = "picture-caption"
        between = between or (no not in found and is_sentence(text))
    return found


def article_header(capture: Capture) -> dict[int, str]:
    """The line a saved page marks as its item's place (p-location), whatever its shape; after the
    capture's headline or its YAML header, the lines before the first sentence that are not
    sentences: a category link, the date, the time, the place. Where a saved page marks its
    article's body (articleBody, e-content), the header ends there."""
    order, lines, removed, is_label = capture.order, capture.lines, capture.removed, capture.is_label
    found = {no: "article-header" for no in order if no not in removed and capture.hints.get(no) == "place"}
    body_line = capture.header.get("body_line") if capture.marked and isinstance(capture.header.get("body_line"), int) else None
    starts = _starts(capture)
    if not starts:
        return found
    begin = max(starts)
    lead_allowed = True  # a lead may stand between the headline and the date line
    after_date = False  # a place line follows the date ('The Kremlin, Moscow.', 'Moscow region, Gorki')
    for index, no in enumerate(order):
        if body_line is not None and no >= body_line:
            break  # the page marks where its article's body begins: the header is over
        if no <= begin or no in removed or no in found:
            if no > begin and removed.get(no) in DATED:
                lead_allowed, after_date = False, True  # the date line ends the lead's place
            continue
        if is_label(lines[no]) or INTRODUCES.search(lines[no]):
            break  # the text begins: a speaker, or words introducing a quotation
        if is_sentence(lines[no]) and not (after_date and _place_like(lines[no].rstrip("."))):
            if not lead_allowed or not any(removed.get(n) in DATED for n in order[index + 1 : index + 4]):
                break
            continue  # a paragraph of the lead: a date or a time line is among the next three units
        if not _place_like(lines[no]):
            break  # a heading of the text ('Speech at a ceremony presenting state decorations')
        found[no] = "article-header"
    return found


def tag_block(capture: Capture) -> dict[int, str]:
    """A heading word (Topics, Persons, Geography …) followed by short names, once the text has
    begun; the block ends at the first sentence. A link the page marks as a tag."""
    lines, hints, removed, is_label = capture.lines, capture.hints, capture.removed, capture.is_label
    first_spoken = _first_spoken(capture)
    found: dict[int, str] = {}
    in_block = False
    for no in capture.order:
        text = lines[no]
        if no > first_spoken and TAG_HEADINGS.match(text) and removed.get(no, "related-content") == "related-content":
            in_block = True  # 'Topics' is also a related-content heading: here it opens a tag block
            found[no] = "tag-block"
            continue
        if in_block:
            if is_sentence(text) or is_label(text) or more_words_than(text, 6):
                in_block = False
            elif no not in removed:
                found[no] = "tag-block"
        if hints.get(no) == "tag" and no not in removed and no not in found:
            found[no] = "tag-block"
    return found


def related_box(capture: Capture) -> dict[int, str]:
    """A "See also" / "Related" box inside the text: its heading (named related-content), then the
    titles and dates of the pages it links to, up to the next sentence; on a saved page, the lines
    it marks as links. (After the text, a box is the page's footer: page-footer.)"""
    order, lines, hints, removed, is_label = capture.order, capture.lines, capture.hints, capture.removed, capture.is_label
    first_spoken = _first_spoken(capture)
    found: dict[int, str] = {}
    in_box = False
    last_spoken = max((no for no in order if no not in removed and (is_label(lines[no]) or is_sentence(lines[no]))), default=0)
    for index, no in enumerate(order):
        text = lines[no]
        if no >= last_spoken and not in_box:
            break  # after the text, a box is part of the page's footer (rule page-footer)
        if no > first_spoken and RELATED_HEADING.match(text) and not is_label(text):
            in_box = True
            if no not in removed:
                found[no] = "related-content"
            continue
        if in_box:  # the box: the titles of the pages it links to, each followed by its date
            if removed.get(no) in DATED:
                continue
            if capture.marked:  # a saved page says which lines are links: those are the box, dated or not
                if hints.get(no) != "link":
                    in_box = False
                elif no not in removed:
                    found[no] = "related-box"
                continue
            if is_label(text) or not _dated_title(capture, index):
                in_box = False
            elif no not in removed:
                found[no] = "related-box"
    return found


def repeated_text(capture: Capture) -> dict[int, str]:
    """Words the page prints twice: the headline again, the lead again as a caption, a passage it
    sets apart as a quotation whose words stand in the text, and a pull quote that repeats a
    longer kept unit. The second print goes; the words stay where they were said."""
    found: dict[int, str] = {}
    _headline_again(capture, found)
    lead_until = _lead_again(capture, found)
    _quotations(capture, found)
    _pull_quotes(capture, found, lead_until)
    return found


PASSES: tuple[tuple[str, Pass], ...] = (
    ("picture-caption", picture_caption),
    ("article-header", article_header),
    ("tag-block", tag_block),
    ("related-box", related_box),
    ("repeated-text", repeated_text),
)
"""This module's rules, in the order they run: captions first, so that a caption is never taken
for the lead or a header line; the repeated text last, among the units all others keep."""
CONTEXT = frozenset(name for name, _ in PASSES)


# --------------------------------------------------------------------------- repeated text


def _headline_again(capture: Capture, found: dict[int, str]) -> None:
    """The headline again (a share box's preview repeats it after the text)."""
    lines, removed = capture.lines, capture.removed
    titles = {lines[no] for no in capture.headline}
    for no in capture.order:
        if no not in removed and no not in capture.headline and lines[no] in titles:
            found[no] = "repeated-text"


def _lead_again(capture: Capture, found: dict[int, str]) -> int:
    """The lead (eight words or more) again word for word after the article header, as a photo's
    caption, alone or with a short caption after it: the later ones go. Returns the unit the lead
    stands before, the first date or time line after the headline (0 if none)."""
    order, lines, removed = capture.order, capture.lines, capture.removed
    starts = _starts(capture)
    body_from = max(starts) if starts else 0  # the site's header (above the headline) repeats what it likes
    lead_until = next((no for no in order if no > body_from and removed.get(no) in DATED), 0)
    leads = {lines[no] for no in order if body_from < no < lead_until and no not in removed and no not in found and more_words_than(lines[no], 7)}
    if not leads:
        return lead_until
    shortest = min(len(lead) for lead in leads)
    by_start: dict[str, list[str]] = defaultdict(list)  # a unit that starts with a lead starts with its first characters
    for lead in leads:
        by_start[lead[:shortest]].append(lead)
    for no in order:  # a speaker may say a sentence twice; only the lead's words come back as captions
        text = lines[no]
        if no > lead_until and no not in removed and no not in found and any(
            text.startswith(lead) and not more_words_than(text[len(lead):], 15) for lead in by_start.get(text[:shortest], ())
        ):
            found[no] = "repeated-text"
    return lead_until


def _kept_body(capture: Capture, found: dict[int, str]) -> list[int]:
    """The units kept so far after the headline (or the YAML header)."""
    starts = _starts(capture)
    body_from = max(starts) if starts else 0
    return [no for no in capture.order if no not in capture.removed and no not in found and no > body_from]


def _quotations(capture: Capture, found: dict[int, str]) -> None:
    """A passage the page sets apart as a quotation (<blockquote>) whose four-word sequences
    mostly stand in the text's other units, one or several: a pull quote, which may join
    sentences of two paragraphs and come from afar. Before the other pull quotes, so that it is
    never taken for the paragraph a unit of the text repeats."""
    lines, hints = capture.lines, capture.hints
    first_spoken = _first_spoken(capture)
    kept = _kept_body(capture, found)
    quoted = [no for no in kept if hints.get(no) == "quote" and no > first_spoken and more_words_than(lines[no], 7)]
    if not quoted:
        return
    text_shingles = set().union(*(_shingles(lines[no]) for no in kept if hints.get(no) != "quote"))
    for no in quoted:
        mine = _shingles(lines[no])
        if len(mine & text_shingles) >= QUOTED_SHARE * len(mine):
            found[no] = "repeated-text"


def _pull_quotes(capture: Capture, found: dict[int, str], lead_until: int) -> None:
    """A pull quote: a unit of eight words or more whose text already stands whole inside one
    longer kept unit near it, or a sentence of ten words or more whose four-word sequences nearly
    all do, with words left out; a passage set apart as a quotation may stand far from the unit
    it quotes. The same words twice, one in quotation marks of its own: that one is the pull
    quote, else the later one. The lead (before the date line) is no source of pull quotes: the
    text may say again what the lead sums up.

    A unit is compared with the units near it, with those of the same words (counted, not
    searched), and, set apart as a quotation, with the units that share its rarest four-word
    sequences: never with every unit of the capture."""
    lines, hints, is_label = capture.lines, capture.hints, capture.is_label
    first_spoken = _first_spoken(capture)
    kept = _kept_body(capture, found)
    lead = {no for no in kept if no < lead_until} if _starts(capture) else set()
    sources = {no: _Source(lines[no]) for no in kept if more_words_than(lines[no], 7) and no not in lead}
    # The sources before a unit are settled, the ones after it not removed yet.
    standing = Counter(source.bare for source in sources.values())  # sources not removed, by their words
    unquoted_before = Counter()  # sources kept before the unit whose line opens with no quotation mark, by their words
    lines_standing = Counter(source.line for source in sources.values())  # sources not removed, by their line
    distinct = {source.line: source for source in sources.values()}
    index: dict[tuple[str, ...], list[_Source]] | None = None  # four-word sequence -> the distinct sources' lines holding it
    for position, no in enumerate(kept):
        repeat = False
        if not (no <= first_spoken or lines[no].rstrip(QUOTES).endswith(("…", "..."))):  # the first words, or a sentence cut off and begun again: speech
            text = _bare(lines[no])  # a pull quote in quotation marks of its own
            if not is_label(text) and more_words_than(text, 7):
                mine = sources[no].shingles if no in sources else _shingles(text)  # the same words: quotation marks and closing punctuation are no words
                if lines[no][:1] in QUOTES:
                    repeat = standing[text] - (no in sources) > 0
                else:
                    repeat = unquoted_before[text] > 0
                repeat = repeat or _near_repeat(capture, no, text, mine, kept, position, sources, found)
                if not repeat and hints.get(no) == "quote":  # set apart by the page (<blockquote>): it may quote loosely, and from afar
                    if index is None:
                        index = defaultdict(list)
                        for source in distinct.values():
                            for shingle in source.shingles:
                                index[shingle].append(source)
                    repeat = _quoted_from_afar(text, mine, index, lines_standing)
        if repeat:
            found[no] = "repeated-text"
            if no in sources:
                standing[sources[no].bare] -= 1
                lines_standing[sources[no].line] -= 1
        elif no in sources and lines[no][:1] not in QUOTES:
            unquoted_before[sources[no].bare] += 1


class _Source:
    """A kept unit that a pull quote may repeat: its line, its words without quotation marks of
    their own or closing punctuation, and its four-word sequences."""

    __slots__ = ("line", "bare", "shingles")

    def __init__(self, line: str) -> None:
        self.line = line
        self.bare = _bare(line)
        self.shingles = _shingles(line)


def _bare(text: str) -> str:
    return text.strip(QUOTES).rstrip(".!?…").strip(QUOTES)


def _near_repeat(capture: Capture, no: int, text: str, mine: set, kept: list[int], position: int, sources: dict, found: dict) -> bool:
    """Does a longer source within reach hold ``text`` whole, or, for a sentence of ten words or
    more, nearly all its four-word sequences with words left out?"""
    for other_no in kept[max(position - PULL_QUOTE_REACH, 0) : position + PULL_QUOTE_REACH + 1]:
        source = sources.get(other_no)
        if source is None or other_no == no or other_no in found or source.bare == text or len(source.bare) <= len(text):
            continue
        if text in source.bare:
            return True
        if (is_sentence(capture.lines[no].rstrip(QUOTES)) and more_words_than(text, REPEATED_FUZZY_WORDS - 1)
                and len(mine & source.shingles) / len(mine) >= REPEATED_SHARE  # an edited quotation, not a heading …
                and more_words_than(source.bare, len(words(text)))):  # … that leaves words out: the same words again, punctuated otherwise, are the text's own
            return True
    return False


def _quoted_from_afar(text: str, mine: set, index: dict, lines_standing: Counter) -> bool:
    """Does a longer source anywhere, not removed, hold ``QUOTED_SHARE`` of ``mine``? Such a
    source holds one at least of any ``len(mine) - needed + 1`` of them: only the sources that
    hold the rarest are compared."""
    needed = math.ceil(QUOTED_SHARE * len(mine))
    rarest = sorted(mine, key=lambda shingle: len(index.get(shingle, ())))[: len(mine) - needed + 1]
    seen = set()
    for shingle in rarest:
        for source in index.get(shingle, ()):
            if source.line in seen:
                continue
            seen.add(source.line)
            if (lines_standing[source.line] > 0 and source.bare != text and len(source.bare) > len(text)
                    and len(mine & source.shingles) >= QUOTED_SHARE * len(mine)):
                return True
    return False


PULL_QUOTE_REACH = 3
"""A pull quote stands within this many units of the paragraph it repeats (measured: 1 or 2);
the same words further away are the speaker's own repetition (one Address repeats a sentence 86
paragraphs later)."""
QUOTED_SHARE = 0.5
"""A <blockquote> is a pull quote when half its four-word sequences stand in one paragraph."""
QUOTES = "\"“”„«»‘’'‹› "
REPEATED_SHARE = 0.85
REPEATED_FUZZY_WORDS = 10
"""A sentence of at least this many words is a repeat (an edited pull quote) when this share of
its four-word sequences stands in one longer unit; a shorter one only when it stands there whole.
Measured on kremlin.ru pages: edited pull quotes share 88-100 %; a lead that paraphrases the text
79 %, a speaker's 'We are very happy to see you, welcome.' 80 % of a later sentence."""


def _shingles(text: str) -> set[tuple[str, ...]]:
    tokens = [w.casefold() for w in words(text)]
    return {tuple(tokens[i : i + 4]) for i in range(max(len(tokens) - 3, 1))}


def _place_like(text: str) -> bool:
    """A section link or a place line: a few words, each capitalised but the small ones
    ('Events', 'Novo-Ogaryovo, Moscow Region', 'South Court Auditorium', 'Via Teleconference'), or
    four at most with one common noun among the names ('Moscow region, Gorki')."""
    if text[0] in QUOTES or text.endswith((",", ";", ":")):
        return False  # '“Mr Prime Minister,': a letter's salutation, the text itself
    tokens = words(text)
    content = [t for t in tokens if t.lower() not in SMALL]
    lower = [t for t in content if not (t[0].isupper() or t[0].isdigit())]
    return 0 < len(tokens) <= 8 and (not lower or (len(tokens) <= 4 and len(lower) == 1 and "," in text))


def _dated_title(capture: Capture, index: int) -> bool:
    """A linked page's title, followed by its date: still the box ('Friends, colleagues,' after a
    box, followed by the speech, is the text again)."""
    order = capture.order
    return index + 1 < len(order) and not more_words_than(capture.lines[order[index]], 20) and capture.removed.get(order[index + 1]) in DATED
