"""Spellings a reader expects to find the same passages (``transcripts/variants.yml``), for search.

The file is optional: without it, search looks for each word as written. When present it is a list
of groups, each of two or more spellings of one word (``- [Kiev, Kyiv]``).
"""

from __future__ import annotations

from pathlib import Path

from diparchive.infra.schema import Checker, List, Text
from diparchive.ingest.sidecar import load_yaml

VARIANTS = List(List(Text(), min=2, whole=True, expected="a list of two or more spellings"), expected="a list of groups of spellings")
"""variants.yml: groups of two or more spellings of one word."""


def read_variants(path: Path, shown: str) -> list[list[str]]:
    """The groups of spellings; none when the file is absent (it is optional)."""
    if not path.exists() and not path.is_symlink():
        return []
    data, lines = load_yaml(path, shown, "a list of groups of spellings")
    check = Checker(shown, lines, lambda at: f"item {at[0] + 1}")
    groups = check.read(VARIANTS, data)
    check.refuse()
    return [list(group) for group in groups]
