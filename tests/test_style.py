"""Markdown style (PyMarkdown) and spelling (codespell) of every page in docs/, each finding
reported the site's way: `docs/<file>.md:<line>: <what is wrong> — <how to fix it>`."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import check_style  # noqa: E402

MESSAGE = re.compile(r"^(?P<path>\S+\.md):(?P<line>\d+): (?P<what>.+) — (?P<fix>.+)$")


@pytest.fixture(scope="module")
def pages() -> list[Path]:
    files = check_style.markdown_files()
    assert len(files) >= 10
    return files


def test_pages_follow_the_markdown_style(pages):
    problems = check_style.markdown_problems(pages)
    assert not problems, "\n" + "\n".join(problems)


def test_pages_have_no_spelling_mistakes(pages):
    problems = check_style.spelling_problems(pages + [ROOT / "CONTRIBUTING.md"])
    assert not problems, "\n" + "\n".join(problems)


def test_style_and_spelling_mistakes_are_reported_with_file_line_and_fix(tmp_path):
    page = tmp_path / "mistakes.md"
    page.write_text("---\ntitle: Test\n---\n\nIntro first.\n# Heading\nText.\n\nThe patient will recieve moxa.\n",
                    encoding="utf-8")
    problems = check_style.markdown_problems([page]) + check_style.spelling_problems([page])
    for problem in problems:
        assert MESSAGE.match(problem), problem
    assert any(re.search(r"mistakes\.md:5: First line .*\[MD041\] — start the page", p) for p in problems), problems
    assert any(re.search(r"mistakes\.md:6: Headings should be surrounded by blank lines.* — leave an empty line", p)
               for p in problems), problems
    assert any(re.search(r"mistakes\.md:9: 'recieve' looks misspelled — write 'receive'; .*spelling-words\.txt", p)
               for p in problems), problems
    assert not any("moxa" in p for p in problems), "the clinic word list is not used"


def test_the_sites_own_markdown_is_not_flagged(tmp_path):
    """Front matter, admonitions, grid cards and multi-paragraph list items are how this site is written."""
    page = tmp_path / "fine.md"
    page.write_text(
        "---\ntitle: Fine\ndescription: A page.\nkind: about\nhide:\n  - navigation\n---\n\n"
        "# A heading of its own\n\n"
        "A long line " + "that goes on " * 40 + "and on.\n\n"
        '!!! note "How strong is the evidence?"\n    Indented body of the note.\n\n'
        '<div class="grid cards" markdown>\n\n-   **[Card](index.md)**\n\n    Its text.\n\n</div>\n\n'
        "- one\n- two\n\n1.  First step.\n\n    More about it.\n\n2.  Second step.\n\n"
        "Qi, gua sha, moxibustion, cupping, electroacupuncture, HSA and FSA.\n",
        encoding="utf-8")
    assert check_style.markdown_problems([page]) == []
    assert check_style.spelling_problems([page]) == []


@pytest.mark.parametrize("line, expected", [
    ("/srv/site/docs/a.md:12:1: MD022: Headings should be surrounded by blank lines. (blanks-around-headings)",
     ":12: Headings should be surrounded by blank lines [MD022] — leave an empty line before and after"),
    ("docs/a.md:3:5: MD999: Something new. (brand-new-rule)",
     ":3: Something new [MD999] — see rule MD999 (brand-new-rule) in PyMarkdown's documentation"),
])
def test_markdown_findings_are_reworded(line, expected):
    assert expected in check_style.markdown_problem(line)


def test_spelling_findings_are_reworded():
    message = check_style.spelling_problem("docs/a.md:7: Ther ==> There, Their, The")
    assert message == ("docs/a.md:7: 'Ther' looks misspelled — write 'There' or 'Their' or 'The'; "
                       "if the word is right, add it in lower case to spelling-words.txt")
    assert check_style.spelling_problem("3 files checked") is None


def test_clinic_word_list_is_one_lower_case_word_a_line():
    words = (ROOT / "spelling-words.txt").read_text(encoding="utf-8").split("\n")
    assert words[-1] == "", "end the file with a newline"
    words = words[:-1]
    for word in ("qi", "gua", "sha", "moxibustion"):
        assert word in words
    assert all(re.fullmatch(r"[a-z][a-z'-]*", w) for w in words), [w for w in words if not re.fullmatch(r"[a-z'-]+", w)]
    assert words == sorted(set(words)), "keep the list in alphabetical order, each word once"


def test_style_tools_are_pinned():
    requirements = (ROOT / "requirements-dev.txt").read_text()
    assert re.search(r"^pymarkdownlnt==\d", requirements, re.M)
    assert re.search(r"^codespell==\d", requirements, re.M)
