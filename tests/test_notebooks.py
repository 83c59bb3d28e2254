"""The notebooks' shape: the lesson skeleton, figures with alt text, fresh saved outputs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from csto_course.notebook_cells import METADATA_HINT, cell_label

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "book").glob("[0-9][0-9]_*.ipynb"))
SOLUTIONS = sorted((ROOT / "solutions").glob("ex*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("ex*.ipynb"))
EXECUTED = LESSONS + SOLUTIONS
ALL = EXECUTED + EXERCISES

SKELETON = [
    "Learning objectives",
    "Prerequisites and time",
    "Key points",
    "Discussion questions",
    "What's next",
    "Sources",
]
CHECKABLE_VERBS = {
    "analyse", "analyze", "apply", "assess", "calculate", "classify", "compare", "compute",
    "contrast", "critique", "describe", "distinguish", "estimate", "evaluate", "explain",
    "identify", "interpret", "judge", "list", "locate", "name", "outline", "plot", "rank",
    "recall", "sort", "state", "summarise", "summarize", "trace", "use", "weigh",
}


def _nb(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return src if isinstance(src, str) else "".join(src)


def _cell(path: Path, index: int, cell: dict) -> str:
    """The cell as JupyterLab shows it: path, number from 1, first line."""
    return cell_label(path, index, cell, root=ROOT)


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _headings_in_cells(nb: dict) -> list[tuple[int, str, int, dict]]:
    """Each heading: (level, title, index of its cell, the cell)."""
    out = []
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        in_fence = False
        for line in _source(cell).splitlines():
            if line.lstrip().startswith(("```", ":::")):
                in_fence = not in_fence
            m = re.match(r"^(#{1,6})\s+(.*\S)", line)
            if m and not in_fence:
                out.append((len(m.group(1)), m.group(2).strip(), index, cell))
    return out


def _headings(nb: dict) -> list[tuple[int, str]]:
    return [(level, title) for level, title, *_ in _headings_in_cells(nb)]


def _section_text(nb: dict, title: str) -> str:
    """The markdown under the `## title` heading, up to the next `##` heading."""
    text = "\n".join(_source(c) for c in nb["cells"] if c["cell_type"] == "markdown")
    m = re.search(rf"^##\s+{re.escape(title)}\s*$(.*?)(?=^##\s|\Z)", text, re.M | re.S)
    return m.group(1) if m else ""


def test_there_are_seven_lessons_and_their_exercises():
    assert len(LESSONS) == 7, [p.name for p in LESSONS]
    assert [p.name[:2] for p in LESSONS] == [f"0{i}" for i in range(1, 8)]
    assert [p.name for p in SOLUTIONS] == [f"ex{p.name}" for p in LESSONS]
    assert [p.name for p in EXERCISES] == [p.name for p in SOLUTIONS]


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_kernel_spec_is_plain_python3(path):
    spec = _nb(path)["metadata"].get("kernelspec", {})
    assert spec.get("name") == "python3", f"{_rel(path)}: kernelspec {spec}"


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_headings_start_with_one_title_and_skip_no_level(path):
    headings = _headings_in_cells(_nb(path))
    assert headings, f"{_rel(path)}: no heading; the first cell needs a '# title'"
    level, title, index, cell = headings[0]
    assert level == 1, f"{_cell(path, index, cell)}: the first heading must be a '# title'"
    for level, title, index, cell in headings[1:]:
        assert level != 1, f"{_cell(path, index, cell)}: a second '# {title}'; use '##'"
    for (a, ta, *_), (b, tb, index, cell) in zip(headings, headings[1:], strict=False):
        assert b <= a + 1, (
            f"{_cell(path, index, cell)}: heading '{tb}' ({'#' * b}) follows '{ta}' "
            f"({'#' * a}); a heading may go at most one level deeper"
        )


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_has_the_skeleton_in_order(path):
    titles = [t for level, t in _headings(_nb(path)) if level == 2]
    positions = []
    for part in SKELETON:
        assert part in titles, f"{_rel(path)} lacks the section '## {part}'"
        positions.append(titles.index(part))
    assert positions[:2] == sorted(positions[:2]) and positions[0] <= 1, (
        f"{_rel(path)}: objectives and prerequisites come first"
    )
    assert positions[2:] == sorted(positions[2:]), f"{_rel(path)}: closing sections out of order"
    body = titles[positions[1] + 1 : positions[2]]
    assert len(body) >= 3, f"{_rel(path)}: the body has {len(body)} sections; want 3 or more"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_learning_objectives_use_checkable_verbs(path):
    text = _section_text(_nb(path), "Learning objectives")
    bullets = re.findall(r"^\s*(?:[-*]|\d+\.)\s+(.*)$", text, re.M)
    assert len(bullets) >= 3, f"{_rel(path)}: {len(bullets)} objectives"
    for bullet in bullets:
        first = re.sub(r"[^a-z]", "", bullet.split()[0].lower())
        assert first in CHECKABLE_VERBS, f"{_rel(path)}: objective lacks a checkable verb: {bullet}"


def _minutes(path: Path) -> tuple[int, int]:
    """The reading and exercise minutes a lesson gives under 'Prerequisites and time'."""
    text = _section_text(_nb(path), "Prerequisites and time").lower()
    reading = re.search(r"read\w*[^\n\d]*?(\d+)\s*min", text)
    exercise = re.search(r"exercis\w*[^\n\d]*?(\d+)\s*min", text)
    assert reading, f"{_rel(path)}: no reading time"
    assert exercise, f"{_rel(path)}: no exercise time"
    return int(reading.group(1)), int(exercise.group(1))


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_time_is_given_for_reading_and_exercise(path):
    reading, exercise = _minutes(path)
    assert 5 <= reading <= 90 and 5 <= exercise <= 90, f"{_rel(path)}: {reading}, {exercise}"


def test_course_map_on_the_landing_page_gives_each_lessons_time():
    intro = (ROOT / "book" / "intro.md").read_text(encoding="utf-8")
    for path in LESSONS:
        reading, exercise = _minutes(path)
        row = re.search(rf"^\|\s*{{doc}}`{path.stem}`.*$", intro, re.M)
        assert row, f"the course map does not list {path.stem}"
        assert f"| {reading} min | {exercise} min |" in row.group(0), (
            f"the course map's time for {path.stem} differs from the lesson's "
            f"({reading} min reading, {exercise} min exercise)"
        )


def test_course_map_total_is_the_sum_of_its_rows():
    intro = (ROOT / "book" / "intro.md").read_text(encoding="utf-8")
    minutes = sum(int(m) for m in re.findall(r"\| (\d+) min", intro))
    stated = re.search(r"In all, about (\d+) hours", intro)
    assert stated, "the landing page no longer states the course's total time"
    assert int(stated.group(1)) == round(minutes / 60), (
        f"book/intro.md: the course map adds up to {minutes} min (about "
        f"{round(minutes / 60)} hours), but the page says about {stated.group(1)} hours"
    )


@pytest.mark.parametrize("path", EXECUTED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_figure_has_caption_and_alt_text(path):
    for i, cell in enumerate(_nb(path)["cells"]):
        if cell["cell_type"] != "code":
            continue
        has_image = any(
            "image/png" in out.get("data", {}) or "image/svg+xml" in out.get("data", {})
            for out in cell.get("outputs", [])
        )
        if not has_image:
            continue
        meta = cell.get("metadata", {}).get("mystnb", {})
        alt = meta.get("image", {}).get("alt", "")
        caption = meta.get("figure", {}).get("caption", "")
        where = _cell(path, i, cell)
        assert len(alt) >= 40, (
            f"{where}: alt text missing or shorter than 40 characters ({alt!r}): set "
            f"mystnb.image.alt in the cell's metadata ({METADATA_HINT})"
        )
        assert caption, (
            f"{where}: figure without a caption: set mystnb.figure.caption in the cell's "
            f"metadata ({METADATA_HINT})"
        )
        assert alt.strip() != caption.strip(), (
            f"{where}: the alt text repeats the caption: the alt text (mystnb.image.alt) "
            "describes what the figure shows, the caption (mystnb.figure.caption) what it means"
        )


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_output_hidden_by_a_trailing_semicolon(path):
    for i, cell in enumerate(_nb(path)["cells"]):
        if cell["cell_type"] == "code":
            lines = [ln for ln in _source(cell).rstrip().splitlines() if ln.strip()]
            assert not (lines and lines[-1].rstrip().endswith(";")), (
                f"{_cell(path, i, cell)}: ends with ';': assign to _ instead (`_ = ...`)"
            )


@pytest.mark.parametrize("path", EXECUTED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_saved_outputs_come_from_one_top_to_bottom_run(path):
    counts = [c.get("execution_count") for c in _nb(path)["cells"] if c["cell_type"] == "code"]
    assert counts == list(range(1, len(counts) + 1)), (
        f"{_rel(path)}: execution counts {counts}; run `csto-course execute {_rel(path)}`"
    )
    for i, cell in enumerate(_nb(path)["cells"]):
        for out in cell.get("outputs", []):
            assert out.get("output_type") != "error", (
                f"{_cell(path, i, cell)}: a saved error output; fix the cell, then run "
                f"`csto-course execute {_rel(path)}`"
            )


def _widget_outputs(nb: dict) -> list[dict]:
    """The saved outputs of the course's widgets (their still copies)."""
    return [
        out.get("data", {})
        for cell in nb["cells"]
        for out in cell.get("outputs", [])
        if 'class="csto-snapshot"' in "".join(out.get("data", {}).get("text/html", ""))
    ]


