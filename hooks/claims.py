"""MkDocs hook: warns about over-strong health claims ("proven", "cure", "guaranteed", …) on
every page, so `mkdocs build --strict` stops on them. Thin adapter over `clinic.claims`."""

from __future__ import annotations

import logging
from pathlib import Path

from clinic.claims import claim_problems
from clinic.messages import front_matter_line_count

log = logging.getLogger("mkdocs.plugins.claims")


def on_page_markdown(markdown, page, config, files):
    path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    first_line = front_matter_line_count(page.file.content_string, page.markdown) + 1
    for problem in claim_problems(markdown, path, first_line):
        log.warning(problem)
    return markdown
