"""MkDocs hook: booking calls-to-action on article-type pages, one after the introduction and
one at the end, from the settings in `extra.booking`.

Thin adapter over `clinic.booking`; the markup is `overrides/partials/booking-cta.html`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from mkdocs.config import config_options as c
from mkdocs.config import base
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from clinic.template_words import WordsProblem, translate

from clinic.booking import booking_link, insert_ctas, page_options
from clinic.messages import content_problem
from clinic.page_kinds import MEDICAL_KINDS
from settings_schema import HttpsURL, NonEmptyText, validated


class BookingSettings(base.Config):
    url = HttpsURL()
    label = NonEmptyText()
    text = NonEmptyText()
    hours_note = NonEmptyText(optional=True)
    heading = NonEmptyText(default="Ready to feel better?")
    # Kinds of page (front matter `kind:`) that carry the calls-to-action.
    page_kinds = c.ListOfItems(c.Type(str), default=list(MEDICAL_KINDS))


@dataclass
class _BuildState:
    settings: BookingSettings
    template: jinja2.Template | None = None  # loaded with the first page that shows a box


_build: _BuildState | None = None


def on_config(config):
    global _build
    _build = _BuildState(validated("booking", BookingSettings, config))
    config.extra["booking"] = dict(_build.settings)
    return config


def _render(config, placement: str, options: dict) -> str:
    if _build.template is None:
        env = config.theme.get_env()
        # Pages are read before MkDocs' on_env: this environment gets the page language's `_`
        # itself (hooks/languages.py gives it to the one the pages are rendered with).
        env.globals["_"] = translate
        _build.template = env.get_template("partials/booking-cta.html")
    settings = _build.settings
    # A page's own heading and text are in its language; the settings' are English, translated
    # on Spanish pages from overrides/translations/es.yaml.
    try:
        return _build.template.render(
            placement=placement,
            heading=options.get("heading") or translate(settings.heading),
            text=options.get("text") or translate(settings.text),
            label=translate(settings.label),
            hours_note=settings.hours_note and translate(settings.hours_note),
            url=booking_link(settings.url, placement),
            clinic=config.extra["clinic"],
        )
    except WordsProblem as problem:
        raise PluginError(str(problem)) from None


@event_priority(30)  # after structured_data.py has read the FAQ's questions: a box has a heading too
def on_page_content(html, page, config, files):
    if page.meta.get("kind") not in _build.settings.page_kinds:
        return html
    try:
        options = page_options(page.meta.get("booking_cta"))
    except ValueError as error:
        path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        raise PluginError(content_problem(path, None, str(error))) from None
    if options is None:
        return html
    return insert_ctas(html, _render(config, "after-intro", options), _render(config, "end-of-page", options))
