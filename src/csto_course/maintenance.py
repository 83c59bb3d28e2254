"""The `csto-course` command: the maintainer's chores, one sub-command each.

- `csto-course execute [NOTEBOOK ...]`: re-run lessons and solutions in place in a fresh kernel,
  saving their outputs (all of them when no notebook is named): widgets as still HTML copies,
  figures as palette PNGs, no widget state (see `csto_course.saved_outputs`).
- `csto-course exercises [--check]`: generate `exercises/` from `solutions/`.
- `csto-course generated [--check]`: rewrite `references.bib`, the references page and the data
  guide page from `data/`, and `_toc-students.yml` (the toc without solutions) from `_toc.yml`.
- `csto-course students DEST [--branch NAME]`: write the students' copy of the course into DEST
  (no solutions; for a `students` branch that Binder or a hub hands out).
- `csto-course grade SUBMISSIONS [-o scores.csv]`: run the checks of submitted exercises and
  tabulate each student's result per task (see `csto_course.grading`).
- `csto-course citations [--check]`: rewrite MyST citations, glossary terms and notes in every
  notebook as plain Markdown (see `csto_course.citations`).

`execute`, `exercises`, `grade` and `citations` need the `author` extra (nbformat, nbclient,
ipykernel; the `test` extra includes it) and say so when it is missing; a student's install does
without them, and a student's notebook never imports this module.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXECUTED_DIRS = ("book", "solutions")
#: What each sub-command needs beyond a student's install (all in the `author` extra).
NEEDS = {
    "execute": ("nbformat", "nbclient", "ipykernel"),
    "exercises": ("nbformat",),
    "grade": ("nbformat", "nbclient", "ipykernel"),
    "citations": ("nbformat",),
}


def missing_modules(modules: tuple[str, ...]) -> list[str]:
    """The modules of ``modules`` that are not installed."""
    return [m for m in modules if importlib.util.find_spec(m) is None]


def repo_root() -> Path:
    """The repository this command works on: the current directory or the package's checkout."""
    cwd = Path.cwd()
    if (cwd / "_toc.yml").is_file():
        return cwd
    if (ROOT / "_toc.yml").is_file():
        return ROOT
    raise SystemExit("csto-course: run this from the course repository (no _toc.yml here).")


def executed_notebooks(root: Path) -> list[Path]:
    """The notebooks committed with outputs: every lesson and every solution."""
    return sorted(p for d in EXECUTED_DIRS for p in (root / d).glob("*.ipynb"))


def execute(paths: list[Path], timeout: int = 300) -> None:
    """Run each notebook top to bottom in a fresh kernel in its own folder, and save it."""
    import nbformat
    from nbclient import NotebookClient

    from csto_course.saved_outputs import tidy_notebook

    for path in paths:
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
            store_widget_state=False,
            record_timing=False,  # no timestamps: a re-run changes only what changed
        )
        client.execute()
        tidy_notebook(nb)
        nbformat.write(nb, path)
        print(f"executed {path}")


STUDENTS_TOC = "_toc-students.yml"
SOLUTION_PATHS = ("solutions", "book/solutions.md")


def _is_solution_entry(entry: dict) -> bool:
    name = str(entry.get("file", ""))
    return name == "book/solutions" or name.startswith("solutions/")


def students_toc(toc_text: str) -> str:
    """``_toc.yml`` without its solution pages (and without a part left empty)."""
    import yaml

    toc = yaml.safe_load(toc_text)

    def keep(entries: list[dict]) -> list[dict]:
        kept = []
        for entry in entries:
            if _is_solution_entry(entry):
                continue
            entry = dict(entry)
            for key in ("chapters", "sections"):
                if key in entry:
                    entry[key] = keep(entry[key])
            kept.append(entry)
        return kept

    toc["parts"] = [p for p in keep(toc.get("parts", [])) if p.get("chapters")]
    header = (
        "# Generated from _toc.yml by `csto-course generated`: do not edit. The toc of the site\n"
        "# without solutions: jupyter-book build . --toc _toc-students.yml (see the README).\n"
    )
    return header + yaml.safe_dump(toc, sort_keys=False, allow_unicode=True)


def generated_files(root: Path) -> dict[Path, str]:
    """The files generated from the dataset and the toc, with the text each should hold."""
    from csto_course import bibliography, dataguide

    return {
        root / "references.bib": bibliography.render_bib(),
        root / "book" / "reference" / "data-guide.md": dataguide.render_guide(),
        root / STUDENTS_TOC: students_toc((root / "_toc.yml").read_text(encoding="utf-8")),
        root / "book" / "reference" / "references.md": bibliography.render_references_page(),
    }


#: Left out of the students' copy: the answers, and what only maintainers run.
STUDENTS_LEAVE_OUT = ("solutions/", "book/solutions.md", ".github/", "tests/", STUDENTS_TOC)


def _course_files(root: Path) -> list[str]:
    """The course's files: tracked by git, plus new files git does not ignore."""
    import subprocess

    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=root, capture_output=True, text=True, check=True,
    ).stdout.split("\0")
    return sorted(name for name in listed if name and (root / name).is_file())


