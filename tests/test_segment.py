"""Stage 3, segment: speaker labels, turns, headings and section breaks."""

import pytest

from conftest import TRANSCRIPTS
from diparchive.infra.errors import BuildFailed
from diparchive.pipeline import Project, gather
from diparchive.segment.segment import is_heading, is_section_break, split_label


@pytest.fixture(scope="module")
def built():
    transcripts, _ = gather(Project.at(TRANSCRIPTS.parent))
    return {t.meta.slug: t for t in transcripts}


@pytest.mark.parametrize(
    "text, printed, name, rest",
    [
        ("Question: In a plenary session you said", "Question:", "Question", "In a plenary session you said"),
        ("Question (retranslated from English): Today, you", "Question (retranslated from English):", "Question", "Today, you"),
        ("Foreign Minister Lavrov: We honestly", "Foreign Minister Lavrov:", "Foreign Minister Lavrov", "We honestly"),
        ("S.V. Lavrov: Dear Vladimir Vladimirovich, Dear colleagues!", "S.V. Lavrov:", "S.V. Lavrov", "Dear Vladimir Vladimirovich, Dear colleagues!"),
        ("V.V. Putin: I see, thank you.", "V.V. Putin:", "V.V. Putin", "I see, thank you."),
        ("Minister of Foreign Affairs Lavrov:", "Minister of Foreign Affairs Lavrov:", "Minister of Foreign Affairs Lavrov", ""),
    ],
)
def test_speaker_labels_in_every_form_the_sources_use(text, printed, name, rest):
    label = split_label(text)
    assert (label.printed, label.name, label.rest) == (printed, name, rest)


@pytest.mark.parametrize(
    "text",
    [
        "Here is an example: we proposed it.",
        "In this regard: nothing.",
        "NATO “ministers made it clear: yes.",
        "Time 12:30 is late.",
        "Russia, Ukraine: the talks.",
        "BRUSSELS -- Today's meeting",
    ],
)
def test_prose_with_a_colon_is_not_a_label(text):
    assert split_label(text) is None


def test_headings_and_breaks():
    assert is_heading("Eyes On The SCO") and is_heading("Broader Discussion")
    assert not is_heading("Thank you very much") and not is_heading("Please sit down. thank you.")
    assert is_section_break("***") and is_section_break("* * *") and not is_section_break("**")


@pytest.mark.parametrize(
    "slug, turns",
    [
        ("2008-12-05-lavrov-osce-helsinki", 7),
        ("2009-12-04-nato-russia-council-brussels", 0),
        ("2021-12-02-lavrov-osce-stockholm", 13),
        ("2022-02-21-lavrov-putin-security-council-moscow", 5),
    ],
)
def test_the_expected_turns_of_each_seed(built, slug, turns):
    assert len(built[slug].turns) == turns


def test_the_opening_statement_belongs_to_the_main_speaker(built):
    t = built["2008-12-05-lavrov-osce-helsinki"]
    assert (t.turns[0].person, t.turns[0].label) == ("sergey-lavrov", None)
    assert [(turn.person, turn.label) for turn in t.turns[1:3]] == [(None, "Question:"), ("sergey-lavrov", "Foreign Minister Lavrov:")]
    assert t.blocks[0].text.startswith("The just-concluded OSCE Ministerial Council meeting")


def test_questions_are_attributed_to_question_not_a_person(built):
    t = built["2021-12-02-lavrov-osce-stockholm"]
    questions = [turn for turn in t.turns if turn.is_question]
    assert len(questions) == 6 and all(turn.person is None for turn in questions)
    assert "Question (retranslated from English):" in {turn.label for turn in questions}


def test_every_label_resolves_to_one_canonical_person(built):
    t = built["2022-02-21-lavrov-putin-security-council-moscow"]
    assert [(turn.person, turn.label) for turn in t.turns] == [
        ("sergey-lavrov", "S.V. Lavrov:"),
        ("vladimir-putin", "V.V. Putin:"),
        ("sergey-lavrov", "S.V. Lavrov:"),
        ("vladimir-putin", "V.V. Putin:"),
        ("sergey-lavrov", "Sergey Lavrov:"),
    ]


