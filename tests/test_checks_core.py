"""Tests of csto_course.checks.core: Feedback, @check, coercions, number/count feedback."""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from csto_course.checks import (
    REGISTRY,
    Feedback,
    as_frame,
    as_int,
    as_list,
    as_number,
    as_text,
    check,
    count_feedback,
    format_number,
    is_placeholder,
    magnitude_hint,
    number_feedback,
    show,
)
from csto_course.checks.core import SHOW_WARNINGS

# ----------------------------------------------------------------------------- Feedback


@pytest.mark.parametrize(
    ("ok", "marker"),
    [(True, "✔ Correct —"), (False, "✘ Not yet —"), (None, "… Not answered yet")],
)
def test_feedback_has_text_marker_in_text_and_html(ok, marker):
    fb = Feedback(ok, "some message")
    assert fb.text.startswith(marker)
    assert repr(fb) == fb.text == str(fb)
    html_marker = marker.rstrip(" —")
    assert f"<strong>{html_marker}</strong>" in fb._repr_html_()
    assert "some message" in fb._repr_html_()
    assert 'role="status"' in fb._repr_html_()


def test_feedback_escapes_script_and_html():
    fb = Feedback(False, "you typed '<script>alert(1)</script>' & <b>bold</b>")
    out = fb._repr_html_()
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&amp;" in out
    assert "<b>" not in out


def test_feedback_html_is_deterministic_and_backticks_become_code():
    fb = Feedback(True, "use `len(df)` here")
    assert fb._repr_html_() == Feedback(True, "use `len(df)` here")._repr_html_()
    assert "<code>len(df)</code>" in fb._repr_html_()
    # backticks around escaped input stay escaped
    assert "<code>&lt;i&gt;</code>" in Feedback(True, "`<i>`")._repr_html_()


def test_not_answered_message_does_not_repeat_the_marker():
    fb = Feedback(None, "Not answered yet — pick an option")
    assert fb.text == "… Not answered yet — pick an option"
    assert Feedback(None, "").text == "… Not answered yet"


def test_feedback_custom_label():
    fb = Feedback(True, "your Brier score is 0.1", label="Scored")
    assert fb.text.startswith("✔ Scored — ")


def test_feedback_ipython_pretty_uses_text():
    from IPython.lib.pretty import pretty

    assert pretty(Feedback(True, "fine")) == "✔ Correct — fine"


# ----------------------------------------------------------------------------- @check


@check(name="test_core.share")
def _share(value):
    return number_feedback(value, 0.25, rel_tol=1e-3)


@check(name="test_core.two", placeholders=["COUNTRY"])
def _two(country, count):
    text, problem = as_text(country)
    if problem:
        return Feedback(False, problem)
    return count_feedback(count, 5, noun="states")


@check(name="test_core.boom")
def _boom(value):
    raise ZeroDivisionError("<script>boom</script>")


@check(name="test_core.returns_bool")
def _returns_bool(value):
    return value == 1


@check(name="test_core.returns_junk")
def _returns_junk(value):
    return 42


def test_check_registers_with_name_and_parameters():
    info = REGISTRY["test_core.two"]
    assert info.parameters == ("country", "count")
    assert info.func is _two
    assert _two.check_name == "test_core.two"


def test_default_registry_name_is_module_dot_function():
    @check
    def some_check(x):
        return Feedback(True, "ok")

    assert "test_checks_core.some_check" in REGISTRY
    del REGISTRY["test_checks_core.some_check"]


@pytest.mark.parametrize("value", [..., None, pd.NA, "", "  ...  ", "YOUR ANSWER HERE", "…"])
def test_placeholders_are_not_answered(value):
    fb = _share(value)
    assert fb.ok is None
    assert fb.text.startswith("… Not answered yet")


def test_custom_placeholder_and_names_in_multi_argument_check():
    fb = _two("COUNTRY", 5)
    assert fb.ok is None
    assert "`country`" in fb.message
    fb = _two("Russia", ...)
    assert fb.ok is None and "`count`" in fb.message


def test_exception_becomes_feedback_and_is_escaped():
    fb = _boom(1)
    assert fb.ok is False
    assert fb.message.startswith("something went wrong while checking")
    assert "ZeroDivisionError" in fb.message
    assert "<script>" not in fb._repr_html_()


