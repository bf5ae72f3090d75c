"""Bad input: refuse clearly, lose nothing, leak nothing.

One table of bad inputs, each with the one message the build must give for it; every case must
leave docs/ byte for byte as it was and add nothing to .cache/. Valid variants of the input (line
endings, a byte order mark, blank lines, a link within transcripts/) are handled. A property test
feeds random bytes and random YAML to every reader: each gives a clean InputError or BuildFailed,
never another exception.
"""

from __future__ import annotations

import copy
import json
import os
import re
import resource
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SIDECAR, copy_project
from diparchive.infra.errors import BuildFailed, InputError
from diparchive.enrich.mentions import read_gazetteer
from diparchive.ingest.people import Registry, read_people
from diparchive.pipeline import Project, build
from diparchive.ingest.read import read_source
from diparchive.ingest.sidecar import SCHEMA, read_sidecar
from diparchive.enrich.themes import read_themes

HELSINKI = "2008-12-05-lavrov-osce-helsinki"
THEMES_END = len((Path(__file__).resolve().parent.parent / "transcripts" / "themes.yml").read_text("utf-8").splitlines())
"""The last line of the vocabulary: a theme added after it starts on the next."""
STOCKHOLM = "2021-12-02-lavrov-osce-stockholm"
LIMIT = 20
"""Seconds any one case may take (an alias bomb on a reader that walks every path takes hours)."""


# --------------------------------------------------------------------------- changes to the input


def sub(old: str, new: str) -> Callable[[Path], None]:
    """Replace the first ``old`` in the file by ``new``."""

    def change(path: Path) -> None:
        text = path.read_text("utf-8")
        assert old in text, f"{old!r} is not in {path.name}"
        path.write_text(text.replace(old, new, 1), "utf-8")

    return change


def add(text: str) -> Callable[[Path], None]:
    """Append ``text`` to the file."""

    def change(path: Path) -> None:
        path.write_text(path.read_text("utf-8") + text, "utf-8")

    return change


def put(data: bytes) -> Callable[[Path], None]:
    """Make the file hold exactly ``data``."""
    return lambda path: path.write_bytes(data)


def edit_bytes(transform: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(transform(path.read_bytes()))


def gone() -> Callable[[Path], None]:
    return lambda path: path.unlink()


def link(target: str, make: Callable[[Path], None] | None = None) -> Callable[[Path], None]:
    """Replace the file by a symbolic link to ``target`` (relative to the file's folder); ``make``
    creates the target from the file first (e.g. a copy of it outside transcripts/)."""

    def change(path: Path) -> None:
        if make is not None:
            make(path)
        if path.exists() or path.is_symlink():
            path.unlink()
        path.symlink_to(target)

    return change


def copy_to(relative: str) -> Callable[[Path], None]:
    """Copy the file to ``relative`` (from its folder), creating folders."""

    def make(path: Path) -> None:
        target = path.parent / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)

    return make


def fake_git_config(path: Path) -> None:
    target = path.parent.parent / ".git" / "config"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("[core]\n\trepositoryformatversion = 0\n[remote \"origin\"]\n\turl = https://token@example.org/x.git\n")


def linked_folder(target: str, slug: str = "2023-01-01-outside") -> Callable[[Path], None]:
    """Make ``path`` a link to the folder ``target`` holding one valid transcript."""

    def change(path: Path) -> None:
        folder = (path.parent / target).resolve()
        folder.mkdir(parents=True, exist_ok=True)
        transcripts = path.parent
        shutil.copy(transcripts / f"{HELSINKI}.txt", folder / f"{slug}.txt")
        shutil.copy(transcripts / f"{HELSINKI}.yml", folder / f"{slug}.yml")
        path.symlink_to(target)

    return change


def fifo() -> Callable[[Path], None]:
    """Replace the file by a named pipe (reading it would wait for ever)."""

    def change(path: Path) -> None:
        path.unlink()
        os.mkfifo(path)

    return change


def folder() -> Callable[[Path], None]:
    """Replace the file by a folder of the same name."""

    def change(path: Path) -> None:
        path.unlink()
        path.mkdir()

    return change


def grown(size: int) -> Callable[[Path], None]:
    """Make the file ``size`` bytes long (sparse: no disk is used)."""
    return lambda path: path.open("ab").truncate(size)


def renamed(name: str) -> Callable[[Path], None]:
    return lambda path: path.rename(path.with_name(name))


