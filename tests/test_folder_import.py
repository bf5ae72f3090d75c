"""The generic import of a folder of Markdown captures (``curate/importers/feed.py``): a publisher
that saves its transcripts as Markdown with a YAML header comes in by a declared profile
(``curate/profiles/white-house.yml``), with no code of its own. The folder, or a tar archive of
it; each capture kept byte for byte; the header's title, address and publication time; the event's
date in the publisher's time zone; labels resolved by the profile's people, anonymous voices
kept anonymous; files that are no capture refused with why."""

from __future__ import annotations

import io
import json
import lzma
import tarfile
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, needs_shared
from diparchive.curate.draft import title_people
from diparchive.curate.importers.feed import import_feed, profile_path, read_folder, read_profile, summary
from diparchive.infra.errors import InputError

PROFILE = read_profile(profile_path("white-house"))
WHITE_HOUSE = "corpora/whitehouse-briefing-room-2021-2025.tar.xz"

JOINT = """---
tags: speeches-remarks
date: '2022-02-23'
source_url: https://bidenwhitehouse.archives.gov/briefing-room/speeches-remarks/2022/02/23/remarks-by-president-biden-and-president-niinisto/
published_time: 2022-02-23 00:27:00+00:00
title: "Remarks by President\\_Biden and President\\_Niinistö of Finland Before Bilateral\\
  \\ Meeting"
---
\u00a0
Oval Office

3:15 P.M. EST

THE PRESIDENT:\u00a0 Well, it is good to have you here, Mr. President.\u00a0 We
have a lot to talk about.

PRESIDENT NIINISTÖ:\u00a0 (As interpreted.)\u00a0 Thank you.\u00a0 It is an honour
to be here.

Q\u00a0\u00a0\u00a0 Mr. President, will you speak to President Putin?

THE PRESIDENT:\u00a0 We will see.

SENIOR ADMINISTRATION OFFICIAL:\u00a0 One more thing, on background.

END\u00a0 3:25 P.M. EST
"""
BRIEFING = """---
tags: press-briefings
date: '2022-06-27'
source_url: https://bidenwhitehouse.archives.gov/briefing-room/press-briefings/2022/06/27/on-the-record-press-gaggle/
published_time: 2022-06-27 10:02:11-04:00
title: "On-the-Record Press Gaggle by National Security Advisor Jake\\_Sullivan"
---

Elmau, Germany

MR. SULLIVAN:\u00a0 Good morning, everybody.\u00a0 Let me start with the summit.

Q\u00a0\u00a0\u00a0 Jake, on Ukraine:\u00a0 what comes next?

MR. SULLIVAN:\u00a0 Several things.

END
"""


def folder(tmp_path: Path, files: dict[str, bytes | str]) -> Path:
    root = tmp_path / "captures"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return root


# --------------------------------------------------------------------------- reading a folder


def test_a_folder_gives_one_item_per_markdown_capture_with_its_headers_title_address_and_time(tmp_path):
    root = folder(tmp_path, {"speeches-remarks/2022-02/a.md": JOINT, "press-briefings/2022-06/b.md": BRIEFING, "notes.txt": "not a capture"})
    items, refused = read_folder(root)
    assert refused == {}
    assert [i.link.rsplit("/", 2)[-2] for i in items] == ["on-the-record-press-gaggle", "remarks-by-president-biden-and-president-niinisto"]
    joint = items[1]
    assert joint.title == "Remarks by President\u00a0Biden and President\u00a0Niinistö of Finland Before Bilateral Meeting"  # YAML's escapes resolved, nothing else
    assert joint.published.isoformat() == "2022-02-23T00:27:00+00:00"
    assert joint.text == JOINT and joint.suffix == ".md"


def test_a_tar_archive_of_a_folder_reads_as_the_folder(tmp_path):
    root = folder(tmp_path, {"a/one.md": JOINT, "b/two.md": BRIEFING})
    archive = tmp_path / "captures.tar.xz"
    with tarfile.open(archive, "w:xz") as tar:
        tar.add(root, arcname="captures")
    assert read_folder(archive) == read_folder(root)


