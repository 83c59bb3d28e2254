"""Generate the student notebooks (``exercises/``) from the solution notebooks (``solutions/``).

The solution notebook is the single source. Its solution parts are marked in the course's
own way, which also accepts the answer markers of otter-grader and nbgrader:

- in a code cell, the lines between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` (nbgrader:
  ``### BEGIN SOLUTION`` / ``### END SOLUTION``) are replaced by ``# YOUR CODE HERE`` and
  ``...`` (with the indentation of the ``BEGIN`` line); if the block assigns names at its top
  level (``answer = ...``), each becomes ``name = ...`` so the cells after it still run and
  their checks say "not answered yet"; otter's ``# BEGIN SOLUTION NO PROMPT`` block is removed;
- a line ``name = expression  # SOLUTION`` becomes ``name = ...``; a line ending in otter's
  ``# SOLUTION NO PROMPT`` is removed;
- a code cell whose first line is ``# SOLUTION``, or an nbgrader solution cell (metadata
  ``nbgrader.solution``) without BEGIN/END markers, is replaced whole, in the same way;
- between otter's triple-quoted ``# BEGIN PROMPT`` and ``# END PROMPT`` lines, the lines
  become code of the student version (the two marker lines go);
- in a markdown cell, the lines from ``<!-- BEGIN SOLUTION -->`` (or ``### BEGIN SOLUTION``) to
  ``<!-- END SOLUTION -->`` (``### END SOLUTION``), a model answer, become
  ``*Write your answer here.*``, and so does a whole nbgrader solution cell without markers;
- the banner between ``<!-- BEGIN SOLUTION-BANNER -->`` and ``<!-- END SOLUTION-BANNER -->``
  (the line saying ``SOLUTION NOTEBOOK``) is removed;
- cells tagged ``solution-only`` are dropped.

Anything else that looks like an answer marker (``BEGIN``/``END`` with a capitalized word,
``SOLUTION`` in a comment, otter's ``**SOLUTION**``, nbgrader's hidden tests) stops the
generator with an error that names the notebook, the cell (numbered from 1, as JupyterLab shows
it, with its first line) and the marker, so no unhandled answer reaches ``exercises/``.

Each code cell gets nbval's ``nbval-ignore-output`` tag: the tests run the exercises (they
must run without an error) but compare no output, since a student's copy saves none.
All outputs, execution counts, execution timings and widget state are removed; cell ids are
kept (a cell without an id gets one derived from its position), so the output is
deterministic.
"""

from __future__ import annotations

import ast
import copy
import hashlib
import re
import textwrap
from pathlib import Path
from typing import Any

import nbformat

__all__ = [
    "ANSWER_PROMPT",
    "CODE_PROMPT",
    "diff_all",
    "generate",
    "generate_all",
    "render",
    "strip_solution",
]

CODE_PROMPT = "# YOUR CODE HERE"
ANSWER_PROMPT = "*Write your answer here.*"
SOLUTION_ONLY_TAG = "solution-only"
#: The kernel as JupyterLab records it when the notebook opens (ipykernel's "python3" spec):
#: any other display name makes a freshly opened exercise show as modified.
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
#: Added to the exercise's first text cell, for a first-time user of notebooks.
EDIT_HINT = ("**To write in a text cell** (an answer, a note), double-click it; press "
             "Shift + Enter to show it formatted again.")
#: nbval's documented cell tag: run the cell, compare no output (a student's copy has none).
NBVAL_TAG = "nbval-ignore-output"

