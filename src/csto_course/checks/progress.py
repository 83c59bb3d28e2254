"""What a student has answered so far: each check's last result, and a summary of them.

Every check made with ``@check`` records its last answer here (:data:`RESULTS`), so the last
cell of an exercise can show ``progress(lesson4)``: each checked task, answered right, not yet
right, or not answered. ``csto-course grade`` reads the same record from a submitted notebook
(:mod:`csto_course.grading`). This module imports only :mod:`csto_course.feedback` from the
rest of the package, so ``core`` can use it.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from types import ModuleType
from typing import Any

from csto_course.feedback import SYMBOLS

__all__ = ["RESULTS", "Progress", "progress", "recorded", "status"]

#: The last result of each check run in this kernel, by check name ("lesson4.check_x").
RESULTS: dict[str, Any] = {}

_WORDS = {True: "answered right", False: "not yet right", None: "not answered"}


def recorded(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` (a safe check) that also records each result under ``name``."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        feedback = func(*args, **kwargs)
        RESULTS[name] = feedback
        return feedback

    return wrapper


def status(name: str) -> bool | None:
    """True (answered right), False (not yet right) or None (not answered, or never run)."""
    feedback = RESULTS.get(name)
    ok = getattr(feedback, "ok", None)
    return ok if ok in (True, False) else None


class Progress:
    """A student's progress on the checked tasks of one exercise (shown as a short list)."""

    def __init__(self, rows: list[tuple[str, str, bool | None]]) -> None:
        self.rows = rows  # (check name, what it asks, status)

    @property
    def right(self) -> int:
        return sum(1 for *_, ok in self.rows if ok is True)

    def _summary(self) -> str:
        return (
            f"Your progress: {self.right} of {len(self.rows)} checked answers right. A check "
            "you have not run counts as not answered; open questions and widgets are not "
            "counted here."
        )

    def __repr__(self) -> str:
        lines = [self._summary()]
        lines += [f"{SYMBOLS[ok]} {_WORDS[ok]}: {what}" for _, what, ok in self.rows]
        return "\n".join(lines)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(repr(self))

    def _repr_html_(self) -> str:
        items = "".join(
            f"<li><strong>{SYMBOLS[ok]} {_WORDS[ok]}</strong>: {html.escape(what)}</li>"
            for _, what, ok in self.rows
        )
        return (
            f'<div class="csto-progress" role="status"><p>{html.escape(self._summary())}</p>'
            f"<ul>{items}</ul></div>"
        )


def progress(checks: ModuleType | str) -> Progress:
    """The progress on the checks of one exercise, e.g. ``progress(lesson4)``.

    Lists every check of that module (in the order they are defined), each with what it asks
    (the first paragraph of its docstring) and its last result in this kernel.
    """
    from csto_course.checks.core import REGISTRY

    prefix = (checks if isinstance(checks, str) else checks.__name__).rsplit(".", 1)[-1] + "."
    rows = []
    for name, info in REGISTRY.items():
        if name.startswith(prefix):
            doc = " ".join((info.raw.__doc__ or name).strip().split("\n\n")[0].split())
            doc = re.sub(r":\w+:`~?([^`]*)`", r"\1", doc).replace("``", "").rstrip(".")
            rows.append((name, doc, status(name)))
    return Progress(rows)


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
