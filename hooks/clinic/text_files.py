"""Text files staff edit, read as UTF-8 with the line of the first byte that is not."""

from __future__ import annotations


def decoded(data: bytes) -> tuple[str, tuple[int, str, str] | None]:
    """The text, or ('', (line, what, fix)) when the bytes are not UTF-8."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return "", (line, "the file is not saved as UTF-8 text",
                    "open it in GitHub's editor or a text editor and save it as UTF-8 (the usual setting)")
