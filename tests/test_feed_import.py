"""The generic import of a publisher's feed (``curate/importers/feed.py``), with the publisher's
knowledge as a declared profile: the profile's checks, feeds read, transcripts told from other
items, the event's date, drafting that holds on a publisher's header and labels, one list of
people per run. On the State Department's feed: the classifier against 125 items labelled by hand
(``tests/publishers/state_sample.json``), and the drafted fields against transcripts labelled by
hand: six sets the rules were written on (15, 15 and four of 12: ``state_dev_metadata.json`` to
``state_dev6_metadata.json``), and 12 more drawn at random and held out of all rule writing
(``state_heldout_metadata.json``), measured once on the final rules."""

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
    ({"translation": "machine"}, "field 'translation'"),
    ({"captures": "[A-Z"}, "field 'captures'"),
    ({"via": ""}, "field 'via'"),
])
def test_a_profile_is_checked_and_a_fault_is_one_line(tmp_path, change, where):
    data = yaml.safe_load(profile_path("state-department").read_text("utf-8"))
    path = tmp_path / "profile.yml"
    path.write_text(yaml.safe_dump({**data, **change}), "utf-8")
    with pytest.raises(InputError) as refused:
        read_profile(path)
    text = str(refused.value)
    assert text.startswith(f"{path}, {where}: expected ") and "\n" not in text


def test_every_publisher_the_archive_knows_is_a_profile_and_a_capture_finds_its_own():
    from diparchive.curate.profile import known_profiles, profile_for

    names = [name for name, _ in known_profiles()]
    assert names == ["kremlin", "state-department", "un-general-debate", "white-house"]
    found = {
        "http://en.kremlin.ru/events/president/news/58748": "President of Russia (kremlin.ru)",
        "https://bidenwhitehouse.archives.gov/briefing-room/speeches-remarks/2022/03/16/x/": "The White House",
        "https://www.whitehouse.gov/briefing-room/1/": "The White House",
        "https://www.state.gov/secretary-antony-j-blinken-at-a-press-availability/": "U.S. Department of State",
        "https://www.un.org/en/ga/": "United Nations",
    }
    assert {url: profile_for(url).publisher for url in found} == found
    assert profile_for(None, "USA_79_2024").credit.startswith("United Nations, via the UN General Debate Corpus")  # a corpus's file naming
    # counter-examples: another host, a host that only ends like one, a file named otherwise
    assert profile_for("https://example.org/kremlin.ru/") is None and profile_for("https://notkremlin.ru/x") is None
    assert profile_for(None, "usa_79_2024") is None and profile_for(None, "2021-12-02-lavrov") is None


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


# --------------------------------------------------------------------------- a header's lines, a title's people, a feed's names


