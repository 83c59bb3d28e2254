"""pytest set-up for the whole repository.

nbval checks lessons and solutions strictly (their saved outputs must match a fresh run), and
exercises laxly: a student's copy has no saved outputs, so it must only run without an error.
nbval does not compare figures; the hook below does, for the strict notebooks: a figure whose
code changed without `csto-course execute` fails its cell (see `stale_figures`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from csto_course.notebook_cells import cell_label
from csto_course.saved_outputs import stale_figures

ROOT = Path(__file__).parent
LAX_DIRS = {ROOT / "exercises"}

collect_ignore_glob = ["_build/*", ".venv/*", "venv/*"]


@pytest.hookimpl(hookwrapper=True)
def pytest_collect_file(file_path: Path, parent):
    """Make nbval lax for the student notebooks in exercises/."""
    outcome = yield
    if file_path.suffix == ".ipynb" and file_path.parent in LAX_DIRS:
        for collector in outcome.get_result() or []:
            if hasattr(collector, "compare_outputs"):
                collector.compare_outputs = False


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """After nbval ran a cell of a lesson or solution, compare its figures with the saved ones."""
    result = yield
    notebook = item.parent
    fresh = getattr(item, "test_outputs", None)
    cell = getattr(item, "cell", None)
    strict = getattr(notebook, "compare_outputs", False) and item.options["check"]
    if fresh is None or cell is None or not strict or cell.execution_count is None:
        return result
    problems = stale_figures(cell.outputs, fresh)
    if problems:
        index = next(i for i, c in enumerate(notebook.nb.cells) if c is cell)
        label = cell_label(Path(str(notebook.fspath)), index, cell, root=ROOT)
        pytest.fail(
            f"{label}: saved figure out of date ({'; '.join(problems)}); run "
            f"`csto-course execute {label.split(', cell ')[0]}` and commit the notebook",
            pytrace=False,
        )
    return result
