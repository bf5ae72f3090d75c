"""The review gate: metadata drafted from a source and not yet reviewed by a curator is either
published openly marked as such (``review: open``, a bulk-imported collection's way) or refused
(``review: required``, the curated four's). Both sides, through the command line and MkDocs."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import shutil

import pytest

from conftest import SIDECAR, TRANSCRIPTS
from diparchive.infra.errors import BuildFailed, InputError
from diparchive.pipeline import Project, build, gather

DRAFTED = SIDECAR + "draft:\n  - venue.city\n  - speakers[0].role\n"
PLACEHOLDER = "  description: \"(to write: who they are, in one line)\"\n"


def tree(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(project, *args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "diparchive", "--root", str(project.root), *args],
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


def add_person_with_placeholder(project):
    people = project.transcripts / "people.yml"
    people.write_text(people.read_text("utf-8") + "new-person:\n  name: New Person\n" + PLACEHOLDER + "  aliases: []\n", "utf-8")


def test_the_curated_project_requires_review(small_project):
    assert "review: !ENV [DIPARCHIVE_REVIEW, required]" in (small_project.root / "mkdocs.yml").read_text("utf-8")


def test_a_curated_build_refuses_a_drafted_field_not_yet_reviewed_and_writes_nothing(small_project):
    assert run(small_project, "build").returncode == 0
    before = tree(small_project.docs)
    (small_project.transcripts / "2020-01-02-test.yml").write_text(DRAFTED, "utf-8")
    done = run(small_project, "build")
    assert done.returncode != 0
    lines = [line for line in done.stderr.splitlines() if "2020-01-02-test.yml" in line]
    assert lines == [
        "  transcripts/2020-01-02-test.yml, field 'draft': expected no drafted field left unreviewed (review: required): "
        "check each, then remove it from the list; found 'venue.city, speakers[0].role'"
    ], done.stderr
    assert "Traceback" not in done.stderr
    assert tree(small_project.docs) == before
    # Reviewed: the list emptied, the build goes on.
    (small_project.transcripts / "2020-01-02-test.yml").write_text(SIDECAR + "draft: []\n", "utf-8")
    assert run(small_project, "build").returncode == 0


def test_a_curated_build_refuses_a_placeholder_left_in_the_registry(small_project):
    add_person_with_placeholder(small_project)
    done = run(small_project, "build")
    assert done.returncode != 0
    assert "transcripts/people.yml, field 'new-person.description': expected a description a curator has written (review: required); found '(to write: who they are, in one line)'" in done.stderr
    assert run(small_project, "build", env={"DIPARCHIVE_REVIEW": "open"}).returncode == 0


def test_mkdocs_refuses_them_too(small_project, tmp_path):
    (small_project.transcripts / "2020-01-02-test.yml").write_text(DRAFTED, "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site")], cwd=small_project.root,
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DIPARCHIVE_SEARCH_INDEX": "false"},
    )
    assert done.returncode != 0 and "field 'draft': expected no drafted field left unreviewed" in done.stderr, done.stderr[-2000:]
    assert "Traceback" not in done.stderr


def test_an_unknown_review_setting_is_one_line(small_project):
    done = run(small_project, "build", env={"DIPARCHIVE_REVIEW": "sometimes"})
    assert done.returncode != 0
    assert "DIPARCHIVE_REVIEW: expected open (publish drafts, marked) or required (refuse them); found 'sometimes'" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_open_collection_publishes_drafts_marked_on_the_page_in_the_report_and_in_the_open_data(small_project, tmp_path):
    (small_project.transcripts / "2020-01-02-test.yml").write_text(DRAFTED, "utf-8")
    add_person_with_placeholder(small_project)  # allowed here, as in a bulk import
    for suffix in (".txt", ".yml"):  # a reviewed transcript beside it
        shutil.copy(TRANSCRIPTS / f"2008-12-05-lavrov-osce-helsinki{suffix}", small_project.transcripts)
    assert run(small_project, "build", env={"DIPARCHIVE_REVIEW": "open"}).returncode == 0
    site = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=small_project.root, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DIPARCHIVE_REVIEW": "open", "DIPARCHIVE_SEARCH_INDEX": "false"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    page = (site / "transcripts" / "2020-01-02-test" / "index.html").read_text("utf-8")
    assert '<p class="transcript-draft" role="note"><strong>Not reviewed:</strong>' in page
    assert "<code>venue.city</code>, <code>speakers[0].role</code>" in page
    reviewed = (site / "transcripts" / "2008-12-05-lavrov-osce-helsinki" / "index.html").read_text("utf-8")
    assert "transcript-draft" not in reviewed
    report = (small_project.docs / "about" / "build-report.md").read_text("utf-8")
    assert "1 transcript of 2 has metadata drafted from the source that no curator has reviewed" in report
    assert "(../transcripts/2020-01-02-test.md): `venue.city`, `speakers[0].role`" in report
    records = [json.loads(line) for line in (site / "data" / "corpus.jsonl").read_text("utf-8").splitlines()]
    flags = {(r["transcript_id"], r["metadata_reviewed"]) for r in records}
    assert flags == {("2020-01-02-test", False), ("2008-12-05-lavrov-osce-helsinki", True)}
    catalogue = json.loads((site / "data" / "catalogue.json").read_text("utf-8"))
    assert {t["id"]: t["unreviewed"] for t in catalogue["transcripts"]} == {
        "2020-01-02-test": ["venue.city", "speakers[0].role"], "2008-12-05-lavrov-osce-helsinki": [],
    }
    header = (site / "data" / "corpus.csv").read_text("utf-8").splitlines()[0].split(",")
    assert "metadata_reviewed" in header


def test_gather_checks_the_cached_transcripts_too(small_project):
    gather(small_project)  # cached as reviewed-or-not does not matter: the check is on every build
    (small_project.transcripts / "2020-01-02-test.yml").write_text(DRAFTED, "utf-8")
    open_project = Project(small_project.root, small_project.transcripts, small_project.docs, "open")
    gather(open_project)  # cached now, with its draft list
    with pytest.raises(BuildFailed) as failed:
        gather(Project(small_project.root, small_project.transcripts, small_project.docs, "required"))
    assert [e.where for e in failed.value.errors] == ["field 'draft'"]
    with pytest.raises(InputError):
        Project.at(small_project.root, settings={"DIPARCHIVE_REVIEW": "maybe"})
