"""Kinds of document: the declaration (sidecar.KINDS), how each is segmented (segment.py), and the
kind drafted from a capture's title (draft.KIND_WORDS), on the wording of the Kremlin's titles and
of other publishers'. Each rule has its counter-cases.

The builds copy tests/test_voices.py: a small project in tmp_path (the repository's registries plus
the people a test needs) read back through the real pipeline (read -> clean -> segment)."""

from __future__ import annotations

import pytest

from conftest import copy_project, project_with_people
from diparchive.publish import citations
from diparchive.curate import draft
from diparchive.infra.errors import BuildFailed, InputError
from diparchive.pipeline import gather
from diparchive.segment.segment import KINDS_WITH_TURNS, SPEECH_KINDS
from diparchive.ingest.sidecar import KIND_IN_CITATION, KINDS, REPORT_KINDS, is_report

SLUG = "2020-01-02-test"

EXTRA_PEOPLE = """
xi-jinping:
  name: Xi Jinping
  description: Chinese politician; President of China from 2013.
  aliases: []
"""


# --------------------------------------------------------------------------- the declaration


def test_the_kinds_of_the_kremlin_collection_are_declared():
    assert {"press-conference", "meeting", "talks", "press-statements", "telephone-conversation", "interview",
            "speech", "greetings", "news-report"} <= set(KINDS)
    assert set(KIND_IN_CITATION) == set(KINDS)


def test_each_kind_is_segmented_one_way_only():
    """Turns, one speaker's text, or a report: every kind is in exactly one of the three."""
    assert KINDS_WITH_TURNS | SPEECH_KINDS | REPORT_KINDS == set(KINDS)
    assert not KINDS_WITH_TURNS & SPEECH_KINDS and not KINDS_WITH_TURNS & REPORT_KINDS and not SPEECH_KINDS & REPORT_KINDS
    assert {"talks", "press-statements"} <= KINDS_WITH_TURNS
    assert "greetings" in SPEECH_KINDS
    assert REPORT_KINDS == {"news-report", "telephone-conversation"} and is_report("telephone-conversation")


def test_every_kind_the_draft_names_is_declared():
    assert {kind for kind, _ in draft.KIND_WORDS} <= set(KINDS)
    assert draft.REPORTED_WITHOUT_LABELS <= KINDS_WITH_TURNS


# --------------------------------------------------------------------------- the kind from the title

NARRATION = ["Vladimir Putin met the delegation.", "The talks covered trade.", "The sides signed documents."]


def drafted(title: str, labels: int = 0, speakers: int = 0, questions: int = 0) -> str:
    """The kind drafted for a capture of this title whose narration speaks in the third person,
    with this many speaker labels, named speakers and questions."""
    people = [{"person": f"p{i}"} for i in range(speakers)]
    return draft._kind(NARRATION, people, [], questions, labels, title, "capture")


