"""Who and what the transcripts name: people (``people.yml``), organisations and agreements
(``entities.yml``), found in each paragraph by their aliases.

Aliases match case-sensitively on whole words. Where aliases overlap, the longest wins: the
"NATO-Russia Council" is not also a mention of "NATO", and the "OSCE Minsk Group"
(Nagorno-Karabakh) never counts as the "Minsk agreements" (Ukraine).
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import BuildFailed, InputError, shorten
from .matching import PhraseSet, longest_first
from .model import Block, Mention
from .people import UNKNOWN, Registry
from .sidecar import SLUG, kind_of, load_yaml

KINDS = {"people": "person", "organisations": "organisation", "agreements": "agreement"}
SECTIONS = {"organisations": "organisation", "agreements": "agreement"}
"""The sections of entities.yml and the kind of entity each lists."""
ENTITY_FIELDS = {"name", "description", "aliases"}


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
        self._aliases = PhraseSet([(alias, e.id) for e in entities for alias in dict.fromkeys((e.name, *e.aliases))], case_sensitive=True)

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
    errors: list[InputError] = []
    if not isinstance(data, dict):
        raise InputError(shown, "", "a mapping with the sections organisations and agreements", kind_of(data))

    def where(key: str, label: str) -> str:
        return label + (f" (line {lines[key]})" if key in lines else "")

    for key in data:
        if key not in SECTIONS:
            errors.append(InputError(shown, where(str(key), f"field '{key}'"), "one of the sections " + ", ".join(SECTIONS), shorten(str(key))))
    taken = {e.id for e in entities}
    for section, kind in SECTIONS.items():
        listed = data.get(section) or {}
        if not isinstance(listed, dict):
            errors.append(InputError(shown, where(section, f"field '{section}'"), "a mapping of id -> {name, description, aliases}", kind_of(listed)))
            continue
        for eid, entry in listed.items():
            at = where(f"{section}.{eid}", f"entry '{section}.{eid}'")
            if not isinstance(eid, str) or not SLUG.match(eid):
                errors.append(InputError(shown, at, "an id of lowercase letters, digits and hyphens", shorten(str(eid))))
                continue
            if eid in taken:
                errors.append(InputError(shown, at, "an id used once across people.yml and entities.yml", repr(eid)))
                continue
            if not isinstance(entry, dict):
                errors.append(InputError(shown, at, "a mapping with name, description and aliases", shorten(str(entry))))
                continue
            unknown = [key for key in entry if key not in ENTITY_FIELDS]
            for key in unknown:
                field = f"entry '{section}.{eid}', field '{key}'"
                errors.append(InputError(shown, where(f"{section}.{eid}.{key}", field), "one of the fields " + ", ".join(sorted(ENTITY_FIELDS)), shorten(str(key))))
            if unknown:
                continue
            name, description, aliases = entry.get("name"), entry.get("description"), entry.get("aliases") or []
            if not all(isinstance(v, str) and v.strip() for v in (name, description)):
                errors.append(InputError(shown, at, "a name and a description", shorten(str(entry))))
                continue
            if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
                errors.append(InputError(shown, at, "a list of aliases", shorten(str(aliases))))
                continue
            taken.add(eid)
            entities.append(Entity(eid, kind, " ".join(name.split()), " ".join(description.split()), tuple(aliases)))
    if errors:
        raise BuildFailed(errors)
    return Gazetteer(entities)
