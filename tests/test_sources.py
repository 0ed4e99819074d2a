"""Every health claim links to its source: on the medical pages, each paragraph or list item
that gives a number or an effect carries a citation, or says it is our own practice. And the
shared "See a doctor first" section is on every page that needs it."""

from __future__ import annotations

import pytest

from clinic.claims import unsourced_statements
from clinic.front_matter import read
from clinic.page_kinds import MEDICAL_KINDS
from conftest import ROOT, built_path

FIXTURE = """# A page

Acupuncture eases back pain for many people.

A trial of 800 people found a small benefit [@debar2025backinaction].

In our practice, we find that heat helps stiff muscles.

Medicare's rule has limits [@cms2020ncd3033]:

- 12 visits in 90 days;
- 8 more if you improve.

What else to know:

- Side effects are usually mild.

A plain paragraph.

    The clinic opened in 2010 (code: not a claim).

```text
Acupuncture reduces pain in 99% of people.
```
"""


def test_uncited_effects_and_numbers_are_found_and_the_rest_is_not():
    found = unsourced_statements(FIXTURE)
    assert [line for line, _ in found] == [3, 16]
    assert found[0][1].startswith("Acupuncture eases back pain")


def medical_pages():
    for path in sorted((ROOT / "docs").rglob("*.md")):
        page = read(path.read_text(encoding="utf-8"))
        if page.meta.get("kind") in MEDICAL_KINDS:
            yield pytest.param(path, page, id=path.relative_to(ROOT).as_posix())


@pytest.mark.parametrize("path,page", list(medical_pages()))
def test_every_claim_on_a_medical_page_has_a_source_or_says_it_is_our_practice(path, page):
    problems = [f"{path.relative_to(ROOT)}:{line + page.body_line - 1}: '{text}…' gives a number or an effect "
                "without a source — cite it with [@key], or say it is our own practice ('In our practice, …')"
                for line, text in unsourced_statements(page.body, "es" if path.name.endswith(".es.md") else "en")]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("source", ["articles/acupuncture-for-low-back-pain.md", "treatments.md", "book.md"])
def test_see_a_doctor_first_is_on_every_page_that_needs_it(site, source):
    html = built_path(site, source).read_text(encoding="utf-8")
    assert 'id="see-a-doctor-first"' in html
    assert "Call 911" in html
    assert "<!-- clinic: see-a-doctor-first -->" in (ROOT / "docs" / source).read_text(encoding="utf-8")


def test_the_article_shows_see_a_doctor_first_near_its_top(site):
    html = built_path(site, "articles/acupuncture-for-low-back-pain.md").read_text(encoding="utf-8")
    headings = [part.split('"')[0] for part in html.split('<h2 id="')[1:]]
    assert headings.index("see-a-doctor-first") <= 1, headings
