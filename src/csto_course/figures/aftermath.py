"""What happened after the commentary: a timeline of the ``aftermath`` table.

One row per dated item, from the top (earliest) to the bottom (latest), labelled on the left
with its day and a short description. The marker's shape and colour both show which of the
authors' questions the item bears on (Q1 new protests, Q2 the withdrawal, Q3 the power
struggle, or the commentary's thesis of more dependence on Moscow), and a dashed line marks
the day the commentary was published.
"""

from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from csto_course import style
from csto_course.facts import COMMENTARY_DATE, DAYS_PER_MONTH, months_after

__all__ = [
    "COMMENTARY_DATE",
    "DAYS_PER_MONTH",
    "QUESTION_STYLE",
    "aftermath_data",
    "months_after",
    "plot_aftermath",
]

#: Colour, marker and legend label of each value of ``aftermath.question``.
QUESTION_STYLE: dict[str, tuple[str, str, str]] = {
    "Q1 protests": (style.PALETTE["vermillion"], "o", "Q1: new protests?"),
    "Q2 withdrawal": (style.PALETTE["green"], "^", "Q2: complete withdrawal?"),
    "Q3 power struggle": (style.PALETTE["blue"], "s", "Q3: Tokayev v. Nazarbayev"),
    "thesis": (style.PALETTE["orange"], "D", "thesis: more dependence on Moscow?"),
}


def _day(ts: pd.Timestamp) -> str:
    return f"{ts.day} {ts:%b %Y}"


def _headline(description: str) -> str:
    """The description up to its first semicolon (the rest is detail), with a full stop."""
    head = description.split(";", 1)[0].strip().rstrip(".")
    return head + "."


def aftermath_data(
    aftermath: pd.DataFrame,
    *,
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
    questions: list[str] | None = None,
    width: int = 70,
) -> pd.DataFrame:
    """The dated aftermath items a timeline shows, earliest first.

    Keeps rows with a date between ``start`` and ``end`` (inclusive; either may be None) and,
    if given, in ``questions``; sorted by date, then ``item_id``. Adds ``months`` (months after
    the commentary, see :func:`months_after`) and ``label`` (``date_text`` and the description
    up to its first semicolon, wrapped at ``width`` characters).
    """
    shown = aftermath.loc[aftermath["date"].notna()].copy()
    shown["date"] = pd.to_datetime(shown["date"])
    if start is not None:
        shown = shown.loc[shown["date"] >= pd.Timestamp(start)]
    if end is not None:
        shown = shown.loc[shown["date"] <= pd.Timestamp(end)]
    if questions is not None:
        shown = shown.loc[shown["question"].astype("string").isin(questions).fillna(False)]
    shown = shown.sort_values(["date", "item_id"], kind="stable").reset_index(drop=True)
    shown["months"] = months_after(shown["date"])
    texts = shown["date_text"] if "date_text" in shown.columns else shown["date"].map(_day)
    shown["label"] = [
        textwrap.fill(f"{when}: {_headline(desc)}", width=width, max_lines=3, placeholder=" …")
        for when, desc in zip(texts.astype(str), shown["description"].astype(str), strict=True)
    ]
    return shown


def plot_aftermath(
    aftermath: pd.DataFrame,
    *,
    start: str | pd.Timestamp | None = "2022-01-01",
    end: str | pd.Timestamp | None = "2024-12-31",
    questions: list[str] | None = None,
    title: str | None = None,
) -> Figure:
    """A timeline of the aftermath items between ``start`` and ``end``, one row each."""
    shown = aftermath_data(aftermath, start=start, end=end, questions=questions)
    if shown.empty:
        raise ValueError("no dated aftermath items in that range")
    n = len(shown)
    fig, ax = plt.subplots(figsize=(11, 1.6 + 0.46 * n), layout="constrained")
    y = list(range(n))[::-1]
    for yi, date, question in zip(y, shown["date"], shown["question"].astype(str), strict=True):
        colour, marker, _ = QUESTION_STYLE.get(question, (style.PALETTE["grey"], "X", question))
        ax.axhline(yi, color="#dddddd", linewidth=0.6, zorder=0)
        ax.plot(
            date,
            yi,
            marker=marker,
            markersize=9,
            color=colour,
            markeredgecolor=style.PALETTE["black"],
            markeredgewidth=0.6,
            linestyle="none",
            zorder=3,
        )
    ax.set_yticks(y, shown["label"].tolist(), fontsize=8.5)
    ax.set_ylim(-0.8, n - 0.2)
    ax.axvline(COMMENTARY_DATE, color=style.PALETTE["black"], linestyle="--", linewidth=1)
    ax.annotate(
        f"commentary\n{_day(COMMENTARY_DATE)}",
        (COMMENTARY_DATE, n - 0.3),
        xytext=(4, 0),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=8.5,
    )
    lo = pd.Timestamp(start) if start is not None else shown["date"].min()
    hi = pd.Timestamp(end) if end is not None else shown["date"].max()
    ax.set_xlim(lo - pd.Timedelta(days=15), hi + pd.Timedelta(days=15))
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 7)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
    ax.set_xlabel("Date")
    used = [q for q in QUESTION_STYLE if q in set(shown["question"].astype(str))]
    handles = [
        Line2D(
            [],
            [],
            marker=QUESTION_STYLE[q][1],
            color=QUESTION_STYLE[q][0],
            markeredgecolor=style.PALETTE["black"],
            markeredgewidth=0.6,
            linestyle="none",
            markersize=9,
            label=QUESTION_STYLE[q][2],
        )
        for q in used
    ]
    ax.legend(
        handles=handles,
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncol=2,
        frameon=False,
        fontsize=9,
    )
    ax.set_title(
        title or "What happened next, by the authors' question it bears on", pad=40
    )
    return fig


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
