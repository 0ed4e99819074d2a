"""Tables that still read well on a phone: each data cell is labelled with its column heading,
so narrow screens can show the table as a stack of labelled rows instead of scrolling sideways."""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from clinic.html_edits import located, parse, start_tag, with_start_tags


def _nearest_table(cell: LexborNode) -> LexborNode | None:
    node = cell.parent
    while node is not None and node.tag != "table":
        node = node.parent
    return node


def _labels(table: LexborNode) -> list[str]:
    """The column headings of a table Markdown made (a plain <table> with a <thead>)."""
    if table.attributes:
        return []
    return [" ".join(th.text(deep=True).split()) for th in table.css("thead th")]


def label_table_cells(html: str) -> str:
    """Each data cell of a Markdown table gets data-label="<its column heading>"."""
    if "<table" not in html:
        return html
    cells = located(html, parse(html), "td")
    if not cells:
        return html
    labels: dict[int, list[str]] = {}
    changes = []
    for cell, start, end in cells:
        table = _nearest_table(cell)
        if table is None or "data-label" in cell.attributes:
            continue
        if table.mem_id not in labels:
            labels[table.mem_id] = _labels(table)
        headings = labels[table.mem_id]
        if not headings:
            continue
        column = [c.mem_id for c in cell.parent.iter() if c.tag == "td"].index(cell.mem_id)
        label = headings[column] if column < len(headings) else ""
        changes.append((start, end, start_tag("td", {"data-label": label, **cell.attributes})))
    return with_start_tags(html, changes)
