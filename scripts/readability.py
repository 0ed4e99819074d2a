"""Readability report: Flesch-Kincaid grade and SMOG index of every page's prose.

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
    for page in sorted((ROOT / "docs").rglob("*.md")):
        text = prose(page.read_text(encoding="utf-8"))
        rows.append((page.relative_to(ROOT).as_posix(), textstat.flesch_kincaid_grade(text),
                     textstat.smog_index(text), target(page)))
    return rows


if __name__ == "__main__":
    print(f"{'page':58} {'FK grade':>8} {'SMOG':>6} {'target':>6}")
    for name, grade, smog, goal in report():
        flag = "" if grade <= goal else "  <- above target"
        print(f"{name:58} {grade:8.1f} {smog:6.1f} {goal:6.0f}{flag}")
