"""Open data and feeds: schema, every paragraph exactly once, checksums, feed validity."""

import csv
import hashlib
import io
import json

import feedparser
import jsonschema
import pytest

from conftest import ROOT, TRANSCRIPTS
from diparchive import exports
from diparchive.pipeline import Project, gather

SITE = "https://archive.example.org/dta/"


@pytest.fixture(scope="module")
def data():
    transcripts, registries = gather(Project.at(ROOT))
    return transcripts, registries, exports.files(transcripts, registries, SITE)


def test_every_paragraph_of_every_transcript_exactly_once(data):
    transcripts, _, files = data
    rows = [json.loads(line) for line in files["data/corpus.jsonl"].decode().splitlines()]
    expected = {f"{t.meta.slug}#{b.anchor}" for t in transcripts for b in t.paragraphs}
    ids = [r["paragraph_id"] for r in rows]
    assert len(ids) == len(set(ids)) == len(expected) == sum(len(t.paragraphs) for t in transcripts) == 107
    assert set(ids) == expected
    table = list(csv.DictReader(io.StringIO(files["data/corpus.csv"].decode())))
    assert [r["paragraph_id"] for r in table] == ids
    assert table[0]["themes"] == ";".join(rows[0]["themes"])


def test_records_follow_the_published_schema(data):
    _, _, files = data
    schema = json.loads(files["data/schema.json"])
    paragraph = {**schema["$defs"]["paragraph"], "$defs": schema["$defs"]}
    for line in files["data/corpus.jsonl"].decode().splitlines():
        jsonschema.validate(json.loads(line), paragraph)
    jsonschema.validate(json.loads(files["data/catalogue.json"]), {**schema["$defs"]["catalogue"]})
    assert schema["version"] == exports.SCHEMA_VERSION


def test_records_say_who_spoke(data):
    _, _, files = data
    rows = {r["paragraph_id"]: r for r in map(json.loads, files["data/corpus.jsonl"].decode().splitlines())}
    putin = rows["2022-02-21-lavrov-putin-security-council-moscow#L45"]
    assert (putin["speaker"], putin["speaker_id"], putin["speaker_label"]) == ("Vladimir Putin", "vladimir-putin", "V.V. Putin:")
    assert putin["url"] == SITE + "transcripts/2022-02-21-lavrov-putin-security-council-moscow/#L45"
    assert rows["2008-12-05-lavrov-osce-helsinki#L28"]["speaker"] == "Question"
    assert rows["2009-12-04-nato-russia-council-brussels#L9"]["speaker"] is None


def test_the_catalogue_checksums_the_sources(data):
    _, _, files = data
    catalogue = json.loads(files["data/catalogue.json"])["transcripts"]
    assert len(catalogue) == 4
    for entry in catalogue:
        assert entry["source_sha256"] == hashlib.sha256((TRANSCRIPTS / f"{entry['id']}.txt").read_bytes()).hexdigest()
        for path in entry["files"].values():
            assert path in files


def test_each_transcript_in_every_form(data):
    transcripts, _, files = data
    for t in transcripts:
        base = f"data/transcripts/{t.meta.slug}"
        document = json.loads(files[f"{base}.json"])
        assert [p["anchor"] for p in document["paragraphs"]] == [b.anchor for b in t.paragraphs]
        text = files[f"{base}.txt"].decode()
        assert all(b.text in text for b in t.paragraphs)
        assert files[f"{base}.md"].decode().startswith("# ")
    assert "Vladimir Putin: I am just talking" in files["data/transcripts/2022-02-21-lavrov-putin-security-council-moscow.txt"].decode()


def test_the_feeds_are_valid_atom_newest_first(data):
    _, registries, files = data
    feed = feedparser.parse(files["feed.xml"])
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and len(feed.entries) == 4
    assert feed.entries[0].link == SITE + "transcripts/2022-02-21-lavrov-putin-security-council-moscow/"
    for theme in registries.themes:
        theme_feed = feedparser.parse(files[f"themes/{theme.id}/feed.xml"])
        assert not theme_feed.bozo and theme_feed.feed.title.endswith(theme.label)
    ukraine = feedparser.parse(files["themes/ukraine/feed.xml"])
    assert [e.link.split("/")[-2] for e in ukraine.entries] == ["2022-02-21-lavrov-putin-security-council-moscow", "2021-12-02-lavrov-osce-stockholm"]


def test_exports_are_deterministic(data):
    transcripts, registries, files = data
    assert exports.files(transcripts, registries, SITE) == files


def test_the_totals_per_year_are_the_corpus_counted_by_year(data):
    """data/years.json and .csv: per year, the transcripts, paragraphs and words of the corpus
    records, every year with a transcript and no other."""
    _, _, files = data
    rows = [json.loads(line) for line in files["data/corpus.jsonl"].decode().splitlines()]
    want: dict[int, dict] = {}
    for r in rows:
        year = want.setdefault(int(r["date"][:4]), {"transcripts": set(), "paragraphs": 0, "words": 0})
        year["transcripts"].add(r["transcript_id"])
        year["paragraphs"] += 1
        year["words"] += len(r["text"].split())
    expected = [{"year": y, "transcripts": len(w["transcripts"]), "paragraphs": w["paragraphs"], "words": w["words"]} for y, w in sorted(want.items())]
    years = json.loads(files["data/years.json"])
    assert years["years"] == expected and [y["year"] for y in expected] == [2008, 2009, 2021, 2022]
    assert years["schema_version"] == exports.SCHEMA_VERSION
    table = list(csv.DictReader(io.StringIO(files["data/years.csv"].decode())))
    assert [{k: int(v) for k, v in row.items()} for row in table] == expected
