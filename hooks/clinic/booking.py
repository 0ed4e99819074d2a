"""Where the booking call-to-action goes on a page, and the link it carries.

The call-to-action is inserted into a page's finished HTML at section boundaries of the top
level only, so it can never land inside code, a list, a table or an admonition.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MARKER = "data-booking-cta"
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
PAGE_OPTIONS = {"heading", "text"}


def booking_link(url: str, placement: str, source: str = "website") -> str:
    """The booking URL with UTM parameters naming only the placement: never the page or its
    topic, which could tell the booking vendor about a reader's health."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if not k.startswith("utm_")]
    query += [("utm_source", source), ("utm_medium", "cta"), ("utm_content", placement)]
    return urlunsplit(parts._replace(query=urlencode(query)))


class _TopLevelHeadings(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.found: list[tuple[tuple[int, int], str]] = []  # ((line, column), id)

    def handle_starttag(self, tag, attrs):
        if self.depth == 0 and tag == "h2":
            self.found.append((self.getpos(), dict(attrs).get("id") or ""))
        if tag not in _VOID:
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag not in _VOID:
            self.depth = max(0, self.depth - 1)


def _top_level_h2(html: str) -> list[tuple[int, str]]:
    parser = _TopLevelHeadings()
    parser.feed(html)
    parser.close()
    line_starts = [0]
    for index, char in enumerate(html):
        if char == "\n":
            line_starts.append(index + 1)
    return [(line_starts[line - 1] + column, ident) for (line, column), ident in parser.found]


def insert_ctas(html: str, after_intro: str, at_end: str, references_id: str = "references") -> str:
    """`after_intro` before the first top-level section heading (after the introduction) and
    `at_end` after the last section, before the references. Running it twice adds nothing."""
    if MARKER in html:
        return html
    headings = _top_level_h2(html)
    end = next((offset for offset, ident in headings if ident == references_id), len(html))
    sections = [offset for offset, ident in headings if offset < end]
    pieces = [html[:end].rstrip("\n"), "\n", at_end, "\n", html[end:]]
    if sections and html[:sections[0]].count("<p") >= 1:
        first = sections[0]
        pieces[0:1] = [html[:first], after_intro, "\n", html[first:end].rstrip("\n")]
    return "".join(pieces)


def page_options(value: object) -> dict | None:
    """The page's `booking_cta` front matter: None to show no call-to-action, else the
    overrides. Raises ValueError saying what is wrong."""
    if value is None or value is True:
        return {}
    if value is False:
        return None
    if isinstance(value, dict):
        unknown = sorted(set(value) - PAGE_OPTIONS)
        if unknown:
            raise ValueError(f"booking_cta has unknown setting '{unknown[0]}' — use only "
                             + " and ".join(sorted(PAGE_OPTIONS)) + ", or 'booking_cta: false'")
        for key, text in value.items():
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"booking_cta {key} must be some text — write it in quotes, or remove it")
        return dict(value)
    raise ValueError(f"booking_cta is '{value}' — write 'booking_cta: false' to turn the booking "
                     "box off, or give a heading and text")
