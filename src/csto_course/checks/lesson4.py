"""Checks for the exercise of Lesson 4, "Consequences for Russia".

The exercise is ``solutions/ex04_consequences.ipynb``.

Each check recomputes the right answer from the dataset and names the likely mistake: a
filter that lets persons or rows without a country through, the official totals mixed with
the press reports, a count by section instead of by kind.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from csto_course import data
from csto_course.checks.core import (
    ONE_DECIMAL,
    Feedback,
    as_list,
    check,
    count_feedback,
    format_number,
    number_feedback,
    show,
)

__all__ = [
    "check_consequence_count",
    "check_outside_states",
    "check_russian_share",
    "expected_consequence_counts",
    "expected_outside_states",
    "expected_russian_share",
]

#: The figure_kind of the per-country figures the commentary cites.
REPORTED = "reported in commentary"


# --------------------------------------------------------------------------------------
# The right answers, recomputed from the dataset
# --------------------------------------------------------------------------------------


def expected_outside_states() -> pd.DataFrame:
    """The states in the actors table that were not CSTO members."""
    actors = data.load("actors")
    members = data.load("members")
    states = actors[actors["actor_type"] == "state"]
    return states[~states["country"].isin(members["country"])].reset_index(drop=True)


def expected_russian_share() -> float:
    """Russia's share (%) of the per-country troop figures the commentary cites."""
    c = data.load("contingents")
    reported = c[c["figure_kind"] == REPORTED]
    russia = reported.loc[reported["country"] == "Russia", "troops_low"].sum()
    return float(100 * russia / reported["troops_low"].sum())


def expected_consequence_counts() -> tuple[int, int]:
    """(statements of kind 'consequence', of which outside the 'consequences' section)."""
    st = data.load("statements")
    kind = st[st["kind"] == "consequence"]
    return len(kind), int((kind["section"] != "consequences").sum())


def _join(items: Any) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# --------------------------------------------------------------------------------------
# Task 1: states that offered or took a stance but were not CSTO members
# --------------------------------------------------------------------------------------


def _actor_ids(answer: Any) -> tuple[list[str] | None, list[Any], str | None]:
    """The actor_ids a student's answer names, the items not recognised (as given), or a
    problem."""
    actors = data.load("actors")
    lookup: dict[str, str] = {}
    for row in actors.itertuples(index=False):
        for key in (row.actor_id, row.name):
            lookup[str(key).strip().lower()] = str(row.actor_id)
    if isinstance(answer, pd.DataFrame):
        for column in ("actor_id", "name"):
            if column in answer.columns:
                items = answer[column].tolist()
                break
        else:
            return (
                None,
                [],
                (
                    f"your answer is {show(answer)}; keep the `actor_id` or `name` column so that "
                    "it says which actors you picked."
                ),
            )
    else:
        items, problem = as_list(answer)
        if problem:
            return None, [], problem + " Give a table (DataFrame) or a list of names."
    ids, unknown = [], []
    for item in items:
        key = str(item).strip().lower()
        if key in lookup:
            ids.append(lookup[key])
        else:
            unknown.append(item)
    return ids, unknown, None


@check(example=lambda: expected_outside_states()[["actor_id", "name", "stance"]])
def check_outside_states(answer: Any) -> Feedback:
    """The states in the actors table that were not members of the CSTO."""
    ids, unknown, problem = _actor_ids(answer)
    if problem:
        return Feedback(False, problem)
    if unknown:
        return Feedback(
            False,
            (
                f"{show(unknown[0])} is not an actor in the `actors` table; take the names from "
                "its `name` or `actor_id` column."
            ),
        )
    if not ids:
        return Feedback(
            False,
            f"your answer is empty ({show(answer)}): it names no actor. Is your filter too "
            "strict?",
        )
    actors = data.load("actors").set_index("actor_id")
    members = set(data.load("members")["country"])
    want = list(expected_outside_states()["actor_id"])
    got = list(dict.fromkeys(ids))
    names = {i: str(actors.loc[i, "name"]) for i in actors.index}
    if sorted(got) == sorted(want):
        listed = " and ".join(names[i] for i in want)
        return Feedback(
            True,
            (
                f"{listed}: the two states that took a stance on the crisis from outside the "
                "alliance. Neither played a role on the ground."
            ),
        )
    extra = [i for i in got if i not in want]
    types = {i: str(actors.loc[i, "actor_type"]) for i in extra}
    no_country = [i for i in extra if pd.isna(actors.loc[i, "country"])]
    if no_country:
        which = "which have" if len(no_country) > 1 else "which has"
        return Feedback(
            False,
            (
                f"you kept {_join(names[i] for i in no_country)}, {which} no country. A row "
                "whose country is missing passes a `~...isin(...)` test, because a missing value "
                "is not in any list: also filter on `actor_type == 'state'`."
            ),
        )
    persons = [i for i in extra if types[i] != "state"]
    if persons:
        kinds = " or ".join(sorted({types[i] for i in persons}))
        which = "which are not states" if len(persons) > 1 else "which is not a state"
        return Feedback(
            False,
            (
                f"you kept {_join(names[i] for i in persons)}, {which} (actor_type {kinds}): "
                "filter on `actor_type == 'state'`."
            ),
        )
    inside = [i for i in extra if str(actors.loc[i, "country"]) in members]
    if inside:
        return Feedback(
            False,
            (
                f"you kept {_join(names[i] for i in inside)}, "
                f"{'all CSTO members' if len(inside) > 1 else 'a CSTO member'}: leave out the "
                "countries of the `members` table, e.g. with "
                "`~actors['country'].isin(members['country'])`."
            ),
        )
    missing = [names[i] for i in want if i not in got]
    return Feedback(
        False,
        (
            f"you are missing {_join(missing)}: keep every state whose country is not in the "
            "`members` table."
        ),
    )


