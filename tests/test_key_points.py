"""Key points first (issue 15): `key_points:` in front matter, checked by the one schema, and
shown in a box right after the title of every medical page."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup

from clinic.front_matter import front_matter_problems, read
from clinic.page_kinds import MEDICAL_KINDS
from conftest import ROOT, built_path

TODAY = dt.date(2026, 11, 30)
REVIEW = "last_reviewed: 2026-11-01\nnext_review: 2027-11-01\nreviewed_by: \"Jane Doe, L.Ac.\"\n"


def problems(front: str, page_exists=None) -> list[str]:
    source = f"---\ntitle: T\ndescription: D\nkind: article\n{front}{REVIEW}---\n\n# T\n\nText.\n"
    return front_matter_problems(source, "docs/x.md", TODAY, page_exists=page_exists)


def points(*items: str) -> str:
    return "key_points:\n" + "".join(f"  - {item}\n" for item in items)


def test_three_to_five_plain_points_pass():
    assert problems(points("One.", "Two.", "Three.")) == []
    assert problems(points("One.", "Two.", "Three.", "Four.", "Five.")) == []


@pytest.mark.parametrize("front, expected", [
    ("", "docs/x.md:1: a medical page needs key_points"),
    (points("One.", "Two."), "docs/x.md:5: 2 key points, not a list of 3 to 5"),
    (points("A.", "B.", "C.", "D.", "E.", "F."), "docs/x.md:5: 6 key points"),
    ("key_points: Just one line.\n", "docs/x.md:5: key_points is 'Just one line.'"),
    (points("One.", "x" * 161, "Three."), "docs/x.md:7: key point 2 is 161 characters long"),
    (points("One.", "Two [@debar2025backinaction].", "Three."), "docs/x.md:7: key point 2 has a citation"),
    (points("One.", "Two.", "A **bold** claim."), "docs/x.md:8: key point 3 has formatting or HTML"),
    (points("One.", "Two.", "<b>Three</b>"), "docs/x.md:8: key point 3 has formatting or HTML"),
    (points("One.", "''", "Three."), "docs/x.md:7: key point 2 is empty or not text"),
])
def test_key_point_mistakes_are_named_with_their_line(front, expected):
    found = problems(front)
    assert len(found) == 1 and found[0].startswith(expected), found
    assert " — " in found[0]


def test_a_summary_page_uses_the_key_points_of_the_page_it_sums_up():
    assert problems("summary_of: articles/a.md\n", {"articles/a.md"}.__contains__) == []
    found = problems("summary_of: articles/nope.md\n", {"articles/a.md"}.__contains__)
    assert found and found[0].startswith("docs/x.md:5: summary_of names 'articles/nope.md', which is not a page")


def test_other_pages_need_no_key_points():
    source = "---\ntitle: T\ndescription: D\nkind: legal\n---\n\n# T\n\nText.\n"
    assert front_matter_problems(source, "docs/x.md", TODAY) == []


def medical_pages() -> list[str]:
    return sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")
                  if read(p.read_text(encoding="utf-8")).meta.get("kind") in MEDICAL_KINDS)


@pytest.mark.parametrize("src", medical_pages())
def test_every_medical_page_opens_with_its_key_points(site, src):
    meta = read((ROOT / "docs" / src).read_text(encoding="utf-8")).meta
    html = BeautifulSoup(built_path(site, src).read_text(encoding="utf-8"), "html.parser")
    h1 = html.select_one("article h1")
    box = h1.find_next_sibling()
    assert box is not None and "clinic-key-points" in box.get("class", []), f"{src}: the box is not right after the title"
    shown = [li.get_text(" ", strip=True) for li in box.select("li")]
    if "summary_of" in meta:
        meta = read((ROOT / "docs" / meta["summary_of"]).read_text(encoding="utf-8")).meta
    assert shown == meta["key_points"]
    for word in ("proven", "cure", "guarantee"):
        assert not any(word in point.lower() for point in shown), (src, word)
