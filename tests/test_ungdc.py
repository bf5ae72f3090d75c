"""The UN General Debate Corpus importer: paragraph rebuilding, metadata, and the archive's reader on its output."""

from __future__ import annotations

import json
import lzma
import re
import shutil
import textwrap
from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import SHARED, TRANSCRIPTS, needs_shared
from diparchive.curate.importers import ungdc
from diparchive.curate.importers.ungdc import (
    Gap,
    Layout,
    classify,
    count_words,
    detect_layout,
    drops_hyphen,
    ends_paragraph,
    format_transcript,
    import_corpus,
    is_page_artefact,
    join_lines,
    normalise_line,
    ordinal,
    rebuild_paragraphs,
)
from diparchive.ingest.people import read_people
from diparchive.pipeline import Project, gather
from diparchive.ingest.sidecar import SLUG, read_sidecar

CORPUS = SHARED / "corpora" / "ungdc-1946-2024.jsonl.xz"
needs_corpus = needs_shared("corpora/ungdc-1946-2024.jsonl.xz")


def with_registries(transcripts: Path) -> Path:
    """An imported collection with the archive's theme and entity registries beside it, as the
    README copies them (the build requires both)."""
    for name in ("themes.yml", "entities.yml"):
        shutil.copy(TRANSCRIPTS / name, transcripts / name)
    return transcripts

PARAGRAPHS = [
    "It is my great pleasure to congratulate you, Sir, on your election to the presidency of the "
    "General Assembly at its forty-eighth session. Your wide experience of international affairs "
    "assures us that our work will be guided with wisdom and with the skill for which you are "
    "known in this Hall.",
    "We also pay a tribute to your predecessor, who conducted the work of the last session with "
    "patience and with a firm sense of purpose that all of us have admired throughout the year.",
    "The world has changed beyond recognition in the past few years. The end of the cold war has "
    "opened new opportunities for cooperation among nations, large and small, and the United "
    "Nations stands at the centre of those hopes. Yet hope is not all.",
    "New conflicts have broken out in many regions, and old ones remain unresolved. The "
    "international community cannot stand idle while innocent people suffer in silence, and my "
    "delegation calls on every Member State to act now.",
    "Let me conclude by reaffirming the commitment of my country to the purposes and principles "
    "of the Charter of the United Nations. Thank you.",
]


def wrap(paragraphs: list[str], width: int = 56) -> list[list[str]]:
    """Each paragraph as printed lines; the test relies on each last line being short."""
    wrapped = [textwrap.wrap(p, width, break_on_hyphens=False) for p in paragraphs]
    for lines in wrapped:
        assert len(lines[-1]) < 0.6 * width, f"make the sample's last line shorter: {lines[-1]!r}"
    return wrapped


def hard_wrapped(paragraphs: list[str] = PARAGRAPHS) -> str:
    return "\n".join(line for lines in wrap(paragraphs) for line in lines) + "\n"


def speech(**fields) -> dict:
    record = {
        "id": "ARG_1_1946", "country_code": "ARG", "country": "Argentina", "session": 1, "year": 1946,
        "speaker": "Mr. Arce", "post": None, "text": "We meet in hope.\nWe part in hope.",
    }
    record.update(fields)
    return record


