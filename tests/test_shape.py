"""Paragraph shape: one paragraph per line, or hard-wrapped blocks, decided from the capture's own
lines; then the units the cleaner and the segmenter work on."""

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SHARED, needs_shared
from diparchive.model import SourceText
from diparchive.ingest.read import front_matter, read_source
from diparchive.clean.shape import layout, normalise

ROOT = Path(__file__).resolve().parent.parent
CAPTURES = SHARED / "captures"
needs_captures = needs_shared("captures")


def captures(pattern: str) -> list[Path]:
    return sorted(CAPTURES.glob(pattern)) if CAPTURES.is_dir() else []


def source(text: str, form: str = "text") -> SourceText:
    lines = text.split("\n")
    hints = front_matter(lines, "c.md")[0] if form == "markdown" else {}
    return SourceText(Path("c.md" if form == "markdown" else "c.txt"), tuple(lines), "0", form, hints)


def units(text: str, form: str = "text") -> list[tuple[int, int, str]]:
    return [(u.no, u.end, u.text) for u in layout(source(text, form)).units]


WRAPPED = (
    "We met the delegation in the morning\nand talked for several hours.\n\n"
    "The talks covered trade and security\nand the situation in the region.\n\n"
    "Both sides agreed to meet again\nnext year in Geneva.\n\n"
)
"""Three hard-wrapped paragraphs (lines 1-8): enough to make any capture that starts with them
"blocks"; the case under test starts on line 10."""
FIRST = 10


def tail(text: str, form: str = "text") -> list[tuple[int, int, str]]:
    """The units of WRAPPED + text that come from text."""
    result = layout(source(WRAPPED + text, form))
    assert result.shape == "blocks"
    return [(u.no, u.end, u.text) for u in result.units if u.no >= FIRST]


# --------------------------------------------------------------------------- the decision


@needs_captures
@pytest.mark.parametrize("path", captures("kremlin/*.txt"), ids=lambda p: p.name)
def test_select_all_text_is_one_paragraph_per_line(path):
    result = layout(read_source(path, path.name))
    assert result.shape == "lines", result.reason
    assert all(u.end == u.no for u in result.units)


@pytest.mark.parametrize("path", sorted((ROOT / "transcripts").glob("*.txt")), ids=lambda p: p.name)
def test_the_default_transcripts_are_one_paragraph_per_line(path):
    result = layout(read_source(path, path.name))
    assert result.shape == "lines", result.reason
    assert all(u.end == u.no for u in result.units)


@needs_captures
@pytest.mark.parametrize("path", captures("whitehouse/*.md") + captures("un/USA_79_2024.txt"), ids=lambda p: p.name[:40])
def test_hard_wrapped_captures_are_blocks(path):
    result = layout(read_source(path, path.name))
    assert result.shape == "blocks", result.reason
    assert any(u.end > u.no for u in result.units)


@needs_captures
def test_a_speech_without_blank_lines_is_lines():
    path = CAPTURES / "un" / "UKR_79_2024.txt"
    assert layout(read_source(path, path.name)).shape == "lines"


def _figures(src: SourceText) -> tuple[int, int]:
    """Blocks of adjacent non-blank body lines, and how many have several lines, counted here."""
    blocks, current = [], 0
    for no, line in enumerate(src.lines, 1):
        if normalise(line) and src.hints.get(no) != "front-matter":
            current += 1
            continue
        if current:
            blocks.append(current)
        current = 0
    if current:
        blocks.append(current)
    return sum(1 for b in blocks if b > 1), len(blocks)


@needs_captures
@pytest.mark.parametrize(
    "path", captures("kremlin/5874*.txt") + captures("whitehouse/2022-03-16*.md") + captures("un/*.txt"), ids=lambda p: p.name[:40]
)
def test_the_decision_names_its_figures(path):
    src = read_source(path, path.name)
    result = layout(src)
    wrapped, total = _figures(src)
    assert f"{wrapped} of {total} blocks of adjacent lines have several lines" in result.reason
    assert result.reason.startswith("hard-wrapped" if result.shape == "blocks" else "one paragraph per line")


def test_the_decision_on_made_up_text():
    assert layout(source(WRAPPED + "One.\n\nTwo.")).reason.startswith("hard-wrapped, paragraphs are blocks separated by blank lines: 3 of 5 blocks")
    lines = layout(source("One line.\n\nAnother line.\nAnd one more.\n\nLast."))
    assert lines.shape == "lines"
    assert lines.reason == "one paragraph per line: 1 of 3 blocks of adjacent lines have several lines"
    # two wrapped blocks are not enough, however few blocks there are
    assert layout(source("a b\nc d.\n\ne f\ng h.")).shape == "lines"


