"""The generic import of a publisher's feed (``curate/importers/feed.py``), with the publisher's
knowledge as a declared profile: the profile's checks, feeds read, transcripts told from other
items, the event's date, drafting that holds on a publisher's header and labels, one list of
people per run. On the State Department's feed: the classifier against 125 items labelled by hand
(``tests/publishers/state_sample.json``), and the drafted fields against transcripts labelled by
hand: 15 that the rules were written on, 15 more drawn later for the same (``state_dev_metadata.json``,
``state_dev2_metadata.json``), and 12 held out of all rule writing (``state_heldout_metadata.json``)."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SHARED, needs_shared
from diparchive.curate.draft import draft, title_people
from diparchive.curate.importers.feed import (
    Item, capture_of, event_date, import_feed, profile_path, read_feed, read_profile, transcript_reason,
)
from diparchive.infra.errors import InputError
from diparchive.ingest.people import Registry

STATE = "corpora/state-press-releases-2021-2022.rss.xz"
LABELLED = ROOT / "tests" / "publishers"
PROFILE = read_profile(profile_path("state-department"))

JOINT = """<p>Antony J. Blinken, Secretary of State</p>
<p>Jeppe Kofod, Danish Foreign Minister</p>
<p>Copenhagen, Denmark</p>
<p>Eigtved’s Warehouse</p>
<p><b>FOREIGN MINISTER KOFOD: </b>(Via interpreter) Good afternoon, and welcome to Copenhagen.</p>
<p><b>SECRETARY BLINKEN: </b>Thank you, Jeppe. It is very good to be here.</p>
<p><b>MR PRICE: </b>We will take a few questions.</p>
<p><b>QUESTION: </b>Thank you. Mr. Secretary, what comes next?</p>
<p><b>FOREIGN MINISTESR KOFOD: </b>Let me answer that.</p>"""
STATEMENT = """<p>Antony J. Blinken, Secretary of State</p>
<p>On behalf of the United States, I congratulate the people of Comoros on their national day.</p>"""
READOUT = """<p>Office of the Spokesperson</p>
<p>The below is attributable to Spokesperson Ned Price:</p>
<p>Secretary Blinken spoke today with Foreign Minister Kofod.</p>"""
REMARKS = """<p>Antony J. Blinken, Secretary of State</p>
<p>Washington, D.C.</p>
<p>Dean Acheson Auditorium</p>
<p>Good morning, everyone. It is a pleasure to be with you.</p>"""


def item(html: str, title: str = "A title", when: str = "2021-05-20T22:14:56+00:00") -> Item:
    return Item(title, "https://www.state.gov/a-title/", dt.datetime.fromisoformat(when), html)


# --------------------------------------------------------------------------- the profile


@pytest.mark.parametrize("change, where", [
    ({"time_zone": "Mars/Olympus"}, "field 'time_zone'"),
    ({"licence": {"status": "free", "note": "x"}}, "field 'licence'"),
    ({"colour": "blue"}, "field 'colour'"),
    ({"address": "(unclosed"}, "field 'address'"),
    ({"people": {"Ned Price": {"name": "Ned Price"}}}, "field 'people.Ned Price'"),
])
def test_a_profile_is_checked_and_a_fault_is_one_line(tmp_path, change, where):
    data = yaml.safe_load(profile_path("state-department").read_text("utf-8"))
    path = tmp_path / "profile.yml"
    path.write_text(yaml.safe_dump({**data, **change}), "utf-8")
    with pytest.raises(InputError) as refused:
        read_profile(path)
    text = str(refused.value)
    assert text.startswith(f"{path}, {where}: expected ") and "\n" not in text


def test_the_state_profile_is_data_not_code():
    assert PROFILE.publisher == "U.S. Department of State" and PROFILE.zone.key == "America/New_York"
    assert PROFILE.people["ned-price"].aliases == ("MR PRICE", "MR. PRICE") and PROFILE.roles["ned-price"] == "Department Spokesperson"


# --------------------------------------------------------------------------- feeds, items and dates


def test_rss_and_atom_feeds_are_read(tmp_path):
    rss = tmp_path / "feed.rss"
    rss.write_text("""<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<item><title>One</title><link>https://www.state.gov/one/</link><pubDate>Wed, 23 Feb 2022 00:27:00 +0000</pubDate>
<content:encoded><![CDATA[<p>Text &amp; more</p>]]></content:encoded></item></channel></rss>""", "utf-8")
    (one,) = read_feed(rss)
    assert (one.title, one.link, one.text) == ("One", "https://www.state.gov/one/", "<p>Text &amp; more</p>")
    assert one.published == dt.datetime(2022, 2, 23, 0, 27, tzinfo=dt.timezone.utc)
    atom = tmp_path / "feed.atom"
    atom.write_text("""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Two</title>
