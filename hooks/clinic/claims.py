"""Over-strong health claims: words a careful health site does not use about a treatment.

A phrase can be allowed on purpose, for example when quoting someone, by ending the line with
`<!-- claim-ok: cure -->` naming the word.
"""

from __future__ import annotations

import re

from clinic.markdown_blocks import code_lines
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


# A paragraph that states a number or an effect needs a source, or must say it is our own practice.
EFFECT_WORDS = re.compile(r"\b(eases?|eased|reduc\w*|improv\w*|helps?|helped|reliev\w*|relief|risks?|side[ -]effects?|"
                          r"safe|safely|safety|effective\w*|benefits?)\b", re.I)
OWN_PRACTICE = re.compile(r"\b(in (our|my) (own )?(practice|experience|office|clinic|care)|our own practice|my (care|clinical "
                          r"experience)|(I|we) (always |often |also )?(do|ask|check|stop|use|offer|follow|will|can|keep|"
                          r"combine|may|suggest|look|watch|press|feel|explain|mix|tell|give|make))\b", re.I)
_SKIP = re.compile(r"^\s*(#|\||<|!!!|\?\?\?|\[\^|\[[^\]]+\]:|---)")


def unsourced_statements(markdown: str) -> list[tuple[int, str]]:
    """(line, opening words) of each paragraph or list item that gives a number or an effect
    with no citation (`[@key]`) and no words saying it is our own practice."""
    lines = markdown.split("\n")
    blocks, current, start = [], [], 0
    for number, (line, code) in enumerate(zip(lines, code_lines(lines)), start=1):
        item = re.match(r"^\s*([-*+]|\d+\.)\s+", line)
        if code or not line.strip() or _SKIP.match(line) or item:
            if current:
                blocks.append((start, " ".join(current)))
            current = []
            if item and not code:
                current, start = [line[item.end():]], number
            continue
        if not current:
            start = number
        current.append(line.strip())
    if current:
        blocks.append((start, " ".join(current)))
    found, lead_in_cited = [], False
    for line, text in blocks:
        is_item = bool(re.match(r"\s*([-*+]|\d+\.)\s", lines[line - 1]))
        if not is_item:
            # List items under a lead-in that cites its source ("To count, your pain must [@x]:").
            lead_in_cited = "[@" in text and text.rstrip().endswith(":")
        elif lead_in_cited:
            continue
        prose = re.sub(r"\]\([^)]*\)|<!--.*?-->|`[^`]*`", " ", text)
        if not (re.search(r"\d", prose) or EFFECT_WORDS.search(prose)):
            continue
        if "[@" in text or OWN_PRACTICE.search(prose):
            continue
        found.append((line, " ".join(prose.split()[:10])))
    return found
