"""Checks for the exercise of Lesson 2, "The CSTO and Article 4".

The exercise is ``solutions/ex02_csto_article4.ipynb``.

Each check recomputes the right answer from the dataset (no answer key) and answers a
student's attempt with a :class:`~csto_course.checks.core.Feedback` that names the likely
mistake: six members counted instead of five, the wrong population series, per person
instead of per 100,000, Armenia's official 100 instead of the reported 70, the wrong
official total, the gap divided by the wrong figure.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from csto_course import data, facts
from csto_course.checks.core import (
    ONE_DECIMAL,
    Feedback,
    as_frame,
    as_number,
    check,
    count_feedback,
    format_number,
    number_feedback,
    show,
)

__all__ = [
    "CARD_LETTERS",
    "PER",
    "REPORTED",
    "SERIES",
    "check_gap_percent",
    "check_members_sent_troops",
    "check_reading_evidence",
    "check_reported_gap",
    "check_troops_per_100k",
    "expected_gap",
    "expected_gap_percent",
    "evidence_cards",
    "expected_members_sent_troops",
    "expected_reading_evidence",
    "expected_troops_per_100k",
    "latest_official_total",
    "reading_choices",
    "reported_total",
]

#: The population series the exercise asks for.
SERIES = "World Bank SP.POP.TOTL"
#: The other series in the populations table.
OTHER_SERIES = "CIA World Factbook"
#: The figure_kind of the per-country figures the commentary cites.
REPORTED = "reported in commentary"
#: Troops per how many inhabitants.
PER = 100_000


# --------------------------------------------------------------------------------------
# The right answers, recomputed from the dataset
# --------------------------------------------------------------------------------------


def expected_members_sent_troops() -> int:
    """How many CSTO members sent troops to Kazakhstan in January 2022."""
    members = data.load("members")
    return int(members["sent_troops_2022"].sum())


def _reported() -> pd.DataFrame:
    troops = data.load("contingents")
    rows = troops[troops["figure_kind"] == REPORTED]
    return rows[rows["country"] != "CSTO total"]


def _per_100k(series: str, figures: pd.DataFrame | None = None) -> pd.Series:
    figures = _reported() if figures is None else figures
    populations = data.load("populations")
    pop = populations[populations["series"] == series]
    pop = dict(zip(pop["country"].astype(str), pop["population"].astype(float), strict=True))
    out = {
        str(c): float(t) / pop[str(c)] * PER
        for c, t in zip(figures["country"], figures["troops_low"], strict=True)
        if str(c) in pop
    }
    return pd.Series(out, name="per_100k").rename_axis("country")


def expected_troops_per_100k() -> pd.Series:
    """Reported troops per 100,000 inhabitants (World Bank series), by country."""
    return _per_100k(SERIES)


def reported_total() -> int:
    """The sum of the per-country figures the commentary cites."""
    return int(_reported()["troops_low"].sum())


def latest_official_total() -> int:
    """The official total with the latest date (Kazakhstan's defence ministry, 19 January)."""
    return facts.latest_official_total(data.load("contingents"))


def expected_gap() -> int:
    """The sum of the reported figures minus the latest official total."""
    return reported_total() - latest_official_total()


def expected_gap_percent() -> float:
    """By how many per cent the sum of the reported figures exceeds the latest official total."""
    return 100 * expected_gap() / latest_official_total()


# --------------------------------------------------------------------------------------
# Task: how many members sent troops
# --------------------------------------------------------------------------------------


@check(example=expected_members_sent_troops)
def check_members_sent_troops(answer: Any) -> Feedback:
    """The number of CSTO members that sent troops to Kazakhstan."""
    members = data.load("members")
    expected = expected_members_sent_troops()
    n_members = len(members)
    hosts = members.loc[~members["sent_troops_2022"].astype(bool), "country"].astype(str).tolist()
    host = " and ".join(hosts) or "the host"
    hints = {
        n_members: (
            f"that counts all the members. The CSTO had {n_members} members, but {host} did not "
            "send troops: it asked for them and received them. Count the rows where "
            "`sent_troops_2022` is True."
        ),
        n_members - expected: (
            "that counts the members that did NOT send troops. Keep the rows where "
            "`sent_troops_2022` is True."
        ),
    }
    if isinstance(answer, pd.DataFrame) and len(answer) == expected:
        return Feedback(
            False,
            f"your table has the right {expected} rows; give the count as a number, "
            "e.g. `len(...)` or `.sum()` of the True/False column.",
        )
    return count_feedback(
        answer,
        expected,
        noun="members",
        hints=hints,
        correct=(
            f"{expected} of the {n_members} members sent troops; {host} asked for them and "
            "hosted them."
        ),
    )


# --------------------------------------------------------------------------------------
# Task: troops per 100,000 inhabitants
# --------------------------------------------------------------------------------------


def _as_per_country(answer: Any) -> tuple[pd.Series | None, str | None]:
    """A float Series indexed by country name from a Series or a table, or a problem."""
    if isinstance(answer, pd.Series):
        series = answer
        if not _looks_like_countries(series.index) and "country" not in (series.index.names or []):
            return None, (
                f"your answer is {show(answer)} whose index is not the country names. Give a "
                "table with the columns `country` and `per_100k` (or a Series indexed by "
                "country)."
            )
    elif isinstance(answer, pd.DataFrame):
        frame = answer
        if "country" not in frame.columns and _looks_like_countries(frame.index):
            frame = frame.reset_index(names="country")
        frame, problem = as_frame(frame, ["country", "per_100k"])
        if problem:
            return None, problem
        series = frame.set_index("country")["per_100k"]
    else:
        return None, (
            f"your answer is {show(answer)}; give a table with the columns `country` and "
            "`per_100k`, one row per country that sent troops."
        )
    index = [str(c) for c in series.index]
    values = pd.to_numeric(pd.Series(list(series), dtype="object"), errors="coerce")
    out = pd.Series(values.to_numpy(dtype=float, na_value=np.nan), index=index)
    return out, None


def _looks_like_countries(index: pd.Index) -> bool:
    members = set(data.load("members")["country"].astype(str))
    names = {str(c) for c in index}
    return bool(names) and len(names & members) >= max(1, len(names) // 2)


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=2e-3, abs_tol=6e-3)


def _matches(got: pd.Series, want: pd.Series) -> bool:
    return (
        set(got.index) == set(want.index)
        and all(_close(float(got[c]), float(want[c])) for c in want.index if not math.isnan(got[c]))
        and not got[list(want.index)].isna().any()
    )


@check(example=lambda: expected_troops_per_100k().reset_index())
def check_troops_per_100k(answer: Any) -> Feedback:
    """Reported troops per 100,000 inhabitants, World Bank series, one row per country."""
    want = _per_100k(SERIES)
    got, problem = _as_per_country(answer)
    if problem:
        return Feedback(False, problem)
    members = data.load("members")
    hosts = set(members.loc[~members["sent_troops_2022"].astype(bool), "country"].astype(str))
    extra_hosts = sorted(set(got.index) & hosts)
    if extra_hosts:
        return Feedback(
            False,
            f"your table has a row for {', '.join(extra_hosts)}, which sent no troops (it hosted "
            "them). Keep only the countries with a reported figure; an inner merge does that.",
        )
    if len(got.index) != len(set(got.index)):
        counts = pd.Series(got.index).value_counts()
        n_series = data.load("populations")["series"].nunique()
        if (counts == n_series).all():
            return Feedback(
                False,
                f"each country appears {n_series} times, once for each population series. "
                f"Keep only the '{SERIES}' rows of the populations table before merging.",
            )
        return Feedback(False, "some countries appear more than once; each should appear once.")
    missing = sorted(set(want.index) - set(got.index))
    extra = sorted(set(got.index) - set(want.index))
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"missing: {', '.join(missing)}")
        if extra:
            parts.append(f"not expected: {', '.join(str(e) for e in extra)}")
        return Feedback(
            False,
            "your table should have one row for each of the "
            f"{len(want)} countries that sent troops ({'; '.join(parts)}).",
        )
    if got.isna().any():
        empty = ", ".join(got.index[got.isna()])
        return Feedback(
            False,
            f"the value for {empty} is missing (NaN): did the merge find a population for "
            "every country? Filter the populations table to ONE series before merging.",
        )
    if _matches(got, want):
        top = want.idxmax()
        return Feedback(
            True,
            f"right, with the World Bank series. {top} sent the most troops per inhabitant "
            f"on these figures ({format_number(round(want[top], 2))} per 100,000), although "
            "Russia sent by far the most troops.",
        )
    # The likely mistakes, each recomputed.
    if _matches(got, _per_100k(OTHER_SERIES)):
        return Feedback(
            False,
            f"those values use the {OTHER_SERIES} series. The task asks for the "
            f"'{SERIES}' series: filter the populations table on `series` first.",
        )
    for factor, message in (
        (1 / PER, "those are troops per person. Multiply by 100,000 for troops per 100,000."),
        (10.0, "those are troops per million inhabitants; the task asks per 100,000."),
        (0.01, "those are troops per 1,000 inhabitants; the task asks per 100,000."),
    ):
        if _matches(got, want * factor):
            return Feedback(False, message)
    troops = data.load("contingents")
    official = troops[(troops["figure_kind"] == "official national") & troops["troops_low"].notna()]
    swapped = _reported().copy()
    for row in official.itertuples(index=False):
        swapped.loc[swapped["country"] == row.country, "troops_low"] = row.troops_low
    if _matches(got, _per_100k(SERIES, swapped)):
        return Feedback(
            False,
            "you used an official national figure (Armenia: 100) where the task asks for the "
            "figures the commentary cites (figure_kind 'reported in commentary').",
        )
    inverse = {c: PER / want[c] for c in want.index}
    if all(_close(float(got[c]), inverse[c]) for c in want.index):
        return Feedback(
            False,
            "your values are upside down: divide the troops by the population, not the "
            "population by the troops.",
        )
    wrong = [c for c in want.index if not _close(float(got[c]), float(want[c]))]
    return Feedback(
        False,
        f"the values for {', '.join(wrong)} are not right. For each country: troops "
        "(`troops_low`) / population (World Bank series) * 100,000.",
    )


