"""A translation says which version of its English page it translates, so it never falls
behind silently.

`docs/<page>.es.md` carries `translation_of: <12 characters>`, a short fingerprint of what readers
read of `docs/<page>.md`: its text below the front matter, and the front-matter values shown as
words (title, description, key points, the booking box's words). Review dates, the reviewer and
the page's settings do not count: a new review date leaves the translation up to date. When the
English text changes, its fingerprint changes, and the build fails naming both files until the
translation is brought up to date and given the new fingerprint.

Nothing here imports MkDocs.
"""

from __future__ import annotations

import hashlib
import json
import re

from clinic.front_matter import FrontMatterProblem, body, read
from clinic.messages import content_problem

FINGERPRINT = re.compile(r"[0-9a-f]{12}")


# The front-matter values readers see as words, which a translation must follow too.
READ_KEYS = ("title", "description", "about", "key_points", "booking_cta")


def fingerprint(english_source: str) -> str:
    """The fingerprint of what readers read of an English page. Line endings and spaces at the
    ends of lines do not count: the GitHub web editor may change them without changing a word."""
    text = "\n".join(line.rstrip() for line in body(english_source).replace("\r\n", "\n").split("\n")).strip()
    try:
        meta = read(english_source).meta
    except FrontMatterProblem:
        meta = {}  # the front-matter check reports it
    shown = {key: meta[key] for key in READ_KEYS if key in meta}
    if shown:
        text += "\n" + json.dumps(shown, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def translation_problems(path: str, source: str, english_path: str, english_source: str | None) -> list[str]:
    """What is wrong with translation `path` against its English page `english_path` (None when
    that page does not exist), in the site's message style."""
    try:
        page = read(source)
    except FrontMatterProblem:
        return []  # the front-matter check reports it
    meta, lines = page.meta, page.lines
    if english_source is None:
        return [content_problem(path, 1, f"this translation has no English page {english_path}",
                                f"rename it after the English page it translates, or add {english_path}")]
    current = fingerprint(english_source)
    problems = []
    value = meta.get("translation_of")
    if value is None:
        problems.append(content_problem(path, 1, f"the page does not say which version of {english_path} it translates",
                                        f"check the translation against {english_path}, then add translation_of: {current}"))
    elif not isinstance(value, str) or not FINGERPRINT.fullmatch(value):
        problems.append(content_problem(path, lines.get("translation_of"), f"translation_of is '{value}', which is not a fingerprint",
                                        f"check the translation against {english_path}, then set translation_of: {current}"))
    elif value != current:
        problems.append(content_problem(path, lines.get("translation_of"), f"translates an older version of {english_path}",
                                        f"update the translation, then set translation_of: {current}"))
    reviewer = meta.get("translation_reviewed_by")
    if not isinstance(reviewer, str) or not reviewer.strip():
        problems.append(content_problem(path, lines.get("translation_reviewed_by", 1),
                                        "the page does not say who checked the translation",
                                        "add translation_reviewed_by: the name of the fluent clinician who read it"))
    return problems


def untranslated_keys_problems(path: str, source: str) -> list[str]:
    """An English page may not carry a translation's keys (they would mean nothing there)."""
    try:
        page = read(source)
    except FrontMatterProblem:
        return []
    return [content_problem(path, page.lines.get(key), f"'{key}' belongs on a translation (a .es.md page), not on this page",
                            f"remove the '{key}' line")
            for key in ("translation_of", "translation_reviewed_by") if key in page.meta]