def alias_bomb(levels: int = 9, key: str = "x") -> str:
    """A few hundred bytes that name 10**levels strings through aliases."""
    lines = [f"{key}0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels + 1):
        lines.append(f"{key}{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def people_bomb(levels: int = 9) -> str:
    """The same in people.yml: the last person's aliases name 10**levels spellings."""
    return "bomb-person:\n  name: Bomb\n  description: x\n  aliases: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"bomb-{n}:\n  name: Bomb {n}\n  description: x\n  aliases: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]\n" for n in range(1, levels + 1)
    )


# --------------------------------------------------------------------------- the catalogue


@dataclass(frozen=True)
class Case:
    file: str  # the input, under transcripts/
    change: Callable[[Path], None]
    message: str | tuple[str, ...]  # the one message (or, for the order of errors, all of them)


S = f"transcripts/{HELSINKI}.yml"
T = f"transcripts/{HELSINKI}.txt"
ST = f"transcripts/{STOCKHOLM}.yml"
OUTSIDE = "expected a file inside transcripts/ (a link may point only to a file there)"
FOLDER = "expected a folder, not a link to one (a linked folder is not read)"
NO_ANCHORS = "expected YAML without anchors or aliases (write each value out in full)"
DATE = "expected a real date as YYYY-MM-DD, YYYY-MM or YYYY"
SIGNAL = "expected a signal of words, not a regular expression: with a letter or digit, none of \\ ^ $ | ? + ( ) [ ] { }, and '*' only at the end of a word, for the rest of it ('terroris*'); found"

