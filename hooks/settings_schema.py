"""The shapes of the settings under `extra:` in mkdocs.yml, written with MkDocs' own config
classes so a wrong value fails the build with the setting's name, like MkDocs' own settings.

Not a hook: hook files import from here.
"""

from __future__ import annotations

import copy
import difflib
import re
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError

from clinic.hours import days_problem, time_problem
from clinic.phone import e164_problem
from clinic.settings_values import email_problem, https_url_problem, minutes, plain_text_problem
from clinic.config_lines import SettingLines


def _two_letters(value):
    if not isinstance(value, str) or len(value) != 2 or not value.isalpha() or not value.isupper():
        return f"'{value}' must be a two-letter country code, such as US"
    return None


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


class _Checked(c.BaseConfigOption):
    """An option checked by one of the pure `*_problem` functions."""

    def __init__(self, problem, default=None, optional: bool = False):
        super().__init__()
        self.problem, self.default, self.optional = problem, default, optional

    def run_validation(self, value):
        if value is None and self.default is None:
            if self.optional:
                return None
            raise c.ValidationError("is missing — add it (see the README's go-live checklist for what it is)")
        problem = self.problem(value)
        if problem:
            raise c.ValidationError(problem)
        return value.strip() if isinstance(value, str) else value


class HttpsURL(_Checked):
    """A web address patients are sent to: https only, so no `javascript:` or plain-http link
    can be published, and nothing (a quote, a space) that could break out of an attribute."""

    def __init__(self, default=None, optional: bool = False):
        super().__init__(https_url_problem, default, optional)


class NonEmptyText(_Checked):
    """Words readers see (names, labels, headings): plain text, never HTML."""

    def __init__(self, default=None, optional: bool = False):
        super().__init__(plain_text_problem, default, optional)


class EmailAddress(_Checked):
    def __init__(self, default=None, optional: bool = False):
        super().__init__(email_problem, default, optional)


class OpeningHours(base.Config):
    days = _Checked(days_problem)
    opens = _Checked(time_problem)
    closes = _Checked(time_problem)

    def validate(self):
        failed, warnings = super().validate()
        if not failed and minutes(self.closes) <= minutes(self.opens):
            failed.append(("closes", c.ValidationError(
                f"closes at {self.closes}, which is not after it opens at {self.opens} — write 24-hour "
                "times, for example opens: \"09:00\", closes: \"17:30\"")))
        return failed, warnings


def _between(low: float, high: float):
    def problem(value):
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            return f"'{value}' must be a number from {low} to {high} — copy it from a map, or leave it empty (null)"
        return None
    return problem


class MapPosition(base.Config):
    latitude = _Checked(_between(-90, 90), optional=True)
    longitude = _Checked(_between(-180, 180), optional=True)


MEDICARE_ARRANGEMENTS = ("self-pay", "supervising-practice")


def _one_of(choices):
    def problem(value):
        return None if value in choices else f"'{value}' is not one of the choices — use one of: " + ", ".join(choices)
    return problem


def _whole_number(low: int, high: int):
    def problem(value):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return f"'{value}' must be a whole number from {low} to {high} — write the number without quotes"
        return None
    return problem


def _price(value):
    """A price as readers see it ("$120"), or the placeholder "[price]" until go-live."""
    text = value.strip() if isinstance(value, str) else ""
    if text == "[price]" or re.fullmatch(r"\$[0-9]{1,4}(\.[0-9]{2})?", text):
        return None
    return f"'{value}' is not a price — write it as \"$120\" (or \"[price]\" until the clinic sets it)"


class VisitFee(base.Config):
    price = _Checked(_price)
    minutes = _Checked(_whole_number(10, 240))


class Fees(base.Config):
    first_visit = c.SubConfig(VisitFee)
    follow_up = c.SubConfig(VisitFee)


class MedicareArrangement(base.Config):
    arrangement = _Checked(_one_of(MEDICARE_ARRANGEMENTS))
    advantage_plans = c.ListOfItems(NonEmptyText(), default=[])


