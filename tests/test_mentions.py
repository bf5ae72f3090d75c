"""Who and what is mentioned: aliases as the texts spell them, and near-misses kept apart."""

import pytest

from conftest import ROOT
from diparchive.enrich.matching import Hit, longest_first
from diparchive.pipeline import Project, gather

Y2008, Y2009 = "2008-12-05-lavrov-osce-helsinki", "2009-12-04-nato-russia-council-brussels"
Y2021, Y2022 = "2021-12-02-lavrov-osce-stockholm", "2022-02-21-lavrov-putin-security-council-moscow"


@pytest.fixture(scope="module")
def built():
    transcripts, registries = gather(Project.at(ROOT))
    return {t.meta.slug: t for t in transcripts}, registries


def mentions(built, slug):
    transcripts, _ = built
    return [m for ms in transcripts[slug].mentions.values() for m in ms]


def where(built, entity):
    transcripts, _ = built
    return sorted(slug for slug in transcripts if any(m.entity == entity for m in mentions(built, slug)))


@pytest.mark.parametrize(
    "entity",
    [
        "dmitry-medvedev", "alexander-stubb", "dora-bakoyannis", "nicolas-sarkozy", "anders-fogh-rasmussen", "dmitry-rogozin",
        "antony-blinken", "victoria-nuland", "william-j-burns", "jens-stoltenberg", "ann-linde", "emmanuel-macron",
        "jean-yves-le-drian", "olaf-scholz", "osce", "nato", "nato-russia-council", "european-union", "cis", "csto", "sco",
        "un-security-council", "cfe-treaty", "adapted-cfe", "inf-treaty", "new-start", "open-skies",
        "nato-russia-founding-act", "rome-declaration", "minsk-agreements", "helsinki-final-act", "washington-treaty",
    ],
)
def test_every_name_the_issue_lists_is_found(built, entity):
    assert where(built, entity), f"{entity} is never found"


def test_blinken_in_all_his_spellings(built):
    spelled = {m.text for slug in (Y2021, Y2022) for m in mentions(built, slug) if m.entity == "antony-blinken"}
    assert {"Anthony Blinken", "Antony Blinken", "E. Blinken"} <= spelled


def test_the_inf_treaty_by_its_full_name_and_the_final_act_as_the_helsinki_summit(built):
    assert {m.text for m in mentions(built, Y2021) if m.entity == "inf-treaty"} == {"Intermediate-Range Nuclear Forces Treaty"}
    assert {m.text for m in mentions(built, Y2021) if m.entity == "helsinki-final-act"} == {"Helsinki Summit"}


def test_the_minsk_group_is_not_the_minsk_agreements(built):
    assert where(built, "osce-minsk-group") == [Y2008, Y2021]
    assert where(built, "minsk-agreements") == [Y2021, Y2022]
    assert not any(m.entity == "minsk-agreements" for m in mentions(built, Y2008))


def test_the_nato_russia_council_is_not_also_nato(built):
    transcripts, _ = built
    councils = 0
    for t in transcripts.values():
        for paragraph in t.mentions.values():
            for m in paragraph:
                if m.entity == "nato-russia-council":
                    councils += 1
                    assert not any(o.entity == "nato" and o.start < m.end and m.start < o.end for o in paragraph)
    assert councils >= 5
    spelled = {m.text for slug in (Y2008, Y2009) for m in mentions(built, slug) if m.entity == "nato-russia-council"}
    assert {"Russia-NATO Council", "NATO-Russia Council"} <= spelled


def test_longest_match_wins_and_order_is_kept():
    hits = [Hit(0, 4, "nato"), Hit(0, 19, "nrc"), Hit(25, 29, "nato"), Hit(30, 34, "osce")]
    assert longest_first(hits) == [Hit(0, 19, "nrc"), Hit(25, 29, "nato"), Hit(30, 34, "osce")]
