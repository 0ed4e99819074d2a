"""A Content-Security-Policy for each built page, and safe external links.

GitHub Pages cannot send headers, so the policy travels in a <meta> tag. It allows the inline
scripts of the site's own templates by the SHA-256 hash of their text. Those hashes come from the
templates rendered without any page content (hooks/security.py), never from the finished page:
a script that arrived through content would otherwise be allowed too.
"""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from clinic.html_edits import located, parse, start_tag, with_start_tags

_DATA_TYPES = ("application/json", "application/ld+json")  # data blocks: never executed
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.I)
_OLD_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*')

BASE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],  # Material draws its icons as data: SVG in CSS
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "frame-src": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def inline_scripts(html: str, tree: LexborHTMLParser | None = None) -> list[str]:
    """The text of each inline script a browser would run, as its HTML parser reads it."""
    scripts = []
    for node in (tree or parse(html)).css("script"):
        kind = (node.attributes.get("type") or "").strip().lower()
        if "src" in node.attributes or kind in _DATA_TYPES:
            continue
        scripts.append(node.text(deep=True))
    return scripts


def loads_pagefind(html: str, tree: LexborHTMLParser | None = None) -> bool:
    """The search page's script says it loads Pagefind, which runs as WebAssembly: only that
    page's policy allows compiling WebAssembly ('wasm-unsafe-eval'; it allows no JavaScript eval)."""
    return "data-loads-pagefind" in html and bool((tree or parse(html)).css_first("script[data-loads-pagefind]"))


def script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def policy(hashes: list[str], allow_wasm: bool = False) -> str:
    rules = {name: list(values) for name, values in BASE_POLICY.items()}
    if allow_wasm:
        rules["script-src"].append("'wasm-unsafe-eval'")
    rules["script-src"] += sorted(set(hashes))
    return "; ".join(f"{name} {' '.join(values)}" for name, values in rules.items())


def with_csp(html: str, rules: str) -> str:
    """The page with `rules` as the first thing after the charset, replacing an older policy."""
    if "Content-Security-Policy" in html:  # a quick look before the pattern reads the whole page
        html = _OLD_POLICY.sub("", html)
    match = _CHARSET.search(html)
    if not match:
        return html
    tag = f'<meta http-equiv="Content-Security-Policy" content="{rules}">'
    return html[:match.end()] + "\n    " + tag + html[match.end():]


def is_external(href: str, site_host: str) -> bool:
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return False
    return bool(parts.netloc) and (parts.hostname or "").lower() != site_host.lower()


def with_safe_external_links(html: str, site_host: str, tree: LexborHTMLParser | None = None) -> str:
    """Links to other sites get rel="noopener noreferrer" (kept with any rel they already have)."""
    if "//" not in html:
        return html
    tree = tree or parse(html)
    # Only a link with '//' in its address can lead to another site.
    links = located(html, tree, "a", "href", "//")
    if links is None:
        links = located(html, tree, "a")
    if links is None:  # misnested links: the parser's own serialization, so none is missed
        for node in tree.css("a"):
            if is_external(node.attributes.get("href") or "", site_host):
                node.attrs["rel"] = _safe_rel(node)
        return tree.html if html.lstrip().lower().startswith("<!doctype") else tree.body.inner_html
    changes = []
    for node, start, end in links:
        if not is_external(node.attributes.get("href") or "", site_host):
            continue
        rel = _safe_rel(node)
        if rel != node.attributes.get("rel"):
            attributes = {key: value for key, value in node.attributes.items() if key != "rel"}
            changes.append((start, end, start_tag("a", {**attributes, "rel": rel})))
    return with_start_tags(html, changes)


def _safe_rel(node) -> str:
    words = (node.attributes.get("rel") or "").split()
    return " ".join(words + [w for w in ("noopener", "noreferrer") if w not in words])
