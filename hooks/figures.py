"""MkDocs hook: figures drawn at build time from the files in data/figures/, put into a page
where a line of its own says `<!-- figure: <name> -->` (the name is the file's, without .yaml).

Thin adapter: the files are read and checked by `clinic.figures`, drawn by
`clinic.figure_templates` with the SVG templates in `overrides/partials/figures/`. The SVG goes
into the page itself, so its words are real text, it takes the page's colours, and the page
makes no extra request.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from clinic.figure_templates import FOLDER, figure_environment, figure_html
from clinic.figures import Figure, FigureError, load_figures, suggestion
from clinic.front_matter import markdown_line_offset
from clinic.markers import find_markers, replace_lines
from clinic.messages import content_problem, line_in_file
from clinic.languages import AFTER_I18N_PLUGIN, language_build
from clinic.page_coverage import PageCoverage, SiteUse
from clinic.template_words import WordsProblem
from settings_schema import validated

log = logging.getLogger("mkdocs.plugins.figures")


class FigureSettings(base.Config):
    # The folder of figure files, from the folder mkdocs.yml is in.
    data_dir = c.Dir(exists=True, default="data/figures")


@dataclass
class _BuildState:
    figures: dict[str, Figure]
    data_dir: str               # as staff see it, from the folder of mkdocs.yml
    env: jinja2.Environment
    language: str               # the language of the pages this build writes
    shown: set[str] = field(default_factory=set)
    drawn: dict[str, str] = field(default_factory=dict)  # each figure's HTML, drawn once a build
    # The pages this build has read: checks over every page wait for a full build.
    coverage: PageCoverage = field(default_factory=PageCoverage)


_build: _BuildState | None = None
_site = SiteUse()  # every language's build adds the figures its pages show


def on_config(config):
    global _build, _site
    if not language_build(config.plugins).nested:
        _site = SiteUse()
    settings = validated("figures", FigureSettings, config)
    shown_dir = Path(os.path.relpath(settings.data_dir, Path(config.config_file_path).parent)).as_posix()
    try:
        figures = load_figures(Path(settings.data_dir), shown_dir)
    except FigureError as error:
        raise PluginError(str(error)) from None
    _build = _BuildState(figures, shown_dir, figure_environment(config.theme.dirs), language_build(config.plugins).language)
    return config


@event_priority(AFTER_I18N_PLUGIN)  # after the i18n plugin has kept this language's pages
def on_files(files, config):
    _build.coverage.start(f.src_uri for f in files.documentation_pages())
    # MkDocs publishes every theme file that is not HTML as it is; the SVG templates in
    # overrides/partials/ (the figures', the photo placeholder) are templates, not pictures, so
    # they stay out of the site.
    docs_dir = os.path.abspath(config.docs_dir)
    for file in list(files):
        if file.src_uri.startswith("partials/") and not file.abs_src_path.startswith(docs_dir):
            files.remove(file)
    return files


@event_priority(20)  # after clinic_text.py, before citations.py numbers a `[@key]` in a caption
def on_page_markdown(markdown, page, config, files):
    _build.coverage.saw(page.file.src_uri)
    placements, misplaced = find_markers(markdown, "figure")
    if not placements and not misplaced:
        return markdown
    path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    offset = markdown_line_offset(page.file.content_string)
    inserted = getattr(page, "inserted_lines", [])
    example = next(iter(sorted(_build.figures)), "medicare-visits")
    problems = [content_problem(path, line_in_file(line, inserted) + offset,
                                f"the figure marker '{text}' is not on a line of its own",
                                f"put it alone on its line, like <!-- figure: {example} -->")
                for line, text in misplaced]
    first_line: dict[str, int] = {}
    for placement in placements:
        name, line = placement.name, line_in_file(placement.line, inserted) + offset
        if name not in _build.figures:
            what = f"unknown figure '{name}'" if name else "the figure marker names no figure"
            problems.append(content_problem(path, line, what, suggestion(name, list(_build.figures))))
        elif _build.figures[name].in_language(_build.language) is None:
            problems.append(content_problem(path, line, f"figure '{name}' has no words in this page's language "
                                            f"('{_build.language}')", f"add an '{_build.language}:' block with its "
                                            f"translated words to {_build.data_dir}/{name}.yaml"))
        elif name in first_line:
            problems.append(content_problem(path, line, f"figure '{name}' is already on this page "
                                            f"(line {first_line[name]})", "show each figure once per page"))
        first_line.setdefault(name, line)
    if problems:
        raise PluginError("\n".join(problems))
    _build.shown.update(first_line)
    try:
        drawn = {p.line: _drawn(p.name) for p in placements}
    except WordsProblem as problem:
        raise PluginError(str(problem)) from None
    except jinja2.TemplateError as error:
        raise PluginError(content_problem(f"overrides/{FOLDER}/{getattr(error, 'name', None) or ''}".rstrip("/"),
                                          getattr(error, "lineno", None), f"the figure cannot be drawn ({error})",
                                          "check the names the template uses")) from None
    markdown, insertions = replace_lines(markdown, drawn)
    page.inserted_lines = [*inserted, insertions]
    return markdown


def _drawn(name: str) -> str:
    if name not in _build.drawn:
        _build.drawn[name] = figure_html(_build.env, _build.figures[name].in_language(_build.language))
    return _build.drawn[name]


def on_env(env, config, files):
    # Runs after every page's Markdown has been read, so this language's figures are known.
    _site.add(_build.coverage, _build.shown)
    return env


@event_priority(AFTER_I18N_PLUGIN + 5)  # once, when every language's pages have been read
def on_post_build(config):
    if language_build(config.plugins).nested:
        return
    unused = _site.unused(_build.figures)
    if unused:
        log.warning("no page shows the figures %s — place each with a line '<!-- figure: name -->' "
                    "or delete its file from %s", ", ".join(unused), _build.data_dir)