def test_a_report_has_narration_and_headings_but_no_turns(built):
    t = built["2009-12-04-nato-russia-council-brussels"]
    assert all(block.turn is None for block in t.blocks)
    assert [b.text for b in t.blocks if b.kind == "heading"] == ["Eyes On The SCO", "Broader Discussion"]


def test_a_section_break_stays_one(built):
    t = built["2022-02-21-lavrov-putin-security-council-moscow"]
    assert [(b.kind, b.line) for b in t.blocks if b.kind == "break"] == [("break", 61)]


def test_an_unknown_label_is_an_error_naming_the_line(small_project):
    path = small_project.transcripts / "2020-01-02-test.txt"
    path.write_text("Good afternoon.\n\nAmbassador Smith: Hello there.\n", "utf-8")
    with pytest.raises(BuildFailed) as failed:
        gather(small_project)
    assert str(failed.value.errors[0]) == (
        "transcripts/2020-01-02-test.txt, line 3: expected a speaker label known to transcripts/people.yml "
        "(add the spelling to a person's aliases), a role label under a speaker's 'labels', an anonymous voice under 'anonymous', or a line listed under not_speaker_labels in "
        "transcripts/2020-01-02-test.yml; found 'Ambassador Smith:'"
    )


def test_text_that_only_looks_like_a_label_can_be_declared(small_project):
    path = small_project.transcripts / "2020-01-02-test.txt"
    path.write_text("Good afternoon.\n\nTuesday: we met.\n", "utf-8")
    sidecar = small_project.transcripts / "2020-01-02-test.yml"
    sidecar.write_text(sidecar.read_text() + "not_speaker_labels: ['Tuesday:']\n")
    (t,), _ = gather(small_project)
    assert [b.text for b in t.blocks] == ["Good afternoon.", "Tuesday: we met."]


def test_a_speaker_missing_from_the_sidecar_is_an_error(small_project):
    path = small_project.transcripts / "2020-01-02-test.txt"
    path.write_text("Good afternoon.\n\nV.V. Putin: Hello.\n", "utf-8")
    with pytest.raises(BuildFailed) as failed:
        gather(small_project)
    assert "expected the person 'vladimir-putin' among the speakers, since line 3" in str(failed.value)


def test_a_speaker_may_be_unknown(small_project):
    sidecar = small_project.transcripts / "2020-01-02-test.yml"
    sidecar.write_text(sidecar.read_text().replace("language:\n", "  - person: unknown\n    role: A delegate\nlanguage:\n", 1))
    (small_project.transcripts / "2020-01-02-test.txt").write_text("Sergey Lavrov: Good afternoon.\n\nParticipant: Thank you.\n", "utf-8")
    (t,), registries = gather(small_project)
    assert [(turn.person, turn.label) for turn in t.turns] == [("sergey-lavrov", "Sergey Lavrov:"), ("unknown", "Participant:")]
    assert registries.people["unknown"].name == "Unidentified speaker"


def test_a_speech_is_its_speakers_alone_and_has_no_labels(small_project):
    sidecar = small_project.transcripts / "2020-01-02-test.yml"
    sidecar.write_text(sidecar.read_text().replace("kind: press-conference", "kind: speech"))
    (small_project.transcripts / "2020-01-02-test.txt").write_text("Mr. President:\n\nWe meet again.\n\nExcellencies: thank you.\n", "utf-8")
    (t,), _ = gather(small_project)
    assert [(turn.person, turn.label) for turn in t.turns] == [("sergey-lavrov", None)]
    assert [b.turn for b in t.paragraphs] == [0, 0, 0]


@pytest.mark.parametrize("name, question", [
    ("Question", True), ("Q", True), ("Journalist", True), ("Question from Perm Territory", True),
    ("Question from the audience", True), ("Questions", True),
    ("Questionnaire", False), ("Question Time", False), ("Questions and answers from the floor of the Duma and more words than any label", False),
    ("Perm Territory", False), ("From Perm Territory", False),
])
def test_a_question_from_the_floor_may_say_where_it_comes_from(name, question):
    from diparchive.segment.segment import QUESTION

    assert bool(QUESTION.match(name)) is question
