"""Pandoc-style citations in Markdown (`[@key]`, `[@a; @b]`, `[see @key, p. 12]`) turned into
standard Markdown footnotes, so Material shows each reference as a tooltip.

Never a citation: fenced or indented code, inline code, HTML comments, link destinations,
autolinks and e-mail addresses, link reference definitions, and `\\[@key]` (escaped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

_FENCE_OPEN = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^(?P<indent> *)(?P<marker>[-*+]|[0-9]{1,9}[.)])(?P<gap> {1,4}|$)")
_BLOCK_CONTAINER = re.compile(r"^(?P<indent> *)(?:!!!|\?\?\?\+?)\s")  # admonitions, details

_MASKS = [
    re.compile(r"<!--.*?-->", re.S),                                   # HTML comments
    re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.S),  # inline code
    re.compile(r"^ {0,3}\[[^\]\n]+\]:[^\n]*", re.M),                  # reference definitions
    re.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*>|<[^<>\s@]+@[^<>\s]+>"),  # autolinks
]
_LINK_DESTINATION = re.compile(r"\]\((?:[^()\n]|\([^()\n]*\))*\)")

# A bracket holding at least one @, not escaped, not a link text or link definition.
_BRACKET = re.compile(r"(?<!\\)\[(?P<inner>[^\[\]]*@[^\[\]]*)\](?![(\[])")
_KEY = r"[A-Za-z0-9_](?:[A-Za-z0-9_:.#$%&+?<>~/-]*[A-Za-z0-9_])?"
_ITEM = re.compile(rf"^(?P<prefix>(?:.*\s)?)-?@(?P<key>{_KEY})(?P<suffix>(?:[,\s].*)?)$", re.S)

REFERENCES_MARKER = "///Footnotes Go Here///"


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


def code_lines(lines: list[str]) -> list[bool]:
    """Which lines are code (fenced or indented), where nothing may change."""
    protected = [False] * len(lines)
    fence: tuple[str, int] | None = None
    containers: list[int] = []  # content indents of open list items and admonitions
    previous_blank = True
    in_code = False
    for number, raw in enumerate(lines):
        line = raw.expandtabs(4)
        text = line.lstrip(" ")
        indent = len(line) - len(text)
        if fence:
            protected[number] = True
            char, length = fence
            if text.startswith(char * length) and not text.strip(char).strip():
                fence = None
            continue
        if not text.strip():
            previous_blank = True
            continue
        if previous_blank:
            while containers and indent < containers[-1]:
                containers.pop()
        base = containers[-1] if containers else 0
        if (previous_blank or in_code) and indent >= base + 4:
            protected[number] = in_code = True
            previous_blank = False
            continue
        in_code = previous_blank = False
        opening = _FENCE_OPEN.match(line)
        if opening:
            fence = (opening["fence"][0], len(opening["fence"]))
            protected[number] = True
            continue
        item = _LIST_ITEM.match(line)
        if item:
            containers.append(indent + len(item["marker"]) + max(len(item["gap"]), 1))
        elif _BLOCK_CONTAINER.match(line):
            containers.append(indent + 4)
    return protected


def _masked(markdown: str) -> str:
    """The text with every place a citation cannot be blanked out, offsets unchanged."""
    lines = markdown.split("\n")
    protected = code_lines(lines)
    text = "\n".join(" " * len(l) if p else l for l, p in zip(lines, protected))

    def blank(match: re.Match) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    for pattern in _MASKS:
        text = pattern.sub(blank, text)
    return _LINK_DESTINATION.sub(lambda m: "](" + blank(m)[2:], text)


def _parse_items(inner: str) -> tuple[CiteItem, ...] | None:
    items = []
    for part in inner.split(";"):
        match = _ITEM.match(part.strip())
        if not match:
            return None
        locator = match["suffix"].strip().lstrip(",").strip()
        items.append(CiteItem(match["key"], " ".join(match["prefix"].split()), " ".join(locator.split())))
    return tuple(items)


def find_citations(markdown: str) -> list[Citation]:
    masked = _masked(markdown)
    found = []
    for match in _BRACKET.finditer(masked):
        if "\n\n" in match["inner"] or match.start() > 0 and masked[match.start() - 1] == "!":
            continue
        items = _parse_items(markdown[match.start("inner"):match.end("inner")])
        if items:
            line = markdown.count("\n", 0, match.start()) + 1
            found.append(Citation(match.start(), match.end(), line, items))
    return found


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
    citations = find_citations(markdown)
    result = Rendered(markdown)
    if not citations:
        return result
    labels: dict[str, CiteItem] = {}
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
            refs.append(f"[^{label}]")
        kept = "^,^".join(refs) if refs else markdown[citation.start:citation.end]
        pieces += [markdown[cursor:citation.start], kept]
        cursor = citation.end
    pieces.append(markdown[cursor:])
    notes = "\n".join(f"[^{label}]: {_note_text(item, references[item.key])}" for label, item in labels.items())
    body = "".join(pieces).rstrip("\n")
    result.markdown = f"{body}\n\n## {heading}\n\n{REFERENCES_MARKER}\n\n{notes}\n"
    return result
