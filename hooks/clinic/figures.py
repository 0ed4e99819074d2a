"""Figures drawn from data: a figure file (data/figures/<id>.yaml) is read and checked, and its
numbers are turned into the geometry an SVG template draws, a text alternative and a table.

Three kinds of figure, each readable on a 390 px phone:
- `bar-chart`: horizontal bars, each labelled with its group and its value (percentages);
- `timeline`: stages of a process top to bottom, with a dot per visit and a yearly limit;
- `steps`: a short numbered sequence, top to bottom.

Pages place a figure with a line `<!-- figure: <id> -->`, found by `clinic.markers`.

Nothing here imports MkDocs: text in, data and numbers out.
"""

from __future__ import annotations

import difflib
import re
import textwrap
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml

from clinic import safe_yaml
from clinic.messages import content_problem
from clinic.template_words import translate as _
from clinic.text_files import decoded

KINDS = ("bar-chart", "timeline", "steps")
FIGURE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Every figure is drawn on a canvas this wide: about the width of a phone's text column, so
# one unit in the drawing is close to one CSS pixel on a phone and text stays readable there.
WIDTH = 320
STEP_RADIUS = 18
WIDE_WIDTH = 880  # a desktop text column (44rem), for the figures that have a wide layout too
# Text sizes in drawing units, and a safe average width of a character of the system sans font
# (as a share of its size), used to wrap text and to check that labels fit.
TITLE_SIZE, LABEL_SIZE, VALUE_SIZE, SMALL_SIZE = 18, 17, 19, 16
CHAR_WIDTH, BOLD_CHAR_WIDTH = 0.56, 0.63

# What a figure file may say, by kind, and what each key is for (shown when one is mistyped).
COMMON_KEYS = {
    "kind": "the kind of figure: " + ", ".join(KINDS),
    "title": "the figure's name, read out by screen readers and shown as a tooltip",
    "caption": "the words under the figure, in Markdown; cite sources with [@key]",
    "source": "where the numbers come from (publication, table or rule)",
}
KIND_KEYS = {
    "bar-chart": {"measure": "what the bars count, in plain words",
                  "time_point": "when it was measured, such as '6 months'",
                  "bars": "the bars, each with a label and a value"},
    "timeline": {"stages": "the stages, each with visits and either days or a condition",
                 "yearly_limit": "the most visits covered in one year",
                 "stop_rule": "when coverage stops, in plain words"},
    "steps": {"steps": "the steps, each with a title and a short text"},
}
REQUIRED = {"bar-chart": ("bars", "measure"), "timeline": ("stages", "yearly_limit"), "steps": ("steps",)}
LIMITS = {"bars": (1, 6), "stages": (1, 4), "steps": (2, 5)}
# Longest texts, in characters: a bar's label is drawn on one line, so it must fit the canvas.
MAX_LABEL, MAX_STEP_TITLE, MAX_STEP_TEXT, MAX_CONDITION = 28, 28, 110, 60
MAX_VISITS = 60



class FigureError(ValueError):
    """A figure file that cannot be used; the message says where and how to fix it."""


# ---- The data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    value: float


@dataclass(frozen=True)
class Stage:
    visits: int
    days: int | None = None
    condition: str = ""


@dataclass(frozen=True)
class Step:
    title: str
    text: str


@dataclass(frozen=True)
class Figure:
    id: str
    kind: str
    title: str
    caption: str
    source: str
    path: str
    measure: str = ""
    time_point: str = ""
    bars: tuple[Bar, ...] = ()
    stages: tuple[Stage, ...] = ()
    yearly_limit: int = 0
    stop_rule: str = ""
    steps: tuple[Step, ...] = ()
    # The same figure's words in other languages (the file's `es:` block), as (language, Figure).
    translations: tuple = ()

    def in_language(self, language: str, default: str = "en") -> Figure | None:
        """This figure with its words in `language`; None when the file has none in it."""
        if language == default:
            return self
        return next((figure for lang, figure in self.translations if lang == language), None)


