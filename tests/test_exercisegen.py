"""Tests of csto_course.exercisegen: solution notebooks → student notebooks."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from csto_course import exercisegen
from csto_course.exercisegen import diff_all, generate, generate_all, render, strip_solution

ROOT = Path(__file__).resolve().parents[1]
KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}


def _nb(*cells, **metadata) -> nbformat.NotebookNode:
    nb = new_notebook(metadata={"kernelspec": KERNEL, **metadata})
    nb.cells = list(cells)
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"c{i}"
    return nb


def _code(nb, i=0) -> str:
    return strip_solution(nb).cells[i].source


def test_block_becomes_placeholder_with_indentation():
    nb = _nb(
        new_code_cell(
            "def f(x):\n"
            "    # BEGIN SOLUTION\n"
            "    y = x * 2\n"
            "    return y\n"
            "    # END SOLUTION\n"
            "print(f(1))"
        )
    )
    assert _code(nb) == "def f(x):\n    # YOUR CODE HERE\n    y = ...\nprint(f(1))"


def test_block_without_assignment_becomes_ellipsis():
    nb = _nb(
        new_code_cell("for i in range(3):\n    # BEGIN SOLUTION\n    print(i)\n    # END SOLUTION")
    )
    assert _code(nb) == "for i in range(3):\n    # YOUR CODE HERE\n    ..."


def test_assignment_block_keeps_the_names_so_later_checks_run():
    nb = _nb(
        new_code_cell(
            "import pandas as pd\n"
            "# BEGIN SOLUTION\n"
            "members = data.load('members')\n"
            "answer = members['sent_troops_2022'].sum()\n"
            "a, (b, c) = 1, (2, 3)\n"
            "members['x'] = 1\n"
            "# END SOLUTION\n"
            "lesson1.check_troops(answer)"
        )
    )
    assert _code(nb) == (
        "import pandas as pd\n"
        "# YOUR CODE HERE\n"
        "members = ...\n"
        "answer = ...\n"
        "a = ...\n"
        "b = ...\n"
        "c = ...\n"
        "lesson1.check_troops(answer)"
    )


def test_whole_solution_cell():
    nb = _nb(
        new_code_cell("# SOLUTION\nshare = 5 / 6\nprint(share)"),
        new_code_cell("# SOLUTION\nprint(1)"),
    )
    out = strip_solution(nb)
    assert out.cells[0].source == "# YOUR CODE HERE\nshare = ..."
    assert out.cells[1].source == "# YOUR CODE HERE\n..."


def test_line_solution_marker():
    nb = _nb(new_code_cell("answer = 5  # SOLUTION\nn: int = 3 # SOLUTION\nprint(answer)"))
    assert _code(nb) == "answer = ...\nn = ...\nprint(answer)"
    with pytest.raises(ValueError, match="works only on 'name = value'"):
        strip_solution(_nb(new_code_cell("print(5)  # SOLUTION")))


def test_markdown_model_answer_and_banner():
    nb = _nb(
        new_markdown_cell(
            "# Exercise 1\n\n<!-- BEGIN SOLUTION-BANNER -->\n**SOLUTION NOTEBOOK**\n"
            "<!-- END SOLUTION-BANNER -->\n\nAnswer the questions."
        ),
        new_markdown_cell(
            "**Q1.** Why?\n\n<!-- BEGIN SOLUTION -->\nBecause the authors argue X.\n"
            "<!-- END SOLUTION -->"
        ),
        new_markdown_cell(
            "<!-- BEGIN SOLUTION-BANNER -->\nSOLUTION NOTEBOOK\n<!-- END SOLUTION-BANNER -->"
        ),
    )
    out = strip_solution(nb)
    assert out.cells[0].source == (
        "# Exercise 1\n\nAnswer the questions.\n\n" + exercisegen.EDIT_HINT)
    assert out.cells[1].source == "**Q1.** Why?\n\n*Write your answer here.*"
    assert len(out.cells) == 2  # the banner-only cell is dropped
    assert "SOLUTION" not in render(out)


def test_solution_only_cells_dropped_outputs_and_metadata_cleared():
    code = new_code_cell("x = 1\nx", execution_count=3)
    code.outputs = [new_output("execute_result", data={"text/plain": "1"}, execution_count=3)]
    code.metadata["execution"] = {"iopub.status.busy": "2022-01-06T00:00:00"}
    code.metadata["tags"] = ["keep"]
    hidden = new_code_cell("secret = 42")
    hidden.metadata["tags"] = ["solution-only"]
    nb = _nb(code, hidden, widgets={"application/vnd.jupyter.widget-state+json": {}}, foo="bar")
    out = strip_solution(nb)
    assert len(out.cells) == 1
    cell = out.cells[0]
    assert cell.outputs == [] and cell.execution_count is None
    assert cell.metadata == {"tags": ["keep", "nbval-ignore-output"]}
    assert "widgets" not in out.metadata
    assert out.metadata["foo"] == "bar"
    # The kernel as JupyterLab names it, so that the exercise does not open as modified.
    assert out.metadata["kernelspec"] == {**KERNEL, "display_name": "Python 3 (ipykernel)"}
    assert cell.id == "c0"
    # the input is not modified
    assert nb.cells[0].outputs and len(nb.cells) == 2


@pytest.mark.parametrize(
    ("source", "line", "what"),
    [
        ("a = 1\n# BEGIN SOLUTION\nb = 2", 2, "without '# END SOLUTION'"),
        ("a = 1\n# END SOLUTION", 2, "without '# BEGIN SOLUTION'"),
        ("# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION", 2, "inside the block"),
        ("x = 1\n# SOLUTION\n", 2, "first line"),
    ],
)
def test_unmatched_markers_name_notebook_cell_and_line(source, line, what):
    nb = _nb(new_markdown_cell("intro"), new_code_cell(source))
    with pytest.raises(ValueError) as info:
        strip_solution(nb, name="ex09_test.ipynb")
    message = str(info.value)
    first = source.split("\n", 1)[0]
    assert message.startswith(f"ex09_test.ipynb: cell 2 ({first!r}, id c1), line ")
    assert f"line {line}:" in message and what in message


def test_unmatched_markdown_markers():
    with pytest.raises(ValueError, match="cell 1 .*line 1: '<!-- BEGIN SOLUTION -->' without"):
        strip_solution(_nb(new_markdown_cell("<!-- BEGIN SOLUTION -->\nmodel answer")))
    with pytest.raises(ValueError, match="END SOLUTION-BANNER"):
        strip_solution(_nb(new_markdown_cell("text\n<!-- END SOLUTION-BANNER -->")))


# --------------------------------------------------------------------------------------
# Every known answer-marker style: stripped, or refused with the file, cell and marker
# --------------------------------------------------------------------------------------

#: A secret that each model answer holds: it must never reach the student version.
SECRET = "4242"

HANDLED = {
    "course block": f"x = 2\n# BEGIN SOLUTION\ny = x * {SECRET}\n# END SOLUTION\nprint(y)",
    "course whole cell": f"# SOLUTION\nanswer = {SECRET}",
    "otter line": f"x = 2\ny = x * {SECRET}  # SOLUTION\nprint(y)",
    "otter line, no prompt": f"def f(x):\n    y = x * {SECRET}  # SOLUTION NO PROMPT\n    return y",
    "otter block, no prompt": (
        f"def f(r):\n    # BEGIN SOLUTION NO PROMPT\n    return {SECRET} * r\n    # END SOLUTION\n"
        '    """ # BEGIN PROMPT\n    return ...\n    """; # END PROMPT'
    ),
    "nbgrader block": (
        f"def f(x):\n    ### BEGIN SOLUTION\n    return x * {SECRET}\n    ### END SOLUTION"
    ),
}


