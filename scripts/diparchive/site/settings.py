"""The site's settings, checked like input: the addresses ``mkdocs.yml`` takes from the
environment (``SITE_URL``, ``SOURCE_REPOSITORY``) and those of ``collections.yml``.

An address reaches every page: ``extra.source_repository`` is the link to each transcript's
source file, ``site_url`` the start of every citation, feed and canonical link, a collection's
``url`` the module a search page imports. So an address is refused unless it is plainly one: a
web address with a host, written in the characters an address may hold (no white space, no
control character, no quote or angle bracket), without credentials. ``check_config`` runs in the
hooks' ``on_config``, before anything is built, so a refused setting leaves the previous site as
it was.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from diparchive.infra.errors import InputError, shorten

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
"""Hosts that may be reached over plain http: this machine, for serving sites locally."""

ADDRESS_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+")
"""What an address may hold (RFC 3986's characters, apostrophe aside); any other character is
written percent-encoded."""

SOURCE_REPOSITORY = "SOURCE_REPOSITORY (mkdocs.yml extra.source_repository)"
SITE_URL = "SITE_URL (mkdocs.yml site_url)"

REPOSITORY_EXPECTED = (
    "nothing, or the https:// address of the repository the transcripts are in, with a host and "
    "no credentials, query, fragment, white space or final /, e.g. https://github.com/owner/archive"
)
SITE_EXPECTED = (
    "the http:// or https:// address the site is published at, with a host and no credentials, "
    "query, fragment or white space, e.g. https://owner.github.io/archive/"
)
COLLECTION_EXPECTED = (
    "an https:// address with a host (http:// only for 127.0.0.1, localhost or [::1], to serve "
    "the sites locally), without credentials, query, fragment or white space"
)


def address_problem(value: object, *, http: str) -> str | None:
    """Why ``value`` is not a web address of the kind wanted, or None when it is one. ``http``
    says when plain http is allowed: 'any', 'local' (only for ``LOCAL_HOSTS``) or 'never'."""
    if not isinstance(value, str):
        return "not text"
    if not ADDRESS_CHARACTERS.fullmatch(value):
        return "a character an address cannot hold"
    try:
        parts = urlsplit(value)
        port = parts.port  # a port that is not a number is a ValueError
    except ValueError:
        return "not an address"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not value.lower().startswith(scheme + "://"):
        return "not an http(s) address"
    host = parts.hostname or ""
    if not host:
        return "no host"
    if parts.username is not None or parts.password is not None:
        return "credentials"
    if parts.query or parts.fragment or "?" in value or "#" in value:
        return "a query or a fragment"
    if port == 0:
        return "port 0"
    if scheme == "http" and (http == "never" or (http == "local" and host not in LOCAL_HOSTS)):
        return "plain http"
    return None


def source_repository(value: object) -> str:
    """``extra.source_repository``: empty, or the repository's https:// address."""
    if value is None or value == "":
        return ""
    if address_problem(value, http="never") or str(value).endswith("/"):
        raise InputError(SOURCE_REPOSITORY, "", REPOSITORY_EXPECTED, found(value))
    return value


def site_url(value: object) -> str:
    """``site_url``: an http(s) address with a host (http for the local default)."""
    if address_problem(value, http="any"):
        raise InputError(SITE_URL, "", SITE_EXPECTED, found(value))
    return value


def found(value: object) -> str:
    """A refused setting as a message shows it: quoted, every control character escaped."""
    if value is None or value == "":
        return "nothing"
    return shorten(value, 100) if isinstance(value, str) else f"a {type(value).__name__}"


def check_config(config) -> None:
    """Refuse a site whose settings are not what they must be (in the hooks' ``on_config``):
    raise MkDocs' PluginError with the one line that names the setting, so that ``mkdocs build``
    stops before it writes anything."""
    from mkdocs.exceptions import PluginError

    try:
        site_url(config.site_url)
        source_repository((config.extra or {}).get("source_repository"))
    except InputError as error:
        raise PluginError(str(error)) from None
