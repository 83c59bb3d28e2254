"""The course's shared facts and rules, each stated once.

Checks, figures and widgets import these instead of working them out again, so that one edit
here (or one edit of the dataset) changes every exercise, figure and widget alike. Functions
take the tables they need as arguments: this module loads nothing and imports no other part of
the package.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

__all__ = [
    "BRIER_BASELINE",
    "COMMENTARY_DATE",
    "COMMENTARY_GAS_SHARE",
    "DAYS_PER_MONTH",
    "GAS_MEASURES",
    "OFFICIAL_TOTAL_COLUMN",
    "brier_score",
    "gas_shares_of_imports",
    "gas_volumes",
    "latest_official_total",
    "months_after",
    "squared_error",
]

# --------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------

#: The day the commentary was published (``date`` of ``hedenskog2022`` in sources.csv;
#: a test checks that they agree).
COMMENTARY_DATE = pd.Timestamp("2022-01-14")

#: Days in an average month: 365.25 / 12, rounded to 30.44 as the exercises round it.
DAYS_PER_MONTH = 30.44


def months_after(dates: pd.Series, since: str | pd.Timestamp = COMMENTARY_DATE) -> pd.Series:
    """Months from ``since`` to each date: days divided by :data:`DAYS_PER_MONTH`, 1 decimal.

    Dates before ``since`` give negative months; missing dates give NaN.
    """
    days = (pd.to_datetime(dates) - pd.Timestamp(since)).dt.days
    return (days / DAYS_PER_MONTH).round(1)


# --------------------------------------------------------------------------------------
# Forecast scores
# --------------------------------------------------------------------------------------

#: The Brier score of always saying 50 %: (0.5 − outcome)² = 0.25 whatever happens.
BRIER_BASELINE = 0.25


def squared_error(probability: float, happened: bool) -> float:
    """(probability − outcome)², the outcome 1 if it happened and 0 if not."""
    p = float(probability)
    if not 0.0 <= p <= 1.0:  # also refuses NaN
        raise ValueError(f"a probability is from 0 to 1, not {p}")
    return (p - float(bool(happened))) ** 2


def brier_score(pairs: Iterable[tuple[float, bool]]) -> float:
    """The mean squared error of ``(probability, happened)`` pairs (0 is perfect, 1 worst)."""
    errors = [squared_error(p, happened) for p, happened in pairs]
    if not errors:
        raise ValueError("no forecasts to score")
    return sum(errors) / len(errors)


# --------------------------------------------------------------------------------------
# Gas (lesson 5)
# --------------------------------------------------------------------------------------

#: The commentary's "one-fifth" of China's gas, in percent.
COMMENTARY_GAS_SHARE = 20.0

#: The ``indicators.measure`` of each volume (subject "China", unit Bcf/d), by short name.
GAS_MEASURES: dict[str, str] = {
    "imports": "gas imports, total",
    "pipeline": "pipeline gas imports",
    "lng": "LNG imports",
    "supply": "gas supply, total",
    "kazakhstan": "pipeline gas imports from Kazakhstan",
    "turkmenistan": "pipeline gas imports from Turkmenistan",
    "uzbekistan": "pipeline gas imports from Uzbekistan",
}


def gas_volumes(indicators: pd.DataFrame, year: int = 2021) -> dict[str, float]:
    """The volumes of :data:`GAS_MEASURES` for ``year`` (Bcf/d), by short name."""
    rows = indicators.loc[
        (indicators["subject"].astype("string") == "China")
        & (indicators["unit"].astype("string") == "Bcf/d")
        & (indicators["year"] == year)
    ]
    volumes = {}
    for key, measure in GAS_MEASURES.items():
        match = rows.loc[rows["measure"].astype("string") == measure, "value"]
        if len(match) != 1:
            raise ValueError(f"expected one indicator {measure!r} for {year}, found {len(match)}")
        volumes[key] = float(match.iloc[0])
    return volumes


def gas_shares_of_imports(volumes: dict[str, float]) -> dict[str, float]:
    """The two readings of "gas from Kazakhstan", in percent of China's gas imports.

    ``produced``: gas produced in Kazakhstan; ``crossing``: gas that crosses it (Kazakh,
    Turkmen and Uzbek pipeline gas).
    """
    crossing = volumes["kazakhstan"] + volumes["turkmenistan"] + volumes["uzbekistan"]
    return {
        "produced": 100 * volumes["kazakhstan"] / volumes["imports"],
        "crossing": 100 * crossing / volumes["imports"],
    }


# --------------------------------------------------------------------------------------
# Troops (lessons 2, 4 and 7)
# --------------------------------------------------------------------------------------

#: The column an official total is read from. Every official total in the sources is one
#: figure ("about 2,500", "nearly 2,500", "more than 2,000"), stored with ``troops_low`` equal
#: to ``troops_high`` (a dataset test holds them equal); the course reads ``troops_low``, the
#: column it sums the reported national figures from, so both sides of a comparison come from
#: the same column.
OFFICIAL_TOTAL_COLUMN = "troops_low"


def latest_official_total(contingents: pd.DataFrame) -> int:
    """The official total with the latest date in the ``contingents`` table."""
    totals = contingents[contingents["figure_kind"].astype("string") == "official total"]
    latest = totals.sort_values("date", kind="stable").iloc[-1]
    return int(latest[OFFICIAL_TOTAL_COLUMN])
