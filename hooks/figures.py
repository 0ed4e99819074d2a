"""MkDocs hook: figures drawn at build time from the files in data/figures/, put into a page
where a line of its own says `<!-- figure: <name> -->` (the name is the file's, without .yaml).

Thin adapter over `clinic.figures`. The drawings are the SVG templates in
`overrides/partials/figures/`, the frame around them (caption, table of numbers) is
`overrides/partials/figures/figure.html`. The SVG goes into the page itself, so its words are
real text, it takes the page's colours, and the page makes no extra request.

It runs before citations.py (see mkdocs.yml), so a `[@key]` in a caption is numbered with the
page's other references.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError

from clinic.figures import (Figure, FigureError, description, drawings, find_markers, one_line, parse_figure,
                            replace_lines, suggestion, table)
from clinic.html_policy import TRUSTED_ATTRIBUTE, TRUSTED_MARK
from clinic.page_coverage import PageCoverage
from clinic.text_files import decoded
from clinic.messages import content_problem, front_matter_line_count, original_line
from settings_schema import validated

log = logging.getLogger("mkdocs.plugins.figures")

SUMMARIES = {"bar-chart": "Show the numbers", "timeline": "Show the numbers", "steps": "Show the steps as text"}


class FigureSettings(base.Config):
    # The folder of figure files, from the folder mkdocs.yml is in.
    data_dir = c.Dir(exists=True, default="data/figures")


class _Build:
    # The pages this build has read: checks over every page wait for a full build.
    coverage = PageCoverage()
    figures: dict[str, Figure] = {}
    shown: set = set()
    env = None
    data_dir = ""


def _load(data_dir: Path, root: Path) -> dict[str, Figure]:
    figures, problems = {}, []
    for file in sorted(data_dir.iterdir()):
        shown = Path(os.path.relpath(file, root)).as_posix()
        if file.suffix == ".yml":
            problems.append(content_problem(shown, None, "figure files end in .yaml",
                                            f"rename it to {file.stem}.yaml"))
            continue
        if file.suffix != ".yaml":
            continue
        text, unreadable = decoded(file.read_bytes())
        if unreadable:
            problems.append(content_problem(shown, *unreadable))
            continue
        try:
            figures[file.stem] = parse_figure(text, shown, file.stem)
        except FigureError as error:
            problems.append(str(error))
    if problems:
        raise PluginError("\n".join(problems))
    return figures


def on_config(config):
    settings = validated("figures", FigureSettings, config)
    root = Path(config.config_file_path).parent
    _Build.figures = _load(Path(settings.data_dir), root)
    _Build.data_dir = Path(os.path.relpath(settings.data_dir, root)).as_posix()
    _Build.shown = set()
    _Build.env = None
    return config


def on_files(files, config):
    _Build.coverage.start(f.src_uri for f in files.documentation_pages())
    # MkDocs publishes every theme file that is not HTML as it is; the SVG templates are
    # templates, not pictures, so they stay out of the site.
    docs_dir = os.path.abspath(config.docs_dir)
    for file in list(files):
        if file.src_uri.startswith("partials/figures/") and not file.abs_src_path.startswith(docs_dir):
            files.remove(file)
    return files


def _render(config, figure: Figure) -> str:
    if _Build.env is None:
        _Build.env = config.theme.get_env()
    svgs = {}
    for layout, drawing in drawings(figure).items():
        # Each layout's SVG names its own <title> and <desc>, so ids stay unique on the page.
        stem = f"figure-{figure.id}" + ("" if layout == "narrow" else f"-{layout}")
        ids = {"title": f"{stem}-title", "desc": f"{stem}-desc"}
        svgs[layout] = _Build.env.get_template(f"partials/figures/{figure.kind}.svg").render(
            figure=figure, drawing=drawing, ids=ids, description=description(figure))
    headings, rows = table(figure)
    html = _Build.env.get_template("partials/figures/figure.html").render(
        figure=figure, svgs=svgs, ids={"figure": f"figure-{figure.id}"}, headings=headings, rows=rows,
        summary=SUMMARIES[figure.kind], trusted_attribute=TRUSTED_ATTRIBUTE, trusted_mark=TRUSTED_MARK)
    return one_line(html)


def on_page_markdown(markdown, page, config, files):
    _Build.coverage.saw(page.file.src_uri)
    placements, misplaced = find_markers(markdown)
    if not placements and not misplaced:
        return markdown
    path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    offset = front_matter_line_count(page.file.content_string, page.markdown)
    inserted = getattr(page, "inserted_lines", [])
    example = next(iter(sorted(_Build.figures)), "medicare-visits")
    problems = [content_problem(path, original_line(line, inserted) + offset,
                                f"the figure marker '{text}' is not on a line of its own",
                                f"put it alone on its line, like <!-- figure: {example} -->")
                for line, text in misplaced]
    first_line: dict[str, int] = {}
    for placement in placements:
        name, line = placement.figure_id, original_line(placement.line, inserted) + offset
        if name not in _Build.figures:
            what = f"unknown figure '{name}'" if name else "the figure marker names no figure"
            problems.append(content_problem(path, line, what, suggestion(name, list(_Build.figures))))
        elif name in first_line:
            problems.append(content_problem(path, line, f"figure '{name}' is already on this page "
                                            f"(line {first_line[name]})", "show each figure once per page"))
        first_line.setdefault(name, line)
    if problems:
        raise PluginError("\n".join(problems))
    _Build.shown.update(first_line)
    return replace_lines(markdown, {p.line: _render(config, _Build.figures[p.figure_id]) for p in placements})


def on_env(env, config, files):
    # Runs after every page's Markdown has been read, so the set of figures shown is complete.
    if not _Build.coverage.complete:
        return env  # a --dirty build: the pages it did not read may show the rest
    unused = sorted(set(_Build.figures) - _Build.shown)
    if unused:
        log.warning("no page shows the figures %s — place each with a line '<!-- figure: name -->' "
                    "or delete its file from %s", ", ".join(unused), _Build.data_dir)
    return env
