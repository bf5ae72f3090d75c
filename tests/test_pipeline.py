"""The whole build: staleness of docs/, determinism, bad input that leaves docs/ intact, the CLI."""

import logging
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, copy_project
from diparchive.publish import browse, render, write
from diparchive.cli import main
from diparchive.infra.errors import BuildFailed
from diparchive.pipeline import Project, build, gather


def snapshot(docs):
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}


def test_the_committed_pages_under_docs_are_up_to_date():
    stale = build(Project.at(ROOT), check=True)
    assert stale == [], "docs/ is stale; run '.venv/bin/diparchive build' and commit:\n" + "\n".join(stale)


def test_the_same_input_gives_byte_identical_pages(project, tmp_path):
    build(project)
    first = snapshot(project.docs)
    other = copy_project(tmp_path / "again")
    build(other)
    assert snapshot(other.docs) == first
    assert build(project).written == ()


def test_a_page_no_longer_generated_is_deleted_and_hand_written_pages_are_kept(project):
    build(project)
    (project.transcripts / "2008-12-05-lavrov-osce-helsinki.txt").unlink()
    (project.transcripts / "2008-12-05-lavrov-osce-helsinki.yml").unlink()
    summary = build(project)
    assert "transcripts/2008-12-05-lavrov-osce-helsinki.md" in summary.deleted
    assert (project.docs / "about" / "index.md").is_file()


def test_the_writer_refuses_paths_it_does_not_own(tmp_path):
    with pytest.raises(ValueError, match="refusing to write outside the generated paths: about/index.md"):
        write.write_pages(tmp_path, {"about/index.md": "x"})


