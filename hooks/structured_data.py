"""MkDocs hook: schema.org JSON-LD on every page, from the values the page itself shows.

Every page: the MedicalClinic. Medical pages: a MedicalWebPage with review dates and the works
the page cites. The FAQ: an FAQPage made from its own questions. Below the home page: a
BreadcrumbList from the navigation. The template prints `page.meta.structured_data`.
"""

from __future__ import annotations

from html import unescape

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from clinic.languages import language_build
from clinic.template_words import WordsProblem, translate

from clinic import structured_data as schema
from clinic.page_kinds import MEDICAL_KINDS


def _trail(page, config) -> list[tuple[str, str]]:
    # The home page of the page's own language: the Spanish site's is /es/.
    try:
        home = translate("Home")
    except WordsProblem as problem:
        raise PluginError(str(problem)) from None
    trail = [(home, config.site_url + language_build(config.plugins).url_prefix)]
    for section in reversed(page.ancestors):
        index = next((child for child in section.children if getattr(child, "is_index", False)), None)
        if index is not None and index is not page:
            trail.append((section.title, index.canonical_url))
    return trail + [(_text(page.meta.get("title") or page.title), page.canonical_url)]


def _text(value) -> str:
    """Titles and descriptions reach templates escaped (hooks/page_checks.py); JSON wants the text."""
    return unescape(str(value or ""))


@event_priority(40)  # reads the FAQ's questions before booking_cta.py adds boxes with headings
def on_page_content(html, page, config, files):
    meta = page.meta
    graph = [schema.clinic(config.extra["clinic"], config.site_url)]
    if meta.get("kind") in MEDICAL_KINDS:
        graph.append(schema.medical_web_page(page.canonical_url, config.site_url, _text(meta.get("title") or page.title),
                                             _text(meta.get("description")), meta, meta.get("cited_works", [])))
    if meta.get("kind") == "faq":
        faq = schema.faq_page(html)
        if faq:
            graph.append(faq)
    if not page.is_homepage:
        graph.append(schema.breadcrumbs(_trail(page, config)))
    meta["structured_data"] = schema.script_json(schema.in_language(graph, language_build(config.plugins).language))
    return html
