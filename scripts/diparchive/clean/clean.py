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
from diparchive.infra.errors import BuildFailed, InputError, display_path, shorten
from diparchive.model import Cleaned, Line, Removal, Sidecar, SourceText
from diparchive.clean.rules import first_line_rule
from diparchive.text import is_sentence
from diparchive.clean.shape import Layout, layout as shape_of, normalise

log = logging.getLogger(__name__)

CLOSING_TIME = re.compile(r"^\d{1,2}[:.]\d{2}\s*[AP]\.?\s?M\.?\s+[A-Z]{2,4}$")

__all__ = ["clean", "normalise"]


def clean(source: SourceText, meta: Sidecar, is_label: Callable[[str], bool], root=None, layout: Layout | None = None) -> Cleaned:
    """Return the kept units and a Removal for every other one. A unit is a line, or in a
    hard-wrapped capture a paragraph of several lines (``shape.py``); it is named by its first."""
    shown = display_path(source.path, root)
    meta_shown = display_path(meta.path, root)
    layout = layout or shape_of(source)
    lines = {u.no: u.text for u in layout.units}
    ends = {u.no: u.end or u.no for u in layout.units}
    hints = layout.hints or {}
    nonblank = [u.no for u in layout.units if u.text]
    removed: dict[int, str] = {}
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
    for override in meta.remove:
        if check_override("remove", override.line):
            removed[override.line] = "curated-removal"
    kept_by_curator = {o.line for o in meta.keep if check_override("keep", o.line)}

    # The capture's own headline and credit line, recorded verbatim in the metadata.
    headline_lines: list[int] = []
    for index, headline in enumerate(meta.source.headline):
        wanted = normalise(headline)
        match = next((no for no in nonblank if lines[no] == wanted and no not in removed), None)
        if match is None:
            errors.append(InputError(meta_shown, f"field 'source.headline[{index}]'", f"a line of {shown}", f"{shorten(headline)} nowhere in it"))
        else:
            removed[match] = "source-headline"
            headline_lines.append(match)
    if meta.source.credit_line:
        wanted = normalise(meta.source.credit_line)
        match = next((no for no in nonblank if lines[no] == wanted), None)
        if match is None:
            errors.append(InputError(meta_shown, "field 'source.credit_line'", f"a line of {shown}", f"{shorten(meta.source.credit_line)} nowhere in it"))
        else:
            removed[match] = "source-credit"
    if errors:
        raise BuildFailed(errors)

    # What the capture's structure says is not text: a Markdown capture's YAML header.
    for no in nonblank:
        if hints.get(no) == "front-matter":
            removed.setdefault(no, "front-matter")

    # Line rules: furniture recognisable on its own.
    for no in nonblank:
        if no in removed or is_label(lines[no]):
            continue
        rule = first_line_rule(lines[no])
        if rule is not None:
            removed[no] = rule.name

    # The closing time of a transcript ('6:19 P.M. EST', 'END 1:42 P.M.') is the publisher's
    # narration of when it ended: kept (segment.py shows it as narration), not a page's stamp.
    if nonblank and removed.get(nonblank[-1]) == "bare-timestamp" and CLOSING_TIME.match(lines[nonblank[-1]]):
        del removed[nonblank[-1]]

    # An image's alternative text followed by the same text as its caption.
    for no in nonblank:
        nxt = ends[no] + 1
        if lines.get(nxt) and lines[nxt] == lines[no] and len(lines[no].split()) >= 3:
            for dup in (no, nxt):
                removed.setdefault(dup, "duplicated-caption")

    # Rules of a capture's layout: the article header, captions, boxes and tag blocks (context.py).
    context.apply(nonblank, lines, hints, source.header, removed, is_label, set(headline_lines), marked=source.form == "html")

    def open_line(no: int) -> bool:
        return no not in removed and not is_label(lines[no]) and not is_sentence(lines[no])

    # Above the capture's headline: the site's header. Without a recorded headline there is no
    # telling a site's header from a speech's opening address ("Mr. President,"), so none is cut.
    header_end = min(headline_lines) if headline_lines else 0
    for no in nonblank:
        if no < header_end and open_line(no):
            removed[no] = "page-header"

    # After the last sentence, from the first furniture line on: the site's footer.
    def introduces(index: int) -> bool:
        """Words introducing what follows ('… signed executive orders appointing:'), followed by a
        kept unit: the text, and so is the list it introduces."""
        return bool(context.INTRODUCES.search(lines[nonblank[index]])) and index + 1 < len(nonblank) and nonblank[index + 1] not in removed

    sentences = [  # a label alone on its line ('… of Russia:') speaks only if words follow: not counted here
        no for index, no in enumerate(nonblank) if no not in removed
        and (is_sentence(lines[no]) or (is_label(lines[no]) and not lines[no].endswith(":")) or introduces(index))
    ]
    last_sentence = sentences[-1] if sentences else 0
    footer_start = next((no for no in nonblank if no > last_sentence and no in removed), None)
    if footer_start is not None:
        for no in nonblank:
            # in the footer, a label with no words after it ('Official Website of …:') is a share box's
            if no > footer_start and (open_line(no) or (no not in removed and lines[no].endswith(":") and not is_sentence(lines[no]))):
                removed[no] = "page-footer"

    for no in sorted(kept_by_curator):
        if no in removed:
            log.info("%s: line %d kept by the curator despite rule '%s'", meta_shown, no, removed.pop(no))
        else:
            log.warning("%s: field 'keep' names line %d, which no rule removes", meta_shown, no)

    kept = tuple(Line(no, lines[no], ends[no]) for no in nonblank if no not in removed)
    removals = tuple(Removal(no, lines[no], removed[no], ends[no]) for no in sorted(removed))
    return Cleaned(kept=kept, removals=removals)
