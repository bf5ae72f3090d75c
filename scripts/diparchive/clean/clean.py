"""Separate the transcript's words from page furniture, line by line, accounting for every removal.

Like jusText, the cleaner classifies before it deletes: each non-blank source line is either kept
or leaves with a ``Removal`` naming the rule (see ``rules.py``). A line that no rule explains is
kept. Typography is normalised without changing words: white-space variants become one space,
invisible characters (zero-width space, soft hyphen, BOM) go; curly quotes and all letters stay.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from diparchive.clean import context
from diparchive.clean.context import Capture
from diparchive.infra.errors import BuildFailed, InputError, display_path, shorten
from diparchive.model import Cleaned, Line, Removal, Sidecar, SourceText
from diparchive.clean.rules import first_line_rule
from diparchive.text import is_sentence
from diparchive.clean.shape import Layout, layout as shape_of, normalise

log = logging.getLogger(__name__)

CLOSING_TIME = re.compile(r"^\d{1,2}[:.]\d{2}\s*[AP]\.?\s?M\.?(?:\s+[A-Z]{2,4})?$")

__all__ = ["clean", "normalise"]


def clean(
    source: SourceText, meta: Sidecar, is_label: Callable[[str], bool], root=None, layout: Layout | None = None, names: tuple[str, ...] = ()
) -> Cleaned:
    """Return the kept units and a Removal for every other one. A unit is a line, or in a
    hard-wrapped capture a paragraph of several lines (``shape.py``); it is named by its first.
    The lines the sidecar names are checked first; then the rules run in the order of ``PASSES``;
    last, the lines the curator keeps are kept whatever rule removed them. ``names`` are the
    names (and other spellings) of the sidecar's speakers, as the registry gives them: a line
    before the first turn that is a speaker's byline restates the metadata (``header_line``)."""
    shown = display_path(source.path, root)
    meta_shown = display_path(meta.path, root)
    layout = layout or shape_of(source)
    lines = {u.no: u.text for u in layout.units}
    ends = {u.no: u.end or u.no for u in layout.units}
    nonblank = [u.no for u in layout.units if u.text]
    errors: list[InputError] = []

    def check_override(kind: str, line: int) -> bool:
        if line not in lines or not lines[line]:
            inside = next((no for no in nonblank if no < line <= ends[no]), None)
            found = (
                f"line {line} inside the paragraph that starts on line {inside} (name its first line)" if inside
                else "past the end of the source" if line > len(source.lines) else "a blank line"
            )
            errors.append(InputError(meta_shown, f"field '{kind}' (line {line} of {shown})", "a non-blank source line", found))
            return False
        return True

    # Curated decisions come first: a person's word outranks any rule.
    curated = tuple(o.line for o in meta.remove if check_override("remove", o.line))
    kept_by_curator = {o.line for o in meta.keep if check_override("keep", o.line)}

    # The capture's own headline and credit line, recorded verbatim in the metadata.
    headline: list[int] = []
    for index, text in enumerate(meta.source.headline):
        wanted = normalise(text)
        taken = set(curated) | set(headline)
        match = next((no for no in nonblank if lines[no] == wanted and no not in taken), None)
        if match is None:
            errors.append(InputError(meta_shown, f"field 'source.headline[{index}]'", f"a line of {shown}", f"{shorten(text)} nowhere in it"))
        else:
            headline.append(match)
    credit = None
    if meta.source.credit_line:
        wanted = normalise(meta.source.credit_line)
        credit = next((no for no in nonblank if lines[no] == wanted), None)
        if credit is None:
            errors.append(InputError(meta_shown, "field 'source.credit_line'", f"a line of {shown}", f"{shorten(meta.source.credit_line)} nowhere in it"))
    if errors:
        raise BuildFailed(errors)

    capture = Capture(
        order=nonblank, lines=lines, is_label=context.remembered(is_label), hints=layout.hints or {}, header=source.header, headline=tuple(headline),
        marked=source.form == "html", ends=ends, curated=curated, credit=credit, restates=restatement(meta, names),
    )
    context.run(capture, PASSES)
    removed = capture.removed

    for no in sorted(kept_by_curator):
        if no in removed:
            log.info("%s: line %d kept by the curator despite rule '%s'", meta_shown, no, removed.pop(no))
        else:
            log.warning("%s: field 'keep' names line %d, which no rule removes", meta_shown, no)

    kept = tuple(Line(no, lines[no], ends[no]) for no in nonblank if no not in removed)
    removals = tuple(Removal(no, lines[no], removed[no], ends[no]) for no in sorted(removed))
    hints = {line.no: capture.hints[line.no] for line in kept if line.no in capture.hints}
    return Cleaned(kept=kept, removals=removals, hints=hints, marked=capture.marked)


