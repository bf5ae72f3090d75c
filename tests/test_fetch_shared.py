"""scripts/fetch_shared.py: the seeds, captures and corpora fetched from a mirror and checked
against the pinned SHA-256s; a file that differs never lands. Served here on loopback from a
copy of a few pinned files."""

from __future__ import annotations

import functools
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import ROOT, SHARED, needs_shared

SCRIPT = ROOT / "scripts" / "fetch_shared.py"
sys.path.insert(0, str(ROOT / "scripts"))
import fetch_shared  # noqa: E402


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def mirror(tmp_path, monkeypatch):
    """A mirror serving three small pinned files (a seed and two captures), and a pin list of them."""
    rows = [row for row in fetch_shared.pinned() if row[1].startswith(("seeds/", "captures/un/"))][:3]
    served = tmp_path / "served"
    for _, path in rows:
        (served / path).parent.mkdir(parents=True, exist_ok=True)
        (served / path).write_bytes((SHARED / path).read_bytes())
    pins = tmp_path / "pins.sha256"
    pins.write_text("".join(f"{d}  {p}\n" for d, p in rows), "utf-8")
    monkeypatch.setattr(fetch_shared, "PINNED", pins)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(served)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", served, rows
    server.shutdown()


@needs_shared("seeds", "captures/un")
def test_files_are_fetched_checked_and_a_changed_one_never_lands(mirror, tmp_path, capsys):
    url, served, rows = mirror
    target = tmp_path / "shared"
    assert fetch_shared.main(["--from", url, str(target)]) == 0
    assert all((target / p).read_bytes() == (served / p).read_bytes() for _, p in rows)
    assert fetch_shared.main(["--check", str(target)]) == 0
    # a mirror serving one changed byte: refused with both checksums, nothing kept
    changed = served / rows[0][1]
    changed.write_bytes(changed.read_bytes() + b" ")
    (target / rows[0][1]).unlink()
    assert fetch_shared.main(["--from", url, str(target)]) == 1
    err = capsys.readouterr().err
    assert f"expected SHA-256 {rows[0][0]}; found " in err and "(not kept)" in err
    assert not (target / rows[0][1]).exists() and not list(target.rglob(".*.part"))
    assert fetch_shared.main(["--check", str(target)]) == 1
    assert "found none" in capsys.readouterr().err


@needs_shared("seeds", "captures", "corpora")
def test_the_shared_folder_matches_every_pinned_checksum():
    result = run("--check", str(SHARED))
    assert result.returncode == 0, result.stderr
    assert f"{len(fetch_shared.pinned())} files" in result.stdout
