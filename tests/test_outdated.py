"""A notebook newer than the installed package gets one line saying what to run."""

from __future__ import annotations

import importlib
import importlib.util
import json
import re
import tomllib
from pathlib import Path

import pytest

import csto_course
from csto_course import outdated
from csto_course.checks import lesson4

ROOT = Path(__file__).resolve().parents[1]
IMPORT = re.compile(r"^\s*(?:from (csto_course[\w.]*) import ([\w, ]+)|import (csto_course[\w.]*))",
                    re.M)


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:  # the parent is a module, not a package
        return False


def _imported_modules() -> set[str]:
    """Every csto_course module a lesson, exercise or solution notebook imports."""
    found = {"csto_course"}
    for path in [*ROOT.glob("book/*.ipynb"), *ROOT.glob("solutions/*.ipynb"),
                 *ROOT.glob("exercises/*.ipynb")]:
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] != "code":
                continue
            for frm, names, imp in IMPORT.findall("".join(cell["source"])):
                found.add(frm or imp)
                for name in (n.strip().split(" as ")[0] for n in names.split(",") if n.strip()):
                    if frm and _is_module(f"{frm}.{name}"):
                        found.add(f"{frm}.{name}")
    return found


def test_a_missing_check_says_in_one_line_what_to_run():
    with pytest.raises(outdated.OutdatedPackageError) as err:
        _ = lesson4.check_from_a_newer_notebook
    message = str(err.value)
    assert "\n" not in message
    assert "csto_course.checks.lesson4.check_from_a_newer_notebook" in message
    assert outdated.UPDATE_COMMAND in message and "restart the kernel" in message
    assert csto_course.__version__ in message
    # In a notebook IPython prints this line instead of a traceback.
    assert err.value._render_traceback_() == [f"OutdatedPackageError: {message}"]


def test_from_import_of_a_missing_name_gives_the_same_advice():
    with pytest.raises(ImportError, match=re.escape(outdated.UPDATE_COMMAND)):
        from csto_course.widgets import WidgetFromTheFuture  # noqa: F401
    with pytest.raises(ImportError, match=re.escape(outdated.UPDATE_COMMAND)):
        from csto_course.checks import lesson99  # noqa: F401


def test_introspection_still_gets_attribute_errors():
    assert not hasattr(lesson4, "__wrapped__")
    assert not hasattr(lesson4, "_private_helper")
    assert getattr(csto_course, "_repr_html_", None) is None


def test_an_existing_submodule_is_imported_not_reported_missing():
    assert csto_course.figures.gas.__name__ == "csto_course.figures.gas"


def test_every_module_a_notebook_imports_has_the_guard():
    modules = _imported_modules()
    assert {"csto_course.data", "csto_course.checks.lesson4", "csto_course.widgets"} <= modules
    for name in sorted(modules):
        module = importlib.import_module(name)
        guard = module.__dict__.get("__getattr__")
        assert guard is not None and guard.__module__ == outdated.__name__, (
            f"{name} has no guard: end it with `__getattr__ = _module_getattr(__name__)`")


def test_require_states_the_version_a_notebook_needs():
    outdated.require("0.1")
    outdated.require(csto_course.__version__)
    with pytest.raises(outdated.OutdatedPackageError, match="needs csto_course 99.0 or newer"):
        outdated.require("99.0")


def test_package_and_project_versions_agree():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["version"] == csto_course.__version__
