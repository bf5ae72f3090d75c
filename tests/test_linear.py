"""Normalisation grows linearly with a capture's size (issue: a 5 MB capture once took 25 times
a 1 MB one). The work is counted, not timed: the function calls ``pipeline.process`` makes for a
capture and for one four times larger (scripts/bench_capture.py's synthetic captures, with pull
quotes and quotations set apart for the context rules to compare). Time is the benchmark's."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from bench_capture import synthetic, synthetic_capture, work  # noqa: E402

SMALL, LARGE = 400, 1600


@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_a_capture_four_times_larger_takes_about_four_times_the_work(tmp_path, suffix):
    html = suffix == ".html"
    small = work(tmp_path / "small", synthetic_capture(SMALL, html), suffix, timed=False)
    large = work(tmp_path / "large", synthetic_capture(LARGE, html), suffix, timed=False)
    size = large["bytes"] / small["bytes"]
    assert 3.8 < size < 4.4
    assert large["calls"] / small["calls"] <= 1.1 * size, (small["calls"], large["calls"], size)


@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_the_synthetic_capture_is_kept_and_its_repeats_go_by_the_repeated_text_rule(tmp_path, suffix):
    """The captures the growth is counted on exercise the rules that compare paragraphs: every
    paragraph spoken is kept, under no label, and the pull quotes and quotations go as repeated text."""
    capture, spoken, repeats = synthetic(SMALL, suffix == ".html")
    done = work(tmp_path / "c", capture, suffix, timed=False)["transcript"]
    kept = [block.text for block in done.blocks]
    assert all(text in kept for text in spoken), [t[:40] for t in spoken if t not in kept][:3]
    assert len(kept) - len(spoken) <= 0.1 * repeats  # the repeats are (nearly) all gone …
    assert len([r for r in done.removals if r.rule == "repeated-text"]) >= 0.9 * repeats  # … by the rule that finds them
