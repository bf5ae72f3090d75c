"""Command line: ``diparchive build``, ``diparchive build --check``, ``diparchive update``,
``diparchive anchors --record``."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from diparchive.publish import anchors
from diparchive.infra.cache import held
from diparchive.infra.errors import BuildFailed, InputError, os_error
from diparchive.infra.lock import timeout_from
from diparchive.pipeline import Project, build, gather, normalise_shard
from diparchive.site.plugin import project_settings
from diparchive.ingest.sidecar import schema_text

log = logging.getLogger("diparchive")

EPILOG = """settings:
  The build, index and export commands read the project's settings from its mkdocs.yml, the
  options of the 'diparchive' plugin, which the repository's mkdocs.yml takes from these
  environment variables (MkDocs' !ENV):
    DIPARCHIVE_BULK             bulk: where the bulk files go, 'site' (default) or 'release'
    DIPARCHIVE_RELEASE_URL      release_url: the release's download address (https://, ends in /)
    DIPARCHIVE_RELEASE_DIR      release_dir: where a release's files are written (default release/)
    DIPARCHIVE_COLLECTION       collection: which entry of collections.yml this site is
    DIPARCHIVE_COLLECTION_URLS  collection_urls: id=address pairs to serve collections locally
    DIPARCHIVE_RECORDS          records: the search records, auto, passages, voices or pages
    DIPARCHIVE_PARALLEL_RENDER  parallel_render: auto, on or off
    DIPARCHIVE_SEARCH_INDEX     search_index: index the site after each build (true or false)
    DIPARCHIVE_SHARD_MEMORY     shard_memory: bytes one Pagefind run may take
    DIPARCHIVE_LOCK_TIMEOUT     lock_timeout: seconds to wait for another build (default: wait)
"""


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="diparchive", description="Build the transcript archive's pages.", epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project directory (default: here)")
    parser.add_argument("--transcripts", type=Path, help="input directory (default: ROOT/transcripts)")
    parser.add_argument("--docs", type=Path, help="output directory (default: ROOT/docs)")
    parser.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="normalise transcripts/ into Markdown pages under docs/")
    build_cmd.add_argument("--check", action="store_true", help="write nothing; exit 1 if docs/ is stale")
    build_cmd.add_argument(
        "--shard", metavar="K/N", help="normalise only the K-th of N slices of the transcripts into the cache, and write nothing else (a runner's part of a build)"
    )
    commands.add_parser(
        "update", help="build docs/, then update the built site: only the pages that changed are rendered (mkdocs build --dirty); the result is a full build's"
    )
    anchors_cmd = commands.add_parser("anchors", help="check or record the published paragraph anchors")
    anchors_cmd.add_argument("--record", action="store_true", help="add new anchors to the record")
    anchors_cmd.add_argument("--file", type=Path, help="the record (default: ROOT/tests/published_anchors.json)")
    add_cmd = commands.add_parser("add", help="copy a capture into transcripts/ and draft its sidecar from what it states")
    add_cmd.add_argument("capture", type=Path, help="the capture: a .txt, .md (with a YAML header) or saved .html page")
    add_cmd.add_argument("--slug", help="the slug to file it under (default: proposed from its date and title)")
    commands.add_parser("schema", help="print the metadata schema")
    new_cmd = commands.add_parser("new", help="make a collection's content repository: mkdocs.yml, transcripts/, a workflow")
    new_cmd.add_argument("folder", type=Path, help="where (a missing or empty folder)")
    new_cmd.add_argument("--name", default="Diplomatic Transcripts Archive", help="the site's name")
    new_cmd.add_argument("--requirement", help="how requirements.txt names the archive's package (default: this version, diparchive==X.Y.Z)")
    export_cmd = commands.add_parser(
        "export", help="write the open data and feeds to a directory (with DIPARCHIVE_BULK=release, the bulk files into release/ beside it)"
    )
    export_cmd.add_argument("--out", type=Path, required=True, help="where to write them")
    export_cmd.add_argument("--site-url", default="http://127.0.0.1:8000/", help="the site's address, for absolute links")
    index_cmd = commands.add_parser("index", help="index the archive for search into a built site (mkdocs build does this too)")
    index_cmd.add_argument("--site", type=Path, help="the built site (default: ROOT/site)")
    index_cmd.add_argument("--json", action="store_true", help="print what was indexed, and Pagefind's time and memory, as JSON")
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO, format="%(levelname)s: %(message)s")
    try:
        if args.command == "schema":
            sys.stdout.write(schema_text() + "\n")
            return 0
        if args.command == "new":
            from diparchive.curate.new import new

            return new(args.folder, args.name, args.requirement)
        project = Project.at(args.root, args.transcripts, args.docs, project_settings(args.root.resolve()))
        if args.command == "add":
            from diparchive.curate.add import add

            return add(project, args.capture, args.slug)
        if args.command == "export":
            from diparchive.publish import exports

            from diparchive.infra.places import export_problem

            problem = export_problem(project, args.out)
            if problem is not None:
                raise problem
            transcripts, registries = gather(project)
            from diparchive.publish.bulk import options

            exports.write(transcripts, registries, args.site_url, args.out, options(project_settings(project.root), args.out.resolve(), project))
            return 0
        if args.command == "index":
            from diparchive.site.search_index import index_built_site

            summary = index_built_site(args.site or project.root / "site", project, project_settings(project.root))
            if args.json:
                sys.stdout.write(json.dumps(summary, sort_keys=True) + "\n")
            return 0
        if args.command == "anchors":
            record = args.file or project.root / "tests" / "published_anchors.json"
            transcripts, _ = gather(project)
            now = anchors.current(transcripts)
            if args.record:
                log.info("recorded %d new anchors in %s", anchors.record(record, now), project.shown(record))
                return 0
            lost = anchors.problems(anchors.load(record), now)
            for problem in lost:
                log.error("%s", problem)
            return 1 if lost else 0
        if args.command == "update":
            return update(project)
        if args.shard is not None:
            k, n = shard_option(args.shard, args.check)
            count, cached = normalise_shard(project, k, n, timeout_from(project_settings(project.root)))
            log.info("shard %d of %d: %d transcripts normalised into the cache (%d were there already); docs/ not written", k, n, count, cached)
            return 0
        result = build(project, check=args.check, lock_timeout=timeout_from(project_settings(project.root)))
        if args.check:
            for problem in result:
                log.error("stale: docs/%s", problem)
            if result:
                log.error("docs/ is stale: run 'diparchive build' and commit the result")
                return 1
            log.info("docs/ is up to date")
            return 0
        log.info(
            "wrote %d pages, %d unchanged, %d deleted",
            len(result.written), result.unchanged, len(result.deleted),
        )
        return 0
    except BuildFailed as failed:
        log.error("%s", failed)
        return 1
    except InputError as error:
        log.error("%s", error)
        return 1
    except OSError as error:  # a read-only, full or vanished folder: one line naming it
        log.error("%s", os_error(error, args.root.resolve()))
        return 1


def shard_option(value: str, check: bool) -> tuple[int, int]:
    """``--shard K/N``: (K, N), 1 <= K <= N."""
    parts = value.split("/")
    if check:
        raise InputError("--shard", "value", "no --check with it (a shard writes the cache only)", "--check")
    if len(parts) != 2 or not all(p.isdigit() and p.isascii() for p in parts) or not 1 <= int(parts[0]) <= int(parts[1]):
        raise InputError("--shard", "value", "K/N, the K-th of N slices, 1 <= K <= N (e.g. 2/4)", repr(value))
    return int(parts[0]), int(parts[1])


def update(project: Project) -> int:
    """``diparchive update``: docs/ from transcripts/, then ``mkdocs build --dirty`` of the
    project's ``mkdocs.yml``, in this process. What it gives is the site a full build gives
    (``site/incremental.py``); a failed update leaves docs/ and the site as they were, or, when
    docs/ was written and the site's build failed, the site as it was."""
    with held():  # the transcripts are read from the cache once, not by each stage
        return _update(project)


def _update(project: Project) -> int:
    import time

    from mkdocs.commands.build import build as build_site
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    started = time.perf_counter()
    summary = build(project, lock_timeout=timeout_from(project_settings(project.root)))
    log.info("docs/: wrote %d pages, %d unchanged, %d deleted (%.1f s)", len(summary.written), summary.unchanged, len(summary.deleted), time.perf_counter() - started)
    config_file = project.root / "mkdocs.yml"
    if not config_file.is_file():
        raise InputError(project.shown(config_file), "", "the site's MkDocs configuration", "no such file")
    try:
        config = load_config(str(config_file))
        config.plugins.on_startup(command="build", dirty=True)
        try:
            build_site(config, dirty=True)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as error:  # a plugin's message or --strict's abort: said already, or here
        log.error("site: %s", error)
        return 1
    log.info("site: updated in %.1f s in all", time.perf_counter() - started)
    return 0


def main(argv: list[str] | None = None) -> int:
    """The command line; whatever stops it is one line on stderr and exit status 1, never a
    traceback: bad input (``InputError``, ``BuildFailed``) and the operating system's refusals
    (``OSError``: a read-only folder, a name too long), wherever they arise."""
    try:
        return _main(argv)
    except (BuildFailed, InputError, OSError) as error:
        if not logging.getLogger().handlers:
            logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
        log.error("%s", os_error(error) if isinstance(error, OSError) else error)
        return 1


if __name__ == "__main__":
    sys.exit(main())
