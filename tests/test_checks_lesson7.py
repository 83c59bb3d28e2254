"""The checks of Exercise 7 ("Reading critically"): right answers pass, each anticipated
mistake gets its own message, and an unanswered cell says "not answered yet"."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from csto_course import data
from csto_course.checks import lesson7


@pytest.fixture(scope="module")
def fc() -> pd.DataFrame:
    return data.load("figure_checks")


@pytest.fixture(scope="module")
def numeric(fc) -> pd.DataFrame:
    rows = fc.dropna(subset=["commentary_value", "later_value"])
    return rows[~rows["unit"].isin(["year", "rank"])]


@pytest.fixture(scope="module")
def pct(numeric) -> pd.Series:
    values = (numeric["later_value"] - numeric["commentary_value"]) / numeric[
        "commentary_value"
    ] * 100
    return values.set_axis(numeric["check_id"])


@pytest.fixture(scope="module")
def statements() -> pd.DataFrame:
    return data.load("statements")


# ----------------------------------------------------------------------------- Task 1


def test_expected_contingent_gap_from_the_data():
    con = data.load("contingents")
    reported = con.loc[con["figure_kind"] == "reported in commentary", "troops_low"].sum()
    latest = (
        con[con["figure_kind"] == "official total"].sort_values("date")["troops_low"].iloc[-1]
    )
    assert reported == 3920 and latest == 2500
    assert lesson7.expected_contingent_gap() == pytest.approx((2500 - 3920) / 3920 * 100)


@pytest.mark.parametrize("answer", [-36.22, -36.2, "-36.2", "-36.2%", np.float64(-36.2245)])
def test_contingent_gap_right(answer):
    fb = lesson7.check_contingent_gap(answer)
    assert fb.ok is True, fb.text


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (36.22, "sign is reversed"),
        ((3920 - 2500) / 2500 * 100, "divided by the official total"),
        ((2500 - 3920) / 2500 * 100, "divided by the official total"),
        (2500 / 3920 * 100, "ratio"),
        (2500 - 3920, "difference in troops"),
        (3920 - 2500, "difference in troops"),
        (-0.3622, "fraction"),
        ((2000 - 3920) / 3920 * 100, "latest official total"),
        # the mean of the three sourced official totals (2,500, 2,000 and 2,500)
        ((7000 / 3 - 3920) / 3920 * 100, "latest official total"),
        ((2500 - 4120) / 4120 * 100, "reported in commentary"),
        (-20, "too high"),
    ],
)
def test_contingent_gap_mistakes(answer, words):
    fb = lesson7.check_contingent_gap(answer)
    assert fb.ok is False
    assert words in fb.message, fb.text


# ----------------------------------------------------------------------------- Task 2a


def test_expected_pct_differences(pct):
    expected = lesson7.expected_pct_differences()
    assert expected.index.tolist() == pct.index.tolist()
    assert np.allclose(expected.to_numpy(), pct.to_numpy())
    assert "FC42" in expected.index and "FC14" not in expected.index


def test_pct_differences_right_as_series_or_frame_and_a_dict_refused(pct):
    assert lesson7.check_pct_differences(pct).ok is True
    assert lesson7.check_pct_differences(pct.round(1)).ok is True
    frame = pct.rename("pct_diff").reset_index()
    assert lesson7.check_pct_differences(frame).ok is True
    assert lesson7.check_pct_differences(frame.set_index("check_id")).ok is True
    fb = lesson7.check_pct_differences(pct.to_dict())
    assert fb.ok is False and "a dict, not a pandas Series" in fb.message
    assert lesson7.check_pct_differences(pct.sample(frac=1, random_state=1)).ok is True


def test_pct_differences_mistakes(fc, numeric, pct):
    def said(answer):
        fb = lesson7.check_pct_differences(answer)
        assert fb.ok is False
        return fb.message

    before = numeric["commentary_value"].to_numpy()
    after = numeric["later_value"].to_numpy()
    ids = numeric["check_id"]
    assert "signs are reversed" in said(-pct)
    assert "divided by the later figure" in said(pd.Series((after - before) / after * 100, ids))
    assert "ratio" in said(pd.Series(after / before * 100, ids))
    assert "fractions" in said(pct / 100)
    assert "own units" in said(pd.Series(after - before, ids))
    assert "not indexed by check_id" in said(pct.reset_index(drop=True))
    assert "plain list" in said(pct.tolist())
    assert "missing" in said(pct.drop("FC42"))
    assert "not a check_id" in said(pd.concat([pct, pd.Series({"FC99": 1.0})]))
    assert "duplicates" not in said(pct.iloc[:3])  # missing rows, not an error
    wrong = pct.copy()
    wrong["FC04"] = 10.0
    assert "FC04" in said(wrong)
    # rows without a number on both sides
    both = fc.dropna(subset=["commentary_value"])
    with_gaps = ((both["later_value"] - both["commentary_value"]) / both["commentary_value"]
                 * 100).set_axis(both["check_id"])
    assert "dropna" in said(with_gaps)
    # years and ranks kept
    rows = fc.dropna(subset=["commentary_value", "later_value"])
    all_units = ((rows["later_value"] - rows["commentary_value"]) / rows["commentary_value"]
                 * 100).set_axis(rows["check_id"])
    assert "years or ranks" in said(all_units)


def test_pct_differences_frame_with_other_columns():
    fb = lesson7.check_pct_differences(pd.DataFrame({"check_id": ["FC01"], "pct": [0.0]}))
    assert fb.ok is False and "pct_diff" in fb.message


# ----------------------------------------------------------------------------- Task 2b


@pytest.mark.parametrize("answer", ["FC42", "fc42", " FC42 ", "China's gas"])
def test_largest_gap_right(answer):
    assert lesson7.check_largest_gap(answer).ok is True


def test_largest_gap_from_idxmax_and_row(pct, fc):
    assert lesson7.check_largest_gap(pct.abs().idxmax()).ok is True
    row = fc.loc[fc["check_id"] == "FC42"]
    assert lesson7.check_largest_gap(row).ok is True
    assert lesson7.check_largest_gap(row.iloc[0]).ok is True


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        ("FC04", "largest RISE"),
        ("FC23", "own units"),
        ("FC09", "another check is off by more"),
        ("FC14", "not among the numeric checks"),
        ("FC07", "not among the numeric checks"),
        ("FC99", "not a check_id"),
        (42, "give the check_id as text"),
    ],
)
def test_largest_gap_mistakes(answer, words):
    fb = lesson7.check_largest_gap(answer)
    assert fb.ok is False
    assert words in fb.message, fb.text


# ----------------------------------------------------------------------------- Task 3a


def test_verdict_counts_right_in_several_shapes(fc):
    counts = fc["verdict"].value_counts()
    assert lesson7.check_verdict_counts(counts).ok is True
    assert lesson7.check_verdict_counts(fc.groupby("verdict", observed=True).size()).ok is True
    assert lesson7.check_verdict_counts(counts.reset_index()).ok is True
    assert lesson7.check_verdict_counts(counts.to_dict()).ok is True
    assert sum(lesson7.expected_verdict_counts().values()) == len(fc)


def test_verdict_counts_mistakes(fc, numeric):
    def said(answer):
        fb = lesson7.check_verdict_counts(answer)
        assert fb.ok is False
        return fb.message

    assert "only the numeric checks" in said(numeric["verdict"].value_counts())
    assert "shares" in said(fc["verdict"].value_counts(normalize=True))
    assert "shares" in said(fc["verdict"].value_counts(normalize=True) * 100)
    assert "are not verdicts" in said(fc["topic"].value_counts())
    assert "add up to" in said(fc["verdict"].iloc[:10].value_counts())
    swapped = fc["verdict"].value_counts().to_dict()
    swapped["confirmed"] -= 1
    swapped["nuance"] += 1
    assert "confirmed" in said(swapped)
    assert "Series of counts" in said(fc[["check_id", "verdict"]])


# ----------------------------------------------------------------------------- Task 3b


def test_claims_right(statements):
    claims = statements[statements["claim_type"] == "claim"]
    assert lesson7.check_claims(claims).ok is True
    assert lesson7.check_claims(claims[["statement_id", "paraphrase"]]).ok is True
    assert lesson7.check_claims(claims.set_index("statement_id")).ok is True
    assert lesson7.check_claims(claims["statement_id"]).ok is True
    assert lesson7.check_claims(lesson7.expected_claims()).ok is True


def test_claims_mistakes(statements):
    def said(answer):
        fb = lesson7.check_claims(answer)
        assert fb.ok is False
        return fb.message

    assert "`kind`" in said(statements[statements["kind"] == "claim"])
    both = statements[statements["claim_type"].isin(["claim", "inference"])]
    assert "inference" in said(both)
    claims = statements[statements["claim_type"] == "claim"]
    assert "missing" in said(claims.iloc[1:])
    assert "how many" in said(len(claims))
    assert "more than once" in said(pd.concat([claims, claims.iloc[:1]]))
    assert "not a statement_id" in said(["S99"])
    assert "statement_id" in said(claims[["paraphrase"]])


def test_pct_differences_feedback_names_the_lower_bound():
    feedback = lesson7.check_pct_differences(lesson7.expected_pct_differences())
    assert feedback.ok is True
    assert "FC04's commentary figure is a lower bound, so its gap is at most 58.7 %" in (
        feedback.message
    )
