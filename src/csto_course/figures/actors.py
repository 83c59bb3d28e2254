"""Kazakhstan between the powers: its trade partners, and Russia's precedents on a time axis.

Two figures for Lesson 4 ("Consequences for Russia"):

- :func:`plot_trade_partners` shows the shares of Kazakhstan's exports and imports that went
  to, or came from, each partner the CIA World Factbook names (``indicators`` table), with the
  rest as "other partners": the economic side of a multi-vector foreign policy.
- :func:`plot_precedents` puts the earlier cases the authors compare Kazakhstan with (Syria
  2015, Belarus 2020, Armenia and Karabakh 2020) and the January 2022 deployment on one time
  axis (``background`` and ``events`` tables).
"""

from __future__ import annotations

import re

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from csto_course import style

__all__ = [
    "PRECEDENT_ITEMS",
    "plot_precedents",
    "plot_trade_partners",
    "precedents",
    "trade_partners",
]

_TRADE = re.compile(r"^share of (exports|imports) (?:to|from) (.+)$")

#: The precedents figure's cases: (case, the words a row's description must contain, a short
#: label in the course's words). Rows are found in ``background`` and ``events`` by their
#: words, not their ids, so renumbering the tables does not break the figure.
PRECEDENT_ITEMS: list[tuple[str, tuple[str, ...], str]] = [
    ("Syria 2015", ("Syria", "air strikes"),
     "Russian air campaign begins,\nat Assad's request"),
    ("Belarus 2020", ("Putin", "collective military pact"),
     "Putin offers help under the\ncollective military pact (reported)"),
    ("Armenia 2020", ("Karabakh", "peacekeepers"),
     "Russian peacekeepers sent to\nKarabakh after the ceasefire"),
    ("Kazakhstan 2022", ("first Russian units",),
     "First Russian units of the\nCSTO force arrive"),
]


# --------------------------------------------------------------------------------------
# Trade partners
# --------------------------------------------------------------------------------------


def trade_partners(indicators: pd.DataFrame, year: int = 2019) -> pd.DataFrame:
    """Kazakhstan's export and import partners in ``year``, with "other partners" added.

    Columns: direction ("exports" or "imports"), partner, share_pct, source_id. The partners
    named by the source come first (largest first); "other partners" is 100 minus their sum,
    computed here (its source_id is "computed").
    """
    ind = indicators[(indicators["subject"] == "Kazakhstan") & (indicators["year"] == year)]
    rows = []
    for row in ind.itertuples(index=False):
        m = _TRADE.match(str(row.measure))
        if m:
            rows.append({
                "direction": m.group(1),
                "partner": m.group(2),
                "share_pct": float(row.value),
                "source_id": str(row.source_id),
            })
    named = pd.DataFrame(rows, columns=["direction", "partner", "share_pct", "source_id"])
    out = []
    for direction in ("exports", "imports"):
        part = named[named["direction"] == direction].sort_values(
            ["share_pct", "partner"], ascending=[False, True], kind="stable"
        )
        if part.empty:
            continue
        other = {
            "direction": direction,
            "partner": "other partners",
            "share_pct": round(100 - float(part["share_pct"].sum()), 6),
            "source_id": "computed",
        }
        out.append(pd.concat([part, pd.DataFrame([other])], ignore_index=True))
    if not out:
        return named
    return pd.concat(out, ignore_index=True)


def plot_trade_partners(indicators: pd.DataFrame, year: int = 2019) -> Figure:
    """Two panels of horizontal bars: shares of exports and of imports by partner.

    Each partner keeps its colour and hatching in both panels (Russia vermillion and hatched,
    China blue and dotted, Italy orange and plain), "other partners" is grey and shown
    lighter; every bar is named on the axis and carries its share as text, so no legend is
    needed.
    """
    table = trade_partners(indicators, year)
    looks = {
        "Russia": (style.PALETTE["vermillion"], "//"),
        "China": (style.PALETTE["blue"], ".."),
        "Italy": (style.PALETTE["orange"], ""),
        "United Kingdom": (style.PALETTE["green"], "\\\\"),
        "other partners": (style.PALETTE["grey"], ""),
    }
    directions = [d for d in ("exports", "imports") if (table["direction"] == d).any()]
    sizes = [int((table["direction"] == d).sum()) for d in directions]
    fig, axes = plt.subplots(
        len(directions), 1, sharex=True, figsize=(8.5, 1.6 + 0.5 * sum(sizes)),
        height_ratios=sizes or None, layout="constrained", squeeze=False,
    )
    for ax, direction in zip(axes[:, 0], directions, strict=True):
        part = table[table["direction"] == direction].reset_index(drop=True)
        for i, row in part.iterrows():
            colour, hatch = looks.get(row["partner"], (style.PALETTE["purple"], "xx"))
            other = row["partner"] == "other partners"
            ax.barh(i, row["share_pct"], height=0.6, color=colour, hatch=hatch,
                    edgecolor="black", alpha=0.45 if other else 1.0)
            text = f"{row['share_pct']:.0f} %" + (" (rest, computed)" if other else "")
            ax.annotate(text, (row["share_pct"], i), xytext=(5, 0), textcoords="offset points",
                        va="center", fontsize=10)
        ax.set_yticks(range(len(part)), part["partner"].tolist())
        ax.set_ylim(len(part) - 0.5, -0.5)
        verb = "went to" if direction == "exports" else "came from"
        ax.set_title(f"Kazakhstan's {direction}, {year}: share that {verb} each partner",
                     fontsize=11, loc="left")
    axes[-1, 0].set_xlim(0, 100)
    axes[-1, 0].set_xlabel("Share of the total (%)")
    fig.suptitle("Kazakhstan's main trade partners (CIA World Factbook)")
    return fig


