"""The commands the README and the authoring guide give: consistent, and each selects tests."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "book" / "instructor" / "authoring.md"


def _commands(text: str, program: str) -> list[str]:
    """Every command that starts with ``program``: lines of code blocks, and inline code."""
    fence = re.compile(r"^```[^\n]*\n(.*?)^```", re.M | re.S)
    lines = [ln.split(" #")[0].strip() for b in fence.findall(text) for ln in b.splitlines()]
    prose = re.sub(r"``.+?``", "", fence.sub("", text), flags=re.S)  # spans holding backticks
    spans = [" ".join(c.split()) for c in re.findall(r"`([^`]+)`", prose)]
    return [c for c in lines + spans if c.startswith(program + " ")]


def test_the_readme_and_data_readme_give_the_same_data_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    data = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    commands = _commands(data, "csto-course") + _commands(data, "pytest")
    assert commands, "data/README.md names no command"
    missing = [c for c in commands if c not in readme]
    assert missing == [], f"data/README.md gives commands the README does not: {missing}"


def _documented_pytest_commands() -> list[str]:
    found = set()
    for path in (ROOT / "README.md", GUIDE):
        text = path.read_text(encoding="utf-8")
        found.update(_commands(text, "pytest"))
    return sorted(found)


@pytest.mark.parametrize("command", _documented_pytest_commands())
def test_each_documented_pytest_command_selects_tests(command):
    """Every path it names exists; with `-k`, pytest collects at least one test."""
    args = shlex.split(command)[1:]
    paths = [a for a in args if not a.startswith("-") and ("/" in a or a.endswith(".py"))]
    paths += [a for a in args if a in ("book", "solutions", "exercises", "tests")]
    missing = [p for p in paths if not (ROOT / p).exists()]
    assert missing == [], f"`{command}` names what does not exist: {missing}"
    if "-k" not in args:
        return
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:randomly", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, f"`{command}` selects no test:\n{run.stdout[-1500:]}"
    assert re.search(r"\d+(/\d+)? tests? collected", run.stdout), run.stdout[-1500:]
