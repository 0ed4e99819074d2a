"""MkDocs hook: every page's front matter is checked against one schema before any page is
built, so a mistake in one page is reported with all the others, and before MkDocs' own reader
could stop with a traceback (a date that does not exist, a file not saved as UTF-8, an unknown
template).

Thin adapter over `clinic.front_matter`. Set SITE_TODAY=YYYY-MM-DD to check review dates as of
another day (the tests do). Titles and descriptions are then escaped once, here, because
Material prints them into the menu, the footer and a <meta> tag without escaping.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from clinic.front_matter import front_matter_problems
from clinic.languages import AFTER_ALL_LANGUAGES, DEFAULT, language_of, twin_name
from clinic.translations import translation_problems, untranslated_keys_problems
from clinic.messages import content_problem
from clinic.text_files import decoded


def _today() -> dt.date:
    value = os.environ.get("SITE_TODAY")
    return dt.date.fromisoformat(value) if value else dt.date.today()


def _page_templates(config) -> list[str]:
    names = set()
    for folder in config.theme.dirs:
        for entry in Path(folder).glob("*.html"):
            names.add(entry.name)
    return sorted(names - {"base.html", "404.html"})


def on_config(config):
    # Material prints these settings into <meta> tags and the menu as they are.
    for name in ("site_name", "site_description", "site_author", "copyright"):
        if isinstance(config.get(name), str):
            config[name] = escape(config[name])
    return config


@event_priority(AFTER_ALL_LANGUAGES)  # each language's build checks its own pages
def on_files(files, config):
    templates = _page_templates(config)
    docs = Path(config.docs_dir).name
    problems, today = [], _today()
    pages = {twin_name(file) for file in files.documentation_pages()}
    for file in files.documentation_pages():
        path = f"{docs}/{file.src_uri}"
        source, problem = decoded(Path(file.abs_src_path).read_bytes())
        if problem:
            problems.append(content_problem(path, *problem))
            continue
        problems += front_matter_problems(source, path, today, templates.__contains__, tuple(templates),
                                          pages.__contains__)
        problems += _translation_problems(file, path, source, config)
    if problems:
        raise PluginError("\n".join(problems))
    return files


def _translation_problems(file, path: str, source: str, config) -> list[str]:
    if language_of(file) == DEFAULT:
        return untranslated_keys_problems(path, source)
    english = Path(config.docs_dir) / twin_name(file)
    english_source = decoded(english.read_bytes())[0] if english.is_file() else None
    return translation_problems(path, source, f"{Path(config.docs_dir).name}/{twin_name(file)}", english_source)


def on_page_markdown(markdown, page, config, files):
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = escape(page.meta[key])
    return markdown
