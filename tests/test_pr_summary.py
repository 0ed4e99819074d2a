"""The pull-request summary (scripts/pr_summary.py): its small functions on HTML written here,
and the whole script on two real builds of the site that differ in known ways."""

from __future__ import annotations

import contextlib
import io
import sys

import markdown
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, run_build
from project_files import refresh_translations

sys.path.insert(0, str(ROOT / "scripts"))
import pr_summary  # noqa: E402


def page_html(article: str, menu: str = "Home Back pain Treatments", head: str = "") -> str:
    return f"""<!doctype html><html><head><title>T</title>{head}</head><body>
    <nav class="md-nav">{menu}</nav>
    <article class="md-content__inner md-typeset" data-pagefind-body>{article}</article>
    <footer>Alban Acupuncture</footer></body></html>"""


ARTICLE = """
<a class="md-content__button md-icon" href="https://github.com/x/edit/main/docs/a.md">Edit</a>
<h1 id="back-pain">Back pain<a class="headerlink" href="#back-pain">¶</a></h1>
<p>Back pain is common <sup id="fnref:cite-smith2024-neck"><a class="footnote-ref" href="#fn:cite-smith2024-neck">1</a></sup>.
It can make it hard to sit. "Pragmatic" means real care.</p>
<aside class="booking-cta" data-pagefind-ignore><p>Ready to book? Call us today.</p></aside>
<ul><li>First item</li><li>Second item</li></ul>
<h2 id="references">References<a class="headerlink" href="#references">¶</a></h2>
<div class="footnote"><hr><ol>
<li id="fn:cite-smith2024-neck"><p>Smith A. Neck pain. <i>JAMA</i>. 2024. <a class="footnote-backref" href="#fnref:cite-smith2024-neck">↩</a></p></li>
<li id="fn:cite-lee2023-see-p-12"><p>See Lee C. A trial. 2023 (p. 12) <a class="footnote-backref" href="#x">↩</a></p></li>
</ol></div>
<aside class="clinic-review" data-pagefind-ignore><p>
<span class="clinic-review__item">Page last reviewed: <time datetime="2026-11-27">November 27, 2026</time></span>
<span class="clinic-review__item">Next review due: <time datetime="2027-11-27">November 27, 2027</time></span>
<span class="clinic-review__item">Reviewed by: Jane Doe, L.Ac.</span></p></aside>
"""
KEYS = frozenset({"smith2024-neck", "smith2024", "lee2023"})


def test_a_page_is_its_article_sentences_without_boxes_buttons_notes_or_references():
    page = pr_summary.read_page(page_html(ARTICLE), KEYS)
    assert page.title == "Back pain"
    assert page.sentences == ("Back pain", "Back pain is common.", "It can make it hard to sit.",
                              '"Pragmatic" means real care.', "First item", "Second item")


def test_references_are_read_by_bibliography_id_with_their_text():
    page = pr_summary.read_page(page_html(ARTICLE), KEYS)
    assert page.references == {"smith2024-neck": "Smith A. Neck pain. JAMA. 2024.",
                                "lee2023": "See Lee C. A trial. 2023 (p. 12)"}


@pytest.mark.parametrize("label, key", [
    ("cite-smith2024-neck", "smith2024-neck"),  # the longest id wins over smith2024
    ("cite-smith2024-p-12", "smith2024"),  # a page of its own
    ("cite-lee2023-see-2", "lee2023"),  # a prefix, and the second note of that kind
    ("cite-unknown2020", "unknown2020"),  # not in the bibliography: the label's words
])
def test_a_note_label_gives_the_bibliography_id(label, key):
    assert pr_summary.citation_key(label, KEYS) == key


def test_review_dates_are_read_as_readers_see_them():
    page = pr_summary.read_page(page_html(ARTICLE), KEYS)
    assert page.review_dates == {"Page last reviewed": "November 27, 2026",
                                 "Next review due": "November 27, 2027"}


def test_a_redirect_page_is_read_as_where_it_sends_readers():
    html = '<html><head><meta http-equiv="refresh" content="0; url=../treatments/#cupping"></head></html>'
    redirect = pr_summary.read_page(html)
    assert redirect == pr_summary.Redirect("../treatments/#cupping")
    assert pr_summary.resolve("/cupping-therapy/", redirect.target) == "/treatments/#cupping"


