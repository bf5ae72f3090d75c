"""The curated metadata of a transcript: its schema, declared once, and its reader.

Each transcript ``transcripts/<slug>.txt`` has a sidecar ``transcripts/<slug>.yml`` that a person
edits. The schema below is the single declaration of what a sidecar may hold, with a docstring
per field (as MkDocs declares ``mkdocs.yml`` in ``config/defaults.py``). ``docs/about.md`` points
here; ``diparchive schema`` prints it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from diparchive import model
from diparchive.infra.errors import InputError, shorten
from diparchive.infra.schema import (  # SLUG, kind_of and parse_date are imported from here by other modules
    SLUG,
    Checker,
    Choice,
    Date,
    Day,
    Declaration,
    Invalid,
    LanguageTag,
    LineNumber,
    List,
    Nested,
    Slug,
    Text,
    Url,
    dump,
    fields,
    kind_of,
    parse_date,
)

KINDS = {
    "speech": "Speech",
    "statement": "Statement",
    "press-conference": "News conference",
    "media-remarks": "Remarks and answers to media questions",
    "press-statements": "Press statements",
    "interview": "Interview",
    "briefing": "Briefing",
    "press-availability": "Press availability",
    "background-call": "Background call",
    "panel": "Panel discussion",
    "meeting": "Meeting (speeches and exchanges)",
    "talks": "Talks",
    "greetings": "Greetings or message",
    "news-report": "News report",
    "telephone-conversation": "Telephone conversation (news report)",
}
"""Kinds of document, id -> label. Speaker labels open turns in news conferences, media remarks,
press statements, interviews, briefings, meetings and talks; a speech, a statement or a message of
greetings (or condolences) is its speaker's alone; a news report, and the report of a telephone
conversation, has narration and quotations, no turns (``REPORT_KINDS``)."""

REPORT_KINDS = frozenset({"news-report", "telephone-conversation"})
"""Kinds of document that are the publisher's report: all narration (people quoted, not speaking),
so no speakers and no turns. A telephone conversation is published only as a report of it."""


def is_report(kind: str) -> bool:
    """Is a document of this kind the publisher's report, with no speakers and no turns?"""
    return kind in REPORT_KINDS