# --------------------------------------------------------------------------- the passes


def curated_removal(capture: Capture) -> dict[int, str]:
    """The lines the sidecar's 'remove' names."""
    return {no: "curated-removal" for no in capture.curated}


def source_headline(capture: Capture) -> dict[int, str]:
    """The capture's headline, as the sidecar records it."""
    return {no: "source-headline" for no in capture.headline}


def source_credit(capture: Capture) -> dict[int, str]:
    """The credit line the sidecar records (the line rule source-credit finds the others)."""
    return {} if capture.credit is None else {capture.credit: "source-credit"}


def front_matter(capture: Capture) -> dict[int, str]:
    """What the capture's structure says is not text: a Markdown capture's YAML header."""
    return {no: "front-matter" for no in capture.order if capture.hints.get(no) == "front-matter" and no not in capture.removed}


def line_rules(capture: Capture) -> dict[int, str]:
    """Furniture recognisable on its own, each unit named by the first line rule that recognises
    it (``rules.LINE_RULES``); a unit that opens a turn is never furniture. The closing time of a
    transcript ('6:19 P.M. EST', 'END 1:42 P.M.') is the publisher's narration of when it ended:
    kept (segment.py shows it as narration), not a page's stamp."""
    lines, removed, is_label = capture.lines, capture.removed, capture.is_label
    found: dict[int, str] = {}
    for no in capture.order:
        if no in removed or is_label(lines[no]):
            continue
        rule = first_line_rule(lines[no])
        if rule is not None:
            found[no] = rule.name
    # the last unit, a press office's end mark after it set aside ('12:20 P.M. EDT', then '###')
    last = next((no for no in reversed(capture.order) if no not in removed and found.get(no) != "end-mark"), None)
    if last is not None and found.get(last) == "bare-timestamp" and CLOSING_TIME.match(lines[last]):
        del found[last]
    return found


def _key(text: str) -> str:
    """A line as it is compared with the metadata: case, spacing, the apostrophe's form and the
    end punctuation and a space before a comma set aside."""
    return re.sub(r"\s+", " ", text.replace("’", "'")).replace(" ,", ",").strip().rstrip(".:;,").strip().casefold()


MEDIUM = re.compile(r"^(?:Via|By)\s+(?:Tele(?:conference|phone)|Video\s*(?:conference|link|call)?|Phone|Zoom|Webex)$|^Virtual(?:ly)?$", re.I)
"""A header line of how the event was held: 'Via Teleconference', 'By Telephone', 'Virtual'."""
DESK = re.compile(r"^(?:Office|Bureau)\s+of\s+(?:the\s+)?(?:Spokesperson|Press\s+Secretary|Public\s+Affairs|Communications|Global\s+Public\s+Affairs)$|^(?:The\s+)?Press\s+Office$", re.I)
"""A header line of the publisher's desk that issued the transcript: 'Office of the Spokesperson'."""


