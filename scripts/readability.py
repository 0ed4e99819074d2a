"""Readability report: Flesch-Kincaid grade and SMOG index of every English page's prose, and
the Fernández-Huerta score of every Spanish page (docs/*.es.md; 65 or more reads easily).

Targets: grade 8 or below for the article, the FAQ and patient pages; 10 or below for the
"How acupuncture works" pages. textstat is pinned to 0.7.8: later versions download NLTK data
at run time and fail offline. Usage: python scripts/readability.py"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

import textstat  # noqa: E402

from clinic.plain_text import prose  # noqa: E402


def target(page: Path) -> float:
    return 10 if "how-acupuncture-works" in page.parts else 8


def report() -> list[tuple[str, float, float, float]]:
    rows = []
    for page in sorted(p for p in (ROOT / "docs").rglob("*.md") if not p.name.endswith(".es.md")):
        text = prose(page.read_text(encoding="utf-8"))
        rows.append((page.relative_to(ROOT).as_posix(), textstat.flesch_kincaid_grade(text),
                     textstat.smog_index(text), target(page)))
    return rows


SPANISH_TARGET = 65


def spanish_report() -> list[tuple[str, float]]:
    textstat.set_lang("es")
    try:
        return [(page.relative_to(ROOT).as_posix(), textstat.fernandez_huerta(prose(page.read_text(encoding="utf-8"))))
                for page in sorted((ROOT / "docs").rglob("*.es.md"))]
    finally:
        textstat.set_lang("en")


if __name__ == "__main__":
    print(f"{'page':58} {'FK grade':>8} {'SMOG':>6} {'target':>6}")
    for name, grade, smog, goal in report():
        flag = "" if grade <= goal else "  <- above target"
        print(f"{name:58} {grade:8.1f} {smog:6.1f} {goal:6.0f}{flag}")
    print(f"\n{'Spanish page':58} {'Fernández-Huerta':>16} {'target':>6}")
    for name, score in spanish_report():
        flag = "" if score >= SPANISH_TARGET else "  <- below target"
        print(f"{name:58} {score:16.1f} {SPANISH_TARGET:6.0f}{flag}")
