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
import logging
import os
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from clinic.front_matter import front_matter_problems
from clinic.languages import language_build, split_language, unknown_language
from clinic.translations import translation_problems, untranslated_keys_problems
from clinic.messages import content_problem
from clinic.text_files import decoded

log = logging.getLogger("mkdocs.plugins.page_checks")
_command = "build"  # the MkDocs command this process runs, known once per process


def on_startup(command, dirty):
    global _command
    _command = command


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


# First, before any other hook or plugin reads a page (a file not saved as UTF-8 would stop
# them with a traceback), and once: every language's pages, in the first (English) build.
@event_priority(100)
def on_files(files, config):
    build = language_build(config.plugins)
    if build.nested:
        return files
    templates = _page_templates(config)
    docs = Path(config.docs_dir).name
    problems, behind, today = [], [], _today()
    pages = {file.src_uri for file in files.documentation_pages()}
    # Each page read once: a translation is checked against its English page's text from here.
    sources = {}
    for file in files.documentation_pages():
        source, problem = decoded(Path(file.abs_src_path).read_bytes())
        if problem:
            problems.append(content_problem(f"{docs}/{file.src_uri}", *problem))
        sources[file.src_uri] = None if problem else source
    for file in files.documentation_pages():
        path, source = f"{docs}/{file.src_uri}", sources.get(file.src_uri)
        if source is None:
            continue
        problems += front_matter_problems(source, path, today, templates.__contains__, tuple(templates),
                                          pages.__contains__)
        behind += _translation_problems(file.src_uri, path, source, sources, docs, build)
        suffix = unknown_language(file.src_uri, build.languages)
        if suffix:
            problems.append(content_problem(path, 1, f"the site is not built in the language '{suffix}', so this page "
                                            "would be left out", "rename it to end in .md (English) or .es.md (Spanish)"))
    # A translation behind its English page is a warning, so `--strict` fails on it at the end of
    # the build, after every other mistake in the edited English page has been reported too. The
    # preview (`mkdocs serve`) only says so: it would otherwise stop showing the English edit
    # until the Spanish is done, and the pull request's build still fails on it.
    for problem in behind:
        (log.info if _command == "serve" else log.warning)(problem)
    if problems:
        raise PluginError("\n".join(problems))
    return files


def _translation_problems(src: str, path: str, source: str, sources: dict, docs: str, build) -> list[str]:
    english_name, language = split_language(src, build.languages, build.default)
    if language == build.default:
        return untranslated_keys_problems(path, source)
    if english_name in sources and sources[english_name] is None:
        return []  # its English page is not UTF-8: that is reported, and must be fixed first
    return translation_problems(path, source, f"{docs}/{english_name}", sources.get(english_name))


def on_page_markdown(markdown, page, config, files):
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = escape(page.meta[key])
    return markdown
