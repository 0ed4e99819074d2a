"""What each kind of value under `extra:` in mkdocs.yml must be, as pure checks: each returns why
a value is wrong, or None. `hooks/settings_schema.py` wires them into MkDocs' config classes."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Characters that would change the meaning of HTML around a value, or of an address.
_MARKUP = re.compile(r"[<>]")
_URL_FORBIDDEN = re.compile(r"[\s\"'<>\\`{}|^\x00-\x1f\x7f]")
_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&*+/=?_~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")


def plain_text_problem(value: object) -> str | None:
    if not isinstance(value, str):
        return f"'{value}' must be text — put it in quotes"
    if not value.strip():
        return "must not be empty — write the words readers should see"
    if _MARKUP.search(value):
        return f"'{value}' holds '<' or '>' — write plain words, without HTML"
    return None


def https_url_problem(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return f"'{value}' must be a web address starting with https:// — copy it from the browser's address bar"
    value = value.strip()
    if _URL_FORBIDDEN.search(value):
        return f"'{value}' holds a space, a quote or another character a web address cannot have — copy the address again from the browser's address bar"
    try:
        parts = urlsplit(value)
        port = parts.port  # raises for a port that is not a number
    except ValueError:
        return f"'{value}' is not a web address — copy it again from the browser's address bar"
    if parts.scheme != "https":
        return f"'{value}' must be a web address starting with https:// — copy it from the browser's address bar"
    if parts.username or parts.password or not parts.hostname or not _HOST.fullmatch(parts.hostname) or port == 0:
        return f"'{value}' does not name a website after https:// — copy the address again from the browser's address bar"
    return None


def email_problem(value: object) -> str | None:
    if not isinstance(value, str) or not _EMAIL.fullmatch(value.strip()):
        return f"'{value}' is not an e-mail address — write it as name@example.org, without 'mailto:' or spaces"
    return None


def minutes(value: str) -> int:
    hours, mins = value.split(":")
    return int(hours) * 60 + int(mins)
