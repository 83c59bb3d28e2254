"""pytest set-up for the whole repository.

nbval checks lessons and solutions strictly (their saved outputs must match a fresh run). The
exercises run too, but their outputs are not compared: a student's copy has none saved, and
the generator (csto_course.exercisegen) tags each of its code cells ``nbval-ignore-output``,
nbval's documented cell tag for that.
nbval does not compare figures; the hook below does, for the strict notebooks: a figure whose
code changed without `csto-course execute` fails its cell (see `stale_figures`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from csto_course.notebook_cells import cell_label
from csto_course.saved_outputs import stale_figures

ROOT = Path(__file__).parent

# Warnings raised inside an answer check reach the tests (and the notebooks nbval runs, whose
# kernels inherit this environment) instead of being hidden as they are for a student; see
# csto_course.checks.core.SHOW_WARNINGS and the filterwarnings of pyproject.toml.
os.environ["CSTO_COURSE_WARNINGS"] = "1"

collect_ignore_glob = ["_build/*", ".venv/*", "venv/*"]


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