<link rel="alternate" href="https://www.state.gov/two/"/><published>2022-02-23T00:27:00Z</published>
<content type="html">&lt;p&gt;Text&lt;/p&gt;</content></entry></feed>""", "utf-8")
    (two,) = read_feed(atom)
    assert (two.title, two.link, two.text) == ("Two", "https://www.state.gov/two/", "<p>Text</p>")
    bad = tmp_path / "bad.xml"
    bad.write_text("<html></html>", "utf-8")
    with pytest.raises(InputError, match="expected an RSS 2.0"):
        read_feed(bad)


def test_the_event_date_is_the_one_stated_else_the_publication_day_where_the_publisher_is():
    late = item(REMARKS, when="2022-02-23T00:27:00+00:00")  # 7:27 p.m. on 22 February in Washington
    date, basis = event_date(capture_of(late, "item.html"), late.published, PROFILE.zone)
    assert date == "2022-02-22" and "America/New_York" in basis and "2022-02-23T00:27:00+00:00" in basis
    stated = item("<p>Antony J. Blinken, Secretary of State</p><p>February 20, 2022</p><p>Munich, Germany</p>"
                  "<p><b>SECRETARY BLINKEN:</b> Good morning.</p>", when="2022-02-23T00:27:00+00:00")
    assert event_date(capture_of(stated, "item.html"), stated.published, PROFILE.zone)[0] == "2022-02-20"


@pytest.mark.parametrize("html, reason", [
    (JOINT, "speaker labels"),
    (REMARKS, "a byline, then the place where it was said"),
    (STATEMENT, None),  # a written statement: its text follows the byline at once
    (READOUT, None),
])
def test_an_item_is_a_transcript_by_its_labels_or_the_place_it_was_said(html, reason):
    assert transcript_reason(capture_of(item(html), "item.html")) == reason


# --------------------------------------------------------------------------- drafting


@pytest.mark.parametrize("title, people", [
    ("Secretary Antony J. Blinken and German Foreign Minister Annalena Baerbock at the Munich Security Conference",
     [("Antony J. Blinken", "Secretary"), ("Annalena Baerbock", "German Foreign Minister")]),
    ("Secretary Antony J. Blinken And Kuwaiti Foreign Minister Sheikh Dr. Ahmed Nasser Al-Mohammed Al-Sabah At a Joint Press Availability",
     [("Antony J. Blinken", "Secretary"), ("Ahmed Nasser Al-Mohammed Al-Sabah", "Kuwaiti Foreign Minister")]),
    ("Secretary Antony J. Blinken, Secretary of Defense Lloyd Austin, and Indian Minister of External Affairs Subrahmanyam Jaishankar",
     [("Antony J. Blinken", "Secretary"), ("Lloyd Austin", "Secretary of Defense"), ("Subrahmanyam Jaishankar", "Indian Minister of External Affairs")]),
    ("Department Press Briefing – June 1, 2021", []),  # no one named with an office
    ("Comoros National Day", []),
])
def test_a_title_names_its_people_with_their_offices(title, people):
    assert title_people(title) == people


def test_a_label_of_office_and_surname_is_the_bylines_person_in_the_bylines_office():
    source = capture_of(item(JOINT, "Secretary Antony J. Blinken and Danish Foreign Minister Jeppe Kofod at a Joint Press Availability"), "item.html")
    d = draft(source, Registry(dict(PROFILE.people)), "item.html")
    speakers = {s["person"]: s for s in d.values["speakers"]}
    assert speakers["jeppe-kofod"]["role"] == "Danish Foreign Minister"
    assert speakers["jeppe-kofod"]["labels"] == ["FOREIGN MINISTER KOFOD", "FOREIGN MINISTESR KOFOD"]  # a misprint too
    assert speakers["antony-j-blinken"]["role"] == "Secretary of State"  # the byline's office, not 'SECRETARY'
    assert "ned-price" in speakers  # 'MR PRICE': the profile's, by its label
    assert not any(pid.startswith("minister") for pid in speakers)
    assert (d.values["venue.city"], d.values["venue.country"], d.values["venue.place"]) == ("Copenhagen", "Denmark", "Eigtved’s Warehouse")
    assert d.values["kind"] == "press-availability"
    assert (d.values["language.translation"], d.values["language.original"]) == ("official", "mul")  # (Via interpreter)


def test_a_run_proposes_each_person_once_and_keeps_each_capture_byte_for_byte(tmp_path):
    feed = tmp_path / "feed.rss"
    entries = "".join(
        f"""<item><title>Secretary Antony J. Blinken and Danish Foreign Minister Jeppe Kofod at a Joint Press Availability</title>
<link>https://www.state.gov/joint-{n}/</link><pubDate>Thu, 2{n} May 2021 22:14:56 +0000</pubDate>
<content:encoded><![CDATA[{JOINT}]]></content:encoded></item>""" for n in (1, 2))
    feed.write_text(f"""<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>{entries}