HONORIFICS = frozenset("dr dr. sheikh sheikha his her excellency h.e. mr mr. mrs mrs. ms ms. sir dame lord lady hon. honorable".split())
"""Words of address before a name, left out of it ('Sheikh Dr. Ahmed Nasser Al-Sabah')."""
RANKS_OF_ADDRESS = frozenset("ambassador amb. prof. professor general admiral".split())
"""A rank a byline may print before the name it belongs to ('Ambassador Bonnie Denise Jenkins')."""


def unaddressed(name: str) -> str:
    """A name without the words of address or rank before it ('Ambassador Bonnie Denise Jenkins',
    'Dr. Anthony Wutoh'): the person's name, as a registry keeps it. Two words are always left."""
    words = name.split()
    while len(words) > 2 and words[0].casefold() in HONORIFICS | RANKS_OF_ADDRESS:
        words = words[1:]
    return " ".join(words)


def _bare(key: str) -> str:
    """A compared line without its separators: commas, a '|' between a site and its city, the
    full stops of an abbreviation ('Washington, DC' is 'Washington, D.C.')."""
    return " ".join(key.replace(",", " ").replace("|", " ").replace(".", "").split())


SMALL_WORDS = frozenset({"of", "the", "for", "and", "to", "on", "in", "at", "de", "du", "von", "van", "der", "la", "le", "a", "an"})


def office_shaped(text: str) -> bool:
    """An office as a byline gives it after the name ('Secretary of State', 'Greenlandic Foreign
    Minister', 'U.S. Ambassador to the United Nations'): a few words, each capitalised or a small
    word, no sentence."""
    words = text.strip().rstrip(".").split()
    if not 1 <= len(words) <= 12 or any(ch in text for ch in "?!;:\"“”"):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower().strip("(),") in SMALL_WORDS for w in words) and words[0][0].isupper()


def restatement(meta: Sidecar, names: tuple[str, ...]) -> Callable[[str], bool]:
    """Whether a line restates the sidecar: a listed speaker's name alone, with an office after a
    comma ('Antony J. Blinken, Secretary of State') or before it ('French Foreign Minister Jean-Yves
    Le Drian'); the venue's place, city and country, any of
    them in that order, with commas ('Kangerlussuaq, Greenland', 'NATO Headquarters', 'The
    Kremlin, Moscow'), or the city with a region after it ('Washington, D.C.'); the event's name
    on a line of its own. A byline's words of address or rank before the name are no part of it
    ('Ambassador Bonnie Denise Jenkins, Under Secretary …')."""
    venue = [part for part in (meta.venue.place, meta.venue.city, meta.venue.country) if part]
    forms = {_key(", ".join(venue[i:j])) for i in range(len(venue)) for j in range(i + 1, len(venue) + 1)}
    event = _key(meta.venue.event or "")
    city = _key(meta.venue.city or "")
    people = sorted({_key(n) for n in names if len(n.split()) >= 2}, key=len, reverse=True)

    bare = {_bare(form) for form in forms}

    def restates(text: str) -> bool:
        key = _key(text)
        if not key:
            return False
        if MEDIUM.match(text.strip()) or DESK.match(text.strip()):
            return True  # how it was held ('Via Teleconference'), who issued it ('Office of the Spokesperson')
        if event and key == event and not is_sentence(text.strip()):
            return True  # what was held there, on a line of its own ('U.S.-Japan Economic Policy Consultative Committee'), not a sentence that says it
        if key in forms or _bare(key) in bare:  # the place's lines joined as one ('Aboard Air Force One En Route Durham, North Carolina')
            return True
        if city and key.startswith(city + ", "):
            region = text.strip()[len(city) + 2:]
            if len(region.split()) <= 3 and office_shaped(region):  # 'D.C.', 'New York', 'Moscow Region'
                return True
        for name in people:
            if key == name:
                return True
            byline = " ".join(unaddressed(text.strip()).split()).replace(" ,", ",")  # 'Ambassador Bonnie Denise Jenkins, Under Secretary …'
            if _key(byline).startswith(name + ", "):
                return office_shaped(byline[len(name) + 2:])
            if key.endswith(" " + name) and office_shaped(text.strip()[: len(text.strip()) - len(name)]):
                return True  # the office, then the name: 'French Foreign Minister Jean-Yves Le Drian'
        return False

    return restates