BAD = {
    # -- links: nothing outside transcripts/ is read, no folder is silently skipped
    "capture linked outside transcripts/": Case(
        f"{HELSINKI}.txt", link("../outside/helsinki.txt", copy_to("../outside/helsinki.txt")),
        f"{T}: {OUTSIDE}; found a link to '../outside/helsinki.txt'",
    ),
    "capture linked to the repository's .git/config": Case(
        f"{HELSINKI}.txt", link("../.git/config", fake_git_config), f"{T}: {OUTSIDE}; found a link to '../.git/config'"
    ),
    "capture linked to /etc/os-release": Case(f"{HELSINKI}.txt", link("/etc/os-release"), f"{T}: {OUTSIDE}; found a link to '/etc/os-release'"),
    "capture linked to nothing": Case(
        f"{HELSINKI}.txt", link("missing.txt"), f"{T}: expected a file inside transcripts/ (a link may point only to a file there); found a link to 'missing.txt', which leads to no file"
    ),
    "sidecar linked outside transcripts/": Case(
        f"{HELSINKI}.yml", link("../outside/helsinki.yml", copy_to("../outside/helsinki.yml")),
        f"{S}: {OUTSIDE}; found a link to '../outside/helsinki.yml'",
    ),
    "people.yml linked outside transcripts/": Case(
        "people.yml", link("../outside/people.yml", copy_to("../outside/people.yml")),
        f"transcripts/people.yml: {OUTSIDE}; found a link to '../outside/people.yml'",
    ),
    "themes.yml linked outside transcripts/": Case(
        "themes.yml", link("../outside/themes.yml", copy_to("../outside/themes.yml")),
        f"transcripts/themes.yml: {OUTSIDE}; found a link to '../outside/themes.yml'",
    ),
    "folder linked outside transcripts/": Case("more", linked_folder("../elsewhere"), f"transcripts/more: {FOLDER}; found a link to '../elsewhere'"),
    "folder linked inside transcripts/": Case("more", linked_folder("2023"), f"transcripts/more: {FOLDER}; found a link to '2023'"),
    # -- YAML anchors and aliases: refused before anything walks them
    "sidecar alias bomb, 9 levels": Case(f"{HELSINKI}.yml", add(alias_bomb()), f"{S}, line 42: {NO_ANCHORS}; found the anchor '&a0'"),
    "people.yml alias bomb, 9 levels": Case("people.yml", add(people_bomb()), f"transcripts/people.yml, line 101: {NO_ANCHORS}; found the anchor '&a0'"),
    "one alias in a sidecar": Case(
        f"{HELSINKI}.yml", sub("  city: Helsinki\n  country: Finland", "  city: &c Helsinki\n  country: *c"), f"{S}, line 11: {NO_ANCHORS}; found the anchor '&c'"
    ),
    "an alias without its anchor": Case(f"{HELSINKI}.yml", sub("  country: Finland", "  country: *c"), f"{S}, line 12: {NO_ANCHORS}; found the alias '*c'"),
    "a merge key": Case(
        "themes.yml", sub("  related: [security-guarantees, nato-enlargement, osce]\n", "  related: [security-guarantees, nato-enlargement, osce]\n  <<: {x: 1}\n"),
        "transcripts/themes.yml, theme 1, field '<<' (line 22): expected one of the fields counter_examples, description, examples, id, label, related, signals; found '<<'",
    ),
    # -- empty required mappings: a message, not a traceback
    "venue: {}": Case(f"{HELSINKI}.yml", sub("venue:\n  event: OSCE Ministerial Council\n  city: Helsinki\n  country: Finland\n", "venue: {}\n"), f"{S}, field 'venue' (line 9): expected a value (Where it was said.); found an empty mapping"),
    "language: {}": Case(
        f"{HELSINKI}.yml", lambda p: p.write_text(re.sub(r"^language:\n(  .*\n)+", "language: {}\n", p.read_text("utf-8"), count=1, flags=re.M), "utf-8"),
        f"{S}, field 'language' (line 18): expected a value (Language of the text and whether it is a translation.); found an empty mapping",
    ),
    "source: {}": Case(
        f"{HELSINKI}.yml",
        lambda p: p.write_text(re.sub(r"^source:\n(  .*\n)+", "source: {}\n", p.read_text("utf-8"), count=1, flags=re.M), "utf-8"),
        f"{S}, field 'source' (line 26): expected a value (Where the capture comes from.); found an empty mapping",
    ),
    "licence: {}": Case(
        f"{HELSINKI}.yml",
        lambda p: p.write_text(re.sub(r"^licence:\n(  .*\n)+", "licence: {}\n", p.read_text("utf-8"), count=1, flags=re.M), "utf-8"),
        f"{S}, field 'licence' (line 35): expected a value (Terms of reuse, as far as known.); found an empty mapping",
    ),
    # -- duplicate keys: the second would silently replace the first
    "a sidecar's title twice": Case(f"{HELSINKI}.yml", add("title: Another title\n"), f"{S}, line 42: expected each key once in a mapping; found 'title' again (first on line 1)"),
    "a venue's city twice": Case(f"{HELSINKI}.yml", sub("  country: Finland\n", "  country: Finland\n  city: Espoo\n"), f"{S}, line 13: expected each key once in a mapping; found 'city' again (first on line 11)"),
    "a person twice in people.yml": Case(
        "people.yml", add("sergey-lavrov:\n  name: Sergey Lavrov\n  description: Another.\n"),
        "transcripts/people.yml, line 98: expected each key once in a mapping; found 'sergey-lavrov' again (first on line 4)",
    ),
    "a theme's label twice": Case(
        "themes.yml", sub("  label: Indivisibility of security\n", "  label: Indivisibility of security\n  label: Indivisible security\n"),
        "transcripts/themes.yml, line 7: expected each key once in a mapping; found 'label' again (first on line 6)",
    ),
    "an organisation twice in entities.yml": Case(
        "entities.yml", sub("organisations:\n", "organisations:\n  nato:\n    name: NATO\n    description: The alliance.\n"),
        "transcripts/entities.yml, line 21: expected each key once in a mapping; found 'nato' again (first on line 6)",
    ),
    # -- unknown fields are errors, everywhere
    "a misspelt venue.citty": Case(f"{HELSINKI}.yml", sub("  city: Helsinki", "  citty: Helsinki"), f"{S}, field 'venue.citty' (line 11): expected a field of 'venue' (event, series, place, city, country); found 'citty'"),
    "an unknown top-level field": Case(
        f"{HELSINKI}.yml", add("speaker_notes: typo\n"), f"{S}, field 'speaker_notes' (line 42): expected a field of the metadata schema (docs/about/metadata.md); found 'speaker_notes'"
    ),
    "an unknown field of a speaker": Case(
        f"{HELSINKI}.yml", sub("    role: Minister", "    office: Minister"), f"{S}, field 'speakers[0].office' (line 15): expected a field of 'speakers[0]' (person, role, country, labels); found 'office'"
    ),
    "an unknown field of a kept line": Case(
        f"{HELSINKI}.yml", add("keep:\n  - line: 3\n    reason: A test.\n    note: x\n"), f"{S}, field 'keep[0].note' (line 45): expected a field of 'keep[0]' (line, reason); found 'note'"
    ),
    "an unknown field of an organisation": Case(
        "entities.yml", sub("    aliases: [OSCE, ", "    aliasses: [OSCE, "),
        "transcripts/entities.yml, entry 'organisations.osce', field 'aliasses' (line 9): expected one of the fields aliases, description, name; found 'aliasses'",
    ),
    "an unknown section of entities.yml": Case(
        "entities.yml", add("treaties:\n  x:\n    name: X\n    description: Y.\n"),
        "transcripts/entities.yml, field 'treaties' (line 95): expected one of the sections organisations, agreements; found 'treaties'",
    ),
    # -- values accepted today that are wrong
    "a blank title": Case(f"{HELSINKI}.yml", sub("title: Sergey Lavrov's remarks and answers to Russian media after the OSCE Ministerial Council in Helsinki", "title: '  '"), f"{S}, field 'title' (line 1): expected a value (The page title, written by the curator (not the capture's headline).); found only white space"),
    "a date in the future": Case(f"{HELSINKI}.yml", sub("date: 2008-12-05", "date: 2999-12-31"), f"{S}, field 'date' (line 2): {DATE}; found '2999-12-31' (after the day of the build)"),
    "a year in the future": Case(f"{HELSINKI}.yml", sub("date: 2008-12-05", "date: 2999"), f"{S}, field 'date' (line 2): {DATE}; found '2999' (after the day of the build)"),
    "a capture added in the future": Case(f"{HELSINKI}.yml", sub("added: 2026-11-23", "added: 2999-01-01"), f"{S}, field 'source.added' (line 34): {DATE}; found '2999-01-01' (after the day of the build)"),
    "year 0": Case(f"{HELSINKI}.yml", sub("date: 2008-12-05", "date: 0000-01"), f"{S}, field 'date' (line 2): {DATE}; found '0000-01' (there is no year 0)"),
    "0700, an octal number to YAML": Case(f"{HELSINKI}.yml", sub("kind: media-remarks", "kind: 0700"), f"{S}, field 'kind' (line 4): expected one of speech, statement, press-conference, media-remarks, press-statements, interview, briefing, press-availability, background-call, panel, meeting, talks, greetings, news-report, telephone-conversation; found '0700'"),
    "a language tag YAML reads as a hexadecimal number": Case(f"{HELSINKI}.yml", sub("  original: ru", "  original: 0x1F"), f"{S}, field 'language.original' (line 20): expected a language tag such as 'en' or 'ru'; found '0x1F'"),
    "a YAML type tag": Case(f"{HELSINKI}.yml", sub("title: Sergey", "title: !!binary Sergey"), f"{S}, line 1: expected YAML without tags (write the value as plain text); found the tag '!!binary'"),
    "a Python object tag": Case(f"{HELSINKI}.yml", add("x: !!python/object/apply:os.system [echo]\n"), f"{S}, line 42: expected YAML without tags (write the value as plain text); found the tag '!!python/object/apply:os.system'"),
    "a line number with leading zeros": Case(
        f"{HELSINKI}.yml", add("keep:\n  - line: 0700\n    reason: A test.\n"), f"{S}, field 'keep[0]' (line 43): expected 'line:' a source line number such as 34; found '0700'"
    ),
    "themes.yml missing": Case("themes.yml", gone(), "transcripts/themes.yml: expected the vocabulary of themes (a list of themes with their signals); found no such file"),
    "entities.yml missing": Case("entities.yml", gone(), "transcripts/entities.yml: expected the registry of organisations and agreements; found no such file"),
    # -- pages that would overwrite each other
    "two series whose names slugify alike": Case(
        f"{STOCKHOLM}.yml", sub("  series: OSCE Ministerial Council", "  series: OSCE Ministerial-Council"),
        f"{ST}, field 'venue.series' (line 11): expected a name whose page is its own; found 'OSCE Ministerial-Council', whose page events/osce-ministerial-council.md is also that of the event series 'OSCE Ministerial Council' (transcripts/{HELSINKI}.yml)",
    ),
    "a series named Index": Case(
        f"{STOCKHOLM}.yml", sub("  series: OSCE Ministerial Council", "  series: Index"),
        f"{ST}, field 'venue.series' (line 11): expected a name whose page is its own; found 'Index', whose page events/index.md is also that of the list of events and places",
    ),
    "an event named Index": Case(
        f"{HELSINKI}.yml", sub("  event: OSCE Ministerial Council", "  event: Index"),
        f"{S}, field 'venue.event' (line 10): expected a name whose page is its own; found 'Index', whose page events/index.md is also that of the list of events and places",
    ),
    "a person whose id is index": Case(
        "people.yml", sub("dmitry-medvedev:", "index:"),
        "transcripts/people.yml, entry 'index' (line 34): expected a name whose page is its own; found 'index', whose page people/index.md is also that of the list of people",
    ),
    "a theme whose id is index": Case(
        "themes.yml", add("- id: index\n  label: Index\n  description: A test.\n  signals: [zzyzx]\n"),
        f"transcripts/themes.yml, theme 18, field 'id' (line {THEMES_END + 1}): expected a name whose page is its own; found 'index', whose page themes/index.md is also that of the overview of themes",
    ),
    "an organisation whose id is index": Case(
        "entities.yml", sub("organisations:\n", "organisations:\n  index:\n    name: Index\n    description: A test.\n    aliases: [Rome]\n"),
        "transcripts/entities.yml, entry 'organisations.index' (line 6): expected a name whose page is its own; found 'index', whose page mentioned/index.md is also that of the list of who and what is mentioned",
    ),
    # -- identifiers checked whole, signals that are words, inputs that are files, and their size
    "a theme signal that is a pattern": Case(
        "themes.yml", add("- id: pattern\n  label: Pattern\n  description: A test.\n  signals: ['(a+)+']\n"),
        f"transcripts/themes.yml, theme 18, field 'signals' (line {THEMES_END + 4}): {SIGNAL} '(a+)+'",
    ),
    "a theme signal that is a bracket": Case(
        "themes.yml", add("- id: pattern\n  label: Pattern\n  description: A test.\n  signals: ['[']\n"),
        f"transcripts/themes.yml, theme 18, field 'signals' (line {THEMES_END + 4}): {SIGNAL} '['",
    ),
    "a theme signal that is a star": Case(
        "themes.yml", add("- id: pattern\n  label: Pattern\n  description: A test.\n  signals: ['*']\n"),
        f"transcripts/themes.yml, theme 18, field 'signals' (line {THEMES_END + 4}): {SIGNAL} '*'",
    ),
    "a theme id with a final line break": Case(
        "themes.yml", add("- id: \"pattern\\n\"\n  label: Pattern\n  description: A test.\n  signals: [zzyzx]\n"),
        f"transcripts/themes.yml, theme 18, field 'id' (line {THEMES_END + 1}): expected an id of lowercase letters, digits and hyphens; found 'pattern\\n'",
    ),
    "a person id with a final line break": Case(
        "people.yml", sub("dmitry-medvedev:", "\"dmitry-medvedev\\n\":"),
        "transcripts/people.yml, entry 'dmitry-medvedev\\n' (line 34): expected an id of lowercase letters, digits and hyphens; found 'dmitry-medvedev\\n'",
    ),
    "a source address with a line break": Case(
        f"{HELSINKI}.yml", sub("source:\n", "source:\n  url: \"https://example.org/a\\nb\"\n"),
        f"{S}, field 'source.url' (line 27): expected an http(s) address; found 'https://example.org/a\\nb'",
    ),
    "a capture's name with a final line break": Case(
        f"{HELSINKI}.txt", renamed(f"{HELSINKI}\n.txt"),
        (
            f"transcripts/{HELSINKI}\\n.txt, file name: expected a slug of lowercase letters, digits and hyphens, e.g. 2008-12-05-lavrov-osce-helsinki.txt; found '{HELSINKI}\\n.txt'",
            f"{T}: expected the source text for 2008-12-05-lavrov-osce-helsinki.yml (or its .md or .html capture); found no such file",
        ),
    ),
    "a capture's name holding terminal escapes": Case(
        f"{HELSINKI}.txt", renamed(f"{HELSINKI}\x1b]0;x\x07.txt"),
        (
            f"transcripts/{HELSINKI}\\x1b]0;x\\x07.txt, file name: expected a slug of lowercase letters, digits and hyphens, e.g. 2008-12-05-lavrov-osce-helsinki.txt; found '{HELSINKI}\\x1b]0;x\\x07.txt'",
            f"{T}: expected the source text for 2008-12-05-lavrov-osce-helsinki.yml (or its .md or .html capture); found no such file",
        ),
    ),
    "a capture that is a folder": Case(f"{HELSINKI}.txt", folder(), f"{T}: expected the source text for 2008-12-05-lavrov-osce-helsinki.yml (or its .md or .html capture); found a directory"),
    "a capture that is a named pipe": Case(f"{HELSINKI}.txt", fifo(), f"{T}: expected the source text for 2008-12-05-lavrov-osce-helsinki.yml (or its .md or .html capture); found a named pipe (FIFO)"),
    "people.yml a named pipe": Case("people.yml", fifo(), "transcripts/people.yml: expected a YAML registry file; found a named pipe (FIFO)"),
    "a capture over 5 MB": Case(
        f"{HELSINKI}.txt", grown(6_000_000),
        f"{T}: expected a source text file of at most 5,000,000 bytes (5 MB); found 6,000,000 bytes (6.0 MB)",
    ),
    # -- messages that misled
    "an alias claimed by three people": Case(
        "people.yml", add("".join(f"{p}-smith:\n  name: {p.upper()} Smith\n  description: x\n  aliases: [Smith]\n" for p in "abc")),
        "transcripts/people.yml, entry 'b-smith' (line 105): expected an alias that belongs to one person only; found 'Smith', also an alias of 'a-smith' and 'c-smith'",
    ),
    "an empty theme signal": Case(
        "themes.yml", add("- id: empty\n  label: Empty\n  description: A test.\n  signals: ['']\n"),
        f"transcripts/themes.yml, theme 18, field 'signals' (line {THEMES_END + 4}): expected a list of text; found ['']",
    ),
    "a variant group of one": Case("variants.yml", sub("- [Kiev, Kyiv]", "- [Kiev]"), "transcripts/variants.yml, item 2 (line 6): expected a list of two or more spellings; found ['Kiev']"),
    "variants.yml not a list": Case("variants.yml", put(b"Kiev: Kyiv\n"), "transcripts/variants.yml: expected a list of groups of spellings; found a mapping"),
    "errors in file and line order": Case(
        f"{HELSINKI}.yml",
        lambda p: [change(p) for change in (sub("title: Sergey Lavrov's remarks and answers to Russian media after the OSCE Ministerial Council in Helsinki", "title: ' '"), sub("kind: media-remarks", "kind: tweet"), sub("  original: ru", "  original: r1"))],
        (
            f"{S}, field 'title' (line 1): expected a value (The page title, written by the curator (not the capture's headline).); found only white space",
            f"{S}, field 'kind' (line 4): expected one of speech, statement, press-conference, media-remarks, press-statements, interview, briefing, press-availability, background-call, panel, meeting, talks, greetings, news-report, telephone-conversation; found 'tweet'",
            f"{S}, field 'language.original' (line 20): expected a language tag such as 'en' or 'ru'; found 'r1'",
        ),
    ),
}

