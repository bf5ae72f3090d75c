"""``diparchive add CAPTURE``: a capture filed byte for byte, its sidecar drafted from what the
capture states, the people to add printed, nothing overwritten; then the measured flow (fill in
the two fields no capture states, add the printed people, build). Copies of the real sample
captures of the three publishers are used; hostile metadata must stay text in the sidecar."""

from __future__ import annotations

import datetime as dt
import html
import logging
import re
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, SHARED, copy_project, needs_shared
from diparchive.cli import main
from diparchive.curate.draft import TITLE_SPLIT, Draft, people_text, sidecar_text
from diparchive.infra.errors import BuildFailed, InputError
from diparchive.pipeline import gather
from diparchive.ingest.sidecar import load_yaml_text, read_sidecar

SAMPLES = SHARED / "captures"
pytestmark = needs_shared("captures")  # the publishers' sample captures, filed as a curator would
EXPECTED = ROOT / "tests" / "captures" / "expected"
REGISTRIES = {"people.yml", "themes.yml", "entities.yml", "variants.yml"}

PUBLISHED = {
    "kremlin": ("President of Russia (kremlin.ru)", "cc-by-4.0"),
    "whitehouse": ("The White House", "public-domain"),
    "un": ("United Nations", "cc0-1.0"),
}

WH_CALL = "whitehouse/2021-12-09-background-press-call-by-a-senior-administration-official-on-president-bidens-calls-with-president-zelenskyy-of-ukraine-and-european-leaders.md"
WH_REMARKS = "whitehouse/2022-03-16-remarks-by-president-biden-on-the-assistance-the-united-states-is-providing-to-ukraine.md"
WH_GAGGLE = "whitehouse/2022-06-27-on-the-record-press-gaggle-by-national-security-advisor-jake-sullivan.md"

# capture -> (the slug it is filed under, its reviewed expectation, the people printed as new)
CAPTURES = {
    "kremlin/58748.html": ("2018-10-08-meeting-with-sberbank-ceo-german-gref", "kremlin-58748", {"german-gref"}),
    "kremlin/60527.txt": ("2019-05-15-news-conference-following-talks-with-austrian-federal-president", "kremlin-60527",
                          {"alexander-van-der-bellen"}),
    WH_CALL: ("2021-12-09-background-press-call-by-a-senior-administration-official",
              "whitehouse-2021-12-09-background-press-call-by", set()),
    "un/USA_79_2024.txt": ("usa-79-2024", "un-USA", set()),
}

UNTITLED = {"un/"}
"""Publishers whose captures state no title (a UN statement as the corpus gives it): the draft has
none, and 'add' says it could not determine one."""


def to_write(name: str) -> set[str]:
    """The required fields a curator writes into the draft of this capture."""
    return {"summary", "venue.event"} | ({"title"} if name.startswith(tuple(UNTITLED)) else set())


def sample(tmp_path: Path, name: str) -> Path:
    """A copy of a sample capture, under the name it arrived with."""
    copy = tmp_path / "incoming" / Path(name).name
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SAMPLES / name, copy)
    return copy


def expectation(name: str) -> dict:
    return yaml.safe_load((EXPECTED / f"{name}.yml").read_text("utf-8"))


@pytest.fixture
def proj(tmp_path):
    return copy_project(tmp_path / "p", slugs=[])


