"""One person, one identity across the archive's collections, declared once in ``identities.yml``
at a project's root (beside ``collections.yml``, and copied with it into each collection).

Each collection keeps its own people registry and ids; the file joins them:

    sergey-lavrov:
      name: Sergey Lavrov
      default: sergey-lavrov      # the person's id in each collection they are in
      kremlin: sergei-lavrov
      un: [sergey-lavrov-rus, sergei-lavrov-rus]   # a registry that holds them under two spellings

An identity names the person once and gives their id in two collections or more. A person of a
collection belongs to one identity at most, so two people of one name (the Kremlin's two Sergei
Ivanovs) stay apart unless the file says otherwise: each of them is an id of their own, and only
the one declared is joined. ``scripts/propose_identities.py`` proposes the entries from the
collections' registries, for review.

A person's page lists the collections the person is in besides this one, with a link to their
page there (``PersonElsewhere``); the page fetches, from each of those sites, how much the person
says there (``assets/person-elsewhere.js``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from diparchive.infra.errors import InputError, shorten
from diparchive.ingest.people import entry_label
from diparchive.ingest.sidecar import SLUG, load_yaml

FILE = "identities.yml"


@dataclass(frozen=True)
class Elsewhere:
    """Where a person of this collection is in another: the collection's id, name and site, and
    the person's id and page there."""

    collection: str
    name: str
    site: str
    person: str

    @property
    def page(self) -> str:
        return f"{self.site}people/{self.person}/"


def read_identities(path: Path, collections: dict[str, str], shown: str = FILE) -> dict[str, dict[str, tuple[str, ...]]]:
    """The identities a file declares, each as {collection id: the person's ids there}; none where
    there is no file. A collection whose registry holds one person under several ids (a spelling
    each) lists them all. ``collections``: the declared collections' ids, with their names. One line for anything
    wrong, naming the entry and the field."""
    if not path.is_file():
        return {}
    data, lines = load_yaml(path, shown, "the people of several collections")

    def fail(key: str, where: str, expected: str, found: str) -> None:
        line = lines.get(key)
        raise InputError(shown, f"line {line}, {where}" if line else where, expected, found)

    if data is None:
        return {}
    if not isinstance(data, dict):
        fail("", "", "a mapping of identity -> {name, and a person id per collection}", type(data).__name__)
    identities: dict[str, dict[str, str]] = {}
    claimed: dict[tuple[str, str], str] = {}
    for ident, entry in data.items():
        if not isinstance(ident, str) or not SLUG.match(ident):
            fail(str(ident), entry_label((ident,)), "an identity id: lowercase letters, digits and hyphens", shorten(repr(ident)))
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            fail(ident, entry_label((ident,)), "a mapping with 'name:' and a person id per collection", shorten(repr(entry)))
        ids = {}
        for cid, pid in entry.items():
            if cid == "name":
                continue
            if cid not in collections:
                fail(f"{ident}.{cid}", entry_label((ident, cid)), "a collection collections.yml declares (" + ", ".join(collections) + ")", repr(cid))
            pids = [pid] if isinstance(pid, str) else pid
            if not isinstance(pids, list) or not pids or not all(isinstance(p, str) and SLUG.match(p) for p in pids):
                fail(f"{ident}.{cid}", entry_label((ident, cid)), "the person's id in that collection's people.yml, or a list of them", shorten(repr(pid)))
            for one in pids:
                if (cid, one) in claimed:
                    fail(f"{ident}.{cid}", entry_label((ident, cid)), f"a person of {cid} in one identity only", f"'{one}', already in '{claimed[cid, one]}'")
                claimed[cid, one] = ident
            ids[cid] = tuple(pids)
        if len(ids) < 2:
            fail(ident, entry_label((ident,)), "the person's id in two collections or more", f"{len(ids)}")
        identities[ident] = ids
    return identities


def elsewhere(identities: dict[str, dict[str, tuple[str, ...]]], collections: list[dict], own: str) -> dict[str, list[Elsewhere]]:
    """For each person of the collection ``own``, where else they are: each page of theirs in the
    other collections of their identity, in the order collections.yml declares them
    (``collections``: each with id, name and url, as the search configuration has them)."""
    declared = {c["id"]: c for c in collections}
    order = list(declared)
    found: dict[str, list[Elsewhere]] = {}
    for ids in identities.values():
        if own not in ids:
            continue
        others = [
            Elsewhere(cid, declared[cid]["name"], declared[cid]["url"], pid)
            for cid in sorted(ids, key=order.index) if cid != own and cid in declared for pid in ids[cid]
        ]
        for pid in ids[own]:
            found[pid] = others
    return found


def identity_of_names(identities: dict[str, dict[str, tuple[str, ...]]], own: str | None, people: dict[str, str]) -> dict[str, str]:
    """The speaker filter's values of the collection ``own`` that are a joined person, each with
    its identity: {name as the index has it: identity id}. ``people``: {person id: name} of those
    the index holds. A search of several collections reads this from each collection's search
    configuration, so that a speaker chosen means that person in every collection, under the
    name each gives them (``assets/search-collections.js``)."""
    if own is None:
        return {}
    joined = {pid: ident for ident, ids in identities.items() for pid in ids.get(own, ())}
    return {name: joined[pid] for pid, name in sorted(people.items()) if pid in joined}
