"""Who said what, and when, about the use of force and its aftermath (Lesson 1).

One lane per kind of voice in the ``accountability`` table (the Kazakh authorities, rights
groups, the UN), time along the x axis. Each dated statement or finding is a marker whose shape
and colour give its topic, so that no meaning rests on colour alone; where a row has a figure,
it is written beside the marker ("1,000+" for a lower bound, "(claim)" for an interested
party's figure). Rows without a day are left out.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from csto_course import style

__all__ = ["LANES", "TOPIC_STYLE", "plot_voices", "voices_data"]

#: The lanes, top to bottom.
LANES: list[str] = ["Kazakh authorities", "rights groups", "UN"]

#: Marker of each topic: (marker, colour).
TOPIC_STYLE: dict[str, tuple[str, str]] = {
    "the order": ("s", style.PALETTE["vermillion"]),
    "excessive force": ("^", style.PALETTE["orange"]),
    "torture and deaths in custody": ("D", style.PALETTE["purple"]),
    "investigations and prosecutions": ("o", style.PALETTE["blue"]),
    "calls for investigation": ("v", style.PALETTE["green"]),
}


def _figure_label(figure: float, bound: object) -> str:
    if pd.isna(figure):
        return ""
    text = f"{int(figure):,}" if float(figure).is_integer() else f"{figure:g}"
    if str(bound) == "his claim":
        return text + " (claim)"
    return text + "+" if str(bound) == "at least" else text


def voices_data(table: pd.DataFrame) -> pd.DataFrame:
    """The dated rows the figure draws, oldest first.

    Columns: item_id, date, who_kind, topic, lane (0 = top), label (the figure as written on
    the chart, or empty).
    """
    rows = table.dropna(subset=["date"]).copy()
    rows["who_kind"] = rows["who_kind"].astype("string")
    rows = rows[rows["who_kind"].isin(LANES)]
    rows["lane"] = rows["who_kind"].map({k: i for i, k in enumerate(LANES)}).astype(int)
    rows["label"] = [_figure_label(f, b) for f, b in zip(rows["figure"], rows["bound"],
                                                        strict=True)]
    rows = rows.sort_values(["date", "item_id"], kind="stable")
    return rows[["item_id", "date", "who_kind", "topic", "lane", "label"]].reset_index(drop=True)


def plot_voices(table: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Markers on three lanes: who spoke about the force and its aftermath, when, on what."""
    shown = voices_data(table)
    if shown.empty:
        raise ValueError("no dated rows to draw")
    fig, ax = plt.subplots(figsize=(9, 4.2), layout="constrained")
    y_of = {i: len(LANES) - 1 - i for i in range(len(LANES))}
    for lane in range(len(LANES)):
        ax.axhline(y_of[lane], color=style.PALETTE["grey"], linewidth=0.6, zorder=0)
    seen_in_lane = dict.fromkeys(range(len(LANES)), 0)
    for row in shown.itertuples(index=False):
        marker, colour = TOPIC_STYLE.get(str(row.topic), ("x", style.PALETTE["black"]))
        y = y_of[int(row.lane)]
        ax.scatter(row.date, y, marker=marker, s=70, color=colour,
                   edgecolor=style.PALETTE["black"], linewidth=0.8, zorder=3)
        if row.label:  # labels alternate above and below the lane, so neighbours do not overlap
            above = seen_in_lane[int(row.lane)] % 2 == 0
            seen_in_lane[int(row.lane)] += 1
            claim = row.label.endswith("(claim)")  # set to the left, out of the way
            ax.annotate(row.label, (row.date, y),
                        xytext=(-8 if claim else 0, 9 if above else -15),
                        textcoords="offset points", ha="right" if claim else "center",
                        fontsize=9)
    ax.set_yticks([y_of[i] for i in range(len(LANES))], LANES)
    ax.set_ylim(-0.7, len(LANES) - 0.3)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.spines["left"].set_visible(False)
    used = [t for t in TOPIC_STYLE if t in set(shown["topic"].astype(str))]
    handles = [
        Line2D([], [], linestyle="", marker=TOPIC_STYLE[t][0], markersize=8,
               markerfacecolor=TOPIC_STYLE[t][1], markeredgecolor=style.PALETTE["black"],
               label=t)
        for t in used
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False,
              title="topic")
    ax.set_xlabel("Date of the statement or finding")
    ax.set_title(title or "Who said what about the use of force and its aftermath")
    return fig


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
