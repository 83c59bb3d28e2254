"""Pure functions behind the widgets: choices, sorting, risk matrix, forecasts, timeline.

Nothing here needs a browser or ipywidgets, so every rule the widgets apply is tested
directly.
"""

from __future__ import annotations

import dataclasses
import html
import math
import numbers
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from csto_course.facts import BRIER_BASELINE, brier_score
from csto_course.feedback import Feedback, format_number

__all__ = [
    "BRIER_BASELINE",
    "KINDS",
    "KIND_HINTS",
    "RISK_BANDS",
    "SortResult",
    "brier_score",
    "choice_feedback",
    "events_per_day",
    "filter_events",
    "forecast_feedback",
    "rank_risks",
    "risk_band",
    "risk_score",
    "sort_feedback",
    "sort_result",
]

# --------------------------------------------------------------------------------------
# Multiple choice
# --------------------------------------------------------------------------------------


def _sentence(text: str) -> str:
    text = str(text).strip()
    return text if not text or text[-1] in ".!?…”\"')" else text + "."


def choice_feedback(
    options: Sequence[tuple[str, bool, str]], selected: Iterable[int], multiple: bool = False
) -> Feedback:
    """Feedback for the options at ``selected``: the explanation of each option chosen."""
    chosen = sorted({int(i) for i in selected})
    if not chosen:
        what = "tick every option that applies" if multiple else "pick an option"
        return Feedback(None, f"Not answered yet \u2014 {what}, then press Check answer.")
    for i in chosen:
        if not 0 <= i < len(options):
            raise IndexError(f"there is no option {i}")
    correct = {i for i, (_, ok, _) in enumerate(options) if ok}
    if not multiple:
        text, ok, explanation = options[chosen[-1]]
        if ok:
            return Feedback(True, explanation)
        return Feedback(False, f"{_sentence(explanation)} Try another option.")
    parts = [f"\u201c{options[i][0]}\u201d: {_sentence(options[i][2])}" for i in chosen]
    if set(chosen) == correct:
        return Feedback(True, " ".join(parts))
    wrong = [i for i in chosen if i not in correct]
    missing = correct - set(chosen)
    tail = []
    if wrong:
        tail.append(
            f"{len(wrong)} of the options you ticked {'is' if len(wrong) == 1 else 'are'}"
            " not right."
        )
    if missing:
        tail.append("At least one more option is right.")
    return Feedback(False, " ".join(parts + tail))


# --------------------------------------------------------------------------------------
# Sorting statements
# --------------------------------------------------------------------------------------

#: The kinds a statement of the commentary can be sorted into (contract: statements.kind).
KINDS: tuple[str, ...] = ("context", "motive", "consequence", "risk", "question")


@dataclasses.dataclass(frozen=True)
class SortResult:
    """How a sorting went: ids right, wrong (id, given, expected) and not answered."""

    correct: tuple[str, ...]
    wrong: tuple[tuple[str, str, str], ...]
    unanswered: tuple[str, ...]

    @property
    def total(self) -> int:
        return len(self.correct) + len(self.wrong) + len(self.unanswered)

    @property
    def accuracy(self) -> float:
        """Share of all items sorted right (unanswered items count as not right)."""
        return len(self.correct) / self.total if self.total else 0.0


def sort_result(answers: Mapping[str, str | None], truth: Mapping[str, str]) -> SortResult:
    """Compare ``answers`` (id → kind, or None/"—"/"" for unanswered) with ``truth``."""
    correct, wrong, unanswered = [], [], []
    for key, expected in truth.items():
        given = answers.get(key)
        if given is None or str(given).strip() in ("", "\u2014", "-"):
            unanswered.append(key)
        elif str(given).strip().lower() == str(expected).strip().lower():
            correct.append(key)
        else:
            wrong.append((key, str(given), str(expected)))
    return SortResult(tuple(correct), tuple(wrong), tuple(unanswered))


#: What each kind means: the hint for a statement sorted wrongly into that kind. It is about
#: the choice made, so it does not give the right kind away.
KIND_HINTS: dict[str, str] = {
    "context": (
        "context is what happened, the scene the authors set. Do they use this statement only "
        "to report, or to say why Russia acted, what followed, or what could go wrong?"
    ),
    "motive": (
        "a motive is a reason why Russia acted. Does this statement say why Moscow chose to "
        "intervene, or something else: what happened, what followed, what might go wrong?"
    ),
    "consequence": (
        "a consequence is what the intervention led to. Does this statement follow from the "
        "intervention, or does it come before it, or only threaten?"
    ),
    "risk": (
        "a risk is a possible danger for Russia, still ahead. Is this statement about such a "
        "danger, or about something that happened, or a reason to act?"
    ),
    "question": (
        "a question is something the authors leave open. Do they leave this open, or do "
        "they take a position on it?"
    ),
}


