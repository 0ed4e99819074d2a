"""Unit tests of the link, image and menu checks."""

from markdown.extensions.toc import slugify

from clinic.links import anchors, link_problems, nav_problems

FILES = {"index.md", "book.md", "articles/a.md", "assets/images/logo.svg"}
ANCHORS = {"book.md": {"before-your-first-visit"}, "index.md": set(), "articles/a.md": {"intro", "intro_1"}}


def problems(markdown, src="articles/a.md"):
    return link_problems(f"docs/{src}", src, markdown, FILES, ANCHORS, first_line=5)


def test_good_links_pass():
    assert problems("[Book](../book.md#before-your-first-visit) ![logo](../assets/images/logo.svg) "
                    "[top](#intro) [out](https://example.org/x) [call](tel:+12125550142)") == []


def test_missing_page_names_the_line_and_suggests_the_right_one():
    assert problems("one\n[Book](../booking.md)") == [
        "docs/articles/a.md:6: the link '../booking.md' points to a file that does not exist — did you mean '../book.md'?"]


def test_missing_heading_and_image():
    found = problems("[x](../book.md#before-your-visit)\n![pic](office.jpg)")
    assert found[0].startswith("docs/articles/a.md:5: the link '../book.md#before-your-visit' points to a heading")
    assert "did you mean '#before-your-first-visit'?" in found[0]
    assert found[1].startswith("docs/articles/a.md:6: the image 'office.jpg' points to a file that does not exist")


def test_links_in_code_are_not_checked():
    assert problems("`[x](nope.md)`\n\n```\n[x](nope.md)\n```") == []


def test_anchors_follow_python_markdown():
    text = "# Intro\n\n## Does it hurt?\n\n## Does it hurt?\n\n## Custom {#mine}\n\n```\n# not a heading\n```"
    assert anchors(text, slugify) == {"intro", "does-it-hurt", "does-it-hurt_1", "mine"}


def test_nav_problems():
    config = "nav:\n  - Home: index.md\n  - Prices: prices.md\n"
    nav = [{"Home": "index.md"}, {"Prices": "prices.md"}]
    found = nav_problems("mkdocs.yml", config, nav, {"index.md", "orphan.md", "404.md"}, {"404.md"})
    assert found == ["mkdocs.yml:3: the menu (nav) lists 'prices.md', which is not a page in docs/ — "
                     "create the page in docs/, or remove the line",
                     "docs/orphan.md:1: this page is not in the menu — add it under 'nav:' in mkdocs.yml, "
                     "so readers can find it"]
