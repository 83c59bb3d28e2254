"""Checks for the exercise of Lesson 7, "Reading critically"
(``solutions/ex07_reading_critically.ipynb``).

Each check recomputes the right answer from the dataset (no answer key) and answers a
student's attempt with a :class:`~csto_course.checks.core.Feedback` that names the likely
mistake: the base of a percentage difference, a ratio for a difference, a share for a
percentage, the wrong sign, years and ranks kept among the amounts, the largest rise taken for
the largest gap, counts of the numeric checks only, ``kind`` filtered for ``claim_type``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
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
    count_pairs,
    format_number,
    number_feedback,
    show,
)
from csto_course.figures.figure_checks import bound_qualifier

__all__ = [
    "EXCLUDED_UNITS",
    "check_claims",
    "check_contingent_gap",
    "check_largest_gap",
    "check_pct_differences",
    "check_verdict_counts",
    "expected_claims",
    "expected_contingent_gap",
    "expected_largest_gap",
    "expected_pct_differences",
    "expected_verdict_counts",
]

#: Units of figure_checks whose values are points on a scale (a year, a rank), not amounts:
#: a percentage difference between them means nothing, so Task 2 leaves them out.
EXCLUDED_UNITS: tuple[str, ...] = ("year", "rank")

#: How close two percentages must be to count as equal (students may round to 0.1).
_PCT_TOL = ONE_DECIMAL


# --------------------------------------------------------------------------------------
# The right answers, recomputed from the dataset
# --------------------------------------------------------------------------------------


def _contingent_figures() -> tuple[float, float]:
    """(sum of the national figures reported in the commentary, latest official total)."""
    con = data.load("contingents")
    kind = con["figure_kind"].astype("string")
    reported = float(con.loc[kind == "reported in commentary", "troops_low"].sum())
    return reported, float(facts.latest_official_total(con))


def expected_contingent_gap() -> float:
    """How far the latest official total is from the reported sum, in per cent of the sum."""
    reported, latest = _contingent_figures()
    return (latest - reported) / reported * 100


def _numeric_rows() -> pd.DataFrame:
    fc = data.load("figure_checks")
    unit = fc["unit"].astype("string").str.strip().str.lower()
    both = fc["commentary_value"].notna() & fc["later_value"].notna()
    return fc.loc[both & ~unit.isin(EXCLUDED_UNITS)].copy()


def expected_pct_differences() -> pd.Series:
    """The percentage difference of each numeric check, indexed by check_id (name pct_diff)."""
    rows = _numeric_rows()
    pct = (rows["later_value"] - rows["commentary_value"]) / rows["commentary_value"] * 100
    out = pd.Series(pct.to_numpy(dtype=float), index=rows["check_id"].astype(str).to_numpy())
    out.index.name = "check_id"
    out.name = "pct_diff"
    return out


def _bounds_note(pct: pd.Series) -> str:
    """A sentence on the checks whose commentary figure is a bound ("over 150"), or ""."""
    rows = _numeric_rows()
    if "commentary_value_kind" not in rows.columns:
        return ""
    kind = rows.set_index(rows["check_id"].astype(str))["commentary_value_kind"].astype("string")
    parts = []
    for check_id, value in kind.items():
        if value in ("lower bound", "upper bound") and check_id in pct.index:
            qualifier = bound_qualifier(value, float(pct[check_id])).strip()
            parts.append(
                f"{check_id}'s commentary figure is {'an' if value[0] == 'u' else 'a'} {value}, "
                f"so its gap is {qualifier} "
                f"{format_number(round(abs(float(pct[check_id])), 1))} %"
            )
    return (" Careful: " + "; ".join(parts) + ".") if parts else ""


def expected_largest_gap() -> str:
    """The check_id whose later figure is furthest, in per cent, from the commentary's."""
    return str(expected_pct_differences().abs().idxmax())