@pytest.mark.parametrize("style", sorted(HANDLED))
def test_handled_marker_styles_keep_the_answer_out(style):
    nb = _nb(new_markdown_cell("Task"), new_code_cell(HANDLED[style]))
    out = strip_solution(nb, name="ex09_markers.ipynb")
    text = render(out)
    assert SECRET not in text
    assert "SOLUTION" not in text and "PROMPT" not in text
    for cell in out.cells:
        if cell.cell_type == "code":
            compile(cell.source, "<cell>", "exec")


def test_otter_markers_give_otters_student_version():
    nb = _nb(
        new_code_cell(HANDLED["otter line, no prompt"]),
        new_code_cell(HANDLED["otter block, no prompt"]),
    )
    out = strip_solution(nb)
    assert out.cells[0].source == "def f(x):\n    return y"
    assert out.cells[1].source == "def f(r):\n    return ..."
    assert _code(_nb(new_code_cell(HANDLED["otter line"]))) == "x = 2\ny = ...\nprint(y)"


def test_nbgrader_solution_cells_without_markers_are_replaced_whole():
    code = new_code_cell(f"answer = {SECRET}")
    text = new_markdown_cell(f"The answer is {SECRET}.")
    for cell in (code, text):
        cell.metadata["nbgrader"] = {"solution": True, "grade": False, "grade_id": "a"}
    out = strip_solution(_nb(new_markdown_cell("# Exercise"), code, text))
    assert out.cells[1].source == "# YOUR CODE HERE\nanswer = ..."
    assert out.cells[2].source == "*Write your answer here.*"
    nbgrader_md = new_markdown_cell(f"Why?\n### BEGIN SOLUTION\n{SECRET}\n### END SOLUTION")
    out = strip_solution(_nb(new_markdown_cell("# Exercise"), nbgrader_md))
    assert out.cells[1].source == "Why?\n*Write your answer here.*"


