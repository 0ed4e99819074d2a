"""MkDocs hook: warns about over-strong health claims ("proven", "cure", "guaranteed", …) on
every page, so `mkdocs build --strict` stops on them. Thin adapter over `clinic.claims`."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.plugins import event_priority

from clinic.claims import claim_problems
from clinic.front_matter import markdown_line_offset
from clinic.languages import language_build

log = logging.getLogger("mkdocs.plugins.claims")


@event_priority(50)  # reads what staff wrote, before other hooks put text in
def on_page_markdown(markdown, page, config, files):
    path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    first_line = markdown_line_offset(page.file.content_string) + 1
    language = language_build(config.plugins).language
    for problem in claim_problems(markdown, path, first_line, language):
        log.warning(problem)
    return markdown
