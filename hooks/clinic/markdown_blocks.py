"""Which lines of a page's Markdown are code (fenced or indented, also inside list items and
admonitions): the one detector every check and transform uses, so none of them reads a citation,
a marker or a link inside an example."""

from __future__ import annotations

import re
from functools import lru_cache

_FENCE_OPEN = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^(?P<indent> *)(?P<marker>[-*+]|[0-9]{1,9}[.)])(?P<gap> {1,4}|$)")
_BLOCK_CONTAINER = re.compile(r"^(?P<indent> *)(?:!!!|\?\?\?\+?)\s")  # admonitions, details


def code_lines(lines: list[str]) -> list[bool]:
    """Which lines are code (fenced or indented), where nothing may change."""
    return list(_code_lines(tuple(lines)))


# Several checks and transforms ask about the same page text in one build: answer each once.
@lru_cache(maxsize=256)
def _code_lines(lines: tuple[str, ...]) -> tuple[bool, ...]:
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
    return tuple(protected)
