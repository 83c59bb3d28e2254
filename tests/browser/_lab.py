"""Drive a notebook in JupyterLab like a student: run every cell, read the outputs, use the
widgets. Shared by ``test_lab_exercises.py`` and ``test_lab_solutions.py``.

The widgets are recognised by their buttons, whose labels are read from the course package
itself (so a renamed button does not silently skip a widget), and driven through the page:
radio buttons, check boxes, drop-down lists, sliders (keyboard) and buttons.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pytest

from ._support import (
    ROOT,
    JupyterLab,
    Traffic,
    artifact_path,
    guarded_context,
    running_lab,
    watch_page,
)

VIEWPORT = {"width": 1400, "height": 1000}
#: The course's widget classes, as named in notebook code.
WIDGET_CLASSES = (
    "MultipleChoice",
    "StatementSorter",
    "RiskMatrix",
    "ForecastScorer",
    "TimelineExplorer",
)
RUN_TIMEOUT_MS = 180_000
CLICK_TIMEOUT_S = 10.0


# --------------------------------------------------------------------------------------
# What the course package says the widgets and the feedback look like
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    """Button labels and feedback markers, read from the course package."""

    choice_button: str
    sorter_button: str
    unanswered: str
    risk_show: str
    risk_compare: str
    forecast_button: str
    forecast_label: str
    state_class: dict[str, str]  # "correct" / "not-yet" / "not-answered" → CSS class
    words: dict[str, str]  # the same states → the marker word ("Correct", …)
    markers: dict[str, str]  # the same states → the whole marker ("✔ Correct", …)
    error_phrase: str  # how an exception inside a widget or a check reads


@cache
def vocabulary() -> Vocabulary:
    import pandas as pd  # noqa: PLC0415

    from csto_course.feedback import Feedback, error_feedback  # noqa: PLC0415
    from csto_course.scoring import forecast_feedback  # noqa: PLC0415
    from csto_course.widgets import (  # noqa: PLC0415
        ForecastScorer,
        MultipleChoice,
        RiskMatrix,
        StatementSorter,
    )
    from csto_course.widgets.sorter import UNANSWERED  # noqa: PLC0415

    choice = MultipleChoice("q", [("a", True, "x"), ("b", False, "y")])
    statements = pd.DataFrame(
        {"statement_id": ["S1"], "paraphrase": ["p"], "kind": ["context"], "explanation": ["e"]}
    )
    sorter = StatementSorter(statements)
    risk = RiskMatrix([{"risk_id": "R1", "label": "l"}])
    forecasts = pd.DataFrame({"question_id": ["Q1"], "question": ["q"], "outcome": [True]})
    scorer = ForecastScorer(forecasts)
    states = {"correct": True, "not-yet": False, "not-answered": None}
    classes, words, markers = {}, {}, {}
    for state, ok in states.items():
        html = Feedback(ok, "m")._repr_html_()
        classes[state] = re.search(r'class="csto-feedback (csto-feedback-[\w-]+)"', html).group(1)
        markers[state] = Feedback(ok, "m").marker
        words[state] = markers[state].split(" ", 1)[1]
    error = error_feedback(ValueError("x")).message
    return Vocabulary(
        choice_button=choice.button.description,
        sorter_button=sorter.button.description,
        unanswered=UNANSWERED,
        risk_show=risk.show_button.description,
        risk_compare=risk.compare_button.description,
        forecast_button=scorer.button.description,
        forecast_label=forecast_feedback([(0.5, True)]).marker.split(" ", 1)[1],
        state_class=classes,
        words=words,
        markers=markers,
        error_phrase=error.split("(", 1)[0].strip(),
    )


# --------------------------------------------------------------------------------------
# Opening and running a notebook
# --------------------------------------------------------------------------------------


@dataclass
class Notebook:
    relpath: str
    page: Any
    context: Any
    traffic: Traffic
    run_seconds: float = 0.0
    code_cells: int = 0
    cache: dict[str, Any] = field(default_factory=dict)


_PROMPTS = """() => Array.from(document.querySelectorAll(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt'))
  .map(e => e.textContent.trim())"""
#: The status bar's kernel item reads "Python 3 (ipykernel) | Idle" once the kernel is ready.
_KERNEL_IDLE = """() => {
  const item = document.querySelector('.jp-StatusBar-TextItem[title^="Change kernel"]');
  const text = item ? item.textContent.trim() : '';
  return !/^No Kernel/.test(text) && /\\|\\s*Idle$/.test(text);
}"""
_STARTED = """() => {
  const p = document.querySelector(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt');
  return !!p && /[*\\d]/.test(p.textContent);
}"""
_DONE = (
    """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!panel) return false;
  const prompts = Array.from(panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt'))
    .map(e => e.textContent.trim());
  const status = (panel.querySelector('.jp-Notebook-ExecutionIndicator') || {}).dataset || {};
  return prompts.every(t => /^\\[\\d+\\]:$/.test(t)) && status.status === 'idle'
    && ("""
    + _KERNEL_IDLE
    + """)();
}"""
)


def menu(page: Any, top: str, item: str, attempts: int = 10) -> None:
    """Click a menu of JupyterLab's menu bar, then one of its items (by their labels).

    A command is disabled for a moment after a notebook opens (no active cell yet): then the
    menu is closed and opened again."""
    entry = page.locator(f"li.lm-Menu-item:has(.lm-Menu-itemLabel:text-is('{item}'))")
    for _ in range(attempts):
        page.locator(f".lm-MenuBar-item:has(.lm-MenuBar-itemLabel:text-is('{top}'))").click()
        entry.wait_for()
        if "lm-mod-disabled" not in (entry.get_attribute("class") or ""):
            entry.click()
            return
        page.keyboard.press("Escape")
        page.wait_for_timeout(500)
    raise AssertionError(f"the menu item {top} → {item} stayed disabled")


@dataclass
class LabPage:
    """One JupyterLab page for a whole module: notebooks open in it one after another."""

    lab: JupyterLab
    page: Any
    context: Any
    traffic: Traffic


def lab_page(lab: JupyterLab, browser: Any) -> Iterator[LabPage]:
    context, traffic = guarded_context(browser, lab.origin, viewport=VIEWPORT)
    try:
        page = watch_page(context.new_page(), traffic)
        page.set_default_timeout(60_000)
        page.goto(f"{lab.origin}/lab?reset&token={lab.token}")
        page.wait_for_function("() => !!window.jupyterapp")
        page.evaluate("() => window.jupyterapp.restored.then(() => true)")
        yield LabPage(lab, page, context, traffic)
    finally:
        context.close()


def open_notebook(lp: LabPage, relpath: str) -> Notebook:
    """Open a notebook in the page (as File → Open would) and wait for an idle kernel."""
    lp.traffic.clear()
    lp.page.evaluate(
        """async path => {
             const w = await window.jupyterapp.commands.execute('docmanager:open', {path});
             await w.context.ready;
             await w.sessionContext.ready;
           }""",
        relpath,
    )
    lp.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell").first.wait_for()
    lp.page.wait_for_function(_KERNEL_IDLE, polling=200)
    return Notebook(relpath, lp.page, lp.context, lp.traffic)


def close_notebook(lp: LabPage) -> None:
    """Close the notebook without saving (the copy stays as it was) and stop its kernel."""
    lp.page.evaluate(
        """async () => {
             const w = window.jupyterapp.shell.currentWidget;
             if (!w || !w.context) return;
             w.context.model.dirty = false;
             await w.sessionContext.shutdown();
             w.dispose();
           }"""
    )


def run_all(nb: Notebook) -> None:
    """Clear every output, then Run → Run All Cells, and wait until every cell has run."""
    page = nb.page
    page.locator(".jp-NotebookPanel .jp-Notebook").first.click(position={"x": 5, "y": 5})
    menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputPrompt'))"
        ".every(e => !/\\d/.test(e.textContent))",
    )
    start = time.monotonic()
    for attempt in range(3):
        menu(page, "Run", "Run All Cells")
        try:  # the first prompt turns to [*] or [1] once the kernel has the cells
            page.wait_for_function(_STARTED, timeout=15_000, polling=100)
            break
        except Exception:  # noqa: BLE001 - the click was lost: the menu again
            if attempt == 2:
                raise
    page.wait_for_function(_DONE, timeout=RUN_TIMEOUT_MS, polling=250)
    nb.run_seconds = time.monotonic() - start
    nb.code_cells = len(page.evaluate(_PROMPTS))
    page.wait_for_timeout(300)  # widget views render just after the last reply


#: The still copies of widgets that the saved notebook shows before it runs (JupyterLab treats
#: it as untrusted and sanitizes their HTML): how many, their charts, their notes.
_SAVED_COPIES = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const copies = Array.from(panel.querySelectorAll('.csto-snapshot'));
  return {
    copies: copies.length,
    charts: copies.reduce(
      (n, c) => n + c.querySelectorAll('img[src^="data:image/svg+xml"][alt]').length, 0),
    notes: copies.filter(c => /still copy/.test(c.textContent)).length,
    visible: copies.filter(c => c.getBoundingClientRect().height > 40).length,
  };
}"""


def saved_copies(relpath: str) -> dict[str, int]:
    """What the saved notebook file holds: its widgets' still copies and their charts."""
    nb = json.loads((ROOT / relpath).read_text(encoding="utf-8"))
    htmls = [
        "".join(out.get("data", {}).get("text/html", ""))
        for cell in nb["cells"]
        for out in cell.get("outputs", [])
    ]
    copies = [h for h in htmls if 'class="csto-snapshot"' in h]
    return {
        "copies": len(copies),
        "charts": sum(h.count('src="data:image/svg+xml') for h in copies),
        "inline_svg": sum(h.count("<svg") for h in copies),
    }


def notebook_session(lp: LabPage, relpath: str, prewarm: str | None = None) -> Iterator[Notebook]:
    """Open, run all, hand over; then close it and stop its kernel.

    ``prewarm``: the notebook tested next, whose kernel is started now (a session on the
    server) so that it is ready when that notebook opens.
    """
    if prewarm:
        lp.lab.start_session(prewarm)
    nb = open_notebook(lp, relpath)
    try:
        nb.cache["saved_copies"] = nb.page.evaluate(_SAVED_COPIES)
        try:
            run_all(nb)
        except Exception:
            nb.page.screenshot(path=str(artifact_path(f"run-all-{relpath}")), full_page=True)
            raise
        yield nb
    finally:
        close_notebook(lp)
        lp.lab.shutdown_kernels(relpath)


def lab_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupyterLab]:
    with running_lab(tmp_path_factory.mktemp("jupyterlab")) as lab:
        yield lab


# --------------------------------------------------------------------------------------
# Reading outputs
# --------------------------------------------------------------------------------------

_OUTPUTS = """() => {
  const cells = Array.from(document.querySelectorAll(
      '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell'));
  const out = [];
  cells.forEach((cell, i) => {
    cell.querySelectorAll('.jp-OutputArea-output').forEach(o => {
      out.push({cell: i, mime: o.getAttribute('data-mime-type'),
                text: o.innerText, widget: !!o.querySelector('.jupyter-widgets'),
                feedback: Array.from(o.querySelectorAll('.csto-feedback'))
                  .filter(f => !f.closest('.jupyter-widgets'))
                  .map(f => ({cls: f.className, text: f.innerText}))});
    });
  });
  return out;
}"""


def outputs(nb: Notebook) -> list[dict]:
    if "outputs" not in nb.cache:
        nb.cache["outputs"] = nb.page.evaluate(_OUTPUTS)
    return nb.cache["outputs"]


def errors(nb: Notebook) -> list[str]:
    """Error outputs (tracebacks) of any cell."""
    bad = []
    for o in outputs(nb):
        if o["mime"] == "application/vnd.jupyter.stderr" and (
            "Traceback" in o["text"] or re.search(r"^\w*Error\b", o["text"], re.M)
        ):
            bad.append(f"cell {o['cell']}: {o['text'][:600]}")
    return bad


def check_outputs(nb: Notebook) -> list[tuple[int, str, str]]:
    """Every answer check's feedback outside widgets: (cell, state, text).

    HTML feedback blocks are read by class; plain-text ones (``print(feedback)``) by marker.
    """
    vocab = vocabulary()
    by_class = {cls: state for state, cls in vocab.state_class.items()}
    marker = re.compile(
        r"^\s*(" + "|".join(re.escape(m) for m in vocab.markers.values()) + r")\b", re.M
    )
    by_marker = {m: s for s, m in vocab.markers.items()}
    found = []
    for o in outputs(nb):
        for f in o["feedback"]:
            state = next((s for c, s in by_class.items() if c in f["cls"].split()), "unknown")
            found.append((o["cell"], state, f["text"]))
        if o["mime"] in ("text/plain", "application/vnd.jupyter.stdout") and not o["widget"]:
            for m in marker.finditer(o["text"]):
                found.append((o["cell"], by_marker[m.group(1)], o["text"].strip()[:300]))
    return found


def expected_widgets(relpath: str) -> set[str]:
    """The course widgets a notebook's code builds (by class name)."""
    nb = json.loads((ROOT / relpath).read_text(encoding="utf-8"))
    code = "\n".join(
        "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
        for c in nb["cells"]
        if c["cell_type"] == "code"
    )
    return {name for name in WIDGET_CLASSES if re.search(rf"\b{name}\s*\(", code)}


# --------------------------------------------------------------------------------------
# Driving the widgets
# --------------------------------------------------------------------------------------


@dataclass
class Feedback:
    state: str | None  # "correct" / "not-yet" / "not-answered" / None (no feedback shown)
    text: str
    html: str


@dataclass
class WidgetRun:
    kind: str
    steps: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def step(self, what: str, fb: Feedback | None = None) -> None:
        self.steps.append(what if fb is None else f"{what} → {fb.state}: {fb.text[:120]}")


def widget_roots(nb: Notebook) -> list[Any]:
    """The top-level widget of every widget output, in page order."""
    loc = nb.page.locator(
        ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output > .jupyter-widgets"
    )
    return [loc.nth(i) for i in range(loc.count())]


def button_labels(root: Any) -> list[str]:
    return [t.strip() for t in root.locator("button.widget-button").all_inner_texts()]


def kind_of(root: Any) -> str:
    vocab = vocabulary()
    labels = set(button_labels(root))
    if vocab.choice_button in labels:
        return "MultipleChoice"
    if vocab.sorter_button in labels and root.locator(".widget-dropdown select").count():
        return "StatementSorter"
    if vocab.risk_show in labels:
        return "RiskMatrix"
    if vocab.forecast_button in labels:
        return "ForecastScorer"
    if (
        root.locator(".widget-select-multiple select").count()
        and root.locator(".noUi-target").count()
    ):
        return "TimelineExplorer"
    return "other"


def feedback(root: Any) -> Feedback:
    vocab = vocabulary()
    data = root.evaluate(
        """r => { const f = r.querySelector('.csto-feedback');
                 const box = f ? f.closest('.widget-html-content') : null;
                 return f ? {cls: f.className, text: f.innerText, html: box.innerHTML}
                          : {cls: '', text: '', html: ''}; }"""
    )
    state = next(
        (s for s, c in vocab.state_class.items() if c in data["cls"].split()),
        None if not data["cls"] else "unknown",
    )
    return Feedback(state, data["text"], data["html"])


def click(root: Any, label: str, before: Feedback | None = None) -> Feedback:
    """Click the button `label`; return the feedback once it has changed (or after a while:
    the same answer twice gives the same feedback)."""
    before = before or feedback(root)
    # A control's change may still be queued: ipywidgets holds a model's next update until
    # the kernel has answered its last one, while a click goes at once, so under load a
    # click could overtake the last choice. Wait for the kernel to go idle first.
    root.page.wait_for_timeout(100)
    root.page.wait_for_function(_KERNEL_IDLE, polling=50, timeout=30_000)
    root.locator("button.widget-button", has_text=label).first.click()
    deadline = time.monotonic() + CLICK_TIMEOUT_S
    while time.monotonic() < deadline:
        now = feedback(root)
        if now.html != before.html:
            return now
        root.page.wait_for_timeout(100)
    return feedback(root)


def _must(run: WidgetRun, fb: Feedback, state: str, what: str) -> None:
    vocab = vocabulary()
    if fb.state != state or vocab.words[state] not in fb.text:
        run.problems.append(
            f"{what}: expected “{vocab.words[state]}”, got {fb.state!r}: {fb.text[:300]!r}"
        )


def _no_error(run: WidgetRun, fb: Feedback, what: str) -> None:
    if fb.state not in ("correct", "not-yet", "not-answered") or (
        vocabulary().error_phrase in fb.text
    ):
        run.problems.append(f"{what}: got {fb.state!r}: {fb.text[:300]!r}")


def first_look(root: Any, label: str, run: WidgetRun, answered: bool) -> Feedback:
    """Check the widget as the notebook left it (without clicking if it already shows it)."""
    fb = feedback(root)
    if answered:  # a solution may answer in code: that must check without an error
        if fb.state is None:
            fb = click(root, label, fb)
        run.step("as the notebook left it", fb)
        _no_error(run, fb, "checking the answer the notebook gave")
    else:
        if fb.state != "not-answered":
            fb = click(root, label, fb)
        run.step("nothing chosen", fb)
        _must(run, fb, "not-answered", "checking with nothing chosen")
    if fb.state is None:
        run.problems.append(f"no feedback appeared after pressing “{label}”")
    return fb


def drive_multiple_choice(root: Any) -> WidgetRun:
    vocab = vocabulary()
    run = WidgetRun("MultipleChoice")
    label = vocab.choice_button
    radios = root.locator(".widget-radio-box input[type=radio]")
    boxes = root.locator(".widget-checkbox input[type=checkbox]")
    fb = first_look(root, label, run, answered=root.locator("input:checked").count() > 0)
    if fb.state is None:
        return run  # the button does nothing: no point in trying every option
    if radios.count():
        seen: dict[str, int] = {}
        for i in range(radios.count()):
            radios.nth(i).check()
            fb = click(root, label, fb)
            run.step(f"option {i + 1}", fb)
            seen.setdefault(str(fb.state), i)
            if "not-yet" in seen and "correct" in seen:
                break
        if "not-yet" not in seen or "correct" not in seen:
            run.problems.append(f"no wrong and right option found: {run.steps}")
            return run
        # End on a wrong answer, then a right one: the feedback follows each.
        if fb.state != "not-yet":
            radios.nth(seen["not-yet"]).check()
            fb = click(root, label, fb)
            run.step(f"option {seen['not-yet'] + 1} again", fb)
        _must(run, fb, "not-yet", "a wrong option")
        radios.nth(seen["correct"]).check()
        fb = click(root, label, fb)
        run.step(f"option {seen['correct'] + 1} again", fb)
        _must(run, fb, "correct", "the right option")
        return run
    n = boxes.count()
    if n < 2:
        run.problems.append("a multiple-choice widget without options")
        return run
    right: list[int] = []
    for i in range(n):  # tick one option at a time: the feedback says if it is wrong
        for j in range(n):
            boxes.nth(j).set_checked(i == j)
        fb = click(root, label, fb)
        run.step(f"only option {i + 1}", fb)
        if fb.state == "correct":
            return run  # the only right option: wrong ones were "Not yet" before it
        _must(run, fb, "not-yet", f"ticking only option {i + 1} (of several right ones)")
        if not re.search(r"\bnot right\b", fb.text):
            right.append(i)
    for j in range(n):
        boxes.nth(j).set_checked(j in right)
    fb = click(root, label, fb)
    run.step(f"options {[i + 1 for i in right]}", fb)
    _must(run, fb, "correct", "ticking every right option")
    return run


def drive_sorter(root: Any) -> WidgetRun:
    vocab = vocabulary()
    run = WidgetRun("StatementSorter")
    label = vocab.sorter_button
    selects = root.locator(".widget-dropdown select")
    n = selects.count()
    values = [selects.nth(i).input_value() for i in range(n)]
    fb = first_look(root, label, run, answered=any(v != vocab.unanswered for v in values))
    if fb.state is None:
        return run
    kinds = [
        k
        for k in selects.first.evaluate("s => Array.from(s.options).map(o => o.value)")
        if k != vocab.unanswered
    ]
    for i in range(n):
        selects.nth(i).select_option(kinds[0])
    fb = click(root, label, fb)
    run.step(f"everything as {kinds[0]!r}", fb)
    if fb.state == "correct":  # every statement really is of the first kind: break one
        selects.nth(0).select_option(kinds[1])
        fb = click(root, label, fb)
        run.step(f"first as {kinds[1]!r}", fb)
    _must(run, fb, "not-yet", "a wrong sorting")
    if root.locator("li.csto-sort-hint").count() == 0:
        run.problems.append(f"a first wrong sorting gave no hint: {fb.text[:300]!r}")
    # A first miss gets a hint about the kind chosen; a second miss shows the answer.
    fb = click(root, label, fb)
    run.step("checked again unchanged", fb)
    _must(run, fb, "not-yet", "a wrong sorting checked twice")
    # The feedback now names each wrong statement and its kind: follow it.
    fixes = root.evaluate(
        """r => Array.from(r.querySelectorAll('ul.csto-sort-wrong li.csto-sort-answer')).map(li => {
             const ems = li.querySelectorAll('em');
             return [li.querySelector('strong').textContent.trim(),
                     ems[ems.length - 1].textContent.trim()]; })"""
    )
    if not fixes:
        run.problems.append(f"the wrong sorting lists no statement to fix: {fb.text[:300]!r}")
        return run
    for sid, kind in fixes:
        select = root.locator(
            ".widget-dropdown",
            has=root.page.locator(f"label.widget-label:text-matches('^{re.escape(sid)}\\\\b')"),
        ).locator("select")
        if select.count() != 1:
            run.problems.append(f"no single drop-down for statement {sid}")
            return run
        select.select_option(kind)
    fb = click(root, label, fb)
    run.step("as the feedback said", fb)
    _must(run, fb, "correct", "the sorting the feedback asked for")
    return run


def _slide(root: Any, key: str) -> None:
    """Move the first slider of a widget to its start ("Home") or end ("End") by keyboard."""
    handle = root.locator(".noUi-handle").first
    handle.focus()
    handle.press(key)
    root.page.wait_for_timeout(300)  # the new value reaches the kernel


def drive_risk_matrix(root: Any) -> WidgetRun:
    vocab = vocabulary()
    run = WidgetRun("RiskMatrix")
    n_risks = root.locator(".noUi-handle").count() // 2
    ranking = root.locator("ol.csto-risk-ranking li")
    _slide(root, "Home")
    fb = click(root, vocab.risk_show)
    run.step("first risk at likelihood 1, show matrix", fb)
    if fb.state != "correct" or ranking.count() != n_risks:
        run.problems.append(
            f"showing the matrix gave {fb.state}: {fb.text[:200]!r} "
            f"with {ranking.count()} of {n_risks} risks ranked"
        )
    try:  # the matrix is drawn as an image, an inline SVG or an HTML table
        root.locator("img, svg, table").first.wait_for(state="attached", timeout=5_000)
    except Exception:  # noqa: BLE001 - reported as a problem of the widget
        run.problems.append("showing the matrix drew nothing (no image, SVG or table)")
    before = ranking.all_inner_texts()
    _slide(root, "End")
    fb = click(root, vocab.risk_show, fb)
    run.step("first risk at likelihood 5, show matrix", fb)
    after = ranking.all_inner_texts()
    if after == before or "likelihood 5" not in " ".join(after):
        run.problems.append(f"moving a slider did not change the ranking: {after}")
    fb = click(root, vocab.risk_compare, fb)
    run.step("compare", fb)
    outcomes = root.locator("ul.csto-risk-outcomes li").count()
    if fb.state not in ("correct", "not-answered") or (fb.state == "correct" and not outcomes):
        run.problems.append(f"comparing gave {fb.state}: {fb.text[:200]!r}")
    return run


def drive_forecast(root: Any) -> WidgetRun:
    vocab = vocabulary()
    run = WidgetRun("ForecastScorer")
    _slide(root, "Home")
    fb = click(root, vocab.forecast_button)
    run.step("first question at 0, score", fb)
    if fb.state != "correct" or vocab.forecast_label not in fb.text:
        run.problems.append(f"scoring gave {fb.state}: {fb.text[:200]!r}")
    _slide(root, "End")
    fb2 = click(root, vocab.forecast_button, fb)
    run.step("first question at 1, score", fb2)
    if fb2.html == fb.html:
        run.problems.append("moving a slider did not change the score")
    return run


def drive_timeline(root: Any) -> WidgetRun:
    run = WidgetRun("TimelineExplorer")
    before = root.inner_text()
    select = root.locator(".widget-select-multiple select").first
    options = select.evaluate("s => Array.from(s.options).map(o => o.value)")
    select.select_option(options[:1])
    deadline = time.monotonic() + CLICK_TIMEOUT_S
    while time.monotonic() < deadline and root.inner_text() == before:
        root.page.wait_for_timeout(100)
    run.step(f"only {options[:1]}")
    if root.inner_text() == before:
        run.problems.append("choosing one category changed nothing")
    return run


DRIVERS = {
    "MultipleChoice": drive_multiple_choice,
    "StatementSorter": drive_sorter,
    "RiskMatrix": drive_risk_matrix,
    "ForecastScorer": drive_forecast,
    "TimelineExplorer": drive_timeline,
}


def drive_widgets(nb: Notebook) -> list[WidgetRun]:
    if "widgets" in nb.cache:
        return nb.cache["widgets"]
    vocab = vocabulary()
    runs = []
    for root in widget_roots(nb):
        kind = kind_of(root)
        if kind not in DRIVERS:
            continue
        root.scroll_into_view_if_needed()
        run = DRIVERS[kind](root)
        if vocab.error_phrase in root.inner_text():
            run.problems.append(f"the widget reported an error: {feedback(root).text[:300]!r}")
        runs.append(run)
    nb.cache["widgets"] = runs
    return runs


# --------------------------------------------------------------------------------------
# The tests both modules run, one notebook at a time
# --------------------------------------------------------------------------------------


#: Pictures inside widget outputs that have no text alternative, described for a message.
_UNNAMED_PICTURES = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const named = el => {
    if (el.tagName.toLowerCase() === 'img') return !!(el.getAttribute('alt') || '').trim();
    if (el.getAttribute('aria-hidden') === 'true' || el.closest('[aria-hidden="true"]'))
      return true;
    if ((el.getAttribute('aria-label') || '').trim()) return true;
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
    if (ids.some(id => (document.getElementById(id) || {}).textContent)) return true;
    const title = el.querySelector(':scope > title');
    return !!(title && title.textContent.trim());
  };
  return Array.from(panel.querySelectorAll(
      '.jp-OutputArea-output .jupyter-widgets img, .jp-OutputArea-output .jupyter-widgets svg'))
    .filter(el => !el.parentElement.closest('svg'))
    .filter(el => !named(el))
    .map(el => el.tagName.toLowerCase() + ' in a widget starting: '
         + el.closest('.jp-OutputArea-output').innerText.trim().slice(0, 80));
}"""


class NotebookChecks:
    """Subclass with ``state`` ("not-answered" for exercises, "correct" for solutions)."""

    state: str

    def test_every_cell_runs_without_error(self, notebook: Notebook) -> None:
        prompts = notebook.page.evaluate(_PROMPTS)
        counts = [int(re.sub(r"\D", "", p)) for p in prompts]
        assert counts == list(range(1, len(counts) + 1)), (
            f"{notebook.relpath}: not every cell ran once, in order: {prompts}"
        )
        assert not errors(notebook), "\n\n".join(errors(notebook))
        assert not notebook.traffic.page_errors, notebook.traffic.page_errors

    def test_check_outputs(self, notebook: Notebook) -> None:
        checks = check_outputs(notebook)
        word = vocabulary().words[self.state]
        assert checks or expected_widgets(notebook.relpath), (
            f"{notebook.relpath}: no answer check and no widget: nothing gives feedback"
        )
        wrong = [c for c in checks if c[1] != self.state or word not in c[2]]
        assert not wrong, f"{notebook.relpath}: checks that do not say “{word}”:\n" + "\n".join(
            f"cell {cell}: {state}: {text[:300]}" for cell, state, text in wrong
        )

    def test_widgets_give_feedback(self, notebook: Notebook) -> None:
        runs = drive_widgets(notebook)
        missing = expected_widgets(notebook.relpath) - {r.kind for r in runs}
        assert not missing, f"{notebook.relpath}: built but not shown (or not working): {missing}"
        problems = [f"{r.kind}: {p}\n    steps: {r.steps}" for r in runs for p in r.problems]
        assert not problems, f"{notebook.relpath}:\n" + "\n".join(problems)
        assert not notebook.traffic.page_errors, notebook.traffic.page_errors

    def test_widget_images_have_alt_text(self, notebook: Notebook) -> None:
        """After the widgets were used, every picture they drew has a text alternative."""
        drive_widgets(notebook)
        missing = notebook.page.evaluate(_UNNAMED_PICTURES)
        assert not missing, (
            f"{notebook.relpath}: {len(missing)} picture(s) drawn by widgets without a text "
            "alternative (an <img> needs alt; an <svg> needs role=img and a <title>, "
            "aria-label or aria-labelledby):\n" + "\n".join(missing)
        )

    def test_saved_widgets_show_as_still_copies_before_running(self, notebook: Notebook) -> None:
        """Opened before it runs, a notebook shows each widget's saved copy, charts included."""
        seen = notebook.cache["saved_copies"]
        saved = saved_copies(notebook.relpath)
        assert not saved["inline_svg"], (
            f"{notebook.relpath}: a still copy holds inline SVG, which JupyterLab strips from "
            "untrusted output (leaving its text as a jumble); run `csto-course execute`"
        )
        assert seen["copies"] == seen["notes"] == seen["visible"] == saved["copies"], (
            f"{notebook.relpath}: saved {saved}, shown {seen}"
        )
        assert seen["charts"] == saved["charts"], (
            f"{notebook.relpath}: {saved['charts']} chart(s) saved, {seen['charts']} shown "
            "(JupyterLab strips inline SVG from untrusted output)"
        )

    def test_nothing_leaves_the_machine(self, notebook: Notebook) -> None:
        assert notebook.traffic.requests, "no request was recorded: the recorder is broken"
        assert not notebook.traffic.foreign, "JupyterLab asked other hosts:\n" + "\n".join(
            notebook.traffic.foreign
        )


def notebooks(folder: str) -> list[Any]:
    """The notebooks of `folder` as parameters (one failing parameter if there is none)."""
    found = [f"{folder}/{p.name}" for p in sorted((ROOT / folder).glob("*.ipynb"))]
    return found or [pytest.param(None, id=f"{folder}-is-empty")]


def notebook_fixture(request: pytest.FixtureRequest, lp: LabPage) -> Iterator[Notebook]:
    relpath = request.param
    if relpath is None:
        pytest.fail("there is no notebook to test in this folder")
    folder = notebooks(relpath.split("/", 1)[0])
    later = folder[folder.index(relpath) + 1 :]
    yield from notebook_session(lp, relpath, prewarm=later[0] if later else None)
