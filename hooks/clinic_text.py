"""MkDocs hook: text written once and shown on several pages, from the clinic's settings.

A line of its own `<!-- clinic: NAME -->` becomes the Markdown that the template
`overrides/partials/clinic/NAME.md` renders with `clinic` (the checked `extra.clinic` settings):
the red-flag section, the office's Medicare arrangement, prices and visit times. It runs before
citations.py, so `[@key]` in these templates is numbered with the page's own references.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from clinic.markers import as_markdown_text, find_markers, replace_lines
from clinic.front_matter import markdown_line_offset
from clinic.languages import language_build
from clinic.messages import content_problem

FOLDER = "partials/clinic"


@dataclass(frozen=True)
class _BuildState:
    env: jinja2.Environment
    names: list[str]
    folder: str  # where this language's shared texts are, as staff see it ("overrides/partials/clinic/es")


_build: _BuildState | None = None


def on_config(config):
    global _build
    # A Spanish page's shared text is the Spanish in partials/clinic/es/ (its includes too), never
    # the English: a text missing there is reported as missing.
    build = language_build(config.plugins)
    folder = FOLDER if build.language == build.default else f"{FOLDER}/{build.language}"
    folders = [str(Path(d) / folder) for d in config.theme.dirs if (Path(d) / folder).is_dir()]
    # Its own environment: a misspelt setting in a template fails instead of printing nothing, and
    # every value is printed as text, never as Markdown ("[x](javascript:…)" shows as typed).
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folders), undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, autoescape=False, finalize=as_markdown_text)
    _build = _BuildState(env, sorted(Path(name).stem for name in env.list_templates(extensions=["md"]) if "/" not in name),
                         f"overrides/{folder}")
    return config


@event_priority(30)  # puts in text before figures.py and citations.py read the page
def on_page_markdown(markdown, page, config, files):
    markers, misplaced = find_markers(markdown, "clinic")
    if not markers and not misplaced:
        return markdown
    path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    offset = markdown_line_offset(page.file.content_string)
    problems = [content_problem(path, line + offset, f"the marker '{text}' is not on a line of its own",
                                "put it alone on its line, like <!-- clinic: medicare -->") for line, text in misplaced]
    rendered = {}
    for marker in markers:
        if marker.name not in _build.names:
            close = difflib.get_close_matches(marker.name, _build.names, n=1)
            problems.append(content_problem(path, marker.line + offset, f"there is no clinic text '{marker.name}'",
                                            f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(_build.names)))
            continue
        try:
            rendered[marker.line] = _build.env.get_template(f"{marker.name}.md").render(clinic=config.extra["clinic"])
        except jinja2.TemplateError as error:
            problems.append(content_problem(f"{_build.folder}/{marker.name}.md", getattr(error, "lineno", None),
                                            f"the template cannot be shown ({error})", "check the setting names it uses"))
    if problems:
        raise PluginError("\n".join(problems))
    markdown, insertions = replace_lines(markdown, rendered)
    # Later hooks report lines of the file staff edit through clinic.messages.line_in_file.
    page.inserted_lines = [insertions]
    return markdown
