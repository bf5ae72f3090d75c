"""Published paragraph anchors: once a link to ``#L14`` is out in the world, it must keep
pointing at the same words.

``tests/published_anchors.json`` records, per transcript, each anchor and a fingerprint of its
words (letters and digits only, so a typographic fix does not count as a change of meaning).
``diparchive anchors --record`` adds the anchors of new paragraphs and never removes one;
``tests/test_anchors.py`` fails if a recorded anchor is missing or now holds other words.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from diparchive.model import Transcript


def fingerprint(text: str) -> str:
    words = re.findall(r"\w+", text.casefold())
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()[:16]


def current(transcripts: list[Transcript]) -> dict[str, dict[str, str]]:
    return {
        t.meta.slug: {b.anchor: fingerprint(b.text) for b in t.blocks if b.kind in ("paragraph", "heading")}
        for t in sorted(transcripts, key=lambda t: t.meta.slug)
    }


def load(path: Path) -> dict[str, dict[str, str]]:
    return json.loads(path.read_text("utf-8")) if path.is_file() else {}


def problems(recorded: dict[str, dict[str, str]], now: dict[str, dict[str, str]]) -> list[str]:
    found = []
    for slug, anchors in sorted(recorded.items()):
        for anchor, print_ in sorted(anchors.items()):
            if slug not in now:
                found.append(f"{slug}#{anchor}: the transcript is gone")
            elif anchor not in now[slug]:
                found.append(f"{slug}#{anchor}: the anchor is gone")
            elif now[slug][anchor] != print_:
                found.append(f"{slug}#{anchor}: now holds other words")
    return found


def record(path: Path, now: dict[str, dict[str, str]]) -> int:
    """Add anchors not yet recorded; return how many were added."""
    recorded = load(path)
    added = 0
    for slug, anchors in now.items():
        known = recorded.setdefault(slug, {})
        for anchor, print_ in anchors.items():
            if anchor not in known:
                known[anchor] = print_
                added += 1
    ordered = {
        slug: dict(sorted(a.items(), key=lambda kv: int(kv[0][1:]))) for slug, a in sorted(recorded.items())
    }
    path.write_text(json.dumps(ordered, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return added
