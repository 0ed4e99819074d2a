"""The site as a patient meets it (issue 15): the home page's first screen on a phone answers
where, when and how to book; no documentation furniture (table of contents, edit pencil); the
clinic's whole name in the header; no reading text under 16 px on a phone."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from clinic.front_matter import read
from test_browser import ARTIFACTS, PHONE, page_paths

pytestmark = pytest.mark.browser
SMALL_TEXT = (Path(__file__).parent / "small_text.js").read_text(encoding="utf-8")
NO_TOC_KINDS = ("home", "contact", "legal")


def in_first_screen(page, locator) -> bool:
    box = locator.bounding_box()
    bar = page.locator(".clinic-cta-bar").bounding_box()
    bottom = bar["y"] if bar else page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= bottom


def test_home_first_screen_on_a_phone_says_where_when_and_how_to_book(browser, base_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url)
    home = page.locator("article .clinic-home")
    checks = {
        "clinic name": home.locator(".clinic-home__name"),
        "what it helps with": home.locator("h1"),
        "address": home.locator("address"),
        "hours": home.locator(".clinic-home__hours li").last,
        "Book button": home.locator("a.clinic-home__book"),
        "Call button": home.locator("a.clinic-home__call"),
    }
    for what, locator in checks.items():
        assert in_first_screen(page, locator), f"the {what} is not on the phone's first screen"
    assert "Upper West Side" in home.locator("address").inner_text()
    assert home.locator("a.clinic-home__book").get_attribute("href").startswith("https://")
    assert home.locator("a.clinic-home__call").get_attribute("href").startswith("tel:+1")
    assert page.locator("article .clinic-home__photo .clinic-home__picture").is_visible()
    assert page.locator("article #your-first-visit").count() == 1
    context.close()


LUMINANCE = """(color) => {
    const [r, g, b] = color.match(/[\\d.]+/g).slice(0, 3).map(v => v / 255)
        .map(v => v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_photo_placeholder_takes_the_colours_of_either_scheme(browser, base_url, scheme):
    """Until go-live the practitioner's photo is a drawing (partials/practitioner-placeholder.svg):
    in the dark scheme a dark box with a lighter frame, not a light box on a dark page; and hidden
    from screen readers, since it shows nobody."""
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url)
    drawing = page.locator("article .clinic-home__photo svg.clinic-home__placeholder")
    assert drawing.get_attribute("aria-hidden") == "true"
    colours = drawing.evaluate("""svg => ({
        page: getComputedStyle(document.body).backgroundColor,
        back: getComputedStyle(svg.querySelector('.clinic-home__placeholder-back')).fill,
        frame: getComputedStyle(svg.querySelector('.clinic-home__placeholder-frame')).stroke })""")
    light = {name: page.evaluate(LUMINANCE, colour) > 0.4 for name, colour in colours.items()}
    context.close()
    assert light["back"] == light["page"], f"the placeholder's box stands out from the {scheme} page: {colours}"
    assert light["frame"] != light["page"], f"the placeholder's dashed frame does not show: {colours}"


@pytest.mark.parametrize("language", ["", "es/"])  # Spanish buttons are wider: "Hacer cita", "Llamar al"
@pytest.mark.parametrize("width", [320, 360, 390])
def test_home_has_no_sideways_scrolling(browser, base_url, width, language):
    context = browser.new_context(viewport={"width": width, "height": 640}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + language)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The phone bar's buttons fit the screen, and the number is never split across two lines.
    for link in page.locator(".clinic-cta-bar a").all():
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, link.inner_text()
    for number in page.locator(".clinic-cta-bar .clinic-nowrap, .clinic-home__call .clinic-nowrap").all():
        assert number.evaluate("e => e.getClientRects().length") == 1, number.inner_text()
    context.close()


@pytest.mark.parametrize("language", ["", "es/"])
@pytest.mark.parametrize("width", [320, 360, 390, 412])
def test_header_shows_the_whole_clinic_name_on_phones(browser, base_url, width, language):
    context = browser.new_context(viewport={"width": width, "height": 700}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + language + "articles/acupuncture-for-low-back-pain/")
    name = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    assert name.inner_text().split() == ["Alban", "Acupuncture"]
    fits = page.evaluate("""(el) => {
        const box = el.getBoundingClientRect(), range = document.createRange();
        range.selectNodeContents(el);
        const text = range.getBoundingClientRect();
        // The text's own box: not cut by an ellipsis, and clear of the buttons beside it.
        const next = [...document.querySelectorAll('.md-header__inner > *')]
            .filter(n => n.getBoundingClientRect().left > box.left && n.getBoundingClientRect().width > 0)
            .map(n => n.getBoundingClientRect().left);
        return el.scrollWidth <= el.clientWidth + 1 && (next.length === 0 || text.right <= Math.min(...next) + 1);
    }""", name.element_handle())
    assert fits, f"the clinic's name is cut short or runs under the buttons at {width} px"
    context.close()


def pages_of_kind(kinds) -> list[str]:
    found = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        if read(path.read_text(encoding="utf-8")).meta.get("kind") in kinds:
            found.append(path.relative_to(ROOT / "docs").as_posix())
    return found


@pytest.mark.parametrize("src", pages_of_kind(NO_TOC_KINDS))
def test_home_booking_and_legal_pages_have_no_table_of_contents(src):
    meta = read((ROOT / "docs" / src).read_text(encoding="utf-8")).meta
    assert "toc" in (meta.get("hide") or []), f"docs/{src}: add '  - toc' under hide: (a {meta['kind']} page)"


def test_no_table_of_contents_or_edit_pencil_where_readers_see_them(browser, site, base_url):
    page = browser.new_page(viewport=PHONE)
    for src in pages_of_kind(NO_TOC_KINDS):
        path = "" if src == "index.md" else src.removesuffix(".md").removesuffix("index") + "/"
        page.goto(base_url + path)
        assert not page.locator(".md-sidebar--secondary .md-nav__list").is_visible(), src
        page.locator("label.md-header__button[for='__drawer']").click()
        assert page.get_by_text("Table of contents").filter(visible=True).count() == 0, src
        page.keyboard.press("Escape")
    for path in page_paths(site):
        file = site / path if path.endswith(".html") else site / path.lstrip("/") / "index.html"
        assert not BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").select(
            "article .md-content__button"), f"{path}: an edit pencil in the page"
    page.close()


