"""Kazakhstan's land borders: how long each one is and what share of the total it makes up.

The ``borders`` table gives each neighbour's land border with Kazakhstan in kilometres (CIA
World Factbook). :func:`border_shares` adds each border's share of the total;
:func:`plot_borders` draws them as horizontal bars, with one neighbour (Russia by default)
set apart by colour *and* hatching and every bar labelled with its length and share.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from csto_course import style

__all__ = ["border_shares", "plot_borders"]


def border_shares(borders: pd.DataFrame) -> pd.DataFrame:
    """Each land border, longest first, with its share of the total length in per cent.

    Columns: neighbour, length_km (int), share_pct (float, not rounded).
    """
    out = borders[["neighbour", "length_km"]].copy()
    out["neighbour"] = out["neighbour"].astype(str)
    out["length_km"] = out["length_km"].astype("int64")
    total = int(out["length_km"].sum())
    out["share_pct"] = 100 * out["length_km"] / total
    out = out.sort_values(["length_km", "neighbour"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)


def plot_borders(
    borders: pd.DataFrame,
    *,
    highlight: str = "Russia",
    title: str | None = None,
) -> Figure:
    """Horizontal bars of Kazakhstan's land borders, longest on top, ``highlight`` set apart.

    Each bar is labelled with its length in km and its share of the total. The highlighted
    neighbour is vermillion and hatched; the others are sky blue and plain.
    """
    shares = border_shares(borders)
    total = int(shares["length_km"].sum())
    n = len(shares)
    fig, ax = plt.subplots(figsize=(8.5, 1.2 + 0.55 * n), layout="constrained")
    other_colour, main_colour = style.PALETTE["sky_blue"], style.PALETTE["vermillion"]
    y = list(range(n))
    for i, row in enumerate(shares.itertuples(index=False)):
        special = row.neighbour == highlight
        ax.barh(
            i,
            row.length_km,
            height=0.6,
            color=main_colour if special else other_colour,
            hatch="//" if special else "",
            edgecolor="black",
        )
        ax.annotate(
            f"{row.length_km:,} km ({row.share_pct:.1f} %)",
            (row.length_km, i),
            xytext=(5, 0),
            textcoords="offset points",
            va="center",
            fontsize=10,
            fontweight="bold" if special else "normal",
        )
    ax.set_yticks(y, shares["neighbour"].tolist())
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xlim(0, float(shares["length_km"].max()) * 1.32)
    ax.set_xlabel(f"Length of the land border (km; all borders together: {total:,} km)")
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda x, _: f"{int(x):,}"))
    if title is None:
        picked = shares.loc[shares["neighbour"] == highlight, "share_pct"]
        if len(picked):
            title = (
                f"Kazakhstan's land borders: {highlight} accounts for "
                f"{float(picked.iloc[0]):.1f} % of the total"
            )
        else:
            title = "Kazakhstan's land borders"
    ax.set_title(title)
    ax.legend(
        handles=[
            Patch(facecolor=main_colour, hatch="//", edgecolor="black", label=highlight),
            Patch(facecolor=other_colour, edgecolor="black", label="other neighbours"),
        ],
        loc="lower right",
        frameon=False,
    )
    return fig


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
