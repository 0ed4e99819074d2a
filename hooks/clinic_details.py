"""MkDocs hook: checks the clinic's details in `extra.clinic` once, at the start of the build,
and adds the phone number the way patients read it (`phone_display`) for templates.

Every page shows these details (header, footer, contact page), so a mistake here must stop the
build with the setting's name rather than publish a wrong number.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from clinic.hours import clock, day_range
from clinic.languages import language_build
from clinic.phone import display_phone
from mkdocs.exceptions import PluginError

from settings_schema import ClinicSettings, unknown_extra_blocks, validated


@event_priority(50)  # first: the other hooks and every template read extra.clinic
def on_config(config):
    problems = unknown_extra_blocks(config)
    if problems:
        raise PluginError("\n".join(problems))
    clinic = dict(validated("clinic", ClinicSettings, config))
    clinic["phone_display"] = display_phone(clinic["phone"])
    # Shown in the language of the pages this build writes.
    language = language_build(config.plugins).language
    clinic["hours"] = [dict(entry, days_text=day_range(entry["days"], language), opens_text=clock(entry["opens"], language),
                            closes_text=clock(entry["closes"], language)) for entry in clinic["hours"]]
    config.extra["clinic"] = clinic
    return config
