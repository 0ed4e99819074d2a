"""The site's search: Pagefind indexes the built pages, and the search page loads the index only
when a reader searches (issue #6: Material's own search fetched its whole index on every page).

What is indexed: each page's <article data-pagefind-body> (overrides/main.html), without the
booking boxes and review dates (data-pagefind-ignore) and without the references list, whose
journal names and authors would match searches the page itself does not answer.
"""

from __future__ import annotations

import re

BUNDLE_DIR = "pagefind"
# The references list, and the "¶" links beside headings (they would end every result title).
EXCLUDE_SELECTORS = "div.footnote, a.headerlink"
# Pagefind also writes ready-made search interfaces; the site uses its own page and script
# (docs/javascripts/search.js with pagefind.js), so these are never requested.
UNUSED_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
SETUP_HINT = "run 'bash scripts/setup.sh', which installs Pagefind from requirements.txt"


def pagefind_command(python: str, site_dir: str) -> list[str]:
    """The Pagefind command line (the binary from the pip package `pagefind[bin]`) for a built site."""
    return [python, "-m", "pagefind", "--site", site_dir, "--output-subdir", BUNDLE_DIR,
            "--exclude-selectors", EXCLUDE_SELECTORS]


def indexed_pages(report: str) -> int | None:
    """How many pages Pagefind's report says it indexed, or None if it does not say."""
    match = re.search(r"Indexed (\d+) pages?\b", report)
    return int(match.group(1)) if match else None


def indexing_problems(report: str, returncode: int) -> list[str]:
    """What went wrong in a Pagefind run, from its exit code and its printed report."""
    if returncode != 0:
        errors = [line.strip() for line in report.splitlines() if line.strip().lower().startswith("error")]
        if "No module named pagefind" in report:
            return ["search: Pagefind is not installed — " + SETUP_HINT]
        detail = errors[0] if errors else (report.strip().splitlines() or ["no output"])[-1]
        return [f"search: Pagefind could not index the site ({detail}) — check that the build wrote the pages, "
                f"then {SETUP_HINT}"]
    problems = []
    if "Did not find a data-pagefind-body element" in report:
        problems.append("search: no page marks its text with data-pagefind-body, so the search would also "
                        "find menus and footers — keep data-pagefind-body on <article> in overrides/main.html")
    if indexed_pages(report) == 0:
        problems.append("search: Pagefind indexed no pages — check that the build wrote the pages")
    return problems
