"""A timeline of events: one row per event, a marker on its day, a bar for its duration.

Each row is labelled on the left with the event's description (and its place), so the reader
can follow the story from top to bottom. The marker's shape and colour both show the
event's category, and the legend names them.
"""

from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from csto_course import style

__all__ = ["CATEGORY_STYLE", "plot_timeline", "timeline_data"]

#: Colour and marker of each category of the ``events`` table.
CATEGORY_STYLE: dict[str, tuple[str, str]] = {
    "economy": (style.PALETTE["orange"], "D"),
    "protest": (style.PALETTE["vermillion"], "o"),
    "government": (style.PALETTE["blue"], "s"),
    "security": (style.PALETTE["black"], "X"),
    "csto": (style.PALETTE["green"], "^"),
    "casualties": (style.PALETTE["purple"], "v"),
    "international": (style.PALETTE["sky_blue"], "P"),
}


def _tick(x: float, same_month: bool) -> str:
    """A day tick: "6" within one month, else "6 Jan" (portable, unlike ``%-d``)."""
    day = mdates.num2date(x)
    return str(day.day) if same_month else f"{day.day} {day:%b}"


def timeline_data(
    events: pd.DataFrame,
    places: pd.DataFrame | None = None,
    *,
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
    width: int = 68,
) -> pd.DataFrame:
    """The events a timeline shows, in the order it shows them (top to bottom).

    Keeps events that start between ``start`` and ``end`` (inclusive; either may be None),
    sorted by date then by ``event_id``. Adds ``place`` (the place's name from ``places``
    where given, else empty) and ``label`` (day, place and description, wrapped at ``width``
    characters).
    """
    shown = events.loc[events["date"].notna()].copy()
    shown["date"] = pd.to_datetime(shown["date"])
    if "end_date" in shown.columns:
        shown["end_date"] = pd.to_datetime(shown["end_date"])
    else:
        shown["end_date"] = pd.NaT
    if start is not None:
        shown = shown.loc[shown["date"] >= pd.Timestamp(start)]
    if end is not None:
        shown = shown.loc[shown["date"] <= pd.Timestamp(end)]
    sort_by = ["date", "event_id"] if "event_id" in shown.columns else ["date"]
    shown = shown.sort_values(sort_by, kind="stable").reset_index(drop=True)

    names: dict[str, str] = {}
    if places is not None and {"place_id", "name"} <= set(places.columns):
        names = {str(k): str(v) for k, v in zip(places["place_id"], places["name"], strict=True)}
    if "place_id" in shown.columns:
        shown["place"] = [
            "" if pd.isna(p) else names.get(str(p), str(p)) for p in shown["place_id"]
        ]
    else:
        shown["place"] = ""

    labels = []
    for date, place, text in zip(shown["date"], shown["place"], shown["description"], strict=True):
        head = f"{date.day} {date:%b}"
        if place:
            head += f", {place}"
        labels.append(textwrap.fill(f"{head}: {text}", width=width))
    shown["label"] = labels
    columns = [
        c
        for c in (
            "event_id",
            "date",
            "end_date",
            "place_id",
            "place",
            "category",
            "description",
            "label",
            "source_id",
        )
        if c in shown.columns
    ]
    return shown[columns]


def plot_timeline(
    events: pd.DataFrame,
    places: pd.DataFrame | None = None,
    *,
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
    title: str = "The January 2022 events, day by day",
    width: int = 68,
) -> Figure:
    """Draw :func:`timeline_data`: a row per event, the first at the top.

    An event with an ``end_date`` gets a bar from its start to its end. Days run along the
    bottom axis, one tick a day.
    """
    shown = timeline_data(events, places, start=start, end=end, width=width)
    if shown.empty:
        raise ValueError("no events to show in this date range")
    lines = sum(label.count("\n") + 1 for label in shown["label"])
    height = max(3.0, 1.0 + 0.19 * lines + 0.08 * len(shown))
    fig, ax = plt.subplots(figsize=(11, height), layout="constrained")

    y = list(range(len(shown)))
    used: list[str] = []
    for i, row in enumerate(shown.itertuples(index=False)):
        category = str(row.category)
        colour, marker = CATEGORY_STYLE.get(category, (style.PALETTE["grey"], "o"))
        ax.axhline(i, color="#dddddd", linewidth=0.6, zorder=0)
        if not pd.isna(row.end_date) and row.end_date > row.date:
            ax.plot(
                [row.date, row.end_date],
                [i, i],
                color=colour,
                linewidth=5,
                solid_capstyle="butt",
                alpha=0.6,
                zorder=2,
            )
        ax.plot(
            row.date,
            i,
            marker=marker,
            markersize=10,
            color=colour,
            markeredgecolor="black",
            markeredgewidth=0.7,
            linestyle="none",
            zorder=3,
            label=category if category not in used else None,
        )
        if category not in used:
            used.append(category)

    ax.set_yticks(y, shown["label"].tolist(), fontsize=9)
    ax.set_ylim(len(shown) - 0.5, -0.5)  # the first event at the top
    first = shown["date"].min()
    last = max(
        shown["date"].max(),
        shown["end_date"].max(skipna=True)
        if shown["end_date"].notna().any()
        else shown["date"].max(),
    )
    ax.set_xlim(first - pd.Timedelta(days=0.7), last + pd.Timedelta(days=0.7))
    span_days = (last - first).days
    interval = 1 if span_days <= 21 else max(1, span_days // 14)
    ax.xaxis.set_major_locator(mdates.DayLocator(interval=interval))
    same_month = (first.year, first.month) == (last.year, last.month)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: _tick(x, same_month)))
    ax.tick_params(axis="x", labelsize=9)
    ax.grid(axis="x", color="#eeeeee", linewidth=0.6)
    ax.set_xlabel(f"Day ({first:%B %Y})" if same_month else "Day")
    ax.set_title(title)
    handles, names = ax.get_legend_handles_labels()
    ax.legend(
        handles, names, title="Category", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False
    )
    return fig


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
