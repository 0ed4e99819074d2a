"""The one reader of a page's front matter, and one schema for it, with messages that name the
file, the line and the fix.

Material and MkDocs accept almost anything in front matter: a misspelt key is silently ignored,
invalid YAML silently gives an empty page header, and a date that does not exist stops the build
with a Python traceback. Here each of them is a plain message, and every other hook that needs
the page's body or a line number gets it from `read`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Callable

from clinic.booking import page_options
from clinic.messages import content_problem
from clinic.page_kinds import KINDS, MEDICAL_KINDS
from clinic.safe_yaml import YamlProblem, as_date, key_lines, load, repeated_key

REVIEW_FIELDS = ("last_reviewed", "next_review", "reviewed_by")
MAX_DESCRIPTION = 160
HIDE_VALUES = ("navigation", "toc", "footer", "path", "feedback", "tags")
KEY_POINTS_COUNT = (3, 5)
MAX_KEY_POINT = 160

# Every key a page may set, and what it is for (shown to staff when they mistype one).
KEYS = {
    "title": "the page title shown in the browser tab and search results",
    "description": f"one sentence for search results, at most {MAX_DESCRIPTION} characters",
    "kind": "what sort of page this is: " + ", ".join(KINDS),
    "last_reviewed": "the date a clinician last reviewed the page (YYYY-MM-DD)",
    "next_review": "the date the next review is due (YYYY-MM-DD)",
    "reviewed_by": "who reviewed it, with credentials",
    "booking_cta": "false to hide the booking boxes, or a heading and text for them",
    "template": "a page template from overrides/ (for example contact.html)",
    "hide": "parts of the page to hide: " + ", ".join(HIDE_VALUES),
    "about": "for search engines: the condition or treatment the page is about (default: its title)",
    "key_points": f"{KEY_POINTS_COUNT[0]} to {KEY_POINTS_COUNT[1]} short, plain sentences shown first on a medical page",
    "summary_of": "for a one-page summary: the page whose key points it shows (for example articles/x.md)",
    "translation_of": "on a translation (.es.md): the fingerprint of the English page's version it translates",
    "translation_reviewed_by": "on a translation (.es.md): the fluent clinician who checked it",
}
TEXT_KEYS = ("title", "description", "reviewed_by", "about", "template", "summary_of", "translation_reviewed_by")

_OPENING = re.compile(r"\A---[ \t]*\r?\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)


@dataclass
class FrontMatter:
    meta: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1          # the file's line on which the body starts
    lines: dict = field(default_factory=dict)  # the file's line of each key
    present: bool = False


class FrontMatterProblem(ValueError):
    def __init__(self, line: int | None, what: str, fix: str):
        super().__init__(what)
        self.line, self.what, self.fix = line, what, fix


def _bounds(source: str) -> tuple[int, int, int] | None:
    """Where the YAML between the '---' lines starts and ends, and where the body starts; None
    for a page without front matter."""
    opening = _OPENING.match(source)
    if not opening:
        return None
    closing = _CLOSING.search(source, opening.end())
    if not closing:
        raise FrontMatterProblem(1, "the front matter that starts on line 1 is never closed",
                                 "add a line with only '---' after the last key (title:, description:, kind: ...)")
    return opening.end(), closing.start(), min(len(source), closing.end() + 1)


def body(source: str) -> str:
    """The page without its front matter, found without reading the YAML (cheap, for every page)."""
    try:
        bounds = _bounds(source)
    except FrontMatterProblem:
        return source
    return source[bounds[2]:] if bounds else source


def markdown_line_offset(source: str) -> int:
    """How many lines of the file come before the Markdown MkDocs hands to hooks (the front
    matter, and the blank lines MkDocs drops after it), so a line counted in that Markdown can
    be reported as a line of the file staff edit."""
    text = body(source)
    return source.count("\n", 0, len(source) - len(text.lstrip("\n"))) if text is not source else 0


def read(source: str) -> FrontMatter:
    """The page's front matter and body. Raises FrontMatterProblem when it cannot be read."""
    bounds = _bounds(source)
    if not bounds:
        return FrontMatter(body=source)
    block_start, block_end, body_start = bounds
    block = source[block_start:block_end]
    try:
        meta, node = load(block)
    except YamlProblem as problem:
        line = problem.line + 1 if problem.line else 1
        raise FrontMatterProblem(line, problem.about("the front matter"), problem.fix) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterProblem(2, "the front matter must be 'key: value' lines", "write title: ... on its own line")
    repeated = repeated_key(node)
    if repeated:
        key, first, again = repeated
        raise FrontMatterProblem(again + 1, f"'{key}' is written twice (also on line {first + 1})",
                                 "keep one line for it; only the last one would count")
    return FrontMatter(meta, source[body_start:], source.count("\n", 0, body_start) + 1,
                       {key: line + 1 for key, line in key_lines(node).items()}, True)


