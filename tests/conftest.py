"""Shared fixtures: one strict build of the site per test session, served on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from project_files import ROOT, SITE_FILES, copy_project  # noqa: F401 (tests import them from here)

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def run_build(project: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                          cwd=project, env={**ENV, **(env or {})}, capture_output=True, text=True)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("site")
    result = run_build(ROOT, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def config() -> dict:
    # mkdocs.yml has !!python tags in some projects; this one is plain YAML.
    return yaml.safe_load((ROOT / "mkdocs.yml").read_text())


def nav_files(nav) -> list[str]:
    files = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        files += nav_files(value) if isinstance(value, list) else [value]
    return files


def built_path(site: Path, src: str) -> Path:
    if src.endswith(".es.md"):  # a Spanish twin, built under /es/ (mkdocs-static-i18n)
        return site / "es" / built_path(site, src[:-6] + ".md").relative_to(site)
    stem = src[:-3]
    if stem == "index" or stem.endswith("/index"):
        return site / stem[:-5] / "index.html" if stem != "index" else site / "index.html"
    return site / stem / "index.html"


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session: Playwright's sync API allows one at a time."""
    from browser import CHROMIUM, launch
    if not Path(CHROMIUM).exists():
        message = f"Chromium is not at {CHROMIUM}: run the README's test command, which installs it"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    with launch() as chromium:
        yield chromium


@pytest.fixture(scope="session")
def base_url(site):
    """The built site, served on 127.0.0.1 for the browser tests."""
    from site_server import serve
    server, url = serve(site)
    yield url
    server.shutdown()
