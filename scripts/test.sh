#!/usr/bin/env bash
# Set up and run the tests.
#   bash scripts/test.sh           every test: unit, golden, property, build and browser tests
#                                  (installs the test tools and Debian's Chromium if missing)
#   bash scripts/test.sh --quick   units, goldens and rules: no browser, no collection, nothing
#                                  slow (builds killed, raced or installed many times over)
# Other arguments go to pytest. Tests that read the seeds, captures or corpora find them in
# DIPARCHIVE_SHARED (default: ../shared beside the repository); without them they are skipped,
# naming what is missing, and under CI they fail.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--quick" ]; then
  shift
  bash scripts/setup.sh --test-tools
  export NO_MKDOCS_2_WARNING=1
  exec .venv/bin/python -m pytest -m "not browser and not collection and not slow" -n "$(nproc)" "$@"
fi
bash scripts/setup.sh --test
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest "$@"
