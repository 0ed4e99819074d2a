"""The Spanish edition (issue #16): Spanish twins under /es/, marked for machines, linked both
ways, and a build that fails when a translation falls behind its English page."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import ROOT, built_path, copy_project, run_build

sys.path.insert(0, str(ROOT / "hooks"))
from clinic.figures import FigureError, parse_figure  # noqa: E402
from clinic.hours import clock, day_range  # noqa: E402
from clinic.languages import long_date, twin_links  # noqa: E402
from clinic.placeholders import placeholders  # noqa: E402
from clinic.template_words import WordsProblem, load_words, translator  # noqa: E402
from clinic.translations import fingerprint, translation_problems  # noqa: E402

DOCS = ROOT / "docs"
TRANSLATIONS = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.es.md"))
REQUIRED = ["index.es.md", "articles/acupuncture-for-low-back-pain.es.md", "insurance.es.md", "book.es.md",
            "disclaimer.es.md", "privacy.es.md"]
SITE_URL = "https://alban-acupuncture.example.org/"


def english_of(src: str) -> str:
    return src.replace(".es.md", ".md")


def spanish_path(site: Path, src: str) -> Path:
    english = built_path(site, english_of(src)).relative_to(site)
    return site / "es" / english


def tree(path: Path) -> LexborHTMLParser:
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def visible_text(path: Path) -> str:
    html = tree(path)
    for node in html.css("script, style, noscript, .md-search, .md-skip"):
        node.decompose()
    return " ".join(html.body.text(separator=" ").split())


# ---- The pages exist, in the right language -------------------------------------------------


def test_the_required_pages_have_spanish_twins():
    assert set(REQUIRED) <= set(TRANSLATIONS)


@pytest.mark.parametrize("src", TRANSLATIONS)
def test_each_translation_is_built_under_es_with_lang_es(site, src):
    page = tree(spanish_path(site, src))
    assert page.css_first("html").attributes["lang"] == "es"
    english = tree(built_path(site, english_of(src)))
    assert english.css_first("html").attributes["lang"] == "en"


def test_only_translated_pages_exist_in_spanish(site):
    built = {p.parent.relative_to(site / "es").as_posix() for p in (site / "es").rglob("index.html")}
    expected = {spanish_path(site, src).parent.relative_to(site / "es").as_posix() for src in TRANSLATIONS}
    assert built == expected  # no English page copied under /es/


# ---- Linked both ways and marked for machines ------------------------------------------------


@pytest.mark.parametrize("src", TRANSLATIONS)
def test_twins_link_each_other_with_hreflang_and_x_default(site, src):
    english_url = SITE_URL + built_path(site, english_of(src)).parent.relative_to(site).as_posix().strip(".") + "/"
    english_url = english_url.replace(".org//", ".org/")
    spanish_url = SITE_URL + spanish_path(site, src).parent.relative_to(site).as_posix() + "/"
    for path in (spanish_path(site, src), built_path(site, english_of(src))):
        links = {node.attributes["hreflang"]: node.attributes["href"]
                 for node in tree(path).css('head link[rel~="alternate"][hreflang]')}
        assert links == {"en": english_url, "es": spanish_url, "x-default": english_url}, path


@pytest.mark.parametrize("src", TRANSLATIONS)
def test_the_language_switch_lands_on_the_same_page_in_the_other_language(site, src):
    spanish, english = spanish_path(site, src), built_path(site, english_of(src))
    for here, there, lang in ((spanish, english, "en"), (english, spanish, "es")):
        switch = tree(here).css_first(f".clinic-header-actions a.clinic-language-switch[hreflang='{lang}']")
        assert switch is not None, here
        target = (here.parent / switch.attributes["href"]).resolve()
        assert target in (there.parent.resolve(), there.resolve()), (here, switch.attributes["href"])


def test_a_page_without_a_twin_has_no_switch_and_no_hreflang(site):
    page = tree(site / "treatments" / "index.html")
    assert not page.css(".clinic-language-switch")
    assert not page.css('link[rel~="alternate"][hreflang]')


def test_the_spanish_menu_lists_spanish_pages_and_links_the_english_site(site):
    page = site / "es" / "insurance" / "index.html"
    links = [(a.text(strip=True), a.attributes["href"]) for a in tree(page).css("nav.md-nav--primary a.md-nav__link")]
    for _, href in links:
        target = (page.parent / href.split("#")[0]).resolve()
        assert target == (site / "es").resolve() or (site / "es").resolve() in target.parents or \
            target == site.resolve(), href
    assert ("English", "../../") in links


def test_the_sitemap_lists_both_languages_with_their_alternates(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}es/insurance/</loc>" in sitemap
    assert f"<loc>{SITE_URL}insurance/</loc>" in sitemap
    assert f'hreflang="es" href="{SITE_URL}es/insurance/"' in sitemap
    assert f'hreflang="x-default" href="{SITE_URL}insurance/"' in sitemap
    assert "search/" not in sitemap


def test_structured_data_says_the_page_language(site):
    for path, lang in ((site / "es" / "insurance" / "index.html", "es"), (site / "insurance" / "index.html", "en")):
        data = json.loads(tree(path).css_first('script[type="application/ld+json"]').text())
        pages = [node for node in data["@graph"] if node["@type"] in ("MedicalWebPage", "FAQPage")]
        assert pages and all(node["inLanguage"] == lang for node in pages)


def test_pagefind_indexes_each_language_on_its_own(site):
    names = {p.name.split("_")[0] for p in (site / "pagefind").glob("pagefind.*.pf_meta")}
    assert {"pagefind.en", "pagefind.es"} <= names


def test_the_spanish_article_cites_from_the_same_bibliography_under_referencias(site):
    page = tree(spanish_path(site, "articles/acupuncture-for-low-back-pain.es.md"))
    assert page.css_first("h2#referencias") is not None
    notes = page.css(".footnote li")
    english = tree(built_path(site, "articles/acupuncture-for-low-back-pain.md")).css(".footnote li")
    assert len(notes) == len(english) > 10


@pytest.mark.parametrize("src", TRANSLATIONS)
def test_spanish_pages_show_no_english_template_words(site, src):
    text = visible_text(spanish_path(site, src))
    for english in ("Key points", "Page last reviewed", "Next review due", "Book or call", "Show the numbers",
                    "Opening hours", "In an emergency", "References", "Call (", "Monday",
                    "effective January", "(abstract, Results"):  # the figures' sources, under "Ver los números"
        assert english not in text, (src, english)


def test_the_404_page_speaks_both_languages(site):
    page = tree(site / "404.html")
    assert page.css_first("html").attributes["lang"] == "en"
    spanish = page.css_first('section[lang="es"]')
    assert spanish is not None and "No encontramos esa página" in spanish.text()
    assert not (site / "es" / "404.html").exists()


# ---- A translation never falls behind silently ----------------------------------------------


def test_an_english_edit_the_translation_lacks_fails_the_build_naming_both_files(tmp_path):
    project = copy_project(tmp_path / "project")
    article = project / "docs/articles/acupuncture-for-low-back-pain.md"
    text = article.read_text(encoding="utf-8")
    sentence = "Low back pain can wear you down."
    assert sentence in text
    article.write_text(text.replace(sentence, "Low back pain can wear you out."), encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    new = fingerprint(article.read_text(encoding="utf-8"))
    assert ("docs/articles/acupuncture-for-low-back-pain.es.md:" in result.stderr and
            "translates an older version of docs/articles/acupuncture-for-low-back-pain.md — update the "
            f"translation, then set translation_of: {new}") in result.stderr
    assert "Traceback" not in result.stderr


def test_a_new_review_date_on_the_english_page_does_not_count(tmp_path):
    source = (DOCS / "insurance.md").read_text(encoding="utf-8")
    assert fingerprint(source) == fingerprint(source.replace("last_reviewed: 2026-11-27", "last_reviewed: 2026-11-29"))
    assert fingerprint(source) == fingerprint(source.replace("\n", "  \r\n"))
    assert fingerprint(source) != fingerprint(source.replace("Insurance rules for acupuncture", "Insurance rules", 1))
    # A key point or the title is read by readers too: the translation must follow it.
    assert fingerprint(source) != fingerprint(source.replace("up to 20 a year", "up to 18 a year", 1))
    assert fingerprint(source) != fingerprint(source.replace("title: Insurance and Medicare", "title: Insurance", 1))
    assert fingerprint(source) == fingerprint(source.replace('reviewed_by: "Clinician name', 'reviewed_by: "Other name', 1))


@pytest.mark.parametrize("front_matter, expected", [
    ("", "does not say which version of docs/x.md it translates"),
    ('translation_of: "abc"\ntranslation_reviewed_by: "A"\n', "translation_of is 'abc', which is not a fingerprint"),
    ("translation_of: 123456789012\ntranslation_reviewed_by: A\n", "which is not a fingerprint"),
    ('translation_of: "0123456789ab"\ntranslation_reviewed_by: A\n', "translates an older version of docs/x.md"),
    ('translation_of: "{current}"\n', "does not say who checked the translation"),
    ('translation_of: "{current}"\ntranslation_reviewed_by: ""\n', "does not say who checked the translation"),
])
def test_missing_or_wrong_translation_values_fail_with_the_line(front_matter, expected):
    english = "---\ntitle: X\n---\n\n# X\n\nText.\n"
    source = "---\ntitle: Y\n" + front_matter.replace("{current}", fingerprint(english)) + "---\n\n# Y\n\nTexto.\n"
    problems = translation_problems("docs/x.es.md", source, "docs/x.md", english)
    assert any(expected in p and p.startswith("docs/x.es.md:") for p in problems), problems


def test_a_translation_without_an_english_page_fails():
    problems = translation_problems("docs/gone.es.md", "---\ntitle: Y\n---\n\nTexto.\n", "docs/gone.md", None)
    assert problems == ["docs/gone.es.md:1: this translation has no English page docs/gone.md — rename it after "
                        "the English page it translates, or add docs/gone.md"]


def test_every_translation_is_up_to_date_now():
    for src in TRANSLATIONS:
        source = (DOCS / src).read_text(encoding="utf-8")
        english = (DOCS / english_of(src)).read_text(encoding="utf-8")
        assert translation_problems(src, source, english_of(src), english) == [], src


def test_the_go_live_gate_treats_the_translation_reviewer_as_a_placeholder():
    for src in TRANSLATIONS:
        found = placeholders((DOCS / src).read_text(encoding="utf-8"), src, only_front_matter=True)
        assert any("translation_reviewed_by" in (DOCS / src).read_text(encoding="utf-8").split("\n")[line - 1]
                   for _, line, _, _ in found), src


# ---- The words around the page ---------------------------------------------------------------


def test_every_template_text_has_its_spanish():
    words = load_words((ROOT / "overrides/translations/es.yaml").read_text(encoding="utf-8"), "es.yaml")
    used = set()
    for path in (ROOT / "overrides").rglob("*.html"):
        used |= set(re.findall(r"""_\(\s*(?:"([^"]+)"|'([^']+)')\s*\)""", path.read_text(encoding="utf-8")))
    texts = {a or b for a, b in used}
    assert texts and not texts - set(words), texts - set(words)