# --------------------------------------------------------------------------- blocks mode


def test_a_blocks_lines_are_joined_with_one_space():
    assert units(WRAPPED)[:3] == [
        (1, 2, "We met the delegation in the morning and talked for several hours."),
        (4, 5, "The talks covered trade and security and the situation in the region."),
        (7, 8, "Both sides agreed to meet again next year in Geneva."),
    ]
    assert tail("A   line  with\u00a0spaces  \n   and\tanother.") == [(10, 11, "A line with spaces and another.")]


def test_a_word_hyphenated_at_a_line_break_is_joined_without_a_space():
    assert tail("Our values-\noriented policy works.") == [(10, 11, "Our values-oriented policy works.")]
    # a dash before a capital, or a spaced dash, is not a hyphenated word
    assert tail("The Russian-\nAmerican talks went on.") == [(10, 11, "The Russian- American talks went on.")]
    assert tail("It was - \nas we said - a success.") == [(10, 11, "It was - as we said - a success.")]


@pytest.mark.parametrize(
    "first, second",
    [
        ("Then I came to the presidency in another moment in a crisis and", "uncertainty. I believed America had to look forward."),
        ("We discussed the situation in the region and the talks of the next", "Tomorrow we shall see them again."),
        ("These include the talks on trade, on energy and on investment;", "Russia will take part in all of them."),
        ("We disagreed on one point and then on another big question —", "France agreed with us later on that."),
    ],
)
def test_a_block_ending_mid_sentence_continues_across_a_blank_line(first, second):
    assert tail(f"{first}\n\n{second}") == [(10, 12, f"{first} {second}")]
    result = layout(source(WRAPPED + f"{first}\n\n{second}"))
    assert FIRST in result.joins
    assert "continued across a page break" in result.reason


@pytest.mark.parametrize(
    "first, second",
    [
        ("We disagreed on one point and then on another big question.", "then France agreed with us."),
        ("Mr. President,", "It is an honour to speak here today before this assembly."),
        ("Is this the end of the talks on trade and on energy?", "We hope not."),
        ("Thank you", "And now to the questions."),  # too short to be a sentence cut by a page break
    ],
)
def test_a_block_ending_a_sentence_or_an_address_does_not_continue(first, second):
    assert tail(f"{first}\n\n{second}") == [(10, 10, first), (12, 12, second)]


def test_a_markdown_hard_break_ends_a_unit_after_a_sentence_end():
    text = "Good afternoon.  \nI want to begin by thanking him.\n\nSouth Court Auditorium  \nEisenhower Executive Office Building"
    assert tail(text, "markdown") == [
        (10, 10, "Good afternoon."),
        (11, 11, "I want to begin by thanking him."),
        (13, 14, "South Court Auditorium Eisenhower Executive Office Building"),
    ]
    assert tail("It ended.\\\nThen more.", "markdown") == [(10, 10, "It ended."), (11, 11, "Then more.")]


def test_a_markdown_hard_break_ends_a_unit_before_a_label():
    assert tail("The address follows  \nQuestion: Why now?", "markdown") == [(10, 10, "The address follows"), (11, 11, "Question: Why now?")]
    assert tail("And so  \nJohn Smith: Hello there.", "markdown") == [(10, 10, "And so"), (11, 11, "John Smith: Hello there.")]


def test_a_markdown_hard_break_mid_sentence_does_not_end_a_unit():
    assert tail("We went to the  \nconference together.", "markdown") == [(10, 11, "We went to the conference together.")]


def test_two_trailing_spaces_in_a_text_capture_are_not_a_hard_break():
    assert tail("It ended.  \nThen more.") == [(10, 11, "It ended. Then more.")]


@pytest.mark.parametrize("form", ["text", "markdown"])
def test_a_capitals_label_inside_a_block_opens_a_unit(form):
    text = "over to you for a few remarks\nSENIOR ADMINISTRATION OFFICIAL:  Thanks.\nMR. SULLIVAN: Yes.\nQ\u00a0\u00a0\u00a0\u00a0Why now?\nQ  And then?"
    assert tail(text, form) == [
        (10, 10, "over to you for a few remarks"),
        (11, 11, "SENIOR ADMINISTRATION OFFICIAL: Thanks."),
        (12, 12, "MR. SULLIVAN: Yes."),
        (13, 13, "Q Why now?"),
        (14, 14, "Q And then?"),
    ]


def test_a_mixed_case_label_inside_a_block_does_not_open_a_unit():
    assert tail("Some words here\nJohn Smith: Hello there.") == [(10, 11, "Some words here John Smith: Hello there.")]


