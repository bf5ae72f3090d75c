#!/usr/bin/env python3
"""Propose ``identities.yml``: the people who are in two collections or more, joined by name.

Each collection's people registry is read (the default's ``transcripts/people.yml``; another's
``var/<id>/transcripts/people.yml``, as ``scripts/collection.py <id>`` imports it, or a path
given with ``--registry id=path``). Two people of two collections are proposed as one when a
spelling of each (the name or an alias) is the same name: case, accents, dots, initials,
suffixes (Jr.) and the common variants of transliteration ('Sergey'/'Sergei',
'Zelenskyy'/'Zelensky') set aside. A name two people of one collection share (the Kremlin's two
Sergei Ivanovs) is never joined: it is listed for a curator to decide.

    python scripts/propose_identities.py                  # prints the proposals and the figures
    python scripts/propose_identities.py --write          # writes identities.yml (review it)

The figures: how many people are in two collections or more, by number of collections, and the
names left undecided.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from diparchive.curate.draft import slugify  # noqa: E402
from diparchive.ingest.people import read_people  # noqa: E402
from diparchive.site.collections import read_collections  # noqa: E402
from diparchive.site.identities import FILE  # noqa: E402

SUFFIXES = {"jr", "sr", "ii", "iii"}
HONORIFICS = {"mr", "mrs", "ms", "dr", "he", "sir", "madam", "sheikh"}


def name_key(name: str) -> str:
    """A spelling as compared: 'Sergei V. Lavrov' and 'Sergey Lavrov' are 'sergei lavrov'."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)).casefold()
    words = []
    for word in re.findall(r"[^\W\d_]+", plain.replace("’", "").replace("'", "")):
        if len(word) == 1 or word in SUFFIXES or word in HONORIFICS:
            continue  # an initial, a suffix, a word of address
        word = re.sub(r"(.)\1+", r"\1", word.replace("y", "i"))  # Sergey/Sergei, Zelenskyy/Zelensky/Zelenskiy
        words.append(word)
    return " ".join(words)


def qualifier(pid: str, key: str) -> str:
    """What an id holds beside the name: 'mr-sergey-v-lavrov-rus' for 'sergei lavrov' is 'rus'."""
    words = set(key.split())
    return "-".join(t for t in pid.split("-") if len(t) > 1 and t not in HONORIFICS and name_key(t) not in words)


def registries(ids: list[str], given: dict[str, Path]) -> dict[str, Path]:
    found = {}
    for cid in ids:
        path = given.get(cid) or (ROOT / "transcripts" / "people.yml" if cid == "default" else ROOT / "var" / cid / "transcripts" / "people.yml")
        if path.is_file():
            found[cid] = path
    return found


def propose(people_of: dict[str, dict]) -> tuple[dict[str, dict], dict[str, list]]:
    """(identities, undecided): each identity {name, collection: person id}; each undecided name
    with the collections where two people share it."""
    by_key: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for cid, people in people_of.items():
        for pid, person in people.items():
            for spelling in (person.name, *person.aliases):
                key = name_key(spelling)
                if len(key.split()) >= 2:  # a surname alone joins no one
                    by_key[key][cid].add(pid)
    # Several ids of one collection for one name are one person spelled several ways when the
    # registry qualifies them alike ('sergey-lavrov-rus', 'mr-sergei-lavrov-rus': '-rus'); told
    # apart by a qualifier ('sergei-ivanov', 'sergei-ivanov-alrosa'), they are namesakes.
    for key, found in by_key.items():
        for cid, pids in found.items():
            if len(pids) > 1 and len({qualifier(pid, key) for pid in pids}) == 1:
                found[cid] = {" ".join(sorted(pids))}  # one node: the person's ids there
    undecided = {key: sorted(cid for cid, pids in found.items() if len(pids) > 1) for key, found in by_key.items() if any(len(p) > 1 for p in found.values())}
    # a person is joined with those of other collections whose spellings meet theirs: union over keys
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(node):
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for key, found in by_key.items():
        if key in undecided or len(found) < 2:
            continue
        nodes = [(cid, next(iter(pids))) for cid, pids in found.items()]
        for node in nodes[1:]:
            parent[find(node)] = find(nodes[0])
    groups: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for node in list(parent):
        groups[find(node)].append(node)
    order = list(people_of)
    identities = {}
    for members in groups.values():
        collections = [cid for cid, _ in members]
        if len(set(collections)) < 2 or len(set(collections)) != len(collections):
            continue  # one collection's two people met through a third's spelling: a curator's to decide
        members.sort(key=lambda node: order.index(node[0]))
        ids = {cid: node.split() for cid, node in members}
        # the curated collection's name, else the one most collections print, without a word of
        # address ('Mr. Volodymyr Zelenskyy')
        names = [people_of[cid][pid].name for cid, pids in ids.items() for pid in pids]
        plain = [n for n in names if not set(re.findall(r"\w+", n.casefold())) & HONORIFICS] or names
        name = people_of["default"][ids["default"][0]].name if "default" in ids else max(plain, key=plain.count)  # the curated spelling first
        ident = ids["default"][0] if "default" in ids else slugify(name)
        while ident in identities:
            ident += "-2"
        identities[ident] = {"name": name, **{cid: p[0] if len(p) == 1 else p for cid, p in ids.items()}}
    return dict(sorted(identities.items())), undecided


def dump(identities: dict[str, dict]) -> str:
    lines = [
        "# One person, one identity across the archive's collections (diparchive/site/identities.py):",
        "# the person's id in each collection they are in. Proposed by scripts/propose_identities.py from",
        "# the collections' registries, joining people by name; a name two people of one collection share",
        "# is never joined. Review before publishing: remove a join that is two people.",
    ]
    for ident, entry in identities.items():
        lines.append(f"{ident}:")
        lines.append(f"  name: {quote(entry['name'])}")
        for cid, pid in entry.items():
            if cid != "name":
                lines.append(f"  {cid}: {pid if isinstance(pid, str) else '[' + ', '.join(pid) + ']'}")
    return "\n".join(lines) + "\n"


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--registry", action="append", default=[], help="id=path of a collection's people.yml")
    parser.add_argument("--write", action="store_true", help=f"write {FILE} at the project's root")
    args = parser.parse_args()
    given = {part.split("=", 1)[0]: Path(part.split("=", 1)[1]) for part in args.registry}
    ids = [c.id for c in read_collections(ROOT / "collections.yml")]
    paths = registries(ids, given)
    people_of = {cid: read_people(path, str(path)) for cid, path in paths.items()}
    identities, undecided = propose(people_of)
    counts = defaultdict(int)
    for entry in identities.values():
        counts[len(entry) - 1] += 1
    print(f"registries: {', '.join(f'{cid} ({len(people_of[cid]):,} people)' for cid in people_of)}", file=sys.stderr)
    print(f"people in two collections or more: {len(identities):,} ("
          + ", ".join(f"{n:,} in {k}" for k, n in sorted(counts.items())) + ")", file=sys.stderr)
    print(f"names two people of one collection share, left undecided: {len(undecided):,}", file=sys.stderr)
    text = dump(identities)
    if args.write:
        (ROOT / FILE).write_text(text, encoding="utf-8")
        print(f"wrote {FILE}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
