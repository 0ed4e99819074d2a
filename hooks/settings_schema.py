"""The shapes of the settings under `extra:` in mkdocs.yml, written with MkDocs' own config
classes so a wrong value fails the build with the setting's name, like MkDocs' own settings.

Not a hook: hook files import from here.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError

from clinic.hours import days_problem, time_problem
from clinic.phone import e164_problem


class PhoneNumber(c.Type):
    """A phone number in E.164 form, the only form `tel:` links and structured data accept."""

    def __init__(self, **kwargs):
        super().__init__(str, **kwargs)

    def run_validation(self, value):
        value = super().run_validation(value)
        problem = e164_problem(value)
        if problem:
            raise c.ValidationError(problem)
        return value


class HttpsURL(c.URL):
    """A web address patients are sent to: https only, so no `javascript:` or plain-http link
    can be published."""

    def run_validation(self, value):
        if not isinstance(value, str) or urlsplit(value.strip()).scheme != "https":
            raise c.ValidationError(f"'{value}' must be a web address starting with https://")
        return super().run_validation(value.strip())


class NonEmptyText(c.Type):
    def __init__(self, **kwargs):
        super().__init__(str, **kwargs)

    def run_validation(self, value):
        value = super().run_validation(value)
        if not value.strip():
            raise c.ValidationError("must not be empty")
        return value.strip()


class _Checked(c.BaseConfigOption):
    """An option checked by one of the pure `*_problem` functions."""

    def __init__(self, problem, **kwargs):
        super().__init__(**kwargs)
        self.problem = problem

    def run_validation(self, value):
        problem = self.problem(value)
        if problem:
            raise c.ValidationError(problem)
        return value


class OpeningHours(base.Config):
    days = _Checked(days_problem)
    opens = _Checked(time_problem)
    closes = _Checked(time_problem)


class MapPosition(base.Config):
    latitude = c.Optional(c.Type(float))
    longitude = c.Optional(c.Type(float))


class ClinicSettings(base.Config):
    name = NonEmptyText()
    practitioner = NonEmptyText()
    neighborhood = NonEmptyText()
    phone = PhoneNumber()
    email = NonEmptyText()
    street_address = NonEmptyText()
    locality = NonEmptyText()
    region = NonEmptyText()
    postal_code = NonEmptyText()
    country = c.Type(str, default="US")
    map_url = c.Optional(HttpsURL())
    hours = c.ListOfItems(c.SubConfig(OpeningHours), default=[])
    geo = c.SubConfig(MapPosition)


def validated(section: str, schema: type[base.Config], config) -> base.Config:
    """`extra.<section>` checked against `schema`; every problem names its setting."""
    settings = schema(config_file_path=config.config_file_path)
    settings.load_dict(dict(config.extra.get(section) or {}))
    errors, _ = settings.validate()
    if errors:
        raise PluginError("\n".join(f"mkdocs.yml: extra.{section}.{key}: {error}" for key, error in errors))
    return settings
