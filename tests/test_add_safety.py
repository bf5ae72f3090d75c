"""``diparchive add`` and the command line against hostile and faulty input (issue 22, items 4, 5,
11, 12 and 15): each refusal is one line naming the file, exit status 1, no traceback, and
transcripts/ byte for byte as it was, nothing written outside it; the valid side still works.

The command line runs as a user runs it (``python -m diparchive``), so that a traceback, a hang
(a named pipe) or a raw terminal escape would show. A read-only folder is a read-only bind mount
in a mount namespace of the command's own when the tests run as root (whom file modes do not
stop), else a folder without write permission."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHARED, copy_project, needs_shared
from diparchive import cli
from diparchive.curate.add import MAX_SLUG
from diparchive.infra.errors import InputError, escape_controls, os_error
from diparchive.infra.lock import timeout_from
from diparchive.ingest.read import MAX_CAPTURE_BYTES, read_input, read_source

SAMPLES = SHARED / "captures"
pytestmark = needs_shared("captures")  # the sample captures the cases file
UN = SAMPLES / "un" / "USA_79_2024.txt"
KREMLIN = SAMPLES / "kremlin" / "58748.html"
KREMLIN_SLUG = "2018-10-08-meeting-with-sberbank-ceo-german-gref"
HELSINKI = "2008-12-05-lavrov-osce-helsinki"
TAKEN = "expected a slug no capture uses yet (give one with --slug)"
ABORTED = "ERROR: Aborted with 1 error; nothing was written:"


@pytest.fixture
def proj(tmp_path):
    return copy_project(tmp_path / "p", slugs=[])


def run(root: Path, *args: str, env: dict | None = None, wrap=None, timeout: float = 60) -> subprocess.CompletedProcess:
    """``diparchive --root ROOT ARGS`` in a process of its own; a hang fails the test."""
    command = [sys.executable, "-m", "diparchive", "--root", str(root), *args]
    return subprocess.run(
        wrap(command) if wrap else command, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def refused(done: subprocess.CompletedProcess, *lines: str) -> None:
    """Exit status 1 and exactly these lines on stderr: no traceback, nothing else."""
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == list(lines), done.stderr
    assert done.returncode == 1


def tree(folder: Path) -> dict:
    """Every entry below ``folder``, hidden ones too, as it is: bytes, a link's target, a kind."""
    found = {}
    for entry in sorted(folder.rglob("*")):
        mode = entry.lstat().st_mode
        key = entry.relative_to(folder).as_posix()
        if stat.S_ISLNK(mode):
            found[key] = ("link", os.readlink(entry))
        elif stat.S_ISREG(mode):
            found[key] = entry.read_bytes()
        else:
            found[key] = ("dir" if stat.S_ISDIR(mode) else "other",)
    return found


def incoming(tmp_path: Path, source: Path = UN, name: str | None = None) -> Path:
    copy = tmp_path / "incoming" / (name or source.name)
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, copy)
    return copy


# --------------------------------------------------------------------------- 4. links at the destination


@pytest.mark.parametrize("suffix", [".html", ".yml", ".txt"])
def test_a_dangling_link_at_a_destination_is_refused_and_nothing_is_written_through_it(proj, tmp_path, suffix):
    outside = tmp_path / "outside" / f"planted{suffix}"
    outside.parent.mkdir()
    link = proj.transcripts / f"{KREMLIN_SLUG}{suffix}"
    link.symlink_to(outside)
    before = tree(proj.transcripts)
    done = run(proj.root, "add", str(incoming(tmp_path, KREMLIN)))
    refused(done, f"ERROR: transcripts/{link.name}: {TAKEN}; found a symbolic link to '{outside}' (add writes through no link)")
    assert tree(proj.transcripts) == before
    assert list(outside.parent.iterdir()) == []


def test_a_link_to_an_existing_file_at_a_destination_is_refused_and_the_file_left_as_it_was(proj, tmp_path):
    outside = tmp_path / "outside.yml"
    outside.write_text("a user's own file\n", "utf-8")
    (proj.transcripts / f"{KREMLIN_SLUG}.yml").symlink_to(outside)
    before = tree(proj.transcripts)
    done = run(proj.root, "add", str(incoming(tmp_path, KREMLIN)))
    refused(done, f"ERROR: transcripts/{KREMLIN_SLUG}.yml: {TAKEN}; found a symbolic link to '{outside}' (add writes through no link)")
    assert tree(proj.transcripts) == before and outside.read_text("utf-8") == "a user's own file\n"


