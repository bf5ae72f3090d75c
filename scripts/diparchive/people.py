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

from pathlib import Path

from .errors import BuildFailed, InputError, shorten
from .model import Person
from .sidecar import SLUG, kind_of, load_yaml

PERSON_FIELDS = {"name", "description", "aliases"}

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
    if not isinstance(data, dict):
        raise InputError(shown, "", "a mapping of person id -> {name, description, aliases}", kind_of(data))
    errors: list[InputError] = []
    people: dict[str, Person] = {}
    claims: dict[str, dict[str, str]] = {}  # alias key -> {person id: the spelling it claims}, in file order

    def where(key: str) -> str:
        line = lines.get(key) or lines.get(key.split(".")[0])
        return f"entry '{key.split('.')[0]}'" + (f" (line {line})" if line else "")

    for pid, entry in data.items():
        if pid == UNKNOWN.id:
            errors.append(InputError(shown, where(pid), "an id other than the reserved 'unknown' (built in: an unidentified speaker)", repr(pid)))
            continue
        if not isinstance(pid, str) or not SLUG.match(pid):
            errors.append(InputError(shown, where(str(pid)), "an id of lowercase letters, digits and hyphens", shorten(str(pid))))
            continue
        if not isinstance(entry, dict):
            errors.append(InputError(shown, where(pid), "a mapping with name, description and aliases", shorten(str(entry))))
            continue
        for key in sorted(set(entry) - PERSON_FIELDS):
            errors.append(InputError(shown, where(f"{pid}.{key}"), "one of the fields " + ", ".join(sorted(PERSON_FIELDS)), repr(key)))
        name, description = entry.get("name"), entry.get("description")
        aliases = entry.get("aliases") or []
        if not isinstance(name, str) or not name.strip():
            errors.append(InputError(shown, where(pid), "'name:' the canonical name", shorten(str(name))))
            continue
        if not isinstance(description, str) or not description.strip():
            errors.append(InputError(shown, where(pid), "'description:' a one-line description", shorten(str(description))))
            continue
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            errors.append(InputError(shown, where(f"{pid}.aliases"), "a list of spellings", shorten(str(aliases))))
            continue
        for alias in [name, *aliases]:
            claims.setdefault(alias_key(alias), {}).setdefault(pid, alias)
        people[pid] = Person(pid, " ".join(name.split()), " ".join(description.split()), tuple(aliases))
    for claimants in claims.values():
        if len(claimants) > 1:  # one message, where the spelling is claimed a second time, naming every other owner
            (first, _), (second, alias), *_ = claimants.items()
            others = [f"'{pid}'" for pid in claimants if pid != second]
            owners = others[0] if len(others) == 1 else ", ".join(others[:-1]) + " and " + others[-1]
            errors.append(InputError(shown, where(f"{second}.aliases"), "an alias that belongs to one person only", f"{alias!r}, also an alias of {owners}"))
    if errors:
        raise BuildFailed(errors)
    return people


class Registry:
    """Resolves a label as printed to a person id."""

    def __init__(self, people: dict[str, Person]):
        self.people = {**people, UNKNOWN.id: UNKNOWN}
        self._by_alias = {}
        for person in self.people.values():
            for alias in (person.name, *person.aliases):
                self._by_alias[alias_key(alias)] = person.id

    def resolve(self, label: str) -> str | None:
        return self._by_alias.get(alias_key(label))

    def __contains__(self, pid: str) -> bool:
        return pid in self.people

    def __getitem__(self, pid: str) -> Person:
        return self.people[pid]
