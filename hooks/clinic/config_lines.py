"""The line of a setting in mkdocs.yml, so a message can send staff straight to it."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import yaml


class SettingLines:
    def __init__(self, path: Path):
        self.name, self.path = path.name, path

    @cached_property
    def root(self) -> yaml.Node | None:
        # Read only when a message needs a line: a large menu makes mkdocs.yml slow to compose.
        try:
            return yaml.compose(self.path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            return None  # MkDocs itself reports a broken mkdocs.yml

    def line(self, dotted: str) -> int | None:
        """The line of `extra.clinic.hours.0.opens` (list items by number), or of the nearest
        setting above it that exists."""
        node, line = self.root, None
        for part in dotted.split("."):
            if isinstance(node, yaml.MappingNode):
                found = next(((k, v) for k, v in node.value if str(k.value) == part), None)
                if found is None:
                    break
                line, node = found[0].start_mark.line + 1, found[1]
            elif isinstance(node, yaml.SequenceNode) and part.isdigit() and int(part) < len(node.value):
                node = node.value[int(part)]
                line = node.start_mark.line + 1
            else:
                break
        return line

    def where(self, dotted: str) -> str:
        line = self.line(dotted)
        return f"{self.name}:{line}" if line else self.name
