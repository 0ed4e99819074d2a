"""MkDocs hook: every page's front matter is checked against one schema before it is built.

Thin adapter over `clinic.front_matter`. Set SITE_TODAY=YYYY-MM-DD to check review dates as of
another day (the tests do).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from clinic.front_matter import front_matter_problems


def _today() -> dt.date:
    value = os.environ.get("SITE_TODAY")
    return dt.date.fromisoformat(value) if value else dt.date.today()


def on_page_markdown(markdown, page, config, files):
    path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    problems = front_matter_problems(page.file.content_string, path, _today())
    if problems:
        raise PluginError("\n".join(problems))
    return markdown
