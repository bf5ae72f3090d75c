"""How many bytes a built site publishes, part by part, against a limit (GitHub Pages: 1 GB).

    python -m diparchive.site.size site --limit 1GB

prints, for each top-level part of the site (``transcripts/``, ``data/``, ``pagefind/``, ..., and
the files at its root together), its bytes, its share and its number of files, largest first,
then the total and the size of the tarball ``actions/upload-pages-artifact`` makes of it (each
file padded to 512-byte blocks behind a 512-byte header: what Pages receives and deploys, and
what its limit is meant for); exits 1 when the tarball is above the limit, 2 on a wrong argument. Bytes are the files' own sizes (the
artifact follows links, so a file linked twice counts twice), in decimal units as GitHub states
its limits (1 GB = 10^9 bytes).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

UNITS = {"": 1, "B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "KIB": 2**10, "MIB": 2**20, "GIB": 2**30}
SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*")
ROOT_FILES = "(files at the root)"


TAR_BLOCK = 512


@dataclass(frozen=True)
class Part:
    name: str
    bytes: int
    files: int
    tar: int = 0
    """Its bytes in a tarball: a header block per file and folder, each file's blocks."""


def parse_size(text: str) -> int:
    """``1GB``, ``500 MB``, ``1.5GiB``, ``123`` -> bytes; ValueError naming what was found."""
    match = SIZE.fullmatch(text)
    if not match or match.group(2).upper() not in UNITS:
        raise ValueError(f"--limit: expected a size such as 1GB, 500MB, 1GiB or a number of bytes; found {text!r}")
    return int(float(match.group(1)) * UNITS[match.group(2).upper()])


def measure(site: Path) -> list[Part]:
    """Every top-level part of ``site`` with its bytes and files, largest first (then by name)."""
    parts: dict[str, list[int]] = {}
    for folder, _, names in os.walk(site, followlinks=True):
        relative = Path(folder).relative_to(site).parts
        part = relative[0] + "/" if relative else ROOT_FILES
        tally = parts.setdefault(part, [0, 0, 0])
        if relative:
            tally[2] += _tar_entry("/".join(relative) + "/", 0)
        for name in names:
            size = (Path(folder) / name).stat().st_size
            tally[0] += size
            tally[1] += 1
            tally[2] += _tar_entry("/".join((*relative, name)), size)
    return sorted((Part(name, *tally) for name, tally in parts.items() if tally[1]), key=lambda p: (-p.bytes, p.name))


def _tar_entry(path: str, size: int) -> int:
    """The bytes of one entry of a GNU tarball of the site made with ``tar -C site .``: its header,
    its blocks, and for a name longer than 100 bytes a header and blocks more for the name."""
    name = len(("./" + path).encode()) + 1
    long_name = TAR_BLOCK + -(-name // TAR_BLOCK) * TAR_BLOCK if name > 100 else 0
    return long_name + TAR_BLOCK + -(-size // TAR_BLOCK) * TAR_BLOCK


def human(size: int) -> str:
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} B"


def tarball(parts: list[Part]) -> int:
    """The tarball's bytes: its entries, the root's, two empty blocks, padded to 20 blocks."""
    end = sum(p.tar for p in parts) + 3 * TAR_BLOCK
    return -(-end // (20 * TAR_BLOCK)) * 20 * TAR_BLOCK


def table(parts: list[Part], limit: int) -> str:
    total = sum(p.bytes for p in parts)
    files = sum(p.files for p in parts)
    width = max([len(p.name) for p in parts] + [len("total")])
    lines = [f"{'part':<{width}}  {'bytes':>15}  {'':>9}  {'share':>6}  {'files':>9}"]
    for p in parts:
        share = p.bytes / total if total else 0
        lines.append(f"{p.name:<{width}}  {p.bytes:>15,}  {human(p.bytes):>9}  {share:>6.1%}  {p.files:>9,}")
    lines.append(f"{'total':<{width}}  {total:>15,}  {human(total):>9}  {'':>6}  {files:>9,}")
    tar = tarball(parts)
    lines.append(f"{'as a tarball':<{width}}  {tar:>15,}  {human(tar):>9}")
    verdict = "within" if tar <= limit else "OVER"
    lines.append(f"the tarball is {verdict} the limit of {limit:,} bytes ({human(limit)}): {tar / limit:.1%} of it")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path, help="the built site's directory")
    parser.add_argument("--limit", default="1GB", help="the most the site may weigh (default 1GB, GitHub Pages' limit)")
    args = parser.parse_args(argv)
    try:
        limit = parse_size(args.limit)
    except ValueError as error:
        print(f"site_size: {error}", file=sys.stderr)
        return 2
    if not args.site.is_dir():
        print(f"site_size: {args.site}: expected a built site's directory; found {'a file' if args.site.exists() else 'nothing'}", file=sys.stderr)
        return 2
    parts = measure(args.site)
    print(table(parts, limit))
    return 0 if tarball(parts) <= limit else 1


if __name__ == "__main__":
    sys.exit(main())
