"""Links, images and navigation checked the way staff need: the file, the line and the fix.

MkDocs finds the same mistakes, but names neither the line nor what to do; these checks run
first, so staff see these messages.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from functools import lru_cache
from typing import Callable

from clinic.markdown_blocks import code_lines
from clinic.messages import content_problem

_LINK = re.compile(r"(?P<image>!?)\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_INLINE_CODE = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
# Linear: the closing #s are taken off afterwards (a lazy '.*?' before '\s*#*\s*$' made a heading
# with thousands of spaces take minutes).
_HEADING = re.compile(r"^(#{1,6})[ \t]+(?P<text>.*)$")
_EXPLICIT_ID = re.compile(r"\{[^}]*#(?P<id>[\w-]+)[^}]*\}\s*$")
_HTML_ID = re.compile(r"""\sid=["'](?P<id>[^"']+)["']""")


def _strip_inline_markup(text: str) -> str:
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`]", "", text)


def _without_closing_hashes(text: str) -> str:
    """A heading's text without its optional closing #s ('## Title ##')."""
    text = text.rstrip()
    stripped = text.rstrip("#")
    if stripped != text and (not stripped or stripped[-1] in " \t"):
        text = stripped.rstrip()
    return text


@lru_cache(maxsize=4096)  # two checks ask for every page's anchors in each build
def anchors(markdown: str, slugify: Callable[[str, str], str]) -> frozenset[str]:
    """The ids a page's headings (and explicit ids) will have."""
    found, counts = set(), {}
    lines = markdown.split("\n")
    for line, code in zip(lines, code_lines(lines)):
        if code:
            continue
        found.update(m["id"] for m in _HTML_ID.finditer(line))
        heading = _HEADING.match(line)
        if not heading:
            continue
        text = _without_closing_hashes(heading["text"])
        explicit = _EXPLICIT_ID.search(text)
        if explicit:
            found.add(explicit["id"])
            continue
        slug = slugify(_strip_inline_markup(text), "-")
        # Python-Markdown numbers repeated headings: faq, faq_1, faq_2…
        found.add(slug if slug not in counts else f"{slug}_{counts[slug]}")
        counts[slug] = counts.get(slug, 0) + 1
    return frozenset(found)


def link_problems(path: str, src: str, markdown: str, files: set[str], page_anchors: dict[str, set[str]],
                  first_line: int = 1, untranslated: frozenset[str] = frozenset()) -> list[str]:
    """Problems with the page's relative links and images. `src` is the page's path in docs/,
    `files` every file in docs/, `page_anchors` the anchors of each Markdown page. On a
    translation, `files` are its language's, and `untranslated` the files of docs/ that
    language's build leaves out (the English pages without a translation, pictures)."""
    problems = []
    if "](" not in markdown:  # every link and image is written '[text](target)'
        return problems
    lines = markdown.split("\n")
    for number, (line, code) in enumerate(zip(lines, code_lines(lines)), first_line):
        if code or "](" not in line:
            continue
        text = _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line) if "`" in line else line
        for match in _LINK.finditer(text):
            target = match["target"]
            if re.match(r"^[a-z][a-z0-9+.-]*:|^//", target, re.I):
                continue  # another site, mailto:, tel:
            file_part, _, anchor = target.partition("#")
            linked = posixpath.normpath(posixpath.join(posixpath.dirname(src), file_part)) if file_part else src
            what = "image" if match["image"] else "link"
            if file_part and linked not in files and linked in untranslated:
                stem, extension = posixpath.splitext(linked)
                language = posixpath.splitext(posixpath.splitext(path)[0])[1]  # '.es' of 'docs/x.es.md'
                fix = ("a translation can link only to translated pages: translate that page too, or name it in "
                       "words (say it is in English) without a link") if extension == ".md" else \
                    (f"a translation's pages have only the files made for them: save a copy as "
                     f"docs/{stem}{language}{extension} (it keeps the address '{target}')")
                problems.append(content_problem(path, number, f"the {what} '{target}' points to {linked}, which "
                                                "is not part of this language's pages", fix))
            elif file_part and linked not in files:
                same_kind = [f for f in files if posixpath.splitext(f)[1] == posixpath.splitext(linked)[1]]
                close = difflib.get_close_matches(linked, same_kind, n=1, cutoff=0.75)
                fix = f"did you mean '{posixpath.relpath(close[0], posixpath.dirname(src) or '.')}'?" if close \
                    else "check the file name, or add the file to docs/"
                problems.append(content_problem(path, number, f"the {what} '{target}' points to a file that "
                                                "does not exist", fix))
            elif anchor and linked in page_anchors and anchor not in page_anchors[linked]:
                close = difflib.get_close_matches(anchor, page_anchors[linked], n=1, cutoff=0.6)
                fix = f"did you mean '#{close[0]}'?" if close else "link to a heading that exists on that page"
                problems.append(content_problem(path, number, f"the link '{target}' points to a heading that "
                                                f"'{linked}' does not have", fix))
    return problems