# The languages a figure file may carry words in, beside the site's own (English).
LANGUAGES = ("es",)
# The keys that hold words (not numbers): a translation may give only these, at the same places.
TEXT_KEYS = {"title", "caption", "source", "measure", "time_point", "stop_rule", "bars", "stages", "steps"}
ITEM_TEXT_KEYS = {"bars": ("label",), "stages": ("condition",), "steps": ("title", "text")}


def _node_lines(node: yaml.Node, path: tuple = ()) -> dict[tuple, int]:
    """The line (from 1) where each key or item of the YAML document starts, by its path."""
    lines = {path: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines.update(_node_lines(value, path + (key.value,)))
            lines[path + (key.value,)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines.update(_node_lines(item, path + (index,)))
    return lines


class _Checker:
    """Reads values out of a figure file, noting each problem with its line."""

    def __init__(self, path: str, lines: dict[tuple, int]):
        self.path, self.lines, self.problems = path, lines, []

    def line(self, where: tuple) -> int | None:
        while where and where not in self.lines:
            where = where[:-1]
        return self.lines.get(where)

    def problem(self, where: tuple, what: str, fix: str) -> None:
        self.problems.append(content_problem(self.path, self.line(where), what, fix))

    def text(self, data: dict, where: tuple, name: str, required: bool = True, limit: int = 0) -> str:
        value = data.get(name)
        if value is None:
            if required:
                self.problem(where, f"{_describe(where)} has no '{name}'", f"add '{name}: ...'")
            return ""
        if not isinstance(value, str) or not value.strip():
            self.problem(where + (name,), f"'{name}' must be some text",
                         f"write the {name} in words, in quotes if it has a colon")
            return ""
        value = " ".join(value.split())
        if limit and len(value) > limit:
            self.problem(where + (name,), f"{_describe(where)} '{name}' is {len(value)} characters long",
                         f"shorten it to {limit} or fewer so it fits on a phone screen")
        return value

    def whole_number(self, data: dict, where: tuple, name: str, low: int, high: int) -> int:
        value = data.get(name)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            shown = f"no {name}" if value is None else f"{name} '{value}'"
            self.problem(where + (name,), f"{_describe(where)} has {shown}",
                         f"write a whole number from {low} to {high}, without words")
            return 0
        return value

    def items(self, data: dict, name: str) -> list[dict]:
        value, (low, high) = data.get(name), LIMITS[name]
        if not isinstance(value, list) or not low <= len(value) <= high:
            count = f"{len(value)} items" if isinstance(value, list) else "no list"
            self.problem((name,), f"'{name}' has {count}",
                         f"give {low} to {high} items, each starting with '- '")
            return []
        good = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                good.append(item)
            else:
                self.problem((name, index), f"{_describe((name, index))} is not a list of settings",
                             "write its settings on indented lines, such as 'label: ...'")
        return good if len(good) == len(value) else []

    def unknown_keys(self, data: dict, where: tuple, allowed: dict | tuple) -> None:
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), list(allowed), n=1, cutoff=0.6)
                fix = f"did you mean '{close[0]}'?" if close else "use only: " + ", ".join(allowed)
                self.problem(where + (key,), f"unknown setting '{key}' in {_describe(where)}", fix)


def _describe(where: tuple) -> str:
    if len(where) >= 2 and isinstance(where[1], int):
        return f"{where[0][:-1]} {where[1] + 1}"  # "bar 2", "stage 1", "step 3"
    return "the figure"


