"""Read a source capture into numbered lines, whatever form it came in.

A capture is kept in ``transcripts/`` byte for byte; this stage gives every later one the same
view of it: lines numbered from 1, which are the paragraphs' anchors. Three forms are read:

* ``.txt`` — text as captured (select-all text, a PDF extraction): its lines as an editor shows them.
* ``.md`` — Markdown with a YAML header (``---`` … ``---``): the header's lines stay in place (so
  the body keeps the file's line numbers) and are marked as front matter, its values are read as
  draft metadata; the body is the text.
* ``.html`` — a saved web page, read through one deterministic HTML-to-lines step: the
  ``<body>``'s text in document order, a line break at each block element and ``<br>``, source
  new lines inside a text run read as spaces (as a browser renders them), what a browser would not
  render (``<script>``, ``<style>``, ``hidden`` elements …) left out. Each line remembers the
  structure it came from (a heading, a figure's caption, a tag link, a time) as a *hint* that the
  cleaning rules may use; the page's ``<head>`` (title, ``og:`` and ``itemprop`` values) and its
  images' alternative texts are kept as the capture's header.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .errors import InputError
from .model import SourceText

CONTROL = {c for c in range(32) if c not in (9, 10, 13)} | {127}
CONTROL_CHARACTER = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(CONTROL)) + "]")

FORMS = {".txt": "text", ".md": "markdown", ".html": "html"}
"""Capture file suffixes and the form each is read as."""


def read_source(path: Path, shown: str) -> SourceText:
    """Read one capture; raise InputError naming the file and line when it cannot be read."""
    form = FORMS.get(path.suffix)
    if form is None:
        raise InputError(shown, "file name", "a capture ending in " + ", ".join(FORMS), repr(path.name))
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(shown, "", "a source text file", "no such file") from None
    if not raw.strip():
        raise InputError(shown, "", "the transcript's text", "an empty file" if not raw else "only white space")
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise InputError(shown, f"line {line}", "a text file", "a NUL byte (is this a binary file?)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            shown, f"line {line}, byte {column}", "UTF-8 text", f"the byte 0x{raw[exc.start]:02x}, which is not UTF-8"
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    sha = hashlib.sha256(raw).hexdigest()
    if form == "html":
        from .html_lines import html_lines

        lines, hints, header = html_lines(text, shown)
        return SourceText(path=path, lines=tuple(lines), sha256=sha, form=form, hints=hints, header=header)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    bad = CONTROL_CHARACTER.search(text)
    if bad is not None:
        number = text.count("\n", 0, bad.start()) + 1
        raise InputError(shown, f"line {number}", "printable text", f"the control character U+{ord(bad.group()):04X}")
    if form == "markdown":
        hints, header = front_matter(lines, shown)
        return SourceText(path=path, lines=tuple(lines), sha256=sha, form=form, hints=hints, header=header)
    return SourceText(path=path, lines=tuple(lines), sha256=sha, form=form)


FRONT_MATTER_FENCE = re.compile(r"^---\s*$")
MAX_FRONT_MATTER = 200
"""Lines a Markdown capture's YAML header may take; a longer one is read as text."""


def front_matter(lines: list[str], shown: str) -> tuple[dict[int, str], dict]:
    """The YAML header of a Markdown capture: its lines (fences included) marked 'front-matter',
    and its values as text (draft metadata; nothing in it is trusted, nothing is executed)."""
    if not lines or not FRONT_MATTER_FENCE.match(lines[0]):
        return {}, {}
    end = next((i for i in range(1, min(len(lines), MAX_FRONT_MATTER)) if FRONT_MATTER_FENCE.match(lines[i])), None)
    if end is None:
        return {}, {}
    hints = {no: "front-matter" for no in range(1, end + 2)}
    from .sidecar import load_yaml_text

    try:
        data, _ = load_yaml_text("\n".join(lines[1:end]), f"{shown} (its YAML header)")
    except InputError:
        data = None  # a header that is not our strict YAML is still a header: the text stays out of the body
    header = {str(k): v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}
    return hints, header
