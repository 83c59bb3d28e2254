"""Give each of the authors' questions a probability, then score it against what happened."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import pandas as pd

from csto_course import style
from csto_course.facts import BRIER_BASELINE, squared_error
from csto_course.feedback import Feedback, format_number
from csto_course.scoring import forecast_feedback
from csto_course.widgets import _svg, still_copy
from csto_course.widgets._common import LABEL_STYLE, Base, button, chart_area, paragraph

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
    ``(probability, outcome)`` pairs scored. ``.chart`` (an ``HTML`` widget) shows each
    question's squared error as an inline SVG bar chart with a title, a description giving
    every number, and the numbers written beside the bars.
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
        self.chart = chart_area()
        self.figure_data: list[tuple[float, bool]] | None = None
        intro = (
            "For each question, set how likely you think it was, as seen on 14 January 2022: "
            "0 means it will certainly not happen, 1 that it certainly will, 0.5 that you "
            "cannot tell."
        )
        self.widget = widgets.VBox(
            [paragraph(intro), *rows, self.button, self.feedback_html, self.chart]
        )

    def score(self) -> Feedback:
        """Reveal the outcomes, compute the Brier score, draw the errors, return feedback."""

        def run() -> tuple[Feedback, str]:
            pairs: list[tuple[float, bool]] = []
            items, rows = [], []
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
                error = squared_error(p, happened)
                rows.append((qid, p, happened, error))
                items.append(
                    f"<li><strong>{html.escape(qid)}</strong>: you said {p:.2f}; it "
                    f"{'happened' if happened else 'did not happen'}"
                    f" (squared error {format_number(round(error, 4))}).{html.escape(note_text)}"
                    "</li>"
                )
            self.figure_data = pairs
            details = f"<ul class='csto-forecast-outcomes'>{''.join(items)}</ul>"
            feedback = forecast_feedback(pairs)
            self.chart.value = self._chart_html(rows) if rows else ""
            return feedback, details

        return self._run(run)

    @staticmethod
    def _chart_html(rows: list[tuple[str, float, bool, float]]) -> str:
        """Horizontal bars of (question, probability, happened, squared error), as SVG."""
        errors = [e for *_, e in rows]
        mean = format_number(round(sum(errors) / len(errors), 3))
        shown = {q: format_number(round(e, 4)) for q, _, _, e in rows}
        title = f"Your squared error per question; Brier score (their mean) {mean}"
        per_question = "; ".join(
            f"{q}: you said {p:.2f}, it {'happened' if h else 'did not happen'}, "
            f"squared error {shown[q]}"
            for q, p, h, _ in rows
        )
        desc = (
            "Horizontal bar chart of the squared error (probability minus outcome, squared; "
            f"lower is better) of each question. {per_question}. A dashed line marks 0.25, "
            f"the error of always saying 0.5. Your Brier score, the mean error, is {mean}."
        )
        prefix = _svg.content_id("forecast", title, desc)
        labels = [f"{q} ({'happened' if h else 'did not happen'})" for q, _, h, _ in rows]
        left = 20 + 7 * max(len(t) for t in labels)
        plot_w, row_h, bar_h = 420.0, 30.0, 20.0
        top = 56.0
        plot_h = row_h * len(rows)
        base = top + plot_h
        width = left + plot_w + 60
        height = base + 50

        def x_of(v: float) -> float:
            return left + v * plot_w

        body = [
            _svg.svg_text(
                12,
                20,
                f"Your Brier score (the mean of these errors): {mean}",
                font_size=14,
                font_weight="bold",
            )
        ]
        for tick in (0, 0.25, 0.5, 0.75, 1):
            x = x_of(tick)
            body.append(
                f'<line x1="{_svg.num(x)}" x2="{_svg.num(x)}" y1="{_svg.num(top)}" '
                f'y2="{_svg.num(base)}" stroke="{_svg.GRID}"/>'
            )
            body.append(
                _svg.svg_text(
                    x, base + 16, format_number(tick), text_anchor="middle", fill=_svg.MUTED
                )
            )
        for k, ((q, _, _, e), label) in enumerate(zip(rows, labels, strict=True)):
            y = top + k * row_h + (row_h - bar_h) / 2
            body.append(_svg.svg_text(left - 8, y + bar_h / 2 + 4, label, text_anchor="end"))
            if e > 0:
                body.append(
                    f'<rect x="{_svg.num(left)}" y="{_svg.num(y)}" '
                    f'width="{_svg.num(e * plot_w)}" height="{_svg.num(bar_h)}" '
                    f'fill="{style.PALETTE["blue"]}"/>'
                )
            body.append(_svg.svg_text(x_of(e) + 5, y + bar_h / 2 + 4, shown[q], font_weight="bold"))
        xb = x_of(BRIER_BASELINE)
        body.append(
            f'<line x1="{_svg.num(xb)}" x2="{_svg.num(xb)}" y1="{_svg.num(top - 8)}" '
            f'y2="{_svg.num(base)}" stroke="{_svg.INK}" stroke-width="1.2" '
            'stroke-dasharray="5 3"/>'
        )
        body.append(_svg.svg_text(xb + 4, top - 10, "always saying 0.5 scores 0.25", font_size=11))
        body.append(
            f'<line x1="{_svg.num(left)}" x2="{_svg.num(left)}" y1="{_svg.num(top)}" '
            f'y2="{_svg.num(base)}" stroke="{_svg.INK}"/>'
        )
        body.append(
            _svg.svg_text(
                left + plot_w / 2,
                base + 36,
                "Squared error (probability \u2212 outcome)\u00b2: lower is better",
                text_anchor="middle",
            )
        )
        return _svg.chart_html(
            kind="forecast",
            prefix=prefix,
            width=width,
            height=height,
            title=title,
            desc=desc,
            body=body,
        )

    def _plain_text(self) -> str:
        questions = zip(self.forecasts["question_id"], self.forecasts["question"], strict=True)
        return still_copy.text(
            "ForecastScorer: give each question a probability from 0 to 1",
            (f"{q}. {t}" for q, t in questions),
        )



# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