HANDLED = {
    "a sidecar with CRLF line endings": (f"{HELSINKI}.yml", edit_bytes(lambda b: b.replace(b"\n", b"\r\n"))),
    "a sidecar with a byte order mark": (f"{HELSINKI}.yml", edit_bytes(lambda b: b"\xef\xbb\xbf" + b)),
    "a sidecar with blank lines between fields": (f"{HELSINKI}.yml", edit_bytes(lambda b: b.replace(b"\nvenue:", b"\n\n\nvenue:"))),
    "people.yml with CRLF line endings": ("people.yml", edit_bytes(lambda b: b.replace(b"\n", b"\r\n"))),
    "a capture with CRLF line endings": (f"{HELSINKI}.txt", edit_bytes(lambda b: b.replace(b"\n", b"\r\n"))),
    "a capture with a byte order mark": (f"{HELSINKI}.txt", edit_bytes(lambda b: b"\xef\xbb\xbf" + b)),
    "a capture linked within transcripts/": (f"{HELSINKI}.txt", link("sources/helsinki.capture", copy_to("sources/helsinki.capture"))),
    "variants.yml missing (optional)": ("variants.yml", gone()),
}


# --------------------------------------------------------------------------- running a case


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Project:
    """The project, built once: each case breaks a copy of it."""
    project = copy_project(tmp_path_factory.mktemp("template") / "project")
    build(project)
    return project


