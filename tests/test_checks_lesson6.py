"""The checks of the Lesson 6 exercise: right answers pass, likely mistakes get their hint."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from csto_course import data
from csto_course.checks import lesson6

COMMENTARY = pd.Timestamp("2022-01-14")


def _aftermath() -> pd.DataFrame:
    return data.load("aftermath")


def _with_months(per_month: float = 30.44, start: pd.Timestamp = COMMENTARY) -> pd.DataFrame:
    out = _aftermath().copy()
    out["months"] = ((out["date"] - start).dt.days / per_month).round(1)
    return out


# ----------------------------------------------------------------------------- not answered


# ----------------------------------------------------------------------------- Task 2


def test_withdrawal_days_recomputed():
    after = _aftermath()
    q2 = after[after["question"] == "Q2 withdrawal"]
    assert q2["date"].min() == pd.Timestamp("2022-01-13")
    assert lesson6.expected_withdrawal_days() == 6


@pytest.mark.parametrize("answer", [6, 6.0, "6", np.int64(6)])
def test_withdrawal_days_right(answer):
    assert lesson6.check_withdrawal_days(answer).ok is True


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (7, "both the first and the last day"),
        (5, "from the commentary"),
        (10, "Tokayev announced"),
        (-6, "sign is wrong"),
        (6.5, "whole number"),
        (pd.Timedelta(days=6), ".days"),
        (30, "too many"),
    ],
)
def test_withdrawal_days_mistakes(answer, words):
    fb = lesson6.check_withdrawal_days(answer)
    assert fb.ok is False
    assert words in fb.message


def test_withdrawal_seven_also_names_the_last_item():
    fb = lesson6.check_withdrawal_days(7)
    assert "20 January" in fb.message


# ----------------------------------------------------------------------------- Task 3


def test_months_right_in_several_forms():
    right = _with_months()
    assert lesson6.check_months(right).ok is True
    assert lesson6.check_months(right.set_index("item_id")["months"]).ok is True
    assert lesson6.check_months(right["months"]).ok is True  # same order as the table
    assert lesson6.check_months(right.dropna(subset=["date"])).ok is True
    unrounded = _aftermath().copy()
    unrounded["months"] = (unrounded["date"] - COMMENTARY).dt.days / 30.44
    assert lesson6.check_months(unrounded).ok is True
    assert lesson6.check_months(right.astype({"months": "Float64"})).ok is True


def test_months_expected_values():
    months = lesson6.expected_months()
    after = _aftermath()
    invasion = after.loc[after["description"].str.contains("invasion of Ukraine"), "item_id"].item()
    assert months[invasion] == pytest.approx(round(41 / 30.44, 1))
    assert (months < 0).any()  # items of 5 January 2022 come before the commentary


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda a: a.assign(months=(a["date"] - COMMENTARY).dt.days), "days, not months"),
        (lambda a: a.assign(months=(a["date"] - COMMENTARY).dt.days / 365.25), "years"),
        (lambda a: a.assign(months=(COMMENTARY - a["date"]).dt.days / 30.44), "wrong sign"),
        (lambda a: a.assign(months=(a["date"] - pd.Timestamp("2022-01-02")).dt.days / 30.44),
         "starting date"),
        (lambda a: a.assign(months=((a["date"] - COMMENTARY).dt.days / 30).round(1)),
         "divided by 30 days"),
        (lambda a: a, "add a column named 'months'"),
        (lambda a: a.assign(months=1.0), "values are off"),
    ],
)
def test_months_mistakes(make, words):
    fb = lesson6.check_months(make(_aftermath().copy()))
    assert fb.ok is False
    assert words in fb.message


def test_months_missing_rows_and_ids():
    right = _with_months()
    fb = lesson6.check_months(right.dropna(subset=["date"]).iloc[1:])
    assert fb.ok is False and "missing" in fb.message
    fb = lesson6.check_months(right.drop(columns="item_id").iloc[1:])
    assert fb.ok is False and "item_id" in fb.message
    fb = lesson6.check_months(17)
    assert fb.ok is False and "DataFrame" in fb.message


# ----------------------------------------------------------------------------- Task 4


def test_item_counts_right_in_several_forms():
    after = _aftermath()
    size = after.groupby("question", observed=True).size()
    assert lesson6.check_item_counts(size).ok is True
    assert lesson6.check_item_counts(after["question"].value_counts()).ok is True
    assert lesson6.check_item_counts(size.to_dict()).ok is True
    assert lesson6.check_item_counts(size.reset_index(name="n")).ok is True
    assert lesson6.check_item_counts(after.groupby("question", observed=False).size()).ok is True
    assert sum(lesson6.expected_item_counts().values()) == len(after)


def test_item_counts_mistakes():
    after = _aftermath()
    fb = lesson6.check_item_counts(after.groupby("question", observed=True)["date"].count())
    assert fb.ok is False and "only the items that have a date" in fb.message
    size = after.groupby("question", observed=True).size()
    fb = lesson6.check_item_counts(size.iloc[:-1])
    assert fb.ok is False and "is missing" in fb.message
    fb = lesson6.check_item_counts(size + 1)
    assert fb.ok is False and "off" in fb.message
    fb = lesson6.check_item_counts(len(after))
    assert fb.ok is False and "groupby" in fb.message
    fb = lesson6.check_item_counts({"Q9 nonsense": 3})
    assert fb.ok is False and "not a value of the question column" in fb.message


# ----------------------------------------------------------------------------- Task 5


def test_brier_recomputed_by_hand():
    fc = data.load("forecasts")
    outcome = fc.set_index("question_id")["outcome"].astype(int)
    probs = pd.Series(lesson6.BRIER_PROBABILITIES)
    assert lesson6.expected_brier() == pytest.approx(float(((probs - outcome) ** 2).mean()))


def test_brier_right():
    b = lesson6.expected_brier()
    for answer in (b, round(b, 3), np.float64(b), str(round(b, 4))):
        assert lesson6.check_brier(answer).ok is True


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p, o, loc: float(((p - o) ** 2).sum()), "sum of the squared errors"),
        (lambda p, o, loc: float((p - o).abs().mean()), "without squaring"),
        (lambda p, o, loc: float(np.sqrt(((p - o) ** 2).mean())), "square root"),
        (lambda p, o, loc: float(((p - loc) ** 2).mean()), "outcome_if_local_counts"),
        (lambda p, o, loc: float((((1 - p) - o) ** 2).mean()), "NOT happen"),
        (lambda p, o, loc: float(((p * 100 - o) ** 2).mean()), "percentages"),
        (lambda p, o, loc: 0.25, "always saying 0.5"),
    ],
)
def test_brier_mistakes(make, words):
    fc = data.load("forecasts").set_index("question_id")
    o = fc["outcome"].astype(int)
    loc = fc["outcome_if_local_counts"].astype(int)
    p = pd.Series(lesson6.BRIER_PROBABILITIES)
    o.index = o.index.astype(str)
    loc.index = loc.index.astype(str)
    fb = lesson6.check_brier(make(p, o, loc))
    assert fb.ok is False
    assert words in fb.message


def test_brier_per_question_series_asks_for_the_mean():
    fc = data.load("forecasts").set_index("question_id")
    errors = (pd.Series(lesson6.BRIER_PROBABILITIES) - fc["outcome"].astype(int)) ** 2
    fb = lesson6.check_brier(errors)
    assert fb.ok is False and ".mean()" in fb.message


@pytest.mark.parametrize("odd", [float("nan"), "abc", [1, 2], pd.DataFrame({"a": [1]}), True, 2])
def test_odd_input_never_raises(odd):
    for check in (lesson6.check_withdrawal_days, lesson6.check_months,
                  lesson6.check_item_counts, lesson6.check_brier):
        fb = check(odd)
        assert fb.ok is False
        assert fb.message
