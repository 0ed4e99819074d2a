#!/usr/bin/env bash
# Sets up and runs every test: unit tests of the hooks' functions, a strict build of the site
# with checks of its HTML, the bad-content builds, the workflow lint and the browser tests.
set -euo pipefail
source "$(dirname "$0")/setup.sh" --test
set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
# pytest exits 5 when it collected no tests: that is a failure here, not a pass.
exit $status
