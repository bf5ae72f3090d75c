"""The people registry: aliases resolve to one person, and mistakes are named."""

import pytest

from conftest import TRANSCRIPTS
from diparchive.infra.errors import BuildFailed, InputError
from diparchive.ingest.people import Registry, read_people


@pytest.fixture(scope="module")
def registry():
    return Registry(read_people(TRANSCRIPTS / "people.yml", "people.yml"))


@pytest.mark.parametrize(
    "label, person",
    [
        ("S.V. Lavrov", "sergey-lavrov"),
        ("S. V. Lavrov", "sergey-lavrov"),
        ("Foreign Minister Lavrov", "sergey-lavrov"),
        ("Sergei Lavrov", "sergey-lavrov"),
        ("V.V. Putin", "vladimir-putin"),
        ("Nobody Known", None),
    ],
)
def test_aliases_resolve_to_one_person(registry, label, person):
    assert registry.resolve(label) == person


def write(tmp_path, text):
    path = tmp_path / "people.yml"
    path.write_text(text, "utf-8")
    return path


def test_an_alias_belongs_to_one_person_only(tmp_path):
    path = write(tmp_path, "a:\n  name: A Smith\n  description: x\n  aliases: [Smith]\nb:\n  name: B Smith\n  description: y\n  aliases: [Smith]\n")
    with pytest.raises(BuildFailed) as failed:
        read_people(path, "people.yml")
    assert str(failed.value.errors[0]) == "people.yml, entry 'b' (line 8): expected an alias that belongs to one person only; found 'Smith', also an alias of 'a'"


def test_an_entry_needs_a_name_and_a_description(tmp_path):
    with pytest.raises(BuildFailed) as failed:
        read_people(write(tmp_path, "a:\n  name: A\nb:\n  description: y\n"), "people.yml")
    assert [e.expected.split(":")[0] for e in failed.value.errors] == ["'description", "'name"]


def test_a_missing_registry_is_named(tmp_path):
    with pytest.raises(InputError, match="people.yml: expected the registry of people; found no such file"):
        read_people(tmp_path / "people.yml", "people.yml")


def test_unknown_is_reserved_for_an_unidentified_speaker(tmp_path):
    with pytest.raises(BuildFailed, match="expected an id other than the reserved 'unknown'"):
        read_people(write(tmp_path, "unknown:\n  name: X\n  description: y\n"), "people.yml")
