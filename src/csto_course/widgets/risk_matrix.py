"""A 5×5 risk matrix filled with sliders, then compared with what happened."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as widgets
import pandas as pd

from csto_course import style
from csto_course.feedback import Feedback
from csto_course.scoring import rank_risks, risk_band, risk_score
from csto_course.widgets import _svg, still_copy
from csto_course.widgets._common import LABEL_STYLE, Base, button, chart_area, paragraph

__all__ = ["IMPACT_SCALE", "LIKELIHOOD_SCALE", "RiskMatrix"]

LIKELIHOOD_SCALE = ("very unlikely", "unlikely", "possible", "likely", "almost certain")
IMPACT_SCALE = ("minor", "moderate", "significant", "major", "severe")

#: Light fills of the score bands (the score and the band are also written in every cell).
_BAND_FILL = {
    band: _svg.tint(style.PALETTE[colour], 0.3)
    for band, colour in (
        ("low", "green"),
        ("medium", "yellow"),
        ("high", "orange"),
        ("very high", "vermillion"),
    )
}


#: The ratings given so far, per matrix (its ``key``): risk_id → (likelihood, impact), and
#: whether the student has moved a slider. Kept for the kernel's life, so that running the
#: cell again rebuilds the matrix with the student's ratings instead of resetting them.
_SAVED: dict[str, dict[str, Any]] = {}


def _scale_text(name: str, scale: Sequence[str]) -> str:
    return f"{name}: " + " \u00b7 ".join(f"{i} {w}" for i, w in enumerate(scale, start=1))


class RiskMatrix(Base):
    """Rate each risk's likelihood and impact (1–5), see the matrix, compare with events.

    ``risks``: a DataFrame or a list of dicts with ``risk_id``, ``label`` and optionally
    ``outcome`` (what happened, in words) and ``status`` (the course's mark for it, e.g.
    "not measured here"), both shown by "Compare". Controls: ``.likelihood`` and ``.impact`` map
    risk_id → ``IntSlider`` (1–5, start at 3); ``.show_button`` ("Show matrix") draws the
    matrix and ranks the risks by likelihood × impact; ``.compare_button`` ("Compare with what
    happened") reveals each outcome. ``.figure_data`` is the ranked table (risk_id, label,
    likelihood, impact, score, band) last drawn. ``.chart`` (an ``HTML`` widget) holds the
    matrix as an HTML ``<table>``: impact in rows (5 at the top), likelihood in columns, each
    cell with its score, its band and the risks placed in it.
    "Compare" answers only once the student has rated (moved a slider) and shown the matrix.
    The ratings are kept per ``key`` (default: the risk ids) while the kernel runs, so a
    matrix built again (its cell run again) starts from them.
    """

    def __init__(
        self, risks: pd.DataFrame | Sequence[Mapping[str, Any]], *, key: str | None = None
    ) -> None:
        self._init_base()
        table = risks.copy() if isinstance(risks, pd.DataFrame) else pd.DataFrame(list(risks))
        missing = [c for c in ("risk_id", "label") if c not in table.columns]
        if missing:
            raise ValueError(f"risks needs the columns {missing}")
        if table.empty:
            raise ValueError("risks is empty")
        table["risk_id"] = table["risk_id"].astype(str)
        if table["risk_id"].duplicated().any():
            raise ValueError("risk_id values must be unique")
        self.risks = table.reset_index(drop=True)
        self.key = key or "|".join(self.risks["risk_id"])
        saved = _SAVED.setdefault(self.key, {"ratings": {}, "rated": False, "shown": False})
        self._saved = saved
        self.likelihood: dict[str, widgets.IntSlider] = {}
        self.impact: dict[str, widgets.IntSlider] = {}
        rows = []
        for risk_id, label in zip(self.risks["risk_id"], self.risks["label"], strict=True):
            self.likelihood[risk_id] = self._slider("Likelihood", str(label), LIKELIHOOD_SCALE)
            self.impact[risk_id] = self._slider("Impact", str(label), IMPACT_SCALE)
            if risk_id in saved["ratings"]:
                lk, im = saved["ratings"][risk_id]
                self.likelihood[risk_id].value, self.impact[risk_id].value = lk, im
            for slider in (self.likelihood[risk_id], self.impact[risk_id]):
                slider.observe(lambda _change, r=risk_id: self._remember(r), names="value")
            rows.append(
                widgets.VBox(
                    [
                        paragraph(f"{risk_id}. {label}", strong=True),
                        widgets.HBox([self.likelihood[risk_id], self.impact[risk_id]]),
                    ],
                    layout=widgets.Layout(margin="0 0 0.6em 0"),
                )
            )
        self.show_button = button(
            "Show matrix", "Draw the matrix and rank the risks by likelihood times impact", "table"
        )
        self.compare_button = button(
            "Compare with what happened", "Show what happened for each risk", "history"
        )
        self.show_button.on_click(lambda _: self.show_matrix())
        self.compare_button.on_click(lambda _: self.compare())
        self.chart = chart_area()
        self.figure_data: pd.DataFrame | None = None
        self.widget = widgets.VBox(
            [
                paragraph(
                    "Rate each risk with the two sliders, then show the matrix. There is no "
                    "single right answer: be ready to say why you rated each risk as you did."
                ),
                paragraph(_scale_text("Likelihood", LIKELIHOOD_SCALE)),
                paragraph(_scale_text("Impact", IMPACT_SCALE)),
                *rows,
                widgets.HBox([self.show_button, self.compare_button]),
                self.feedback_html,
                self.chart,
            ]
        )

    @staticmethod
    def _slider(kind: str, label: str, scale: Sequence[str]) -> widgets.IntSlider:
        return widgets.IntSlider(
            value=3,
            min=1,
            max=5,
            step=1,
            description=kind,
            description_allow_html=False,
            tooltip=f"{kind} of: {label} (1 = {scale[0]}, 5 = {scale[-1]})",
            continuous_update=False,
            style=LABEL_STYLE,
        )

    def _remember(self, risk_id: str) -> None:
        """Keep a rating (for a re-run of the cell) and note that the student has rated."""
        rating = (int(self.likelihood[risk_id].value), int(self.impact[risk_id].value))
        self._saved["ratings"][risk_id] = rating
        self._saved["rated"] = True

    def ratings(self) -> pd.DataFrame:
        """The current ratings: risk_id, label, likelihood, impact."""
        return pd.DataFrame(
            {
                "risk_id": self.risks["risk_id"],
                "label": self.risks["label"].astype(str),
                "likelihood": [int(self.likelihood[r].value) for r in self.risks["risk_id"]],
                "impact": [int(self.impact[r].value) for r in self.risks["risk_id"]],
            }
        )

    def show_matrix(self) -> Feedback:
        """Draw the matrix, list the risks by score, and return the feedback."""

        def run() -> tuple[Feedback, str]:
            ranked = rank_risks(self.ratings())
            self.figure_data = ranked
            self._saved["shown"] = True
            self.chart.value = self._matrix_html(ranked)
            top = ranked.iloc[0]
            ties = int((ranked["score"] == top["score"]).sum())
            also = f" (tied with {ties - 1} other{'s' if ties > 2 else ''})" if ties > 1 else ""
            message = (
                f"you rated \u201c{top['label']}\u201d highest: {top['likelihood']} \u00d7 "
                f"{top['impact']} = {top['score']}, {top['band']}{also}. The risks, from "
                "highest to lowest score, are listed below."
            )
            return Feedback(True, message, label="Your matrix"), self._ranking_html(ranked)

        return self._run(run)

    def compare(self) -> Feedback:
        """Reveal what happened for each risk, beside the rating given."""

        def run() -> tuple[Feedback, str]:
            if "outcome" not in self.risks.columns or self.risks["outcome"].isna().all():
                return Feedback(
                    None, "no outcome is recorded for these risks.", label="Nothing to compare"
                ), ""
            if not self._saved["rated"]:
                return Feedback(
                    None,
                    "Not answered yet \u2014 every risk is still at its starting rating (3 and "
                    "3). Rate each risk with its two sliders, as you would have on 14 January "
                    "2022, press Show matrix, and then compare.",
                ), ""
            if not self._saved["shown"]:
                return Feedback(
                    None,
                    "press Show matrix first, to see your ratings side by side; then compare "
                    "them with what happened.",
                ), ""
            ratings = self.ratings()
            items = []
            marks = self.risks.get("status", pd.Series([None] * len(self.risks)))
            for rating, outcome, mark in zip(
                ratings.itertuples(), self.risks["outcome"], marks, strict=True
            ):
                score = risk_score(rating.likelihood, rating.impact)
                what = "no outcome recorded" if pd.isna(outcome) else str(outcome)
                rid, label = html.escape(rating.risk_id), html.escape(rating.label)
                rated = f"{rating.likelihood} \u00d7 {rating.impact} = {score}"
                marked = (
                    ""
                    if mark is None or pd.isna(mark) or not str(mark).strip()
                    else f" The course marks it <em>{html.escape(str(mark))}</em>."
                )
                items.append(
                    f"<li><strong>{rid}. {label}</strong> \u2014 you rated it {rated} "
                    f"({risk_band(score)}). What happened: {html.escape(what)}{marked}</li>"
                )
            message = (
                "each risk's outcome is listed below, beside your rating. Which ratings would "
                "you change with hindsight, and which were reasonable on 14 January 2022?"
            )
            details = f"<ul class='csto-risk-outcomes'>{''.join(items)}</ul>"
            return Feedback(True, message, label="What happened"), details

        return self._run(run)

    @staticmethod
    def _ranking_html(ranked: pd.DataFrame) -> str:
        items = []
        for r in ranked.itertuples():
            rid, label = html.escape(r.risk_id), html.escape(str(r.label))
            rated = f"likelihood {r.likelihood} \u00d7 impact {r.impact}"
            items.append(
                f"<li>{rid}. {label} \u2014 {rated} = <strong>{r.score}</strong> ({r.band})</li>"
            )
        listed = "".join(items)
        return f"<ol class='csto-risk-ranking'>{listed}</ol>"

    @staticmethod
    def _matrix_html(ranked: pd.DataFrame) -> str:
        """The 5×5 matrix as an HTML table with row and column headers (escaped)."""
        cells: dict[tuple[int, int], list[str]] = {}
        for r in ranked.itertuples():
            cells.setdefault((int(r.likelihood), int(r.impact)), []).append(str(r.risk_id))
        caption = (
            "Your risk matrix: impact in rows (5 at the top), likelihood in columns. Each cell "
            "gives its score (likelihood \u00d7 impact) and band, then the risks you placed "
            "there."
        )
        border = "border: 2px solid #ffffff"
        head = "".join(
            f"<th scope='col' style='padding: 0.2em 0.4em; font-weight: normal'>"
            f"<strong>{i}</strong><br/>{_svg.escape(word)}</th>"
            for i, word in enumerate(LIKELIHOOD_SCALE, start=1)
        )
        rows = []
        for im in range(5, 0, -1):
            row = [
                f"<th scope='row' style='text-align: right; padding: 0 0.5em; "
                f"font-weight: normal'><strong>{im}</strong> {_svg.escape(IMPACT_SCALE[im - 1])}"
                "</th>"
            ]
            for lk in range(1, 6):
                score = lk * im
                band = risk_band(score)
                here = cells.get((lk, im), [])
                ids = ", ".join(f"<strong>{_svg.escape(rid)}</strong>" for rid in here)
                row.append(
                    f"<td style='background: {_BAND_FILL[band]}; color: #000000; {border}; "
                    "width: 6.5em; height: 3.2em; vertical-align: top; padding: 0.2em 0.35em'>"
                    f"<span style='font-size: 0.85em; color: #333333'>{score} {band}</span>"
                    + (f"<br/><span style='font-size: 1.05em'>{ids}</span>" if ids else "")
                    + "</td>"
                )
            rows.append("<tr>" + "".join(row) + "</tr>")
        return (
            "<div class='csto-chart csto-chart-risk' style='overflow-x: auto; max-width: 100%'>"
            "<table class='csto-risk-matrix' style='border-collapse: collapse; "
            "margin: 0.4em 0; line-height: 1.3'>"
            f"<caption style='caption-side: top; text-align: left; padding-bottom: 0.3em'>"
            f"{_svg.escape(caption)}</caption>"
            "<thead><tr><th scope='col' style='text-align: right; padding: 0 0.5em'>"
            "Impact \u2193 \u00b7 likelihood \u2192</th>"
            f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        )

    def _plain_text(self) -> str:
        risks = zip(self.risks["risk_id"], self.risks["label"], strict=True)
        return still_copy.text(
            "RiskMatrix: rate each risk's likelihood and impact (1-5)",
            (f"{r}. {lab}" for r, lab in risks),
        )



# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