def test_files_that_are_no_capture_are_refused_each_with_why(tmp_path):
    root = folder(tmp_path, {"bad.md": b"---\ntitle: x\n---\n\xff\xfe text", "bare.md": "No header here.\n", "good.md": BRIEFING})
    items, refused = read_folder(root)
    assert [i.title for i in items] == ["On-the-Record Press Gaggle by National Security Advisor Jake\u00a0Sullivan"]
    assert refused == {"bad.md": "not UTF-8 text", "bare.md": "no YAML header (a Markdown capture opens with one, between '---' lines)"}


@pytest.mark.parametrize("where", ["empty", "missing", "not a tar"])
def test_a_folder_with_nothing_to_read_is_one_line_naming_it(tmp_path, where):
    path = {"empty": tmp_path / "empty", "missing": tmp_path / "nowhere", "not a tar": tmp_path / "x.tar.xz"}[where]
    if where == "empty":
        path.mkdir()
    if where == "not a tar":
        path.write_bytes(lzma.compress(b"plain text, no archive"))
    with pytest.raises(InputError) as caught:
        read_folder(path)
    assert str(path) in str(caught.value) and "Markdown captures" in str(caught.value) and "\n" not in str(caught.value)


def test_a_profiles_header_fields_are_checked(tmp_path):
    text = profile_path("white-house").read_text("utf-8").replace("  published: published_time", "  published: published_time\n  author: by")
    bad = tmp_path / "bad.yml"
    bad.write_text(text, "utf-8")
    with pytest.raises(InputError) as caught:
        read_profile(bad)
    assert "field 'header'" in str(caught.value) and "title, link, published" in str(caught.value)


# --------------------------------------------------------------------------- importing a folder


@pytest.fixture
def imported(tmp_path):
    root = folder(tmp_path, {"speeches-remarks/2022-02/a.md": JOINT, "press-briefings/2022-06/b.md": BRIEFING})
    out = tmp_path / "transcripts"
    report = import_feed(root, PROFILE, out, "2026-12-06")
    return out, report


def test_each_capture_is_kept_byte_for_byte_beside_its_drafted_sidecar(imported):
    out, report = imported
    captures = sorted(out.glob("*.md"))
    assert sorted(c.read_text("utf-8") for c in captures) == sorted([JOINT, BRIEFING])
    assert all(c.with_suffix(".yml").is_file() for c in captures)
    assert report["imported"] == 2 and report["skipped"] == {}


def test_the_event_date_is_the_publication_time_in_the_publishers_zone(imported):
    out, _ = imported
    joint = yaml.safe_load(next(out.glob("*niinist*.yml")).read_text("utf-8"))
    assert joint["date"] == "2022-02-22"  # 00:27 UTC on the 23rd is the evening of the 22nd in Washington
    assert "America/New_York" in joint["date_basis"] and "date" in joint["draft"]


def test_labels_resolve_to_the_profiles_people_and_anonymous_voices_stay_anonymous(imported):
    out, report = imported
    joint = yaml.safe_load(next(out.glob("*niinist*.yml")).read_text("utf-8"))
    people = yaml.safe_load((out / "people.yml").read_text("utf-8"))
    assert [s["person"] for s in joint["speakers"]][:1] == ["joe-biden"]
    assert joint["anonymous"] == ["SENIOR ADMINISTRATION OFFICIAL"]
    assert not any("official" in pid or "senior" in pid or pid == "q" for pid in people)
    assert joint["language"]["translation"] in {"official", "interpreted"}  # '(As interpreted.)'
    gaggle = yaml.safe_load(next(out.glob("*sullivan*.yml")).read_text("utf-8"))
    assert gaggle["speakers"][0]["person"] == "jake-sullivan"
    assert report["labels"]["THE PRESIDENT:"] == {"count": 2, "person": "joe-biden"}
    assert report["labels"]["MR. SULLIVAN:"] == {"count": 2, "person": "jake-sullivan"}
    assert report["labels"]["SENIOR ADMINISTRATION OFFICIAL:"]["person"] == "anonymous: SENIOR ADMINISTRATION OFFICIAL"
    # Every label occurrence is counted, resolved or not; the words 'Ukraine:' inside a question are no label.
    assert report["label_occurrences"] == 8 and report["unresolved_labels"] == {}
    assert "8 of 8 label occurrences resolved (100.0%)" in summary(report)


