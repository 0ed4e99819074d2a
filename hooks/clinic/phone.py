"""Phone numbers: checked as E.164 (what `tel:` links and structured data need), shown the US way."""

import re

_E164 = re.compile(r"\+[1-9][0-9]{6,14}")
# North American numbers: area code and exchange never start with 0 or 1.
_NANP = re.compile(r"\+1([2-9][0-9]{2})([2-9][0-9]{2})([0-9]{4})")


def e164_problem(number: str) -> str | None:
    """Why `number` is not a usable E.164 phone number, or None when it is."""
    if not isinstance(number, str) or not _E164.fullmatch(number):
        return (f"'{number}' is not a phone number in international form — write it as "
                "+1 then the 10 digits, with no spaces or dashes, for example +12125550142")
    if number.startswith("+1") and not _NANP.fullmatch(number):
        return (f"'{number}' is not a valid US number — after +1 come a 3-digit area code and "
                "a 7-digit number, neither starting with 0 or 1")
    return None


def display_phone(number: str) -> str:
    """'+12125550142' -> '(212) 555-0142'; other countries keep their international form."""
    match = _NANP.fullmatch(number)
    if match:
        area, exchange, line = match.groups()
        return f"({area}) {exchange}-{line}"
    return number
