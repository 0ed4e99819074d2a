"""Pandoc-style citations in Markdown (`[@key]`, `[@a; @b]`, `[see @key, p. 12]`) turned into
standard Markdown footnotes, so Material shows each reference as a tooltip.

Never a citation: fenced or indented code, inline code, HTML comments, link destinations,
autolinks and e-mail addresses, link reference definitions, and `\\[@key]` (escaped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

from clinic.markdown_blocks import code_lines


# Each with text it cannot match without, so a page with none of that text skips the pattern.
# Patterns start with the character they need (a look-behind after it, not before): Python's
# regular expressions then jump from one such character to the next instead of trying every place.
_MASKS = [
    (re.compile(r"<!--.*?-->", re.S), "<!--"),                                   # HTML comments
    # a run of backticks not preceded by one, then the same run, within a paragraph
    (re.compile(r"(`(?<!``)`*+)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.S), "`"),  # inline code
    (re.compile(r"^ {0,3}\[[^\]\n]+\]:[^\n]*", re.M), "]:"),                  # reference definitions
    (re.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*>|<[^<>\s@]+@[^<>\s]+>"), "<"),  # autolinks
]
_LINK_DESTINATION = re.compile(r"\]\((?:[^()\n]|\([^()\n]*\))*\)")
_NOT_NEWLINE = re.compile(r"[^\n]")

# A bracket holding at least one @, not escaped, not a link text or link definition.
_BRACKET = re.compile(r"\[(?<!\\\[)(?P<inner>[^\[\]]*@[^\[\]]*)\](?![(\[])")
# A '[' not escaped with a backslash.
_OPENING = re.compile(r"\[(?<!\\\[)")
# Letters of any alphabet, so a key with an accent is reported as unknown instead of left as text.
_KEY = r"\w(?:[\w:.#$%&+?<>~/-]*\w)?"
_ITEM = re.compile(rf"^(?P<prefix>(?:.*\s)?)-?@(?P<key>{_KEY})(?P<suffix>(?:[,\s].*)?)$", re.S)

REFERENCES_MARKER = "///Footnotes Go Here///"
# Inside a bracket: an @ that starts a key (not the @ of an e-mail address).
_CITE_AT = re.compile(r"(?:^|[\s;\[-])@")
_CITATION_LIKE = re.compile(r"\[(?:[^\]\n]*[\s;])?-?@\w")
_FOOTNOTE_DEFINITION = re.compile(r"^ {0,3}\[\^[^\]\n]+\]:")
# Between the numbers of a group of citations, as the numbers themselves are: superscript.
GROUP_SEPARATOR = "<sup class=\"citation-separator\">,</sup>"


@dataclass(frozen=True)
class CiteItem:
    key: str
    prefix: str = ""
    locator: str = ""


@dataclass(frozen=True)
class Citation:
    start: int
    end: int
    line: int
    items: tuple[CiteItem, ...]


@dataclass
class Rendered:
    markdown: str
    cited_keys: list[str] = field(default_factory=list)
    unknown: list[tuple[int, str]] = field(default_factory=list)
    # (line, what is wrong, how to fix it) for citations that cannot be read
    malformed: list[tuple[int, str, str]] = field(default_factory=list)


def markup_only(markdown: str) -> str:
    """The text with code, comments, autolinks, link definitions and link destinations blanked
    out, offsets and lines unchanged: what Markdown may read as markup or citations."""
    return _masked(markdown)


def _blank(match: re.Match) -> str:
    text = match.group(0)
    return " " * len(text) if "\n" not in text else _NOT_NEWLINE.sub(" ", text)


def _masked(markdown: str) -> str:
    """The text with every place a citation cannot be blanked out, offsets unchanged."""
    lines = markdown.split("\n")
    protected = code_lines(lines)
    text = "\n".join(" " * len(l) if p else l for l, p in zip(lines, protected)) if any(protected) else markdown
    for pattern, needed in _MASKS:
        if needed in text:
            text = pattern.sub(_blank, text)
    if "](" not in text:
        return text
    return _LINK_DESTINATION.sub(lambda m: "](" + _blank(m)[2:], text)


def _parse_items(inner: str) -> tuple[CiteItem, ...] | None:
    items = []
    for part in inner.split(";"):
        match = _ITEM.match(part.strip())
        if not match:
            return None
        locator = match["suffix"].strip().lstrip(",").strip()
        items.append(CiteItem(match["key"], " ".join(match["prefix"].split()), " ".join(locator.split())))
    return tuple(items)


def _scan(markdown: str, masked: str | None = None) -> tuple[list[Citation], list[tuple[int, str, str]]]:
    """The citations in the text, and the places that look like a citation but cannot be read
    (`masked` is `_masked(markdown)`, when the caller has it already)."""
    if "@" not in markdown:  # every citation and every mistake the scan reports has an '@'
        return [], []
    if masked is None:
        masked = _masked(markdown)
    found, malformed, taken = [], [], []
    line, counted = 1, 0  # the line of `counted`, counted on from one bracket to the next
    parsed: dict[str, tuple[CiteItem, ...] | None] = {}  # a page cites the same way many times
    for match in _BRACKET.finditer(masked):
        start, end = match.span()
        if "\n\n" in match["inner"] or start > 0 and masked[start - 1] == "!":
            continue
        line += markdown.count("\n", counted, start)
        counted = start
        text = markdown[start:end]
        inner = markdown[match.start("inner"):match.end("inner")]
        if inner not in parsed:
            parsed[inner] = _parse_items(inner)
        items = parsed[inner]
        if items:
            found.append(Citation(start, end, line, items))
            taken.append((start, end))
        elif _CITE_AT.search(match["inner"]):
            malformed.append((line, f"the citation '{text}' cannot be read",
                              "write it as [@key], [@key1; @key2] or [see @key, p. 12], with a key from "
                              "data/bibliography.yaml"))
            taken.append((start, end))
    malformed += _unclosed(markdown, masked, taken)
    malformed += _in_footnotes(markdown)
    return found, sorted(malformed)


def _unclosed(markdown: str, masked: str, taken: list[tuple[int, int]]) -> list[tuple[int, str, str]]:
    """A '[' opening a citation whose ']' never comes before the paragraph ends."""
    problems, inside = [], iter(sorted(taken))
    current = next(inside, None)
    for match in _OPENING.finditer(masked):
        start = match.start()
        while current and current[1] <= start:
            current = next(inside, None)
        if current and current[0] <= start < current[1]:
            continue
        paragraph_end = masked.find("\n\n", start)
        rest = masked[start + 1:paragraph_end if paragraph_end >= 0 else len(masked)]
        closing = rest.find("]")
        opening = rest.find("[")
        segment = rest if closing < 0 else ""
        if closing < 0 and opening >= 0:
            segment = rest[:opening]
        if segment and _CITE_AT.search(segment) and re.search(r"(?:^|[\s;-])@\w", segment):
            line = markdown.count("\n", 0, start) + 1
            shown = markdown[start:start + 1 + len(segment)].split("\n")[0][:40]
            problems.append((line, f"the citation '{shown}' is never closed with ']'",
                             "add ']' after the last key, as in [@key]"))
    return problems


def _in_footnotes(markdown: str) -> list[tuple[int, str, str]]:
    """Citations written inside a footnote's own text, where a footnote number cannot go.
    (Footnote definitions are masked like link definitions, so they are read here on their own.)"""
    if "[^" not in markdown:
        return []
    lines = markdown.split("\n")
    problems, in_note = [], False
    for number, (line, code) in enumerate(zip(lines, code_lines(lines)), start=1):
        if code:
            continue
        if _FOOTNOTE_DEFINITION.match(line):
            in_note = True
        elif line.strip() and not line.startswith(("    ", "\t")):
            in_note = False
        if in_note and _CITATION_LIKE.search(line):
            problems.append((number, "a citation inside a footnote's text",
                             "put the citation in the sentence the footnote belongs to, or write the source "
                             "out in the footnote"))
    return problems


def find_citations(markdown: str) -> list[Citation]:
    return _scan(markdown)[0]


def _label(item: CiteItem, taken: dict[str, CiteItem]) -> str:
    words = "-".join(filter(None, [item.key, item.prefix, item.locator]))
    base = "cite-" + re.sub(r"[^A-Za-z0-9_-]+", "-", words).strip("-")
    label, n = base, 2
    while label in taken and taken[label] != item:
        label, n = f"{base}-{n}", n + 1
    return label


def _note_text(item: CiteItem, reference: str) -> str:
    prefix = item.prefix[:1].upper() + item.prefix[1:]
    text = f"{prefix} {reference}".strip()
    return f"{text} ({item.locator})" if item.locator else text


def render_citations(markdown: str, references: Mapping[str, str], heading: str = "References") -> Rendered:
    """Replace citations with footnote references and add the notes under a heading at the end.

    Notes are numbered in order of first citation; a work cited again the same way reuses its
    note, while a citation with its own prefix or locator gets a note of its own.
    """
    if "@" not in markdown:  # no citation, and nothing that looks like one
        return Rendered(markdown)
    masked = _masked(markdown)
    citations, malformed = _scan(markdown, masked)
    result = Rendered(markdown, malformed=malformed)
    if not citations:
        return result
    # Repeats of a note are written as links to it: Python-Markdown's footnotes take time that
    # grows with the square of the repeats of one label. Numbers follow the order notes are
    # defined in, so the page's own footnotes (defined before ours, at the end) come first.
    own_notes = sum(1 for line in masked.split("\n") if _FOOTNOTE_DEFINITION.match(line))
    labels: dict[str, CiteItem] = {}
    numbers: dict[str, int] = {}
    pieces, cursor = [], 0
    for citation in citations:
        refs = []
        for item in citation.items:
            if item.key not in references:
                result.unknown.append((citation.line, item.key))
                continue
            label = _label(item, labels)
            labels.setdefault(label, item)
            if item.key not in result.cited_keys:
                result.cited_keys.append(item.key)
            if label in numbers:
                refs.append(f'<sup><a class="footnote-ref" href="#fn:{label}">{numbers[label]}</a></sup>')
            else:
                numbers[label] = own_notes + len(numbers) + 1
                refs.append(f"[^{label}]")
        kept = GROUP_SEPARATOR.join(refs) if refs else markdown[citation.start:citation.end]
        pieces += [markdown[cursor:citation.start], kept]
        cursor = citation.end
    pieces.append(markdown[cursor:])
    notes = "\n".join(f"[^{label}]: {_note_text(item, references[item.key])}" for label, item in labels.items())
    body = "".join(pieces).rstrip("\n")
    result.markdown = f"{body}\n\n## {heading}\n\n{REFERENCES_MARKER}\n\n{notes}\n"
    return result
