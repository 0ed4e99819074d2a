"""Unit tests of the bibliography: every mistake named with entry and field; AMA formatting with links."""

import pytest

from clinic.bibliography import BibliographyError, entry_problems, format_works, parse_entries, style_exists

GOOD = """
- id: debar2025
  type: article-journal
  author: [{family: DeBar, given: Lynn L.}, {family: Cook, given: Andrea J.}]
  title: Acupuncture for chronic low back pain in older adults
  container-title: JAMA Network Open
  container-title-short: JAMA Netw Open
  issued: {date-parts: [[2025, 9]]}
  volume: 8
  issue: 9
  page: e2531348
  DOI: 10.1001/jamanetworkopen.2025.31348
  PMID: 40938602
- id: cms2020
  type: report
  author: [{literal: Centers for Medicare & Medicaid Services}]
  title: Decision memo
  issued: {date-parts: [[2020, 1, 21]]}
  URL: https://www.cms.gov/memo
"""


def problems(text, path="data/bibliography.yaml"):
    return entry_problems(parse_entries(text, path), path)


def test_good_bibliography_has_no_problems():
    assert problems(GOOD) == []


def test_each_entry_remembers_its_line():
    assert [e["__line__"] for e in parse_entries(GOOD, "b.yaml")] == [2, 14]


def test_duplicate_id_names_both_lines():
    text = GOOD + "- id: debar2025\n  title: x\n  author: [{literal: X}]\n  issued: {date-parts: [[2020]]}\n"
    assert any("data/bibliography.yaml:20: duplicate id 'debar2025' (also on line 2)" in p for p in problems(text))


@pytest.mark.parametrize("field, message", [
    ("title", "entry 'x' has no title"),
    ("author", "entry 'x' has no author"),
    ("issued", "entry 'x' has no issued year"),
])
def test_missing_required_field_is_named(field, message):
    entry = {"title": "  title: T\n", "author": "  author: [{literal: A}]\n",
             "issued": "  issued: {date-parts: [[2020]]}\n"}
    del entry[field]
    found = problems("- id: x\n" + "".join(entry.values()))
    assert found == [f"data/bibliography.yaml:1: {message} — " + found[0].split(" — ")[1]]


def test_web_page_without_date_is_dated_by_when_it_was_read():
    text = "- id: w\n  type: webpage\n  title: T\n  author: [{literal: A}]\n  accessed: {date-parts: [[2026, 11, 27]]}\n"
    assert problems(text) == []


def test_doi_that_is_not_a_doi():
    text = GOOD.replace("DOI: 10.1001/jamanetworkopen.2025.31348", "DOI: https://doi.org/10.1001/x")
    assert any("has DOI 'https://doi.org/10.1001/x', which is not a DOI" in p for p in problems(text))


def test_unreadable_yaml_names_the_line():
    with pytest.raises(BibliographyError, match=r"data/bibliography.yaml:3: the bibliography is not valid"):
        parse_entries("- id: a\n  title: x\n   author: y\n- id: b\n", "data/bibliography.yaml")


def test_not_a_list():
    with pytest.raises(BibliographyError, match="must be a list of entries"):
        parse_entries("id: a\n", "b.yaml")


def test_csl_json_is_read_too():
    entries = parse_entries('[{"id": "a", "title": "T", "author": [{"literal": "A"}], '
                            '"issued": {"date-parts": [[2020]]}}]', "b.json")
    assert entry_problems(entries, "b.json") == []


def test_ama_reference_links_doi_and_pubmed():
    works = format_works(parse_entries(GOOD, "b.yaml"), "american-medical-association")
    reference = works["debar2025"].reference
    assert reference.startswith("DeBar LL, Cook AJ. Acupuncture for chronic low back pain in older adults.")
    assert "<i>JAMA Netw Open</i>. 2025;8(9):e2531348." in reference
    assert "[doi:10.1001/jamanetworkopen.2025.31348](https://doi.org/10.1001/jamanetworkopen.2025.31348)" in reference
    assert reference.endswith("PubMed: [40938602](https://pubmed.ncbi.nlm.nih.gov/40938602/).")


def test_reference_without_doi_links_its_url():
    works = format_works(parse_entries(GOOD, "b.yaml"), "american-medical-association")
    assert works["cms2020"].reference.endswith("<https://www.cms.gov/memo>")


def test_style_is_a_setting():
    assert style_exists("american-medical-association")
    assert style_exists("apa")
    assert not style_exists("no-such-style")
