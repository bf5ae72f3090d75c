"""The people registry (``transcripts/people.yml``): identity and aliases, not offices.

An entry::

    sergey-lavrov:
      name: Sergey Lavrov
      description: Russian diplomat; Minister of Foreign Affairs since 2004.
      aliases: [Sergei Lavrov, S.V. Lavrov, Foreign Minister Lavrov]

The office a person held is recorded per transcript (``speakers[].role`` in the sidecar), since
it changes over time. Aliases are spellings as the sources print them; the canonical name is an
alias too. An alias may belong to one person only.
"""

from __future__ import annotations

import re
from pathlib import Path

from diparchive.model import Person
from diparchive.infra.schema import Checker, Declaration, Entries, List, Text, dump
from diparchive.ingest.sidecar import load_yaml

CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
"""Where a lower-case letter runs into a capital ('VladimirPutin'): a space the source lost."""


class EntryFields(Declaration, whole=True):
    """An entry of people.yml, or of entities.yml's organisations and agreements."""

    expected = "a mapping with name, description and aliases"
    unknown = "one of the fields {sorted}"

    name = Text(required=True, expected="'name:' the canonical name")
    """The canonical name, as pages show it; it is an alias too."""
    description = Text(required=True, expected="'description:' a one-line description")
    """Who or what it is, in one line (an office held for a time belongs in a sidecar's role)."""
    aliases = List(Text(verbatim=True), whole=True, expected="a list of spellings")
    """Other spellings as the sources print them ('S.V. Lavrov', 'Foreign Minister Lavrov'); a spelling belongs to one person only."""


PEOPLE = Entries(EntryFields, required=True, expected="a mapping of person id -> {name, description, aliases}")
"""people.yml: person id -> entry."""


def dump_people(entries: dict[str, dict], comments: dict[str, dict[str, str]] | None = None, header: str = "") -> str:
    """People.yml entries (``{id: {name, description, aliases}}``, in the order given) as YAML
    written from the declaration (``schema.dump``): every value quoted so that it reads back as
    the same text. ``comments`` maps an id to its fields' comments; ``header`` opens the file."""
    out = [line for line in header.splitlines()]
    for pid, entry in entries.items():
        out.append(f"{pid}:")
        out += ["  " + line for line in dump(EntryFields, entry, (comments or {}).get(pid)).splitlines()]
    if not entries:
        out.append("{}")  # no one yet: still a mapping
    return "\n".join(out) + "\n"


def entry_label(at: tuple) -> str:
    """How a registry's messages name an entry: "entry 'sergey-lavrov', field 'x'"."""
    return f"entry '{at[0]}'" + (f", field '{at[1]}'" if len(at) > 1 else "")


UNKNOWN = Person(
    id="unknown",
    name="Unidentified speaker",
    description="A speaker the source does not identify.",
    aliases=("Unknown speaker", "Unidentified", "Speaker", "Participant", "Voice"),
)
"""Built into every registry: list ``{person: unknown}`` among a transcript's speakers when the
source does not say who spoke (or labels a turn only 'Speaker:' or 'Participant:')."""


def alias_key(text: str) -> str:
    """How labels and aliases are compared: case, spacing and dots after initials ignored,
    so 'S.V. Lavrov', 'S. V. Lavrov' and 's.v. lavrov' are one key."""
    return " ".join(text.replace(".", ". ").split()).casefold()


def read_people(path: Path, shown: str) -> dict[str, Person]:
    data, lines = load_yaml(path, shown, "the registry of people")
    check = Checker(shown, lines, entry_label)
    entries = check.read(PEOPLE, data)
    if entries is None:  # not a mapping at all
        check.refuse()
    if UNKNOWN.id in entries:
        entries.pop(UNKNOWN.id)
        check.fail((UNKNOWN.id,), "an id other than the reserved 'unknown' (built in: an unidentified speaker)", repr(UNKNOWN.id))
    claims: dict[str, dict[str, str]] = {}  # alias key -> {person id: the spelling it claims}, in file order
    for pid, entry in entries.items():
        for alias in [entry["name"], *entry["aliases"]]:
            claims.setdefault(alias_key(alias), {}).setdefault(pid, alias)
    for claimants in claims.values():
        if len(claimants) > 1:  # one message, where the spelling is claimed a second time, naming every other owner
            (first, _), (second, alias), *_ = claimants.items()
            others = [f"'{pid}'" for pid in claimants if pid != second]
            owners = others[0] if len(others) == 1 else ", ".join(others[:-1]) + " and " + others[-1]
            check.fail((second,), "an alias that belongs to one person only", f"{alias!r}, also an alias of {owners}", (second, "aliases"))
    check.refuse(always_all=True)
    return {pid: Person(pid, **entry) for pid, entry in entries.items()}


class Registry:
    """Resolves a label as printed to a person id."""

    def __init__(self, people: dict[str, Person]):
        self.people = {**people, UNKNOWN.id: UNKNOWN}
        self._by_alias = {}
        for person in self.people.values():
            for alias in (person.name, *person.aliases):
                self._by_alias[alias_key(alias)] = person.id

    def resolve(self, label: str) -> str | None:
        found = self._by_alias.get(alias_key(label))
        if found is None and CAMEL.search(label):  # 'VladimirPutin:', a space lost in the source
            found = self._by_alias.get(alias_key(CAMEL.sub(" ", label)))
        return found

    def resolve_titled(self, label: str) -> tuple[str | None, str | None]:
        """(person id, the title printed before the name) for a label that names a person at its
        end ('President of Russia Vladimir Putin' -> ('vladimir-putin', 'President of Russia')),
        the whole label first; (None, None) when no ending of it is a known spelling."""
        tokens = label.split()
        for start in range(len(tokens)):
            person = self.resolve(" ".join(tokens[start:]))
            if person:
                return person, " ".join(tokens[:start]) or None
        return None, None

    def __contains__(self, pid: str) -> bool:
        return pid in self.people

    def __getitem__(self, pid: str) -> Person:
        return self.people[pid]
