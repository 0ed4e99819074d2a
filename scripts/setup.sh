#!/usr/bin/env bash
# Installs what the site needs into .venv (Python 3.10 to 3.13). With --test, also what the tests need:
# the test packages, Node tools, Debian's chromium for the browser tests and Java for vnu.jar.
# With --browser, only the test packages and chromium (the pull-request summary's screenshots).
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

# The Python to use: $PYTHON when set, otherwise the newest python3.13 ... python3.10 that runs
# (a pyenv shim can exist for a version that is not active, and then fails), else python3.
supported() { "$1" -c 'import sys; assert (3, 10) <= sys.version_info[:2] <= (3, 13)' 2>/dev/null; }
version_of() { "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])'; }
# A Python named by PYTHON that pyenv has installed but not activated runs from its own folder.
installed_by_pyenv() {
  command -v pyenv >/dev/null || return 1
  local version; version="$(pyenv whence "$1" 2>/dev/null | tail -n 1)"
  [ -n "$version" ] && [ -x "$(pyenv root)/versions/$version/bin/$1" ] && echo "$(pyenv root)/versions/$version/bin/$1"
}
python=""
if [ -n "${PYTHON:-}" ]; then
  "$PYTHON" -c '' 2>/dev/null || PYTHON="$(installed_by_pyenv "$PYTHON")" || PYTHON=""
  [ -n "$PYTHON" ] || { echo "setup: the Python named by PYTHON does not run" >&2; exit 1; }
  supported "$PYTHON" || { echo "setup: PYTHON=$PYTHON is Python $(version_of "$PYTHON"); the site needs 3.10 to 3.13" >&2; exit 1; }
  python="$PYTHON"
else
  for candidate in python3.13 python3.12 python3.11 python3.10 python3; do
    if command -v "$candidate" >/dev/null && supported "$candidate"; then python="$candidate"; break; fi
  done
fi
[ -n "$python" ] || { echo "setup: Python 3.10 to 3.13 is needed (on Debian: apt-get install python3 python3-venv)" >&2; exit 1; }
version="$(version_of "$python")"

# Debian splits venv's pip bootstrap out of Python: python3.X-venv for that version, which the
# python3-venv package pulls in for the system's default Python only.
can_make_venv() { "$python" -m venv --help >/dev/null 2>&1 && "$python" -c 'import ensurepip' 2>/dev/null; }
if ! can_make_venv; then
  [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }
  if apt-cache show "python$version-venv" >/dev/null 2>&1; then apt_install "python$version-venv"; else apt_install python3-venv; fi
  can_make_venv || { echo "setup: $python cannot make a virtual environment (no venv or ensurepip module)" >&2; exit 1; }
fi

# A .venv made by another Python than the one asked for is made again.
if [ -x .venv/bin/python ] && { ! supported .venv/bin/python || { [ -n "${PYTHON:-}" ] && [ "$(version_of .venv/bin/python)" != "$version" ]; }; }; then
  echo "setup: making .venv again with Python $version" >&2
  rm -rf .venv
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
mode="${1:-}"
requirements=requirements.txt
case "$mode" in --test | --browser) requirements=requirements-dev.txt ;; esac
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"

case "$mode" in --test | --browser) [ -x /usr/bin/chromium ] || apt_install chromium fonts-dejavu-core ;; esac
# The condensed DejaVu faces: the one-page "Take this to your doctor" summary prints in them (tests/test_print.py).
case "$mode" in --test | --browser) [ -f /usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf ] || apt_install fonts-dejavu-extra ;; esac
if [ "$mode" = "--test" ]; then
  command -v npm >/dev/null || apt_install nodejs npm
  command -v java >/dev/null || apt_install default-jre-headless  # the Nu HTML Checker (vnu.jar)
  npm install --no-audit --no-fund --silent
fi