def test_markdown_escapes_and_inline_tags_are_resolved_in_markdown_only():
    line = r"Our speaker today is \[senior administration official\], <s>not</s> <em>one</em> of \*them\*."
    assert tail(line, "markdown") == [(10, 10, "Our speaker today is [senior administration official], not one of *them*.")]
    assert tail(line, "text") == [(10, 10, line)]


def test_units_record_their_first_and_last_line_and_never_overlap():
    text = WRAPPED + "A last block\nof three\nlines.\n\n\nAnd one more."
    result = layout(source(text))
    assert [(u.no, u.end) for u in result.units] == [(1, 2), (4, 5), (7, 8), (10, 12), (15, 15)]
    ends = 0
    for u in result.units:
        assert u.no > ends and u.end >= u.no
        ends = u.end


@needs_captures
@pytest.mark.parametrize("path", captures("whitehouse/*.md") + captures("un/*.txt"), ids=lambda p: p.name[:40])
def test_sample_units_never_overlap(path):
    src = read_source(path, path.name)
    covered: dict[int, int] = {}
    for u in layout(src).units:
        for no in range(u.no, (u.end or u.no) + 1):
            assert no not in covered
            covered[no] = u.no
    assert {no for no, line in enumerate(src.lines, 1) if normalise(line)} <= set(covered)


def test_front_matter_lines_stay_units_of_their_own():
    text = "---\ntitle: T\ndate: '2020-01-01'\n---\n\n" + WRAPPED
    result = layout(source(text, "markdown"))
    assert [(u.no, u.end) for u in result.units][:4] == [(1, 1), (2, 2), (3, 3), (4, 4)]
    assert result.hints == {1: "front-matter", 2: "front-matter", 3: "front-matter", 4: "front-matter"}


# --------------------------------------------------------------------------- lines mode


def test_in_lines_mode_a_line_ending_on_and_or_of_continues():
    result = layout(source("We speak of\nfreedom today.\nPeace and\nsecurity matter.\nNext line.\nThe end of\n\nthe world."))
    assert result.shape == "lines"
    assert [(u.no, u.end, u.text) for u in result.units] == [
        (1, 2, "We speak of freedom today."),
        (3, 4, "Peace and security matter."),
        (5, 5, "Next line."),
        (6, 6, "The end of"),  # a blank line follows: it does not continue
        (8, 8, "the world."),
    ]
    assert result.joins == (1, 3)
    assert "2 lines ending mid-sentence continued on the next" in result.reason


def test_in_lines_mode_other_lines_stay_one_unit_each():
    text = "Question: And the sanctions?\nSergey Lavrov: We will see,\nand we will respond.\nLand"
    assert units(text) == [(1, 1, "Question: And the sanctions?"), (2, 2, "Sergey Lavrov: We will see,"),
                           (3, 3, "and we will respond."), (4, 4, "Land")]


# --------------------------------------------------------------------------- every line, every character

INVISIBLE = re.compile(r"[\s\u200b\u2060\ufeff\u00ad]")
TOKENS = st.sampled_from([
    "we", "met", "the", "leaders", "of", "and", "Today", "France", "values-", "oriented", "end.", "it;", "so —", "Mr.",
    "President,", "MR. SULLIVAN:", "Q\u00a0\u00a0", "Question:", "Q", "THE PRESIDENT:", "Vladimir Putin:", "—", "-", "…", "?",
    "A", "I", "a", "\u00a0", "  ", "\u200b", "(Laughter.)", "12", "---", "\t",
])
LINE = st.lists(TOKENS, max_size=8).map(" ".join) | st.text(max_size=12)


@given(lines=st.lists(LINE, max_size=30), form=st.sampled_from(["text", "markdown"]))
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_units_cover_every_line_once_and_keep_every_visible_character(lines, form):
    lines = "\n".join(lines).split("\n")
    if form == "markdown":  # escapes and inline tags are read as what they stand for: left out here
        lines = [line.replace("\\", "").replace("<", "") for line in lines]
    src = SourceText(Path("c"), tuple(lines), "0", form, front_matter(lines, "c")[0] if form == "markdown" else {})
    result = layout(src)
    covered: dict[int, int] = {}
    for u in result.units:
        assert u.end >= u.no
        for no in range(u.no, u.end + 1):
            assert no not in covered, f"line {no} is in two units"
            covered[no] = u.no
    for no, line in enumerate(lines, 1):
        if normalise(line):
            assert no in covered, f"line {no} {line!r} is in no unit"
    assert [u.no for u in result.units] == sorted(u.no for u in result.units)
    assert INVISIBLE.sub("", "".join(u.text for u in result.units)) == INVISIBLE.sub("", "".join(lines))
