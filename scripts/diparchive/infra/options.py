"""The archive's settings: declared once, as the MkDocs plugin's options (``plugin.py``), and read
by the command line from the same ``mkdocs.yml``.

Each option may be given in ``mkdocs.yml`` under ``plugins: - diparchive:``, or left to the
environment there with MkDocs' ``!ENV`` tag, as the repository's ``mkdocs.yml`` does for each
(``bulk: !ENV [DIPARCHIVE_BULK, site]``), so that a workflow sets them as variables. The build's
modules receive them as one mapping (``Settings``), keyed by those variables' names, the names
their messages give; nothing in the archive reads ``os.environ`` for a setting.
"""

from __future__ import annotations

from types import MappingProxyType

OPTIONS = {
    "bulk": "DIPARCHIVE_BULK",
    "release_url": "DIPARCHIVE_RELEASE_URL",
    "release_dir": "DIPARCHIVE_RELEASE_DIR",
    "collection": "DIPARCHIVE_COLLECTION",
    "collection_urls": "DIPARCHIVE_COLLECTION_URLS",
    "records": "DIPARCHIVE_RECORDS",
    "parallel_render": "DIPARCHIVE_PARALLEL_RENDER",
    "search_index": "DIPARCHIVE_SEARCH_INDEX",
    "shard_memory": "DIPARCHIVE_SHARD_MEMORY",
    "lock_timeout": "DIPARCHIVE_LOCK_TIMEOUT",
    "review": "DIPARCHIVE_REVIEW",
}
"""Each plugin option and the name of the variable ``mkdocs.yml`` sets it from."""

Settings = MappingProxyType
"""The settings as the modules read them: ``{variable name: value as text}``; a missing or empty
value means the option's default."""

DEFAULTS = Settings({})


def settings_of(values: dict) -> Settings:
    """The settings from the plugin's options (``{option: value}``), as text; unset ones left out."""
    found = {}
    for option, name in OPTIONS.items():
        value = values.get(option)
        if value is None or value == "":
            continue
        if isinstance(value, bool):  # YAML reads on, off, yes and no as booleans
            value = ("on" if value else "off") if option == "parallel_render" else ("true" if value else "false")
        found[name] = str(value)
    return Settings(found)
