"""Read a source capture: UTF-8 text, split into numbered lines exactly as a text editor shows them."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .errors import InputError
from .model import SourceText

CONTROL = {c for c in range(32) if c not in (9, 10, 13)} | {127}
CONTROL_CHARACTER = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(CONTROL)) + "]")


def read_source(path: Path, shown: str) -> SourceText:
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
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    bad = CONTROL_CHARACTER.search(text)
    if bad is not None:
        number = text.count("\n", 0, bad.start()) + 1
        raise InputError(shown, f"line {number}", "printable text", f"the control character U+{ord(bad.group()):04X}")
    return SourceText(path=path, lines=tuple(lines), sha256=hashlib.sha256(raw).hexdigest())
