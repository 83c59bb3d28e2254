"""Checks for the exercise of Lesson 6, "The way ahead, with hindsight".

The exercise is ``solutions/ex06_way_ahead.ipynb``.

Each check recomputes the right answer from the dataset (the ``aftermath`` and ``forecasts``
tables) and names the likely mistake: counting both the first and the last day of the
withdrawal, taking the last item of the withdrawal (20 January) for its end, days where
months are asked or the wrong starting day, counting only the dated items, and, for the Brier
score, forgetting to square, summing instead of averaging, or scoring the probability of the
opposite.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from csto_course import data
from csto_course.checks.core import (
    Feedback,
    as_int,
    as_number,
    check,
    count_pairs,
    format_number,
    magnitude_hint,
    show,
)
from csto_course.facts import (
    BRIER_BASELINE,
    COMMENTARY_DATE,
    DAYS_PER_MONTH,
    brier_score,
    months_after,
    squared_error,
)

__all__ = [
    "BRIER_PROBABILITIES",
    "COMMENTARY_DATE",
    "DAYS_PER_MONTH",
    "check_brier",
    "check_item_counts",
    "check_months",
    "check_withdrawal_days",
    "expected_brier",
    "expected_item_counts",
    "expected_months",
    "expected_withdrawal_days",
]

#: The probabilities the exercise gives for its Brier-score task.
BRIER_PROBABILITIES: dict[str, float] = {"Q1": 0.3, "Q2": 0.6, "Q3": 0.9}

#: How far a month value may be from the right one (both may be rounded to one decimal).
MONTH_TOLERANCE = 0.1 + 1e-9


# --------------------------------------------------------------------------------------
# The right answers, recomputed from the dataset
# --------------------------------------------------------------------------------------


def _withdrawal_dates() -> tuple[pd.Timestamp, pd.Timestamp, pd.Timestamp]:
    """(start, completion, last dated item) of the withdrawal.

    The start is the earliest item tagged "Q2 withdrawal"; the completion is the day the
    ``forecasts`` table records Q2 as resolved.
    """
    after = data.load("aftermath")
    q2 = after.loc[after["question"] == "Q2 withdrawal", "date"].dropna()
    fc = data.load("forecasts")
    done = fc.loc[fc["question_id"] == "Q2", "resolved_by"].item()
    return q2.min(), pd.Timestamp(done), q2.max()


def expected_withdrawal_days() -> int:
    """Days from the start of the withdrawal to its completion (date subtraction)."""
    start, done, _ = _withdrawal_dates()
    return int((done - start).days)


def _days_after() -> pd.Series:
    """Days from the commentary to each dated aftermath item, by item_id."""
    after = data.load("aftermath")
    dated = after[after["date"].notna()]
    days = (dated["date"] - COMMENTARY_DATE).dt.days
    return pd.Series(
        days.to_numpy(dtype="float64"), index=dated["item_id"].astype(str).to_numpy(), name="days"
    )


def expected_months() -> pd.Series:
    """Months from the commentary to each dated aftermath item, by item_id, 1 decimal."""
    after = data.load("aftermath")
    dated = after[after["date"].notna()]
    months = months_after(dated["date"]).to_numpy(dtype="float64")
    return pd.Series(months, index=dated["item_id"].astype(str).to_numpy(), name="months")


def expected_item_counts() -> dict[str, int]:
    """Number of aftermath items for each value of ``question`` (dated or not)."""
    after = data.load("aftermath")
    counts = after.groupby("question", observed=True).size()
    return {str(k): int(v) for k, v in counts.items()}


def _outcomes(column: str = "outcome") -> dict[str, int]:
    fc = data.load("forecasts")
    return {
        str(q): int(bool(o)) for q, o in zip(fc["question_id"], fc[column], strict=True)
    }


def expected_brier(probabilities: Mapping[str, float] = BRIER_PROBABILITIES) -> float:
    """Mean of (probability - outcome)^2 over the questions, outcome 1 if it happened."""
    return brier_score((probabilities[q], o) for q, o in _outcomes().items())


# --------------------------------------------------------------------------------------
# Task 2: days from the start to the completion of the withdrawal
# --------------------------------------------------------------------------------------


@check(example=expected_withdrawal_days)
def check_withdrawal_days(days: Any) -> Feedback:
    """Days between the start (13 January) and the completion (19 January) of the withdrawal."""
    number, problem = as_int(days, "your number of days")
    if problem:
        return Feedback(False, problem)
    start, done, last = _withdrawal_dates()
    expected = expected_withdrawal_days()
    if number == expected:
        return Feedback(
            True,
            f"{expected} days between the start on {start.day} January and the completion on "
            f"{done.day} January 2022 (7 calendar days if you count both ends, which is why "
            "a source says 'within seven days').",
        )
    if number == -expected:
        return Feedback(False, "the sign is wrong: subtract the start from the completion.")
    inclusive = expected + 1
    if number == inclusive and (last - start).days == inclusive:
        return Feedback(
            False,
            f"you gave {number}. Either you counted both the first and the last day, or you "
            f"took the last withdrawal item ({last.day} January: the CSTO's report that the "
            f"mission had no losses) as the end. The withdrawal was complete on {done.day} "
            "January; subtract the two dates.",
        )
    if number == inclusive:
        return Feedback(
            False,
            f"you gave {number}: you counted both the first and the last day. Subtracting "
            "the two dates gives the days between them.",
        )
    if number == (last - start).days:
        return Feedback(
            False,
            f"you gave {number}: you took the last withdrawal item ({last.day} January) as "
            f"the end. The withdrawal was complete on {done.day} January.",
        )
    if number == (done - COMMENTARY_DATE).days:
        return Feedback(
            False,
            f"you gave {number}: that counts from the commentary (14 January), not from the "
            "start of the withdrawal.",
        )
    if number == 10:
        return Feedback(
            False,
            "10 days is what Tokayev announced as the most it would take; compute what "
            "happened from the dates in the aftermath table.",
        )
    return Feedback(
        False,
        f"you gave {format_number(number)} days, which is too "
        f"{'many' if number > expected else 'few'}. "
        "Take the first date of the 'Q2 withdrawal' items and the day the defence ministry "
        "announced the withdrawal complete, and subtract.",
    )


# --------------------------------------------------------------------------------------
# Task 3: months from the commentary to each aftermath item
# --------------------------------------------------------------------------------------


def _months_from_answer(answer: Any) -> tuple[pd.Series | None, str | None]:
    """The student's months as a Series indexed by item_id, or a problem."""
    after = data.load("aftermath")
    ids = after["item_id"].astype(str).to_numpy()
    if isinstance(answer, pd.DataFrame):
        if "months" not in answer.columns:
            return None, (
                f"your answer is {show(answer)}; add a column named 'months' "
                "(e.g. `dated['months'] = ...`)."
            )
        column = answer["months"]
        if isinstance(column, pd.DataFrame):
            return None, "your table has more than one column named 'months'."
        if "item_id" in answer.columns:
            index = answer["item_id"].astype(str).to_numpy()
        elif answer.index.astype(str).isin(ids).all() and len(answer):
            index = answer.index.astype(str).to_numpy()
        elif len(answer) == len(after):
            index = ids
        else:
            return None, (
                "your table has no 'item_id' column, so its rows cannot be matched to the "
                "aftermath items; keep the item_id column."
            )
        values = column.to_numpy()
    elif isinstance(answer, pd.Series):
        if len(answer) and answer.index.astype(str).isin(ids).all():
            index = answer.index.astype(str).to_numpy()
        elif len(answer) == len(after):
            index = ids
        else:
            return None, (
                f"your answer is {show(answer)} that cannot be matched to the aftermath items: "
                "give the table with a 'months' column, or a Series indexed by item_id."
            )
        values = answer.to_numpy()
    else:
        return None, (
            f"your answer is {show(answer)}; give the aftermath table with a new column "
            "'months' (a DataFrame)."
        )
    try:
        coerced = pd.to_numeric(pd.Series(values, index=index), errors="coerce")
        numbers = pd.Series(coerced.to_numpy(dtype="float64", na_value=np.nan), index=index)
    except (TypeError, ValueError, OverflowError):
        return None, "the 'months' values are not numbers."
    if numbers.index.duplicated().any():
        return None, "some items appear more than once; keep one row per aftermath item."
    return numbers, None


