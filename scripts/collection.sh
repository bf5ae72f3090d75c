#!/usr/bin/env bash
# Set up, then import one of the large collections from ../shared/corpora, build it into a site
# of its own under var/<collection>/ and serve it at http://127.0.0.1:8001/ (Ctrl-C stops):
#   bash scripts/collection.sh kremlin
#   bash scripts/collection.sh un --limit 1000
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python scripts/collection.py "$@" --serve