def test_a_capture_that_is_itself_a_link_to_a_file_is_filed_as_its_bytes(proj, tmp_path):
    """The valid side: a link is refused where add writes, not where it reads."""
    capture = tmp_path / "linked.txt"
    capture.symlink_to(incoming(tmp_path))
    done = run(proj.root, "-q", "add", "--slug", "usa-79-2024", str(capture))
    assert done.returncode == 0, done.stderr
    filed = proj.transcripts / "usa-79-2024.txt"
    assert not filed.is_symlink() and filed.read_bytes() == UN.read_bytes()


# --------------------------------------------------------------------------- 5. all or nothing


LINE_BREAK_URL = """---
title: "Talks on things"
date: "2022-03-16"
source_url: "https://www.whitehouse.gov/x\\ny"
---

THE PRESIDENT:  Good afternoon, everyone.
"""


def test_a_line_break_in_the_stated_address_is_refused_before_anything_is_written(proj, tmp_path):
    capture = tmp_path / "talks.md"
    capture.write_text(LINE_BREAK_URL, "utf-8")
    before = tree(proj.transcripts)
    done = run(proj.root, "add", str(capture))
    refused(done, f"ERROR: {capture}, the drafted source.url: expected one line; found a line break in 'https://www.whitehouse.gov/x\\ny'")
    assert tree(proj.transcripts) == before
    # and add can be run again once the capture is corrected
    capture.write_text(LINE_BREAK_URL.replace("x\\ny", "x/y"), "utf-8")
    assert run(proj.root, "-q", "add", str(capture)).returncode == 0
    assert (proj.transcripts / "2022-03-16-talks-on-things.md").read_bytes() == capture.read_bytes()
    assert 'url: "https://www.whitehouse.gov/x/y"' in (proj.transcripts / "2022-03-16-talks-on-things.yml").read_text("utf-8")


def test_when_the_sidecar_cannot_be_moved_in_the_capture_is_taken_back(proj, tmp_path, caplog, monkeypatch):
    linked, real_link = [], os.link

    def link(source, target, **options):
        if str(target).endswith(".yml"):
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        real_link(source, target, **options)
        linked.append(target)

    before = tree(proj.transcripts)
    monkeypatch.setattr("diparchive.curate.add.os.link", link)
    assert cli.main(["--root", str(proj.root), "add", str(incoming(tmp_path, KREMLIN))]) == 1
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == [
        f"transcripts/{KREMLIN_SLUG}.yml: expected room on the disk; found No space left on device"
    ]
    assert [Path(p).name for p in linked] == [f"{KREMLIN_SLUG}.html"]  # it was in, and was taken back
    assert tree(proj.transcripts) == before  # no temporary name left either


def test_a_name_taken_while_add_runs_is_not_overwritten_and_the_capture_is_taken_back(proj, tmp_path, caplog, monkeypatch):
    sidecar, real_link = proj.transcripts / f"{KREMLIN_SLUG}.yml", os.link

    def link(source, target, **options):
        if Path(target) == sidecar:
            sidecar.write_text("another program's file\n", "utf-8")  # appears between the look and the move
        real_link(source, target, **options)

    monkeypatch.setattr("diparchive.curate.add.os.link", link)
    assert cli.main(["--root", str(proj.root), "add", str(incoming(tmp_path, KREMLIN))]) == 1
    assert f"transcripts/{KREMLIN_SLUG}.yml: {TAKEN}; found the file exists" in caplog.text
    assert sidecar.read_text("utf-8") == "another program's file\n"
    assert not (proj.transcripts / f"{KREMLIN_SLUG}.html").exists()
    assert sorted(p.name for p in proj.transcripts.iterdir()) == sorted(
        ["people.yml", "variants.yml", "themes.yml", "entities.yml", sidecar.name]
    )


# --------------------------------------------------------------------------- 11. no traceback, no hang


