"""MkDocs hook: text written once and shown on several pages, from the clinic's settings.

A line of its own `<!-- clinic: NAME -->` becomes the Markdown that the template
`overrides/partials/clinic/NAME.md` renders with `clinic` (the checked `extra.clinic` settings):
the red-flag section, the office's Medicare arrangement, prices and visit times. It runs before
citations.py, so `[@key]` in these templates is numbered with the page's own references.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError

from clinic.markers import as_markdown_text, find_markers, replace_lines
from clinic.messages import content_problem, front_matter_line_count

FOLDER = "partials/clinic"


class _Build:
    env: jinja2.Environment | None = None
    names: list[str] = []


def on_config(config):
    folders = [str(Path(d) / FOLDER) for d in config.theme.dirs if (Path(d) / FOLDER).is_dir()]
    # Its own environment: a misspelt setting in a template fails instead of printing nothing, and
    # every value is printed as text, never as Markdown ("[x](javascript:…)" shows as typed).
    _Build.env = jinja2.Environment(loader=jinja2.FileSystemLoader(folders), undefined=jinja2.StrictUndefined,
                                    keep_trailing_newline=True, autoescape=False, finalize=as_markdown_text)
    _Build.names = sorted(Path(name).stem for name in _Build.env.list_templates(extensions=["md"]))
    return config


def on_page_markdown(markdown, page, config, files):
    markers, misplaced = find_markers(markdown, "clinic")
    if not markers and not misplaced:
        return markdown
    path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    offset = front_matter_line_count(page.file.content_string, page.markdown)
    problems = [content_problem(path, line + offset, f"the marker '{text}' is not on a line of its own",
                                "put it alone on its line, like <!-- clinic: medicare -->") for line, text in misplaced]
    rendered = {}
    for marker in markers:
        if marker.name not in _Build.names:
            close = difflib.get_close_matches(marker.name, _Build.names, n=1)
            problems.append(content_problem(path, marker.line + offset, f"there is no clinic text '{marker.name}'",
                                            f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(_Build.names)))
            continue
        try:
            rendered[marker.line] = _Build.env.get_template(f"{marker.name}.md").render(clinic=config.extra["clinic"])
        except jinja2.TemplateError as error:
            problems.append(content_problem(f"overrides/{FOLDER}/{marker.name}.md", getattr(error, "lineno", None),
                                            f"the template cannot be shown ({error})", "check the setting names it uses"))
    if problems:
        raise PluginError("\n".join(problems))
    markdown, insertions = replace_lines(markdown, rendered)
    # Later hooks report lines of the file staff edit through clinic.messages.original_line.
    page.inserted_lines = insertions
    return markdown
