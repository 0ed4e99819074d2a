"""`python -m clinic check [folder]` (run in hooks/): the site's checks without a build."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from clinic.check import check, site_root, today_for_checks


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "check" or len(argv) > 2:
        print("usage: python -m clinic check [the folder of mkdocs.yml]", file=sys.stderr)
        return 2
    start = time.perf_counter()
    root = site_root(Path(argv[1] if len(argv) == 2 else ".").resolve())
    problems = check(root, today_for_checks())
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) in {root.name or root} ({time.perf_counter() - start:.1f} s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