def test_a_missing_or_doubled_template_text_names_the_file():
    with pytest.raises(WordsProblem, match=r"^es.yaml: no translation for the text 'Book'"):
        translator({}, "es.yaml")("Book")
    with pytest.raises(WordsProblem, match=r"^es.yaml:2: 'Book' is translated twice \(also on line 1\)"):
        load_words('"Book": "Pedir cita"\n"Book": "Cita"\n', "es.yaml")
    with pytest.raises(WordsProblem, match=r"^es.yaml:1: 'Book' has no text"):
        load_words('"Book": ""\n', "es.yaml")
    with pytest.raises(WordsProblem, match="anchors and aliases"):
        load_words('"Book": &a "x"\n"Call": *a\n', "es.yaml")
    assert translator(None)("Book") == "Book"


def test_hours_and_dates_read_naturally_in_spanish():
    assert day_range(["Monday", "Tuesday", "Wednesday", "Thursday"], "es") == "Lunes a jueves"
    assert day_range(["Friday", "Saturday"], "es") == "Viernes y sábado"
    assert clock("19:30", "es") == "7:30\u00a0p.\u00a0m." and clock("09:00", "es") == "9\u00a0a.\u00a0m."
    assert day_range(["Monday", "Tuesday", "Wednesday"]) == "Monday to Wednesday"
    import datetime as dt
    assert long_date(dt.date(2026, 11, 27), "es") == "27 de noviembre de 2026"
    assert long_date(dt.date(2026, 11, 27), "en") == "November 27, 2026"


