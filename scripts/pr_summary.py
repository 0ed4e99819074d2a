"""What readers will see change between two builds of the site, in Markdown, for the staff who
review pull requests without reading diffs of Markdown.

    python scripts/pr_summary.py OLD_SITE NEW_SITE [--bibliography FILE ...] [--changed-pages FILE]

It compares each page's own text (its article, without the menu, booking boxes, review block or
references, so a menu edit does not mark every page changed), sentence by sentence as readers
read them; the references (by bibliography id, with their formatted text); the review dates;
and which pages were added, removed or turned into redirects. --changed-pages writes the changed
and added pages' addresses, one a line, for the screenshots.

Reference ids: the built HTML names each note `fn:cite-<id>[-<prefix>][-<locator>][-<n>]`
(hooks/clinic/citation_syntax.py), so the bibliography's ids (this repository's
data/bibliography.yaml and any --bibliography) tell where the id ends.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parent.parent
BIBLIOGRAPHY = ROOT / "data" / "bibliography.yaml"

# Elements that start a new line of text; inline ones (em, a, code) run on within a sentence.
BLOCK_TAGS = ["address", "blockquote", "caption", "dd", "details", "div", "dl", "dt", "figcaption",
              "figure", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ol", "p", "pre", "section",
              "summary", "table", "td", "th", "tr", "ul"]
# Parts of the article that are not the page's own words: the edit button, the heading anchors
# (¶), the booking boxes (the same on every page), the review block and the references (reported
# on their own), and the note numbers, which all shift when one citation is added.
NOT_PAGE_TEXT = ["a.md-content__button", "a.headerlink", "aside.booking-cta", "aside.clinic-review",
                 "h2#references", "div.footnote", "sup:has(> a.footnote-ref)", "sup[id^='fnref']", "sup.citation-separator",
                 "script", "style", "template"]
# Parts around the article that follow from the page itself (its table of contents and title
# in the header), so that only the menu, header and footer shared by pages count as surroundings.
NOT_SURROUNDINGS = ["script", "style", "template", "svg", "[data-md-component='toc']",
                    "[data-md-component='header-topic']"]
# A sentence ends at . ! or ? (perhaps closed by a quote or bracket) before a capital or digit.
SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"'“‘(]?[A-Z0-9])")
# Where a note number was taken out ("pain [3]." -> "pain ."), the space before the mark goes too.
SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?])")
# Backslash-escaping every ASCII punctuation mark that Markdown, GitHub's math or HTML could read
# as markup keeps page text text (CommonMark allows a backslash before any ASCII punctuation).
MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>&$])")
MAX_LINES = 40


@dataclass(frozen=True)
class Page:
    title: str
    sentences: tuple[str, ...] = ()
    references: dict[str, str] = field(default_factory=dict)  # bibliography id -> formatted text
    review_dates: dict[str, str] = field(default_factory=dict)  # "Next review due" -> "May 1, 2027"
    surroundings: str = ""  # the menu, header and footer's text


@dataclass(frozen=True)
class Redirect:
    target: str


@dataclass
class PageChange:
    address: str
    title: str
    added_sentences: list[str]
    removed_sentences: list[str]
    added_references: dict[str, str]
    removed_references: dict[str, str]
    review_dates: list[tuple[str, str, str]]  # (label, before, after)


@dataclass
class SiteChanges:
    added: list[tuple[str, str]] = field(default_factory=list)  # (address, title)
    removed: list[tuple[str, str]] = field(default_factory=list)
    redirected: list[tuple[str, str, str]] = field(default_factory=list)  # (address, target, was)
    unredirected: list[tuple[str, str]] = field(default_factory=list)  # (address, former target)
    changed: list[PageChange] = field(default_factory=list)
    surroundings_changed: int = 0


# --------------------------------------------------------------------------------------------
# One built page: HTML text in, data out
# --------------------------------------------------------------------------------------------

def note_label(key: str) -> str:
    """The note id the citation hook gives a plain citation of `key` (its _label, without `fn:`)."""
    return "cite-" + re.sub(r"[^A-Za-z0-9_-]+", "-", key).strip("-")


def citation_key(label: str, known_keys: frozenset[str] | set[str]) -> str:
    """The bibliography id a note label such as `cite-smith2024-see-p-12` belongs to: the longest
    known id whose label starts it; without one, the label's own words."""
    matches = [key for key in known_keys
               if label == note_label(key) or label.startswith(note_label(key) + "-")]
    return max(matches, key=len) if matches else label[len("cite-"):]


