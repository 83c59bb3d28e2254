"""Checks for the exercise of Lesson 1, "What happened" (``solutions/ex01_what_happened.ipynb``).

Each check recomputes the right answer from the dataset (no answer key) and answers a
student's attempt with a :class:`~csto_course.checks.core.Feedback` that names the likely
mistake: days counted inclusively, the wrong event, a ratio instead of a percentage, the
new price as the base, the withdrawn or the first official figure instead of the final one,
a count instead of a table, one place of a region instead of all of them.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from csto_course import data
from csto_course.checks.core import (
    ONE_DECIMAL,
    Feedback,
    as_frame,
    as_int,
    check,
    count_feedback,
    count_pairs,
    format_number,
    number_feedback,
    show,
)

__all__ = [
    "DECISION_EVENT",
    "NEW_PRICE",
    "OLD_PRICE",
    "REGION",
    "VOICE",
    "WITHDRAWAL",
    "check_days_to_decision",
    "check_death_toll_growth",
    "check_price_increase",
    "check_region_events",
    "check_voice_counts",
    "check_withdrawal_events",
    "expected_days_to_decision",
    "expected_death_toll_growth",
    "expected_price_increase",
    "expected_region_events",
    "expected_voice_counts",
    "expected_withdrawal_events",
]

#: The ``price_id`` of the old LPG price the exercise uses (Jamestown, 31 December 2021) ...
OLD_PRICE = "P1"
#: ... and of the new one (1 January 2022).
NEW_PRICE = "P4"
#: The ``event_id`` of the CSTO Collective Security Council's decision (6 January 2022).
DECISION_EVENT = "E13"
#: The ``region`` (in the ``places`` table) whose events Task 3 asks for: where the protests began.
REGION = "Mangystau region"
#: The days of the withdrawal, both included.
WITHDRAWAL = (pd.Timestamp("2022-01-13"), pd.Timestamp("2022-01-19"))


# --------------------------------------------------------------------------------------
# The right answers, recomputed from the dataset
# --------------------------------------------------------------------------------------


def _price(price_id: str) -> float:
    prices = data.load("lpg_prices")
    return float(prices.loc[prices["price_id"] == price_id, "price_kzt_per_litre"].iloc[0])


def expected_price_increase() -> float:
    """Percentage increase of the LPG price from the old (P1) to the new (P4) price."""
    old, new = _price(OLD_PRICE), _price(NEW_PRICE)
    return 100 * (new - old) / old


def _decision_date() -> pd.Timestamp:
    """The day of the CSTO's decision: event E13, or failing that the 'csto' event that says
    the Council decides to send troops (in case the events are renumbered)."""
    events = data.load("events")
    row = events[events["event_id"] == DECISION_EVENT]
    if row.empty or "decid" not in str(row["description"].iloc[0]).lower():
        text = events["description"].astype("string").str.lower()
        row = events[(events["category"] == "csto") & text.str.contains("decide", na=False)]
    return pd.Timestamp(row["date"].iloc[0])


def _first_protest() -> pd.Timestamp:
    events = data.load("events")
    return pd.Timestamp(events.loc[events["category"] == "protest", "date"].min())


def expected_days_to_decision() -> int:
    """Days from the first protest to the CSTO decision (a plain date difference)."""
    return int((_decision_date() - _first_protest()).days)


def _region_places() -> list[str]:
    """The ``place_id`` of every place the ``places`` table puts in :data:`REGION`."""
    places = data.load("places")
    ids = places.loc[places["region"].astype("string") == REGION, "place_id"]
    return sorted(ids.astype(str))


def expected_region_events() -> pd.DataFrame:
    """The rows of the events table whose place lies in Mangystau region."""
    events = data.load("events")
    return events[events["place_id"].isin(_region_places())]


def _overlapping(events: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    finish = events["end_date"].fillna(events["date"])
    return events[(events["date"] <= end) & (finish >= start)]


def expected_withdrawal_events() -> int:
    """CSTO events under way between 13 and 19 January 2022, both days included."""
    events = data.load("events")
    csto = events[events["category"] == "csto"]
    return int(len(_overlapping(csto, *WITHDRAWAL)))


def _deaths() -> pd.DataFrame:
    tolls = data.load("tolls")
    return tolls[tolls["measure"] == "deaths"]


def _commentary_deaths() -> float:
    deaths = _deaths()
    return float(deaths.loc[deaths["status"] == "commentary", "value"].iloc[0])


def _final_deaths() -> float:
    deaths = _deaths()
    return float(deaths.loc[deaths["latest"], "value"].iloc[0])


def expected_death_toll_growth() -> float:
    """Percentage increase from the commentary's death toll to the final official one."""
    said, final = _commentary_deaths(), _final_deaths()
    return 100 * (final - said) / said


