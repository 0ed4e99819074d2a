"""MkDocs hook: after the build, every HTML file gets its Content-Security-Policy (with hashes
of its own inline scripts) and rel="noopener noreferrer" on links to other sites.

Runs on the written files, not on page events, so it also covers the 404 page and the
redirect pages that plugins write, and hashes exactly the HTML a browser will receive.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from clinic.security import with_csp, with_safe_external_links


def on_post_build(config):
    host = urlsplit(config.site_url or "").hostname or ""
    for path in Path(config.site_dir).rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        path.write_text(with_csp(with_safe_external_links(html, host)), encoding="utf-8")