def test_wrong_arity_becomes_feedback():
    fb = _share(1, 2, 3)
    assert fb.ok is False and "something went wrong" in fb.message


def test_non_feedback_results():
    assert _returns_bool(1).ok is True
    assert _returns_bool(2).ok is False
    fb = _returns_junk(1)
    assert fb.ok is False and "something went wrong" in fb.message


def test_check_hides_warnings_from_a_student_and_shows_them_in_tests(monkeypatch):
    import warnings

    @check(name="test_core.warns")
    def warns(x):
        warnings.warn("noisy", FutureWarning, stacklevel=1)
        return Feedback(True, "ok")

    try:
        monkeypatch.delenv(SHOW_WARNINGS, raising=False)  # a student's kernel
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert warns(1).ok is True
        monkeypatch.setenv(SHOW_WARNINGS, "1")  # the tests (conftest.py sets it)
        with pytest.warns(FutureWarning, match="noisy"):
            assert warns(1).ok is True
    finally:
        del REGISTRY["test_core.warns"]


def test_the_tests_see_warnings_from_checks():
    import os

    assert os.environ.get(SHOW_WARNINGS) == "1", "conftest.py should set " + SHOW_WARNINGS


def test_is_placeholder():
    assert is_placeholder(...)
    assert is_placeholder(None)
    assert not is_placeholder(0)
    assert not is_placeholder(float("nan"))
    assert not is_placeholder(pd.DataFrame())
    assert is_placeholder("X", extra=["x"])
    assert is_placeholder([..., ...]) and is_placeholder({"Q1": ..., "Q2": None})
    assert not is_placeholder([..., 1]) and not is_placeholder([]) and not is_placeholder({})


# ----------------------------------------------------------------------------- as_number


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3920, 3920.0),
        (np.int64(7), 7.0),
        (np.float32(2.5), 2.5),
        (np.array(4.0), 4.0),
        (Decimal("0.25"), 0.25),
        (1e3, 1000.0),
    ],
)
def test_as_number_accepts(value, expected):
    number, problem = as_number(value)
    assert problem is None
    assert number == expected
    assert type(number) is float


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (float("nan"), "NaN"),
        (np.nan, "NaN"),
        (float("inf"), "infinite"),
        (-np.inf, "infinite"),
        (True, "yes/no"),
        (np.bool_(False), "yes/no"),
        ([1, 2], "a list of 2 values"),
        ([1], "the list [1]; take the value out of the list"),
        (pd.Series([1.0]), "a pandas Series of 1 value numbered 0"),
        (pd.DataFrame({"a": [1]}), "table"),
        ("abc", "the text 'abc', not a number"),
        ("3,5", "comma for decimals"),
        ("", "empty"),
        (None, "missing"),
        (pd.Timedelta(days=4), "`.days`"),
        (pd.Timestamp("2022-01-06"), "date"),
        ({"a": 1}, "not a number"),
        (1 + 2j, "complex"),
        (10**400, "too large"),
        ("nan", "not a finite number"),
    ],
)
def test_as_number_rejects_with_message(value, words):
    number, problem = as_number(value, "the share")
    assert number is None
    assert words in problem
    assert problem.startswith("the share")


@pytest.mark.parametrize(
    ("value", "expected", "code"),
    [
        ("57.2", 57.2, "`57.2`"),
        ("3,920", 3920.0, "`3920`"),
        (" 3920 ", 3920.0, "`3920`"),
        ("3 920", 3920.0, "`3920`"),
        ("1,234,567.5", 1234567.5, "`1234567.5`"),
        ("\u221212", -12.0, "`-12`"),
        ("12%", 12.0, "`12`"),
        ("1e3", 1000.0, "`1000`"),
    ],
)
def test_text_that_holds_a_number_is_read_and_said_to_be_text(value, expected, code):
    number, problem = as_number(value)
    assert (number, problem) == (expected, None)

    @check
    def right(answer):
        number, problem = as_number(answer)
        return Feedback(number == expected, problem or "right.")

    fb = right(value)
    assert fb.ok is True
    assert "You gave it as text" in fb.message and "without quotes" in fb.message
    assert code in fb.message
    assert "as text" not in right(expected).message
    REGISTRY.pop(right.check_name)


def test_as_int():
    assert as_int("3,920") == (3920, None)
    assert as_int(5.0) == (5, None)
    assert as_int(np.int32(6)) == (6, None)
    value, problem = as_int(3.5)
    assert value is None and "not a whole number" in problem
    assert as_int(True)[1] is not None