# --------------------------------------------------------------------------------------
# Task: percentage increase of the LPG price
# --------------------------------------------------------------------------------------


@check(example=expected_price_increase)
def check_price_increase(answer: Any) -> Feedback:
    """The percentage increase of the LPG price from P1 to P4."""
    old, new = _price(OLD_PRICE), _price(NEW_PRICE)
    expected = expected_price_increase()
    prices = data.load("lpg_prices")
    hints: dict[float, str] = {
        new / old: (
            "that is the ratio of the new price to the old one (how many times as much). "
            "A percentage increase is (new - old) / old * 100."
        ),
        100 * new / old: (
            "that is the new price as a percentage OF the old one. Subtract the old price "
            "first: (new - old) / old * 100."
        ),
        new - old: (
            "that is the rise in tenge per litre. Divide it by the old price and multiply by "
            "100 to get a percentage."
        ),
        100 * (new - old) / new: (
            "you divided by the new price. A percentage increase is measured against the OLD "
            "price (P1), the starting point. (If you used the energy minister's old price, "
            "P3, you get the same number by chance: the task asks for P1.)"
        ),
    }
    for other in prices.itertuples(index=False):
        price = float(other.price_kzt_per_litre)
        if other.price_id in (OLD_PRICE, NEW_PRICE) or price == old or price == 0:
            continue
        hints.setdefault(
            100 * (new - price) / price,
            f"that uses {format_number(price)} KZT (row {other.price_id}) as the old price; "
            f"the task asks for row {OLD_PRICE} ({format_number(old)} KZT).",
        )
    return number_feedback(
        answer,
        expected,
        abs_tol=ONE_DECIMAL,
        unit="%",
        hints=hints,
        correct=(
            f"{format_number(expected)} %: from {format_number(old)} to {format_number(new)} "
            "KZT per litre, the price doubled, as the commentary says."
        ),
    )


# --------------------------------------------------------------------------------------
# Task: days from the first protest to the CSTO decision
# --------------------------------------------------------------------------------------


@check(example=expected_days_to_decision)
def check_days_to_decision(answer: Any) -> Feedback:
    """Days between the first protest and the CSTO Collective Security Council's decision."""
    start, decision = _first_protest(), _decision_date()
    expected = expected_days_to_decision()
    if isinstance(answer, pd.Timedelta):
        if answer.days == expected:
            return Feedback(
                False,
                "that is the right time span, but as a Timedelta: give the number of days, "
                "e.g. with `.days`.",
            )
    events = data.load("events")
    request = events.loc[(events["category"] == "csto") & (events["date"] < decision), "date"]
    price_rise = events.loc[events["category"] == "economy", "date"]
    hints: dict[int, str] = {
        expected + 1: (
            "that counts both the first and the last day. Subtracting the dates gives the days "
            "BETWEEN them: (decision - first protest).days."
        ),
        -expected: "the wrong sign: subtract the earlier date from the later one.",
    }
    if not request.empty:
        hints.setdefault(
            (request.max() - start).days,
            "that stops at Tokayev's request (5 January). The task asks for the CSTO's "
            f"decision, event {DECISION_EVENT}.",
        )
    after_rise = price_rise[price_rise >= pd.Timestamp("2022-01-01")]
    if not after_rise.empty:
        hints.setdefault(
            (decision - after_rise.min()).days,
            "that starts from the price rise on 1 January; start from the first protest "
            "(the earliest event in the 'protest' category).",
        )
    if expected + 1 in hints and (decision - after_rise.min()).days == expected + 1:
        hints[expected + 1] = (
            "either you counted both the first and the last day, or you started from the "
            "price rise on 1 January. Start from the first protest and subtract the dates: "
            "(decision - first protest).days."
        )
    return count_feedback(
        answer,
        expected,
        noun="days",
        hints=hints,
        correct=(
            f"{expected} days: from the first protests on {start.day} January to the CSTO's "
            f"decision on {decision.day} January."
        ),
    )