def snapshot(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def drafted(project) -> list[Path]:
    return sorted(p for p in project.transcripts.glob("*.yml") if p.name not in REGISTRIES)


def add(project, capture: Path, *options: str) -> int:
    return main(["--root", str(project.root), "add", *options, str(capture)])


def refused(project, capture: Path, caplog, *options: str) -> str:
    """The message with which 'add' refuses. (cli.main lets add's InputError escape as a
    traceback: see test_add_refusals_are_reported_by_main_not_raised.)"""
    try:
        status = add(project, capture, *options)
    except InputError as error:
        return str(error)
    assert status != 0
    return caplog.text


def missing_fields(failed: BuildFailed) -> set[str]:
    found = set()
    for error in failed.errors:
        field = re.match(r"field '([^']+)'", error.where).group(1)
        found.add("venue.event" if field == "venue" else field)  # no venue at all: its event is what is missing
    return found


def fill_in(sidecar: Path, summary: str = "What the transcript is about.", event: str = "An event", title: str | None = None) -> None:
    """What a curator writes into a draft: the summary and the venue's event (and a title where
    the capture states none)."""
    def quoted(value: str) -> str:
        return yaml.safe_dump(value, default_style='"', width=float("inf")).strip()

    text = sidecar.read_text("utf-8")
    event_line = f"  event: {quoted(event)}\n"
    text = text.replace("\nvenue:\n", f"\nvenue:\n{event_line}", 1) if "\nvenue:\n" in text else text + f"venue:\n{event_line}"
    if title is not None or "\ntitle:" not in "\n" + text:
        text += f"title: {quoted(title or 'A title')}\n"
    sidecar.write_text(text + f"summary: {quoted(summary)}\n", "utf-8")


# --------------------------------------------------------------------------- filing


@pytest.mark.parametrize("name", sorted(CAPTURES))
def test_add_files_the_capture_byte_for_byte_under_a_slug_of_its_date_and_title(proj, tmp_path, caplog, name):
    caplog.set_level(logging.INFO)
    capture = sample(tmp_path, name)
    slug, _, _ = CAPTURES[name]
    assert add(proj, capture) == 0
    filed = proj.transcripts / f"{slug}{capture.suffix}"
    assert filed.read_bytes() == (SAMPLES / name).read_bytes()
    assert drafted(proj) == [filed.with_suffix(".yml")]
    assert f"added transcripts/{slug}{capture.suffix} and drafted transcripts/{slug}.yml" in caplog.text


@pytest.mark.parametrize("name", sorted(CAPTURES))
def test_the_draft_reads_back_missing_only_what_the_capture_cannot_state(proj, tmp_path, caplog, name):
    caplog.set_level(logging.INFO)
    assert add(proj, sample(tmp_path, name)) == 0
    (sidecar,) = drafted(proj)
    with pytest.raises(BuildFailed) as failed:
        read_sidecar(sidecar, sidecar.stem, sidecar.name)
    assert missing_fields(failed.value) == to_write(name)
    fill_in(sidecar)
    meta = read_sidecar(sidecar, sidecar.stem, sidecar.name)
    assert (meta.summary, meta.venue.event) == ("What the transcript is about.", "An event")
    warned = {m.split("could not determine ", 1)[1].split(":")[0] for m in caplog.messages if "could not determine" in m}
    assert to_write(name) <= warned


@pytest.mark.parametrize("name", sorted(CAPTURES))
def test_the_drafted_values_are_what_the_capture_states(proj, tmp_path, name):
    assert add(proj, sample(tmp_path, name)) == 0
    (sidecar,) = drafted(proj)
    data = yaml.safe_load(sidecar.read_text("utf-8"))
    _, expected, _ = CAPTURES[name]
    want = expectation(expected)
    stated = want["metadata"]
    publisher, licence = PUBLISHED[name.split("/")[0]]
    assert data.get("title") == want["title"]
    if name.startswith("un/"):
        assert (data["date"], stated["date"]) == ("2024", None)  # the corpus file name's year, the day unstated
    else:
        assert data["date"] == stated["date"]
    assert data.get("time") == stated["time"]
    assert (data.get("venue") or {}).get("place") == stated["place"]
    assert data["source"].get("url") == stated["url"]
    assert (data["source"]["publisher"], data["licence"]["status"]) == (publisher, licence)
    assert data["source"]["capture"] == Path(name).name  # the name it arrived under
    assert data["source"]["added"] == dt.date.today().isoformat()
    assert data["kind"] == stated["kind"]


@pytest.mark.parametrize("name", sorted(CAPTURES))
def test_draft_lists_every_drafted_field_with_its_basis(proj, tmp_path, name):
    assert add(proj, sample(tmp_path, name)) == 0
    (sidecar,) = drafted(proj)
    text = sidecar.read_text("utf-8")
    data = yaml.safe_load(text)
    listed = data["draft"]
    assert len(listed) == len(set(listed))
    # every field with a '# draft: from …' comment above it is listed, and nothing else is
    commented, stack = [], []
    lines = text.splitlines()
    for index, line in enumerate(lines):
        key = re.match(r"^( *)(?:- )?([a-z_]+):", line)
        if key:
            depth = len(key.group(1)) // 2
            stack[depth:] = [key.group(2)]
            if index and lines[index - 1].strip().startswith("# draft: from "):
                commented.append(".".join(stack[: depth + 1]))
    assert sorted(commented) == sorted(listed)
    for path in listed:
        node = data
        for part in path.split("."):
            node = node[part]
        assert node not in (None, "", [])
    assert {"date", "date_basis", "source.publisher", "licence.status", "licence.note", "kind"} <= set(listed)
    if not name.startswith("un/"):
        assert {"title", "time", "source.url", "venue.place"} <= set(listed)


def test_the_original_language_is_drafted_from_the_publisher_and_listed(proj, tmp_path):
    assert add(proj, sample(tmp_path, "kremlin/58748.html")) == 0
    data = yaml.safe_load(drafted(proj)[0].read_text("utf-8"))
    assert data["language"]["original"] == "ru" and "language.original" in data["draft"]


@pytest.mark.parametrize("name", ["kremlin/40147.html", "kremlin/40147.txt"])
def test_a_capture_without_a_place_line_drafts_no_place(proj, tmp_path, name):
    assert add(proj, sample(tmp_path, name)) == 0
    data = yaml.safe_load(drafted(proj)[0].read_text("utf-8"))
    assert (data.get("venue") or {}).get("place") is None


@pytest.mark.parametrize("name", sorted(CAPTURES))
def test_people_not_in_the_registry_are_printed_as_entries_to_add(proj, tmp_path, capsys, name):
    assert add(proj, sample(tmp_path, name)) == 0
    out = capsys.readouterr().out
    _, _, new = CAPTURES[name]
    if not new:
        assert out == ""
        return
    header, body = out.split("\n", 1)
    assert header == "# New people to add to transcripts/people.yml (names as printed):"
    entries, _ = load_yaml_text(body, "printed")
    assert set(entries) == new
    for pid, entry in entries.items():
        assert set(entry) == {"name", "description", "aliases"} and entry["name"]
    data = yaml.safe_load(drafted(proj)[0].read_text("utf-8"))
    assert new <= {s["person"] for s in data["speakers"]}


# --------------------------------------------------------------------------- refusals


def test_a_second_add_of_the_same_capture_refuses_and_overwrites_nothing(proj, tmp_path, caplog):
    capture = sample(tmp_path, "kremlin/58748.html")
    assert add(proj, capture) == 0
    (sidecar,) = drafted(proj)
    sidecar.write_text(sidecar.read_text("utf-8") + "# a curator's edit\n", "utf-8")
    before = snapshot(proj.transcripts)
    message = refused(proj, capture, caplog)
    assert "transcripts/2018-10-08-meeting-with-sberbank-ceo-german-gref.yml" in message
    assert "the file exists" in message
    assert snapshot(proj.transcripts) == before
    # the same page as text would take the same slug: refused too, naming the sidecar it would overwrite
    message = refused(proj, sample(tmp_path, "kremlin/58748.txt"), caplog)
    assert "transcripts/2018-10-08-meeting-with-sberbank-ceo-german-gref.yml" in message
    assert snapshot(proj.transcripts) == before


def test_a_capture_is_refused_when_only_its_capture_file_is_taken(proj, tmp_path, caplog):
    capture = sample(tmp_path, "kremlin/58748.html")
    taken = proj.transcripts / "2018-10-08-meeting-with-sberbank-ceo-german-gref.txt"
    taken.write_text("another capture\n", "utf-8")
    before = snapshot(proj.transcripts)
    message = refused(proj, capture, caplog)
    assert "transcripts/2018-10-08-meeting-with-sberbank-ceo-german-gref" in message and "the file exists" in message
    assert snapshot(proj.transcripts) == before


@pytest.mark.parametrize("slug", ["Bad_Slug", "bad slug", "../escape", "UPPER", "a/b", ""])
def test_a_bad_slug_is_refused(proj, tmp_path, caplog, slug):
    before = snapshot(proj.transcripts)
    message = refused(proj, sample(tmp_path, "un/USA_79_2024.txt"), caplog, "--slug", slug)
    assert "--slug: expected a slug of lowercase letters, digits and hyphens" in message and repr(slug) in message
    assert snapshot(proj.transcripts) == before
    assert not list(tmp_path.rglob("escape*"))


def test_a_good_slug_is_used(proj, tmp_path):
    assert add(proj, sample(tmp_path, "un/USA_79_2024.txt"), "--slug", "2024-09-24-biden-unga-79") == 0
    assert (proj.transcripts / "2024-09-24-biden-unga-79.txt").read_bytes() == (SAMPLES / "un/USA_79_2024.txt").read_bytes()


def test_a_capture_of_an_unknown_form_is_refused(proj, tmp_path, caplog):
    capture = tmp_path / "page.pdf"
    capture.write_bytes(b"%PDF-1.4")
    message = refused(proj, capture, caplog)
    assert "a capture ending in .txt, .md, .html" in message
    assert drafted(proj) == []


@pytest.mark.parametrize("options", [(), ("--slug", "Bad_Slug")])
def test_add_refusals_are_reported_by_main_not_raised(proj, tmp_path, caplog, options):
    capture = sample(tmp_path, "un/USA_79_2024.txt")
    if not options:
        assert add(proj, capture) == 0
    assert add(proj, capture, *options) == 1
    assert "expected" in caplog.text


def test_an_input_error_passes_through_a_context_manager_as_itself():
    import contextlib

    @contextlib.contextmanager
    def guard():
        yield

    with pytest.raises(InputError):
        with guard():
            raise InputError("transcripts/x.yml", "", "a slug no capture uses yet", "the file exists")


# --------------------------------------------------------------------------- the measured flow


FLOW = {
    "kremlin/58748.html": {"vladimir-putin", "german-gref"},
    "kremlin/60527.txt": {"vladimir-putin", "alexander-van-der-bellen"},
    WH_CALL: set(),
    WH_REMARKS: {"joe-biden"},
    WH_GAGGLE: {"jake-sullivan", "jean-pierre"},  # 'MS. JEAN-PIERRE:' proposed by her surname, to complete
    "un/USA_79_2024.txt": set(),
}


@pytest.mark.parametrize(
    "name",
    [
        n
        for n in FLOW
    ],
)
def test_after_filling_summary_and_event_and_adding_the_printed_people_the_project_builds(proj, tmp_path, capsys, name):
    assert add(proj, sample(tmp_path, name)) == 0
    printed = capsys.readouterr().out
    if printed:
        people = proj.transcripts / "people.yml"
        people.write_text(people.read_text("utf-8") + printed, "utf-8")  # the header line is a YAML comment
    (sidecar,) = drafted(proj)
    fill_in(sidecar)
    (t,), registries = gather(proj, use_cache=False)
    assert t.meta.slug == sidecar.stem and t.paragraphs
    assert {turn.person for turn in t.turns} - {None} == FLOW[name]
    for person in FLOW[name]:
        assert person in registries.people


# --------------------------------------------------------------------------- hostile metadata


EVIL = "Talks \"><script>alert(1)</script> 'q' \"x\" # not: a comment\n- item *alias &anchor !!tag \u2028 x\x85y\x7fz"


def folded(text: str) -> str:
    return " ".join(text.split())


def test_a_hostile_page_title_and_headline_stay_text_in_the_sidecar(proj, tmp_path):
    evil = EVIL.replace("\x7f", "")  # a control character in the page's text is refused (test_capture_safety)
    page = f"""<!DOCTYPE html><html lang="en"><head><title>{html.escape(evil)} • President of Russia</title>
<meta property="og:title" content="{html.escape(evil)}">
<meta property="og:url" content="http://en.kremlin.ru/events/president/news/1">
</head><body><h1>{html.escape(evil)}</h1><p>January 2, 2020</p><p>13:20</p><p>The Kremlin, Moscow</p>
<p>Vladimir Putin: We will see what happens next, and we shall tell you all about it.</p></body></html>"""
    capture = tmp_path / "evil.html"
    capture.write_text(page, "utf-8")
    assert add(proj, capture) == 0
    (sidecar,) = drafted(proj)
    assert sidecar.stem.startswith("2020-01-02-talks-script-alert-1-script")
    text = sidecar.read_text("utf-8")
    assert "\n- item" not in text and "\n&anchor" not in text and "\u2028" not in text and "\x7f" not in text
    fill_in(sidecar)
    meta = read_sidecar(sidecar, sidecar.stem, sidecar.name)
    assert meta.title == folded(evil)
    assert meta.source.headline == (folded(evil),)
    assert meta.venue.place == "The Kremlin, Moscow"


def test_a_hostile_og_title_without_a_headline_stays_text(proj, tmp_path):
    evil = "- \"><script>alert(1)</script> 'q' #c: d *alias &anchor !!tag\u2028y\x85z\x7f"
    page = f"""<html><head><title>x</title><meta property="og:title" content="{html.escape(evil)} | The White House">
<meta property="og:url" content="https://www.whitehouse.gov/briefing-room/1/"><meta property="article:published_time" content="2022-01-02T10:00:00">
</head><body><p>MODERATOR: Good afternoon, and welcome to all of you.</p></body></html>"""
    capture = tmp_path / "evil.html"
    capture.write_text(page, "utf-8")
    assert add(proj, capture) == 0
    (sidecar,) = drafted(proj)
    fill_in(sidecar)
    meta = read_sidecar(sidecar, sidecar.stem, sidecar.name)
    assert meta.title == TITLE_SPLIT.split(folded(evil))[0]
    assert meta.title.startswith("- \"><script>alert(1)</script> 'q' #c: d *alias &anchor !!tag y z")
    assert meta.anonymous == ("MODERATOR",)


def test_a_hostile_markdown_header_title_stays_text(proj, tmp_path):
    header = yaml.safe_dump({"title": EVIL, "date": "2022-03-16", "source_url": "https://www.whitehouse.gov/x/"}, allow_unicode=False)
    capture = tmp_path / "evil.md"
    capture.write_text(f"---\n{header}---\n\n1:01 P.M. EDT\n\nTHE PRESIDENT:  Good afternoon, everyone.\n", "utf-8")
    assert add(proj, capture) == 0
    (sidecar,) = drafted(proj)
    fill_in(sidecar)
    meta = read_sidecar(sidecar, sidecar.stem, sidecar.name)
    assert meta.title == folded(EVIL)


HOSTILE = [
    '"><script>alert(1)</script>', '"', "'", "\n", "#", " # ", ": ", "- ", "*alias", "&anchor", "!!tag", "!", "\u2028",
    "\u2029", "\x85", "\x7f", "\\", "{", "}", "[", "]", "%", "@", "`", "|", ">", "? ", "---", "...", "\t", "\r", "\x00",
    "\x1b", "\ufeff", "\ufffe", "\x9f", "null", "~", "yes", "0700", "<<", " ", "word", "é", "Ф", "\U0001F600",
]
HOSTILE_TEXT = st.one_of(
    st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=10).map("".join),
    st.text(min_size=1, max_size=30),
).filter(lambda s: s.split())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=HOSTILE_TEXT, place=HOSTILE_TEXT, role=HOSTILE_TEXT, headline=HOSTILE_TEXT)
def test_any_drafted_text_reads_back_as_the_same_text_never_as_yaml(title, place, role, headline):
    d = Draft()
    values = {
        "title": title, "date": "2020-01-02", "date_basis": place, "time": role, "kind": "meeting", "summary": title,
        "venue.event": place, "venue.place": place, "speakers": [{"person": "vladimir-putin", "role": role, "labels": [role]}],
        "anonymous": [role, title], "language.text": "en", "source.publisher": place, "source.headline": [headline],
        "source.url": "https://example.org/?q=%22%3E", "licence.status": "unknown", "licence.note": role,
    }
    for path, value in values.items():
        d.put(path, value, "a test")
    try:
        text = sidecar_text(d, title, "2020-01-02")
    except ValueError as error:  # refused, with a message naming the field: a headline is one line of the capture
        assert str(error).startswith("source.headline[0]: expected one line")
        assert len((headline + ".").splitlines()) > 1
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.yml"
        path.write_text(text, "utf-8")
        meta = read_sidecar(path, "s", "s.yml")
        data, _ = load_yaml_text(text, "s.yml")
    assert set(data) == {"title", "date", "date_basis", "time", "kind", "summary", "venue", "speakers", "anonymous",
                         "language", "source", "licence", "draft"}
    assert (meta.title, meta.summary, meta.source.capture) == (folded(title), folded(title), folded(title))
    assert (meta.venue.event, meta.venue.place, meta.source.publisher, meta.date_basis) == (folded(place),) * 4
    assert (meta.time, meta.speakers[0].role, meta.licence.note) == (folded(role),) * 3
    assert meta.speakers[0].labels == (folded(role),) and meta.anonymous == (folded(role), folded(title))
    assert meta.source.headline == (headline,)  # verbatim: exactly as the capture's line
    assert meta.draft == tuple(values)


@pytest.mark.parametrize(
    "name",
    [
        "Rudolf Rassendyll", "\"><script>alert(1)</script> Smith", "O'Brien # Jr: the - Second", "*alias &anchor !!tag",
        "A\u2028B", "A\x85B",
        "Rudolf\x7fRassendyll",
    ],
)
def test_the_printed_people_read_back_as_the_same_names(name):
    d = Draft()
    d.new_people["x-person"] = {"name": name, "aliases": []}
    entries, _ = load_yaml_text(people_text(d), "printed")
    assert folded(entries["x-person"]["name"]) == folded(name)
