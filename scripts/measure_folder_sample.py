#!/usr/bin/env python3
"""Measure how a publisher's captures come out of the generic import, against a sample checked
by hand: the White House's 30 transcripts in ``tests/publishers/whitehouse_sample/``, with their
expected paragraphs, voices and furniture in ``tests/publishers/whitehouse_expected.json``
(how they were drawn and labelled: ``tests/publishers/whitehouse_README.md``).

The sample is imported as a curator would import the whole folder (``importers/feed.py`` with
the publisher's profile: drafted sidecars, unreviewed), then built, and each capture is compared
with its expectation:

* spoken kept    — expected paragraphs whose words are all in the built text
* as in source   — expected paragraphs built as exactly one paragraph, no more, no less
* voice right    — expected paragraphs built with their voice: the same person (by surname), the
  question, the same anonymous voice as printed, or narration
* furniture left — built paragraphs holding no expected words (a place, time or END line kept)

Usage: ``python scripts/measure_folder_sample.py [--verbose]``; ``--json`` prints the rows.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from diparchive.clean.shape import INLINE_HTML, MARKDOWN_ESCAPE, normalise  # noqa: E402
from diparchive.curate.importers.feed import import_feed, profile_path, read_profile  # noqa: E402
from diparchive.ingest.people import read_people  # noqa: E402
from diparchive.pipeline import Project, gather  # noqa: E402

SAMPLE = ROOT / "tests" / "publishers" / "whitehouse_sample"
EXPECTED = ROOT / "tests" / "publishers" / "whitehouse_expected.json"
REGISTRIES = ("themes.yml", "entities.yml", "variants.yml")


def plain(text: str) -> str:
    """A paragraph's words as compared: white space as the build reads it, Markdown's escapes
    resolved and its inline HTML left out as the build reads a Markdown capture (``\\[`` is ``[``,
    ``<s>Quinnimac</s>`` is ``Quinnimac``)."""
    return normalise(MARKDOWN_ESCAPE.sub(r"\1", INLINE_HTML.sub("", text)))


def import_and_build(sample: Path, profile: str, work: Path):
    """The sample imported into a fresh project under ``work`` and read by the build."""
    transcripts = work / "transcripts"
    report = import_feed(sample, read_profile(profile_path(profile)), transcripts, "2026-01-01")
    for registry in REGISTRIES:
        shutil.copy(ROOT / "transcripts" / registry, transcripts / registry)
    (transcripts / "import-report.json").unlink()
    project = Project.at(work, transcripts, work / "docs")
    built, _ = gather(project, use_cache=False)
    people = read_people(transcripts / "people.yml", "people.yml")
    return report, built, people


def voice_of(turn, people) -> str:
    if turn is None:
        return "narration"
    if turn.is_question:
        return "question"
    if turn.person is None:
        return f"anonymous: {turn.anonymous}"
    return "person: " + surname(people[turn.person].name if turn.person in people else turn.person)


def surname(name: str) -> str:
    return name.replace("-", " ").split()[-1].casefold() if name.split() else ""


def expected_voice(voice: str) -> str:
    if voice in {"narration", "question"}:
        return voice
    if voice.isupper():
        return f"anonymous: {voice}"
    return "person: " + surname(voice)


def measure(sample: Path = SAMPLE, expected: Path = EXPECTED, profile: str = "white-house") -> dict:
    expectations = json.loads(expected.read_text("utf-8"))
    with tempfile.TemporaryDirectory() as work:
        report, built, people = import_and_build(sample, profile, Path(work))
    originals = {hashlib.sha256(path.read_bytes()).hexdigest(): path.name for path in sample.glob("*.md")}
    by_file = {originals[t.source.sha256]: t for t in built if t.source.sha256 in originals}  # each capture is kept byte for byte
    rows = []
    for e in expectations:
        t = by_file.get(e["file"])
        want = [(expected_voice(p["voice"]), plain(p["text"])) for p in e["paragraphs"]]
        if t is None:
            rows.append({"file": e["file"], "paragraphs": len(want), "kept": 0, "as_source": 0, "voices": 0, "furniture_left": 0, "missing": True})
            continue
        turns = {turn.index: turn for turn in t.turns}
        got = [(voice_of(turns.get(b.turn), people), plain(b.text)) for b in t.paragraphs]
        body = "\n".join(text for _, text in got)
        exact: dict[str, list[str]] = {}
        for voice, text in got:
            exact.setdefault(text, []).append(voice)
        pool = {k: list(v) for k, v in exact.items()}
        voices = 0
        wrong = []
        for voice, text in want:
            if voice in pool.get(text, []):
                pool[text].remove(voice)
                voices += 1
            elif text in exact:
                wrong.append((voice, exact[text], text[:70]))
        wanted = "\n".join(text for _, text in want)
        left = [b.text for b in t.blocks if b.kind in ("paragraph", "heading") and plain(b.text) not in wanted]
        rows.append({
            "file": e["file"], "paragraphs": len(want), "kept": sum(1 for _, text in want if text in body),
            "as_source": sum(1 for _, text in want if text in exact), "voices": voices, "furniture_left": len(left),
            "left": left, "wrong_voice": wrong, "not_as_source": [text[:70] for _, text in want if text not in exact],
        })
    return {"rows": rows, "report": report}


def pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.1f} %)" if b else "0/0"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list each paragraph not as expected")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args()
    result = measure()
    rows = result["rows"]
    if args.json:
        print(json.dumps(result, indent=1, ensure_ascii=False, default=str))
        return 0
    print("| capture | paragraphs | spoken kept | as in source | voice right | furniture left |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(f"| {r['file'][:70]} | {r['paragraphs']} | {r['kept']} | {r['as_source']} | {r['voices']} | {r['furniture_left']} |")
        if args.verbose:
            for item in r.get("wrong_voice", []) + r.get("not_as_source", []) + r.get("left", []):
                print(f"|   {item} | | | | | |")
    total = {k: sum(r[k] for r in rows) for k in ("paragraphs", "kept", "as_source", "voices", "furniture_left")}
    print(f"| **{len(rows)} captures** | {total['paragraphs']} | {pct(total['kept'], total['paragraphs'])} | "
          f"{pct(total['as_source'], total['paragraphs'])} | {pct(total['voices'], total['paragraphs'])} | {total['furniture_left']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
