"""The labels a capture prints and whom each resolves to, for an importer's report: how many of
a collection's label occurrences name a person, the questioner or a voice the page leaves
unnamed, and which are left unresolved."""

from __future__ import annotations

from collections import Counter

from diparchive.ingest.labels import split_label
from diparchive.ingest.people import Registry, alias_key
from diparchive.model import SourceText


def resolved_to(count: int, people: Counter) -> dict:
    """A spelling's entry in the report: its count and person; a spelling two men of one name
    share ('Sergei Ivanov:') names the commoner and lists each with its count."""
    entry = {"count": count, "person": max(sorted(people), key=people.get)}
    if len(people) > 1:
        entry["people"] = dict(sorted(people.items()))
    return entry


def labels_of(source: SourceText, registry: Registry, not_labels: frozenset = frozenset(), own: dict | None = None, anonymous: frozenset = frozenset(), speakers: tuple[str, ...] = ()):
    """Each label the page prints and the person (or voice) it resolves to: the page's own
    (``own``: a label its sidecar gives a speaker, alias key -> person; ``anonymous``: the alias
    keys of the voices it declares unnamed), else the registry's. A link or a photo's caption is
    no label. For a label-shaped line its sidecar says is none (``not_speaker_labels``: 'Second:', 'Minister of
    Energy:' in a list of appointments), None as the person and True after it. A title and a
    surname ('MR. SULLIVAN') is the one of its ``speakers`` with that surname, as the build reads it
    (``segment.LabelResolver``). In a text capture a label opens a paragraph."""
    from diparchive.segment.segment import ANONYMOUS, QUESTION, TITLES

    surnames: dict[str, set[str]] = {}
    for pid in speakers:
        if pid in registry:
            for spelling in (registry[pid].name, *registry[pid].aliases):
                words = alias_key(spelling).replace(".", " ").split()
                if words:
                    surnames.setdefault(words[-1], set()).add(pid)
    previous = ""

    for no, line in enumerate(source.lines, 1):
        within, previous = source.form != "html" and previous.strip() != "", line  # a line of a paragraph, not its first
        if within or source.hints.get(no) == "front-matter":
            continue
        label = split_label(line, source.hints.get(no) == "label")
        if label is None or not label.rest or source.hints.get(no) in {"link", "caption"}:  # a link to another page, a photo's caption
            continue
        if label.printed in not_labels:
            yield label.printed, None, True
            continue
        if own and alias_key(label.name) in own:
            yield label.printed, own[alias_key(label.name)], False
            continue
        if alias_key(label.name) in anonymous:  # a voice the page does not name ('Winner of the … Prize for Young Scientists')
            yield label.printed, f"anonymous: {label.name}", False
            continue
        if QUESTION.match(label.name):
            yield label.printed, "question", False
            continue
        person, _ = registry.resolve_titled(label.name)
        if person:
            yield label.printed, person, False
        elif ANONYMOUS.match(label.name):
            yield label.printed, f"anonymous: {label.name}", False
        elif (words := alias_key(label.name).replace(".", " ").split()) and all(w in TITLES or len(w) == 1 for w in words[:-1]) and len(surnames.get(words[-1], ())) == 1:
            yield label.printed, next(iter(surnames[words[-1]])), False  # 'MR. SULLIVAN'
        else:
            yield label.printed, None, False  # reported as unresolved (a heading with a colon …)
