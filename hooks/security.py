"""MkDocs hook: every built page gets a Content-Security-Policy that allows exactly the inline
scripts of the site's own templates, and rel="noopener noreferrer" on links to other sites.

The allowed scripts are found by rendering each page's template once more with the page's
content, headings and front matter taken out (once per template and folder depth: Material's
first script holds the page's relative base address). A page whose finished HTML holds any
other inline script fails the build. Under `mkdocs serve` pages get no policy: the server adds
its live-reload script to every page it sends, with values that change per request.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs_redirects.plugin import get_html_path

from clinic.messages import content_problem
from clinic.html_edits import parse
from clinic.security import inline_scripts, loads_pagefind, policy, script_hash, with_csp, with_safe_external_links


class _WithoutContent:
    """A page as its template sees it, less everything its author wrote."""
    def __init__(self, page):
        self._page = page
        self.content, self.toc, self.meta = "", [], {}

    def __getattr__(self, name):
        return getattr(self._page, name)


@dataclass
class _BuildState:
    env: object                 # the theme's Jinja environment
    # Every page's file, built now or (in a --dirty build) kept from the last build.
    page_files: set[str]
    trusted: dict = field(default_factory=dict)     # (template, base_url) -> hashes of its own scripts
    page_keys: dict = field(default_factory=dict)   # page's source path -> its (template, base_url)


# The command MkDocs runs is known once per process; everything else once per build.
_command = "build"
_build: _BuildState | None = None


def on_startup(command, dirty):
    global _command
    _command = command


def on_env(env, config, files):
    global _build
    _build = _BuildState(env, {os.path.normpath(os.path.join(config.site_dir, f.dest_uri))
                               for f in files.documentation_pages()})
    return env


def on_page_context(context, page, config, nav):
    key = (page.meta.get("template") or "main.html", context["base_url"])
    if key not in _build.trusted:
        without = _build.env.get_template(key[0]).render({**context, "page": _WithoutContent(page)})
        _build.trusted[key] = {script_hash(script) for script in inline_scripts(without)}
    _build.page_keys[page.file.src_uri] = key
    return context


def _secured(html: str, tree, allowed: set[str], site_host: str) -> str:
    """The page with safe outside links and its policy; `tree` is `html` parsed once."""
    wasm = loads_pagefind(html, tree)
    html = with_safe_external_links(html, site_host, tree)
    if _command != "build":
        return html
    # A regular expression places the <meta> in the finished file: the parser's serialization
    # would rewrite the page the policy's hashes were computed for.
    return with_csp(html, policy(sorted(allowed), allow_wasm=wasm))


def _host(config) -> str:
    return urlsplit(config.site_url or "").hostname or ""


@event_priority(-100)  # last: after every other hook has changed the page
def on_post_page(output, page, config):
    allowed = _build.trusted[_build.page_keys[page.file.src_uri]]
    tree = parse(output)
    foreign = [script for script in inline_scripts(output, tree) if script_hash(script) not in allowed]
    if foreign:
        path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        raise PluginError(content_problem(
            path, None, f"the page holds a script that is not the site's own ({foreign[0][:60]!r})",
            "look for '<script' or a value with '<' or quotes in its front matter and text, and remove it"))
    return _secured(output, tree, allowed, _host(config))


@event_priority(-100)
def on_post_template(output_content, template_name, config):
    # Theme pages with no content of their own (404.html): every script in them is the template's.
    if not template_name.endswith(".html"):
        return output_content
    tree = parse(output_content)
    return _secured(output_content, tree, {script_hash(s) for s in inline_scripts(output_content, tree)}, _host(config))


@event_priority(-100)
def on_post_build(config):
    # The pages plugins write (mkdocs-redirects' old addresses, whose targets the build has
    # checked to be pages of this site) get the same treatment.
    site = Path(config.site_dir)
    redirects = {os.path.normpath(site / get_html_path(old, config.use_directory_urls))
                 for old in _redirect_map(config)}
    for path in site.rglob("*.html"):
        key = os.path.normpath(path)
        if key in _build.page_files or path == site / "404.html":
            continue
        html = path.read_text(encoding="utf-8")
        tree = parse(html)
        scripts = inline_scripts(html, tree)
        if scripts and key not in redirects:
            raise PluginError(f"{path.relative_to(site).as_posix()}: a page written by a plugin holds an inline "
                              "script — only the redirects plugin's pages may; check the plugins in mkdocs.yml")
        path.write_text(_secured(html, tree, {script_hash(s) for s in scripts}, _host(config)), encoding="utf-8")


def _redirect_map(config) -> dict:
    plugin = config.plugins.get("redirects")
    return dict(plugin.config.get("redirect_maps") or {}) if plugin else {}
