"""The words our templates show, in the page's language.

Templates write their English text as `_("Key points")`. On English pages that is the text as
written; on Spanish pages it is the Spanish from `overrides/translations/es.yaml`, a flat list of
`"English": "Spanish"` lines. An English text with no Spanish stops the build with the file to
fix, so a changed or new English label can never show up untranslated on a Spanish page.

Nothing here imports MkDocs.
"""

from __future__ import annotations

import json
import re
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
        problem = placeholder_problem(english, translated)
        if problem:
            raise WordsProblem(content_problem(path, lines.get(english), problem,
                                               "copy each %(name)s and {name} of the English text as it is written; "
                                               "translate only the words around them"))
    return data


_PERCENT = re.compile(r"%\((\w+)\)s")
_BRACES = re.compile(r"\{(\w*)\}")


def placeholder_problem(english: str, translated: str) -> str | None:
    """What is wrong with the places a translation leaves for numbers and words the site puts
    in ('%(minutes)s', '{words}'): each one of the English text, named as there, and nothing
    that would stop the text being filled in (a '%' on its own where '%(...)s' are filled)."""
    missing, extra = [], []
    for pattern, shown in ((_PERCENT, "%({})s"), (_BRACES, "{{{}}}")):
        wanted, given = set(pattern.findall(english)), set(pattern.findall(translated))
        missing += [shown.format(name) for name in sorted(wanted - given)]
        extra += [shown.format(name) for name in sorted(given - wanted)]
    found = ([f"leaves out {' and '.join(missing)}"] if missing else []) + \
        ([f"has {' and '.join(extra)}, which the English text does not"] if extra else [])
    if not found and _PERCENT.search(english):
        try:
            translated % {name: "" for name in _PERCENT.findall(english)}
        except (KeyError, ValueError, TypeError):
            found.append("has a '%' that is not part of a %(name)s (write '%%' for a percent sign)")
    if not found and "{}" in english:  # filled in with Python's str.format (the footnotes' tooltip)
        try:
            translated.format(0)
        except (KeyError, ValueError, IndexError):
            found.append("has a '{' or '}' that is not part of a {} (write '{{' or '}}' to show one)")
    return f"the translation of '{english}' " + "; it ".join(found) if found else None


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
