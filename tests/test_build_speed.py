"""Build speed work on the hooks stays correct: the booking box finds the top-level sections the
HTML5 parser sees, at the right places in the text, on the site's own pages and on generated
HTML, in time linear in the page's length. The numbers themselves come from scripts/bench_build.py."""

from __future__ import annotations

import time

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from clinic.booking import insert_ctas, top_level_sections


def parser_view(html: str) -> list[str]:
    """The ids of the top-level <h2> elements, as the parser alone sees them."""
    return [node.attributes.get("id") or "" for node in LexborHTMLParser(html).css("h2") if node.parent.tag == "body"]


def check(html: str) -> int:
    found = top_level_sections(html)
    assert [ident for _, ident in found] == parser_view(html)
    for offset, _ in found:
        assert html[offset:offset + 3].lower() == "<h2"
    return len(found)


def test_same_sections_as_the_parser_on_every_built_page(site):
    checked = 0
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        article = BeautifulSoup(html, "html.parser").select_one("article")
        if article:
            checked += check(article.decode_contents()) > 0
    assert checked >= 10


TAGS = ["div", "p", "ul", "li", "details", "table", "td", "span", "svg", "g"]
texts = st.sampled_from(["text", " ", "\n", "a &amp; b", "&lt;h2&gt;", "<br>", "<hr/>", "<img src='x.png' alt=\"a > b\">",
                         "<!-- <h2>not</h2> -->", "<script>if (a<b) x = '<h2>'</script>", "<path d='M0 0'/>",
                         "<style>h2 > a { color: red }</style>"])


@st.composite
def html_trees(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        choice = draw(st.integers(0, 3 if depth < 3 else 1))
        if choice == 0:
            parts.append(draw(texts))
        elif choice == 1:
            ident = draw(st.sampled_from(["", ' id="one"', " id='two'", " id=three", ' class="x" id="re&amp;f"']))
            parts.append(f"<h2{ident}>Heading</h2>\n")
        else:
            tag = draw(st.sampled_from(TAGS))
            parts.append(f"<{tag} class=\"c\">{draw(html_trees(depth + 1))}</{tag}>\n")
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(html_trees())
def test_same_sections_as_the_parser_on_generated_html(html):
    check(html)


def test_pre_and_svg_paths_are_no_introduction():
    page = '<pre><code>x</code></pre>\n<svg><path d="M0 0"/></svg>\n<h2 id="a">A</h2>\n<p>x</p>'
    assert "[INTRO]" not in insert_ctas(page, "[INTRO]", "[END]")


def test_time_grows_linearly_with_the_page(site):
    html = (site / "articles" / "acupuncture-for-low-back-pain" / "index.html").read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article").decode_contents()

    def best(text):
        times = []
        for _ in range(5):
            start = time.process_time()  # CPU time: other programs on the machine do not count
            insert_ctas(text, "[INTRO]", "[END]")
            times.append(time.process_time() - start)
        return min(times)

    assert best(article * 20) < 40 * best(article)


def test_booking_boxes_still_land_between_sections():
    page = '<p>Intro</p>\n<div><h2 id="x">inner</h2></div>\n<h2 id="a">A</h2>\n<p>x</p>\n<h2 id="references">R</h2>'
    out = insert_ctas(page, "[INTRO]", "[END]")
    assert out.index("[INTRO]") < out.index('<h2 id="a">') < out.index("[END]") < out.index('<h2 id="references">')
    assert out.index('<h2 id="x">') < out.index("[INTRO]")


def test_benchmark_makes_a_hookless_site_that_builds_with_the_same_references(tmp_path):
    """scripts/bench_build.py's comparison is fair only if its hook-less copy is a valid site
    whose pages keep their references (as pre-made footnotes)."""
    import shutil
    import sys

    import yaml

    from conftest import ROOT, run_build
    sys.path.insert(0, str(ROOT / "scripts"))
    import bench_build

    hooked = bench_build.copy_project(tmp_path / "with-hooks")
    real_pages = bench_build.page_count(hooked / "docs")
    paths, config = bench_build.generate(hooked, 40, 10)
    assert len(paths) == 40 - real_pages and bench_build.page_count(hooked / "docs") == 40
    sections = -(-len(paths) // 10)
    assert [next(iter(s)) for s in config["nav"][-sections:]] == [f"Library {n:02d}" for n in range(1, sections + 1)]
    bare = tmp_path / "without-hooks"
    shutil.copytree(hooked, bare)
    plain = bench_build.without_hooks(bare, config)
    bench_build.write_config(bare, plain)
    # Only the hook that gives the templates their words and dates (it does no work on pages).
    assert yaml.safe_load((bare / "mkdocs.yml").read_text()).get("hooks", []) == ["hooks/languages.py"]
    page = (bare / "docs" / paths[0]).read_text()
    assert "[@" not in page and "[^cite-" in page and "## References" in page
    result = run_build(bare, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site" / paths[0][:-3] / "index.html").read_text()
    assert 'class="footnote"' in html and "doi.org/10.1001/jamanetworkopen.2025.31348" in html
