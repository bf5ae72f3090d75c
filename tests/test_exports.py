"""Open data and feeds: schema, every paragraph exactly once, each transcript once, the bulk files
in the site or for a release (compressed, checksummed, deterministic), checksums, feed validity."""

import csv
import gzip
import hashlib
import io
import json
import zipfile
from pathlib import Path

import feedparser
import jsonschema
import pytest

from conftest import ROOT, TRANSCRIPTS
from diparchive.publish import bulk, exports
from diparchive.infra.errors import BuildFailed
from diparchive.pipeline import Project, gather

SITE = "https://archive.example.org/dta/"
RELEASE = "https://github.com/example/dta/releases/download/data-0123456789ab/"


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


def test_each_transcript_once_in_the_site_and_in_every_form_in_the_zips(data):
    """In the site, a transcript's citations (its text is its page); its JSON (metadata once, each
    paragraph's own fields), text and Markdown only in the three zips, never as loose copies."""
    transcripts, _, files = data
    schema = json.loads(files["data/schema.json"])
    corpus = {}
    for line in files["data/corpus.jsonl"].decode().splitlines():
        r = json.loads(line)
        corpus[r["paragraph_id"]] = r
    jsons = zipfile.ZipFile(io.BytesIO(files["data/transcripts-json.zip"]))
    texts = zipfile.ZipFile(io.BytesIO(files["data/transcripts-txt.zip"]))
    markdowns = zipfile.ZipFile(io.BytesIO(files["data/transcripts-md.zip"]))
    for t in transcripts:
        base = f"data/transcripts/{t.meta.slug}"
        assert {p for p in files if p.startswith(base + ".")} == {f"{base}.{form}" for form in exports.PER_TRANSCRIPT}
        document = json.loads(jsons.read(f"{t.meta.slug}.json"))
        jsonschema.validate(document, {**schema["$defs"]["transcript"], "$defs": schema["$defs"]})
        assert [p["anchor"] for p in document["paragraphs"]] == [b.anchor for b in t.paragraphs]
        for p in document["paragraphs"]:  # with the transcript's own fields, each paragraph is its corpus record
            record = corpus[f"{t.meta.slug}#{p['anchor']}"]
            assert {k: record[k] for k in exports.TRANSCRIPT_PARAGRAPH_FIELDS} == p
            assert record["url"] == document["page"] + "#" + p["anchor"] and record["date"] == document["date"]
        text = texts.read(f"{t.meta.slug}.txt").decode()
        assert all(b.text in text for b in t.paragraphs)
        assert markdowns.read(f"{t.meta.slug}.md").decode().startswith("# ")
    assert sorted(texts.namelist()) == [f"{t.meta.slug}.txt" for t in sorted(transcripts, key=lambda t: t.meta.slug)]
    assert "Vladimir Putin: I am just talking" in texts.read("2022-02-21-lavrov-putin-security-council-moscow.txt").decode()


def test_the_bulk_files_are_listed_with_their_sizes_and_checksums(data):
    _, _, files = data
    manifest = json.loads(files["data/downloads.json"])
    assert manifest["place"] == "site" and manifest["release_url"] is None
    names = ["corpus.jsonl", "corpus.csv", "catalogue.json", "transcripts-json.zip", "transcripts-txt.zip", "transcripts-md.zip"]
    assert [f["name"] for f in manifest["files"]] == names
    for f in manifest["files"]:
        body = files[f"data/{f['name']}"]
        assert (f["url"], f["bytes"], f["sha256"]) == (f"data/{f['name']}", len(body), hashlib.sha256(body).hexdigest())
    assert files["data/SHA256SUMS"].decode() == "".join(f"{f['sha256']}  {f['name']}\n" for f in manifest["files"])


