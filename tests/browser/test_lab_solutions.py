"""Every solution notebook in JupyterLab: it runs, its checks say "Correct", and its
widgets answer a wrong choice with "Not yet" and a right one with "Correct".

One JupyterLab (a temporary copy of the notebooks) and one page serve the whole module; each
notebook is opened, cleared, run with Run → Run All Cells, tested, and closed unsaved.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ._lab import (
    LabPage,
    Notebook,
    NotebookChecks,
    lab_fixture,
    lab_page,
    notebook_fixture,
    notebooks,
)
from ._support import JupyterLab

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupyterLab]:
    yield from lab_fixture(tmp_path_factory)


@pytest.fixture(scope="module")
def lp(lab: JupyterLab, browser: Any) -> Iterator[LabPage]:
    yield from lab_page(lab, browser)


@pytest.fixture(scope="module", params=notebooks("solutions"))
def notebook(request: pytest.FixtureRequest, lp: LabPage) -> Iterator[Notebook]:
    yield from notebook_fixture(request, lp)


class TestSolutionNotebook(NotebookChecks):
    state = "correct"
