"""The README and the guide: a short README that speaks of the software only, and a guide in the
site (docs/guide/, the nav's Guide section) whose pages name what their readers need: the
curator's commands, every option of the plugin with its variable, every stage of the package."""

from __future__ import annotations

import ast
import inspect
import re

import pytest
import yaml

from conftest import ROOT

README = ROOT / "README.md"
GUIDE = ROOT / "docs" / "guide"
PACKAGE = ROOT / "scripts" / "diparchive"
PAGES = ("index.md", "reading.md", "curating.md", "publishing.md", "contributing.md", "decisions.md")

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = re.compile(rf"\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b\d{{1,2}} (?:{MONTHS}) \d{{4}}\b|\b(?:{MONTHS}) \d{{1,2}}, \d{{4}}\b")
"""A day's date, as ISO or in words: the README states none (a run's date is history)."""
OF_ITS_MAKING = ("session", "was tried", "could not be reached", "Before,")
"""Phrases that tell how or when the software was made, not what it does."""


def text(name: str) -> str:
    return (GUIDE / name).read_text("utf-8")


def nav_pages() -> list[str]:
    """Every page the nav of mkdocs.yml names, at any depth (MkDocs' !ENV tags read as nothing)."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=Loader)

    def walk(entry):
        if isinstance(entry, str):
            yield entry
        elif isinstance(entry, list):
            for item in entry:
                yield from walk(item)
        elif isinstance(entry, dict):
            for value in entry.values():
                yield from walk(value)

    guide = [entry["Guide"] for entry in config["nav"] if isinstance(entry, dict) and "Guide" in entry]
    assert len(guide) == 1, "mkdocs.yml's nav has one Guide section"
    titles = [next(iter(entry)) if isinstance(entry, dict) else entry for entry in config["nav"]]
    assert titles.index("Guide") == titles.index("About") + 1, "the Guide section follows About"
    return list(walk(guide))


# --------------------------------------------------------------------------- the README


def test_the_readme_is_short():
    lines = README.read_text("utf-8").splitlines()
    assert len(lines) <= 160, f"README.md has {len(lines)} lines: move the rest into docs/guide/"


def test_the_readme_says_nothing_of_how_or_when_it_was_made():
    readme = README.read_text("utf-8")
    found = [phrase for phrase in OF_ITS_MAKING if phrase in readme]
    assert found == [], f"README.md speaks of its making: {found}"
    assert DATE.findall(readme) == [], "README.md names a date"


def test_the_readme_keeps_the_screenshot_and_points_to_the_guide():
    readme = README.read_text("utf-8")
    assert "](docs/assets/screenshot.png)" in readme
    for command in ("bash scripts/serve.sh", "bash scripts/test.sh", "bash scripts/test.sh --quick", "diparchive new"):
        assert command in readme, command
    for page in PAGES[1:]:
        assert f"(docs/guide/{page})" in readme, page


# --------------------------------------------------------------------------- the guide


@pytest.mark.parametrize("page", PAGES)
def test_each_page_of_the_guide_exists_and_is_in_the_nav(page):
    assert (GUIDE / page).is_file(), f"docs/guide/{page} is missing"
    assert f"guide/{page}" in nav_pages(), f"docs/guide/{page} is not in the Guide section of mkdocs.yml's nav"


def test_the_index_names_every_page():
    index = text("index.md")
    for page in PAGES[1:]:
        assert f"]({page})" in index, page


def test_curating_names_the_curators_commands_and_files():
    curating = text("curating.md")
    for needed in ("diparchive add", "people.yml", "remove:", "keep:", "narration:", "draft:", "diparchive schema", ".diparchive-manifest.json"):
        assert needed in curating, needed


def plugin_options() -> dict[str, str]:
    """Each option the plugin declares (``ArchiveConfig``) -> the DIPARCHIVE_ variable its
    docstring names."""
    from diparchive.site.plugin import ArchiveConfig

    body = ast.parse(inspect.getsource(ArchiveConfig)).body[0].body
    docs = {}
    for node, after in zip(body, body[1:]):
        if isinstance(node, ast.Assign) and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant):
            docs[node.targets[0].id] = after.value.value
    options = {}
    for name, _ in ArchiveConfig._schema:
        variable = re.search(r"\bDIPARCHIVE_[A-Z_]+\b", docs.get(name, ""))
        assert variable, f"ArchiveConfig.{name}: its docstring names no DIPARCHIVE_ variable"
        options[name] = variable.group()
    return options


def test_publishing_documents_every_option_of_the_plugin_and_its_variable():
    publishing = text("publishing.md")
    options = plugin_options()
    assert len(options) >= 10
    missing = [f"{name} ({variable})" for name, variable in options.items() if f"`{name}`" not in publishing or f"`{variable}`" not in publishing]
    assert missing == [], f"docs/guide/publishing.md does not document: {', '.join(missing)}"
    for needed in ("python -m diparchive.site.size site --limit 1GB", "requirements.lock", "bulk: release", "collections.yml", "diparchive new", "build.lock"):
        assert needed in publishing, needed


def test_contributing_maps_every_stage_of_the_package():
    contributing = text("contributing.md")
    stages = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file())
    assert len(stages) >= 8
    missing = [stage for stage in stages if f"`{stage}/`" not in contributing]
    assert missing == [], f"docs/guide/contributing.md does not map: {missing}"
    for needed in ("tests/test_layers.py", "DIPARCHIVE_SHARED", "scripts/fetch_shared.py", "--regenerate-golden", "chromium"):
        assert needed in contributing, needed


def test_each_design_record_has_a_reason_and_a_date():
    records = re.split(r"^## ", text("decisions.md"), flags=re.M)[1:]
    assert len(records) >= 10
    for record in records:
        heading = record.splitlines()[0]
        assert "*Why*" in record, f"{heading}: no reason"
        assert re.search(r"^Recorded: \d{4}-\d{2}-\d{2}$", record, re.M), f"{heading}: no date"


@pytest.mark.parametrize("page", PAGES)
def test_the_guide_speaks_of_the_software_not_of_its_making(page):
    found = [phrase for phrase in OF_ITS_MAKING if phrase in text(page)]
    assert found == [], f"docs/guide/{page}: {found}"