def test_no_reading_text_under_16px_on_a_phone(browser, site, base_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    small, smallest = [], {}
    for path in page_paths(site):
        page.goto(base_url + (path if path != "404.html" else "no-such-page/"))
        found = page.evaluate(SMALL_TEXT, 16)
        small += [f"{path or '/'}: {text}" for text in found["small"]]
        smallest[path or "/"] = found["smallest"]
    context.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "smallest-text.txt").write_text(
        "".join(f"{size:5.1f} px  {name}\n" for name, size in sorted(smallest.items())), encoding="utf-8")
    assert not small, "text under 16px on a phone:\n" + "\n".join(small)
    assert len(smallest) >= 16 and min(smallest.values()) >= 16


def test_every_medical_page_shows_its_key_points_first(browser, base_url):
    from clinic.page_kinds import MEDICAL_KINDS
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    for src in pages_of_kind(MEDICAL_KINDS):
        address = src.removesuffix(".md").removesuffix(".es")
        address = address.removesuffix("index").removesuffix("/") + "/"
        page.goto(base_url + ("es/" if src.endswith(".es.md") else "") + address.lstrip("/"))
        box = page.locator("article .clinic-key-points")
        assert box.is_visible(), src
        assert 3 <= box.locator("li").count() <= 5, src
        # Nothing of the page's own text comes between the title and the box.
        assert page.evaluate("() => document.querySelector('article h1').nextElementSibling.className") \
            == "clinic-key-points", src
    context.close()
