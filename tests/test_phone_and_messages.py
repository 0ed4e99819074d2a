"""Unit tests of phone numbers and the shared message style."""

import pytest

from clinic.front_matter import markdown_line_offset
from clinic.messages import content_problem, github_annotation, line_in_file
from clinic.phone import display_phone, e164_problem


@pytest.mark.parametrize("number", ["+12125550142", "+442079460000"])
def test_valid_numbers(number):
    assert e164_problem(number) is None


@pytest.mark.parametrize("number", ["212-555-0142", "(212) 555-0142", "+1 212 555 0142", "12125550142",
                                    "+11125550142", "+12121550142", "", "+0123"])
def test_invalid_numbers_say_how_to_write_them(number):
    assert "+1" in e164_problem(number)


def test_display_is_the_us_way():
    assert display_phone("+12125550142") == "(212) 555-0142"
    assert display_phone("+442079460000") == "+442079460000"


def test_message_style():
    assert content_problem("docs/a.md", 3, "unknown citation key 'x'", "did you mean 'y'?") == \
        "docs/a.md:3: unknown citation key 'x' — did you mean 'y'?"
    assert content_problem("docs/a.md", None, "empty page") == "docs/a.md: empty page"


def test_github_annotation():
    assert github_annotation("docs/a.md:3: bad — fix") == "::error file=docs/a.md,line=3::bad — fix"
    assert github_annotation("mkdocs.yml: extra.booking.url: bad") == "::error file=mkdocs.yml::extra.booking.url: bad"


def test_front_matter_lines_are_counted():
    source = "---\ntitle: x\n---\n\n# Body\ntext\n"
    assert markdown_line_offset(source) == 4
    assert markdown_line_offset("# No front matter\n") == 0


def test_lines_after_two_hooks_inserted_text_are_the_files_own():
    # The first hook put 3 lines where line 2 was; the second put 3 lines where line 6 was.
    stages = [[(2, 3, 2)], [(6, 3, 6)]]
    assert line_in_file(10, stages) == 6
    assert line_in_file(7, stages) == 4
    assert line_in_file(3, stages) == 2
