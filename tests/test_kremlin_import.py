"""The Kremlin importer on a sample of the collection: 14 sample pages (../shared/captures/kremlin)
and 10 more under tests/fixtures/kremlin (greetings, talks, an old layout, captions by markup, a list of appointees,
pull quotes, a page printing 'V.Putin:', two pages without text and one that is not UTF-8).

Each imported page must build; its text must be exactly what the page's own markup calls its
text (its lead and article body), and every label must resolve to the person it names.
"""

import shutil
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import measure_captures  # noqa: E402
from diparchive.importers.kremlin import import_collection  # noqa: E402
from diparchive.pipeline import Project, gather  # noqa: E402
from diparchive.sidecar import read_sidecar  # noqa: E402

SAMPLES = ROOT.parent / "shared" / "captures" / "kremlin"
FIXTURES = ROOT / "tests" / "fixtures" / "kremlin"


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    for page in [*SAMPLES.glob("*.html"), *FIXTURES.glob("*.html")]:
        shutil.copy(page, corpus / page.name)
    out = tmp_path_factory.mktemp("kremlin") / "transcripts"
    report = import_collection(corpus, out, added="2026-11-30")
    for name in ("themes.yml", "entities.yml", "variants.yml"):
        shutil.copy(ROOT / "transcripts" / name, out / name)
    transcripts, registries = gather(Project.at(out.parent, out, out.parent / "docs"), use_cache=False)
    return corpus, out, report, {t.meta.slug.rsplit("-", 1)[1]: t for t in transcripts}, registries


def test_pages_without_text_or_not_utf8_are_named_not_skipped(imported):
    _, _, report, built, _ = imported
    assert report["pages"] == 24
    assert set(report["not_imported"]) == {"27293", "33541", "63123"}
    assert report["not_imported"]["63123"].startswith("not UTF-8")
    assert "no text" in report["not_imported"]["27293"] and "no text" in report["not_imported"]["33541"]
    assert report["imported"] == 21 == len(built)


def test_each_capture_is_the_page_byte_for_byte(imported):
    corpus, out, _, built, _ = imported
    for ident, t in built.items():
        assert t.source.path.read_bytes() == (corpus / f"{ident}.html").read_bytes()


@pytest.mark.parametrize("ident", sorted(p.stem for p in [*SAMPLES.glob("*.html"), *FIXTURES.glob("*.html")] if p.stem not in {"27293", "33541", "63123"}))
def test_the_text_is_the_article_exactly(imported, ident):
    corpus, _, _, built, _ = imported
    t = built[ident]
    want = measure_captures.page_structure((corpus / f"{ident}.html").read_text("utf-8"))
    wanted = "\n".join(want)
    got = measure_captures.printed_paragraphs(t)  # a label alone in its paragraph as the page prints it
    body = "\n".join(got)
    assert [w for w in want if w not in body] == []  # every paragraph of the article kept
    assert [g for g in got if g not in wanted] == []  # nothing else left


def test_sidecars_state_what_the_page_states(imported):
    _, out, _, built, _ = imported
    meta = built["58748"].meta
    assert (meta.title, meta.date.iso, meta.time, meta.venue.place, meta.venue.city) == (
        "Meeting with Sberbank CEO German Gref", "2018-10-08", "13:20", "Novo-Ogaryovo", "Moscow Region")
    message = built["51408"].meta  # 'The message reads, in part:' is no place
    assert (message.kind, message.venue.place, message.venue.city) == ("greetings", None, None)
    assert built["62870"].meta.kind == "talks" and built["62870"].turns
    assert meta.source.url == "http://en.kremlin.ru/events/president/news/58748"
    assert (meta.licence.status, meta.language.original, meta.language.translation) == ("cc-by-4.0", "ru", "official")
    assert "President of Russia, kremlin.ru" in meta.licence.note
    assert meta.source.tags.topics == ("Banks", "Economy and finance") and meta.source.tags.persons == ("Gref German",)
    assert meta.summary.startswith("Vladimir Putin had a working meeting with Sberbank CEO")
    assert built["63613"].meta.kind == "telephone-conversation" and built["63613"].meta.speakers == ()
    for ident, t in built.items():
        read_sidecar(t.meta.path, t.meta.slug, t.meta.path.name)  # every sidecar reads back
        assert not t.meta.draft


