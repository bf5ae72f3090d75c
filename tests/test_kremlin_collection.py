"""The Kremlin importer on the whole collection: every one of its 7,128 pages.

The issue's checks, on every page rather than a sample (``test_kremlin_import.py`` checks 22):

- every page is imported or named in the import report with its reason;
- each imported page's built text against what the page's own markup calls its text
  (``measure_captures.page_structure``): every body paragraph kept, no line of furniture left;
- at least 99 % of label occurrences resolved to a person, a question or a declared anonymous
  voice;
- 200 label occurrences, drawn with a fixed seed and checked by hand
  (``tests/fixtures/kremlin/labels-200.yml``), resolve to the person the page means.

The corpus is imported into a temporary directory and built once for the module (3.5 to 6.5
minutes on 2 cores, as busy as they are). Deselect it locally with ``pytest -m 'not collection'``;
CI runs it, and fails, not skips, when the corpus is missing there.
"""

from __future__ import annotations

import os
import re
import shutil
from collections import Counter
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import measure_captures  # noqa: E402
from conftest import SHARED, require_shared  # noqa: E402
from diparchive.curate.importers.kremlin import import_collection  # noqa: E402
from diparchive.model import Transcript  # noqa: E402
from diparchive.pipeline import Project, gather  # noqa: E402
from diparchive.site.search_index import transcript_key  # noqa: E402

pytestmark = pytest.mark.collection

CORPUS = SHARED / "corpora" / "kremlin-en-2020.tar.xz"
PAGES = 7128
"""Pages in the 2020 mirror (../shared/corpora/README.md)."""
SAMPLE = ROOT / "tests" / "fixtures" / "kremlin" / "labels-200.yml"

# The body check's figures as measured (2026-11): the floor a change may not go below. They
# meet the strict target (all kept, none left), which the last body test below holds.
PARAGRAPHS = 73_858
"""Body paragraphs of the imported pages, by their own markup."""
KEPT_AT_LEAST = 73_858
"""Of them, found in the built text."""
AS_SOURCE_AT_LEAST = 73_858
"""Of them, a built paragraph exactly (not merged with another, not split)."""
FURNITURE_AT_MOST = 0
"""Built paragraphs that are no part of the page's text (a caption, a date line, a tag …)."""
SHOWN = 15
"""Pages at fault named in a failure message."""


@dataclass
class Body:
    """One imported page's built text against its own structure."""

    ident: str
    slug: str
    paragraphs: int
    as_source: int
    missing: list[str] = field(default_factory=list)
    """Body paragraphs of the page the built text lacks."""
    left: list[str] = field(default_factory=list)
    """Built paragraphs that are not the page's text."""


@dataclass
class Collection:
    out: Path
    report: dict
    built: dict[str, Transcript]
    """Page number -> its built transcript."""
    bodies: list[Body]


def body_of(ident: str, t: Transcript) -> Body:
    """The page's paragraphs by its markup, and the built blocks with their labels as printed."""
    want = measure_captures.page_structure(t.source.path.read_bytes().decode("utf-8"))
    got = measure_captures.printed_paragraphs(t)
    body, wanted = "\n".join(got), "\n".join(want)
    return Body(
        ident,
        t.meta.slug,
        len(want),
        sum(1 for w in want if w in got),
        [w for w in want if w not in body],
        [g for g in got if g not in wanted],
    )


@pytest.fixture(scope="module")
def collection(tmp_path_factory) -> Collection:
    require_shared("corpora/kremlin-en-2020.tar.xz")
    out = tmp_path_factory.mktemp("kremlin-collection") / "transcripts"
    report = import_collection(CORPUS, out, added="2026-11-30")
    for name in ("themes.yml", "entities.yml", "variants.yml"):
        shutil.copy(ROOT / "transcripts" / name, out / name)
    transcripts, _ = gather(Project.at(out.parent, out, out.parent / "docs"), use_cache=False)
    built = {t.meta.slug.rsplit("-", 1)[1]: t for t in transcripts}
    return Collection(out, report, built, [body_of(ident, t) for ident, t in sorted(built.items(), key=lambda kv: int(kv[0]))])


def faults(bodies: list[Body]) -> str:
    """The first pages at fault, each with its first missing paragraphs and furniture left."""
    bad = [b for b in bodies if b.missing or b.left]
    lines = [f"{len(bad)} pages at fault; the first {min(SHOWN, len(bad))}:"]
    for b in bad[:SHOWN]:
        lines.append(f"  {b.slug}: {len(b.missing)} of {b.paragraphs} paragraphs missing, {len(b.left)} lines of furniture left")
        lines += [f"    missing: {text[:100]!r}" for text in b.missing[:2]]
        lines += [f"    left:    {text[:100]!r}" for text in b.left[:2]]
    return "\n".join(lines)


def test_every_page_is_imported_or_named_with_a_reason(collection):
    report, built = collection.report, collection.built
    assert report["pages"] == PAGES
    assert report["imported"] == len(built)
    assert report["imported"] + len(report["not_imported"]) == PAGES
    assert set(built).isdisjoint(report["not_imported"])
    assert len(set(built) | set(report["not_imported"])) == PAGES
    unexplained = {ident: why for ident, why in report["not_imported"].items() if not (why and why.strip())}
    assert unexplained == {}


def test_body_check_does_not_regress(collection):
    bodies = collection.bodies
    paragraphs = sum(b.paragraphs for b in bodies)
    kept = sum(b.paragraphs - len(b.missing) for b in bodies)
    as_source = sum(b.as_source for b in bodies)
    left = sum(len(b.left) for b in bodies)
    figures = f"paragraphs {paragraphs}, kept {kept}, as in the source {as_source}, furniture left {left}\n{faults(bodies)}"
    assert kept >= KEPT_AT_LEAST, figures
    assert as_source >= AS_SOURCE_AT_LEAST, figures
    assert left <= FURNITURE_AT_MOST, figures


