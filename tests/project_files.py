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


def refresh_translations(project: Path) -> None:
    """In a copy whose English pages a test has edited, mark each Spanish twin as translating
    the edited version, as a translator would after bringing it up to date. (Without this the
    build fails on purpose: a translation may not fall behind silently.)"""
    import re
    import sys
    sys.path.insert(0, str(ROOT / "hooks"))
    from clinic.translations import fingerprint
    docs = project / "docs"
    for twin in docs.rglob("*.es.md"):
        english = twin.with_name(twin.name[:-len(".es.md")] + ".md")
        if english.is_file():
            text = twin.read_text(encoding="utf-8")
            new = f'translation_of: "{fingerprint(english.read_text(encoding="utf-8"))}"'
            twin.write_text(re.sub(r"^translation_of:.*$", new, text, count=1, flags=re.M), encoding="utf-8")
