"""Which of the site's pages this build has read, so a check over every page ("no page cites this
work") speaks only after a full build. A `--dirty` build reads just the pages that changed: the
others' citations and figures are unknown, not missing."""

from __future__ import annotations


class PageCoverage:
    def __init__(self) -> None:
        self.expected: set[str] = set()
        self.seen: set[str] = set()

    def start(self, pages) -> None:
        """A new build of `pages` (their paths in docs/)."""
        self.expected, self.seen = set(pages), set()

    def saw(self, page: str) -> None:
        self.seen.add(page)

    @property
    def complete(self) -> bool:
        return self.expected <= self.seen

    def unused(self, known, used) -> list[str]:
        """What no page used of all that is `known` (works, figures), once every page has been
        read; nothing while a --dirty build has read only some of them."""
        return sorted(set(known) - set(used)) if self.complete else []


class SiteUse:
    """What the pages of every language's build used (works cited, figures shown).

    mkdocs-static-i18n builds each language on its own, one after the other: a work cited only
    on the Spanish pages is still used. So "unused" is asked once, after the last language, and
    answered only if every language's build read all of its pages."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.complete = True

    def add(self, coverage: PageCoverage, used) -> None:
        self.used |= set(used)
        self.complete = self.complete and coverage.complete

    def unused(self, known) -> list[str]:
        return sorted(set(known) - self.used) if self.complete else []