def _text_problem(key: str, value: object) -> tuple[str, str] | None:
    if value is None or isinstance(value, str):
        return None
    shown = {True: "yes", False: "no"}.get(value, value) if isinstance(value, bool) else value
    return (f"{key} is '{shown}', which YAML reads as a {type(value).__name__}, not as text",
            f"put the text in quotes: {key}: \"...\"")


def front_matter_problems(source: str, path: str, today: dt.date,
                          template_exists: Callable[[str], bool] | None = None,
                          templates: tuple[str, ...] = (),
                          page_exists: Callable[[str], bool] | None = None) -> list[str]:
    """Every problem with the page's front matter (and an empty page), in the site's message style."""
    try:
        page = read(source)
    except FrontMatterProblem as problem:
        return [content_problem(path, problem.line, problem.what, problem.fix)]
    if not page.present:
        return [content_problem(path, 1, "the page has no front matter",
                                "start the file with a '---' line, then title:, description: and kind:, then '---'")]
    meta, problems = page.meta, []

    def problem(key, text, fix):
        problems.append(content_problem(path, page.lines.get(key, 1), text, fix))

    for key in meta:
        if key not in KEYS:
            close = difflib.get_close_matches(str(key), KEYS, n=1)
            problem(key, f"unknown front-matter key '{key}'",
                    f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(KEYS))
    for key in TEXT_KEYS:
        wrong = _text_problem(key, meta.get(key))
        if wrong:
            problem(key, *wrong)
    for key in ("title", "description", "kind"):
        if not str(meta.get(key) or "").strip():
            problems.append(content_problem(path, page.lines.get(key, 1), f"the page has no {key}",
                                            f"add '{key}: ...' ({KEYS[key]})"))
    description = str(meta.get("description") or "")
    if len(description) > MAX_DESCRIPTION:
        problem("description", f"the description is {len(description)} characters long",
                f"shorten it to {MAX_DESCRIPTION} or fewer; search engines cut off the rest")
    kind = meta.get("kind")
    if kind and (not isinstance(kind, str) or kind not in KINDS):
        problem("kind", f"unknown kind '{kind}'", "use one of: " + ", ".join(KINDS))
    template = meta.get("template")
    if isinstance(template, str) and template_exists and not template_exists(template):
        problem("template", f"there is no page template '{template}'",
                "use one of: " + ", ".join(templates) if templates else "check the name in overrides/")
    hide = meta.get("hide")
    if hide is not None and (not isinstance(hide, list) or any(v not in HIDE_VALUES for v in hide)):
        problem("hide", f"hide is '{hide}'", "list what to hide, one per line as '  - toc', from: " + ", ".join(HIDE_VALUES))
    if "booking_cta" in meta:
        try:
            page_options(meta["booking_cta"])
        except ValueError as error:
            what, _, fix = str(error).partition(" — ")
            problem("booking_cta", what, fix)
    if kind in MEDICAL_KINDS or any(key in meta for key in REVIEW_FIELDS):
        problems += _review_problems(meta, page.lines, path, today)
    problems += _key_point_problems(meta, page.lines, path, kind in MEDICAL_KINDS, page_exists)
    if not re.sub(r"<!--.*?-->", "", page.body, flags=re.S).strip():
        problems.append(content_problem(path, page.body_line, "the page is empty",
                                        "write the page's text below the front matter, or remove the page"))
    return problems


