"""One message style for every content mistake: `docs/<file>.md:<line>: <what is wrong> — <fix>`.

The people who read these messages are clinic staff, not programmers: say what is wrong in
plain words and what to do about it.
"""


def content_problem(path: str, line: int | None, problem: str, fix: str = "") -> str:
    where = f"{path}:{line}" if line else path
    return f"{where}: {problem}" + (f" — {fix}" if fix else "")


def github_annotation(message: str) -> str:
    """The same message as a GitHub Actions annotation, so it shows on the pull request's file."""
    where, _, text = message.partition(": ")
    path, _, line = where.partition(":")
    line_part = f",line={line}" if line.isdigit() else ""
    # Annotations end at a newline; GitHub's own escaping keeps multi-line text intact.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::error file={path}{line_part}::{text}"


def original_line(line: int, insertions: list[tuple[int, int, int]]) -> int:
    """A line of a page's Markdown after hooks have put text into it, as the line staff wrote.

    `insertions` are (first line of the inserted text, how many lines it has, the line of the
    marker it replaced), in order; a line inside inserted text is reported at its marker."""
    shift = 0
    for start, length, marker in insertions:
        if line < start:
            break
        if line < start + length:
            return marker
        shift += length - 1
    return line - shift


def line_in_file(line: int, stages: list[list[tuple[int, int, int]]]) -> int:
    """A line of a page's Markdown after several hooks, one after the other, have put text into
    it (each hook's insertions, in the order the hooks ran), as the line staff wrote."""
    for insertions in reversed(stages):
        line = original_line(line, insertions)
    return line
