"""Build speed work on the hooks stays correct: the booking box's fast search for top-level
sections gives exactly what html.parser gave (the version it replaced), on the site's own pages
and on generated HTML. The numbers themselves come from scripts/bench_build.py."""

from __future__ import annotations

import time
from html.parser import HTMLParser

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic.booking import _VOID, _top_level_h2, insert_ctas


class _Reference(HTMLParser):
    """The html.parser version that hooks/clinic/booking.py used before."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.found = []

    def handle_starttag(self, tag, attrs):
        if self.depth == 0 and tag == "h2":
            self.found.append((self.getpos(), dict(attrs).get("id") or ""))
        if tag not in _VOID:
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag not in _VOID:
            self.depth = max(0, self.depth - 1)


def reference(html: str) -> list[tuple[int, str]]:
    parser = _Reference()
    parser.feed(html)
    parser.close()
    starts = [0] + [i + 1 for i, c in enumerate(html) if c == "\n"]
    return [(starts[line - 1] + column, ident) for (line, column), ident in parser.found]


def test_same_sections_as_html_parser_on_every_built_page(site):
    checked = 0
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        article = BeautifulSoup(html, "html.parser").select_one("article")
        for text in [html] + ([article.decode_contents()] if article else []):
            assert _top_level_h2(text) == reference(text), path
            checked += bool(reference(text))
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
def test_same_sections_as_html_parser_on_generated_html(html):
    assert _top_level_h2(html) == reference(html)


def test_a_long_page_is_searched_much_faster_than_with_html_parser(site):
    html = (site / "articles" / "acupuncture-for-low-back-pain" / "index.html").read_text(encoding="utf-8") * 20

    def best(function):
        times = []
        for _ in range(5):
            start = time.process_time()  # CPU time: other programs on the machine do not count
            function(html)
            times.append(time.process_time() - start)
        return min(times)

    assert best(_top_level_h2) < best(reference) / 2


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
    paths, config = bench_build.generate(hooked, 40, 10, prune=True)
    assert len(paths) == 40 - real_pages and bench_build.page_count(hooked / "docs") == 40
    sections = -(-len(paths) // 10)
    assert [next(iter(s)) for s in config["nav"][-sections:]] == [f"Library {n:02d}" for n in range(1, sections + 1)]
    assert "navigation.prune" in config["theme"]["features"]
    bare = tmp_path / "without-hooks"
    shutil.copytree(hooked, bare)
    plain = bench_build.without_hooks(bare, config)
    bench_build.write_config(bare, plain)
    assert "hooks" not in yaml.safe_load((bare / "mkdocs.yml").read_text())
    page = (bare / "docs" / paths[0]).read_text()
    assert "[@" not in page and "[^cite-" in page and "## References" in page
    result = run_build(bare, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site" / paths[0][:-3] / "index.html").read_text()
    assert 'class="footnote"' in html and "doi.org/10.1001/jamanetworkopen.2025.31348" in html