def text_lines(element: Tag) -> list[str]:
    """The element's text as readers see it, one line per block (paragraph, item, cell)."""
    for svg in element.find_all("svg"):
        # A figure's drawn labels repeat its title and text alternative: keep only those.
        words = [part.get_text(" ", strip=True) for part in svg.find_all(["title", "desc"])]
        svg.replace_with("\n" + "\n".join(words) + "\n")
    for block in element.find_all(BLOCK_TAGS):
        block.insert_before("\n")
        block.insert_after("\n")
    for line_break in element.find_all("br"):
        line_break.replace_with("\n")
    lines = (SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(line.split())) for line in element.get_text().split("\n"))
    return [line for line in lines if line]


def split_sentences(line: str) -> list[str]:
    return [sentence for sentence in SENTENCE_BREAK.split(line) if sentence]


def redirect_target(soup: BeautifulSoup) -> str | None:
    """Where a redirect page (mkdocs-redirects: a meta refresh) sends readers, as written."""
    refresh = soup.find("meta", attrs={"http-equiv": re.compile("^refresh$", re.I)})
    if refresh is None:
        return None
    content = refresh.get("content", "")
    _, _, url = content.partition(";")
    return url.strip().removeprefix("url=").removeprefix("URL=").strip("'\"") or None


def references(article: Tag, known_keys: frozenset[str] | set[str]) -> dict[str, str]:
    """Bibliography id -> the reference's formatted text, from the notes under "References"."""
    found: dict[str, str] = {}
    for note in article.select("div.footnote li[id^='fn:cite-']"):
        label = note["id"][len("fn:"):]
        key = citation_key(label, known_keys)
        for back_link in note.select("a.footnote-backref"):
            back_link.decompose()
        text = SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(note.get_text(" ").split()))
        # A note with a prefix or page of its own ("See ...", "(p. 12)") stands in only until
        # the plain note of the same work is found.
        if key not in found or label == note_label(key):
            found[key] = text
    return found


def review_dates(article: Tag) -> dict[str, str]:
    """"Page last reviewed" / "Next review due" -> the date as readers read it."""
    dates = {}
    for item in article.select("aside.clinic-review .clinic-review__item"):
        time = item.find("time")
        if time is not None:
            label = item.get_text().split(":")[0].strip()
            dates[label] = " ".join(time.get_text().split()) or time.get("datetime", "")
    return dates


def read_page(html: str, known_keys: frozenset[str] | set[str] = frozenset()) -> Page | Redirect:
    soup = BeautifulSoup(html, "html.parser")
    target = redirect_target(soup)
    if target is not None:
        return Redirect(target)
    article = soup.select_one("article.md-content__inner")
    if article is None:  # a page without an article (none today): its body is its text
        article = soup.body or soup
    heading = article.find("h1")
    title = " ".join((heading or soup.title or soup).get_text().split()).removesuffix("¶").strip()
    found_references = references(article, known_keys)
    found_dates = review_dates(article)
    article.extract()
    for unwanted in soup.select(", ".join(NOT_SURROUNDINGS)):
        unwanted.decompose()
    surroundings = " ".join((soup.body or soup).get_text().split())
    for unwanted in article.select(", ".join(NOT_PAGE_TEXT)):
        unwanted.decompose()
    sentences = tuple(sentence for line in text_lines(article) for sentence in split_sentences(line))
    return Page(title, sentences, found_references, found_dates, surroundings)


