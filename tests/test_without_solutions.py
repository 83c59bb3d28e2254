"""The course without its solutions: the students' site, and the students' copy for Binder/hubs."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from _repo import toc_files
from csto_course.maintenance import STUDENTS_TOC, students_toc, write_students_copy

ROOT = Path(__file__).resolve().parents[1]
SOLUTION_LINK = re.compile(r'href="[^"]*\bsolutions(?:/|\.html)[^"]*"')


def _readme_block() -> str:
    """The one fenced block under the README's heading that says "without solutions"."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^#+ [^\n]*without solutions[^\n]*\n(.*?)(?=^#+ |\Z)", readme, re.M | re.S)
    assert section, "the README has no section whose heading says 'without solutions'"
    blocks = re.findall(r"```bash\n(.*?)```", section.group(1), re.S)
    assert len(blocks) == 1, f"want one fenced block in that section, found {len(blocks)}"
    return blocks[0]


def test_the_students_toc_is_the_toc_without_solutions():
    text = (ROOT / STUDENTS_TOC).read_text(encoding="utf-8")
    assert text == students_toc((ROOT / "_toc.yml").read_text(encoding="utf-8")), (
        f"{STUDENTS_TOC} is out of date: run `csto-course generated`"
    )
    full = toc_files()
    kept = toc_files(ROOT / STUDENTS_TOC)
    assert [f for f in full if "solutions" not in f] == kept


@pytest.mark.slow
def test_the_readme_command_builds_a_site_without_solutions(tmp_path):
    block = _readme_block()
    commands = [c.strip() for c in block.replace("\\\n", " ").split("&&")]
    build = shlex.split(next(c for c in commands if c.startswith("jupyter-book build")))
    assert "-W" in build and "--toc" in build and "--path-output" in build
    build[build.index("--path-output") + 1] = str(tmp_path)  # build into the temp dir
    build[0] = shutil.which("jupyter-book") or str(Path(sys.executable).with_name("jupyter-book"))
    run = subprocess.run(build, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]

    html = tmp_path / "_build" / "html"
    pages = {p.relative_to(html).as_posix() for p in html.rglob("*.html")}
    lessons = {p for p in pages if re.fullmatch(r"book/0\d_\w+\.html", p)}
    exercises = {p for p in pages if p.startswith("exercises/")}
    solutions = {p for p in pages if p.startswith("solutions/") or p == "book/solutions.html"}
    assert (len(lessons), len(exercises), len(solutions)) == (7, 7, 0), sorted(pages)
    links = [
        f"{page}: {link}"
        for page in sorted(pages)
        for link in SOLUTION_LINK.findall((html / page).read_text(encoding="utf-8"))
    ]
    assert links == [], links[:10]


def test_the_students_copy_holds_no_solutions_and_launches_its_branch(tmp_path):
    dest = tmp_path / "students"
    copied = write_students_copy(ROOT, dest, branch="for-students")
    assert copied and not any(name.startswith("solutions/") for name in copied)
    assert not (dest / "solutions").exists() and not (dest / "book" / "solutions.md").exists()
    assert len(list((dest / "exercises").glob("ex*.ipynb"))) == 7
    for name in toc_files(dest / "_toc.yml"):
        assert "solutions" not in name
        assert (dest / f"{name}.md").is_file() or (dest / f"{name}.ipynb").is_file(), name
    config = yaml.safe_load((dest / "_config.yml").read_text())
    assert config["repository"]["branch"] == "for-students"
    original = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert config["repository"]["url"] == original["repository"]["url"]
    assert config["sphinx"]["local_extensions"]["without_solutions"] == "book/_ext"


@pytest.mark.slow
def test_the_students_copy_builds_without_warnings(tmp_path):
    dest = tmp_path / "students"
    write_students_copy(ROOT, dest)
    jb = shutil.which("jupyter-book") or str(Path(sys.executable).with_name("jupyter-book"))
    run = subprocess.run(
        [jb, "build", str(dest), "-W", "-n", "--keep-going"],
        cwd=dest, capture_output=True, text=True, timeout=900,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    html = dest / "_build" / "html"
    assert not (html / "solutions").exists()
    exercise = (html / "exercises" / "ex04_consequences.html").read_text()
    assert re.search(r"mybinder\.org/v2/gh/[^/\"]+/[^/\"]+/students\?urlpath=", exercise), (
        "the copy's Binder links must open its own branch"
    )
