"""The build, as a table of contents: gather and check everything, then write.

    read -> clean -> segment -> tag (themes, mentions, quotations) -> render -> write

Nothing is written until every transcript has been read, cleaned and segmented and every
cross-file check has passed; on any error the previous docs/ stays as it was.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from diparchive.publish import browse, outputs, render, write
from diparchive.infra import switch
from diparchive.infra.cache import Cache, RenderedPages
from diparchive.clean.clean import clean
from diparchive.infra.errors import BuildFailed, InputError, display_path, shorten
from diparchive.infra.lock import build_lock
from diparchive.model import Transcript
from diparchive.ingest.people import Registry, read_people
from diparchive.infra.places import output_problem
from diparchive.ingest.read import FORMS, check_regular, kind_of, read_source
from diparchive.enrich.mentions import Gazetteer, read_gazetteer
from diparchive.segment.quotes import quotations
from diparchive.segment.segment import LabelResolver, segment
from diparchive.clean.shape import layout
from diparchive.ingest.sidecar import SLUG, read_sidecar
from diparchive.enrich.themes import Vocabulary, read_themes
from diparchive.ingest.variants import read_variants

log = logging.getLogger(__name__)

REGISTRIES = {"people.yml", "themes.yml", "entities.yml", "variants.yml"}
"""YAML files in transcripts/ that are registries, not sidecars."""

PARALLEL_FROM = 64
"""From this many transcripts to process, the work is spread over the machine's cores."""


REVIEW = ("open", "required")
"""The ``review`` setting (``DIPARCHIVE_REVIEW``): ``open``, the default, publishes drafted
metadata no curator has reviewed, marked as such on its page, in the build report and in the open
data; ``required`` refuses to build while any is left, or any placeholder ("(to write: …)")."""

PLACEHOLDER = "(to write:"
"""What ``diparchive add`` writes where only a curator can say (a new person's description)."""


@dataclass(frozen=True)
class Project:
    root: Path
    transcripts: Path
    docs: Path
    review: str = "open"

    @classmethod
    def at(cls, root: Path, transcripts: Path | None = None, docs: Path | None = None, settings=None) -> "Project":
        root = root.resolve()
        review = str((settings or {}).get("DIPARCHIVE_REVIEW", "") or "open").strip()
        if review not in REVIEW:
            raise InputError("DIPARCHIVE_REVIEW", "", "open (publish drafts, marked) or required (refuse them)", repr(review))
        return cls(root, (transcripts or root / "transcripts").resolve(), (docs or root / "docs").resolve(), review)

    def shown(self, path: Path) -> str:
        return display_path(path, self.root)


def check_link(project: Project, path: Path) -> InputError | None:
    """A symbolic link among the inputs is read only if it leads to a file inside transcripts/:
    a capture linked to /etc/os-release or ../.git/config would otherwise be published. A linked
    folder is never followed (inside, its transcripts would be read twice), and never skipped in
    silence."""
    if not path.is_symlink():
        return None
    written = os.readlink(path)
    shown = f"{project.shown(path.parent)}/{path.name}"  # the link, not where it leads
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # leads nowhere, or round in a loop
        target = None
    if target is not None and target.is_dir():
        return InputError(shown, "", "a folder, not a link to one (a linked folder is not read)", f"a link to {written!r}")
    inside = f"a file inside {project.shown(project.transcripts)}/ (a link may point only to a file there)"
    if target is None:
        return InputError(shown, "", inside, f"a link to {written!r}, which leads to no file")
    if not target.is_relative_to(project.transcripts):
        return InputError(shown, "", inside, f"a link to {written!r}")
    return None


def _inputs(project: Project, errors: list[InputError]) -> tuple[list[Path], list[Path], set[Path]]:
    """Every capture (``.txt``, ``.md``, ``.html``) and (registries aside) ``.yml`` below
    transcripts/, in path order, and the links refused (their problems are added to ``errors``)."""
    texts: list[Path] = []
    sidecars: list[Path] = []
    refused: set[Path] = set()

    def walk(folder: Path) -> None:
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            path = Path(entry.path)
            is_input = path.suffix in FORMS or (path.suffix == ".yml" and path.name not in REGISTRIES)
            if entry.is_symlink() and (is_input or entry.is_dir()):
                problem = check_link(project, path)
                if problem is not None:
                    errors.append(problem)
                    refused.add(path)
                    continue
            if entry.is_dir(follow_symlinks=False):
                walk(path)
            elif is_input and path.is_file():
                (texts if path.suffix in FORMS else sidecars).append(path)

    walk(project.transcripts)
    return sorted(texts), sorted(sidecars), refused