def write_corpus(path: Path, records: list[dict]) -> Path:
    with lzma.open(path, "wt", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def read_yaml(path: Path):
    return yaml.safe_load(path.read_text("utf-8"))


# --------------------------------------------------------------------------- paragraphs


def test_hard_wrapped_lines_are_joined_into_their_paragraphs():
    text = hard_wrapped()
    assert detect_layout(classify(text)).wrapped
    assert rebuild_paragraphs(text, Counter()) == PARAGRAPHS


def test_a_short_line_with_end_punctuation_ends_its_paragraph_and_a_full_one_does_not():
    layout = Layout(True, 56)
    full = "assures us that our work will be guided with wisdom."
    assert len(full) > 0.8 * 56
    assert not ends_paragraph(full, "The world has changed", Gap(), layout)
    assert ends_paragraph("with wisdom and with skill.", "The world has changed", Gap(), layout)
    assert ends_paragraph("with wisdom and with skill:", "The world has changed", Gap(), layout)
    assert ends_paragraph("of the “new world order”.”", "The world has changed", Gap(), layout)
    # a line that stops mid-sentence goes on, unless it is as short as a heading or salutation
    assert not ends_paragraph("and that is why the delegation of my country and the", "United Nations", Gap(), layout)
    assert ends_paragraph("Mr. President,", "The world has changed", Gap(), layout)
    # a blank line ends a paragraph; one that only surrounds a page number does not
    assert ends_paragraph(full, "The world has changed", Gap(blank=True), layout)
    assert not ends_paragraph(full, "The world has changed", Gap(blank=True, page_break=True), layout)
    # never before a line that goes on in lowercase
    assert not ends_paragraph("with skill.", "and with wisdom.", Gap(blank=True), layout)


def test_blank_lines_separate_paragraphs_in_hard_wrapped_text():
    text = "\n\n".join("\n".join(lines) for lines in wrap(PARAGRAPHS))
    assert rebuild_paragraphs(text, Counter()) == PARAGRAPHS


def test_a_word_broken_at_a_line_end_is_rejoined_when_the_corpus_writes_it_whole():
    vocabulary = count_words(["The international community meets.", "Self-determination is a right."])
    assert drops_hyphen("inter", "national", vocabulary)
    assert join_lines("the inter-", "national community", vocabulary) == "the international community"
    # the hyphen is the word's own: kept, and no space inserted
    assert not drops_hyphen("self", "determination", vocabulary)
    assert join_lines("the right to self-", "determination of peoples", vocabulary) == "the right to self-determination of peoples"
    # a word never seen whole keeps its hyphen
    assert join_lines("a well-", "known fact", vocabulary) == "a well-known fact"
    # before a capital: no space, hyphen kept
    assert join_lines("the Non-", "Proliferation Treaty", vocabulary) == "the Non-Proliferation Treaty"
    # a dash with spaces around it is punctuation
    assert join_lines("the region -", "my home", vocabulary) == "the region - my home"


def test_hyphens_in_a_hard_wrapped_speech_both_ways():
    lines = [line for lines in wrap(PARAGRAPHS) for line in lines]
    lines[1] = lines[1] + " inter-"
    lines[2] = "national peace and the right to self-"
    lines[3] = "determination. " + lines[3]
    vocabulary = count_words(["international", "self-determination"])
    rebuilt = rebuild_paragraphs("\n".join(lines), vocabulary)
    assert "inter- national" not in rebuilt[0] and " international peace" in rebuilt[0]
    assert "self-determination. " in rebuilt[0]


def test_the_vocabulary_is_built_from_the_speeches_imported(tmp_path):
    wrapped = [line for lines in wrap(PARAGRAPHS) for line in lines]
    wrapped[5] = wrapped[5] + " inter-"
    wrapped[6] = "national and self-"
    wrapped[7] = "determination " + wrapped[7]
    corpus = write_corpus(tmp_path / "c.jsonl.xz", [
        speech(id="AAA_48_1993", country_code="AAA", session=48, year=1993, text="\n".join(wrapped)),
        speech(id="BBB_48_1993", country_code="BBB", session=48, year=1993, text="International law.\nSelf-determination matters."),
    ])
    import_corpus(corpus, tmp_path / "out", None, "2026-11-23")
    text = (tmp_path / "out" / "1993-ungdc-aaa-48.txt").read_text("utf-8")
    assert " international and self-determination " in text


def test_page_artefacts_stay_as_paragraphs_of_their_own():
    lines = [line for lines in wrap(PARAGRAPHS) for line in lines]
    # a page break in the middle of the first paragraph, one between paragraphs
    lines[2:2] = ["12", "", "", "A/48/PV.5", "93-86185", ""]
    at = next(i for i, line in enumerate(lines) if line.startswith("We also pay"))
    lines[at:at] = ["", "43 11-51185", "", "\f", ""]
    rebuilt = rebuild_paragraphs("\n".join(lines), Counter())
    assert rebuilt == [PARAGRAPHS[0], "12", "A/48/PV.5", "93-86185", "43 11-51185", *PARAGRAPHS[1:]]


@pytest.mark.parametrize(
    "line",
    ["12", "A/48/PV.5", "93-86185", "43 11-51185", "11-51681 30", "15-29437 17/26", "A/70/PV.17 29/09/2015",
     "A/PV.1859", "A/C.1/64/PV.3", "- 4 -", "22 General Assembly - Forty-eighth session", "Forty-eighth session - 11 October l993 21",
     "General Assembly 21st plenary meeting"],
)
def test_page_artefacts_are_recognised(line):
    assert is_page_artefact(line)


@pytest.mark.parametrize("line", ["1995.", "12 delegations", "resolution 242 (1967)", "General Assembly of the United Nations", "(spoke in French)"])
def test_words_are_not_page_artefacts(line):
    assert not is_page_artefact(line)


def test_one_paragraph_a_line_is_left_as_it_is():
    text = "\n".join(PARAGRAPHS) + "\n"
    assert not detect_layout(classify(text)).wrapped
    assert rebuild_paragraphs(text, Counter()) == PARAGRAPHS
    # also when most lines are short, as in recent statements
    short = "\n".join(["Mr. President,", *[f"Sentence number {i} is short." for i in range(40)], "Thank you."])
    assert rebuild_paragraphs(short, Counter()) == short.split("\n")


def test_one_paragraph_a_line_rejoins_a_sentence_broken_by_a_page():
    text = "We have come to say\n17\nthat peace is possible.\nThank you."
    assert rebuild_paragraphs(text, Counter()) == ["We have come to say that peace is possible.", "17", "Thank you."]


def test_spaces_are_collapsed_and_everything_else_kept():
    assert normalise_line("  1.\tModification  of   the “voting”\u00a0system \u00a0 ") == "1. Modification of the “voting”\u00a0system"
    assert rebuild_paragraphs("\ufeffA line.\r\nAnother\tline.\r\n", Counter()) == ["\ufeffA line.", "Another line."]


def test_format_transcript():
    assert format_transcript(["One.", "Two."]) == "One.\n\nTwo.\n"


# --------------------------------------------------------------------------- metadata


@pytest.mark.parametrize(
    ("number", "text"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"), (21, "21st"),
     (22, "22nd"), (23, "23rd"), (79, "79th"), (101, "101st"), (111, "111th"), (112, "112th")],
)
def test_ordinals(number, text):
    assert ordinal(number) == text


def test_sidecar_fields(tmp_path):
    corpus = write_corpus(tmp_path / "ungdc.jsonl.xz", [
        speech(),
        speech(id="ZMB_79_2024", country_code="ZMB", country="Zambia", session=79, year=2024,
               speaker="Mulambo Hamakuni Haimbe", post="Minister of Foreign Affairs"),
    ])
    assert import_corpus(corpus, tmp_path / "out", None, "2025-01-02") == 2
    arg = read_yaml(tmp_path / "out" / "1946-ungdc-arg-1.yml")
    assert arg["title"] == "Statement by Mr. Arce (Argentina) at the 1st session of the UN General Assembly, 1946"
    assert arg["date_basis"] == "The corpus records the session (1st) and the year (1946), not the day."
    assert arg["kind"] == "speech"
    assert arg["summary"] == "General debate statement of Argentina at the 1st session of the UN General Assembly (1946)."
    assert arg["venue"] == {
        "event": "General debate of the 1st session of the UN General Assembly",
        "series": "UN General Assembly general debate",
        "place": "United Nations Headquarters",
        "city": "New York",
        "country": "United States",
    }
    assert arg["speakers"] == [{"person": "mr-arce-arg", "role": None, "country": "Argentina"}]
    assert arg["language"]["original"] == "und" and arg["language"]["translation"] == "unknown"
    assert arg["source"]["capture"] == "ungdc.jsonl.xz#ARG_1_1946"
    assert str(arg["source"]["added"]) == "2025-01-02"
    assert arg["licence"]["status"] == "cc0-1.0" and "Jankin, Baturo and Dasandi" in arg["licence"]["note"]
    zmb = read_yaml(tmp_path / "out" / "2024-ungdc-zmb-79.yml")
    assert zmb["title"] == (
        "Statement by Mulambo Hamakuni Haimbe, Minister of Foreign Affairs of Zambia, "
        "at the 79th session of the UN General Assembly, 2024"
    )
    assert zmb["speakers"] == [{"person": "mulambo-hamakuni-haimbe-zmb", "role": "Minister of Foreign Affairs", "country": "Zambia"}]
    for slug in ("1946-ungdc-arg-1", "2024-ungdc-zmb-79"):
        meta = read_sidecar(tmp_path / "out" / f"{slug}.yml", slug, slug)
        assert meta.title and meta.venue.city == "New York"


def test_a_missing_country_is_named_as_other_records_name_it(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl.xz", [
        speech(id="ETH_1_1946", country_code="ETH", country="Ethiopia", speaker="Mr. Aklilou"),
        speech(id="ETH_2_1947", country_code="ETH", country=None, session=2, year=1947, speaker="Mr. Aklilou"),
        speech(id="ETH_48_1993", country_code="ETH", country="29+C70+A7+D71:E74", session=48, year=1993, speaker=None),
        speech(id="XXX_3_1948", country_code="XXX", country=None, session=3, year=1948, speaker=None),
    ])
    import_corpus(corpus, tmp_path / "out", None, "2026-11-23")
    assert "(Ethiopia)" in read_yaml(tmp_path / "out" / "1947-ungdc-eth-2.yml")["title"]
    assert "representative of Ethiopia" in read_yaml(tmp_path / "out" / "1993-ungdc-eth-48.yml")["title"]
    assert "representative of XXX" in read_yaml(tmp_path / "out" / "1948-ungdc-xxx-3.yml")["title"]


