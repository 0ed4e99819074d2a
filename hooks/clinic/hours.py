"""Opening hours: stored the way search engines need them (day names, 24-hour times), shown the
way patients read them ("Monday to Thursday", "10 AM")."""

from __future__ import annotations

import re

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
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


def clock(value: str) -> str:
    """'09:00' -> '9 AM', '19:30' -> '7:30 PM'."""
    hours, minutes = (int(part) for part in value.split(":"))
    suffix = "AM" if hours < 12 else "PM"
    hours = hours % 12 or 12
    return f"{hours} {suffix}" if minutes == 0 else f"{hours}:{minutes:02d} {suffix}"


def day_range(days: list[str]) -> str:
    """['Monday', 'Tuesday', 'Wednesday'] -> 'Monday to Wednesday'; gaps are listed."""
    indexes = sorted(DAYS.index(d) for d in days)
    if len(indexes) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        return f"{DAYS[indexes[0]]} to {DAYS[indexes[-1]]}"
    names = [DAYS[i] for i in indexes]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
