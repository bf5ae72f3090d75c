"""Stage 2, clean: context rules, curated overrides, and that every removal is accounted for."""

from dataclasses import replace
from pathlib import Path

import pytest

from conftest import SIDECAR
from diparchive.clean.clean import clean, normalise
from diparchive.infra.errors import BuildFailed
from diparchive.model import LineOverride, SourceText
from diparchive.ingest.sidecar import read_sidecar


@pytest.fixture
def meta(tmp_path):
    path = tmp_path / "t.yml"
    path.write_text(SIDECAR, "utf-8")
    return read_sidecar(path, "t", "t.yml")


def run(meta, text: str, **changes):
    if "headline" in changes:
        changes["source"] = replace(meta.source, headline=tuple(changes.pop("headline")))
    meta = replace(meta, **changes)
    source = SourceText(Path("t.txt"), tuple(text.split("\n")), "0")
    return clean(source, meta, lambda line: line.startswith("Sergey Lavrov:"))


def removed(result):
    return {r.line: r.rule for r in result.removals}


def test_typography_is_normalised_without_changing_words():
    assert normalise("\u00a0 Mr\u00a0Lavrov \u2009said:\t“yes”\u200b. ") == "Mr Lavrov said: “yes”."
    assert normalise("Soft\u00adhyphen") == "Softhyphen"


def test_a_line_that_no_rule_explains_is_kept(meta):
    result = run(meta, "Something odd\n\nWe discussed it at length.\n\nAnother odd line")
    assert [line.text for line in result.kept] == ["Something odd", "We discussed it at length.", "Another odd line"]
    assert result.removals == ()


def test_lines_above_the_headline_are_the_page_header(meta):
    text = "Site Name\nMenu Item\n\nThe Headline\n\nWe met today.\n\nSergey Lavrov: Fine."
    result = run(meta, text, headline=["The Headline"])
    assert removed(result) == {1: "page-header", 2: "page-header", 4: "source-headline"}


def test_without_a_headline_nothing_above_the_first_sentence_is_presumed_furniture(meta):
    result = run(meta, "Mr. President,\n\nWe met today in Geneva.\n\nA Heading Later\n\nMore text here.")
    assert removed(result) == {}


def test_a_headline_missing_from_the_source_is_an_error(meta):
    with pytest.raises(BuildFailed) as failed:
        run(meta, "We met today.", headline=["Not There"])
    assert str(failed.value.errors[0]).endswith("t.yml, field 'source.headline[0]': expected a line of t.txt; found 'Not There' nowhere in it")


def test_the_footer_starts_at_the_first_furniture_after_the_last_sentence(meta):
    text = "We met today.\n\nThank you\n\nShare\n\nEmbassy of Somewhere\n\nSome Street 5"
    result = run(meta, text)
    assert removed(result) == {5: "share-widget", 7: "page-footer", 9: "page-footer"}
    assert "Thank you" in [line.text for line in result.kept]


def test_a_line_repeated_at_once_is_a_photo_caption(meta):
    text = "A man speaks at a podium today.\nA man speaks at a podium today.\nBRUSSELS -- The meeting began."
    assert removed(run(meta, text)) == {1: "duplicated-caption", 2: "duplicated-caption"}


def test_a_speaker_label_is_never_furniture(meta):
    text = "Sergey Lavrov: Share\n\nShare"
    assert removed(run(meta, text)) == {3: "share-widget"}


def test_curators_can_keep_and_remove_lines_with_a_reason(meta):
    text = "We met today.\n\nShare\n\nAn advert the rules miss."
    result = run(meta, text, keep=(LineOverride(3, "He said 'Share'"),), remove=(LineOverride(5, "Advert"),))
    assert removed(result) == {5: "curated-removal"}


def test_an_override_of_a_blank_or_missing_line_is_an_error(meta):
    with pytest.raises(BuildFailed) as failed:
        run(meta, "We met today.\n", keep=(LineOverride(2, "x"),), remove=(LineOverride(9, "y"),))
    assert [e.found for e in failed.value.errors] == ["a blank line", "past the end of the source"]


def test_a_credit_line_recorded_in_the_metadata_must_be_in_the_source(meta):
    with pytest.raises(BuildFailed, match="source.credit_line"):
        run(meta, "We met today.", source=replace(meta.source, credit_line="Courtesy of Nobody"))
    result = run(meta, "We met today.\n\nCourtesy of Somebody", source=replace(meta.source, credit_line="Courtesy of Somebody"))
    assert removed(result) == {3: "source-credit"}