def test_twin_links_between_languages():
    links = twin_links({"en": "insurance/", "es": "es/insurance/"}, {"en": "English", "es": "Español"}, "es",
                       SITE_URL, "en")
    assert links["switch"] == [{"lang": "en", "name": "English", "url": "insurance/"}]
    assert links["hreflang"][-1] == {"lang": "x-default", "href": SITE_URL + "insurance/"}
    assert twin_links({"en": "treatments/"}, {}, "en", SITE_URL, "en") == {"switch": [], "hreflang": []}


@pytest.mark.parametrize("page, twin, href", [("es/insurance/index.html", "en", "../../insurance/"),
                                              ("insurance/index.html", "es", "../es/insurance/"),
                                              ("es/index.html", "en", ".."), ("index.html", "es", "es/")])
def test_the_switch_links_the_twin_relative_to_the_page(site, page, twin, href):
    switch = tree(site / page).css_first(f".clinic-header-actions a.clinic-language-switch[hreflang='{twin}']")
    assert switch.attributes["href"] == href


# ---- Figures carry their Spanish in the same file ---------------------------------------------


FIGURE = """kind: bar-chart
title: Better
measure: Share better
source: A trial
caption: Shares [@x]
bars:
  - label: Care
    value: 29.4
  - label: Needles
    value: 38.8
"""