def test_every_body_paragraph_kept_and_no_furniture_left(collection):
    bodies = collection.bodies
    assert all(not b.missing and not b.left for b in bodies), faults(bodies)


def test_labels_resolve(collection):
    report = collection.report
    resolved = sum(entry["count"] for entry in report["labels"].values())
    unresolved = sum(report["unresolved_labels"].values())
    share = resolved / (resolved + unresolved)
    worst = sorted(report["unresolved_labels"].items(), key=lambda kv: -kv[1])[:SHOWN]
    assert share >= 0.99, f"{resolved} of {resolved + unresolved} label occurrences resolved ({share:.2%}); unresolved: {worst}"


def test_each_role_is_the_whole_title_printed_before_the_name(collection):
    """On every page, a speaker's role is what a label of his prints before the name (or after
    it and a comma), whole:
    'President of Russia', never 'President of' (a spelling that took 'Russia' for a word of the
    name had cut it on 1,281 pages)."""
    roles, wrong = 0, []
    for ident, t in collection.built.items():
        for speaker in t.meta.speakers:
            if not speaker.role:
                continue
            roles += 1
            labels = sorted({turn.label for turn in t.turns if turn.person == speaker.person and turn.label})
            # printed before the name, or after it and a comma ('Valeriya Korableva, reporter at Channel One:')
            before, _, after = speaker.role.rpartition(", ")  # 'Sports commentator Dmitry Guberniyev, ceremony moderator:'
            ends = [re.sub(r"\s*\([^()]*\)$", "", label.rstrip(":").strip()) for label in labels]  # less a note: '… Infrastructure (TsENKI):'
            printed = any(
                label.startswith(f"{speaker.role} ") or end.endswith(f", {speaker.role}")
                or (before and label.startswith(f"{before} ") and end.endswith(f", {after}"))
                for label, end in zip(labels, ends)
            )
            if speaker.role.split()[-1].casefold() in {"of", "the", "and", "for", "to", "from", "a", "an"} or not printed:
                wrong.append((ident, speaker.person, speaker.role))
    assert roles >= 1500
    # Known: a bold label whose role ends with an office ('… Council President Colonel Abdul Hakeem
    # Al Shino:') is read as the office's name and the name as the role.
    # And a role the title gives where the label prints the name alone ('Meeting with Governor of
    # California Arnold Schwarzenegger', 'Arnold Schwarzenegger:'): right, though no label prints it.
    known = {("53941", "international-military-sports-council-president"), ("9207", "arnold-schwarzenegger")}
    wrong = [w for w in wrong if w[:2] not in known]
    assert wrong == [], f"{len(wrong)} of {roles} roles are not the whole title a label prints: {wrong[:SHOWN]}"


def resolution(t: Transcript, printed: str) -> str | None:
    """Whom the built page gives the turns a label opens: a person id, 'question', or
    'anonymous: <voice>'; None when the label opens no turn of the page."""
    found = set()
    for turn in t.turns:
        if turn.label == printed:
            found.add("question" if turn.is_question else turn.person or f"anonymous: {turn.anonymous}")
    assert len(found) <= 1, f"{t.meta.slug}: '{printed}' resolved to {sorted(found)} on one page"
    return found.pop() if found else None


def sampled() -> list:
    """The 200 label occurrences checked by hand; those the import still resolves wrongly
    ('wrong:') are expected to fail, strictly: fixing one makes its test pass and fail the run
    until its mark is lifted."""
    params = []
    for entry in yaml.safe_load(SAMPLE.read_text("utf-8")):
        marks = [pytest.mark.xfail(strict=True, reason=entry["wrong"])] if entry.get("wrong") else []
        params.append(pytest.param(entry, marks=marks, id=f"{entry['page']}:{entry['label'][:48]}"))
    return params


def test_the_sample_is_200_occurrences_of_many_spellings():
    entries = yaml.safe_load(SAMPLE.read_text("utf-8"))
    assert len(entries) == 200
    assert len({(e["page"], e["label"]) for e in entries}) == 200
    assert len({e["label"] for e in entries}) >= 150
    assert sum(e["expected"] == "vladimir-putin" for e in entries) <= 40


@pytest.mark.parametrize("entry", sampled())
def test_a_sampled_label_resolves_to_the_person_it_names(collection, entry):
    page, printed, expected = entry["page"], entry["label"], entry["expected"]
    t = collection.built.get(page)
    assert t is not None, f"page {page} is not imported: {collection.report['not_imported'].get(page)}"
    assert any(line.startswith(printed) for line in t.source.lines), f"{t.meta.slug} prints no line '{printed} …'"
    entry = collection.report["labels"].get(printed, {})
    reported = set(entry.get("people", [entry.get("person")]))  # a spelling two men of one name share lists both
    assert expected in reported, f"import-report.json resolves '{printed}' to {sorted(map(str, reported))}, not {expected!r}"
    on_page = resolution(t, printed)
    assert on_page == expected, f"{t.meta.slug} gives the turns of '{printed}' to {on_page!r}, not {expected!r}"


def test_no_two_transcripts_of_a_year_share_a_key_of_the_search_charts_transcript_filter(collection):
    """The search page's chart counts transcripts by the hidden ``transcript`` filter's values
    (search_index.transcript_key): two of one year with one value would count as one."""
    keys = Counter(transcript_key(t.meta.slug, t.meta.date.iso) for t in collection.built.values())
    assert len(keys) == len(collection.built) == sum(keys.values())
    assert [key for key, n in keys.items() if n > 1] == []