@pytest.fixture
def fresh(template, tmp_path) -> Project:
    root = tmp_path / "project"
    shutil.copytree(template.root, root, symlinks=True)
    return Project.at(root)


def files(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def run(root: Path, *args: str) -> tuple[int, str]:
    """``diparchive --root ROOT build ...`` in a process of its own, stopped after LIMIT seconds
    and at 2 GiB of memory (an alias bomb read path by path takes hours and gigabytes); returns
    its exit status and what it logged as errors."""

    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))

    try:
        done = subprocess.run(
            [sys.executable, "-m", "diparchive", "--quiet", "--root", str(root), "build", *args],
            capture_output=True, text=True, timeout=LIMIT, preexec_fn=limit_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"diparchive {' '.join(['build', *args])} took more than {LIMIT} s")
    errors = done.stderr[done.stderr.find("ERROR: "):] if "ERROR: " in done.stderr else ""
    return done.returncode, errors


def logged(messages: tuple[str, ...]) -> str:
    noun = "error" if len(messages) == 1 else "errors"
    return "\n".join([f"ERROR: Aborted with {len(messages)} {noun}; nothing was written:", *(f"  {m}" for m in messages)]) + "\n"


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_refused_with_one_clear_message_and_nothing_written_or_cached(fresh, case):
    row = BAD[case]
    docs, cache = files(fresh.docs), files(fresh.root / ".cache")
    row.change(fresh.transcripts / row.file)
    messages = row.message if isinstance(row.message, tuple) else (row.message,)
    assert run(fresh.root) == (1, logged(messages))
    assert files(fresh.docs) == docs, "docs/ changed"
    assert files(fresh.root / ".cache") == cache, ".cache/ changed"


