"""MkDocs hook: checks the old-address map in mkdocs.yml before the redirect plugin writes it.

mkdocs-redirects only warns about a missing target, without saying where, and YAML keeps the
last of two identical keys without a word; staff get the line instead.
"""

from __future__ import annotations

from pathlib import Path

from markdown.extensions.toc import slugify
from mkdocs.exceptions import PluginError
from mkdocs_redirects.plugin import get_html_path

from clinic.front_matter import body
from clinic.languages import language_build
from clinic.links import anchors
from clinic.redirects import redirect_problems


def on_files(files, config):
    # The old addresses are the English site's; the Spanish build (nested in it) has none.
    if language_build(config.plugins).nested:
        return files
    pages = {file.src_uri for file in files.documentation_pages()}
    page_anchors = {file.src_uri: anchors(body(file.content_string), slugify) for file in files.documentation_pages()}
    config_path = Path(config.config_file_path)
    taken = {file.dest_uri for file in files}
    problems = redirect_problems(config_path.read_text(encoding="utf-8"), config_path.name, pages, page_anchors,
                                 lambda old: get_html_path(old, config.use_directory_urls), taken)
    if problems:
        raise PluginError("\n".join(problems))
    return files
