"""Site build: ``jupyter-book build`` cold, warm, and after touching one lesson.

The README's build command (``pip install -e ".[book]" && jupyter-book build . -W -n
--keep-going``), in the environment that command makes: a virtual environment with the
``book`` extra only (``benchmarks/.venv-book``, made on the first run, then brought up to
date by ``pip install`` on each run). ``--path-output`` points at a temporary folder so
that a developer's ``_build`` is neither used nor disturbed. Each round: remove the output
(cold: nothing cached), build; build again with nothing changed (warm); touch one lesson (its
modification time only, the content is unchanged) and build (one page re-read and re-written,
plus what links to it).

Why not the current environment: with the ``test`` extra, JupyterLab brings jupyter-events,
which brings ``jsonschema[format-nongpl]`` and with it ``rfc3987-syntax``, which compiles
about 40 grammars whenever ``jsonschema`` is imported (about 3.5 s here: jsonschema issue
1428). Jupyter Book imports ``jsonschema`` on every build, so that environment adds the same
seconds to a cold and a warm build. One cold and one warm build there are measured too, so
the report shows the difference.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from _common import ROOT, log, ratio, summary

TOUCHED = ROOT / "book" / "03_motives.ipynb"
TARGET_WARM_RATIO = 0.25


BOOK_ENV = ROOT / "benchmarks" / ".venv-book"


def jupyter_book() -> str:
    """The ``jupyter-book`` of the environment running the benchmarks."""
    beside = Path(sys.executable).with_name("jupyter-book")
    return str(beside) if beside.exists() else (shutil.which("jupyter-book") or "jupyter-book")


def book_env_jupyter_book() -> str:
    """The ``jupyter-book`` of a virtual environment with the ``book`` extra only."""
    exe = BOOK_ENV / "bin" / "jupyter-book"
    if not exe.exists():
        log(f"build: making {BOOK_ENV.relative_to(ROOT)} (pip install -e '.[book]')")
        subprocess.run([sys.executable, "-m", "venv", str(BOOK_ENV)], check=True)
    pip = [str(BOOK_ENV / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, "-e", f"{ROOT}[book]"], check=True, cwd=ROOT)
    return str(exe)


def build(source: Path, output: Path, strict: bool = True, exe: str | None = None) -> dict:
    """Build ``source`` into ``output/_build/html``; wall time, warnings, exit code."""
    cmd = [exe or jupyter_book(), "build", str(source), "--path-output", str(output)]
    if strict:
        cmd += ["-W", "-n", "--keep-going"]
    start = time.perf_counter()
    run = subprocess.run(cmd, capture_output=True, text=True, cwd=source, check=False)
    elapsed = time.perf_counter() - start
    text = run.stdout + run.stderr
    warnings = len(re.findall(r"WARNING:", text))
    written = re.search(r"writing output\.\.\. \[100%\]", text) is not None
    return {"seconds": elapsed, "returncode": run.returncode, "warnings": warnings,
            "wrote_pages": written, "log_tail": text[-1500:] if run.returncode else ""}


def run(repeats: int, workdir: Path) -> dict:
    out = workdir / "course"
    exe = book_env_jupyter_book()
    cold, warm, touched = [], [], []
    problems: list[str] = []
    for r in range(repeats):
        log(f"build: round {r + 1}/{repeats} (cold, warm, touched)")
        shutil.rmtree(out, ignore_errors=True)
        for series, action in ((cold, None), (warm, None), (touched, "touch")):
            if action == "touch":
                os.utime(TOUCHED)
            result = build(ROOT, out, exe=exe)
            series.append(result["seconds"])
            if result["returncode"] or result["warnings"]:
                problems.append(
                    f"exit code {result['returncode']}, {result['warnings']} warning(s):\n"
                    + result["log_tail"]
                )
    log("build: once more, cold then warm, in the environment running the benchmarks")
    here = workdir / "course-here"
    shutil.rmtree(here, ignore_errors=True)
    here_cold = build(ROOT, here)["seconds"]
    here_warm = build(ROOT, here)["seconds"]
    shutil.rmtree(here, ignore_errors=True)
    c, w, t = summary(cold), summary(warm), summary(touched)
    return {
        "command": "jupyter-book build . --path-output TMP -W -n --keep-going",
        "environment": "a virtual environment with the book extra only (benchmarks/.venv-book)",
        "here": {
            "cold": here_cold,
            "warm": here_warm,
            "warm_ratio": ratio(here_warm, here_cold),
            "jsonschema_import": _import_seconds(Path(sys.executable), "jsonschema"),
            "jsonschema_import_book_env": _import_seconds(BOOK_ENV / "bin" / "python",
                                                          "jsonschema"),
        },
        "touched": TOUCHED.relative_to(ROOT).as_posix(),
        "cold": c,
        "warm": w,
        "touched_one": t,
        "warm_ratio": ratio(w["median"], c["median"]),
        "touched_ratio": ratio(t["median"], c["median"]),
        "target_ratio": TARGET_WARM_RATIO,
        "problems": problems[:3],
        "html": str(out / "_build" / "html"),
    }


def _import_seconds(python: Path, module: str) -> float:
    """Seconds a fresh ``python`` takes to import ``module`` (the median of three)."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    times = [
        float(subprocess.run([str(python), "-c", code], capture_output=True, text=True,
                             check=True).stdout)
        for _ in range(3)
    ]
    return sorted(times)[1]
