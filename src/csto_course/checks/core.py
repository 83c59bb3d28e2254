"""The machinery every answer check uses: the ``@check`` decorator, coercions, feedback helpers.

A check takes whatever a student typed and answers with a :class:`Feedback`; it never raises.
The decorator :func:`check` guarantees that: an unchanged placeholder (``...``, ``None``)
gives "not answered yet", and any exception inside the check becomes a polite message.

The coercion helpers (``as_number``, ``as_int``, ``as_text``, ``as_frame``, ``as_list``)
each return a pair ``(value, problem)``: ``problem`` is ``None`` when the value could be
used, otherwise a sentence (in plain text) that says what is wrong. ``Feedback`` and the words
messages use (``show``, ``format_number``, ``pluralize`` …) live in :mod:`csto_course.feedback`
and are re-exported here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import inspect
import math
import os
import re
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from csto_course.checks.progress import recorded
from csto_course.feedback import (
    Feedback,
    Noun,
    _sentence,
    _with_type,
    error_feedback,
    format_number,
    index_phrase,
    pluralize,
    show,
    type_phrase,
)

__all__ = [
    "ONE_DECIMAL",
    "PLACEHOLDERS",
    "REGISTRY",
    "CheckInfo",
    "Feedback",
    "as_frame",
    "as_int",
    "as_list",
    "as_number",
    "as_text",
    "check",
    "count_feedback",
    "count_pairs",
    "error_feedback",
    "format_number",
    "index_phrase",
    "is_placeholder",
    "magnitude_hint",
    "number_feedback",
    "pluralize",
    "show",
    "type_phrase",
]

# --------------------------------------------------------------------------------------
# Placeholders and the @check decorator
# --------------------------------------------------------------------------------------

#: How far an answer the question asks to one decimal may be from the exact value: half a unit
#: of that decimal, plus a margin for floating-point rounding.
ONE_DECIMAL = 0.051

#: Text that means "the student has not replaced the placeholder yet".
PLACEHOLDERS: frozenset[str] = frozenset(
    {"", "...", "\u2026", "your answer", "your answer here", "your code here", "todo"}
)


def is_placeholder(value: Any, extra: Iterable[Any] = ()) -> bool:
    """True for ``...``, ``None``, ``pd.NA``, unchanged placeholder text, and a list, tuple
    or dict whose items are all placeholders (``[..., ...]``, ``{"Q1": ...}``)."""
    if value is Ellipsis or value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, str):
        text = value.strip().lower()
        return text in PLACEHOLDERS or any(
            isinstance(e, str) and text == e.strip().lower() for e in extra
        )
    if type(value) in (list, tuple) and value:  # [..., ...] left as given
        return all(is_placeholder(v, extra) for v in value)
    if type(value) is dict and value:  # {"Q1": ..., "Q2": ...} left as given
        return all(is_placeholder(v, extra) for v in value.values())
    return any(value is e for e in extra)


@dataclasses.dataclass(frozen=True)
class CheckInfo:
    """A registered check: its name, the wrapped (safe) function, the original, an example.

    ``example`` is a function without arguments that returns a right answer (for a check
    with several parameters: a tuple of them), so tests can confirm the check accepts it.
    """

    name: str
    func: Callable[..., Feedback]
    raw: Callable[..., Any]
    example: Callable[[], Any] | None = None
    parameters: tuple[str, ...] = ()


#: The environment variable that lets warnings raised inside a check through (``"1"``); the
#: tests set it, so a pandas deprecation in check code shows (and fails: see pyproject.toml).
SHOW_WARNINGS = "CSTO_COURSE_WARNINGS"

#: Every check registered with ``@check``, by name (``"lesson1.check_deaths"``).
REGISTRY: dict[str, CheckInfo] = {}


def _short_module(module: str) -> str:
    return module.rsplit(".", 1)[-1]


def _text_note(args: Iterable[Any]) -> str:
    """A note for an answer given as text that holds a number ("57.2"), or ""."""
    for value in args:
        if isinstance(value, str) and value.strip():
            number, problem = _number_from_text(value, "")
            if problem is None:
                whole = number == int(number) and abs(number) < 1e15
                plain = str(int(number)) if whole else repr(number)
                return (
                    f" (You gave it as text, {value!r}, in quotes; it is read as the number "
                    f"{format_number(number)} here, but Python does not calculate with text: "
                    f"write numbers without quotes, e.g. `{plain}`.)"
                )
    return ""


def check(
    func: Callable[..., Any] | None = None,
    *,
    name: str | None = None,
    example: Callable[[], Any] | None = None,
    placeholders: Iterable[Any] = (),
    text_answer: bool = False,
) -> Any:
    """Register a check and make it safe to call with anything.

    Use as ``@check`` or ``@check(example=lambda: 5, placeholders=["COUNTRY"])``. The wrapped
    function returns ``Feedback(None, "Not answered yet …")`` if any argument is ``...``,
    ``None`` or an unchanged placeholder, turns every exception into a ``Feedback`` that
    says something went wrong, and turns a non-``Feedback`` result into one. Warnings raised
    inside are hidden from the student unless ``$CSTO_COURSE_WARNINGS`` is ``1`` (the tests).
    The registry name is ``"<module>.<function>"`` (e.g. ``"lesson1.check_deaths"``).
    An answer given as text that holds a number (``"57.2"``) is read as the number and the
    feedback says it was text, unless ``text_answer`` (the answer is text, e.g. an id).
    """
    extra = tuple(placeholders)

    def decorate(raw: Callable[..., Any]) -> Callable[..., Feedback]:
        try:
            params = tuple(inspect.signature(raw).parameters)
        except (TypeError, ValueError):  # pragma: no cover - builtins
            params = ()

        @functools.wraps(raw)
        def wrapper(*args: Any, **kwargs: Any) -> Feedback:
            try:
                empty = [i for i, a in enumerate(args) if is_placeholder(a, extra)]
                empty_kw = [k for k, v in kwargs.items() if is_placeholder(v, extra)]
                if empty or empty_kw:
                    names = [params[i] if i < len(params) else f"#{i + 1}" for i in empty]
                    names += empty_kw
                    given = [args[i] for i in empty] + [kwargs[k] for k in empty_kw]
                    where = f" (`{'`, `'.join(names)}`)" if len(args) + len(kwargs) > 1 else ""
                    return Feedback(None, _unanswered(given[0], where))
                with warnings.catch_warnings():
                    if os.environ.get(SHOW_WARNINGS) != "1":
                        warnings.simplefilter("ignore")  # a student sees the feedback only
                    result = raw(*args, **kwargs)
                feedback = _as_feedback(result)
                note = "" if text_answer else _text_note([*args, *kwargs.values()])
                if note:
                    feedback = Feedback(feedback.ok, feedback.message + note, feedback.label)
                return feedback
            except Exception as exc:  # noqa: BLE001 - the point: a check never raises
                return error_feedback(exc)

        key = name or f"{_short_module(raw.__module__)}.{raw.__name__}"
        wrapper = recorded(key, wrapper)  # remembers the last result, for progress() and grading
        REGISTRY[key] = CheckInfo(key, wrapper, raw, example, params)
        wrapper.check_name = key  # type: ignore[attr-defined]
        return wrapper

    if func is not None:
        return decorate(func)
    return decorate


def _unanswered(value: Any, where: str = "") -> str:
    """"Not answered yet" that names what was given: ``...``, None, empty text, a placeholder."""
    end = " with your answer and run the cell again."
    if value is Ellipsis:
        return f"Not answered yet \u2014 replace `...`{where}{end}"
    if value is None:
        return (
            f"Not answered yet \u2014 your answer{where} is None (no value: a `print(...)` or "
            f"an `inplace=True` method gives None); replace it{end}"
        )
    if value is pd.NA or value is pd.NaT:
        missing = f"your answer{where} is a missing value ({value!r})"
        return f"Not answered yet \u2014 {missing}; replace it{end}"
    if isinstance(value, str):
        if not value.strip():
            empty = f"your answer{where} is an empty text ({value!r})"
            return f"Not answered yet \u2014 {empty}; replace it{end}"
        return f"Not answered yet \u2014 replace the placeholder text {value.strip()!r}{where}{end}"
    if type(value) in (list, tuple, dict):
        kind = type(value).__name__
        return f"Not answered yet \u2014 replace each `...` in your {kind}{where}{end}"
    return f"Not answered yet \u2014 replace {show(value)}{where}{end}"


def _ipython_show_ellipsis() -> None:
    """In a notebook, a bare unanswered ``answer`` shows "Not answered yet", not ``Ellipsis``."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return
    shell = get_ipython()
    if shell is None:
        return
    feedback = Feedback(None, _unanswered(Ellipsis))
    formatters = shell.display_formatter.formatters
    # IPython prints ``...`` through its table of singletons (None, True, Ellipsis …)
    formatters["text/plain"].singleton_printers[id(Ellipsis)] = lambda _v, p, _c: p.text(
        feedback.text
    )
    formatters["text/html"].for_type(type(Ellipsis), lambda _v: feedback._repr_html_())


