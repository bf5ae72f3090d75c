"""A publisher's profile: what the archive knows of a publisher and cannot read from its captures.

Each publisher the archive knows is a declared, checked YAML file in ``curate/profiles/``: its
name, the addresses of its pages, its time zone, its language and how its texts stand to what was
said, its licence, and the people its transcripts name by office or surname alone. The generic
import (``importers/feed.py``) reads one for a feed or a folder; the Kremlin and UN importers read
theirs for the facts they state of every page; ``diparchive add`` recognises a capture's
publisher by its address (or by its file name, for a corpus that names no address).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from diparchive.infra.errors import InputError, shorten
from diparchive.ingest.sidecar import LICENCE, SLUG, TRANSLATION
from diparchive.model import Person

PROFILES = Path(__file__).resolve().parent / "profiles"
"""The profiles that come with the archive: ``--profile state-department`` is ``profiles/state-department.yml``."""

PROFILE = {
    "publisher": "the publisher's name, as a credit gives it",
    "address": "a regular expression that the items' addresses begin with",
    "time_zone": "the publisher's time zone (an IANA name such as America/New_York)",
    "language": "the language of its texts (BCP 47)",
    "licence": "its terms: status (" + ", ".join(LICENCE) + "), note and url",
    "people": "optional: people its labels name by office or surname alone, by id: name, description, role (their office there), labels",
    "header": "optional, for a folder of Markdown captures: the YAML header's fields that hold the title, the address (link) and the publication time (published)",
    "spoken": "optional: the language its speakers speak, where its texts are its translation of them (BCP 47)",
    "translation": "optional: how its texts stand to what was said (" + ", ".join(TRANSLATION) + ")",
    "language_note": "optional: a note on the language of its texts, for every transcript",
    "via": "optional: the corpus its captures come through, named in the credit ('United Nations, via …')",
    "captures": "optional: a regular expression that the file names of its captures match, for a corpus that states no address",
}
"""A profile's fields, each with what it holds."""

HEADER = {"title": "title", "link": "source_url", "published": "published_time"}
"""Where a Markdown capture's YAML header holds an item's title, address and publication time,
unless the profile's ``header`` says otherwise."""


@dataclass(frozen=True)
class Profile:
    publisher: str
    address: re.Pattern
    zone: ZoneInfo
    language: str
    licence: dict
    people: dict[str, Person]
    roles: dict[str, str]
    header: dict[str, str] = field(default_factory=lambda: dict(HEADER))
    spoken: str | None = None
    translation: str | None = None
    language_note: str | None = None
    via: str | None = None
    captures: re.Pattern | None = None

    @property
    def credit(self) -> str:
        """The publisher as a transcript's source names it: 'United Nations, via the UN General Debate Corpus (…)'."""
        return f"{self.publisher}, via {self.via}" if self.via else self.publisher


def _pattern(shown: str, data: dict, name: str) -> re.Pattern | None:
    if data.get(name) is None:
        return None
    if not isinstance(data[name], str) or not data[name].strip():
        raise InputError(shown, f"field '{name}'", PROFILE[name], repr(data[name]))
    try:
        return re.compile(data[name])
    except re.error as error:
        raise InputError(shown, f"field '{name}'", PROFILE[name], str(error)) from None


def read_profile(path: Path) -> Profile:
    """A publisher's profile, checked: one line naming the file and field for anything wrong."""
    shown = str(path)
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise InputError(shown, "", "a publisher's profile in YAML", shorten(str(error).replace("\n", " "))) from None
    if not isinstance(data, dict):
        raise InputError(shown, "", "a mapping of " + ", ".join(PROFILE), type(data).__name__)
    unknown = sorted(set(data) - set(PROFILE))
    if unknown:
        raise InputError(shown, f"field '{unknown[0]}'", "one of " + ", ".join(PROFILE), repr(unknown[0]))
    for name in ("publisher", "address", "time_zone", "language"):
        if not isinstance(data.get(name), str) or not data[name].strip():
            raise InputError(shown, f"field '{name}'", PROFILE[name], repr(data.get(name)))
    for name in ("spoken", "language_note", "via"):
        if data.get(name) is not None and (not isinstance(data[name], str) or not data[name].strip()):
            raise InputError(shown, f"field '{name}'", PROFILE[name], repr(data[name]))
    if data.get("translation") is not None and data["translation"] not in TRANSLATION:
        raise InputError(shown, "field 'translation'", PROFILE["translation"], repr(data["translation"]))
    address, captures = _pattern(shown, data, "address"), _pattern(shown, data, "captures")
    try:
        zone = ZoneInfo(data["time_zone"])
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(shown, "field 'time_zone'", PROFILE["time_zone"], repr(data["time_zone"])) from None
    licence = data.get("licence")
    if not isinstance(licence, dict) or licence.get("status") not in LICENCE or not isinstance(licence.get("note"), str):
        raise InputError(shown, "field 'licence'", PROFILE["licence"], shorten(repr(licence)))
    people, roles = {}, {}
    for pid, entry in (data.get("people") or {}).items():
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not SLUG.match(str(pid)):
            raise InputError(shown, f"field 'people.{pid}'", "an id (lowercase letters, digits, hyphens) with a name, description and labels", shorten(repr(entry)))
        labels = tuple(str(label).rstrip(":").strip() for label in entry.get("labels") or ())
        people[pid] = Person(pid, entry["name"], str(entry.get("description") or ""), labels)
        if entry.get("role"):
            roles[pid] = str(entry["role"])
    header = data.get("header") or {}
    if not isinstance(header, dict) or set(header) - set(HEADER) or not all(isinstance(v, str) and v for v in header.values()):
        raise InputError(shown, "field 'header'", "a mapping of " + ", ".join(HEADER) + " to the header's field names", shorten(repr(header)))
    return Profile(
        data["publisher"].strip(), address, zone, data["language"].strip(), licence, people, roles, {**HEADER, **header},
        (data.get("spoken") or "").strip() or None, data.get("translation"), (data.get("language_note") or "").strip() or None,
        (data.get("via") or "").strip() or None, captures,
    )


def profile_path(name: str) -> Path:
    """A profile by its name (one that comes with the archive) or its path."""
    path = Path(name)
    return path if path.suffix in {".yml", ".yaml"} else PROFILES / f"{name}.yml"


@lru_cache(maxsize=1)
def known_profiles() -> tuple[tuple[str, Profile], ...]:
    """Every profile that comes with the archive, by name, in name order."""
    return tuple((path.stem, read_profile(path)) for path in sorted(PROFILES.glob("*.yml")))


def profile_for(url: str | None, stem: str = "") -> Profile | None:
    """The profile of the publisher whose pages the address is (``address``), else whose
    captures are named so (``captures``: a corpus's file naming, for a capture with no address)."""
    for _, profile in known_profiles():
        if url and profile.address.match(url):
            return profile
    for _, profile in known_profiles():
        if profile.captures is not None and stem and profile.captures.match(stem):
            return profile
    return None
