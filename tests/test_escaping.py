"""Every value that reaches HTML is escaped, and every pure check answers arbitrary input with a
result or a clear error, never another exception.

MkDocs renders templates without autoescaping, so each `{{ ... }}` in overrides/ is a row here:
escaped, or on the short list of values that are HTML already, each with the reason."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from selectolax.lexbor import LexborHTMLParser

from clinic import safe_yaml
from clinic.bibliography import BibliographyError, entry_problems, parse_entries
from clinic.booking import page_options
from clinic.citation_syntax import render_citations
from clinic.figures import FigureError, parse_figure
from clinic.front_matter import front_matter_problems
from clinic.html_policy import content_findings
from clinic.settings_values import email_problem, https_url_problem, plain_text_problem
from conftest import ROOT

# Values printed as they are, because they are HTML the build has made and checked already.
RAW = {
    "super()": "the parent template's block",
    "page.content": "the page's HTML, checked by hooks/content_policy.py",
    "rest if rest else page.content": "the page's HTML, checked by hooks/content_policy.py",
    "heading": "the page's own <h1>, part of its checked content",
    "rest": "the page's HTML after its <h1>, checked by hooks/content_policy.py",
    "svg": "a figure drawn from escaped values by the SVG templates",
    "figure.caption": "Markdown of a figure file; its HTML is checked by hooks/content_policy.py",
    "page.meta.structured_data": "JSON-LD with '<', '>' and '&' written as \\u escapes (clinic.structured_data)",
}
SAFE_FILTER = re.compile(r"\|\s*(e|url|tojson)\s*$")
PRINT = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.S)


def template_prints():
    for path in sorted((ROOT / "overrides").rglob("*")):
        if path.suffix in (".html", ".svg", ".xml"):
            text = path.read_text(encoding="utf-8")
            for match in PRINT.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                yield pytest.param(match.group(1), id=f"{path.relative_to(ROOT)}:{line}:{match.group(1)[:40]}")


@pytest.mark.parametrize("expression", list(template_prints()))
def test_every_template_value_is_escaped_or_known_html(expression):
    assert SAFE_FILTER.search(expression) or expression in RAW, (
        f"'{{{{ {expression} }}}}' prints a value unescaped: add '| e' (MkDocs does not autoescape)")


def test_the_clinic_text_templates_print_only_checked_settings():
    # Markdown templates: their output is Markdown, then HTML the content check reads.
    for path in (ROOT / "overrides" / "partials" / "clinic").glob("*.md"):
        for expression in PRINT.findall(path.read_text(encoding="utf-8")):
            assert expression.startswith(("clinic.", "plan", '"."')), (path.name, expression)


# ---- the pure checks, with arbitrary input -----------------------------------------------------

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)
ANY_YAML_VALUE = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
                              lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
                              max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_text_settings_are_plain_or_refused(value):
    problem = plain_text_problem(value)
    assert problem is None or isinstance(problem, str)
    if problem is None:
        assert "<" not in value and ">" not in value and value.strip()


@settings(max_examples=300, deadline=None)
@given(st.one_of(TEXT, st.just("https://") | st.builds(lambda s: "https://example.org/" + s, TEXT)))
def test_web_addresses_that_pass_cannot_break_out_of_an_attribute(value):
    problem = https_url_problem(value)
    assert problem is None or isinstance(problem, str)
    if problem is None:
        assert value.strip().startswith("https://")
        assert not re.search(r"[\s\"'<>`\\]", value.strip())


@settings(max_examples=300, deadline=None)
@given(st.one_of(TEXT, st.builds(lambda a, b: f"{a}@{b}.org", TEXT, TEXT)))
def test_email_addresses_that_pass_are_plain(value):
    problem = email_problem(value)
    if problem is None:
        assert not re.search(r"[\s\"'<>()]", value.strip()) and "@" in value


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_content_check_never_raises_and_what_passes_runs_nothing(html):
    findings = content_findings(html, "site.example.org")
    if not findings:
        tree = LexborHTMLParser(f"<body>{html}</body>")
        assert not tree.css("script, iframe, object, embed, base, meta, form, style, link")
        for node in tree.css("*"):
            assert not any(name.lower().startswith("on") for name in node.attributes), node.html


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_front_matter_check_answers_any_file_with_messages(source):
    problems = front_matter_problems(source, "docs/x.md", dt.date(2026, 11, 30), lambda name: False)
    assert all(p.startswith("docs/x.md") for p in problems)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["title", "description", "kind", "last_reviewed", "next_review",
                                        "reviewed_by", "booking_cta", "hide", "template", "about"]),
                       ANY_YAML_VALUE, max_size=6))
def test_front_matter_with_any_values_gets_messages_not_exceptions(meta):
    import yaml
    source = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\nText.\n"
    problems = front_matter_problems(source, "docs/x.md", dt.date(2026, 11, 30), lambda name: name == "main.html")
    assert all(p.startswith("docs/x.md") for p in problems)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_yaml_reader_gives_data_or_a_problem(text):
    try:
        safe_yaml.load(text)
    except safe_yaml.YamlProblem as problem:
        assert problem.what and problem.fix


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_bibliography_reader_gives_entries_or_a_message(text):
    try:
        entries = parse_entries(text, "data/bibliography.yaml")
    except BibliographyError as error:
        assert str(error).startswith("data/bibliography.yaml")
        return
    assert all(p.startswith("data/bibliography.yaml") for p in entry_problems(entries, "data/bibliography.yaml"))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_figure_reader_gives_a_figure_or_a_message(text):
    try:
        parse_figure(text, "data/figures/x.yaml", "x")
    except FigureError as error:
        assert str(error).startswith("data/figures/x.yaml")


@settings(max_examples=200, deadline=None)
@given(ANY_YAML_VALUE)
def test_booking_box_options_are_options_or_a_message(value):
    try:
        options = page_options(value)
    except ValueError as error:
        assert " — " in str(error)
        return
    assert options is None or isinstance(options, dict)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_citations_render_or_report_never_raise(markdown):
    rendered = render_citations(markdown, {"smith2025": "Smith J. A study. 2025."})
    for line, what, fix in rendered.malformed:
        assert 1 <= line <= markdown.count("\n") + 1 and what and fix


@pytest.mark.parametrize("template", ["partials/booking-cta.html", "partials/contact-card.html",
                                      "partials/header-actions.html", "partials/booking-bar.html",
                                      "partials/copyright.html"])
@settings(max_examples=40, deadline=None)
@given(value=TEXT)
def test_templates_show_any_value_as_text(template, value):
    from jinja2 import Environment, FileSystemLoader
    env = Environment(loader=FileSystemLoader(str(ROOT / "overrides")))
    env.filters["url"] = lambda path: path
    # A translation (overrides/translations/es.yaml) is text staff write too: it shows as text.
    env.globals["_"] = lambda english: value + english
    clinic = {key: value for key in ("name", "street_address", "locality", "region", "postal_code",
                                     "neighborhood", "phone", "phone_display", "email", "map_url")}
    clinic["hours"] = []
    booking = {"url": value, "label": value, "text": value}
    html = env.get_template(template).render(
        config={"extra": {"clinic": clinic, "booking": booking}, "copyright": value}, language_prefix=value,
        language_twins={"switch": [{"lang": value, "name": value, "url": value}]},
        clinic=clinic, placement="after-intro", heading=value, text=value, label=value, url=value, hours_note=value)
    tree = LexborHTMLParser(f"<body>{html}</body>")
    for node in tree.css("*"):
        assert not any(name.lower().startswith("on") for name in node.attributes)
    assert not tree.css("script") and not tree.css("img")


def test_a_yaml_alias_bomb_is_refused_before_it_expands():
    import time
    from test_bad_input import ALIAS_BOMB
    started = time.monotonic()
    with pytest.raises(safe_yaml.YamlProblem):
        safe_yaml.load(ALIAS_BOMB)
    with pytest.raises(BibliographyError, match="anchors and aliases"):
        parse_entries("- id: x\n  " + ALIAS_BOMB.replace("\n", "\n  "), "data/bibliography.yaml")
    with pytest.raises(FigureError, match="anchors and aliases"):
        parse_figure(ALIAS_BOMB, "data/figures/x.yaml", "x")
    assert time.monotonic() - started < 2
