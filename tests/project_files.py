"""The files that make up the site, and a copy of them for builds with a deliberate change
(mistake tests, benchmarks). Shared by the tests and the scripts."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_FILES = ["mkdocs.yml", "docs", "overrides", "hooks", "data"]


def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    for name in SITE_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / name)
    return destination
