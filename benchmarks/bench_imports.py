"""Import and load: the course package and its tables in a fresh process, against pandas.

Each measurement is a new Python process (this environment's interpreter), so nothing is
cached in memory: it is what a student's first cell pays. Times are taken inside the process
(``time.perf_counter`` around the imports), so the interpreter's own start-up is left out;
the process's whole wall time is reported beside them.

- ``import pandas``: the floor; the course's data layer cannot be cheaper.
- ``import csto_course``: the package itself (it imports nothing else).
- ``import csto_course.data`` then ``list_tables()`` and ``load(name)`` for every table.
- Each course module a notebook imports, after pandas, ipywidgets and pyplot are already
  imported, to show the work the module itself does at import time.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time

from _common import ROOT, log, ratio, summary

PROBE = textwrap.dedent(
    """
    import json, time
    t0 = time.perf_counter()
    {setup}
    t1 = time.perf_counter()
    {body}
    t2 = time.perf_counter()
    {after}
    t3 = time.perf_counter()
    print(json.dumps({{"setup": t1 - t0, "body": t2 - t1, "after": t3 - t2}}))
    """
)

LOAD_ALL = "for _name in csto_course.data.list_tables(): csto_course.data.load(_name)"
DEPS = "import pandas, ipywidgets, matplotlib.pyplot"

#: (label, setup not timed as the figure, timed import, timed work after it)
CASES: list[tuple[str, str, str, str]] = [
    ("import pandas", "pass", "import pandas", "pass"),
    ("import csto_course", "pass", "import csto_course", "pass"),
    ("import csto_course.data; load every table", "pass", "import csto_course.data", LOAD_ALL),
]
MODULES = [
    "csto_course.data",
    "csto_course.style",
    "csto_course.checks",
    "csto_course.checks.lesson1",
    "csto_course.checks.lesson7",
    "csto_course.widgets",
    "csto_course.figures.maps",
    "csto_course.figures.timeline",
]


def _probe(setup: str, body: str, after: str) -> tuple[dict[str, float], float]:
    code = PROBE.format(setup=setup, body=body, after=after)
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    wall = time.perf_counter() - start
    return json.loads(out.stdout.strip().splitlines()[-1]), wall


def run(repeats: int) -> dict:
    _probe(DEPS, "pass", "pass")  # warm the disk cache once
    cases: dict[str, dict[str, list[float]]] = {
        label: {"import": [], "after": [], "total": [], "process": []} for label, *_ in CASES
    }
    modules: dict[str, list[float]] = {m: [] for m in MODULES}
    for r in range(repeats):
        log(f"imports: round {r + 1}/{repeats}")
        for label, setup, body, after in CASES:
            times, wall = _probe(setup, body, after)
            cases[label]["import"].append(times["body"])
            cases[label]["after"].append(times["after"])
            cases[label]["total"].append(times["body"] + times["after"])
            cases[label]["process"].append(wall)
        for module in MODULES:
            times, _ = _probe(DEPS, f"import {module}", "pass")
            modules[module].append(times["body"])
    pandas_total = summary(cases["import pandas"]["total"])["median"]
    rows = []
    for label, series in cases.items():
        total = summary(series["total"])
        rows.append(
            {
                "case": label,
                "import": summary(series["import"]),
                "after": summary(series["after"]),
                "total": total,
                "process": summary(series["process"]),
                "ratio_to_pandas": ratio(total["median"], pandas_total),
            }
        )
    return {
        "cases": rows,
        "modules_after_deps": [
            {"module": m, **summary(v)} for m, v in modules.items()
        ],
        "deps": DEPS,
    }
