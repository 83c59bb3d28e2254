"""The checks of the Lesson 5 exercise: right answers pass, likely mistakes get their hint."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from csto_course import data
from csto_course.checks import lesson5


def _volumes() -> dict[str, float]:
    return lesson5.gas_volumes()


# ----------------------------------------------------------------------------- the answers


def test_expected_values_come_from_the_dataset():
    v = _volumes()
    assert lesson5.expected_share_produced() == pytest.approx(100 * 0.6 / 16.2)
    assert lesson5.expected_share_crossing() == pytest.approx(100 * 4.3 / 16.2)
    assert lesson5.expected_gap_pp() == pytest.approx(20 - 100 * 0.6 / 16.2)
    assert v["imports"] == pytest.approx(v["pipeline"] + v["lng"])
    st = data.load("statements")
    risks = st[(st["section"] == "risks") & (st["kind"] == "risk")]
    assert lesson5.expected_risk_count() == len(risks)


def test_computed_shares_match_the_fact_sheet_rows():
    """The dataset also stores the fact sheet's own arithmetic; the checks agree with it."""
    ind = data.load("indicators")
    stored = ind[(ind["subject"] == "China") & (ind["unit"] == "percent")].set_index("measure")
    assert round(lesson5.expected_share_produced(), 1) == stored.loc[
        "share of gas imports produced in Kazakhstan", "value"
    ]
    assert round(lesson5.expected_share_crossing(), 1) == stored.loc[
        "share of gas imports crossing Kazakhstan", "value"
    ]


# ----------------------------------------------------------------------------- not answered


# ----------------------------------------------------------------------------- Task 1


def test_risk_count_right_answer_in_several_forms():
    n = lesson5.expected_risk_count()
    for answer in (n, float(n), str(n), np.int64(n)):
        assert lesson5.check_risk_count(answer).ok is True


def test_risk_count_whole_section_is_explained():
    st = data.load("statements")
    section = int((st["section"] == "risks").sum())
    fb = lesson5.check_risk_count(section)
    assert fb.ok is False and "every statement of the risk section" in fb.message


def test_risk_count_context_rows_are_explained():
    st = data.load("statements")
    context = int(((st["section"] == "risks") & (st["kind"] == "context")).sum())
    fb = lesson5.check_risk_count(context)
    assert fb.ok is False and "context statements" in fb.message


def test_risk_count_given_a_table_asks_for_a_number():
    st = data.load("statements")
    fb = lesson5.check_risk_count(st[st["kind"] == "risk"])
    assert fb.ok is False and "len(" in fb.message


# ----------------------------------------------------------------------------- Task 2


def test_share_produced_right_and_rounded():
    exact = lesson5.expected_share_produced()
    for answer in (exact, round(exact, 1), round(exact, 2), f"{exact:.1f}%"):
        assert lesson5.check_share_produced(answer).ok is True, answer


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda v: 100 * v["kazakhstan"] / v["supply"], "supply"),
        (lambda v: 100 * v["kazakhstan"] / v["pipeline"], "pipeline imports only"),
        (lambda v: 100 * (v["kazakhstan"] + v["turkmenistan"] + v["uzbekistan"]) / v["imports"],
         "crosses Kazakhstan"),
        (lambda v: 20, "one-fifth"),
        (lambda v: 100 * v["imports"] / v["kazakhstan"], "wrong way round"),
        (lambda v: v["kazakhstan"], "volume in Bcf/d"),
    ],
)
def test_share_produced_mistakes(make, words):
    fb = lesson5.check_share_produced(make(_volumes()))
    assert fb.ok is False
    assert words in fb.message


def test_share_produced_as_a_share_not_a_percentage():
    fb = lesson5.check_share_produced(lesson5.expected_share_produced() / 100)
    assert fb.ok is False and "share (0 to 1)" in fb.message


def test_share_produced_from_a_one_value_series():
    v = pd.Series([lesson5.expected_share_produced()])
    fb = lesson5.check_share_produced(v)
    assert fb.ok is False and ".item()" in fb.message


# ----------------------------------------------------------------------------- Task 3


def test_share_crossing_right():
    assert lesson5.check_share_crossing(lesson5.expected_share_crossing()).ok is True
    assert lesson5.check_share_crossing(round(lesson5.expected_share_crossing(), 1)).ok is True


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda v: 100 * v["kazakhstan"] / v["imports"], "only the gas produced in Kazakhstan"),
        (lambda v: 100 * (v["turkmenistan"] + v["uzbekistan"]) / v["imports"],
         "left out the gas produced in Kazakhstan"),
        (lambda v: 100 * v["turkmenistan"] / v["imports"], "Turkmen gas alone"),
        (lambda v: 100 * (v["kazakhstan"] + v["turkmenistan"]) / v["imports"],
         "left out the Uzbek gas"),
        (lambda v: 100 * (v["kazakhstan"] + v["turkmenistan"] + v["uzbekistan"]) / v["supply"],
         "supply"),
        (lambda v: 100 * (v["kazakhstan"] + v["turkmenistan"] + v["uzbekistan"]) / v["pipeline"],
         "pipeline imports only"),
    ],
)
def test_share_crossing_mistakes(make, words):
    fb = lesson5.check_share_crossing(make(_volumes()))
    assert fb.ok is False
    assert words in fb.message


# ----------------------------------------------------------------------------- Task 4


def test_gap_right():
    gap = lesson5.expected_gap_pp()
    assert lesson5.check_gap_pp(gap).ok is True
    assert lesson5.check_gap_pp(round(gap, 1)).ok is True
    assert "percentage points" in lesson5.check_gap_pp(gap).message


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p, c: 100 * (20 - p) / p, "relative difference"),
        (lambda p, c: 100 * (20 - p) / 20, "relative difference"),
        (lambda p, c: 20 / p, "ratio"),
        (lambda p, c: c - 20, "crosses Kazakhstan"),
        (lambda p, c: 0.2 - p / 100, "two shares"),
        (lambda p, c: p - 20, "wrong sign"),
    ],
)
def test_gap_mistakes(make, words):
    p, c = lesson5.expected_share_produced(), lesson5.expected_share_crossing()
    fb = lesson5.check_gap_pp(make(p, c))
    assert fb.ok is False
    assert words in fb.message


def test_gap_rounded_too_early_is_called_close():
    fb = lesson5.check_gap_pp(16.0)
    assert fb.ok is False and "close" in fb.message


@pytest.mark.parametrize("odd", [float("nan"), "abc", [1, 2], pd.DataFrame({"a": [1]}), True])
def test_odd_input_never_raises(odd):
    for check in (lesson5.check_share_produced, lesson5.check_share_crossing, lesson5.check_gap_pp,
                  lesson5.check_risk_count):
        fb = check(odd)
        assert fb.ok is False
        assert fb.message