def test_a_figure_file_carries_its_spanish_words():
    figure = parse_figure(FIGURE + "es:\n  title: Mejor\n  measure: Mejoraron\n  caption: Porcentajes [@x]\n"
                          "  source: Un ensayo\n  bars:\n    - label: Atención\n    - label: Agujas\n",
                          "data/figures/f.yaml", "f")
    spanish = figure.in_language("es")
    assert spanish.title == "Mejor" and [b.label for b in spanish.bars] == ["Atención", "Agujas"]
    assert spanish.source == "Un ensayo" and figure.source == "A trial"  # "Fuente: ..." under the numbers
    assert [b.value for b in spanish.bars] == [29.4, 38.8]
    assert figure.in_language("en") is figure and figure.in_language("fr") is None


@pytest.mark.parametrize("block, expected", [
    ("es:\n  bars:\n    - label: Uno\n", "data/figures/f.yaml:12: the translation of 'bars' must have 2 items"),
    ("es:\n  bars:\n    - label: Uno\n      value: 50\n    - label: Dos\n", "item 1 of 'bars' can translate only label"),
    ("es:\n  kind: steps\n", "data/figures/f.yaml:12: 'kind' cannot be translated"),
    ("es:\n  bars:\n    - label: Una etiqueta demasiado larga para caber\n    - label: Dos\n", "f.yaml:13"),
])
def test_a_wrong_spanish_block_names_the_line(block, expected):
    with pytest.raises(FigureError, match=re.escape(expected)):
        parse_figure(FIGURE + block, "data/figures/f.yaml", "f")


def test_readability_of_the_spanish_article_and_faq():
    pytest.importorskip("textstat")
    sys.path.insert(0, str(ROOT / "scripts"))
    from readability import SPANISH_TARGET, spanish_report
    scores = dict(spanish_report())
    for src in ("docs/articles/acupuncture-for-low-back-pain.es.md", "docs/insurance.es.md"):
        assert scores[src] >= SPANISH_TARGET, (src, scores[src])


# ---- The content checks read Spanish ----------------------------------------------------------


def test_over_strong_claims_are_caught_in_spanish_too():
    from clinic.claims import claim_problems
    text = "La acupuntura cura el dolor.\nEstá comprobado que funciona.\nEs totalmente segura y sin riesgos.\n"
    words = [p.split("'")[1] for p in claim_problems(text, "docs/x.es.md", 1, "es")]
    assert words == ["cura", "Está comprobado", "totalmente segura", "sin riesgos"]
    assert claim_problems("El seguro de Medicare cubre la Parte B.\n", "docs/x.es.md", 1, "es") == []


def test_an_unsourced_effect_is_caught_in_spanish_and_our_practice_is_not():
    from clinic.claims import unsourced_statements
    found = unsourced_statements("La acupuntura alivia el dolor de muchas personas.\n\n"
                                 "En nuestra práctica, el calor ayuda a los músculos tensos.\n\n"
                                 "Un ensayo de 800 personas encontró un beneficio pequeño [@debar2025backinaction].\n",
                                 "es")
    assert [line for line, _ in found] == [1]


# ---- The checks over the whole site count both languages ---------------------------------------


def test_a_figure_or_work_used_only_on_a_spanish_page_is_still_used(tmp_path):
    project = copy_project(tmp_path / "project")
    insurance = project / "docs/insurance.md"
    text = insurance.read_text(encoding="utf-8")
    # The English page no longer shows the timeline or cites the ACAHM source; the Spanish one does.
    text = text.replace("<!-- figure: medicare-visits -->\n", "").replace(" [@acahm2021]", "")
    insurance.write_text(text, encoding="utf-8")
    from project_files import refresh_translations
    refresh_translations(project)
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "no page shows the figures" not in result.stderr and "no page cites" not in result.stderr
    # Gone from both languages: now it is unused, and said so once.
    spanish = project / "docs/insurance.es.md"
    spanish.write_text(spanish.read_text(encoding="utf-8").replace("<!-- figure: medicare-visits -->\n", ""),
                       encoding="utf-8")
    result = run_build(project, tmp_path / "site2")
    assert result.returncode != 0
    assert result.stderr.count("no page shows the figures medicare-visits") == 1, result.stderr


