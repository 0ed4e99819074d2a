"""MkDocs hook: writes robots.txt next to the sitemap, pointing at it.

Generated rather than kept in docs/ so the address can never disagree with `site_url`.
"""

from pathlib import Path

from clinic.languages import language_build
from clinic.robots import robots_txt


def on_post_build(config):
    if language_build(config.plugins).nested:
        return
    Path(config.site_dir, "robots.txt").write_text(robots_txt(config.site_url), encoding="utf-8")
