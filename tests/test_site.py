"""Site tests: build the site once, strictly, and read its HTML."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import built_path, nav_files

ARTICLE_PAGES = ["articles/acupuncture-for-low-back-pain.md", "how-acupuncture-works/index.md",
                 "how-acupuncture-works/pain-signals.md", "how-acupuncture-works/circulation-and-inflammation.md",
                 "how-acupuncture-works/muscle-tension-and-trigger-points.md",
                 "how-acupuncture-works/stress-response.md", "how-acupuncture-works/chinese-medicine-balance.md",
                 "treatments.md", "insurance.md"]
NO_CTA_PAGES = ["index.md", "book.md", "about.md", "disclaimer.md", "privacy.md"]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def all_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.fixture(scope="module")
def pages(site):
    return {path: soup(path) for path in all_pages(site)}


def test_every_nav_page_is_built_with_a_title_and_a_description(site, config):
    for src in nav_files(config["nav"]):
        html = soup(built_path(site, src))
        assert html.title and html.title.string.strip().endswith("Alban Acupuncture"), src
        description = html.find("meta", attrs={"name": "description"})
        assert description and 20 < len(description["content"]) <= 160, src
        assert len(html.select("article h1")) == 1, src


def test_no_broken_internal_links_or_anchors(site, pages):
    base = "http://site.invalid/"
    problems = []
    for path, html in pages.items():
        if path.name == "404.html" or "redirect" in path.read_text()[:400]:
            continue
        page_url = urljoin(base, path.relative_to(site).as_posix())
        for a in html.find_all("a", href=True):
            target = urlsplit(urljoin(page_url, a["href"]))
            if target.scheme in ("tel", "mailto") or target.netloc != "site.invalid":
                continue
            file = site / unquote(target.path.lstrip("/"))
            file = file / "index.html" if target.path.endswith("/") or file.is_dir() else file
            if not file.is_file():
                problems.append(f"{path.relative_to(site)}: {a['href']} (no such page)")
            elif target.fragment and file.suffix == ".html":
                ids = {tag.get("id") for tag in (pages.get(file) or soup(file)).find_all(id=True)}
                if unquote(target.fragment) not in ids:
                    problems.append(f"{path.relative_to(site)}: {a['href']} (no such heading)")
    assert not problems, "\n".join(problems)


def test_pages_load_nothing_from_another_host(site, pages):
    """Scripts, styles, images, fonts and frames all come from the site itself."""
    offenders = []
    for path, html in pages.items():
        for tag, attr in [("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"),
                          ("source", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"),
                          ("object", "data"), ("img", "srcset")]:
            for element in html.find_all(tag, attrs={attr: True}):
                if tag == "link" and not set(element.get("rel", [])) & {"stylesheet", "icon", "preload",
                                                                         "modulepreload", "manifest", "prefetch"}:
                    continue
                if re.match(r"^(https?:)?//", element[attr]):
                    offenders.append(f"{path.relative_to(site)}: <{tag} {attr}={element[attr]}>")
        for style in html.find_all("style"):
            offenders += [f"{path.relative_to(site)}: {u}" for u in re.findall(r"url\((['\"]?)(https?:)?//", style.text)]
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", css.read_text()):
            offenders.append(f"{css.relative_to(site)}: url({url})")
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("src, words", [
    ("index.md", ["back pain", "Medicare", "Book"]),
    ("articles/acupuncture-for-low-back-pain.md", ["BackInAction", "Roland-Morris", "800", "12 months", "usual"]),
    ("insurance.md", ["Medicare Advantage", "Medigap", "HSA", "FSA", "12 visits", "20", "auxiliary personnel"]),
    ("treatments.md", ["Electroacupuncture", "Cupping", "Gua sha", "Herbal", "Heat", "LED"]),
    ("disclaimer.md", ["physician", "911", "New York"]),
    ("privacy.md", ["cookies", "booking"]),
    ("about.md", ["review", "source"]),
    ("how-acupuncture-works/pain-signals.md", ["endorphin", "animal"]),
])
def test_pages_say_what_they_must(site, src, words):
    text = soup(built_path(site, src)).select_one("article").get_text(" ")
    for word in words:
        assert word.lower() in text.lower(), f"{src} does not mention {word!r}"


def test_facts_the_source_article_got_wrong_are_stated_correctly(site):
    article = soup(built_path(site, "articles/acupuncture-for-low-back-pain.md")).select_one("article").get_text(" ")
    assert "proven" not in article.lower()
    insurance = soup(built_path(site, "insurance.md")).select_one("article").get_text(" ")
    # Medicare lets physician assistants, nurse practitioners and supervised acupuncturists provide it too.
    assert "nurse practitioner" in insurance.lower() and "supervision" in insurance.lower()


def test_every_footnote_reference_links_to_its_note_and_back(site, pages):
    checked = 0
    for path, html in pages.items():
        for ref in html.select("a.footnote-ref"):
            note = html.find(id=ref["href"].lstrip("#"))
            assert note is not None and note.name == "li", f"{path}: {ref['href']}"
            if ref.parent.get("id"):  # the first citation of a work; repeats only link to the note
                backrefs = {a["href"].lstrip("#") for a in note.select("a.footnote-backref")}
                assert ref.parent["id"] in backrefs, f"{path}: {ref['href']} has no link back"
            else:
                number = note.parent.find_all("li", recursive=False).index(note) + 1
                assert ref.get_text() == str(number), f"{path}: {ref['href']} shows {ref.get_text()}, not {number}"
            checked += 1
    assert checked > 50


def test_references_sit_under_a_heading_at_the_end_with_doi_links(site):
    html = soup(built_path(site, "articles/acupuncture-for-low-back-pain.md"))
    heading = html.find("h2", id="references")
    assert heading is not None
    footnotes = html.select_one("div.footnote")
    assert heading.find_next("div", class_="footnote") is footnotes
    dois = [a["href"] for a in footnotes.select("a[href^='https://doi.org/10.']")]
    assert "https://doi.org/10.1001/jamanetworkopen.2025.31348" in dois
    assert footnotes.select("a[href^='https://pubmed.ncbi.nlm.nih.gov/']")


def test_no_citation_is_left_as_text(site, pages):
    for path, html in pages.items():
        article = html.select_one("article")
        if article:
            assert not re.search(r"\[@[\w:.-]+", article.get_text()), path


def test_footnote_tooltips_are_on(site):
    assert '"content.footnote.tooltips"' in (site / "index.html").read_text()


@pytest.mark.parametrize("src", ARTICLE_PAGES)
def test_article_pages_have_both_calls_to_action(site, config, src):
    html = soup(built_path(site, src))
    ctas = html.select("article [data-booking-cta]")
    assert [c["data-booking-cta"] for c in ctas] == ["after-intro", "end-of-page"], src
    for cta in ctas:
        link = cta.select_one("a.md-button--primary")["href"]
        assert link.startswith(config["extra"]["booking"]["url"] + "?")
        assert f"utm_source=website&utm_medium=cta&utm_content={cta['data-booking-cta']}" in link
        assert cta.select_one(f"a[href='tel:{config['extra']['clinic']['phone']}']")
    references = html.find("h2", id="references")
    if references:
        assert ctas[-1].find_next("h2", id="references") is references


@pytest.mark.parametrize("src", NO_CTA_PAGES)
def test_other_pages_have_no_call_to_action(site, src):
    assert not soup(built_path(site, src)).select("[data-booking-cta]")


def test_404_page_has_no_call_to_action_and_offers_ways_on(site):
    html = soup(site / "404.html")
    assert not html.select("[data-booking-cta]")
    assert html.select_one("article h1").get_text().strip() == "We can't find that page"


def test_every_page_has_the_header_actions_footer_and_phone_bar(site, config, pages):
    phone = config["extra"]["clinic"]["phone"]
    for path, html in pages.items():
        if html.select_one("meta[http-equiv='refresh']"):
            continue
        assert html.select_one(f".clinic-header-actions a[href='{config['extra']['booking']['url']}']"), path
        assert html.select_one(f".clinic-header-actions a[href='tel:{phone}']"), path
        assert html.select_one(f".clinic-cta-bar a[href='tel:{phone}']"), path
        footer = html.select_one(".clinic-footer")
        assert "Alban Acupuncture" in footer.get_text(), path
        disclaimer = "Aviso médico" if html.html["lang"] == "es" else "Medical disclaimer"
        assert [a.get_text() for a in footer.select(".clinic-footer__links a")][1] == disclaimer, path


def test_contact_page_shows_the_details_from_the_settings(site, config):
    clinic = config["extra"]["clinic"]
    card = soup(built_path(site, "book.md")).select_one(".clinic-contact")
    text = card.get_text(" ")
    assert "(212) 555-0142" in text and clinic["email"] in text and clinic["street_address"] in text
    assert len(card.select(".clinic-contact__hours tr")) == len(clinic["hours"])


def test_placeholders_are_clearly_fictional(config):
    clinic, booking = config["extra"]["clinic"], config["extra"]["booking"]
    assert re.fullmatch(r"\+1\d{3}55501\d\d", clinic["phone"])
    for url in (booking["url"], clinic["map_url"], config["site_url"]):
        assert urlsplit(url).hostname.endswith("example.org")
    assert clinic["email"].endswith("@example.org")


def test_theme_uses_no_web_fonts(config):
    assert config["theme"]["font"] is False


def test_table_cells_carry_their_column_heading_for_phones():
    from clinic.tables import label_table_cells
    html = ("<table>\n<thead>\n<tr>\n<th>Group</th>\n<th>Share &amp; size</th>\n</tr>\n</thead>\n<tbody>\n"
            "<tr>\n<td>Usual care</td>\n<td>29%</td>\n</tr>\n</tbody>\n</table>")
    out = label_table_cells(html)
    assert '<td data-label="Group">Usual care</td>' in out and '<td data-label="Share &amp; size">29%</td>' in out
    assert label_table_cells(out) == out


def test_built_tables_are_labelled(site):
    html = soup(built_path(site, "articles/acupuncture-for-low-back-pain.md"))
    cells = html.select("article table td")
    assert cells and all(td.get("data-label") for td in cells)