def test_the_country_a_speaker_speaks_for_is_one_name_per_country_code(tmp_path):
    """A title names the country as its record does; the speaker's country, which a search
    filters and charts by, is the name the corpus gives that code most often, so that every
    speech of a code is found under one name, and no two codes share one."""
    corpus = write_corpus(tmp_path / "c.jsonl.xz", [
        speech(id="IRN_1_1946", country_code="IRN", country="Iran", speaker="Mr. Ala"),
        speech(id="IRN_2_1947", country_code="IRN", country="Iran", session=2, year=1947, speaker="Mr. Ala"),
        speech(id="IRN_3_1948", country_code="IRN", country="Iran (Islamic Republic of)", session=3, year=1948, speaker="Mr. Ala"),
        speech(id="ETH_3_1948", country_code="ETH", country=None, session=3, year=1948, speaker=None),
        speech(id="XXX_3_1948", country_code="XXX", country=None, session=3, year=1948, speaker=None),
    ])
    import_corpus(corpus, tmp_path / "out", None, "2026-11-23")
    sidecar = lambda slug: read_yaml(tmp_path / "out" / f"{slug}.yml")  # noqa: E731
    assert "(Iran (Islamic Republic of))" in sidecar("1948-ungdc-irn-3")["title"]
    assert [sidecar(f"{y}-ungdc-irn-{s}")["speakers"][0]["country"] for y, s in ((1946, 1), (1947, 2), (1948, 3))] == ["Iran"] * 3
    assert sidecar("1948-ungdc-eth-3")["speakers"][0]["country"] == "ETH"  # no record names it: its code
    assert sidecar("1948-ungdc-xxx-3")["speakers"][0]["country"] == "XXX"