# --------------------------------------------------------------------------------------
# Task 2: Russia's share of the reported troops
# --------------------------------------------------------------------------------------


@check(example=lambda: round(expected_russian_share(), 1))
def check_russian_share(answer: Any) -> Feedback:
    """Russia's share (%) of the troop figures the commentary cites, to one decimal."""
    c = data.load("contingents")
    kind = c["figure_kind"].astype("string")
    reported = c[kind == REPORTED]
    russia = float(reported.loc[reported["country"] == "Russia", "troops_low"].sum())
    total = float(reported["troops_low"].sum())
    expected = expected_russian_share()
    hints: dict[float, str] = {}
    national = c[kind == "official national"].dropna(subset=["troops_low"])
    if len(national):
        swapped = reported.set_index("country")["troops_low"].astype(float)
        for row in national.itertuples(index=False):
            swapped[row.country] = float(row.troops_low)
        hints[100 * russia / float(swapped.sum())] = (
            "that replaces a figure the commentary cites with an official national one. The "
            "question asks about the commentary's figures: keep "
            f"`figure_kind == '{REPORTED}'`."
        )
        hints[100 * russia / (total + float(national["troops_low"].sum()))] = (
            "that adds the official national figures to the commentary's; keep only "
            f"`figure_kind == '{REPORTED}'`."
        )
    for value in sorted(set(c.loc[kind == "official total", "troops_low"].dropna().astype(float))):
        hints[100 * russia / value] = (
            f"that divides by an official total for the whole force ({format_number(value)}). "
            "The totals are not the sum of the press reports (Lesson 2): divide by the sum of "
            "the figures the commentary cites."
        )
    everything = float(c["troops_low"].dropna().sum())
    hints[100 * russia / everything] = (
        "that divides by every row of the table, the official totals and other reports "
        f"included; keep only `figure_kind == '{REPORTED}'`."
    )
    hints[100 * (total - russia) / total] = (
        "that is the share of all the OTHER contingents; the question asks for Russia's."
    )
    fb = number_feedback(
        answer,
        expected,
        abs_tol=ONE_DECIMAL,
        close=0.02,
        unit="%",
        hints=hints,
        correct=(
            f"{format_number(round(expected, 1))} %: about three in four of the troops the "
            "commentary lists were Russian, which is why the authors speak of mainly Russian "
            "CSTO troops."
        ),
    )
    return fb


# --------------------------------------------------------------------------------------
# Task 3: how many statements are consequences, and how many sit outside that section
# --------------------------------------------------------------------------------------


@check(example=expected_consequence_counts)
def check_consequence_count(total: Any, outside: Any) -> Feedback:
    """The statements of kind 'consequence', and how many of them are outside that section."""
    st = data.load("statements")
    n_total, n_outside = expected_consequence_counts()
    in_section = st[st["section"] == "consequences"]
    section_consequences = int((in_section["kind"] == "consequence").sum())
    hints_total = {
        section_consequences: (
            "that counts only the consequences found in the consequences section; filter on "
            "`kind == 'consequence'` over the whole table."
        ),
        len(in_section): (
            "that counts every statement of the consequences section, context included; "
            "filter on the `kind` column, not on `section`."
        ),
        len(st): "that counts every statement; keep only those of kind 'consequence'.",
    }
    first = count_feedback(total, n_total, noun="consequence statements", hints=hints_total)
    if first.ok is not True:
        return Feedback(False, f"`total`: {first.message}")
    hints_outside = {
        n_total - n_outside: (
            "that is how many are INSIDE the consequences section; count those whose section "
            "is not 'consequences'."
        ),
        len(st) - len(in_section): (
            "that counts every statement outside the section, of any kind; count only the "
            "consequences."
        ),
    }
    second = count_feedback(outside, n_outside, noun="statements", hints=hints_outside)
    if second.ok is not True:
        return Feedback(False, f"`total` is right; `outside`: {second.message}")
    return Feedback(
        True,
        (
            f"{n_total} consequences, {n_outside} of them outside the section headed "
            "'consequences'. A section heading is a guide to the argument, not a classification: "
            "where a statement sits and what kind of statement it is are different questions."
        ),
    )


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