GETS = [
    # the State Department's and the White House's kinds: a press availability, a panel, a
    # background call, remarks to the press
    ("Secretary Antony J. Blinken and German Foreign Minister Heiko Maas at a Joint Press Availability", 3, "press-availability"),
    ("Secretary Antony J. Blinken at a Press Availability", 2, "press-availability"),
    ("Secretary Blinken's Remarks to the Press", 2, "media-remarks"),
    ("Secretary Antony J. Blinken Remarks to Traveling Press", 2, "media-remarks"),
    ("Secretary Blinken at a Panel Discussion on Food Security", 3, "panel"),
    ("Secretary Blinken in a Moderated Conversation at the CEO Summit", 2, "panel"),
    ("Senior State Department Official On the Secretary's Travel to Europe", 2, "background-call"),  # an official unnamed
    ("Background Press Call by Senior Administration Officials on Russia and Ukraine", 3, "background-call"),
    ("Senior State Department Officials on Background Briefing on Iran", 2, "background-call"),
    ("Department Press Briefing – June 1, 2021", 3, "briefing"),
    # telephone conversations: a report of them, whether the page prints a label or not
    ("Telephone conversation with President of Turkey Recep Tayyip Erdogan", 0, "telephone-conversation"),
    ("Telephone conversation with President of Turkey Recep Tayyip Erdogan", 1, "telephone-conversation"),
    ("President Vladimir Putin spoke by telephone with British Prime Minister Tony Blair", 0, "telephone-conversation"),
    ("President Vladimir Putin had a telephone conversation with German Federal Chancellor Gerhard Schroeder", 0, "telephone-conversation"),
    ("Acting President Vladimir Putin congratulated Uzbek President Islam Karimov on his birthday in a telephone conversation", 0, "telephone-conversation"),
    ("Vladimir Putin congratulated Kazakh President Nursultan Nazarbayev on his birthday over the telephone", 0, "telephone-conversation"),
    ("Telephone conference with David Cameron, Francois Hollande, Angela Merkel and Matteo Renzi", 0, "telephone-conversation"),
    ("Readout of President Biden’s Phone Call with Chancellor Scholz of Germany", 0, "telephone-conversation"),
    # press statements
    ("Press statements following Russian-Chinese talks", 2, "press-statements"),
    ("Press statements and answers to journalists’ questions following Russian-Finnish talks", 2, "press-statements"),
    ("Press statement following CIS and SEEC summits", 1, "press-statements"),
    ("Statements for the press following talks with Federal President of Austria Heinz Fischer", 2, "press-statements"),
    ("Statements following Russian-Syrian talks", 2, "press-statements"),
    # talks, as transcribed
    ("Russian-Chinese talks", 1, "talks"),
    ("Russia-Argentina talks", 3, "talks"),
    ("Russian-German summit talks", 2, "talks"),
    ("Talks with President of Belarus Alexander Lukashenko", 2, "talks"),
    # greetings, messages, congratulations, condolences
    ("Greetings to participants of international parliamentary forum Russia–Africa: Horizons of Cooperation", 0, "greetings"),
    ("Greetings to Russian women on International Women’s Day", 1, "greetings"),
    ("Birthday greetings to cosmonaut Alexei Leonov", 0, "greetings"),
    ("Easter greetings", 0, "greetings"),
    ("Message of greetings on the presentation of the Nika National Film Award", 0, "greetings"),
    ("Message to Prime Minister of Great Britain Boris Johnson", 0, "greetings"),
    ("Congratulations to Pope Francis", 0, "greetings"),
    ("Condolences to President of Ukraine Viktor Yanukovych", 0, "greetings"),
    ("President Vladimir Putin sent a telegram of condolences to Kim Dae Jung, President of the Republic of Korea", 0, "greetings"),
    ("Vladimir Putin sent the King of Norway, Harald V, a congratulatory message on the occasion of the anniversary", 0, "greetings"),
    ("President Vladimir Putin forwarded a message to Philippine President Gloria Macapagal-Arroyo", 0, "greetings"),
    ("Greetings to the National Civil Defence Meeting with heads of federal and regional executive authorities", 0, "greetings"),
    # meetings, as transcribed
    ("Meeting with Sberbank CEO German Gref", 2, "meeting"),
    ("Meeting on development of LNG production projects", 1, "meeting"),
    ("Security Council meeting", 1, "meeting"),
    ("Expanded meeting of the Defence Ministry Board", 1, "meeting"),
    ("BRICS Leaders’ Meeting", 1, "meeting"),
    # addresses and speeches
    ("Address to the Nation", 1, "speech"),
    ("New Year Address to the Nation", 1, "speech"),
    ("Presidential Address to the Federal Assembly", 2, "speech"),
    ("Speech at State Duma plenary session", 2, "speech"),
    ("Remarks by President Biden on the Assistance the United States is Providing to Ukraine", 1, "speech"),
    ("Statement by President of Russia Vladimir Putin", 0, "speech"),
    # news conferences and interviews
    ("News conference following Russian-Bulgarian talks", 2, "press-conference"),
    ("Vladimir Putin’s news conference", 20, "press-conference"),
    ("Interview to Bloomberg", 2, "interview"),
    ("On middle class and people’s incomes (interview to TASS)", 2, "interview"),
    # other news: a meeting or talks only reported, an announcement
    ("Meeting with President of OAO United Shipbuilding Corporation Roman Trotsenko", 0, "news-report"),
    ("Working meeting with Prosecutor General Yury Chaika", 0, "news-report"),
    ("President Vladimir Putin held talks with Austria's President Thomas Klestil", 0, "news-report"),
    ("Russian-Turkish talks will be held on March 5", 0, "news-report"),
    ("The Presidential Address to the Federal Assembly will take place on January 15, 2020", 0, "news-report"),
    ("President Vladimir Putin met with Lebanese Prime Minister Rafik Hariri", 0, "news-report"),
]


@pytest.mark.parametrize("title, labels, kind", GETS)
def test_the_title_gets_its_kind(title, labels, kind):
    assert drafted(title, labels, speakers=min(labels, 2)) == kind


