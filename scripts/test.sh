#!/usr/bin/env bash
# Set up (Python packages, Debian's Chromium) and run every test: unit, golden, property,
# build, and browser tests. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest "$@"
