"""A transcript's page under docs/ is rendered again only when what it is made from changed
(``cache.RenderedPages``): its transcript's inputs, the registries, the code, and whether its
event series has a page. Each build is compared with a build from scratch of the same inputs."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import SLUGS, TRANSCRIPTS, copy_project
from diparchive.infra.cache import PAGES
from diparchive.pipeline import Project, build
from diparchive.model import Transcript
from diparchive.publish import browse, render

OSCE_2021 = "2021-12-02-lavrov-osce-stockholm"


@pytest.fixture
def rendered(monkeypatch):
    """The slugs of the transcript pages rendered, as the build renders them."""
    slugs: list[str] = []
    original = render.transcript_page

    def counting(t, *args, **kwargs):
        slugs.append(t.meta.slug)
        return original(t, *args, **kwargs)

    monkeypatch.setattr(render, "transcript_page", counting)
    return slugs


def docs_of(project: Project) -> dict[str, bytes]:
    return {p.relative_to(project.docs).as_posix(): p.read_bytes() for p in sorted(project.docs.rglob("*")) if p.is_file()}


def from_scratch(project: Project, tmp_path) -> dict[str, bytes]:
    """docs/ of a copy of the project's inputs built with no cache and no earlier docs/."""
    other = tmp_path / "scratch"
    shutil.rmtree(other, ignore_errors=True)
    copy_project(other, slugs=[])
    shutil.rmtree(other / "transcripts")
    shutil.copytree(project.transcripts, other / "transcripts")
    fresh = Project.at(other)
    build(fresh)
    return docs_of(fresh)


def test_an_unchanged_archive_renders_no_transcript_page_and_writes_the_same(project, rendered, tmp_path):
    build(project)
    assert sorted(rendered) == SLUGS
    before = docs_of(project)
    rendered.clear()
    build(project)
    assert rendered == []
    assert docs_of(project) == before == from_scratch(project, tmp_path)


def test_only_the_edited_transcript_is_rendered_again(project, rendered, tmp_path):
    build(project)
    rendered.clear()
    capture = project.transcripts / f"{SLUGS[1]}.txt"
    capture.write_text(capture.read_text("utf-8").replace("Rasmussen", "Rasmussen himself", 1), "utf-8")
    build(project)
    assert rendered == [SLUGS[1]]
    assert docs_of(project) == from_scratch(project, tmp_path)


def test_a_registry_change_renders_every_page_again(project, rendered):
    build(project)
    rendered.clear()
    people = project.transcripts / "people.yml"
    people.write_text(people.read_text("utf-8") + "\n# a comment\n", "utf-8")
    build(project)
    assert sorted(rendered) == SLUGS


def test_a_page_changed_by_hand_is_rendered_and_restored(project, rendered, caplog):
    build(project)
    page = project.docs / "transcripts" / f"{SLUGS[0]}.md"
    written = page.read_bytes()
    page.write_bytes(written.replace(b"Lavrov", b"Someone", 1))
    rendered.clear()
    build(project)
    assert rendered == [SLUGS[0]]
    assert page.read_bytes() == written


@pytest.mark.parametrize("record", [
    b"not json", b"[]", b'{"format": "diparchive-pages/1"}',
    json.dumps({"format": "diparchive-pages/1", "code": "x", "pages": []}).encode(),
])
def test_a_record_that_is_not_one_is_ignored(project, rendered, record, tmp_path):
    build(project)
    path = project.root / ".cache" / "diparchive" / PAGES
    assert path.is_file()
    path.write_bytes(record)
    rendered.clear()
    build(project)
    assert sorted(rendered) == SLUGS
    assert docs_of(project) == from_scratch(project, tmp_path)


def test_a_record_of_the_right_code_with_values_of_the_wrong_type_is_ignored(project, rendered):
    build(project)
    path = project.root / ".cache" / "diparchive" / PAGES
    data = json.loads(path.read_bytes())
    data["pages"] = [[p, [1, 2]] for p, _ in data["pages"]]
    path.write_text(json.dumps(data), "utf-8")
    rendered.clear()
    build(project)
    assert sorted(rendered) == SLUGS


def test_a_series_that_gains_a_page_renders_its_transcripts_again(tmp_path, rendered, monkeypatch):
    """In a large archive only a series of two meetings or more has a page, which a transcript's
    page links to: the first of an OSCE series is rendered again when the second comes."""
    monkeypatch.setattr(browse, "PAGE_LIMIT", 1)
    project = copy_project(tmp_path / "project", [s for s in SLUGS if s != OSCE_2021])
    build(project)
    rendered.clear()
    for suffix in (".txt", ".yml"):
        shutil.copy(TRANSCRIPTS / f"{OSCE_2021}{suffix}", project.transcripts / f"{OSCE_2021}{suffix}")
    build(project)
    assert sorted(rendered) == sorted([OSCE_2021, "2008-12-05-lavrov-osce-helsinki"])
    assert docs_of(project) == from_scratch(project, tmp_path)


def test_within_held_each_cache_entry_is_read_once(project, monkeypatch):
    """``diparchive update`` goes through the archive four times in one process (docs/, the
    site's files, the open data, the search index): each entry is decoded by the first."""
    from diparchive.infra import cache as cache_module
    from diparchive.pipeline import gather

    build(project)  # every entry stored
    decoded = []
    original = cache_module.decode

    def counting(data, hint):
        decoded.append(hint)
        return original(data, hint)

    monkeypatch.setattr(cache_module, "decode", counting)
    with cache_module.held():
        build(project)
        first = [hint for hint in decoded if hint is Transcript]
        again, _ = gather(project, lazy=True)
        assert [t.meta.slug for t in again] == sorted(SLUGS, key=lambda s: s[:10])
    assert len(first) == len(SLUGS)
    assert [hint for hint in decoded if hint is Transcript] == first, "an entry was decoded twice"
    decoded.clear()
    gather(project)  # outside the block, read afresh
    assert len([hint for hint in decoded if hint is Transcript]) == len(SLUGS)
