"""Themes: the vocabulary's own examples, the ground truth on the four transcripts, curation."""

import pytest

from conftest import ROOT, TRANSCRIPTS
from diparchive.infra.errors import BuildFailed
from diparchive.pipeline import Project, gather
from diparchive.enrich.themes import read_themes

VOCABULARY = read_themes(TRANSCRIPTS / "themes.yml", "themes.yml")
EXAMPLES = [(t.id, e) for t in VOCABULARY for e in t.examples]
COUNTER = [(t.id, e) for t in VOCABULARY for e in t.counter_examples]

Y2008, Y2009 = "2008-12-05-lavrov-osce-helsinki", "2009-12-04-nato-russia-council-brussels"
Y2021, Y2022 = "2021-12-02-lavrov-osce-stockholm", "2022-02-21-lavrov-putin-security-council-moscow"


@pytest.fixture(scope="module")
def built():
    transcripts, _ = gather(Project.at(ROOT))
    return {t.meta.slug: t for t in transcripts}


def tagged(built, theme):
    return sorted(slug for slug, t in built.items() if any(tag.theme == theme for tags in t.themes.values() for tag in tags))


@pytest.mark.parametrize("theme, example", EXAMPLES)
def test_a_theme_rule_tags_its_examples(theme, example):
    assert theme in VOCABULARY.signals_in(example)


@pytest.mark.parametrize("theme, example", COUNTER)
def test_a_theme_rule_leaves_its_counter_examples(theme, example):
    assert theme not in VOCABULARY.signals_in(example)


def test_the_vocabulary_has_at_least_the_themes_asked_for():
    ids = {t.id for t in VOCABULARY}
    assert {
        "indivisibility-of-security", "nato-enlargement", "security-guarantees", "conventional-arms-control",
        "missile-deployments", "arms-control-treaties", "osce", "ukraine", "georgia", "nagorno-karabakh",
        "afghanistan-central-asia", "terrorism", "sanctions", "russia-us-relations", "military-incidents",
    } <= ids
    assert all(t.examples and t.description for t in VOCABULARY)


@pytest.mark.parametrize(
    "theme, transcripts",
    [
        ("indivisibility-of-security", [Y2008, Y2009, Y2021, Y2022]),
        ("nagorno-karabakh", [Y2008, Y2021]),
        ("afghanistan-central-asia", [Y2009, Y2021]),
        ("ukraine", [Y2021, Y2022]),
    ],
)
def test_ground_truth(built, theme, transcripts):
    assert tagged(built, theme) == transcripts


def test_the_2021_text_is_tagged_by_its_own_wording(built):
    spans = [
        built[Y2021].paragraphs[i].text[s:e]
        for i, b in enumerate(built[Y2021].paragraphs)
        for tag in built[Y2021].themes.get(b.line, ())
        if tag.theme == "indivisibility-of-security"
        for s, e in tag.spans
    ]
    assert "indivisible security" in spans and "security is indivisible" in spans


def test_the_minsk_package_of_measures_signals_ukraine_and_the_minsk_group_does_not(built):
    minsk_group = next(b for b in built[Y2008].paragraphs if "Minsk Group" in b.text)
    themes = {tag.theme for tag in built[Y2008].themes[minsk_group.line]}
    assert "nagorno-karabakh" in themes and "ukraine" not in themes
    package = next(b for b in built[Y2022].paragraphs if "Package of Measures" in b.text)
    assert "ukraine" in {tag.theme for tag in built[Y2022].themes[package.line]}


def test_a_curator_can_add_and_remove_a_theme_with_a_reason(small_project):
    sidecar = small_project.transcripts / "2020-01-02-test.yml"
    (small_project.transcripts / "2020-01-02-test.txt").write_text("We discussed Georgia.\n\nSergey Lavrov: Sanctions will not help.\n")
    sidecar.write_text(sidecar.read_text() + (
        "theme_overrides:\n"
        "  - {line: 1, remove: georgia, reason: A passing mention.}\n"
        "  - {line: 1, add: osce, reason: The context is the OSCE.}\n"
    ))
    (t,), _ = gather(small_project)
    assert [(tag.theme, tag.reason) for tag in t.themes[1]] == [("osce", "The context is the OSCE.")]
    assert [tag.theme for tag in t.themes[3]] == ["sanctions"]


@pytest.mark.parametrize(
    "override, message",
    [
        ("{line: 1, add: weather, reason: x}", "transcripts/2020-01-02-test.yml, field 'theme_overrides[0]': expected a theme id from transcripts/themes.yml; found 'weather'"),
        ("{line: 2, add: osce, reason: x}", "field 'theme_overrides[0]': expected the first source line of a paragraph of transcripts/2020-01-02-test.txt; found line 2"),
        ("{line: 1, add: osce}", "expected 'reason:' why the theme is added or removed; found no reason"),
    ],
)
def test_a_bad_theme_override_is_an_error_naming_the_file(small_project, override, message):
    sidecar = small_project.transcripts / "2020-01-02-test.yml"
    sidecar.write_text(sidecar.read_text() + f"theme_overrides:\n  - {override}\n")
    with pytest.raises(BuildFailed) as failed:
        gather(small_project)
    assert message in str(failed.value)


def test_an_unknown_related_theme_is_an_error(tmp_path):
    path = tmp_path / "themes.yml"
    path.write_text("- id: a\n  label: A\n  description: d\n  signals: [x]\n  related: [b]\n")
    with pytest.raises(BuildFailed, match=r"themes.yml, theme 1, field 'related' \(line 5\): expected the id of a theme in this file; found 'b'"):
        read_themes(path, "themes.yml")