@pytest.mark.parametrize("lines, bylines, place, site, city, medium, event", [
    # the US capital with no comma, then the site
    (["Antony J. Blinken, Secretary of State", "Washington D.C.", "Treaty Room"],
     [("Antony J. Blinken", "Secretary of State")], "Washington, D.C.", "Treaty Room", None, None, None),
    # a city alone, then the site: the first is the city
    (["Antony J. Blinken, Secretary of State", "Sde Boker", "Kedma Hotel"],
     [("Antony J. Blinken", "Secretary of State")], "Sde Boker", "Kedma Hotel", "Sde Boker", None, None),
    # the desk is no place, nor is how it was held; a rank before a byline's name is no part of it
    (["Office of the Spokesperson", "Washington, D.C.", "Benjamin Franklin Room"], [], "Washington, D.C.", "Benjamin Franklin Room", None, None, None),
    (["Ambassador Bonnie Denise Jenkins, Under Secretary for Arms Control and International Security", "Via Teleconference"],
     [("Bonnie Denise Jenkins", "Under Secretary for Arms Control and International Security")], None, None, None, "Via Teleconference", None),
    # a site and the capital on one line, then what was held there
    (["Antony J. Blinken, Secretary of State", "Benjamin Franklin Room Washington, D.C.", "U.S.-Japan Economic Policy Consultative Committee"],
     [("Antony J. Blinken", "Secretary of State")], "Washington, D.C.", "Benjamin Franklin Room", None, None, "U.S.-Japan Economic Policy Consultative Committee"),
    # counter-examples: one line without a comma is a site; a place with its country is no city alone;
    # a name of two words keeps its first ('Ambassador Smith' may be a first name); a town named Washington elsewhere is not the capital
    (["Antony J. Blinken, Secretary of State", "Treaty Room"], [("Antony J. Blinken", "Secretary of State")], "Treaty Room", None, None, None, None),
    (["Antony J. Blinken, Secretary of State", "Brussels, Belgium", "NATO Headquarters"],
     [("Antony J. Blinken", "Secretary of State")], "Brussels, Belgium", "NATO Headquarters", None, None, None),
    (["Ambassador Smith, Special Envoy", "Washington Crossing, Pennsylvania"], [("Ambassador Smith", "Special Envoy")], "Washington Crossing, Pennsylvania", None, None, None, None),
    # a name with its particles is a byline; a site and what it is, after a comma, is none
    (["Antony J. Blinken, Secretary of State", "Mohammed bin Abdulrahman Al-Thani, Qatari Deputy Prime Minister and Minister of Foreign Affairs",
      "Munich, Germany", "Hotel Bayerischer Hof"],
     [("Antony J. Blinken", "Secretary of State"), ("Mohammed bin Abdulrahman Al-Thani", "Qatari Deputy Prime Minister and Minister of Foreign Affairs")],
     "Munich, Germany", "Hotel Bayerischer Hof", None, None, None),
    (["Yael Lempert , Acting Assistant Secretary for Near Eastern Affairs", "Via Teleconference"],
     [("Yael Lempert", "Acting Assistant Secretary for Near Eastern Affairs")], None, None, None, "Via Teleconference", None),  # a space before the comma
    (["Antony J. Blinken, Secretary of State", "Algiers, Algeria", "El Mouradia Palace, Official Residence"],
     [("Antony J. Blinken", "Secretary of State")], "Algiers, Algeria", "El Mouradia Palace, Official Residence", None, None, None),
])
def test_a_headers_lines_give_the_bylines_place_site_and_event_and_how_it_was_held(lines, bylines, place, site, city, medium, event):
    from diparchive.curate.draft import header_block

    block = header_block([*lines, "SECRETARY BLINKEN: Good morning, everyone."])
    assert (block.bylines, block.place, block.site, block.city, block.medium, block.event) == (bylines, place, site, city, medium, event)


@pytest.mark.parametrize("title, people", [
    # an office of several parts, by 'and' or by commas, then the name
    ("Secretary Antony J. Blinken And Colombian Vice President and Foreign Minister Marta Lucia Ramirez Before Their Meeting",
     [("Antony J. Blinken", "Secretary"), ("Marta Lucia Ramirez", "Colombian Vice President and Foreign Minister")]),
    ("Opening Remarks with Secretary of Commerce Gina M. Raimondo and Japanese Foreign Minister Hayashi Yoshimasa and Minister of Economy, Trade, and Industry Hagiuda Koichi",
     [("Gina M. Raimondo", "Secretary of Commerce"), ("Hayashi Yoshimasa", "Japanese Foreign Minister"), ("Hagiuda Koichi", "Minister of Economy, Trade, and Industry")]),
    # the guest, less the event after the name; opening remarks are the event, not the name
    ("Secretary Antony J. Blinken Remarks with Indian External Affairs Minister Dr. S. Jaishankar As Part of the U.S.-India Higher Education Discussion",
     [("Antony J. Blinken", "Secretary"), ("S. Jaishankar", "Indian External Affairs Minister")]),
    ("Secretary Antony J. Blinken and German Foreign Minister Heiko Maas Opening Remarks at the Berlin Conference",
     [("Antony J. Blinken", "Secretary"), ("Heiko Maas", "German Foreign Minister")]),
    # counter-examples: people one after the other stay apart; an office with a surname alone names no one
    ("Secretary Antony J. Blinken and Secretary of Defense Lloyd Austin at a Joint Press Availability",
     [("Antony J. Blinken", "Secretary"), ("Lloyd Austin", "Secretary of Defense")]),
    # an office for a list of things ('… for Economic Growth, Energy, and the Environment')
    ("Under Secretary of State for Economic Growth, Energy, and the Environment Jose W. Fernandez At the 2022 World Food Prize Laureate Announcement Ceremony",
     [("Jose W. Fernandez", "Under Secretary of State for Economic Growth, Energy, and the Environment")]),
    ("Secretary Blinken and Foreign Minister Kuleba", []),
    ("Secretary Antony J. Blinken With Rene Pfister of Der Spiegel", [("Antony J. Blinken", "Secretary")]),
])
def test_a_titles_offices_may_hold_several_parts_and_its_event_is_no_name(title, people):
    assert title_people(title) == people


