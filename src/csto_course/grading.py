"""Grade submitted exercise notebooks with the checks the students already see.

``csto-course grade SUBMISSIONS [-o scores.csv]`` runs each submitted notebook top to bottom in
a fresh kernel (nbclient; a cell that fails does not stop the run), then reads the last result
of every check from :data:`csto_course.checks.progress.RESULTS` in that kernel. A task is a
``## Task ...`` section of the notebook; its result is ``right`` when all its checks are right,
``not answered`` when none was answered, and ``not yet`` otherwise. Tasks without a check
(widgets, open questions) are left to the instructor and the rubric.

Submissions are ``SUBMISSIONS/<student>/exNN_*.ipynb`` or ``SUBMISSIONS/<student>.ipynb``.
The tasks of an exercise come from the course's own ``exercises/exNN_*.ipynb`` when the
command runs in the course's repository (so a student who deleted a check cell still gets
that task, as "not answered"), else from the submitted notebook.
Running a notebook runs the student's code: grade on a machine or hub account you trust with
it. A determined student can fake a result by editing the record; this is a convenience for
marking, not a proctor.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["format_table", "grade_folder", "grade_notebook", "task_result", "tasks_of"]

RIGHT, NOT_YET, NOT_ANSWERED, ERROR = "right", "not yet", "not answered", "error"
_CHECK_CALL = re.compile(r"\b(lesson\d+)\.(check_\w+)\s*\(")
_TASK = re.compile(r"^##\s+(Task\s+\d+)\b", re.M)
_MARK = "CSTO-RESULTS "
_REPORT = (
    "import json as _csto_json\n"
    "from csto_course.checks.progress import RESULTS as _csto_results\n"
    f"print({_MARK!r} + _csto_json.dumps("
    "{k: getattr(v, 'ok', None) for k, v in _csto_results.items()}))"
)


def tasks_of(nb: Any) -> list[tuple[str, list[str]]]:
    """The checked tasks of a notebook, in order: ``("Task 1", ["lesson4.check_x"])``."""
    tasks: list[tuple[str, list[str]]] = []
    current = None
    for cell in nb["cells"]:
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            heading = _TASK.search(source)
            if heading:
                current = heading.group(1)
        elif current:
            for module, name in _CHECK_CALL.findall(source):
                if not tasks or tasks[-1][0] != current:
                    tasks.append((current, []))
                if f"{module}.{name}" not in tasks[-1][1]:
                    tasks[-1][1].append(f"{module}.{name}")
    return tasks


def task_result(statuses: list[bool | None]) -> str:
    """``right`` if every check is right, ``not answered`` if none answered, else ``not yet``."""
    if statuses and all(s is True for s in statuses):
        return RIGHT
    if all(s is None for s in statuses):
        return NOT_ANSWERED
    return NOT_YET


def _run(path: Path, timeout: int) -> dict[str, bool | None]:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(_REPORT))
    with tempfile.TemporaryDirectory() as workdir:
        NotebookClient(
            nb, timeout=timeout, kernel_name="python3", allow_errors=True,
            resources={"metadata": {"path": workdir}},
        ).execute()
    for output in nb.cells[-1].get("outputs", []):
        for line in output.get("text", "").splitlines():
            if line.startswith(_MARK):
                return json.loads(line[len(_MARK):])
    raise RuntimeError("the notebook did not report its checks")


def grade_notebook(path: Path, timeout: int = 120, template: Path | None = None) -> dict[str, str]:
    """Each checked task of one submitted notebook (or of ``template``) with its result."""
    import nbformat

    tasks = tasks_of(nbformat.read(template or path, as_version=4))
    try:
        results = _run(path, timeout)
    except Exception as exc:  # noqa: BLE001 - one broken submission must not stop the class
        print(f"{path}: could not run ({type(exc).__name__}: {exc})")
        return {task: ERROR for task, _ in tasks}
    return {task: task_result([results.get(c) for c in checks]) for task, checks in tasks}


def _student(path: Path, folder: Path) -> str:
    parts = path.relative_to(folder).parts
    return parts[0] if len(parts) > 1 else path.stem


def _exercise(path: Path) -> str:
    match = re.match(r"ex\d+", path.name)
    return match.group(0) if match else path.stem


def _template(exercise: str, exercises: Path | None) -> Path | None:
    if exercises is None:
        return None
    found = sorted(Path(exercises).glob(f"{exercise}_*.ipynb"))
    return found[0] if len(found) == 1 else None


def grade_folder(
    folder: Path, timeout: int = 120, exercises: Path | None = None
) -> pd.DataFrame:
    """One row per submitted notebook: student, exercise, each task's result, tasks right.

    ``exercises`` is the course's ``exercises/`` folder, where each exercise's tasks are read.
    """
    folder = Path(folder)
    paths = sorted(p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    if not paths:
        raise SystemExit(f"csto-course grade: no notebooks in {folder}")
    rows = []
    for path in paths:
        results = grade_notebook(path, timeout, _template(_exercise(path), exercises))
        right = sum(1 for r in results.values() if r == RIGHT)
        rows.append(
            {"student": _student(path, folder), "exercise": _exercise(path), **results,
             "right": f"{right}/{len(results)}"}
        )
    table = pd.DataFrame(rows).fillna("")
    tasks = sorted(
        (c for c in table.columns if c.startswith("Task ")), key=lambda c: int(c.split()[1])
    )
    return table[["student", "exercise", *tasks, "right"]]


def format_table(table: pd.DataFrame) -> str:
    """The table as plain text for the terminal."""
    return table.to_string(index=False)