def _article(kind: str) -> str:
    """ "a " before a kind that is counted ("a motive"), none before "context"."""
    return "" if kind.strip().lower() in ("context", "") else "a "


def sort_feedback(
    result: SortResult,
    paraphrases: Mapping[str, str],
    explanations: Mapping[str, str],
    tries: Mapping[str, int] | None = None,
    reveal: bool = False,
    truth: Mapping[str, str] | None = None,
) -> tuple[Feedback, str]:
    """The summary feedback and an HTML list about each statement to look at again (escaped).

    A statement sorted wrongly gets a hint about the kind chosen; its answer and explanation
    are shown only once it has been wrong in two checks (``tries``: statement → checks it was
    wrong in, this one included; default 1) or with ``reveal`` (which also shows the answer of
    the unanswered statements, from ``truth``).
    """
    n = result.total
    if n and len(result.unanswered) == n and not reveal:
        return Feedback(None, "Not answered yet \u2014 choose a kind for each statement."), ""
    summary = f"{len(result.correct)} of {n} sorted right"
    if result.unanswered:
        summary += f"; {len(result.unanswered)} not answered yet"
    if result.wrong:
        summary += f"; {len(result.wrong)} to look at again (see below)"
    if not result.wrong and not result.unanswered:
        return Feedback(True, f"{summary}. Well done."), ""
    items = []
    hinted = 0
    for key, given, expected in result.wrong:
        head = "<strong>{}</strong> \u201c{}\u201d: you chose <em>{}</em>".format(
            html.escape(key), html.escape(paraphrases.get(key, "")), html.escape(given)
        )
        if reveal or (tries or {}).get(key, 1) >= 2:
            items.append(
                "<li class='csto-sort-answer'>{}; it is {}<em>{}</em>. {}</li>".format(
                    head,
                    _article(expected),
                    html.escape(expected),
                    html.escape(explanations.get(key, "")),
                )
            )
        else:
            hinted += 1
            hint = KIND_HINTS.get(given.strip().lower(), "is that what the authors do here?")
            items.append(f"<li class='csto-sort-hint'>{head}. Not quite: {html.escape(hint)}</li>")
    if reveal:
        for key in result.unanswered:
            items.append(
                "<li class='csto-sort-answer'><strong>{}</strong> \u201c{}\u201d: not answered; "
                "it is {}<em>{}</em>. {}</li>".format(
                    html.escape(key),
                    html.escape(paraphrases.get(key, "")),
                    _article((truth or {}).get(key, "")),
                    html.escape((truth or {}).get(key, "")),
                    html.escape(explanations.get(key, "")),
                )
            )
    details = f"<ul class='csto-sort-wrong'>{''.join(items)}</ul>" if items else ""
    if hinted:
        summary += (
            ". Choose again where you got a hint and press Check: a statement still wrong "
            "then shows its answer"
        )
    return Feedback(False, f"{summary}."), details


# --------------------------------------------------------------------------------------
# Risk matrix
# --------------------------------------------------------------------------------------

#: Score bands of a 5×5 matrix (likelihood × impact), upper bounds inclusive.
RISK_BANDS: tuple[tuple[int, str], ...] = (
    (4, "low"),
    (9, "medium"),
    (16, "high"),
    (25, "very high"),
)


def _level(value: object, what: str) -> int:
    if (
        isinstance(value, bool | np.bool_)
        or not isinstance(value, numbers.Real)
        or value != int(value)
    ):
        raise ValueError(f"{what} must be a whole number from 1 to 5, not {value!r}")
    level = int(value)
    if not 1 <= level <= 5:
        raise ValueError(f"{what} must be from 1 to 5, not {level}")
    return level


def risk_score(likelihood: int, impact: int) -> int:
    """Likelihood × impact, each from 1 to 5."""
    return _level(likelihood, "likelihood") * _level(impact, "impact")


def risk_band(score: int) -> str:
    """``"low"`` (1–4), ``"medium"`` (5–9), ``"high"`` (10–16) or ``"very high"`` (20–25)."""
    if not 1 <= score <= 25:
        raise ValueError(f"a risk score is from 1 to 25, not {score}")
    return next(name for top, name in RISK_BANDS if score <= top)


