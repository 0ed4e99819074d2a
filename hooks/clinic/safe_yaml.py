"""YAML that staff write (front matter, the bibliography, figure files), read safely.

Anchors and aliases (`&name`, `*name`) are refused before anything is built from the text: a few
lines of aliases can expand to billions of values and stop the build for minutes. A date that
does not exist (2026-13-01) is reported with its line, like any other mistake.
"""

from __future__ import annotations

import datetime as dt

import yaml

_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when PyYAML has it


NOT_YAML = "this is not valid YAML"


class YamlProblem(ValueError):
    """Text that is not usable YAML; `line` is 1-based in the text given (None if unknown)."""

    def __init__(self, line: int | None, what: str, fix: str):
        super().__init__(what)
        self.line, self.what, self.fix = line, what, fix

    def about(self, subject: str) -> str:
        """What is wrong, said of `subject` ("the front matter", "the figure file")."""
        return f"{subject} is not valid YAML" if self.what == NOT_YAML else f"{subject}: {self.what}"


class _Loader(_BASE):
    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            raise YamlProblem(node.start_mark.line + 1, f"'{node.value}' is not a date that exists",
                              "write a real date as YYYY-MM-DD, for example 2027-01-31") from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def _refuse_aliases(text: str) -> None:
    for event in yaml.parse(text, Loader=_BASE):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlProblem(event.start_mark.line + 1, "YAML anchors and aliases ('&' and '*' names) are not allowed",
                              "write each value out in full")


def load(text: str) -> tuple[object, yaml.Node | None]:
    """The data in `text` and its node tree (for the line of each value). Raises YamlProblem."""
    try:
        _refuse_aliases(text)
        node = yaml.compose(text, Loader=_BASE)
        data = _Loader(text).get_single_data() if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise YamlProblem(mark.line + 1 if mark else None, NOT_YAML,
                          "check the colon after each name, the indentation, and put text holding a colon "
                          "or a quote in quotes") from None
    except yaml.YAMLError:
        raise YamlProblem(None, NOT_YAML, "check the indentation and quotes") from None
    return data, node


def key_lines(node: yaml.Node | None) -> dict[str, int]:
    """The 1-based line of each top-level key of a mapping node."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): key.start_mark.line + 1 for key, _ in node.value}


def repeated_key(node: yaml.Node | None) -> tuple[str, int, int] | None:
    """The first top-level key written twice, with the 1-based lines of both (YAML itself keeps
    the last and says nothing)."""
    if not isinstance(node, yaml.MappingNode):
        return None
    seen: dict[str, int] = {}
    for key, _ in node.value:
        line = key.start_mark.line + 1
        if str(key.value) in seen:
            return str(key.value), seen[str(key.value)], line
        seen[str(key.value)] = line
    return None


def as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None
