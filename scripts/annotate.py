#!/usr/bin/env python3
"""Shows the build's mistakes on the pull request's files, as GitHub Actions annotations.

Reads build or test output on standard input and passes it through unchanged. After each line
that names a file, in the site's style (`docs/<file>.md:<line>: <what is wrong> — <fix>`, or
`mkdocs.yml: extra.booking.url: ...`) or in MkDocs' own words ("Doc file 'about.md' contains a
link ...", "A reference to 'x.md' is included in the 'nav' configuration ..."), it also prints
the same message as a `::error file=...,line=...::...` line, which GitHub shows on that file.

    set -o pipefail
    mkdocs build --strict 2>&1 | python scripts/annotate.py

It always exits 0: with `pipefail` the pipeline fails when the build does.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
from clinic.messages import content_problem, github_annotation  # noqa: E402

# MkDocs' log prefix, "ERROR   -  " or "WARNING -  ", and colour codes some terminals get.
_LOG_PREFIX = re.compile(r"^(?:(?:DEBUG|INFO|WARNING|ERROR|CRITICAL)\s*-\s+)?")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Our style: a relative path to a file staff edit, then the line if there is one.
_OURS = re.compile(r"^(?P<path>(?![/\\])[\w.\-/]+\.(?:md|ya?ml|json)):(?:(?P<line>\d+):)? (?P<text>\S.*)$")
_DOC_LINK = re.compile(r"^Doc file '(?P<file>[^']+)' contains (?:a|an \w+(?: \w+)*) link '(?P<link>[^']*)'")
_NAV_MISSING = re.compile(r"^A reference to '(?P<file>[^']+)' is included in the 'nav' configuration")
_NOT_IN_NAV = re.compile(r"^The following pages exist in the docs directory, but are not included in the \"nav\"")
_LISTED_PAGE = re.compile(r"^\s+- (?P<file>\S+\.md)\s*$")


def _line_of(path: Path, needles: Iterable[str]) -> int | None:
    """The first line of the file holding one of the needles, tried in order."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for needle in needles:
        for number, text in enumerate(lines, 1):
            if needle in text:
                return number
    return None


class Annotator:
    """Turns output lines into annotations; remembers what it said, so each is said once."""

    def __init__(self, docs_dir: str = "docs", config_file: str = "mkdocs.yml"):
        self.docs_dir = docs_dir.rstrip("/")
        self.config_file = config_file
        self.seen: set[str] = set()
        self.in_not_in_nav_list = False

    def messages(self, line: str) -> list[str]:
        """The site-style messages (`path:line: text`) that one output line stands for."""
        text = _LOG_PREFIX.sub("", _ANSI.sub("", line.rstrip("\r\n")))
        if self.in_not_in_nav_list:
            listed = _LISTED_PAGE.match(line)
            if listed:
                return [content_problem(f"{self.docs_dir}/{listed['file']}", None, "the page is not in the navigation",
                                        f"add it under nav: in {self.config_file}, or delete the page")]
            self.in_not_in_nav_list = False
        if _NOT_IN_NAV.match(text):
            self.in_not_in_nav_list = True
            return []
        link = _DOC_LINK.match(text)
        if link:
            path = f"{self.docs_dir}/{link['file']}"
            target = link["link"]
            number = _line_of(Path(path), [f"({target}", f"]: {target}", f"\"{target}\"", target]) if target else None
            fix = ("use the name of a heading on that page: the part after '#' in the heading's ¶ link"
                   if "anchor" in text else "check the address: it names a page in docs/, like book.md")
            return [content_problem(path, number, text.rstrip("."), fix)]
        nav = _NAV_MISSING.match(text)
        if nav:
            number = _line_of(Path(self.config_file), [f": {nav['file']}", nav["file"]])
            return [content_problem(self.config_file, number, text.rstrip("."),
                                    "check the file name under nav:, or create the page in docs/")]
        if _OURS.match(text):
            return [text]
        return []

    def annotations(self, line: str) -> list[str]:
        fresh = []
        for message in self.messages(line):
            annotation = github_annotation(message)
            if annotation not in self.seen:
                self.seen.add(annotation)
                fresh.append(annotation)
        return fresh


def annotate(lines: Iterable[bytes], annotator: Annotator) -> Iterator[bytes]:
    """Each input line unchanged, followed by its annotations."""
    for raw in lines:
        yield raw
        for annotation in annotator.annotations(raw.decode("utf-8", errors="replace")):
            yield ("\n" if not raw.endswith(b"\n") else "").encode() + annotation.encode("utf-8") + b"\n"


def main(argv: list[str] | None = None, stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs-dir", default="docs", help="where the pages are (default: docs)")
    parser.add_argument("--config-file", default="mkdocs.yml", help="the site's settings (default: mkdocs.yml)")
    args = parser.parse_args(argv)
    stdin = stdin or sys.stdin.buffer
    stdout = stdout or sys.stdout.buffer
    for chunk in annotate(iter(stdin.readline, b""), Annotator(args.docs_dir, args.config_file)):
        stdout.write(chunk)
        stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
