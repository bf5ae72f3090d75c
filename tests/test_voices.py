"""Voices: every form of speaker label the publishers print, how each resolves for one
transcript, and the publisher's narration that is nobody's speech. Each form has its counter-case.

Every test builds a small project in tmp_path (the repository's registries, plus the people the
test needs) and reads it back through the real pipeline (read -> clean -> segment)."""

from __future__ import annotations

import pytest

from conftest import project_with_people
from diparchive.publish import exports, render
from diparchive.infra.errors import BuildFailed
from diparchive.model import QUESTION
from diparchive.pipeline import gather
from diparchive.segment.segment import Q_LABEL, LabelResolver, split_label

SLUG = "2020-01-02-test"

EXTRA_PEOPLE = """
jake-sullivan:
  name: Jake Sullivan
  description: American official; National Security Advisor 2021-2025.
  aliases: []
john-sullivan:
  name: John Sullivan
  description: A second Sullivan, made up for a test.
  aliases: []
angela-merkel:
  name: Angela Merkel
  description: German politician; Federal Chancellor 2005-2021.
  aliases: []
volodymyr-zelenskyy:
  name: Volodymyr Zelenskyy
  description: Ukrainian politician; President of Ukraine from 2019.
  aliases: []
mikhail-babich:
  name: Mikhail Babich
  description: Russian official; Presidential Plenipotentiary Envoy to the Volga Federal District.
  aliases: []
"""


def sidecar(speakers: str = "  - person: jake-sullivan\n", kind: str = "press-conference", extra: str = "") -> str:
    """A sidecar; ``speakers`` is the YAML under 'speakers:', ``extra`` more top-level fields."""
    return (
        "title: A test transcript\n"
        "date: 2020-01-02\n"
        "date_basis: Stated in the text.\n"
        f"kind: {kind}\n"
        "summary: A transcript made up for a test.\n"
        "venue:\n  event: Test Meeting\n"
        f"speakers:\n{speakers}"
        "language:\n  text: en\n  original: en\n  translation: original\n"
        "source:\n  capture: test.txt\n  added: 2026-11-23\n"
        "licence:\n  status: unknown\n  note: Made up for a test.\n"
        f"{extra}"
    )


@pytest.fixture
def proj(tmp_path):
    return project_with_people(tmp_path / "p", EXTRA_PEOPLE)


def put(project, text: str, meta: str, slug: str = SLUG) -> None:
    (project.transcripts / f"{slug}.txt").write_text(text, "utf-8")
    (project.transcripts / f"{slug}.yml").write_text(meta, "utf-8")


def one(project, text: str, meta: str):
    """Build one transcript; return it and the registries."""
    put(project, text, meta)
    (t,), registries = gather(project, use_cache=False)
    return t, registries


def failure(project, text: str, meta: str) -> str:
    put(project, text, meta)
    with pytest.raises(BuildFailed) as failed:
        gather(project, use_cache=False)
    return str(failed.value)


def voices(t, registries) -> list[tuple]:
    """(text, voice shown, person id, narration rule) of each paragraph."""
    turns = {turn.index: turn for turn in t.turns}
    out = []
    for b in t.paragraphs:
        turn = turns.get(b.turn)
        name, pid = turn.voice(registries.people) if turn else (None, None)
        out.append((b.text, name, pid, b.narration))
    return out


# --------------------------------------------------------------------------- questions


@pytest.mark.parametrize(
    "line, printed",
    [
        ("Q\u00a0\u00a0\u00a0 Thanks for taking the question.", "Q"),  # as the White House prints it
        ("Q Thanks for taking the question.", "Q"),  # the same after the cleaner's normalisation
        ("Q. Thanks for taking the question.", "Q."),
        ("Q: Thanks for taking the question.", "Q:"),
    ],
)
def test_q_opens_a_question_turn(proj, line, printed):
    t, registries = one(proj, f"MR. SULLIVAN: Good afternoon.\n\n{line}\n\nMR. SULLIVAN: You are welcome.\n", sidecar())
    question = t.turns[1]
    assert (question.is_question, question.person, question.label) == (True, None, printed)
    assert question.voice(registries.people) == (QUESTION, None)
    assert t.paragraphs[1].text == "Thanks for taking the question."
    assert t.paragraphs[1].turn == question.index and t.paragraphs[1].starts_turn


