"""Shared fixtures: the repository's paths and throw-away copies of the project to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from diparchive.pipeline import Project

ROOT = Path(__file__).resolve().parent.parent
TRANSCRIPTS = ROOT / "transcripts"
SHARED = ROOT.parent / "shared"
SLUGS = sorted(p.stem for p in TRANSCRIPTS.glob("*.txt"))


def pytest_addoption(parser):
    parser.addoption(
        "--regenerate-golden",
        action="store_true",
        help="rewrite tests/golden/*.txt from the current build instead of comparing",
    )


@pytest.fixture
def regenerate(request) -> bool:
    return request.config.getoption("--regenerate-golden")


def copy_project(target: Path, slugs: list[str] | None = None) -> Project:
    """A copy of the project's inputs and site skeleton (mkdocs.yml, overrides, hand-written
    pages) in ``target``, with the given transcripts (default: all)."""
    (target / "transcripts").mkdir(parents=True)
    for registry in ("people.yml", "variants.yml"):
        shutil.copy(TRANSCRIPTS / registry, target / "transcripts" / registry)
    for slug in SLUGS if slugs is None else slugs:
        for suffix in (".txt", ".yml"):
            shutil.copy(TRANSCRIPTS / f"{slug}{suffix}", target / "transcripts" / f"{slug}{suffix}")
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    hooks = target / "scripts" / "diparchive"
    hooks.mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "diparchive" / "mkdocs_hooks.py", hooks / "mkdocs_hooks.py")
    for keep in ("overrides", "assets", "about/index.md", "search.md"):
        source = ROOT / "docs" / keep
        if source.is_dir():
            shutil.copytree(source, target / "docs" / keep)
        else:
            (target / "docs" / keep).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target / "docs" / keep)
    return Project.at(target)


@pytest.fixture
def project(tmp_path) -> Project:
    """A full copy of the project to build and break."""
    return copy_project(tmp_path / "project")


SIDECAR = """\
title: A test transcript
date: 2020-01-02
date_basis: Stated in the text.
kind: press-conference
summary: A transcript made up for a test.
venue:
  event: Test Meeting
  city: Geneva
  country: Switzerland
speakers:
  - person: sergey-lavrov
    role: Minister of Foreign Affairs of the Russian Federation
language:
  text: en
  original: ru
  translation: official
source:
  publisher: Test Publisher
  capture: test.txt
  added: 2026-11-23
licence:
  status: unknown
  note: Made up for a test.
"""


@pytest.fixture
def small_project(tmp_path) -> Project:
    """A project with one small made-up transcript, written by the test."""
    project = copy_project(tmp_path / "small", slugs=[])
    (project.transcripts / "2020-01-02-test.yml").write_text(SIDECAR, "utf-8")
    (project.transcripts / "2020-01-02-test.txt").write_text(
        "Good afternoon.\n\nQuestion: What next?\n\nSergey Lavrov: We will see.\n", "utf-8"
    )
    return project
