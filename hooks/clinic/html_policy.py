"""What HTML a page's content may contain, checked with a real HTML5 parser (lexbor, through
selectolax) on the HTML that Markdown made, so it sees exactly what a browser will see.

Content is everything staff write: page text, figure captions, bibliography entries. It may use
what Markdown makes (paragraphs, lists, tables, links, local images, footnotes, admonitions) and
a short list of raw HTML that staff really need. Scripts, event handlers, frames, forms, styles,
`<meta>` and `<base>`, `javascript:` and `data:` addresses and media from other sites never reach
a reader: the build fails and says where.

Markup that the site's own hooks put into content (a figure's SVG drawing) carries the attribute
`data-clinic-trusted` with a value made afresh when the build starts, which content cannot know;
that element alone is skipped. Everything around it, the caption staff write included, is checked.

Nothing here imports MkDocs.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from clinic.citation_syntax import markup_only

# Made once per process: a value no page, figure file or bibliography entry can contain.
TRUSTED_MARK = secrets.token_hex(16)
TRUSTED_ATTRIBUTE = "data-clinic-trusted"

# What Markdown and the site's Markdown extensions make, plus the raw HTML staff may write.
ALLOWED_TAGS = frozenset("""
    p h1 h2 h3 h4 h5 h6 ul ol li dl dt dd a img em strong b i u s del ins code pre blockquote hr br
    table thead tbody tfoot tr th td caption colgroup col div span details summary abbr sup sub kbd
    mark small cite q time figure figcaption
""".split())
# Elements of the parsed document itself, and text and comments.
_STRUCTURE = frozenset({"html", "head", "body", "-text", "-comment"})
ALLOWED_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir", "role", "markdown", "align",
                                "colspan", "rowspan", "scope", "start", "reversed", "type", "value",
                                "href", "src", "alt", "width", "height", "loading", "datetime",
                                "open", "cite", "name", TRUSTED_ATTRIBUTE})
# Links may go to web pages, e-mail and phone; images only to this site's own files.
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_TABLE_ALIGN = re.compile(r"\s*text-align:\s*(left|right|center);?\s*", re.I)
_ID = re.compile(r"[A-Za-z_][\w:.-]*")
# What browsers drop from an address before reading it (so "java\tscript:" is still javascript:).
_URL_NOISE = re.compile(r"[\t\n\r]")

_WHY = {
    "script": "pages may not run scripts",
    "style": "the site's look comes from its stylesheets",
    "link": "the site's look comes from its stylesheets",
    "meta": "a <meta> tag in a page could send readers to another site",
    "base": "a <base> tag would change where every link on the page goes",
    "iframe": "pages may not show other sites inside them",
    "frame": "pages may not show other sites inside them",
    "object": "pages may not embed programs",
    "embed": "pages may not embed programs",
    "form": "a form could send what readers type to another site",
    "input": "a form could send what readers type to another site",
    "button": "a form could send what readers type to another site",
    "textarea": "a form could send what readers type to another site",
    "select": "a form could send what readers type to another site",
    "svg": "drawings come from data/figures/ (see CONTRIBUTING.md)",
}


@dataclass(frozen=True)
class Finding:
    """One thing content may not contain: what it is, how to fix it, and text to find it by."""
    what: str
    fix: str
    needles: tuple[str, ...]


def _clean_url(value: str) -> str:
    return _URL_NOISE.sub("", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                          "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")


def _scheme(url: str) -> str:
    try:
        return urlsplit(url).scheme.lower()
    except ValueError:
        return "invalid"


def _other_host(url: str, site_host: str) -> str:
    """The host `url` points to when it is not this site, else ''."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return "an address that cannot be read"
    return host if host and host.lower() != site_host.lower() else ""


def _local_file(url: str, scheme: str, site_host: str) -> bool:
    """Whether a browser would load `url` from this site. Browsers read '\\' as '/', and an
    address like 'https:host/x' as a host on a page of another scheme: neither is accepted."""
    if "\\" in url:
        return False
    if not scheme:
        return not url.startswith("//")
    if scheme not in ("http", "https") or not url[len(scheme) + 1:].startswith("//"):
        return False
    return not _other_host(url, site_host) and bool(site_host)


def _link_finding(tag: str, name: str, value: str, site_host: str) -> Finding | None:
    url = _clean_url(value)
    scheme = _scheme(url)
    needles = (value, f"{name}=")
    if tag == "img" or name == "src":
        if _local_file(url, scheme, site_host):
            return None
        if scheme == "data":
            return Finding("an image written into the page as a data: address",
                           "save the picture in docs/assets/images/ and link to the file", needles)
        where = _other_host(url, site_host) or url
        return Finding(f"an image from another site ({where})",
                       "save the picture in docs/assets/images/ and link to the file there; pictures "
                       "from other sites tell them who reads the page", needles)
    if scheme in ("", *LINK_SCHEMES):
        return None
    return Finding(f"a link to a '{scheme}:' address",
                   "link to a web page (https://...), an e-mail address (mailto:) or a phone number (tel:)",
                   needles)


