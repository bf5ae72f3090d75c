"""Attribution on kremlin.ru pages: which paragraphs are section headings, speaker labels and the
publisher's narration, read from a saved page's markup as well as from its text.

- a short line 'Deadline: July 15, 2018' is an item of a list, not a heading; in a saved page a
  heading is what the markup sets apart (a heading element, a paragraph all in bold or italics);
- a label the page sets in bold, ending in a colon, opens a turn whatever words its role holds
  ('Director of the Moscow Variety theatre Gennady Hazanov:');
- the national anthem played, on a line of its own, is narration (rule ``national-anthem``);
- a whole paragraph in brackets beyond a stage direction's length is narration (rule
  ``bracketed-summary``), and so is a paragraph the page sets all in italics (``italic-narration``).

Each test holds both sides: what the rule must change and what it must leave as it is. The
snippets are copied from pages of the Kremlin corpus (``kremlin-en-2020.tar.xz``, CC BY 4.0,
"President of Russia, kremlin.ru"); the last test reads those pages from the corpus itself.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SHARED, needs_shared, project_with_people
from diparchive.curate.draft import draft
from diparchive.ingest.html_lines import html_lines
from diparchive.ingest.labels import split_label
from diparchive.ingest.people import Registry
from diparchive.model import SourceText
from diparchive.pipeline import Project, gather
from diparchive.segment.segment import is_heading, narration_rule

SLUG = "2020-01-02-kremlin-test"
CORPUS = "corpora/kremlin-en-2020.tar.xz"

EXTRA_PEOPLE = """
gennady-hazanov:
  name: Gennady Hazanov
  description: Russian actor; Director of the Moscow Variety Theatre.
  aliases: []
tatyana-golikova:
  name: Tatyana Golikova
  description: Russian official; Deputy Prime Minister from 2018.
  aliases: []