def test_q_label_pattern_on_its_own():
    assert Q_LABEL.match("Q Thanks") and Q_LABEL.match("Q. Thanks") and Q_LABEL.match("Q: Thanks")
    assert split_label("Q: Thanks").name == "Q" and split_label("Q. Thanks").rest == "Thanks"
    assert not Q_LABEL.match("Queen Elizabeth said it.") and not Q_LABEL.match("QE2 sailed.")


def test_a_word_beginning_with_q_does_not_open_a_question(proj):
    t, registries = one(proj, "MR. SULLIVAN: Good afternoon.\n\nQueen Elizabeth said so too.\n", sidecar())
    assert [v[:3] for v in voices(t, registries)] == [
        ("Good afternoon.", "Jake Sullivan", "jake-sullivan"),
        ("Queen Elizabeth said so too.", "Jake Sullivan", "jake-sullivan"),
    ]
    assert not any(turn.is_question for turn in t.turns)


def test_the_letter_q_in_a_sentence_does_not_open_a_question(proj):
    t, registries = one(proj, "MR. SULLIVAN: Good afternoon.\n\nQ is a letter.\n", sidecar())
    assert not any(turn.is_question for turn in t.turns)
    assert voices(t, registries)[1][:3] == ("Q is a letter.", "Jake Sullivan", "jake-sullivan")


# --------------------------------------------------------------------------- surnames in capitals


def test_mr_surname_in_capitals_is_the_one_listed_speaker_of_that_surname(proj):
    t, _ = one(proj, "MR. SULLIVAN: Good afternoon.\n\nQ Why?\n\nMR. SULLIVAN: Because.\n", sidecar())
    assert [(turn.person, turn.label) for turn in t.turns] == [
        ("jake-sullivan", "MR. SULLIVAN:"), (None, "Q"), ("jake-sullivan", "MR. SULLIVAN:"),
    ]


def test_two_listed_speakers_of_one_surname_make_mr_surname_an_error_naming_the_line(proj):
    both = "  - person: jake-sullivan\n  - person: john-sullivan\n"
    message = failure(proj, "John Sullivan: Good afternoon.\n\nMR. SULLIVAN: Hello.\n", sidecar(both))
    assert f"transcripts/{SLUG}.txt, line 3: expected a speaker label known to transcripts/people.yml" in message
    assert "found 'MR. SULLIVAN:'" in message


def test_a_surname_only_the_registry_knows_is_not_a_speaker_of_this_transcript(proj):
    # john-sullivan is in the registry but not listed: the surname belongs to jake-sullivan alone
    t, _ = one(proj, "MR. SULLIVAN: Hello.\n", sidecar("  - person: jake-sullivan\n"))
    assert t.turns[0].person == "jake-sullivan"
    # and with no Sullivan listed at all, the label is unknown
    message = failure(proj, "Sergey Lavrov: Hello.\n\nMR. SULLIVAN: Hello.\n", sidecar("  - person: sergey-lavrov\n"))
    assert f"transcripts/{SLUG}.txt, line 3: expected a speaker label known" in message


def test_president_surname_in_capitals(proj):
    t, registries = one(proj, "PRESIDENT BIDEN: My fellow Americans.\n\nQ Sir?\n", sidecar("  - person: joe-biden\n"))
    assert (t.turns[0].person, t.turns[0].label) == ("joe-biden", "PRESIDENT BIDEN:")
    assert t.turns[0].voice(registries.people) == ("Joe Biden", "joe-biden")
    message = failure(proj, "Sergey Lavrov: Hello.\n\nPRESIDENT BIDEN: Hi.\n", sidecar("  - person: sergey-lavrov\n"))
    assert "expected the person 'joe-biden' among the speakers, since line 3" in message


