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
# The same words on the Spanish pages (docs/*.es.md), with the same advice to staff.
STRONG_CLAIMS_ES = {
    r"comprobad[oa]s?|demostrad[oa]s?|(queda|está) (comprobado|demostrado)":
        "say what the study found: 'un ensayo grande encontró…', 'los estudios sugieren…'",
    r"cura[rns]?|curad[oa]s?|curación|curaciones": "say it 'puede aliviar' or 'puede ayudar con' the problem",
    r"garantiza\w*|garantías?": "no treatment works for everyone: say 'muchas personas notan…'",
    r"milagros[oa]s?|milagros?": "describe the result plainly",
    r"100\s?%|cien por ciento": "give the real number from the source, or leave it out",
    r"sin efectos secundarios|sin riesgos?|(totalmente|completamente|perfectamente) segur[oa]":
        "say side effects are usually mild, and name them",
    r"alivio (permanente|inmediato|instantáneo)": "say relief 'puede durar' and how long the study followed people",
    r"desintoxica\w*|refuerza (el|su|sus) (sistema inmun\w*|defensas)": "leave it out unless a source shows it in people",
}


def _pattern(claims: dict) -> re.Pattern:
    return re.compile(r"\b(" + "|".join(f"(?:{p})" for p in claims) + r")(?!\w)", re.I)


_CLAIMS = {"en": (STRONG_CLAIMS, _pattern(STRONG_CLAIMS)), "es": (STRONG_CLAIMS_ES, _pattern(STRONG_CLAIMS_ES))}
_PATTERN = _CLAIMS["en"][1]
_ALLOW = re.compile(r"<!--\s*claim-ok:\s*([^>]*?)\s*-->", re.I)


def _advice(word: str, claims: dict = STRONG_CLAIMS) -> str:
    return next(fix for pattern, fix in claims.items() if re.fullmatch(pattern, word, re.I))


def claim_problems(markdown: str, path: str, first_line: int = 1, language: str = "en") -> list[str]:
    """Each over-strong claim with its line (counted from `first_line`), outside code, in the
    page's language ('en' or 'es')."""
    claims, pattern = _CLAIMS[language]
    if not pattern.search(markdown):  # the usual case: one pass over the page, nothing to report
        return []
    lines = markdown.split("\n")
    problems = []
    for number, (line, is_code) in enumerate(zip(lines, code_lines(lines)), first_line):
        if is_code:
            continue
        allowed = {w.strip().lower() for m in _ALLOW.finditer(line) for w in m.group(1).split(",")}
        text = re.sub(r"<!--.*?-->|`[^`]*`|\]\([^)]*\)", " ", line)
        for match in pattern.finditer(text):
            word = match.group(1)
            if word.lower() not in allowed:
                problems.append(content_problem(path, number, f"over-strong health claim '{word}'",
                                                _advice(word, claims) + f" (or end the line with <!-- claim-ok: {word.lower()} --> when quoting)"))
    return problems


# A paragraph that states a number or an effect needs a source, or must say it is our own practice.
EFFECT_WORDS = re.compile(r"\b(eases?|eased|reduc\w*|improv\w*|helps?|helped|reliev\w*|relief|risks?|side[ -]effects?|"
                          r"safe|safely|safety|effective\w*|benefits?)\b", re.I)
OWN_PRACTICE = re.compile(r"\b(in (our|my) (own )?(practice|experience|office|clinic|care)|our own practice|my (care|clinical "
                          r"experience)|(I|we) (always |often |also )?(do|ask|check|stop|use|offer|follow|will|can|keep|"
                          r"combine|may|suggest|look|watch|press|feel|explain|mix|tell|give|make))\b", re.I)
EFFECT_WORDS_ES = re.compile(r"\b(alivi\w*|reduc\w*|disminu\w*|mejor\w*|ayud\w*|riesgos?|efectos? secundarios?|"
                             r"seguridad|eficac\w*|eficaz|beneficios?)\b", re.I)
OWN_PRACTICE_ES = re.compile(r"\b(en (nuestra|mi) (propia )?(práctica|experiencia|consulta|consultorio|clínica|oficina)|"
                             r"nuestra propia práctica|(siempre |a menudo |también )?(revisamos|hacemos|preguntamos|usamos|"
                             r"ofrecemos|seguimos|podemos|sugerimos|explicamos|damos|paramos|detenemos|combinamos|"
                             r"trabajamos|atendemos|cobramos|aceptamos|le (pregunto|explico|doy|sugiero|propongo|ofrezco|"
                             r"pedimos|preguntamos|explicamos|damos|enviamos|mandamos)|reviso|uso|ofrezco|sigo|puedo|miro|"
                             r"presiono|explico|trabajo))\b", re.I)
_WORDS = {"en": (EFFECT_WORDS, OWN_PRACTICE), "es": (EFFECT_WORDS_ES, OWN_PRACTICE_ES)}
_SKIP = re.compile(r"^\s*(#|\||<|!!!|\?\?\?|\[\^|\[[^\]]+\]:|---)")


def unsourced_statements(markdown: str, language: str = "en") -> list[tuple[int, str]]:
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
        effect_words, own_practice = _WORDS[language]
        if not (re.search(r"\d", prose) or effect_words.search(prose)):
            continue
        if "[@" in text or own_practice.search(prose):
            continue
        found.append((line, " ".join(prose.split()[:10])))
    return found