def _found(path: Path) -> str:
    """What stands at ``path`` where a file was expected: nothing, a directory, a named pipe..."""
    try:
        return kind_of(os.stat(path).st_mode) or "no such file"
    except OSError:
        return "no such file"


def discover(project: Project) -> tuple[dict[str, tuple[Path, Path]], list[InputError]]:
    """Pair each capture ``<slug>.txt`` (or ``.md``, ``.html``) with its sidecar ``<slug>.yml``,
    anywhere below transcripts/."""
    errors: list[InputError] = []
    found: dict[str, tuple[Path, Path]] = {}
    if not project.transcripts.is_dir():
        return {}, [InputError(project.shown(project.transcripts), "", "a directory of transcripts", "no such directory")]
    texts, sidecars, refused = _inputs(project, errors)
    for text in texts:
        slug = text.stem
        if not SLUG.match(slug):
            errors.append(InputError(project.shown(text), "file name", "a slug of lowercase letters, digits and hyphens, e.g. 2008-12-05-lavrov-osce-helsinki.txt", repr(text.name)))
            continue
        if slug in found:
            errors.append(InputError(project.shown(text), "file name", "a slug used by one capture only", f"the slug '{slug}' of {project.shown(found[slug][0])} too"))
            continue
        sidecar = text.with_suffix(".yml")
        if sidecar in refused:
            continue
        if not sidecar.is_file():
            errors.append(InputError(project.shown(sidecar), "", f"the metadata file for {text.name}", _found(sidecar)))
            continue
        found[slug] = (text, sidecar)
    for sidecar in sidecars:
        captures = [sidecar.with_suffix(suffix) for suffix in FORMS]
        if not any(c in refused or c.is_file() for c in captures):
            there = next((c for c in captures if c.exists() or c.is_symlink()), sidecar.with_suffix(".txt"))
            errors.append(InputError(project.shown(there), "", f"the source text for {sidecar.name} (or its .md or .html capture)", _found(there)))
    if not found and not errors:
        errors.append(InputError(project.shown(project.transcripts), "", "at least one <slug>.txt with its <slug>.yml", "none"))
    return found, errors


@dataclass(frozen=True)
class Registries:
    """The curated lists every transcript is read against."""

    people: Registry
    themes: Vocabulary
    names: Gazetteer


def read_registries(project: Project) -> Registries:
    def path(name: str) -> tuple[Path, str]:
        return project.transcripts / name, project.shown(project.transcripts / name)

    if not project.transcripts.is_dir():  # said of the folder, not of the first registry in it
        raise InputError(project.shown(project.transcripts), "", "a directory of transcripts", "no such directory")
    linked = [problem for name in sorted(REGISTRIES) if (problem := check_link(project, project.transcripts / name))]
    if linked:
        raise BuildFailed(linked)
    for name in sorted(REGISTRIES):  # a named pipe would be waited on for ever
        check_regular(*path(name), "a YAML registry file")
    read_variants(*path("variants.yml"))  # checked here, used by search (optional)
    people = Registry(read_people(*path("people.yml")))
    return Registries(people, read_themes(*path("themes.yml")), read_gazetteer(*path("entities.yml"), people))


def check_theme_overrides(project: Project, transcript_path: Path, meta, blocks, themes: Vocabulary) -> None:
    paragraphs = {b.line for b in blocks if b.kind == "paragraph"}
    errors = []
    for index, override in enumerate(meta.theme_overrides):
        where = f"field 'theme_overrides[{index}]'"
        if override.theme not in themes:
            errors.append(InputError(project.shown(meta.path), where, "a theme id from transcripts/themes.yml", repr(override.theme)))
        if override.line not in paragraphs:
            errors.append(InputError(project.shown(meta.path), where, f"the first source line of a paragraph of {project.shown(transcript_path)}", f"line {override.line}"))
    if errors:
        raise BuildFailed(errors)