def test_a_title_alone_is_not_a_surname(proj):
    message = failure(proj, "MR. SULLIVAN: Hello.\n\nMR. PRESIDENT: Hello.\n", sidecar())
    assert f"transcripts/{SLUG}.txt, line 3" in message and "found 'MR. PRESIDENT:'" in message


# --------------------------------------------------------------------------- role labels, per transcript


ROLE_TEXT = "THE PRESIDENT: Good afternoon.\n\nQ Mr. President?\n\nTHE PRESIDENT: Yes.\n"


def test_a_role_label_resolves_only_through_its_own_transcripts_sidecar(proj):
    put(proj, ROLE_TEXT, sidecar("  - person: joe-biden\n    labels: [THE PRESIDENT]\n"), "2022-01-01-biden")
    put(proj, ROLE_TEXT, sidecar("  - person: barack-obama\n    labels: [THE PRESIDENT]\n"), "2012-01-01-obama")
    transcripts, _ = gather(proj, use_cache=False)
    by_slug = {t.meta.slug: t for t in transcripts}
    assert [(turn.person, turn.label) for turn in by_slug["2022-01-01-biden"].turns] == [
        ("joe-biden", "THE PRESIDENT:"), (None, "Q"), ("joe-biden", "THE PRESIDENT:"),
    ]
    assert [turn.person for turn in by_slug["2012-01-01-obama"].turns] == ["barack-obama", None, "barack-obama"]


def test_a_role_label_is_never_a_global_alias(proj):
    put(proj, ROLE_TEXT, sidecar("  - person: joe-biden\n    labels: [THE PRESIDENT]\n"), "2022-01-01-biden")
    put(proj, ROLE_TEXT, sidecar("  - person: barack-obama\n    labels: [THE PRESIDENT]\n"), "2012-01-01-obama")
    put(proj, "Joe Biden: Good afternoon.\n\nTHE PRESIDENT: Yes.\n", sidecar("  - person: joe-biden\n"), "2023-01-01-third")
    with pytest.raises(BuildFailed) as failed:
        gather(proj, use_cache=False)
    errors = failed.value.errors
    assert [(e.file, e.where, e.found) for e in errors] == [("transcripts/2023-01-01-third.txt", "line 3", "'THE PRESIDENT:'")]


def test_a_role_label_matches_whatever_the_case_and_colon(proj):
    t, _ = one(proj, "The President: Hello.\n", sidecar("  - person: joe-biden\n    labels: ['THE PRESIDENT:']\n"))
    assert (t.turns[0].person, t.turns[0].label) == ("joe-biden", "The President:")


# --------------------------------------------------------------------------- titles before names


@pytest.mark.parametrize(
    "label, person",
    [
        ("President of Russia Vladimir Putin:", "vladimir-putin"),
        ("Federal Chancellor of Germany Angela Merkel (retranslated):", "angela-merkel"),
        ("PRESIDENT ZELENSKYY (via interpreter):", "volodymyr-zelenskyy"),
        ("Presidential Plenipotentiary Envoy to the Volga Federal District Mikhail Babich:", "mikhail-babich"),
    ],
)
def test_a_title_before_a_name_resolves_by_the_name_at_its_end(proj, label, person):
    speakers = f"  - person: {person}\n"
    t, registries = one(proj, f"{label} Thank you, colleagues.\n\nQuestion: And then?\n\n{label} Then we go on.\n", sidecar(speakers))
    assert [(turn.person, turn.label) for turn in t.turns] == [(person, label), (None, "Question:"), (person, label)]
    assert t.paragraphs[0].text == "Thank you, colleagues."  # the label is not in the text
    assert t.turns[0].voice(registries.people) == (registries.people[person].name, person)