def _attribute_finding(tag: str, name: str, value: str | None, site_host: str) -> Finding | None:
    name = name.lower()
    value = value or ""
    if name.startswith("on"):
        return Finding(f"an event-handler attribute '{name}' on <{tag}>", "remove it: pages may not run scripts",
                       (f"{name}=", name))
    if name == "style":
        if tag in ("th", "td") and _TABLE_ALIGN.fullmatch(value):
            return None  # what Markdown writes for a table column aligned with ':---:'
        return Finding(f"a style attribute on <{tag}>",
                       "remove it; the site's look comes from its stylesheets (ask a developer for a class)",
                       ("style=",))
    if name in ("href", "src"):
        return _link_finding(tag, name, value, site_host)
    if name == "id" and not _ID.fullmatch(value):
        return Finding(f"the id '{value}' on <{tag}>", "use only letters, digits, '-' and '_' in an id", (f'id="{value}"', value))
    if name.startswith(("aria-", "data-")) or name in ALLOWED_ATTRIBUTES:
        return None
    return Finding(f"the attribute '{name}' on <{tag}>", "remove it; it is not needed in a page",
                   (f"{name}=", name))


# Attributes that are always allowed whatever their value (the ones whose value is checked, and
# those never allowed, are not here), so most attributes are passed over without a closer look.
_ALWAYS_ALLOWED = ALLOWED_ATTRIBUTES - {"href", "src", "id", "style"}


def _tag_finding(tag: str) -> Finding:
    why = _WHY.get(tag, "it is not on the list of HTML that pages may use (see CONTRIBUTING.md)")
    return Finding(f"a <{tag}> element", f"remove it: {why}", (f"<{tag}",))


def _without_trusted(part) -> None:
    """Takes out of the parsed content the elements the site's hooks drew (and what they hold),
    which are not checked. Innermost first, so no element is taken out twice."""
    for node in reversed(part.css(f"[{TRUSTED_ATTRIBUTE}]")):
        if node.tag not in _STRUCTURE and node.attributes.get(TRUSTED_ATTRIBUTE) == TRUSTED_MARK:
            node.decompose()


def _walk(part, site_host: str, found: list[Finding]) -> None:
    """Checks what `part` holds (in page order, each element before what it holds)."""
    # The parser's own depth-first walk, less text nodes. `part` itself comes first and is no
    # element of the content; comments hold no markup and have no attributes.
    for node in part.traverse():
        tag = node.tag
        if tag in _STRUCTURE:
            continue
        if tag not in ALLOWED_TAGS:
            found.append(_tag_finding(tag))
            continue
        for name, value in node.attributes.items():
            if name in _ALWAYS_ALLOWED or value and (
                    # the commonest cases: a link within the page ('#...') or the site ('../...'),
                    # which have no scheme and no host, and an id that needs no closer look
                    name == "href" and tag != "img" and value[0] in "#." or name == "id" and _ID.fullmatch(value)):
                continue
            finding = _attribute_finding(tag, name, value, site_host)
            if finding:
                found.append(finding)


def content_findings(html: str, site_host: str = "") -> list[Finding]:
    """Everything in a page's content HTML that content may not contain, in page order."""
    if "<" not in html:
        return []
    tree = LexborHTMLParser(f"<body>{html}</body>")
    found: list[Finding] = []
    for part in (tree.head, tree.body):
        if part is not None:
            _without_trusted(part)
            _walk(part, site_host, found)
    return list(dict.fromkeys(found))


def without_trust_marks(html: str) -> str:
    """The content with the marks of the hooks' own markup taken out, once it has been checked."""
    return html.replace(f' {TRUSTED_ATTRIBUTE}="{TRUSTED_MARK}"', "")


def line_of(needles: tuple[str, ...], text: str) -> int | None:
    """The line of `text` where the first of `needles` that occurs in it first occurs."""
    lowered = text.lower()
    for needle in needles:
        if needle:
            index = lowered.find(needle.lower())
            if index >= 0:
                return lowered.count("\n", 0, index) + 1
    return None


class _Balance(HTMLParser):
    """Raw HTML tags in Markdown as the HTML tokenizer reads them, to find tags left open (which
    swallow the rest of the page) and closing tags with no opening one (which close the site's
    own layout around the content)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, int]] = []
        self.problems: list[tuple[int, str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID_ELEMENTS:
            self.open.append((tag, self.getpos()[0]))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        names = [name for name, _ in self.open]
        if tag in names:
            while self.open:
                name, line = self.open.pop()
                if name == tag:
                    break
                self.problems.append((line, f"the <{name}> tag is never closed", f"add </{name}> where it should end"))
        elif tag not in VOID_ELEMENTS:
            self.problems.append((self.getpos()[0], f"a closing </{tag}> tag that was never opened",
                                  f"remove </{tag}>, or add the <{tag}> it closes"))


VOID_ELEMENTS = frozenset("area base br col embed hr img input link meta source track wbr".split())


def unbalanced_tags(markdown: str) -> list[tuple[int, str, str]]:
    """(line, what, fix) for raw HTML tags in Markdown (code and links excluded) left open or
    closed without being opened."""
    if "<" not in markdown:
        return []
    checker = _Balance()
    checker.feed(markup_only(markdown))
    checker.close()
    checker.problems += [(line, f"the <{name}> tag is never closed", f"add </{name}> where it should end")
                         for name, line in checker.open]
    return sorted(checker.problems)
