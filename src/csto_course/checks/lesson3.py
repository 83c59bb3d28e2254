"""Checks for the exercise of Lesson 3, "Russia's motives" (``solutions/ex03_motives.ipynb``).

Each check recomputes the right answer from the dataset (no answer key) and answers a
student's attempt with a :class:`~csto_course.checks.core.Feedback` that names the likely
mistake: percent against share, percentage points against per cent, the wrong figure from the
indicators table, days off by one, rows without dates kept.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from csto_course import data
from csto_course.checks.core import (
    ONE_DECIMAL,
    Feedback,
    as_frame,
    as_number,
    check,
    format_number,
    number_feedback,
    show,
)

__all__ = [
    "check_border_share",
    "check_census_fall",
    "check_percentage_points",
    "check_response_days",
    "expected_border_share",
    "expected_census_fall",
    "expected_percentage_points",
    "expected_response_days",
]

#: The measure under which the indicators table keeps the ethnic Russian share and count.
SHARE_MEASURE = "ethnic Russian share of population"
COUNT_MEASURE = "ethnic Russians"
#: The topic of the figure check that records the commentary's "18 per cent".
SHARE_TOPIC = "ethnic Russians (share)"


# --------------------------------------------------------------------------------------
# The right answers, recomputed from the dataset
# --------------------------------------------------------------------------------------


def expected_border_share() -> float:
    """Russia's share of Kazakhstan's land borders, in per cent (not rounded)."""
    borders = data.load("borders")
    russia = borders.loc[borders["neighbour"] == "Russia", "length_km"].sum()
    return float(100 * russia / borders["length_km"].sum())


def _indicator(measure: str, year: int) -> float:
    ind = data.load("indicators")
    rows = ind[
        (ind["subject"] == "Kazakhstan") & (ind["measure"] == measure) & (ind["year"] == year)
    ]
    return float(rows["value"].iloc[0])


def commentary_share() -> float:
    """The commentary's share of ethnic Russians (18), as the figure_checks table records it."""
    fc = data.load("figure_checks")
    return float(fc.loc[fc["topic"] == SHARE_TOPIC, "commentary_value"].iloc[0])


def expected_percentage_points() -> float:
    """The commentary's 18 % minus the 2021 census share, in percentage points."""
    return commentary_share() - _indicator(SHARE_MEASURE, 2021)


def expected_census_fall() -> float:
    """By how many per cent the 2021 census count is below the 2020 official estimate."""
    estimate = _indicator(COUNT_MEASURE, 2020)
    census = _indicator(COUNT_MEASURE, 2021)
    return float(100 * (estimate - census) / estimate)


def expected_response_days() -> pd.DataFrame:
    """Uprisings with both a start date and a dated response: name and days between them."""
    up = data.load("uprisings")
    known = up.dropna(subset=["start_date", "response_date"]).copy()
    known["days"] = (known["response_date"] - known["start_date"]).dt.days
    return known[["uprising_id", "name", "country", "days"]].reset_index(drop=True)


# --------------------------------------------------------------------------------------
# Task 1: Russia's share of the land borders
# --------------------------------------------------------------------------------------


def _example_border_share() -> float:
    return round(expected_border_share(), 1)


@check(example=_example_border_share)
def check_border_share(answer: Any) -> Feedback:
    """Russia's share of Kazakhstan's land borders, in per cent, to one decimal."""
    borders = data.load("borders")
    lengths = borders["length_km"].astype(float)
    russia = float(lengths[borders["neighbour"] == "Russia"].sum())
    total = float(lengths.sum())
    expected = expected_border_share()
    others = total - russia
    longest_other = float(lengths[borders["neighbour"] != "Russia"].max())
    hints = {
        100 * russia / others: (
            "that divides Russia's border by the OTHER borders only; a share divides the part "
            "by the whole, so divide by the sum of all the borders, Russia's included."
        ),
        100 - expected: (
            "that is the share of all the other neighbours together; the question asks for "
            "Russia's share."
        ),
        100 * russia / longest_other: (
            "that compares Russia's border with the next-longest one; divide by the total of "
            "all the borders instead."
        ),
        100 / len(borders): ("that counts neighbours, not kilometres: use the `length_km` column."),
    }
    fb = number_feedback(
        answer,
        expected,
        abs_tol=ONE_DECIMAL,
        close=0.02,
        unit="%",
        hints=hints,
        correct=(
            f"{format_number(round(expected, 1))} %: Russia's border alone is more than half "
            "of all Kazakhstan's land borders."
        ),
    )
    if fb.ok is False:
        number, problem = as_number(answer)
        if problem is None and round(number) == round(expected) and abs(number - expected) < 1:
            return Feedback(
                False,
                f"{format_number(number)} is rounded too much: give one "
                "decimal, e.g. with `round(x, 1)`.",
            )
    return fb


