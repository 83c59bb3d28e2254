"""How a toll (the dead, the detained) was reported and revised: one bar per figure, in order.

Each bar is one figure of the ``tolls`` table for one measure, in the order the figures were
published. The bar's fill says what kind of figure it is (official; reported then withdrawn;
the commentary's), by hatching as well as colour, and a dashed line marks the day the
commentary was published, so figures known to the authors stand apart from later ones.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from csto_course import style
from csto_course.facts import COMMENTARY_DATE

__all__ = ["COMMENTARY_DATE", "STATUS_STYLE", "plot_toll", "toll_data"]

#: Fill of the bars by status: (face colour, hatch, legend label).
STATUS_STYLE: dict[str, tuple[str, str, str]] = {
    "official": (style.PALETTE["blue"], "", "official figure"),
    "commentary": (style.PALETTE["sky_blue"], "..", "the commentary's figure"),
    "reported then withdrawn": ("white", "//", "reported, then withdrawn"),
}

_STATUS_ORDER = {"reported then withdrawn": 0, "commentary": 1, "official": 2}


def _day(ts: pd.Timestamp) -> str:
    return f"{ts.day} {ts:%b %Y}"


def toll_data(tolls: pd.DataFrame, measure: str = "deaths") -> pd.DataFrame:
    """The figures for one ``measure`` in the order they were published.

    Sorted by date (figures of the same day: withdrawn, then commentary, then official, then
    by value). Columns: toll_id, date, value, value_text, status, authority, note, source_id
    (those the table has), and ``label`` (the text under the bar: the date, and the status
    where it is not "official").
    """
    rows = tolls.loc[tolls["measure"].astype("string") == measure].copy()
    rows["status"] = rows["status"].astype("string")
    rows["_order"] = rows["status"].map(_STATUS_ORDER).fillna(3)
    rows = rows.sort_values(["date", "_order", "value"], kind="stable").drop(columns="_order")
    labels = []
    for date, status in zip(rows["date"], rows["status"], strict=True):
        label = _day(pd.Timestamp(date))
        if status == "commentary":
            label += "\n(commentary)"
        elif status == "reported then withdrawn":
            label += "\n(withdrawn)"
        labels.append(label)
    rows["label"] = labels
    columns = [
        c
        for c in (
            "toll_id",
            "date",
            "value",
            "value_text",
            "status",
            "authority",
            "note",
            "source_id",
            "label",
        )
        if c in rows.columns
    ]
    return rows[columns].reset_index(drop=True)


def plot_toll(
    tolls: pd.DataFrame,
    measure: str = "deaths",
    *,
    title: str | None = None,
    ylabel: str | None = None,
    commentary_date: pd.Timestamp | str = COMMENTARY_DATE,
) -> Figure:
    """Bars of the figures for ``measure`` (e.g. "deaths", "detained"), oldest first.

    Each bar is labelled with its value; a dashed line separates the figures published up to
    ``commentary_date`` from the later ones.
    """
    shown = toll_data(tolls, measure)
    if shown.empty:
        raise ValueError(f"no figures for the measure {measure!r}")
    cutoff = pd.Timestamp(commentary_date)

    fig, ax = plt.subplots(figsize=(9, 4.8), layout="constrained")
    x = list(range(len(shown)))
    texts = shown["value_text"] if "value_text" in shown.columns else shown["value"]
    for i, (value, status, said) in enumerate(
        zip(shown["value"], shown["status"], texts, strict=True)
    ):
        face, hatch, _ = STATUS_STYLE.get(str(status), (style.PALETTE["grey"], "xx", str(status)))
        ax.bar(
            i,
            value,
            width=0.65,
            color=face,
            hatch=hatch,
            edgecolor=style.PALETTE["black"],
            linewidth=1,
        )
        ax.annotate(
            str(said) if isinstance(said, str) and said.strip() else f"{int(value):,}",
            (i, value),
            xytext=(0, 4),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=11,
            fontweight="bold",
        )
    ax.set_xticks(x, shown["label"].tolist())
    ax.set_xlim(-0.6, len(shown) - 0.4)
    top = float(shown["value"].max())
    ax.set_ylim(0, top * 1.22)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{int(v):,}"))

    before = int((shown["date"] <= cutoff).sum())
    if 0 < before < len(shown):
        ax.axvline(before - 0.5, color=style.PALETTE["black"], linestyle="--", linewidth=1)
        ax.annotate(
            f"commentary published\n{_day(cutoff)}",
            (before - 0.5, top * 1.2),
            xytext=(-4, 0),
            textcoords="offset points",
            ha="right",
            va="top",
            fontsize=9.5,
        )
        ax.annotate(
            "later figures",
            (before - 0.5, top * 1.2),
            xytext=(4, 0),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=9.5,
        )

    used = [s for s in STATUS_STYLE if s in set(shown["status"])]
    handles = [
        Patch(
            facecolor=STATUS_STYLE[s][0],
            hatch=STATUS_STYLE[s][1],
            edgecolor=style.PALETTE["black"],
            label=STATUS_STYLE[s][2],
        )
        for s in used
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    noun = {"deaths": "people killed", "detained": "people detained"}.get(measure, measure)
    ax.set_ylabel(ylabel or f"Number of {noun}")
    ax.set_xlabel("Date the figure was published")
    ax.set_title(title or f"The reported number of {noun}, figure by figure")
    return fig


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
