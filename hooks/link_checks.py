"""MkDocs hook: broken links, missing images, and menu (nav) mistakes, reported with the file,
the line and the fix before MkDocs' own, terser warnings. Thin adapter over `clinic.links`."""

from __future__ import annotations

from pathlib import Path

from markdown.extensions.toc import slugify
from mkdocs.exceptions import PluginError

from clinic.links import anchors, link_problems, nav_problems
from clinic.messages import front_matter_line_count


class _Build:
    files: set = set()
    anchors: dict = {}


def _body(text: str) -> str:
    return text.split("\n---\n", 1)[1] if text.startswith("---\n") and "\n---\n" in text else text


def on_files(files, config):
    pages = {f.src_uri for f in files.documentation_pages()}
    _Build.files = {f.src_uri for f in files}
    # Every page's headings, read once per build, so a link to another page's heading can be checked.
    _Build.anchors = {f.src_uri: anchors(_body(f.content_string), slugify) for f in files.documentation_pages()}
    hidden = {f.src_uri for f in files.documentation_pages() if not f.inclusion.is_in_nav()}  # `not_in_nav:`
    config_path = Path(config.config_file_path)
    problems = nav_problems(config_path.name, config_path.read_text(encoding="utf-8"), config.nav, pages, hidden)
    if problems:
        raise PluginError("\n".join(problems))
    return files


def on_page_markdown(markdown, page, config, files):
    path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    first_line = front_matter_line_count(page.file.content_string, page.markdown) + 1
    problems = link_problems(path, page.file.src_uri, page.markdown, _Build.files, _Build.anchors, first_line)
    if problems:
        raise PluginError("\n".join(problems))
    return markdown