def process(project: Project, slug: str, text_path: Path, sidecar_path: Path, registries: Registries) -> Transcript:
    """One transcript through read, clean, segment, tag themes and find mentions."""
    registry = registries.people
    meta = read_sidecar(sidecar_path, slug, project.shown(sidecar_path))
    for person in [s.person for s in meta.speakers] + list(meta.quoted):
        if person not in registry:
            raise InputError(project.shown(sidecar_path), "field 'speakers'" if person in {s.person for s in meta.speakers} else "field 'quoted'", "a person with an entry in transcripts/people.yml", repr(person))
    source = read_source(text_path, project.shown(text_path))
    resolver = LabelResolver(meta, registry)
    shape = layout(source)
    people = registries.people
    names = tuple(n for s in meta.speakers if s.person in people for n in (people[s.person].name, *people[s.person].aliases))
    cleaned = clean(source, meta, resolver.is_label, project.root, shape, names)
    blocks, turns = segment(cleaned, meta, resolver, project.root, text_path)
    check_theme_overrides(project, text_path, meta, blocks, registries.themes)
    spoke = {t.person for t in turns}
    for speaker in meta.speakers:
        if speaker.person not in spoke:
            log.warning("%s: '%s' is listed under speakers but has no turn", project.shown(sidecar_path), speaker.person)
    mentions = registries.names.mentions(blocks)
    return Transcript(
        meta=meta,
        source=source,
        blocks=blocks,
        turns=turns,
        removals=cleaned.removals,
        themes=registries.themes.tag(blocks, meta.theme_overrides),
        mentions=mentions,
        quotes=quotations(blocks, mentions, meta.quoted),
        shape=shape.reason,
    )


_worker: tuple | None = None


def _start_worker(project: Project, registries: Registries) -> None:
    global _worker
    _worker = (project, registries)


def _process_in_worker(item: tuple[str, Path, Path]):
    """Run in a worker process: errors come back as plain tuples, which pickle safely."""
    project, registries = _worker
    try:
        return process(project, *item, registries), []
    except InputError as error:
        return None, [(error.file, error.where, error.expected, error.found)]
    except BuildFailed as failed:
        return None, [(e.file, e.where, e.expected, e.found) for e in failed.errors]


class Stored:
    """Transcripts in date order, each loaded from the cache only when it is read: for a stage
    that goes through a large archive once (the open data) without holding all of it."""

    def __init__(self, cache: Cache, keys: list[str], paragraphs: int = 0):
        self._cache, self._keys = cache, keys
        self.paragraphs = paragraphs
        """How many paragraphs they have in all (counted as they were gathered)."""

    def __len__(self) -> int:
        return len(self._keys)

    @property
    def cache(self) -> Cache:
        """The cache they are read from, which knows each key's inputs (to check an entry by)."""
        return self._cache

    @property
    def keys(self) -> list[str]:
        """The cache keys, in date order (a worker process loads each transcript by its key)."""
        return list(self._keys)

    def __iter__(self):
        for key in self._keys:
            transcript = self._cache.get(key)
            if transcript is None:
                raise BuildFailed([InputError(str(self._cache.directory), key, "a cached transcript", "none: was the cache deleted during the build?")])
            yield transcript


def project_cache(project: Project, use_cache: bool = True, read_only: bool = False) -> Cache:
    return Cache(
        project.root / ".cache" / "diparchive" if use_cache else None,
        [project.transcripts / r for r in sorted(REGISTRIES)],
        read_only,
        project.transcripts,
    )


def unreviewed(project: Project, meta) -> list[InputError]:
    """Under ``review: required``, what of a transcript's metadata is not a curator's: fields
    still listed as drafted, and placeholders."""
    shown = project.shown(meta.path)
    problems = []
    if meta.draft:
        problems.append(InputError(shown, "field 'draft'", "no drafted field left unreviewed (review: required): check each, then remove it from the list", shorten(", ".join(meta.draft))))
    for field, value in (("title", meta.title), ("summary", meta.summary), ("venue.event", meta.venue.event)):
        if PLACEHOLDER in (value or ""):
            problems.append(InputError(shown, f"field '{field}'", "text a curator has written (review: required)", shorten(value)))
    return problems


