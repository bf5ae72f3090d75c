"""Source text is data: escape it so that Markdown and HTML show it exactly as written.

Python-Markdown (as configured in mkdocs.yml) would read ``*``, ``_``, ``[x](y)``, ``<script>``,
``{: .class}``, ``#`` or a leading ``1.`` or ``>`` as markup. Every character that could start
markup anywhere is backslash-escaped or written as an entity; ``tests/test_properties.py`` renders
arbitrary text through the real Markdown configuration and checks it comes back unchanged.
"""

from __future__ import annotations

import re

# Characters Python-Markdown lets a backslash escape, minus those that are only markup at the
# start of a block (handled below) and plus nothing it cannot escape.
ALWAYS = set("\\`*_{}[]#!")
ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
BLOCK_START = re.compile(r"^(\s*)(\d+)([.)])|^(\s*)([-+])")


ESCAPES = str.maketrans({**ENTITIES, **{ch: "\\" + ch for ch in ALWAYS}})


def escape(text: str) -> str:
    """Escape one line of source text for inline use in Markdown."""
    escaped = text.translate(ESCAPES)
    # A list item ("1. ", "- ", "+ ") or a setext underline only matters at the start of a block.
    match = BLOCK_START.match(escaped)
    if match:
        if match.group(2):
            escaped = f"{match.group(1)}{match.group(2)}\\{match.group(3)}{escaped[match.end():]}"
        else:
            escaped = f"{match.group(4)}\\{match.group(5)}{escaped[match.end():]}"
    return escaped


def escape_attribute(text: str) -> str:
    """A value for an attr_list ``key="value"``: no quotes or braces may close it early."""
    return text.replace("\\", "").replace('"', "&quot;").replace("}", ")").replace("{", "(")