# --------------------------------------------------------------------------------------
# Task: the gap between the reported figures and the official total
# --------------------------------------------------------------------------------------


def _reported_with_official_national() -> int:
    troops = data.load("contingents")
    official = troops[(troops["figure_kind"] == "official national") & troops["troops_low"].notna()]
    swapped = _reported().copy()
    for row in official.itertuples(index=False):
        swapped.loc[swapped["country"] == row.country, "troops_low"] = row.troops_low
    return int(swapped["troops_low"].sum())


def _other_totals() -> list[int]:
    troops = data.load("contingents")
    totals = troops[troops["figure_kind"] == "official total"]
    return sorted({int(t) for t in totals["troops_low"].dropna()})


@check(example=expected_gap)
def check_reported_gap(answer: Any) -> Feedback:
    """The sum of the reported per-country figures minus the latest official total."""
    total, official = reported_total(), latest_official_total()
    expected = expected_gap()
    hints: dict[float, str] = {
        total: (
            "that is the sum of the reported figures alone; subtract the official total from it."
        ),
        _reported_with_official_national() - official: (
            "that uses Armenia's official 100 instead of the 70 the commentary cites; sum the "
            "rows whose figure_kind is 'reported in commentary'."
        ),
    }
    for other in _other_totals():
        if other != official:
            hints.setdefault(
                total - other,
                f"that subtracts an official total of {format_number(other)}; use the latest "
                f"official total (the last by date), {format_number(official)}.",
            )
    return number_feedback(
        answer,
        expected,
        unit="troops",
        hints=hints,
        correct=(
            f"{format_number(expected)} troops: the press figures add up to "
            f"{format_number(total)}, against an official total of {format_number(official)}."
        ),
    )