# ----------------------------------------------------------------------------- others


def test_as_text():
    assert as_text("  Russia ") == ("Russia", None)
    assert as_text(np.str_("x")) == ("x", None)
    assert "empty" in as_text("   ")[1]
    assert "quotes" in as_text(5)[1]
    assert as_text(None)[0] is None


def test_as_frame_reports_missing_columns_and_case_hint():
    frame, problem = as_frame(pd.DataFrame({"Country": ["Russia"], "x": [1]}), ["country", "n"])
    assert frame is None
    assert "'country'" in problem and "'n'" in problem
    assert "'Country' should be 'country'" in problem


def test_as_frame_accepts_frame_and_series():
    df = pd.DataFrame({"country": ["Russia"], "troops": [3000]})
    frame, problem = as_frame(df, ["country"])
    assert problem is None and frame is not df and frame.equals(df)
    counts = pd.Series([3, 1], index=pd.Index(["protest", "csto"], name="category"), name="n")
    frame, problem = as_frame(counts, ["category", "n"])
    assert problem is None and list(frame.columns) == ["category", "n"]
    frame, problem = as_frame(counts, ["n"])
    assert problem is None and list(frame.columns) == ["n"]
    assert "not a table" in as_frame([1, 2], ["a"])[1]


def test_as_list():
    assert as_list((1, 2)) == ([1, 2], None)
    assert as_list({"b", "a"}) == (["a", "b"], None)
    assert as_list(pd.Series(["x"])) == (["x"], None)
    assert as_list(np.array([1, 2])) == ([1, 2], None)
    assert "one piece of text" in as_list("Russia")[1]
    assert "pick one column" in as_list(pd.DataFrame({"a": [1]}))[1]
    assert as_list(["a", " b "], item=as_text) == (["a", "b"], None)
    value, problem = as_list(["a", 3], item=as_text)
    assert value is None and problem.startswith("item 2 of your answer")


# ----------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("value", "expected", "words"),
    [
        (25, 0.25, "100 times too large — did you use a percentage where a share"),
        (0.25, 25, "100 times too small"),
        (3_920_000, 3920, "1,000 times too large"),
        (2.5, 25, "10 times too small"),
        (-4, 4, "wrong sign"),
    ],
)
def test_magnitude_hint(value, expected, words):
    assert words in magnitude_hint(value, expected)


def test_magnitude_hint_none_for_ordinary_errors():
    assert magnitude_hint(3, 4) is None
    assert magnitude_hint(0, 4) is None
    assert magnitude_hint(math.nan, 4) is None


def test_number_feedback():
    assert number_feedback("0.25", 0.25).ok is True
    close = number_feedback(0.26, 0.25)
    assert close.ok is False and "close" in close.message and "too high" in close.message
    far = number_feedback(0.9, 0.25)
    assert far.ok is False and "too high" in far.message
    assert "100 times too large" in number_feedback("25%", 0.25).message
    hinted = number_feedback(6, 5, hints={6: "only 5 members sent troops"})
    assert hinted.message == "you gave 6; only 5 members sent troops"
    assert "NaN" in number_feedback(float("nan"), 1).message
    assert number_feedback(0.2501, 0.25, rel_tol=0.01).ok is True
    # the right answer is not revealed
    assert "0.25" not in number_feedback(0.3, 0.25).message


def test_count_feedback_style():
    fb = count_feedback(6, 5, noun="states", hints={6: "the CSTO had 6 members but only 5 sent"})
    assert fb.message == "you counted 6 states; the CSTO had 6 members but only 5 sent"
    assert count_feedback(5, 5, noun="states").ok is True
    assert "too few" in count_feedback(3, 5).message
    assert "too many" in count_feedback(9, 5).message
    assert "`len(...)`" in count_feedback(["a", "b"], 5).message
    assert "whole number" in count_feedback(2.5, 5).message


