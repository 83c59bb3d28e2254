"""The risks the authors name for Russia, and what the course's sources show happened.

The ``statements`` table tags six statements of the commentary as risks (``kind == "risk"``).
:data:`RISK_NOTES` adds, for each, a short label, the course's reading of what happened and
texts that find the dated items of the dataset (``background``, ``events``, ``aftermath``) it
rests on. Notes and items are found by text, not by id, so renumbered rows do not break them. It is
the course's judgement, made from the fact sheet, and lessons present it as such.
:func:`risk_table` joins the two; :func:`plot_risks` draws each risk's dated evidence on one
time line, before and after the commentary, with the course's verdict beside it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from csto_course import style
from csto_course.facts import COMMENTARY_DATE

__all__ = [
    "COMMENTARY_DATE",
    "RISK_NOTES",
    "STATUS_STYLE",
    "plot_risks",
    "risk_evidence",
    "risk_table",
]

#: The course's notes on each risk, matched to a statement of the ``statements`` table by
#: ``match`` (text its paraphrase contains). ``evidence`` lists (ISO date, word) pairs: the
#: dated items of that day whose ``description`` contains the word (the same fact may sit in
#: two tables; it counts once).
RISK_NOTES: list[dict[str, object]] = [
    {
        "match": "power struggle",
        "label": "Drawn into the Tokayev-Nazarbayev power struggle",
        "status": "not seen in these sources",
        "outcome": (
            "The force left by 19 January 2022. Tokayev then stripped Nazarbayev of his "
            "remaining posts and won a snap election; no source here shows Russia taking sides."
        ),
        "evidence": [
            ("2019-03-19", "resign"),
            ("2022-01-05", "Security Council"),
            ("2022-01-09", "spokesman"),
            ("2022-01-19", "withdrawal"),
            ("2022-01-27", "Senate"),
            ("2022-01-28", "Nur Otan"),
            ("2022-06-05", "referendum"),
            ("2022-11-20", "election"),
            ("2023-04-24", "Massimov"),
        ],
    },
    {
        "match": "prop up",
        "label": "Turning Kazakhs against Russia",
        "status": "not measured here",
        "outcome": (
            "No source the course uses measures Kazakh opinion of the CSTO or of Russia, "
            "before or after the intervention, so the risk can be neither confirmed nor ruled out."
        ),
        "evidence": [("2014-03-18", "Crimea"), ("2014-08-29", "Seliger")],
    },
    {
        "match": "sovereignty",
        "label": "Russian voices questioning Kazakh sovereignty",
        "status": "not measured here",
        "outcome": (
            "The course's sources record Putin's 2014 remarks but do not survey Russian media "
            "or politicians, before or after 2022."
        ),
        "evidence": [("2014-08-29", "Seliger")],
    },
    {
        "match": "SCO",
        "label": "China irritated at being left out",
        "status": "not seen in these sources",
        "outcome": (
            "On 7 January Xi backed Tokayev and rejected outside attempts at 'color "
            "revolutions'; the sources record no Chinese complaint about the Russian-led force."
        ),
        "evidence": [("2022-01-07", "Xi"), ("2022-01-07", "Anti-Terrorist")],
    },
    {
        "match": "divert",
        "label": "Attention and resources diverted from Ukraine",
        "status": "not seen in these sources",
        "outcome": (
            "The force was small and left within a week (13-19 January 2022); Russia launched "
            "its full-scale invasion of Ukraine on 24 February 2022."
        ),
        "evidence": [
            ("2022-01-13", "withdraw"),
            ("2022-01-19", "withdrawal"),
            ("2022-02-24", "invasion"),
        ],
    },
    {
        "match": "surrounded",
        "label": "A Kremlin feeling surrounded, asserting itself elsewhere",
        "status": "consistent, cause not shown",
        "outcome": (
            "Russia invaded Ukraine on 24 February 2022. That fits the risk, but the sources "
            "do not show that events in Kazakhstan had a part in the decision."
        ),
        "evidence": [("2022-02-24", "invasion")],
    },
]

#: Marker, colour and legend text of each status.
STATUS_STYLE: dict[str, tuple[str, str, str]] = {
    "consistent, cause not shown": ("D", style.PALETTE["orange"], "consistent with later events"),
    "not seen in these sources": ("X", style.PALETTE["blue"], "not seen in these sources"),
    "not measured here": ("s", style.PALETTE["grey"], "not measured in these sources"),
}


def _note(paraphrase: str, notes: Sequence[Mapping[str, object]]) -> Mapping[str, object]:
    found = [n for n in notes if str(n["match"]) in paraphrase]
    if len(found) > 1:
        raise ValueError(f"several notes match the risk {paraphrase!r}")
    return found[0] if found else {}


def risk_table(
    statements: pd.DataFrame, notes: Sequence[Mapping[str, object]] = RISK_NOTES
) -> pd.DataFrame:
    """The risks the authors name: one row per statement of kind "risk", in the text's order.

    Columns: ``risk_id`` (the statement id), ``label``, ``theme``, ``claim_type``,
    ``paraphrase``, ``status`` and ``outcome`` (from the note whose ``match`` the paraphrase
    contains; the paraphrase and empty texts if none does). The table has the columns
    :class:`csto_course.widgets.RiskMatrix` needs.
    """
    risks = statements.loc[statements["kind"].astype("string") == "risk"].copy()
    risks = risks.sort_values("order", kind="stable")
    paraphrases = risks["paraphrase"].astype(str).tolist()
    found = [_note(p, notes) for p in paraphrases]
    return pd.DataFrame(
        {
            "risk_id": risks["statement_id"].astype(str).to_numpy(),
            "label": [str(n.get("label", p)) for n, p in zip(found, paraphrases, strict=True)],
            "theme": risks["theme"].astype(str).to_numpy(),
            "claim_type": risks["claim_type"].astype(str).to_numpy(),
            "paraphrase": paraphrases,
            "status": [str(n.get("status", "")) for n in found],
            "outcome": [str(n.get("outcome", "")) for n in found],
        }
    )


def risk_evidence(
    statements: pd.DataFrame,
    items: pd.DataFrame,
    notes: Sequence[Mapping[str, object]] = RISK_NOTES,
) -> pd.DataFrame:
    """The dated items each risk rests on, one row per (risk, evidence day).

    ``items`` is a table with ``date`` and ``description``, e.g. ``background``, ``events``
    and ``aftermath`` stacked with ``pd.concat``. Each (date, word) of a note's ``evidence``
    must match at least one item of that date whose description contains the word; the first
    match (in the order of ``items``) gives the description. Columns: ``risk_id``, ``label``,
    ``evidence`` (the word), ``date``, ``description`` and ``when`` ("before" if on or before
    the commentary's day, else "after").
    """
    pool = items.loc[items["date"].notna(), ["date", "description"]].copy()
    pool["date"] = pd.to_datetime(pool["date"])
    pool["description"] = pool["description"].astype(str)
    risks = statements.loc[statements["kind"].astype("string") == "risk"]
    risks = risks.sort_values("order", kind="stable")
    rows = []
    for risk_id, paraphrase in zip(
        risks["statement_id"].astype(str), risks["paraphrase"].astype(str), strict=True
    ):
        note = _note(paraphrase, notes)
        for day, word in note.get("evidence", []):
            date = pd.Timestamp(day)
            same_day = pool.loc[pool["date"] == date]
            hits = same_day.loc[same_day["description"].str.contains(str(word), regex=False)]
            if hits.empty:
                raise ValueError(f"{risk_id}: no item of {day} mentions {word!r}")
            rows.append(
                (risk_id, str(note["label"]), str(word), date, hits["description"].iloc[0],
                 "before" if date <= COMMENTARY_DATE else "after")
            )
    table = pd.DataFrame(
        rows, columns=["risk_id", "label", "evidence", "date", "description", "when"]
    )
    return table.drop_duplicates(["risk_id", "date", "evidence"]).reset_index(drop=True)


def plot_risks(
    statements: pd.DataFrame,
    items: pd.DataFrame,
    notes: Sequence[Mapping[str, object]] = RISK_NOTES,
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


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