def test_a_title_before_an_unknown_name_is_an_error(proj):
    message = failure(proj, "President of Russia Vladimir Putin: Hello.\n\nPresident of Ruritania Rudolf Rassendyll: Hello.\n",
                      sidecar("  - person: vladimir-putin\n"))
    assert f"transcripts/{SLUG}.txt, line 3: expected a speaker label known" in message
    assert "'President of Ruritania Rudolf Rassendyll:'" in message


def test_a_title_before_a_name_not_listed_is_an_error(proj):
    message = failure(proj, "Federal Chancellor of Germany Angela Merkel: Hello.\n", sidecar("  - person: vladimir-putin\n"))
    assert "expected the person 'angela-merkel' among the speakers, since line 1" in message


# --------------------------------------------------------------------------- anonymous voices


@pytest.mark.parametrize("name", ["SENIOR ADMINISTRATION OFFICIAL", "MODERATOR", "Remark"])
def test_a_built_in_anonymous_voice_is_a_voice_of_its_own(proj, name):
    t, registries = one(proj, f"MR. SULLIVAN: Hello.\n\n{name}: Thank you, everyone.\n\nQ Why?\n\n{name}: Because.\n", sidecar())
    anonymous = [turn for turn in t.turns if turn.anonymous]
    assert [(turn.person, turn.anonymous, turn.label, turn.is_question) for turn in anonymous] == [(None, name, f"{name}:", False)] * 2
    assert anonymous[0].voice(registries.people) == (name, None)
    assert registries.people.resolve(name) is None  # never a registry person


def test_an_anonymous_voice_needs_no_entry_in_speakers(proj):
    t, _ = one(proj, "SENIOR ADMINISTRATION OFFICIAL: Hello.\n\nMODERATOR: Next.\n", sidecar("  - person: jake-sullivan\n"))
    assert [turn.anonymous for turn in t.turns] == ["SENIOR ADMINISTRATION OFFICIAL", "MODERATOR"]
    assert all(turn.person is None for turn in t.turns)


def test_the_sidecar_can_name_an_anonymous_voice(proj):
    text = "MR. SULLIVAN: Hello.\n\nSPOKESPERSON: We have nothing to add.\n"
    message = failure(proj, text, sidecar())
    assert f"transcripts/{SLUG}.txt, line 3" in message and "found 'SPOKESPERSON:'" in message
    t, registries = one(proj, text, sidecar(extra="anonymous: [SPOKESPERSON]\n"))
    turn = t.turns[1]
    assert (turn.person, turn.anonymous, turn.label) == (None, "SPOKESPERSON", "SPOKESPERSON:")
    assert turn.voice(registries.people) == ("SPOKESPERSON", None)


def test_the_open_data_and_the_page_show_an_anonymous_voice_by_its_name(proj):
    t, registries = one(proj, "MR. SULLIVAN: Hello.\n\nSENIOR ADMINISTRATION OFFICIAL: Thank you, everyone.\n", sidecar())
    records = exports.paragraph_records(t, registries, "https://example.org/")
    record = next(r for r in records if r["text"] == "Thank you, everyone.")
    assert (record["speaker"], record["speaker_id"], record["speaker_label"]) == (
        "SENIOR ADMINISTRATION OFFICIAL", None, "SENIOR ADMINISTRATION OFFICIAL:",
    )
    assert (records[0]["speaker"], records[0]["speaker_id"]) == ("Jake Sullivan", "jake-sullivan")
    page = render.transcript_page(t, registries)
    assert "**SENIOR ADMINISTRATION OFFICIAL**{ .speaker-name }" in page
    assert 'data-speaker="anonymous"' in page


# --------------------------------------------------------------------------- narration


LEAD = "The President met the press in the East Room.\n\nMR. SULLIVAN: Good afternoon.\n\nQ Why?\n\nMR. SULLIVAN: Because.\n"


