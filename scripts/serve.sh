#!/usr/bin/env bash
# Sets up and serves the site at http://127.0.0.1:8000, rebuilding as you edit.
# (Edits to hooks/ need a restart: MkDocs does not reload hook code.)
set -euo pipefail
source "$(dirname "$0")/setup.sh"
# Pages, mkdocs.yml and data/ (its `watch:`) are watched; --watch-theme adds the templates (overrides/).
exec .venv/bin/mkdocs serve --strict --dev-addr 127.0.0.1:8000 --watch-theme "$@"
