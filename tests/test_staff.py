"""Clinic staff edit safely: an "Edit this page" button on every page, a guide in plain words,
a pull-request checklist for clinical review, and a clinician as code owner of the content."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from clinic.front_matter import KEYS, KINDS
from conftest import ROOT, built_path, nav_files
from test_mistakes import CASES

EDIT_BASE = "https://github.com/example-org/alban-acupuncture-site/edit/main/docs/"


@pytest.fixture(scope="module")
def contributing() -> str:
    return (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_edit_uri_is_a_full_github_editor_url_without_repo_url(config):
    assert config["edit_uri"] == EDIT_BASE
    parts = urlsplit(config["edit_uri"])
    assert parts.scheme == "https" and parts.hostname == "github.com" and "/edit/" in parts.path
    # repo_url would add Material's repository widget, which calls api.github.com from readers' browsers.
    assert "repo_url" not in config and "repo_name" not in config
    assert "content.action.edit" in config["theme"]["features"]


def test_every_page_has_an_edit_link_in_the_footer_opening_its_source(site, config):
    # For staff: a text link in the footer, not a pencil in the page (a patient who taps it lands
    # on a GitHub login).
    for src in nav_files(config["nav"]):
        html = BeautifulSoup(built_path(site, src).read_text(encoding="utf-8"), "html.parser")
        links = [a for a in html.select("a") if "edit" in a.get("rel", [])]
        assert [a["href"] for a in links] == [EDIT_BASE + src], src
        assert links[0].get_text(strip=True) == "Edit this page on GitHub", src
        assert links[0].find_parent("footer") is not None, src
        assert not html.select("article a.md-content__button"), src


def test_no_page_asks_github_for_repository_facts(site):
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "api.github.com" not in text, path
        assert 'class="md-source"' not in text and "data-md-component=\"source\"" not in text, path


def test_go_live_checklist_names_the_real_repository():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    checklist = readme.split("## Go-live checklist", 1)[1].split("\n## ", 1)[0]
    assert re.search(r"- \[ \] `mkdocs.yml` `edit_uri`: the real repository", checklist)
    assert "CODEOWNERS" in checklist


def test_guide_explains_every_front_matter_key_and_kind(contributing):
    for key in KEYS:
        assert f"| `{key}` |" in contributing, f"CONTRIBUTING.md: add a row for the front-matter key '{key}'"
    for kind in KINDS:
        assert f"| `{kind}` |" in contributing, f"CONTRIBUTING.md: add a row for the kind '{kind}'"


@pytest.mark.parametrize("syntax", ["[@smith2024neck]", "[@smith2024neck; @lee2023trial]",
                                    "[@smith2024neck, p. 12]", "[see @smith2024neck]"])
def test_guide_shows_the_citation_syntax(contributing, syntax):
    assert syntax in contributing


def test_guide_covers_the_staff_tasks(contributing):
    for words in ["## Edit a page", "## Add a new article", "## Cite a source", "data/bibliography.yaml",
                  "Zotero", "CSL JSON", "## Change the phone number", "extra:", "booking:",
                  "## Set review dates", "## Preview your change", "screenshots", "bash scripts/serve.sh",
                  "## When a check fails", "nav:"]:
        assert words in contributing, words


def test_guide_example_citation_entry_is_a_valid_bibliography_entry(contributing):
    import yaml
    from clinic.bibliography import entry_problems
    blocks = re.findall(r"```yaml\n(- id: .*?)```", contributing, re.S)
    assert len(blocks) >= 2
    for block in blocks:
        entries = yaml.safe_load(block)
        assert entry_problems(entries, "CONTRIBUTING.md") == []


def test_guide_explains_every_mistake_the_build_catches(contributing):
    table = contributing.split("## When a check fails", 1)[1]
    rows = {line.split("|")[1].strip().lower() for line in table.splitlines() if line.startswith("| ")}
    missing = [name for name in CASES if name.lower() not in rows]
    assert not missing, f"CONTRIBUTING.md, 'When a check fails': add a row for {missing}"


def test_pull_request_template_has_the_clinical_review_checklist():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+?)(?=^- \[|^#|\Z)", template, re.M | re.S)
    text = " ".join(" ".join(box.split()) for box in boxes)
    for item in ["Facts checked against sources", "Claims hedged", "Review dates updated", "`reviewed_by` set"]:
        assert item in text, item


def test_a_clinician_owns_the_pages_and_the_bibliography():
    owners = {}
    for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *handles = line.split()
            assert handles and all(re.fullmatch(r"@[\w.-]+(/[\w.-]+)?", h) for h in handles), line
            owners[pattern] = handles
    assert "@example-org/clinicians" in owners["/docs/"]
    assert "@example-org/clinicians" in owners["/data/bibliography.yaml"]
