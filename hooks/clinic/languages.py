"""Which language a build is for, and the page a file is the twin of.

mkdocs-static-i18n builds the default language (English) first. Then, inside that build's
`on_post_build`, it runs MkDocs' whole build again for each other language (Spanish, under /es/),
into the same site folder. So every hook sees `on_config` … `on_post_build` once per language,
the other languages' builds nested inside the English one. Checks over the whole site (a work
no page cites, the search index, the security pass over every file) must run once, after the
last language: in the outer build's `on_post_build`, below the plugin's priority (-100).

Duck-typed on the plugin's attributes, so nothing here imports MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT = "en"
# Below mkdocs-static-i18n's priority (-100) for every event it handles: after it has picked this
# language's pages and menu, and (on_post_build) after it has built the other languages.
AFTER_I18N_PLUGIN = -110


@dataclass(frozen=True)
class LanguageBuild:
    language: str        # the language of the pages this build writes
    default: str         # the site's main language, built at the site's root
    nested: bool         # a build the plugin runs inside the default language's build
    languages: tuple[str, ...] = (DEFAULT,)   # every language the site is built in

    @property
    def url_prefix(self) -> str:
        """Where this language's pages live: '' for the default language, 'es/' for Spanish."""
        return "" if self.language == self.default else f"{self.language}/"


def language_build(plugins) -> LanguageBuild:
    """The build now running, read from the i18n plugin among `plugins` (config.plugins).

    Before the plugin's own on_config (priority -100) has run for the first build, its
    current_language is still unset: that first build is the default language's."""
    i18n = plugins.get("i18n") if plugins is not None else None
    if i18n is None:
        return LanguageBuild(DEFAULT, DEFAULT, False)
    default = i18n.default_language
    return LanguageBuild(i18n.current_language or default, default, bool(i18n.building), tuple(i18n.build_languages))


# What mkdocs-static-i18n takes for a language in a file name ('es', 'pt-BR', 'zh_TW').
_LOCALE = re.compile(r"[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?|[a-z]{2}_[A-Z]{2}")


def unknown_language(src_uri: str, languages) -> str | None:
    """The language suffix of a page's name that the site is not built in ('fr' for
    'treatments.fr.md'): the plugin would leave such a page out of every language, silently."""
    stem = src_uri.rpartition(".")[0]
    suffix = stem.rpartition(".")[2] if "." in stem.rpartition("/")[2] else ""
    return suffix if suffix and _LOCALE.fullmatch(suffix) and suffix not in languages else None


def split_language(src_uri: str, languages, default: str = DEFAULT) -> tuple[str, str]:
    """A page's path in docs/ as (its English twin's path, its language), read from the name
    as mkdocs-static-i18n reads it: ('insurance.md', 'es') for 'insurance.es.md'."""
    stem, dot, extension = src_uri.rpartition(".")
    base, dot2, language = stem.rpartition(".")
    if dot and dot2 and language in languages and language != default and "/" not in language:
        return f"{base}.{extension}", language
    return src_uri, default


def twin_links(alternates: dict[str, str], names: dict[str, str], current: str,
               site_url: str, default: str) -> dict:
    """Links between a page and its twins in the other languages.

    `alternates` maps each language with a version of the page to that version's site-relative
    address ('es/insurance/'). Returns the header's switch (the other languages' versions, by
    site-relative address: the template's `url` filter makes them links from the page) and the <head>'s hreflang alternates (every version, itself included,
    and x-default: the default language's version, when there is one)."""
    switch = [{"lang": lang, "name": names.get(lang, lang), "url": url}
              for lang, url in sorted(alternates.items()) if lang != current]
    hreflang = []
    if len(alternates) > 1:
        hreflang = [{"lang": lang, "href": site_url + url} for lang, url in sorted(alternates.items())]
        if default in alternates:
            hreflang.append({"lang": "x-default", "href": site_url + alternates[default]})
    return {"switch": switch, "hreflang": hreflang}


_MONTHS_ES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
              "octubre", "noviembre", "diciembre")


def long_date(date, language: str) -> str:
    """'November 27, 2026'; in Spanish '27 de noviembre de 2026'."""
    if language == "es":
        return f"{date.day} de {_MONTHS_ES[date.month - 1]} de {date.year}"
    return f"{date.strftime('%B')} {date.day}, {date.year}"
