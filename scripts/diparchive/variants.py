"""Spellings a reader expects to find the same passages (``transcripts/variants.yml``), for search.

The file is optional: without it, search looks for each word as written. When present it is a list
of groups, each of two or more spellings of one word (``- [Kiev, Kyiv]``).
"""

from __future__ import annotations

from pathlib import Path

from .errors import InputError, quote
from .sidecar import kind_of, load_yaml


def read_variants(path: Path, shown: str) -> list[list[str]]:
    """The groups of spellings; none when the file is absent (it is optional)."""
    if not path.exists() and not path.is_symlink():
        return []
    data, lines = load_yaml(path, shown, "a list of groups of spellings")
    if data is None:  # only comments
        return []
    if not isinstance(data, list):
        raise InputError(shown, "", "a list of groups of spellings", kind_of(data))
    groups = []
    for index, group in enumerate(data):
        if not isinstance(group, list) or len(group) < 2 or not all(isinstance(w, str) and w.strip() for w in group):
            line = lines.get(f"[{index}]")
            raise InputError(shown, f"item {index + 1}" + (f" (line {line})" if line else ""), "a list of two or more spellings", quote(group))
        groups.append([w.strip() for w in group])
    return groups