@check(example=expected_gap_percent)
def check_gap_percent(answer: Any) -> Feedback:
    """By how many per cent the sum of the reported figures exceeds the latest official total."""
    total, official = reported_total(), latest_official_total()
    gap = total - official
    expected = expected_gap_percent()
    hints: dict[float, str] = {
        100 * gap / total: (
            "you divided by the sum of the reported figures. The question asks how much "
            "higher the reported sum is than the official total, so divide by the official "
            "total."
        ),
        total / official: (
            "that is the ratio of the two figures. For a percentage difference: "
            "(reported - official) / official * 100."
        ),
        100 * total / official: (
            "that is the reported sum as a percentage OF the official total. Subtract first: "
            "(reported - official) / official * 100."
        ),
        gap: "that is the gap in troops; divide it by the official total and multiply by 100.",
    }
    with_armenia = _reported_with_official_national()
    hints.setdefault(
        100 * (with_armenia - official) / official,
        "that uses Armenia's official 100 instead of the reported 70.",
    )
    for other in _other_totals():
        if other != official:
            hints.setdefault(
                100 * (total - other) / other,
                f"that compares with an official total of {format_number(other)}; use the "
                f"latest, {format_number(official)}.",
            )
    fb = number_feedback(
        answer,
        expected,
        abs_tol=ONE_DECIMAL,
        close=0.03,
        unit="%",
        hints=hints,
        correct=(
            f"{format_number(round(expected, 1))} %: the press figures are more than half as "
            "large again as the official total."
        ),
    )
    if fb.ok is False:
        number, problem = as_number(answer)
        if problem is None and math.isclose(number, expected / 100, abs_tol=5e-4):
            return Feedback(
                False,
                "that is a share (0 to 1); the question asks for a percentage: multiply by 100.",
            )
    return fb