def parse_figure(text: str, path: str, figure_id: str) -> Figure:
    """The figure in a figure file's text; FigureError lists every problem with its line."""
    if not FIGURE_ID.fullmatch(figure_id):
        raise FigureError(content_problem(path, None, f"'{figure_id}' cannot be a figure name",
                                          "name the file with lowercase letters, digits and dashes, "
                                          "such as medicare-visits.yaml"))
    try:
        data, root = safe_yaml.load(text)
    except safe_yaml.YamlProblem as problem:
        raise FigureError(content_problem(path, problem.line, problem.about("the figure file"), problem.fix)) from None
    if not isinstance(data, dict):
        raise FigureError(content_problem(path, 1, "the figure file must be a list of settings",
                                          "start it with 'kind: ...' on a line of its own"))
    lines = _node_lines(root)
    translated = {lang: data.pop(lang) for lang in LANGUAGES if lang in data}
    figure = _figure(data, _Checker(path, lines), path, figure_id)
    pairs = []
    for lang, words in translated.items():
        check = _Checker(path, lines)
        merged = _with_words(data, words, check, (lang,))
        if check.problems:
            raise FigureError("\n".join(check.problems))
        # The merged file is checked as a whole (lengths, citations); its lines are the
        # translation's where it gives the words.
        pairs.append((lang, _figure(merged, _Checker(path, {**lines, **_translated_lines(lines, lang)}), path, figure_id)))
    return replace(figure, translations=tuple(pairs))


def _translated_lines(lines: dict, lang: str) -> dict:
    return {where[1:]: line for where, line in lines.items() if where[:1] == (lang,) and len(where) > 1}


def _with_words(data: dict, words, check: _Checker, where: tuple) -> dict:
    """The figure's data with its words replaced by a translation's; numbers stay the English's."""
    if not isinstance(words, dict):
        check.problem(where, f"'{where[0]}' must list the figure's words in that language",
                      "indent 'title:', 'caption:' and the other words under it")
        return data
    merged = dict(data)
    for key, value in words.items():
        if key not in TEXT_KEYS:
            check.problem(where + (key,), f"'{key}' cannot be translated",
                          "a translation gives only words (" + ", ".join(sorted(TEXT_KEYS)) + "); numbers are written once, above")
        elif key in ITEM_TEXT_KEYS:
            items = data.get(key) or []
            if not isinstance(value, list) or len(value) != len(items):
                check.problem(where + (key,), f"the translation of '{key}' must have {len(items)} items, in the same order",
                              "translate each item's words, one '- ' line per item")
                continue
            merged[key] = []
            for index, (item, item_words) in enumerate(zip(items, value)):
                item_words = item_words or {}
                wrong = [k for k in item_words if k not in ITEM_TEXT_KEYS[key]] if isinstance(item_words, dict) else ["?"]
                if wrong:
                    check.problem(where + (key, index), f"item {index + 1} of '{key}' can translate only "
                                  + ", ".join(ITEM_TEXT_KEYS[key]), "numbers are written once, above")
                    continue
                merged[key].append({**item, **item_words} if isinstance(item, dict) else item)
        else:
            merged[key] = value
    return merged


def _figure(data: dict, check: _Checker, path: str, figure_id: str) -> Figure:
    kind = data.get("kind")
    if kind not in KINDS:
        check.problem(("kind",), f"unknown kind of figure '{kind}'", "use one of: " + ", ".join(KINDS))
        raise FigureError("\n".join(check.problems))
    check.unknown_keys(data, (), {**COMMON_KEYS, **KIND_KEYS[kind], **{lang: "the same figure's words in that language" for lang in LANGUAGES}})
    for name in REQUIRED[kind]:
        if name not in data:
            check.problem((), f"the {kind} has no '{name}'", f"add '{name}:' ({KIND_KEYS[kind][name]})")
    fields = dict(id=figure_id, kind=kind, path=path, title=check.text(data, (), "title"),
                  caption=check.text(data, (), "caption"), source=check.text(data, (), "source"))
    if "[@" in fields["source"]:
        # The source is shown as plain text in the table of numbers, where a citation stays raw.
        check.problem(("source",), "the source has a citation '[@...]' in it",
                      "write the source in words, and cite it with [@key] in the caption")
    if kind == "bar-chart" and "bars" in data:
        fields.update(measure=check.text(data, (), "measure"),
                      time_point=check.text(data, (), "time_point", required=False),
                      bars=tuple(_bar(check, item, ("bars", i)) for i, item in enumerate(check.items(data, "bars"))))
    elif kind == "timeline" and "stages" in data:
        stages = tuple(_stage(check, item, ("stages", i)) for i, item in enumerate(check.items(data, "stages")))
        limit = check.whole_number(data, (), "yearly_limit", 1, 366) if "yearly_limit" in data else 0
        total = sum(stage.visits for stage in stages)
        if limit and total > limit:
            check.problem(("yearly_limit",), f"the stages add up to {total} visits, more than the yearly "
                          f"limit of {limit}", "check the numbers against the source")
        fields.update(stages=stages, yearly_limit=limit,
                      stop_rule=check.text(data, (), "stop_rule", required=False, limit=MAX_STEP_TEXT))
    elif kind == "steps" and "steps" in data:
        fields.update(steps=tuple(_step(check, item, ("steps", i)) for i, item in enumerate(check.items(data, "steps"))))
    if check.problems:
        raise FigureError("\n".join(check.problems))
    return Figure(**fields)


