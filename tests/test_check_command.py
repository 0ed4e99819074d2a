"""`python -m clinic check` reports what the build reports, in the same words, without a build."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from conftest import ROOT, copy_project, run_build
from test_mistakes import ARTICLE, edit, nav_and_page

GOOD_FRONT = "---\ntitle: Test\ndescription: A test page for the checks.\nkind: about\n---\n\n"


def run_check(folder) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "clinic", "check", str(folder)], cwd=ROOT / "hooks",
                          capture_output=True, text=True)


def test_the_site_passes_in_a_few_seconds():
    start = time.perf_counter()
    result = run_check(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert time.perf_counter() - start < 20  # a few seconds on a quiet machine; CI machines are shared


@pytest.mark.parametrize("mistake", [
    edit(ARTICLE, "[@", "[@nosuchkey; @"),
    edit(ARTICLE, "(../insurance.md)", "(../insurence.md)"),
    edit(ARTICLE, "kind: article", "kind: article\nkinds: article"),
    edit("mkdocs.yml", "services.md: treatments.md", "services.md: treatment.md"),
    nav_and_page("docs/extra.md", GOOD_FRONT + "Acupuncture will cure your back pain.\n"),
    nav_and_page("docs/extra.md", GOOD_FRONT + "Text.\n\n<script>alert(1)</script>\n"),
], ids=["citation", "link", "front-matter", "redirect", "claim", "content-html"])
def test_a_mistake_gets_the_builds_message(mistake, tmp_path):
    project = copy_project(tmp_path / "project")
    mistake(project)
    checked = run_check(project)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    first = checked.stdout.splitlines()[0]
    assert ".md:" in first or "mkdocs.yml:" in first
    built = run_build(project, tmp_path / "site")
    assert built.returncode != 0
    assert first in built.stdout + built.stderr
