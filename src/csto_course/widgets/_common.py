"""Shared pieces of the widgets: labelled controls, feedback rendering, safe callbacks.

Every control gets a visible label and a ``description`` (rendered by ipywidgets 8 as a
``<label>``) and, where the description is short, a ``tooltip`` with the full text, so that
screen readers announce what each control is for. Feedback is shown as HTML with a text
marker (see :class:`csto_course.feedback.Feedback`), never by colour alone.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from typing import Any

import ipywidgets as widgets

from csto_course.feedback import Feedback, error_feedback
from csto_course.widgets import still_copy

__all__ = [
    "Base",
    "button",
    "chart_area",
    "iter_controls",
    "paragraph",
]

#: Style shared by controls with a description: show the whole label, never cut it.
LABEL_STYLE = {"description_width": "initial"}


def paragraph(text: str, *, strong: bool = False, tag: str = "p") -> widgets.HTML:
    """A visible text label (escaped)."""
    body = html.escape(text)
    if strong:
        body = f"<strong>{body}</strong>"
    return widgets.HTML(value=f"<{tag} style='margin: 0.2em 0'>{body}</{tag}>")


def button(description: str, tooltip: str, icon: str = "") -> widgets.Button:
    """A button whose visible text is its description; the tooltip says what it does."""
    return widgets.Button(
        description=description,
        tooltip=tooltip,
        icon=icon,
        layout=widgets.Layout(width="auto"),
    )


def feedback_area() -> widgets.HTML:
    """The HTML area where feedback appears (a live region: see ``Feedback._repr_html_``)."""
    return widgets.HTML(value="", layout=widgets.Layout(min_height="1.5em"))


def chart_area() -> widgets.HTML:
    """The HTML area where a widget draws its chart (inline SVG or an HTML table).

    Charts are built as text (see :mod:`csto_course.widgets._svg`), not drawn by matplotlib:
    a callback that renders a PNG takes hundreds of milliseconds, inline SVG well under one.
    """
    return widgets.HTML(value="")


def iter_controls(root: widgets.Widget) -> Iterator[widgets.Widget]:
    """Every interactive control under ``root`` (buttons, sliders, selections, checkboxes)."""
    stack = [root]
    while stack:
        w = stack.pop()
        children = getattr(w, "children", None)
        if children:
            stack.extend(reversed(children))
        if isinstance(w, widgets.Button | widgets.ValueWidget) and not isinstance(
            w, widgets.HTML | widgets.Label | widgets.HTMLMath
        ):
            yield w


class Base:
    """What every widget shares: ``.widget``, ``.feedback``, display, safe callbacks."""

    #: The container to display; subclasses build it in ``__init__``.
    widget: widgets.Widget
    #: The last feedback shown, or None before the first click.
    feedback: Feedback | None
    #: The area where feedback is rendered.
    feedback_html: widgets.HTML

    def _init_base(self) -> None:
        self.feedback = None
        self.feedback_html = feedback_area()

    def _show(self, feedback: Feedback, extra_html: str = "") -> Feedback:
        self.feedback = feedback
        self.feedback_html.value = feedback._repr_html_() + extra_html
        return feedback

    def _run(self, action: Callable[[], tuple[Feedback, str] | Feedback]) -> Feedback:
        """Run a callback body; any exception becomes feedback instead of escaping."""
        try:
            result = action()
        except Exception as exc:  # noqa: BLE001 - a widget never shows a traceback
            return self._show(error_feedback(exc))
        if isinstance(result, tuple):
            return self._show(*result)
        return self._show(result)

    def _plain_text(self) -> str:
        return f"{type(self).__name__} (an interactive widget: run the notebook to use it)"

    def _snapshot_extra(self) -> str:
        """HTML shown below the still copy of the widget (none by default)."""
        return ""

    def snapshot_html(self) -> str:
        """The widget as it looks now, in plain HTML with its controls disabled."""
        return still_copy.render(self.widget, self._snapshot_extra())

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        """The live view, a still copy for where no kernel runs, and a text version."""
        return still_copy.bundle(self.widget, self._snapshot_extra(), self._plain_text(), **kwargs)

    def __repr__(self) -> str:
        return self._plain_text()
