"""The publishing workflow (.github/workflows/pages.yml) and a reproducible site: actions pinned
to commits, least permissions per job, time limits, hashed packages, the build dated by its
commit; and two builds of the same input and SOURCE_DATE_EPOCH byte-identical but for
Pagefind's known variation."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import pytest
import yaml

from conftest import ROOT
from diparchive.pipeline import build

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
LOCK = ROOT / "requirements.lock"
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<action>[\w.-]+/[\w.-]+)@(?P<ref>\S+)(?:\s+#\s*(?P<tag>\S+))?\s*$")


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text("utf-8"))


def steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


def run_step(workflow: dict, job: str, command: str) -> int:
    """The index of the build step whose script contains ``command``."""
    found = [i for i, step in enumerate(steps(workflow, job)) if command in step.get("run", "")]
    assert len(found) == 1, f"no single step runs {command!r}"
    return found[0]


def test_every_action_is_pinned_to_a_full_commit_with_its_release_tag_named():
    pins = [USES.match(line) for line in WORKFLOW.read_text("utf-8").splitlines() if "uses:" in line]
    assert len(pins) == 7 and all(pins)
    listed = (ROOT / "docs" / "guide" / "publishing.md").read_text("utf-8")
    for pin in pins:
        assert re.fullmatch(r"[0-9a-f]{40}", pin["ref"]), f"{pin['action']} is not pinned to a commit: {pin['ref']}"
        assert pin["tag"] and re.fullmatch(r"v\d+\.\d+\.\d+", pin["tag"]), f"{pin['action']}: name the release tag in a comment"
        assert f"`{pin['action']}` | `{pin['tag']}` | `{pin['ref']}`" in listed, f"the guide's publishing page does not list {pin['action']} {pin['tag']}"


def test_each_job_holds_only_the_permissions_it_needs(workflow):
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["configure"]["permissions"] == {"pages": "read"}
    assert jobs["release"]["permissions"] == {"contents": "write"}
    for name, job in jobs.items():
        if name not in ("deploy", "release"):
            assert not {"write"} & set(job["permissions"].values()), name
        if name != "deploy":
            assert "id-token" not in job["permissions"], name


def test_every_job_has_a_time_limit(workflow):
    for name, job in workflow["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int) and 0 < job["timeout-minutes"] <= 60, name


def test_checkout_keeps_no_credentials(workflow):
    checkouts = [s for job in workflow["jobs"] for s in steps(workflow, job) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(s["with"]["persist-credentials"] is False for s in checkouts)


def test_python_packages_are_installed_from_the_hashed_lock(workflow):
    install = steps(workflow, "build")[run_step(workflow, "build", "--require-hashes")]["run"]
    assert "python -m pip install --require-hashes -r requirements.lock" in install
    assert "--no-deps" in install.splitlines()[-1]  # the project itself adds nothing unhashed
    lock = LOCK.read_text("utf-8")
    entries = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)((?:\s*\\\n\s+--hash=sha256:[0-9a-f]{64})+)", lock, re.M)
    pinned = {re.sub(r"[-_.]+", "-", name).lower(): version for name, version, _ in entries}
    assert len(entries) == len(re.findall(r"^[A-Za-z0-9]", lock, re.M)), "every requirement has its hashes"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    for requirement in project["project"]["dependencies"]:
        name, extras, version = re.fullmatch(r"([\w.-]+)(?:\[([\w,]+)\])?==(\S+)", requirement.split("#")[0].strip()).groups()
        assert pinned.get(name.lower()) == version, f"requirements.lock pins {name} at {pinned.get(name.lower())}, pyproject.toml at {version}"
        for extra in (extras or "").split(","):
            if extra:
                assert pinned.get(f"{name}-{extra}".lower()) == version, f"{name}[{extra}]"
    for dependency in ("click", "markupsafe", "pyyaml-env-tag", "pymdown-extensions", "setuptools"):  # transitive, and the build backend
        assert dependency in pinned, dependency


def test_the_build_is_dated_by_its_commit_and_checked_before_the_site_is_built(workflow):
    dated = run_step(workflow, "build", "SOURCE_DATE_EPOCH")
    assert steps(workflow, "build")[dated]["run"] == 'echo "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)" >> "$GITHUB_ENV"'
    checked = run_step(workflow, "build", "diparchive build --check")
    built = run_step(workflow, "build", "mkdocs build --strict")
    assert dated < built and checked < built
    uploaded = [i for i, s in enumerate(steps(workflow, "build")) if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert uploaded and uploaded[0] > built


# --------------------------------------------------------------------------- reproducible


def site_build(project, out, epoch: str) -> dict[str, bytes]:
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=project.root, capture_output=True, text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": epoch},
    )
    assert run.returncode == 0, run.stderr
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


PAGEFIND_VARIES = re.compile(r"pagefind/(pagefind-entry\.json|pagefind\.\w+\.pf_meta|filter/\w+\.pf_filter)")
"""Pagefind writes its filter files differently from run to run on identical input (their
names are hashes of their content), and so the entry and metadata files that name them."""


def test_two_builds_with_the_same_source_date_epoch_are_byte_identical(project, tmp_path):
    build(project)
    first = site_build(project, tmp_path / "first", "1700000000")
    second = site_build(project, tmp_path / "second", "1700000000")
    assert first["sitemap.xml"] == second["sitemap.xml"] and first["sitemap.xml.gz"] == second["sitemap.xml.gz"]
    assert b"<lastmod>2023-11-14</lastmod>" in first["sitemap.xml"]
    differ = sorted(p for p in first.keys() | second.keys() if first.get(p) != second.get(p))
    assert [p for p in differ if not PAGEFIND_VARIES.fullmatch(p)] == []
    assert sum(p.startswith("pagefind/filter/") for p in first) == sum(p.startswith("pagefind/filter/") for p in second)
    later = site_build(project, tmp_path / "later", "1800000000")
    assert b"<lastmod>2027-01-15</lastmod>" in later["sitemap.xml"]  # the date is the epoch's, not today's


# --------------------------------------------------------------------------- bulk data, size


def test_the_site_is_measured_against_pages_limit_before_it_is_uploaded(workflow):
    built = run_step(workflow, "build", "mkdocs build --strict")
    measured = run_step(workflow, "build", "diparchive.site.size")
    assert steps(workflow, "build")[measured]["run"] == "python -m diparchive.site.size site --limit 1GB"
    uploaded = [i for i, s in enumerate(steps(workflow, "build")) if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert built < measured < uploaded[0]


def test_the_bulk_data_goes_to_the_commits_release_before_the_site_deploys(workflow):
    jobs = workflow["jobs"]
    build_step = steps(workflow, "build")[run_step(workflow, "build", "mkdocs build --strict")]
    assert build_step["env"]["DIPARCHIVE_BULK"] == "${{ vars.DIPARCHIVE_BULK }}"
    assert "releases/download/data-{2}/', github.server_url, github.repository, github.sha" in build_step["env"]["DIPARCHIVE_RELEASE_URL"]
    release = jobs["release"]
    assert release["needs"] == "build" and release["if"] == "needs.build.outputs.release == 'true'"
    assert jobs["build"]["outputs"]["release"] == "${{ steps.release.outputs.files }}"
    # the job that may write runs no code of the repository: it checks out nothing
    assert not [s for s in release["steps"] if s.get("uses", "").startswith("actions/checkout@")]
    uploading = release["steps"][-1]
    assert uploading["env"]["TAG"] == "data-${{ github.sha }}" and uploading["env"]["GH_TOKEN"] == "${{ github.token }}"
    assert 'gh release upload "$TAG" release/* --clobber' in uploading["run"] and 'gh release create "$TAG" release/*' in uploading["run"]
    assert any("sha256sum --check" in s.get("run", "") for s in release["steps"])
    assert jobs["deploy"]["needs"] == ["build", "release"]
    assert "contains(fromJSON('[\"success\", \"skipped\"]'), needs.release.result)" in jobs["deploy"]["if"]
