"""Context rules: furniture known by where it stands in the capture, not by its words alone.

Each function here applies one rule named in ``rules.py`` (where its reason and examples are) to
the capture's units, adding ``removed[line] = rule`` for each unit it recognises; a unit another
rule has already removed keeps that rule. A unit no rule explains is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable

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


def apply(
    order: list[int],
    lines: dict[int, str],
    hints: dict[int, str],
    header: dict,
    removed: dict[int, str],
    is_label: Callable[[str], bool],
    headline: set[int],
    marked: bool = False,
) -> None:
    """Apply the context rules, in this order, to the units (first line numbers in ``order``).
    ``marked``: the capture's markup says which lines are captions (a saved page), so no line is
    taken for one by its shape alone ('After the summit the two presidents took a walk.')."""
    spoken = [no for no in order if no not in removed and (is_label(lines[no]) or is_sentence(lines[no]))]

    # picture-caption: what the page marks as a caption (a <figcaption>, the text beside a picture
    # in its block, a figure block's words), even where it reads as a label; in text without
    # markup, a caption-shaped line alone between paragraphs. An image's alternative text proves
    # nothing: a page may give a paragraph's words as one.
    between = False  # a kept unit that reads as a sentence came before: the text has begun
    for index, no in enumerate(order):
        if no not in removed and hints.get(no) == "caption":
            removed[no] = "picture-caption"  # '… Alexander Burkov. Photo: RIA Novosti' is no label
            continue
        if no in removed or is_label(lines[no]):
            between = between or (no not in removed and is_sentence(lines[no]))
            continue
        text = lines[no]
        if (
            not marked
            and caption_shaped(text)
            and between  # a caption sits after the text has begun, between its paragraphs
            and not any(caption_shaped(lines[n]) for n in order[max(index - 1, 0) : index + 2] if n != no)  # a run of such lines is a list (of appointees, say)
        ):
            removed[no] = "picture-caption"
        between = between or (no not in removed and is_sentence(text))

    # article-header: the line a saved page marks as its item's place (p-location), whatever its
    # shape; after the capture's headline or its YAML header, the lines before the first sentence
    # that are not sentences: a category link, the date, the time, the place. Where a saved page
    # marks its article's body (articleBody, e-content), the header ends there.
    for no in order:
        if no not in removed and hints.get(no) == "place":
            removed[no] = "article-header"
    body_line = header.get("body_line") if marked and isinstance(header.get("body_line"), int) else None
    starts = sorted(headline | {no for no in order if hints.get(no) == "front-matter"})
    if starts:
        begin = max(starts)
        lead_allowed = True  # a lead may stand between the headline and the date line
        after_date = False  # a place line follows the date ('The Kremlin, Moscow.', 'Moscow region, Gorki')
        for no in order:
            if body_line is not None and no >= body_line:
                break  # the page marks where its article's body begins: the header is over
            if no <= begin or no in removed:
                if no > begin and removed.get(no) in {"bare-date", "bare-timestamp"}:
                    lead_allowed, after_date = False, True  # the date line ends the lead's place
                continue
            if is_label(lines[no]) or INTRODUCES.search(lines[no]):
                break  # the text begins: a speaker, or words introducing a quotation
            if is_sentence(lines[no]) and not (after_date and _place_like(lines[no].rstrip("."))):
                if not lead_allowed or not _date_follows(order, no, lines, removed):
                    break
                continue  # a paragraph of the lead, before the date line
            if not _place_like(lines[no]):
                break  # a heading of the text ('Speech at a ceremony presenting state decorations')
            removed[no] = "article-header"

    # tag-block: a heading word (Topics, Persons, Geography …) followed by short names, once the
    # text has begun; the block ends at the first sentence.
    first_spoken = spoken[0] if spoken else 0
    in_block = False
    for no in order:
        text = lines[no]
        if no > first_spoken and TAG_HEADINGS.match(text) and removed.get(no, "related-content") == "related-content":
            in_block = True  # 'Topics' is also a related-content heading: here it opens a tag block
            removed[no] = "tag-block"
            continue
        if in_block:
            if is_sentence(text) or is_label(text) or more_words_than(text, 6):
                in_block = False
            elif no not in removed:
                removed[no] = "tag-block"
        if hints.get(no) == "tag" and no not in removed:
            removed[no] = "tag-block"

    # related-box: a "See also" / "Related" box inside the text: its heading, then the titles and
    # dates of the pages it links to, up to the next sentence. (After the text: page-footer.)
    in_box = False
    last_spoken = max((no for no in order if no not in removed and (is_label(lines[no]) or is_sentence(lines[no]))), default=0)
    for no in order:
        text = lines[no]
        if no >= last_spoken and not in_box:
            break  # after the text, a box is part of the page's footer (rule page-footer)
        if no > first_spoken and RELATED_HEADING.match(text) and not is_label(text):
            in_box = True
            removed[no] = removed.get(no, "related-content")
            continue
        if in_box:  # the box: the titles of the pages it links to, each followed by its date
            if removed.get(no) in {"bare-date", "bare-timestamp"}:
                continue
            if marked:  # a saved page says which lines are links: those are the box, dated or not
                if hints.get(no) != "link":
                    in_box = False
                elif no not in removed:
                    removed[no] = "related-box"
                continue
            if is_label(text) or not _dated_title(order, no, lines, removed):
                in_box = False
            elif no not in removed:
                removed[no] = "related-box"

    # repeated-text, first the headline again (a share box's preview repeats it after the text)
    titles = {lines[no] for no in headline}
    for no in order:
        if no not in removed and no not in headline and lines[no] in titles:
            removed[no] = "repeated-text"

    # repeated-text: the lead (eight words or more) again word for word after the article header,
    # as a photo's caption: the later ones go.
    body_from = max(starts) if starts else 0  # the site's header (above the headline) repeats what it likes
    dated = [no for no in order if no > body_from and removed.get(no) in {"bare-date", "bare-timestamp"}]
    lead_until = dated[0] if dated else 0  # the lead stands between the headline and the date line
    leads = {lines[no] for no in order if body_from < no < lead_until and no not in removed and more_words_than(lines[no], 7)}
    for no in order:  # a speaker may say a sentence twice; only the lead's words come back as captions
        if no > lead_until and no not in removed and any(
            lines[no].startswith(lead) and not more_words_than(lines[no][len(lead):], 15) for lead in leads
        ):
            removed[no] = "repeated-text"  # the lead, alone or with a short caption after it

    # repeated-text: a passage the page sets apart as a quotation (<blockquote>) whose four-word
    # sequences mostly stand in the text's other units, one or several: a pull quote, which may
    # join sentences of two paragraphs and come from afar. First, so that it is never taken for the
    # paragraph a unit of the text repeats.
    kept = [no for no in order if no not in removed and no > body_from]
    quoted = [no for no in kept if hints.get(no) == "quote" and no > first_spoken and more_words_than(lines[no], 7)]
    text_shingles = set().union(*(_shingles(lines[no]) for no in kept if hints.get(no) != "quote")) if quoted else set()
    for no in quoted:
        mine = _shingles(lines[no])
        if len(mine & text_shingles) >= QUOTED_SHARE * len(mine):
            removed[no] = "repeated-text"

    # repeated-text: a pull quote, a unit of eight words or more whose text already stands whole
    # inside one longer kept unit, or a sentence of ten words or more whose four-word sequences
    # nearly all do, with words left out. The lead (before the date line) is no source of pull
    # quotes: the text may say again what the lead sums up.
    kept = [no for no in kept if no not in removed]
    position = {no: index for index, no in enumerate(kept)}
    lead = {no for no in kept if no < lead_until} if starts else set()
    long_units = [(no, lines[no], _shingles(lines[no])) for no in kept if more_words_than(lines[no], 7) and no not in lead]
    for no in kept:
        if no <= first_spoken or lines[no].rstrip(QUOTES).endswith(("…", "...")):
            continue  # the first words, or a sentence cut off and begun again: speech, not a pull quote
        text = lines[no].strip(QUOTES).rstrip(".!?…").strip(QUOTES)  # a pull quote in quotation marks of its own
        if is_label(text) or not more_words_than(text, 7):
            continue
        mine = _shingles(text)
        quote = hints.get(no) == "quote"  # set apart by the page (<blockquote>): it may quote loosely, and from afar
        for other_no, other, theirs in long_units:
            if other_no == no or other_no in removed:
                continue
            bare = other.strip(QUOTES).rstrip(".!?…").strip(QUOTES)
            if bare == text:  # the same words twice, one in quotation marks of its own: that one is the pull quote
                if lines[no][:1] in QUOTES or (other[:1] not in QUOTES and no > other_no):
                    removed[no] = "repeated-text"
                    break
                continue
            other = bare
            near = abs(position[other_no] - position[no]) <= PULL_QUOTE_REACH
            share = len(mine & theirs) / len(mine)
            fuzzy = (is_sentence(lines[no].rstrip(QUOTES)) and more_words_than(text, REPEATED_FUZZY_WORDS - 1)
                     and share >= REPEATED_SHARE  # an edited quotation, not a heading …
                     and more_words_than(other, len(words(text))))  # … that leaves words out: the same words again, punctuated otherwise, are the text's own
            if len(other) > len(text) and ((near and (text in other or fuzzy)) or (quote and share >= QUOTED_SHARE)):
                removed[no] = "repeated-text"
                break


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


def _date_follows(order: list[int], no: int, lines: dict[int, str], removed: dict[int, str]) -> bool:
    """Is the unit after ``no`` a date or a time line (the article header goes on past a lead)?"""
    later = [n for n in order if n > no][:3]
    return any(removed.get(n) in {"bare-date", "bare-timestamp"} for n in later)


def _dated_title(order: list[int], no: int, lines: dict[int, str], removed: dict[int, str]) -> bool:
    """A linked page's title, followed by its date: still the box ('Friends, colleagues,' after a
    box, followed by the speech, is the text again)."""
    later = [n for n in order if n > no]
    return bool(later) and not more_words_than(lines[no], 20) and removed.get(later[0]) in {"bare-date", "bare-timestamp"}
