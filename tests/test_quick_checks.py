"""The lessons' quick checks keep their answers in the package, not in the cells students read."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from csto_course.quick_checks import QUICK_CHECKS, quick_check
from csto_course.widgets import MultipleChoice

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "book").glob("0*.ipynb"))
CALL = re.compile(r'quick_check\("(\d\d-\d+)"\)')


def _code(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def test_every_quick_check_is_used_once_in_its_lesson_in_order():
    used = []
    for path in LESSONS:
        keys = [m for src in _code(path) for m in CALL.findall(src)]
        lesson = path.name[:2]
        assert keys == [f"{lesson}-{i}" for i in range(1, len(keys) + 1)], path.name
        used += keys
    assert sorted(used) == sorted(QUICK_CHECKS)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_no_lesson_cell_holds_a_quick_checks_answer(path):
    source = "\n".join(_code(path))
    assert "MultipleChoice(" not in source
    for question, options in QUICK_CHECKS.values():
        assert question not in source
        for _text, _ok, why in options:
            assert why not in source


@pytest.mark.parametrize("key", sorted(QUICK_CHECKS))
def test_every_quick_check_builds_with_one_right_option(key):
    widget = quick_check(key)
    assert isinstance(widget, MultipleChoice)
    assert sum(ok for _, ok, _ in widget.options) >= 1
    # the still copy for the site folds the answer away
    assert "<details" in widget.snapshot_html()


def test_an_unknown_quick_check_says_which_exist():
    with pytest.raises(KeyError, match="01-1"):
        quick_check("99-9")
