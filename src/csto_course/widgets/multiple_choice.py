"""A multiple-choice question with an explanation for every option."""

from __future__ import annotations

import html
from collections.abc import Sequence

import ipywidgets as widgets

from csto_course.feedback import Feedback
from csto_course.scoring import choice_feedback
from csto_course.widgets import still_copy
from csto_course.widgets._common import LABEL_STYLE, Base, button, paragraph

__all__ = ["MultipleChoice"]


class MultipleChoice(Base):
    """A question, its options and a "Check answer" button.

    ``options`` is a list of ``(text, is_correct, explanation)``; every option needs an
    explanation, because the feedback shows the explanation of the option chosen. With one
    correct option the choices are radio buttons (``.radio``, values are option indices);
    with several they are checkboxes (``.checkboxes``). ``multiple=True`` forces checkboxes.
    """

    def __init__(
        self,
        question: str,
        options: Sequence[tuple[str, bool, str]],
        *,
        multiple: bool | None = None,
    ) -> None:
        self._init_base()
        self.question = str(question)
        self.options = _validate(options)
        n_correct = sum(ok for _, ok, _ in self.options)
        self.multiple = n_correct > 1 if multiple is None else bool(multiple)
        self.radio: widgets.RadioButtons | None = None
        self.checkboxes: list[widgets.Checkbox] = []
        if self.multiple:
            self.checkboxes = [
                widgets.Checkbox(
                    value=False,
                    description=text,
                    tooltip=text,
                    indent=False,
                    style=LABEL_STYLE,
                    layout=widgets.Layout(width="auto"),
                )
                for text, _, _ in self.options
            ]
            choices: widgets.Widget = widgets.VBox(self.checkboxes)
            hint = "Tick every option that applies."
        else:
            self.radio = widgets.RadioButtons(
                options=[(text, i) for i, (text, _, _) in enumerate(self.options)],
                index=None,
                description="Your answer:",
                tooltip=self.question,
                style=LABEL_STYLE,
                layout=widgets.Layout(width="auto"),
            )
            choices = self.radio
            hint = "Pick one option."
        self.button = button("Check answer", "Check the option you picked", icon="check")
        self.button.on_click(lambda _: self.check())
        self.widget = widgets.VBox(
            [
                paragraph(self.question, strong=True),
                paragraph(hint),
                choices,
                self.button,
                self.feedback_html,
            ]
        )

    @property
    def selected(self) -> list[int]:
        """The indices of the options chosen (empty if none)."""
        if self.radio is not None:
            return [] if self.radio.value is None else [int(self.radio.value)]
        return [i for i, box in enumerate(self.checkboxes) if box.value]

    def select(self, *indices: int) -> None:
        """Choose the options at ``indices`` (for tests and demonstrations)."""
        if self.radio is not None:
            self.radio.value = indices[-1] if indices else None
        else:
            for i, box in enumerate(self.checkboxes):
                box.value = i in indices

    def check(self) -> Feedback:
        """Show and return the feedback for the current choice."""
        return self._run(lambda: choice_feedback(self.options, self.selected, self.multiple))

    def _snapshot_extra(self) -> str:
        """The answer and every option's explanation, folded away until the reader asks."""
        items = "".join(
            f"<li><strong>{'Right' if ok else 'Not right'}:</strong> {html.escape(text)} \u2014 "
            f"{html.escape(explanation)}</li>"
            for text, ok, explanation in self.options
        )
        return (
            '<details style="margin-top: 0.6em;"><summary>Show the answer and why</summary>'
            f'<ul style="margin: 0.4em 0;">{items}</ul></details>'
        )

    def _plain_text(self) -> str:
        return still_copy.text(
            f"Question: {self.question}", (f"( ) {text}" for text, _, _ in self.options)
        )


def _validate(options: Sequence[tuple[str, bool, str]]) -> list[tuple[str, bool, str]]:
    checked = []
    for i, option in enumerate(options):
        if not isinstance(option, tuple | list) or len(option) != 3:
            raise ValueError(f"option {i} must be (text, is_correct, explanation): {option!r}")
        text, ok, explanation = option
        if not str(text).strip() or not str(explanation).strip():
            raise ValueError(f"option {i} needs a text and an explanation: {option!r}")
        checked.append((str(text), bool(ok), str(explanation)))
    if len(checked) < 2:
        raise ValueError("a multiple-choice question needs at least two options")
    if not any(ok for _, ok, _ in checked):
        raise ValueError("at least one option must be correct")
    return checked


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
