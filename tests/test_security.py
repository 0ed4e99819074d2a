"""Content-Security-Policy and external links: unit tests and checks of the built site."""

from __future__ import annotations

import base64
import hashlib
import re

from bs4 import BeautifulSoup

from clinic.security import inline_scripts, is_external, loads_pagefind, policy, script_hash, with_csp, with_safe_external_links

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>t</title>
<script>var a = 1;</script><script type="application/ld+json">{"x": 1}</script>
<script id="__config" type="application/json">{}</script><script src="a.js"></script>
</head><body><a href="https://other.example.org/x">x</a><a href="/local">l</a>
<a href="https://site.example.org/p">same</a><a rel="external" href="//cdn.example.net/">c</a></body></html>"""


def sha(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_only_executable_inline_scripts_are_found():
    assert inline_scripts(PAGE) == ["var a = 1;"]
    assert script_hash("var a = 1;") == sha("var a = 1;")


def test_scripts_are_read_as_a_browser_reads_them():
    # Uppercase tags, attributes without quotes, a script inside an SVG: all run in a browser.
    html = '<SCRIPT type=text/javascript>one()</SCRIPT><svg><script>two()</script></svg><script type="module">three()</script>'
    assert inline_scripts(html) == ["one()", "two()", "three()"]


def test_policy_forbids_other_origins_plugins_and_base_changes():
    rules = policy([sha("var a = 1;")])
    assert "object-src 'none'" in rules and "base-uri 'self'" in rules and "frame-src 'none'" in rules
    assert f"script-src 'self' {sha('var a = 1;')}" in rules
    assert "unsafe-inline" not in rules and "http" not in rules


def test_only_a_page_that_loads_pagefind_may_compile_webassembly():
    assert not loads_pagefind(PAGE)
    search_page = PAGE.replace('<script src="a.js">', '<script src="../javascripts/search.js" data-loads-pagefind defer>')
    assert loads_pagefind(search_page)
    assert "script-src 'self' 'wasm-unsafe-eval';" in policy([], allow_wasm=True)
    # The words in a page's text are not a script that loads Pagefind.
    assert not loads_pagefind(PAGE.replace("<a href=\"/local\">l</a>", "<p>data-loads-pagefind</p>"))


def test_policy_comes_right_after_the_charset_and_is_replaced_not_repeated():
    once = with_csp(PAGE, policy([]))
    assert re.search(r'<meta charset="utf-8">\s*<meta http-equiv="Content-Security-Policy"', once)
    assert with_csp(once, policy([])).count("Content-Security-Policy") == 1


def test_external_links_get_noopener_noreferrer():
    html = with_safe_external_links(PAGE, "site.example.org")
    assert '<a href="https://other.example.org/x" rel="noopener noreferrer">' in html
    assert '<a href="/local">' in html and '<a href="https://site.example.org/p">' in html
    assert 'rel="external noopener noreferrer"' in html
    assert with_safe_external_links(html, "site.example.org") == html
    assert is_external("//cdn.example.net/", "site.example.org") and not is_external("#top", "x")


def test_every_built_page_has_a_policy_that_matches_its_scripts(site):
    pages = list(site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        meta = BeautifulSoup(html, "html.parser").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, path
        for script in inline_scripts(html):
            assert script_hash(script) in meta["content"], path


def test_every_external_link_is_noopener_noreferrer(site):
    for path in site.rglob("*.html"):
        for a in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find_all("a", href=True):
            if is_external(a["href"], "alban-acupuncture.example.org"):
                assert {"noopener", "noreferrer"} <= set(a.get("rel", [])), (path, a["href"])


def test_referrer_policy_sends_other_sites_the_origin_only(site):
    html = BeautifulSoup((site / "index.html").read_text(), "html.parser")
    assert html.find("meta", attrs={"name": "referrer"})["content"] == "strict-origin-when-cross-origin"