def test_count_feedback_agrees_in_number():
    too_few = "that is too few: is your filter too strict, or did you drop rows?"
    assert count_feedback(1, 6, noun="members").message == f"you counted 1 member; {too_few}"
    assert count_feedback(2, 6, noun="members").message == f"you counted 2 members; {too_few}"
    assert count_feedback(0, 6, noun="members").message.startswith("you counted 0 members;")
    assert count_feedback(1, 1, noun="statements") == Feedback(True, "1 statement.")
    assert count_feedback(3, 3, noun="statements") == Feedback(True, "3 statements.")
    assert count_feedback(1, 3, noun="consequence statements").message.startswith(
        "you counted 1 consequence statement;"
    )
    pair = ("country", "countries")
    assert count_feedback(1, 3, noun=pair).message.startswith("you counted 1 country;")
    assert count_feedback(2, 3, noun=pair).message.startswith("you counted 2 countries;")
    assert count_feedback(1, 3).message.startswith("you counted 1 item;")  # the default noun
    hinted = count_feedback(1, 5, noun="states", hints={1: "only Russia?"})
    assert hinted.message == "you counted 1 state; only Russia?"
    assert count_feedback(1_001, 5, noun="days").message.startswith("you counted 1,001 days;")


def test_pluralize():
    from csto_course.checks.core import pluralize

    assert [pluralize(n, "members") for n in (0, 1, 2, 1.5, -1)] == [
        "members",
        "member",
        "members",
        "members",
        "members",
    ]
    assert pluralize(1, "countries") == "country"
    assert pluralize(1, "casualties") == "casualty"
    assert pluralize(1, "classes") == "class"
    assert pluralize(1, "boxes") == "box"
    assert pluralize(1, "class") == "class"
    assert pluralize(1, "data") == "data"
    assert pluralize(1, ("series", "series")) == "series"
    assert pluralize(1.0, "days") == "day"
    assert pluralize(True, "days") == "day"  # True == 1 (bool is an int)
    assert pluralize("1", "days") == "days"  # not a number: the plural


def test_format_number():
    assert format_number(3920) == "3,920"
    assert format_number(0.123456) == "0.1235"
    assert format_number(2.50) == "2.5"
    assert format_number(1e-7) == "1 \u00d7 10^-7"
    assert format_number(float("inf")) == "inf"


def test_a_bare_unanswered_answer_shows_not_answered_yet_not_ellipsis():
    from IPython.core.interactiveshell import InteractiveShell

    from csto_course.checks import core

    shell = InteractiveShell.instance()
    core._ipython_show_ellipsis()
    data, _ = shell.display_formatter.format(...)
    assert "Ellipsis" not in data["text/plain"]
    assert data["text/plain"].startswith("\u2026 Not answered yet")
    assert "csto-feedback-not-answered" in data["text/html"]
    assert "Ellipsis" not in data["text/html"]


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (..., "replace `...`"),
        ("", "is an empty text ('')"),
        ("   ", "is an empty text ('   ')"),
        (None, "is None"),
        ("your answer here", "the placeholder text 'your answer here'"),
        ([..., ...], "each `...` in your list"),
    ],
)
def test_unanswered_names_what_was_given(value, words):
    @check
    def one(answer):
        return Feedback(True, "right.")

    fb = one(value)
    REGISTRY.pop(one.check_name)
    assert fb.ok is None and words in fb.message
    if value is not Ellipsis and not isinstance(value, list):
        assert "replace `...`" not in fb.message


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (1e308, "1 \u00d7 10^308"),
        (10**30, "1 \u00d7 10^30"),
        (-(10**30) - 7, "-1 \u00d7 10^30"),
        (123456789012345678, "1.23 \u00d7 10^17"),
        (2.5e-9, "2.5 \u00d7 10^-9"),
        (3920, "3,920"),
        (10**15 - 1, "999,999,999,999,999"),
    ],
)
def test_numbers_are_readable_at_any_size(value, shown):
    assert format_number(value) == shown
    assert show(value) == shown
    fb = number_feedback(value, 57.2)
    assert shown in fb.message and len(fb.message) < 200


def test_articles_and_plurals_in_messages():
    assert as_text(5)[1] == "your answer is 5 (an int); give text in quotes."
    _, problem = as_number([5])
    assert "the list [5]; take the value out" in problem and "len(" not in problem
    _, problem = as_number([5, 6])
    assert "a list of 2 values" in problem and "len(" not in problem
    _, problem = as_frame(pd.DataFrame({"ndays": [1]}), ["n_days"])
    assert "?." not in problem and problem.endswith("?")
    _, problem = as_frame({"a": [1]}, ["a"])
    assert "a dict, not a table" in problem