def test_labels_resolve_to_the_people_they_name(imported):
    _, out, report, built, registries = imported
    expected = {
        "President of Russia Vladimir Putin:": "vladimir-putin",
        "Vladimir Putin:": "vladimir-putin",
        "Sberbank CEO and Chairman of the Management Board German Gref:": "german-gref",
        "German Gref:": "german-gref",
        "Prime Minister of India Narendra Modi (retranslated):": "narendra-modi",
        "Federal President of Austria Alexander Van der Bellen (retranslated):": "alexander-van-der-bellen",
        "Question:": "question",
    }
    for label, person in expected.items():
        assert report["labels"][label]["person"] == person, label
    # in the build: every turn has a person, a question or a declared anonymous voice
    for ident, t in built.items():
        for turn in t.turns:
            assert turn.person or turn.is_question or turn.anonymous, (ident, turn)
    assert {turn.person for turn in built["51485"].turns if turn.label == "V.Putin:"} <= {"vladimir-putin"}
    people = yaml.safe_load((out / "people.yml").read_text("utf-8"))
    assert people["german-gref"]["description"] == "Named in kremlin.ru's Persons tags as 'Gref German'."


def test_the_import_is_deterministic(imported, tmp_path):
    corpus, out, _, _, _ = imported
    again = tmp_path / "again"
    import_collection(corpus, again, added="2026-11-30")
    for path in sorted(again.iterdir()):
        if path.name != "import-report.json":  # it records the seconds taken
            assert path.read_bytes() == (out / path.name).read_bytes(), path.name


def test_the_body_check_prints_a_label_where_the_page_prints_it():
    """measure_captures.printed_paragraphs, which the body checks compare with the page's own
    paragraphs: a label on the line of its words is one paragraph with them; a label alone on
    the line above (kremlin 54276) is a paragraph of its own, as the page prints it."""
    from types import SimpleNamespace

    from diparchive.model import Block, Turn

    lines = ("Vladimir Putin: What is the progress?", "", "Agriculture Minister Alexander Tkachev:", "", "Mr President,", "",
             "The sowing campaign has started.")
    t = SimpleNamespace(
        source=SimpleNamespace(lines=lines),
        turns=(Turn(0, "vladimir-putin", "Vladimir Putin:"), Turn(1, "alexander-tkachev", "Agriculture Minister Alexander Tkachev:")),
        blocks=(Block("paragraph", 1, "What is the progress?", 0, True), Block("paragraph", 5, "Mr President,", 1, True),
                Block("paragraph", 7, "The sowing campaign has started.", 1, False)),
    )
    assert measure_captures.printed_paragraphs(t) == [
        "Vladimir Putin: What is the progress?",
        "Agriculture Minister Alexander Tkachev:", "Mr President,",
        "The sowing campaign has started.",
    ]


APPOINTMENTS = """Executive Orders on appointing federal ministers

Vladimir Putin signed Executive Orders appointing:

Interior Minister: Vladimir Kolokoltsev.

Minister for Civil Defence, Emergencies and Natural Disaster Relief: Yevgeny Zinichev.

Minister of Foreign Affairs: Sergei Lavrov.

Minister of Defence: Sergei Shoigu.
"""
MODERATOR = """Plenary session

Geoff Cutmore: President Niinistö.

Sauli Niinistö: Thank you. The Arctic is our common home and we must keep it so.

Geoff Cutmore: President Johannesson.

Gudni Johannesson: Thank you. Iceland agrees with what was said about cooperation.

Geoff Cutmore: President Putin.

Vladimir Putin: Thank you. Russia is ready to work with all our partners in the Arctic.
"""


@pytest.mark.parametrize("text, not_labels", [
    (APPOINTMENTS, ["Interior Minister:", "Minister of Foreign Affairs:", "Minister of Defence:"]),
    (MODERATOR, []),
])
def test_a_list_of_appointments_is_no_set_of_voices_but_a_moderator_giving_the_floor_is(tmp_path, text, not_labels):
    """Offices each followed by a name alone, three or more in a row, are a list of appointments;
    one label giving the floor by name again and again, between answers, is a voice."""
    from diparchive.draft import draft
    from diparchive.people import Registry
    from diparchive.read import read_source

    capture = tmp_path / "capture.txt"
    capture.write_text(text, "utf-8")
    d = draft(read_source(capture, "capture.txt"), Registry({}), "capture.txt")
    assert d.values.get("not_speaker_labels", []) == not_labels
    speakers = [s["person"] for s in d.values.get("speakers", [])]
    if not_labels:
        assert not any("minister" in person for person in speakers), speakers
    else:
        assert "geoff-cutmore" in speakers and "vladimir-putin" in speakers