# --------------------------------------------------------------------------------------
# Task 2: the gap in percentage points
# --------------------------------------------------------------------------------------


@check(example=lambda: round(expected_percentage_points(), 2))
def check_percentage_points(answer: Any) -> Feedback:
    """The commentary's 18 % minus the census share (2021), in percentage points."""
    said = commentary_share()
    census = _indicator(SHARE_MEASURE, 2021)
    estimate_2020 = _indicator(SHARE_MEASURE, 2020)
    cia_2019 = _indicator(SHARE_MEASURE, 2019)
    cia_2023 = _indicator(SHARE_MEASURE, 2023)
    expected = expected_percentage_points()
    hints = {
        estimate_2020 - census: (
            "that starts from the 2020 official estimate; the question asks about the "
            f"commentary's own figure, {format_number(said)} %."
        ),
        cia_2019 - census: (
            "that starts from the CIA's 2019 estimate; start from the commentary's "
            f"{format_number(said)} %."
        ),
        said - cia_2023: (
            "that compares with the CIA's 2023 estimate; the question asks for the 2021 census."
        ),
        100 * (said - census) / said: (
            "that is a percentage change (the gap divided by 18). The question asks for the "
            "gap in percentage points: simply subtract one percentage from the other."
        ),
        100 * (said - census) / census: (
            "that is a percentage change (the gap divided by the census share). Percentage "
            "points are a plain subtraction of one percentage from the other."
        ),
    }
    return number_feedback(
        answer,
        expected,
        abs_tol=0.005,
        unit="percentage points",
        hints=hints,
        correct=(
            f"{format_number(round(expected, 2))} percentage points: the commentary's share is "
            "that much above what the 2021 census found."
        ),
    )


# --------------------------------------------------------------------------------------
# Task 3: by how many per cent the census count is below the estimate
# --------------------------------------------------------------------------------------


@check(example=lambda: round(expected_census_fall(), 1))
def check_census_fall(answer: Any) -> Feedback:
    """How many per cent lower the 2021 census count is than the 2020 official estimate."""
    estimate = _indicator(COUNT_MEASURE, 2020)
    census = _indicator(COUNT_MEASURE, 2021)
    expected = expected_census_fall()
    number, problem = as_number(answer)
    if problem is None and math.isclose(number, estimate - census, abs_tol=0.5):
        return Feedback(
            False,
            (
                f"{format_number(number)} is the fall in persons. Express it as a percentage of "
                "the estimate: divide by the estimate and multiply by 100."
            ),
        )
    hints = {
        100 * (estimate - census) / census: (
            "that divides by the census count. A fall is measured against where you start: "
            "divide by the earlier figure, the 2020 estimate."
        ),
        100 * (3_500_000 - census) / 3_500_000: (
            "that uses the commentary's rounded 3.5 million; use the official 2020 estimate "
            "from the indicators table."
        ),
        100 * census / estimate: (
            "that is the census count as a percentage OF the estimate; the fall is 100 minus that."
        ),
    }
    return number_feedback(
        answer,
        expected,
        abs_tol=ONE_DECIMAL,
        unit="%",
        hints=hints,
        correct=(
            f"{format_number(round(expected, 1))} %: the census counted about "
            f"{format_number(round((estimate - census) / 1000) * 1000)} fewer ethnic Russians "
            "than the estimate the commentary relied on."
        ),
    )


# --------------------------------------------------------------------------------------
# Task 4: days from the start of the protests to Moscow's response
# --------------------------------------------------------------------------------------


def _keys() -> dict[str, set[str]]:
    """Lower-case name, country and id of each uprising → the uprising_ids they may mean."""
    up = data.load("uprisings")
    keys: dict[str, set[str]] = {}
    for row in up.itertuples(index=False):
        for key in (row.name, row.country, row.uprising_id, f"{row.name} ({row.country})"):
            keys.setdefault(str(key).strip().lower(), set()).add(str(row.uprising_id))
    return keys


def _example_response_days() -> pd.DataFrame:
    return expected_response_days()[["name", "days"]]