# --------------------------------------------------------------------------------------
# Task: the events in Mangystau region
# --------------------------------------------------------------------------------------


def _example_region_events() -> pd.DataFrame:
    return expected_region_events()


def _rows_hint() -> str:
    return (
        'keep the rows with a filter, e.g. `events[events["place_id"].isin(...)]`, with the '
        "`place_id`s of the region's places from the `places` table."
    )


@check(example=_example_region_events)
def check_region_events(answer: Any) -> Feedback:
    """A table of the events whose place lies in Mangystau region (per the places table)."""
    events = data.load("events")
    region_places = _region_places()
    expected = set(events.loc[events["place_id"].isin(region_places), "event_id"].astype(str))
    n = len(expected)
    if not isinstance(answer, pd.DataFrame | pd.Series):
        number, problem = as_int(answer)
        if problem is None and number == n:
            return Feedback(
                False,
                f"{n} is the right number of rows, but the task asks for the table itself: "
                + _rows_hint(),
            )
        return Feedback(
            False,
            f"your answer is {show(answer)}; give the filtered table (a DataFrame): "
            + _rows_hint(),
        )
    frame, problem = as_frame(answer, ["event_id"])
    if problem:
        return Feedback(
            False,
            f"{problem} Keep the columns of the events table: filter rows, do not select "
            "columns away.",
        )
    got = set(frame["event_id"].dropna().astype(str))
    names = ", ".join(f"'{p}'" for p in region_places)
    if got == expected:
        if len(frame) != len(got):
            return Feedback(False, "your table has the right events, but some appear twice.")
        stamps = (
            pd.to_datetime(frame["date"], errors="coerce").dropna()
            if "date" in frame.columns
            else []
        )
        days = sorted({f"{d.day} {d:%B %Y}" for d in stamps})
        when = f", all on {days[0]}" if len(days) == 1 else ""
        return Feedback(
            True,
            f"{n} events took place in {REGION}{when}: the first protests of the unrest. "
            "Other rows concern the region too (the LPG price, the state of emergency), but "
            "they name no single place, so the table leaves their `place_id` empty.",
        )
    if got == set(events["event_id"].astype(str)):
        return Feedback(
            False,
            "your table has every event: it is not filtered yet. Keep the rows whose "
            f"`place_id` is one of the region's places ({names}).",
        )
    by_place = events.groupby(events["place_id"].astype("string"), dropna=True)
    for place, rows in by_place:
        if got == set(rows["event_id"].astype(str)):
            if place in region_places:
                return Feedback(
                    False,
                    f"those are the events in '{place}' only. {REGION} has {len(region_places)} "
                    f"places in the `places` table ({names}): keep the events of all of them, "
                    "e.g. with `.isin(...)`.",
                )
            return Feedback(
                False,
                f"those are the events in '{place}', which is not in {REGION}. Look up the "
                f"region's places in the `places` table ({names}).",
            )
    no_place = set(events.loc[events["place_id"].isna(), "event_id"].astype(str))
    if got and got <= no_place:
        return Feedback(
            False,
            "those are the events with no place recorded. Filter on the `place_id` of the "
            f"region's places ({names}).",
        )
    extra, missing = got - expected, expected - got
    parts = []
    if extra:
        parts.append(f"{len(extra)} row(s) should not be there")
    if missing:
        parts.append(f"{len(missing)} row(s) are missing")
    return Feedback(
        False,
        f"your table has {len(got)} events; " + " and ".join(parts) + ". Filter the events "
        f"table on the `place_id` column alone, keeping the region's places ({names}).",
    )