def expected_verdict_counts() -> dict[str, int]:
    """How many checks of figure_checks got each verdict (verdicts with no check left out)."""
    counts = data.load("figure_checks")["verdict"].astype("string").value_counts()
    return {str(k): int(v) for k, v in counts.items() if v > 0}


def expected_claims() -> list[str]:
    """The statement_ids whose claim_type is "claim", in the commentary's order."""
    st = data.load("statements").sort_values("order", kind="stable")
    return st.loc[st["claim_type"].astype("string") == "claim", "statement_id"].astype(str).tolist()


# --------------------------------------------------------------------------------------
# Task 1: the reported contingents against the official total
# --------------------------------------------------------------------------------------


def _example_contingent_gap() -> float:
    return round(expected_contingent_gap(), 1)


@check(example=_example_contingent_gap)
def check_contingent_gap(answer: Any) -> Feedback:
    """Percentage difference between the latest official total and the reported sum."""
    reported, latest = _contingent_figures()
    expected = expected_contingent_gap()
    con = data.load("contingents")
    kind = con["figure_kind"].astype("string")
    national = con.loc[con["country"].astype("string") != "CSTO total", "troops_low"]
    all_national = float(national.sum())
    totals = con.loc[kind == "official total"].sort_values("date", kind="stable")
    first = float(totals["troops_low"].iloc[0])
    smallest = float(totals["troops_low"].min())
    mean = float(totals["troops_low"].mean())
    hints: dict[float, str] = {
        -expected: (
            "the sign is reversed: subtract the reported sum from the official total "
            "(later minus earlier), so that a smaller later figure gives a negative difference."
        ),
        (reported - latest) / latest * 100: (
            "you divided by the official total. A percentage difference is measured against "
            "the figure you start from, the commentary's reported sum: "
            "(official − reported) / reported × 100."
        ),
        (latest - reported) / latest * 100: (
            "you divided by the official total. Divide by the commentary's reported sum, the "
            "figure you compare from."
        ),
        latest / reported * 100: (
            "that is the official total as a percentage OF the reported sum (a ratio). The "
            "difference is that ratio minus 100."
        ),
        latest - reported: (
            "that is the difference in troops. Divide it by the reported sum and multiply "
            "by 100 to get a percentage."
        ),
        reported - latest: (
            "that is the difference in troops (and with the sign reversed). Compute "
            "(official − reported) / reported × 100."
        ),
        expected / 100: (
            "that is a fraction, not a percentage: multiply by 100."
        ),
    }
    if all_national != reported:
        hints[(latest - all_national) / all_national * 100] = (
            f"your sum of the national figures is {format_number(all_national)}: it includes "
            "rows that are not the commentary's, such as Armenia's official 100 or the early "
            "Tajik report. Keep only the rows whose figure_kind is 'reported in commentary'."
        )
    for other in {first, smallest, mean}:
        if other != latest:
            hints.setdefault(
                (other - reported) / reported * 100,
                f"you used an official total of {format_number(other)}. The question asks for "
                "the latest official total: sort the 'official total' rows by date and take "
                "the last one.",
            )
    fb = number_feedback(
        answer,
        expected,
        rel_tol=0,
        abs_tol=_PCT_TOL,
        unit="%",
        hints=hints,
        correct=(
            f"{format_number(round(expected, 1))} %: the latest official total "
            f"({format_number(latest)}) is about a third below the "
            f"{format_number(reported)} troops that the press reports add up to."
        ),
    )
    return fb


# --------------------------------------------------------------------------------------
# Task 2a: the percentage difference of every numeric check
# --------------------------------------------------------------------------------------