def test_a_directory_as_the_capture_is_named_as_a_directory(proj, tmp_path):
    folder = tmp_path / "captures.txt"
    folder.mkdir()
    before = tree(proj.transcripts)
    refused(run(proj.root, "add", str(folder)), f"ERROR: {folder}: expected a capture file (.txt, .md or .html); found a directory")
    assert tree(proj.transcripts) == before


def test_a_named_pipe_as_the_capture_is_refused_without_waiting_on_it(proj, tmp_path):
    pipe = tmp_path / "capture.txt"
    os.mkfifo(pipe)
    before = tree(proj.transcripts)
    refused(run(proj.root, "add", str(pipe), timeout=30), f"ERROR: {pipe}: expected a capture file (.txt, .md or .html); found a named pipe (FIFO)")
    assert tree(proj.transcripts) == before


def test_a_missing_capture_is_still_no_such_file(proj, tmp_path):
    missing = tmp_path / "nowhere.txt"
    refused(run(proj.root, "add", str(missing)), f"ERROR: {missing}: expected a capture file (.txt, .md or .html); found no such file")


@pytest.mark.parametrize("command", ["add", "build"])
def test_a_named_pipe_for_people_yml_is_refused_without_waiting_on_it(tmp_path, command):
    proj = copy_project(tmp_path / "p", slugs=[HELSINKI])
    people = proj.transcripts / "people.yml"
    people.unlink()
    os.mkfifo(people)
    before = tree(proj.transcripts)
    args = ["add", str(incoming(tmp_path))] if command == "add" else ["build"]
    done = run(proj.root, *args, timeout=30)
    message = "transcripts/people.yml: expected a YAML registry file; found a named pipe (FIFO)"
    if command == "add":
        refused(done, f"ERROR: {message}")
    else:
        refused(done, ABORTED, f"  {message}")
    assert tree(proj.transcripts) == before


@pytest.mark.parametrize("command", ["add", "build"])
def test_a_missing_transcripts_folder_is_named_as_the_folder(tmp_path, command):
    proj = copy_project(tmp_path / "p", slugs=[])
    shutil.rmtree(proj.transcripts)
    args = ["add", str(incoming(tmp_path))] if command == "add" else ["build"]
    message = "transcripts: expected a directory of transcripts; found no such directory"
    refused(run(proj.root, *args), f"ERROR: {message}" if command == "add" else ABORTED, *([] if command == "add" else [f"  {message}"]))
    assert not proj.transcripts.exists() and not (proj.root / "docs" / "transcripts").exists()


def test_an_over_long_slug_is_refused_before_anything_is_touched(proj, tmp_path):
    before = tree(proj.transcripts)
    done = run(proj.root, "add", "--slug", "a" * 300, str(incoming(tmp_path)))
    refused(done, f"ERROR: --slug: expected a slug of at most {MAX_SLUG} characters; found 300 characters")
    assert tree(proj.transcripts) == before


def test_a_slug_of_the_longest_length_is_used_and_a_long_proposed_one_is_cut_at_a_hyphen(proj, tmp_path):
    assert run(proj.root, "-q", "add", "--slug", "a" * MAX_SLUG, str(incoming(tmp_path))).returncode == 0
    assert (proj.transcripts / f"{'a' * MAX_SLUG}.txt").read_bytes() == UN.read_bytes()
    capture = tmp_path / "long.md"
    capture.write_text(f'---\ntitle: "{"Word " * 3}{"x" * 200} end"\ndate: "2022-03-16"\n---\n\nTHE PRESIDENT:  Good afternoon.\n', "utf-8")
    done = run(proj.root, "-q", "add", str(capture))
    assert done.returncode == 0, done.stderr
    assert (proj.transcripts / "2022-03-16-word-word-word.md").read_bytes() == capture.read_bytes()


@pytest.mark.parametrize("value", ["abc", "-1", "nan", "inf", "1e999", "5s"])
def test_a_lock_timeout_that_is_no_number_of_seconds_is_refused(proj, value):
    done = run(proj.root, "build", env={"DIPARCHIVE_LOCK_TIMEOUT": value})
    refused(done, ABORTED, "  DIPARCHIVE_LOCK_TIMEOUT: expected a number of seconds, 0 or more, to wait for another build "
                           f"(or unset: wait as long as it takes); found {value!r}")


