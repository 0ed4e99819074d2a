"""MkDocs hook: booking calls-to-action on article-type pages, one after the introduction and
one at the end, from the settings in `extra.booking`.

Thin adapter over `clinic.booking`; the markup is `overrides/partials/booking-cta.html`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config import base
from mkdocs.exceptions import PluginError

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


class _Build:
    settings: BookingSettings | None = None
    template = None


def on_config(config):
    _Build.settings = validated("booking", BookingSettings, config)
    config.extra["booking"] = dict(_Build.settings)
    _Build.template = None
    return config


def _render(config, page, placement: str, options: dict) -> str:
    if _Build.template is None:
        _Build.template = config.theme.get_env().get_template("partials/booking-cta.html")
    settings = _Build.settings
    return _Build.template.render(
        placement=placement,
        heading=options.get("heading", settings.heading),
        text=options.get("text", settings.text),
        label=settings.label,
        hours_note=settings.hours_note,
        url=booking_link(settings.url, placement),
        clinic=config.extra["clinic"],
    )


def on_page_content(html, page, config, files):
    if page.meta.get("kind") not in _Build.settings.page_kinds:
        return html
    try:
        options = page_options(page.meta.get("booking_cta"))
    except ValueError as error:
        path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        raise PluginError(content_problem(path, None, str(error))) from None
    if options is None:
        return html
    return insert_ctas(html, _render(config, page, "after-intro", options),
                       _render(config, page, "end-of-page", options))