_BEGIN = re.compile(r"^\s*#{1,3}\s*BEGIN SOLUTION(?P<no_prompt>\s+NO PROMPT)?\s*$")
_END = re.compile(r"^\s*#{1,3}\s*END SOLUTION\s*$")
_WHOLE = re.compile(r"^\s*#\s*SOLUTION\s*$")
_LINE = re.compile(
    r"^(?P<indent>\s*)(?P<target>[A-Za-z_]\w*)\s*(?::[^=]+)?=(?!=)\s*\S.*?#\s*SOLUTION\s*$"
)
_LINE_ANY = re.compile(r"\S.*#\s*SOLUTION\s*$")
_LINE_NO_PROMPT = re.compile(r"\S.*#\s*SOLUTION NO PROMPT\s*$")
_PROMPT_BEGIN = re.compile(r"^\s*(\"\"\"|\'\'\')\s*#\s*BEGIN PROMPT\s*$")
_PROMPT_END = re.compile(r"^\s*(\"\"\"|\'\'\')\s*;?\s*#\s*END PROMPT\s*$")
_MD_BEGIN = re.compile(r"^\s*(<!--\s*BEGIN SOLUTION\s*-->|###\s*BEGIN SOLUTION)\s*$")
_MD_END = re.compile(r"^\s*(<!--\s*END SOLUTION\s*-->|###\s*END SOLUTION)\s*$")
#: What looks like an answer marker of some tool; whatever is left of it after stripping is
#: refused (the markers the generator handles are gone by then).
_ANY_MARKER = re.compile(
    r"\b(?:BEGIN|END)\s+[A-Z]{3,}(?:\s+[A-Z]{2,})*\b"  # BEGIN SOLUTION, END HIDDEN TESTS, ...
    r"|#+\s*(?:SOLUTION|HIDDEN|IGNORE)\b"  # otter's line and cell markers
    r"|\*\*SOLUTION:?\*\*"  # otter's markdown answer
)
_BANNER_BEGIN = re.compile(r"^\s*<!--\s*BEGIN SOLUTION-BANNER\s*-->\s*$")
_BANNER_END = re.compile(r"^\s*<!--\s*END SOLUTION-BANNER\s*-->\s*$")


class _Where:
    """Where in which notebook we are, for error messages: the cell is numbered from 1, as
    JupyterLab shows it, and named by its first line."""

    def __init__(self, notebook: str, index: int, cell_id: str | None, source: str = "") -> None:
        self.notebook, self.index, self.cell_id = notebook, index, cell_id
        self.first_line = source.strip().split("\n", 1)[0][:60]

    def error(self, line: int, what: str) -> ValueError:
        cell = f"cell {self.index + 1} ({self.first_line!r}" + (
            f", id {self.cell_id})" if self.cell_id else ")"
        )
        return ValueError(f"{self.notebook}: {cell}, line {line}: {what}")


def _refuse_unhandled_markers(stripped: str, source: str, where: _Where) -> None:
    """Raise if ``stripped`` (a cell after stripping) still holds something like a marker; the
    line number is that of the solution cell ``source``."""
    original = source.split("\n")
    for number, line in enumerate(stripped.split("\n"), start=1):
        found = _ANY_MARKER.search(line)
        if found:
            raise where.error(
                original.index(line) + 1 if line in original else number,
                f"unhandled answer marker {found.group(0)!r}; the generator handles only the "
                "markers listed in csto_course.exercisegen (remove it or use one of those)",
            )


def _assigned_names(code: str) -> list[str]:
    """Names assigned at the top level of ``code`` (in order), or [] if it does not parse."""
    try:
        tree = ast.parse(textwrap.dedent(code))
    except SyntaxError:
        return []
    names: list[str] = []

    def add(target: ast.expr) -> None:
        if isinstance(target, ast.Name):
            if target.id not in names:
                names.append(target.id)
        elif isinstance(target, ast.Tuple | ast.List):
            for element in target.elts:
                add(element)
        elif isinstance(target, ast.Starred):
            add(target.value)

    for node in tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                add(target)
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            add(node.target)
    return names


def _placeholder(block: list[str], indent: str) -> list[str]:
    names = _assigned_names("\n".join(block))
    body = [f"{name} = ..." for name in names] or ["..."]
    return [indent + CODE_PROMPT] + [indent + line for line in body]