def _as_id_series(answer: Any) -> tuple[pd.Series | None, str | None]:
    """The answer as a float Series indexed by check_id, or a problem."""
    if isinstance(answer, Mapping):
        return None, (
            "your answer is a dict, not a pandas Series: take the column from the table, "
            "e.g. `numeric.set_index('check_id')['pct_diff']`."
        )
    if isinstance(answer, pd.DataFrame):
        frame = answer
        if "check_id" not in frame.columns and frame.index.name == "check_id":
            frame = frame.reset_index()
        frame, problem = as_frame(frame, ["check_id", "pct_diff"])
        if problem:
            return None, (
                f"{problem} Give a table with the columns `check_id` and `pct_diff`, or a "
                "Series of percentages indexed by check_id."
            )
        answer = pd.Series(frame["pct_diff"].to_numpy(), index=frame["check_id"].to_numpy())
    if not isinstance(answer, pd.Series):
        if isinstance(answer, list | tuple | np.ndarray):
            return None, (
                f"your answer is {show(answer)}: a plain list loses which check each number "
                "belongs to. Give a pandas Series indexed by check_id, e.g. "
                "`numeric.set_index('check_id')['pct_diff']`."
            )
        return None, (
            f"your answer is {show(answer)}; give a pandas Series of percentage differences "
            "indexed by check_id."
        )
    index = [str(i) for i in answer.index]
    if not any(i.startswith("FC") for i in index):
        return None, (
            "your Series is not indexed by check_id (its index is "
            f"{', '.join(index[:3]) or 'empty'}{'…' if len(index) > 3 else ''}). Use "
            "`.set_index('check_id')` before taking the column, so each number keeps its check."
        )
    if pd.Index(index).has_duplicates:
        return None, "your Series has the same check_id more than once; keep one row per check."
    values = pd.to_numeric(pd.Series(answer.to_numpy(), index=index), errors="coerce")
    return values.astype("float64"), None


def _example_pct_differences() -> pd.Series:
    return expected_pct_differences().round(2)


@check(example=_example_pct_differences)
def check_pct_differences(answer: Any) -> Feedback:
    """A Series (indexed by check_id) of percentage differences for the numeric checks."""
    expected = expected_pct_differences()
    got, problem = _as_id_series(answer)
    if problem:
        return Feedback(False, problem)
    fc = data.load("figure_checks").set_index("check_id")
    extra = [i for i in got.index if i not in expected.index]
    missing = [i for i in expected.index if i not in got.index]
    if extra:
        unknown = [i for i in extra if i not in fc.index]
        if unknown:
            return Feedback(
                False,
                f"{', '.join(unknown[:5])} "
                f"{'is not a check_id' if len(unknown) == 1 else 'are not check_ids'} "
                "of figure_checks.",
            )
        units = fc.loc[extra, "unit"].astype("string").str.lower()
        gaps = fc.loc[extra, ["commentary_value", "later_value"]].isna().any(axis=1)
        if gaps.any():
            ids = ", ".join(gaps[gaps].index[:5])
            return Feedback(
                False,
                f"you kept checks without a number on both sides ({ids}): their difference is "
                "NaN. Drop them first with "
                "`.dropna(subset=['commentary_value', 'later_value'])`.",
            )
        if units.isin(EXCLUDED_UNITS).any():
            ids = ", ".join(units[units.isin(EXCLUDED_UNITS)].index[:5])
            return Feedback(
                False,
                f"you kept years or ranks ({ids}). The gap between 1992 and 2002 is not "
                "'0.5 % more founding': a percentage difference only makes sense for amounts. "
                "Leave out the rows whose unit is 'year' or 'rank'.",
            )
        return Feedback(False, f"your Series has checks it should not: {', '.join(extra[:5])}.")
    if missing:
        return Feedback(
            False,
            f"{len(missing)} numeric check(s) missing: {', '.join(missing[:6])}. Keep every row "
            "with both values whose unit is not 'year' or 'rank'.",
        )
    got = got.reindex(expected.index)
    if got.isna().any():
        ids = ", ".join(got[got.isna()].index[:5])
        return Feedback(False, f"some values are missing or not numbers ({ids}).")
    rows = _numeric_rows().set_index("check_id").reindex(expected.index)
    before, after = rows["commentary_value"], rows["later_value"]
    alternatives = {
        "sign": (-expected, "the signs are reversed: compute later minus commentary, so a "
                            "later figure that is smaller gives a negative difference."),
        "base": ((after - before) / after * 100, "you divided by the later figure; divide by "
                 "the commentary's figure, the one you compare from."),
        "base-sign": ((before - after) / after * 100, "you divided by the later figure; "
                      "compute (later − commentary) / commentary × 100."),
        "ratio": (after / before * 100, "that is the later figure as a percentage OF the "
                  "commentary's (a ratio); subtract 100 to get the difference."),
        "fraction": (expected / 100, "those are fractions, not percentages: multiply by 100."),
        "units": (after - before, "those are differences in each check's own units "
                  "(persons, km, troops); divide by the commentary's figure and multiply by 100."),
    }
    close = (got - expected).abs() <= _PCT_TOL
    if close.all():
        return Feedback(
            True,
            f"all {len(expected)} percentage differences are right.{_bounds_note(expected)} "
            "Which is furthest from zero? That is Task 2b.",
        )
    for values, message in alternatives.values():
        if ((got - values).abs() <= np.maximum(_PCT_TOL, 1e-6 * values.abs())).all():
            return Feedback(False, message)
    wrong = [i for i in expected.index if not close[i]]
    return Feedback(
        False,
        f"{len(wrong)} of {len(expected)} values are off ({', '.join(wrong[:5])}). Compute "
        "(later_value − commentary_value) / commentary_value × 100 for each row.",
    )