def test_the_date_is_the_year_only(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl.xz", [speech()])
    import_corpus(corpus, tmp_path / "out", None, "2026-11-23")
    path = tmp_path / "out" / "1946-ungdc-arg-1.yml"
    raw = path.read_text("utf-8")
    assert re.search(r'^date: "1946"$', raw, re.MULTILINE)  # quoted: the year as text, never a number
    assert not re.search(r"^date: .*\d{4}-\d{2}", raw, re.MULTILINE)
    date = read_sidecar(path, "1946-ungdc-arg-1", "x").date
    assert (date.year, date.month, date.day, date.precision) == (1946, None, None, "year")


def test_a_speech_without_a_speaker_is_given_to_the_unknown_speaker(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl.xz", [
        speech(id="KEN_18_1963", country_code="KEN", country="Kenya", session=18, year=1963, speaker=None),
    ])
    import_corpus(corpus, tmp_path / "out", None, "2026-11-23")
    sidecar = read_yaml(tmp_path / "out" / "1963-ungdc-ken-18.yml")
    assert sidecar["speakers"] == [{"person": "unknown", "role": None, "country": "Kenya"}]
    assert sidecar["title"] == "Statement by the representative of Kenya at the 18th session of the UN General Assembly, 1963"
    assert read_yaml(tmp_path / "out" / "people.yml") == {}
    gather(Project.at(tmp_path, transcripts=with_registries(tmp_path / "out")))


