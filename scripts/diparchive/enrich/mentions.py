"""Who and what the transcripts name: people (``people.yml``), organisations and agreements
(``entities.yml``), found in each paragraph by their aliases.

Aliases match case-sensitively on whole words, as literal text: a '*' or a '.' in one is that
character, never a pattern. Where aliases overlap, the longest wins: the "NATO-Russia Council"
is not also a mention of "NATO", and the "OSCE Minsk Group" (Nagorno-Karabakh) never counts as
the "Minsk agreements" (Ukraine).
"""

from __future__ import annotations

from dataclasses import dataclass

from diparchive.enrich.matching import PhraseSet, longest_first
from diparchive.model import Block, Mention
from diparchive.ingest.people import UNKNOWN, EntryFields, Registry
from diparchive.infra.schema import Checker, Declaration, Entries
from diparchive.ingest.sidecar import load_yaml

KINDS = {"people": "person", "organisations": "organisation", "agreements": "agreement"}
SECTIONS = {"organisations": "organisation", "agreements": "agreement"}
"""The sections of entities.yml and the kind of entity each lists."""


class EntitiesFields(Declaration):
    """entities.yml: its sections, each mapping an id to an entry like a person's."""

    expected = "a mapping with the sections organisations and agreements"
    unknown = "one of the sections {fields}"

    organisations = Entries(EntryFields, expected="a mapping of id -> {name, description, aliases}")
    """Organisations the transcripts name (alliances, ministries, councils), by id."""
    agreements = Entries(EntryFields, expected="a mapping of id -> {name, description, aliases}")
    """Treaties, agreements and declarations the transcripts name, by id."""


def entity_label(at: tuple) -> str:
    if len(at) == 1:
        return f"field '{at[0]}'"
    return f"entry '{at[0]}.{at[1]}'" + (f", field '{at[2]}'" if len(at) > 2 else "")


@dataclass(frozen=True)
class Entity:
    id: str
    kind: str  # person | organisation | agreement
    name: str
    description: str
    aliases: tuple[str, ...]


class Gazetteer:
    """Every nameable entity, with the patterns of its aliases compiled once."""

    def __init__(self, entities: list[Entity]):
        self.entities = {e.id: e for e in entities}
        self._aliases = PhraseSet([(alias, e.id) for e in entities for alias in dict.fromkeys((e.name, *e.aliases))], case_sensitive=True, wildcards=False)

    def __getitem__(self, entity_id: str) -> Entity:
        return self.entities[entity_id]

    def __contains__(self, entity_id: str) -> bool:
        return entity_id in self.entities

    def find(self, text: str) -> list[Mention]:
        return [Mention(h.key, h.start, h.end, text[h.start : h.end]) for h in longest_first(self._aliases.find(text))]

    def mentions(self, blocks: tuple[Block, ...]) -> dict[int, tuple[Mention, ...]]:
        """Source line of each paragraph -> the mentions in it, in text order."""
        found = {}
        for block in blocks:
            if block.kind == "paragraph":
                hits = self.find(block.text)
                if hits:
                    found[block.line] = tuple(hits)
        return found


def read_gazetteer(path, shown: str, registry: Registry) -> Gazetteer:
    entities = [
        Entity(p.id, "person", p.name, p.description, p.aliases) for p in registry.people.values() if p.id != UNKNOWN.id
    ]
    data, lines = load_yaml(path, shown, "the registry of organisations and agreements")
    check = Checker(shown, lines, entity_label)
    sections = check.read(EntitiesFields, data)
    if sections is None:  # not a mapping at all
        check.refuse()
    taken = {e.id for e in entities}
    for section, kind in SECTIONS.items():
        for eid, entry in (sections[section] or {}).items():
            if eid in taken:
                check.fail((section, eid), "an id used once across people.yml and entities.yml", repr(eid))
            taken.add(eid)
            entities.append(Entity(eid, kind, **entry))
    check.refuse(always_all=True)
    return Gazetteer(entities)