def _review_problems(meta: dict, lines: dict, path: str, today: dt.date) -> list[str]:
    problems = []

    def problem(key, text, fix):
        problems.append(content_problem(path, lines.get(key, 1), text, fix))

    for key in REVIEW_FIELDS:
        if key not in meta or meta[key] in (None, ""):
            problem(key, f"a medical page needs '{key}'", f"add '{key}:' ({KEYS[key]})")
    reviewer = meta.get("reviewed_by")
    if isinstance(reviewer, str) and reviewer and len(re.findall(r"[^\W\d_]", reviewer)) < 2:
        problem("reviewed_by", f"reviewed_by is '{reviewer}', which is not a name",
                "write the reviewing clinician's name and credentials, for example 'Jane Doe, L.Ac.'")
    for key in ("last_reviewed", "next_review"):
        if meta.get(key) not in (None, "") and as_date(meta[key]) is None:
            problem(key, f"'{meta[key]}' is not a date", f"write {key} as YYYY-MM-DD, for example 2027-01-31")
    next_review, last_reviewed = as_date(meta.get("next_review")), as_date(meta.get("last_reviewed"))
    if next_review and next_review < today:
        problem("next_review", f"the review was due on {next_review.isoformat()}",
                "have a clinician review the page, then update last_reviewed and next_review")
    if last_reviewed and last_reviewed > today:
        problem("last_reviewed", f"last_reviewed {last_reviewed.isoformat()} is in the future",
                "use the date the review actually happened")
    if next_review and last_reviewed and next_review <= last_reviewed:
        problem("next_review", f"the next review ({next_review.isoformat()}) is not after the last one "
                f"({last_reviewed.isoformat()})", "set next_review to a later date, usually a year after last_reviewed")
    return problems


def _key_point_problems(meta: dict, lines: dict, path: str, medical: bool,
                        page_exists: Callable[[str], bool] | None) -> list[str]:
    """key_points: 3 to 5 short plain sentences, required on medical pages (a summary page shows
    those of the page named by summary_of instead)."""
    low, high = KEY_POINTS_COUNT
    example = "key_points:\n  - First point.\n  - Second point.\n  - Third point."
    summary_of = meta.get("summary_of")
    if isinstance(summary_of, str) and summary_of and page_exists and not page_exists(summary_of):
        return [content_problem(path, lines.get("summary_of", 1), f"summary_of names '{summary_of}', which is not a page",
                                "write the path of a page in docs/, for example articles/acupuncture-for-low-back-pain.md")]
    if "key_points" not in meta:
        if medical and not summary_of:
            return [content_problem(path, 1, "a medical page needs key_points",
                                    f"add {low} to {high} short sentences that sum up the page, as\n{example}")]
        return []
    points, line = meta["key_points"], lines.get("key_points", 1)
    if not isinstance(points, list) or not low <= len(points) <= high:
        count = f"{len(points)} key points" if isinstance(points, list) else f"key_points is '{points}'"
        return [content_problem(path, line, f"{count}, not a list of {low} to {high}",
                                f"write {low} to {high} points, each on its own line starting with '  - ', as\n{example}")]
    problems = []
    for number, point in enumerate(points, start=1):
        where = line + number

        def problem(what, fix):
            problems.append(content_problem(path, where, f"key point {number} {what}", fix))

        if not isinstance(point, str) or not point.strip():
            problem("is empty or not text", "write a short sentence, in quotes if it contains a colon")
        elif len(point) > MAX_KEY_POINT:
            problem(f"is {len(point)} characters long",
                    f"shorten it to {MAX_KEY_POINT} or fewer; the details belong in the page")
        elif re.search(r"\[[^\]]*@|\[\^", point):
            problem("has a citation", "key points sum up the page; cite the source in the page's text instead")
        elif re.search(r"<[a-zA-Z/!]|\*\*|\]\(", point):
            problem("has formatting or HTML", "write plain words: no **bold**, links or tags")
    return problems
