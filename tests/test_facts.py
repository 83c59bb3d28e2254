"""The shared facts and rules of ``csto_course.facts`` agree with the dataset and are used once."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from csto_course import data, facts, scoring
from csto_course.checks import lesson2, lesson6, lesson7
from csto_course.figures import aftermath, gas, risks, tolls


def test_commentary_date_is_the_commentarys_publication_date() -> None:
    sources = data.load("sources")
    row = sources[sources["source_id"] == "hedenskog2022"]
    assert len(row) == 1
    assert pd.Timestamp(row["date"].item()) == facts.COMMENTARY_DATE


def test_every_module_uses_the_one_commentary_date() -> None:
    for module in (lesson6, aftermath, risks, tolls):
        assert module.COMMENTARY_DATE is facts.COMMENTARY_DATE


def test_official_totals_are_single_figures() -> None:
    """The reason ``OFFICIAL_TOTAL_COLUMN`` may be either column: low equals high."""
    con = data.load("contingents")
    totals = con[con["figure_kind"] == "official total"]
    assert len(totals) >= 2
    assert (totals["troops_low"] == totals["troops_high"]).all()


def test_lessons_2_and_7_read_the_same_latest_official_total() -> None:
    con = data.load("contingents").copy()
    latest = facts.latest_official_total(con)
    assert lesson2.latest_official_total() == latest
    reported, total = lesson7._contingent_figures()
    assert total == latest
    assert reported == lesson2.reported_total()


def test_latest_official_total_follows_the_date_not_the_row_order() -> None:
    con = data.load("contingents").iloc[::-1]
    totals = con[con["figure_kind"] == "official total"]
    newest = totals.loc[totals["date"].idxmax(), facts.OFFICIAL_TOTAL_COLUMN]
    assert facts.latest_official_total(con) == int(newest)


def test_brier_score() -> None:
    assert facts.brier_score([(0.5, True), (0.5, False)]) == facts.BRIER_BASELINE
    assert math.isclose(facts.brier_score([(0.9, True), (0.3, False)]), (0.01 + 0.09) / 2)
    assert scoring.brier_score is facts.brier_score
    with pytest.raises(ValueError, match="0 to 1"):
        facts.brier_score([(1.5, True)])
    with pytest.raises(ValueError, match="0 to 1"):
        facts.squared_error(float("nan"), True)
    with pytest.raises(ValueError, match="no forecasts"):
        facts.brier_score([])


def test_expected_brier_uses_the_shared_rule() -> None:
    fc = data.load("forecasts")
    pairs = [
        (lesson6.BRIER_PROBABILITIES[q], bool(o))
        for q, o in zip(fc["question_id"], fc["outcome"], strict=True)
    ]
    assert lesson6.expected_brier() == facts.brier_score(pairs)


def test_months_after() -> None:
    dates = pd.Series(pd.to_datetime(["2022-01-14", "2022-02-13", "2021-12-15", None]))
    months = facts.months_after(dates)
    assert months.iloc[0] == 0.0
    assert months.iloc[1] == round(30 / facts.DAYS_PER_MONTH, 1)
    assert months.iloc[2] < 0
    assert pd.isna(months.iloc[3])
    assert aftermath.months_after is facts.months_after


def test_gas_measures_and_shares_are_shared() -> None:
    assert gas.MEASURES is facts.GAS_MEASURES
    v = facts.gas_volumes(data.load("indicators"))
    shares = facts.gas_shares_of_imports(v)
    assert shares["produced"] == pytest.approx(100 * v["kazakhstan"] / v["imports"])
    assert shares["produced"] < shares["crossing"] < 100
