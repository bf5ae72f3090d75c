#!/usr/bin/env bash
# Set up everything the archive needs, on a fresh Debian machine with Python 3.11:
#   scripts/setup.sh          the build: a virtual environment with the pinned packages
#   scripts/setup.sh --test-tools   the same plus the Python test tools (pytest, hypothesis, ...)
#   scripts/setup.sh --test   the same plus Debian's Chromium and axe-core, for the browser tests
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=false
want_tools=false
[ "${1:-}" = "--test" ] && want_tests=true && want_tools=true
[ "${1:-}" = "--test-tools" ] && want_tools=true

sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
apt_updated=false
step() { echo "setup: $*" >&2; }
apt_install() {
  step "installing Debian's $* (apt-get)"
  if ! $apt_updated; then $sudo apt-get update -qq; apt_updated=true; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

python=""
for candidate in python3.11 python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    python=$candidate; break
  fi
done
if [ -z "$python" ]; then
  apt_install python3 python3-venv
  python=python3
fi

if [ ! -x .venv/bin/python ]; then
  step "making the virtual environment .venv/"
  if ! "$python" -m venv .venv 2>/dev/null; then
    rm -rf .venv
    apt_install python3-venv "$(basename "$python")-venv" || apt_install python3-venv
    "$python" -m venv .venv
  fi
fi

extras=""
$want_tools && extras="[test]"
step "installing the pinned Python packages${extras:+ and the test tools} (pip; quick when they are there already)"
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras}" 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -c "import diparchive, mkdocs, material" # fail here, not later, if the install did not work

if $want_tests && [ ! -x /usr/bin/chromium ]; then
  # The browser tests drive Debian's Chromium; Playwright never downloads a browser of its own.
  apt_install chromium
fi

if $want_tests; then
  # axe-core (accessibility checks injected into pages), from the npm registry, as locked.
  command -v npm >/dev/null || apt_install nodejs npm
  if [ ! -f tests/a11y/node_modules/axe-core/axe.min.js ]; then
    step "installing axe-core for the accessibility tests (npm ci)"
    npm ci --prefix tests/a11y --no-audit --no-fund --loglevel=error
  fi
fi
