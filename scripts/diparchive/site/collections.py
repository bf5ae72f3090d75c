"""The archive's collections, declared once in ``collections.yml`` at a project's root.

Each collection is built and published as a site of its own: the default four from this
repository, the Kremlin's English site and the UN General Debate by ``scripts/collection.py``
(which copies this file into each). Every site's search page searches them all together: the
index writes the list into ``assets/search-config.json`` (``collections``), each entry with its
name, address and description, and ``self`` on the site's own. Which entry a site is comes from
``DIPARCHIVE_COLLECTION`` (default ``default``). ``DIPARCHIVE_COLLECTION_URLS``
(``id=address,id=address``) puts other addresses in place of the declared ones, to serve the
sites together on one machine (and for the tests); the published sites use the file's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from diparchive.infra.errors import InputError, shorten
from diparchive.infra.options import DEFAULTS
from diparchive.ingest.people import entry_label
from diparchive.infra.schema import Checker, Declaration, Entries, Text, Url
from diparchive.site.settings import COLLECTION_EXPECTED, address_problem
from diparchive.ingest.sidecar import load_yaml

FILE = "collections.yml"
SELF = "DIPARCHIVE_COLLECTION"
URLS = "DIPARCHIVE_COLLECTION_URLS"


class CollectionFields(Declaration, whole=True):
    """An entry of collections.yml."""

    expected = "a mapping with name, url and description"
    unknown = "one of the fields {sorted}"

    name = Text(required=True, expected="'name:' the collection's name, as the search page's collection filter shows it")
    """The collection's name, as the search page's collection filter and results show it."""
    url = Url(required=True, expected="'url:' the address of the collection's published site, ending in /")
    """The address of the collection's published site (its root, ending in ``/``)."""
    description = Text(required=True, expected="'description:' a sentence on what the collection holds")
    """What the collection holds, in a sentence."""


@dataclass(frozen=True)
class Collection:
    id: str
    name: str
    url: str
    description: str


def read_collections(path: Path, shown: str = FILE) -> list[Collection]:
    """The collections a file declares, in its order; none where there is no file."""
    if not path.is_file():
        return []
    data, lines = load_yaml(path, shown, "the archive's collections")
    check = Checker(shown, lines, entry_label)
    entries = check.read(Entries(CollectionFields, required=True, expected="a mapping of collection id -> {name, url, description}"), data)
    for cid, entry in (entries or {}).items():
        if entry["url"] and address_problem(entry["url"], http="local"):  # the search page imports a module from it
            check.fail((cid, "url"), COLLECTION_EXPECTED, shorten(entry["url"]))
        elif entry["url"] and not entry["url"].endswith("/"):
            check.fail((cid, "url"), "an address ending in / (the collection site's root)", repr(entry["url"]))
    check.refuse()
    return [Collection(cid, e["name"], e["url"], e["description"]) for cid, e in entries.items()]


def overrides(text: str) -> dict[str, str]:
    """``DIPARCHIVE_COLLECTION_URLS``: ``id=address`` pairs, comma-separated."""
    found = {}
    for pair in filter(None, (part.strip() for part in text.split(","))):
        cid, sep, url = pair.partition("=")
        if not sep or address_problem(url, http="local") or not url.endswith("/"):
            raise InputError(URLS, "", "id=address pairs separated by commas, each address https:// (http:// only for 127.0.0.1, localhost or [::1]) and ending in /", shorten(pair))
        found[cid.strip()] = url
    return found


def search_collections(root: Path, environ=DEFAULTS) -> list[dict]:
    """The collections for a site's search configuration: each with ``self`` on the site's own.
    Empty where the project declares none."""
    declared = read_collections(root / FILE)
    if not declared:
        return []
    own = environ.get(SELF) or "default"
    ids = [c.id for c in declared]
    if own not in ids:
        raise InputError(SELF, "", f"the id of a collection in {FILE} ({', '.join(ids)})", repr(own))
    urls = overrides(environ.get(URLS, ""))
    unknown = sorted(set(urls) - set(ids))
    if unknown:
        raise InputError(URLS, "", f"ids of collections in {FILE} ({', '.join(ids)})", ", ".join(map(repr, unknown)))
    return [
        {"id": c.id, "name": c.name, "url": urls.get(c.id, c.url), "description": c.description, "self": c.id == own}
        for c in declared
    ]
