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
import os
import re
import stat
from pathlib import Path

from diparchive.infra.errors import InputError
from diparchive.text import CONTROL_CHARACTER
from diparchive.model import SourceText


FORMS = {".txt": "text", ".md": "markdown", ".html": "html"}
"""Capture file suffixes and the form each is read as."""


MAX_CAPTURE_BYTES = 5_000_000
"""The largest capture read, in bytes (5 MB), by ``diparchive add`` and by the build alike. The
largest page of the corpora the archive imports takes 356 KB (a Kremlin page; a White House
briefing 105 KB, a UN statement 128 KB), so a real transcript is far below it; a larger file
is refused with its size before it is read, rather than held whole in memory and built for
minutes."""

KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is (``None`` for a regular one)."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in KINDS if test(mode)), "not a regular file")


def check_regular(path: Path, shown: str, what: str) -> os.stat_result | None:
    """Refuse ``path`` if it is there but is no regular file (a directory, a named pipe, a
    device): reading a pipe or a device would wait for ever. Nothing is opened. ``None`` when
    the path leads to nothing (the caller says what is missing)."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError(shown, "", what, exc.strerror or str(exc)) from None
    kind = kind_of(status.st_mode)
    if kind is not None:
        raise InputError(shown, "", what, kind)
    return status


def read_input(path: Path, shown: str, what: str, limit: int = MAX_CAPTURE_BYTES) -> bytes:
    """The bytes of one input file, at most ``limit`` of them. Only a regular file is read (a
    directory, a named pipe, a device is refused by what it is, before it is opened), it is
    opened without blocking, and a file over the limit is refused with its size before it is
    read; ``what`` names what was expected in each message."""
    if check_regular(path, shown, what) is None:
        raise InputError(shown, "", what, "no such file")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise InputError(shown, "", what, "no such file") from None
    except OSError as exc:
        raise InputError(shown, "", what, exc.strerror or str(exc)) from None
    try:
        status = os.fstat(fd)
        kind = kind_of(status.st_mode)  # replaced between the look and the opening
        if kind is not None:
            raise InputError(shown, "", what, kind)
        if status.st_size > limit:
            raise _too_big(shown, what, limit, f"{status.st_size:,} bytes ({status.st_size / 1e6:.1f} MB)")
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # grown since it was looked at
                raise _too_big(shown, what, limit, f"more than {limit:,} bytes")
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(shown, "", what, exc.strerror or str(exc)) from None
    finally:
        os.close(fd)


def _too_big(shown: str, what: str, limit: int, found: str) -> InputError:
    return InputError(shown, "", f"{what} of at most {limit:,} bytes ({limit / 1e6:g} MB)", found)


def read_source(path: Path, shown: str) -> SourceText:
    """Read one capture; raise InputError naming the file and line when it cannot be read."""
    form = FORMS.get(path.suffix)
    if form is None:
        raise InputError(shown, "file name", "a capture ending in " + ", ".join(FORMS), repr(path.name))
    return source_text(path, read_input(path, shown, "a source text file"), shown)


def source_text(path: Path, raw: bytes, shown: str) -> SourceText:
    """A capture's bytes (``raw``, read from ``path``) as numbered lines; raise InputError naming
    the line when they are no text."""
    form = FORMS[path.suffix]
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
        from diparchive.ingest.html_lines import html_lines

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
    from diparchive.ingest.sidecar import load_yaml_text

    try:
        data, _ = load_yaml_text("\n".join(lines[1:end]), f"{shown} (its YAML header)")
    except InputError:
        data = None  # a header that is not our strict YAML is still a header: the text stays out of the body
    header = {str(k): v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}
    return hints, header