# --------------------------------------------------------------------------------------------
# Two sites compared
# --------------------------------------------------------------------------------------------

def page_address(relative_path: str) -> str:
    """`articles/x/index.html` -> `/articles/x/`, `404.html` -> `/404.html`."""
    if relative_path == "index.html":
        return "/"
    if relative_path.endswith("/index.html"):
        return "/" + relative_path[:-len("index.html")]
    return "/" + relative_path


def resolve(address: str, target: str) -> str:
    """A redirect's target, written relative to its page, as an address from the site's root."""
    path, hash_mark, fragment = target.partition("#")
    base = address if address.endswith("/") else posixpath.dirname(address) + "/"
    joined = posixpath.normpath(posixpath.join(base, path)) if path else address
    if path.endswith("/") and not joined.endswith("/"):
        joined += "/"
    return joined + hash_mark + fragment


def compare_pages(address: str, old: Page, new: Page) -> PageChange | None:
    old_count, new_count = Counter(old.sentences), Counter(new.sentences)
    added = [s for s in dict.fromkeys(new.sentences) for _ in range((new_count - old_count)[s])]
    removed = [s for s in dict.fromkeys(old.sentences) for _ in range((old_count - new_count)[s])]
    added_references = {k: v for k, v in new.references.items() if k not in old.references}
    removed_references = {k: v for k, v in old.references.items() if k not in new.references}
    dates = [(label, old.review_dates.get(label, "none"), new.review_dates.get(label, "none"))
             for label in dict.fromkeys([*old.review_dates, *new.review_dates])
             if old.review_dates.get(label) != new.review_dates.get(label)]
    if not (added or removed or added_references or removed_references or dates):
        return None
    return PageChange(address, new.title, added, removed, added_references, removed_references, dates)


def compare_sites(old: dict[str, Page | Redirect], new: dict[str, Page | Redirect]) -> SiteChanges:
    changes = SiteChanges()
    for address in sorted(new.keys() | old.keys()):
        before, after = old.get(address), new.get(address)
        if isinstance(after, Page) and not isinstance(before, Page):
            changes.added.append((address, after.title))
        elif isinstance(before, Page) and after is None:
            changes.removed.append((address, before.title))
        if isinstance(after, Redirect) and (not isinstance(before, Redirect) or before.target != after.target):
            was = "a page" if isinstance(before, Page) else (
                "new" if before is None else "sent elsewhere: " + resolve(address, before.target))
            changes.redirected.append((address, resolve(address, after.target), was))
        if isinstance(before, Redirect) and after is None:
            changes.unredirected.append((address, resolve(address, before.target)))
        if isinstance(before, Page) and isinstance(after, Page):
            change = compare_pages(address, before, after)
            if change:
                changes.changed.append(change)
            if before.surroundings != after.surroundings:
                changes.surroundings_changed += 1
    return changes


def changed_addresses(changes: SiteChanges) -> list[str]:
    """The pages worth a screenshot: changed and added ones; the home page when only the menu,
    header or footer changed."""
    addresses = [change.address for change in changes.changed] + [a for a, _ in changes.added]
    if not addresses and changes.surroundings_changed:
        addresses = ["/"]
    return addresses


# --------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------

def escape_markdown(text: str) -> str:
    """Page text, shown as text: no Markdown, HTML, mention or line break of its own."""
    return MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(text.split()))


def bullet_list(items: list[str]) -> list[str]:
    lines = [f"- {item}" for item in items[:MAX_LINES]]
    if len(items) > MAX_LINES:
        lines.append(f"- and {len(items) - MAX_LINES} more")
    return lines


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def overview(changes: SiteChanges) -> str:
    parts = [f"{plural(len(changes.changed), 'page')} changed" if changes.changed else "",
             f"{plural(len(changes.added), 'page')} added" if changes.added else "",
             f"{plural(len(changes.removed), 'page')} removed" if changes.removed else "",
             f"{plural(len(changes.redirected), 'old address')} redirected" if changes.redirected else ""]
    parts = [part for part in parts if part]
    if not parts:
        return "No page's text, references or review dates changed."
    return ", ".join(parts).capitalize() + "."