@check(example=lambda: data.load("aftermath").assign(
    months=lambda d: months_after(d["date"])
))
def check_months(answer: Any) -> Feedback:
    """A ``months`` column: (date - 14 January 2022) in days / 30.44, to one decimal."""
    given, problem = _months_from_answer(answer)
    if problem:
        return Feedback(False, problem)
    expected = expected_months()
    missing = [i for i in expected.index if i not in given.index]
    if missing:
        return Feedback(
            False,
            f"{len(missing)} dated item{'s are' if len(missing) > 1 else ' is'} missing "
            f"(e.g. {missing[0]}); keep every aftermath item that has a date.",
        )
    mine = given.reindex(expected.index)
    if mine.isna().any():
        where = mine.index[mine.isna()][0]
        return Feedback(
            False,
            f"item {where} has a date but no months value; compute months for every dated "
            "item (undated items may stay empty).",
        )
    diff = mine - expected
    if (diff.abs() <= MONTH_TOLERANCE).all():
        latest = expected.idxmax()
        return Feedback(
            True,
            f"months for all {len(expected)} dated items. The latest, {latest}, came "
            f"{format_number(expected.max())} months after the commentary; items before "
            "14 January 2022 get negative months.",
        )
    days = _days_after().reindex(expected.index)
    big = expected.abs() > 1
    if big.any() and np.allclose(mine[big], days[big], rtol=0.01, atol=0.6):
        return Feedback(
            False,
            "your values look like days, not months: divide the days by 30.44.",
        )
    if big.any() and np.allclose(mine[big], days[big] / 365.25, rtol=0.02, atol=0.06):
        return Feedback(
            False,
            "your values look like years, not months: divide the days by 30.44, not 365.",
        )
    if np.allclose(mine, -expected, atol=MONTH_TOLERANCE):
        return Feedback(
            False,
            "your values have the wrong sign: subtract the commentary's date from each "
            "item's date.",
        )
    spread = float(diff.max() - diff.min())
    if spread <= 2 * MONTH_TOLERANCE + 1e-9 and abs(float(diff.mean())) > MONTH_TOLERANCE:
        shift_days = float(diff.mean()) * DAYS_PER_MONTH
        return Feedback(
            False,
            "every value is off by about the same amount (about "
            f"{format_number(round(abs(shift_days)))} days): check the starting date, which "
            "is the commentary's, 14 January 2022.",
        )
    for per_month in (30, 30.5, 31):
        alt = (days / per_month).round(1)
        if ((mine - alt).abs() <= MONTH_TOLERANCE).all():
            return Feedback(
                False,
                f"close: you divided by {format_number(per_month, 2)} days a month. The task "
                "uses 30.44 (365.25 / 12).",
            )
    worst = diff.abs().idxmax()
    return Feedback(
        False,
        f"{int((diff.abs() > MONTH_TOLERANCE).sum())} of {len(expected)} values are off; the "
        f"largest gap is at {worst} ({format_number(round(float(mine[worst]), 2))} instead of "
        "the value from (date - 14 January 2022).days / 30.44).",
    )


