"""Figures drawn from data files (hooks/figures.py, hooks/clinic/figures.py): the drawings carry the
data files' numbers, each has its text alternatives, pages' own words agree with the data, a
mistake in a figure file or marker stops the build, and in Chromium the figures pass axe-core,
meet contrast in both colour schemes and read at phone width."""

from __future__ import annotations

import contextlib
import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from clinic.figures import FigureError, drawings, exact_percent, one_line, parse_figure, whole_percent
from clinic.markers import find_markers, replace_lines
from conftest import ROOT, built_path, copy_project, run_build
from project_files import refresh_translations

FIGURES = ROOT / "data" / "figures"
PAGES = {"trial-results": "articles/acupuncture-for-low-back-pain.md",
         "medicare-visits": "insurance.md",
         "first-visit": "treatments.md"}


def data(figure_id: str) -> dict:
    """The figure file as staff wrote it, read independently of the code under test."""
    return yaml.safe_load((FIGURES / f"{figure_id}.yaml").read_text())


def built_figure(site: Path, figure_id: str):
    soup = BeautifulSoup(built_path(site, PAGES[figure_id]).read_text(), "html.parser")
    block = soup.find(id=f"figure-{figure_id}")
    assert block is not None, f"figure {figure_id} is not on {PAGES[figure_id]}"
    return soup, block


def texts(svg, css_class: str) -> list[str]:
    return [t.get_text() for t in svg.select(f"text.{css_class}")]


# ---- The drawings carry the data files' numbers -------------------------------------------------


def test_every_figure_file_is_valid_and_states_its_source():
    files = sorted(FIGURES.glob("*.yaml"))
    assert {f.stem for f in files} == set(PAGES)
    for file in files:
        figure = parse_figure(file.read_text(), f"data/figures/{file.name}", file.stem)
        assert figure.source and figure.title and figure.caption
        assert file.read_text().startswith("#"), f"{file.name} needs its comment for staff at the top"


def test_bar_lengths_are_their_share_of_the_track():
    figure = parse_figure((FIGURES / "trial-results.yaml").read_text(), "x.yaml", "trial-results")
    drawing = drawings(figure)["narrow"]
    track = drawing.extras.track_width
    for bar, item in zip(data("trial-results")["bars"], drawing.items):
        assert item.fill_width / track == pytest.approx(bar["value"] / 100, abs=1e-4)
        assert item.value_x > item.fill_width  # the value is written after the bar, never on it
        assert item.value_x + 4 * 19 * 0.63 <= drawing.width  # and fits on the canvas


def test_built_bar_chart_shows_the_data_files_numbers(site):
    expected = data("trial-results")
    soup, block = built_figure(site, "trial-results")
    svg = block.find("svg")
    rows = svg.select("g.clinic-figure__row")
    assert [r.select_one("text.clinic-figure__label").get_text() for r in rows] == [b["label"] for b in expected["bars"]]
    for row, bar in zip(rows, expected["bars"]):
        assert row.select_one("text.clinic-figure__value").get_text() == whole_percent(bar["value"])
        track = float(row.select_one("rect.clinic-figure__track")["width"])
        fill = float(row.select_one("rect.clinic-figure__bar")["width"])
        assert fill / track == pytest.approx(bar["value"] / 100, abs=1e-3)
    cells = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in block.select("details tbody tr")]
    assert cells == [[b["label"], exact_percent(b["value"])] for b in expected["bars"]]
    assert expected["time_point"] in block.select_one("details thead").get_text()


def test_built_timeline_shows_the_data_files_numbers(site):
    expected = data("medicare-visits")
    _, block = built_figure(site, "medicare-visits")
    svg = block.find("svg")
    stages = svg.select("g.clinic-figure__stage")
    assert len(stages) == len(expected["stages"])
    for index, (stage, wanted) in enumerate(zip(stages, expected["stages"])):
        assert len(stage.select("circle.clinic-figure__visit")) == wanted["visits"]  # a dot per visit
        words = stage.select_one("text.clinic-figure__words").get_text()
        assert words == f"Up to {wanted['visits']} {'more ' if index else ''}visits"
        heading = " ".join(texts(stage, "clinic-figure__label"))
        assert (f"{wanted['days']} days" in heading) if "days" in wanted else heading == wanted["condition"]
    assert " ".join(texts(svg, "clinic-figure__limit")) == f"At most {expected['yearly_limit']} visits a year"
    assert " ".join(texts(svg, "clinic-figure__note")) == expected["stop_rule"]