def _strip_code(source: str, where: _Where, whole: bool = False) -> str:
    lines = source.split("\n")
    if whole and not any(_BEGIN.match(line) for line in lines):
        return "\n".join(_placeholder(lines, ""))
    if lines and _WHOLE.match(lines[0]):
        for number, line in enumerate(lines[1:], start=2):
            if _BEGIN.match(line) or _END.match(line):
                raise where.error(number, "a '# SOLUTION' cell must not hold BEGIN/END markers")
        return "\n".join(_placeholder(lines[1:], ""))
    out: list[str] = []
    block: list[str] | None = None
    begin_line, indent, no_prompt, prompt = 0, "", False, 0
    for number, line in enumerate(lines, start=1):
        begin = _BEGIN.match(line)
        if begin:
            if block is not None or prompt:
                raise where.error(
                    number, f"'# BEGIN SOLUTION' inside the block opened on line {begin_line}"
                )
            block, begin_line, no_prompt = [], number, bool(begin["no_prompt"])
            indent = line[: len(line) - len(line.lstrip())]
        elif _END.match(line):
            if block is None:
                raise where.error(number, "'# END SOLUTION' without '# BEGIN SOLUTION'")
            if not no_prompt:
                out.extend(_placeholder(block, indent))
            block = None
        elif block is not None:
            block.append(line)
        elif _PROMPT_BEGIN.match(line):
            if prompt:
                raise where.error(number, f"'# BEGIN PROMPT' inside the one on line {prompt}")
            prompt = begin_line = number
        elif _PROMPT_END.match(line):
            if not prompt:
                raise where.error(number, "'# END PROMPT' without '# BEGIN PROMPT'")
            prompt = 0
        elif prompt:
            out.append(line)
        elif _LINE_NO_PROMPT.search(line) and not line.lstrip().startswith("#"):
            continue
        elif _WHOLE.match(line):
            raise where.error(number, "'# SOLUTION' marks a whole cell only on its first line")
        elif _LINE_ANY.search(line) and not line.lstrip().startswith("#"):
            match = _LINE.match(line)
            if not match:
                raise where.error(
                    number, "'# SOLUTION' at the end of a line works only on 'name = value'"
                )
            out.append(f"{match['indent']}{match['target']} = ...")
        else:
            out.append(line)
    if block is not None:
        raise where.error(begin_line, "'# BEGIN SOLUTION' without '# END SOLUTION'")
    if prompt:
        raise where.error(prompt, "'# BEGIN PROMPT' without '# END PROMPT'")
    return "\n".join(out)


def _strip_markdown(source: str, where: _Where, whole: bool = False) -> str:
    lines = source.split("\n")
    if whole and not any(_MD_BEGIN.match(line) for line in lines):
        return ANSWER_PROMPT
    out: list[str] = []
    state: str | None = None  # None, "solution", "banner"
    opened = 0
    for number, line in enumerate(lines, start=1):
        if _BANNER_BEGIN.match(line) or _MD_BEGIN.match(line):
            if state is not None:
                raise where.error(
                    number, f"a BEGIN marker inside the block opened on line {opened}"
                )
            state, opened = ("banner" if _BANNER_BEGIN.match(line) else "solution"), number
        elif _BANNER_END.match(line) or _MD_END.match(line):
            kind = "banner" if _BANNER_END.match(line) else "solution"
            if state != kind:
                marker = "SOLUTION-BANNER" if kind == "banner" else "SOLUTION"
                raise where.error(number, f"'<!-- END {marker} -->' without its BEGIN")
            if kind == "solution":
                out.append(ANSWER_PROMPT)
            state = None
        elif state is None:
            out.append(line)
    if state is not None:
        marker = "SOLUTION-BANNER" if state == "banner" else "SOLUTION"
        raise where.error(opened, f"'<!-- BEGIN {marker} -->' without its END")
    text = "\n".join(out)
    if text != source:  # tidy the blank lines a removed block leaves behind
        text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text


def _cell_id(cell: Any, notebook: str, index: int) -> str:
    cid = cell.get("id")
    if cid:
        return str(cid)
    digest = hashlib.sha1(f"{notebook}:{index}".encode()).hexdigest()
    return f"cell-{digest[:12]}"


