"""The checks of Exercise 1 ("What happened"): right answers pass, each anticipated mistake
gets its own message, and an unanswered cell says "not answered yet"."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from csto_course import data
from csto_course.checks import lesson1


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return data.load("events")


@pytest.fixture(scope="module")
def prices() -> pd.DataFrame:
    return data.load("lpg_prices")


@pytest.fixture(scope="module")
def deaths() -> pd.DataFrame:
    tolls = data.load("tolls")
    return tolls[tolls["measure"] == "deaths"]


def _price(prices: pd.DataFrame, price_id: str) -> float:
    return float(prices.loc[prices["price_id"] == price_id, "price_kzt_per_litre"].item())


# ----------------------------------------------------------------------------- all checks


# ----------------------------------------------------------------------------- the answers


def test_expected_values_follow_the_data(events, prices, deaths):
    first = events.loc[events["category"] == "protest", "date"].min()
    decision = events.loc[events["event_id"] == "E13", "date"].item()
    assert lesson1.expected_days_to_decision() == (decision - first).days == 4
    assert lesson1.expected_price_increase() == pytest.approx(100.0)
    said = deaths.loc[deaths["status"] == "commentary", "value"].item()
    final = deaths.loc[deaths["latest"], "value"].item()
    assert (said, final) == (150, 238)
    assert lesson1.expected_death_toll_growth() == pytest.approx((238 - 150) / 150 * 100)
    assert set(lesson1.expected_region_events()["event_id"]) == {"E03", "E04"}
    assert lesson1.expected_withdrawal_events() == 6


# ----------------------------------------------------------------------------- Task 1


def test_withdrawal_events_right():
    assert lesson1.check_withdrawal_events(lesson1.expected_withdrawal_events()).ok is True
    assert lesson1.check_withdrawal_events("6").ok is True


def test_withdrawal_events_all_categories(events):
    start, end = lesson1.WITHDRAWAL
    finish = events["end_date"].fillna(events["date"])
    n_all = int(((events["date"] <= end) & (finish >= start)).sum())
    fb = lesson1.check_withdrawal_events(n_all)
    assert fb.ok is False and "every category" in fb.message


def test_withdrawal_events_one_day_too_many():
    fb = lesson1.check_withdrawal_events(lesson1.expected_withdrawal_events() + 1)
    assert fb.ok is False and "20 January" in fb.message


# ----------------------------------------------------------------------------- Task 2


def test_days_right():
    assert lesson1.check_days_to_decision(4).ok is True
    assert lesson1.check_days_to_decision(np.int64(4)).ok is True
    assert lesson1.check_days_to_decision(4.0).ok is True


def test_days_inclusive_or_from_price_rise():
    fb = lesson1.check_days_to_decision(5)
    assert fb.ok is False
    assert "both" in fb.message and "price rise" in fb.message


def test_days_to_the_request_instead():
    fb = lesson1.check_days_to_decision(3)
    assert fb.ok is False and "request" in fb.message


def test_days_wrong_sign():
    fb = lesson1.check_days_to_decision(-4)
    assert fb.ok is False and "sign" in fb.message


def test_days_timedelta():
    fb = lesson1.check_days_to_decision(pd.Timedelta(days=4))
    assert fb.ok is False and ".days" in fb.message


# ----------------------------------------------------------------------------- Task 3


MANGYSTAU = ["zhanaozen", "aktau"]


def test_region_places_come_from_the_places_table():
    places = data.load("places")
    in_region = places.loc[places["region"] == lesson1.REGION, "place_id"]
    assert sorted(in_region) == sorted(MANGYSTAU)


def test_region_events_right(events):
    fb = lesson1.check_region_events(events[events["place_id"].isin(MANGYSTAU)])
    assert fb.ok is True
    assert "2 events" in fb.message and "2 January 2022" in fb.message


def test_region_events_right_via_places(events):
    places = data.load("places")
    ids = places.loc[places["region"] == "Mangystau region", "place_id"]
    fb = lesson1.check_region_events(events[events["place_id"].isin(ids)])
    assert fb.ok is True


def test_region_events_unfiltered(events):
    fb = lesson1.check_region_events(events)
    assert fb.ok is False and "not filtered" in fb.message


def test_region_events_one_town_only(events):
    fb = lesson1.check_region_events(events[events["place_id"] == "zhanaozen"])
    assert fb.ok is False and "'zhanaozen' only" in fb.message and "'aktau'" in fb.message


def test_region_events_wrong_place(events):
    fb = lesson1.check_region_events(events[events["place_id"] == "almaty"])
    assert fb.ok is False and "'almaty'" in fb.message and "not in Mangystau" in fb.message


def test_region_events_no_place(events):
    fb = lesson1.check_region_events(events[events["place_id"].isna()])
    assert fb.ok is False and "no place" in fb.message


def test_region_events_count_instead_of_table():
    fb = lesson1.check_region_events(2)
    assert fb.ok is False and "table itself" in fb.message


def test_region_events_columns_dropped(events):
    fb = lesson1.check_region_events(events[events["place_id"].isin(MANGYSTAU)][["date"]])
    assert fb.ok is False and "event_id" in fb.message


def test_region_events_duplicated(events):
    rows = events[events["place_id"].isin(MANGYSTAU)]
    fb = lesson1.check_region_events(pd.concat([rows, rows]))
    assert fb.ok is False and "twice" in fb.message


def test_no_event_is_placed_in_the_capital_without_a_source(events):
    # The sources name no place for the resignation, the Security Council handover, Massimov's
    # dismissal or the request to the CSTO (fact check M5), so these rows have no place_id.
    rows = events.set_index("event_id").loc[["E08", "E09", "E10", "E12"], "place_id"]
    assert rows.isna().all()


# ----------------------------------------------------------------------------- Task 4


def test_price_increase_right():
    assert lesson1.check_price_increase(100).ok is True
    assert lesson1.check_price_increase("100%").ok is True


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (2.0, "ratio"),
        (200.0, "OF the old"),
        (60.0, "tenge per litre"),
        (50.0, "new price"),
    ],
)
def test_price_increase_mistakes(prices, value, words):
    fb = lesson1.check_price_increase(value)
    assert fb.ok is False and words in fb.message


def test_price_increase_other_old_price(prices):
    new = _price(prices, "P4")
    low = _price(prices, "P2")
    fb = lesson1.check_price_increase((new - low) / low * 100)
    assert fb.ok is False and "P2" in fb.message


def test_price_increase_share_not_percentage():
    fb = lesson1.check_price_increase(1.0)
    assert fb.ok is False and "share" in fb.message


# ----------------------------------------------------------------------------- Task 5


def test_death_toll_right():
    for value in (58.67, 58.7, (238 - 150) / 150 * 100):
        assert lesson1.check_death_toll_growth(value).ok is True


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (88, "increase in the number"),
        (238 / 150, "ratio"),
        (238 / 150 * 100, "OF the commentary"),
        ((238 - 150) / 238 * 100, "final figure"),
        ((238 - 164) / 164 * 100, "withdrawn"),
        ((238 - 225) / 225 * 100, "starts from 225"),
        ((230 - 150) / 150 * 100, "ends at 230"),
    ],
)
def test_death_toll_mistakes(value, words):
    fb = lesson1.check_death_toll_growth(value)
    assert fb.ok is False and words in fb.message


def test_death_toll_rounded_too_far():
    fb = lesson1.check_death_toll_growth(59)
    assert fb.ok is False and "close" in fb.message


# ----------------------------------------------------------------------------- Task 7: voices

def test_voice_counts_right_in_several_shapes():
    table = data.load("accountability")
    counts = table["who_kind"].value_counts()
    assert lesson1.check_voice_counts(counts).ok is True
    assert lesson1.check_voice_counts(table.groupby("who_kind", observed=True).size()).ok
    assert lesson1.check_voice_counts(counts.to_frame()).ok is True
    assert lesson1.check_voice_counts(dict(counts)).ok is True
    expected = lesson1.expected_voice_counts()
    assert sum(expected.values()) == len(table)
    assert set(expected) == {"Kazakh authorities", "rights groups", "UN"}


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda t: t["who_kind"].value_counts(normalize=True), "shares"),
        (lambda t: t["topic"].value_counts(), "by topic"),
        (lambda t: t.dropna(subset=["date"])["who_kind"].value_counts(), "without a day"),
        (lambda t: t["who_kind"].value_counts().head(2), "add up to"),
        (lambda t: pd.Series({"Tokayev": 16}), "not a kind of voice"),
        (lambda t: 16, "Series of counts"),
    ],
)
def test_voice_counts_mistakes(make, words):
    fb = lesson1.check_voice_counts(make(data.load("accountability")))
    assert fb.ok is False and words in fb.message, fb.text


def test_voice_counts_unanswered():
    assert lesson1.check_voice_counts(...).ok is None