def _bar(check: _Checker, item: dict, where: tuple) -> Bar:
    check.unknown_keys(item, where, ("label", "value"))
    label = check.text(item, where, "label", limit=MAX_LABEL)
    value = item.get("value")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        shown = "no value" if value is None else f"value '{value}'"
        check.problem(where + ("value",), f"bar '{label or where[1] + 1}' has {shown}",
                      "write a percentage as a number from 0 to 100, without the % sign, such as 29.4")
        value = 0
    return Bar(label, float(value))


def _stage(check: _Checker, item: dict, where: tuple) -> Stage:
    check.unknown_keys(item, where, ("visits", "days", "condition"))
    visits = check.whole_number(item, where, "visits", 1, MAX_VISITS)
    if ("days" in item) == ("condition" in item):
        check.problem(where, f"{_describe(where)} needs either 'days' or 'condition'",
                      "write 'days: 90' for a stage counted in days, or 'condition: If ...' for one that "
                      "depends on something")
        return Stage(visits)
    if "days" in item:
        return Stage(visits, days=check.whole_number(item, where, "days", 1, 366))
    return Stage(visits, condition=check.text(item, where, "condition", limit=MAX_CONDITION))


def _step(check: _Checker, item: dict, where: tuple) -> Step:
    check.unknown_keys(item, where, ("title", "text"))
    return Step(check.text(item, where, "title", limit=MAX_STEP_TITLE),
                check.text(item, where, "text", limit=MAX_STEP_TEXT))


# ---- What readers see: words and numbers ---------------------------------------------------


def whole_percent(value: float) -> str:
    """A share as patients read it: '29%' for 29.4 (halves round up, as people expect)."""
    return f"{Decimal(str(value)).quantize(Decimal('1'), ROUND_HALF_UP)}%"


def exact_percent(value: float) -> str:
    return f"{Decimal(str(value)).normalize():f}%"


# The words around the numbers go through `_`, so a Spanish page's figure reads in Spanish
# (overrides/translations/es.yaml).
def _visits(count: int, more: bool = False) -> str:
    text = {(False, True): "up to %(count)s visit", (False, False): "up to %(count)s visits",
            (True, True): "up to %(count)s more visit", (True, False): "up to %(count)s more visits"}[(more, count == 1)]
    return _(text) % {"count": count}


def stage_heading(stage: Stage, first: bool) -> str:
    if stage.days:
        return _("First %(days)s days" if first else "Next %(days)s days") % {"days": stage.days}
    return stage.condition


def stage_visits(stage: Stage, first: bool) -> str:
    text = _visits(stage.visits, more=not first)
    return text[:1].upper() + text[1:]


def yearly_limit_text(figure: Figure) -> str:
    return _("At most %(limit)s visits a year") % {"limit": figure.yearly_limit}


def description(figure: Figure) -> str:
    """The long text alternative, made from the same numbers the drawing shows."""
    if figure.kind == "bar-chart":
        measured = (_("%(measure)s at %(time)s") % {"measure": figure.measure, "time": figure.time_point}
                    if figure.time_point else figure.measure)
        values = "; ".join(f"{bar.label}: {whole_percent(bar.value)}" for bar in figure.bars)
        return f"{measured}. {values}."
    if figure.kind == "timeline":
        parts = [f"{stage_heading(s, i == 0)}: {_visits(s.visits, more=i > 0)}." for i, s in enumerate(figure.stages)]
        parts.append(yearly_limit_text(figure) + ".")
        if figure.stop_rule:
            parts.append(figure.stop_rule)
        return " ".join(parts)
    return " ".join(_("Step %(number)s: %(title)s. %(text)s") % {"number": i, "title": step.title, "text": step.text}
                    for i, step in enumerate(figure.steps, 1))


