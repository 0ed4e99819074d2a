"""Changes to a page's HTML where the HTML5 parser (lexbor, as in `clinic.html_policy` and
`clinic.security`) says the elements are.

The parser decides which elements to change; only their start tags are rewritten in the text,
so the rest of the page stays byte for byte as Markdown and the templates wrote it (serializing
the parser's tree would rewrite entities, self-closing SVG tags and quoting all over the page).
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Text in which a '<' starts no element: comments, and the contents of raw-text elements.
# Possessive quantifiers (`*+`, `++`): a tag's text is read one way only, so nothing is tried
# twice; the end of a raw-text element is the first '</name>' after its start tag, as with '.*?'.
_NO_TAGS = re.compile(r"<!--.*?(?:-->|\Z)|<(script|style|textarea|title|xmp)\b(?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+>"
                      r"(?:[^<]++|<(?!/\1\s*>))*+(?:</\1\s*>|\Z)", re.S | re.I)
_REST_OF_TAG = re.compile(r"""(?:[^>"']|"[^"]*"|'[^']*')*>""")


def parse(html: str) -> LexborHTMLParser:
    return LexborHTMLParser(html)


# The last text asked about and its answer: the booking box asks twice about the same text
# (<h2>, then <p>). Kept for that very string object only, never for an equal text of another page.
_last_hidden: list = [None, ()]


def _hidden(html: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each comment and raw-text element in the text, in order."""
    if _last_hidden[0] is not html:
        _last_hidden[:] = [html, tuple(m.span() for m in _NO_TAGS.finditer(html))]
    return _last_hidden[1]


@lru_cache(maxsize=64)
def _tag_pattern(name: str) -> re.Pattern:
    return re.compile(rf"<{name}(?=[\s/>])(?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+>", re.I)


def _start_tags(html: str, name: str, containing: str = "") -> list[tuple[int, int]]:
    """(start, end) of each `<name ...>` in the text, in order, outside comments and raw text;
    with `containing`, only the tags whose text holds it."""
    hidden = _hidden(html)
    tags, position = [], 0
    for match in _tag_pattern(name).finditer(html):
        if containing not in match.group():
            continue
        start = match.start()
        while position < len(hidden) and hidden[position][1] <= start:
            position += 1
        if position < len(hidden) and hidden[position][0] <= start:
            continue
        tags.append((start, match.end()))
    return tags


def located(html: str, tree: LexborHTMLParser, name: str, attribute: str = "",
            containing: str = "") -> list[tuple[LexborNode, int, int]] | None:
    """Each `name` element of the parsed page with the (start, end) of its start tag in the text;
    with `attribute` and `containing`, only the elements whose attribute holds that text (the
    parser selects them, so a page with a thousand menu links wraps only the few that matter).
    None when the parser's elements and the text's tags do not pair one to one (misnested
    markup, or the text written with character references)."""
    if attribute:
        nodes = tree.css(f'{name}[{attribute}*="{containing}"]')
        tags = _start_tags(html, name, containing)
    else:
        nodes, tags = tree.css(name), _start_tags(html, name)
    if len(nodes) != len(tags):
        return None
    return [(node, start, end) for node, (start, end) in zip(nodes, tags)]


def start_tag(name: str, attributes: dict[str, str | None]) -> str:
    parts = [name] + [key if value is None else f'{key}="{escape(value)}"' for key, value in attributes.items()]
    return "<" + " ".join(parts) + ">"


def with_start_tags(html: str, changes: list[tuple[int, int, str]]) -> str:
    """`html` with each (start, end) span, start tags in text order, replaced by its new tag."""
    pieces, position = [], 0
    for start, end, tag in changes:
        pieces += [html[position:start], tag]
        position = end
    return "".join(pieces) + html[position:]
