"""Widget and check response: from a button press or a check call to the feedback.

For each notebook below, a fresh kernel (cwd = the notebook's folder) runs the notebook's
code cells as a student would, then ``_response_probe.py`` times, in that kernel, every
button of every course widget the notebook built (``.click()`` runs the handler that computes
and shows the feedback, and sends it to the front end over the kernel's comm) and each check
of the notebook's ``csto_course.checks.lessonN`` module with a right answer, a wrong one and
``...``. The first response in the kernel is kept apart from the rest: it can pay for work
done once (a first figure, a first table load), and a student feels it too.

Covered: MultipleChoice (a lesson), TimelineExplorer, StatementSorter, RiskMatrix and
ForecastScorer (the exercises), and every check of lessons 1 to 7.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import nbformat
from _common import BENCH, ROOT, log, summary
from nbclient import NotebookClient

TARGET_MS = 50.0
PROBE = BENCH / "_response_probe.py"

#: (notebook, check module or None)
NOTEBOOKS: list[tuple[str, str | None]] = [
    ("book/02_csto_article4.ipynb", None),
    *[(f"exercises/{p.name}", f"lesson{p.name[2:4].lstrip('0')}")
      for p in sorted((ROOT / "exercises").glob("ex0*.ipynb"))],
]


def _probe(notebook: str, check_module: str | None, repeats: int) -> dict:
    path = ROOT / notebook
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    params = (f"NOTEBOOK = {str(path)!r}\nREPEATS = {repeats}\n"
              f"CHECK_MODULE = {check_module!r}\n")
    nb.cells = [nbformat.v4.new_code_cell(params), nbformat.v4.new_code_cell(PROBE.read_text())]
    client = NotebookClient(nb, kernel_name="python3", timeout=900,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute(stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    for out in nb.cells[-1].outputs:
        text = out.get("text", "")
        if out.get("output_type") == "stream" and "@@RESULT@@" in text:
            return json.loads(text.split("@@RESULT@@", 1)[1].strip().splitlines()[0])
    raise RuntimeError(f"the response probe printed no result for {notebook}: {nb.cells[-1]}")


def run(repeats: int) -> dict:
    widgets, checks, notes = [], [], []
    for notebook, module in NOTEBOOKS:
        log(f"responses: {notebook}")
        result = _probe(notebook, module, repeats)
        if result["cell_errors"]:
            notes.append(f"{notebook}: {result['cell_errors']} cell(s) raised while it ran")
        for w in result["widgets"]:
            widgets.append({"notebook": notebook, "widget": w["widget"], "action": w["action"],
                            "first_ms": w["first_ms"], "feedback": w.get("feedback"),
                            **summary(w["samples_ms"])})
        for c in result["checks"]:
            checks.append({"notebook": notebook, "check": c["check"], "first_ms": c["first_ms"],
                           "right_answer_ok": c.get("right_answer_ok"), **summary(c["samples_ms"])})
    return {"widgets": widgets, "checks": checks, "notes": notes, "target_ms": TARGET_MS,
            "notebooks": [n for n, _ in NOTEBOOKS]}


if __name__ == "__main__":  # a quick look: python benchmarks/bench_responses.py
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    print(json.dumps(run(5), indent=1)[:5000])