def write_students_copy(root: Path, dest: Path, branch: str = "students") -> list[str]:
    """Copy the course into ``dest`` without its solutions, for students; return the files.

    The copy's ``_toc.yml`` is the toc without solutions and its ``_config.yml`` launches
    notebooks from ``branch`` (the branch the copy is pushed to), so its site and its Binder
    and JupyterHub links hand out no answers. ``dest`` must be empty or not exist.
    """
    import re
    import shutil

    dest = Path(dest)
    if dest.exists() and any(p.name != ".git" for p in dest.iterdir()):
        raise SystemExit(f"csto-course students: {dest} is not empty")
    copied = []
    for name in _course_files(root):
        if name.startswith(STUDENTS_LEAVE_OUT):
            continue
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target)
        copied.append(name)
    toc = (root / "_toc.yml").read_text(encoding="utf-8")
    (dest / "_toc.yml").write_text(students_toc(toc).split("\n", 2)[2], encoding="utf-8")
    config = (root / "_config.yml").read_text(encoding="utf-8")
    config, found = re.subn(
        r"(?m)^(repository:\n(?:[ \t]+.*\n)*?[ \t]+branch:[ \t]*)\S+", rf"\g<1>{branch}", config
    )
    if found != 1:
        raise SystemExit("csto-course students: no repository.branch in _config.yml")
    (dest / "_config.yml").write_text(config, encoding="utf-8")
    return copied


def _write_or_check(expected: dict[Path, str], check: bool) -> int:
    def stale_file(p: Path) -> bool:
        return not p.is_file() or p.read_text(encoding="utf-8") != expected[p]

    stale = [p for p in expected if stale_file(p)]
    if check:
        for p in stale:
            print(f"out of date: {p}")
        return 1 if stale else 0
    for p in stale:
        p.write_text(expected[p], encoding="utf-8", newline="\n")
        print(f"wrote {p}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `csto-course` command."""
    parser = argparse.ArgumentParser(prog="csto-course", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_exec = sub.add_parser("execute", help="re-run lessons and solutions in place")
    p_exec.add_argument("notebooks", nargs="*", type=Path)
    p_ex = sub.add_parser("exercises", help="generate exercises/ from solutions/")
    p_ex.add_argument("--check", action="store_true", help="only report what is out of date")
    p_gen = sub.add_parser("generated", help="rewrite references.bib and the data guide")
    p_gen.add_argument("--check", action="store_true", help="only report what is out of date")
    p_stu = sub.add_parser("students", help="write the course without solutions into a folder")
    p_stu.add_argument("dest", type=Path)
    p_stu.add_argument("--branch", default="students", help="the branch the copy launches from")
    p_grade = sub.add_parser("grade", help="tabulate the checks of submitted exercise notebooks")
    p_grade.add_argument("submissions", type=Path)
    p_grade.add_argument("-o", "--output", type=Path, help="also write the table as CSV")
    p_grade.add_argument("--timeout", type=int, default=120, help="seconds per cell")
    p_cit = sub.add_parser("citations", help="write citations and terms as plain Markdown")
    p_cit.add_argument("--check", action="store_true", help="only report what is out of date")
    args = parser.parse_args(argv)

    missing = missing_modules(NEEDS.get(args.command, ()))
    if missing:
        raise SystemExit(
            f"csto-course {args.command} needs {', '.join(missing)}, from the course's "
            "'author' extra: pip install -e \".[author]\" (the 'test' extra includes it)."
        )

    if args.command == "grade":
        from csto_course import grading

        try:  # in the course's repository, each exercise's tasks come from exercises/
            exercises: Path | None = repo_root() / "exercises"
        except SystemExit:
            exercises = None
        table = grading.grade_folder(args.submissions, timeout=args.timeout, exercises=exercises)
        print(grading.format_table(table))
        if args.output:
            table.to_csv(args.output, index=False, encoding="utf-8")
            print(f"wrote {args.output}")
        return 0

    root = repo_root()
    if args.command == "execute":
        execute([p.resolve() for p in args.notebooks] or executed_notebooks(root))
        return 0
    if args.command == "students":
        files = write_students_copy(root, args.dest, args.branch)
        print(f"wrote {len(files)} files to {args.dest}: no solutions, launches {args.branch}")
        return 0
    if args.command == "exercises":
        from csto_course import exercisegen

        if args.check:
            stale = exercisegen.diff_all(root / "solutions", root / "exercises")
            for name in stale:
                print(f"out of date: exercises/{name}")
            return 1 if stale else 0
        for path in exercisegen.generate_all(root / "solutions", root / "exercises"):
            print(f"wrote {path}")
        return 0
    if args.command == "citations":
        return _citations(root, args.check)
    return _write_or_check(generated_files(root), args.check)


def _citations(root: Path, check: bool) -> int:
    from csto_course import citations

    try:
        changed = citations.convert_all(root, write=not check)
    except citations.CitationError as err:
        print(f"csto-course citations: {err}", file=sys.stderr)
        return 2
    for path in changed:
        print(f"{'out of date' if check else 'wrote'}: {path.relative_to(root)}")
    return 1 if check and changed else 0

