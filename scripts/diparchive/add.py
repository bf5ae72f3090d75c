"""``diparchive add CAPTURE``: file a new capture under transcripts/ with a drafted sidecar.

The capture is copied byte for byte under a proposed slug (its date and the first words of its
title); the sidecar drafted from what the capture states (``draft.py``) is written beside it, each
drafted field listed under ``draft`` for review. The people its labels name who are not yet in
``people.yml`` are printed as entries to add, and so is everything that could not be determined.
Nothing existing is overwritten.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import sys
from pathlib import Path

from .draft import draft, people_text, sidecar_text, slugify
from .errors import InputError
from .people import Registry, read_people
from .read import FORMS, read_source
from .sidecar import SLUG

log = logging.getLogger(__name__)


def add(project, capture: Path, slug: str | None = None, today: dt.date | None = None) -> int:
    shown = str(capture)
    if capture.suffix not in FORMS:
        raise InputError(shown, "file name", "a capture ending in " + ", ".join(FORMS), repr(capture.name))
    source = read_source(capture, shown)
    registry = Registry(read_people(project.transcripts / "people.yml", project.shown(project.transcripts / "people.yml")))
    d = draft(source, registry, capture.name)
    if slug is None:
        date = d.values.get("date", "")
        title = d.values.get("title") or capture.stem
        slug = "-".join(part for part in (date if len(date) == 10 else "", slugify(title)) if part)
    if not SLUG.match(slug):
        raise InputError("--slug", "", "a slug of lowercase letters, digits and hyphens", repr(slug))
    target = project.transcripts / f"{slug}{capture.suffix}"
    sidecar = target.with_suffix(".yml")
    taken = [p for p in (sidecar, *(target.with_suffix(s) for s in FORMS)) if p.exists()]
    if taken:
        raise InputError(project.shown(taken[0]), "", "a slug no capture uses yet (give one with --slug)", "the file exists")
    added = (today or dt.date.today()).isoformat()
    shutil.copyfile(capture, target)
    sidecar.write_text(sidecar_text(d, capture.name, added), "utf-8")
    log.info("added %s and drafted %s (%d fields to review)", project.shown(target), project.shown(sidecar), len(d.values))
    people = people_text(d)
    if people:
        sys.stdout.write(f"# New people to add to {project.shown(project.transcripts / 'people.yml')} (names as printed):\n{people}")
    to_write = [f"{path}: to write" for path in ("summary", "venue.event") if path not in d.values]
    for problem in d.missing + to_write:
        log.warning("%s: could not determine %s", project.shown(sidecar), problem)
    return 0
