"""Site build: ``jupyter-book build`` cold, warm, and after touching one lesson.

The README's build command (``jupyter-book build . -W -n --keep-going``), with
``--path-output`` pointing at a temporary folder so that a developer's ``_build`` is neither
used nor disturbed. Each round: remove the output (cold: nothing cached), build; build again
with nothing changed (warm); touch one lesson (its modification time only, the content is
unchanged) and build (one page re-read and re-written, plus what links to it).
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


def jupyter_book() -> str:
    beside = Path(sys.executable).with_name("jupyter-book")
    return str(beside) if beside.exists() else (shutil.which("jupyter-book") or "jupyter-book")


def build(source: Path, output: Path, strict: bool = True) -> dict:
    """Build ``source`` into ``output/_build/html``; wall time, warnings, exit code."""
    cmd = [jupyter_book(), "build", str(source), "--path-output", str(output)]
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
    cold, warm, touched = [], [], []
    problems: list[str] = []
    for r in range(repeats):
        log(f"build: round {r + 1}/{repeats} (cold, warm, touched)")
        shutil.rmtree(out, ignore_errors=True)
        for series, action in ((cold, None), (warm, None), (touched, "touch")):
            if action == "touch":
                os.utime(TOUCHED)
            result = build(ROOT, out)
            series.append(result["seconds"])
            if result["returncode"] or result["warnings"]:
                problems.append(
                    f"exit code {result['returncode']}, {result['warnings']} warning(s):\n"
                    + result["log_tail"]
                )
    c, w, t = summary(cold), summary(warm), summary(touched)
    return {
        "command": "jupyter-book build . --path-output TMP -W -n --keep-going",
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