def page_change_markdown(change: PageChange) -> list[str]:
    lines = [f"### {escape_markdown(change.title)} ({escape_markdown(change.address)})", ""]
    sections = [
        ("Sentences added", [escape_markdown(s) for s in change.added_sentences]),
        ("Sentences removed", [escape_markdown(s) for s in change.removed_sentences]),
        ("References added", [f"{escape_markdown(k)}: {escape_markdown(v)}" for k, v in change.added_references.items()]),
        ("References removed", [f"{escape_markdown(k)}: {escape_markdown(v)}" for k, v in change.removed_references.items()]),
        ("Review dates", [f"{escape_markdown(label)}: {escape_markdown(before)} → {escape_markdown(after)}"
                          for label, before, after in change.review_dates]),
    ]
    for heading, items in sections:
        if items:
            lines += [f"**{heading}**", "", *bullet_list(items), ""]
    return lines


def summary_markdown(changes: SiteChanges) -> str:
    lines = ["## What readers will see change", "", overview(changes), ""]
    if changes.surroundings_changed:
        lines += [f"The menu, header or footer changed on {plural(changes.surroundings_changed, 'page')} "
                  "(not listed below: see the screenshots).", ""]
    if changes.added:
        lines += ["### Pages added", "",
                  *bullet_list([f"{escape_markdown(title)} ({escape_markdown(a)})" for a, title in changes.added]), ""]
    if changes.removed:
        lines += ["### Pages removed", "",
                  *bullet_list([f"{escape_markdown(title)} ({escape_markdown(a)})" for a, title in changes.removed]), ""]
    if changes.redirected or changes.unredirected:
        items = [f"{escape_markdown(a)} now sends readers to {escape_markdown(target)} (before: {escape_markdown(was)})"
                 for a, target, was in changes.redirected]
        items += [f"{escape_markdown(a)} no longer exists (it sent readers to {escape_markdown(target)})"
                  for a, target in changes.unredirected]
        lines += ["### Old addresses", "", *bullet_list(items), ""]
    for change in changes.changed:
        lines += page_change_markdown(change)
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------

def bibliography_keys(paths: list[Path]) -> frozenset[str]:
    keys: set[str] = set()
    for path in paths:
        if path.is_file():
            entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
            keys |= {str(entry["id"]) for entry in entries if isinstance(entry, dict) and "id" in entry}
    return frozenset(keys)


def read_site(site: Path, known_keys: frozenset[str]) -> dict[str, Page | Redirect]:
    pages: dict[str, Page | Redirect] = {}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative.startswith(("assets/", "pagefind/")):
            continue
        pages[page_address(relative)] = read_page(path.read_text(encoding="utf-8"), known_keys)
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old_site", type=Path)
    parser.add_argument("new_site", type=Path)
    parser.add_argument("--bibliography", type=Path, action="append", default=[],
                        help="a bibliography whose ids the pages may cite (this repository's is always read)")
    parser.add_argument("--changed-pages", type=Path, help="write the changed and added pages' addresses here")
    args = parser.parse_args(argv)
    for site in (args.old_site, args.new_site):
        if not site.is_dir():
            parser.error(f"{site} is not a built site's folder")
    keys = bibliography_keys([BIBLIOGRAPHY, *args.bibliography])
    changes = compare_sites(read_site(args.old_site, keys), read_site(args.new_site, keys))
    sys.stdout.write(summary_markdown(changes))
    if args.changed_pages:
        args.changed_pages.write_text("".join(a + "\n" for a in changed_addresses(changes)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
