"""Over-strong health claims: words a careful health site does not use about a treatment.

A phrase can be allowed on purpose, for example when quoting someone, by ending the line with
`<!-- claim-ok: cure -->` naming the word.
"""

from __future__ import annotations

import re

from clinic.citation_syntax import code_lines
from clinic.messages import content_problem

# The word as staff would see it, and a plainer, honest alternative.
STRONG_CLAIMS = {
    r"proven|proves?": "say what the study found: 'a large trial found…', 'studies suggest…'",
    r"cures?|cured|curing": "say it 'may ease' or 'may help with' the problem",
    r"guarantee[sd]?|guaranteed": "no treatment works for everyone: say 'many people find…'",
    r"miracle|miraculous": "describe the result plainly",
    r"100\s?%|one hundred percent": "give the real number from the source, or leave it out",
    r"no side[ -]effects|risk[ -]free|completely safe|totally safe|perfectly safe":
        "say side effects are usually mild, and name them",
    r"permanent(ly)? (relief|fix)|instant relief": "say relief 'can last' and how long the study followed people",
    r"detox(es|ify|ifies)?|boosts? (your )?immun\w*": "leave it out unless a source shows it in people",
}
_PATTERN = re.compile(r"\b(" + "|".join(f"(?:{p})" for p in STRONG_CLAIMS) + r")(?!\w)", re.I)
_ALLOW = re.compile(r"<!--\s*claim-ok:\s*([^>]*?)\s*-->", re.I)


def _advice(word: str) -> str:
    return next(fix for pattern, fix in STRONG_CLAIMS.items() if re.fullmatch(pattern, word, re.I))


def claim_problems(markdown: str, path: str, first_line: int = 1) -> list[str]:
    """Each over-strong claim with its line (counted from `first_line`), outside code."""
    if not _PATTERN.search(markdown):  # the usual case: one pass over the page, nothing to report
        return []
    lines = markdown.split("\n")
    problems = []
    for number, (line, is_code) in enumerate(zip(lines, code_lines(lines)), first_line):
        if is_code:
            continue
        allowed = {w.strip().lower() for m in _ALLOW.finditer(line) for w in m.group(1).split(",")}
        text = re.sub(r"<!--.*?-->|`[^`]*`|\]\([^)]*\)", " ", line)
        for match in _PATTERN.finditer(text):
            word = match.group(1)
            if word.lower() not in allowed:
                problems.append(content_problem(path, number, f"over-strong health claim '{word}'",
                                                _advice(word) + f" (or end the line with <!-- claim-ok: {word.lower()} --> when quoting)"))
    return problems
