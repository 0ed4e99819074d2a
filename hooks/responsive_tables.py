"""MkDocs hook: labels each table cell with its column heading (see `clinic.tables`), so the
stylesheet can stack tables on phones instead of making readers scroll them sideways."""

from mkdocs.plugins import event_priority

from clinic.tables import label_table_cells


@event_priority(50)  # after content_policy.py has checked what staff wrote
def on_page_content(html, page, config, files):
    return label_table_cells(html)
