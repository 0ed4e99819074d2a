#!/usr/bin/env bash
# Installs what the site needs into .venv (Python 3.11). With --test, also what the tests need:
# the test packages, Node tools, Debian's chromium for the browser tests and Java for vnu.jar.
# Sourced by serve.sh and test.sh; safe to run again (it only installs what is missing).
set -euo pipefail
cd "$(dirname "$0")/.."

export NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

python=""
for candidate in python3.11 python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 11)' 2>/dev/null; then
    python="$candidate"; break
  fi
done
[ -n "$python" ] || { echo "setup: Python 3.11 is needed (on Debian: apt-get install python3.11 python3.11-venv)" >&2; exit 1; }
"$python" -m venv --help >/dev/null 2>&1 && "$python" -c 'import ensurepip' 2>/dev/null || apt_install python3.11-venv

[ -x .venv/bin/python ] || "$python" -m venv .venv
requirements=requirements.txt
[ "${1:-}" = "--test" ] && requirements=requirements-dev.txt
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"

if [ "${1:-}" = "--test" ]; then
  [ -x /usr/bin/chromium ] || apt_install chromium fonts-dejavu-core
  command -v npm >/dev/null || apt_install nodejs npm
  command -v java >/dev/null || apt_install default-jre-headless  # the Nu HTML Checker (vnu.jar)
  npm install --no-audit --no-fund --silent
fi
