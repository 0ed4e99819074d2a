"""Where the booking call-to-action goes on a page, and the link it carries.

The call-to-action is inserted into a page's HTML at section boundaries of the top level only,
as the HTML5 parser reads the page, so it can never land inside code, a list, a table or an
admonition.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser

from clinic.html_edits import located, parse

MARKER = "data-booking-cta"
PAGE_OPTIONS = {"heading", "text"}


def booking_link(url: str, placement: str, source: str = "website") -> str:
    """The booking URL with UTM parameters naming only the placement: never the page or its
    topic, which could tell the booking vendor about a reader's health."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if not k.startswith("utm_")]
    query += [("utm_source", source), ("utm_medium", "cta"), ("utm_content", placement)]
    return urlunsplit(parts._replace(query=urlencode(query)))


def top_level_sections(html: str, tree: LexborHTMLParser | None = None) -> list[tuple[int, str]]:
    """(offset, id) of each <h2> that the HTML5 parser puts at the top level of the content (not
    inside a list, table, admonition or other element), in order."""
    if "<h2" not in html and "<H2" not in html:
        return []
    headings = located(html, tree or parse(html), "h2") or []
    return [(start, node.attributes.get("id") or "") for node, start, _ in headings if node.parent.tag == "body"]


def _has_paragraph_before(html: str, tree: LexborHTMLParser, offset: int) -> bool:
    """Whether a <p> element (not <pre>, not an SVG <path>) starts before `offset`."""
    return any(start < offset for _, start, _ in located(html, tree, "p") or [])


def insert_ctas(html: str, after_intro: str, at_end: str, references_id: str = "references") -> str:
    """`after_intro` before the first top-level section heading (after the introduction) and
    `at_end` after the last section, before the references. Running it twice adds nothing."""
    if MARKER in html:
        return html
    tree = parse(html)
    headings = top_level_sections(html, tree)
    end = next((offset for offset, ident in headings if ident == references_id), len(html))
    sections = [offset for offset, ident in headings if offset < end]
    pieces = [html[:end].rstrip("\n"), "\n", at_end, "\n", html[end:]]
    if sections and _has_paragraph_before(html, tree, sections[0]):
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