def test_slugs_have_the_archive_form_and_are_unique(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl.xz", [
        speech(id="RUS_64_2009", country_code="RUS", country="Russian Federation", session=64, year=2009, speaker="Sergey Lavrov"),
        speech(id="RUS_64_2009", country_code="RUS", country="Russian Federation", session=64, year=2009, speaker="Sergey Lavrov"),
        speech(id="RUS_64_2009", country_code="RUS", country="Russian Federation", session=64, year=2009, speaker="Sergey Lavrov"),
        speech(id="EU_79_2024", country_code="EU", country="European Union", session=79, year=2024, speaker="Charles Michel"),
    ])
    assert import_corpus(corpus, tmp_path / "out", None, "2026-11-23") == 4
    slugs = sorted(p.stem for p in (tmp_path / "out").glob("*.txt"))
    assert slugs == ["2009-ungdc-rus-64", "2009-ungdc-rus-64-2", "2009-ungdc-rus-64-3", "2024-ungdc-eu-79"]
    assert all(SLUG.match(slug) for slug in slugs)
    assert sorted(p.stem for p in (tmp_path / "out").glob("*.yml")) == sorted([*slugs, "people"])


def test_the_same_name_in_two_countries_is_told_apart(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl.xz", [
        speech(id="COL_1_1946", country_code="COL", country="Colombia", speaker="Mr. Lopez"),
        speech(id="PHL_1_1946", country_code="PHL", country="Philippines", speaker="Mr.  Lopez"),
        speech(id="CHL_1_1946", country_code="CHL", country="Chile", speaker="Mr. Nieto del Rio"),
        speech(id="COL_2_1947", country_code="COL", country="Colombia", session=2, year=1947, speaker="MR. LOPEZ"),
    ])
    import_corpus(corpus, tmp_path / "out", None, "2026-11-23")
    people = read_yaml(tmp_path / "out" / "people.yml")
    assert list(people) == ["mr-lopez-col", "mr-lopez-phl", "mr-nieto-del-rio-chl"]
    assert people["mr-lopez-col"]["name"] == "Mr. Lopez (Colombia)"
    assert people["mr-lopez-phl"]["name"] == "Mr. Lopez (Philippines)"
    assert people["mr-nieto-del-rio-chl"] == {
        "name": "Mr. Nieto del Rio",
        "description": "Speaker for Chile in the UN General Assembly general debate.",
        "aliases": [],
    }
    read_people(tmp_path / "out" / "people.yml", "people.yml")  # raises if an alias had two owners


def test_the_output_is_deterministic(tmp_path):
    records = [
        speech(),
        speech(id="AAA_48_1993", country_code="AAA", country="Aland", session=48, year=1993, speaker="Ms. Ö", post="President", text=hard_wrapped()),
        speech(id="KEN_18_1963", country_code="KEN", country="Kenya", session=18, year=1963, speaker=None),
    ]
    corpus = write_corpus(tmp_path / "c.jsonl.xz", records)
    import_corpus(corpus, tmp_path / "one", None, "2026-11-23")
    import_corpus(corpus, tmp_path / "two", None, "2026-11-23")
    one = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir()}
    assert one == two and len(one) == 7