def test_built_steps_show_the_data_files_steps_in_both_layouts(site):
    expected = data("first-visit")["steps"]
    _, block = built_figure(site, "first-visit")
    svgs = block.select("svg")
    assert len(svgs) == 2  # a column for phones, a row for wide screens
    for svg in svgs:
        steps = svg.select("g.clinic-figure__step")
        assert [s.select_one("text.clinic-figure__number").get_text() for s in steps] == \
            [str(n) for n in range(1, len(expected) + 1)]
        assert [" ".join(texts(s, "clinic-figure__label")) for s in steps] == [s["title"] for s in expected]
        assert [" ".join(texts(s, "clinic-figure__text")) for s in steps] == [s["text"] for s in expected]


def test_svg_text_fits_its_canvas(site):
    for figure_id in PAGES:
        _, block = built_figure(site, figure_id)
        for svg in block.select("svg"):
            width = float(svg["viewbox"].split()[2])
            for text in svg.select("text"):
                if text.get("text-anchor") in ("middle", "end"):
                    continue
                size = float(text["font-size"])
                bold = 0.63 if "clinic-figure__text" not in text["class"] and "clinic-figure__note" not in text["class"] else 0.56
                assert float(text["x"]) + len(text.get_text()) * size * bold <= width + 1, text.get_text()


# ---- Text alternatives --------------------------------------------------------------------------


# What each figure's long description must say: every number and step the drawing shows.
DESCRIBED = {
    "trial-results": lambda d: [f"{b['label']}: {whole_percent(b['value'])}" for b in d["bars"]],
    "medicare-visits": lambda d: [f"up to {s['visits']} " for s in d["stages"]] + [f"At most {d['yearly_limit']} visits"],
    "first-visit": lambda d: [f"Step {n}: {s['title']}. {s['text']}" for n, s in enumerate(d["steps"], 1)],
}


@pytest.mark.parametrize("figure_id", PAGES)
def test_each_figure_has_its_text_alternatives(site, figure_id):
    soup, block = built_figure(site, figure_id)
    figure = block.find("figure")
    caption = figure.find("figcaption", recursive=False)
    assert caption is not None and caption.get_text(strip=True)
    assert figure.find_all(recursive=False)[-1] is caption  # a figcaption is its figure's last child
    for svg in block.select("svg"):
        assert svg["role"] == "img"
        title = soup.find(id=svg["aria-labelledby"])
        desc = soup.find(id=svg["aria-describedby"])
        assert title is not None and title.name == "title" and title.parent is svg and title.get_text(strip=True)
        assert desc is not None and desc.name == "desc" and desc.parent is svg and len(desc.get_text()) > 40
    description = block.find("desc").get_text()
    for expected in DESCRIBED[figure_id](data(figure_id)):
        assert expected in description, f"{expected!r} is not in the description of {figure_id}"
    details = block.find("details")
    assert details.find("summary").get_text(strip=True)
    assert details.select("thead th[scope=col]") and details.select("tbody th[scope=row]")
    assert "Source:" in details.get_text()
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), "ids on the page must be unique"


def test_caption_citations_are_numbered_like_the_pages_other_references(site):
    for figure_id, key in (("trial-results", "debar2025backinaction"), ("medicare-visits", "cms2020ncd3033")):
        soup, block = built_figure(site, figure_id)
        link = block.select_one("figcaption a.footnote-ref")
        assert link is not None and link["href"] == f"#fn:cite-{key}"
        assert soup.find(id=f"fn:cite-{key}") is not None
        assert "[@" not in block.get_text() and "[^" not in block.get_text()


def test_markers_are_gone_and_svg_templates_are_not_published(site):
    for page in PAGES.values():
        assert "<!-- figure:" not in built_path(site, page).read_text()
    assert not (site / "partials").exists()


# ---- The pages' own words agree with the data -----------------------------------------------------


def _markdown_tables(text: str) -> list[list[list[str]]]:
    tables, current = [], []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if not all(set(cell) <= set("-: ") for cell in cells):
                current.append(cells)
        elif current:
            tables.append(current)
            current = []
    return tables