def _kind_of(html: str, title: str) -> str:
    return draft(capture_of(item(html, title), "item.html"), Registry(dict(PROFILE.people)), "item.html").values["kind"]


CALL = """<p>Ned Price, Department Spokesperson</p><p>Via Teleconference</p>
<p><b>MR PRICE:</b> Thanks very much for joining us. Over to you, Ricardo.</p>
<p><b>MR ZUNIGA:</b> Thank you, Ned. Let me say a few words.</p>
<p><b>QUESTION:</b> What comes next?</p><p><b>MR ZUNIGA:</b> We will see.</p>"""
EVENT = """<p>Antony J. Blinken, Secretary of State</p><p>Rzeszow, Poland</p><p>Hotel Bristol</p>
<p><b>MS KVIEN:</b> It is my great pleasure to welcome Secretary Blinken.</p>
<p><b>SECRETARY BLINKEN:</b> Thank you, Kristina. It is good to be with all of you.</p>"""


@pytest.mark.parametrize("html, title, kind", [
    (CALL, "Special Envoy for the Northern Triangle Ricardo Zuniga On Release of the Section 353 Report", "briefing"),  # held by telephone
    (EVENT, "Secretary Antony J. Blinken At a Town Hall with Kyiv Embassy Personnel", "speech"),  # one person at an event, introduced
    # counter-examples: the same voices before a meeting, or with the press's questions, or with two people in the title
    (EVENT, "Secretary Antony J. Blinken and Chargé d’Affaires Kristina Kvien Before Their Meeting", "meeting"),
    (EVENT.replace("</p>\n<p><b>SECRETARY", "</p><p><b>QUESTION:</b> Mr. Secretary?</p>\n<p><b>SECRETARY"),
     "Secretary Antony J. Blinken At the Embassy", "press-conference"),
    (EVENT, "Secretary Antony J. Blinken at the Launch of the Dialogue with German Foreign Minister Heiko Maas", "meeting"),
    (EVENT, "Under Secretary of State for Economic Growth, Energy, and the Environment Jose W. Fernandez At the 2022 World Food Prize Ceremony", "speech"),
    (EVENT, "Secretary Antony J. Blinken and Israeli Prime Minister Benjamin Netanyahu Statements to the Press", "press-statements"),
])
def test_a_call_is_a_briefing_and_one_person_at_an_event_gives_a_speech(html, title, kind):
    assert _kind_of(html, title) == kind


@pytest.mark.parametrize("text, interpreted", [
    ("(Via interpreter) Good afternoon.", True), ("(Via translation) Welcome.", True), ("(As interpreted) Thank you.", True),
    ("(In English) We are hosting this dialogue.", True), ("(In Arabic) Thank you.", True),
    # counter-examples: words of interpretation and of a language inside a sentence mark nothing
    ("We spoke in English, through an interpreter at times.", False), ("(Laughter.) In English, we say it plainly.", False),
])
def test_a_mark_of_interpretation_or_of_a_change_of_language_is_read_and_a_mention_is_not(text, interpreted):
    from diparchive.curate.draft import INTERPRETED

    assert bool(INTERPRETED.search(text)) is interpreted


