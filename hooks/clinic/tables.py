"""Tables that still read well on a phone: each data cell is labelled with its column heading,
so narrow screens can show the table as a stack of labelled rows instead of scrolling sideways."""

from __future__ import annotations

import re
from html import escape, unescape

_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_HEADING = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL_START = re.compile(r"<td\b(?![^>]*data-label)")
_TAGS = re.compile(r"<[^>]+>")


def _label_table(match: re.Match) -> str:
    table = match.group(1)
    head, _, body = table.partition("</thead>")
    labels = [" ".join(unescape(_TAGS.sub("", h)).split()) for h in _HEADING.findall(head)]
    if not body or not labels:
        return match.group(0)

    def label_row(row: re.Match) -> str:
        cells = iter(labels)
        return "<tr>" + _CELL_START.sub(lambda m: f'<td data-label="{escape(next(cells, ""))}"', row.group(1)) + "</tr>"

    return "<table>" + head + "</thead>" + _ROW.sub(label_row, body) + "</table>"


def label_table_cells(html: str) -> str:
    return _TABLE.sub(_label_table, html)
