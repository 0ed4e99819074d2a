"""Where the booking call-to-action goes on a page, and the link it carries.

The call-to-action is inserted into a page's finished HTML at section boundaries of the top
level only, so it can never land inside code, a list, a table or an admonition.
"""

from __future__ import annotations

import re
from html import unescape
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


# One tag, comment, doctype or processing instruction of the page's HTML. Attribute values may
# hold '>' inside quotes. (A regular expression, not html.parser: parsing every page with
# html.parser cost more than the rest of the hooks together on a 1,000-page build.)
_TOKEN = re.compile(r"""<!--.*?-->|<![^>]*>|<\?[^>]*>"""
                    r"""|<(?P<end>/?)(?P<name>[A-Za-z][A-Za-z0-9:-]*)(?P<attrs>(?:[^>"']+|"[^"]*"|'[^']*')*)>""", re.S)
_ID = re.compile(r"""(?:^|\s)id\s*=\s*(?:"(?P<q>[^"]*)"|'(?P<s>[^']*)'|(?P<u>[^\s"'>]+))""", re.I)
# Elements whose text is not HTML: a '<' inside them starts no tag.
_RAW_TEXT = ("script", "style")


def _top_level_h2(html: str) -> list[tuple[int, str]]:
    """(offset, id) of each <h2> that is not inside another element, in order."""
    if "<h2" not in html and "<H2" not in html:
        return []
    found, depth, position = [], 0, 0
    while True:
        match = _TOKEN.search(html, position)
        if not match:
            return found
        position = match.end()
        name = match["name"]
        if not name:
            continue  # a comment, doctype or processing instruction
        name = name.lower()
        if match["end"]:
            if name not in _VOID:
                depth = max(0, depth - 1)
            continue
        if match["attrs"].rstrip().endswith("/"):
            continue  # <tag/> opens nothing
        if depth == 0 and name == "h2":
            ident = _ID.search(match["attrs"])
            found.append((match.start(), unescape(next((v for v in ident.group("q", "s", "u") if v is not None), ""))
                          if ident else ""))
        if name in _RAW_TEXT:
            closing = re.compile(rf"</{name}\s*>", re.I).search(html, position)
            position = closing.start() if closing else len(html)
        if name not in _VOID:
            depth += 1


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