REFUSED = [
    (
        "code",
        f"def test():\n    ### BEGIN HIDDEN TESTS\n    assert f(1) == {SECRET}\n"
        "    ### END HIDDEN TESTS",
        "BEGIN HIDDEN TESTS",
    ),
    ("code", f"# HIDDEN\nassert answer == {SECRET}", "# HIDDEN"),
    ("code", f"x = 1\n# BEGIN QUESTION\ny = {SECRET}", "BEGIN QUESTION"),
    ("markdown", f"**SOLUTION:** the answer is {SECRET}", "**SOLUTION:**"),
    (
        "markdown",
        f"<!-- BEGIN QUESTION -->\nWhy {SECRET}?\n<!-- END QUESTION -->",
        "BEGIN QUESTION",
    ),
    (
        "markdown",
        f"=== BEGIN MARK SCHEME ===\n{SECRET}\n=== END MARK SCHEME ===",
        "BEGIN MARK SCHEME",
    ),
    ("raw", f"# BEGIN TESTS\nanswer == {SECRET}", "BEGIN TESTS"),
]


@pytest.mark.parametrize(("kind", "source", "marker"), REFUSED)
def test_unhandled_markers_stop_the_generator_naming_file_cell_and_marker(kind, source, marker):
    make = {"code": new_code_cell, "markdown": new_markdown_cell}.get(kind)
    cell = make(source) if make else nbformat.v4.new_raw_cell(source)
    nb = _nb(new_markdown_cell("intro"), new_code_cell("x = 1"), cell)
    with pytest.raises(ValueError) as info:
        strip_solution(nb, name="ex09_markers.ipynb")
    message = str(info.value)
    first = source.split("\n", 1)[0]
    assert message.startswith(f"ex09_markers.ipynb: cell 3 ({first!r}, id c2), line ")
    assert marker in message and "unhandled answer marker" in message
    line = next(i for i, text in enumerate(source.split("\n"), 1) if marker.strip("*") in text)
    assert f", line {line}: " in message


def test_a_solution_notebook_with_every_marker_style(tmp_path):
    """otter, nbgrader and course markers together: no answer reaches exercises/."""
    solutions, exercises = tmp_path / "solutions", tmp_path / "exercises"
    solutions.mkdir()
    cells = [new_markdown_cell("# Exercise")] + [new_code_cell(HANDLED[s]) for s in sorted(HANDLED)]
    cells.append(
        new_markdown_cell(
            f"Why?\n\n<!-- BEGIN SOLUTION -->\nBecause {SECRET}.\n<!-- END SOLUTION -->"
        )
    )
    nbformat.write(_nb(*cells), solutions / "ex09_markers.ipynb")
    (written,) = generate_all(solutions, exercises)
    assert SECRET not in written.read_text(encoding="utf-8")
    nb = _nb(*cells, new_code_cell(REFUSED[0][1]))
    nbformat.write(nb, solutions / "ex09_markers.ipynb")
    with pytest.raises(ValueError, match=r"ex09_markers.ipynb: cell 9 .*'BEGIN HIDDEN TESTS'"):
        generate_all(solutions, exercises)
    assert SECRET not in written.read_text(encoding="utf-8")


