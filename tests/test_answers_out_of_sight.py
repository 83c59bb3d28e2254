"""What an exercise loads and shows does not print its answers; what a task asks about is shown."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from csto_course.checks import lesson5

ROOT = Path(__file__).resolve().parents[1]


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _cell(path: Path, cell_id: str) -> dict:
    return next(c for c in _cells(path) if c.get("id") == cell_id)


def _text_outputs(cell: dict) -> str:
    parts = []
    for out in cell.get("outputs", []):
        parts.append("".join(out.get("text", "")))
        for kind in ("text/plain", "text/html"):
            parts.append("".join(out.get("data", {}).get(kind, "")))
    return "\n".join(parts)


def test_exercise_5_indicators_hold_no_ready_made_answer():
    setup = "".join(_cell(ROOT / "exercises/ex05_risks.ipynb", "cba13bea")["source"])
    namespace: dict = {}
    exec(setup.replace("style.apply()", ""), namespace)  # noqa: S102 - our own notebook
    indicators: pd.DataFrame = namespace["indicators"]
    china = indicators[(indicators["subject"] == "China") & (indicators["unit"] == "percent")]
    answers = [lesson5.expected_share_produced(), lesson5.expected_share_crossing()]
    for answer in answers:
        assert not (china["value"].sub(answer).abs() < 0.06).any(), china
    assert "computed from sourced data" not in set(indicators["confidence"])
    # what the tasks need is still there
    assert {"gas imports, total", "pipeline gas imports from Kazakhstan"} <= set(
        indicators["measure"]
    )


def test_exercise_5_shows_every_label_task_6_asks_about():
    exercise = ROOT / "exercises/ex05_risks.ipynb"
    task6 = "".join(_cell(exercise, "b5323685")["source"])
    labels = re.findall(r'"([^"]+)"', task6)
    assert {"not seen in these sources", "not measured here"} <= set(labels)
    # the exercise has the cell that shows them; the solution's saved output shows them
    assert any(c.get("id") == "ex05-task6-marks" for c in _cells(exercise))
    shown = _text_outputs(_cell(ROOT / "solutions/ex05_risks.ipynb", "ex05-task6-marks"))
    for label in labels:
        assert label in shown, label


def test_sorter_cells_pass_no_answer_table():
    for name in ("ex03_motives", "ex04_consequences", "ex07_reading_critically"):
        for cell in _cells(ROOT / f"exercises/{name}.ipynb"):
            source = "".join(cell["source"])
            if "StatementSorter(" in source and cell["cell_type"] == "code":
                assert "StatementSorter(statements" not in source, name
                assert not re.search(r"StatementSorter\(\s*statements", source), name