@pytest.mark.parametrize("title, kind", [
    ("Secretary Antony J. Blinken with Indrani Bagchi of The Times of India", "interview"),
    ("Secretary Antony J. Blinken With Rene Pfister of Der Spiegel", "interview"),
    ("Secretary Antony J. Blinken Meet and Greet with Embassy Jerusalem Staff", "speech"),
    # counter-examples: a minister of a country is no journalist; a meeting with staff named so is a meeting
    ("Secretary Antony J. Blinken with Foreign Minister Sameh Shoukry of Egypt", "meeting"),
    ("Secretary Antony J. Blinken Meeting with Embassy Staff", "meeting"),
])
def test_a_titles_outlet_may_hold_small_words_and_a_meet_and_greet_with_staff_is_a_speech(title, kind):
    assert _kind_of(EVENT, title) == kind


def test_a_surname_in_capitals_is_spelt_as_the_text_spells_it():
    html = EVENT.replace("MS KVIEN", "MR DEGIOIA").replace("It is my great pleasure", "President DeGioia here: it is my great pleasure")
    d = draft(capture_of(item(html, "Secretary Antony J. Blinken At the Commencement"), "item.html"), Registry(dict(PROFILE.people)), "item.html")
    assert [e["name"] for e in d.new_people.values() if e["name"] != "Antony J. Blinken"] == ["DeGioia"]
    d = draft(capture_of(item(EVENT, "Secretary Antony J. Blinken At the Embassy"), "item.html"), Registry(dict(PROFILE.people)), "item.html")
    assert [e["name"] for e in d.new_people.values() if e["name"] != "Antony J. Blinken"] == ["Kvien"]  # spelt nowhere else: title case


def test_a_speaker_with_no_role_takes_the_office_the_text_prints_before_the_whole_name_and_no_other():
    from diparchive.curate.importers.feed import offices_in_text

    texts = ["I welcome to the stage World Food Prize Foundation President Barbara Stinson.",
             "I’d also like to thank Secretary of Agriculture Tom Vilsack for participating.", "Secretary Tom Vilsack from USDA sent remarks.",
             "We have joining us today Special Envoy for the Northern Triangle Ricardo Zuniga, who will speak first.",
             "Here’s Senator Mitt Romney.", "Ned Price and Acting Assistant Secretary for South and Central Asian Affairs Dean Thompson are here."]
    assert offices_in_text(texts, "Barbara Stinson") == {"World Food Prize Foundation President": 1}
    assert offices_in_text(texts, "Tom Vilsack") == {"Secretary of Agriculture": 1, "Secretary": 1}
    assert offices_in_text(texts, "Ricardo Zuniga") == {"Special Envoy for the Northern Triangle": 1}
    assert offices_in_text(texts, "Mitt Romney") == {"Senator": 1}  # not 'Here’s Senator'
    assert offices_in_text(texts, "Dean Thompson") == {"Acting Assistant Secretary for South and Central Asian Affairs": 1}  # not Ned Price's
    # counter-examples: another's office before 'and', a place, a name alone
    assert not offices_in_text(["Secretary Blinken and Barbara Stinson spoke.", "In New York Barbara Stinson said so.", "Barbara Stinson."], "Barbara Stinson")


def test_a_slug_names_the_speakers_and_never_an_unnamed_participant():
    from diparchive.curate.importers.feed import slug_of

    values = {"date": "2022-05-18", "kind": "meeting", "speakers": [
        {"person": "antony-j-blinken", "name": "Antony J. Blinken"}, {"person": "unknown"}, {"person": "bhutto-zardari", "name": "Bhutto Zardari"}]}
    assert slug_of(values, "A title") == "2022-05-18-blinken-zardari-meeting"


