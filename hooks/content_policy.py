"""MkDocs hook: a page's content may hold only safe HTML (see `clinic.html_policy`).

Runs first on each page's HTML, before the hooks add booking boxes, so it checks what staff
wrote: the page, its figures' captions and the references it cites. A problem names the file
and line where the offending text was found.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from clinic.front_matter import markdown_line_offset
from clinic.html_policy import content_findings, line_of, unbalanced_tags, without_trust_marks
from clinic.messages import content_problem


@dataclass(frozen=True)
class _BuildState:
    # Files whose text can reach a page's content besides the page itself: figure files and
    # the bibliography. Read once per build, only to say where a problem was written.
    data_files: list[tuple[str, str]]
    site_host: str


_build: _BuildState | None = None


def on_config(config):
    global _build
    root = Path(config.config_file_path).parent
    data = root / "data"
    files = sorted(data.rglob("*")) if data.is_dir() else []
    _build = _BuildState([(file.relative_to(root).as_posix(), file.read_text(encoding="utf-8", errors="replace"))
                          for file in files if file.suffix in (".yaml", ".yml", ".json")],
                         urlsplit(config.site_url or "").hostname or "")
    return config


def _where(needles, page_path: str, page_source: str) -> tuple[str, int | None]:
    for path, text in [(page_path, page_source), *_build.data_files]:
        line = line_of(needles, text)
        if line:
            return path, line
    return page_path, None


def on_page_markdown(markdown, page, config, files):
    # The page as staff wrote it, before hooks add text: a tag left open swallows the rest of the
    # page, and a closing tag never opened closes the site's own layout around the content.
    # (page.markdown is that text: no YAML is read again here.)
    problems = unbalanced_tags(page.markdown)
    if problems:
        path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        offset = markdown_line_offset(page.file.content_string)
        raise PluginError("\n".join(content_problem(path, line + offset, what, fix)
                                    for line, what, fix in problems))
    return markdown


@event_priority(100)
def on_page_content(html, page, config, files):
    findings = content_findings(html, _build.site_host)
    if findings:
        path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        raise PluginError("\n".join(content_problem(*_where(f.needles, path, page.file.content_string), f.what, f.fix)
                                    for f in findings))
    return without_trust_marks(html)