def placeholders(project: Project, registries: "Registries") -> list[InputError]:
    """Under ``review: required``: registry entries that still hold a placeholder."""
    shown = project.shown(project.transcripts / "people.yml")
    return [
        InputError(shown, f"field '{p.id}.description'", "a description a curator has written (review: required)", shorten(p.description))
        for p in registries.people.people.values() if PLACEHOLDER in (p.description or "")
    ]


def gather(
    project: Project, use_cache: bool = True, lazy: bool = False, keys: dict[str, str] | None = None, fresh: list | None = None,
    shard: tuple[int, int] | None = None,
) -> tuple[list[Transcript] | Stored, Registries]:
    """Read and check every input (with ``shard``, (K, N), only the transcripts of the K-th of N
    slices: ``shard_of``); raise BuildFailed with all problems found. Transcripts whose
    inputs are unchanged come from the cache; the rest are processed, in parallel when many,
    and cached only once every input has passed. With ``lazy`` (and the cache), return them as
    ``Stored``: in date order, none held. ``keys``, when given, receives each transcript's cache
    key by slug; ``fresh``, when given, receives (key, transcript, inputs) for each one processed, to
    cache when the caller's own checks have passed, instead of being cached here."""
    errors: list[InputError] = []
    try:
        registries = read_registries(project)
    except InputError as error:
        raise BuildFailed([error]) from None
    pairs, problems = discover(project)
    errors += problems
    if shard is not None:
        pairs = shard_of(pairs, *shard)
    cache = project_cache(project, use_cache)
    done: dict[str, Transcript] = {}
    todo: list[tuple[str, Path, Path, str]] = []
    lazy = lazy and use_cache
    order: dict[str, tuple] = {}  # slug -> (date order, key), when lazy
    paragraphs = 0  # in all, when lazy (the search index chooses its design by it)
    for slug, (text_path, sidecar_path) in sorted(pairs.items()):
        key = cache.key(text_path, sidecar_path)
        if keys is not None:
            keys[slug] = key
        hit = cache.get(key)
        if hit is not None and project.review == "required":
            errors += unreviewed(project, hit.meta)
        if hit is None:
            todo.append((slug, text_path, sidecar_path, key))
        elif lazy:
            order[slug] = (hit.meta.date.sort_key, slug, key)
            paragraphs += len(hit.paragraphs)
        else:
            done[slug] = hit
    workers = os.cpu_count() or 1
    if len(todo) >= PARALLEL_FROM and workers > 1:
        with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(project, registries)) as pool:
            outcomes = list(pool.map(_process_in_worker, [item[:3] for item in todo], chunksize=16))
    else:
        _start_worker(project, registries)
        outcomes = [_process_in_worker(item[:3]) for item in todo]
    processed = []
    for (slug, _, _, key), (transcript, problems) in zip(todo, outcomes):
        if transcript is None:
            errors += [InputError(*p) for p in problems]
        else:
            if project.review == "required":
                errors += unreviewed(project, transcript.meta)
            processed.append((key, transcript))
            if lazy:
                order[slug] = (transcript.meta.date.sort_key, slug, key)
                paragraphs += len(transcript.paragraphs)
            else:
                done[slug] = transcript
    if project.review == "required":
        errors += placeholders(project, registries)
    if errors:
        raise BuildFailed(errors)  # nothing cached: a failed build leaves no trace
    for key, transcript in processed:
        if fresh is not None and not lazy:
            fresh.append((key, transcript, cache.inputs(key)))
        else:
            cache.put(key, transcript)
    count = len(order) if lazy else len(done)
    log.info("normalised %d transcripts (%d from the cache)", count, count - len(todo))
    if lazy:
        return Stored(cache, [key for *_, key in sorted(order.values())], paragraphs), registries
    return [done[slug] for slug in sorted(done)], registries


def shard_of(pairs: dict, k: int, n: int) -> dict:
    """The K-th (from 1) of N slices of the transcripts, in slug order (a slug begins with the
    date, so a slice is a run of years): as many to each slice as can be, the first slices taking
    one more when they do not divide evenly."""
    slugs = sorted(pairs)
    size, extra = divmod(len(slugs), n)
    start = (k - 1) * size + min(k - 1, extra)
    return {slug: pairs[slug] for slug in slugs[start:start + size + (1 if k <= extra else 0)]}


