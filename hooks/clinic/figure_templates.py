"""Figures drawn as HTML: each figure's SVG layouts and the frame around them (caption, table of
numbers), from the templates in `overrides/partials/figures/`.

The templates get a Jinja environment of their own with StrictUndefined, so a misspelt name in
one fails the build instead of drawing nothing (Material's templates need the theme's lenient
environment, which prints an undefined name as empty text).
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from clinic.figures import Figure, description, drawings, one_line, table
from clinic.html_policy import TRUSTED_ATTRIBUTE, TRUSTED_MARK
from clinic.template_words import translate as _

FOLDER = "partials/figures"
SUMMARIES = {"bar-chart": "Show the numbers", "timeline": "Show the numbers", "steps": "Show the steps as text"}


def figure_environment(theme_dirs: list[str]) -> jinja2.Environment:
    """The templates in `partials/figures/` of the theme's folders, the first found winning,
    as for the theme's own templates."""
    folders = [str(Path(d) / FOLDER) for d in theme_dirs if (Path(d) / FOLDER).is_dir()]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folders), undefined=jinja2.StrictUndefined,
                             autoescape=False)
    env.globals["_"] = _
    return env


def figure_html(env: jinja2.Environment, figure: Figure) -> str:
    """The figure as one line of HTML, so Markdown reads it as one block."""
    svgs = {}
    for layout, drawing in drawings(figure).items():
        # Each layout's SVG names its own <title> and <desc>, so ids stay unique on the page.
        stem = f"figure-{figure.id}" + ("" if layout == "narrow" else f"-{layout}")
        ids = {"title": f"{stem}-title", "desc": f"{stem}-desc"}
        svgs[layout] = env.get_template(f"{figure.kind}.svg").render(
            figure=figure, drawing=drawing, ids=ids, description=description(figure))
    headings, rows = table(figure)
    html = env.get_template("figure.html").render(
        figure=figure, svgs=svgs, ids={"figure": f"figure-{figure.id}"}, headings=headings, rows=rows,
        summary=_(SUMMARIES[figure.kind]), trusted_attribute=TRUSTED_ATTRIBUTE, trusted_mark=TRUSTED_MARK)
    return one_line(html)
