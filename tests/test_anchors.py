"""Published anchors never disappear or change meaning (see diparchive/anchors.py)."""

import json

from conftest import ROOT
from diparchive.publish import anchors
from diparchive.pipeline import Project, gather

RECORD = ROOT / "tests" / "published_anchors.json"


def test_every_published_anchor_still_points_at_the_same_words():
    transcripts, _ = gather(Project.at(ROOT))
    recorded = anchors.load(RECORD)
    assert recorded, "the record of published anchors is empty"
    assert anchors.problems(recorded, anchors.current(transcripts)) == []


def test_a_lost_or_changed_anchor_is_reported():
    recorded = {"a": {"L3": anchors.fingerprint("We met."), "L5": anchors.fingerprint("Then we left.")}, "b": {"L1": "x"}}
    now = {"a": {"L3": anchors.fingerprint("We  met!"), "L7": anchors.fingerprint("Then we left.")}}
    assert anchors.problems(recorded, now) == ["a#L5: the anchor is gone", "b#L1: the transcript is gone"]
    now["a"]["L3"] = anchors.fingerprint("We did not meet.")
    assert "a#L3: now holds other words" in anchors.problems(recorded, now)


def test_recording_adds_and_never_removes(tmp_path):
    path = tmp_path / "anchors.json"
    path.write_text(json.dumps({"a": {"L9": "old"}}))
    assert anchors.record(path, {"a": {"L2": "new"}}) == 1
    assert json.loads(path.read_text()) == {"a": {"L2": "new", "L9": "old"}}
