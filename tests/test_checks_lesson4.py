"""The checks of the Lesson 4 exercise: right answers pass, likely mistakes get their message."""

from __future__ import annotations

import pandas as pd
import pytest

from csto_course import data
from csto_course.checks import lesson4


def test_expected_values_come_from_the_dataset():
    assert set(lesson4.expected_outside_states()["name"]) == {"China", "Turkey"}
    assert lesson4.expected_russian_share() == pytest.approx(100 * 3000 / 3920)
    assert lesson4.expected_consequence_counts() == (11, 6)


# ----------------------------------------------------------------------------- Task 1


def _tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    return data.load("actors"), data.load("members")


def test_outside_states_right_in_several_forms():
    actors, members = _tables()
    right = actors[(actors["actor_type"] == "state") & ~actors["country"].isin(members["country"])]
    assert lesson4.check_outside_states(right).ok is True
    assert lesson4.check_outside_states(right[["name"]]).ok is True
    assert lesson4.check_outside_states(right[["actor_id"]]).ok is True
    assert lesson4.check_outside_states(right["name"]).ok is True
    assert lesson4.check_outside_states(["Turkey", "china"]).ok is True


def test_outside_states_rows_without_country():
    actors, members = _tables()
    fb = lesson4.check_outside_states(actors[~actors["country"].isin(members["country"])])
    assert fb.ok is False
    assert "no country" in fb.message and "actor_type == 'state'" in fb.message


def test_outside_states_persons_kept():
    actors, members = _tables()
    wrong = actors[actors["country"].notna() & ~actors["country"].isin(members["country"])]
    fb = lesson4.check_outside_states(wrong)
    assert fb.ok is False and "not states" in fb.message and "Xi Jinping" in fb.message


def test_outside_states_members_kept_or_one_missing():
    actors, _ = _tables()
    fb = lesson4.check_outside_states(actors[actors["actor_type"] == "state"])
    assert fb.ok is False and "CSTO members" in fb.message
    fb = lesson4.check_outside_states(["China"])
    assert fb.ok is False and "missing Turkey" in fb.message


def test_outside_states_bad_shapes():
    actors, _ = _tables()
    assert "`name`" in lesson4.check_outside_states(actors[["stance"]]).message
    assert "not an actor" in lesson4.check_outside_states(["Atlantis"]).message
    assert lesson4.check_outside_states([]).ok is False
    assert lesson4.check_outside_states("China").ok is False


# ----------------------------------------------------------------------------- Task 2


@pytest.mark.parametrize("answer", [76.5, 76.53, "76.5", "76.5 %"])
def test_russian_share_right(answer):
    fb = lesson4.check_russian_share(answer)
    assert fb.ok is True, fb.text
    assert "three in four" in fb.message


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (0.765, "share (0 to 1)"),
        (75.9, "official national"),
        (120, "official total"),
        (150, "official total"),
        (27.0, "every row"),  # 3,000 of the 11,120 troops in every row of the table
        (23.5, "OTHER contingents"),
        (77, "close"),
        ("lots", "not a number"),
    ],
)
def test_russian_share_mistakes(answer, words):
    fb = lesson4.check_russian_share(answer)
    assert fb.ok is False
    assert words in fb.message, fb.message


def test_russian_share_with_official_national_added():
    c = data.load("contingents")
    reported = c[c["figure_kind"] == "reported in commentary"]["troops_low"].sum()
    national = c[c["figure_kind"] == "official national"]["troops_low"].dropna().sum()
    fb = lesson4.check_russian_share(100 * 3000 / (reported + national))
    assert fb.ok is False and "official national" in fb.message


# ----------------------------------------------------------------------------- Task 3


def test_consequence_count_right():
    fb = lesson4.check_consequence_count(11, 6)
    assert fb.ok is True and "section" in fb.message
    assert lesson4.check_consequence_count("11", 6.0).ok is True


@pytest.mark.parametrize(
    ("total", "outside", "words"),
    [
        (5, 6, "only the consequences found in the consequences section"),
        (7, 6, "context included"),
        (54, 6, "every statement"),
        (11, 5, "INSIDE"),
        (11, 47, "of any kind"),
        (11, 2, "too few"),
        (12, 6, "too many"),
    ],
)
def test_consequence_count_mistakes(total, outside, words):
    fb = lesson4.check_consequence_count(total, outside)
    assert fb.ok is False
    assert words in fb.message, fb.message


def test_consequence_count_one_unanswered_or_a_table():
    fb = lesson4.check_consequence_count(11, ...)
    assert fb.ok is None and "`outside`" in fb.message
    st = data.load("statements")
    fb = lesson4.check_consequence_count(st[st["kind"] == "consequence"], 6)
    assert fb.ok is False and "len(" in fb.message
