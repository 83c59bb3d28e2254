"""The `csto-course` command: the maintainer's chores, one sub-command each.

- `csto-course execute [NOTEBOOK ...]`: re-run lessons and solutions in place in a fresh kernel,
  saving their outputs (all of them when no notebook is named): widgets as still HTML copies,
  figures as palette PNGs, no widget state (see `csto_course.saved_outputs`).
- `csto-course exercises [--check]`: generate `exercises/` from `solutions/`.
- `csto-course generated [--check]`: rewrite `references.bib` and the data guide page from `data/`.

These need the `test` extra (nbformat, nbclient); a student's notebook never imports this module.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXECUTED_DIRS = ("book", "solutions")


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


def generated_files(root: Path) -> dict[Path, str]:
    """The files generated from the dataset, with the text each should hold."""
    from csto_course import bibliography, dataguide

    return {
        root / "references.bib": bibliography.render_bib(),
        root / "book" / "reference" / "data-guide.md": dataguide.render_guide(),
    }


def _write_or_check(expected: dict[Path, str], check: bool) -> int:
    stale = [p for p, text in expected.items() if not p.is_file() or p.read_text() != text]
    if check:
        for p in stale:
            print(f"out of date: {p}")
        return 1 if stale else 0
    for p in stale:
        p.write_text(expected[p])
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
    args = parser.parse_args(argv)

    root = repo_root()
    if args.command == "execute":
        execute([p.resolve() for p in args.notebooks] or executed_notebooks(root))
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
    return _write_or_check(generated_files(root), args.check)


if __name__ == "__main__":
    sys.exit(main())