# --------------------------------------------------------------------------------------
# Task: which evidence would tell the rival readings apart
# --------------------------------------------------------------------------------------

#: Letters for the evidence cards, in the order ``evidence_cards`` shows them.
CARD_LETTERS = "ABCDEFGH"


def _testable_readings() -> pd.DataFrame:
    readings = data.load("readings")
    rows = readings[readings["telling_evidence"].notna()]
    # a fixed order (by the reading's name) that is not the table's, so that card A is not
    # simply the first reading
    return rows.sort_values("reading").reset_index(drop=True)


def evidence_cards() -> pd.DataFrame:
    """The evidence cards of the exercise: one per reading that names telling evidence.

    Columns ``card`` (A, B, ...) and ``evidence``; the readings they belong to are not shown.
    """
    rows = _testable_readings()
    return pd.DataFrame({"card": list(CARD_LETTERS[: len(rows)]),
                         "evidence": rows["telling_evidence"].astype(str).to_list()})


def reading_choices() -> pd.DataFrame:
    """The readings the cards are matched to (id, name, authors and argument)."""
    rows = _testable_readings().sort_values("reading_id")
    return rows[["reading_id", "reading", "authors", "argument"]].reset_index(drop=True)


def expected_reading_evidence() -> dict[str, str]:
    """The right answer: card letter -> the ``reading_id`` its evidence would favour."""
    rows = _testable_readings()
    return dict(zip(CARD_LETTERS[: len(rows)], rows["reading_id"].astype(str), strict=True))


def _as_card_mapping(answer: Any) -> tuple[dict[str, str] | None, str | None]:
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if not isinstance(answer, dict):
        return None, (
            f"your answer is {show(answer)}; give a dict from card letter to reading, "
            "e.g. `{\"A\": \"R01\", \"B\": \"R03\", ...}`."
        )
    return {str(k).strip().upper(): str(v).strip() for k, v in answer.items()}, None


@check(example=expected_reading_evidence)
def check_reading_evidence(answer: Any) -> Feedback:
    """Match each evidence card (A, B, ...) to the rival reading it would most support."""
    mapping, problem = _as_card_mapping(answer)
    if problem or mapping is None:
        return Feedback(False, problem or "give a dict from card letter to reading.")
    readings = data.load("readings")
    by_id = {str(i): str(r) for i, r in zip(readings["reading_id"], readings["reading"],
                                            strict=True)}
    by_name = {r.lower(): i for i, r in by_id.items()}
    expected = expected_reading_evidence()
    unknown_cards = sorted(set(mapping) - set(expected))
    if unknown_cards:
        cards = ", ".join(show(c, 30) for c in unknown_cards[:3])
        return Feedback(False, f"there is no card {cards} (your answer is {show(answer)}); the "
                        f"cards are {', '.join(expected)}.")
    chosen: dict[str, str] = {}
    for card, value in mapping.items():
        rid = value.upper() if value.upper() in by_id else by_name.get(value.lower())
        if rid is None:
            return Feedback(False, f"card {card}: {show(value)} is not a reading; use a "
                            f"`reading_id` such as {', '.join(sorted(by_id)[:3])}, ... from the "
                            "`readings` table.")
        chosen[card] = rid
    missing = [c for c in expected if c not in chosen]
    if missing:
        return Feedback(False, f"match every card: {', '.join(missing)} still "
                        f"{'has' if len(missing) == 1 else 'have'} no reading.")
    wrong = [c for c in expected if chosen[c] != expected[c]]
    if not wrong:
        return Feedback(True, "each piece of evidence would speak for a different reading. The "
                        "course's sources hold none of these records (the nearest is Shoigu's "
                        "figure of about 1,600 Kazakh staff freed, the word of an interested "
                        "party), so the readings stay open.")
    untestable = [c for c in wrong if chosen[c] not in expected.values()]
    right = len(expected) - len(wrong)
    card = wrong[0]
    if untestable:
        ids = ", ".join(sorted(expected.values()))
        hint = (f"Card {card}: you chose '{by_id[chosen[card]]}', which is not one of the "
                f"readings this task uses ({ids}: see `lesson2.reading_choices()`).")
    else:
        hint = (f"Card {card}: the reading you chose, '{by_id[chosen[card]]}', says: "
                f"{readings.set_index('reading_id').loc[chosen[card], 'argument']} Would this "
                "evidence make that more likely than the others? Ask what each reading predicts.")
    return Feedback(False, f"{right} of {len(expected)} cards matched. {hint}")


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
