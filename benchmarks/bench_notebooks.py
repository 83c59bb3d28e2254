"""Notebook run time: every lesson, exercise and solution in a fresh kernel, against a floor.

Each notebook is run as a student's "Restart kernel and run all" does: a new kernel
(nbclient, the ``python3`` kernel of this environment) whose working directory is the
notebook's folder, every cell in order, then the kernel is shut down. The wall time covers
all of it. The floor is the same for a notebook whose only cell imports what the course
imports (pandas, ipywidgets, matplotlib and the course package): no notebook can run faster
than that. For context, a bare kernel (no imports at all) and the floor plus pyplot (which
the lessons import to draw) are measured too.

Runs are interleaved (floor, every notebook, floor, every notebook, ...) so that a slow
moment of the machine does not fall on one notebook only.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import nbformat
from _common import ROOT, log, ratio, summary
from nbclient import NotebookClient

FLOOR_SOURCE = "import pandas, ipywidgets, matplotlib, csto_course"
#: For context: the floor plus pyplot (which the lessons import to draw their figures).
PYPLOT_SOURCE = "import pandas, ipywidgets, matplotlib.pyplot, csto_course"
TARGET_RATIO = 1.5


def notebooks() -> list[Path]:
    found: list[Path] = []
    for pattern in ("book/0*.ipynb", "exercises/*.ipynb", "solutions/*.ipynb"):
        found += sorted(ROOT.glob(pattern))
    return found


def _synthetic(source: str | None) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    if source is not None:
        nb.cells = [nbformat.v4.new_code_cell(source)]
    return nb


def run_once(nb: nbformat.NotebookNode, folder: Path) -> tuple[float, int]:
    """Run a notebook in a fresh kernel in ``folder``; return (seconds, cells that raised)."""
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=600,
        allow_errors=True,  # an exercise's unanswered cell may raise; it still counts as run
        resources={"metadata": {"path": str(folder)}},
    )
    start = time.perf_counter()
    client.execute(stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    errors = sum(
        1
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    )
    return elapsed, errors


def run(repeats: int) -> dict:
    paths = notebooks()
    floor_times: list[float] = []
    bare_times: list[float] = []
    pyplot_times: list[float] = []
    times: dict[str, list[float]] = {p.relative_to(ROOT).as_posix(): [] for p in paths}
    errors: dict[str, int] = {}
    # One warm-up run, not counted: the first kernel of a session pays for cold disk caches.
    run_once(_synthetic(FLOOR_SOURCE), ROOT / "book")
    for r in range(repeats):
        log(f"notebooks: round {r + 1}/{repeats}")
        floor_times.append(run_once(_synthetic(FLOOR_SOURCE), ROOT / "book")[0])
        bare_times.append(run_once(_synthetic(None), ROOT / "book")[0])
        pyplot_times.append(run_once(_synthetic(PYPLOT_SOURCE), ROOT / "book")[0])
        for path in paths:
            nb = nbformat.read(path, as_version=4)
            elapsed, n_errors = run_once(nb, path.parent)
            key = path.relative_to(ROOT).as_posix()
            times[key].append(elapsed)
            errors[key] = n_errors
    floor = summary(floor_times)
    rows = []
    for key, values in times.items():
        s = summary(values)
        rows.append(
            {
                "notebook": key,
                **s,
                "ratio": ratio(s["median"], floor["median"]),
                "errors": errors.get(key, 0),
            }
        )
    return {
        "floor_source": FLOOR_SOURCE,
        "floor": floor,
        "bare_kernel": summary(bare_times),
        "with_pyplot": summary(pyplot_times),
        "pyplot_source": PYPLOT_SOURCE,
        "notebooks": rows,
        "target_ratio": TARGET_RATIO,
    }
