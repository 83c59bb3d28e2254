"""Checks for the exercise of Lesson 5, "Risks for Russia".

The exercise is ``solutions/ex05_risks.ipynb``.

Each check recomputes the right answer from the dataset (the ``statements`` and
``indicators`` tables) and names the likely mistake: counting every statement of the risk
section instead of the risks, dividing by the wrong total (pipeline imports, all supply),
taking gas that crosses Kazakhstan for gas produced there, a share (0 to 1) where a
percentage is asked, or a relative difference where a gap in percentage points is asked.
"""

from __future__ import annotations

import functools
import math
from typing import Any

from csto_course import data, facts
from csto_course.checks.core import (
    ONE_DECIMAL,
    Feedback,
    as_number,
    check,
    count_feedback,
    format_number,
    magnitude_hint,
)
from csto_course.facts import COMMENTARY_GAS_SHARE as COMMENTARY_SHARE

__all__ = [
    "COMMENTARY_SHARE",
    "check_gap_pp",
    "check_risk_count",
    "check_share_crossing",
    "check_share_produced",
    "expected_gap_pp",
    "expected_risk_count",
    "expected_share_crossing",
    "expected_share_produced",
    "gas_volumes",
]

#: How close a percentage must be to count as right: it may be rounded to one decimal.
TOLERANCE = ONE_DECIMAL


# --------------------------------------------------------------------------------------
# The right answers, recomputed from the dataset
# --------------------------------------------------------------------------------------


def gas_volumes(year: int = 2021) -> dict[str, float]:
    """China's gas volumes for ``year`` (Bcf/d) from the ``indicators`` table, by short name.

    Read once per year and kept (the dataset does not change while a kernel runs); each call
    returns a new dict, so changing it changes nothing else.
    """
    return dict(_gas_volumes(int(year)))


@functools.cache
def _gas_volumes(year: int) -> dict[str, float]:
    return facts.gas_volumes(data.load("indicators"), year)


def expected_risk_count() -> int:
    """Statements of the risk section that are risks themselves (kind 'risk')."""
    st = data.load("statements")
    return int(((st["section"] == "risks") & (st["kind"] == "risk")).sum())


def expected_share_produced() -> float:
    """Gas produced in Kazakhstan as a percentage of China's gas imports, 2021."""
    return facts.gas_shares_of_imports(gas_volumes())["produced"]


def expected_share_crossing() -> float:
    """Gas crossing Kazakhstan (Kazakh, Turkmen, Uzbek) as a percentage of China's imports."""
    return facts.gas_shares_of_imports(gas_volumes())["crossing"]


def expected_gap_pp() -> float:
    """The commentary's one-fifth minus the share produced in Kazakhstan, in points."""
    return COMMENTARY_SHARE - expected_share_produced()


# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------


def _close(a: float, b: float, tol: float = TOLERANCE) -> bool:
    return math.isfinite(a) and math.isfinite(b) and abs(a - b) <= tol


def _percent_feedback(
    value: Any,
    expected: float,
    hints: list[tuple[float, str]],
    *,
    correct: str,
    unit: str = "%",
) -> Feedback:
    """Feedback on a percentage: right within rounding, a known mistake, or how far off."""
    number, problem = as_number(value)
    if problem:
        return Feedback(False, problem)
    if _close(number, expected):
        return Feedback(True, correct)
    shown = f"{format_number(round(number, 4))}{unit}"
    for wrong, message in hints:
        if _close(number, wrong) or (abs(wrong) > 10 and abs(number - wrong) <= 0.003 * abs(wrong)):
            return Feedback(False, f"you gave {shown}; {message}")
    hint = magnitude_hint(number, expected)
    if hint:
        return Feedback(False, hint)
    direction = "high" if number > expected else "low"
    if abs(number - expected) <= 0.1 * abs(expected):
        return Feedback(
            False,
            f"you gave {shown}: close, but too {direction}. Use the volumes in Bcf/d from the "
            "table, not rounded percentages, and round only at the end (one decimal is fine).",
        )
    return Feedback(
        False,
        f"you gave {shown}, which is too {direction}. Check which rows you took and which "
        "total you divided by.",
    )


# --------------------------------------------------------------------------------------
# Task 1: how many statements of the risk section are risks?
# --------------------------------------------------------------------------------------


@check(example=expected_risk_count)
def check_risk_count(answer: Any) -> Feedback:
    """The number of statements with section 'risks' and kind 'risk'."""
    st = data.load("statements")
    expected = expected_risk_count()
    in_section = int((st["section"] == "risks").sum())
    of_kind = int((st["kind"] == "risk").sum())
    hints = {
        in_section: (
            "that is every statement of the risk section. Many of them are context or "
            "consequences: also keep only the rows whose kind is 'risk'."
        ),
        int(((st["section"] == "risks") & (st["kind"] == "context")).sum()): (
            "that is the number of context statements in the section; count the rows whose "
            "kind is 'risk'."
        ),
    }
    if of_kind != expected:
        hints.setdefault(
            of_kind,
            "that counts risks anywhere in the commentary; keep only the 'risks' section too.",
        )
    return count_feedback(
        answer,
        expected,
        noun="statements",
        hints=hints,
        correct=(
            f"{expected} statements of the risk section are risks; the rest set out context "
            "or consequences."
        ),
    )


# --------------------------------------------------------------------------------------
# Task 2: the share of China's gas imports produced in Kazakhstan
# --------------------------------------------------------------------------------------