def test_an_imported_folder_builds_with_its_header_lines_as_metadata(imported, tmp_path):
    from diparchive.pipeline import Project, build

    out, _ = imported
    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    (root / "transcripts").mkdir()
    for path in out.iterdir():
        if path.suffix in {".md", ".yml"}:
            (root / "transcripts" / path.name).write_bytes(path.read_bytes())
    for registry in ("themes.yml", "entities.yml", "variants.yml"):
        (root / "transcripts" / registry).write_bytes((ROOT / "transcripts" / registry).read_bytes())
    build(Project.at(root))
    pages = {p.name: p.read_text("utf-8") for p in (root / "docs" / "transcripts").glob("*.md")}
    joint = next(text for name, text in pages.items() if "niinist" in name)
    body = joint.split("\n---\n", 1)[1]
    assert "Well, it is good to have you here" in body and "Several things" not in body
    assert "Oval Office" not in body and "3:15 P.M. EST" not in body  # header lines: metadata
    head = yaml.safe_load(joint.split("---\n")[1])
    assert head["time"] == "3:15 P.M. EST"


# --------------------------------------------------------------------------- the people a title names


@pytest.mark.parametrize("title, people", [
    ("Press Briefing by Press Secretary Jen\u00a0Psaki and Deputy National Security Advisor for Cyber and Emerging Technology Anne Neuberger, February 17, 2021",
     [("Jen Psaki", "Press Secretary"), ("Anne Neuberger", "Deputy National Security Advisor for Cyber and Emerging Technology")]),
    ("On-the-Record Press Gaggle by National Security Advisor Jake Sullivan", [("Jake Sullivan", "National Security Advisor")]),
    ("Press Briefing by Press Secretary Karine Jean-Pierre and NSC Coordinator for Strategic Communications John Kirby",
     [("Karine Jean-Pierre", "Press Secretary"), ("John Kirby", "NSC Coordinator for Strategic Communications")]),
    # and what names no one: an event, a country, a one-word name
    ("Remarks by President Biden and President Zelenskyy of Ukraine Before Bilateral Meeting", []),
    ("Secretary Blinken’s Interview With Bret Baier of Fox News Sunday", []),
    ("Background Press Call by Senior Administration Officials on Russia and Ukraine", []),
])
def test_a_title_names_people_with_their_offices_and_nothing_else(title, people):
    assert [(name.replace("\u00a0", " "), office) for name, office in title_people(title.replace("\u00a0", " "))] == people


# --------------------------------------------------------------------------- the White House collection


@needs_shared(WHITE_HOUSE)
def test_the_white_house_archive_imports_by_its_profile_alone(tmp_path):
    from conftest import SHARED

    out = tmp_path / "transcripts"
    report = import_feed(SHARED / WHITE_HOUSE, PROFILE, out, "2026-12-06", limit=120)
    assert report["items"] == 120 and report["imported"] >= 118
    share = report["label_occurrences_resolved"] / report["label_occurrences"]
    assert share >= 0.99, sorted(report["unresolved_labels"].items(), key=lambda kv: -kv[1])[:10]
    people = json.dumps(yaml.safe_load((out / "people.yml").read_text("utf-8")))
    assert "administration-official" not in people and '"q"' not in people


@needs_shared(WHITE_HOUSE)
def test_the_whole_white_house_archive_imports_and_normalises_with_no_label_refused(tmp_path):
    """Every one of the 3,654 items, imported by the profile, normalises: no label its drafted
    sidecar leaves unresolved stops the collection's build (``scripts/collection.py whitehouse``)."""
    from conftest import SHARED
    from diparchive.pipeline import Project, build

    root = tmp_path / "project"
    report = import_feed(SHARED / WHITE_HOUSE, PROFILE, root / "transcripts", "2026-12-06")
    assert report["items"] == 3654 and report["imported"] >= 3620
    (root / "docs").mkdir()
    for registry in ("themes.yml", "entities.yml", "variants.yml"):
        (root / "transcripts" / registry).write_bytes((ROOT / "transcripts" / registry).read_bytes())
    stale = build(Project.at(root), check=True)  # normalises every transcript, writes nothing
    assert len([path for path in stale if path.startswith("transcripts/")]) == report["imported"]


