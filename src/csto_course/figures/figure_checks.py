"""The commentary's figures against the later record (the ``figure_checks`` table).

Two figures for Lesson 7:

- :func:`plot_verdicts`: how many of the commentary's figures got each verdict (confirmed,
  nuance, early figure revised, outdated, not confirmed, not supported), one labelled bar per
  verdict, with the topics of its checks written beside the bar;
- :func:`plot_numeric_checks`: for each check where both the commentary's figure and the
  later figure are numbers, a dumbbell from the commentary's figure (placed at 0 %) to the
  later figure (placed at its percentage difference from the commentary's), so that figures
  of very different sizes (a death toll, a border length, a population share) share one axis.

:func:`verdict_counts` and :func:`numeric_checks` return the data the figures plot; the
exercise of Lesson 7 asks students to compute the same numbers with pandas.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from csto_course import style

__all__ = [
    "BOUND_WORDS",
    "bound_qualifier",
    "NON_COMPARABLE_UNITS",
    "VERDICT_ORDER",
    "VERDICT_STYLE",
    "numeric_checks",
    "pct_difference",
    "plot_numeric_checks",
    "plot_verdicts",
    "verdict_counts",
]

#: The verdicts from "the later record agrees" to "the later record does not back it".
VERDICT_ORDER: tuple[str, ...] = (
    "confirmed",
    "nuance",
    "early figure revised",
    "outdated",
    "not contradicted",
    "not confirmed",
    "not supported",
)

#: Fill of a verdict's bar: (face colour, hatch). The verdict is also written on the axis.
VERDICT_STYLE: dict[str, tuple[str, str]] = {
    "confirmed": (style.PALETTE["green"], ""),
    "nuance": (style.PALETTE["sky_blue"], ".."),
    "early figure revised": (style.PALETTE["orange"], "//"),
    "outdated": (style.PALETTE["yellow"], "\\\\"),
    "not contradicted": (style.PALETTE["blue"], "--"),
    "not confirmed": (style.PALETTE["grey"], "xx"),
    "not supported": (style.PALETTE["vermillion"], "++"),
}

#: The words before a bounded commentary figure: "over 150" is a lower bound, "almost
#: 10,000" an upper bound (the ``commentary_value_kind`` column of figure_checks).
BOUND_WORDS: dict[str, str] = {"lower bound": "over ", "upper bound": "almost "}


def bound_qualifier(kind: object, pct: float) -> str:
    """"at most " or "at least " before a gap computed from a bounded figure, else "".

    From "over 150" to 238, the gap computed from 150 is the largest it can be (at most);
    from "almost 10,000" down to 9,900, the fall computed from 10,000 is also the largest.
    """
    text = "" if kind is None or pd.isna(kind) else str(kind)
    if text not in BOUND_WORDS or pct == 0:
        return ""
    largest = (text == "lower bound") == (pct > 0)
    return "at most " if largest else "at least "

#: Units whose values are labels on a scale, not amounts: a percentage difference between
#: two years (1992 and 2002) or two ranks says nothing useful, so they are left out.
NON_COMPARABLE_UNITS: frozenset[str] = frozenset({"year", "rank"})


def _text(series: pd.Series) -> pd.Series:
    return series.astype("string").fillna("")


def _ordered_verdicts(present: list[str]) -> list[str]:
    known = [v for v in VERDICT_ORDER if v in present]
    return known + sorted(v for v in present if v not in VERDICT_ORDER)


def verdict_counts(checks: pd.DataFrame) -> pd.DataFrame:
    """One row per verdict present, in :data:`VERDICT_ORDER`.

    Columns: ``verdict``, ``n`` (how many checks got it) and ``topics`` (their topics, in
    the table's order, joined by ", ").
    """
    table = checks.assign(verdict=_text(checks["verdict"]), topic=_text(checks["topic"]))
    rows = []
    for verdict in _ordered_verdicts(list(dict.fromkeys(table["verdict"]))):
        part = table.loc[table["verdict"] == verdict]
        rows.append(
            {"verdict": verdict, "n": len(part), "topics": ", ".join(part["topic"].tolist())}
        )
    out = pd.DataFrame(rows, columns=["verdict", "n", "topics"])
    out["n"] = out["n"].astype("int64")
    return out


def pct_difference(commentary_value: pd.Series, later_value: pd.Series) -> pd.Series:
    """How far the later figure is from the commentary's, in per cent of the commentary's.

    ``(later - commentary) / commentary * 100``: positive when the later figure is larger.
    """
    before = pd.to_numeric(commentary_value, errors="coerce").astype("float64")
    after = pd.to_numeric(later_value, errors="coerce").astype("float64")
    return (after - before) / before * 100


def numeric_checks(
    checks: pd.DataFrame, exclude_units: frozenset[str] | set[str] = NON_COMPARABLE_UNITS
) -> pd.DataFrame:
    """The checks with a number on both sides, and the percentage difference between them.

    Rows whose ``commentary_value`` or ``later_value`` is missing, or whose unit is in
    ``exclude_units`` (years, ranks), are left out. Columns: check_id, topic,
    commentary_text, commentary_value, later_value, unit, verdict, ``pct_diff`` (see
    :func:`pct_difference`) and ``abs_pct_diff``; sorted by ``pct_diff``, smallest first.
    """
    both = checks["commentary_value"].notna() & checks["later_value"].notna()
    units = _text(checks["unit"]).str.strip().str.lower()
    rows = checks.loc[both & ~units.isin({u.lower() for u in exclude_units})].copy()
    rows["pct_diff"] = pct_difference(rows["commentary_value"], rows["later_value"])
    rows["abs_pct_diff"] = rows["pct_diff"].abs()
    columns = [
        "check_id", "topic", "commentary_text", "commentary_value", "commentary_value_kind",
        "later_value", "unit", "verdict", "pct_diff", "abs_pct_diff",
    ]
    rows = rows[[c for c in columns if c in rows.columns]]
    return rows.sort_values(["pct_diff", "check_id"], kind="stable").reset_index(drop=True)


def _fmt(value: float) -> str:
    value = float(value)
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _topic_lines(topics: str, width: int = 62, lines: int = 2) -> str:
    """The topics wrapped on at most ``lines`` lines, ending "… and N more" if cut."""
    names = [t for t in topics.split(", ") if t]
    for keep in range(len(names), 0, -1):
        text = ", ".join(names[:keep])
        if keep < len(names):
            text += f" \u2026 and {len(names) - keep} more"
        wrapped = textwrap.wrap(text, width)
        if len(wrapped) <= lines:
            return "\n".join(wrapped)
    return f"{len(names)} checks"


def _short_unit(unit: object) -> str:
    text = "" if unit is None or pd.isna(unit) else str(unit).strip()
    if text.startswith("percent"):
        return "%"
    if text.startswith("ratio"):
        return " \u00d7 old price"
    return f" {text}" if text else ""


def plot_verdicts(checks: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Horizontal bars: how many of the commentary's checked figures got each verdict.

    Each bar is labelled with its count and, beside it, the topics of its checks; bars differ
    by hatching as well as colour, and the verdict is written on the axis.
    """
    counts = verdict_counts(checks)
    if counts.empty:
        raise ValueError("the table has no checks to plot")
    height = 1.1 + 0.75 * len(counts)
    fig, ax = plt.subplots(figsize=(10, height), layout="constrained")
    y = np.arange(len(counts))[::-1]
    top = int(counts["n"].max())
    for yi, verdict, n, topics in zip(
        y, counts["verdict"], counts["n"], counts["topics"], strict=True
    ):
        face, hatch = VERDICT_STYLE.get(verdict, (style.PALETTE["grey"], "oo"))
        ax.barh(
            yi, n, height=0.62, color=face, hatch=hatch,
            edgecolor=style.PALETTE["black"], linewidth=1,
        )
        ax.annotate(
            f"{n}", (n, yi), xytext=(5, 0), textcoords="offset points",
            ha="left", va="center", fontsize=11, fontweight="bold",
        )
        wrapped = _topic_lines(topics)
        ax.annotate(
            wrapped, (n, yi), xytext=(12 + 7 * len(str(n)), 0), textcoords="offset points",
            ha="left", va="center", fontsize=8.5, color="#333333",
        )
    ax.set_yticks(y, counts["verdict"].tolist())
    ax.set_xlim(0, top * 2.6 + 1)
    ax.set_ylim(-0.6, len(counts) - 0.4)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("Number of the commentary's figures checked")
    ax.set_ylabel("Verdict against the later record")
    ax.set_title(title or "How the commentary's figures fared against the later record")
    return fig


def plot_numeric_checks(
    checks: pd.DataFrame,
    *,
    title: str | None = None,
    exclude_units: frozenset[str] | set[str] = NON_COMPARABLE_UNITS,
) -> Figure:
    """A dumbbell per numeric check: the commentary's figure at 0 %, the later one at its
    percentage difference.

    Rows are sorted from the largest fall (bottom) to the largest rise (top). Each row is
    labelled with its topic on the left and, in a column on the right, with both values, the
    difference and the verdict ("over 150 → 238 persons (at most +58.7 %; early figure
    revised)": a lower bound's gap is the largest it can be, see :func:`bound_qualifier`).
    Circles mark the commentary's figures and diamonds the later ones, so the two are told
    apart by shape as well as colour. Years and ranks are left out (see
    :data:`NON_COMPARABLE_UNITS`).
    """
    rows = numeric_checks(checks, exclude_units)
    if rows.empty:
        raise ValueError("no check has a number on both sides")
    height = 1.6 + 0.5 * len(rows)
    fig, ax = plt.subplots(figsize=(11, height), layout="constrained")
    y = np.arange(len(rows))
    low = min(0.0, float(rows["pct_diff"].min()))
    high = max(0.0, float(rows["pct_diff"].max()))
    span = max(high - low, 1.0)
    ax.axvline(0, color=style.PALETTE["grey"], linewidth=1, zorder=0)
    c_before, c_after = style.PALETTE["black"], style.PALETTE["blue"]
    for yi, (_, row) in zip(y, rows.iterrows(), strict=True):
        pct = float(row["pct_diff"])
        ax.plot([0, pct], [yi, yi], color=style.PALETTE["grey"], linewidth=2.5, zorder=1)
        ax.plot(0, yi, "o", color=c_before, markersize=8, zorder=3)
        ax.plot(pct, yi, "D", color=c_after, markersize=8, zorder=4, alpha=0.9)
        sign = "+" if pct > 0 else ("\u2212" if pct < 0 else "\u00b1")
        unit = _short_unit(row.get("unit"))
        kind = row.get("commentary_value_kind")
        before = BOUND_WORDS.get("" if kind is None or pd.isna(kind) else str(kind), "")
        label = (
            f"{before}{_fmt(row['commentary_value'])} \u2192 {_fmt(row['later_value'])}{unit}"
            f" ({bound_qualifier(kind, pct)}{sign}{abs(pct):.1f} %; {row['verdict']})"
        )
        ax.annotate(
            label, (1.02, yi), xycoords=("axes fraction", "data"),
            ha="left", va="center", fontsize=9, annotation_clip=False,
        )
    ax.annotate(
        "commentary \u2192 later (difference; verdict)", (1.02, len(rows) - 0.45),
        xycoords=("axes fraction", "data"), ha="left", va="bottom", fontsize=9,
        fontweight="bold", annotation_clip=False,
    )
    ax.set_yticks(y, rows["topic"].astype("string").tolist())
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.set_xlim(low - 0.08 * span, high + 0.08 * span)
    ax.set_xlabel(
        "Later figure's difference from the commentary's figure "
        "(% of the commentary's figure)"
    )
    ax.xaxis.set_major_formatter(
        lambda v, _: f"{v:+.0f} %".replace("-", "\u2212") if v else "0 %"
    )
    handles = [
        Line2D([], [], marker="o", linestyle="", color=c_before, markersize=8,
               label="the commentary's figure (14 January 2022), set at 0 %"),
        Line2D([], [], marker="D", linestyle="", color=c_after, markersize=8,
               label="the later figure"),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False)
    ax.set_title(title or "The commentary's figures against the later record")
    return fig


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
