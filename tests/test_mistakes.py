"""Every mistake staff can make fails the strict build with a message naming the file, the line
and the fix. Each case copies the site, makes one mistake, and runs a real `mkdocs build --strict`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import copy_project, run_build
from project_files import refresh_translations

ARTICLE = "docs/articles/acupuncture-for-low-back-pain.md"


def edit(path: str, old: str, new: str, count: int = 1):
    def apply(project: Path):
        file = project / path
        text = file.read_text()
        assert old in text, f"{old!r} not in {path}"
        file.write_text(text.replace(old, new, count))
    return apply


def write(path: str, text: str):
    def apply(project: Path):
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text(text)
    return apply


def nav_and_page(path: str, text: str):
    def apply(project: Path):
        write(path, text)(project)
        edit("mkdocs.yml", "  - Book: book.md", f"  - Book: book.md\n  - Extra: {path.removeprefix('docs/')}")(project)
    return apply


GOOD_FRONT = "---\ntitle: Test\ndescription: A test page for the checks.\nkind: about\n---\n\n"

CASES = {
    # front matter
    "front matter is not valid YAML": (
        edit(ARTICLE, "title: ", "title: [unclosed "),
        r"docs/articles/acupuncture-for-low-back-pain\.md:\d+: the front matter is not valid YAML — "),
    "unknown front-matter key": (
        edit(ARTICLE, "description:", "descripton:"),
        r"docs/articles/acupuncture-for-low-back-pain\.md:3: unknown front-matter key 'descripton' — did you mean 'description'\?"),
    "missing title": (
        edit("docs/privacy.md", "title: Privacy\n", ""),
        r"docs/privacy\.md:1: the page has no title — add 'title: \.\.\.'"),
    "missing description": (
        edit("docs/privacy.md", "description: ", "summary: "),
        r"docs/privacy\.md:1: the page has no description"),
    "description over 160 characters": (
        edit("docs/privacy.md", "description: ", "description: " + "Much too long. " * 10),
        r"docs/privacy\.md:3: the description is \d+ characters long — shorten it to 160 or fewer"),
    "unknown kind": (
        edit("docs/privacy.md", "kind: legal", "kind: legals"),
        r"docs/privacy\.md:4: unknown kind 'legals' — use one of: "),
    "medical page without a reviewer": (
        edit("docs/insurance.md", "reviewed_by:", "reviewer:"),
        r"docs/insurance\.md:1: a medical page needs 'reviewed_by'"),
    "review date in the past": (
        edit("docs/insurance.md", "next_review: 2027-11-27", "next_review: 2020-01-01"),
        r"docs/insurance\.md:7: the review was due on 2020-01-01 — have a clinician review the page"),
    "malformed date": (
        edit("docs/insurance.md", "next_review: 2027-11-27", "next_review: 27/11/2027"),
        r"docs/insurance\.md:7: .27/11/2027. is not a date — write next_review as YYYY-MM-DD"),
    "empty page": (
        nav_and_page("docs/empty.md", GOOD_FRONT + "<!-- to do -->\n"),
        r"docs/empty\.md:\d+: the page is empty"),
    "page without front matter": (
        nav_and_page("docs/bare.md", "# Just text\n\nHello.\n"),
        r"docs/bare\.md:1: the page has no front matter"),
    "unknown booking_cta setting": (
        edit("docs/treatments.md", "kind: treatment", "kind: treatment\nbooking_cta:\n  headline: Hi"),
        r"docs/treatments\.md:\d+: booking_cta has unknown setting 'headline' — use only heading and text"),
    # citations and bibliography
    "unknown citation key": (
        edit(ARTICLE, "[@debar2025backinaction]", "[@debar2024backinaction]"),
        r"docs/articles/acupuncture-for-low-back-pain\.md:\d+: unknown citation key 'debar2024backinaction' — "
        r"did you mean 'debar2025backinaction'\?"),
    "bibliography entry without a title": (
        edit("data/bibliography.yaml", "  title: 'Acupuncture for Chronic Low Back Pain in Older Adults: A Randomized Clinical Trial'\n", ""),
        r"data/bibliography\.yaml:\d+: entry 'debar2025backinaction' has no title — add 'title: \.\.\.'"),
    "duplicate bibliography id": (
        edit("data/bibliography.yaml", "- id: debar2023protocol", "- id: debar2025backinaction"),
        r"data/bibliography\.yaml:\d+: duplicate id 'debar2025backinaction' \(also on line \d+\)"),
    "DOI that is not a DOI": (
        edit("data/bibliography.yaml", "DOI: 10.1001/jamanetworkopen.2025.31348", "DOI: doi.org/10.1001/x"),
        r"entry 'debar2025backinaction' has DOI 'doi.org/10.1001/x', which is not a DOI — write it as 10\.xxxx/"),
    "bibliography is not valid YAML": (
        edit("data/bibliography.yaml", "- id: debar2023protocol", "- id: debar2023protocol\n   bad: [indent"),
        r"data/bibliography\.yaml:\d+: the bibliography is not valid CSL YAML/JSON"),
    "bibliography file missing": (
        edit("mkdocs.yml", "bibliography: data/bibliography.yaml", "bibliography: data/missing.yaml"),
        r"mkdocs\.yml:\d+: extra\.citations\.bibliography: "),
    "unknown citation style": (
        edit("mkdocs.yml", "style: american-medical-association", "style: ama-11"),
        r"mkdocs\.yml:\d+: extra\.citations\.style: unknown citation style 'ama-11'"),
    "work nobody cites": (
        edit("data/bibliography.yaml", "- id: debar2023protocol",
             "- id: unused2020\n  type: book\n  title: Unused\n  author: [{literal: Nobody}]\n  issued: {date-parts: [[2020]]}\n\n- id: debar2023protocol"),
        r"the bibliography has works no page cites: unused2020"),
    # settings
    "booking URL over plain http": (
        edit("mkdocs.yml", "url: https://booking.example.org", "url: http://booking.example.org"),
        r"mkdocs\.yml:\d+: extra\.booking\.url: 'http://booking\.example\.org/alban-acupuncture' must be a web address starting with https://"),
    "booking URL that runs a script": (
        edit("mkdocs.yml", "url: https://booking.example.org/alban-acupuncture", "url: \"javascript:alert(1)\""),
        r"mkdocs\.yml:\d+: extra\.booking\.url: 'javascript:alert\(1\)' must be a web address starting with https://"),
    "empty booking URL": (
        edit("mkdocs.yml", "url: https://booking.example.org/alban-acupuncture", "url: \"\""),
        r"mkdocs\.yml:\d+: extra\.booking\.url: "),
    "empty booking label": (
        edit("mkdocs.yml", "label: Book an appointment", "label: \"  \""),
        r"mkdocs\.yml:\d+: extra\.booking\.label: must not be empty"),
    "phone number with dashes": (
        edit("mkdocs.yml", 'phone: "+12125550142"', 'phone: "212-555-0142"'),
        r"mkdocs\.yml:\d+: extra\.clinic\.phone: '212-555-0142' is not a phone number in international form — write it as \+1"),
    "phone number that cannot exist": (
        edit("mkdocs.yml", 'phone: "+12125550142"', 'phone: "+11235550142"'),
        r"mkdocs\.yml:\d+: extra\.clinic\.phone: '\+11235550142' is not a valid US number"),
    # links, images, navigation (MkDocs' own checks, made fatal by --strict)
    "link to a page that does not exist": (
        edit("docs/about.md", "(book.md)", "(booking.md)"),
        r"docs/about\.md:\d+: the link 'booking\.md' points to a file that does not exist — did you mean 'book\.md'\?"),
    "link to a missing heading": (
        edit("docs/about.md", "(book.md)", "(book.md#no-such-heading)"),
        r"docs/about\.md:\d+: the link 'book\.md#no-such-heading' points to a heading that 'book\.md' does not have — "),
    "missing image": (
        edit("docs/about.md", "## Who we are", "![Our office](images/office.jpg)\n\n## Who we are"),
        r"docs/about\.md:\d+: the image 'images/office\.jpg' points to a file that does not exist — check the file name"),
    "nav entry for a missing file": (
        edit("mkdocs.yml", "  - Book: book.md", "  - Book: book.md\n  - Prices: prices.md"),
        r"mkdocs\.yml:\d+: the menu \(nav\) lists 'prices\.md', which is not a page in docs/ — did you mean 'privacy\.md'\?"),
    "redirect to a missing page": (
        edit("mkdocs.yml", "services.md: treatments.md", "services.md: our-services.md"),
        r"mkdocs\.yml:\d+: 'services\.md' redirects to 'our-services\.md', which is not a page — use the path of a page"),
    "duplicate redirect": (
        edit("mkdocs.yml", "        faq.md: insurance.md\n", "        faq.md: insurance.md\n        faq.md: treatments.md\n"),
        r"mkdocs\.yml:\d+: the old address 'faq\.md' is listed twice \(also on line \d+\) — keep one line"),
    "redirect chain": (
        edit("mkdocs.yml", "services.md: treatments.md", "services.md: faq.md"),
        r"'services\.md' redirects to 'faq\.md', which is itself an old address — point it straight at 'insurance\.md'"),
    "over-strong health claim": (
        edit("docs/treatments.md", "## Safety", "## Safety\n\nAcupuncture is proven to cure back pain."),
        r"WARNING\s+-\s+docs/treatments\.md:\d+: over-strong health claim 'proven' — "),
    "opening time that is not a time": (
        edit("mkdocs.yml", 'opens: "09:00"', 'opens: "9am"'),
        r"mkdocs\.yml:\d+: extra\.clinic\.hours: .*'9am' is not a time — write it as 24-hour HH:MM"),
    "page missing from the nav": (
        write("docs/orphan.md", GOOD_FRONT + "# Orphan\n\nNot in the menu.\n"),
        r"docs/orphan\.md:1: this page is not in the menu — add it under 'nav:' in mkdocs\.yml"),
}


@pytest.mark.parametrize("name", CASES)
def test_mistake_fails_the_build_with_a_clear_message(name, tmp_path):
    make_mistake, expected = CASES[name]
    project = copy_project(tmp_path / "project")
    make_mistake(project)
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{name}: the build passed\n{output[-2000:]}"
    assert re.search(expected, output), f"{name}: message not found\n{output[-2000:]}"
    assert "Traceback" not in output, f"{name}: staff would see a Python traceback\n{output[-3000:]}"


def test_script_in_a_title_is_shown_as_text_not_run(tmp_path):
    project = copy_project(tmp_path / "project")
    edit("docs/privacy.md", "title: Privacy", 'title: "Privacy <script>alert(1)</script>"')(project)
    refresh_translations(project)  # the Spanish page follows its English title (else it fails on purpose)
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "privacy" / "index.html").read_text()
    assert "<script>alert(1)</script>" not in html
    assert "Privacy &lt;script&gt;alert(1)&lt;/script&gt;" in html
