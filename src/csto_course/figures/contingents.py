"""The CSTO contingents of January 2022: the figures reported per country against the totals.

The per-country numbers the commentary cites are press reports; official totals were given
only for the whole force. The figure puts both on one scale: the top panel shows each
country's reported figure (and an official national figure where there is one), the bottom
panel the sum of the reported figures beside each official total (a range where the source
gave one).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from csto_course import style

__all__ = [
    "REPORTED",
    "TOTAL",
    "contingent_comparison",
    "official_totals",
    "reported_by_country",
    "plot_contingents",
]

#: The ``figure_kind`` of the per-country figures the commentary cites.
REPORTED = "reported in commentary"
#: The ``figure_kind`` of the official totals for the whole force.
TOTAL = "official total"


def _day(ts: object) -> str:
    stamp = pd.Timestamp(ts)
    return "date unknown" if pd.isna(stamp) else f"{stamp.day} {stamp:%b %Y}"


def reported_by_country(contingents: pd.DataFrame) -> pd.DataFrame:
    """The per-country figures the commentary cites, largest first.

    Columns: country, troops_low, troops_high, date, source_id, and, where the table has
    another number for the same country, ``official_national`` (an official national figure)
    and ``early_report`` (an early press report); NA where it has none.
    """
    kind = contingents["figure_kind"].astype("string")
    country = contingents["country"].astype("string")
    rows = contingents.loc[(kind == REPORTED) & (country != "CSTO total")]
    out = rows[["country", "troops_low", "troops_high", "date", "source_id"]].copy()
    out["country"] = out["country"].astype("string")
    for column, wanted in (
        ("official_national", "official national"),
        ("early_report", "early report"),
    ):
        other = contingents.loc[(kind == wanted) & contingents["troops_low"].notna()]
        by_country = dict(zip(other["country"].astype("string"), other["troops_low"], strict=True))
        out[column] = pd.array([by_country.get(c, pd.NA) for c in out["country"]], dtype="Int64")
    return out.sort_values(
        ["troops_low", "country"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)


def official_totals(contingents: pd.DataFrame) -> pd.DataFrame:
    """The official totals for the whole force, in date order.

    Columns: figure_id, troops_low, troops_high, figure_text, date, source_id, note.
    """
    kind = contingents["figure_kind"].astype("string")
    rows = contingents.loc[kind == TOTAL]
    columns = [
        c
        for c in (
            "figure_id",
            "troops_low",
            "troops_high",
            "figure_text",
            "date",
            "source_id",
            "note",
        )
        if c in rows.columns
    ]
    return rows[columns].sort_values(["date", "figure_id"], kind="stable").reset_index(drop=True)


def contingent_comparison(contingents: pd.DataFrame) -> pd.DataFrame:
    """The bars of the bottom panel: the sum of the reported figures, then each official total.

    Columns: label, troops_low, troops_high, kind ("sum of reported" or "official total").
    """
    reported = reported_by_country(contingents)
    rows = [
        {
            "label": "Sum of the reported\nper-country figures",
            "troops_low": int(reported["troops_low"].sum()),
            "troops_high": int(reported["troops_high"].sum()),
            "kind": "sum of reported",
        }
    ]
    for total in official_totals(contingents).itertuples(index=False):
        said = getattr(total, "figure_text", None)
        said = f"'{said}'" if isinstance(said, str) and said.strip() else "official total"
        rows.append(
            {
                "label": f"Official total, {_day(total.date)}\n{said}",
                "troops_low": int(total.troops_low),
                "troops_high": int(total.troops_high),
                "kind": TOTAL,
            }
        )
    return pd.DataFrame(rows)


def plot_contingents(
    contingents: pd.DataFrame,
    *,
    title: str = "CSTO troops in Kazakhstan: reported per country vs official totals",
    total_labels: list[str] | None = None,
) -> Figure:
    """Two panels on one scale: reported figures by country; their sum vs official totals.

    ``total_labels`` replaces the labels of the official totals (in date order), e.g. with
    the name of who gave each figure.
    """
    reported = reported_by_country(contingents)
    comparison = contingent_comparison(contingents)
    if total_labels is not None:
        officials = comparison.index[comparison["kind"] == TOTAL]
        for i, label in zip(officials, total_labels, strict=False):
            comparison.loc[i, "label"] = label
    n_top, n_bottom = len(reported), len(comparison)
    fig, (top, bottom) = plt.subplots(
        2,
        1,
        sharex=True,
        figsize=(9.5, 1.6 + 0.45 * (n_top + n_bottom)),
        height_ratios=[max(n_top, 1), max(n_bottom, 1)],
        layout="constrained",
    )
    reported_colour, official_colour = style.PALETTE["orange"], style.PALETTE["blue"]

    # Top panel: one bar per country (press reports), a diamond for an official national figure.
    y = list(range(n_top))
    top.barh(
        y,
        reported["troops_low"],
        color=reported_colour,
        hatch="//",
        edgecolor="black",
        height=0.6,
        label="reported figure (press)",
    )
    for i, row in enumerate(reported.itertuples(index=False)):
        text, right = f"{int(row.troops_low):,}", row.troops_low
        notes = []
        if not pd.isna(row.official_national):
            top.plot(
                row.official_national,
                i,
                marker="D",
                markersize=9,
                linestyle="none",
                color=official_colour,
                markeredgecolor="black",
                zorder=3,
            )
            notes.append(f"official national figure {int(row.official_national):,}")
            right = max(right, row.official_national)
        if not pd.isna(row.early_report):
            top.plot(
                row.early_report,
                i,
                marker="o",
                markersize=9,
                linestyle="none",
                color="white",
                markeredgecolor="black",
                markeredgewidth=1.5,
                zorder=3,
            )
            notes.append(f"early report {int(row.early_report):,}")
            right = max(right, row.early_report)
        if notes:
            text = f"reported {text}; " + "; ".join(notes)
        top.annotate(
            text, (right, i), xytext=(7, 0), textcoords="offset points", va="center", fontsize=10
        )
    top.set_yticks(y, reported["country"].tolist())
    top.set_ylim(n_top - 0.5, -0.5)
    top.set_title(
        "Per-country figures cited by the commentary (press reports)", fontsize=11, loc="left"
    )
    handles = [
        Patch(
            facecolor=reported_colour,
            hatch="//",
            edgecolor="black",
            label="reported figure (press)",
        )
    ]
    if reported["official_national"].notna().any():
        handles.append(
            plt.Line2D(
                [],
                [],
                marker="D",
                linestyle="none",
                markersize=8,
                color=official_colour,
                markeredgecolor="black",
                label="official national figure",
            )
        )
    if reported["early_report"].notna().any():
        handles.append(
            plt.Line2D(
                [],
                [],
                marker="o",
                linestyle="none",
                markersize=8,
                color="white",
                markeredgecolor="black",
                markeredgewidth=1.5,
                label="early press report",
            )
        )
    top.legend(handles=handles, loc="lower right", frameon=False)

    # Bottom panel: the sum against each official total (solid to the low end, hatched range).
    y = list(range(n_bottom))
    for i, row in enumerate(comparison.itertuples(index=False)):
        official = row.kind == TOTAL
        colour = official_colour if official else reported_colour
        bottom.barh(
            i,
            row.troops_low,
            color=colour,
            hatch="" if official else "//",
            edgecolor="black",
            height=0.6,
        )
        if row.troops_high > row.troops_low:
            bottom.barh(
                i,
                row.troops_high - row.troops_low,
                left=row.troops_low,
                color="white",
                hatch="..",
                edgecolor=colour,
                height=0.6,
            )
            text = f"{int(row.troops_low):,}\u2013{int(row.troops_high):,}"
        else:
            text = f"{int(row.troops_low):,}"
        bottom.annotate(
            text,
            (row.troops_high, i),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=10,
        )
    bottom.set_yticks(y, comparison["label"].tolist(), fontsize=9)
    bottom.set_ylim(n_bottom - 0.5, -0.5)
    bottom.set_title(
        "The sum of those figures against the official totals", fontsize=11, loc="left"
    )
    handles = [
        Patch(
            facecolor=reported_colour,
            hatch="//",
            edgecolor="black",
            label="sum of the reported figures",
        ),
        Patch(facecolor=official_colour, edgecolor="black", label="official total"),
    ]
    if (comparison["troops_high"] > comparison["troops_low"]).any():
        handles.append(
            Patch(
                facecolor="white",
                hatch="..",
                edgecolor=official_colour,
                label="range given (low to high)",
            )
        )
    bottom.legend(handles=handles, loc="lower right", frameon=False)
    xmax = float(max(comparison["troops_high"].max(), reported["troops_low"].max()))
    bottom.set_xlim(0, xmax * 1.15)
    bottom.set_xlabel("Troops")
    bottom.xaxis.set_major_formatter(plt.FuncFormatter(lambda x, _: f"{int(x):,}"))
    fig.suptitle(title)
    return fig


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
