"""Give each of the authors' questions a probability, then score it against what happened."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import pandas as pd
from matplotlib.figure import Figure

from csto_course import style
from csto_course.checks.core import Feedback, format_number
from csto_course.scoring import BRIER_BASELINE, forecast_feedback
from csto_course.widgets._common import LABEL_STYLE, Base, button, figure_output, paragraph

__all__ = ["ForecastScorer"]


def _outcome(value: Any) -> bool | None:
    """True/False from a bool or yes/no text; None when unresolved or unreadable."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, str):
        return {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}.get(
            value.strip().lower()
        )
    return bool(value)


class ForecastScorer(Base):
    """A probability slider per question; "Score my forecasts" reveals the outcomes.

    ``forecasts`` is the ``forecasts`` table (question_id, question, outcome, outcome_note).
    ``.sliders`` maps question_id → ``FloatSlider`` (0 to 1, step 0.05, start 0.5);
    ``.button`` scores. The score is the Brier score over the questions with a recorded
    outcome, compared with always saying 0.5 (0.25). ``.figure_data`` is the list of
    ``(probability, outcome)`` pairs scored.
    """

    def __init__(self, forecasts: pd.DataFrame) -> None:
        self._init_base()
        missing = [c for c in ("question_id", "question", "outcome") if c not in forecasts]
        if missing:
            raise ValueError(f"forecasts needs the columns {missing}")
        if forecasts.empty:
            raise ValueError("forecasts is empty")
        self.forecasts = forecasts.copy().reset_index(drop=True)
        self.forecasts["question_id"] = self.forecasts["question_id"].astype(str)
        self.sliders: dict[str, widgets.FloatSlider] = {}
        rows = []
        for qid, question in zip(
            self.forecasts["question_id"], self.forecasts["question"], strict=True
        ):
            slider = widgets.FloatSlider(
                value=0.5,
                min=0.0,
                max=1.0,
                step=0.05,
                description="Probability",
                description_allow_html=False,
                tooltip=f"Your probability, from 0 (it will not happen) to 1 (it will): {question}",
                readout_format=".2f",
                continuous_update=False,
                style=LABEL_STYLE,
            )
            self.sliders[qid] = slider
            rows.append(
                widgets.VBox(
                    [paragraph(f"{qid}. {question}"), slider],
                    layout=widgets.Layout(margin="0 0 0.6em 0"),
                )
            )
        self.button = button(
            "Score my forecasts", "Reveal what happened and compute your Brier score", "check"
        )
        self.button.on_click(lambda _: self.score())
        self.output = widgets.Output()
        self.figure_data: list[tuple[float, bool]] | None = None
        intro = (
            "For each question, set how likely you think it was, as seen on 14 January 2022: "
            "0 means it will certainly not happen, 1 that it certainly will, 0.5 that you "
            "cannot tell."
        )
        self.widget = widgets.VBox(
            [paragraph(intro), *rows, self.button, self.feedback_html, self.output]
        )

    def score(self) -> Feedback:
        """Reveal the outcomes, compute the Brier score, draw the errors, return feedback."""

        def run() -> tuple[Feedback, str]:
            pairs: list[tuple[float, bool]] = []
            items, labels, errors = [], [], []
            notes = self.forecasts.get("outcome_note", pd.Series([""] * len(self.forecasts)))
            for qid, outcome, note in zip(
                self.forecasts["question_id"], self.forecasts["outcome"], notes, strict=True
            ):
                p = round(float(self.sliders[qid].value), 4)
                happened = _outcome(outcome)
                note_text = "" if note is None or pd.isna(note) else f" {note}"
                if happened is None:
                    items.append(
                        f"<li><strong>{html.escape(qid)}</strong>: you said {p:.2f}; "
                        f"no outcome is recorded, so it is not scored.{html.escape(note_text)}"
                        "</li>"
                    )
                    continue
                pairs.append((p, happened))
                error = (p - float(happened)) ** 2
                labels.append(qid)
                errors.append(error)
                items.append(
                    f"<li><strong>{html.escape(qid)}</strong>: you said {p:.2f}; it "
                    f"{'happened' if happened else 'did not happen'}"
                    f" (squared error {format_number(round(error, 4))}).{html.escape(note_text)}"
                    "</li>"
                )
            self.figure_data = pairs
            details = f"<ul class='csto-forecast-outcomes'>{''.join(items)}</ul>"
            feedback = forecast_feedback(pairs)
            if pairs:
                fig = self._draw(labels, errors)
                alt = "Squared error per question: " + ", ".join(
                    f"{q} {e:.2f}" for q, e in zip(labels, errors, strict=True)
                )
                self.output.outputs = (figure_output(fig, alt),)
            else:
                self.output.outputs = ()
            return feedback, details

        return self._run(run)

    @staticmethod
    def _draw(labels: list[str], errors: list[float]) -> Figure:
        height = 1.6 + 0.55 * len(labels)
        fig = Figure(figsize=(6.4, height), dpi=100)  # a fixed layout: faster than constrained
        fig.subplots_adjust(left=0.1, right=0.97, top=1 - 0.45 / height, bottom=0.7 / height)
        ax = fig.subplots()
        y = list(range(len(labels)))[::-1]
        ax.barh(y, errors, color=style.PALETTE["blue"], height=0.6)
        for yi, e in zip(y, errors, strict=True):
            ax.text(e + 0.01, yi, f"{e:.2f}", va="center", fontsize=9)
        ax.axvline(BRIER_BASELINE, color=style.PALETTE["black"], linestyle="--", linewidth=1)
        ax.text(BRIER_BASELINE, len(labels) - 0.4, " always 0.5 (0.25)", fontsize=8, va="bottom")
        ax.set_yticks(y, labels)
        ax.set_xlim(0, 1.1)
        ax.set_ylim(-0.6, len(labels) - 0.1)
        ax.set_xlabel("Squared error (probability \u2212 outcome)\u00b2: lower is better")
        mean = sum(errors) / len(errors)
        ax.set_title(f"Your Brier score (the mean of these errors): {mean:.3f}", fontsize=10)
        ax.spines[["top", "right"]].set_visible(False)
        return fig

    def _plain_text(self) -> str:
        lines = ["ForecastScorer: give each question a probability from 0 to 1"]
        lines += [
            f"  {q}. {t}"
            for q, t in zip(self.forecasts["question_id"], self.forecasts["question"], strict=True)
        ]
        return "\n".join(lines)