def test_a_word_of_address_in_a_label_is_no_role_and_an_office_is():
    d = draft(capture_of(item(EVENT.replace("MS KVIEN", "SENATOR KVIEN"), "Secretary Antony J. Blinken At the Embassy"), "item.html"),
              Registry(dict(PROFILE.people)), "item.html")
    assert {s.get("role") for s in d.values["speakers"] if "kvien" in s["person"]} == {"Senator"}
    from diparchive.model import Person
    known = Registry({**PROFILE.people, "kvien": Person("kvien", "Kvien", "x", ("MS KVIEN",))})
    d = draft(capture_of(item(EVENT, "Secretary Antony J. Blinken At the Embassy"), "item.html"), known, "item.html")
    (kvien,) = [s for s in d.values["speakers"] if s["person"] == "kvien"]
    assert "role" not in kvien  # 'MS': a word of address


def test_one_persons_spellings_in_a_feed_are_joined_and_two_people_of_one_surname_are_not():
    from collections import Counter

    from diparchive.curate.importers.feed import merge_spellings
    from diparchive.model import Person

    def people(*names):
        return {n.casefold().replace(" ", "-").replace(".", ""): Person(n.casefold().replace(" ", "-").replace(".", ""), n, "(to write)", ()) for n in names}

    found = people("Hayashi", "Yoshimasa Hayashi", "Hayashi Yoshimasa", "Gina Raimondo", "Gina M. Raimondo", "ABDULLAH BIN ZAYED",
                   "Abdullah bin Zayed Al Nahyan", "Al Zayani", "Abdullatif bin Rashid Al Zayani")
    merge_spellings(found, Counter({"hayashi-yoshimasa": 3, "yoshimasa-hayashi": 1}))
    assert {p.name: set(p.aliases) for p in found.values()} == {
        "Hayashi Yoshimasa": {"Hayashi", "Yoshimasa Hayashi"},
        "Gina M. Raimondo": {"Gina Raimondo"},
        "Abdullah bin Zayed Al Nahyan": {"ABDULLAH BIN ZAYED"},
        "Abdullatif bin Rashid Al Zayani": {"Al Zayani"},
    }
    # counter-examples: two fuller names apart; a name of two words is no part of a faulty longer one; the profile's own stay
    apart = people("Biden", "Joe Biden", "Jill Biden", "Heiko Maas", "Heiko Maas Opening", "Price", "Ned Price")
    merge_spellings(apart, Counter(), keep=frozenset({"price"}))
    assert sorted(p.name for p in apart.values()) == ["Biden", "Heiko Maas", "Heiko Maas Opening", "Jill Biden", "Joe Biden", "Ned Price", "Price"]


def test_a_short_role_is_the_fuller_one_the_feed_gives_the_same_person_and_no_other():
    from diparchive.curate.draft import Draft
    from diparchive.curate.importers.feed import complete_roles

    def drafted(*speakers):
        d = Draft()
        d.values["speakers"] = [dict(s) for s in speakers]
        return d

    drafts = [
        drafted({"person": "blinken", "role": "Secretary of State"}, {"person": "lapid", "role": "Israeli Foreign Minister"}),
        drafted({"person": "blinken", "role": "Secretary of State"}, {"person": "sherman", "role": "Deputy Secretary of State"}),
        drafted({"person": "blinken", "role": "Secretary"}, {"person": "lapid", "role": "FOREIGN MINISTER"},
                {"person": "sherman", "role": "Secretary"}, {"person": "bourita", "role": "FOREIGN MINISTER"}),
    ]
    drafts.append(drafted({"person": "lapid"}))
    drafts.insert(0, drafted({"person": "lapid", "role": "Alternate Prime Minister"}))
    complete_roles(drafts, ["2019-01-01", "2021-06-01", "2021-07-01", "2021-08-01", "2021-06-02"])
    assert drafts[4].values["speakers"] == [{"person": "lapid", "role": "Israeli Foreign Minister"}]  # the nearest in time, not the earlier office
    drafts = drafts[1:4]
    assert [(s["person"], s["role"]) for s in drafts[2].values["speakers"]] == [
        ("blinken", "Secretary of State"), ("lapid", "Israeli Foreign Minister"),
        ("sherman", "Secretary"),  # 'Deputy Secretary of State' neither begins nor ends with 'Secretary'
        ("bourita", "Foreign Minister"),  # no fuller role given him: the label's, written as an office
    ]


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


