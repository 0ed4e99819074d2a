"""Opening hours: stored the way search engines need them (day names, 24-hour times), shown the
way patients read them ("Monday to Thursday", "10 AM"; on Spanish pages "lunes a jueves", "10 a. m.")."""

from __future__ import annotations

import re

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# How each language names the days, joins them, and writes the time of day.
_WORDS = {
    "en": {"days": DAYS, "to": "to", "and": "and", "am": "AM", "pm": "PM"},
    "es": {"days": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
           # No-break spaces: "2 p. m." never ends a line at "2 p." with "m." on the next.
           "to": "a", "and": "y", "am": "a.\u00a0m.", "pm": "p.\u00a0m.", "space": "\u00a0"},
}
_TIME = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")


def time_problem(value: str) -> str | None:
    if not isinstance(value, str) or not _TIME.fullmatch(value):
        return f"'{value}' is not a time — write it as 24-hour HH:MM in quotes, for example \"09:30\" or \"19:00\""
    return None


def days_problem(days: object) -> str | None:
    if not isinstance(days, list) or not days:
        return "days must be a list of day names, for example [Monday, Tuesday]"
    unknown = [d for d in days if d not in DAYS]
    if unknown:
        return f"'{unknown[0]}' is not a day — use " + ", ".join(DAYS)
    return None


def clock(value: str, language: str = "en") -> str:
    """'09:00' -> '9 AM', '19:30' -> '7:30 PM' (in Spanish '9 a. m.', '7:30 p. m.')."""
    words = _WORDS[language]
    hours, minutes = (int(part) for part in value.split(":"))
    suffix = words["am"] if hours < 12 else words["pm"]
    hours = hours % 12 or 12
    space = words.get("space", " ")
    return f"{hours}{space}{suffix}" if minutes == 0 else f"{hours}:{minutes:02d}{space}{suffix}"


def day_range(days: list[str], language: str = "en") -> str:
    """['Monday', 'Tuesday', 'Wednesday'] -> 'Monday to Wednesday'; gaps are listed."""
    words = _WORDS[language]
    indexes = sorted(DAYS.index(d) for d in days)
    if len(indexes) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        text = f"{words['days'][indexes[0]]} {words['to']} {words['days'][indexes[-1]]}"
        return text[:1].upper() + text[1:]
    names = [words["days"][i] for i in indexes]
    text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {words['and']} " + names[-1]
    return text[:1].upper() + text[1:]
