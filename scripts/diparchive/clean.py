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

from .errors import BuildFailed, InputError, display_path, shorten
from .model import Cleaned, Line, Removal, Sidecar, SourceText
from .rules import first_line_rule, is_sentence

log = logging.getLogger(__name__)

SPACES = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]")


def normalise(line: str) -> str:
    """One line's typography: every run of white space becomes one space, invisible characters go."""
    return SPACES.sub(" ", INVISIBLE.sub("", line)).strip()


def clean(source: SourceText, meta: Sidecar, is_label: Callable[[str], bool], root=None) -> Cleaned:
    """Return the kept lines and a Removal for every other non-blank line."""
    shown = display_path(source.path, root)
    meta_shown = display_path(meta.path, root)
    lines = {no: normalise(text) for no, text in enumerate(source.lines, 1)}
    nonblank = [no for no, text in lines.items() if text]
    removed: dict[int, str] = {}
    errors: list[InputError] = []

    def check_override(kind: str, line: int) -> bool:
        if line not in lines or not lines[line]:
            found = "past the end of the source" if line not in lines else "a blank line"
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

    # Line rules: furniture recognisable on its own.
    for no in nonblank:
        if no in removed or is_label(lines[no]):
            continue
        rule = first_line_rule(lines[no])
        if rule is not None:
            removed[no] = rule.name

    # An image's alternative text followed by the same text as its caption.
    for no in nonblank:
        nxt = no + 1
        if lines.get(nxt) and lines[nxt] == lines[no] and len(lines[no].split()) >= 3:
            for dup in (no, nxt):
                removed.setdefault(dup, "duplicated-caption")

    def open_line(no: int) -> bool:
        return no not in removed and not is_label(lines[no]) and not is_sentence(lines[no])

    # Above the capture's headline: the site's header. Without a recorded headline there is no
    # telling a site's header from a speech's opening address ("Mr. President,"), so none is cut.
    header_end = min(headline_lines) if headline_lines else 0
    for no in nonblank:
        if no < header_end and open_line(no):
            removed[no] = "page-header"

    # After the last sentence, from the first furniture line on: the site's footer.
    sentences = [no for no in nonblank if no not in removed and (is_sentence(lines[no]) or is_label(lines[no]))]
    last_sentence = sentences[-1] if sentences else 0
    footer_start = next((no for no in nonblank if no > last_sentence and no in removed), None)
    if footer_start is not None:
        for no in nonblank:
            if no > footer_start and open_line(no):
                removed[no] = "page-footer"

    for no in sorted(kept_by_curator):
        if no in removed:
            log.info("%s: line %d kept by the curator despite rule '%s'", meta_shown, no, removed.pop(no))
        else:
            log.warning("%s: field 'keep' names line %d, which no rule removes", meta_shown, no)

    kept = tuple(Line(no, lines[no]) for no in nonblank if no not in removed)
    removals = tuple(Removal(no, lines[no], removed[no]) for no in sorted(removed))
    return Cleaned(kept=kept, removals=removals)
