"""Citations of one transcript, exactly: Chicago note (transcript and paragraph), BibTeX, RIS, CSL."""

import json

import pytest

from conftest import ROOT
from diparchive.publish import citations
from diparchive.model import PartialDate
from diparchive.pipeline import Project, gather

URL = "https://archive.example.org/dta/transcripts/2008-12-05-lavrov-osce-helsinki/"


@pytest.fixture(scope="module")
def refs():
    transcripts, registries = gather(Project.at(ROOT))
    return {t.meta.slug: citations.reference(t, registries.people) for t in transcripts}


def test_the_chicago_note_of_a_transcript_and_of_a_paragraph(refs):
    ref = refs["2008-12-05-lavrov-osce-helsinki"]
    assert citations.chicago(ref, URL) == (
        "Sergey Lavrov, “Sergey Lavrov's remarks and answers to Russian media after the OSCE Ministerial Council in Helsinki” "
        "(remarks and answers to media questions, OSCE Ministerial Council, Helsinki, Finland, December 5, 2008), "
        "Diplomatic Transcripts Archive, https://archive.example.org/dta/transcripts/2008-12-05-lavrov-osce-helsinki/. "
        "Source: Russian Ministry for Foreign Affairs, via The Acronym Institute for Disarmament Diplomacy (Disarmament Documentation); "
        "official translation by Russian Ministry for Foreign Affairs from Russian."
    )
    paragraph = citations.chicago(ref, URL + "#L16", paragraph=2)
    assert ", December 5, 2008), para. 2, Diplomatic Transcripts Archive, " + URL + "#L16." in paragraph


def test_a_paragraph_is_cited_under_its_own_speaker(refs):
    ref = refs["2022-02-21-lavrov-putin-security-council-moscow"]
    assert citations.chicago(ref, "U", author="Vladimir Putin", paragraph=20).startswith("Vladimir Putin, “Sergey Lavrov's report")
    assert citations.chicago(ref, "U").startswith("Sergey Lavrov and Vladimir Putin, “")
    assert "unofficial translation by an unknown translator from Russian" in citations.chicago(ref, "U")


def test_a_report_is_cited_under_its_publisher(refs):
    ref = refs["2009-12-04-nato-russia-council-brussels"]
    assert citations.chicago(ref, "U").startswith("Radio Free Europe/Radio Liberty, “NATO, Russia paper over differences")
    assert citations.csl(ref, "U")["author"] == [{"literal": "Radio Free Europe/Radio Liberty"}]


def test_bibtex(refs):
    assert citations.bibtex(refs["2008-12-05-lavrov-osce-helsinki"], URL) == (
        "@misc{2008-12-05-lavrov-osce-helsinki,\n"
        "  author = {Lavrov, Sergey},\n"
        "  title = {{Sergey Lavrov's remarks and answers to Russian media after the OSCE Ministerial Council in Helsinki}},\n"
        "  howpublished = {Remarks and answers to media questions, OSCE Ministerial Council, Helsinki, Finland},\n"
        "  date = {2008-12-05},\n"
        "  year = {2008},\n"
        "  month = dec,\n"
        f"  url = {{{URL}}},\n"
        "  publisher = {Diplomatic Transcripts Archive},\n"
        "  langid = {english},\n"
        "  note = {Source: Russian Ministry for Foreign Affairs, via The Acronym Institute for Disarmament Diplomacy (Disarmament Documentation); official translation by Russian Ministry for Foreign Affairs from Russian}\n"
        "}\n"
    )


def test_bibtex_escapes_what_latex_reads(refs):
    ref = refs["2008-12-05-lavrov-osce-helsinki"]
    from dataclasses import replace

    odd = replace(ref, title="50% of R&D {costs} $ #1 a_b ~x ^y \\z")
    assert r"title = {{50\% of R\&D \{costs\} \$ \#1 a\_b \~{}x \^{}y \textbackslash{}z}}" in citations.bibtex(odd, URL)


def test_ris(refs):
    assert citations.ris(refs["2008-12-05-lavrov-osce-helsinki"], URL).split("\r\n") == [
        "TY  - GEN",
        "AU  - Lavrov, Sergey",
        "TI  - Sergey Lavrov's remarks and answers to Russian media after the OSCE Ministerial Council in Helsinki",
        "T2  - OSCE Ministerial Council",
        "M3  - Remarks and answers to media questions",
        "CY  - Helsinki, Finland",
        "PY  - 2008",
        "DA  - 2008/12/05/",
        "PB  - Diplomatic Transcripts Archive",
        f"UR  - {URL}",
        "LA  - en",
        "N1  - Source: Russian Ministry for Foreign Affairs, via The Acronym Institute for Disarmament Diplomacy (Disarmament Documentation); official translation by Russian Ministry for Foreign Affairs from Russian",
        "ER  - ",
        "",
    ]


def test_csl_json(refs):
    (item,) = json.loads(citations.csl_json(refs["2008-12-05-lavrov-osce-helsinki"], URL))
    assert item["type"] == "speech" and item["author"] == [{"family": "Lavrov", "given": "Sergey"}]
    assert item["issued"] == {"date-parts": [[2008, 12, 5]]} and item["event-place"] == "Helsinki, Finland"
    assert item["URL"] == URL and item["publisher"] == "Diplomatic Transcripts Archive"


def test_partial_dates_are_cited_as_known():
    assert citations.us_date(PartialDate(2009, 12)) == "December 2009"
    assert citations.us_date(PartialDate(1946)) == "1946"
    assert citations.us_date(PartialDate(2008, 12, 5)) == "December 5, 2008"
