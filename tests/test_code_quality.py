"""The course's code is ruff clean."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_is_clean():
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists() and not shutil.which("ruff"):
        pytest.fail("ruff is part of the test extra: pip install -e '.[test]'")
    run = subprocess.run(
        [ruff, "check", "src", "tests", "conftest.py"], cwd=ROOT, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr


def _imports(path: Path) -> set[str]:
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_widgets_scoring_and_figures_do_not_depend_on_the_checks():
    """Feedback and the shared facts have their own modules; the checks sit on top."""
    package = Path(__file__).resolve().parents[1] / "src" / "csto_course"
    lower = [package / "scoring.py", package / "facts.py", package / "feedback.py"]
    lower += sorted((package / "widgets").glob("*.py")) + sorted((package / "figures").glob("*.py"))
    for path in lower:
        bad = {m for m in _imports(path) if m.startswith("csto_course.checks")}
        assert not bad, f"{path.relative_to(package)} imports {sorted(bad)}"
    for path in (package / "facts.py", package / "feedback.py"):
        inner = {m for m in _imports(path) if m.startswith("csto_course")}
        assert not inner, f"{path.name} should import nothing else of the package: {inner}"