def table(figure: Figure) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The figure's data as a small table (headings, rows) for readers who want the numbers."""
    if figure.kind == "bar-chart":
        heading = (_("%(measure)s, at %(time)s") % {"measure": figure.measure, "time": figure.time_point}
                   if figure.time_point else figure.measure)
        return (_("Group"), heading), [(bar.label, exact_percent(bar.value)) for bar in figure.bars]
    if figure.kind == "timeline":
        rows = [(stage_heading(s, i == 0), stage_visits(s, i == 0)) for i, s in enumerate(figure.stages)]
        rows.append((_("In one year, in all"), _("At most %(limit)s visits") % {"limit": figure.yearly_limit}))
        return (_("When"), _("Visits Medicare covers")), rows
    return (_("Step"), _("What happens")), [(f"{i}. {step.title}", step.text) for i, step in enumerate(figure.steps, 1)]


# ---- Geometry ------------------------------------------------------------------------------


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """`text` in lines that fit `width` drawing units at font size `size`."""
    return textwrap.wrap(text, max(8, int(width / (size * (BOLD_CHAR_WIDTH if bold else CHAR_WIDTH))))) or [""]


def text_width(text: str, size: float, bold: bool = False) -> float:
    return len(text) * size * (BOLD_CHAR_WIDTH if bold else CHAR_WIDTH)


# ---- The geometry the SVG templates draw (all in drawing units) -----------------------------

TextLine = tuple[str, float]                # a line of text and its baseline y
PlacedLine = tuple[str, float, float]       # a line of text, its x and its baseline y


@dataclass(frozen=True)
class Sizes:
    title: int = TITLE_SIZE
    label: int = LABEL_SIZE
    value: int = VALUE_SIZE
    small: int = SMALL_SIZE


@dataclass(frozen=True)
class Rail:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class BarItem:
    label: str
    value: float
    shown: str
    label_y: float
    bar_y: float
    bar_height: float
    fill_width: float
    value_x: float
    value_y: float


@dataclass(frozen=True)
class BarChartExtras:
    track_width: float
    scale_y: float


@dataclass(frozen=True)
class Dot:
    cx: float
    cy: float


@dataclass(frozen=True)
class StageItem:
    heading: list[str]
    heading_y: list[float]
    words: str
    words_y: float
    dots: list[Dot]
    dot_r: float
    solid: bool
    node_y: float
    visits: int


@dataclass(frozen=True)
class TimelineExtras:
    line_x: float
    text_x: float
    limit: list[TextLine]
    yearly_limit: int
    limit_node_y: float
    stop: list[TextLine]


@dataclass(frozen=True)
class StepItem:
    number: int
    cx: float
    cy: float
    radius: float
    title: list[PlacedLine]
    lines: list[PlacedLine]
    bottom: float


@dataclass(frozen=True)
class StepsExtras:
    rail: Rail


@dataclass(frozen=True)
class Drawing:
    """What an SVG template needs: the canvas and the pieces of one kind of figure."""
    height: float
    items: list[BarItem] | list[StageItem] | list[StepItem]
    extras: BarChartExtras | TimelineExtras | StepsExtras
    width: int = WIDTH
    sizes: Sizes = field(default_factory=Sizes)
    # The figure's title, drawn at the top so the drawing says what it shows.
    title: list[TextLine] = field(default_factory=list)


def _title_lines(title: str) -> tuple[list[tuple[str, float]], float]:
    """The title wrapped to the canvas, and where what follows it may start."""
    lines = wrap(title, TITLE_SIZE, WIDTH, bold=True)
    placed = [(line, TITLE_SIZE + i * (TITLE_SIZE + 5)) for i, line in enumerate(lines)]
    return placed, placed[-1][1] + 14