# --------------------------------------------------------------------------------------
# Task 2b: the check that is off by the most
# --------------------------------------------------------------------------------------


@check(example=expected_largest_gap, text_answer=True)
def check_largest_gap(answer: Any) -> Feedback:
    """The check_id of the check whose later figure is furthest (in per cent) from the
    commentary's."""
    fc = data.load("figure_checks")
    if isinstance(answer, pd.DataFrame) and "check_id" in answer.columns and len(answer) == 1:
        answer = answer["check_id"].iloc[0]
    elif isinstance(answer, pd.Series) and "check_id" in answer.index:
        answer = answer["check_id"]  # a row of the table, e.g. from .loc[...idxmax()]
    if not isinstance(answer, str):
        return Feedback(
            False,
            f"your answer is {show(answer)}; give the check_id as text, e.g. 'FC01' "
            "(`.idxmax()` on a Series indexed by check_id gives it).",
        )
    text = answer.strip()
    ids = {str(i).lower(): str(i) for i in fc["check_id"]}
    topics = {str(t).lower(): str(c) for t, c in zip(fc["topic"], fc["check_id"], strict=True)}
    chosen = ids.get(text.lower()) or topics.get(text.lower())
    if chosen is None:
        return Feedback(False, f"{show(text)} is not a check_id of figure_checks (like 'FC01').")
    pct = expected_pct_differences()
    expected = expected_largest_gap()
    topic = dict(zip(fc["check_id"].astype(str), fc["topic"].astype(str), strict=True))
    if chosen == expected:
        return Feedback(
            True,
            f"{expected} ({topic[expected]}): the later figure is "
            f"{format_number(round(abs(pct[expected]), 1))} % away from the commentary's, the "
            "largest gap of all the numeric checks.",
        )
    if chosen not in pct.index:
        return Feedback(
            False,
            f"{chosen} ({topic[chosen]}) is not among the numeric checks of Task 2a (it lacks "
            "a number on one side, or its unit is a year or a rank).",
        )
    if chosen == str(pct.idxmax()):
        return Feedback(
            False,
            f"{chosen} ({topic[chosen]}) has the largest RISE. A later figure can also be "
            "far below the commentary's: compare the sizes of the differences with `.abs()`.",
        )
    rows = _numeric_rows().set_index("check_id")
    units_gap = (rows["later_value"] - rows["commentary_value"]).abs()
    if chosen == str(units_gap.idxmax()):
        return Feedback(
            False,
            f"{chosen} ({topic[chosen]}) has the largest difference in its own units (people), "
            "but it is small in per cent. Compare the percentage differences.",
        )
    return Feedback(
        False,
        f"{chosen} ({topic[chosen]}) is off by {format_number(round(abs(pct[chosen]), 1))} %; "
        "another check is off by more. Sort by the absolute percentage difference.",
    )


