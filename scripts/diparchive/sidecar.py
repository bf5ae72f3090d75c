"""The curated metadata of a transcript: its schema, declared once, and its reader.

Each transcript ``transcripts/<slug>.txt`` has a sidecar ``transcripts/<slug>.yml`` that a person
edits. The schema below is the single declaration of what a sidecar may hold, with a docstring
per field (as MkDocs declares ``mkdocs.yml`` in ``config/defaults.py``). ``docs/about.md`` points
here; ``diparchive schema`` prints it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import BuildFailed, InputError, quote, shorten
from .model import (
    Language,
    Licence,
    LineOverride,
    PartialDate,
    Sidecar,
    Source,
    Speaker,
    ThemeOverride,
    Venue,
)

KINDS = {
    "speech": "Speech",
    "statement": "Statement",
    "press-conference": "News conference",
    "media-remarks": "Remarks and answers to media questions",
    "interview": "Interview",
    "briefing": "Briefing",
    "meeting": "Meeting (speeches and exchanges)",
    "news-report": "News report",
}
"""Kinds of document, id -> label. Speaker labels open turns only in news conferences, media
remarks, interviews, briefings and meetings; a speech or statement is its speaker's alone; a news
report has narration and quotations, no turns."""

KIND_IN_CITATION = {
    "speech": "speech",
    "statement": "statement",
    "press-conference": "news conference",
    "media-remarks": "remarks and answers to media questions",
    "interview": "interview",
    "briefing": "briefing",
    "meeting": "remarks at a meeting",
    "news-report": "news report",
}
"""How a citation names each kind of document."""

TRANSLATION = {
    "original": "Original text (not a translation)",
    "official": "Official translation by the publisher",
    "unofficial": "Unofficial translation",
    "unknown": "Translation status unknown",
}

LICENCE = {
    "unknown": "Terms of reuse unknown",
    "public-domain": "Public domain",
    "cc0-1.0": "CC0 1.0",
    "cc-by-4.0": "CC BY 4.0",
    "copyrighted": "Copyrighted; reuse needs the holder's permission",
}

LANGUAGES = {
    "ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fr": "French",
    "ru": "Russian", "uk": "Ukrainian", "zh": "Chinese", "ka": "Georgian", "tr": "Turkish",
}
"""Names for the language tags the archive shows; an unlisted tag is shown as it is."""


def language_name(tag: str) -> str:
    return LANGUAGES.get(tag.split("-")[0], tag)


READING = (
    "Every field must be one this page lists: an unknown or misspelt field (`venue.citty`) is an "
    "error, not a value silently dropped, and so is a key written twice in one mapping.",
    "A value is read as the text written: `0700`, `no` or `1.10` stay text (YAML would read a "
    "number or a yes/no); only an empty value, `~` or `null` means nothing. A required text may "
    "not be blank.",
    "YAML's anchors and aliases (`&name`, `*name`), merge keys (`<<`) and tags (`!!int`) are "
    "refused: write each value out in full.",
    "A date may not lie after the day of the build, nor before the year 1.",
    "A sidecar (like a capture or a registry) may be a symbolic link only to a file inside "
    "`transcripts/`; a linked folder is refused.",
)
"""How a sidecar (and every registry) is read: the rules the metadata page states."""

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
URL = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class FieldSpec:
    kind: str  # str | text | date | choice | list | mapping | int | url | lang | slug
    required: bool
    doc: str
    choices: tuple[str, ...] = ()


SCHEMA: dict[str, FieldSpec] = {
    "title": FieldSpec("str", True, "The page title, written by the curator (not the capture's headline)."),
    "date": FieldSpec(
        "date",
        True,
        "When it was said: YYYY-MM-DD, YYYY-MM or YYYY. Write only what is known; a date known "
        "to the month or the year stays so and is shown so.",
    ),
    "date_basis": FieldSpec("text", True, "How the date is known: where the source states it, or what establishes it."),
    "time": FieldSpec("str", False, "The time of day as the source states it, e.g. '13:20' or '1:01 P.M. EDT'."),
    "kind": FieldSpec("choice", True, "Kind of document.", tuple(KINDS)),
    "summary": FieldSpec("text", True, "One or two sentences saying what the transcript is about."),
    "venue": FieldSpec("mapping", True, "Where it was said."),
    "venue.event": FieldSpec("str", True, "The event or meeting, e.g. 'OSCE Ministerial Council'."),
    "venue.series": FieldSpec(
        "str", False, "The recurring event it belongs to, if the event's name is numbered or dated "
        "('OSCE Ministerial Council' for the '28th OSCE Ministerial Council'); defaults to the event."
    ),
    "venue.place": FieldSpec("str", False, "The building or site, e.g. 'NATO headquarters'."),
    "venue.city": FieldSpec("str", False, "City, if known."),
    "venue.country": FieldSpec("str", False, "Country, if known."),
    "speakers": FieldSpec(
        "list",
        True,
        "Who speaks, in order of first appearance: each '{person: <people.yml id>, role: <office "
        "held then>}'; the id 'unknown' stands for a speaker the source does not identify. Empty "
        "for a news report, whose narration is nobody's speech.",
    ),
    "main_speaker": FieldSpec(
        "slug",
        False,
        "The person whose opening statement comes before the first speaker label; defaults to the "
        "first speaker. Write 'null' for none.",
    ),
    "anonymous": FieldSpec(
        "list", False, "Labels of voices the transcript does not name (e.g. 'SENIOR ADMINISTRATION OFFICIAL'): "
        "each is a voice of its own in this transcript, not a person of the registry."
    ),
    "quoted": FieldSpec("list", False, "People quoted (not speaking) in a report: people.yml ids."),
    "language": FieldSpec("mapping", True, "Language of the text and whether it is a translation."),
    "language.text": FieldSpec("lang", True, "Language of this text (BCP 47, e.g. 'en')."),
    "language.original": FieldSpec("lang", True, "Language in which it was said or first written."),
    "language.translation": FieldSpec("choice", True, "Translation status of this text.", tuple(TRANSLATION)),
    "language.translator": FieldSpec("str", False, "Who translated, if known."),
    "language.note": FieldSpec("text", False, "Anything a reader should know about the translation."),
    "source": FieldSpec("mapping", True, "Where the capture comes from."),
    "source.publisher": FieldSpec("str", False, "Who published the captured page, if known."),
    "source.url": FieldSpec("url", False, "The captured page's address, only where the capture states it."),
    "source.credit_line": FieldSpec(
        "str", False, "The capture's own credit line, verbatim (it must occur as a line of the source)."
    ),
    "source.headline": FieldSpec(
        "list",
        False,
        "The capture's own title lines, verbatim (each must occur as a line of the source); they "
        "are kept here and removed from the text by the rule 'source-headline'.",
    ),
    "source.capture": FieldSpec("str", True, "The file name under which the capture arrived."),
    "source.added": FieldSpec("date", True, "The day the capture was added to the archive (YYYY-MM-DD)."),
    "source.original_publisher": FieldSpec("str", False, "Publisher of the original, for a translation or a reprint."),
    "source.original_url": FieldSpec("url", False, "Address of the original, only where the capture states it."),
    "licence": FieldSpec("mapping", True, "Terms of reuse, as far as known."),
    "licence.status": FieldSpec("choice", True, "Licence status.", tuple(LICENCE)),
    "licence.note": FieldSpec("text", True, "What is known of the terms and how."),
    "licence.url": FieldSpec("url", False, "Where the terms are stated."),
    "keep": FieldSpec(
        "list",
        False,
        "Source lines a cleaning rule would remove but that are the transcript's words: "
        "'{line: N, reason: ...}'.",
    ),
    "remove": FieldSpec(
        "list",
        False,
        "Source lines that are page furniture no rule recognises: '{line: N, reason: ...}'; "
        "reported under the rule 'curated-removal'.",
    ),
    "theme_overrides": FieldSpec(
        "list",
        False,
        "Themes a curator adds to or removes from one paragraph: '{line: N, add: <theme id>, reason: "
        "...}' or '{line: N, remove: <theme id>, reason: ...}'; N is the paragraph's source line.",
    ),
    "narration": FieldSpec(
        "list",
        False,
        "Source lines that are the publisher's narration (a stage direction, a report of what happens) "
        "though no rule recognises them: '{line: N, reason: ...}'; kept and shown as narration, credited to no speaker.",
    ),
    "draft": FieldSpec(
        "list",
        False,
        "Fields that 'diparchive add' drafted from the capture and a curator has not yet reviewed (dotted "
        "paths such as 'venue.city'); remove a path once its value is checked.",
    ),
    "not_speaker_labels": FieldSpec(
        "list",
        False,
        "Text that opens a paragraph like a speaker label ('Tuesday:') but is not one.",
    ),
}


# --------------------------------------------------------------------------- YAML with lines


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader (libyaml's, where PyYAML has it: several times faster) that reads every plain
    value as the text the curator wrote: YAML 1.1 would make ``0700`` the number 448, ``no`` a
    boolean and ``2021-02-30`` a failed date. Only ``null`` (``~``, an empty value) is read as
    nothing; each field's own check says what its text must be."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.yaml_implicit_resolvers = {k: v for k, v in _Loader.yaml_implicit_resolvers.items() if v}

PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "null", "seq", "map")}
"""The only kinds of YAML node curated input may hold: text, nothing, lists and mappings."""

MAX_DEPTH = 32
"""How deep curated YAML may nest (a sidecar nests three deep). Deeper input is refused before
it is read into Python, whose reader recurses (and libyaml's crashes past some 50,000 levels)."""

SMALL = 10_000
"""Up to this many characters a file cannot nest deeply enough to trouble the parser; a larger
one is first checked event by event (a linear pass) before it is composed."""


def _tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _check_events(text: str, shown: str) -> None:
    """One linear pass over the parser's events: no anchors or aliases (an alias repeats a node,
    and aliases of aliases make a few hundred bytes name billions of values), no deep nesting."""
    loader = _Loader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            line = f"line {event.start_mark.line + 1}"
            if isinstance(event, yaml.AliasEvent):
                raise InputError(shown, line, "YAML without anchors or aliases (write each value out in full)", f"the alias '*{event.anchor}'")
            if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                raise InputError(shown, line, "YAML without anchors or aliases (write each value out in full)", f"the anchor '&{event.anchor}'")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise InputError(shown, line, f"YAML nested at most {MAX_DEPTH} deep", "deeper nesting")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()


def _key_lines(node: yaml.Node, shown: str, prefix: str = "", depth: int = 0) -> dict[str, int]:
    """Map dotted field paths to the 1-based line where each key stands; refuse tags, keys that
    are not text, keys written twice (the second would silently replace the first) and deep
    nesting. Without aliases every node is visited once."""
    if depth > MAX_DEPTH:
        raise InputError(shown, f"line {node.start_mark.line + 1}", f"YAML nested at most {MAX_DEPTH} deep", "deeper nesting")
    if node.tag not in PLAIN_TAGS:
        raise InputError(shown, f"line {node.start_mark.line + 1}", "YAML without tags (write the value as plain text)", f"the tag {_tag(node.tag)!r}")
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise InputError(shown, f"line {line}", "a key of plain text", "a list or a mapping used as a key")
            _key_lines(key_node, shown, prefix, depth + 1)  # its tag
            if key_node.value in first:
                raise InputError(shown, f"line {line}", "each key once in a mapping", f"{key_node.value!r} again (first on line {first[key_node.value]})")
            first[key_node.value] = line
            path = f"{prefix}{key_node.value}"
            lines[path] = line
            lines.update(_key_lines(value_node, shown, path + ".", depth + 1))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = f"{prefix[:-1]}[{index}]"
            lines[path] = item.start_mark.line + 1
            lines.update(_key_lines(item, shown, path + ".", depth + 1))
    return lines


def load_yaml(path: Path, shown: str, what: str = "a YAML metadata file") -> tuple[Any, dict[str, int]]:
    """Parse a YAML file of curated input (``what`` names it when it is missing); return its
    data, in which every value is text, None, a list or a mapping, and the line of every key.
    Time is linear in the file's bytes: anchors, aliases, tags and deep nesting are refused."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(shown, "", what, "no such file") from None
    except IsADirectoryError:
        raise InputError(shown, "", what, "a folder") from None
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(shown, f"line {line}", "UTF-8 text", f"the byte 0x{raw[exc.start]:02x}") from None
    return load_yaml_text(text, shown)


def load_yaml_text(text: str, shown: str) -> tuple[Any, dict[str, int]]:
    """``load_yaml`` for text already read (a Markdown capture's header, say)."""
    try:
        if len(text) > SMALL or "&" in text or "*" in text:
            _check_events(text, shown)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()  # one parse: the node tree gives the keys' lines
            lines = _key_lines(node, shown) if node is not None else {}
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(shown, where, "well-formed YAML", problem) from None
    return data, lines


def kind_of(value: Any) -> str:
    """How a message names a value of the wrong kind: 'nothing', 'a list', 'a mapping', 'text 'x''."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping" if value else "an empty mapping"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    return f"text {shorten(str(value))}"


# --------------------------------------------------------------------------- reading


class _Reader:
    """Checks one sidecar against SCHEMA, collecting every problem before giving up."""

    def __init__(self, shown: str, data: dict, lines: dict[str, int]):
        self.shown = shown
        self.data = data
        self.lines = lines
        self.errors: list[InputError] = []

    def where(self, path: str) -> str:
        line = self.lines.get(path) or self.lines.get(path.rsplit(".", 1)[0])
        return f"field '{path}'" + (f" (line {line})" if line else "")

    def fail(self, path: str, expected: str, found: str) -> None:
        self.errors.append(InputError(self.shown, self.where(path), expected, found))

    def raw(self, path: str) -> Any:
        value: Any = self.data
        for part in path.split("."):
            if not isinstance(value, dict):
                return None
            value = value.get(part)
        return value

    def get(self, path: str) -> Any:
        spec = SCHEMA[path]
        value = self.raw(path)
        if value is None or value == [] or value == {} or (isinstance(value, str) and not value.strip()):
            if spec.required and spec.kind != "list":
                found = "nothing" if value is None or value == "" else "only white space" if isinstance(value, str) else kind_of(value)
                self.fail(path, f"a value ({spec.doc})", found)
            return None if spec.kind != "list" else []
        checker = getattr(self, f"_check_{spec.kind}")
        return checker(path, spec, value)

    def _check_str(self, path: str, spec: FieldSpec, value: Any) -> str | None:
        if not isinstance(value, str):
            self.fail(path, "text", f"{kind_of(value)} {quote(value)}")
            return None
        return " ".join(value.split())

    def _check_text(self, path: str, spec: FieldSpec, value: Any) -> str | None:
        return self._check_str(path, spec, value)

    def _check_choice(self, path: str, spec: FieldSpec, value: Any) -> str | None:
        if not isinstance(value, str) or value not in spec.choices:
            self.fail(path, "one of " + ", ".join(spec.choices), shorten(str(value)))
            return None
        return value

    def _check_url(self, path: str, spec: FieldSpec, value: Any) -> str | None:
        if not isinstance(value, str) or not URL.match(value):
            self.fail(path, "an http(s) address", shorten(str(value)))
            return None
        return value

    def _check_lang(self, path: str, spec: FieldSpec, value: Any) -> str | None:
        if not isinstance(value, str) or not LANGUAGE_TAG.match(value):
            self.fail(path, "a language tag such as 'en' or 'ru'", shorten(str(value)))
            return None
        return value

    def _check_slug(self, path: str, spec: FieldSpec, value: Any) -> str | None:
        if not isinstance(value, str) or not SLUG.match(value):
            self.fail(path, "an id of lowercase letters, digits and hyphens", shorten(str(value)))
            return None
        return value

    def _check_mapping(self, path: str, spec: FieldSpec, value: Any) -> dict | None:
        if not isinstance(value, dict):
            self.fail(path, "a mapping of fields", kind_of(value))
            return None
        return value

    def _check_list(self, path: str, spec: FieldSpec, value: Any) -> list:
        if not isinstance(value, list):
            self.fail(path, "a list", kind_of(value))
            return []
        return value

    def _check_date(self, path: str, spec: FieldSpec, value: Any) -> PartialDate | None:
        try:
            date = parse_date(value)
        except ValueError as exc:
            self.fail(path, "a real date as YYYY-MM-DD, YYYY-MM or YYYY", f"{shorten(str(value))} ({exc})")
            return None
        if date.sort_key > dt.date.today().timetuple()[:3]:  # even its earliest day is to come
            self.fail(path, "a real date as YYYY-MM-DD, YYYY-MM or YYYY", f"{shorten(str(value))} (after the day of the build)")
            return None
        return date

    def unknown_keys(self) -> None:
        """Every field must be one the schema declares: a misspelt field is an error, not a
        value silently dropped."""

        def walk(value: Any, prefix: str) -> None:
            if not isinstance(value, dict):
                return
            for key, inner in value.items():
                path = f"{prefix}{key}"
                if path not in SCHEMA:
                    if prefix:
                        parent = prefix[:-1]
                        known = ", ".join(p.split(".", 1)[1] for p in SCHEMA if p.startswith(prefix))
                        self.fail(path, f"a field of '{parent}' ({known})", shorten(str(key)))
                    else:
                        self.fail(path, "a field of the metadata schema (docs/about/metadata.md)", shorten(str(key)))
                elif SCHEMA[path].kind == "mapping":
                    walk(inner, path + ".")

        walk(self.data, "")

    def unknown_item_keys(self, path: str, index: int, item: Any, fields: tuple[str, ...]) -> None:
        """The same for one item of a list of mappings (a speaker, a line override)."""
        if isinstance(item, dict):
            for key in item:
                if key not in fields:
                    self.fail(f"{path}[{index}].{key}", f"a field of '{path}[{index}]' ({', '.join(fields)})", shorten(str(key)))


def parse_date(value: Any) -> PartialDate:
    """Read ``2008-12-05``, ``2009-12`` or ``1946`` (YAML may hand a date, an int or a string)."""
    if isinstance(value, dt.datetime):
        raise ValueError("a time of day is not part of a date here")
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if not match:
        raise ValueError("not of the form YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = (int(g) if g else None for g in match.groups())
    if year == 0:
        raise ValueError("there is no year 0")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"there is no month {month}")
    if day is not None:
        dt.date(year, month, day)  # raises ValueError "day is out of range for month"
    return PartialDate(year, month, day)


LINE_NUMBER = re.compile(r"[1-9][0-9]*")


def _line_number(value: Any) -> int | None:
    """A source line number as written (``34``; YAML's ``0700`` would be the octal 448)."""
    return int(value) if isinstance(value, str) and LINE_NUMBER.fullmatch(value.strip()) else None


def _overrides(reader: _Reader, path: str) -> tuple[LineOverride, ...]:
    result = []
    for index, item in enumerate(reader.get(path)):
        item_path = f"{path}[{index}]"
        reader.unknown_item_keys(path, index, item, ("line", "reason"))
        line = _line_number(item.get("line")) if isinstance(item, dict) else None
        reason = item.get("reason") if isinstance(item, dict) else None
        if line is None:
            written = item.get("line") if isinstance(item, dict) and item.get("line") is not None else item
            reader.errors.append(InputError(reader.shown, reader.where(item_path), "'line:' a source line number such as 34", shorten(str(written))))
            continue
        if not isinstance(reason, str) or not reason.strip():
            reader.errors.append(InputError(reader.shown, reader.where(item_path), "'reason:' why the line is overridden", "no reason"))
            continue
        result.append(LineOverride(line, " ".join(reason.split())))
    return tuple(result)


def _theme_overrides(reader: _Reader) -> tuple[ThemeOverride, ...]:
    result = []
    for index, item in enumerate(reader.get("theme_overrides")):
        where = reader.where(f"theme_overrides[{index}]")
        reader.unknown_item_keys("theme_overrides", index, item, ("line", "add", "remove", "reason"))
        actions = [a for a in ("add", "remove") if isinstance(item, dict) and a in item]
        line = _line_number(item.get("line")) if isinstance(item, dict) else None
        reason = item.get("reason") if isinstance(item, dict) else None
        if len(actions) != 1 or line is None:
            reader.errors.append(InputError(reader.shown, where, "'{line: N, add: <theme id>, reason: ...}' or the same with 'remove:'", shorten(str(item))))
            continue
        theme = item[actions[0]]
        if not isinstance(theme, str) or not SLUG.match(theme):
            reader.errors.append(InputError(reader.shown, where, "a theme id from transcripts/themes.yml", shorten(str(theme))))
            continue
        if not isinstance(reason, str) or not reason.strip():
            reader.errors.append(InputError(reader.shown, where, "'reason:' why the theme is added or removed", "no reason"))
            continue
        result.append(ThemeOverride(line, theme, actions[0], " ".join(reason.split())))
    return tuple(result)


def read_sidecar(path: Path, slug: str, shown: str) -> Sidecar:
    """Read and check one sidecar; raise the first error or a BuildFailed of all of them."""
    data, lines = load_yaml(path, shown)
    if not isinstance(data, dict):
        raise InputError(shown, "", "a mapping of metadata fields", kind_of(data) if data is not None else "an empty file")
    r = _Reader(shown, data, lines)
    r.unknown_keys()

    speakers = []
    for index, item in enumerate(r.get("speakers")):
        item_path = f"speakers[{index}]"
        if isinstance(item, str):
            item = {"person": item}
        r.unknown_item_keys("speakers", index, item, ("person", "role", "labels"))
        person = item.get("person") if isinstance(item, dict) else None
        role = item.get("role") if isinstance(item, dict) else None
        labels = item.get("labels") if isinstance(item, dict) else None
        if labels is not None and (not isinstance(labels, list) or not all(isinstance(x, str) and x.strip() for x in labels)):
            r.errors.append(InputError(shown, r.where(item_path), "'labels:' a list of role labels as printed, such as [THE PRESIDENT]", shorten(str(labels))))
            continue
        if not isinstance(person, str) or not SLUG.match(person):
            r.errors.append(InputError(shown, r.where(item_path), "'person:' a people.yml id", shorten(str(item))))
            continue
        if role is not None and not isinstance(role, str):
            r.errors.append(InputError(shown, r.where(item_path), "'role:' text", shorten(str(role))))
            continue
        speakers.append(Speaker(person, " ".join(role.split()) if role else None, tuple(" ".join(x.split()) for x in labels or ())))

    quoted = []
    for index, item in enumerate(r.get("quoted")):
        if not isinstance(item, str) or not SLUG.match(item):
            r.errors.append(InputError(shown, r.where(f"quoted[{index}]"), "a people.yml id", shorten(str(item))))
        else:
            quoted.append(item)

    headline = []
    for index, item in enumerate(r.get("source.headline")):
        if not isinstance(item, str) or not item.strip():
            r.errors.append(InputError(shown, r.where(f"source.headline[{index}]"), "a line of the source", shorten(str(item))))
        else:
            headline.append(item)

    def texts(path: str, expected: str) -> tuple[str, ...]:
        found = []
        for index, item in enumerate(r.get(path)):
            if not isinstance(item, str) or not item.strip():
                r.errors.append(InputError(shown, r.where(f"{path}[{index}]"), expected, shorten(str(item))))
            else:
                found.append(" ".join(item.split()))
        return tuple(found)

    anonymous = texts("anonymous", "a label as printed, such as SENIOR ADMINISTRATION OFFICIAL")
    draft = texts("draft", "a field path such as venue.city")
    for index, path in enumerate(draft):
        if path not in SCHEMA:
            r.errors.append(InputError(shown, r.where(f"draft[{index}]"), "a field of the metadata schema", shorten(path)))

    not_labels = []
    for index, item in enumerate(r.get("not_speaker_labels")):
        if not isinstance(item, str):
            r.errors.append(InputError(shown, r.where(f"not_speaker_labels[{index}]"), "text", shorten(str(item))))
        else:
            not_labels.append(item)

    if "main_speaker" in data:
        main_speaker = r.get("main_speaker")
    else:
        main_speaker = speakers[0].person if speakers else None

    values = {
        "title": r.get("title"),
        "date": r.get("date"),
        "date_basis": r.get("date_basis"),
        "kind": r.get("kind"),
        "summary": r.get("summary"),
        "venue": r.get("venue")
        and Venue(r.get("venue.event"), r.get("venue.city"), r.get("venue.country"), r.get("venue.place"), r.get("venue.series")),
        "language": r.get("language")
        and Language(
            r.get("language.text"),
            r.get("language.original"),
            r.get("language.translation"),
            r.get("language.translator"),
            r.get("language.note"),
        ),
        "source": r.get("source")
        and Source(
            publisher=r.get("source.publisher"),
            url=r.get("source.url"),
            credit_line=r.get("source.credit_line"),
            headline=tuple(headline),
            capture=r.get("source.capture"),
            added=(lambda d: d.iso if d else None)(r.get("source.added")),
            original_publisher=r.get("source.original_publisher"),
            original_url=r.get("source.original_url"),
        ),
        "licence": r.get("licence") and Licence(r.get("licence.status"), r.get("licence.note"), r.get("licence.url")),
    }
    keep = _overrides(r, "keep")
    narration = _overrides(r, "narration")
    remove = _overrides(r, "remove")
    theme_overrides = _theme_overrides(r)
    added = values["source"].added if values["source"] else None
    if added and values["source"] and len(added) != 10:
        r.fail("source.added", "a full date YYYY-MM-DD", added)

    if values["kind"] == "news-report" and speakers:
        r.fail("speakers", "no speakers for a news report (list the people it quotes under 'quoted')", f"{len(speakers)} speakers")
    if main_speaker and main_speaker not in {s.person for s in speakers}:
        r.fail("main_speaker", "one of the persons listed under 'speakers'", shorten(main_speaker))

    if r.errors:
        if len(r.errors) == 1:
            raise r.errors[0]
        raise BuildFailed(r.errors)
    return Sidecar(
        slug=slug,
        path=path,
        speakers=tuple(speakers),
        main_speaker=main_speaker,
        quoted=tuple(quoted),
        keep=keep,
        remove=remove,
        not_speaker_labels=tuple(not_labels),
        main_speaker_given="main_speaker" in data,
        anonymous=anonymous,
        narration=narration,
        draft=draft,
        time=r.get("time"),
        theme_overrides=theme_overrides,
        **values,
    )


def schema_text() -> str:
    """The schema as documentation: one line per field."""
    rows = []
    for path, spec in SCHEMA.items():
        need = "required" if spec.required else "optional"
        choices = f" One of: {', '.join(spec.choices)}." if spec.choices else ""
        rows.append(f"{path} ({spec.kind}, {need}): {spec.doc}{choices}")
    return "\n".join(rows)