def header_line(capture: Capture) -> dict[int, str]:
    """Before the first turn, the lines that restate the metadata (``Capture.restates``): the
    speakers' bylines, the place and the site. Read from them into the sidecar, they are not the
    text. The first label, or the first sentence that restates nothing, ends the header."""
    found: dict[int, str] = {}
    for no in capture.order:
        text = capture.lines[no]
        if capture.is_label(text):
            break
        if no in capture.removed:
            continue
        if capture.restates(text):
            found[no] = "header-line"
        elif is_sentence(text):
            break
    return found


def duplicated_caption(capture: Capture) -> dict[int, str]:
    """An image's alternative text followed by the same text as its caption, on the next line."""
    lines, removed = capture.lines, capture.removed
    found: dict[int, str] = {}
    for no in capture.order:
        nxt = capture.ends[no] + 1
        if lines.get(nxt) and lines[nxt] == lines[no] and len(lines[no].split()) >= 3:
            for dup in (no, nxt):
                if dup not in removed:
                    found[dup] = "duplicated-caption"
    return found


def _open_line(capture: Capture, no: int) -> bool:
    """Neither removed, nor a label, nor a sentence: a line of the page around the text."""
    text = capture.lines[no]
    return no not in capture.removed and not capture.is_label(text) and not is_sentence(text)


def page_header(capture: Capture) -> dict[int, str]:
    """Above the capture's headline: the site's header. Without a recorded headline there is no
    telling a site's header from a speech's opening address ("Mr. President,"), so none is cut."""
    header_end = min(capture.headline) if capture.headline else 0
    return {no: "page-header" for no in capture.order if no < header_end and _open_line(capture, no)}


def page_footer(capture: Capture) -> dict[int, str]:
    """After the last sentence, from the first furniture line on: the site's footer."""
    order, lines, removed, is_label = capture.order, capture.lines, capture.removed, capture.is_label

    def introduces(index: int) -> bool:
        """Words introducing what follows ('… signed executive orders appointing:'), followed by a
        kept unit: the text, and so is the list it introduces."""
        return bool(context.INTRODUCES.search(lines[order[index]])) and index + 1 < len(order) and order[index + 1] not in removed

    sentences = [  # a label alone on its line ('… of Russia:') speaks only if words follow: not counted here
        no for index, no in enumerate(order) if no not in removed
        and (is_sentence(lines[no]) or (is_label(lines[no]) and not lines[no].endswith(":")) or introduces(index))
    ]
    last_sentence = sentences[-1] if sentences else 0
    footer_start = next((no for no in order if no > last_sentence and no in removed), None)
    if footer_start is None:
        return {}
    # in the footer, a label with no words after it ('Official Website of …:') is a share box's
    return {
        no: "page-footer" for no in order
        if no > footer_start and (_open_line(capture, no) or (no not in removed and lines[no].endswith(":") and not is_sentence(lines[no])))
    }


PASSES: tuple[tuple[str, context.Pass], ...] = (
    ("curated-removal", curated_removal),  # a person's word outranks any rule
    ("source-headline", source_headline),
    ("source-credit", source_credit),
    ("front-matter", front_matter),
    ("line rules", line_rules),
    ("duplicated-caption", duplicated_caption),
    *context.PASSES,  # the rules of a capture's layout: captions, the article header, tag blocks, boxes, repeats
    ("header-line", header_line),
    ("page-header", page_header),
    ("page-footer", page_footer),
)
"""The cleaning, in the order it runs. Each name is the rule's in ``rules.py``, but 'line rules':
that pass applies every rule of ``rules.LINE_RULES``, and each of its removals is named by its rule."""
