"""Settings are input: SOURCE_REPOSITORY and SITE_URL (mkdocs.yml takes them from the
environment) and the addresses of collections.yml are refused in one line unless they are plain
web addresses, before anything is built."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from diparchive.site.collections import read_collections, search_collections
from diparchive.infra.errors import BuildFailed, InputError
from diparchive.site.settings import REPOSITORY_EXPECTED, SITE_EXPECTED, site_url, source_repository

HOSTILE = [
    "javascript:alert(1)//", "javascript://example.org/%0Aalert(1)", "data:text/html,<script>alert(1)</script>", "//example.org/x",
    "https://", "https:///owner/archive", "https://example.org/a b", "https://example.org/a\n", "https://example.org/\x1b[2J",
    "https://user:secret@example.org/a", "https://example.org/a?x=1", "https://example.org/a#top", "https://example.org/a\"onmouseover=\"alert(1)",
    "https://example.org/<script>", "https://example.org:http/a", " https://example.org/a", "https://example.org/a\u2028",
]


@pytest.mark.parametrize("value", HOSTILE + ["http://example.org/owner/archive", "https://github.com/owner/archive/"])
def test_a_source_repository_that_is_not_a_plain_https_address_is_refused(value):
    with pytest.raises(InputError) as refused:
        source_repository(value)
    text = str(refused.value)
    assert text.startswith("SOURCE_REPOSITORY (mkdocs.yml extra.source_repository): expected ") and REPOSITORY_EXPECTED in text
    assert "\n" not in text and "\x1b" not in text and "\u2028" not in text


@pytest.mark.parametrize("value", ["", None, "https://github.com/owner/archive", "https://git.example.org:8443/group/sub/archive"])
def test_an_empty_or_https_source_repository_is_taken(value):
    assert source_repository(value) == (value or "")


@pytest.mark.parametrize("value", HOSTILE + ["", None, "ftp://example.org/"])
def test_a_site_url_that_is_not_a_plain_http_address_is_refused(value):
    with pytest.raises(InputError) as refused:
        site_url(value)
    assert str(refused.value).startswith(f"SITE_URL (mkdocs.yml site_url): expected {SITE_EXPECTED}; found ")


@pytest.mark.parametrize("value", ["http://127.0.0.1:8000/", "https://owner.github.io/archive/", "http://[::1]:8000/archive/", "https://example.org"])
def test_an_http_or_https_site_url_is_taken(value):
    assert site_url(value) == value


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def mkdocs(project, tmp_path, **env: str) -> subprocess.CompletedProcess:
    environment = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "SITE_URL": "http://127.0.0.1:8000/", **env}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project.root, capture_output=True, text=True, env=environment)


def test_a_hostile_setting_stops_mkdocs_build_in_one_line_and_the_previous_site_stays(small_project, tmp_path):
    run = subprocess.run([sys.executable, "-m", "diparchive", "--root", str(small_project.root), "build"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    run = mkdocs(small_project, tmp_path, SOURCE_REPOSITORY="https://github.com/owner/archive")
    assert run.returncode == 0, run.stderr
    site = small_project.root / "site"
    page = (site / "transcripts" / "2020-01-02-test" / "index.html").read_text("utf-8")
    assert '<a href="https://github.com/owner/archive/blob/main/transcripts/2020-01-02-test.txt">' in page
    before = tree(site)

    for setting, value, shown in [
        ("SOURCE_REPOSITORY", "javascript:alert(1)//", "SOURCE_REPOSITORY (mkdocs.yml extra.source_repository)"),
        ("SOURCE_REPOSITORY", "https://github.com/owner/archive\"><script>alert(1)</script>", "SOURCE_REPOSITORY (mkdocs.yml extra.source_repository)"),
        ("SITE_URL", "javascript://example.org/", "SITE_URL (mkdocs.yml site_url)"),
        ("SITE_URL", "http://127.0.0.1:8000/\x1b]0;owned\x07", "SITE_URL (mkdocs.yml site_url)"),
    ]:
        run = mkdocs(small_project, tmp_path, **{setting: value})
        assert run.returncode != 0, (setting, value)
        errors = [line for line in run.stderr.splitlines() if line.startswith("ERROR")]
        expected = REPOSITORY_EXPECTED if setting == "SOURCE_REPOSITORY" else SITE_EXPECTED
        value = value if setting == "SOURCE_REPOSITORY" or value.endswith("/") else value + "/"  # MkDocs ends site_url in /
        assert len(errors) == 1 and errors[0].split("-  ", 1)[1] == f"{shown}: expected {expected}; found {value!r}", run.stderr
        assert "Traceback" not in run.stderr and "\x1b" not in run.stderr and "\x07" not in run.stderr
        assert tree(site) == before, "the previous site changed"
    assert not any(p.name.startswith(".site.") for p in small_project.root.iterdir())  # nothing half-built beside it


# --------------------------------------------------------------------------- collections.yml


def collections_file(tmp_path: Path, url: str) -> Path:
    path = tmp_path / "collections.yml"
    path.write_text(f"default:\n  name: A\n  url: https://a.example/\n  description: B\nkremlin:\n  name: K\n  url: {url}\n  description: C\n", "utf-8")
    return path


@pytest.mark.parametrize("url", ["http://example.org/kremlin/", "http://127.0.0.1.example.org/", "http://localhost.example.org/",
                                 "javascript://example.org/", "https://user@example.org/", "https://example.org/?q=1/", "'https://example.org/ x/'"])
def test_a_collection_at_an_address_that_is_not_https_is_refused_naming_file_entry_field_and_line(tmp_path, url):
    with pytest.raises((InputError, BuildFailed)) as refused:
        read_collections(collections_file(tmp_path, url))
    errors = refused.value.errors if isinstance(refused.value, BuildFailed) else [refused.value]
    assert len(errors) == 1, errors
    if url.startswith(("javascript", "'")):  # not an http(s) address at all: the field's own message
        assert str(errors[0]).startswith("collections.yml, entry 'kremlin' (line 7): expected 'url:' the address"), errors
        return
    assert str(errors[0]).startswith(
        "collections.yml, entry 'kremlin', field 'url' (line 7): expected an https:// address with a host (http:// only for "
        "127.0.0.1, localhost or [::1], to serve the sites locally), without credentials, query, fragment or white space; found "
    ), errors


@pytest.mark.parametrize("url", ["https://example.org/kremlin/", "http://127.0.0.1:8001/", "http://localhost/kremlin/", "http://[::1]:8002/"])
def test_a_collection_at_an_https_or_a_local_address_is_taken(tmp_path, url):
    assert [c.url for c in read_collections(collections_file(tmp_path, url))] == ["https://a.example/", url]


def test_the_addresses_a_local_run_puts_in_place_are_https_or_local(tmp_path):
    collections_file(tmp_path, "https://k.example/")
    for url in ("http://example.org/", "javascript://x/", "https://example.org/\x1b/"):
        with pytest.raises(InputError, match="^DIPARCHIVE_COLLECTION_URLS: expected id=address pairs"):
            search_collections(tmp_path, {"DIPARCHIVE_COLLECTION_URLS": f"kremlin={url}"})
    taken = search_collections(tmp_path, {"DIPARCHIVE_COLLECTION_URLS": "kremlin=http://127.0.0.1:9/,default=https://d.example/"})
    assert [c["url"] for c in taken] == ["https://d.example/", "http://127.0.0.1:9/"]