def no_transcript(entry: dict) -> bool:
    """Did the labeller find the item no transcript (a statement, a fact sheet), as its note says?"""
    return entry.get("note", "").startswith("not a transcript")


def drafted_right(sidecars, people, expected) -> tuple[int, int]:
    """Of the fields the transcripts state (date, kind, venue, each named speaker and their role,
    whether interpreted), how many the draft has right. An item the labeller found no transcript
    (``no_transcript``) has no fields: that the import refuses it is checked on its own."""
    right = total = 0
    for entry in expected:
        if no_transcript(entry):
            continue
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
@pytest.mark.parametrize("labels, fields, floor", [
    ("state_dev_metadata.json", 172, 0.92),
    ("state_dev2_metadata.json", 142, 0.87),
    ("state_dev3_metadata.json", 148, 0.91),
    ("state_dev4_metadata.json", 110, 0.92),
    ("state_dev5_metadata.json", 102, 0.96),
    ("state_dev6_metadata.json", 106, 0.89),
])
def test_drafted_fields_on_the_transcripts_the_rules_were_written_on(state, labels, fields, floor):
    _, _, people, sidecars = state
    right, total = drafted_right(sidecars, people, json.loads((LABELLED / labels).read_text("utf-8")))
    assert total == fields and right / total >= floor, f"{right}/{total}"


@needs_shared(STATE)
def test_drafted_fields_on_held_out_transcripts_reach_ninety_percent(state):
    _, _, people, sidecars = state
    expected = json.loads((LABELLED / "state_heldout_metadata.json").read_text("utf-8"))
    assert sum(not no_transcript(e) and len(e["expected"]["speakers"]) >= 2 for e in expected) >= 6
    right, total = drafted_right(sidecars, people, expected)
    assert right / total >= 0.9, f"{right}/{total}"


@needs_shared(STATE)
@pytest.mark.parametrize("labels", ["state_dev4_metadata.json", "state_dev5_metadata.json", "state_dev6_metadata.json", "state_heldout_metadata.json"])
def test_labelled_items_found_no_transcript_are_refused_and_the_others_imported(state, labels):
    _, report, _, sidecars = state
    expected = json.loads((LABELLED / labels).read_text("utf-8"))
    refused = [e["link"] for e in expected if no_transcript(e)]
    assert all(link not in sidecars and link in report["skipped"] for link in refused)
    assert all(e["link"] in sidecars for e in expected if not no_transcript(e))


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
        if no_transcript(entry):
            continue
        body = {normalise(block.text) for block in by_url[entry["link"]].blocks}
        total += len(entry["expected"]["header_lines"])
        left += sum(normalise(line) in body for line in entry["expected"]["header_lines"])
    return left, total


@needs_shared(STATE)
@pytest.mark.parametrize("labels", ["state_dev_metadata.json", "state_dev2_metadata.json", "state_dev3_metadata.json", "state_dev4_metadata.json",
                                    "state_dev5_metadata.json", "state_dev6_metadata.json", "state_heldout_metadata.json"])
def test_no_header_line_is_left_in_the_body_of_the_labelled_transcripts(state_out, labels):
    left, total = header_lines_left(state_out, json.loads((LABELLED / labels).read_text("utf-8")))
    assert total >= 20 and left == 0, f"{left} of {total}"


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