"""


def page(*paragraphs: str) -> str:
    """A saved page as kremlin.ru lays out its article body: one <p> per paragraph."""
    body = "\n".join(paragraphs)
    return f'<html lang="en"><head><title>A test page</title></head><body><div itemprop="articleBody">\n{body}\n</div></body></html>\n'


def sidecar(kind: str = "meeting", speakers: str = "  - person: vladimir-putin\n", extra: str = "") -> str:
    return (
        "title: A test transcript\n"
        "date: 2020-01-02\n"
        "date_basis: Stated in the text.\n"
        f"kind: {kind}\n"
        "summary: A transcript made up for a test from kremlin.ru's words.\n"
        "venue:\n  event: Test Meeting\n"
        f"speakers:\n{speakers}"
        "language:\n  text: en\n  original: ru\n  translation: official\n"
        "source:\n  capture: test.html\n  added: 2026-11-23\n"
        "licence:\n  status: cc-by-4.0\n  note: President of Russia, kremlin.ru.\n"
        f"{extra}"
    )


@pytest.fixture
def proj(tmp_path):
    return project_with_people(tmp_path / "p", EXTRA_PEOPLE)


def build(project, capture: str, meta: str, suffix: str = ".html"):
    (project.transcripts / f"{SLUG}{suffix}").write_text(capture, "utf-8")
    (project.transcripts / f"{SLUG}.yml").write_text(meta, "utf-8")
    (t,), registries = gather(project, use_cache=False)
    return t


def read(t) -> list[tuple]:
    """(kind, text, person id or None, narration rule) of each block."""
    turns = {turn.index: turn for turn in t.turns}
    return [(b.kind, b.text, turns[b.turn].person if b.turn is not None else None, b.narration) for b in t.blocks]


def lines_and_hints(*paragraphs: str) -> list[tuple[str, str | None]]:
    lines, hints, _ = html_lines(page(*paragraphs), "test.html")
    return [(line, hints.get(no)) for no, line in enumerate(lines, 1) if line]


# --------------------------------------------------------------------------- headings


def test_a_term_a_colon_and_its_value_is_an_item_of_a_list_not_a_heading():
    for item in ("Deadline: July 15, 2018", "Report due: December 1, 2019", "Responsible: Government of the Russian Federation"):
        assert not is_heading(item), item
    for heading in ("Eyes On The SCO", "Broader Discussion", "Red Square, May 9", "Article 1"):
        assert is_heading(heading), heading


def test_in_a_saved_page_a_heading_is_what_the_markup_sets_apart(proj):
    capture = page(
        "<p>The President signed Executive Orders appointing federal ministers.</p>",
        "<p><b>Red Square, May 9</b></p>",
        "<p>Mikhail Murashko – Minister of Healthcare </p>",  # a list of appointments: plain paragraphs
        "<p>Olga Lyubimova – Minister of Culture</p>",
        "<p><i>Beginning of meeting with President of Iran Hassan Rouhani</i></p>",
        "<p>Deadline: July 15, 2018</p>",
    )
    t = build(proj, capture, sidecar("news-report", speakers=" []\n"))
    assert [(kind, text) for kind, text, _, _ in read(t)] == [
        ("paragraph", "The President signed Executive Orders appointing federal ministers."),
        ("heading", "Red Square, May 9"),
        ("paragraph", "Mikhail Murashko – Minister of Healthcare"),
        ("paragraph", "Olga Lyubimova – Minister of Culture"),
        ("heading", "Beginning of meeting with President of Iran Hassan Rouhani"),
        ("paragraph", "Deadline: July 15, 2018"),
    ]


# --------------------------------------------------------------------------- labels


def test_the_page_says_which_lines_are_bold_italic_or_open_with_a_bold_label():
    assert lines_and_hints(
        "<p><b>Director of the Moscow Variety theatre Gennady Hazanov:</b> We were just speaking about disabled individuals.</p>",
        "<p><b>President of Russia Vladimir Putin</b>: Good afternoon, colleagues,</p>",
        "<p><i>(The Minister went on to talk about repairs on the heating and water supply systems.)</i></p>",
        "<p>(<i>The national anthem of the Russian Federation.</i>)</p>",
        "<p><b>Article 1</b></p>",
        "<p>But due to a social programme that <i>retrained</i> those individuals</p>",
        "<p><b>Note:</b> one: two</p>",
        "<p><b>Accreditation:</b> open until 10:00</p>",
    ) == [
        ("Director of the Moscow Variety theatre Gennady Hazanov: We were just speaking about disabled individuals.", "label"),
        ("President of Russia Vladimir Putin: Good afternoon, colleagues,", "label"),
        ("(The Minister went on to talk about repairs on the heating and water supply systems.)", "italic"),
        ("(The national anthem of the Russian Federation.)", "italic"),
        ("Article 1", "bold"),
        ("But due to a social programme that retrained those individuals", None),
        ("Note: one: two", "label"),
        ("Accreditation: open until 10:00", "label"),
    ]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Host of the Volunteer of Russia 2018 award ceremony Dmitry Guberniyev: Friends,", "Host of the Volunteer of Russia 2018 award ceremony Dmitry Guberniyev"),
        ("Director of the Moscow Variety theatre Gennady Hazanov: We were just speaking", "Director of the Moscow Variety theatre Gennady Hazanov"),
        ("Sports commentator Dmitry Guberniyev, ceremony moderator: Mr President,", "Sports commentator Dmitry Guberniyev, ceremony moderator"),
        ("Alisa Shmelyova, metrology engineer: Mr President,", "Alisa Shmelyova, metrology engineer"),
        ("Transport Minister Maxim Sokolov:Mr President, Mr Prime Minister, colleagues,", "Transport Minister Maxim Sokolov"),
        ("Ebtesam al-Ketbi: Ebtesam Al-Ketbi, Professor of Political Science.", "Ebtesam al-Ketbi"),
    ],
)
def test_a_label_the_page_sets_in_bold_holds_any_words_of_a_role(text, name):
    assert split_label(text) is None  # by its shape alone, no label
    label = split_label(text, marked=True)
    assert label is not None and label.name == name


@pytest.mark.parametrize(
    "text",
    [
        "Meeting points:",  # a bold list's introduction names no one
        "The message reads:",
        "Badges for accredited media representatives will be issued at the following sites:",
        "Note for the CIS media: To receive video materials from the host broadcaster",
        "Contact telephone numbers: +7 495 606 2035, +7 495 606 4357.",
        "Dmitry, Moscow: Good afternoon, Mr President.",
    ],
)
def test_a_bold_run_ending_in_a_colon_that_names_no_one_is_no_label(text):
    assert split_label(text, marked=True) is None


def test_a_bold_label_opens_a_turn_and_a_bold_list_introduction_does_not(proj):
    capture = page(
        "<p>Vladimir Putin met with election campaign activists.</p>",
        "<p><b>President of Russia Vladimir Putin:</b> Good afternoon, colleagues,</p>",
        "<p><b>The message reads:</b></p>",
        "<p>It is a pleasure to greet you.</p>",
        "<p><b>Director of the Moscow Variety theatre Gennady Hazanov:</b> We were just speaking about disabled individuals in Russia.</p>",
        "<p>In my opinion, that is the main thing.</p>",
        "<p><b>Vladimir Putin:</b> Thank you.</p>",
    )
    t = build(proj, capture, sidecar(speakers="  - person: vladimir-putin\n  - person: gennady-hazanov\n"))
    assert [(text, person) for _, text, person, _ in read(t)] == [
        ("Vladimir Putin met with election campaign activists.", None),
        ("Good afternoon, colleagues,", "vladimir-putin"),
        ("The message reads:", "vladimir-putin"),
        ("It is a pleasure to greet you.", "vladimir-putin"),
        ("We were just speaking about disabled individuals in Russia.", "gennady-hazanov"),
        ("In my opinion, that is the main thing.", "gennady-hazanov"),
        ("Thank you.", "vladimir-putin"),
    ]
    assert [turn.label for turn in t.turns] == [
        "President of Russia Vladimir Putin:", "Director of the Moscow Variety theatre Gennady Hazanov:", "Vladimir Putin:",
    ]


def test_the_draft_names_the_speaker_of_a_bold_label_with_the_role_printed_around_the_name(tmp_path):
    capture = page(
        "<p>Vladimir Putin presented the awards.</p>",
        "<p><b>Sports commentator Dmitry Guberniyev, ceremony moderator:</b> Mr President, we have a small favour to ask of you.</p>",
        "<p><b>Alexei Kudrin, Chairman of the Accounts Chamber:</b> Thank you, Mr President.</p>",
        "<p><b>Vladimir Putin:</b> Thank you.</p>",
    )
    path = tmp_path / "56318.html"
    path.write_text(capture, "utf-8")
    lines, hints, header = html_lines(capture, path.name)
    d = draft(SourceText(path, tuple(lines), "", "html", hints, header), Registry({}), path.name)
    people = {pid: entry["name"] for pid, entry in d.new_people.items()}
    assert people == {"dmitry-guberniyev": "Dmitry Guberniyev", "alexei-kudrin": "Alexei Kudrin", "vladimir-putin": "Vladimir Putin"}
    speakers = {s["person"]: s for s in d.values["speakers"]}
    assert speakers["dmitry-guberniyev"]["role"] == "Sports commentator, ceremony moderator"
    assert speakers["dmitry-guberniyev"]["labels"] == ["Sports commentator Dmitry Guberniyev, ceremony moderator"]
    assert speakers["alexei-kudrin"]["role"] == "Chairman of the Accounts Chamber"


# --------------------------------------------------------------------------- narration


@pytest.mark.parametrize(
    "played, spoken_of",
    [
        ("The National Anthem of the Russian Federation is played.", "The National Anthem of the Russian Federation is played at the opening of every session."),
        ("The National Anthem of the Russian Federation.", "The first official performance of the National Anthem closed the President’s speech."),
        ("Russia’s National Anthem.", "You have said that our anthem will be reinstated."),
        ("The national anthems of Russia and Belarus are played.", "The national anthem of Russia is played at schools."),
        ("The State Anthem of the Russian Federation sounds.", "Now the national anthem will be played."),
    ],
)
def test_the_national_anthem_played_is_narration_and_words_about_it_are_not(played, spoken_of):
    # a speaker who speaks of the anthem says more than that it is played
    assert (narration_rule(played), narration_rule(spoken_of)) == ("national-anthem", None)


SUMMARY = (
    "(The Minister went on to talk about repairs on the heating and water supply systems, creating fuel "
    "reserves, and the debt of the regions to resource-supplying organisations.)"
)
NESTED = (
    "(Mr Shokhin went on to discuss joint work with the State Duma on drafting a new Administrative Offences Code (CAO), "
    "making a few remarks and proposals on behalf of the business community)."
)


@pytest.mark.parametrize(
    "text, rule",
    [
        ("(Minute of silence.)", "stage-direction"),  # a short one stays a stage direction
        ("(Applause.) Thank you. (Applause.)", None),  # the speaker's words between two directions
        ("(Inaudible) and our statement said —", None),
    ],
)
def test_a_whole_paragraph_in_brackets_is_narration_whatever_its_length(text, rule):
    assert len(SUMMARY) > 160
    assert (narration_rule(SUMMARY), narration_rule(NESTED)) == ("bracketed-summary", "bracketed-summary")
    assert narration_rule(text) == rule


def test_in_a_saved_page_italics_brackets_and_the_anthem_are_narration_and_the_turn_goes_on(proj):
    capture = page(
        "<p>Vladimir Putin held a meeting with Government members.</p>",
        "<p><b>Deputy Prime Minister Tatyana Golikova:</b> Mr President, colleagues,</p>",
        "<p><i>(Tatyana Golikova went on to report on provision of medical assistance in rural areas, the development of air "
        "ambulance services, and on regular medical examinations, pointing out, in particular, that in 2019, almost 62 million "
        "Russians should be covered by preventive check-ups.)</i></p>",
        "<p>This is what I wanted to report.</p>",
        "<p><b>Vladimir Putin:</b> Thank you.</p>",
        "<p><i>A video is played.</i></p>",
        "<p>As the poet said, <i>“the Motherland is not a word”</i>, and we remember it.</p>",
        "<p><i>The National Anthem of the Russian Federation.</i></p>",
        "<p>The National Anthem of the Russian Federation is played.</p>",
        "<p><i>On a national vote</i></p>",
        "<p><i>Beginning of meeting with President of Iran Hassan Rouhani</i></p>",
    )
    t = build(proj, capture, sidecar(speakers="  - person: vladimir-putin\n  - person: tatyana-golikova\n"))
    assert [(kind, person, rule) for kind, _, person, rule in read(t)] == [
        ("paragraph", None, "lead"),
        ("paragraph", "tatyana-golikova", None),
        ("paragraph", None, "bracketed-summary"),
        ("paragraph", "tatyana-golikova", None),  # her turn goes on after the summary
        ("paragraph", "vladimir-putin", None),
        ("paragraph", None, "italic-narration"),
        ("paragraph", "vladimir-putin", None),  # italics inside a paragraph: the speaker's words
        ("paragraph", None, "national-anthem"),
        ("paragraph", None, "national-anthem"),
        ("paragraph", None, "italic-narration"),
        ("heading", None, None),  # set apart and shaped as a heading: a heading
    ]


def test_a_text_capture_of_a_speech_has_the_anthem_and_a_long_summary_as_narration(proj):
    text = "\n\n".join([
        "Citizens of Russia, dear veterans,",
        "The National Anthem of the Russian Federation is played.",
        SUMMARY,
        "Glory to Russia!",
    ]) + "\n"
    t = build(proj, text, sidecar("speech").replace("test.html", "test.txt"), ".txt")
    assert [(person, rule) for _, _, person, rule in read(t)] == [
        ("vladimir-putin", None), (None, "national-anthem"), (None, "bracketed-summary"), ("vladimir-putin", None),
    ]


# --------------------------------------------------------------------------- on the corpus


PAGES = {
    "58794": "(The Minister went on to talk about repairs on the heating and water supply systems",
    "62582": "The National Anthem of the Russian Federation.",
    "60485": "(Tatyana Golikova went on to report on provision of medical assistance in rural areas",
    "56318": "Mr President, we have a small favour to ask of you.",
    "62624": "Sergei Lavrov – Minister of Foreign Affairs",
}


@needs_shared(CORPUS)
def test_the_corpus_pages_that_showed_each_fault(tmp_path):
    from diparchive.curate.importers.kremlin import import_collection

    out = tmp_path / "transcripts"
    import_collection(SHARED / CORPUS, out, ids=set(PAGES), added="2026-11-30")
    for name in ("themes.yml", "entities.yml", "variants.yml"):
        shutil.copy(Path(__file__).resolve().parent.parent / "transcripts" / name, out / name)
    transcripts, _ = gather(Project.at(tmp_path, out, tmp_path / "docs"), use_cache=False)
    built = {t.meta.slug.rsplit("-", 1)[1]: t for t in transcripts}
    found = {}
    for ident, start in PAGES.items():
        t = built[ident]
        turns = {turn.index: turn for turn in t.turns}
        block = next(b for b in t.blocks if b.text.startswith(start))
        turn = turns.get(block.turn)
        found[ident] = (block.kind, block.narration, turn.person if turn else None)
    assert found == {
        "58794": ("paragraph", "bracketed-summary", None),
        "62582": ("paragraph", "national-anthem", None),
        "60485": ("paragraph", "bracketed-summary", None),
        "56318": ("paragraph", None, "dmitry-guberniyev"),
        "62624": ("paragraph", None, None),  # a news report's list of appointments: no headings
    }