def test_cells_without_ids_get_deterministic_ids():
    nb = new_notebook(metadata={"kernelspec": KERNEL})
    nb.nbformat_minor = 4
    nb.cells = [new_code_cell("1"), new_code_cell("2")]
    for cell in nb.cells:
        del cell["id"]
    a, b = strip_solution(nb, name="x.ipynb"), strip_solution(nb, name="x.ipynb")
    assert [c.id for c in a.cells] == [c.id for c in b.cells]
    assert len({c.id for c in a.cells}) == 2
    assert a.nbformat_minor >= 5
    nbformat.validate(a)


def test_generate_is_deterministic_and_diff_all(tmp_path):
    solutions, exercises = tmp_path / "solutions", tmp_path / "exercises"
    solutions.mkdir()
    nb = _nb(
        new_markdown_cell("# Ex"), new_code_cell("# BEGIN SOLUTION\nanswer = 3\n# END SOLUTION")
    )
    nbformat.write(nb, solutions / "ex01_a.ipynb")
    nbformat.write(nb, solutions / "notes.ipynb")  # not an exercise: ignored
    assert diff_all(solutions, exercises) == ["ex01_a.ipynb"]
    written = generate_all(solutions, exercises)
    assert written == [exercises / "ex01_a.ipynb"]
    first = written[0].read_text(encoding="utf-8")
    assert diff_all(solutions, exercises) == []
    generate(solutions / "ex01_a.ipynb", written[0])
    assert written[0].read_text(encoding="utf-8") == first
    assert first.endswith("\n") and '"answer = ..."' in first.replace("# YOUR CODE HERE\\n", "")
    # keys are sorted as nbformat writes them
    assert first.index('"cell_type"') < first.index('"id"') < first.index('"source"')
    written[0].write_text(first.replace("answer = ...", "answer = 3"), encoding="utf-8")
    assert diff_all(solutions, exercises) == ["ex01_a.ipynb"]
    (exercises / "ex02_stale.ipynb").write_text("{}", encoding="utf-8")
    generate_all(solutions, exercises)
    assert diff_all(solutions, exercises) == ["ex02_stale.ipynb"]


def test_generated_notebook_runs_its_placeholders(tmp_path):
    """The student's version still compiles: every code cell is valid Python."""
    nb = _nb(
        new_code_cell("def f():\n    # BEGIN SOLUTION\n    return 1\n    # END SOLUTION"),
        new_code_cell("total = (\n    # BEGIN SOLUTION\n    1 + 2\n    # END SOLUTION\n)"),
    )
    for cell in strip_solution(nb).cells:
        compile(cell.source, "<cell>", "exec")


def test_committed_exercises_match_solutions():
    solutions, exercises = ROOT / "solutions", ROOT / "exercises"
    if not list(solutions.glob("ex*.ipynb")):
        pytest.skip("solutions/ has no ex*.ipynb notebooks yet")
    stale = diff_all(solutions, exercises)
    assert not stale, (
        f"exercises/ is out of step with solutions/ for {stale}; "
        "regenerate with `csto-course exercises` (csto_course.exercisegen.generate_all)"
    )


def test_module_exports():
    assert set(exercisegen.__all__) >= {"strip_solution", "generate", "generate_all", "diff_all"}


def test_the_first_text_cell_says_how_to_write_in_a_text_cell():
    intro = new_markdown_cell("# Exercise 9")
    nb = new_notebook(metadata={"kernelspec": KERNEL}, cells=[new_code_cell("x = 1"), intro])
    out = strip_solution(nb)
    assert out.cells[1].source.endswith(exercisegen.EDIT_HINT)
    assert "double-click" in exercisegen.EDIT_HINT
    again = strip_solution(out)
    assert again.cells[1].source.count(exercisegen.EDIT_HINT) == 1


def test_exercises_command_names_the_extra_it_needs(monkeypatch):
    import tomllib

    from csto_course import maintenance

    monkeypatch.setattr(maintenance, "missing_modules", lambda modules: list(modules))
    with pytest.raises(SystemExit, match=r"needs nbformat, .*pip install -e \"\.\[author\]\""):
        maintenance.main(["exercises"])
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    for modules in maintenance.NEEDS.values():
        for module in modules:
            assert any(dep.startswith(module) for dep in extras["author"]), module
    assert any("author" in dep for dep in extras["test"] if dep.startswith("csto-course["))