def test_article_table_agrees_with_the_chart():
    text = (ROOT / "docs" / PAGES["trial-results"]).read_text()
    expected = [whole_percent(b["value"]).rstrip("%") for b in data("trial-results")["bars"]]
    shown = None
    for table in _markdown_tables(text):
        header = table[0]
        column = next((i for i, cell in enumerate(header) if "30% or more" in cell), None)
        if column is not None:  # one row per group, the share in a column
            shown = [re.search(r"(\d+)%", row[column])[1] for row in table[1:]]
        for row in table:  # or one row for the share, a column per group
            if "30% or more" in row[0]:
                shown = re.findall(r"about (\d+)%", " ".join(row[1:]))
    assert shown == expected, "the article's table and data/figures/trial-results.yaml disagree"


def test_insurance_page_agrees_with_the_timeline():
    text = " ".join((ROOT / "docs" / PAGES["medicare-visits"]).read_text().split())
    first, more = data("medicare-visits")["stages"]
    assert f"up to {first['visits']} visits in {first['days']} days" in text
    assert f"it covers {more['visits']} more" in text
    assert f"No more than {data('medicare-visits')['yearly_limit']} treatments" in text


# ---- Pure functions -------------------------------------------------------------------------------


def test_markers_are_found_on_their_own_lines_and_not_in_code():
    markdown = ("Text\n\n<!-- figure: a -->\n\n```\n<!-- figure: in-code -->\n```\n\nSee <!-- figure: b --> here\n"
                "\n    <!-- figure: indented-code -->\n")
    placements, misplaced = find_markers(markdown, "figure")
    assert [(p.line, p.name) for p in placements] == [(3, "a")]
    assert [line for line, _ in misplaced] == [9]


def test_a_figure_takes_exactly_the_markers_line():
    html = '<div markdown="1">\n  <figure>\n    <p>a\n    b</p>\n  </figure>\n</div>\n'
    assert one_line(html) == '<div markdown="1"><figure><p>a b</p></figure></div>'
    markdown = "one\n<!-- figure: x -->\nthree"
    replaced, insertions = replace_lines(markdown, {2: one_line(html)})
    assert replaced.split("\n")[1:4] == ["", one_line(html), ""]
    assert insertions == [(2, 3, 2)]  # later hooks report the lines after it as the file's own


@pytest.mark.parametrize("change, message", [
    (("value: 29.4", "value: 29.4%"),
     r"^data/figures/trial-results\.yaml:{line}: bar 'Usual medical care alone' has value '29\.4%' — write a "
     r"percentage as a number from 0 to 100"),
    (("value: 43.8", "value: 143.8"), r"^data/figures/trial-results\.yaml:{line}: bar 'Enhanced acupuncture' has value '143\.8'"),
    (("measure:", "mesure:"), r"unknown setting 'mesure' in the figure — did you mean 'measure'\?"),
    (("kind: bar-chart", "kind: pie"), r"unknown kind of figure 'pie' — use one of: bar-chart, timeline, steps"),
    (("  - label: Standard acupuncture", "  - label: Standard acupuncture given by experienced licensed acupuncturists"),
     r"bar 2 'label' is \d+ characters long — shorten it to 28 or fewer"),
    (("title: How", "title: [How"), r"data/figures/trial-results\.yaml:\d+: the figure file is not valid YAML"),
])
def test_figure_file_mistakes_are_named_with_their_line(change, message):
    text = (FIGURES / "trial-results.yaml").read_text()
    assert change[0] in text
    line = text[:text.index(change[0])].count("\n") + 1
    with pytest.raises(FigureError, match=message.replace("{line}", str(line))):
        parse_figure(text.replace(change[0], change[1], 1), "data/figures/trial-results.yaml", "trial-results")


def test_stages_may_not_add_up_to_more_than_the_yearly_limit():
    text = (FIGURES / "medicare-visits.yaml").read_text().replace("visits: 8", "visits: 10")
    with pytest.raises(FigureError, match=r"medicare-visits\.yaml:\d+: the stages add up to 22 visits, more than "
                                          r"the yearly limit of 20 — check the numbers against the source"):
        parse_figure(text, "data/figures/medicare-visits.yaml", "medicare-visits")


def test_halves_round_up_as_people_expect():
    assert [whole_percent(v) for v in (29.4, 39.1, 43.8, 28.5, 0, 100)] == ["29%", "39%", "44%", "29%", "0%", "100%"]
    assert exact_percent(29.40) == "29.4%" and exact_percent(30) == "30%"


