"""Checks over every page ("a work no page cites", "a figure no page shows") speak only after a
full build: a `--dirty` build reads just the pages that changed."""

from __future__ import annotations

import subprocess
import sys
import time

from clinic.page_coverage import PageCoverage
from conftest import ENV, copy_project
from test_mistakes import edit

UNUSED = ("- id: unused2020\n  type: book\n  title: Unused\n  author: [{literal: Nobody}]\n"
          "  issued: {date-parts: [[2020]]}\n\n- id: debar2023protocol")


def build(project, site, *flags):
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site), *flags],
                          cwd=project, env=ENV, capture_output=True, text=True)


def test_coverage_is_complete_only_when_every_page_was_read():
    coverage = PageCoverage()
    coverage.start(["a.md", "b.md"])
    coverage.saw("a.md")
    assert not coverage.complete
    coverage.saw("b.md")
    assert coverage.complete
    coverage.start(["a.md", "b.md"])  # the next build starts afresh
    assert not coverage.complete


def test_a_dirty_build_does_not_call_the_works_of_unread_pages_unused(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    first = build(project, site)
    assert first.returncode == 0, first.stderr
    time.sleep(1.1)  # file times have one-second steps on some file systems
    page = project / "docs" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    # mkdocs.yml is strict, and MkDocs itself warns that a dirty build is inexact.
    dirty = build(project, site, "--dirty", "--no-strict")
    assert dirty.returncode == 0, dirty.stderr
    assert "no page cites" not in dirty.stderr and "no page shows" not in dirty.stderr, dirty.stderr


def test_a_full_build_still_reports_an_unused_work(tmp_path):
    project = copy_project(tmp_path / "project")
    edit("data/bibliography.yaml", "- id: debar2023protocol", UNUSED)(project)
    full = build(project, tmp_path / "site")
    assert "the bibliography has works no page cites: unused2020" in full.stderr
