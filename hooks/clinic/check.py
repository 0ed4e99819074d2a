"""The site's checks without a MkDocs build: `python -m clinic check` (run in hooks/), for a
pre-commit hook or a quick look before pushing.

It reports, in the build's own `file:line: what — fix` words, what the build would stop on in
front matter, citations and the bibliography, links and the menu, old-address redirects,
over-strong claims and the HTML a page's own Markdown makes. Page text put in by markers
(shared clinic text, figures) is checked by the build only.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pathspec
import yaml
from markdown.extensions.toc import slugify

from clinic.bibliography import BibliographyError, entry_problems, format_works, parse_entries, unknown_key_fix
from clinic.citation_syntax import render_citations
from clinic.claims import claim_problems
from clinic.front_matter import body, front_matter_problems, markdown_line_offset
from clinic.html_policy import content_findings, line_of
from clinic.languages import DEFAULT, split_language, unknown_language
from clinic.links import anchors, link_problems, nav_problems
from clinic.translations import translation_problems, untranslated_keys_problems
from clinic.messages import content_problem
from clinic.redirects import redirect_problems
from clinic.text_files import decoded


class _LenientLoader(yaml.SafeLoader):
    """mkdocs.yml may hold tags such as !ENV or !!python/name for MkDocs: read them as nothing."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Site:
    root: Path
    config_name: str
    config_text: str
    config: dict
    docs: Path

    @classmethod
    def at(cls, root: Path) -> Site:
        path = root / "mkdocs.yml"
        text = path.read_text(encoding="utf-8")
        config = yaml.load(text, Loader=_LenientLoader) or {}
        return cls(root, path.name, text, config, root / config.get("docs_dir", "docs"))

    def files(self) -> dict[str, Path]:
        """Every file of docs/ by its path there, as MkDocs lists them (no hidden files)."""
        return {path.relative_to(self.docs).as_posix(): path for path in sorted(self.docs.rglob("*"))
                if path.is_file() and not any(part.startswith(".") for part in path.relative_to(self.docs).parts)}

    def languages(self) -> dict[str, list | None]:
        """Each language the site is built in, with its own menu (None: mkdocs.yml's `nav:`),
        from the mkdocs-static-i18n settings in `plugins:`."""
        for plugin in self.config.get("plugins") or []:
            if isinstance(plugin, dict) and "i18n" in plugin:
                languages = (plugin["i18n"] or {}).get("languages") or []
                return {str(lang.get("locale")): (None if lang.get("default") else lang.get("nav"))
                        for lang in languages if isinstance(lang, dict) and lang.get("build", True)}
        return {DEFAULT: None}

    def page_templates(self) -> list[str]:
        folders = [self.root / str(self.config.get("theme", {}).get("custom_dir", "overrides"))]
        spec = find_spec("material")
        if spec and spec.origin:
            folders.append(Path(spec.origin).parent / "templates")
        names = {entry.name for folder in folders if folder.is_dir() for entry in folder.glob("*.html")}
        return sorted(names - {"base.html", "404.html"})

    def markdown_renderer(self) -> markdown.Markdown:
        names, configs = [], {}
        for item in self.config.get("markdown_extensions") or []:
            name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
            names.append(name)
            if options:
                configs[name] = options
        # MkDocs always adds these three.
        names += [name for name in ("toc", "tables", "fenced_code") if name not in names]
        return markdown.Markdown(extensions=names, extension_configs=configs)


def _not_in_nav(site: Site, pages: set[str]) -> set[str]:
    spec = pathspec.PathSpec.from_lines("gitwildmatch", str(site.config.get("not_in_nav") or "").splitlines())
    return {page for page in pages if spec.match_file(page)}


def _citation_problems(site: Site, sources: dict[str, str]) -> list[str]:
    settings = (site.config.get("extra") or {}).get("citations") or {}
    path = site.root / settings.get("bibliography", "data/bibliography.yaml")
    shown = path.relative_to(site.root).as_posix()
    try:
        entries = parse_entries(path.read_text(encoding="utf-8"), shown)
    except (OSError, UnicodeDecodeError) as error:
        return [content_problem(shown, None, f"cannot read the bibliography ({error})",
                                "check that the file exists and is saved as UTF-8")]
    except BibliographyError as error:
        return [str(error)]
    problems = entry_problems(entries, shown)
    if problems:
        return problems
    works = format_works(entries, settings.get("style", "american-medical-association"))
    references = {key: work.reference for key, work in works.items()}
    for shown_page, source in sources.items():
        rendered = render_citations(body(source).lstrip("\n"), references)
        offset = markdown_line_offset(source)
        found = [(line, f"unknown citation key '{key}'", unknown_key_fix(key, works))
                 for line, key in dict.fromkeys(rendered.unknown)] + rendered.malformed
        problems += [content_problem(shown_page, line + offset, what, fix) for line, what, fix in sorted(found)]
    return problems