# ---- Builds: staff change a number, or make a mistake -----------------------------------------------


def _edit(project: Path, path: str, old: str, new: str) -> None:
    file = project / path
    text = file.read_text()
    assert old in text, f"{old!r} not in {path}"
    file.write_text(text.replace(old, new, 1))


def test_changing_a_number_in_the_data_file_changes_the_figure(tmp_path):
    project = copy_project(tmp_path / "project")
    _edit(project, "data/figures/trial-results.yaml", "value: 29.4", "value: 31.6")
    _edit(project, "docs/articles/acupuncture-for-low-back-pain.md", "| about 29% |", "| about 32% |")
    refresh_translations(project)
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    soup, block = built_figure(tmp_path / "site", "trial-results")
    assert texts(block.find("svg"), "clinic-figure__value")[0] == "32%"
    assert "31.6%" in block.find("table").get_text()
    assert "Usual medical care alone: 32%" in block.find("desc").get_text()


MISTAKES = {
    "unknown figure in a page": (
        ("docs/insurance.md", "<!-- figure: medicare-visits -->", "<!-- figure: medicare-visit -->"),
        r"docs/insurance\.md:{line}: unknown figure 'medicare-visit' — did you mean 'medicare-visits'\?"),
    "marker inside a sentence": (
        ("docs/insurance.md", "<!-- figure: medicare-visits -->", "See <!-- figure: medicare-visits --> here."),
        r"docs/insurance\.md:{line}: the figure marker '.*' is not on a line of its own — put it alone on its line"),
    "bad value in a data file": (
        ("data/figures/trial-results.yaml", "value: 39.1", "value: about 39"),
        r"data/figures/trial-results\.yaml:{line}: bar 'Standard acupuncture' has value 'about 39' — write a "
        r"percentage as a number from 0 to 100, without the % sign"),
    "figure no page shows": (
        ("docs/treatments.md", "<!-- figure: first-visit -->\n", ""),
        r"no page shows the figures first-visit — place each with a line '<!-- figure: name -->' "
        r"or delete its file from data/figures"),
}


@pytest.mark.parametrize("name", MISTAKES)
def test_figure_mistakes_fail_the_build_with_a_clear_message(name, tmp_path):
    (path, old, new), expected = MISTAKES[name]
    project = copy_project(tmp_path / "project")
    source = (project / path).read_text()
    line = source[:source.index(old)].count("\n") + 1
    _edit(project, path, old, new)
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{name}: the build passed\n{output[-2000:]}"
    assert re.search(expected.replace("{line}", str(line)), output), f"{name}: message not found\n{output[-2000:]}"
    assert "Traceback" not in output, f"{name}: staff would see a Python traceback\n{output[-3000:]}"


# ---- In the browser -------------------------------------------------------------------------------

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 800}


class _ChromiumThread:
    """Chromium driven from a thread of its own. Playwright's sync API will not start in a thread
    where it already runs, and test_browser.py keeps it running for the whole session; with a
    thread of their own these tests run alone, first, last or among the rest."""

    def __init__(self):
        from browser import launch
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.stack = contextlib.ExitStack()
        self.browser = self.pool.submit(lambda: self.stack.enter_context(launch())).result()

    def on_page(self, url: str, viewport: dict, scheme: str, collect):
        """`collect(page)` on the page at `url`, run in the browser's thread; what it returns must
        be plain data, checked back in the test."""
        def visit():
            context = self.browser.new_context(viewport=viewport, color_scheme=scheme)
            try:
                page = context.new_page()
                page.goto(url)
                page.wait_for_load_state("networkidle")
                return collect(page)
            finally:
                context.close()
        return self.pool.submit(visit).result()

    def close(self):
        self.pool.submit(self.stack.close).result()
        self.pool.shutdown()


@pytest.fixture(scope="module")
def chromium():
    from browser import CHROMIUM
    if not Path(CHROMIUM).exists():
        message = f"Chromium is not at {CHROMIUM}: run the README's test command, which installs it"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    thread = _ChromiumThread()
    yield thread
    thread.close()


@pytest.fixture(scope="module")
def figure_url(site):
    from site_server import serve
    server, url = serve(site)
    yield lambda figure_id: url + PAGES[figure_id].removesuffix(".md") + "/"
    server.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("figure_id", PAGES)
