"""China's gas imports in 2021: how much came from Kazakhstan, and how much only crossed it.

The commentary says China "receives one-fifth of its gas" from Kazakhstan. The ``indicators``
table holds the EIA's figures for 2021 (billion cubic feet a day, Bcf/d): total imports,
LNG, pipeline imports and the pipeline imports from Kazakhstan, Turkmenistan and Uzbekistan.
Gas from Turkmenistan and Uzbekistan reaches China through pipelines that cross Kazakhstan,
so there are two readings of "from Kazakhstan": gas produced there, and gas that crosses it.
:func:`gas_shares` computes both from the volumes; :func:`plot_gas_shares` draws them.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from csto_course import style
from csto_course.facts import COMMENTARY_GAS_SHARE as COMMENTARY_SHARE
from csto_course.facts import GAS_MEASURES as MEASURES
from csto_course.facts import gas_shares_of_imports, gas_volumes

__all__ = [
    "COMMENTARY_SHARE",
    "MEASURES",
    "gas_shares",
    "gas_volumes",
    "plot_gas_shares",
]

def gas_shares(indicators: pd.DataFrame, year: int = 2021) -> pd.DataFrame:
    """China's gas imports by where they come from, with each part's share of all imports.

    One row per part: LNG; pipeline gas from Turkmenistan, Uzbekistan and Kazakhstan; other
    pipeline gas (the rest of the pipeline imports, not broken down in the data). Columns:
    ``part``, ``bcf_per_day``, ``share_of_imports`` (percent), ``produced_in_kazakhstan`` and
    ``crosses_kazakhstan`` (bool). Sorted from the largest part to the smallest.
    """
    v = gas_volumes(indicators, year)
    central_asia = v["kazakhstan"] + v["turkmenistan"] + v["uzbekistan"]
    parts = [
        ("LNG (by sea)", v["lng"], False, False),
        ("pipeline: Turkmenistan", v["turkmenistan"], False, True),
        ("pipeline: other (not broken down)", round(v["pipeline"] - central_asia, 6), False, False),
        ("pipeline: Kazakhstan", v["kazakhstan"], True, True),
        ("pipeline: Uzbekistan", v["uzbekistan"], False, True),
    ]
    table = pd.DataFrame(
        parts,
        columns=["part", "bcf_per_day", "produced_in_kazakhstan", "crosses_kazakhstan"],
    )
    table["share_of_imports"] = (table["bcf_per_day"] / v["imports"] * 100).round(1)
    table = table[
        ["part", "bcf_per_day", "share_of_imports", "produced_in_kazakhstan", "crosses_kazakhstan"]
    ]
    return table.sort_values("bcf_per_day", ascending=False, kind="stable").reset_index(drop=True)


def plot_gas_shares(indicators: pd.DataFrame, year: int = 2021) -> Figure:
    """Two panels: China's imports by origin (left), and the two readings against 20 % (right)."""
    parts = gas_shares(indicators, year)
    shares = gas_shares_of_imports(gas_volumes(indicators, year))
    fig, (left, right) = plt.subplots(
        1, 2, figsize=(11, 4.6), layout="constrained", gridspec_kw={"width_ratios": [1.35, 1]}
    )

    # Left: each part of the imports, hatched if it crosses Kazakhstan.
    y = list(range(len(parts)))[::-1]
    for yi, row in zip(y, parts.itertuples(), strict=True):
        if row.produced_in_kazakhstan:
            face, hatch = style.PALETTE["vermillion"], ""
        elif row.crosses_kazakhstan:
            face, hatch = style.PALETTE["orange"], "//"
        else:
            face, hatch = style.PALETTE["grey"], ""
        left.barh(yi, row.share_of_imports, color=face, hatch=hatch, height=0.6,
                  edgecolor=style.PALETTE["black"], linewidth=0.8)
        left.annotate(
            f"{row.share_of_imports:.1f}% ({row.bcf_per_day:g} Bcf/d)",
            (row.share_of_imports, yi),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
        )
    left.set_yticks(y, parts["part"].tolist())
    left.set_xlim(0, max(parts["share_of_imports"]) * 1.45)
    left.set_xlabel(f"Share of China's gas imports in {year} (%)")
    left.set_title(f"China's gas imports, {year}, by where they come from")
    left.legend(
        handles=[
            Patch(facecolor=style.PALETTE["vermillion"], edgecolor=style.PALETTE["black"],
                  label="produced in Kazakhstan"),
            Patch(facecolor=style.PALETTE["orange"], hatch="//", edgecolor=style.PALETTE["black"],
                  label="produced elsewhere, crosses Kazakhstan"),
            Patch(facecolor=style.PALETTE["grey"], edgecolor=style.PALETTE["black"],
                  label="does not cross Kazakhstan"),
        ],
        loc="lower right",
        frameon=False,
        fontsize=9,
    )

    # Right: the two readings of "from Kazakhstan" against the commentary's one-fifth.
    labels = ["produced in\nKazakhstan", "crosses\nKazakhstan"]
    values = [shares["produced"], shares["crossing"]]
    faces = [style.PALETTE["vermillion"], style.PALETTE["orange"]]
    hatches = ["", "//"]
    for xi, (value, face, hatch) in enumerate(zip(values, faces, hatches, strict=True)):
        right.bar(xi, value, color=face, hatch=hatch, width=0.55,
                  edgecolor=style.PALETTE["black"], linewidth=0.8)
        right.annotate(f"{value:.1f}%", (xi, value), xytext=(0, 4), textcoords="offset points",
                       ha="center", va="bottom", fontsize=11, fontweight="bold")
    right.axhline(COMMENTARY_SHARE, color=style.PALETTE["black"], linestyle="--", linewidth=1.2)
    right.annotate(
        "the commentary's\n\u201cone-fifth\u201d (20%)",
        (-0.55, COMMENTARY_SHARE),
        xytext=(0, 4),
        textcoords="offset points",
        ha="left",
        va="bottom",
        fontsize=9,
    )
    right.set_xticks(range(2), labels)
    right.set_xlim(-0.6, 1.6)
    right.set_ylim(0, 32)
    right.set_ylabel(f"Share of China's gas imports, {year} (%)")
    right.set_title("Two readings of \u201cgas from Kazakhstan\u201d")
    return fig


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
