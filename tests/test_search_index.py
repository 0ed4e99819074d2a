"""Search with Pagefind (issue #6): unit tests of the indexing functions, and checks of the built
site: what is indexed, which page loads the search, and that no other page does."""

from __future__ import annotations

import gzip
import json
import re
import sys

from bs4 import BeautifulSoup

from clinic.search_index import BUNDLE_DIR, UNUSED_FILES, indexed_pages, indexing_problems, pagefind_command
from conftest import ROOT, built_path, nav_files

REPORT = """
Running Pagefind v1.5.2
[Building search indexes]
Total:
  Indexed 1 language
  Indexed 14 pages
  Indexed 1904 words
"""
NO_BODY = "Did not find a data-pagefind-body element on the site.\n↳ Indexing all <body> elements on the site.\n"


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def fragments(site) -> dict[str, dict]:
    """Pagefind's stored text of each indexed page, by its address."""
    found = {}
    for path in (site / BUNDLE_DIR / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        record = json.loads(data[data.index(b"{"):])
        found[record["url"]] = record
    return found


def test_command_indexes_the_site_with_the_installed_pagefind():
    command = pagefind_command("/venv/bin/python", "/tmp/site")
    assert command[:3] == ["/venv/bin/python", "-m", "pagefind"]
    assert command[command.index("--site") + 1] == "/tmp/site"
    assert command[command.index("--output-subdir") + 1] == BUNDLE_DIR
    assert "div.footnote" in command[command.index("--exclude-selectors") + 1]


def test_a_clean_report_has_no_problems():
    assert indexed_pages(REPORT) == 14
    assert indexing_problems(REPORT, 0) == []


def test_problems_say_what_went_wrong_and_what_to_do():
    [missing] = indexing_problems("/venv/bin/python: No module named pagefind\n", 1)
    assert missing.startswith("search: Pagefind is not installed — run 'bash scripts/setup.sh'")
    [failed] = indexing_problems("Error: Pagefind was not able to build an index.\nMost likely...", 1)
    assert "(Error: Pagefind was not able to build an index.)" in failed and " — " in failed
    [no_body] = indexing_problems(NO_BODY + REPORT, 0)
    assert "data-pagefind-body" in no_body and "overrides/main.html" in no_body
    assert any("indexed no pages" in p for p in indexing_problems(REPORT.replace("14 pages", "0 pages"), 0))
    assert indexed_pages("nothing here") is None


def test_pagefind_is_pinned_and_installed():
    requirements = (ROOT / "requirements.txt").read_text()
    assert re.search(r"^pagefind\[(bin|extended)\]==1\.\d+\.\d+$", requirements, re.M)
    import subprocess
    result = subprocess.run([sys.executable, "-m", "pagefind", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("pagefind 1."), result.stdout + result.stderr


def test_material_search_is_gone(site, config):
    assert "search" not in [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]]
    assert "search.highlight" not in config["theme"]["features"]
    assert not (site / "search" / "search_index.json").exists()
    hooks = config["hooks"]
    assert hooks.index("hooks/search_index.py") < hooks.index("hooks/security.py")


def test_every_nav_page_is_indexed_by_its_article_only(site, config):
    indexed = fragments(site)
    for src in nav_files(config["nav"]):
        html = soup(built_path(site, src))
        article = html.select_one("article")
        assert article.has_attr("data-pagefind-body"), src
        assert len(html.select("[data-pagefind-body]")) == 1, src
        url = "/" + built_path(site, src).parent.relative_to(site).as_posix().strip(".") + "/"
        url = url.replace("//", "/")
        assert url in indexed, (src, sorted(indexed))
        title = indexed[url]["meta"]["title"]
        assert title == article.h1.get_text().replace("¶", "").strip(), (src, title)
    spanish = nav_files(spanish_nav(config))
    for src in spanish:
        assert "/es/" + built_path(site, src[:-3] + ".es.md").parent.relative_to(site / "es").as_posix().strip(".") \
            .rstrip("/") + "/" in {u.replace("/es//", "/es/") for u in indexed} or src == "index.md", src
    assert "/es/" in indexed
    # Every menu page in both languages, and the one-page summary for a doctor, which is outside
    # the menu but a page a patient may look for.
    assert len(indexed) == len(nav_files(config["nav"])) + len(spanish) + 1, sorted(indexed)
    assert "/articles/back-pain-summary-for-your-doctor/" in indexed


def test_index_leaves_out_booking_boxes_references_and_site_furniture(site):
    record = fragments(site)["/articles/acupuncture-for-low-back-pain/"]
    text = record["content"]
    assert "BackInAction" in text and "sciatica" in text.lower()
    assert "Ready to feel better" not in text          # booking box heading
    assert "GBD 2021 Low Back Pain Collaborators" not in text and "NCT04982315" not in text  # references list
    assert "Page last reviewed" not in text
    assert "Switch to dark mode" not in text and "Medical disclaimer" not in text  # header, footer
    html = soup(built_path(site, "articles/acupuncture-for-low-back-pain.md"))
    assert all(box.has_attr("data-pagefind-ignore") for box in html.select("[data-booking-cta]"))


def test_unused_pagefind_files_are_not_shipped(site):
    bundle = site / BUNDLE_DIR
    assert (bundle / "pagefind.js").is_file() and list(bundle.glob("wasm.en.pagefind"))
    for name in UNUSED_FILES:
        assert not (bundle / name).exists(), name


def spanish_nav(config) -> list:
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    return next(lang["nav"] for lang in i18n["languages"] if lang["locale"] == "es")


def search_pages(site) -> set:
    """The search page in each language."""
    return {site / "search" / "index.html", site / "es" / "search" / "index.html"}


def test_only_the_search_page_loads_the_search_script(site):
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        loads = "javascripts/search.js" in html
        assert loads == (path in search_pages(site)), path
        assert "pagefind/" not in html, path  # Pagefind's files are named only in the search page's script
        policy = soup(path).find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        assert ("'wasm-unsafe-eval'" in policy) == loads, path
        assert "'unsafe-eval'" not in policy, path


def test_search_page_is_a_form_with_a_results_list(site):
    html = soup(site / "search" / "index.html")
    form = html.select_one("article form[role='search']")
    field = form.select_one("input[name='q']")
    assert html.select_one(f"label[for='{field['id']}']").get_text(strip=True)
    assert form.select_one("button[type='submit']").get_text(strip=True) == "Search"
    assert html.select_one("[role='status'][data-clinic-search-status]") is not None
    assert html.select_one("ol[data-clinic-search-results]") is not None
    assert not html.select_one("[data-pagefind-body]")      # the search page finds pages; it is not one
    assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex, follow"
    assert "/search/" not in (site / "sitemap.xml").read_text()


def test_every_other_page_has_a_header_search_that_opens_the_search_page(site):
    for path in site.rglob("*.html"):
        html = soup(path)
        if html.select_one("meta[http-equiv='refresh']") or path in search_pages(site):
            continue
        form = html.select_one(".md-header form.clinic-header-search[role='search']")
        assert form is not None and form["method"] == "get", path
        assert form["action"].rstrip("/").endswith("search") and form.select_one("input[name='q']"), path
        assert form["aria-label"] and form.select_one("input")["aria-label"], path
        button = html.select_one(".md-header a.clinic-header-search__open")
        label = "Buscar en este sitio" if html.html["lang"] == "es" else "Search this site"
        assert button["href"] == form["action"] and button["aria-label"] == label, path
        # A Spanish page searches the Spanish pages (Pagefind keeps one index per language).
        assert ("/es/" in str(path.relative_to(site.parent))) == ("es/search" in str((path.parent / form["action"]).resolve())), path
        # Material's search (its form named "search" makes it fetch the whole index) is not on the page.
        assert not html.select("form[name='search'], [data-md-component='search']"), path