def nav_entries(nav) -> list[str]:
    entries = []
    for item in nav or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            entries += nav_entries(value)
        elif isinstance(value, str) and not re.match(r"^[a-z][a-z0-9+.-]*:", value, re.I):
            entries.append(value)
    return entries


def nav_problems(config_name: str, config_text: str, nav, pages: set[str], not_in_nav: set[str],
                 language: str | None = None) -> list[str]:
    """Nav entries for missing files, and pages missing from the nav, with mkdocs.yml's lines.

    `language`: checking the menu of a translation ('es'), the i18n plugin's `nav:` for that
    language, whose entries and `pages` are named as their English twins ('insurance.md' for
    docs/insurance.es.md)."""
    def own_file(page: str) -> str:
        stem, extension = posixpath.splitext(page)
        return f"{stem}.{language}{extension}" if language else page

    # The menu's own lines: an entry may be in both menus.
    start = re.search(rf"^\s*-\s*locale:\s*['\"]?{re.escape(language)}\b.*$" if language else r"^nav:",
                      config_text, re.M)
    start = start.start() if start else 0

    def line_of(text: str) -> int | None:
        entry = re.compile(rf"^\s*-\s*(?:[^\n:]+:\s*)?{re.escape(text)}\s*$", re.M)
        match = entry.search(config_text, start) or entry.search(config_text)
        return config_text.count("\n", 0, match.start()) + 1 if match else None

    menu = f"the '{language}' menu (nav)" if language else "the menu (nav)"
    problems, listed = [], set(nav_entries(nav))
    for entry in sorted(listed - pages):
        close = difflib.get_close_matches(entry, pages, n=1, cutoff=0.6)
        stem, extension = posixpath.splitext(entry)
        if language and stem.endswith(f".{language}"):
            english = stem.removesuffix(f".{language}") + extension
            what = f"{menu} lists '{entry}', but a translation is listed by its English page's name"
            fix = f"write '{english}' (the build takes docs/{entry} for it)"
        elif language:
            what = f"{menu} lists '{entry}', which has no translation docs/{own_file(entry)}"
            fix = f"did you mean '{close[0]}'?" if close else f"translate the page as docs/{own_file(entry)}, or remove the line"
        else:
            what = f"{menu} lists '{entry}', which is not a page in docs/"
            fix = f"did you mean '{close[0]}'?" if close else "create the page in docs/, or remove the line"
        problems.append(content_problem(config_name, line_of(entry), what, fix))
    problems += _title_problems(config_name, config_text, nav)
    if nav:
        for page in sorted(pages - listed - not_in_nav):
            if language:
                what = f"this page is not in the '{language}' menu"
                fix = (f"add it as '{page}' (its English page's name) under the '{language}' language's nav: "
                       "in mkdocs.yml (plugins: i18n: languages:)")
            else:
                what, fix = "this page is not in the menu", "add it under 'nav:' in mkdocs.yml"
            problems.append(content_problem(f"docs/{own_file(page)}", 1, what, fix + ", so readers can find it"))
    return problems


def _title_problems(config_name: str, config_text: str, nav) -> list[str]:
    """Menu titles are printed into every page as they are (Material does not escape them):
    plain words only."""
    problems = []
    for item in nav or []:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str) and re.match(r"^[a-z][a-z0-9+.-]*:", value, re.I) \
                        and not re.match(r"^https?://", value, re.I):
                    index = config_text.find(value)
                    line = config_text.count("\n", 0, index) + 1 if index >= 0 else None
                    problems.append(content_problem(config_name, line, f"the menu links to '{value}'",
                                                    "menu links go to a page in docs/ or a web page (https://...)"))
                if isinstance(title, str) and re.search(r"[<>]|&(#\d+|#x[0-9a-f]+|\w+);", title, re.I):
                    index = config_text.find(title)
                    line = config_text.count("\n", 0, index) + 1 if index >= 0 else None
                    problems.append(content_problem(config_name, line, f"the menu title '{title}' holds HTML",
                                                    "write the menu title in plain words, without HTML or '&...;' codes"))
                if isinstance(value, list):
                    problems += _title_problems(config_name, config_text, value)
    return problems
