"""The go-live gate: with SITE_ENV=production the build fails while any placeholder remains,
naming each with its file and line; without it, builds keep working with placeholders."""

from __future__ import annotations

from clinic.placeholders import placeholders
from conftest import copy_project, run_build
from test_mistakes import edit

CONFIG = """site_url: https://alban-acupuncture.example.org/  # placeholder domain
extra:
  clinic:
    phone: "+12125550142"
    street_address: "[Street address]"
    hours:
      - days: [Monday, Tuesday]
    email: hello@clinic.test
    fees:
      first_visit: {price: "[price]"}
"""


def test_each_kind_of_placeholder_is_found_with_its_line():
    found = {(line, what) for _, line, what, _ in placeholders(CONFIG, "mkdocs.yml")}
    assert found == {(1, "an example.org address"), (4, "a fictional 555-01xx phone number"),
                     (5, "a value in square brackets"), (10, "a value in square brackets")}


def test_comments_lists_and_page_text_are_not_placeholders():
    assert not placeholders("# Every value here is a PLACEHOLDER until go-live\ndays: [Monday, Friday]\n", "mkdocs.yml")
    page = "---\ntitle: T\nreviewed_by: \"Jane Doe, L.Ac.\"\n---\n\nSee example.org and call 212-555-0142.\n"
    assert not placeholders(page, "docs/x.md", only_front_matter=True)
    marked = page.replace("Jane Doe, L.Ac.", "Clinician name (placeholder)")
    assert placeholders(marked, "docs/x.md", only_front_matter=True)[0][:3] == ("docs/x.md", 3, "a value marked as a placeholder")


def test_a_production_build_lists_every_placeholder_and_a_replaced_one_disappears(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / ".github").mkdir()
    (project / ".github" / "CODEOWNERS").write_text("*  @example-org/web-developers\n")
    result = run_build(project, tmp_path / "site", env={"SITE_ENV": "production"})
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    for expected in (r"mkdocs.yml:", "a fictional 555-01xx phone number: +12125550142", "[Street address]",
                     "[price]", "booking.example.org", "docs/insurance.md:8: a value marked as a placeholder",
                     ".github/CODEOWNERS:1: a placeholder GitHub account"):
        assert expected in output, expected
    edit("mkdocs.yml", 'street_address: "[Street address]"', "street_address: 100 Test Street")(project)
    again = run_build(project, tmp_path / "site", env={"SITE_ENV": "production"})
    assert "[Street address]" not in again.stdout + again.stderr
    assert "[price]" in again.stdout + again.stderr


def test_without_the_switch_the_site_builds_with_placeholders(site):
    assert "[Street address]" in (site / "book" / "index.html").read_text(encoding="utf-8")