def test_limit_and_the_command_line(tmp_path, caplog):
    corpus = write_corpus(tmp_path / "c.jsonl.xz", [speech(), speech(id="AUS_1_1946", country_code="AUS", country="Australia", speaker="Mr. Makin")])
    assert ungdc.main(["--corpus", str(corpus), "--out", str(tmp_path / "out"), "--limit", "1", "--added", "2025-03-04"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["1946-ungdc-arg-1.txt", "1946-ungdc-arg-1.yml", "people.yml"]
    assert str(read_yaml(tmp_path / "out" / "1946-ungdc-arg-1.yml")["source"]["added"]) == "2025-03-04"
    with pytest.raises(SystemExit):
        ungdc.main(["--corpus", str(corpus), "--out", str(tmp_path / "bad"), "--added", "2025-02-30"])


# --------------------------------------------------------------------------- the real corpus


def expected_words(text: str, vocabulary: Counter[str]) -> Counter[str]:
    """The input's words (split on white space) with each word broken at a line's end joined as
    the importer joins it: without the hyphen where ``drops_hyphen`` says the printer broke the
    word, with it otherwise. Nothing else may differ."""
    tokens: list[str] = []
    pending = False
    for item in classify(text):
        if item.kind in ("blank", "page-break"):
            continue
        words = item.text.split()
        if item.kind != "text":
            tokens.extend(words)
            continue
        if pending:
            last, first = tokens.pop(), words.pop(0)
            left = re.search(r"([^\W\d_]+)-$", last).group(1)
            right = re.match(r"^[\ufeff\u200b\u2060\u00ad]*([^\W\d_]+)", first)
            broken = right is not None and first.lstrip("\ufeff\u200b\u2060\u00ad")[0].islower() and drops_hyphen(left, right.group(1), vocabulary)
            tokens.append(last[:-1] + first if broken else last + first)
        tokens.extend(words)
        pending = bool(re.search(r"[^\W\d_]-$", item.text))
    return Counter(tokens)


@needs_corpus
def test_the_first_20_speeches_of_the_corpus_pass_the_archive_reader(tmp_path):
    assert import_corpus(CORPUS, tmp_path / "transcripts", 20, "2026-11-23") == 20
    with_registries(tmp_path / "transcripts")
    transcripts, registries = gather(Project.at(tmp_path))
    assert len(transcripts) == 20
    assert {t.meta.date.precision for t in transcripts} == {"year"}
    assert all(t.meta.kind == "speech" and t.meta.licence.status == "cc0-1.0" for t in transcripts)
    assert len(registries.people.people) == 21  # twenty speakers and the built-in 'unknown'


@needs_corpus
def test_every_word_of_the_first_20_speeches_survives(tmp_path):
    speeches = ungdc.read_speeches(CORPUS, 20)
    import_corpus(CORPUS, tmp_path, 20, "2026-11-23")
    vocabulary = count_words(s.text for s in speeches)
    for speech_, slug in zip(speeches, ungdc.unique_slugs(speeches)):
        written = (tmp_path / f"{slug}.txt").read_text("utf-8")
        assert Counter(written.split()) == Counter(speech_.text.split()) == expected_words(speech_.text, vocabulary), speech_.id


@needs_corpus
def test_every_word_of_hard_wrapped_speeches_survives():
    """1969 is hard-wrapped, with words broken at line ends: the words are those of the input with
    each broken word joined, and nothing else changes."""
    speeches = ungdc.read_speeches(CORPUS, 2600)
    vocabulary = count_words(s.text for s in speeches)
    wrapped = [s for s in speeches if s.year == 1969][:12]
    assert len(wrapped) == 12
    joined = 0
    for speech_ in wrapped:
        assert detect_layout(classify(speech_.text)).wrapped, speech_.id
        paragraphs = rebuild_paragraphs(speech_.text, vocabulary)
        assert Counter(format_transcript(paragraphs).split()) == expected_words(speech_.text, vocabulary), speech_.id
        assert len(paragraphs) < len([line for line in speech_.text.splitlines() if line.strip()]) / 3
        joined += Counter(speech_.text.split()) != expected_words(speech_.text, vocabulary)
    assert joined > 0, "the sample should include words broken at line ends"