KIND_IN_CITATION = {
    "speech": "speech",
    "statement": "statement",
    "press-conference": "news conference",
    "media-remarks": "remarks and answers to media questions",
    "press-statements": "press statements",
    "interview": "interview",
    "briefing": "briefing",
    "press-availability": "press availability",
    "background-call": "background call",
    "panel": "panel discussion",
    "meeting": "remarks at a meeting",
    "talks": "remarks at talks",
    "greetings": "message",
    "news-report": "news report",
    "telephone-conversation": "report of a telephone conversation",
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
    "mul": "several languages", "ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fr": "French",
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


class VenueFields(Declaration, into=model.Venue):
    event = Text(required=True)
    """The event or meeting, e.g. 'OSCE Ministerial Council'."""
    series = Text()
    """The recurring event it belongs to, if the event's name is numbered or dated ('OSCE
    Ministerial Council' for the '28th OSCE Ministerial Council'); defaults to the event."""
    place = Text()
    """The building or site, e.g. 'NATO headquarters'."""
    city = Text()
    """City, if known."""
    country = Text()
    """Country, if known."""


class SpeakerFields(Declaration, into=model.Speaker, whole=True, shorthand="person"):
    person = Slug(required=True, expected="'person:' a people.yml id")
    """The speaker's id in people.yml; 'unknown' for a speaker the source does not identify."""
    role = Text(expected="'role:' text")
    """The office the speaker held then, shown beside their name."""
    country = Text(expected="'country:' the name of a country")
    """The country the speaker speaks for here (their government's, or their delegation's at a
    conference), e.g. 'Argentina'; not where they speak, which is venue.country. Searches can be
    narrowed to it and charted by it."""
    labels = List(Text(), whole=True, expected="'labels:' a list of role labels as printed, such as [THE PRESIDENT]")
    """Role labels printed for this speaker in this transcript that are not their name, e.g. 'THE
    PRESIDENT' or 'MODERATOR': such a label is resolved here, per transcript, never through a
    global alias."""


class LanguageFields(Declaration, into=model.Language):
    text = LanguageTag(required=True)
    """Language of this text (BCP 47, e.g. 'en')."""
    original = LanguageTag(required=True)
    """Language in which it was said or first written."""
    translation = Choice(TRANSLATION, required=True)
    """Translation status of this text."""
    translator = Text()
    """Who translated, if known."""
    note = Text()
    """Anything a reader should know about the translation."""


class TagFields(Declaration, into=model.Tags):
    geography = List(Text())
    """The places the publisher tags the page with, as printed ('Congo')."""
    topics = List(Text())
    """Its topics, as printed ('Foreign policy')."""
    persons = List(Text())
    """Its persons, as printed (kremlin.ru prints the surname first: 'Gref German')."""


class SourceFields(Declaration, into=model.Source):
    publisher = Text()
    """Who published the captured page, if known."""
    url = Url()
    """The captured page's address, only where the capture states it."""
    credit_line = Text()
    """The capture's own credit line, verbatim (it must occur as a line of the source)."""
    headline = List(Text(verbatim=True, expected="a line of the source"))
    """The capture's own title lines, verbatim (each must occur as a line of the source); they are
    kept here and removed from the text by the rule 'source-headline'."""
    capture = Text(required=True)
    """The file name under which the capture arrived."""
    added = Day(required=True)
    """The day the capture was added to the archive (YYYY-MM-DD)."""
    original_publisher = Text()
    """Publisher of the original, for a translation or a reprint."""
    original_url = Url()
    """Address of the original, only where the capture states it."""
    tags = Nested(TagFields)
    """The publisher's own tags of the page (Geography, Topics, Persons), where it prints them."""


class LicenceFields(Declaration, into=model.Licence):
    status = Choice(LICENCE, required=True)
    """Licence status."""
    note = Text(required=True)
    """What is known of the terms and how."""
    url = Url()
    """Where the terms are stated."""


class LineFields(Declaration, into=model.LineOverride, whole=True):
    line = LineNumber(required=True, expected="'line:' a source line number such as 34")
    """The number of the source line (the first line is 1)."""
    reason = Text(required=True, expected="'reason:' why the line is overridden")
    """Why: what the line is, in a few words."""


class ThemeOverrideFields(Declaration, whole=True):
    line = LineNumber(required=True, expected="'line:' a source line number such as 34")
    """The source line on which the paragraph starts."""
    add = Slug(expected="a theme id from transcripts/themes.yml")
    """The id of a theme (themes.yml) the paragraph is given."""
    remove = Slug(expected="a theme id from transcripts/themes.yml")
    """The id of a theme (themes.yml) the paragraph loses; write either 'add' or 'remove'."""
    reason = Text(required=True, expected="'reason:' why the theme is added or removed")
    """Why the theme is added or removed."""

    @classmethod
    def make(cls, values: dict) -> model.ThemeOverride:
        actions = [action for action in ("add", "remove") if values[action]]
        if len(actions) != 1:
            raise Invalid("'{line: N, add: <theme id>, reason: ...}' or the same with 'remove:'", "both" if actions else "neither")
        return model.ThemeOverride(values["line"], values[actions[0]], actions[0], values["reason"])


class SidecarFields(Declaration):
    """A transcript's sidecar, ``transcripts/<slug>.yml``."""

    expected = "a mapping of metadata fields"
    unknown = "a field of the metadata schema (docs/about/metadata.md)"

    title = Text(required=True)
    """The page title, written by the curator (not the capture's headline)."""
    date = Date(required=True)
    """When it was said: YYYY-MM-DD, YYYY-MM or YYYY. Write only what is known; a date known to
    the month or the year stays so and is shown so."""
    date_basis = Text(required=True)
    """How the date is known: where the source states it, or what establishes it."""
    time = Text()
    """The time of day as the source states it, e.g. '13:20' or '1:01 P.M. EDT'."""
    kind = Choice(KINDS, required=True)
    """Kind of document."""
    summary = Text(required=True)
    """One or two sentences saying what the transcript is about."""
    venue = Nested(VenueFields, required=True)
    """Where it was said."""
    speakers = List(SpeakerFields)
    """Who speaks, in order of first appearance. Empty for a news report, whose narration is nobody's speech."""
    main_speaker = Slug()
    """The person whose opening statement comes before the first speaker label; defaults to the first speaker. Write 'null' for none."""
    anonymous = List(Text(expected="a label as printed, such as SENIOR ADMINISTRATION OFFICIAL"))
    """Labels of voices the transcript does not name (e.g. 'SENIOR ADMINISTRATION OFFICIAL'):
    each is a voice of its own in this transcript, not a person of the registry."""
    quoted = List(Slug(expected="a people.yml id"))
    """People quoted (not speaking) in a report: people.yml ids."""
    language = Nested(LanguageFields, required=True)
    """Language of the text and whether it is a translation."""
    source = Nested(SourceFields, required=True)
    """Where the capture comes from."""
    licence = Nested(LicenceFields, required=True)
    """Terms of reuse, as far as known."""
    keep = List(LineFields)
    """Source lines a cleaning rule would remove but that are the transcript's words."""
    remove = List(LineFields)
    """Source lines that are page furniture no rule recognises; reported under the rule 'curated-removal'."""
    theme_overrides = List(ThemeOverrideFields)
    """Themes a curator adds to or removes from one paragraph; the line is the paragraph's first."""
    narration = List(LineFields)
    """Source lines that are the publisher's narration (a stage direction, a report of what
    happens) though no rule recognises them: kept and shown as narration, credited to no speaker."""
    draft = List(Text(expected="a field path such as venue.city"))
    """Fields that 'diparchive add' drafted from the capture and a curator has not yet reviewed
    (dotted paths such as 'venue.city'); remove a path once its value is checked."""
    not_speaker_labels = List(Text(verbatim=True))
    """Text that opens a paragraph like a speaker label ('Tuesday:') but is not one."""


SCHEMA = fields(SidecarFields)
"""Every field of a sidecar by its path ('venue.city', 'speakers[].role'): the metadata page."""


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


def read_sidecar(path: Path, slug: str, shown: str) -> model.Sidecar:
    """Read and check one sidecar; raise the first error or a BuildFailed of all of them."""
    data, lines = load_yaml(path, shown)
    check = Checker(shown, lines)
    values = check.read(SidecarFields, data)
    if values is None:
        check.refuse()
    speakers = [s for s in values["speakers"] or () if s]
    if is_report(values["kind"]) and speakers:
        check.fail(("speakers",), f"no speakers for a {KIND_IN_CITATION[values['kind']]} (list the people it quotes under 'quoted')", f"{len(speakers)} speakers")
    given = "main_speaker" in data
    main_speaker = values["main_speaker"] if given else speakers[0].person if speakers else None
    if main_speaker and main_speaker not in {s.person for s in speakers}:
        check.fail(("main_speaker",), "one of the persons listed under 'speakers'", shorten(main_speaker))
    for index, field in enumerate(values["draft"] or ()):
        if field and re.sub(r"\[\d+\]", "[]", field) not in SCHEMA:
            check.fail(("draft", index), "a field of the metadata schema", shorten(field))
    check.refuse()
    return model.Sidecar(slug=slug, path=path, **{**values, "main_speaker": main_speaker, "main_speaker_given": given})


def schema_text() -> str:
    """The schema as documentation: one line per field."""
    rows = []
    for path, field in SCHEMA.items():
        choices = f" One of: {', '.join(field.choices)}." if field.choices else ""
        rows.append(f"{path} ({field.kind}, {'required' if field.required else 'optional'}): {field.doc}{choices}")
    return "\n".join(rows)


def dump_sidecar(values: dict[str, Any], comments: dict[str, str] | None = None) -> str:
    """A sidecar as YAML, in the schema's order: ``values`` by field, nested ({'venue': {'city':
    ...}}) or by dotted path ('venue.city'); each value quoted so that ``read_sidecar`` reads the
    same text. ``comments`` (a field path -> 'draft: from <basis>') go on the line above it."""
    def put(tree: dict[str, Any], key: str, value: Any) -> None:
        *parents, leaf = key.split(".")
        for parent in parents:
            tree = tree.setdefault(parent, {})
        if isinstance(value, dict):  # merged into a mapping of its own, the caller's left as it is
            for inner, item in value.items():
                put(tree.setdefault(leaf, {}), inner, item)
        else:
            tree[leaf] = value

    tree: dict[str, Any] = {}
    for key, value in values.items():
        put(tree, key, value)
    return dump(SidecarFields, tree, comments)