# --------------------------------------------------------------------------------------
# Precedents
# --------------------------------------------------------------------------------------


def precedents(background: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The earlier cases the authors cite and the Kazakhstan deployment, in date order.

    Columns: item_id, date, case, label (the course's short words), description (the
    dataset's), source_id. Each case of :data:`PRECEDENT_ITEMS` is the first dated row of
    ``background`` or ``events`` whose description contains all its words (any case).
    """
    b = background[["item_id", "date", "description", "source_id"]]
    e = events[["event_id", "date", "description", "source_id"]].rename(
        columns={"event_id": "item_id"}
    )
    both = pd.concat([b, e], ignore_index=True).dropna(subset=["date"])
    text = both["description"].astype(str).str.lower()
    rows = []
    for case, words, label in PRECEDENT_ITEMS:
        hit = pd.Series(True, index=both.index)
        for word in words:
            hit &= text.str.contains(word.lower(), regex=False)
        if not hit.any():
            raise ValueError(f"no dated row of background/events mentions {words} ({case})")
        row = both[hit].sort_values(["date", "item_id"], kind="stable").iloc[0]
        rows.append({
            "item_id": row["item_id"],
            "date": row["date"],
            "case": case,
            "label": label.replace("\n", " "),
            "description": row["description"],
            "source_id": row["source_id"],
        })
    out = pd.DataFrame(rows)
    return out.sort_values(["date", "item_id"], kind="stable").reset_index(drop=True)


_LABELS = {case: label for case, _, label in PRECEDENT_ITEMS}


def plot_precedents(background: pd.DataFrame, events: pd.DataFrame) -> Figure:
    """The precedents on one time axis: a stem, a distinct marker and a label for each case."""
    table = precedents(background, events)
    markers = ["o", "s", "^", "D", "v", "P"]
    colours = [style.PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "purple")]
    fig, ax = plt.subplots(figsize=(10, 4.2), layout="constrained")
    sides = [1.0 if i % 2 == 0 else -1.0 for i in range(len(table))]
    dates = [pd.Timestamp(d) for d in table["date"]]
    align = ["center"] * len(table)
    for i in range(2, len(table)):  # two labels on one side too close: push them apart
        if (dates[i] - dates[i - 2]).days < 800:
            align[i - 2], align[i] = "right", "left"
    for i, row in table.iterrows():
        date, h = dates[i], sides[i]
        ax.plot([date, date], [0, h * 0.75], color="black", linewidth=1, zorder=1)
        ax.plot(date, 0, marker=markers[i % len(markers)], markersize=12, linestyle="none",
                color=colours[i % len(colours)], markeredgecolor="black", zorder=3)
        day = f"{date.day} {date:%B %Y}"
        text = f"{row['case']}\n{day}\n{_LABELS[row['case']]}"
        ax.annotate(text, (date, h * 0.78), ha=align[i], va="bottom" if h > 0 else "top",
                    fontsize=9.5, multialignment=align[i] if align[i] != "center" else "center")
    ax.axhline(0, color=style.PALETTE["grey"], linewidth=2, zorder=0)
    start = pd.Timestamp(table["date"].min().year, 1, 1)
    end = pd.Timestamp(table["date"].max().year + 1, 1, 1)
    ax.set_xlim(start - pd.Timedelta(days=250), end + pd.Timedelta(days=500))
    ax.set_ylim(-2.3, 2.3)
    ax.yaxis.set_visible(False)
    ax.spines["left"].set_visible(False)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_xlabel("Year")
    ax.set_title("The earlier cases the authors compare with Kazakhstan, on one time axis")
    return fig


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
