"""A collection is a content repository: ``diparchive new`` makes one, which holds its inputs and
settings and no code, and builds a full site with the archive's package installed from this
checkout (not the working copy's modules): pages, templates, assets and search."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import ROOT, TRANSCRIPTS

pytestmark = pytest.mark.slow

SLUG = "2008-12-05-lavrov-osce-helsinki"


def run(*command, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run(list(map(str, command)), cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={"PATH": os.environ["PATH"], "NO_MKDOCS_2_WARNING": "1", **(env or {})})
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A virtual environment with the archive's package built and installed from this checkout;
    the packages it needs are taken from the test environment's own (no download)."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    run(sys.executable, "-m", "venv", venv, cwd=venv.parent)
    python = venv / "bin" / "python"
    site_packages = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=venv).stdout.strip())
    (site_packages / "_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", "utf-8")
    source = tmp_path_factory.mktemp("source") / "diparchive"  # a clean copy: no .venv, no build output
    top = {".venv", ".git", "site", "var", ".cache", "release", "build", "tests"}

    def ignore(folder: str, names: list[str]) -> set[str]:
        here = {n for n in names if n in top} if Path(folder) == ROOT else set()
        return here | {n for n in names if n == "__pycache__" or n.endswith(".egg-info") or n == "node_modules"}

    shutil.copytree(ROOT, source, ignore=ignore)
    run(python, "-m", "pip", "install", "-q", "--no-deps", "--disable-pip-version-check", source, cwd=venv.parent)  # built as pip builds it: setuptools from the package index
    return venv


def test_a_new_collection_builds_a_site_with_the_installed_package(installed, tmp_path):
    diparchive, python = (installed / "bin" / name for name in ("diparchive", "python"))
    where = run(python, "-c", "import diparchive, pathlib; print(pathlib.Path(diparchive.__file__).resolve())", cwd=tmp_path).stdout.strip()
    assert str(installed) in where and str(ROOT) not in where  # the installed copy, not this checkout's
    collection = tmp_path / "collection"
    run(diparchive, "new", collection, "--name", "A test collection", cwd=tmp_path)
    made = sorted(p.relative_to(collection).as_posix() for p in collection.rglob("*") if p.is_file())
    assert made == [
        ".github/workflows/pages.yml", ".gitignore", "README.md", "docs/about/index.md", "docs/search.md", "mkdocs.yml",
        "requirements.txt", "transcripts/entities.yml", "transcripts/people.yml", "transcripts/themes.yml", "transcripts/variants.yml",
    ]
    assert not [p for p in made if p.endswith((".py", ".html", ".js", ".css"))]  # no copy of the archive's code or theme
    # a curator files a transcript and its people
    for suffix in (".txt", ".yml"):
        shutil.copy(TRANSCRIPTS / f"{SLUG}{suffix}", collection / "transcripts" / f"{SLUG}{suffix}")
    shutil.copy(TRANSCRIPTS / "people.yml", collection / "transcripts" / "people.yml")
    run(diparchive, "build", cwd=collection)
    run(diparchive, "build", "--check", cwd=collection)
    run(python, "-m", "mkdocs", "build", "--strict", cwd=collection)
    site = collection / "site"
    page = (site / "transcripts" / SLUG / "index.html").read_text("utf-8")
    assert 'id="L14"' in page and "A test collection" in page
    assert '<script src="../../assets/archive.js" type="module">' in page  # the package's assets, on every page
    for asset in ("archive.css", "archive.js", "search.js", "query.js", "search-config.json"):
        assert (site / "assets" / asset).is_file(), asset
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "data" / "corpus.jsonl").is_file()
    assert "archive-search" in (site / "search" / "index.html").read_text("utf-8")  # the package's search page template


def test_new_refuses_a_folder_with_files_and_writes_nothing(tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.md").write_text("mine", "utf-8")
    done = subprocess.run([sys.executable, "-m", "diparchive", "new", str(mine)], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "expected a missing or empty folder for the new collection (nothing is overwritten); found a folder with files in it" in done.stderr
    assert [p.name for p in mine.iterdir()] == ["notes.md"]


def test_the_starter_workflow_is_the_repositorys_but_for_how_the_package_is_installed():
    ours = (ROOT / ".github" / "workflows" / "pages.yml").read_text("utf-8").splitlines()
    starter = (ROOT / "scripts" / "diparchive" / "curate" / "starter" / "github" / "pages.yml").read_text("utf-8").splitlines()
    differ = sorted(set(ours) ^ set(starter))
    assert all(any(word in line for word in ("install", "requirements", "package", "checked against its hash")) for line in differ), differ