def test_for_a_release_the_bulk_files_leave_the_site_compressed_and_checksummed(data):
    transcripts, registries, files = data
    release = bulk.BulkOptions("release", RELEASE)
    out = exports.files(transcripts, registries, SITE, release)
    shipped = {p.removeprefix("release/"): body for p, body in out.items() if p.startswith("release/")}
    assert sorted(shipped) == ["SHA256SUMS", "catalogue.json.gz", "corpus.csv.gz", "corpus.jsonl.gz", "transcripts-json.zip", "transcripts-md.zip", "transcripts-txt.zip"]
    site = [p for p in out if not p.startswith("release/")]
    assert not any(p.startswith(("data/corpus", "data/catalogue")) or p.endswith(".zip") for p in site)  # none of them in the site
    assert gzip.decompress(shipped["corpus.jsonl.gz"]) == files["data/corpus.jsonl"]
    assert gzip.decompress(shipped["corpus.csv.gz"]) == files["data/corpus.csv"]
    assert gzip.decompress(shipped["catalogue.json.gz"]) == files["data/catalogue.json"]
    assert shipped["transcripts-txt.zip"] == files["data/transcripts-txt.zip"]
    for name in ("corpus.jsonl.gz", "corpus.csv.gz", "catalogue.json.gz"):  # no file name, no date: the same bytes on every build
        header = shipped[name][:10]
        assert header[3] & 0x08 == 0 and header[4:8] == b"\0\0\0\0", name
    manifest = json.loads(out["data/downloads.json"])
    assert manifest["release_url"] == RELEASE
    for f in manifest["files"]:
        assert (f["url"], f["bytes"], f["sha256"]) == (RELEASE + f["name"], len(shipped[f["name"]]), hashlib.sha256(shipped[f["name"]]).hexdigest())
    assert out["data/SHA256SUMS"] == shipped["SHA256SUMS"]
    assert exports.files(transcripts, registries, SITE, release) == out  # deterministic


def test_zip_entries_carry_no_date_or_owner_of_the_build(data):
    _, _, files = data
    for name in ("data/transcripts-json.zip", "data/transcripts-txt.zip", "data/transcripts-md.zip"):
        for info in zipfile.ZipFile(io.BytesIO(files[name])).infolist():
            assert (info.date_time, info.create_system, info.external_attr >> 16) == ((1980, 1, 1, 0, 0, 0), 3, 0o100644)


@pytest.mark.parametrize(("environ", "message"), [
    ({"DIPARCHIVE_BULK": "github"}, "DIPARCHIVE_BULK, value: expected site or release; found 'github'"),
    ({"DIPARCHIVE_BULK": "release"}, f"DIPARCHIVE_RELEASE_URL, value: expected {bulk.URL_EXPECTED}; found nothing (the variable is unset or empty)"),
    ({"DIPARCHIVE_BULK": "release", "DIPARCHIVE_RELEASE_URL": "http://example.org/r/"},
     f"DIPARCHIVE_RELEASE_URL, value: expected {bulk.URL_EXPECTED}; found 'http://example.org/r/', whose scheme is 'http'"),
    ({"DIPARCHIVE_BULK": "release", "DIPARCHIVE_RELEASE_URL": RELEASE.rstrip("/")},
     f"DIPARCHIVE_RELEASE_URL, value: expected {bulk.URL_EXPECTED}; found '{RELEASE.rstrip('/')}', which does not end in '/'"),
    ({"DIPARCHIVE_BULK": "release", "DIPARCHIVE_RELEASE_URL": "https:///releases/"},
     f"DIPARCHIVE_RELEASE_URL, value: expected {bulk.URL_EXPECTED}; found 'https:///releases/', which names no host"),
    ({"DIPARCHIVE_BULK": "release", "DIPARCHIVE_RELEASE_URL": RELEASE + "?x=1/"},
     f"DIPARCHIVE_RELEASE_URL, value: expected {bulk.URL_EXPECTED}; found '{RELEASE}?x=1/', which has a query or fragment"),
    ({"DIPARCHIVE_BULK": "release", "DIPARCHIVE_RELEASE_URL": RELEASE, "DIPARCHIVE_RELEASE_DIR": "/srv/site/release"},
     "DIPARCHIVE_RELEASE_DIR, value: expected a directory outside the site (/srv/site); found '/srv/site/release'"),
    ({"DIPARCHIVE_RELEASE_URL": RELEASE},
     f"DIPARCHIVE_RELEASE_URL, value: expected nothing unless DIPARCHIVE_BULK=release (the bulk files go into the site); found '{RELEASE}'"),
])
def test_a_wrong_bulk_option_is_refused_by_name(environ, message):
    with pytest.raises(BuildFailed) as refused:
        bulk.options(environ, Path("/srv/site"))
    assert str(refused.value) == f"Aborted with 1 error; nothing was written:\n  {message}"


def test_bulk_options_release_beside_the_site_by_default():
    assert bulk.options({}, Path("/srv/site")) == bulk.SITE
    chosen = bulk.options({"DIPARCHIVE_BULK": "release", "DIPARCHIVE_RELEASE_URL": RELEASE}, Path("/srv/site"))
    assert chosen == bulk.BulkOptions("release", RELEASE, Path("/srv/release"))


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