def test_a_menu_change_is_outside_every_page_article():
    before = pr_summary.read_page(page_html(ARTICLE), KEYS)
    after = pr_summary.read_page(page_html(ARTICLE, menu="Home Back pain Our treatments"), KEYS)
    assert pr_summary.compare_pages("/a/", before, after) is None
    changes = pr_summary.compare_sites({"/a/": before}, {"/a/": after})
    assert changes.changed == [] and changes.surroundings_changed == 1
    assert pr_summary.changed_addresses(changes) == ["/"]


def test_sentences_references_and_dates_that_changed_are_reported():
    edited = (ARTICLE.replace("It can make it hard to sit. ", "")
              .replace("Second item", "Second item. A new sentence")
              .replace('<li id="fn:cite-lee2023-see-p-12">', '<li id="fn:cite-new2025">')
              .replace("November 27, 2027", "January 15, 2028"))
    before = pr_summary.read_page(page_html(ARTICLE), KEYS)
    after = pr_summary.read_page(page_html(edited), KEYS | {"new2025"})
    change = pr_summary.compare_pages("/a/", before, after)
    assert change.added_sentences == ["Second item.", "A new sentence"]
    assert change.removed_sentences == ["It can make it hard to sit.", "Second item"]
    assert change.added_references == {"new2025": "See Lee C. A trial. 2023 (p. 12)"}
    assert list(change.removed_references) == ["lee2023"]
    assert change.review_dates == [("Next review due", "November 27, 2027", "January 15, 2028")]


def test_a_sentence_said_twice_and_now_once_counts_as_removed_once():
    before = pr_summary.Page("A", ("Call us.", "Hello.", "Call us."))
    after = pr_summary.Page("A", ("Call us.", "Hello."))
    assert pr_summary.compare_pages("/a/", before, after).removed_sentences == ["Call us."]


def test_pages_added_removed_and_redirected_are_told_apart():
    page = pr_summary.Page("About us")
    old = {"/about/": page, "/faq/": page, "/old/": pr_summary.Redirect("../about/"), "/gone/": page}
    new = {"/about/": page, "/faq/": pr_summary.Redirect("../insurance/"), "/new/": pr_summary.Page("New"),
           "/gone-too/": pr_summary.Redirect("../about/")}
    changes = pr_summary.compare_sites(old, new)
    assert changes.added == [("/new/", "New")]
    assert changes.removed == [("/gone/", "About us")]
    assert changes.redirected == [("/faq/", "/insurance/", "a page"), ("/gone-too/", "/about/", "new")]
    assert changes.unredirected == [("/old/", "/about/")]


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[click](javascript:alert(1))",
    "# Big heading", "1. A list", "- item", "**bold** and _it_", "`code`", "| a | b |", "$x^2$",
    "![img](https://example.org/x.png)", "&lt;b&gt;entity&lt;/b&gt;",
])
def test_page_text_cannot_become_markup_in_the_summary(text):
    change = pr_summary.PageChange("/a/", text, [text], [], {}, {}, [])
    html = markdown.markdown(pr_summary.summary_markdown(pr_summary.SiteChanges(changed=[change])))
    soup = BeautifulSoup(html, "html.parser")
    assert {tag.name for tag in soup.find_all(True)} <= {"h2", "h3", "p", "strong", "ul", "li"}
    assert [item.find(True) for item in soup.find_all("li")] == [None]  # one item, all text


@pytest.mark.parametrize("mark", list("\\`*_{}[]()#+-.!|~<>&$"))
def test_every_mark_markdown_or_html_could_read_is_escaped(mark):
    # GitHub reads Markdown as CommonMark, where a backslash makes any ASCII punctuation text.
    assert pr_summary.escape_markdown(f"a{mark}b") == f"a\\{mark}b"


def test_page_text_keeps_to_one_line_in_the_summary():
    assert pr_summary.escape_markdown("one\n\n# two\r\nthree") == "one \\# two three"


# ---------------------------------------------------------------------------------------------
# Two real builds
# ---------------------------------------------------------------------------------------------