def rank_risks(ratings: pd.DataFrame) -> pd.DataFrame:
    """Risks with ``likelihood`` and ``impact`` → plus ``score`` and ``band``, highest first.

    Ties keep the input order (a stable sort), so the ranking is deterministic.
    """
    out = ratings.copy()
    out["score"] = [
        risk_score(lk, im) for lk, im in zip(out["likelihood"], out["impact"], strict=True)
    ]
    out["band"] = [risk_band(s) for s in out["score"]]
    return out.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------------------
# Forecasts
# --------------------------------------------------------------------------------------

def forecast_feedback(pairs: Sequence[tuple[float, bool]]) -> Feedback:
    """What a Brier score means, compared with always saying 0.5."""
    if not pairs:
        return Feedback(None, "Not answered yet \u2014 there is no resolved question to score.")
    score = brier_score(pairs)
    shown = format_number(round(score, 3))
    if math.isclose(score, BRIER_BASELINE, abs_tol=1e-9):
        verdict = "the same as always saying 0.5: your forecasts added no information"
    elif score < BRIER_BASELINE:
        verdict = "better than always saying 0.5 (which scores 0.25)"
    else:
        verdict = (
            "worse than always saying 0.5 (which scores 0.25): you were confident "
            "in the wrong direction on at least one question"
        )
    return Feedback(
        True,
        f"your Brier score is {shown} over {len(pairs)} question"
        f"{'s' if len(pairs) != 1 else ''}: {verdict}. The Brier score is the mean of "
        "(probability \u2212 outcome)\u00b2, where the outcome is 1 if it happened and 0 if "
        "not; 0 is perfect and 1 is the worst possible.",
        label="Scored",
    )


# --------------------------------------------------------------------------------------
# Timeline
# --------------------------------------------------------------------------------------


def _end(events: pd.DataFrame) -> pd.Series:
    """Each event's last day: its ``end_date``, or its ``date`` if none or an earlier one."""
    start = pd.to_datetime(events["date"])
    if "end_date" not in events.columns:
        return start
    end = pd.to_datetime(events["end_date"]).fillna(start)
    return end.where(end >= start, start)


def filter_events(
    events: pd.DataFrame,
    start: object,
    end: object,
    categories: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Events that overlap [start, end] (both inclusive) and are in ``categories``.

    An event overlaps if it starts on or before ``end`` and ends (``end_date``, else
    ``date``) on or after ``start``. Sorted by date, then by the input order.
    """
    dates = pd.to_datetime(events["date"])
    mask = (dates <= pd.Timestamp(end)) & (_end(events) >= pd.Timestamp(start))
    if categories is not None:
        mask &= events["category"].astype("string").isin({str(c) for c in categories})
    return events.loc[mask.fillna(False).astype(bool)].sort_values("date", kind="stable")


def _default_categories(events: pd.DataFrame) -> list[str]:
    cat = events["category"]
    if isinstance(cat.dtype, pd.CategoricalDtype):
        present = set(cat.dropna().astype(str))
        return [str(c) for c in cat.cat.categories if str(c) in present]
    return sorted(set(cat.dropna().astype(str)))


def events_per_day(
    events: pd.DataFrame,
    days: Sequence[pd.Timestamp] | None = None,
    categories: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Events under way each day (rows) by category (columns), zeros filled.

    An event counts on every day from ``date`` to ``end_date`` (or on ``date`` alone).
    ``days`` fixes the rows (default: every day from the first to the last event day),
    ``categories`` the columns (default: the categories present, in category order).
    """
    if categories is None:
        categories = _default_categories(events)
    starts = pd.to_datetime(events["date"]).dt.normalize()
    ends = _end(events).dt.normalize()
    rows = []
    for start, end, category in zip(starts, ends, events["category"], strict=True):
        if pd.isna(start) or pd.isna(category):
            continue
        rows += [(day, str(category)) for day in pd.date_range(start, end, freq="D")]
    frame = pd.DataFrame(rows, columns=["day", "category"])
    if days is None:
        days = pd.date_range(frame["day"].min(), frame["day"].max()) if rows else []
    counts = frame.groupby(["day", "category"]).size().unstack(fill_value=0)
    if not rows:
        counts = pd.DataFrame()
    index = pd.DatetimeIndex(list(days), name="day")
    counts = counts.reindex(index=index, columns=list(categories), fill_value=0)
    counts.columns = pd.Index(list(categories), name="category")
    return counts.fillna(0).astype("int64")


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