BAD_INPUTS = {
    "malformed metadata": (
        lambda t: (t / "2008-12-05-lavrov-osce-helsinki.yml").write_text("title: [oops\n"),
        "transcripts/2008-12-05-lavrov-osce-helsinki.yml, line 2: expected well-formed YAML; found",
    ),
    "missing metadata": (
        lambda t: (t / "2008-12-05-lavrov-osce-helsinki.yml").unlink(),
        "transcripts/2008-12-05-lavrov-osce-helsinki.yml: expected the metadata file for 2008-12-05-lavrov-osce-helsinki.txt; found no such file",
    ),
    "missing source": (
        lambda t: (t / "2008-12-05-lavrov-osce-helsinki.txt").unlink(),
        "transcripts/2008-12-05-lavrov-osce-helsinki.txt: expected the source text for 2008-12-05-lavrov-osce-helsinki.yml (or its .md or .html capture); found no such file",
    ),
    "missing date": (
        lambda t: (t / "2008-12-05-lavrov-osce-helsinki.yml").write_text(
            (t / "2008-12-05-lavrov-osce-helsinki.yml").read_text().replace("date: 2008-12-05\n", "")
        ),
        "transcripts/2008-12-05-lavrov-osce-helsinki.yml, field 'date': expected a value (When it was said",
    ),
    "impossible date": (
        lambda t: (t / "2008-12-05-lavrov-osce-helsinki.yml").write_text(
            (t / "2008-12-05-lavrov-osce-helsinki.yml").read_text().replace("date: 2008-12-05", "date: 2008-02-30")
        ),
        "transcripts/2008-12-05-lavrov-osce-helsinki.yml, field 'date' (line 2): expected a real date as YYYY-MM-DD, YYYY-MM or YYYY; found '2008-02-30' (day is out of range for month)",
    ),
    "unknown speaker label": (
        lambda t: (t / "2008-12-05-lavrov-osce-helsinki.txt").write_text(
            (t / "2008-12-05-lavrov-osce-helsinki.txt").read_text().replace("Foreign Minister Lavrov: They", "Foreign Minister Smith: They")
        ),
        "transcripts/2008-12-05-lavrov-osce-helsinki.txt, line 34: expected a speaker label known to transcripts/people.yml",
    ),
    "speaker with no registry entry": (
        lambda t: (t / "2008-12-05-lavrov-osce-helsinki.yml").write_text(
            (t / "2008-12-05-lavrov-osce-helsinki.yml").read_text().replace("sergey-lavrov", "sergei-lavrov")
        ),
        "transcripts/2008-12-05-lavrov-osce-helsinki.yml, field 'speakers': expected a person with an entry in transcripts/people.yml; found 'sergei-lavrov'",
    ),
    "duplicate slug": (
        lambda t: ((t / "2009").mkdir(), shutil.copy(t / "2008-12-05-lavrov-osce-helsinki.txt", t / "2009"), shutil.copy(t / "2008-12-05-lavrov-osce-helsinki.yml", t / "2009")),
        "transcripts/2009/2008-12-05-lavrov-osce-helsinki.txt, file name: expected a slug used by one capture only; found the slug '2008-12-05-lavrov-osce-helsinki' of transcripts/2008-12-05-lavrov-osce-helsinki.txt too",
    ),
    "empty source": (
        lambda t: (t / "2008-12-05-lavrov-osce-helsinki.txt").write_bytes(b""),
        "transcripts/2008-12-05-lavrov-osce-helsinki.txt: expected the transcript's text; found an empty file",
    ),
    "binary source": (
        lambda t: (t / "2008-12-05-lavrov-osce-helsinki.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        "transcripts/2008-12-05-lavrov-osce-helsinki.txt, line 3: expected a text file; found a NUL byte (is this a binary file?)",
    ),
    "non-UTF-8 bytes": (
        lambda t: (t / "2008-12-05-lavrov-osce-helsinki.txt").write_bytes(
            (t / "2008-12-05-lavrov-osce-helsinki.txt").read_bytes().replace(b"Helsinki, 5 December", b"Helsinki, 5 D\xe9cember")
        ),
        "transcripts/2008-12-05-lavrov-osce-helsinki.txt, line 12, byte 191: expected UTF-8 text; found the byte 0xe9, which is not UTF-8",
    ),
    "bad slug": (
        lambda t: [(t / f"2008-12-05-lavrov-osce-helsinki{s}").rename(t / f"Lavrov Helsinki{s}") for s in (".txt", ".yml")],
        "transcripts/Lavrov Helsinki.txt, file name: expected a slug of lowercase letters, digits and hyphens",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_gets_one_clear_message_and_leaves_docs_intact(project, caplog, case):
    build(project)
    before = snapshot(project.docs)
    damage, message = BAD_INPUTS[case]
    damage(project.transcripts)
    status = main(["--root", str(project.root), "build"])
    err = caplog.text
    assert status == 1
    assert message in err
    assert "nothing was written" in err
    assert snapshot(project.docs) == before


def test_all_errors_are_reported_before_aborting(project):
    (project.transcripts / "2008-12-05-lavrov-osce-helsinki.txt").write_bytes(b"")
    (project.transcripts / "2021-12-02-lavrov-osce-stockholm.yml").write_text("title: x\n")
    with pytest.raises(BuildFailed) as failed:
        gather(project)
    files = {e.file for e in failed.value.errors}
    assert files == {"transcripts/2008-12-05-lavrov-osce-helsinki.txt", "transcripts/2021-12-02-lavrov-osce-stockholm.yml"}


def test_check_reports_stale_pages_without_writing(project, caplog):
    build(project)
    page = project.docs / "transcripts" / "2008-12-05-lavrov-osce-helsinki.md"
    page.write_text("edited by hand\n")
    assert main(["--root", str(project.root), "build", "--check"]) == 1
    assert "stale: docs/transcripts/2008-12-05-lavrov-osce-helsinki.md: differs" in caplog.text
    assert page.read_text() == "edited by hand\n"


class LargeCatalogue:
    """5,000 made-up transcripts over 20 years, as browse pages see a collection."""

    def __init__(self):
        from types import SimpleNamespace

        from diparchive.model import PartialDate

        self.items = [
            browse.Item(f"s{i}", f"T{i}", PartialDate(2000 + i % 20, 1 + i % 12), "V", "S", "C", "K", "P", "speech") for i in range(5000)
        ]
        self.paras = []
        self.registries = SimpleNamespace(themes=[])

    def newest_first(self):
        return sorted(self.items, key=lambda i: i.order, reverse=True)


def test_the_home_page_and_the_chronology_stay_small_for_a_large_archive():
    pages = {**browse.home(LargeCatalogue(), render.ENV, render.page), **browse.chronology(LargeCatalogue(), render.ENV, render.page)}
    home = pages["index.md"]
    assert home.count("](transcripts/") == browse.HOME_LATEST
    assert "(250)" in home and "These are the 20 most recent." in home
    assert pages["years/index.md"].count("](../transcripts/") == 0  # beyond the limit: years only
    assert pages["years/2019.md"].count("](../transcripts/") == 250
    assert "December 2019" in pages["years/2019.md"]  # a date known to the month stays so


def test_mkdocs_builds_the_site_strictly_with_source_text_shown_as_written(small_project):
    nasty = "Sergey Lavrov: *not bold* _nor this_ <script>alert(1)</script> [x](y) {: .c } &amp; `code` # hash"
    (small_project.transcripts / "2020-01-02-test.txt").write_text(
        f"Good afternoon.\n\n1. Not a list\n\n> not a quote\n\n# not a heading\n\n{nasty}\n", "utf-8"
    )
    build(small_project)
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=small_project.root, capture_output=True, text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 0, run.stderr
    html = (small_project.root / "site" / "transcripts" / "2020-01-02-test" / "index.html").read_text()
    for shown in ["1. Not a list", "&gt; not a quote", "# not a heading", "*not bold* _nor this_ &lt;script&gt;alert(1)&lt;/script&gt; [x](y) {: .c } &amp;amp; `code` # hash"]:
        assert shown in html
    assert "<script>alert(1)" not in html and "<em>" not in html and "<ol>" not in html and "<blockquote>" not in html


def test_a_lazy_gather_gives_the_same_transcripts_in_date_order_without_holding_them(project):
    eager, _ = gather(project)
    stored, _ = gather(project, lazy=True)
    assert not isinstance(stored, list) and len(stored) == len(eager) == 4
    in_order = sorted(eager, key=lambda t: (t.meta.date.sort_key, t.meta.slug))
    assert [t.meta.slug for t in stored] == [t.meta.slug for t in in_order]
    assert [t.blocks for t in stored] == [t.blocks for t in in_order]
    for path in (project.root / ".cache" / "diparchive").glob("*.json"):
        path.unlink()
    with pytest.raises(BuildFailed, match="cached transcript"):
        list(stored)


def test_pages_converted_in_parallel_are_byte_identical_to_mkdocs_own(tmp_path):
    """prerender.py converts the generated pages outside MkDocs for a large archive; forced on
    here, the whole site must come out exactly as MkDocs alone makes it."""
    built = {}
    for mode in ("off", "on"):
        out = tmp_path / mode
        run = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=ROOT, capture_output=True, text=True,
            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "DIPARCHIVE_SEARCH_INDEX": "false", "DIPARCHIVE_PARALLEL_RENDER": mode},
        )
        assert run.returncode == 0, run.stderr
        assert ("generated pages in" in run.stderr) == (mode == "on"), run.stderr
        built[mode] = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert built["on"].keys() == built["off"].keys()
    assert [path for path in built["on"] if built["on"][path] != built["off"][path]] == []
    assert b'id="L14"' in built["on"]["transcripts/2008-12-05-lavrov-osce-helsinki/index.html"]


@pytest.mark.parametrize("mode", ["off", "on"])
def test_a_broken_link_in_a_generated_page_fails_a_strict_build_converted_either_way(small_project, mode):
    build(small_project)
    people = small_project.docs / "people" / "index.md"
    people.write_text(people.read_text("utf-8") + "\n[a link](../nowhere.md)\n", "utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=small_project.root, capture_output=True, text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "DIPARCHIVE_SEARCH_INDEX": "false", "DIPARCHIVE_PARALLEL_RENDER": mode},
    )
    assert run.returncode != 0
    assert "Doc file 'people/index.md' contains a link '../nowhere.md'" in run.stderr


def test_an_unchanged_transcript_comes_from_the_cache_and_an_edited_one_is_processed_again(project, caplog):
    build(project)
    cached = {p.name: p.read_bytes() for p in (project.root / ".cache" / "diparchive").glob("*.json")}
    assert len(cached) == 4
    sidecar = project.transcripts / "2009-12-04-nato-russia-council-brussels.yml"
    sidecar.write_text(sidecar.read_text("utf-8").replace("summary: ", "summary: Edited for a test. ", 1), "utf-8")
    caplog.clear()
    caplog.set_level(logging.INFO, logger="diparchive")
    summary = build(project)
    assert "normalised 4 transcripts (3 from the cache)" in caplog.text
    assert summary.written and "transcripts/2009-12-04-nato-russia-council-brussels.md" in summary.written
    assert "Edited for a test." in (project.docs / "transcripts" / "2009-12-04-nato-russia-council-brussels.md").read_text("utf-8")
    after = {p.name: p.read_bytes() for p in (project.root / ".cache" / "diparchive").glob("*.json")}
    assert len(set(after) - set(cached)) == 1 and all(after[name] == data for name, data in cached.items() if name in after)


def test_pages_rendered_in_parallel_are_the_pages_rendered_one_by_one():
    """pipeline.render_in_parallel: forked processes render the pages they inherit; each text
    stands where its function stood, the same text, and the other pages are left alone."""
    import functools

    from diparchive.pipeline import PARALLEL_FROM, render_in_parallel

    def make(n: int) -> str:
        return f"---\ntitle: page {n}\n---\n\n" + "words " * n + "\n"

    pages = {f"transcripts/t{n}.md": functools.partial(make, n) for n in range(PARALLEL_FROM + 6)}
    pages["index.md"] = functools.partial(make, -1)
    render_in_parallel(pages, [p for p in pages if p.startswith("transcripts/")])
    assert all(pages[f"transcripts/t{n}.md"] == make(n) for n in range(PARALLEL_FROM + 6))
    assert callable(pages["index.md"])
