"""Never lose a user's files, never run what the cache says.

- Output folders (``--docs``, ``site_dir``, the release directory, ``export --out``, ``index
  --site``) are refused when they are the project's root, its transcripts/, an ancestor of
  either, or (for a folder replaced whole) a folder of anything but the build's own output.
- docs/ keeps a manifest of the files each generation wrote: the build replaces and deletes only
  those; a curator's own file in docs/ is never touched, and a file at a generated page's path
  that the build did not write stops the build.
- The cache is JSON checked against its inputs and the code: a planted pickle is never opened, a
  planted or altered entry is dropped, and no page comes from the cache unrendered.
- A property test runs random builds, edits, additions and removals of captures against a
  working copy holding hand-written files, and checks that none of them is ever changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SIDECAR, copy_project
from diparchive.publish import write
from diparchive.infra.cache import FORMAT, code_key
from diparchive.infra.errors import BuildFailed
from diparchive.pipeline import Project, build, project_cache

RELEASE = "https://github.com/example/dta/releases/download/data-0123456789ab/"
ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": os.environ["PATH"], "DIPARCHIVE_SEARCH_INDEX": "false"}


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (links as what they say), by path; Python's bytecode and the
    build's cache aside."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if "__pycache__" in path.parts or ".cache" in path.relative_to(folder).parts:
            continue
        if path.is_symlink():
            found[path.relative_to(folder).as_posix()] = b"-> " + os.readlink(path).encode()
        elif path.is_file():
            found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found


FAULTS = Path(__file__).resolve().parent / "faults.py"


def cli(root: Path, *args: str, env: dict | None = None, fault: str | None = None) -> subprocess.CompletedProcess:
    runner = [sys.executable, str(FAULTS), fault, "diparchive"] if fault else [sys.executable, "-m", "diparchive"]
    return subprocess.run(
        [*runner, "--root", str(root), *args], cwd=root, capture_output=True, text=True,
        env={**ENV, **(env or {})},
    )


def mkdocs(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *args], cwd=root, capture_output=True, text=True, env={**ENV, **env})


def one_line_error(run: subprocess.CompletedProcess, *needles: str) -> None:
    assert run.returncode != 0, run.stderr
    assert "Traceback" not in run.stderr, run.stderr
    for needle in needles:
        assert needle in run.stderr, run.stderr


# --------------------------------------------------------------------------- 1. the release directory


@pytest.mark.parametrize("folder", ["transcripts", "docs", ".", ".."])
def test_a_release_directory_of_the_users_files_is_refused_and_nothing_is_lost(project, folder):
    build(project)
    before = tree(project.root)
    run = mkdocs(project.root, DIPARCHIVE_BULK="release", DIPARCHIVE_RELEASE_URL=RELEASE, DIPARCHIVE_RELEASE_DIR=folder)
    one_line_error(run, "DIPARCHIVE_RELEASE_DIR, value: expected")
    assert tree(project.root) == before
    assert not (project.root / "site").exists()


def test_a_release_directory_holding_other_files_is_refused_but_a_previous_release_is_replaced(project):
    build(project)
    other = project.root / "mine"
    other.mkdir()
    (other / "thesis.tex").write_text("my own words", "utf-8")
    run = mkdocs(project.root, DIPARCHIVE_BULK="release", DIPARCHIVE_RELEASE_URL=RELEASE, DIPARCHIVE_RELEASE_DIR="mine")
    one_line_error(run, "DIPARCHIVE_RELEASE_DIR, value: expected a directory that is missing, empty or holds a previous release", "'mine', which holds 1 entries")
    assert tree(other) == {"thesis.tex": b"my own words"}
    # both sides: a new folder, and then the release that folder now holds, are taken
    for _ in range(2):
        run = mkdocs(project.root, DIPARCHIVE_BULK="release", DIPARCHIVE_RELEASE_URL=RELEASE, DIPARCHIVE_RELEASE_DIR="out")
        assert run.returncode == 0, run.stderr
        assert "SHA256SUMS" in os.listdir(project.root / "out")
    # a release with one file more than its SHA256SUMS lists is no longer only the build's
    (project.root / "out" / "notes.txt").write_text("mine", "utf-8")
    run = mkdocs(project.root, DIPARCHIVE_BULK="release", DIPARCHIVE_RELEASE_URL=RELEASE, DIPARCHIVE_RELEASE_DIR="out")
    one_line_error(run, "DIPARCHIVE_RELEASE_DIR, value")
    assert (project.root / "out" / "notes.txt").read_text("utf-8") == "mine"


def test_a_site_dir_of_the_users_files_is_refused(project):
    build(project)
    before = tree(project.root)
    for folder in ("transcripts", "."):
        run = mkdocs(project.root, "-d", str(project.root / folder))
        assert run.returncode != 0 and "Traceback" not in run.stderr, run.stderr
        assert tree(project.root) == before
    mine = project.root / "notes"
    mine.mkdir()
    (mine / "a.txt").write_text("mine", "utf-8")
    run = mkdocs(project.root, "-d", str(mine))
    one_line_error(run, "site_dir (mkdocs.yml, or mkdocs build -d), value: expected a folder for the site that is missing, empty or a site the build made")
    assert tree(mine) == {"a.txt": b"mine"}
    # a site the build made is replaced, as before
    for _ in range(2):
        run = mkdocs(project.root)
        assert run.returncode == 0, run.stderr
    assert (project.root / "site" / ".diparchive-site").is_file()


# --------------------------------------------------------------------------- 2. the output folder


@pytest.mark.parametrize("folder", [".", "transcripts", "transcripts/out", ".."])
def test_docs_may_not_be_the_root_the_transcripts_or_a_folder_holding_them(project, folder):
    before = tree(project.root)
    run = cli(project.root, "--docs", folder, "build")
    one_line_error(run, "the output folder (--docs), value: expected an output folder")
    assert tree(project.root) == before


def test_a_users_folder_given_as_docs_keeps_every_file(project):
    website = project.root / "website"
    (website / "events").mkdir(parents=True)
    (website / "events" / "party-photo.jpg").write_bytes(b"\xff\xd8 a photo")
    (website / "index.md").write_text("# My own home page\n", "utf-8")
    before = tree(website)
    run = cli(project.root, "--docs", "website", "build")
    one_line_error(run, "website/index.md: expected a generated page's path free, or a file the build wrote", "found a file the build did not write")
    assert tree(website) == before
    # once the user moves their page away, the build writes there and keeps the photo
    (website / "index.md").unlink()
    run = cli(project.root, "--docs", "website", "build")
    assert run.returncode == 0, run.stderr
    assert (website / "events" / "party-photo.jpg").read_bytes() == b"\xff\xd8 a photo"
    assert "events/party-photo.jpg" not in json.loads((website / write.MANIFEST).read_text("utf-8"))["files"]


def test_hand_written_files_among_the_generated_pages_are_never_deleted(project):
    build(project)
    notes = project.docs / "people" / "notes-for-curators.md"
    figure = project.docs / "transcripts" / "figure.png"
    notes.write_text("# Notes\n", "utf-8")
    figure.write_bytes(b"\x89PNG figure")
    # a transcript removed: its generated page goes, the curator's files stay
    slug = "2009-12-04-nato-russia-council-brussels"
    for suffix in (".txt", ".yml"):
        (project.transcripts / f"{slug}{suffix}").unlink()
    summary = build(project)
    assert f"transcripts/{slug}.md" in summary.deleted
    assert notes.read_text("utf-8") == "# Notes\n" and figure.read_bytes() == b"\x89PNG figure"
    assert not (project.docs / "transcripts" / f"{slug}.md").exists()


def test_the_manifest_lists_exactly_the_generated_pages_and_is_part_of_the_committed_output(project):
    summary = build(project)
    manifest = json.loads((project.docs / write.MANIFEST).read_text("utf-8"))["files"]
    assert sorted(manifest) == sorted(summary.written)
    for path, digest in manifest.items():
        assert hashlib.sha256((project.docs / path).read_bytes()).hexdigest() == digest
    assert build(project, check=True) == []
    (project.docs / write.MANIFEST).unlink()
    assert build(project, check=True) == [f"{write.MANIFEST}: missing"]


def test_a_generated_page_edited_by_hand_is_replaced_with_a_warning_and_left_when_no_longer_generated(project, caplog):
    build(project)
    page = project.docs / "kinds" / "news-report.md"
    page.write_text(page.read_text("utf-8") + "\nA curator's edit.\n", "utf-8")
    build(project)
    assert "A curator's edit." not in page.read_text("utf-8")
    assert "changed by hand since the build wrote it: replaced" in caplog.text
    page.write_text(page.read_text("utf-8") + "\nAnother edit.\n", "utf-8")
    for suffix in (".txt", ".yml"):  # the only news report goes, and with it its kind's page
        (project.transcripts / f"2009-12-04-nato-russia-council-brussels{suffix}").unlink()
    build(project)
    assert "Another edit." in page.read_text("utf-8")
    assert "no longer generated, but was changed by hand since the build wrote it: left in place" in caplog.text


def test_a_broken_manifest_stops_the_build_and_nothing_is_touched(project):
    build(project)
    (project.docs / write.MANIFEST).write_text("{not json", "utf-8")
    before = tree(project.docs)
    with pytest.raises(BuildFailed, match=r"docs/\.diparchive-manifest\.json: expected the list of files the build wrote"):
        build(project)
    (project.docs / write.MANIFEST).write_text(json.dumps({"files": {"../transcripts/people.yml": "0" * 64}}), "utf-8")
    with pytest.raises(BuildFailed, match="field 'files'"):
        build(project)
    assert tree(project.docs) == {**before, write.MANIFEST: (project.docs / write.MANIFEST).read_bytes()}


# --------------------------------------------------------------------------- 3. the cache is data


def cache_dir(project: Project) -> Path:
    return project.root / ".cache" / "diparchive"


def test_a_planted_pickle_is_never_opened(project, tmp_path):
    build(project)
    proof = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (Path.write_text, (proof, "code from the cache ran"))

    keys: dict[str, str] = {}
    from diparchive.pipeline import gather

    gather(project, keys=keys)
    for key in keys.values():
        (cache_dir(project) / f"{key}.pickle").write_bytes(pickle.dumps(Payload()))
        (cache_dir(project) / f"{key}.json").unlink()
    for args in (("build", "--check"), ("build",)):
        run = cli(project.root, *args)
        assert run.returncode in (0, 1) and "Traceback" not in run.stderr, run.stderr
        assert not proof.exists()
    assert not list(cache_dir(project).glob("*.pickle"))  # swept: never read


def test_a_planted_page_in_the_cache_is_never_published(project):
    build(project)
    keys: dict[str, str] = {}
    from diparchive.pipeline import gather

    gather(project, keys=keys)
    for key in keys.values():
        (cache_dir(project) / f"{key}.md").write_text("---\ntitle: x\n---\n<script>alert(1)</script>\n", "utf-8")
    (project.docs / "transcripts" / "2008-12-05-lavrov-osce-helsinki.md").unlink()
    build(project)
    for page in (project.docs / "transcripts").glob("*.md"):
        assert "<script>alert(1)</script>" not in page.read_text("utf-8")
    assert build(project, check=True) == []


def test_a_planted_or_altered_json_entry_is_dropped_and_rebuilt(project, caplog):
    from diparchive.pipeline import gather

    keys: dict[str, str] = {}
    clean, _ = gather(project, keys=keys)
    key = keys["2008-12-05-lavrov-osce-helsinki"]
    path = cache_dir(project) / f"{key}.json"
    entry = json.loads(path.read_text("utf-8"))
    assert entry["format"] == FORMAT and entry["key"] == key and entry["code"] == code_key()
    expected = {t.meta.slug: t for t in clean}

    def altered(change) -> None:
        data = json.loads(json.dumps(entry))
        change(data)
        path.write_text(json.dumps(data), "utf-8")
        again, _ = gather(project)
        assert {t.meta.slug: t for t in again} == expected
        assert "dropped the cache entry" in caplog.text
        caplog.clear()

    altered(lambda d: d["transcript"]["blocks"][0].__setitem__("line", "14"))  # a string for a number
    altered(lambda d: d.__setitem__("code", "0" * 64))  # made by other code
    altered(lambda d: d["inputs"][0].__setitem__(1, "0" * 64))  # made from another capture
    altered(lambda d: d["transcript"]["source"].__setitem__("sha256", "0" * 64))
    altered(lambda d: d["transcript"]["meta"].__setitem__("extra", 1))  # a field no model has
    altered(lambda d: d.__setitem__("format", "pickle"))
    path.write_bytes(b"\x80\x04not json")
    again, _ = gather(project)
    assert {t.meta.slug: t for t in again} == expected


def test_the_cache_gives_back_exactly_what_was_stored(project):
    from diparchive.pipeline import gather

    fresh, _ = gather(project, use_cache=False)
    gather(project)  # stores every transcript
    cached, _ = gather(project)
    assert cached == fresh
    cache = project_cache(project)
    assert all(p.suffix == ".json" for p in cache_dir(project).iterdir() if p.name != "build.lock")


# --------------------------------------------------------------------------- 14. index only a built site


@pytest.mark.parametrize("folder", ["docs", "transcripts", "."])
def test_index_refuses_a_folder_that_is_not_a_built_site(project, folder):
    build(project)
    before = tree(project.root)
    run = cli(project.root, "index", "--site", folder)
    one_line_error(run, "--site, value: expected")
    assert "EBUSY" not in run.stderr
    assert tree(project.root) == before


def test_export_refuses_a_folder_of_other_files(project):
    build(project)
    mine = project.root / "mine"
    mine.mkdir()
    (mine / "a.txt").write_text("mine", "utf-8")
    run = cli(project.root, "export", "--out", "mine")
    one_line_error(run, "--out, value: expected a folder that is missing, empty or holds the archive's open data already")
    assert tree(mine) == {"a.txt": b"mine"}
    run = cli(project.root, "export", "--out", "transcripts")
    one_line_error(run, "--out, value: expected an output folder apart from")
    for _ in range(2):  # a new folder, then the same one again
        run = cli(project.root, "export", "--out", "open-data")
        assert run.returncode == 0, run.stderr


# --------------------------------------------------------------------------- the property


HAND_WRITTEN = {
    "docs/people/notes-for-curators.md": b"# Notes for curators\n",
    "docs/transcripts/figure.png": b"\x89PNG a figure",
    "docs/events/party-photo.jpg": b"\xff\xd8 a photo",
    "docs/about/index.md": None,  # the project's own hand-written pages, as copied
    "docs/search.md": None,
    "notes.txt": b"the curator's notes beside mkdocs.yml\n",
    "transcripts/README.txt.bak": b"a backup the build must not read or touch\n",
}

OPERATIONS = st.lists(
    st.sampled_from(["build", "check", "add", "edit", "remove", "kill", "touch-generated"]),
    min_size=3, max_size=8,
)


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(operations=OPERATIONS, data=st.data())
def test_random_operations_never_change_a_file_the_build_did_not_write(tmp_path_factory, operations, data):
    root = tmp_path_factory.mktemp("ops") / "project"
    project = copy_project(root, slugs=["2008-12-05-lavrov-osce-helsinki", "2009-12-04-nato-russia-council-brussels"])
    for path, content in HAND_WRITTEN.items():
        if content is not None:
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_bytes(content)
    theirs = {path: (root / path).read_bytes() for path in HAND_WRITTEN}
    theirs.update({f"transcripts/{p.name}": p.read_bytes() for p in project.transcripts.iterdir()})
    added = 0
    for operation in operations:
        if operation == "build":
            cli(root, "build")
        elif operation == "check":
            cli(root, "build", "--check")
        elif operation == "add":  # a curator files a new capture by hand: theirs from now on
            added += 1
            slug = f"2020-01-0{added}-test"
            (project.transcripts / f"{slug}.yml").write_text(SIDECAR, "utf-8")
            (project.transcripts / f"{slug}.txt").write_text(f"Question: What next, {added}?\n\nSergey Lavrov: We will see.\n", "utf-8")
            for suffix in (".yml", ".txt"):
                theirs[f"transcripts/{slug}{suffix}"] = (project.transcripts / f"{slug}{suffix}").read_bytes()
        elif operation == "edit":
            yml = data.draw(st.sampled_from(sorted(p for p in theirs if p.startswith("transcripts/") and p.endswith(".yml") and "-" in p)))
            text = (root / yml).read_text("utf-8").replace("summary: ", "summary: Edited. ", 1)
            (root / yml).write_text(text, "utf-8")
            theirs[yml] = text.encode("utf-8")
        elif operation == "remove":
            slugs = sorted({Path(p).stem for p in theirs if p.startswith("transcripts/") and p.endswith(".txt")})
            if len(slugs) > 1:
                slug = data.draw(st.sampled_from(slugs))
                for suffix in (".txt", ".yml"):
                    (project.transcripts / f"{slug}{suffix}").unlink()
                    del theirs[f"transcripts/{slug}{suffix}"]
        elif operation == "kill":  # a build killed at a random step of its switch
            point = data.draw(st.sampled_from(["stage:1", "commit:1", "committed:1", "apply:1", "delete:1", "done:1"]))
            run = cli(root, "build", fault=point)
            assert run.returncode in (0, -9), run.stderr  # killed at the point, or the point not reached
        elif operation == "touch-generated" and (project.docs / write.MANIFEST).is_file():
            generated = sorted(json.loads((project.docs / write.MANIFEST).read_text("utf-8"))["files"])
            if generated:
                page = project.docs / data.draw(st.sampled_from(generated))
                if page.is_file():
                    page.write_text(page.read_text("utf-8") + "\nEdited by hand.\n", "utf-8")
        for path, content in theirs.items():
            assert (root / path).read_bytes() == content, f"{path} changed after {operation}"
    run = cli(root, "build")
    assert run.returncode == 0, run.stderr
    for path, content in theirs.items():
        assert (root / path).read_bytes() == content, path
    manifest = json.loads((project.docs / write.MANIFEST).read_text("utf-8"))["files"]
    assert not set(manifest) & {p.removeprefix("docs/") for p in HAND_WRITTEN}


def test_a_generated_folder_that_is_a_link_is_not_written_through(project, tmp_path):
    build(project)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "mine.txt").write_text("mine", "utf-8")
    shutil.rmtree(project.docs / "kinds")
    (project.docs / "kinds").symlink_to(elsewhere)
    with pytest.raises(BuildFailed, match=r"docs/kinds: expected a folder of the output, not a link to one"):
        build(project)
    assert tree(elsewhere) == {"mine.txt": b"mine"}


def test_a_site_or_release_folder_that_is_a_file_is_refused_in_one_line(project):
    build(project)
    (project.root / "notes.txt").write_text("mine", "utf-8")
    run = mkdocs(project.root, "-d", str(project.root / "notes.txt"))
    one_line_error(run, "site_dir (mkdocs.yml, or mkdocs build -d), value: expected a folder for the site; found 'notes.txt', a file")
    run = mkdocs(project.root, DIPARCHIVE_BULK="release", DIPARCHIVE_RELEASE_URL=RELEASE, DIPARCHIVE_RELEASE_DIR="notes.txt")
    one_line_error(run, "DIPARCHIVE_RELEASE_DIR, value: expected a directory for the release's files; found 'notes.txt', a file")
    assert (project.root / "notes.txt").read_text("utf-8") == "mine"