# --------------------------------------------------------------------------------------
# Task 3a: checks by verdict
# --------------------------------------------------------------------------------------


def _as_counts(answer: Any) -> tuple[dict[str, float] | None, str | None]:
    where = None
    if isinstance(answer, pd.DataFrame):
        frame = answer
        if "verdict" not in frame.columns and frame.index.name == "verdict":
            frame = frame.reset_index()
        numeric = [
            c for c in frame.columns
            if c != "verdict" and pd.api.types.is_numeric_dtype(frame[c])
        ]
        if "verdict" not in frame.columns or len(numeric) != 1:
            return None, (
                f"your answer is {show(answer)}; give a Series of counts indexed by verdict, "
                "e.g. `checks['verdict'].value_counts()`."
            )
        answer = pd.Series(frame[numeric[0]].to_numpy(), index=frame["verdict"].to_numpy())
        where = f" in your table's column {show(numeric[0], 30)}"
    if not isinstance(answer, pd.Series | Mapping):
        return None, (
            f"your answer is {show(answer)}; give a Series of counts indexed by verdict, "
            "e.g. `checks['verdict'].value_counts()`."
        )
    pairs, problem = count_pairs(answer, where)
    if problem:
        return None, problem
    return {str(key): number for key, number in pairs}, None


def _example_verdict_counts() -> pd.Series:
    return data.load("figure_checks")["verdict"].value_counts()


@check(example=_example_verdict_counts)
def check_verdict_counts(answer: Any) -> Feedback:
    """How many checks of figure_checks got each verdict (a Series indexed by verdict)."""
    expected = expected_verdict_counts()
    got, problem = _as_counts(answer)
    if problem:
        return Feedback(False, problem)
    if not got:
        return Feedback(False, f"your answer is empty ({show(answer)}): it counts no verdict.")
    got = {k: v for k, v in got.items() if v != 0}
    if not got:
        return Feedback(
            False,
            f"your counts are all 0 ({show(answer)}); count the rows of figure_checks for each "
            "verdict.",
        )
    total = sum(expected.values())
    if got == {k: float(v) for k, v in expected.items()}:
        return Feedback(
            True,
            f"{total} checks in {len(expected)} verdicts; "
            f"{expected.get('confirmed', 0)} confirmed.",
        )
    if math.isclose(sum(got.values()), 1.0, abs_tol=1e-6) or math.isclose(
        sum(got.values()), 100.0, abs_tol=1e-3
    ):
        return Feedback(
            False,
            f"your numbers ({show(answer)}) add up to "
            f"{format_number(round(sum(got.values()), 4))}: those are "
            "shares, not counts. Drop `normalize=True` (or the division).",
        )
    unknown = [k for k in got if k not in expected]
    if unknown:
        return Feedback(
            False,
            f"{', '.join(show(u, 30) for u in unknown[:3])} "
            f"{'is not a verdict' if len(unknown) == 1 else 'are not verdicts'} of the table "
            f"(your answer is {show(answer)}); index your counts by the `verdict` column.",
        )
    numeric = _numeric_rows()["verdict"].astype("string").value_counts()
    if got == {str(k): float(v) for k, v in numeric.items() if v > 0}:
        return Feedback(
            False,
            "you counted only the numeric checks. Count every row of figure_checks: checks of "
            "dates, names and quotations have verdicts too.",
        )
    if sum(got.values()) != total:
        return Feedback(
            False,
            f"your counts ({show(answer)}) add up to {format_number(sum(got.values()))}, "
            "but figure_checks has "
            f"{total} rows. Count the whole table, one verdict per row.",
        )
    wrong = sorted(k for k in expected if got.get(k) != expected[k])
    return Feedback(False, f"the counts for {', '.join(wrong[:4])} are not right.")


