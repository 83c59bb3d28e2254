"""Every lesson separates three voices with the same bold lead-ins (issue 12).

``**The authors argue:**`` marks what Hedenskog and von Essen argued, ``**The sources
report:**`` what the fact sheets' sources report, and ``**Course assessment:**`` the course's
own judgement. Each lead-in opens a paragraph or a bullet, in exactly these words.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "book").glob("[0-9][0-9]_*.ipynb"))
LEAD_INS = ("**The authors argue:**", "**The sources report:**", "**Course assessment:**")
# a bold phrase that looks like a lead-in but is not one of the three (wrong words or no colon)
NEAR_MISS = re.compile(
    r"\*\*(?:the authors (?:argue|write|claim)|the sources? reports?|course assessment)"
    r"(?!:\*\*)[^*]*\*\*",
    re.IGNORECASE,
)


def _markdown(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def _opening(text: str, lead: str) -> list[str]:
    """The lines where ``lead`` opens a paragraph or a bullet."""
    pattern = re.compile(rf"^(?:\s*(?:[-*]|\d+\.)\s+)?{re.escape(lead)}", re.M)
    return pattern.findall(text)


def test_there_are_seven_lessons():
    assert len(LESSONS) == 7


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_uses_all_three_lead_ins(path):
    text = _markdown(path)
    for lead in LEAD_INS:
        assert _opening(text, lead), f"{path.name} never opens a paragraph with {lead}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lead_ins_are_spelled_exactly(path):
    text = _markdown(path)
    misses = [m.group(0) for m in NEAR_MISS.finditer(text)]
    assert not misses, f"{path.name}: lead-ins not in the agreed words: {misses}"
    for lead in LEAD_INS:
        anywhere = text.count(lead)
        assert anywhere == len(_opening(text, lead)), (
            f"{path.name}: {lead} appears inside a paragraph; it must open one"
        )
