"""MkDocs hook: after the build, Pagefind indexes the pages for the search page (docs/search.md).

Thin adapter over `clinic.search_index`. It runs once, after the Spanish pages are written too
(Pagefind keeps one index per language, from each page's `lang`), before hooks/security.py; Pagefind
only writes its own folder (site/pagefind/) and never changes a page, so every page keeps the
policy that hook gives it. `mkdocs build` and `mkdocs serve` both run it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

from mkdocs.plugins import event_priority

from clinic.languages import AFTER_I18N_PLUGIN, language_build
from clinic.search_index import BUNDLE_DIR, UNUSED_FILES, indexing_problems, pagefind_command


@event_priority(AFTER_I18N_PLUGIN + 5)  # every language written; before security.py
def on_post_build(config):
    if language_build(config.plugins).nested:
        return
    result = subprocess.run(pagefind_command(sys.executable, config.site_dir), capture_output=True, text=True)
    problems = indexing_problems(result.stdout + result.stderr, result.returncode)
    if problems:
        raise PluginError("\n".join(problems))
    for name in UNUSED_FILES:
        Path(config.site_dir, BUNDLE_DIR, name).unlink(missing_ok=True)
