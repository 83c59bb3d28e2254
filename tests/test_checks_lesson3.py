"""The checks of the Lesson 3 exercise: right answers pass, likely mistakes get their message."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from csto_course import data
from csto_course.checks import lesson3

# ----------------------------------------------------------------------------- the answers


def test_expected_values_come_from_the_dataset():
    borders = data.load("borders")
    russia = borders.loc[borders["neighbour"] == "Russia", "length_km"].item()
    share = 100 * russia / borders["length_km"].sum()
    assert lesson3.expected_border_share() == pytest.approx(share)
    assert lesson3.expected_border_share() == pytest.approx(57.2, abs=0.05)
    assert lesson3.expected_percentage_points() == pytest.approx(18 - 15.54)
    assert lesson3.expected_census_fall() == pytest.approx(
        100 * (3_512_925 - 2_981_946) / 3_512_925
    )
    days = lesson3.expected_response_days().set_index("country")["days"].to_dict()
    assert days == {"Belarus": 7, "Kazakhstan": 4}


# ----------------------------------------------------------------------------- Task 1


@pytest.mark.parametrize("answer", [57.2, 57.198, "57.2", "57.2%", np.float64(57.2)])
def test_border_share_right(answer):
    fb = lesson3.check_border_share(answer)
    assert fb.ok is True, fb.text
    assert "more than half" in fb.message


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (0.572, "share (0 to 1)"),
        (133.6, "OTHER borders"),
        (42.8, "other neighbours"),
        (20, "counts neighbours"),
        (57, "rounded too much"),
        (328.1, "next-longest"),
        ("fifty-seven", "not a number"),
        ([57.2], "list"),
        (-57.2, "wrong sign"),
    ],
)
def test_border_share_mistakes(answer, words):
    fb = lesson3.check_border_share(answer)
    assert fb.ok is False
    assert words in fb.message, fb.message


# ----------------------------------------------------------------------------- Task 2


def test_percentage_points_right():
    assert lesson3.check_percentage_points(2.46).ok is True
    assert lesson3.check_percentage_points(18 - 15.54).ok is True


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (3.31, "2020 official estimate"),
        (3.76, "CIA's 2019 estimate"),
        (3.1, "CIA's 2023 estimate"),
        (13.67, "percentage change"),
        (15.83, "percentage change"),
        (-2.46, "wrong sign"),
        (0.0246, "100 times"),
        (2.5, "close"),
    ],
)
def test_percentage_points_mistakes(answer, words):
    fb = lesson3.check_percentage_points(answer)
    assert fb.ok is False
    assert words in fb.message, fb.message


# ----------------------------------------------------------------------------- Task 3


def test_census_fall_right():
    assert lesson3.check_census_fall(15.1).ok is True
    assert lesson3.check_census_fall(15.115).ok is True


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (530979, "fall in persons"),
        (17.8, "divides by the census"),
        (14.8, "rounded 3.5 million"),
        (84.9, "100 minus"),
        (-15.1, "wrong sign"),
        (0.151, "100 times"),
    ],
)
def test_census_fall_mistakes(answer, words):
    fb = lesson3.check_census_fall(answer)
    assert fb.ok is False
    assert words in fb.message, fb.message


# ----------------------------------------------------------------------------- Task 4


def _uprisings_with_days() -> pd.DataFrame:
    up = data.load("uprisings")
    up["days"] = (up["response_date"] - up["start_date"]).dt.days
    return up


def test_response_days_right_as_table_or_series_and_a_dict_refused():
    up = _uprisings_with_days().dropna(subset=["days"])
    assert lesson3.check_response_days(up[["name", "days"]]).ok is True
    assert lesson3.check_response_days(up.set_index("name")["days"]).ok is True
    assert lesson3.check_response_days(up.set_index("country")["days"]).ok is True
    fb = lesson3.check_response_days({"Belarus": 7, "Kazakhstan": 4})
    assert fb.ok is False and "a dict, not a table" in fb.message
    fb = lesson3.check_response_days(lesson3.expected_response_days()[["name", "days"]])
    assert fb.ok is True and "response_note" in fb.message


def test_response_days_rows_without_dates():
    fb = lesson3.check_response_days(_uprisings_with_days()[["name", "days"]])
    assert fb.ok is False and "dropna" in fb.message


def test_response_days_timedelta():
    up = data.load("uprisings").dropna(subset=["start_date", "response_date"])
    up = up.assign(days=up["response_date"] - up["start_date"])
    fb = lesson3.check_response_days(up[["name", "days"]])
    assert fb.ok is False and ".dt.days" in fb.message


def test_response_days_off_by_one_and_sign():
    good = lesson3.expected_response_days()[["name", "days"]]
    fb = lesson3.check_response_days(good.assign(days=good["days"] + 1))
    assert fb.ok is False and "one day too many" in fb.message
    fb = lesson3.check_response_days(good.assign(days=-good["days"]))
    assert fb.ok is False and "wrong sign" in fb.message
    fb = lesson3.check_response_days(good.assign(days=[7, 5]))
    assert fb.ok is False and "Kazakhstan" in fb.message


def test_response_days_missing_or_unknown_rows():
    good = lesson3.expected_response_days()[["name", "days"]]
    fb = lesson3.check_response_days(good.iloc[:1])
    assert fb.ok is False and "lacks" in fb.message
    fb = lesson3.check_response_days(pd.DataFrame({"name": ["Moldova"], "days": [3]}))
    assert fb.ok is False and "not an uprising" in fb.message
    fb = lesson3.check_response_days(pd.DataFrame({"name": ["Tulip Revolution"], "days": [3]}))
    assert fb.ok is False and "no dated Russian response" in fb.message


def test_response_days_wrong_shapes():
    fb = lesson3.check_response_days(lesson3.expected_response_days()["days"])
    assert fb.ok is False and "Series of 2 values numbered 0, 1," in fb.message
    # the rows as the task leaves them (numbered 4, 5): the message names the real index
    up = data.load("uprisings").dropna(subset=["start_date", "response_date"])
    days = (up["response_date"] - up["start_date"]).dt.days
    fb = lesson3.check_response_days(days)
    numbers = ", ".join(str(i) for i in days.index)
    assert fb.ok is False and f"numbered {numbers}," in fb.message
    assert "0, 1" not in fb.message
    fb = lesson3.check_response_days(pd.DataFrame({"country": ["Belarus"], "days": [7]}))
    assert fb.ok is False and "'name'" in fb.message
    fb = lesson3.check_response_days(pd.DataFrame({"name": [], "days": []}))
    assert fb.ok is False and "no rows" in fb.message
    fb = lesson3.check_response_days(7)
    assert fb.ok is False
