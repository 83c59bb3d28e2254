"""Runs INSIDE a fresh kernel (see bench_responses.py); not imported by anything else.

Before it runs, the kernel defines ``NOTEBOOK`` (a path), ``REPEATS`` (an int) and
``CHECK_MODULE`` (e.g. "lesson3", or None). It runs the notebook's code cells as a student
would (output captured and thrown away), keeping every course widget the notebook builds.
Then it times the feedback: each button's ``.click()`` (or, for a widget without a button, a
change of its selection, which redraws it) and each check of ``CHECK_MODULE`` called with a
right answer, a wrong one and the unanswered ``...``. Before each click a widget gets one
of two answers (see ``_vary``, not timed), so that every click scores and shows new
feedback. It prints one JSON line.
"""

import copy
import importlib
import json
import time

import ipywidgets
import nbformat
import pandas as pd
from IPython import get_ipython
from IPython.utils.capture import capture_output

from csto_course.checks import core as _core
from csto_course.widgets import _common

_instances = []
_original_init = _common.Base._init_base


def _tracking_init(self):
    _instances.append(self)
    _original_init(self)


_common.Base._init_base = _tracking_init

_shell = get_ipython()
_nb = nbformat.read(NOTEBOOK, as_version=4)  # noqa: F821 - defined by the caller
_cell_errors = 0
for _cell in _nb.cells:
    if _cell.cell_type != "code":
        continue
    with capture_output():
        _result = _shell.run_cell(_cell.source, store_history=False)
    if not _result.success:
        _cell_errors += 1
_common.Base._init_base = _original_init


def _time(action):
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def _series(action, repeats, before=None):
    """The first response, then ``repeats`` more; ``before(i)`` (not timed) runs first."""
    times = []
    for i in range(repeats + 1):
        if before is not None:
            before(i)
        times.append(_time(action))
    return {"first_ms": times[0], "samples_ms": times[1:]}


def _widget_actions(widget):
    """(label, action) pairs: every button's click, or a selection change if none."""
    buttons = [c for c in _common.iter_controls(widget.widget) if isinstance(c, ipywidgets.Button)]
    if buttons:
        return [(f"click '{b.description}'", b.click) for b in buttons]
    for control in _common.iter_controls(widget.widget):
        if isinstance(control, ipywidgets.SelectMultiple) and len(control.options) > 1:
            everything = tuple(control.value)
            values = [d[1] if isinstance(d, tuple) else d for d in control.options]
            one = (values[0],)
            state = {"flip": False}

            def toggle(control=control, everything=everything, one=one, state=state):
                state["flip"] = not state["flip"]
                control.value = one if state["flip"] else everything

            return [(f"change '{control.description}'", toggle)]
    return []


def _vary(widget, i):
    """Give a widget the i-th of two answers before a click (not timed), so that every click
    scores an answer and shows new feedback (ipywidgets sends nothing for an unchanged
    value): an option of a multiple-choice question, a kind for every statement of a
    sorter, a value of the first slider of a risk matrix or a forecast."""
    if hasattr(widget, "select") and getattr(widget, "options", None):
        widget.select(i % 2)
    for dropdown in getattr(widget, "dropdowns", {}).values():
        choices = [o[1] if isinstance(o, tuple) else o for o in dropdown.options]
        real = [c for c in choices if c not in (None, "\u2014")]
        if real:
            dropdown.value = real[i % min(2, len(real))]
    for name in ("likelihood", "sliders"):
        sliders = list(getattr(widget, name, {}).values())
        if sliders:
            sliders[0].value = sliders[0].max if i % 2 else sliders[0].min


def _wrong(answer):
    """An answer of the same kind that is wrong (or at least different)."""
    if isinstance(answer, bool):
        return not answer
    if isinstance(answer, int | float):
        return answer * 1.5 + 1
    if isinstance(answer, pd.DataFrame):
        return answer.head(1)
    if isinstance(answer, str):
        return answer[::-1] or "x"
    if isinstance(answer, dict):
        return {k: None for k in answer}
    if isinstance(answer, list):
        return answer[:1]
    if isinstance(answer, tuple):
        return tuple(_wrong(a) for a in answer)
    return "not an answer"


def _call(func, answer, several):
    if several and isinstance(answer, tuple):
        return lambda: func(*copy.deepcopy(answer))
    return lambda: func(copy.deepcopy(answer))


_out = {"notebook": NOTEBOOK, "cell_errors": _cell_errors, "widgets": [], "checks": []}  # noqa: F821
_seen = set()
for _w in _instances:
    _kind = type(_w).__name__
    if _kind in _seen and _kind == "MultipleChoice":
        continue  # one multiple-choice question per notebook is enough
    _seen.add(_kind)
    for _label, _action in _widget_actions(_w):
        _before = (lambda i, w=_w: _vary(w, i)) if _label.startswith("click") else None
        _entry = {"widget": _kind, "action": _label, **_series(_action, REPEATS, _before)}  # noqa: F821
        _fb = getattr(_w, "feedback", None)
        _entry["feedback"] = None if _fb is None else f"{_fb.ok}: {_fb.message[:70]}"
        _out["widgets"].append(_entry)

if CHECK_MODULE:  # noqa: F821
    importlib.import_module(f"csto_course.checks.{CHECK_MODULE}")  # noqa: F821
    for _name, _info in _core.REGISTRY.items():
        if not _name.startswith(CHECK_MODULE + "."):  # noqa: F821
            continue
        _right = _info.example() if _info.example else "an answer"
        _several = len(_info.parameters) > 1
        _first = _time(_call(_info.func, _right, _several))
        _fb = _call(_info.func, _right, _several)()
        _right_ok = _fb.ok
        _samples = []
        _n_params = max(len(_info.parameters), 1)
        for _answer in (_right, _wrong(_right), ...):
            if _answer is ...:

                def _action(f=_info.func, n=_n_params):
                    return f(*([...] * n))

            else:
                _action = _call(_info.func, _answer, _several)
            _samples += [_time(_action) for _ in range(max(REPEATS // 3, 3))]  # noqa: F821
        _out["checks"].append({"check": _name, "first_ms": _first, "samples_ms": _samples,
                               "right_answer_ok": _right_ok})

print("@@RESULT@@" + json.dumps(_out))