NOT = [
    # (title, labels, speakers, questions, the kind it must not get, the kind it gets)
    ("Meeting with Human Rights Commissioner Tatyana Moskalkova", 2, 2, 0, "telephone-conversation", "meeting"),
    ("Conversation with Prime Minister Mikhail Mishustin", 2, 2, 0, "telephone-conversation", "meeting"),
    ("President Vladimir Putin replied to Russians' questions during a live call-in show", 0, 0, 0, "telephone-conversation", "news-report"),
    ("Background Press Call by a Senior Administration Official on President Biden’s Calls with President Zelenskyy", 3, 0, 2,
     "telephone-conversation", "background-call"),
    ("Telephone conversation with President of France Emmanuel Macron", 0, 0, 0, "talks", "telephone-conversation"),
    ("Press statements following Russian-Chinese talks", 2, 2, 0, "talks", "press-statements"),
    ("News conference following talks with Austrian Federal President Alexander Van der Bellen", 4, 2, 2, "talks", "press-conference"),
    ("Statement by President of Russia Vladimir Putin", 0, 0, 0, "press-statements", "speech"),
    ("Vladimir Putin congratulated Russian teachers on their professional holiday", 1, 1, 0, "greetings", "speech"),
    ("President Vladimir Putin personally congratulated Vice President of Russian Academy of Sciences Zhores Alfyorov", 0, 0, 0,
     "greetings", "news-report"),
    ("President Vladimir Putin expressed condolences on the recent earthquake in Georgia", 0, 0, 0, "greetings", "news-report"),
    ("Vladimir Putin continues to receive congratulations on his victory in Russian presidential election", 0, 0, 0, "greetings", "news-report"),
    ("Presentation of foreign ambassadors’ letters of credence", 1, 1, 0, "greetings", "speech"),
    ("List of instructions following a meeting with the United Russia core group", 0, 0, 0, "meeting", "news-report"),
    ("Meeting with President of Belarus Alexander Lukashenko", 0, 0, 0, "meeting", "news-report"),
    ("Accreditation is open for journalists to cover the annual Presidential Address to the Federal Assembly", 0, 0, 0, "speech", "news-report"),
    ("At a speech at the summit of the Organisation of Islamic Conference, President Putin spoke of Islam", 0, 0, 0, "speech", "news-report"),
]


@pytest.mark.parametrize("title, labels, speakers, questions, wrong, kind", NOT)
def test_the_title_does_not_get_a_kind_its_words_only_resemble(title, labels, speakers, questions, wrong, kind):
    got = drafted(title, labels, speakers, questions)
    assert got != wrong and got == kind


# --------------------------------------------------------------------------- builds


def sidecar(kind: str, speakers: str = "", extra: str = "") -> str:
    return (
        "title: A test transcript\n"
        "date: 2020-01-02\n"
        "date_basis: Stated in the text.\n"
        f"kind: {kind}\n"
        "summary: A transcript made up for a test.\n"
        "venue:\n  event: Test Meeting\n"
        + (f"speakers:\n{speakers}" if speakers else "speakers: []\n")
        + "language:\n  text: en\n  original: ru\n  translation: official\n"
        "source:\n  capture: test.txt\n  added: 2026-11-23\n"
        "licence:\n  status: unknown\n  note: Made up for a test.\n"
        f"{extra}"
    )


TWO = "  - person: vladimir-putin\n  - person: xi-jinping\n"

TALKS = (
    "Russian-Chinese talks took place in the Kremlin.\n\n"  # 1: the lead
    "Vladimir Putin: Mr Chairman, friends, I am glad to welcome you.\n\n"  # 3
    "Our trade grew by a quarter.\n\n"  # 5
    "Xi Jinping (retranslated): Thank you, Mr President.\n"  # 7
)

CALL = (
    "Vladimir Putin had a telephone conversation with President of China Xi Jinping.\n\n"  # 1
    "Vladimir Putin said that trade had grown by a quarter.\n\n"  # 3
    "Vladimir Putin: Mr Chairman, I congratulate you on the launch.\n\n"  # 5: an excerpt the report prints
    "The leaders agreed to stay in touch.\n"  # 7
)


@pytest.fixture
def proj(tmp_path):
    return project_with_people(tmp_path / "p", EXTRA_PEOPLE)


