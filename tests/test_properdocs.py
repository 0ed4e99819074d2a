"""The site builds unchanged with ProperDocs 1.6 (the community continuation of MkDocs 1.x that
mkdocs-redirects already installs), so the clinic can switch if MkDocs 1.x stops being usable."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

# Imported, never skipped: requirements-dev.txt pins ProperDocs, so a missing one is a failure.
import properdocs
from conftest import ENV, ROOT, copy_project


def properdocs_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    # -f with an absolute path: ProperDocs reads mkdocs.yml only as a fallback, with a notice.
    return subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict",
                           "-f", str(project / "mkdocs.yml"), "--site-dir", str(site_dir)],
                          cwd=project, env=ENV, capture_output=True, text=True)


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("properdocs-site")
    result = properdocs_build(ROOT, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


def test_properdocs_is_1_6():
    assert re.match(r"1\.6\.", properdocs.__version__), properdocs.__version__


def test_properdocs_builds_the_same_pages_as_mkdocs(site, properdocs_site):
    ours, theirs = files(site), files(properdocs_site)
    assert ours == theirs, f"only MkDocs: {sorted(ours - theirs)}; only ProperDocs: {sorted(theirs - ours)}"
    assert sum(name.endswith(".html") for name in ours) >= 15


def test_properdocs_pages_have_the_same_content(site, properdocs_site):
    differ = []
    for page in sorted(site.rglob("*.html")):
        name = page.relative_to(site).as_posix()
        ours = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        theirs = BeautifulSoup((properdocs_site / name).read_text(encoding="utf-8"), "html.parser")
        for part in ("title", "article", "head script[type='application/ld+json']", "footer"):
            a, b = ours.select_one(part), theirs.select_one(part)
            if str(a) != str(b):
                differ.append(f"{name}: <{part}>")
    assert not differ, "\n".join(differ)


def test_properdocs_reports_mistakes_the_same_way(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "privacy.md"
    page.write_text(page.read_text().replace("description:", "descripton:", 1))
    result = properdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(r"docs/privacy\.md:3: unknown front-matter key 'descripton' — did you mean 'description'\?",
                     output), output[-2000:]
    assert "Traceback" not in output, output[-3000:]
