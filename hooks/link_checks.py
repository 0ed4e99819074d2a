"""MkDocs hook: broken links, missing images, and menu (nav) mistakes, reported with the file,
the line and the fix before MkDocs' own, terser warnings. Thin adapter over `clinic.links`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markdown.extensions.toc import slugify
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from clinic.links import anchors, link_problems, nav_problems
from clinic.front_matter import body, markdown_line_offset
from clinic.languages import AFTER_I18N_PLUGIN, language_build, split_language


@dataclass(frozen=True)
class _BuildState:
    files: set[str]            # every file of the site, by its path in docs/
    anchors: dict[str, set]    # every page's headings, so a link to one can be checked
    untranslated: frozenset    # in a translation's build, the files of docs/ it leaves out


_build: _BuildState | None = None


# After the i18n plugin has kept this language's pages: a Spanish page's links and the Spanish
# menu are checked against the Spanish pages, each named as its English twin ('insurance.md').
@event_priority(AFTER_I18N_PLUGIN)
def on_files(files, config):
    global _build
    build = language_build(config.plugins)

    def twin_name(file) -> str:
        return split_language(file.src_uri, build.languages, build.default)[0]

    pages = {twin_name(f) for f in files.documentation_pages()}
    kept = {twin_name(f) for f in files}
    untranslated = frozenset()
    if build.language != build.default:
        docs = Path(config.docs_dir)
        untranslated = frozenset(name for name in (p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file())
                                 if split_language(name, build.languages, build.default)[1] == build.default) - kept
    _build = _BuildState(kept, {twin_name(f): anchors(body(f.content_string), slugify) for f in files.documentation_pages()},
                         untranslated)
    hidden = {twin_name(f) for f in files.documentation_pages() if not f.inclusion.is_in_nav()}  # `not_in_nav:`
    config_path = Path(config.config_file_path)
    problems = nav_problems(config_path.name, config_path.read_text(encoding="utf-8"), config.nav, pages, hidden,
                            None if build.language == build.default else build.language)
    if problems:
        raise PluginError("\n".join(problems))
    return files


@event_priority(50)  # reads the links staff wrote, before other hooks put text in
def on_page_markdown(markdown, page, config, files):
    path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    first_line = markdown_line_offset(page.file.content_string) + 1
    build = language_build(config.plugins)
    twin = split_language(page.file.src_uri, build.languages, build.default)[0]
    problems = link_problems(path, twin, page.markdown, _build.files, _build.anchors, first_line,
                             _build.untranslated)
    if problems:
        raise PluginError("\n".join(problems))
    return markdown
