"""The risks the authors name for Russia, and what the course's sources show happened.

The ``statements`` table tags six statements of the commentary as risks (``kind == "risk"``).
:data:`RISK_NOTES` adds, for each, a short label, the course's reading of what happened and
the dated items of the dataset (``background``, ``events``, ``aftermath``) it rests on. It is
the course's judgement, made from the fact sheet, and lessons present it as such.
:func:`risk_table` joins the two; :func:`plot_risks` draws each risk's dated evidence on one
time line, before and after the commentary, with the course's verdict beside it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from csto_course import style

__all__ = [
    "COMMENTARY_DATE",
    "RISK_NOTES",
    "STATUS_STYLE",
    "plot_risks",
    "risk_evidence",
    "risk_table",
]

#: The day the commentary was published.
COMMENTARY_DATE = pd.Timestamp("2022-01-14")

#: For each risk statement: short label, status, what happened (course's words), evidence ids.
RISK_NOTES: dict[str, dict[str, object]] = {
    "S38": {
        "label": "Drawn into the Tokayev-Nazarbayev power struggle",
        "status": "not seen in these sources",
        "outcome": (
            "The force left by 19 January 2022. Tokayev then stripped Nazarbayev of his "
            "remaining posts and won a snap election; no source here shows Russia taking sides."
        ),
        "evidence": ["B18", "E09", "E21", "A05", "A18", "A19", "A23", "A26", "A28"],
    },
    "S41": {
        "label": "Turning Kazakhs against Russia",
        "status": "not measured here",
        "outcome": (
            "No source the course uses measures Kazakh opinion of the CSTO or of Russia "
            "before or after the intervention, so the risk can be neither confirmed nor ruled out."
        ),
        "evidence": ["B12", "B13"],
    },
    "S43": {
        "label": "Russian voices questioning Kazakh sovereignty",
        "status": "not measured here",
        "outcome": (
            "The course's sources record Putin's 2014 remarks but do not survey Russian media "
            "or politicians, before or after 2022."
        ),
        "evidence": ["B13"],
    },
    "S44": {
        "label": "China irritated at being left out",
        "status": "not seen in these sources",
        "outcome": (
            "On 7 January Xi backed Tokayev and rejected outside attempts at 'color "
            "revolutions'; the sources record no Chinese complaint about the Russian-led force."
        ),
        "evidence": ["E18", "E19"],
    },
    "S49": {
        "label": "Attention and resources diverted from Ukraine",
        "status": "not seen in these sources",
        "outcome": (
            "The force was small and left within a week (13-19 January 2022); Russia launched "
            "its full-scale invasion of Ukraine on 24 February 2022."
        ),
        "evidence": ["A01", "A05", "A31"],
    },
    "S50": {
        "label": "A Kremlin feeling surrounded, asserting itself elsewhere",
        "status": "consistent, cause not shown",
        "outcome": (
            "Russia invaded Ukraine on 24 February 2022. That fits the risk, but the sources "
            "do not show that events in Kazakhstan had a part in the decision."
        ),
        "evidence": ["A31"],
    },
}

#: Marker, colour and legend text of each status.
STATUS_STYLE: dict[str, tuple[str, str, str]] = {
    "consistent, cause not shown": ("D", style.PALETTE["orange"], "consistent with later events"),
    "not seen in these sources": ("X", style.PALETTE["blue"], "not seen in these sources"),
    "not measured here": ("s", style.PALETTE["grey"], "not measured in these sources"),
}


def risk_table(statements: pd.DataFrame, notes: Mapping[str, Mapping] = RISK_NOTES) -> pd.DataFrame:
    """The risks the authors name: one row per statement of kind "risk", in the text's order.

    Columns: ``risk_id`` (the statement id), ``label``, ``theme``, ``claim_type``,
    ``paraphrase``, ``status`` and ``outcome`` (from ``notes``; empty if a risk has no note).
    The table has the columns :class:`csto_course.widgets.RiskMatrix` needs.
    """
    risks = statements.loc[statements["kind"].astype("string") == "risk"].copy()
    risks = risks.sort_values("order", kind="stable")
    ids = risks["statement_id"].astype(str)
    table = pd.DataFrame(
        {
            "risk_id": ids.to_numpy(),
            "label": [str(notes.get(i, {}).get("label", p)) for i, p in
                      zip(ids, risks["paraphrase"].astype(str), strict=True)],
            "theme": risks["theme"].astype(str).to_numpy(),
            "claim_type": risks["claim_type"].astype(str).to_numpy(),
            "paraphrase": risks["paraphrase"].astype(str).to_numpy(),
            "status": [str(notes.get(i, {}).get("status", "")) for i in ids],
            "outcome": [str(notes.get(i, {}).get("outcome", "")) for i in ids],
        }
    )
    return table


def risk_evidence(
    statements: pd.DataFrame,
    items: pd.DataFrame,
    notes: Mapping[str, Mapping] = RISK_NOTES,
) -> pd.DataFrame:
    """The dated items each risk rests on, one row per (risk, item).

    ``items`` is a table with ``item_id`` (or ``event_id``), ``date`` and ``description``,
    e.g. ``background``, ``events`` and ``aftermath`` stacked with ``pd.concat``. Columns:
    ``risk_id``, ``label``, ``item_id``, ``date``, ``description`` and ``when`` ("before" if
    on or before the commentary's day, else "after"). Items without a date are left out.
    """
    pool = items.copy()
    if "item_id" not in pool.columns:
        pool["item_id"] = pool["event_id"]
    elif "event_id" in pool.columns:
        pool["item_id"] = pool["item_id"].fillna(pool["event_id"])
    pool["item_id"] = pool["item_id"].astype(str)
    pool = pool.drop_duplicates("item_id").set_index("item_id")
    risks = risk_table(statements, notes)
    rows = []
    for risk_id, label in zip(risks["risk_id"], risks["label"], strict=True):
        for item_id in notes.get(risk_id, {}).get("evidence", []):
            if item_id not in pool.index:
                raise ValueError(f"{risk_id}: no dated item {item_id!r} in the tables given")
            date = pd.to_datetime(pool.at[item_id, "date"])
            if pd.isna(date):
                continue
            rows.append(
                (risk_id, label, item_id, date, str(pool.at[item_id, "description"]),
                 "before" if date <= COMMENTARY_DATE else "after")
            )
    return pd.DataFrame(
        rows, columns=["risk_id", "label", "item_id", "date", "description", "when"]
    )


def plot_risks(
    statements: pd.DataFrame,
    items: pd.DataFrame,
    notes: Mapping[str, Mapping] = RISK_NOTES,
    *,
    start: str = "2014-01-01",
    end: str = "2024-12-31",
) -> Figure:
    """One row per risk: its dated evidence on a time line (filled circles up to the
    commentary, open circles after it) and, on the right, the course's verdict, shown by a
    marker and in words."""
    risks = risk_table(statements, notes)
    evidence = risk_evidence(statements, items, notes)
    n = len(risks)
    fig, (ax, verdict) = plt.subplots(
        1, 2, figsize=(12, 1.4 + 0.75 * n), layout="constrained", sharey=True,
        gridspec_kw={"width_ratios": [2.4, 1]},
    )
    y = {rid: yi for rid, yi in zip(risks["risk_id"], range(n - 1, -1, -1), strict=True)}
    black = style.PALETTE["black"]
    for row in evidence.itertuples():
        before = row.when == "before"
        ax.plot(
            row.date, y[row.risk_id], marker="o", markersize=8, linestyle="none",
            markerfacecolor=black if before else "white", markeredgecolor=black,
            markeredgewidth=1.3, zorder=3,
        )
    for yi in y.values():
        ax.axhline(yi, color="#dddddd", linewidth=0.8, zorder=0)
    ax.axvline(COMMENTARY_DATE, color=black, linestyle="--", linewidth=1)
    ax.annotate("commentary, 14 Jan 2022", (COMMENTARY_DATE, n - 0.45), xytext=(-4, 0),
                textcoords="offset points", ha="right", va="center", fontsize=8.5)
    labels = [
        textwrap.fill(f"{rid}: {label}", width=34)
        for rid, label in zip(risks["risk_id"], risks["label"], strict=True)
    ]
    ax.set_yticks([y[r] for r in risks["risk_id"]], labels, fontsize=9)
    ax.set_ylim(-0.6, n - 0.2)
    ax.set_xlim(pd.Timestamp(start), pd.Timestamp(end))
    ax.xaxis.set_major_locator(mdates.YearLocator(2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_xlabel("Date of the dated items each risk rests on")
    ax.set_title("The dated evidence, before and after the commentary", fontsize=11)
    ax.legend(
        handles=[
            Line2D([], [], marker="o", color=black, linestyle="none", markersize=8,
                   label="known by 14 January 2022"),
            Line2D([], [], marker="o", markerfacecolor="white", markeredgecolor=black,
                   linestyle="none", markersize=8, label="later"),
        ],
        loc="lower left", frameon=False, fontsize=9,
    )

    for rid, status in zip(risks["risk_id"], risks["status"], strict=True):
        marker, colour, text = STATUS_STYLE.get(status, ("o", style.PALETTE["grey"], status))
        verdict.plot(0.05, y[rid], marker=marker, markersize=12, color=colour,
                     markeredgecolor=black, linestyle="none")
        verdict.annotate(textwrap.fill(text, 24), (0.05, y[rid]), xytext=(12, 0),
                         textcoords="offset points", va="center", fontsize=9)
    verdict.set_xlim(0, 1)
    verdict.set_xticks([])
    verdict.tick_params(axis="y", left=False)
    for side in ("top", "right", "bottom", "left"):
        verdict.spines[side].set_visible(False)
    verdict.set_title("What happened\n(the course's reading)", fontsize=11)
    fig.suptitle("The risks the authors name for Russia, against the later record", fontsize=12)
    return fig