def masked(pages: dict[str, bytes]) -> dict[str, bytes]:
    """Pages with the capture's checksum left out (its bytes differ in a CRLF or BOM variant), and
    the manifest of what the build wrote, which holds each page's checksum, with it."""
    return {path: re.sub(rb"sha256: [0-9a-f]{64}", b"sha256: ...", text) for path, text in pages.items() if path != ".diparchive-manifest.json"}


@pytest.mark.parametrize("case", sorted(HANDLED))
def test_valid_variants_of_the_input_build_the_same_pages(fresh, case):
    name, change = HANDLED[case]
    docs = files(fresh.docs)
    change(fresh.transcripts / name)
    assert run(fresh.root) == (0, "")
    assert masked(files(fresh.docs)) == masked(docs)


def test_check_writes_nothing_not_even_the_cache(fresh):
    docs, cache = files(fresh.docs), files(fresh.root / ".cache")
    assert run(fresh.root, "--check") == (0, "")
    assert files(fresh.docs) == docs
    assert files(fresh.root / ".cache") == cache, "--check wrote to .cache/"


READ = """
import json, sys, time
from pathlib import Path
from diparchive.ingest.people import read_people
from diparchive.ingest.sidecar import read_sidecar
path = Path(sys.argv[2])
started = time.perf_counter()
try:
    read_sidecar(path, "t", "t.yml") if sys.argv[1] == "sidecar" else read_people(path, "people.yml")
    message = None
except Exception as error:
    message = f"{type(error).__name__}: {error}"
print(json.dumps({"message": message, "seconds": time.perf_counter() - started}))
"""