# --------------------------------------------------------------------------------------
# Task (with the timeline explorer): CSTO events during the withdrawal
# --------------------------------------------------------------------------------------


@check(example=expected_withdrawal_events)
def check_withdrawal_events(answer: Any) -> Feedback:
    """How many 'csto' events fall between 13 and 19 January 2022 (both days included)."""
    events = data.load("events")
    csto = events[events["category"] == "csto"]
    start, end = WITHDRAWAL
    expected = expected_withdrawal_events()
    hints: dict[int, str] = {}
    all_categories = len(_overlapping(events, start, end))
    if all_categories != expected:
        hints[all_categories] = (
            "that counts events of every category. Select only 'csto' in the Categories box."
        )
    one_more = len(_overlapping(csto, start, end + pd.Timedelta(days=1)))
    if one_more != expected:
        hints.setdefault(one_more, "that includes 20 January; stop the slider at 19 January.")
    strict = len(csto[(csto["date"] > start) & (csto["date"] < end)])
    if strict != expected:
        hints.setdefault(
            strict, "that leaves out the first and the last day; both 13 and 19 January count."
        )
    return count_feedback(
        answer,
        expected,
        noun="events",
        hints=hints,
        correct=(
            f"{expected} CSTO events between 13 and 19 January: the withdrawal was announced, "
            "begun and completed within a week."
        ),
    )


# --------------------------------------------------------------------------------------
# Task: growth of the death toll from the commentary's figure to the final one
# --------------------------------------------------------------------------------------


@check(example=expected_death_toll_growth)
def check_death_toll_growth(answer: Any) -> Feedback:
    """Percentage increase from the commentary's death toll to the final official figure."""
    deaths = _deaths()
    said, final = _commentary_deaths(), _final_deaths()
    expected = expected_death_toll_growth()
    hints: dict[float, str] = {
        final - said: (
            "that is the increase in the number of deaths. Divide it by the commentary's "
            "figure and multiply by 100 for a percentage."
        ),
        final / said: (
            "that is the ratio of the final figure to the commentary's. A percentage increase "
            "is (final - commentary) / commentary * 100."
        ),
        100 * final / said: (
            "that is the final figure as a percentage OF the commentary's. Subtract first: "
            "(final - commentary) / commentary * 100."
        ),
        100 * (final - said) / final: (
            "you divided by the final figure. The growth is measured from the starting point, "
            "the commentary's figure."
        ),
    }
    for row in deaths.itertuples(index=False):
        value = float(row.value)
        if value in (said, final):
            continue
        status = str(row.status)
        which = (
            f"the figure posted and withdrawn on {row.date.day} {row.date:%B %Y}"
            if status == "reported then withdrawn"
            else f"the {status} figure of {row.date.day} {row.date:%B %Y}"
        )
        hints.setdefault(
            100 * (final - value) / value,
            f"that starts from {format_number(value)}, {which}. Start from the commentary's "
            "figure (the row whose status is 'commentary').",
        )
        hints.setdefault(
            100 * (value - said) / said,
            f"that ends at {format_number(value)}, {which}. End at the final official figure "
            "(the row whose `latest` is True).",
        )
    return number_feedback(
        answer,
        expected,
        abs_tol=ONE_DECIMAL,
        close=0.03,
        unit="%",
        hints=hints,
        correct=(
            f"about {format_number(round(expected, 1))} %: the final official toll, "
            f"{format_number(final)}, is more than half as large again as the commentary's "
            f"{format_number(said)}."
        ),
    )