# --------------------------------------------------------------------------------------
# Task 3b: the statements that are claims
# --------------------------------------------------------------------------------------


def _missing_claims(n: int) -> str:
    return "1 claim is" if n == 1 else f"{n} claims are"


def _as_ids(answer: Any) -> tuple[list[str] | None, str | None]:
    if isinstance(answer, pd.DataFrame):
        if "statement_id" in answer.columns:
            return answer["statement_id"].astype(str).tolist(), None
        if answer.index.name == "statement_id":
            return [str(i) for i in answer.index], None
        return None, (
            f"your answer is {show(answer)}; keep the `statement_id` column so each row can be "
            "checked."
        )
    if isinstance(answer, pd.Series) and answer.name == "statement_id":
        return answer.astype(str).tolist(), None
    if isinstance(answer, list | tuple | set | pd.Index | pd.Series):
        items = sorted(answer, key=repr) if isinstance(answer, set) else list(answer)
        if all(isinstance(i, str) for i in items):
            return [i.strip() for i in items], None
    return None, (
        f"your answer is {show(answer)}; give the filtered statements table (a DataFrame with "
        "the `statement_id` column)."
    )


def _example_claims() -> pd.DataFrame:
    st = data.load("statements")
    return st[st["claim_type"] == "claim"]


@check(example=_example_claims)
def check_claims(answer: Any) -> Feedback:
    """The statements whose claim_type is "claim" (a DataFrame with statement_id)."""
    expected = expected_claims()
    number, _ = as_number(answer) if not isinstance(answer, str) else (None, None)
    if number is not None:
        if number == len(expected):
            return Feedback(
                False,
                "that is how many there are; the task asks for the table itself "
                "(the filtered DataFrame), so you can read the statements.",
            )
        return Feedback(False, "give the filtered table (a DataFrame), not a number.")
    got, problem = _as_ids(answer)
    if problem:
        return Feedback(False, problem)
    st = data.load("statements").set_index("statement_id")
    if not got:
        return Feedback(
            False,
            "your table is empty. Did you filter on `kind`? The kinds are context, motive, "
            "consequence, risk and question; the kind of claim is in the `claim_type` column.",
        )
    unknown = [i for i in got if i not in st.index]
    if isinstance(answer, pd.DataFrame):
        where = "in the `statement_id` column of your table"
    else:
        where = "in your Series" if isinstance(answer, pd.Series) else f"in {show(answer)}"
    if unknown:
        return Feedback(
            False,
            f"{', '.join(show(u, 30) for u in unknown[:4])} "
            f"{'is not a statement_id' if len(unknown) == 1 else 'are not statement_ids'} "
            f"({where}).",
        )
    if len(set(got)) != len(got):
        return Feedback(False, "some statements appear more than once; keep each row once.")
    if set(got) == set(expected):
        return Feedback(
            True,
            f"{len(expected)} statements are claims: assertions the course's sources do not "
            "back, or that report what someone asserted. Read them with that in mind.",
        )
    types = st.loc[[i for i in got if i not in expected], "claim_type"].astype("string")
    if len(types):
        kinds = ", ".join(sorted(set(types)))
        return Feedback(
            False,
            f"your table includes statements of type {kinds}. Keep only the rows where "
            "`claim_type == 'claim'`.",
        )
    return Feedback(
        False,
        f"{_missing_claims(len(set(expected) - set(got)))} missing. Filter the whole statements "
        "table on `claim_type == 'claim'`, without other conditions.",
    )


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