def read_apart(reader: str, path: Path) -> dict:
    """Read a file with the sidecar or people reader in a process of its own, bounded in time and
    memory: what the reader said and how long it took."""

    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))

    try:
        done = subprocess.run([sys.executable, "-c", READ, reader, str(path)], capture_output=True, text=True, timeout=LIMIT, preexec_fn=limit_memory)
    except subprocess.TimeoutExpired:
        pytest.fail(f"reading {path.name} took more than {LIMIT} s")
    assert done.returncode == 0, f"the reader died ({done.returncode}): {done.stderr[-300:]}"
    return json.loads(done.stdout)


def test_an_alias_bomb_is_refused_in_under_a_second(tmp_path):
    (tmp_path / "t.yml").write_text("title: x\n" + alias_bomb(levels=9), "utf-8")
    (tmp_path / "people.yml").write_text(people_bomb(), "utf-8")
    sidecar = read_apart("sidecar", tmp_path / "t.yml")
    assert sidecar["message"] == f"InputError: t.yml, line 2: {NO_ANCHORS}; found the anchor '&a0'"
    assert sidecar["seconds"] < 1
    people = read_apart("people", tmp_path / "people.yml")
    assert people["message"] == f"InputError: people.yml, line 4: {NO_ANCHORS}; found the anchor '&a0'"
    assert people["seconds"] < 1


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000 + "]" * 100_000, "- " * 100_000 + "x\n", "a:\n" + "".join(" " * n + f"k{n}:\n" for n in range(1, 3000))],
    ids=["flow", "compact-sequences", "indented-mappings"],
)
def test_deep_nesting_is_refused_by_a_message_not_a_crash(tmp_path, text):
    """libyaml's composer recurses: some 50,000 levels crash the process."""
    (tmp_path / "t.yml").write_text(text, "utf-8")
    read = read_apart("sidecar", tmp_path / "t.yml")
    assert read["message"].startswith("InputError: t.yml, line ")
    assert read["message"].endswith(": expected YAML nested at most 32 deep; found deeper nesting")
    assert read["seconds"] < 1