# ---- In a real browser ---------------------------------------------------------------------


@pytest.mark.browser
def test_the_spanish_search_finds_spanish_pages_only(browser, base_url):
    page = browser.new_page()
    for path, own, other in (("es/search/?q=medicare", "/es/", None), ("search/?q=medicare", "/", "/es/")):
        page.goto(base_url + path)
        page.locator(".clinic-search__results li").first.wait_for(timeout=10000)
        links = page.locator(".clinic-search__results a").evaluate_all("links => links.map(a => a.pathname)")
        assert links and all(link.startswith(own) for link in links), (path, links)
        if other:
            assert not any(link.startswith(other) for link in links), (path, links)
        status = page.locator("[data-clinic-search-status]").inner_text()
        assert ("resultados para" in status) == path.startswith("es/"), status
    page.close()


@pytest.mark.browser
def test_the_language_switch_is_one_tap_on_a_phone_and_lands_on_the_twin(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + "insurance/")
    switch = page.locator(".clinic-language-bar a.clinic-language-switch")
    assert switch.is_visible() and switch.inner_text() == "Español"
    switch.click()
    page.wait_for_url("**/es/insurance/")
    assert page.locator("html").get_attribute("lang") == "es"
    back = page.locator(".clinic-language-bar a.clinic-language-switch")
    assert back.inner_text() == "English"
    back.click()
    page.wait_for_url("**/insurance/")
    assert page.locator("html").get_attribute("lang") == "en"
    # The header shows the whole name beside Book and search, with no room lost to the switch.
    assert not page.locator(".clinic-header-actions .clinic-language-switch").is_visible()
    context.close()


# ---- Mistakes in the Spanish channels: the file, the line and a fix, never a traceback ---------


@pytest.mark.parametrize("line, expected", [
    ('"Your first visit takes about %(minutes)s minutes and costs %(price)s.": '
     '"Dura unos %(minutos)s minutos y cuesta %(price)s."',
     "leaves out %(minutes)s; it has %(minutos)s, which the English text does not"),
    ('"At most %(limit)s visits": "Como máximo %(limit)s visitas (100%)"', "has a '%' that is not part of a %(name)s"),
    ('"1 result for {words}.": "1 resultado."', "leaves out {words}"),
    ('"Jump back to footnote {} in the text": "Volver a la nota {n}"', "leaves out {}; it has {n}"),
    ('"Jump back to footnote {} in the text": "Volver a la nota {} {"', "has a '{' or '}' that is not part of a {}"),
])
def test_a_translation_keeps_the_places_where_numbers_and_words_go(line, expected):
    # A renamed %(minutes)s used to stop the Spanish build with a KeyError traceback.
    with pytest.raises(WordsProblem, match=r"^es\.yaml:2: the translation of '.*' " + re.escape(expected)):
        load_words('"Book": "Hacer cita"\n' + line + "\n", "es.yaml")
    assert load_words('"At most %(limit)s visits": "Como máximo %(limit)s visitas (100%%)"\n', "es.yaml")


def test_the_spanish_menu_names_the_spanish_file_and_the_spanish_menu():
    from clinic.links import nav_problems
    config = ("plugins:\n  - i18n:\n      languages:\n        - locale: es\n          nav:\n"
              "            - Inicio: index.md\n            - Tratamientos: treatments.md\n"
              "nav:\n  - Home: index.md\n  - Treatments: treatments.md\n")
    found = nav_problems("mkdocs.yml", config, [{"Inicio": "index.md"}, {"Tratamientos": "treatments.md"}],
                         {"index.md", "book.md"}, set(), "es")
    assert found == [
        "mkdocs.yml:7: the 'es' menu (nav) lists 'treatments.md', which has no translation docs/treatments.es.md — "
        "translate the page as docs/treatments.es.md, or remove the line",
        "docs/book.es.md:1: this page is not in the 'es' menu — add it as 'book.md' (its English page's name) under "
        "the 'es' language's nav: in mkdocs.yml (plugins: i18n: languages:), so readers can find it"]
    assert nav_problems("mkdocs.yml", config.replace("- Inicio: index.md", "- Inicio: index.es.md"),
                        [{"Inicio": "index.es.md"}], {"index.md"}, set(), "es")[0] == (
        "mkdocs.yml:6: the 'es' menu (nav) lists 'index.es.md', but a translation is listed by its English page's "
        "name — write 'index.md' (the build takes docs/index.es.md for it)")
    # The English menu's own line, though the Spanish menu lists the same page first.
    english = nav_problems("mkdocs.yml", config, [{"Home": "index.md"}, {"Treatments": "treatments.md"}], {"index.md"},
                           set())
    assert english[0].startswith("mkdocs.yml:10: the menu (nav) lists 'treatments.md', which is not a page in docs/")


