"""A Content-Security-Policy for each built page, and safe external links.

GitHub Pages cannot send headers, so the policy travels in a <meta> tag. Inline scripts are
allowed by the SHA-256 hash of their exact text, computed on the finished HTML, so a script
injected through content would not run.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_DATA_TYPES = ("application/json", "application/ld+json")  # data blocks: never executed
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.I)
_ANCHOR = re.compile(r"<a\b(?P<attrs>[^>]*)>", re.I)
_HREF = re.compile(r"""\shref=(["'])(?P<href>[^"']*)\1""", re.I)
_REL = re.compile(r"""\srel=(["'])(?P<rel>[^"']*)\1""", re.I)
# The search page's script says it loads Pagefind, which runs as WebAssembly: only that page's
# policy allows compiling WebAssembly ('wasm-unsafe-eval'; it allows no JavaScript eval).
_LOADS_WASM = re.compile(r"<script\b[^>]*\sdata-loads-pagefind[\s>=]", re.I)

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


def inline_script_hashes(html: str) -> list[str]:
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match["attrs"] or ""
        if re.search(r"\ssrc=", attrs, re.I):
            continue
        kind = re.search(r"""\stype=(["']?)([^"'\s>]+)\1""", attrs, re.I)
        if kind and kind.group(2).lower() in _DATA_TYPES:
            continue
        digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return list(dict.fromkeys(hashes))


def policy_for(html: str) -> str:
    policy = {name: list(values) for name, values in BASE_POLICY.items()}
    if _LOADS_WASM.search(html):
        policy["script-src"].append("'wasm-unsafe-eval'")
    policy["script-src"] += inline_script_hashes(html)
    return "; ".join(f"{name} {' '.join(values)}" for name, values in policy.items())


def with_csp(html: str) -> str:
    """The page with its policy as the first thing after the charset, replacing an older one."""
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', "", html)
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    match = _CHARSET.search(html)
    if not match:
        return html
    return html[:match.end()] + "\n    " + tag + html[match.end():]


def is_external(href: str, site_host: str) -> bool:
    match = re.match(r"^(?:https?:)?//([^/:?#]+)", href, re.I)
    return bool(match) and match.group(1).lower() != site_host.lower()


def with_safe_external_links(html: str, site_host: str) -> str:
    """Links to other sites get rel="noopener noreferrer" (kept with any rel they already have)."""
    def fix(match: re.Match) -> str:
        attrs = match["attrs"]
        href = _HREF.search(attrs)
        if not href or not is_external(href["href"], site_host):
            return match.group(0)
        rel = _REL.search(attrs)
        words = (rel["rel"].split() if rel else [])
        words += [w for w in ("noopener", "noreferrer") if w not in words]
        attrs = _REL.sub("", attrs) + f' rel="{" ".join(words)}"'
        return f"<a{attrs}>"
    return _ANCHOR.sub(fix, html)
