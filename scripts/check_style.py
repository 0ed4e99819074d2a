#!/usr/bin/env python3
"""Markdown style (PyMarkdown) and spelling (codespell) of the pages, reported the site's way:
`docs/<file>.md:<line>: <what is wrong> — <how to fix it>`.

    .venv/bin/python scripts/check_style.py            # every page in docs/
    .venv/bin/python scripts/check_style.py docs/about.md

Settings: .pymarkdown.yml (style rules), .codespellrc and spelling-words.txt (spelling).
tests/test_style.py runs the same checks. Exits 1 when there is anything to fix.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKDOWN_CONFIG = ROOT / ".pymarkdown.yml"
SPELLING_CONFIG = ROOT / ".codespellrc"
WORD_LIST = "spelling-words.txt"

# PyMarkdown: "/abs/docs/x.md:12:1: MD022: Headings should be ... (blanks-around-headings,...)"
_PYMARKDOWN = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<rule>[A-Za-z]+\d+): "
                         r"(?P<text>.*?)(?: \((?P<aliases>[\w,-]+)\))?$")
# codespell: "docs/x.md:12: recieve ==> receive" (several suggestions are separated by commas)
_CODESPELL = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<word>\S+) ==> (?P<fix>.+?)(?: \| (?P<reason>.*))?$")

# How to fix what staff are most likely to meet, in plain words. Other rules get a pointer.
FIXES = {
    "MD001": "go down one heading level at a time: '##' after '#', '###' after '##'",
    "MD003": "write every heading with '#' signs at the start of the line",
    "MD004": "start every bullet in a list with '-'",
    "MD005": "line the list's items up at the same indentation",
    "MD007": "indent a list inside a list by 4 spaces",
    "MD009": "delete the spaces at the end of the line",
    "MD010": "replace the tab with spaces",
    "MD011": "a link is written [text](address), with the square brackets first",
    "MD012": "leave only one empty line",
    "MD018": "put a space after the '#' of a heading",
    "MD019": "put only one space after the '#' of a heading",
    "MD022": "leave an empty line before and after the heading",
    "MD023": "start the heading at the beginning of the line",
    "MD024": "give each heading on the page its own words",
    "MD025": "use '#' for the page's one main heading and '##' for the sections under it",
    "MD026": "remove the punctuation at the end of the heading",
    "MD027": "put only one space after the '>'",
    "MD029": "number the list 1. 2. 3. in order",
    "MD030": "put one space after '-' or '1.'",
    "MD031": "leave an empty line before and after the code block",
    "MD032": "leave an empty line before and after the list",
    "MD033": "write it in Markdown instead of HTML, or ask a developer",
    "MD034": "write the web address as a link: [words](https://...)",
    "MD036": "use a heading ('## ...') instead of a line in bold",
    "MD037": "remove the spaces just inside the '*' or '_' marks",
    "MD038": "remove the spaces just inside the backticks",
    "MD039": "remove the spaces just inside the link's square brackets",
    "MD040": "say the code's language after the opening ```",
    "MD041": "start the page (after the front matter) with a '# Heading'",
    "MD042": "give the link an address: [words](page.md)",
    "MD045": "describe the picture for people who cannot see it: ![what it shows](file.jpg)",
    "MD047": "end the file with an empty line",
    "MD049": "use *single stars* for emphasis",
    "MD050": "use **double stars** for bold text",
    "MD055": "start and end every row of the table with '|'",
    "MD056": "give every row of the table the same number of cells",
}


def markdown_files(paths: list[Path] | None = None) -> list[Path]:
    paths = paths or [ROOT / "docs"]
    files = []
    for path in paths:
        files += sorted(path.rglob("*.md")) if path.is_dir() else [path]
    return files


def _shown(path: str) -> str:
    file = Path(path)
    file = file if file.is_absolute() else ROOT / file
    try:
        return file.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path


def markdown_problem(line: str) -> str | None:
    """One line of PyMarkdown's output in the site's message style, or None for other lines."""
    match = _PYMARKDOWN.match(line.strip())
    if not match:
        return None
    rule = match["rule"].upper()
    what = match["text"].rstrip(".")
    fix = FIXES.get(rule, f"see rule {rule} ({(match['aliases'] or '').split(',')[0]}) "
                          "in PyMarkdown's documentation, or ask a developer")
    return f"{_shown(match['path'])}:{match['line']}: {what} [{rule}] — {fix}"


def spelling_problem(line: str) -> str | None:
    """One line of codespell's output in the site's message style, or None for other lines."""
    match = _CODESPELL.match(line.strip())
    if not match:
        return None
    suggestions = [s.strip() for s in match["fix"].split(",") if s.strip()]
    write = " or ".join(f"'{s}'" for s in suggestions)
    return (f"{_shown(match['path'])}:{match['line']}: '{match['word']}' looks misspelled — write {write}; "
            f"if the word is right, add it in lower case to {WORD_LIST}")


def _run(command: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


def markdown_problems(files: list[Path]) -> list[str]:
    result = _run([sys.executable, "-m", "pymarkdown", "--strict-config", "--config", str(MARKDOWN_CONFIG),
                   "scan", *map(str, files)])
    problems = [p for p in map(markdown_problem, result.stdout.splitlines()) if p]
    if result.returncode not in (0, 1) or (result.returncode == 1 and not problems):
        raise RuntimeError(f"PyMarkdown did not run: {result.stdout}{result.stderr}")
    return problems


def spelling_problems(files: list[Path]) -> list[str]:
    """codespell's findings in the English pages. codespell knows only English misspellings, and
    Spanish words it takes for them ('hace', 'ser', 'varios'): the Spanish pages (*.es.md) are
    read instead by the fluent clinician named in their `translation_reviewed_by`."""
    files = [f for f in files if not str(f).endswith(".es.md")]
    missing = [str(f) for f in files if not Path(f).is_file()]
    if missing:  # codespell passes a file it cannot find
        raise FileNotFoundError(", ".join(missing))
    result = _run([sys.executable, "-m", "codespell_lib", "--config", str(SPELLING_CONFIG),
                   *(_shown(str(f)) for f in files)])
    problems = [p for p in map(spelling_problem, result.stdout.splitlines()) if p]
    if result.returncode not in (0, 65) or (result.returncode == 65 and not problems):
        raise RuntimeError(f"codespell did not run: {result.stdout}{result.stderr}")
    return problems


def main(argv: list[str]) -> int:
    files = markdown_files([Path(a).resolve() for a in argv] or None)
    problems = markdown_problems(files) + spelling_problems(files)
    for problem in problems:
        print(problem)
    print(f"{len(files)} files checked, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
