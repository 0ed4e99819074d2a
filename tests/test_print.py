"""Pages that print (issue 15): Chromium's PDF of each page on US Letter paper. The article on at
most 6 pages and the other pages in proportion to their length, the "Take this to your doctor"
summary on exactly one, with either Medicare arrangement the office can have; type of at least 11pt;
no menus, booking boxes or phone bar; one contact line; every reference in the printed text;
outside link addresses shown."""

from __future__ import annotations

import io
import math
import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import copy_project, run_build
from test_browser import ARTIFACTS, DESKTOP, page_paths
from test_mistakes import edit

pytestmark = pytest.mark.browser
SMALL_TEXT = (Path(__file__).parent / "small_text.js").read_text(encoding="utf-8")
ARTICLE = "articles/acupuncture-for-low-back-pain/"
SUMMARY = "articles/back-pain-summary-for-your-doctor/"
ARTICLE_MAX_PAGES = 6
PRINT_MIN_PX = 11 * 96 / 72  # 11pt
WORDS = "() => document.querySelector('article').innerText.split(/\\s+/).filter(Boolean).length"


def squeezed(text: str) -> str:
    """Text without spaces, line breaks or ligatures, to compare HTML with what a PDF says."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace("\u21a9", "")


def printed_in(reference: str, text: str) -> bool:
    """The reference's text, in order, where the PDF's text has its start. A PDF's text can carry
    stray characters between a reference's (note numbers from a table beside it), so every
    character must be there in order, with at most a few others between."""
    for start in (match.start() for match in re.finditer(re.escape(reference[:25]), text)):
        window = iter(text[start:start + len(reference) + 200])
        if all(char in window for char in reference):
            return True
    return False


@pytest.fixture(scope="module")
def printed(browser, site, base_url):
    """Each page's PDF text, page count, words on screen and print checks, printed once."""
    pages = [p for p in page_paths(site) if p not in ("404.html", "search/", "es/search/")]
    results = {}
    tab = browser.new_page(viewport=DESKTOP)
    for path in pages:
        tab.goto(base_url + path)
        tab.emulate_media(media="print")
        pdf = PdfReader(io.BytesIO(tab.pdf(format="Letter")))
        results[path] = {
            "pages": len(pdf.pages),
            "text": "".join(page.extract_text() for page in pdf.pages),
            "words": tab.evaluate(WORDS),
            "small": tab.evaluate(SMALL_TEXT, PRINT_MIN_PX),
            "references": tab.eval_on_selector_all(".footnote > ol > li", "items => items.map(li => li.textContent)"),
            "shown": {selector: tab.locator(selector).filter(visible=True).count() for selector in
                      (".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".clinic-cta-bar", ".booking-cta",
                       ".clinic-contact__actions", ".clinic-print-contact")},
        }
        tab.emulate_media(media=None)
    tab.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "print-pages.txt").write_text("".join(
        f"{r['pages']:3} pages  {r['words']:5} words  {path or '/'}\n" for path, r in sorted(results.items())),
        encoding="utf-8")
    return results


def test_the_article_prints_on_at_most_six_letter_pages(printed):
    assert printed[ARTICLE]["pages"] <= ARTICLE_MAX_PAGES


def test_the_summary_for_your_doctor_prints_on_exactly_one_page(printed):
    assert printed[SUMMARY]["pages"] == 1, (
        "the 'Take this to your doctor' page no longer fits on one Letter page: shorten its own text "
        "or the article's key points")


# The summary's Medicare text differs with the office's arrangement (mkdocs.yml extra.clinic.medicare,
# overrides/partials/clinic/medicare-brief.md). The site's own setting is printed above; these are
# the others, built from a copy of the site: the longer arrangement, and it with two Advantage plans.
SUPERVISING = edit("mkdocs.yml", "arrangement: self-pay", "arrangement: supervising-practice")
TWO_PLANS = edit("mkdocs.yml", "advantage_plans: []",
                 'advantage_plans: ["Example Health Medicare Advantage PPO", "Sample Care Senior HMO"]')
OTHER_SETTINGS = {
    "supervising-practice": ([SUPERVISING], "supervising doctor"),
    "supervising-practice, two Advantage plans": ([SUPERVISING, TWO_PLANS], "Sample Care Senior HMO"),
}


@pytest.mark.parametrize("setting", OTHER_SETTINGS)
def test_the_summary_prints_on_one_page_with_the_other_medicare_settings(browser, tmp_path, setting):
    from site_server import serve
    edits, shown = OTHER_SETTINGS[setting]
    project = copy_project(tmp_path / "project")
    for apply in edits:
        apply(project)
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    server, url = serve(tmp_path / "site")
    try:
        tab = browser.new_page(viewport=DESKTOP)
        tab.goto(url + SUMMARY)
        tab.emulate_media(media="print")
        pdf = PdfReader(io.BytesIO(tab.pdf(format="Letter")))
        references = tab.eval_on_selector_all(".footnote > ol > li", "items => items.map(li => li.textContent)")
        tab.close()
    finally:
        server.shutdown()
    text = "".join(page.extract_text() for page in pdf.pages)
    assert squeezed(shown) in squeezed(text), f"the build did not use the setting '{setting}'"
    assert len(pdf.pages) == 1, (
        f"with {setting}, the 'Take this to your doctor' page prints on {len(pdf.pages)} Letter pages: "
        "shorten overrides/partials/clinic/medicare-brief.md or the summary's own text")
    assert all(printed_in(squeezed(ref), squeezed(text)) for ref in references)


def test_every_page_prints_in_proportion_to_its_length(printed):
    per_page = printed[ARTICLE]["words"] / ARTICLE_MAX_PAGES
    too_long = [f"{path or '/'}: {r['pages']} pages for {r['words']} words"
                for path, r in printed.items() if r["pages"] > math.ceil(r["words"] / per_page) + 1]
    assert not too_long, "\n".join(too_long)


def test_printed_type_is_at_least_11pt(printed):
    small = [f"{path or '/'}: {found}" for path, r in printed.items() for found in r["small"]["small"]]
    assert not small, "\n".join(small)


def test_print_leaves_out_the_site_around_the_page_and_keeps_one_contact_line(printed):
    for path, r in printed.items():
        shown = {selector: count for selector, count in r["shown"].items() if count}
        assert shown == {".clinic-print-contact": 1}, (path, shown)
        assert "(212) 555-0142" in r["text"], path


def test_every_reference_is_in_the_printed_text(printed):
    missing = []
    for path, r in printed.items():
        text = squeezed(r["text"])
        missing += [f"{path}: {ref.strip()[:80]}" for ref in r["references"] if not printed_in(squeezed(ref), text)]
    assert sum(len(r["references"]) for r in printed.values()) > 50
    assert not missing, "\n".join(missing)


def test_outside_links_print_their_address(browser, base_url):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(base_url + "book/")
    page.emulate_media(media="print")
    link = page.locator("article a[href^='https://eservices.nysed.gov']").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert link.get_attribute("href") in after
    page.close()
