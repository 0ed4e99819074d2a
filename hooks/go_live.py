"""MkDocs hook: with SITE_ENV=production (set by publish.yml once the clinic marks the site live
with the repository variable SITE_LIVE), the build fails while any placeholder remains, listing
each with its file and line. Without the switch, builds keep working with placeholders.

Thin adapter over `clinic.placeholders`.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from clinic.languages import language_build
from clinic.messages import content_problem
from clinic.placeholders import placeholders


def on_config(config):
    # Every language's files are read at once, in the first (English) build.
    if os.environ.get("SITE_ENV") != "production" or language_build(config.plugins).nested:
        return config
    root = Path(config.config_file_path).parent
    found = placeholders(Path(config.config_file_path).read_text(encoding="utf-8"), Path(config.config_file_path).name)
    owners = root / ".github" / "CODEOWNERS"
    if owners.is_file():
        found += placeholders(owners.read_text(encoding="utf-8"), ".github/CODEOWNERS")
    docs = Path(config.docs_dir)
    for page in sorted(docs.rglob("*.md")):
        shown = f"{docs.name}/{page.relative_to(docs).as_posix()}"
        found += placeholders(page.read_text(encoding="utf-8", errors="replace"), shown, only_front_matter=True)
    if found:
        raise PluginError("the site cannot go live with placeholders:\n" + "\n".join(
            content_problem(path, line, f"{what}: {text}",
                            "replace it with the clinic's real value (README, go-live checklist)")
            for path, line, what, text in found))
    return config
