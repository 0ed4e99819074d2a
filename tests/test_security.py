"""Content-Security-Policy and external links: unit tests and checks of the built site."""

from __future__ import annotations

import base64
import hashlib
import re

from bs4 import BeautifulSoup

from clinic.security import inline_script_hashes, is_external, policy_for, with_csp, with_safe_external_links

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>t</title>
<script>var a = 1;</script><script type="application/ld+json">{"x": 1}</script>
<script id="__config" type="application/json">{}</script><script src="a.js"></script>
</head><body><a href="https://other.example.org/x">x</a><a href="/local">l</a>
<a href="https://site.example.org/p">same</a><a rel="external" href="//cdn.example.net/">c</a></body></html>"""


def sha(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_only_executable_inline_scripts_are_hashed():
    assert inline_script_hashes(PAGE) == [sha("var a = 1;")]


def test_policy_forbids_other_origins_plugins_and_base_changes():
    policy = policy_for(PAGE)
    assert "object-src 'none'" in policy and "base-uri 'self'" in policy
    assert f"script-src 'self' {sha('var a = 1;')}" in policy
    assert "unsafe-inline" not in policy and "http" not in policy


def test_only_a_page_that_loads_pagefind_may_compile_webassembly():
    assert "wasm" not in policy_for(PAGE)
    search_page = PAGE.replace('<script src="a.js">', '<script src="../javascripts/search.js" data-loads-pagefind defer>')
    policy = policy_for(search_page)
    assert f"script-src 'self' 'wasm-unsafe-eval' {sha('var a = 1;')};" in policy
    assert "'unsafe-eval'" not in policy and "unsafe-inline" not in policy
    # The words in a page's text are not a script that loads Pagefind.
    assert "wasm" not in policy_for(PAGE.replace("<a href=\"/local\">l</a>", "<p>data-loads-pagefind</p>"))


def test_policy_comes_right_after_the_charset_and_is_replaced_not_repeated():
    once = with_csp(PAGE)
    assert re.search(r'<meta charset="utf-8">\s*<meta http-equiv="Content-Security-Policy"', once)
    assert with_csp(once).count("Content-Security-Policy") == 1


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
        for digest in inline_script_hashes(html):
            assert digest in meta["content"], path


def test_every_external_link_is_noopener_noreferrer(site):
    for path in site.rglob("*.html"):
        for a in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find_all("a", href=True):
            if is_external(a["href"], "alban-acupuncture.example.org"):
                assert {"noopener", "noreferrer"} <= set(a.get("rel", [])), (path, a["href"])


def test_referrer_policy_sends_other_sites_the_origin_only(site):
    html = BeautifulSoup((site / "index.html").read_text(), "html.parser")
    assert html.find("meta", attrs={"name": "referrer"})["content"] == "strict-origin-when-cross-origin"
