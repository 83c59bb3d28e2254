"""constraints.txt pins the whole test environment, agrees with binder/, and is what CI uses."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from _repo import exact_pins

ROOT = Path(__file__).resolve().parents[1]


def _constraints() -> dict[str, Version]:
    return exact_pins(ROOT / "constraints.txt")


def test_constraints_agree_with_binder():
    constraints = _constraints()
    binder = exact_pins(ROOT / "binder" / "requirements.txt")
    for name in ("pandas", "numpy", "matplotlib", "ipywidgets"):
        assert name in binder, f"binder/requirements.txt should pin {name}"
    for name, version in binder.items():
        assert constraints.get(name) == version, (
            f"binder pins {name}=={version}, constraints.txt "
            f"{'has ' + str(constraints[name]) if name in constraints else 'lacks it'}"
        )


def test_constraints_pin_every_dependency_of_the_test_environment():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    constraints = _constraints()
    assert "csto-course" not in constraints, "constraints.txt must not pin the course itself"
    wanted = list(project["dependencies"])
    for extra in ("book", "test"):
        wanted += project["optional-dependencies"][extra]
    for dep in wanted:
        req = Requirement(dep)
        name = canonicalize_name(req.name)
        if name == "csto-course":
            continue
        assert name in constraints, f"constraints.txt does not pin {req.name}"
        assert req.specifier.contains(constraints[name], prereleases=True), (
            f"constraints.txt pins {req.name}=={constraints[name]}, outside {req.specifier}"
        )


def _readme_command(kind: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^pip install -e \"\.\[" + kind + r"\]\".*$", readme, re.MULTILINE)
    assert commands, f"README.md has no `pip install -e \".[{kind}]\" ...` command"
    return commands[0]


def test_readme_and_ci_install_through_the_constraints():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for kind in ("test", "book"):
        command = _readme_command(kind)
        assert "-c constraints.txt" in command, command
        assert command in ci, f".ci/run does not run the README's command: {command}"