def _as_feedback(result: Any) -> Feedback:
    if isinstance(result, Feedback):
        if not isinstance(result.message, str) or not result.message.strip():
            return Feedback(result.ok, "(the check gave no message)", result.label)
        return result
    if isinstance(result, bool | np.bool_):
        return Feedback(bool(result), "well done." if result else "check your answer.")
    if isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], str):
        ok = None if result[0] is None else bool(result[0])
        return Feedback(ok, result[1])
    raise TypeError(f"the check returned {type(result).__name__}, not Feedback")


# --------------------------------------------------------------------------------------
# Coercions: each returns (value, problem)
# --------------------------------------------------------------------------------------

Result = tuple[Any, str | None]

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}([, _\u00a0\u202f\u2009']\d{3})+(\.\d+)?$")


def _missing(value: Any) -> bool:
    if value is None or value is Ellipsis or value is pd.NA or value is pd.NaT:
        return True
    return False


def as_number(value: Any, name: str = "your answer") -> Result:
    """A finite float from a number or text like ``"3,920"``, ``" 3920 "``, ``"12%"``."""
    if _missing(value):
        return None, f"{name} is missing ({show(value)}); give a number."
    if isinstance(value, bool | np.bool_):
        return None, f"{name} is {value}, a yes/no value, not a number."
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
        return as_number(value, name)
    if isinstance(value, dt.timedelta | pd.Timedelta | np.timedelta64):
        return None, (
            f"{name} is a time span ({show(value)}), not a number; "
            "for a number of days use `.days`."
        )
    if isinstance(value, dt.date | np.datetime64):
        return None, f"{name} is a date ({show(value)}), not a number."
    if isinstance(value, int | float | np.integer | np.floating | Decimal | Fraction):
        try:
            number = float(value)
        except (OverflowError, ValueError):
            return None, f"{name} is too large to be a usable number."
        if math.isnan(number):
            return None, (
                f"{name} is NaN (not a number): did a calculation use a missing value "
                "or divide zero by zero?"
            )
        if math.isinf(number):
            return None, f"{name} is infinite: did a calculation divide by zero?"
        return number, None
    if isinstance(value, complex):
        return None, f"{name} is a complex number; give a real number."
    if isinstance(value, str):
        return _number_from_text(value, name)
    if isinstance(value, pd.Series | pd.Index | np.ndarray | list | tuple | set | frozenset):
        n = len(value)
        what = show(value) if isinstance(value, pd.Series) else type_phrase(value)
        if not isinstance(value, pd.Series):
            what += f" of {n} {pluralize(n, 'values')}"
        if n == 1 and isinstance(value, pd.Series | pd.Index | np.ndarray):
            return None, f"{name} is {what}; take the value itself, e.g. with `.item()`."
        if n == 1 and isinstance(value, list | tuple):
            kind = type(value).__name__
            return None, f"{name} is {show(value)}; take the value out of the {kind}: `[0]`."
        if n == 0:
            return None, f"{name} is {what}: it is empty; give one number."
        return None, f"{name} is {what}; give one number, not several."
    if isinstance(value, pd.DataFrame):
        return None, f"{name} is {show(value)}; give one number."
    return None, f"{name} is {_with_type(value)}, not a number."


def _number_from_text(value: str, name: str) -> Result:
    """The number in a text (accepted: the ``@check`` wrapper adds a note that it was text)."""
    text = value.strip().replace("\u2212", "-")
    if not text:
        return None, f"{name} is an empty text ({value!r}); give a number."
    percent = text.endswith("%")
    if percent:
        text = text[:-1].strip()
    if _THOUSANDS.match(text):
        text = re.sub(r"[, _\u00a0\u202f\u2009']", "", text)
    elif re.fullmatch(r"[+-]?\d+,\d{1,2}", text):
        return None, (
            f"{name} is the text {text!r}, in quotes, with a comma for decimals: write the "
            "number itself, without quotes and with a point."
        )
    try:
        number = float(text)
    except ValueError:
        return None, f"{name} is the text {show(text)}, not a number."
    if not math.isfinite(number):
        return None, f"{name} is the text {show(text)}, not a finite number."
    return number, None


def as_int(value: Any, name: str = "your answer") -> Result:
    """A whole number (``int``) from anything :func:`as_number` accepts, if it is whole."""
    number, problem = as_number(value, name)
    if problem:
        return None, problem
    if abs(number - round(number)) > 1e-9 * max(1.0, abs(number)):
        return None, f"{name} is {format_number(number)}, not a whole number."
    return int(round(number)), None


def as_text(value: Any, name: str = "your answer") -> Result:
    """Stripped, non-empty text."""
    if _missing(value):
        return None, f"{name} is missing ({show(value)}); give some text in quotes."
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if not isinstance(value, str):
        return None, f"{name} is {_with_type(value)}; give text in quotes."
    text = value.strip()
    if not text:
        return None, f"{name} is an empty text ({value!r}); write your answer in the quotes."
    return text, None


def as_frame(value: Any, required_columns: Sequence[str] = (), name: str = "your answer") -> Result:
    """A DataFrame (a copy) holding ``required_columns``; a Series is turned into a frame."""
    required = list(required_columns)
    given = f"{name} ({show(value)}, read as a table)" if isinstance(value, pd.Series) else name
    if isinstance(value, pd.Series):
        candidates = [value.to_frame(), value.reset_index()]
        if value.name is None:
            candidates = [value.to_frame(name="value"), value.reset_index()]

        def missing_in(frame: pd.DataFrame) -> int:
            return sum(c not in frame.columns for c in required)

        value = min(candidates, key=missing_in)
    elif not isinstance(value, pd.DataFrame):
        if _missing(value):
            return None, f"{name} is missing ({show(value)}); give a table (DataFrame)."
        if isinstance(value, Mapping):
            return None, (
                f"{name} is a dict, not a table (DataFrame). Build the table from the data with "
                "pandas (filter, select columns), or turn a dict of columns into one with "
                "`pd.DataFrame(...)`."
            )
        return None, f"{name} is {_with_type(value)}, not a table (DataFrame)."
    frame = value.copy()
    missing = [c for c in required if c not in frame.columns]
    if missing:
        have = [str(c) for c in frame.columns]
        hints = []
        for col in missing:
            close = difflib.get_close_matches(col, have, n=1, cutoff=0.6)
            lowered = {h.strip().lower(): h for h in have}
            if col.lower() in lowered:
                hints.append(f"{lowered[col.lower()]!r} should be {col!r}")
            elif close:
                hints.append(f"did you mean {col!r} for {close[0]!r}?")
        plural = "s" if len(missing) > 1 else ""
        message = (
            f"{given} is missing the column{plural} {', '.join(repr(c) for c in missing)}; "
            f"it has {', '.join(repr(h) for h in have[:10]) or 'no columns'}"
            f"{', …' if len(have) > 10 else ''}."
        )
        if hints:
            message += " " + _sentence("; ".join(hints)[0].upper() + "; ".join(hints)[1:])
        return None, message
    return frame, None


def as_list(
    value: Any,
    name: str = "your answer",
    item: Callable[..., Result] | None = None,
) -> Result:
    """A list from a list, tuple, set (sorted), Series, Index or 1-D array.

    With ``item`` (another coercion, e.g. ``as_text``) each element is coerced; the first
    problem is reported with its position.
    """
    if _missing(value):
        return None, f"{name} is missing ({show(value)}); give a list like ['a', 'b']."
    if isinstance(value, str):
        return None, (
            f"{name} is one piece of text ({show(value)}); give a list, e.g. [{value.strip()!r}]."
        )
    if isinstance(value, pd.DataFrame):
        return None, f"{name} is {show(value)}; pick one column, e.g. `df['name']`."
    if isinstance(value, Mapping):
        return None, f"{name} is a dict; give a list, e.g. `list(d)` or `list(d.values())`."
    if isinstance(value, np.ndarray):
        if value.ndim != 1:
            return None, f"{name} is {show(value)}; give a flat list."
        items = value.tolist()
    elif isinstance(value, pd.Series | pd.Index):
        items = value.tolist()
    elif isinstance(value, set | frozenset):
        try:
            items = sorted(value)
        except TypeError:
            items = sorted(value, key=repr)
    elif isinstance(value, list | tuple):
        items = list(value)
    else:
        return None, f"{name} is {_with_type(value)}, not a list."
    if item is None:
        return items, None
    out = []
    for i, element in enumerate(items, start=1):
        coerced, problem = item(element, f"item {i} of {name}")
        if problem:
            return None, problem
        out.append(coerced)
    return out, None


def count_pairs(counts: pd.Series | Mapping[Any, Any], where: str | None = None) -> Result:
    """The ``(label, number)`` pairs of a Series or dict of counts (``value_counts()``).

    A count that is not a number gives a problem that names it, its label and where it is:
    "some of your counts are not numbers: the count for 3 in your Series is an empty text".
    ``where`` replaces " in your Series" / " in your dict" (e.g. " in your table's column 'n'").
    """
    if where is None:
        kind = "Series" if isinstance(counts, pd.Series) else "dict"
        where = f" in your {kind}"
    pairs = []
    for key, value in counts.items():
        number, problem = as_number(value, f"the count for {show(key, 30)}{where}")
        if problem:
            return None, f"some of your counts are not numbers: {problem}"
        pairs.append((key, number))
    return pairs, None


# --------------------------------------------------------------------------------------
# Feedback on numbers and counts
# --------------------------------------------------------------------------------------

_FACTORS = (
    (100.0, "100 times", "did you use a percentage where a share (0 to 1) was asked?"),
    (0.01, "100 times", "did you give a share (0 to 1) where a percentage was asked?"),
    (1000.0, "1,000 times", "check the units (thousands?) and the decimal point."),
    (0.001, "1,000 times", "check the units (thousands?) and the decimal point."),
    (1e6, "a million times", "check the units (millions?)."),
    (1e-6, "a million times", "check the units (millions?)."),
    (10.0, "10 times", "check the decimal point."),
    (0.1, "10 times", "check the decimal point."),
)


def magnitude_hint(value: float, expected: float, tol: float = 0.02) -> str | None:
    """A sentence if ``value`` is off from ``expected`` by a power of ten or by sign."""
    if not (math.isfinite(value) and math.isfinite(expected)) or expected == 0 or value == 0:
        return None
    ratio = value / expected
    if abs(ratio + 1) <= tol:
        return "your answer has the wrong sign: check which value you subtracted from which."
    for factor, words, why in _FACTORS:
        if abs(ratio / factor - 1) <= tol:
            size = "large" if factor > 1 else "small"
            return f"your answer is {words} too {size} \u2014 {why}"
    return None


def number_feedback(
    value: Any,
    expected: float,
    *,
    rel_tol: float = 1e-6,
    abs_tol: float = 0.0,
    close: float = 0.05,
    name: str = "your answer",
    unit: str = "",
    correct: str | None = None,
    hints: Mapping[float, str] | None = None,
) -> Feedback:
    """Compare a student's number with ``expected`` and say what is wrong, without the answer.

    ``rel_tol``/``abs_tol``: what counts as equal. ``close``: relative distance within which
    the answer is "close but not equal" (rounding?). ``hints``: messages for known wrong
    values (matched with the same tolerance), e.g. ``{6: "only 5 members sent troops"}``.
    """
    number, problem = as_number(value, name)
    if problem:
        return Feedback(False, problem)
    suffix = f" {unit}" if unit else ""
    if math.isclose(number, expected, rel_tol=rel_tol, abs_tol=abs_tol):
        return Feedback(True, correct or f"{format_number(number)}{suffix} is right.")
    for wrong, message in (hints or {}).items():
        if math.isclose(number, float(wrong), rel_tol=rel_tol, abs_tol=abs_tol):
            return Feedback(False, f"you gave {format_number(number)}{suffix}; {message}")
    hint = magnitude_hint(number, expected)
    if hint:
        return Feedback(False, hint)
    shown = f"{name} {format_number(number)}{suffix}"
    direction = "high" if number > expected else "low"
    if expected != 0 and abs(number - expected) <= close * abs(expected):
        off = abs(number - expected) / abs(expected) * 100
        return Feedback(
            False,
            f"{shown} is close but {format_number(off, 1) if off >= 0.1 else 'under 0.1'}% "
            f"too {direction}: check rounding and which rows you included.",
        )
    return Feedback(False, f"{shown} is too {direction}; check your calculation step by step.")


def count_feedback(
    value: Any,
    expected: int,
    *,
    noun: Noun = "items",
    hints: Mapping[int, str] | None = None,
    correct: str | None = None,
) -> Feedback:
    """Feedback on a count, in the style "you counted 6 states; …" ("1 state" for one).

    ``noun`` is the plural ("states") or a ``(singular, plural)`` pair: see :func:`pluralize`.
    """
    if isinstance(value, pd.DataFrame | pd.Series | list | tuple | set | np.ndarray):
        try:
            n = len(value)
        except TypeError:
            n = None
        if n is not None:
            return Feedback(
                False,
                f"your answer is {show(value)}; give the count as a number, "
                f"e.g. `len(...)` (it would be {n}).",
            )
    number, problem = as_int(value, "your count")
    if problem:
        return Feedback(False, problem)
    if number == expected:
        return Feedback(True, correct or f"{number} {pluralize(number, noun)}.")
    said = f"you counted {format_number(number)} {pluralize(number, noun)}"
    if hints and number in hints:
        return Feedback(False, f"{said}; {hints[number]}")
    if number < 0:
        return Feedback(False, f"{said}; a count cannot be negative.")
    more = (
        "too many: is your filter too loose?"
        if number > expected
        else ("too few: is your filter too strict, or did you drop rows?")
    )
    return Feedback(False, f"{said}; that is {more}")


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
