"""Benchmark one capture's normalisation against its size: does the work grow linearly?

    .venv/bin/python scripts/bench_capture.py                  # synthetic captures, 0.25 to 4 MB
    .venv/bin/python scripts/bench_capture.py --un 25 50 100 200   # N UN speeches as one capture

A capture of each size goes through the whole of ``pipeline.process`` (read, clean with every
line and context rule, segment, themes, mentions) under cProfile. For each size the table gives
the capture's megabytes, the paragraphs kept, the function calls made (the work, which does not
depend on the machine), the seconds, and the ratios of calls and seconds to the smallest size
against the ratio of sizes. Then the profile's top entries at the largest size.

The synthetic capture is text of the default collection's registries: two speakers taking turns
(the Security Council of February 2022's sidecar), paragraphs of words drawn from a seeded
generator, with what makes context rules compare paragraphs: a pull quote after every tenth
paragraph (words of the one before), a passage set apart as a quotation (``<blockquote>``) after
every 25th (words of one far before), and in text captures the same shapes as plain lines.
``--un N...`` concatenates N speeches of the UN corpus instead (``../shared``). A benchmark, not
a test: machines are noisy; ``tests/test_linear.py`` checks the calls.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from diparchive.pipeline import Project, process, read_registries  # noqa: E402

SIDECAR = ROOT / "transcripts" / "2022-02-21-lavrov-putin-security-council-moscow.yml"
SPEAKERS = ("S.V. Lavrov", "V.V. Putin")
_SOURCE = yaml.safe_load(SIDECAR.read_text("utf-8"))["source"]
HEADLINE, CREDIT = _SOURCE["headline"][0], _SOURCE["credit_line"]
"""The lines the sidecar says the capture has: its headline and its credit line."""
VOCABULARY = (
    "security alliance treaty council minister partners dialogue europe guarantees expansion eastern "
    "proposals principle indivisible obligations cooperation organisation region negotiations agreement "
    "colleagues position response documents questions interests military presence borders neighbours "
    "countries discussion framework commitments stability conflict settlement process members decisions"
).split()
SMALL = "the of and to in a that we on is for with this it are our as by not be have".split()


def _sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(VOCABULARY) if rng.random() < 0.55 else rng.choice(SMALL) for _ in range(words)]
    return chosen[0].capitalize() + " " + " ".join(chosen[1:]) + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng, rng.randint(9, 24)) for _ in range(rng.randint(2, 6)))


def synthetic_capture(paragraphs: int, html: bool, seed: int = 24) -> str:
    """A capture of ``paragraphs`` spoken paragraphs (turns of two speakers), with pull quotes and
    quotations set apart among them; as HTML (``<p>``, ``<blockquote>``) or plain text."""
    return synthetic(paragraphs, html, seed)[0]


def synthetic(paragraphs: int, html: bool, seed: int = 24) -> tuple[str, list[str], int]:
    """``synthetic_capture``, with the paragraphs spoken (their words, without the labels) and how
    many repeats (pull quotes and quotations) it sets among them."""
    rng = random.Random(seed)
    said: list[str] = []
    units: list[tuple[str, str]] = []  # (kind, text)
    for n in range(paragraphs):
        text = _paragraph(rng)
        if n % 7 == 0:
            text = f"{SPEAKERS[(n // 7) % 2]}: {text}"
        said.append(text)
        units.append(("p", text))
        if n % 10 == 9:  # a pull quote: a sentence of the paragraph before, again
            units.append(("p", said[-1].split(": ", 1)[-1].split(". ")[0] + "."))
        if n % 25 == 24 and n > 50:  # a quotation from far before, set apart
            far = said[rng.randrange(0, n - 40)].split(": ", 1)[-1]
            units.append(("blockquote", far))
    spoken = [text.split(": ", 1)[1] if n % 7 == 0 else text for n, text in enumerate(said)]
    repeats = len(units) - len(said)
    if not html:
        return f"{HEADLINE}\n\n" + "\n\n".join(text for _, text in units) + f"\n\n{CREDIT}\n", spoken, repeats
    body = "\n".join(f"<blockquote><p>{text}</p></blockquote>" if kind == "blockquote" else f"<p>{text}</p>" for kind, text in units)
    return f"<!DOCTYPE html>\n<html><head><title>{HEADLINE}</title></head><body>\n<h1>{HEADLINE}</h1>\n{body}\n<p>{CREDIT}</p>\n</body></html>\n", spoken, repeats


def project_with(folder: Path, capture: str, suffix: str, registries_from: Path = ROOT / "transcripts", sidecar: Path = SIDECAR) -> tuple[Project, Path, Path]:
    """A project in ``folder`` holding the one capture (slug ``capture``), its sidecar and the registries."""
    transcripts = folder / "transcripts"
    transcripts.mkdir(parents=True)
    for registry in ("people.yml", "themes.yml", "variants.yml", "entities.yml"):
        if (registries_from / registry).is_file():
            shutil.copy(registries_from / registry, transcripts / registry)
    shutil.copy(sidecar, transcripts / "capture.yml")
    (transcripts / f"capture{suffix}").write_text(capture, "utf-8")
    return Project.at(folder), transcripts / f"capture{suffix}", transcripts / "capture.yml"


def work(folder: Path, capture: str, suffix: str, timed: bool = True, **where) -> dict:
    """One capture through ``pipeline.process``: its seconds (``timed``), and under cProfile its
    calls, paragraphs kept, profile and transcript."""
    project, text, sidecar = project_with(folder, capture, suffix, **where)
    registries = read_registries(project)
    seconds = None
    if timed:  # timed without the profiler, which slows each call
        started = time.perf_counter()
        process(project, "capture", text, sidecar, registries)
        seconds = time.perf_counter() - started
    profile = cProfile.Profile()
    profile.enable()
    transcript = process(project, "capture", text, sidecar, registries)
    profile.disable()
    stats = pstats.Stats(profile)
    return {"bytes": len(capture.encode("utf-8")), "kept": len(transcript.blocks), "calls": stats.total_calls, "seconds": seconds,
            "stats": stats, "transcript": transcript}


def un_capture(n: int) -> tuple[str, Path, Path]:
    """N UN General Debate speeches, one after another, as one capture: the text, the registries'
    folder and a sidecar (those of a UN project imported by scripts/collection.py)."""
    from collection import project as make_project

    folder = Path(tempfile.mkdtemp(prefix="bench-capture-un-"))
    make_project("un", folder, n)
    texts = sorted((folder / "transcripts").glob("*.txt"))
    return "\n\n".join(t.read_text("utf-8").strip() for t in texts) + "\n", folder / "transcripts", next(iter(sorted((folder / "transcripts").glob("*-1.yml"))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--paragraphs", type=int, nargs="+", default=[500, 1000, 2000, 4000, 8000], help="synthetic captures of these many paragraphs")
    parser.add_argument("--un", type=int, nargs="+", help="instead, captures of the first N UN speeches, one after another")
    parser.add_argument("--top", type=int, default=15, help="profile entries shown at the largest size")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-capture-") as scratch:
        cases = []
        if args.un:
            for n in args.un:
                text, registries, sidecar = un_capture(n)
                cases.append((f"{n} UN speeches", text, ".txt", {"registries_from": registries, "sidecar": sidecar}))
        else:
            for n in args.paragraphs:
                for html in (False, True):
                    cases.append((f"{n:,} paragraphs, {'HTML' if html else 'text'}", synthetic_capture(n, html), ".html" if html else ".txt", {}))
        print("| capture | MB | paragraphs kept | calls | seconds | size ratio | calls ratio | seconds ratio |", flush=True)
        print("|---|---:|---:|---:|---:|---:|---:|---:|", flush=True)
        first: dict[str, dict] = {}
        for number, (label, text, suffix, where) in enumerate(cases):
            row = work(Path(scratch) / str(number), text, suffix, **where)
            base = first.setdefault(suffix, row)
            rows.append((label, row))
            print(f"| {label} | {row['bytes'] / 1e6:.2f} | {row['kept']:,} | {row['calls']:,} | {row['seconds']:.2f} | "
                  f"{row['bytes'] / base['bytes']:.1f} | {row['calls'] / base['calls']:.2f} | {row['seconds'] / base['seconds']:.2f} |", flush=True)
    label, largest = max(rows, key=lambda r: r[1]["bytes"])
    out = io.StringIO()
    largest["stats"].stream = out
    largest["stats"].sort_stats("tottime").print_stats(args.top)
    print(f"\nProfile of the largest ({label}), by own time:\n\n```")
    print("\n".join(line for line in out.getvalue().splitlines() if line.strip() and not line.startswith(("   Ordered", "   List reduced"))))
    print("```")


if __name__ == "__main__":
    main()