# --------------------------------------------------------------------------------------
# Task 4: how many aftermath items bear on each question?
# --------------------------------------------------------------------------------------


def _counts_from_answer(answer: Any) -> tuple[dict[str, float] | None, str | None]:
    if isinstance(answer, pd.DataFrame):
        frame = answer.copy()
        if "question" in frame.columns:
            frame = frame.set_index("question")
        numeric = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])]
        if len(numeric) != 1:
            return None, (
                f"your answer is {show(answer)}; give one count per question, e.g. "
                "`aftermath.groupby('question', observed=True).size()`."
            )
        answer = frame[numeric[0]]
        where = f" in your table's column {show(numeric[0], 30)}"
    else:
        where = None
    if not isinstance(answer, pd.Series | Mapping):
        return None, (
            f"your answer is {show(answer)}; give a count per question, e.g. a Series from "
            "`groupby(...).size()` or `value_counts()`."
        )
    pairs, problem = count_pairs(answer, where)
    if problem:
        return None, problem
    out: dict[str, float] = {}
    for key, number in pairs:
        name = " ".join(str(key).split()).lower()
        if name in out:
            return None, f"the question {key!r} appears more than once."
        out[name] = number
    return out, None


@check(example=lambda: data.load("aftermath").groupby("question", observed=True).size())
def check_item_counts(counts: Any) -> Feedback:
    """Items of the aftermath table per value of ``question``, undated items included."""
    given, problem = _counts_from_answer(counts)
    if problem:
        return Feedback(False, problem)
    if not given:
        return Feedback(False, f"your answer is empty ({show(counts)}): it counts no question.")
    if not any(given.values()):
        return Feedback(
            False,
            f"your counts are all 0 ({show(counts)}); count the items of the aftermath table "
            "for each value of `question`.",
        )
    names = {k.lower(): k for k in expected_item_counts()}
    expected = {k.lower(): v for k, v in expected_item_counts().items()}
    given = {k: v for k, v in given.items() if v != 0 or k in expected}
    unknown = [k for k in given if k not in expected]
    if unknown:
        return Feedback(
            False,
            f"{show(unknown[0], 30)} is not a value of the question column (your answer is "
            f"{show(counts)}); group by `question`.",
        )
    missing = [k for k in expected if k not in given]
    if missing:
        return Feedback(
            False,
            f"the question {names[missing[0]]!r} is missing: count every value of the question "
            "column, including items that bear on none of the three questions.",
        )
    if all(given[k] == v for k, v in expected.items()):
        biggest = max(expected, key=expected.get)
        return Feedback(
            True,
            f"{sum(expected.values())} items in all; the most, {expected[biggest]}, bear on "
            f"'{names[biggest]}'.",
        )
    after = data.load("aftermath")
    dated = after.dropna(subset=["date"]).groupby("question", observed=True).size()
    dated = {str(k).lower(): int(v) for k, v in dated.items()}
    if all(given.get(k, 0) == dated.get(k, 0) for k in expected):
        return Feedback(
            False,
            "you counted only the items that have a date (`count()` skips missing values). "
            "Undated items are items too: use `size()` or `value_counts()`.",
        )
    wrong = [k for k in expected if given[k] != expected[k]]
    k = wrong[0]
    return Feedback(
        False,
        f"{len(wrong)} count{'s are' if len(wrong) > 1 else ' is'} off, e.g. "
        f"'{names[k]}': you have {format_number(given[k])}. Count all rows per value of "
        "`question`.",
    )


