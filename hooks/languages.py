"""MkDocs hook: the site in two languages (mkdocs-static-i18n; see clinic/languages.py for how
it builds them).

- Templates get `_("English text")`: the text itself on English pages, its Spanish from
  overrides/translations/es.yaml on Spanish pages (a missing one stops the build).
- Each page learns its twins in the other language: the header's language switch links the
  same page in the other language, shown only where that page exists, and <head> lists every
  version for search engines (hreflang, with x-default for the English one).
- The Spanish menu ends with a link to the English site.
- GitHub Pages serves one 404.html for the whole site: the English build writes it (the page
  itself speaks both languages); the Spanish build does not write it again.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Link

from clinic.languages import AFTER_I18N_PLUGIN, language_build, long_date, twin_links
from clinic import template_words
from clinic.messages import content_problem
from clinic.text_files import decoded
from clinic.template_words import WordsProblem, activate, load_words, translator

WORDS_DIR = "translations"
# The language each language's name is written in, for the switch ("English", "Español").
NAMES = {"en": "English", "es": "Español"}

def _words_file(config, language: str) -> Path | None:
    for folder in config.theme.dirs:
        path = Path(folder, WORDS_DIR, f"{language}.yaml")
        if path.is_file():
            return path
    return None


@event_priority(40)  # after clinic_details.py, before the hooks whose templates use `_`
def on_config(config):
    build = language_build(config.plugins)
    if build.language == build.default:
        activate(translator(None))
    else:
        path = _words_file(config, build.language)
        shown = f"overrides/{WORDS_DIR}/{build.language}.yaml"
        if path is None:
            raise PluginError(f"{shown}: the file of template texts in this language is missing — create it "
                              f"with one line per text, such as \"Book\": \"...\"")
        text, unreadable = decoded(path.read_bytes())
        if unreadable:
            raise PluginError(content_problem(shown, *unreadable))
        try:
            activate(translator(load_words(text, shown), shown))
        except WordsProblem as problem:
            raise PluginError(str(problem)) from None
    if build.nested:
        config.theme.static_templates.discard("404.html")
        _translate_settings(config)
    return config


def _translate_settings(config) -> None:
    """Words MkDocs and Material take from mkdocs.yml, in this build's language. The English
    build has finished when this runs, so the shared config may change."""
    try:
        toc = config.mdx_configs.setdefault("toc", {})
        if "permalink_title" in toc:
            toc["permalink_title"] = template_words.translate(toc["permalink_title"])
        config.mdx_configs.setdefault("footnotes", {})["BACKLINK_TITLE"] = template_words.translate(
            "Jump back to footnote {} in the text")
        for option in config.theme.get("palette") or []:
            if isinstance(option, dict) and isinstance(option.get("toggle"), dict) and option["toggle"].get("name"):
                option["toggle"]["name"] = template_words.translate(option["toggle"]["name"])
    except WordsProblem as problem:
        raise PluginError(str(problem)) from None


def translate(text: str) -> str:
    """`_` for templates and hooks: `text` in the language of the build now running."""
    try:
        return template_words.translate(text)
    except WordsProblem as problem:
        raise PluginError(str(problem)) from None


def on_env(env, config, files):
    language = language_build(config.plugins).language
    env.globals["_"] = translate
    env.globals["long_date"] = lambda date: long_date(date, language)
    return env


@event_priority(AFTER_I18N_PLUGIN)  # after the i18n plugin has made this language's menu
def on_nav(nav, config, files):
    build = language_build(config.plugins)
    if build.language != build.default:
        # "./" from the site's root: MkDocs writes it relative to each page, so it leads to the
        # English home page from any Spanish page.
        nav.items.append(Link(NAMES.get(build.default, build.default), "./"))
    return nav


def on_page_context(context, page, config, nav):
    build = language_build(config.plugins)
    # mkdocs-static-i18n gives each page's file its versions by language (none without it).
    alternates = {lang: "" if twin.url in (".", "./") else twin.url
                  for lang, twin in getattr(page.file, "alternates", {}).items()}
    context["language_twins"] = twin_links(alternates, NAMES, build.language, config.site_url or "", build.default)
    context["page_language"] = build.language
    context["language_prefix"] = build.url_prefix
    return context
