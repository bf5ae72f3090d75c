"""Draw a sample of the State Department's feed to label by hand, held out of rule writing.

The items drawn are those whose HTML sets two or more speaker labels in bold that name someone
(capitals, not QUESTION, MODERATOR, OPERATOR, STAFF, PARTICIPANT or a senior official), less
every item a labelled file of ``tests/publishers/`` already holds; ``--seed`` fixes the draw.

Usage::

    python scripts/draw_labelled_sample.py [--seed 3003] [--size 12] [--feed PATH]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from diparchive.curate.importers.feed import read_feed  # noqa: E402

LABELLED = ROOT / "tests" / "publishers"
BOLD = re.compile(r"<(?:b|strong)>\s*([^<]{2,60}?)\s*:?\s*</(?:b|strong)>")
UNNAMED = re.compile(r"QUESTION|MODERATOR|OPERATOR|STAFF|PARTICIPANT|SENIOR|OFFICIAL|AUDIENCE|REPORTER|JOURNALIST|INTERPRETER|^Q$", re.I)


def named_labels(html: str) -> set[str]:
    """The bold labels of an item that name someone, in capitals."""
    labels = {re.sub(r"\s+", " ", m).strip(" :").upper() for m in BOLD.findall(html)}
    return {label for label in labels if re.fullmatch(r"[A-Z .'’\-]+", label) and not UNNAMED.search(label)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=3003)
    parser.add_argument("--size", type=int, default=12)
    parser.add_argument("--feed", type=Path, default=ROOT.parent / "shared" / "corpora" / "state-press-releases-2021-2022.rss.xz")
    args = parser.parse_args(argv)
    items = read_feed(args.feed)
    seen = {entry["index"] for path in sorted(LABELLED.glob("state_*.json")) for entry in json.loads(path.read_text("utf-8"))}
    pool = [i for i, item in enumerate(items) if i not in seen and len(named_labels(item.text)) >= 2]
    print(f"{len(pool)} items with two or more named labels, none labelled before")
    for index in random.Random(args.seed).sample(pool, min(args.size, len(pool))):
        print(index, items[index].title)
    return 0


if __name__ == "__main__":
    sys.exit(main())
