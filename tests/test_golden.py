"""Golden files: what the cleaning and segmentation make of each of the four seeds.

``tests/golden/<slug>.txt`` lists the turns, every block with its anchor and the removed lines
with their rules, in a form a reviewer can read. Regenerate after a deliberate change with

    .venv/bin/pytest tests/test_golden.py --regenerate-golden

and review the diff.
"""

import hashlib

import pytest

from conftest import ROOT, SHARED, SLUGS, TRANSCRIPTS, needs_shared
from diparchive.pipeline import Project, gather
from diparchive.ingest.sidecar import read_sidecar

GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(scope="module")
def transcripts():
    built, registry = gather(Project.at(ROOT))
    return {t.meta.slug: t for t in built}, registry


def reading(t, registries) -> str:
    registry = registries.people
    out = [f"# {t.meta.slug}: {len(t.paragraphs)} paragraphs, {len(t.turns)} turns, {len(t.removals)} lines removed", "", "## turns"]
    for turn in t.turns:
        who = registry[turn.person].name if turn.person else ("Question" if turn.is_question else "nobody")
        out.append(f"{turn.index + 1}. {who} <- {turn.label or '(no label: opening statement)'}")
    out += ["", "## blocks"]
    for block in t.blocks:
        turn = f" [turn {block.turn + 1}]" if block.turn is not None else ""
        themes = " ".join(tag.theme for tag in t.themes.get(block.line, ()))
        out.append(f"{block.anchor} {block.kind}{turn}: {block.text}" + (f"\n    themes: {themes}" if themes else ""))
    out += ["", "## removed"]
    out += [f"L{r.line} {r.rule}: {r.text}" for r in t.removals]
    out += ["", "## mentioned"]
    out += [f"L{line} {m.entity}: {m.text}" for line, ms in sorted(t.mentions.items()) for m in ms]
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("slug", SLUGS)
def test_golden(transcripts, regenerate, slug):
    built, registry = transcripts
    path = GOLDEN / f"{slug}.txt"
    text = reading(built[slug], registry)
    if regenerate:
        path.write_text(text, "utf-8")
    assert path.read_text("utf-8") == text, f"{path.name} differs: rerun with --regenerate-golden and review the diff"


@needs_shared("seeds")
@pytest.mark.parametrize("slug", SLUGS)
def test_each_source_is_kept_byte_for_byte(slug):
    meta = read_sidecar(TRANSCRIPTS / f"{slug}.yml", slug, slug)
    seed = SHARED / "seeds" / meta.source.capture
    assert seed.is_file(), f"the capture {seed} is missing from the seeds"
    assert hashlib.sha256((TRANSCRIPTS / f"{slug}.txt").read_bytes()).digest() == hashlib.sha256(seed.read_bytes()).digest()


FIRST_AND_LAST = {
    "2008-12-05-lavrov-osce-helsinki": ("The just-concluded OSCE Ministerial Council meeting", "hold a position which we think justified."),
    "2009-12-04-nato-russia-council-brussels": ("BRUSSELS -- Today's meeting of the NATO-Russia Council", "and the future of the conventional arms regime in Europe."),
    "2021-12-02-lavrov-osce-stockholm": ("The current OSCE Ministerial Council is being hosted by Stockholm.", "Georgia will feel comfortable inside this system."),
    "2022-02-21-lavrov-putin-security-council-moscow": ("Dear Vladimir Vladimirovich, Dear colleagues!", "this is clear to everyone. Thanks."),
}


@pytest.mark.parametrize("slug", SLUGS)
def test_first_and_last_sentences_survive(transcripts, slug):
    built, _ = transcripts
    paragraphs = built[slug].paragraphs
    first, last = FIRST_AND_LAST[slug]
    assert paragraphs[0].text.startswith(first)
    assert paragraphs[-1].text.endswith(last)


FURNITURE = [
    "Text Only", "back to the acronym home page", "WMD Possessors", "Back to the Top", "Accessibility links",
    "Breaking News", "undesirable organization", "click here", "23:28", "Adresse", "Boulevard Lannes", "mid.ru",
    "Album de photos", "Франция", "Friday, March 29", "Google+", "Share.", "Leave A Reply", "Source:",
]


@pytest.mark.parametrize("slug", SLUGS)
def test_no_page_furniture_remains(transcripts, slug):
    built, _ = transcripts
    text = "\n".join(b.text for b in built[slug].blocks)
    assert [f for f in FURNITURE if f in text] == []


@pytest.mark.parametrize("slug", SLUGS)
def test_every_non_blank_line_is_kept_or_removed_by_a_named_rule(transcripts, slug):
    built, _ = transcripts
    t = built[slug]
    nonblank = {no for no, line in enumerate(t.source.lines, 1) if line.strip()}
    kept = {b.line for b in t.blocks}
    removed = {r.line for r in t.removals}
    assert kept.isdisjoint(removed)
    assert kept | removed == nonblank