# --------------------------------------------------------------------------- the hand-checked sample


@pytest.fixture(scope="module")
def sample_rows():
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import measure_folder_sample

    return measure_folder_sample.measure()["rows"]


def test_the_hand_checked_white_house_sample_comes_out_in_its_paragraphs_under_its_voices(sample_rows):
    """30 White House transcripts drawn at random and labelled by hand (tests/publishers/
    whitehouse_README.md), imported by the profile alone and built unreviewed: every paragraph
    as the source has it and under its voice, but for the few the sample's notes name, and no
    place, time or end mark left in the text."""
    assert len(sample_rows) == 30 and not any(r.get("missing") for r in sample_rows)
    total = {k: sum(r[k] for r in sample_rows) for k in ("paragraphs", "kept", "as_source", "voices", "furniture_left")}
    assert total["paragraphs"] == 1710
    assert total["furniture_left"] == 0, [(r["file"], r["left"]) for r in sample_rows if r["left"]]
    assert total["as_source"] >= 1705, [(r["file"], r["not_as_source"]) for r in sample_rows if r["not_as_source"]]
    assert total["voices"] >= 1702, [(r["file"], r["wrong_voice"]) for r in sample_rows if r["wrong_voice"]]
    # both sides: the anonymous voices stay anonymous, the named ones are people
    wrong = [w for r in sample_rows for w in r["wrong_voice"]]
    assert not any(want.startswith("anonymous") and any(g.startswith("person") for g in got) for want, got, _ in wrong)


# --------------------------------------------------------------------------- the rules the White House and State brought


def test_a_surname_label_takes_the_first_name_the_text_gives_and_only_one():
    from diparchive.curate.draft import _named_in_text, _office_of_label

    texts = ["It is my honour to welcome Kari Johnstone, the Acting Director.", "MS. JOHNSTONE: Thank you."]
    assert _named_in_text(texts, "JOHNSTONE") == "Kari Johnstone"
    assert _named_in_text(["Thank Johnstone for this.", "Senator Johnstone agreed."], "JOHNSTONE") is None  # no first name
    assert _named_in_text(["Kari Johnstone spoke.", "Ann Johnstone replied."], "JOHNSTONE") is None  # two: no telling
    assert _office_of_label("SENATOR ROMNEY") == "Senator" and _office_of_label("FOREIGN MINISTER MAAS") == "Foreign Minister"
    assert _office_of_label("MS. JOHNSTONE") is None


OFFICE_AND_SURNAME = """---
tags: press-briefings
date: '2021-03-24'
source_url: https://bidenwhitehouse.archives.gov/briefing-room/press-briefings/2021/03/24/press-briefing-by-white-house-covid-19-response-team/
published_time: 2021-03-24 13:45:12-04:00
title: "Press Briefing by White House COVID-19 Response Team and Public Health Officials"
---

Via Teleconference

10:37 A.M. EDT

ACTING ADMINISTRATOR SLAVITT:\u00a0 Good morning.\u00a0 I am Andy Slavitt, and I will take your questions.

DR. WALENSKY:\u00a0 Thank you, Andy.\u00a0 The data are encouraging.

MR. SLAVITT:\u00a0 One thing to your first question, Meg: we will see.

ACTING ADMINISTRATOR SLAVITT:\u00a0 Next question, please.

END 11:02 A.M. EDT
"""