class ClinicSettings(base.Config):
    name = NonEmptyText()
    practitioner = NonEmptyText()
    neighborhood = NonEmptyText()
    phone = PhoneNumber()
    email = EmailAddress()
    street_address = NonEmptyText()
    locality = NonEmptyText()
    region = NonEmptyText()
    postal_code = NonEmptyText()
    country = _Checked(_two_letters, default="US")
    map_url = HttpsURL(optional=True)
    hours = c.ListOfItems(c.SubConfig(OpeningHours), default=[])
    geo = c.SubConfig(MapPosition)
    licence_number = NonEmptyText()
    fees = c.SubConfig(Fees)
    cancellation_hours = _Checked(_whole_number(0, 168))
    medicare = c.SubConfig(MedicareArrangement)


def _unknown_keys(settings: base.Config, schema: type[base.Config], prefix: str, lines) -> list[str]:
    """A mistyped key is only a warning in MkDocs' config classes, and the value it meant to set
    silently keeps its default: here it is an error, with the line and the key it may mean."""
    problems, known = [], [key for key, _ in schema._schema]
    for key in settings.keys():
        if key in known:
            continue
        close = difflib.get_close_matches(key, known, n=1)
        fix = f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(known)
        problems.append(f"{lines.where(prefix + key)}: unknown setting '{prefix + key}' — {fix}")
    for key, option in schema._schema:
        nested = _sub_schema(option)
        value = settings.get(key)
        if nested and isinstance(value, base.Config):
            problems += _unknown_keys(value, nested, f"{prefix}{key}.", lines)
        elif nested and isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, base.Config):
                    problems += _unknown_keys(item, nested, f"{prefix}{key}.{index}.", lines)
    return problems


def _sub_schema(option) -> type[base.Config] | None:
    option = getattr(option, "option_type", option)  # c.ListOfItems(c.SubConfig(...)), c.Optional(...)
    config_class = getattr(option, "config_class", None)
    return config_class if isinstance(config_class, type) and issubclass(config_class, base.Config) else None


def _with_fix(error) -> str:
    """MkDocs' own messages ("The path 'x' isn't an existing file.") say what, not how to fix it."""
    text = str(error)
    return text if " — " in text else f"{text} — check this setting in mkdocs.yml (CONTRIBUTING.md explains each one)"


def _as_written(config, section: str):
    """What staff wrote in `extra.<section>`. The hooks replace each block with its checked values,
    and mkdocs-static-i18n runs the whole build again on the same config for each other language:
    that build's check must read what was written, not what the English build made of it."""
    written = vars(config).setdefault("clinic_extra_as_written", {})
    if section not in written:
        written[section] = copy.deepcopy(config.extra.get(section))
    return written[section]


def validated(section: str, schema: type[base.Config], config) -> base.Config:
    """`extra.<section>` checked against `schema`; every problem names its setting and line."""
    lines = SettingLines(Path(config.config_file_path))
    value = _as_written(config, section)
    if value is not None and not isinstance(value, dict):
        raise PluginError(f"{lines.where('extra.' + section)}: extra.{section} must be a list of settings "
                          "('name: value' lines indented under it)")
    settings = schema(config_file_path=config.config_file_path)
    settings.load_dict(dict(value or {}))
    errors, _ = settings.validate()
    problems = [f"{lines.where(f'extra.{section}.{key}')}: extra.{section}.{key}: {_with_fix(error)}" for key, error in errors]
    if not errors:
        problems += _unknown_keys(settings, schema, f"extra.{section}.", lines)
    if problems:
        raise PluginError("\n".join(problems))
    return settings


# The blocks `extra:` may hold. Material reads more (analytics, consent, social, alternate…) and
# prints some of them unescaped or loads other sites' scripts for them: none is used here.
EXTRA_BLOCKS = ("generator", "clinic", "booking", "citations", "figures")


def unknown_extra_blocks(config) -> list[str]:
    lines = SettingLines(Path(config.config_file_path))
    problems = []
    for key in config.extra:
        if key not in EXTRA_BLOCKS:
            close = difflib.get_close_matches(str(key), EXTRA_BLOCKS, n=1)
            fix = f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(EXTRA_BLOCKS)
            problems.append(f"{lines.where(f'extra.{key}')}: unknown setting 'extra.{key}' — {fix}")
    return problems
