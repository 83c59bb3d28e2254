"""What `csto-course execute` does to outputs before saving: still widgets, compact figures."""

from __future__ import annotations

import base64
import io
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
import pytest
from PIL import Image

from csto_course.saved_outputs import WIDGET_VIEW, compact_png, tidy_notebook, tidy_output

ROOT = Path(__file__).resolve().parents[1]

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def _figure_png() -> bytes:
    fig, ax = plt.subplots(figsize=(6, 3.5), dpi=100)
    ax.plot([1, 2, 3, 4], [3, 1, 4, 1], marker="o", label="a line")
    ax.bar([1, 2, 3], [1, 2, 1.5], alpha=0.5, label="bars")
    ax.set_title("A course-like figure")
    ax.legend()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()


def _pixels(data: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(data)) as image:
        return np.asarray(image.convert("RGB"), dtype=np.float64)


def test_a_figure_becomes_a_smaller_palette_png_that_looks_the_same():
    original = _figure_png()
    smaller = compact_png(original)
    assert len(smaller) < 0.7 * len(original)
    with Image.open(io.BytesIO(smaller)) as image:
        assert image.mode == "P"
    before, after = _pixels(original), _pixels(smaller)
    assert before.shape == after.shape
    assert np.abs(before - after).max() < 40  # no pixel changes visibly
    assert compact_png(smaller) == smaller  # a second pass changes nothing


def test_an_image_a_palette_would_spoil_is_kept():
    rng = np.random.default_rng(0)
    noise = rng.integers(0, 256, size=(64, 64, 3), dtype=np.uint8)
    out = io.BytesIO()
    Image.fromarray(noise, "RGB").save(out, format="PNG")
    assert compact_png(out.getvalue()) == out.getvalue()


def test_transparency_is_kept():
    out = io.BytesIO()
    rgba = np.zeros((40, 40, 4), dtype=np.uint8)
    rgba[10:30, 10:30] = (0, 114, 178, 255)
    Image.fromarray(rgba, "RGBA").save(out, format="PNG")
    with Image.open(io.BytesIO(compact_png(out.getvalue()))) as image:
        alpha = np.asarray(image.convert("RGBA"))[..., 3]
    assert alpha[0, 0] == 0 and alpha[20, 20] == 255


def test_a_damaged_png_raises_a_clear_error():
    with pytest.raises(OSError):
        compact_png(b"\x89PNG\r\n\x1a\n not really")


def test_tidy_drops_widget_views_that_have_a_still_copy_and_saved_state():
    png = base64.b64encode(_figure_png()).decode("ascii")
    nb = {
        "metadata": {"widgets": {"state": {}}},
        "cells": [
            {"cell_type": "markdown", "source": "text"},
            {
                "cell_type": "code",
                "metadata": {"execution": {"iopub.status.busy": "2022-01-06T00:00:00Z"}},
                "outputs": [
                    {
                        "output_type": "display_data",
                        "data": {
                            WIDGET_VIEW: {"model_id": "abc"},
                            "text/html": "<p>copy</p>",
                            "text/plain": "w",
                        },
                    },
                    {
                        "output_type": "display_data",
                        "data": {WIDGET_VIEW: {"model_id": "def"}, "text/plain": "bare"},
                    },
                    {"output_type": "display_data", "data": {"image/png": png}},
                    {"output_type": "stream", "name": "stdout", "text": "hi"},
                ],
            },
        ],
    }
    tidy_notebook(nb)
    outputs = nb["cells"][1]["outputs"]
    assert "widgets" not in nb["metadata"]
    # Named as JupyterLab names the kernel: a lesson does not open as modified.
    assert nb["metadata"]["kernelspec"]["display_name"] == "Python 3 (ipykernel)"
    assert nb["cells"][1]["metadata"] == {}, "execution timings are not saved"
    assert outputs[0]["data"] == {"text/html": "<p>copy</p>", "text/plain": "w"}
    assert WIDGET_VIEW in outputs[1]["data"], "a widget with no still copy keeps its view"
    assert len(outputs[2]["data"]["image/png"]) < len(png)
    assert outputs[3] == {"output_type": "stream", "name": "stdout", "text": "hi"}


def test_tidy_leaves_outputs_without_data_alone():
    output = {"output_type": "error", "ename": "E", "evalue": "", "traceback": []}
    tidy_output(output)
    assert output == {"output_type": "error", "ename": "E", "evalue": "", "traceback": []}


def _figure_notebook(colour: str) -> Any:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A lesson with a figure"),
        nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\nfrom csto_course import style"),
        nbformat.v4.new_code_cell(
            "fig, ax = plt.subplots(figsize=(4, 3))\n"
            f'_ = ax.bar(["a", "b"], [3, 4], color="{colour}")'
        ),
    ]
    return nb


def _nbval(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "0", "--nbval", "-q",
         str(folder / "lesson.ipynb")],
        cwd=folder, capture_output=True, text=True, timeout=300,
    )


@pytest.mark.slow
def test_a_figure_whose_code_changed_without_re_execution_fails_nbval(tmp_path):
    """The repository's conftest compares figures after nbval runs a cell (nbval alone does not)."""
    import nbformat

    from csto_course.maintenance import execute

    shutil.copy(ROOT / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    path = tmp_path / "lesson.ipynb"
    nbformat.write(_figure_notebook("#0072B2"), path)
    execute([path])
    fresh = _nbval(tmp_path)
    assert fresh.returncode == 0, fresh.stdout[-3000:]

    nb = nbformat.read(path, as_version=4)
    nb.cells[2].source = nb.cells[2].source.replace("#0072B2", "#D55E00")  # not re-executed
    nbformat.write(nb, path)
    stale = _nbval(tmp_path)
    assert stale.returncode == 1, stale.stdout[-3000:]
    assert "lesson.ipynb, cell 3 (`fig, ax = plt.subplots(figsize=(4, 3))`)" in stale.stdout
    assert "saved figure out of date" in stale.stdout
    assert "csto-course execute lesson.ipynb" in stale.stdout
