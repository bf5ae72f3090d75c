"""The rule quoted-speech (quotes.py): its examples and counter-examples, its continuations,
and its reading of the 2009 report, paragraph by paragraph."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from diparchive.model import Block, Mention
from diparchive.pipeline import Project, gather
from diparchive.segment.quotes import QUOTED_SPEECH, quotations, quoted_in

PEOPLE = {"Lavrov": "sergey-lavrov", "Rasmussen": "anders-fogh-rasmussen", "Medvedev": "dmitry-medvedev"}


def mentions(text: str) -> tuple[Mention, ...]:
    found = [Mention(pid, m.start(), m.end(), name) for name, pid in PEOPLE.items() for m in re.finditer(rf"\b{name}\b", text)]
    return tuple(sorted(found, key=lambda m: m.start))


def paragraphs(*texts: str, turn_at: int | None = None) -> tuple[Block, ...]:
    return tuple(Block("paragraph", 2 * i + 1, text, turn=0 if i == turn_at else None) for i, text in enumerate(texts))


QUOTABLE = {"sergey-lavrov", "anders-fogh-rasmussen"}


@pytest.mark.parametrize("text,names", QUOTED_SPEECH.examples)
def test_each_example_quotes_exactly_the_people_it_names(text, names):
    assert quoted_in(text, mentions(text), QUOTABLE) == tuple(PEOPLE[n] for n in names)


@pytest.mark.parametrize("text", QUOTED_SPEECH.counter_examples)
def test_no_counter_example_quotes_anyone(text):
    assert quoted_in(text, mentions(text), QUOTABLE) == ()


def test_only_people_the_sidecar_lists_are_credited():
    text = "Medvedev said Russia would help the Afghan economy."
    assert quoted_in(text, mentions(text), QUOTABLE) == ()
    assert quoted_in(text, mentions(text), QUOTABLE | {"dmitry-medvedev"}) == ("dmitry-medvedev",)


def run(*texts: str, turn_at: int | None = None) -> dict[int, tuple[str, ...]]:
    blocks = paragraphs(*texts, turn_at=turn_at)
    return quotations(blocks, {b.line: mentions(b.text) for b in blocks if mentions(b.text)}, tuple(QUOTABLE))


def test_he_said_and_a_bare_quotation_continue_the_previous_paragraphs_one_person():
    found = run(
        "Lavrov said Russia wanted all of Europe's organisations to take part.",
        "He said Russia's main goal is a legally binding commitment.",
        '"Until now, it has not always fully worked," he added.',
        "NATO diplomats say allies reject direct talks.",
        "The talks ended at noon.",
    )
    assert found == {1: ("sergey-lavrov",), 3: ("sergey-lavrov",), 5: ("sergey-lavrov",)}


def test_no_continuation_from_two_people_from_a_speaker_turn_or_past_a_paragraph_of_nobody():
    assert run("Rasmussen and Lavrov made it clear there is no meeting of minds.", "He said more was needed.") == {
        1: ("anders-fogh-rasmussen", "sergey-lavrov")
    }
    assert run("Lavrov said it was late.", "He said it again.", turn_at=1) == {1: ("sergey-lavrov",)}
    assert run("Lavrov said it was late.", "The talks ended.", "He said it again.") == {1: ("sergey-lavrov",)}


def test_with_nobody_listed_nothing_is_credited():
    blocks = paragraphs("Lavrov said it was late.")
    assert quotations(blocks, {1: mentions(blocks[0].text)}, ()) == {}


def test_the_2009_report_paragraph_by_paragraph():
    transcripts, _ = gather(Project.at(ROOT), use_cache=False)
    report = next(t for t in transcripts if t.meta.slug.startswith("2009-12-04"))
    lavrov, rasmussen = ("sergey-lavrov",), ("anders-fogh-rasmussen",)
    assert report.quotes == {
        11: rasmussen, 13: rasmussen, 15: rasmussen,  # "fresh start"; "he said"; "Rasmussen said"
        23: lavrov, 27: lavrov, 29: rasmussen,
        31: rasmussen,  # a bare quotation continuing Rasmussen's
        35: rasmussen, 41: lavrov,
        43: lavrov,  # "He said Russia's main goal..."
        45: lavrov, 47: lavrov,  # "the indivisibility of security", Lavrov said
        49: rasmussen + lavrov,
    }
    others = [t for t in transcripts if t is not report]
    assert all(t.quotes == {} for t in others), "transcripts of speaker turns quote nobody"
