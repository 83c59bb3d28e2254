"""Grading submitted exercise notebooks, and the progress summary a student sees."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pandas as pd
import pytest

from csto_course.checks import lesson4
from csto_course.checks.progress import RESULTS, progress
from csto_course.grading import task_result, tasks_of
from csto_course.maintenance import main

ROOT = Path(__file__).resolve().parents[1]
EXERCISE = ROOT / "exercises" / "ex04_consequences.ipynb"
SOLUTION = ROOT / "solutions" / "ex04_consequences.ipynb"


def _cell(nb: nbformat.NotebookNode, cell_id: str) -> nbformat.NotebookNode:
    return next(c for c in nb.cells if c.get("id") == cell_id)


def test_tasks_are_the_task_sections_with_their_checks():
    ex04 = tasks_of(nbformat.read(EXERCISE, as_version=4))
    assert ex04 == [
        ("Task 1", ["lesson4.check_outside_states"]),
        ("Task 2", ["lesson4.check_russian_share"]),
        ("Task 3", ["lesson4.check_consequence_count"]),
    ]
    ex07 = ROOT / "exercises" / "ex07_reading_critically.ipynb"
    ex07 = dict(tasks_of(nbformat.read(ex07, as_version=4)))
    assert len(ex07["Task 2"]) == 2


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([True, True], "right"),
        ([True, None], "not yet"),
        ([False], "not yet"),
        ([None, None], "not answered"),
    ],
)
def test_a_task_is_right_only_when_all_its_checks_are(statuses, expected):
    assert task_result(statuses) == expected


def test_progress_lists_each_check_with_its_last_result():
    saved = dict(RESULTS)
    try:
        for name in [n for n in RESULTS if n.startswith("lesson4.")]:
            del RESULTS[name]
        lesson4.check_russian_share(1.0)
        lesson4.check_consequence_count(lesson4.expected_consequence_counts()[0], ...)
        text = repr(progress(lesson4))
        lines = text.splitlines()
        assert lines[0].startswith("Your progress: 0 of 3 checked answers right.")
        assert lines[1].startswith("\u2026 not answered: The states in the actors table")
        assert lines[2].startswith("\u2718 not yet right: Russia's share")
        assert lines[3].startswith("\u2026 not answered: The statements of kind")
        lesson4.check_russian_share(lesson4.expected_russian_share())
        assert repr(progress(lesson4)).splitlines()[2].startswith("\u2714 answered right")
        assert "<li>" in progress(lesson4)._repr_html_()
    finally:
        RESULTS.clear()
        RESULTS.update(saved)


def test_every_exercise_ends_with_the_progress_summary():
    for path in sorted((ROOT / "exercises").glob("ex*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        lesson = f"lesson{int(path.name[2:4])}"
        assert nb.cells[-1].source.endswith(f"progress({lesson})"), path.name


@pytest.mark.slow
def test_grading_three_submissions_gives_the_expected_table(tmp_path, capsys):
    blank = nbformat.read(EXERCISE, as_version=4)
    half = nbformat.read(EXERCISE, as_version=4)
    solution = nbformat.read(SOLUTION, as_version=4)
    first = "ex04-consequences-04"
    _cell(half, first).source = _cell(solution, first).source  # task 1 right
    _cell(half, "ex04-consequences-08").source = (  # task 2 wrong; task 3 left blank
        "answer = 12.0\nlesson4.check_russian_share(answer)"
    )
    for student, nb in (("ann", blank), ("ben", half), ("cas", solution)):
        (tmp_path / "subs" / student).mkdir(parents=True)
        nbformat.write(nb, tmp_path / "subs" / student / EXERCISE.name)

    scores = tmp_path / "scores.csv"
    assert main(["grade", str(tmp_path / "subs"), "-o", str(scores)]) == 0
    expected = pd.DataFrame(
        {
            "student": ["ann", "ben", "cas"],
            "exercise": ["ex04", "ex04", "ex04"],
            "Task 1": ["not answered", "right", "right"],
            "Task 2": ["not answered", "not yet", "right"],
            "Task 3": ["not answered", "not answered", "right"],
            "right": ["0/3", "1/3", "3/3"],
        }
    )
    pd.testing.assert_frame_equal(pd.read_csv(scores, dtype=str), expected)
    printed = capsys.readouterr().out
    assert "ben" in printed and "not yet" in printed


@pytest.mark.slow
def test_a_deleted_check_cell_still_counts_as_a_task(tmp_path):
    nb = nbformat.read(EXERCISE, as_version=4)
    nb.cells = [c for c in nb.cells if "check_russian_share" not in c.source]
    (tmp_path / "subs").mkdir()
    nbformat.write(nb, tmp_path / "subs" / "dan.ipynb")
    (tmp_path / "subs" / "dan.ipynb").rename(tmp_path / "subs" / "ex04_dan.ipynb")
    from csto_course.grading import grade_folder

    table = grade_folder(tmp_path / "subs", exercises=ROOT / "exercises")
    assert list(table.columns) == ["student", "exercise", "Task 1", "Task 2", "Task 3", "right"]
    assert table.loc[0, "Task 2"] == "not answered" and table.loc[0, "right"] == "0/3"