def test_the_text_before_the_first_label_is_a_lead(proj):
    t, registries = one(proj, LEAD, sidecar())
    lead = t.paragraphs[0]
    assert (lead.text, lead.turn, lead.narration) == ("The President met the press in the East Room.", None, "lead")
    assert [turn.label for turn in t.turns] == ["MR. SULLIVAN:", "Q", "MR. SULLIVAN:"]  # no opening turn
    record = exports.paragraph_records(t, registries, "https://example.org/")[0]
    assert (record["speaker"], record["speaker_id"]) == (None, None)


def test_with_main_speaker_the_text_before_the_first_label_is_their_opening_statement(proj):
    t, _ = one(proj, LEAD, sidecar(extra="main_speaker: jake-sullivan\n"))
    assert (t.turns[0].person, t.turns[0].label) == ("jake-sullivan", None)
    assert (t.paragraphs[0].turn, t.paragraphs[0].narration) == (0, None)


def test_main_speaker_null_keeps_the_lead_as_narration(proj):
    t, _ = one(proj, LEAD, sidecar(extra="main_speaker: null\n"))
    assert (t.paragraphs[0].turn, t.paragraphs[0].narration) == (None, "lead")


@pytest.mark.parametrize("kind", ["speech", "press-conference"])
def test_a_capture_without_labels_is_all_the_first_speakers(proj, kind):
    t, _ = one(proj, "My fellow Americans.\n\nWe meet in hard times.\n\nGod bless you.\n", sidecar("  - person: joe-biden\n", kind))
    assert [(turn.person, turn.label) for turn in t.turns] == [("joe-biden", None)]
    assert [(b.turn, b.narration) for b in t.paragraphs] == [(0, None)] * 3


NARRATED = [
    "MR. SULLIVAN: Good afternoon.",  # 1
    "",
    "(Laughter.)",  # 3
    "",
    "And so we go on.",  # 5: still Mr. Sullivan's
    "",
    "<…>",  # 7
    "",
    "After the cut, the same speaker.",  # 9
    "",
    "Q Thank you.",  # 11
    "",
    "The minister then left the room.",  # 13: narration only by the sidecar's word
    "",
    "MR. SULLIVAN: Thank you.",  # 15
]


def test_narration_rules_and_the_turn_going_on_after_them(proj):
    end = "6:19 P.M. EST"  # 'END 1:42 P.M. EDT': see the xfail below
    text = "\n".join([*NARRATED, "", end]) + "\n"
    t, registries = one(proj, text, sidecar(extra="narration:\n  - line: 13\n    reason: the reporter's words\n"))
    assert voices(t, registries) == [
        ("Good afternoon.", "Jake Sullivan", "jake-sullivan", None),
        ("(Laughter.)", None, None, "stage-direction"),
        ("And so we go on.", "Jake Sullivan", "jake-sullivan", None),
        ("<…>", None, None, "editorial-cut"),
        ("After the cut, the same speaker.", "Jake Sullivan", "jake-sullivan", None),
        ("Thank you.", QUESTION, None, None),
        ("The minister then left the room.", None, None, "curated-narration"),
        ("Thank you.", "Jake Sullivan", "jake-sullivan", None),
        (end, None, None, "end-of-transcript"),
    ]
    # the paragraph after a narration paragraph continues the turn; it does not start one
    after = next(b for b in t.paragraphs if b.line == 5)
    assert (after.turn, after.starts_turn) == (0, False)


@pytest.mark.parametrize("end", ["END 1:42 P.M. EDT", "END 12:08 P.M. CET"])
def test_end_with_a_closing_time_is_end_of_transcript(proj, end):
    t, registries = one(proj, f"MR. SULLIVAN: Good afternoon.\n\n{end}\n", sidecar())
    assert [b.kind for b in t.blocks] == ["paragraph", "paragraph"]
    assert voices(t, registries)[-1] == (end, None, None, "end-of-transcript")


