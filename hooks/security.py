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
from mkdocs_redirects.plugin import HTML_TEMPLATE, get_html_path, get_relative_html_path

from clinic.languages import AFTER_I18N_PLUGIN, language_build
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
    trusted: dict = field(default_factory=dict)     # (template, base_url) -> hashes of its own scripts
    page_keys: dict = field(default_factory=dict)   # page's source path -> its (template, base_url)


@dataclass
class _SiteState:
    """What every language's build adds to, for the pass over the whole site after the last one."""
    # Every page's file, built now or (in a --dirty build) kept from the last build.
    page_files: set[str] = field(default_factory=set)
    page_urls: dict = field(default_factory=dict)   # page's source path -> its address, for redirects


# The command MkDocs runs is known once per process; everything else once per build.
_command = "build"
_build: _BuildState | None = None
_site: _SiteState | None = None


def on_startup(command, dirty):
    global _command
    _command = command


def on_env(env, config, files):
    global _build, _site
    if _site is None or not language_build(config.plugins).nested:
        _site = _SiteState()
    _build = _BuildState(env)
    _site.page_files |= {os.path.normpath(os.path.join(config.site_dir, f.dest_uri)) for f in files.documentation_pages()}
    _site.page_urls.update({f.src_uri: f.url for f in files.documentation_pages()})
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


@event_priority(AFTER_I18N_PLUGIN - 10)  # last, once, when every language's pages are written
def on_post_build(config):
    if language_build(config.plugins).nested:
        return
    # The pages plugins write (mkdocs-redirects' old addresses, whose targets the build has
    # checked to be pages of this site) get the same treatment.
    site = Path(config.site_dir)
    # A redirect page may run only the script the redirects plugin writes for its checked target.
    redirects = {os.path.normpath(site / get_html_path(old, config.use_directory_urls)): {
        script_hash(s) for s in inline_scripts(HTML_TEMPLATE.format(url=_redirect_url(old, new, config)))}
        for old, new in _redirect_map(config).items()}
    for path in site.rglob("*.html"):
        key = os.path.normpath(path)
        if key in _site.page_files or path == site / "404.html":
            continue
        html = path.read_text(encoding="utf-8")
        tree = parse(html)
        allowed = redirects.get(key, set())
        if any(script_hash(script) not in allowed for script in inline_scripts(html, tree)):
            raise PluginError(f"{path.relative_to(site).as_posix()}: a page written by a plugin holds a script that "
                              "is not the redirects plugin's own — check redirect_maps and the plugins in mkdocs.yml")
        path.write_text(_secured(html, tree, allowed, _host(config)), encoding="utf-8")


def _redirect_url(old: str, new: str, config) -> str:
    """The address mkdocs-redirects writes into the page for `old` (its target, checked by
    hooks/redirect_checks.py to be a page and heading of this site)."""
    page, hash_mark, heading = str(new).partition("#")
    url = _site.page_urls.get(page, page) + hash_mark + heading
    return get_relative_html_path(old, url, config.use_directory_urls)


def _redirect_map(config) -> dict:
    plugin = config.plugins.get("redirects")
    return dict(plugin.config.get("redirect_maps") or {}) if plugin else {}