def test_a_label_of_office_and_surname_is_the_person_the_text_names_and_the_import_builds(tmp_path):
    """'ACTING ADMINISTRATOR SLAVITT' is Andy Slavitt (the text names him) in the office the label
    prints, and 'MR. SLAVITT' the same man: one person, not a person named by the label, so that
    every label resolves and the imported capture builds."""
    from diparchive.pipeline import Project, build

    root = tmp_path / "project"
    report = import_feed(folder(tmp_path, {"press-briefings/2021-03/a.md": OFFICE_AND_SURNAME}), PROFILE, root / "transcripts", "2026-12-06")
    sidecar = yaml.safe_load(next((root / "transcripts").glob("*.yml")).read_text("utf-8"))
    slavitt = next(s for s in sidecar["speakers"] if "slavitt" in s["person"])
    people = yaml.safe_load((root / "transcripts" / "people.yml").read_text("utf-8"))
    assert slavitt["person"] == "andy-slavitt" and people["andy-slavitt"]["name"] == "Andy Slavitt"
    assert slavitt["role"] == "Acting Administrator"
    assert not [pid for pid in people if "administrator" in pid]
    assert report["unresolved_labels"] == {} and report["labels"]["MR. SLAVITT:"]["person"] == "andy-slavitt"
    (root / "docs").mkdir()
    for registry in ("themes.yml", "entities.yml", "variants.yml"):
        (root / "transcripts" / registry).write_bytes((ROOT / "transcripts" / registry).read_bytes())
    build(Project.at(root))
    page = next((root / "docs" / "transcripts").glob("*.md")).read_text("utf-8")
    assert page.count('data-speaker="andy-slavitt"') == 3 and page.count('data-speaker="') == 4  # his three turns, and Dr. Walensky's


@pytest.mark.parametrize("title, kind", [
    ("Briefing with Senior State Department Officials On the U.S. Refugee Admissions Program", "background-call"),
    ("Secretary Antony J. Blinken On NBC Meet the Press with Chuck Todd", "interview"),
    ("Department Press Briefing – July 5, 2022", "briefing"),
    ("Briefing with Deputy Secretary for Management and Resources Brian P. McKeon", "briefing"),
])
def test_a_titles_words_name_the_kind(title, kind):
    from diparchive.curate.draft import KIND_WORDS

    found = next((k for k, pattern in KIND_WORDS if pattern.search(title)), None)
    assert found == kind


def test_markdown_paragraphs_are_the_captures_own_and_an_italic_stage_direction_is_narration():
    from diparchive.clean.shape import layout
    from diparchive.ingest.read import source_text
    from diparchive.segment.segment import narration_rule

    text = "---\ntitle: x\n---\n\nTHE PRESIDENT: So I wanted to bring along organized labor — (applause) —\n\nAnd, Trudi, as my mother would say, no purgatory for you.\n"
    units = [u.text for u in layout(source_text(Path("x.md"), text.encode(), "x.md")).units if u.text and not u.text.startswith(("---", "title"))]
    assert units == ["THE PRESIDENT: So I wanted to bring along organized labor — (applause) —", "And, Trudi, as my mother would say, no purgatory for you."]
    assert narration_rule("*(The executive order is signed.)*") == "stage-direction"
    assert narration_rule("**(Applause.)**") == "stage-direction"
    assert narration_rule("*Thank you all for coming.*") is None  # emphasis around speech is speech
    assert narration_rule("END 9:13 P.M. CDT") == "end-of-transcript"


def test_a_site_and_its_place_on_one_line_are_the_venue_and_leave_the_text(tmp_path):
    out = tmp_path / "transcripts"
    capture = BRIEFING.replace("Elmau, Germany", "Schloss Elmau | Elmau, Germany")
    import_feed(folder(tmp_path, {"a.md": capture}), PROFILE, out, "2026-12-06")
    values = yaml.safe_load(next(p for p in out.glob("*.yml") if p.name != "people.yml").read_text("utf-8"))
    assert values["venue"]["place"] == "Schloss Elmau, Elmau, Germany"


def test_ten_white_house_transcripts_held_out_of_the_rules_come_out_as_well():
    """10 more drawn at random (seed 777) and labelled by hand, none of them read while the rules
    were written (tests/publishers/whitehouse_heldout_README.md). Measured once before a fault
    they showed was mended (a title's guests taken for a speaker: 359 of 371 voices right), and
    since: 370 of 371."""
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import measure_folder_sample

    publishers = ROOT / "tests" / "publishers"
    rows = measure_folder_sample.measure(publishers / "whitehouse_heldout_sample", publishers / "whitehouse_heldout_expected.json")["rows"]
    total = {k: sum(r[k] for r in rows) for k in ("paragraphs", "kept", "as_source", "voices", "furniture_left")}
    assert len(rows) == 10 and total["paragraphs"] == 371
    assert total["furniture_left"] == 0
    assert total["as_source"] >= 370 and total["voices"] >= 370, [(r["file"], r["wrong_voice"], r["not_as_source"]) for r in rows]
