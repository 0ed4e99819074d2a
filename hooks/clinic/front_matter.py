"""One schema for every page's front matter, with messages that name the file, the line and the fix.

Material and MkDocs accept almost anything in front matter: a misspelt key is silently ignored,
and invalid YAML silently gives an empty page header. Here both stop the build.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

import yaml

from clinic.messages import content_problem

MEDICAL_KINDS = ("article", "mechanism", "treatment", "faq")
KINDS = MEDICAL_KINDS + ("home", "contact", "about", "legal", "search")
REVIEW_FIELDS = ("last_reviewed", "next_review", "reviewed_by")
MAX_DESCRIPTION = 160

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
    "hide": "parts of the page to hide (navigation, toc, footer)",
    "about": "for search engines: the condition or treatment the page is about (default: its title)",
}

# libyaml's parser when PyYAML has it (it does in the wheels pip installs): the same safe
# loading, several times faster than the pure-Python one on every page of every build.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.S)


def _key_lines(block: str) -> dict[str, int]:
    """Line (in the file) of each top-level key of the front matter."""
    return {m.group(1): block.count("\n", 0, m.start()) + 2
            for m in re.finditer(r"^([A-Za-z_][\w-]*)\s*:", block, re.M)}


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def front_matter_problems(source: str, path: str, today: dt.date) -> list[str]:
    """Every problem with the page's front matter (and an empty page), in the site's message style."""
    match = _FRONT_MATTER.match(source)
    if not match:
        return [content_problem(path, 1, "the page has no front matter",
                                "start the file with a '---' line, then title:, description: and kind:, then '---'")]
    block = match.group(1) or ""
    try:
        meta = yaml.load(block, Loader=_LOADER) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        return [content_problem(path, line, "the front matter is not valid YAML",
                                "check the colon after each key and put text with a colon in quotes")]
    if not isinstance(meta, dict):
        return [content_problem(path, 2, "the front matter must be 'key: value' lines", "write title: ... on its own line")]
    lines = _key_lines(block)
    problems = []

    def problem(key, text, fix):
        problems.append(content_problem(path, lines.get(key, 1), text, fix))

    for key in meta:
        if key not in KEYS:
            close = difflib.get_close_matches(str(key), KEYS, n=1)
            fix = f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(KEYS)
            problem(key, f"unknown front-matter key '{key}'", fix)
    for key in ("title", "description", "kind"):
        if not str(meta.get(key) or "").strip():
            problems.append(content_problem(path, 1, f"the page has no {key}", f"add '{key}: ...' ({KEYS[key]})"))
    description = str(meta.get("description") or "")
    if len(description) > MAX_DESCRIPTION:
        problem("description", f"the description is {len(description)} characters long",
                f"shorten it to {MAX_DESCRIPTION} or fewer; search engines cut off the rest")
    kind = meta.get("kind")
    if kind and kind not in KINDS:
        problem("kind", f"unknown kind '{kind}'", "use one of: " + ", ".join(KINDS))
    if kind in MEDICAL_KINDS:
        for key in REVIEW_FIELDS:
            if key not in meta or meta[key] in (None, ""):
                problems.append(content_problem(path, 1, f"a medical page needs '{key}'",
                                                f"add '{key}:' ({KEYS[key]})"))
        for key in ("last_reviewed", "next_review"):
            if key in meta and meta[key] not in (None, "") and _as_date(meta[key]) is None:
                problem(key, f"'{meta[key]}' is not a date", f"write {key} as YYYY-MM-DD, for example 2027-01-31")
        next_review = _as_date(meta.get("next_review"))
        if next_review and next_review < today:
            problem("next_review", f"the review was due on {next_review.isoformat()}",
                    "have a clinician review the page, then update last_reviewed and next_review")
        last_reviewed = _as_date(meta.get("last_reviewed"))
        if last_reviewed and last_reviewed > today:
            problem("last_reviewed", f"last_reviewed {last_reviewed.isoformat()} is in the future",
                    "use the date the review actually happened")
    body = source[match.end():]
    if not re.sub(r"<!--.*?-->", "", body, flags=re.S).strip():
        problems.append(content_problem(path, source.count("\n", 0, match.end()) + 1, "the page is empty",
                                        "write the page's text below the front matter, or remove the page"))
    return problems