def test_a_closing_time_is_kept_only_as_the_last_line(proj):
    text = "6:00 P.M. EST\n\nMR. SULLIVAN: Good afternoon.\n\n6:05 P.M. EST\n\nMR. SULLIVAN: Thank you.\n\n6:19 P.M. EST\n"
    t, registries = one(proj, text, sidecar())
    assert [(r.line, r.rule) for r in t.removals] == [(1, "bare-timestamp"), (5, "bare-timestamp")]
    assert voices(t, registries)[-1] == ("6:19 P.M. EST", None, None, "end-of-transcript")
    assert [b.text for b in t.paragraphs] == ["Good afternoon.", "Thank you.", "6:19 P.M. EST"]


def test_stage_directions_inside_a_paragraph_stay_the_speakers(proj):
    t, registries = one(proj, "MR. SULLIVAN: It is a good feeling. (Laughter.)\n", sidecar())
    assert voices(t, registries) == [("It is a good feeling. (Laughter.)", "Jake Sullivan", "jake-sullivan", None)]


def test_a_curated_narration_line_inside_a_turn_is_narration_and_the_turn_goes_on(proj):
    # the sidecar's word outranks speech: a line inside a turn becomes narration
    t, registries = one(proj, "MR. SULLIVAN: Hello.\n\nHe smiles and waves.\n\nThen he goes on.\n",
                        sidecar(extra="narration: [{line: 3, reason: a description}]\n"))
    assert [v[1:] for v in voices(t, registries)] == [
        ("Jake Sullivan", "jake-sullivan", None), (None, None, "curated-narration"), ("Jake Sullivan", "jake-sullivan", None),
    ]


def test_the_page_marks_narration_and_credits_it_to_no_one(proj):
    text = "The President met the press.\n\nMR. SULLIVAN: Good afternoon.\n\n(Laughter.)\n\nAnd so we go on.\n\n6:19 P.M. EST\n"
    t, registries = one(proj, text, sidecar())
    page = render.transcript_page(t, registries)
    body = page.split("\n---\n", 1)[1]
    for rule, line in (("lead", 1), ("stage-direction", 5), ("end-of-transcript", 9)):
        assert f'data-line="{line}" data-narration="{rule}"' in body
    assert body.count('data-narration="') == 3
    # one speaker heading only: the lead and the narration inside the turn open none
    assert body.count("{ .speaker-name }") == 1 and body.count(".turn #speaker-") == 1
    assert body.index("{ .speaker-name }") > body.index('data-narration="lead"')
    assert 'data-line="3" data-narration' not in body and 'data-line="7" data-narration' not in body
    records = exports.paragraph_records(t, registries, "https://example.org/")
    assert [(r["source_line"], r["speaker_id"]) for r in records] == [
        (1, None), (3, "jake-sullivan"), (5, None), (7, "jake-sullivan"), (9, None),
    ]


# --------------------------------------------------------------------------- speeches


def test_in_a_speech_an_address_is_text_but_the_speakers_own_name_is_a_label(proj):
    text = "Joe Biden: My fellow Americans.\n\nMr. President: thank you for coming.\n\nMr. Secretary-General: and you.\n"
    t, registries = one(proj, text, sidecar("  - person: joe-biden\n", "speech"))
    assert [(turn.person, turn.label) for turn in t.turns] == [("joe-biden", "Joe Biden:")]
    assert voices(t, registries) == [
        ("My fellow Americans.", "Joe Biden", "joe-biden", None),
        ("Mr. President: thank you for coming.", "Joe Biden", "joe-biden", None),
        ("Mr. Secretary-General: and you.", "Joe Biden", "joe-biden", None),
    ]


def test_outside_a_speech_an_address_shaped_like_a_label_is_an_error(proj):
    message = failure(proj, "Joe Biden: My fellow Americans.\n\nMr. President: thank you.\n", sidecar("  - person: joe-biden\n"))
    assert f"transcripts/{SLUG}.txt, line 3" in message and "found 'Mr. President:'" in message