@pytest.mark.parametrize(("value", "seconds"), [("", None), ("  ", None), ("0", 0.0), ("2.5", 2.5), (" 10 ", 10.0)])
def test_a_lock_timeout_of_seconds_is_read(value, seconds):
    assert timeout_from({"DIPARCHIVE_LOCK_TIMEOUT": value}) == seconds
    assert timeout_from({}) is None


@contextlib.contextmanager
def read_only(folder: Path):
    """A wrapper for a command that sees ``folder`` read-only, and the error it will meet."""
    if os.geteuid() == 0:
        probe = subprocess.run(["unshare", "-m", "sh", "-c", f"mount --bind '{folder}' '{folder}'"], capture_output=True)
        if shutil.which("unshare") is None or probe.returncode:
            pytest.skip("running as root without the right to mount a folder read-only")
        script = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$@"'
        yield (lambda command: ["unshare", "-m", "sh", "-c", script, str(folder), *command]), "Read-only file system"
        return
    mode = folder.stat().st_mode
    folder.chmod(0o555)
    try:
        yield None, "Permission denied"
    finally:
        folder.chmod(mode)


@pytest.mark.parametrize("folder", ["docs", ".cache/diparchive", "."])
def test_a_folder_the_build_cannot_write_is_named_in_one_line(tmp_path, folder):
    proj = copy_project(tmp_path / "p", slugs=[HELSINKI])
    (proj.root / ".cache" / "diparchive").mkdir(parents=True, exist_ok=True)
    if folder == ".":
        shutil.rmtree(proj.root / ".cache")
    blocked = (proj.root / folder).resolve()
    before = tree(proj.docs), tree(proj.transcripts)
    with read_only(blocked) as (wrap, found):
        done = run(proj.root, "-q", "build", wrap=wrap)
    if folder == "docs":
        refused(done, f"ERROR: docs: expected a folder diparchive can write in; found {found}")
    else:  # the build's lock, before anything is read
        shown = str(proj.root) if folder == "." else folder
        refused(done, ABORTED, f"  {shown}: expected a folder diparchive can write in; found {found}")
    assert (tree(proj.docs), tree(proj.transcripts)) == before


def test_a_transcripts_folder_add_cannot_write_is_named_and_left_as_it_was(proj, tmp_path):
    before = tree(proj.transcripts)
    with read_only(proj.transcripts) as (wrap, found):
        done = run(proj.root, "add", str(incoming(tmp_path)), wrap=wrap)
    refused(done, f"ERROR: transcripts: expected a folder diparchive can write in; found {found}")
    assert tree(proj.transcripts) == before


def test_any_os_error_reaching_the_command_line_is_one_line_naming_its_file(proj, caplog, monkeypatch):
    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(proj.docs / "index.md"))

    monkeypatch.setattr(cli, "build", full_disk)
    assert cli.main(["--root", str(proj.root), "build"]) == 1
    assert [r.getMessage() for r in caplog.records] == ["docs/index.md: expected room on the disk; found No space left on device"]


def test_an_os_error_before_the_project_is_known_is_one_line_too(monkeypatch, caplog):
    def busy(*args, **kwargs):
        raise OSError(errno.EBUSY, "Device or resource busy", "/somewhere/site")

    monkeypatch.setattr(cli.Project, "at", busy)
    assert cli.main(["build"]) == 1
    assert [r.getMessage() for r in caplog.records] == [
        "/somewhere/site: expected a file or folder no other program holds; found Device or resource busy"
    ]


