#!/usr/bin/env bash
# Set up, build the site from transcripts/ and serve it at http://127.0.0.1:8000/ with live reload
# (editing a transcript or its metadata rebuilds its page). Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
.venv/bin/diparchive build
exec .venv/bin/mkdocs serve --dirty --strict --dev-addr "${ADDRESS:-127.0.0.1:8000}"
