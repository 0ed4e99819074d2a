"""Marker lines in a page, `<!-- <word>: <name> -->` alone on a line (figures, shared clinic
text), found outside code and replaced line by line. Nothing here imports MkDocs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from clinic.markdown_blocks import code_lines


@dataclass(frozen=True)
class Marker:
    line: int   # 1-based, in the text given
    name: str


def find_markers(markdown: str, word: str) -> tuple[list[Marker], list[tuple[int, str]]]:
    """The markers alone on their line, and (line, text) of those that share a line with other text."""
    if "<!--" not in markdown:
        return [], []  # most pages have no marker: skip the line-by-line reading
    alone = re.compile(rf"^ {{0,3}}<!--\s*{word}:\s*(?P<name>\S*?)\s*-->[ \t]*$")
    loose = re.compile(rf"<!--\s*{word}\s*:")
    lines = markdown.split("\n")
    placed, misplaced = [], []
    for number, (line, code) in enumerate(zip(lines, code_lines(lines)), start=1):
        if code or not loose.search(line):
            continue
        match = alone.match(line)
        if match:
            placed.append(Marker(number, match["name"]))
        else:
            misplaced.append((number, line.strip()))
    return placed, misplaced


def replace_lines(markdown: str, replacements: dict[int, str]) -> tuple[str, list[tuple[int, int, int]]]:
    """`markdown` with each numbered line replaced by a block of its own, and where each block
    now sits: (its first line, its number of lines, the line it replaced), for `original_line`."""
    lines = markdown.split("\n")
    insertions, shift = [], 0
    for number in sorted(replacements):
        block = "\n" + replacements[number].strip("\n") + "\n"
        lines[number - 1] = block
        length = block.count("\n") + 1
        insertions.append((number + shift, length, number))
        shift += length - 1
    return "\n".join(lines), insertions


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


def as_markdown_text(value: object) -> str:
    """A value printed into Markdown so it shows as typed: Markdown's punctuation escaped with a
    backslash, '&' and '<' written as entities."""
    text = str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