# --------------------------------------------------------------------------------------
# Task 7: who speaks about the use of force and its aftermath
# --------------------------------------------------------------------------------------

#: The column that says what kind of voice a row of ``accountability`` is.
VOICE = "who_kind"


def expected_voice_counts() -> dict[str, int]:
    """How many rows of ``accountability`` each kind of voice has (every row, dated or not)."""
    counts = data.load("accountability")[VOICE].astype("string").value_counts()
    return {str(k): int(v) for k, v in counts.items() if v > 0}


def _as_voice_counts(answer: Any) -> tuple[dict[str, float] | None, str | None]:
    usage = (f"give a Series of counts indexed by kind of voice, e.g. "
             f"`accountability['{VOICE}'].value_counts()`.")
    where = None
    if isinstance(answer, pd.DataFrame):
        frame = answer.reset_index() if answer.index.name else answer
        labels = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
        numbers = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])]
        if len(labels) != 1 or len(numbers) != 1:
            return None, f"your answer is {show(answer)}; {usage}"
        answer = pd.Series(frame[numbers[0]].to_numpy(), index=frame[labels[0]].to_numpy())
        where = f" in your table's column {show(numbers[0], 30)}"
    if not isinstance(answer, pd.Series | dict):
        return None, f"your answer is {show(answer)}; {usage}"
    if not len(answer):
        return None, f"your answer is empty ({show(answer)}); {usage}"
    pairs, problem = count_pairs(answer, where)
    if problem:
        return None, problem
    return {str(k): v for k, v in pairs if v != 0}, None


@check(example=lambda: data.load("accountability")[VOICE].value_counts())
def check_voice_counts(answer: Any) -> Feedback:
    """How many rows of ``accountability`` come from each kind of voice (a Series of counts)."""
    table = data.load("accountability")
    expected = expected_voice_counts()
    got, problem = _as_voice_counts(answer)
    if problem or got is None:
        return Feedback(False, problem or "give a Series of counts.")
    total = sum(expected.values())
    if got == {k: float(v) for k, v in expected.items()}:
        authorities = expected.get("Kazakh authorities", 0)
        return Feedback(
            True,
            f"{total} rows: {authorities} from the Kazakh authorities, an interested party, and "
            f"{total - authorities} from rights groups and the UN. Who speaks matters as much as "
            "what is said.",
        )
    total_got = sum(got.values())
    if abs(total_got - 1) < 1e-6 or abs(total_got - 100) < 1e-3:
        return Feedback(False, f"your numbers ({show(answer)}) add up to "
                        f"{format_number(round(total_got, 4))}: "
                        "those are shares, not counts. Drop `normalize=True` (or the division).")
    topics = set(table["topic"].astype("string").dropna())
    if not got:
        return Feedback(False, f"your counts are all 0 ({show(answer)}); count the rows of the "
                        "table for each kind of voice.")
    if set(got) <= topics:
        named = ", ".join(repr(k) for k in list(got)[:3])
        return Feedback(False, f"you counted by topic ({named}); count by the `{VOICE}` column, "
                        "the kind of voice.")
    unknown = [k for k in got if k not in expected]
    if unknown:
        return Feedback(False, f"{show(unknown[0])} is not a kind of voice in the table (your "
                        f"answer is {show(answer)}); index your counts by the `{VOICE}` column.")
    dated = table.dropna(subset=["date"])[VOICE].astype("string").value_counts()
    if got == {str(k): float(v) for k, v in dated.items() if v > 0}:
        return Feedback(False, f"your counts add up to {format_number(total_got)}: you left out "
                        "the rows without a day (their `date` is empty). Count every row: a "
                        "statement dated only by month still counts.")
    if total_got != total:
        return Feedback(False, f"your counts ({show(answer)}) add up to "
                        f"{format_number(total_got)}, but the table "
                        f"has {total} rows. Count every row, one voice per row.")
    wrong = sorted(k for k in expected if got.get(k) != expected[k])
    return Feedback(False, f"the counts for {', '.join(wrong)} are not right.")


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
