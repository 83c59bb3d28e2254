"""The course's raw sources (the commentary and the two fact sheets), for the data tests.

They are not part of the repository: they are read from ``shared/sources`` beside the
repository's folder (``../shared/sources`` from its root) or from ``$CSTO_COURSE_SOURCES``.
Without them a test that needs them is skipped, saying why; under ``CI=true`` it fails, since
the course's CI always has ``shared/`` there. A CI that cannot have them (the GitHub workflow:
its checkout has no ``shared/``) sets ``CSTO_COURSE_SOURCES_OPTIONAL=1`` to skip instead.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import pytest

from _missing import missing

ROOT = Path(__file__).resolve().parents[1]
SOURCES_DIR = Path(os.environ.get("CSTO_COURSE_SOURCES", ROOT.parent / "shared" / "sources"))


def source_path(name: str) -> Path:
    """The path of one source file; skip loudly if it is missing (fail under CI)."""
    path = SOURCES_DIR / name
    if not path.is_file():
        message = (f"source {path}: the course's sources are expected in ../shared/sources "
                   "from the repository's root (or set CSTO_COURSE_SOURCES to their folder)")
        if os.environ.get("CSTO_COURSE_SOURCES_OPTIONAL") == "1":
            pytest.skip(f"MISSING {message}")
        missing(message)
    return path


def source_text(name: str) -> str:
    """The text of one source file (see :func:`source_path`)."""
    return source_path(name).read_text(encoding="utf-8")


@cache
def _factsheet2_entries() -> dict[str, str]:
    text = source_text("factsheet-2.txt").split("## Summary table")[0]
    parts = re.split(r"^\*\*(N\d+)\*\*", text, flags=re.M)
    return {parts[i]: parts[i + 1].split("\n## ")[0] for i in range(1, len(parts) - 1, 2)}


def factsheet2_entries() -> dict[str, str]:
    """Fact sheet 2's entries by number, ``{"N9": "<the entry's text>"}``."""
    source_path("factsheet-2.txt")  # skip or fail here, not inside the cache
    return _factsheet2_entries()
