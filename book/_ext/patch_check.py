"""Count what the site's theme patches rewrite, and warn when one of them rewrote nothing.

The patches in ``a11y_fixes`` and ``lean_pages`` rewrite HTML that the theme writes, with
regular expressions. When a new theme version changes that HTML, a pattern quietly stops
matching and the fix is gone. Each patch says, per page, whether what it fixes is there at
all (a loose marker, e.g. ``<summary``) and how many times its pattern matched. At the end of
the build, a patch that found its marker on some page but never matched logs a warning
(Sphinx's logger, so ``-W`` fails the build) naming the patch and what is lost.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


class PatchCheck:
    """The patches of one extension: how often each was tried and how often it matched."""

    def __init__(self, extension: str, patches: dict[str, str]) -> None:
        #: patch name -> what the site loses when it matches nothing
        self.extension = extension
        self.patches = patches
        self.tried: Counter[str] = Counter()
        self.matched: Counter[str] = Counter()

    def record(self, name: str, marker_found: bool, matches: int) -> None:
        """One page (or block) where patch ``name`` ran; ``marker_found``: its target exists."""
        if name not in self.patches:
            raise KeyError(f"{self.extension}: unknown patch {name!r}")
        if marker_found:
            self.tried[name] += 1
        self.matched[name] += matches

    def unmatched(self) -> list[str]:
        """The patches whose target was on some page but whose pattern matched nowhere."""
        return [n for n in self.patches if self.tried[n] and not self.matched[n]]

    def report(self, app: Sphinx, exception: Exception | None) -> None:
        """At ``build-finished``: one warning per patch that matched nothing; then reset."""
        if exception is None and app.builder.format == "html":
            for name in self.unmatched():
                logger.warning(
                    "%s: the theme patch %r matched nothing on the %d page(s) where its target "
                    "appears (the theme's HTML changed?): %s",
                    self.extension,
                    name,
                    self.tried[name],
                    self.patches[name],
                    type="theme_patch",
                    subtype=name,
                )
        self.tried.clear()
        self.matched.clear()

    def connect(self, app: Sphinx) -> Any:
        return app.connect("build-finished", self.report)