<item><title>Comoros National Day</title><link>https://www.state.gov/comoros/</link><pubDate>Thu, 20 May 2021 10:00:00 +0000</pubDate>
<content:encoded><![CDATA[{STATEMENT}]]></content:encoded></item></channel></rss>""", "utf-8")
    out = tmp_path / "transcripts"
    report = import_feed(feed, PROFILE, out, "2026-12-06")
    assert (report["items"], report["imported"]) == (3, 2)
    assert list(report["skipped"]) == ["https://www.state.gov/comoros/"] and "not a transcript" in report["skipped"]["https://www.state.gov/comoros/"]
    captures = sorted(out.glob("*.html"))
    assert [c.name for c in captures] == ["2021-05-21-kofod-blinken-price-press-availability.html", "2021-05-22-kofod-blinken-price-press-availability.html"]
    assert all(c.read_bytes() == JOINT.encode("utf-8") for c in captures)  # the item's HTML as the feed gives it
    people = yaml.safe_load((out / "people.yml").read_text("utf-8"))
    assert sorted(people) == ["antony-j-blinken", "jeppe-kofod", "ned-price"]  # one entry each, for the run
    sidecar = yaml.safe_load(captures[0].with_suffix(".yml").read_text("utf-8"))
    assert sidecar["source"]["publisher"] == "U.S. Department of State" and sidecar["licence"]["status"] == "public-domain"
    assert {"date", "kind", "speakers", "venue.city"} <= set(sidecar["draft"])  # published as drafted, marked


# --------------------------------------------------------------------------- on the State Department's feed


def _norm(value):
    if not isinstance(value, str):
        return value
    return " ".join(unicodedata.normalize("NFKC", value).replace("’", "'").split()).casefold().rstrip(".")


@pytest.fixture(scope="module")
def state_out(tmp_path_factory):
    """The whole feed imported once, into a folder of transcripts: the folder and the report."""
    out = tmp_path_factory.mktemp("state") / "transcripts"
    return out, import_feed(SHARED / STATE, PROFILE, out, "2026-12-06")


@pytest.fixture(scope="module")
def state(state_out):
    """The whole feed imported once: its items and the transcripts' sidecars by address."""
    out, report = state_out
    people = yaml.safe_load((out / "people.yml").read_text("utf-8"))
    sidecars = {}
    for path in out.glob("*.yml"):
        values = yaml.safe_load(path.read_text("utf-8"))
        if isinstance(values, dict) and "source" in values:
            sidecars[values["source"]["url"]] = values
    return read_feed(SHARED / STATE), report, people, sidecars


@needs_shared(STATE)
def test_the_feed_tells_transcripts_from_statements_readouts_and_notices(state):
    items, report, _, _ = state
    labelled = json.loads((LABELLED / "state_sample.json").read_text("utf-8"))
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for entry in labelled:
        found = transcript_reason(capture_of(items[entry["index"]], "item.html")) is not None
        truth = entry["label"] == "transcript"
        counts[("t" if found == truth else "f") + ("p" if found else "n")] += 1
    precision = counts["tp"] / (counts["tp"] + counts["fp"])
    recall = counts["tp"] / (counts["tp"] + counts["fn"])
    assert len(labelled) == 125 and counts["tp"] + counts["fn"] == 17
    assert precision >= 0.95 and recall >= 0.9, counts
    assert report["items"] == 2005 and 250 <= report["imported"] <= 450, report["imported"]


def drafted_right(sidecars, people, expected) -> tuple[int, int]:
    """Of the fields the transcripts state (date, kind, venue, each named speaker and their role,
    whether interpreted), how many the draft has right."""
    right = total = 0
    for entry in expected:
        x, v = entry["expected"], sidecars.get(entry["link"])
        checks = []
        venue = (v or {}).get("venue") or {}
        got = {_norm(people.get(s["person"], {}).get("name", s["person"])): s for s in (v or {}).get("speakers", [])}
        checks += [(v or {}).get("date") == x["date"], (v or {}).get("kind") == x["kind"]]
        checks += [_norm(venue.get(k)) == _norm(x["venue"].get(k)) for k in ("city", "country", "place")]
        for speaker in x["speakers"]:
            mine = got.get(_norm(speaker["name"]))
            checks += [mine is not None, mine is not None and _norm(mine.get("role")) == _norm(speaker["role"])]
        translated = ((v or {}).get("language") or {}).get("translation") not in ("original", "unknown", None)
        checks.append(bool(v) and translated == x["interpreted"])
        right += sum(checks)
        total += len(checks)
    return right, total


