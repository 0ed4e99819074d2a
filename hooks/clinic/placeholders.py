"""Placeholders that must not go live: fictional phone numbers, example.org addresses, values in
square brackets such as "[Street address]" or "[price]", and anything marked "placeholder".

Read from the files staff edit (mkdocs.yml without its comments, each page's front matter,
CODEOWNERS), so each one is reported with its file and line. Nothing here imports MkDocs.
"""

from __future__ import annotations

import re

PATTERNS = [
    (re.compile(r"\+?1?[\s.(-]*\d{3}[\s.)-]*555[\s.-]*01\d\d\b"), "a fictional 555-01xx phone number"),
    (re.compile(r"\b[\w.-]*example\.(?:org|com|net)\b", re.I), "an example.org address"),
    (re.compile(r"[\"']\[[A-Za-z][A-Za-z .]*\][^\"'\n]*[\"']"), "a value in square brackets"),
    (re.compile(r"[\w/.-]*\bexample-org\b[\w/.-]*", re.I), "a placeholder GitHub account"),
    (re.compile(r"[^:]*\bplaceholder\b.*", re.I), "a value marked as a placeholder"),
]


def _without_comment(line: str) -> str:
    """A YAML or CODEOWNERS line without its comment (a '#' after a space, outside quotes)."""
    quote = None
    for index, char in enumerate(line):
        if char in "\"'" and quote in (None, char):
            quote = None if quote else char
        elif char == "#" and quote is None and (index == 0 or line[index - 1] in " \t"):
            return line[:index]
    return line


def placeholders(text: str, path: str, only_front_matter: bool = False) -> list[tuple[str, int, str, str]]:
    """(path, line, what, the text found) for each placeholder in `text`."""
    lines = text.split("\n")
    if only_front_matter:
        if not lines or lines[0].strip() != "---":
            return []
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), 0)
        lines = lines[:end]
    found = []
    for number, line in enumerate(lines, start=1):
        line = _without_comment(line)
        for pattern, what in PATTERNS:
            for match in pattern.finditer(line):
                found.append((path, number, what, match.group(0).strip()))
                break
    return found