@pytest.mark.parametrize("line", ["Vladimir Putin: a name I will not forget.", "Madam Speaker: thank you."])
def test_in_a_speech_a_name_that_is_not_a_listed_speaker_is_text(proj, line):
    t, registries = one(proj, f"Joe Biden: My fellow Americans.\n\n{line}\n", sidecar("  - person: joe-biden\n", "speech"))
    assert voices(t, registries)[1] == (line, "Joe Biden", "joe-biden", None)


def test_the_resolver_on_its_own(proj):
    """LabelResolver.resolve, without the pipeline: its order for one transcript."""
    from diparchive.ingest.people import Registry, read_people
    from diparchive.ingest.sidecar import read_sidecar

    put(proj, "x\n", sidecar("  - person: jake-sullivan\n    labels: [MODERATOR]\n  - person: joe-biden\n", extra="anonymous: [SPOKESPERSON, Question]\n"))
    meta = read_sidecar(proj.transcripts / f"{SLUG}.yml", SLUG, "x.yml")
    resolver = LabelResolver(meta, Registry(read_people(proj.transcripts / "people.yml", "people.yml")))

    def resolve(text):
        label = resolver.candidate(text)
        return None if label is None else resolver.resolve(label)

    assert resolve("MODERATOR: x") == ("jake-sullivan", False, None)  # the sidecar's role label comes first
    assert resolve("Question: x") == (None, False, "Question")  # then the sidecar's anonymous voices
    assert resolve("Q X") == (None, True, None)
    assert resolve("Joe Biden: x") == ("joe-biden", False, None)
    assert resolve("OPERATOR: x") == (None, False, "OPERATOR")
    assert resolve("MR. SULLIVAN: x") == ("jake-sullivan", False, None)
    assert resolve("MR. NOBODY: x") is None
    assert resolver.candidate("Here is an example: x") is None


# --------------------------------------------------------------------------- the reviewed sample captures


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    """The repository's reviewed copies of the sample captures (tests/captures), built."""
    from conftest import ROOT
    from diparchive.pipeline import Project

    collection = ROOT / "tests" / "captures"
    transcripts, registries = gather(Project.at(collection, collection / "transcripts", tmp_path_factory.mktemp("docs")), use_cache=False)
    return {t.meta.slug: t for t in transcripts}, registries


def test_the_sample_captures_voices(samples):
    built, registries = samples
    gaggle = built["2022-06-27-on-the-record-press-gaggle-by-national-security"]
    assert (gaggle.turns[0].person, gaggle.turns[0].label) == ("jake-sullivan", "MR. SULLIVAN:")
    assert gaggle.turns[1].is_question and gaggle.turns[1].label == "Q"
    assert gaggle.paragraphs[-1].narration == "end-of-transcript"
    call = built["2021-12-09-background-press-call-by-a-senior-administration-official"]
    anonymous = {turn.anonymous for turn in call.turns if turn.person is None and not turn.is_question}
    assert anonymous == {"SENIOR ADMINISTRATION OFFICIAL", "MODERATOR"}
    assert (call.paragraphs[-1].text, call.paragraphs[-1].narration) == ("6:19 P.M. EST", "end-of-transcript")
    assert "6:00 P.M. EST" in {r.text for r in call.removals if r.rule == "bare-timestamp"}
    gref = built["2018-10-08-meeting-with-sberbank-ceo-german-gref"]
    assert gref.paragraphs[0].narration == "lead" and gref.paragraphs[-1].narration == "editorial-cut"
    assert [(turn.person, turn.label) for turn in gref.turns[:2]] == [
        ("vladimir-putin", "President of Russia Vladimir Putin:"),
        ("german-gref", "Sberbank CEO and Chairman of the Management Board German Gref:"),
    ]
    remarks = built["2022-03-16-remarks-by-president-biden-on-the-assistance-the"]
    assert {turn.person for turn in remarks.turns if not turn.is_question} == {"joe-biden"}
    assert {turn.label for turn in remarks.turns if not turn.is_question} == {"THE PRESIDENT:"}  # its sidecar's labels
    assert "stage-direction" in {b.narration for b in remarks.paragraphs}