def normalise_shard(project: Project, k: int, n: int, lock_timeout: float | None = None) -> tuple[int, int]:
    """``diparchive build --shard K/N``: normalise the K-th of N slices of the transcripts into
    the cache, and write nothing else; return (transcripts in the slice, of them from the cache).
    Each slice runs on a runner of its own; a final job puts the runners' cache folders
    together (each entry is named by the digest of its inputs) and builds docs/ and the site,
    every transcript then coming from the cache."""
    with build_lock(project.root, lock_timeout):
        project_cache(project).sweep()
        fresh: list = []
        transcripts, _ = gather(project, fresh=fresh, shard=(k, n))
        cache = project_cache(project)
        for key, transcript, inputs in fresh:
            cache.put(key, transcript, inputs)
    return len(transcripts), len(transcripts) - len(fresh)


_to_render: dict = {}
"""The pages a forked renderer inherits (``render_in_parallel``)."""


def _render_one(path: str) -> str:
    return write._text(_to_render[path])


def render_in_parallel(pages: dict, paths: list[str]) -> None:
    """Render the pages at ``paths`` (their functions, ``render.site_pages(lazy=True)``) in
    forked processes, which inherit the transcripts and registries they need: each page's text
    then stands in ``pages`` in place of its function. Fewer than ``PARALLEL_FROM``, or one
    core, they are left to be rendered as written."""
    workers = os.cpu_count() or 1
    if len(paths) < PARALLEL_FROM or workers < 2:
        return
    global _to_render
    _to_render = pages
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            texts = list(pool.map(_render_one, paths, chunksize=32))
    finally:
        _to_render = {}
    pages.update(zip(paths, texts))


def build(project: Project, check: bool = False, lock_timeout: float | None = None) -> write.WriteSummary | list[str]:
    """Build docs/ from transcripts/. With ``check``, write nothing and return the stale paths.
    One build of a project at a time (``lock.py``); what an interrupted one left in docs/ is
    finished or undone before anything else (``switch.py``)."""
    problem = output_problem(project, project.docs, "the output folder (--docs)")
    if problem is not None:
        raise BuildFailed([problem])
    with build_lock(project.root, lock_timeout):
        switch.recover(project.docs)
        project_cache(project).sweep()
        return _build(project, check)


def _build(project: Project, check: bool) -> write.WriteSummary | list[str]:
    fresh: list = []
    keys: dict[str, str] = {}
    transcripts, registries = gather(project, fresh=fresh, keys=keys)
    try:
        pages = render.site_pages(transcripts, registries, lazy=True)
    except outputs.Collisions as clash:  # two sources of one page: refused, as Pelican's writer does
        raise BuildFailed([outputs.as_error(c, project.transcripts, project.shown) for c in clash.collisions]) from None
    cache = project_cache(project, read_only=check)  # --check writes nothing, not even the cache
    for key, transcript, inputs in fresh:
        cache.put(key, transcript, inputs)
    # A transcript's page depends on the transcript (its cache key: its inputs, the registries,
    # the code) and on whether its event series has a page: a page rendered from the same, whose
    # file is as it was written, is not rendered again.
    rendered = RenderedPages(cache.directory, read_only=check)
    series = browse.series_with_pages(transcripts)
    inputs = {f"transcripts/{t.meta.slug}.md": f"{keys[t.meta.slug]} {int(t.meta.venue.series_name in series)}" for t in transcripts}
    for path, made in inputs.items():
        text = rendered.unchanged(project.docs, path, made)
        if text is not None:
            pages[path] = text
    render_in_parallel(pages, [path for path in inputs if callable(pages[path])])
    if check:
        return write.differences(project.docs, pages)
    texts = {path: write._text(pages[path]) for path in inputs}
    pages.update(texts)
    summary = write.write_pages(project.docs, pages)
    rendered.record({path: (inputs[path], write.sha256(texts[path].encode("utf-8"))) for path in inputs})
    for t in transcripts:
        log.info(
            "%s: %d paragraphs, %d turns, %d lines removed",
            t.meta.slug, len(t.paragraphs), len(t.turns), len(t.removals),
        )
    return summary
