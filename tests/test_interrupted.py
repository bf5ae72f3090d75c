"""Builds stopped at any moment, and builds run at once.

A build killed (SIGKILL) at any point leaves docs/ as the old generation or the new one, file
for file, once what every build does first has run (``switch.recover``); the next build then
succeeds with the new generation. The same holds for site/ under ``mkdocs build``. Two builds
at once both end well: the second waits for the first, or refuses when told not to wait."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import copy_project
from diparchive.infra import switch
from diparchive.publish import write
from diparchive.infra.lock import build_lock
from diparchive.pipeline import Project, build

pytestmark = pytest.mark.slow

EDITED = "2009-12-04-nato-russia-council-brussels"
ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1700000000"}
SEED = int(os.environ.get("DIPARCHIVE_KILL_SEED") or time.time())


def edit(project: Project) -> None:
    """A sidecar edit that changes 28 generated pages (and the manifest), adds one and deletes one: a new title
    (listed on the home page and on every theme, person, year, kind, place and name page of the
    transcript) and a renamed event (a new event page; the old one is no longer generated)."""
    sidecar = project.transcripts / f"{EDITED}.yml"
    text = sidecar.read_text("utf-8")
    text = text.replace('title: "', 'title: "Edited, ', 1)
    text = text.replace("event: NATO-Russia Council meeting of foreign ministers", "event: NATO-Russia Council ministerial meeting", 1)
    sidecar.write_text(text, "utf-8")


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


FAULTS = Path(__file__).resolve().parent / "faults.py"
"""Runs a command killed at a named step of a switch (``POINT:N``)."""


def diparchive(root: Path, *args: str, env: dict | None = None, fault: str | None = None, **popen) -> subprocess.Popen:
    runner = [sys.executable, str(FAULTS), fault, "diparchive"] if fault else [sys.executable, "-m", "diparchive"]
    return subprocess.Popen(
        [*runner, "--root", str(root), *args],
        env={**ENV, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen,
    )


@pytest.fixture(scope="module")
def generations(tmp_path_factory):
    """A project whose docs/ is the old generation and whose inputs are edited, and both
    generations of docs/ as built without interruption."""
    base = copy_project(tmp_path_factory.mktemp("generations") / "base")
    build(base)
    old = snapshot(base.docs)
    edit(base)
    again = tmp_path_factory.mktemp("generations") / "new"
    shutil.copytree(base.root, again)
    build(Project.at(again))
    new = snapshot(again / "docs")
    changed = {p for p in old.keys() | new.keys() if old.get(p) != new.get(p)}
    assert len(changed) == 31, sorted(changed)  # 30 pages and the manifest of what the build wrote
    return base, old, new


def _kill_plan(build_seconds: float) -> list[tuple[str, object]]:
    """Where to kill: each step of the switch by its fault-injection point, then random moments
    from the start of the process to past the end of a normal build."""
    points = ["stage:1", "stage:10", "stage:27", "commit:1", "committed:1", "apply:1", "apply:2",
              "apply:14", "apply:27", "delete:1", "done:1"]
    rng = random.Random(SEED)
    delays = [rng.uniform(0.05, build_seconds * 1.2) for _ in range(13)]
    return [("at", p) for p in points] + [("after", d) for d in delays]


def test_a_build_killed_at_any_moment_leaves_the_old_or_the_new_generation(generations, tmp_path):
    base, old, new = generations
    started = time.monotonic()
    probe = tmp_path / "probe"
    shutil.copytree(base.root, probe)
    assert diparchive(probe, "-q", "build").wait() == 0
    assert snapshot(probe / "docs") == new
    plan = _kill_plan(time.monotonic() - started)
    outcomes = {"old": 0, "new": 0, "mid-switch, journalled": 0}
    for number, (how, when) in enumerate(plan):
        work = tmp_path / f"run{number}"
        shutil.copytree(base.root, work)
        if number % 3 == 0:  # sometimes a cold cache: more of the run is normalising
            shutil.rmtree(work / ".cache")
        where = f"kill {number} ({how} {when}, seed {SEED})"
        if how == "at":
            run = diparchive(work, "-q", "build", fault=when)
            run.communicate()
            assert run.returncode == -signal.SIGKILL, f"{where}: the build was not killed ({run.returncode})"
        else:
            run = diparchive(work, "-q", "build")
            time.sleep(when)
            run.send_signal(signal.SIGKILL)
            run.communicate()
        if when == "apply:14":  # and the build that recovers is killed too, midway
            again = diparchive(work, "-q", "build", fault="apply:3")
            again.communicate()
            assert again.returncode == -signal.SIGKILL, where
        docs = work / "docs"
        seen = {p: b for p, b in snapshot(docs).items() if not p.startswith(switch.STAGING)}
        if seen != old and seen != new:
            journals = list(docs.glob(f"{switch.STAGING}*/{switch.JOURNAL}"))
            assert journals, f"{where}: docs/ is neither generation and no committed journal says how to finish it"
            outcomes["mid-switch, journalled"] += 1
        with build_lock(work):
            switch.recover(docs)  # what every build, and every site build, does first
        after = snapshot(docs)
        assert after in (old, new), f"{where}: docs/ is a mixture: {sorted(p for p in after if after[p] != new.get(p) and after[p] != old.get(p))}"
        outcomes["new" if after == new else "old"] += 1
        finish = diparchive(work, "build")
        _, err = finish.communicate()
        assert finish.returncode == 0, f"{where}: the next build failed: {err}"
        assert snapshot(docs) == new, f"{where}: the next build did not produce the new generation"
        assert not list((work / ".cache" / "diparchive").glob(".*.tmp")), f"{where}: a dead build's temporary cache file is left"
        shutil.rmtree(work)
    print(f"{len(plan)} kills (seed {SEED}): {outcomes}")
    assert len(plan) >= 20
    assert outcomes["old"] and outcomes["new"] and outcomes["mid-switch, journalled"], outcomes


def test_a_build_that_fails_midway_discards_what_it_staged(generations, tmp_path, monkeypatch):
    base, old, _ = generations
    work = tmp_path / "work"
    shutil.copytree(base.root, work)
    calls, stage = [], switch.Generation.stage

    def failing(self, path, data):
        calls.append(path)
        if len(calls) == 5:
            raise RuntimeError("a template failed")
        stage(self, path, data)

    monkeypatch.setattr(switch.Generation, "stage", failing)
    with pytest.raises(RuntimeError, match="a template failed"):
        build(Project.at(work))
    assert snapshot(work / "docs") == old


# --------------------------------------------------------------------------- two at once


def test_two_builds_at_once_both_end_well(generations, tmp_path):
    base, _, new = generations
    for attempt in range(8):
        work = tmp_path / f"try{attempt}"
        shutil.copytree(base.root, work)
        if attempt % 2:
            shutil.rmtree(work / ".cache")
        runs = [diparchive(work, "build") for _ in range(2)]
        for run in runs:
            _, err = run.communicate(timeout=300)
            assert run.returncode == 0, f"try {attempt}: {err}"
            assert "Traceback" not in err
        assert snapshot(work / "docs") == new, f"try {attempt}"
        assert not [p for p in (work / "docs").iterdir() if p.name.startswith(".") and p.name != write.MANIFEST], f"try {attempt}"  # no staging left


def test_a_second_build_waits_for_the_first_and_says_so(generations, tmp_path):
    base, _, new = generations
    work = tmp_path / "work"
    shutil.copytree(base.root, work)
    with build_lock(work):  # as a build in another process would hold it
        run = diparchive(work, "build")
        time.sleep(2.5)
        assert run.poll() is None, "the second build did not wait"
    _, err = run.communicate(timeout=300)
    assert run.returncode == 0, err
    assert f"another build of this archive is running (process {os.getpid()} holds build.lock); waiting for it to finish" in err
    assert snapshot(work / "docs") == new


def test_a_build_told_not_to_wait_long_refuses_with_a_message(generations, tmp_path):
    base, old, _ = generations
    work = tmp_path / "work"
    shutil.copytree(base.root, work)
    with build_lock(work):
        run = diparchive(work, "build", env={"DIPARCHIVE_LOCK_TIMEOUT": "0.5"})
        _, err = run.communicate(timeout=300)
    assert run.returncode == 1
    assert (
        f".cache/diparchive/build.lock: expected no other build of this archive running; found process {os.getpid()}"
        " building it still after 0.5 s (DIPARCHIVE_LOCK_TIMEOUT); try again when it has finished"
    ) in err
    assert snapshot(work / "docs") == old


# --------------------------------------------------------------------------- the site


def mkdocs(root: Path, *args: str, env: dict | None = None, fault: str | None = None) -> subprocess.Popen:
    runner = [sys.executable, str(FAULTS), fault, "mkdocs"] if fault else [sys.executable, "-m", "mkdocs"]
    return subprocess.Popen(
        [*runner, "build", "--strict", *args], cwd=root, env={**ENV, **(env or {})},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if ".diparchive-" in p.name)


PAGEFIND_VARIES = ("pagefind/pagefind-entry.json", "pagefind/pagefind.en_", "pagefind/filter/")
"""Pagefind's filter files (and the entry and metadata files naming them) differ from run to
run on identical input (see the guide: docs/guide/publishing.md)."""


def same_site(a: dict[str, bytes], b: dict[str, bytes]) -> bool:
    differ = {p for p in a.keys() | b.keys() if a.get(p) != b.get(p)}
    return all(p.startswith(PAGEFIND_VARIES) for p in differ) and sum(p.startswith("pagefind/filter/") for p in a) == sum(
        p.startswith("pagefind/filter/") for p in b
    )


def test_a_site_build_killed_at_any_moment_leaves_the_previous_site_or_the_new_one(tmp_path):
    project = copy_project(tmp_path / "project")
    build(project)
    assert mkdocs(project.root).wait() == 0
    site = project.root / "site"
    old = snapshot(site)
    edit(project)
    build(project)
    started = time.monotonic()
    first = mkdocs(project.root, "-d", str(tmp_path / "reference"))
    assert first.wait() == 0
    seconds = time.monotonic() - started
    new = snapshot(tmp_path / "reference")
    assert not same_site(old, new)
    rng = random.Random(SEED)
    # Random moments within the first two thirds of a build's time: a build on a quieter
    # machine than the reference's may finish sooner, which counts as the new site.
    plan = [("at", "replace:1"), ("at", "replaced:1")] + [("after", rng.uniform(0.3, max(0.4, seconds * 2 / 3))) for _ in range(5)]
    states = []
    for how, when in plan:
        run = mkdocs(project.root, fault=when if how == "at" else None)
        if how == "after":
            time.sleep(when)
            os.killpg(run.pid, signal.SIGKILL)  # MkDocs with its Pagefind and conversion processes
        run.communicate()
        state = snapshot(site)
        if how == "after" and run.returncode == 0:  # it finished before the kill
            assert same_site(state, new), f"{how} {when}: a finished build left another site"
            states.append("new")
            continue
        assert run.returncode == -signal.SIGKILL, f"{how} {when}: not killed"
        assert same_site(state, old) or same_site(state, new), f"{how} {when} (seed {SEED}): site/ is neither the previous site nor the new one"
        states.append("new" if same_site(state, new) else "old")
        if when == "replaced:1":
            assert leftovers(project.root), "killed after the switch, it leaves the old site beside, for the next build to sweep"
    assert states[:2] == ["old", "new"], states
    final = mkdocs(project.root)
    _, err = final.communicate()
    assert final.returncode == 0, err
    assert same_site(snapshot(site), new)
    assert leftovers(project.root) == []


def test_a_strict_build_with_a_warning_keeps_the_previous_site(small_project):
    build(small_project)
    assert mkdocs(small_project.root, env={"DIPARCHIVE_SEARCH_INDEX": "false"}).wait() == 0
    site = small_project.root / "site"
    before = snapshot(site)
    people = small_project.docs / "people" / "index.md"
    people.write_text(people.read_text("utf-8") + "\n[a link](../nowhere.md)\n", "utf-8")
    run = mkdocs(small_project.root, env={"DIPARCHIVE_SEARCH_INDEX": "false"})
    _, err = run.communicate()
    assert run.returncode != 0 and "contains a link '../nowhere.md'" in err, err
    assert snapshot(site) == before
    assert leftovers(small_project.root) == []


def test_two_site_builds_at_once_both_end_well(project):
    build(project)
    runs = [mkdocs(project.root) for _ in range(2)]
    for run in runs:
        _, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
    site = project.root / "site"
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "index.html").is_file()
    assert leftovers(project.root) == []


def test_diparchive_index_switches_the_whole_site(project, tmp_path):
    build(project)
    assert mkdocs(project.root, env={"DIPARCHIVE_SEARCH_INDEX": "false"}).wait() == 0
    site = project.root / "site"
    assert not (site / "pagefind").exists()
    killed = diparchive(project.root, "index", fault="replace:1")
    killed.communicate()
    assert killed.returncode == -signal.SIGKILL
    assert not (site / "pagefind").exists() and not (site / "search-data").exists()
    run = diparchive(project.root, "index")
    _, err = run.communicate()
    assert run.returncode == 0, err
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "search-data").is_dir()
    assert (site / "assets" / "search-config.json").is_file()
    assert leftovers(project.root) == []
