"""The uprisings Moscow calls colour revolutions, on a time axis, with Moscow's response.

The ``uprisings`` table gives, for each uprising, its start and end dates where the sources
give them (``date_text`` always says what is known), the wave it belongs to, Russia's
response in the course's words and the date of that response where a source gives one.

:func:`response_days` returns the days from the start of the protests to Moscow's response
(missing where either date is unknown); :func:`plot_uprisings` draws one row per uprising on
a common time axis and writes the gap in days beside each row where it is known.
"""

from __future__ import annotations

import re

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from csto_course import style

__all__ = ["approximate_start", "plot_uprisings", "response_days"]

_MONTHS = {
    name: i
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}


def approximate_start(row: pd.Series) -> tuple[pd.Timestamp, bool]:
    """Where to place an uprising on the axis, and whether its start date is exact.

    The ``start_date`` when there is one; otherwise the first month (or year) named in
    ``date_text`` ("2004-11/2005-01", "November 2004", "2004"), at the first of that month.
    Returns ``(NaT, False)`` when neither says anything usable.
    """
    start = row.get("start_date")
    if start is not None and not pd.isna(start):
        return pd.Timestamp(start), True
    text = str(row.get("date_text") or "")
    m = re.search(r"(\d{4})-(\d{2})", text)
    if m:
        return pd.Timestamp(int(m.group(1)), int(m.group(2)), 1), False
    for m in re.finditer(r"([A-Za-z]+)\.?\s+(\d{4})", text):
        if m.group(1).lower() in _MONTHS:
            return pd.Timestamp(int(m.group(2)), _MONTHS[m.group(1).lower()], 1), False
    m = re.search(r"(\d{4})", text)
    if m:
        return pd.Timestamp(int(m.group(1)), 1, 1), False
    return pd.NaT, False


def response_days(uprisings: pd.DataFrame) -> pd.DataFrame:
    """Days from the start of each uprising to Moscow's response, in date order.

    Columns: uprising_id, name, country, start_date, response_date, russian_response,
    days_to_response (``Int64``; missing where the start or the response date is unknown).
    """
    out = uprisings[
        ["uprising_id", "name", "country", "start_date", "response_date", "russian_response"]
    ].copy()
    gap = (out["response_date"] - out["start_date"]).dt.days
    out["days_to_response"] = gap.astype("Int64")
    placed = uprisings.apply(lambda r: approximate_start(r)[0], axis=1)
    out = out.assign(_placed=placed.values)
    out = out.sort_values(["_placed", "uprising_id"], kind="stable").drop(columns="_placed")
    return out.reset_index(drop=True)


def _label(row: pd.Series) -> str:
    """"Georgia 2003: Rose Revolution" (the year of the start, exact or approximate)."""
    year = "" if pd.isna(row["_x"]) else f" {pd.Timestamp(row['_x']).year}"
    return f"{row['country']}{year}: {row['name']}"


def plot_uprisings(
    uprisings: pd.DataFrame,
    *,
    title: str = "Uprisings Moscow calls colour revolutions, and how fast it responded",
    first_wave: tuple[str, str] | None = ("2003-01-01", "2005-12-31"),
) -> Figure:
    """One row per uprising on a time axis; a diamond where Moscow's response is dated.

    A bar runs from the start to the end of the protests where both dates are known; a filled
    circle marks a known start, an open square a start known only to the month or year. A
    vermillion diamond marks a dated Russian response, and the text beside each row gives the
    days from the start to the response, or says that the sources give no date for one.
    ``first_wave`` shades the years of the first wave (None: no shading).
    """
    table = uprisings.reset_index(drop=True).copy()
    placed = [approximate_start(row) for _, row in table.iterrows()]
    table["_x"] = [p[0] for p in placed]
    table["_exact"] = [p[1] for p in placed]
    table = table.sort_values(["_x", "uprising_id"], kind="stable").reset_index(drop=True)
    n = len(table)
    fig, (ax, side) = plt.subplots(
        1, 2, sharey=True, figsize=(10.5, 1.6 + 0.62 * n), width_ratios=[2.6, 1],
        layout="constrained",
    )
    event_colour, response_colour = style.PALETTE["blue"], style.PALETTE["vermillion"]

    if first_wave is not None:
        ax.axvspan(pd.Timestamp(first_wave[0]), pd.Timestamp(first_wave[1]),
                   color=style.PALETTE["grey"], alpha=0.18, zorder=0)
    for i, row in table.iterrows():
        x, exact = row["_x"], row["_exact"]
        if pd.isna(x):
            side.text(0, i, "date not known", va="center", fontsize=9.5)
            continue
        end = row.get("end_date")
        if exact and end is not None and not pd.isna(end) and end > x:
            ax.plot([x, end], [i, i], color=event_colour, linewidth=6, solid_capstyle="butt",
                    zorder=2)
        ax.plot(x, i, marker="o" if exact else "s", markersize=8, linestyle="none",
                markerfacecolor=event_colour if exact else "white",
                markeredgecolor=event_colour, markeredgewidth=2, zorder=3)
        response = row.get("response_date")
        has_response = response is not None and not pd.isna(response)
        if has_response:
            ax.plot(response, i, marker="D", markersize=9, linestyle="none",
                    color=response_colour, markeredgecolor="black", zorder=4)
        if has_response and exact:
            days = int((pd.Timestamp(response) - pd.Timestamp(x)).days)
            note = f"response after {days} day{'s' if days != 1 else ''}"
        elif has_response:
            note = "response dated;\nstart date not exact"
        else:
            note = "no dated Russian\nresponse in the sources"
        side.text(0, i, note, va="center", fontsize=9.5,
                  fontweight="bold" if has_response and exact else "normal")
    side.set_xlim(0, 1)
    side.axis("off")
    side.set_title("Start to response", fontsize=10.5, loc="left")

    ax.set_yticks(range(n), [_label(row) for _, row in table.iterrows()])
    ax.set_ylim(n - 0.5, -0.5)
    xs = [x for x in table["_x"] if not pd.isna(x)]
    if xs:
        left = min(pd.Timestamp(min(xs).year - 1, 1, 1), pd.Timestamp("2002-01-01"))
        right_edge = pd.Timestamp(max(xs).year + 1, 7, 1)
        ax.set_xlim(left, right_edge)
    ax.xaxis.set_major_locator(mdates.YearLocator(2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_xlabel("Year")
    ax.grid(axis="x", color=style.PALETTE["grey"], alpha=0.3)
    fig.suptitle(title)
    handles = [
        Line2D([], [], marker="o", linestyle="-", linewidth=4, color=event_colour,
               markersize=8, label="protests: start (and span, where the end is known)"),
        Line2D([], [], marker="s", linestyle="none", markerfacecolor="white",
               markeredgecolor=event_colour, markeredgewidth=2, markersize=8,
               label="start known only to the month or year"),
        Line2D([], [], marker="D", linestyle="none", color=response_colour,
               markeredgecolor="black", markersize=8, label="Moscow's response (dated)"),
    ]
    if first_wave is not None:
        handles.append(Patch(facecolor=style.PALETTE["grey"], alpha=0.35,
                             label="first wave, 2003\u20132005"))
    fig.legend(handles=handles, loc="outside lower center", ncol=2, frameon=False, fontsize=9)
    return fig


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
