"""The authors' three questions against what happened, and how a forecast on them scores.

The ``forecasts`` table turns each of the authors' "way ahead" questions into a proposition
that either came true (``outcome`` True) or not, as the fact sheet records it; for Q1 it also
gives the outcome if local protests count (``outcome_if_local_counts``). A forecast is a
probability for each proposition; its Brier score is the mean of (probability - outcome)^2,
with the outcome 1 if it happened and 0 if not (0 is perfect, always saying 0.5 scores 0.25).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from csto_course import style
from csto_course.facts import BRIER_BASELINE, brier_score, squared_error

__all__ = ["brier", "forecast_table", "plot_forecasts"]


def _outcomes(forecasts: pd.DataFrame, local_counts: bool) -> pd.Series:
    column = "outcome_if_local_counts" if local_counts else "outcome"
    if column not in forecasts.columns:
        raise ValueError(f"forecasts has no column {column!r}")
    values = forecasts[column]
    if values.isna().any():
        raise ValueError(f"some questions have no {column!r}")
    return values.astype(bool).astype("int64")


def forecast_table(
    forecasts: pd.DataFrame,
    probabilities: Mapping[str, float] | None = None,
    *,
    local_counts: bool = False,
) -> pd.DataFrame:
    """One row per question: question_id, proposition, outcome (1 or 0) and, with
    ``probabilities`` (question_id -> probability from 0 to 1), the probability and the
    squared error (probability - outcome)^2. ``local_counts`` uses ``outcome_if_local_counts``.
    """
    table = pd.DataFrame(
        {
            "question_id": forecasts["question_id"].astype(str).to_numpy(),
            "proposition": forecasts.get("proposition", forecasts["question"]).astype(str)
            .to_numpy(),
            "outcome": _outcomes(forecasts, local_counts).to_numpy(),
        }
    )
    if probabilities is not None:
        missing = [q for q in table["question_id"] if q not in probabilities]
        if missing:
            raise ValueError(f"no probability for {missing}")
        probs = [float(probabilities[q]) for q in table["question_id"]]
        table["probability"] = probs
        errors = [squared_error(p, o) for p, o in zip(probs, table["outcome"], strict=True)]
        table["squared_error"] = pd.Series(errors, dtype="float64").round(6)
    return table


def brier(
    forecasts: pd.DataFrame, probabilities: Mapping[str, float], *, local_counts: bool = False
) -> float:
    """The Brier score of ``probabilities`` on the questions: the mean squared error."""
    table = forecast_table(forecasts, probabilities, local_counts=local_counts)
    return brier_score(zip(table["probability"], table["outcome"], strict=True))


def plot_forecasts(
    forecasts: pd.DataFrame,
    probabilities: Mapping[str, float] | None = None,
    *,
    label: str = "illustrative forecast",
    title: str | None = None,
) -> Figure:
    """Each question on a 0-1 line: what happened (a cross at 0 or 1), the outcome if local
    protests count where it differs (an open square), and, with ``probabilities``, the
    forecast (a circle) joined to the outcome by its error, labelled with the squared error.
    """
    table = forecast_table(forecasts, probabilities)
    alt = forecast_table(forecasts, local_counts=True)["outcome"] if (
        "outcome_if_local_counts" in forecasts.columns
    ) else table["outcome"]
    n = len(table)
    fig, ax = plt.subplots(figsize=(10, 1.4 + 1.1 * n), layout="constrained")
    y = list(range(n))[::-1]
    black, blue = style.PALETTE["black"], style.PALETTE["blue"]
    for yi, row, other in zip(y, table.itertuples(), alt, strict=True):
        ax.axhline(yi, color="#dddddd", linewidth=0.8, zorder=0)
        ax.plot(row.outcome, yi, marker="X", markersize=14, color=black, linestyle="none",
                zorder=4)
        ax.annotate("happened" if row.outcome else "did not happen", (row.outcome, yi),
                    xytext=(0, 11), textcoords="offset points", ha="center", fontsize=9)
        if int(other) != int(row.outcome):
            ax.plot(other, yi, marker="s", markersize=11, markerfacecolor="white",
                    markeredgecolor=black, markeredgewidth=1.5, linestyle="none", zorder=4)
            ax.annotate("yes, if local\nprotests count", (other, yi), xytext=(0, -13),
                        textcoords="offset points", ha="center", va="top", fontsize=8.5)
        if probabilities is not None:
            p = row.probability
            ax.plot([p, row.outcome], [yi, yi], color=blue, linewidth=2.5, zorder=2)
            ax.plot(p, yi, marker="o", markersize=10, color=blue, markeredgecolor="white",
                    linestyle="none", zorder=5)
            ax.annotate(f"{p:.2f}\n(error\u00b2 {row.squared_error:.2f})", (p, yi),
                        xytext=(0, -12), textcoords="offset points", ha="center", va="top",
                        fontsize=8.5, color=black)
    ax.axvline(0.5, color=style.PALETTE["grey"], linestyle=":", linewidth=1.2, zorder=1)
    labels = [
        textwrap.fill(f"{q}: {prop}", width=34, max_lines=4, placeholder=" \u2026")
        for q, prop in zip(table["question_id"], table["proposition"], strict=True)
    ]
    ax.set_yticks(y, labels, fontsize=9)
    ax.set_ylim(-0.8, n - 0.3)
    ax.set_xlim(-0.08, 1.08)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0\n(will not\nhappen)", "0.25", "0.5", "0.75",
                                          "1\n(will\nhappen)"])
    ax.set_xlabel("Probability that the proposition comes true")
    handles = [
        Line2D([], [], marker="X", color=black, linestyle="none", markersize=11,
               label="what happened (fact sheet)"),
    ]
    if (alt != table["outcome"]).any():
        handles.append(Line2D([], [], marker="s", markerfacecolor="white",
                              markeredgecolor=black, linestyle="none", markersize=9,
                              label="outcome if local protests count"))
    if probabilities is not None:
        handles.append(Line2D([], [], marker="o", color=blue, linewidth=2.5, markersize=9,
                              label=f"{label}, joined to the outcome"))
    ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0),
              ncol=len(handles), frameon=False, fontsize=9)
    if title is None:
        if probabilities is None:
            title = "The authors' three questions: what happened"
        else:
            score = brier_score(zip(table["probability"], table["outcome"], strict=True))
            title = (f"The three questions: {label} against what happened\n"
                     f"Brier score {score:.3f} (always saying 0.5 scores {BRIER_BASELINE})")
    ax.set_title(title, pad=24, fontsize=11)
    return fig


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
