"""Stage 0, metadata: the sidecar schema and its error messages."""

import pytest
import yaml

from conftest import SIDECAR
from diparchive.infra.errors import BuildFailed, InputError
from diparchive.model import PartialDate
from diparchive.ingest.sidecar import parse_date, read_sidecar


def sidecar(tmp_path, text: str):
    path = tmp_path / "t.yml"
    path.write_text(text, "utf-8")
    return read_sidecar(path, "t", "t.yml")


def edit(**changes) -> str:
    data = yaml.safe_load(SIDECAR)
    for key, value in changes.items():
        target = data
        *parents, leaf = key.split("__")
        for parent in parents:
            target = target[parent]
        if value is None:
            target.pop(leaf)
        else:
            target[leaf] = value
    return yaml.safe_dump(data, sort_keys=False)


def test_a_valid_sidecar_reads(tmp_path):
    meta = sidecar(tmp_path, SIDECAR)
    assert meta.date == PartialDate(2020, 1, 2)
    assert meta.main_speaker == "sergey-lavrov"
    assert meta.venue.display == "Test Meeting, Geneva, Switzerland"


@pytest.mark.parametrize(
    "value, precision, display, iso",
    [("2009-12-04", "day", "4 December 2009", "2009-12-04"), ("2009-12", "month", "December 2009", "2009-12"), (1946, "year", "1946", "1946")],
)
def test_a_date_is_as_precise_as_written_and_no_more(tmp_path, value, precision, display, iso):
    meta = sidecar(tmp_path, edit(date=value))
    assert (meta.date.precision, meta.date.display, meta.date.iso) == (precision, display, iso)


def test_partial_dates_sort_before_their_own_days():
    dates = [PartialDate(2009, 12, 4), PartialDate(2009), PartialDate(2009, 12), PartialDate(2008, 1, 1)]
    assert [d.iso for d in sorted(dates, key=lambda d: d.sort_key)] == ["2008-01-01", "2009", "2009-12", "2009-12-04"]


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"date": None}, "t.yml, field 'date': expected a value (When it was said"),
        ({"date": "2021-02-30"}, "t.yml, field 'date' (line 2): expected a real date as YYYY-MM-DD, YYYY-MM or YYYY; found '2021-02-30' (day is out of range for month)"),
        ({"date": "2021-13"}, "t.yml, field 'date' (line 2): expected a real date as YYYY-MM-DD, YYYY-MM or YYYY; found '2021-13' (there is no month 13)"),
        ({"date": "yesterday"}, "found 'yesterday' (not of the form YYYY-MM-DD, YYYY-MM or YYYY)"),
        ({"kind": "tweet"}, "t.yml, field 'kind' (line 4): expected one of speech, statement, press-conference"),
        ({"venue__event": None}, "t.yml, field 'venue.event'"),
        ({"source__url": "mid.ru/page"}, "field 'source.url' (line 21): expected an http(s) address; found 'mid.ru/page'"),
        ({"language__translation": "machine"}, "field 'language.translation' (line 16): expected one of original, official, unofficial, unknown; found 'machine'"),
        ({"speakers": [{"role": "Minister"}]}, "field 'speakers[0]' (line 11): expected 'person:' a people.yml id"),
        ({"main_speaker": "vladimir-putin"}, "field 'main_speaker' (line 24): expected one of the persons listed under 'speakers'"),
    ],
)
def test_bad_fields_are_named_with_what_was_expected_and_found(tmp_path, changes, message):
    with pytest.raises(InputError) as error:
        sidecar(tmp_path, edit(**changes))
    assert message in str(error.value)


def test_every_problem_of_a_sidecar_is_reported_at_once(tmp_path):
    with pytest.raises(BuildFailed) as failed:
        sidecar(tmp_path, edit(date="2021-02-30", kind="tweet"))
    assert [e.where.split(" ")[1] for e in failed.value.errors] == ["'date'", "'kind'"]


def test_malformed_yaml_names_the_line(tmp_path):
    with pytest.raises(InputError) as error:
        sidecar(tmp_path, "title: [unclosed\ndate: 2020-01-01\n")
    assert str(error.value).startswith("t.yml, line 2: expected well-formed YAML; found")


def test_a_sidecar_that_is_not_a_mapping_is_refused(tmp_path):
    with pytest.raises(InputError, match="expected a mapping of metadata fields; found a list"):
        sidecar(tmp_path, "- a\n- b\n")


def test_unknown_fields_are_errors(tmp_path):
    with pytest.raises(InputError) as error:
        sidecar(tmp_path, SIDECAR + "speaker_notes: typo\n")
    assert str(error.value) == "t.yml, field 'speaker_notes' (line 24): expected a field of the metadata schema (docs/about/metadata.md); found 'speaker_notes'"
    with pytest.raises(InputError) as error:
        sidecar(tmp_path, SIDECAR.replace("  city: Geneva", "  citty: Geneva"))
    assert str(error.value) == "t.yml, field 'venue.citty' (line 8): expected a field of 'venue' (event, series, place, city, country); found 'citty'"


def test_a_news_report_has_no_speakers(tmp_path):
    with pytest.raises(InputError, match="expected no speakers for a news report"):
        sidecar(tmp_path, edit(kind="news-report"))


def test_a_time_of_day_is_not_a_date():
    import datetime as dt

    with pytest.raises(ValueError):
        parse_date(dt.datetime(2020, 1, 1, 12, 0))