def check(root: Path, today: dt.date | None = None) -> list[str]:
    """Every problem the checks find in the site at `root` (the folder of mkdocs.yml)."""
    site = Site.at(root)
    files = site.files()
    pages = {src for src in files if src.endswith(".md")}
    docs_name = site.docs.name
    templates = site.page_templates()
    problems, behind, sources = [], [], {}
    languages = site.languages()
    for src in sorted(pages):
        shown = f"{docs_name}/{src}"
        source, problem = decoded(files[src].read_bytes())
        if problem:
            problems.append(content_problem(shown, *problem))
            continue
        sources[shown] = source
        problems += front_matter_problems(source, shown, today or dt.date.today(), templates.__contains__,
                                          tuple(templates), pages.__contains__)
        english, language = split_language(src, languages)
        if language == DEFAULT:
            behind += untranslated_keys_problems(shown, source)
        else:
            english_source = decoded(files[english].read_bytes())[0] if english in files else None
            behind += translation_problems(shown, source, f"{docs_name}/{english}", english_source)
        suffix = unknown_language(src, languages)
        if suffix:
            problems.append(content_problem(shown, 1, f"the site is not built in the language '{suffix}', so this page "
                                            "would be left out", "rename it to end in .md (English) or .es.md (Spanish)"))
    if problems:
        return behind + problems  # as the build: the pages cannot be read further
    # As in the build, a translation behind its English page (a warning there) does not stop
    # the checks: every other mistake of an edited English page is listed too.
    problems = behind
    # Each language's pages by their English twin's name, as that language's build sees them.
    by_language = {lang: {split_language(src, languages)[0]: src for src in pages
                          if split_language(src, languages)[1] == lang} for lang in languages}
    page_anchors = {lang: {twin: anchors(body(sources[f"{docs_name}/{src}"]), slugify) for twin, src in twins.items()}
                    for lang, twins in by_language.items()}
    for lang, twins in by_language.items():
        nav = site.config.get("nav") if languages[lang] is None else languages[lang]
        hidden = {twin for twin, src in twins.items() if src in _not_in_nav(site, {src})}
        problems += nav_problems(site.config_name, site.config_text, nav, set(twins), hidden,
                                 None if lang == DEFAULT else lang)
    english_pages = set(by_language[DEFAULT])
    problems += redirect_problems(site.config_text, site.config_name, english_pages, page_anchors[DEFAULT])
    problems += _citation_problems(site, sources)
    site_host = urlsplit(str(site.config.get("site_url") or "")).hostname or ""
    renderer = site.markdown_renderer()
    assets = {src for src in files if not src.endswith(".md")}
    # Each language's build keeps the files named for it ('logo.es.svg' is the Spanish pages'
    # 'logo.svg'); the English build keeps the others.
    assets_of = {lang: {split_language(src, languages)[0] for src in assets if split_language(src, languages)[1] == lang}
                 for lang in languages}
    for src in sorted(pages):
        shown = f"{docs_name}/{src}"
        source = sources[shown]
        text = body(source).lstrip("\n")
        first_line = markdown_line_offset(source) + 1
        twin, lang = split_language(src, languages)
        # A translation's links lead to pages and files in its own language (the English site's
        # files are not part of its build).
        known = set(by_language[lang]) | assets_of[lang]
        left_out = frozenset() if lang == DEFAULT else frozenset(set(by_language[DEFAULT]) | assets_of[DEFAULT]) - known
        problems += link_problems(shown, twin, text, known, page_anchors[lang], first_line, left_out)
        problems += claim_problems(text, shown, first_line, lang if lang in ("en", "es") else "en")
        html = renderer.reset().convert(text)
        problems += [content_problem(shown, line_of(f.needles, source), f.what, f.fix)
                     for f in content_findings(html, site_host)]
    return problems


def site_root(start: Path) -> Path:
    """The folder of mkdocs.yml: `start` or the nearest folder above it that has one."""
    for folder in [start, *start.parents]:
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise FileNotFoundError(f"no mkdocs.yml in {start} or any folder above it")


def today_for_checks() -> dt.date:
    """SITE_TODAY=YYYY-MM-DD checks review dates as of another day, as in the build."""
    value = os.environ.get("SITE_TODAY")
    return dt.date.fromisoformat(value) if value else dt.date.today()
