"""Unit tests of the citation syntax: what is a citation, what never is, and the footnotes made."""

import re

from hypothesis import given, settings, strategies as st

from clinic.citation_syntax import REFERENCES_MARKER, find_citations, render_citations

REFS = {"smith2025": "Smith J. A study. 2025.", "jones2020": "Jones K. Another. 2020.",
        "org:report-1": "An Organisation. A report. 2021."}


def keys(markdown):
    return [[item.key for item in c.items] for c in find_citations(markdown)]


def test_single_citation_becomes_a_footnote_with_its_reference():
    out = render_citations("Acupuncture helped [@smith2025].\n", REFS)
    assert "[^cite-smith2025]" in out.markdown
    assert "[^cite-smith2025]: Smith J. A study. 2025." in out.markdown
    assert "[@" not in out.markdown.split("## References")[0]


def test_several_keys_in_one_citation_become_separated_footnotes():
    out = render_citations("Text [@smith2025; @jones2020].\n", REFS)
    assert "[^cite-smith2025]<sup class=\"citation-separator\">,</sup>[^cite-jones2020]" in out.markdown
    assert out.cited_keys == ["smith2025", "jones2020"]


def test_locator_appears_in_its_own_footnote():
    out = render_citations("Text [@smith2025, p. 12].\n", REFS)
    assert "[^cite-smith2025-p-12]: Smith J. A study. 2025. (p. 12)" in out.markdown


def test_prefix_appears_in_the_footnote():
    out = render_citations("Text [see @smith2025].\n", REFS)
    note = re.search(r"^\[\^cite-smith2025-see\]: (.*)$", out.markdown, re.M).group(1)
    assert note.startswith("See Smith J.")


def test_numbering_follows_first_citation_and_repeats_reuse_the_note():
    out = render_citations("A [@jones2020]. B [@smith2025]. C [@jones2020].\n", REFS)
    body, notes = out.markdown.split(REFERENCES_MARKER)
    # The first citation is the footnote; a repeat links to the same note with the same number.
    assert body.count("[^cite-jones2020]") == 1
    assert '<sup><a class="footnote-ref" href="#fn:cite-jones2020">1</a></sup>' in body
    assert notes.index("[^cite-jones2020]:") < notes.index("[^cite-smith2025]:")
    assert notes.count("[^cite-jones2020]:") == 1


def test_references_heading_and_marker_come_at_the_end_only_when_something_is_cited():
    assert render_citations("No citations here.\n", REFS).markdown == "No citations here.\n"
    out = render_citations("One [@smith2025].\n", REFS, heading="Sources")
    assert "\n## Sources\n\n" + REFERENCES_MARKER in out.markdown


def test_keys_with_internal_punctuation():
    assert keys("See [@org:report-1].") == [["org:report-1"]]


def test_unknown_keys_are_reported_with_their_line_and_the_text_is_kept():
    out = render_citations("Line one.\n\nBad [@smith2024] here.\n", REFS)
    assert out.unknown == [(3, "smith2024")]
    assert "[@smith2024]" in out.markdown


def test_never_in_fenced_code():
    assert keys("```\n[@smith2025]\n```\n\n~~~~md\n[@smith2025]\n~~~~\n") == []


def test_never_in_indented_code():
    assert keys("Para.\n\n    [@smith2025]\n") == []


def test_never_in_inline_code():
    assert keys("Use `[@smith2025]` or ``x [@smith2025] y``.") == []


def test_never_in_html_comments():
    assert keys("<!-- [@smith2025]\n[@jones2020] -->\nText") == []


def test_never_in_link_destinations_or_email_addresses():
    assert keys("[mail](mailto:a@smith2025.org) and info@example.org and <x@y.org>") == []
    assert keys("[write to info@example.org](mailto:info@example.org)") == []
    assert keys("[link][ref]\n\n[ref]: https://example.org/@smith2025") == []


def test_escaped_bracket_is_not_a_citation():
    assert keys(r"Literally \[@smith2025] here.") == []


def test_link_text_with_at_sign_is_a_link_not_a_citation():
    assert keys("[@smith2025](https://example.org)") == []


def test_works_in_lists_tables_admonitions_and_blockquotes():
    markdown = "\n".join([
        "- item [@smith2025]",
        "    - nested [@jones2020]",
        "",
        "| a | b |",
        "|---|---|",
        "| cell [@smith2025] | x |",
        "",
        '!!! note "Evidence"',
        "    Inside [@jones2020].",
        "",
        "    More inside [@smith2025].",
        "",
        "> Quoted [@jones2020].",
    ])
    assert len(find_citations(markdown)) == 6


def test_code_block_inside_a_list_stays_code():
    markdown = "- item\n\n    ```\n    [@smith2025]\n    ```\n"
    assert keys(markdown) == []


def test_line_numbers_count_from_the_start_of_the_text():
    assert [c.line for c in find_citations("a\nb [@x1]\n\nc [@x2]")] == [2, 4]


markdown_text = st.text(alphabet=st.sampled_from(list("ab @[];,-`~\n\\#>!*:p.0123456789<->()")), max_size=200)


@settings(max_examples=400, deadline=None)
@given(markdown_text)
def test_any_markdown_never_crashes_and_is_stable(markdown):
    once = render_citations(markdown, REFS)
    twice = render_citations(once.markdown, REFS)
    assert twice.markdown == once.markdown


code_body = st.text(alphabet=st.sampled_from(list("ab @[];,-\\smith2025")), max_size=60).filter(lambda s: "`" not in s)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab [@smith2025];\n")), max_size=80), code_body)
def test_code_is_never_changed(before, code):
    fenced = f"```\n{code}\n```"
    markdown = f"{before}\n\n{fenced}\n\nafter [@smith2025]\n"
    assert fenced in render_citations(markdown, REFS).markdown


def test_citation_before_a_colon_is_still_a_citation():
    assert keys("Both groups improved [@smith2025]:") == [["smith2025"]]
    assert keys("[@smith2025]: at the start of a line it is a link definition") == []