def test_lessons_and_solutions_show_widgets():
    with_widgets = [p.name for p in EXECUTED if _widget_outputs(_nb(p))]
    assert len(with_widgets) == len(EXECUTED), f"widgets only in {with_widgets}"


@pytest.mark.parametrize("path", EXECUTED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_saved_widgets_are_still_copies_without_state(path):
    """The site loads no widget JavaScript: no widget state, no live widget views."""
    nb = _nb(path)
    assert "widgets" not in nb["metadata"], f"{_rel(path)}: run `csto-course execute {_rel(path)}`"
    for i, cell in enumerate(nb["cells"]):
        for out in cell.get("outputs", []):
            assert "application/vnd.jupyter.widget-view+json" not in out.get("data", {}), (
                f"{_cell(path, i, cell)}: a saved live widget view; "
                f"run `csto-course execute {_rel(path)}`"
            )


@pytest.mark.parametrize("path", EXECUTED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_saved_figures_are_palette_pngs(path):
    import base64
    import io

    from PIL import Image

    for i, cell in enumerate(_nb(path)["cells"]):
        for out in cell.get("outputs", []):
            png = out.get("data", {}).get("image/png")
            if png:
                with Image.open(io.BytesIO(base64.b64decode("".join(png)))) as image:
                    assert image.mode == "P", (
                        f"{_cell(path, i, cell)}: a full-colour figure; "
                        f"run `csto-course execute {_rel(path)}`"
                    )


@pytest.mark.parametrize("path", EXECUTED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_pages_with_widgets_say_how_to_use_them(path):
    nb = _nb(path)
    if not _widget_outputs(nb):
        return
    text = " ".join(_source(c) for c in nb["cells"] if c["cell_type"] == "markdown").lower()
    assert "launch" in text and "binder" in text, (
        f"{_rel(path)} has widgets but does not tell a reader of the site to launch it to use them"
    )


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_solution_pages_say_they_are_solutions(path):
    cell = _nb(path)["cells"][0]
    assert "SOLUTION NOTEBOOK" in _source(cell), (
        f"{_cell(path, 0, cell)}: the first cell must say SOLUTION NOTEBOOK"
    )


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.name)
def test_exercises_hold_no_answers_outputs_or_widget_state(path):
    nb = _nb(path)
    assert "widgets" not in nb["metadata"]
    for i, cell in enumerate(nb["cells"]):
        src = _source(cell)
        assert "BEGIN SOLUTION" not in src and "SOLUTION NOTEBOOK" not in src, (
            f"{_cell(path, i, cell)}: an answer in a student notebook; run `csto-course exercises`"
        )
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [] and cell.get("execution_count") is None, (
                f"{_cell(path, i, cell)}: a saved output; run `csto-course exercises`"
            )
