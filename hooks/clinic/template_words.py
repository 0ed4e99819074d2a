"""The words our templates show, in the page's language.

Templates write their English text as `_("Key points")`. On English pages that is the text as
written; on Spanish pages it is the Spanish from `overrides/translations/es.yaml`, a flat list of
`"English": "Spanish"` lines. An English text with no Spanish stops the build with the file to
fix, so a changed or new English label can never show up untranslated on a Spanish page.

Nothing here imports MkDocs.
"""

from __future__ import annotations

import json
from typing import Callable

from clinic import safe_yaml
from clinic.messages import content_problem


class WordsProblem(ValueError):
    """A translations file that cannot be used, or a text it lacks; the message names the file."""


def load_words(text: str, path: str) -> dict[str, str]:
    """The English → translation pairs of a translations file."""
    try:
        data, node = safe_yaml.load(text)
    except safe_yaml.YamlProblem as problem:
        raise WordsProblem(content_problem(path, problem.line, problem.about("the translations file"), problem.fix)) from None
    repeated = safe_yaml.repeated_key(node)
    if repeated:
        key, first, second = repeated
        raise WordsProblem(content_problem(path, second, f"'{key}' is translated twice (also on line {first})",
                                           "keep one of the two lines"))
    if data is None:
        return {}
    lines = safe_yaml.key_lines(node)
    if not isinstance(data, dict):
        raise WordsProblem(content_problem(path, 1, "the translations file is not a list of \"English\": \"translation\" lines",
                                           'write each line as "Book": "Pedir cita"'))
    for english, translated in data.items():
        if not isinstance(english, str) or not isinstance(translated, str) or not translated.strip():
            raise WordsProblem(content_problem(path, lines.get(str(english)), f"'{english}' has no text as its translation",
                                               f'write it as "{english}": "the translation", in quotes'))
    return data


def translator(words: dict[str, str] | None, path: str = "") -> Callable[[str], str]:
    """`_` for templates: the translation of an English text, or the text itself when `words`
    is None (the site's own language). A missing text raises WordsProblem naming `path`."""
    if words is None:
        return lambda english: english

    def translate(english: str) -> str:
        try:
            return words[english]
        except KeyError:
            raise WordsProblem(content_problem(path, None, f"no translation for the text '{english}'",
                                               f'add a line {json.dumps(english, ensure_ascii=False)}: "..." '
                                               "with its translation")) from None
    return translate


# The build now running's `_`, set by hooks/languages.py for each language's build, so text
# drawn outside the theme's templates (figures, shared page text) follows the page's language.
_active: Callable[[str], str] = translator(None)


def activate(translate: Callable[[str], str]) -> None:
    global _active
    _active = translate


def translate(english: str) -> str:
    return _active(str(english))
