"""Every lesson and exercise in the environment Binder builds from ``binder/``.

The environment is ``binder/requirements.txt`` then ``binder/postBuild`` in a copy of the
repository (see ``_binder.py``; cached by a hash of ``binder/``). JupyterLab, served from it,
opens each notebook as a student would: no MyST role or directive shows as text, the notebook
opens unmodified, Run All leaves no traceback, and an exercise's widgets are live.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from ._binder import BinderLab, binder_python, copy_repository, runtime_version
from ._lab import (
    LabPage,
    Notebook,
    close_notebook,
    errors,
    expected_widgets,
    lab_page,
    notebooks,
    open_notebook,
    outputs,
    run_all,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: A role (``{cite}`` followed by its text) or a directive fence, as it reads when not rendered.
RAW_MYST = re.compile(r"\{[a-z][a-z0-9:_-]*\}|^(?:```|:::)\{", re.M)
_MARKDOWN_TEXT = """() => Array.from(document.querySelectorAll(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownCell .jp-RenderedMarkdown'))
  .map(e => e.innerText)"""
_DIRTY = "() => window.jupyterapp.shell.currentWidget.context.model.dirty"


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BinderLab]:
    want = runtime_version()
    have = f"{sys.version_info.major}.{sys.version_info.minor}"
    if not have.startswith(want):
        pytest.skip(f"binder/runtime.txt asks for Python {want}; these tests run on {have}")
    tmp = tmp_path_factory.mktemp("binder-lab")
    repo = copy_repository(tmp / "repo")
    server = BinderLab(binder_python(repo), repo, tmp / "lab")
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture(scope="module")
def lp(lab: BinderLab, browser: Any) -> Iterator[LabPage]:
    yield from lab_page(lab, browser)


@pytest.fixture(scope="module", params=notebooks("book") + notebooks("exercises"))
def notebook(request: pytest.FixtureRequest, lp: LabPage) -> Iterator[Notebook]:
    nb = open_notebook(lp, request.param)
    try:
        nb.page.wait_for_timeout(500)  # let the kernel's metadata reach the model
        nb.cache["markdown"] = nb.page.evaluate(_MARKDOWN_TEXT)
        nb.cache["dirty"] = nb.page.evaluate(_DIRTY)
        run_all(nb)
        yield nb
    finally:
        close_notebook(lp)
        lp.lab.shutdown_kernels(request.param)


def test_no_myst_markup_shows_as_text(notebook: Notebook) -> None:
    texts = notebook.cache["markdown"]
    assert texts, f"{notebook.relpath}: no rendered text cell"
    raw = [f"cell text {i}: …{t[max(0, m.start() - 40):m.end() + 40]}…"
           for i, t in enumerate(texts) for m in RAW_MYST.finditer(t)]
    assert not raw, f"{notebook.relpath} shows MyST markup as text:\n" + "\n".join(raw[:8])


def test_opens_unmodified(notebook: Notebook) -> None:
    assert notebook.cache["dirty"] is False, f"{notebook.relpath} opens marked as modified"


def test_run_all_leaves_no_traceback(notebook: Notebook) -> None:
    assert not errors(notebook), "\n\n".join(errors(notebook))
    assert not notebook.traffic.page_errors, notebook.traffic.page_errors


def test_exercise_widgets_are_live(notebook: Notebook) -> None:
    expected = expected_widgets(notebook.relpath)
    if not notebook.relpath.startswith("exercises/") or not expected:
        pytest.skip("not an exercise with widgets")
    live = [o for o in outputs(notebook) if o["widget"]]
    assert len(live) >= len(expected), (
        f"{notebook.relpath}: {len(live)} live widget(s), expected {sorted(expected)}")
    assert not notebook.page.locator(
        ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output .csto-snapshot").count(), (
        "a still copy shows where the live widget should be")