ARTICLE_MD = "docs/articles/acupuncture-for-low-back-pain.md"


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    old_project = copy_project(tmp_path_factory.mktemp("old"))
    new_project = copy_project(tmp_path_factory.mktemp("new"))
    article = new_project / ARTICLE_MD
    text = article.read_text()
    for old, new in [
        (" We look forward to meeting you.", ""),  # a sentence removed
        ("Back pain is common later in life, too.",  # a sentence added, with a citation
         "Back pain is common later in life, too. Sentence added by *the test* (1 of 2) [@mu2020cochrane]."),
        ("next_review: 2027-11-27", "next_review: 2028-01-15"),
    ]:
        assert old in text
        text = text.replace(old, new)
    article.write_text(text)
    refresh_translations(new_project)
    (new_project / "docs/articles/test-page.md").write_text(
        "---\ntitle: A test page\ndescription: A page added by the test.\nkind: about\n---\n\n"
        "# A test page\n\nThis page is new.\n")
    config = (new_project / "mkdocs.yml").read_text()
    for old, new in [("  - Treatments: treatments.md", "  - Our treatments: treatments.md\n"
                      "  - Test page: articles/test-page.md"),  # a menu entry renamed, a page added
                     ("        about-us.md: about.md", "        about-us.md: about.md\n"
                      "        prices.md: book.md")]:  # an old address redirected
        assert old in config
        config = config.replace(old, new)
    (new_project / "mkdocs.yml").write_text(config)
    sites = []
    for project in (old_project, new_project):
        result = run_build(project, project / "site")
        assert result.returncode == 0, result.stderr
        sites.append(project / "site")
    changed = new_project / "changed.txt"
    output = pr_summary_output(sites, changed)
    old_pages, new_pages = (pr_summary.read_site(site, frozenset()) for site in sites)
    # The English menu changed: the Spanish pages (under es/) have a menu of their own.
    pages_in_both = [a for a, page in new_pages.items() if isinstance(page, pr_summary.Page)
                     and isinstance(old_pages.get(a), pr_summary.Page) and not a.strip("/").startswith("es")]
    return output, changed.read_text().split(), len(pages_in_both)


def pr_summary_output(sites, changed_file) -> str:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert pr_summary.main([str(sites[0]), str(sites[1]), "--changed-pages", str(changed_file)]) == 0
    return printed.getvalue()


def test_summary_of_two_builds_lists_only_the_edited_page_as_changed(summary):
    markdown_text, changed, pages_in_both = summary
    page_headings = [line for line in markdown_text.splitlines() if line.startswith("### ") and "(" in line]
    assert page_headings == [r"### Acupuncture for Low Back Pain: What a Large Trial Found "
                             r"(/articles/acupuncture\-for\-low\-back\-pain/)"]
    assert changed == ["/articles/acupuncture-for-low-back-pain/", "/articles/test-page/"]
    assert "1 page changed, 1 page added, 1 old address redirected." in markdown_text
    # The menu rename and the new menu entry reach every page, but only their surroundings.
    assert pages_in_both > 10
    assert f"The menu, header or footer changed on {pages_in_both} pages" in markdown_text


def test_summary_of_two_builds_shows_the_sentences_as_rendered(summary):
    markdown_text, _, _ = summary
    added = markdown_text.split("**Sentences added**")[1].split("**")[0]
    removed = markdown_text.split("**Sentences removed**")[1].split("**")[0]
    assert added.strip() == r"- Sentence added by the test \(1 of 2\)\."
    assert removed.strip() == r"- We look forward to meeting you\."


def test_summary_of_two_builds_shows_the_citation_and_the_review_date(summary):
    markdown_text, _, _ = summary
    references = markdown_text.split("**References added**")[1].split("**")[0].strip().splitlines()
    assert len(references) == 1 and references[0].startswith("- mu2020cochrane: Mu J")
    assert "**References removed**" not in markdown_text
    assert r"- Next review due: November 27, 2027 → January 15, 2028" in markdown_text


def test_summary_of_two_builds_shows_the_added_page_and_the_redirect(summary):
    markdown_text, _, _ = summary
    assert r"- A test page (/articles/test\-page/)" in markdown_text
    assert r"- /prices/ now sends readers to /book/ (before: new)" in markdown_text