@check(example=expected_share_produced)
def check_share_produced(share_produced: Any) -> Feedback:
    """Gas produced in Kazakhstan as a percentage of China's gas imports in 2021."""
    v = gas_volumes()
    expected = expected_share_produced()
    hints = [
        (
            100 * v["kazakhstan"] / v["supply"],
            "that is the share of all the gas China used (its supply, home production "
            "included). The question asks for the share of its imports: divide by "
            "'gas imports, total'.",
        ),
        (
            100 * v["kazakhstan"] / v["pipeline"],
            "that is the share of pipeline imports only. Divide by all imports, pipeline and "
            "LNG: 'gas imports, total'.",
        ),
        (
            expected_share_crossing(),
            "that is all the gas that crosses Kazakhstan, Turkmen and Uzbek gas included. "
            "This task asks only about gas produced in Kazakhstan.",
        ),
        (
            COMMENTARY_SHARE,
            "that is the commentary's 'one-fifth'. Compute the share from the volumes in "
            "the indicators table instead.",
        ),
        (
            100 * v["imports"] / v["kazakhstan"],
            "you divided the wrong way round: divide the Kazakh volume by the total imports.",
        ),
        (
            v["kazakhstan"],
            "that is the volume in Bcf/d, not a share. Divide it by the total imports and "
            "multiply by 100.",
        ),
    ]
    return _percent_feedback(
        share_produced,
        expected,
        hints,
        correct=(
            f"gas produced in Kazakhstan was {expected:.1f}% of China's gas imports in 2021, "
            f"far below the commentary's one-fifth ({COMMENTARY_SHARE:.0f}%)."
        ),
    )


# --------------------------------------------------------------------------------------
# Task 3: the share of China's gas imports that crosses Kazakhstan
# --------------------------------------------------------------------------------------


@check(example=expected_share_crossing)
def check_share_crossing(share_crossing: Any) -> Feedback:
    """Gas from Kazakhstan, Turkmenistan and Uzbekistan as a percentage of China's imports."""
    v = gas_volumes()
    expected = expected_share_crossing()
    crossing = v["kazakhstan"] + v["turkmenistan"] + v["uzbekistan"]
    hints = [
        (
            expected_share_produced(),
            "that is only the gas produced in Kazakhstan. Add the Turkmen and Uzbek gas, "
            "which reaches China through pipelines across Kazakhstan.",
        ),
        (
            100 * (v["turkmenistan"] + v["uzbekistan"]) / v["imports"],
            "you left out the gas produced in Kazakhstan itself; it crosses Kazakhstan too.",
        ),
        (
            100 * v["turkmenistan"] / v["imports"],
            "that is Turkmen gas alone. Add the Uzbek and the Kazakh gas.",
        ),
        (
            100 * (v["kazakhstan"] + v["turkmenistan"]) / v["imports"],
            "you left out the Uzbek gas, which also crosses Kazakhstan.",
        ),
        (
            100 * crossing / v["supply"],
            "that is the share of all the gas China used (its supply). Divide by "
            "'gas imports, total' instead.",
        ),
        (
            100 * crossing / v["pipeline"],
            "that is the share of pipeline imports only. Divide by all imports, pipeline and "
            "LNG: 'gas imports, total'.",
        ),
        (
            crossing,
            "that is the volume in Bcf/d, not a share. Divide it by the total imports and "
            "multiply by 100.",
        ),
    ]
    return _percent_feedback(
        share_crossing,
        expected,
        hints,
        correct=(
            f"gas crossing Kazakhstan was {expected:.1f}% of China's imports: above the "
            f"commentary's {COMMENTARY_SHARE:.0f}%, while gas produced there was far below it. "
            "The 'one-fifth' fits neither reading."
        ),
    )


# --------------------------------------------------------------------------------------
# Task 4: the gap to the commentary's "one-fifth", in percentage points
# --------------------------------------------------------------------------------------


@check(example=expected_gap_pp)
def check_gap_pp(gap_pp: Any) -> Feedback:
    """The commentary's 20 % minus the share produced in Kazakhstan, in percentage points."""
    produced = expected_share_produced()
    expected = expected_gap_pp()
    crossing = expected_share_crossing()
    hints = [
        (
            100 * (COMMENTARY_SHARE - produced) / produced,
            "that is a relative difference (how many per cent larger 20% is than the data's "
            "figure). A gap in percentage points is a plain subtraction of the two "
            "percentages.",
        ),
        (
            100 * (COMMENTARY_SHARE - produced) / COMMENTARY_SHARE,
            "that is a relative difference, as a percentage of the commentary's 20%. A gap "
            "in percentage points is a plain subtraction of the two percentages.",
        ),
        (
            COMMENTARY_SHARE / produced,
            "that is a ratio (how many times larger 20% is). The question asks for the "
            "difference in percentage points: subtract.",
        ),
        (
            crossing - COMMENTARY_SHARE,
            "you compared the commentary with the gas that crosses Kazakhstan. Use the share "
            "produced in Kazakhstan (Task 2).",
        ),
        (
            COMMENTARY_SHARE - crossing,
            "you compared the commentary with the gas that crosses Kazakhstan. Use the share "
            "produced in Kazakhstan (Task 2).",
        ),
        (
            0.2 - produced / 100,
            "that is the gap between two shares (0 to 1). Give it in percentage points: "
            "20 minus the percentage from Task 2.",
        ),
    ]
    return _percent_feedback(
        gap_pp,
        expected,
        hints,
        unit=" points",
        correct=(
            f"the commentary's one-fifth is {expected:.1f} percentage points above the share "
            "of China's gas imports produced in Kazakhstan in 2021. (Put as a ratio, 20% is "
            f"about {COMMENTARY_SHARE / produced:.1f} times the real share.)"
        ),
    )


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
