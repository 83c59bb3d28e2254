"""The checks of Exercise 2 ("The CSTO and Article 4"): right answers pass, each anticipated
mistake gets its own message, and an unanswered cell says "not answered yet"."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from csto_course import data
from csto_course.checks import lesson2


@pytest.fixture(scope="module")
def members() -> pd.DataFrame:
    return data.load("members")


@pytest.fixture(scope="module")
def troops() -> pd.DataFrame:
    return data.load("contingents")


@pytest.fixture(scope="module")
def populations() -> pd.DataFrame:
    return data.load("populations")


def _per_100k(troops, populations, series, per=100_000, figures=None, how="inner"):
    reported = figures if figures is not None else troops[
        troops["figure_kind"] == "reported in commentary"
    ]
    pop = populations[populations["series"] == series] if series else populations
    merged = reported.merge(pop, on="country", how=how)
    merged["per_100k"] = merged["troops_low"] / merged["population"] * per
    return merged[["country", "per_100k"]]


# ----------------------------------------------------------------------------- all checks


def test_expected_values_follow_the_data(members, troops):
    assert lesson2.expected_members_sent_troops() == int(members["sent_troops_2022"].sum()) == 5
    reported = troops[troops["figure_kind"] == "reported in commentary"]
    assert lesson2.reported_total() == int(reported["troops_low"].sum()) == 3920
    assert lesson2.latest_official_total() == 2500
    assert lesson2.expected_gap() == 1420
    assert lesson2.expected_gap_percent() == pytest.approx(56.8)


# ----------------------------------------------------------------------------- Task 1


def test_members_right(members):
    assert lesson2.check_members_sent_troops(5).ok is True
    assert lesson2.check_members_sent_troops(members["sent_troops_2022"].sum()).ok is True


def test_members_counted_all_six():
    fb = lesson2.check_members_sent_troops(6)
    assert fb.ok is False
    assert "Kazakhstan" in fb.message and "6 members" in fb.message


def test_members_counted_the_host():
    fb = lesson2.check_members_sent_troops(1)
    assert fb.ok is False and "did NOT" in fb.message


def test_members_table_instead_of_count(members):
    fb = lesson2.check_members_sent_troops(members[members["sent_troops_2022"]])
    assert fb.ok is False and "count" in fb.message


# ----------------------------------------------------------------------------- Task 2


def test_per_100k_right(troops, populations):
    good = _per_100k(troops, populations, lesson2.SERIES)
    assert lesson2.check_troops_per_100k(good).ok is True
    assert lesson2.check_troops_per_100k(good.round(2)).ok is True
    assert lesson2.check_troops_per_100k(good.set_index("country")["per_100k"]).ok is True
    assert lesson2.check_troops_per_100k(good.set_index("country")).ok is True
    fb = lesson2.check_troops_per_100k(good)
    assert "Belarus" in fb.message


def test_per_100k_values(troops, populations):
    want = lesson2.expected_troops_per_100k()
    assert want["Russia"] == pytest.approx(3000 / 144746762 * 100_000)
    assert want.idxmax() == "Belarus"
    assert len(want) == 5


def test_per_100k_cia_series(troops, populations):
    fb = lesson2.check_troops_per_100k(_per_100k(troops, populations, "CIA World Factbook"))
    assert fb.ok is False and "CIA" in fb.message


@pytest.mark.parametrize(
    ("per", "words"), [(1, "per person"), (1_000_000, "per million"), (1000, "per 1,000")]
)
def test_per_100k_wrong_unit(troops, populations, per, words):
    fb = lesson2.check_troops_per_100k(_per_100k(troops, populations, lesson2.SERIES, per))
    assert fb.ok is False and words in fb.message


def test_per_100k_both_series(troops, populations):
    fb = lesson2.check_troops_per_100k(_per_100k(troops, populations, None))
    assert fb.ok is False and "population series" in fb.message


def test_per_100k_includes_host(troops, populations):
    wb = populations[populations["series"] == lesson2.SERIES]
    reported = troops[troops["figure_kind"] == "reported in commentary"]
    merged = wb.merge(reported, on="country", how="left")
    merged["per_100k"] = merged["troops_low"] / merged["population"] * 100_000
    fb = lesson2.check_troops_per_100k(merged[["country", "per_100k"]])
    assert fb.ok is False and "Kazakhstan" in fb.message


def test_per_100k_official_armenia(troops, populations):
    figures = troops[troops["figure_kind"] == "reported in commentary"].copy()
    figures.loc[figures["country"] == "Armenia", "troops_low"] = 100
    fb = lesson2.check_troops_per_100k(
        _per_100k(troops, populations, lesson2.SERIES, figures=figures)
    )
    assert fb.ok is False and "Armenia" in fb.message and "official" in fb.message


def test_per_100k_missing_rows(troops, populations):
    fb = lesson2.check_troops_per_100k(_per_100k(troops, populations, lesson2.SERIES).iloc[:3])
    assert fb.ok is False and "missing" in fb.message


def test_per_100k_upside_down(troops, populations):
    good = _per_100k(troops, populations, lesson2.SERIES)
    good["per_100k"] = 100_000 / good["per_100k"]
    fb = lesson2.check_troops_per_100k(good)
    assert fb.ok is False and "upside down" in fb.message


def test_per_100k_wrong_column_name(troops, populations):
    good = _per_100k(troops, populations, lesson2.SERIES).rename(columns={"per_100k": "rate"})
    fb = lesson2.check_troops_per_100k(good)
    assert fb.ok is False and "per_100k" in fb.message


# ----------------------------------------------------------------------------- Task 3


def test_gap_right():
    assert lesson2.check_reported_gap(1420).ok is True
    assert lesson2.check_reported_gap(np.int64(1420)).ok is True


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (3920, "sum of the reported figures alone"),
        (1450, "Armenia"),
        (1920, "2,000"),
        (-1420, "sign"),
    ],
)
def test_gap_mistakes(value, words):
    fb = lesson2.check_reported_gap(value)
    assert fb.ok is False and words in fb.message


# ----------------------------------------------------------------------------- Task 4


def test_gap_percent_right():
    for value in (56.8, "56.8%", 1420 / 2500 * 100):
        assert lesson2.check_gap_percent(value).ok is True


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (1420 / 3920 * 100, "sum of the reported figures"),
        (3920 / 2500, "ratio"),
        (3920 / 2500 * 100, "percentage OF"),
        (0.568, "share"),
        (1420, "gap in troops"),
        ((3950 - 2500) / 2500 * 100, "Armenia"),
        ((3920 - 2000) / 2000 * 100, "2,000"),
    ],
)
def test_gap_percent_mistakes(value, words):
    fb = lesson2.check_gap_percent(value)
    assert fb.ok is False and words in fb.message


# ----------------------------------------------------------------------------- rival readings

def test_evidence_cards_come_from_the_readings_table_in_a_shuffled_order():
    cards = lesson2.evidence_cards()
    readings = data.load("readings")
    testable = readings[readings["telling_evidence"].notna()]
    assert len(cards) == len(testable) >= 3
    assert set(cards["evidence"]) == set(testable["telling_evidence"])
    expected = lesson2.expected_reading_evidence()
    assert list(expected) == list(cards["card"])
    assert list(expected.values()) != sorted(expected.values()), "card A is not just R01"
    choices = lesson2.reading_choices()
    assert sorted(choices["reading_id"]) == sorted(expected.values())
    assert "telling_evidence" not in choices.columns


def test_reading_evidence_right_by_id_by_name_and_as_series():
    expected = lesson2.expected_reading_evidence()
    names = data.load("readings").set_index("reading_id")["reading"]
    assert lesson2.check_reading_evidence(expected).ok is True
    assert lesson2.check_reading_evidence({k.lower(): v.lower() for k, v in expected.items()}).ok
    assert lesson2.check_reading_evidence({k: names[v] for k, v in expected.items()}).ok is True
    assert lesson2.check_reading_evidence(pd.Series(expected)).ok is True


def test_reading_evidence_mistakes():
    expected = lesson2.expected_reading_evidence()
    cards = list(expected)
    swapped = dict(expected)
    swapped[cards[0]], swapped[cards[1]] = expected[cards[1]], expected[cards[0]]
    fb = lesson2.check_reading_evidence(swapped)
    assert fb.ok is False and f"{len(cards) - 2} of {len(cards)}" in fb.message
    assert f"Card {cards[0]}" in fb.message
    other = next(i for i in data.load("readings")["reading_id"] if i not in expected.values())
    fb = lesson2.check_reading_evidence({**expected, cards[0]: other})
    assert fb.ok is False and "not one of the readings" in fb.message
    fb = lesson2.check_reading_evidence({cards[0]: expected[cards[0]]})
    assert fb.ok is False and "match every card" in fb.message
    assert lesson2.check_reading_evidence({**expected, "Z": "R01"}).ok is False
    assert "not a reading" in lesson2.check_reading_evidence({cards[0]: "nonsense"}).message
    assert lesson2.check_reading_evidence(["R01"]).ok is False
    assert lesson2.check_reading_evidence(...).ok is None