def test_a_spanish_link_to_an_english_only_page_or_picture_says_so():
    from clinic.links import link_problems
    found = link_problems("docs/x.es.md", "x.md", "[a](treatments.md)\n\n![b](assets/logo.svg)\n\n[c](nope.md)\n",
                          {"x.md"}, {}, 5, frozenset({"treatments.md", "assets/logo.svg"}))
    assert found[0] == ("docs/x.es.md:5: the link 'treatments.md' points to treatments.md, which is not part of this "
                        "language's pages — a translation can link only to translated pages: translate that page too, "
                        "or name it in words (say it is in English) without a link")
    assert found[1].startswith("docs/x.es.md:7: the image 'assets/logo.svg' points to assets/logo.svg") and \
        found[1].endswith("save a copy as docs/assets/logo.es.svg (it keeps the address 'assets/logo.svg')")
    assert found[2].startswith("docs/x.es.md:9: the link 'nope.md' points to a file that does not exist")


def test_the_check_command_lists_every_mistake_behind_a_stale_translation(tmp_path):
    # A translation behind its English page is a warning in the build, which goes on to list the
    # edited page's other mistakes; the check command used to stop at the translation.
    from test_check_command import run_check
    from test_mistakes import edit
    project = copy_project(tmp_path / "project")
    edit("docs/articles/acupuncture-for-low-back-pain.md", "Low back pain can wear you down.",
         "Low back pain can wear you out. See [the page](nope.md).")(project)
    lines = run_check(project).stdout.splitlines()
    assert any("translates an older version of docs/articles/acupuncture-for-low-back-pain.md" in line for line in lines)
    assert any(line.startswith("docs/articles/acupuncture-for-low-back-pain.md:") and "'nope.md'" in line
               for line in lines), lines


def _latin1(path: str):
    def apply(project: Path):
        file = project / path
        file.write_bytes(file.read_text(encoding="utf-8").encode("latin-1", errors="replace"))
    return apply


def _spanish_mistakes():
    from test_mistakes import edit
    return {
        "translations file not UTF-8": (
            _latin1("overrides/translations/es.yaml"),
            r"overrides/translations/es\.yaml:\d+: the file is not saved as UTF-8 text — "),
        "renamed %(minutes)s": (
            edit("overrides/translations/es.yaml", "unos %(minutes)s minutos", "unos %(minutos)s minutos"),
            r"overrides/translations/es\.yaml:\d+: the translation of 'Your first visit .*' leaves out %\(minutes\)s"),
        "misspelt setting in Spanish shared text": (
            edit("overrides/partials/clinic/es/visit-costs.md", "clinic.cancellation_hours", "clinic.horas"),
            r"overrides/partials/clinic/es/visit-costs\.md: the template cannot be shown \("),
        "page left out of the Spanish menu": (
            edit("mkdocs.yml", "            - Pedir una cita: book.md\n", ""),
            r"docs/book\.es\.md:1: this page is not in the 'es' menu — add it as 'book\.md'"),
        "link to an English-only page": (
            edit("docs/privacy.es.md", "## En pocas palabras\n", "## En pocas palabras\n\nVea [tratamientos](treatments.md).\n"),
            r"docs/privacy\.es\.md:\d+: the link 'treatments\.md' points to treatments\.md, which is not part of this "
            r"language's pages — "),
    }


@pytest.mark.parametrize("name", list(_spanish_mistakes()))
def test_a_mistake_in_a_spanish_channel_names_its_file(name, tmp_path):
    mistake, expected = _spanish_mistakes()[name]
    project = copy_project(tmp_path / "project")
    mistake(project)
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert re.search(expected, result.stderr), result.stderr[-3000:]
    assert "Traceback" not in result.stderr