# --------------------------------------------------------------------------- properties

def readers(tmp: Path):
    """Each reader of curated input, as a function of the file's bytes."""
    from diparchive.ingest.variants import read_variants  # here, not above: the module is new with these checks

    registry = Registry({})

    def reading(name, read):
        def go(data: bytes):
            path = tmp / name
            path.write_bytes(data)
            return read(path, name)

        return go

    return {
        "sidecar": reading("t.yml", lambda p, n: read_sidecar(p, "t", n)),
        "people": reading("people.yml", read_people),
        "themes": reading("themes.yml", read_themes),
        "entities": reading("entities.yml", lambda p, n: read_gazetteer(p, n, registry)),
        "variants": reading("variants.yml", read_variants),
        "capture": reading("t.txt", read_source),
    }


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20),
    st.sampled_from(["", " ", "2008-12-05", "0000-01", "2999", "speech", "en", "sergey-lavrov", "x", "*a", "&a", "~", "0700"]),
)
keys = st.one_of(st.text(max_size=12), st.sampled_from(sorted({p.split(".")[-1] for p in SCHEMA} | {"id", "name", "aliases", "signals", "organisations", "agreements", "person", "line", "reason"})))
documents = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)), max_leaves=25)
VALID = {  # a valid file of each kind, for random edits to start from
    "sidecar": yaml.safe_load(SIDECAR),
    "people": {"a-b": {"name": "A B", "description": "x", "aliases": ["B"]}},
    "themes": [{"id": "a", "label": "A", "description": "x", "signals": ["a*"], "related": [], "examples": ["a"], "counter_examples": []}],
    "entities": {"organisations": {"a": {"name": "A", "description": "x", "aliases": ["A"]}}, "agreements": {}},
    "variants": [["Kiev", "Kyiv"]],
}


EXAMPLES = int(os.environ.get("BAD_INPUT_EXAMPLES", 300))
"""How many random inputs the property test tries (more: BAD_INPUT_EXAMPLES=5000)."""


@st.composite
def edited(draw, kind: str) -> str:
    """A valid file of ``kind`` with one value somewhere replaced, or one field added, at random."""
    data = copy.deepcopy(VALID[kind])
    target = data
    while isinstance(target, (dict, list)) and target and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(target) if isinstance(target, dict) else range(len(target))))
        if not isinstance(target[key], (dict, list)) or not target[key]:
            target[key] = draw(documents)
            break
        target = target[key]
    else:
        if isinstance(target, dict):
            target[draw(keys)] = draw(documents)
        elif isinstance(target, list):
            target.append(draw(documents))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


soup = st.lists(
    st.sampled_from(["a: ", "- ", "  ", "&x ", "*x ", "!!int ", "[", "]", "{", "}", ": ", "\n", "? ", "'", '"', "#", "|", ">", "\t", "title", "x", "1", "\ufeff", "\r\n", "<<: ", "---\n"]),
    max_size=30,
).map("".join)
"""Text made of YAML's punctuation: most of it malformed."""


def inputs(kind: str):
    texts = [documents.map(lambda d: yaml.safe_dump(d, allow_unicode=True)), soup, st.text(max_size=200)]
    if kind in VALID:
        texts.insert(0, edited(kind))
    return st.one_of(st.binary(max_size=300), st.one_of(texts).map(lambda t: t.encode("utf-8", "surrogatepass")))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(kind=st.sampled_from(["sidecar", "people", "themes", "entities", "variants", "capture"]), data=st.data())
def test_any_bytes_give_a_clean_error_or_a_reading(tmp_path, kind, data):
    """Random bytes, random YAML and valid files randomly edited, to every reader: each reads
    the file or refuses it with an InputError or BuildFailed, never another exception."""
    blob = data.draw(inputs(kind), label="file")
    try:
        readers(tmp_path)[kind](blob)
    except (InputError, BuildFailed) as failed:
        assert str(failed)