# --------------------------------------------------------------------------------------
# Task 5: a Brier score by hand
# --------------------------------------------------------------------------------------


@check(example=expected_brier)
def check_brier(score: Any) -> Feedback:
    """The Brier score of :data:`BRIER_PROBABILITIES` on the three questions."""
    if isinstance(score, pd.Series) and len(score) == len(BRIER_PROBABILITIES):
        return Feedback(
            False,
            f"your answer is a Series of {len(score)} values, one per question (the squared "
            "errors?). The Brier score is their mean: add `.mean()`.",
        )
    number, problem = as_number(score, "your Brier score")
    if problem:
        return Feedback(False, problem)
    expected = expected_brier()
    outcomes = _outcomes()
    local = _outcomes("outcome_if_local_counts")
    probs = BRIER_PROBABILITIES
    n = len(outcomes)
    errors = [(probs[q] - o) for q, o in outcomes.items()]
    if math.isclose(number, expected, abs_tol=0.0006):
        worst = max(outcomes, key=lambda q: squared_error(probs[q], outcomes[q]))
        compared = "below" if expected < BRIER_BASELINE else "not below"
        happened = "happened" if outcomes[worst] else "did not happen"
        return Feedback(
            True,
            f"a Brier score of {expected:.3f}, {compared} the {BRIER_BASELINE} of always "
            "saying 0.5. "
            f"The largest part comes from {worst}, where {format_number(probs[worst])} was "
            f"given to something that {happened}.",
        )
    if not 0 <= number <= 1:
        as_percent = float(np.mean([(100 * probs[q] - o) ** 2 for q, o in outcomes.items()]))
        if number > 1 and (
            math.isclose(number, expected * 100**2, rel_tol=0.01)
            or math.isclose(number, as_percent, rel_tol=0.01)
        ):
            return Feedback(
                False,
                "you used percentages (30, 60, 90) for the probabilities: use 0.3, 0.6 and "
                "0.9. A Brier score is always between 0 and 1.",
            )
        return Feedback(
            False,
            f"a Brier score is between 0 and 1; {format_number(number)} is not. Check the "
            "probabilities (0 to 1) and the outcomes (1 or 0).",
        )
    hints = [
        (
            BRIER_BASELINE,
            f"{BRIER_BASELINE} is the score of always saying 0.5, not of these probabilities. "
            "Use the probabilities given in the cell above.",
        ),
        (
            sum(e**2 for e in errors),
            "that is the sum of the squared errors; the Brier score is their mean (divide by "
            f"the {n} questions, or use `.mean()`).",
        ),
        (
            float(np.mean([abs(e) for e in errors])),
            "that is the mean of the differences without squaring them. Square each "
            "difference first.",
        ),
        (
            math.sqrt(expected),
            "you took the square root at the end. The Brier score is the mean of the squared "
            "errors, without a root.",
        ),
        (
            brier_score((probs[q], o) for q, o in local.items()),
            "you used `outcome_if_local_counts`. This task uses the `outcome` column.",
        ),
        (
            brier_score((1 - probs[q], o) for q, o in outcomes.items()),
            "you scored the probability that each proposition would NOT happen (1 - p). Use "
            "the probabilities as given.",
        ),
        (
            brier_score((probs[q], not o) for q, o in outcomes.items()),
            "you flipped the outcomes: the outcome is 1 if the proposition came true.",
        ),
    ]
    for wrong, message in hints:
        if math.isclose(number, wrong, abs_tol=0.0006):
            return Feedback(False, f"you gave {format_number(round(number, 4))}; {message}")
    hint = magnitude_hint(number, expected)
    if hint:
        return Feedback(False, hint)
    return Feedback(
        False,
        f"{format_number(round(number, 4))} is not the Brier score of these probabilities. "
        "For each question: (probability - outcome) squared, with the outcome 1 or 0; then "
        "take the mean.",
    )


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