def test_figures_pass_axe_core(chromium, figure_url, figure_id, size, scheme):
    from axe_playwright_python.sync_playwright import Axe

    def run_axe(page):
        page.locator(f"#figure-{figure_id} summary").click()  # check the table of numbers too
        results = Axe().run(page, context={"include": [[f"#figure-{figure_id}"]]},
                            options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
        return results.violations_count, results.generate_report()

    count, report = chromium.on_page(figure_url(figure_id), PHONE if size == "phone" else DESKTOP, scheme, run_axe)
    assert count == 0, report


# Contrast (WCAG 2.2: 4.5:1 for text, 3:1 for the marks that carry the data) measured on what
# Chromium draws: each text's and mark's computed fill against the background behind it.
CONTRAST_SCRIPT = """figure => {
  const rgb = value => (value.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const background = el => {
    for (; el; el = el.parentElement) {
      const colour = getComputedStyle(el).backgroundColor;
      if (colour && !/rgba\\(.*, 0\\)$/.test(colour) && colour !== 'transparent') return rgb(colour);
    }
    return [255, 255, 255];
  };
  const page = background(figure);
  const svg = [...figure.querySelectorAll('svg')].find(s => s.getBoundingClientRect().width > 0);
  const fill = sel => [...svg.querySelectorAll(sel)].map(e => {
    const style = getComputedStyle(e);  // lines and rings are drawn by their stroke
    return rgb(e.tagName === 'line' || style.fill === 'none' ? style.stroke : style.fill);
  });
  const node = svg.querySelector('.clinic-figure__node');
  return {page, track: fill('.clinic-figure__track')[0] || null, node: node ? rgb(getComputedStyle(node).fill) : null,
          text: fill('text:not(.clinic-figure__number)'), number: fill('.clinic-figure__number'),
          marks: fill('.clinic-figure__bar, .clinic-figure__visit, .clinic-figure__node, .clinic-figure__rail')};
}"""


def _luminance(rgb) -> float:
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    lighter, darker = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("figure_id", PAGES)
def test_figure_colours_meet_wcag_aa_in_both_schemes(chromium, figure_url, figure_id, scheme):
    scheme_shown, colours = chromium.on_page(figure_url(figure_id), PHONE, scheme, lambda page: (
        page.evaluate("document.body.getAttribute('data-md-color-scheme')"),
        page.locator(f"#figure-{figure_id}").evaluate(CONTRAST_SCRIPT)))
    assert scheme_shown == ("slate" if scheme == "dark" else "default")
    backgrounds = [colours["page"]] + ([colours["track"]] if colours["track"] else [])
    for text in colours["text"]:
        for background in backgrounds:
            assert contrast(text, background) >= 4.5, (text, background)
    for number in colours["number"]:
        assert contrast(number, colours["node"]) >= 4.5, (number, colours["node"])
    for mark in colours["marks"]:
        for background in backgrounds:
            assert contrast(mark, background) >= 3, (mark, background)


@pytest.mark.browser
@pytest.mark.parametrize("figure_id", PAGES)
def test_figures_read_at_phone_width(chromium, figure_url, figure_id):
    def measure(page):
        page.locator(f"#figure-{figure_id} summary").click()
        return page.locator(f"#figure-{figure_id}").evaluate("""block => {
          const shown = [...block.querySelectorAll('svg')].filter(s => s.getBoundingClientRect().width > 0);
          const scale = shown[0].getBoundingClientRect().width / shown[0].viewBox.baseVal.width;
          return {layouts: shown.length,
                  smallest: Math.min(...[...shown[0].querySelectorAll('text')]
                                     .map(t => parseFloat(t.getAttribute('font-size')) * scale)),
                  // how far anything in the figure, or the figure itself, reaches past its box or the screen
                  overflow: Math.max(...[...block.querySelectorAll('*')].filter(e => e.getClientRects().length)
                                      .map(e => e.getBoundingClientRect().right - block.getBoundingClientRect().right)),
                  offScreen: block.getBoundingClientRect().right - window.innerWidth};
        }""")

    sizes = chromium.on_page(figure_url(figure_id), PHONE, "light", measure)
    assert sizes["layouts"] == 1, "exactly one layout of the drawing shows"
    assert sizes["smallest"] >= 15, f"the smallest text is {sizes['smallest']:.1f}px on a phone"
    assert sizes["overflow"] <= 1 and sizes["offScreen"] <= 0, sizes