def test_os_errors_name_the_folder_that_cannot_be_written(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text("x", "utf-8")
    def error(code, name):
        return str(os_error(OSError(code, os.strerror(code), str(tmp_path / name)), tmp_path))

    assert error(errno.EROFS, "docs/.next") == f"docs: expected a folder diparchive can write in; found {os.strerror(errno.EROFS)}"
    assert error(errno.EROFS, "docs/page.md") == f"docs: expected a folder diparchive can write in; found {os.strerror(errno.EROFS)}"
    assert error(errno.EACCES, "docs") == f"docs: expected a folder diparchive can write in; found {os.strerror(errno.EACCES)}"
    assert error(errno.EACCES, "docs/page.md") == f"docs/page.md: expected a file diparchive can read and write; found {os.strerror(errno.EACCES)}"
    assert error(errno.ENAMETOOLONG, "a" * 300) == f"{'a' * 300}: expected a shorter name; found {os.strerror(errno.ENAMETOOLONG)}"
    assert str(os_error(OSError(errno.EIO, "Input/output error"))) == "diparchive: expected files and folders it can read and write; found Input/output error"


# --------------------------------------------------------------------------- 12. terminal escapes


def test_a_file_name_with_terminal_escapes_is_printed_escaped(proj, tmp_path):
    capture = tmp_path / "evil\x1b]0;pwned\x07\x1b[2J\u202e.txt"
    capture.write_bytes(b"")
    before = tree(proj.transcripts)
    done = run(proj.root, "add", str(capture))
    shown = f"{tmp_path}/evil\\x1b]0;pwned\\x07\\x1b[2J\\u202e.txt"
    refused(done, f"ERROR: {shown}: expected the transcript's text; found an empty file")
    assert not {"\x1b", "\x07", "\u202e"} & set(done.stderr)
    assert tree(proj.transcripts) == before


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [("\x1b[2J", "\\x1b[2J"), ("\x07", "\\x07"), ("a\nb\tc\r", "a\\nb\\tc\\r"), ("\x7f\x85\x9b", "\\x7f\\x85\\x9b"),
     ("\u2028\u2029", "\\u2028\\u2029"), ("\u202e\u2066\u200f\u061c", "\\u202e\\u2066\\u200f\\u061c"), ("\x00", "\\x00")],
)
def test_every_part_of_a_message_has_its_control_characters_escaped(raw, escaped):
    error = InputError(f"f{raw}.txt", f"line {raw}", f"e{raw}", f"x{raw}")
    assert str(error) == f"f{escaped}.txt, line {escaped}: expected e{escaped}; found x{escaped}"


def test_ordinary_text_in_a_message_stays_as_it_is():
    text = "Хельсинки 赫尔辛基 هلسنكي é – “q” 'a' \\x1b 😀"
    assert escape_controls(text) == text
    assert str(InputError(text, "", "x", text)) == f"{text}: expected x; found {text}"


# --------------------------------------------------------------------------- 15. size


def test_a_capture_over_the_size_limit_is_refused_with_its_size_before_it_is_read(proj, tmp_path):
    capture = tmp_path / "huge.txt"
    with capture.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: read whole, it would be 50 MB of NUL bytes
    before = tree(proj.transcripts)
    done = run(proj.root, "add", str(capture))
    refused(done, f"ERROR: {capture}: expected a capture file (.txt, .md or .html) of at most 5,000,000 bytes (5 MB); found 50,000,000 bytes (50.0 MB)")
    assert tree(proj.transcripts) == before


def test_the_builds_reader_refuses_a_capture_over_the_limit_too(tmp_path):
    capture = tmp_path / "huge.txt"
    with capture.open("wb") as handle:
        handle.truncate(MAX_CAPTURE_BYTES + 1)
    with pytest.raises(InputError) as refusal:
        read_source(capture, "transcripts/huge.txt")
    assert str(refusal.value) == "transcripts/huge.txt: expected a source text file of at most 5,000,000 bytes (5 MB); found 5,000,001 bytes (5.0 MB)"


def test_the_limit_is_inclusive_and_far_above_the_largest_capture(tmp_path):
    exact = tmp_path / "exact.txt"
    exact.write_bytes(b"a\n" * 5)
    assert read_input(exact, "exact.txt", "a capture", limit=10) == b"a\n" * 5
    with pytest.raises(InputError, match="found 11 bytes"):
        exact.write_bytes(b"a\n" * 5 + b"b")
        read_input(exact, "exact.txt", "a capture", limit=10)
    largest = max((p.stat().st_size for p in SAMPLES.rglob("*") if p.is_file()), default=0)
    assert 0 < largest * 10 < MAX_CAPTURE_BYTES