def one(project, text: str, meta: str):
    (project.transcripts / f"{SLUG}.txt").write_text(text, "utf-8")
    (project.transcripts / f"{SLUG}.yml").write_text(meta, "utf-8")
    (t,), registries = gather(project, use_cache=False)
    return t, registries


def shape(t) -> list[tuple]:
    """(text, person, narration rule) of each paragraph."""
    people = {turn.index: turn.person for turn in t.turns}
    return [(b.text, people.get(b.turn), b.narration) for b in t.paragraphs]


@pytest.mark.parametrize("kind", ["talks", "press-statements", "meeting"])
def test_talks_and_press_statements_keep_their_turns(proj, kind):
    t, _ = one(proj, TALKS, sidecar(kind, TWO))
    assert [(turn.person, turn.label) for turn in t.turns] == [
        ("vladimir-putin", "Vladimir Putin:"), ("xi-jinping", "Xi Jinping (retranslated):")]
    assert shape(t) == [
        ("Russian-Chinese talks took place in the Kremlin.", None, "lead"),
        ("Mr Chairman, friends, I am glad to welcome you.", "vladimir-putin", None),
        ("Our trade grew by a quarter.", "vladimir-putin", None),
        ("Thank you, Mr President.", "xi-jinping", None),
    ]


def test_a_telephone_conversation_builds_with_no_turns(proj):
    t, _ = one(proj, CALL, sidecar("telephone-conversation", extra="quoted: [vladimir-putin]\n"))
    assert t.turns == ()
    assert [(b.text, b.turn) for b in t.paragraphs] == [
        ("Vladimir Putin had a telephone conversation with President of China Xi Jinping.", None),
        ("Vladimir Putin said that trade had grown by a quarter.", None),
        ("Vladimir Putin: Mr Chairman, I congratulate you on the launch.", None),  # the label is text of the report
        ("The leaders agreed to stay in touch.", None),
    ]
    assert t.quotes.get(3) == ("vladimir-putin",)  # quoted, as in a news report, never a turn


def test_a_telephone_conversation_is_built_exactly_as_a_news_report(proj, tmp_path):
    t, _ = one(proj, CALL, sidecar("telephone-conversation", extra="quoted: [vladimir-putin]\n"))
    other = copy_project(tmp_path / "q", slugs=[])
    people = other.transcripts / "people.yml"
    people.write_text(people.read_text("utf-8") + EXTRA_PEOPLE, "utf-8")
    r, _ = one(other, CALL, sidecar("news-report", extra="quoted: [vladimir-putin]\n"))
    assert (t.blocks, t.turns, t.quotes) == (r.blocks, r.turns, r.quotes)


def test_a_telephone_conversation_has_no_speakers(proj):
    (proj.transcripts / f"{SLUG}.txt").write_text(CALL, "utf-8")
    (proj.transcripts / f"{SLUG}.yml").write_text(sidecar("telephone-conversation", "  - person: vladimir-putin\n"), "utf-8")
    with pytest.raises((BuildFailed, InputError)) as failed:
        gather(proj, use_cache=False)
    assert "field 'speakers'" in str(failed.value)
    assert "expected no speakers for a report of a telephone conversation (list the people it quotes under 'quoted')" in str(failed.value)


def test_greetings_are_their_speakers_alone(proj):
    """A message of greetings read out on video: its speaker's label opens the text; an address
    ('Friends:') is no label, as in a speech."""
    text = "Vladimir Putin: Dear friends,\n\nFriends: I congratulate you on the holiday.\n\nHappy holiday!\n"
    t, _ = one(proj, text, sidecar("greetings", "  - person: vladimir-putin\n"))
    assert [(turn.person, turn.label) for turn in t.turns] == [("vladimir-putin", "Vladimir Putin:")]
    assert [p for _, p, _ in shape(t)] == ["vladimir-putin"] * 3


@pytest.mark.parametrize("kind, words", [
    ("telephone-conversation", "report of a telephone conversation"), ("talks", "remarks at talks"),
    ("press-statements", "press statements"), ("greetings", "message"),
])
def test_a_citation_names_the_kind(proj, kind, words):
    speakers = "" if is_report(kind) else "  - person: vladimir-putin\n"
    text = CALL if is_report(kind) else "Vladimir Putin: Dear friends, I welcome you.\n"
    t, registries = one(proj, text, sidecar(kind, speakers))
    ref = citations.reference(t, registries.people)
    assert (ref.kind, ref.kind_in_citation) == (KINDS[kind], words)