def bar_chart_geometry(figure: Figure) -> Drawing:
    """Each bar: its group's name above it, a track standing for 100%, the filled share, and its
    value just after the fill. Bars are as long as their share of the track, so 0% is no bar."""
    value_room = text_width("100%", VALUE_SIZE, bold=True) + 10
    track_width = round(WIDTH - value_room, 2)
    title, y = _title_lines(figure.title)
    items = []
    for bar in figure.bars:
        label_y = y + LABEL_SIZE
        bar_y = label_y + 8
        fill = round(track_width * bar.value / 100, 2)
        items.append(BarItem(label=bar.label, value=bar.value, shown=whole_percent(bar.value),
                          label_y=label_y, bar_y=bar_y, bar_height=28, fill_width=fill,
                          value_x=round(fill + 8, 2), value_y=bar_y + 21))
        y = bar_y + 28 + 20
    scale_y = y + SMALL_SIZE - 2
    return Drawing(height=scale_y + 5, items=items, title=title,
                   extras=BarChartExtras(track_width=track_width, scale_y=scale_y))


def timeline_geometry(figure: Figure) -> Drawing:
    """Stages top to bottom along a line on the left; each has a heading, its visits in words
    and a dot per visit (solid for the first stage, rings for the ones that depend on it)."""
    line_x, text_x, dot_gap, dot_r = 14, 38, 18, 6
    per_row = int((WIDTH - text_x) // dot_gap)
    title, y = _title_lines(figure.title)
    y += 4
    items = []
    for index, stage in enumerate(figure.stages):
        heading = wrap(stage_heading(stage, index == 0), LABEL_SIZE, WIDTH - text_x, bold=True)
        node_y = y + LABEL_SIZE / 2 + 2
        heading_y = [round(y + LABEL_SIZE + i * (LABEL_SIZE + 4), 2) for i in range(len(heading))]
        words_y = heading_y[-1] + LABEL_SIZE + 6
        dots_top = words_y + 10
        dots = [Dot(cx=text_x + dot_r + (n % per_row) * dot_gap, cy=dots_top + dot_r + (n // per_row) * dot_gap)
                for n in range(stage.visits)]
        items.append(StageItem(heading=heading, heading_y=heading_y, words=stage_visits(stage, index == 0),
                          words_y=words_y, dots=dots, dot_r=dot_r, solid=index == 0, node_y=node_y,
                          visits=stage.visits))
        y = dots[-1].cy + dot_r + 22
    limit = wrap(yearly_limit_text(figure), LABEL_SIZE, WIDTH - text_x, bold=True)
    limit_y = [round(y + LABEL_SIZE + i * (LABEL_SIZE + 4), 2) for i in range(len(limit))]
    stop = wrap(figure.stop_rule, SMALL_SIZE, WIDTH - text_x) if figure.stop_rule else []
    stop_y = [round(limit_y[-1] + 26 + i * (SMALL_SIZE + 5), 2) for i in range(len(stop))]
    height = (stop_y[-1] if stop_y else limit_y[-1]) + 8
    return Drawing(height=height, items=items, title=title,
                   extras=TimelineExtras(line_x=line_x, text_x=text_x, limit=list(zip(limit, limit_y)),
                               yearly_limit=figure.yearly_limit, limit_node_y=y + LABEL_SIZE / 2 + 3,
                               stop=list(zip(stop, stop_y))))


def _step_item(number: int, step: Step, circle: tuple[float, float], left: float, top: float,
               width: float, title_rows: int = 1) -> StepItem:
    """One step: its numbered circle, and its title and text wrapped to `width` from (left, top).
    The text starts below `title_rows` lines of title at least, so a row of steps lines up."""
    titles = wrap(step.title, LABEL_SIZE, width, bold=True)
    texts = wrap(step.text, SMALL_SIZE, width)
    title = [(line, left, round(top + LABEL_SIZE + i * (LABEL_SIZE + 4), 2)) for i, line in enumerate(titles)]
    below = top + LABEL_SIZE + (max(title_rows, len(titles)) - 1) * (LABEL_SIZE + 4) + 6
    text = [(line, left, round(below + (i + 1) * (SMALL_SIZE + 5), 2)) for i, line in enumerate(texts)]
    return StepItem(number=number, cx=circle[0], cy=circle[1], radius=STEP_RADIUS, title=title, lines=text,
                bottom=text[-1][2])


def steps_geometry(figure: Figure) -> Drawing:
    """Numbered circles top to bottom, joined by a line, each with its title and a short text."""
    circle_x, text_x = 20, 52
    y, items = 0.0, []
    for number, step in enumerate(figure.steps, 1):
        items.append(_step_item(number, step, (circle_x, y + STEP_RADIUS), text_x, y + 2, WIDTH - text_x))
        y = max(items[-1].bottom, y + 2 * STEP_RADIUS) + 22
    rail = Rail(x1=circle_x, y1=items[0].cy, x2=circle_x, y2=items[-1].cy)
    return Drawing(height=y - 14, items=items, extras=StepsExtras(rail=rail))


def steps_row_geometry(figure: Figure) -> Drawing:
    """The same steps side by side, for wide screens: a column each, the circles on one line."""
    column = WIDE_WIDTH / len(figure.steps)
    width = column - 24
    title_rows = max(len(wrap(step.title, LABEL_SIZE, width, bold=True)) for step in figure.steps)
    items = [_step_item(i + 1, step, (round(i * column, 2) + STEP_RADIUS + 2, STEP_RADIUS), round(i * column, 2),
                        2 * STEP_RADIUS + 12, width, title_rows)
             for i, step in enumerate(figure.steps)]
    rail = Rail(x1=items[0].cx, y1=STEP_RADIUS, x2=items[-1].cx, y2=STEP_RADIUS)
    return Drawing(width=WIDE_WIDTH, height=max(item.bottom for item in items) + 6, items=items,
                   extras=StepsExtras(rail=rail))


# The layouts each kind is drawn in: "narrow" for phones (and beside the caption), and for the
# steps also "wide", a row the width of a desktop text column, which the page's CSS shows
# instead where there is room.
LAYOUTS = {"bar-chart": {"narrow": bar_chart_geometry},
           "timeline": {"narrow": timeline_geometry},
           "steps": {"narrow": steps_geometry, "wide": steps_row_geometry}}


def drawings(figure: Figure) -> dict[str, Drawing]:
    return {layout: draw(figure) for layout, draw in LAYOUTS[figure.kind].items()}


# ---- Placing figures in a page -------------------------------------------------------------


def load_figures(data_dir: Path, shown_dir: str) -> dict[str, Figure]:
    """Every figure file in `data_dir` (shown to staff as `shown_dir`), checked, by its id.
    Raises FigureError with every problem of every file."""
    figures, problems = {}, []
    for file in sorted(data_dir.iterdir()):
        shown = f"{shown_dir}/{file.name}"
        if file.suffix == ".yml":
            problems.append(content_problem(shown, None, "figure files end in .yaml", f"rename it to {file.stem}.yaml"))
            continue
        if file.suffix != ".yaml":
            continue
        text, unreadable = decoded(file.read_bytes())
        if unreadable:
            problems.append(content_problem(shown, *unreadable))
            continue
        try:
            figures[file.stem] = parse_figure(text, shown, file.stem)
        except FigureError as error:
            problems.append(str(error))
    if problems:
        raise FigureError("\n".join(problems))
    return figures


def suggestion(figure_id: str, known: list[str]) -> str:
    close = difflib.get_close_matches(figure_id, known, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return "use one of: " + ", ".join(sorted(known)) + " (the files in data/figures/)"


def one_line(html: str) -> str:
    """Markup as a single line, so Markdown reads the figure as one block of HTML. No space is
    left between two tags: Python-Markdown's md_in_html would read a space between the figure's
    parts as a paragraph and wrap them all in <p>."""
    joined = ""
    for part in (line.strip() for line in html.splitlines()):
        if part:
            joined += ("" if not joined or joined.endswith(">") and part.startswith("<") else " ") + part
    return joined
