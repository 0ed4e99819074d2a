"""The prose of a Markdown page, as a reader hears it: no front matter, code, citations, link
targets, markup or tables. Used to measure reading level."""

from __future__ import annotations

import re

from clinic.front_matter import body
from clinic.markdown_blocks import code_lines


def prose(markdown: str) -> str:
    lines = body(markdown).split("\n")
    kept = [line for line, code in zip(lines, code_lines(lines)) if not code]
    text = "\n".join(line for line in kept if not line.lstrip().startswith(("|", "<", "!!!", "???")))
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"\[[^\]]*@[^\]]*\]", "", text)                 # citations
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)        # links and images: keep the words
    text = re.sub(r"^\s*(#+|[-*+]|\d+\.)\s+", "", text, flags=re.M)
    text = re.sub(r"[*_`>]", "", text)
    # A heading or list item without a full stop would run into the next sentence.
    return re.sub(r"([^.!?:;])\n", r"\1.\n", text)