def strip_solution(nb: nbformat.NotebookNode, name: str = "<notebook>") -> nbformat.NotebookNode:
    """The student version of solution notebook ``nb`` (a new notebook; ``nb`` is untouched).

    ``name`` is used in error messages. Raises ``ValueError`` (naming notebook, cell and line)
    when a BEGIN marker has no END or an END no BEGIN, and for any marker it does not handle.
    """
    out = copy.deepcopy(nb)
    out.nbformat, out.nbformat_minor = 4, max(5, int(nb.get("nbformat_minor", 5)))
    out.metadata.pop("widgets", None)
    out.metadata["kernelspec"] = dict(KERNELSPEC)
    cells = []
    for index, cell in enumerate(out.cells):
        tags = cell.get("metadata", {}).get("tags", [])
        if SOLUTION_ONLY_TAG in tags:
            continue
        cell["id"] = _cell_id(cell, name, index)
        source = cell.source if isinstance(cell.source, str) else "".join(cell.source)
        where = _Where(name, index, cell["id"], source)
        nbgrader = cell.get("metadata", {}).get("nbgrader", {})
        whole = bool(nbgrader.get("solution")) if isinstance(nbgrader, dict) else False
        if cell.cell_type == "code":
            cell.source = _strip_code(source, where, whole)
            cell.outputs = []
            cell.execution_count = None
            tags = cell.metadata.setdefault("tags", [])
            if NBVAL_TAG not in tags:
                tags.append(NBVAL_TAG)
        elif cell.cell_type == "markdown":
            cell.source = _strip_markdown(source, where, whole)
            if not cell.source.strip() and source.strip():
                continue  # the cell held only a banner or markers
        _refuse_unhandled_markers(cell.source, source, where)
        metadata = cell.get("metadata", {})
        for key in ("execution", "widgets"):
            metadata.pop(key, None)
        cells.append(cell)
    first_text = next((c for c in cells if c.cell_type == "markdown"), None)
    if first_text is not None and EDIT_HINT not in first_text.source:
        first_text.source = first_text.source.rstrip("\n") + "\n\n" + EDIT_HINT
    out.cells = cells
    return out


def render(nb: nbformat.NotebookNode) -> str:
    """The notebook as text, exactly as it is written to disk (nbformat's sorted JSON)."""
    text = nbformat.writes(nb, version=4)
    return text if text.endswith("\n") else text + "\n"


def _generated_text(src: Path) -> str:
    nb = nbformat.read(src, as_version=4)
    return render(strip_solution(nb, name=src.name))


def generate(src: Path, dst: Path) -> None:
    """Write the student notebook for solution ``src`` to ``dst`` (only if it changed)."""
    src, dst = Path(src), Path(dst)
    text = _generated_text(src)
    if dst.exists() and dst.read_text(encoding="utf-8") == text:
        return
    dst.parent.mkdir(parents=True, exist_ok=True)
    with open(dst, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def _solutions(solutions_dir: Path) -> list[Path]:
    return sorted(Path(solutions_dir).glob("ex*.ipynb"))


def generate_all(solutions_dir: Path, exercises_dir: Path) -> list[Path]:
    """Generate ``exercises_dir/exNN_*.ipynb`` for every ``solutions_dir/exNN_*.ipynb``."""
    written = []
    for src in _solutions(solutions_dir):
        dst = Path(exercises_dir) / src.name
        generate(src, dst)
        written.append(dst)
    return written


def diff_all(solutions_dir: Path, exercises_dir: Path) -> list[str]:
    """Names of exercise notebooks that differ from what would be generated.

    A missing exercise, and an exercise without a solution, count as different.
    """
    names = []
    expected = {src.name: src for src in _solutions(solutions_dir)}
    for name, src in expected.items():
        dst = Path(exercises_dir) / name
        if not dst.exists() or dst.read_text(encoding="utf-8") != _generated_text(src):
            names.append(name)
    names += [
        p.name for p in sorted(Path(exercises_dir).glob("ex*.ipynb")) if p.name not in expected
    ]
    return sorted(names)