@needs_shared(STATE)
def test_drafted_fields_on_the_transcripts_the_rules_were_written_on(state):
    _, _, people, sidecars = state
    right, total = drafted_right(sidecars, people, json.loads((LABELLED / "state_dev_metadata.json").read_text("utf-8")))
    assert total == 172 and right / total >= 0.90, f"{right}/{total}"


@needs_shared(STATE)
def test_drafted_fields_on_the_second_set_the_rules_were_written_on(state):
    _, _, people, sidecars = state
    right, total = drafted_right(sidecars, people, json.loads((LABELLED / "state_dev2_metadata.json").read_text("utf-8")))
    assert total == 142 and right / total >= 0.83, f"{right}/{total}"


@needs_shared(STATE)
def test_drafted_fields_on_held_out_transcripts_stay_above_their_measured_floor(state):
    _, _, people, sidecars = state
    right, total = drafted_right(sidecars, people, json.loads((LABELLED / "state_heldout_metadata.json").read_text("utf-8")))
    assert total == 148 and right / total >= 0.73, f"{right}/{total}"


@needs_shared(STATE)
@pytest.mark.xfail(strict=True, reason="NOT YET: drafting on held-out State transcripts is 109/148 (73.6 %), short of the 90 % target "
                   "(83.1 % and 90.1 % on the two sets the rules were written on): roles the labeller worded from "
                   "outside the text, names printed only in part, kinds a reader would judge otherwise; "
                   "5 of 35 header lines are left in their bodies")
def test_drafted_fields_on_held_out_transcripts_reach_ninety_percent(state):
    _, _, people, sidecars = state
    right, total = drafted_right(sidecars, people, json.loads((LABELLED / "state_heldout_metadata.json").read_text("utf-8")))
    assert right / total >= 0.9, f"{right}/{total}"


def header_lines_left(state_out, expected: list[dict]) -> tuple[int, int]:
    """Of the header lines (bylines, place, site, desk, medium) the labeller saw before the first
    turn, how many the build leaves in the body of the labelled transcripts."""
    import shutil

    from diparchive.clean.shape import normalise
    from diparchive.pipeline import Project, gather

    out, _ = state_out
    links = {e["link"] for e in expected}
    work = out.parent / f"built-{len(expected)}-{expected[0]['index']}"
    transcripts = work / "transcripts"
    transcripts.mkdir(parents=True, exist_ok=True)
    shutil.copy(out / "people.yml", transcripts)
    for path in out.glob("*.yml"):
        values = yaml.safe_load(path.read_text("utf-8"))
        if isinstance(values, dict) and values.get("source", {}).get("url") in links:
            shutil.copy(path, transcripts)
            shutil.copy(path.with_suffix(".html"), transcripts)
    for registry in ("themes.yml", "entities.yml", "variants.yml"):
        shutil.copy(ROOT / "transcripts" / registry, transcripts)
    built, _ = gather(Project.at(work, transcripts, work / "docs"), use_cache=False)
    by_url = {t.meta.source.url: t for t in built}
    left = total = 0
    for entry in expected:
        body = {normalise(block.text) for block in by_url[entry["link"]].blocks}
        total += len(entry["expected"]["header_lines"])
        left += sum(normalise(line) in body for line in entry["expected"]["header_lines"])
    return left, total


@needs_shared(STATE)
@pytest.mark.parametrize("labels", ["state_dev_metadata.json", "state_dev2_metadata.json"])
def test_no_header_line_is_left_in_the_body_of_the_transcripts_the_rules_were_written_on(state_out, labels):
    left, total = header_lines_left(state_out, json.loads((LABELLED / labels).read_text("utf-8")))
    assert total > 30 and left == 0, f"{left} of {total}"


@needs_shared(STATE)
def test_header_lines_left_in_held_out_transcripts_stay_at_their_measured_figure(state_out):
    left, total = header_lines_left(state_out, json.loads((LABELLED / "state_heldout_metadata.json").read_text("utf-8")))
    assert total == 35 and left <= 5, f"{left} of {total}"


@pytest.mark.parametrize("title, reason", [
    ("Remarks as Prepared for Delivery by First Lady Jill Biden for the Announcement of the Holiday Theme and Message of Gratitude",
     "its title names remarks or a speech"),
    ("Address by President Biden to a Joint Session of Congress", "its title names remarks or a speech"),
    ("Statement by President Biden on the Remarks of the Chancellor", None),
    ("Secretary Blinken to Deliver Remarks at Georgetown Commencement Ceremony", None),
    ("Readout of the Secretary's Remarks Call with Foreign Minister Kofod", None),
])
def test_a_title_of_remarks_makes_a_text_without_labels_a_transcript_and_a_written_texts_title_does_not(title, reason):
    text = "<p>Thank you all for being here today. It is a great honour to be with you in this hall.</p>"
    assert transcript_reason(capture_of(item(text, title), "item.html")) == reason
