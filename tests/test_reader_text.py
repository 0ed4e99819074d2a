"""What a reader sees: the visible text of every built page holds no leftover Markdown,
template or hook syntax (a grouped citation once showed a literal '^,^' between its numbers)."""

from __future__ import annotations

import re

import pytest
from selectolax.lexbor import LexborHTMLParser

LEFTOVERS = {
    "a citation": r"\[@|@\w+\]",
    "a footnote reference": r"\[\^",
    "a stray caret": r"\^",
    "an admonition": r"!!!|\?\?\?",
    "attribute syntax": r"\{:",
    "a template expression": r"\{\{|\}\}|\{%|%\}",
    "an HTML comment": r"<!--|-->",
    "bold markers": r"\*\*",
    "a Markdown link": r"\]\(",
    "a double-escaped character": r"&(?:amp|lt|gt|quot|#\d+);",
    "a tag shown as text": r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?>",
    "a marker": r"figure:|clinic:",
}


def visible_text(html: str) -> str:
    tree = LexborHTMLParser(html)
    tree.strip_tags(["script", "style", "template", "noscript", "svg"])
    return tree.body.text(separator="\n") if tree.body else ""


def test_the_check_finds_what_it_looks_for():
    text = visible_text("<p>rules ³^,^⁴ and [@key] &amp;amp; <b>ok</b> &lt;em&gt;x</p>")
    found = {name for name, pattern in LEFTOVERS.items() if re.search(pattern, text)}
    assert {"a stray caret", "a citation", "a double-escaped character", "a tag shown as text"} <= found


def test_no_page_shows_leftover_syntax(site):
    problems = []
    for path in sorted(site.rglob("*.html")):
        text = visible_text(path.read_text(encoding="utf-8"))
        for name, pattern in LEFTOVERS.items():
            for match in re.finditer(pattern, text):
                start = max(0, match.start() - 40)
                problems.append(f"{path.relative_to(site)}: {name}: …{text[start:match.end() + 40]!r}…")
    assert not problems, "\n".join(problems[:30])
