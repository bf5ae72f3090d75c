"""The declarations of curated input (schema.py): documented, read, checked and written back."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SIDECAR
from diparchive.enrich import mentions, themes
from diparchive.ingest import people, variants
from diparchive.infra import schema
from diparchive.infra.errors import BuildFailed, InputError
from diparchive.publish.render import metadata_page
from diparchive.infra.schema import Declaration, Text
from diparchive.ingest.sidecar import SCHEMA, dump_sidecar, read_sidecar, schema_text


def declarations(cls=Declaration):
    for sub in cls.__subclasses__():
        yield sub
        yield from declarations(sub)


def read(tmp_path, text: str):
    path = tmp_path / "t.yml"
    path.write_text(text, "utf-8")
    return read_sidecar(path, "t", "t.yml")


def messages(tmp_path, text: str) -> list[str]:
    with pytest.raises((InputError, BuildFailed)) as failed:
        read(tmp_path, text)
    errors = failed.value.errors if isinstance(failed.value, BuildFailed) else [failed.value]
    return [str(e) for e in errors]


# --------------------------------------------------------------------------- documentation


def test_every_declared_field_has_a_docstring():
    found = [d for d in declarations() if d.__module__.startswith("diparchive.")]
    assert {d.__name__ for d in found} >= {"SidecarFields", "SpeakerFields", "EntryFields", "ThemeFields", "EntitiesFields"}
    for declaration in found:
        for name, field in declaration.fields.items():
            assert field.doc and "\n" not in field.doc, f"{declaration.__name__}.{name}"
    for root in (people.PEOPLE, themes.THEMES, variants.VARIANTS):  # every input file is declared, down to its items
        assert isinstance(root, schema.Field) and root.expected
    assert set(mentions.EntitiesFields.fields) == set(mentions.SECTIONS)


def test_a_field_without_a_docstring_is_refused_when_declared():
    with pytest.raises(TypeError, match="Undocumented.title: a declared field needs a docstring"):

        class Undocumented(Declaration):
            title = Text()


def test_the_metadata_page_and_the_schema_command_list_every_declared_field():
    page, text = metadata_page(), schema_text()
    for path, field in SCHEMA.items():
        assert f"- `{path}` (*{field.kind}, " in page
        assert f"{path} ({field.kind}, " in text
    assert "speakers[].labels" in SCHEMA and "narration[].reason" in SCHEMA and "venue.city" in SCHEMA


# --------------------------------------------------------------------------- reading


def test_the_new_fields_read(tmp_path):
    meta = read(tmp_path, SIDECAR.replace("    role: Minister", "    labels: [THE MINISTER, 'MR.  LAVROV']\n    role: Minister")
                + "time: 1:01 P.M. EDT\nanonymous: [SENIOR ADMINISTRATION OFFICIAL]\nnarration:\n  - line: 3\n    reason: A stage direction.\n"
                + "draft: [venue.city, 'speakers[0].role', title]\n")
    assert meta.speakers[0].labels == ("THE MINISTER", "MR. LAVROV")
    assert (meta.time, meta.anonymous, meta.draft) == ("1:01 P.M. EDT", ("SENIOR ADMINISTRATION OFFICIAL",), ("venue.city", "speakers[0].role", "title"))
    assert meta.narration[0].line == 3 and meta.narration[0].reason == "A stage direction."
    assert (meta.main_speaker, meta.main_speaker_given) == ("sergey-lavrov", False)
    meta = read(tmp_path, SIDECAR + "main_speaker: null\n")
    assert (meta.main_speaker, meta.main_speaker_given) == (None, True)


@pytest.mark.parametrize(
    "added, message",
    [
        ("draft: [venue.citty]\n", "t.yml, field 'draft[0]' (line 24): expected a field of the metadata schema; found 'venue.citty'"),
        ("anonymous: SENIOR OFFICIAL\n", "t.yml, field 'anonymous' (line 24): expected a list; found text 'SENIOR OFFICIAL'"),
        ("anonymous: [[A, B]]\n", "t.yml, field 'anonymous[0]' (line 24): expected a label as printed, such as SENIOR ADMINISTRATION OFFICIAL; found a list"),
        ("narration:\n  - line: 3\n", "t.yml, field 'narration[0]' (line 25): expected 'reason:' why the line is overridden; found no reason"),
        ("narration:\n  - line: 3\n    reason: x\n    note: y\n", "t.yml, field 'narration[0].note' (line 27): expected a field of 'narration[0]' (line, reason); found 'note'"),
        ("time: [13, 20]\n", "t.yml, field 'time' (line 24): expected text; found a list"),
        ("theme_overrides:\n  - line: 3\n    add: osce\n    remove: osce\n    reason: x\n", "t.yml, field 'theme_overrides[0]' (line 25): expected '{line: N, add: <theme id>, reason: ...}' or the same with 'remove:'; found both"),
    ],
)
def test_the_new_fields_are_checked(tmp_path, added, message):
    assert messages(tmp_path, SIDECAR + added) == [message]


def test_unknown_fields_of_nested_items_are_named_with_their_line(tmp_path):
    text = SIDECAR.replace("    role: Minister", "    labels: [THE MINISTER]\n    title: x\n    role: Minister")
    assert messages(tmp_path, text) == ["t.yml, field 'speakers[0].title' (line 13): expected a field of 'speakers[0]' (person, role, country, labels); found 'title'"]
    text = SIDECAR + "keep:\n  - line: 3\n    reason: x\n  - line: 4\n    reason: y\n    why: z\n"
    assert messages(tmp_path, text) == ["t.yml, field 'keep[1].why' (line 29): expected a field of 'keep[1]' (line, reason); found 'why'"]


def test_a_problem_in_a_speaker_is_named_at_the_speaker_with_the_line_of_its_field(tmp_path):
    text = SIDECAR.replace("    role: Minister", "    labels: THE MINISTER\n    role: Minister")
    assert messages(tmp_path, text) == [
        "t.yml, field 'speakers[0]' (line 12): expected 'labels:' a list of role labels as printed, such as [THE PRESIDENT]; found text 'THE MINISTER'"
    ]


def test_every_problem_comes_in_line_order(tmp_path):
    text = SIDECAR.replace("kind: press-conference", "kind: tweet").replace("  city: Geneva", "  city: [Geneva]") + "quoted: [Not An Id]\n"
    assert [m.split(": expected")[0] for m in messages(tmp_path, text)] == [
        "t.yml, field 'kind' (line 4)", "t.yml, field 'venue.city' (line 8)", "t.yml, field 'quoted[0]' (line 24)"
    ]


# --------------------------------------------------------------------------- writing

VALID = {
    "title": "A test", "date": "2020-01-02", "date_basis": "Stated.", "kind": "press-conference", "summary": "A test.",
    "venue": {"event": "Test Meeting"},
    "speakers": [{"person": "sergey-lavrov", "role": "Minister"}],
    "language": {"text": "en", "original": "ru", "translation": "official"},
    "source": {"capture": "test.txt", "added": "2026-11-23"},
    "licence": {"status": "unknown", "note": "Made up."},
}
texts = st.text(max_size=40).filter(lambda s: s.strip())
lines = texts.filter(lambda s: len((s + ".").splitlines()) == 1)
"""Text on one line (a headline or a label is kept verbatim, so may not break a line)."""


def fold(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=texts, role=texts, labels=st.lists(texts, max_size=3), headline=st.lists(lines, max_size=2), not_labels=st.lists(lines, max_size=2), reason=texts, time=texts)
def test_a_sidecar_written_by_dump_sidecar_reads_back_the_same(tmp_path, title, role, labels, headline, not_labels, reason, time):
    """Any text, quotes, colons, '#', a leading '-', YAML's own punctuation and line breaks
    included, reads back as written (a text field folded to one line, as it is read)."""
    values = {
        **VALID, "title": title, "time": time, "venue.city": title, "source.headline": headline, "not_speaker_labels": not_labels,
        "speakers": [{"person": "sergey-lavrov", "role": role, "labels": labels}], "keep": [{"line": 3, "reason": reason}],
    }
    text = dump_sidecar(values, {"title": "draft: from the page's <title>", "venue.city": "draft: from\nthe dateline"})
    meta = read(tmp_path, text)
    assert (meta.title, meta.time, meta.venue.city, meta.keep[0].reason) == (fold(title), fold(time), fold(title), fold(reason))
    assert meta.speakers[0].role == fold(role) and meta.speakers[0].labels == tuple(fold(x) for x in labels)
    assert meta.source.headline == tuple(headline) and meta.not_speaker_labels == tuple(not_labels)


def test_dump_sidecar_writes_in_declaration_order_with_comments_above_drafted_fields():
    text = dump_sidecar({"venue.city": "Geneva", **VALID, "main_speaker": None, "draft": ["venue.city"]}, {"venue.city": "draft: from the dateline"})
    assert text.splitlines()[:12] == [
        'title: "A test"', 'date: "2020-01-02"', 'date_basis: "Stated."', 'kind: "press-conference"', 'summary: "A test."',
        "venue:", '  event: "Test Meeting"', "  # draft: from the dateline", '  city: "Geneva"',
        "speakers:", '  - person: "sergey-lavrov"', '    role: "Minister"',
    ]
    assert "main_speaker: null" in text and text.endswith('draft:\n  - "venue.city"\n')


def test_dump_sidecar_refuses_what_it_cannot_write_as_it_would_be_read():
    with pytest.raises(ValueError, match=r"source.headline\[0\]: expected one line; found a line break in 'Two\\nlines'"):
        dump_sidecar({**VALID, "source": {**VALID["source"], "headline": ["Two\nlines"]}})
    with pytest.raises(ValueError, match="declares no field 'citty'"):
        dump_sidecar({**VALID, "venue.citty": "Geneva"})


def test_the_registries_are_declared_with_the_same_machinery(tmp_path):
    path = tmp_path / "people.yml"
    path.write_text("a-b:\n  name: A B\n  description: x\n  aliases: [B, '']\n  office: y\n", "utf-8")
    with pytest.raises(BuildFailed) as failed:
        people.read_people(path, "people.yml")
    assert [str(e) for e in failed.value.errors] == [
        "people.yml, entry 'a-b' (line 4): expected a list of spellings; found ['B', '']",
        "people.yml, entry 'a-b', field 'office' (line 5): expected one of the fields aliases, description, name; found 'office'",
    ]
    assert schema.fields(themes.ThemeFields)["signals"].kind == "list of text"