def _as_days_frame(answer: Any) -> tuple[pd.DataFrame | None, str | None]:
    if isinstance(answer, Mapping):
        return None, (
            "your answer is a dict, not a table: build the table from `uprisings` with pandas, "
            "with the columns `name` and `days`."
        )
    if isinstance(answer, pd.Series):
        if pd.api.types.is_integer_dtype(answer.index.dtype) or len(answer) == 0:
            return None, (
                f"your answer is {show(answer)}, so it does not say which uprising each "
                "number belongs to. Give a table with the columns `name` and `days`."
            )
        frame = answer.rename("days").reset_index()
        frame = frame.rename(columns={frame.columns[0]: "name"})
        return frame[["name", "days"]], None
    frame, problem = as_frame(answer, ["name", "days"])
    if problem:
        return None, problem + " Build a table with the columns `name` and `days`."
    return frame, None


@check(example=_example_response_days)
def check_response_days(answer: Any) -> Feedback:
    """A table with the columns ``name`` and ``days``, one row per uprising with both dates."""
    frame, problem = _as_days_frame(answer)
    if problem:
        return Feedback(False, problem)
    expected = expected_response_days()
    truth = dict(zip(expected["uprising_id"], expected["days"].astype(int), strict=True))
    names = {
        i: f"{country} ({name})"
        for i, country, name in zip(
            expected["uprising_id"], expected["country"], expected["name"], strict=True
        )
    }
    days = frame["days"]
    if pd.api.types.is_timedelta64_dtype(days) or any(
        isinstance(v, pd.Timedelta | np.timedelta64) for v in days
    ):
        return Feedback(
            False,
            (
                "your `days` column holds time spans (Timedelta), not numbers: turn them into "
                "whole days with `.dt.days`."
            ),
        )
    numbers = pd.to_numeric(days, errors="coerce")
    if len(frame) == 0:
        return Feedback(False, "your table has no rows.")
    missing = int(numbers.isna().sum())
    if missing:
        return Feedback(
            False,
            (
                f"{missing} of your {len(frame)} {'row has' if len(frame) == 1 else 'rows have'} "
                "no number of days. Keep only the "
                "uprisings for which BOTH dates are known, e.g. with "
                "`.dropna(subset=['start_date', 'response_date'])`."
            ),
        )
    keys = _keys()
    matched: dict[str, float] = {}
    for name, value in zip(frame["name"], numbers, strict=True):
        ids = keys.get(str(name).strip().lower(), set())
        if not ids:
            return Feedback(
                False,
                (
                    f"{show(name)} is not an uprising's name in the `uprisings` table: take the "
                    "`name` column from the table."
                ),
            )
        hit = [i for i in ids if i in truth]
        if not hit:
            return Feedback(
                False,
                (
                    f"{show(name)} has no dated Russian response in the sources, so no number of "
                    "days can be computed for it: leave it out."
                ),
            )
        matched[hit[0]] = float(value)
    lacking = [names[i] for i in truth if i not in matched]
    if lacking:
        return Feedback(
            False,
            (
                f"your table lacks {', '.join(repr(n) for n in lacking)}: every uprising with "
                "both a start date and a response date belongs in it."
            ),
        )
    if len(frame) > len(truth):
        return Feedback(False, "your table names an uprising more than once.")
    diffs = {i: matched[i] - truth[i] for i in truth}
    if all(math.isclose(d, 0, abs_tol=1e-9) for d in diffs.values()):
        listing = "; ".join(f"{names[i]}: {truth[i]} days" for i in truth)
        return Feedback(
            True,
            (
                f"{listing}. Only these responses are dated in the sources; read the "
                "`response_note` column too, since a date may be that of a report, not of the "
                "response itself."
            ),
        )
    if all(math.isclose(d, 1) for d in diffs.values()):
        return Feedback(
            False,
            (
                "each of your numbers is one day too many: the gap between two dates is "
                "`response_date - start_date`; do not add 1 (you would be counting both the "
                "first and the last day)."
            ),
        )
    if all(math.isclose(matched[i], -truth[i]) for i in truth):
        return Feedback(
            False,
            (
                "your numbers have the wrong sign: subtract the start date from the response "
                "date, not the other way round."
            ),
        )
    wrong = [names[i] for i in truth if not math.isclose(diffs[i], 0, abs_tol=1e-9)]
    return Feedback(
        False,
        (
            f"the number of days is not right for {', '.join(repr(n) for n in wrong)}: compute "
            "`(response_date - start_date).dt.days` from the `uprisings` table."
        ),
    )


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
