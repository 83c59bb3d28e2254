"""Property tests: whatever a student types or clicks, feedback comes back, never a traceback.

Every check registered with ``@check`` in ``csto_course.checks.lesson1`` … ``lesson7`` (the
modules that exist) gets arbitrary input; every widget gets random control values and a
click. The checks' example answers (``@check(example=...)``) must be accepted.
"""

from __future__ import annotations

import datetime as dt
import importlib
import math
import pkgutil
import re
from xml.etree import ElementTree

import hypothesis.extra.numpy as hnp
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import csto_course.checks as checks_pkg
from csto_course import scoring
from csto_course.checks import (
    REGISTRY,
    Feedback,
    as_frame,
    as_int,
    as_list,
    as_number,
    as_text,
    count_feedback,
    number_feedback,
)
from csto_course.checks.core import pluralize
from csto_course.widgets import (
    ForecastScorer,
    MultipleChoice,
    RiskMatrix,
    StatementSorter,
    TimelineExplorer,
)

SETTINGS = settings(
    max_examples=50,
    deadline=None,
    database=None,  # write no .hypothesis/ directory into the repository
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

LESSON_MODULES = sorted(
    m.name for m in pkgutil.iter_modules(checks_pkg.__path__) if re.fullmatch(r"lesson\d+", m.name)
)
for _name in LESSON_MODULES:
    importlib.import_module(f"csto_course.checks.{_name}")
LESSON_CHECKS = sorted(k for k in REGISTRY if k.split(".")[0] in LESSON_MODULES)

# ----------------------------------------------------------------------------- strategies

#: Column names a student's table may (or may not) have: the contract's, and random ones.
KNOWN_COLUMNS = [
    "country", "population", "date", "category", "troops_low", "troops_high", "value",
    "measure", "kind", "statement_id", "share", "count", "place_id", "name", "outcome",
    "question_id", "series", "year", "lat", "lon", "description", "source_id", "n",
]  # fmt: skip

TRICKY_TEXT = [
    "<script>alert('x')</script>",
    '<b>bold</b> & "quotes"',
    "3,920",
    " 3920 ",
    "12%",
    "−5",
    "nan",
    "inf",
    "1e400",
    "...",
    "",
    "   ",
    "2022-01-06",
    "6 January 2022",
    "motive",
    "Russia",
    "True",
    "None",
    "`code`",
]

scalars = st.one_of(
    st.none(),
    st.just(...),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(TRICKY_TEXT),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)).map(
        pd.Timestamp
    ),
    st.just(pd.NA),
    st.just(pd.NaT),
    st.just(np.nan),
    st.sampled_from([np.int64(5), np.float32(0.25), np.bool_(True), np.str_("x")]),
    st.complex_numbers(allow_nan=True, allow_infinity=True),
)


@st.composite
def frames(draw: st.DrawFn) -> pd.DataFrame:
    columns = draw(
        st.lists(st.sampled_from(KNOWN_COLUMNS) | st.text(max_size=8), max_size=5, unique=True)
    )
    n = draw(st.integers(0, 5))
    plain = st.one_of(st.integers(-(10**6), 10**6), st.floats(), st.text(max_size=8), st.none())
    data = {c: draw(st.lists(plain, min_size=n, max_size=n)) for c in columns}
    return pd.DataFrame(data, columns=columns)


@st.composite
def series(draw: st.DrawFn) -> pd.Series:
    values = draw(st.lists(st.one_of(st.integers(-1000, 1000), st.floats(), st.text(max_size=6))))
    name = draw(st.none() | st.sampled_from(KNOWN_COLUMNS))
    return pd.Series(values, name=name, dtype=object if values else "float64")


arrays = hnp.arrays(
    dtype=st.sampled_from([np.float64, np.int64, np.bool_]),
    shape=hnp.array_shapes(min_dims=0, max_dims=2, min_side=0, max_side=4),
)

student_input = st.one_of(
    scalars,
    st.lists(scalars, max_size=5),
    st.tuples(scalars, scalars),
    st.sets(st.integers(-5, 5) | st.text(max_size=4), max_size=4),
    st.dictionaries(st.text(max_size=5), scalars, max_size=3),
    frames(),
    series(),
    arrays,
)

_ALLOWED_TAGS = re.compile(
    r"</?(div|strong|code|ul|ol|li|em|p|table|caption|thead|tbody|tr|th|td)\b[^>]*>"
)


def _assert_feedback(fb: object) -> None:
    assert isinstance(fb, Feedback), f"not Feedback: {fb!r}"
    assert fb.ok in (True, False, None)
    assert isinstance(fb.message, str) and fb.message.strip()
    assert fb.text.strip()
    html = fb._repr_html_()
    assert "<" not in _ALLOWED_TAGS.sub("", html), html


def _assert_escaped(html: str) -> None:
    """Only the tags the widgets write themselves appear in the HTML shown."""
    assert "<" not in _ALLOWED_TAGS.sub("", html), html


def _assert_chart(value: str, *, svg: bool = True) -> None:
    """A chart parses as XML (all data escaped); an SVG chart has role, title and desc."""
    root = ElementTree.fromstring(value)
    if not svg:
        assert root.find("table/caption") is not None
        return
    ns = "{http://www.w3.org/2000/svg}"
    chart = root.find(f"{ns}svg")
    assert chart is not None and chart.get("role") == "img"
    title, desc = list(chart)[:2]
    assert title.tag == f"{ns}title" and (title.text or "").strip()
    assert desc.tag == f"{ns}desc" and (desc.text or "").strip()
    assert chart.get("aria-labelledby") == title.get("id")
    assert chart.get("aria-describedby") == desc.get("id")


# ----------------------------------------------------------------------------- core


@SETTINGS
@given(value=student_input)
def test_coercions_never_raise(value):
    for coerce in (as_number, as_int, as_text, as_list):
        result, problem = coerce(value)
        assert (result is None) != (problem is None) or (problem is None)
        if problem is not None:
            assert isinstance(problem, str) and problem.strip()
            assert result is None
    result, problem = as_frame(value, ["country", "population"])
    assert problem is None or (result is None and problem.strip())


@SETTINGS
@given(value=student_input, expected=st.floats(-1e9, 1e9, allow_nan=False))
def test_number_and_count_feedback_never_raise(value, expected):
    _assert_feedback(number_feedback(value, expected))
    _assert_feedback(count_feedback(value, 5, noun="states", hints={6: "only five sent troops"}))


@SETTINGS
@given(message=st.text(min_size=1), ok=st.sampled_from([True, False, None]))
def test_feedback_html_escapes_any_message(message, ok):
    fb = Feedback(ok, message + " <script>x</script>")
    html = fb._repr_html_()
    assert "<script>" not in html
    _assert_escaped(html)
    assert fb.text.startswith(("✔", "✘", "…"))


# ----------------------------------------------------------------------------- lesson checks


def test_lesson_checks_are_found():
    if not LESSON_MODULES:
        pytest.skip("no csto_course.checks.lessonN modules yet")
    assert LESSON_CHECKS, f"{LESSON_MODULES} register no @check"


@pytest.mark.parametrize("name", LESSON_CHECKS or [pytest.param("none", marks=pytest.mark.skip(
    reason="no @check registered in csto_course.checks.lesson1..7 yet"))])  # fmt: skip
@SETTINGS
@given(data=st.data())
def test_every_check_accepts_anything(name, data):
    info = REGISTRY[name]
    n = max(1, len(info.parameters))
    args = [data.draw(student_input, label=p) for p in (info.parameters or ("answer",))[:n]]
    _assert_feedback(info.func(*args))
    # an unanswered check says so
    assert info.func(*([...] * n)).ok is None


PLACEHOLDER_INPUTS = [..., None, "", "...", "your answer here"]
JUNK_INPUTS = ["abc", 3.5, [1, 2], {"a": 1}, pd.DataFrame({"x": [1]}), np.nan, float("inf"), True]


@pytest.mark.parametrize("blank", PLACEHOLDER_INPUTS, ids=repr)
@pytest.mark.parametrize("name", LESSON_CHECKS)
def test_every_unanswered_check_says_so(name, blank):
    info = REGISTRY[name]
    fb = info.func(*([blank] * max(1, len(info.parameters))))
    assert fb.ok is None and "Not answered yet" in fb.text, fb.text


@pytest.mark.parametrize("junk", JUNK_INPUTS, ids=repr)
@pytest.mark.parametrize("name", LESSON_CHECKS)
def test_every_check_explains_junk_without_crashing(name, junk):
    """Junk is judged wrong with a message of the check's own, not the crash guard's."""
    info = REGISTRY[name]
    fb = info.func(*([junk] * max(1, len(info.parameters))))
    assert fb.ok is False and fb.message.strip()
    assert "something went wrong" not in fb.message, fb.message


WITH_EXAMPLES = [k for k in LESSON_CHECKS if REGISTRY[k].example]


@pytest.mark.parametrize("name", WITH_EXAMPLES or [
    pytest.param("none", marks=pytest.mark.skip(reason="no lesson check has an example yet"))
])  # fmt: skip
def test_check_examples_are_accepted(name):
    info = REGISTRY[name]
    answer = info.example()
    args = answer if len(info.parameters) > 1 else (answer,)
    fb = info.func(*args)
    assert fb.ok is True, fb.text


# ----------------------------------------------------------------------------- widgets

EVENTS = pd.DataFrame(
    {
        "event_id": ["E1", "E2", "E3", "E4"],
        "date": pd.to_datetime(["2022-01-02", "2022-01-04", "2022-01-05", "2022-01-07"]),
        "end_date": pd.to_datetime([None, "2022-01-06", None, None]),
        "place_id": ["p1", None, "p2", "p3"],
        "category": pd.Categorical(
            ["protest", "economy", "csto", "protest"],
            categories=["economy", "protest", "government", "security", "csto"],
        ),
        "description": ["<script>a</script>", "b & c", "c", "d"],
        "source_id": ["s"] * 4,
        "confidence": ["seen in source"] * 4,
    }
)
STATEMENTS = pd.DataFrame(
    {
        "statement_id": ["S01", "S02", "S03", "S04", "S05", "S06"],
        "order": range(1, 7),
        "kind": ["context", "motive", "consequence", "risk", "question", "motive"],
        "paraphrase": ["<b>one</b>", "two", "three", "four", "five", "six"],
        "explanation": ["<i>e1</i>", "e2", "e3", "e4", "e5", "e6"],
    }
)
FORECASTS = pd.DataFrame(
    {
        "question_id": ["Q1", "Q2", "Q3"],
        "question": ["<q>?", "b?", "c?"],
        "outcome": pd.array([True, False, None], dtype="boolean"),
        "outcome_note": ["<script>n</script>", "n2", None],
    }
)
RISKS = [
    {"risk_id": "R1", "label": "<b>one</b>", "outcome": "<script>o</script>"},
    {"risk_id": "R2", "label": "two"},
    {"risk_id": "R3", "label": "three", "outcome": None},
]

texts = st.one_of(st.text(min_size=1, max_size=30), st.sampled_from(TRICKY_TEXT)).filter(
    lambda s: s.strip()
)


@SETTINGS
@given(
    question=texts,
    options=st.lists(st.tuples(texts, st.booleans(), texts), min_size=2, max_size=5).filter(
        lambda o: any(ok for _, ok, _ in o)
    ),
    picks=st.lists(st.integers(0, 4), max_size=4),
)
def test_multiple_choice_any_clicks(question, options, picks):
    mc = MultipleChoice(question, options)
    mc.select(*[p for p in picks if p < len(options)])
    mc.button.click()
    _assert_feedback(mc.feedback)
    _assert_escaped(mc.feedback_html.value)
    assert (mc.feedback.ok is None) == (not mc.selected)


@settings(SETTINGS, max_examples=25)  # each example draws up to two figures
@given(
    bounds=st.tuples(st.integers(0, 5), st.integers(0, 5)),
    categories=st.sets(st.sampled_from(["economy", "protest", "csto"])),
)
def test_timeline_any_selection(bounds, categories):
    tl = TimelineExplorer(EVENTS)
    tl.dates.index = tuple(sorted(bounds))
    tl.category_filter.value = tuple(c for c in tl.category_filter.options if c in categories)
    assert tl.feedback is None, tl.feedback  # no error was shown
    assert tl.summary.strip()
    _assert_escaped(tl.table.value)
    _assert_escaped(tl.summary_html.value)
    if tl.figure_data is None:
        assert tl.selected.empty and "Nothing to show" in tl.summary
        assert tl.chart.value == ""
    else:
        assert int(tl.figure_data.to_numpy().sum()) >= len(tl.selected)
        _assert_chart(tl.chart.value)
        desc = ElementTree.fromstring(tl.chart.value)[0][1].text
        for day, total in tl.figure_data.sum(axis=1).items():
            assert f"{day.day} {day:%B}: {total}" in desc


@settings(SETTINGS, max_examples=25)
@given(
    categories=st.lists(texts, min_size=1, max_size=4),
    ids=st.lists(texts, min_size=3, max_size=3, unique=True),
)
def test_charts_escape_any_text(categories, ids):
    events = EVENTS.assign(category=[categories[i % len(categories)] for i in range(4)])
    tl = TimelineExplorer(events)
    _assert_chart(tl.chart.value)
    rm = RiskMatrix([{"risk_id": i, "label": i} for i in ids])
    rm.show_button.click()
    _assert_chart(rm.chart.value, svg=False)
    _assert_escaped(
        rm.chart.value.replace("<br/>", "").replace("<span", "<p").replace("</span>", "</p>")
    )
    fs = ForecastScorer(FORECASTS.assign(question_id=ids))
    fs.button.click()
    _assert_chart(fs.chart.value)


def _overlaps(date, end, day_from, day_to):
    """Whether an event from ``date`` to ``end`` (or ``date`` alone) meets [day_from, day_to]."""
    last = date if pd.isna(end) or end < date else end
    return not pd.isna(date) and date <= day_to and last >= day_from

_DAY0 = pd.Timestamp("2022-01-01")
event_rows = st.lists(
    st.tuples(
        st.one_of(st.none(), st.integers(0, 12)),  # start day (None: no date)
        st.one_of(st.none(), st.integers(-3, 6)),  # length (None: no end date)
        st.one_of(st.none(), st.sampled_from(["protest", "csto", "economy", "<b>"])),
    ),
    max_size=12,
)


def _events(rows, unit):
    return pd.DataFrame(
        {
            "date": pd.to_datetime(
                [None if d is None else _DAY0 + pd.Timedelta(days=d) for d, _, _ in rows]
            ).as_unit(unit),
            "end_date": pd.to_datetime(
                [
                    None if d is None or n is None else _DAY0 + pd.Timedelta(days=d + n)
                    for d, n, _ in rows
                ]
            ).as_unit("ns"),
            "category": pd.Series([c for _, _, c in rows], dtype=object),
        }
    )


@SETTINGS
@given(
    rows=event_rows,
    unit=st.sampled_from(["ns", "s"]),
    window=st.tuples(st.integers(-2, 14), st.integers(0, 8)),
    categories=st.one_of(st.none(), st.lists(st.sampled_from(["protest", "csto", "<b>", "x"]))),
    given_days=st.booleans(),
)
def test_timeline_functions_match_a_row_by_row_count(rows, unit, window, categories, given_days):
    """filter_events and events_per_day agree with a plain loop over the events."""
    events = _events(rows, unit)
    start = _DAY0 + pd.Timedelta(days=window[0])
    end = start + pd.Timedelta(days=window[1])
    triples = list(zip(events["date"], events["end_date"], events["category"], strict=True))
    wanted = [
        i
        for i, (date, last, cat) in enumerate(triples)
        if _overlaps(date, last, start, end)
        and (categories is None or (cat is not None and cat in categories))
    ]
    kept = scoring.filter_events(events, start, end, categories)
    assert sorted(kept.index) == wanted
    assert kept["date"].is_monotonic_increasing
    days = list(pd.date_range(start, end)) if given_days else None
    counts = scoring.events_per_day(events, days=days, categories=categories)
    assert list(counts.columns) == (
        sorted({c for _, _, c in triples if c is not None})
        if categories is None
        else list(categories)
    )
    if days is not None:
        assert list(counts.index) == days
    for day in counts.index:
        for column in counts.columns:
            expected = sum(
                cat == column and _overlaps(date, last, day, day) for date, last, cat in triples
            )
            assert counts.loc[day, column].sum() == expected * list(counts.columns).count(column)

@SETTINGS
@given(choices=st.lists(st.sampled_from(["\u2014", *scoring.KINDS]), min_size=6, max_size=6))
def test_sorter_any_answers(choices):
    sorter = StatementSorter(STATEMENTS)
    for dropdown, choice in zip(sorter.dropdowns.values(), choices, strict=True):
        dropdown.value = choice
    sorter.button.click()
    _assert_feedback(sorter.feedback)
    _assert_escaped(sorter.feedback_html.value)
    result = sorter.result
    assert result.total == 6
    assert len(result.unanswered) == choices.count("\u2014")


@settings(SETTINGS, max_examples=25)  # each example draws two figures
@given(levels=st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=3, max_size=3))
def test_risk_matrix_any_ratings(levels):
    rm = RiskMatrix(RISKS)
    for rid, (lk, im) in zip(["R1", "R2", "R3"], levels, strict=True):
        rm.likelihood[rid].value = lk
        rm.impact[rid].value = im
    rm.show_button.click()
    _assert_feedback(rm.feedback)
    _assert_escaped(rm.feedback_html.value)
    scores = list(rm.figure_data["score"])
    assert scores == sorted(scores, reverse=True)
    assert sorted(scores) == sorted(lk * im for lk, im in levels)
    _assert_chart(rm.chart.value, svg=False)
    cells = re.findall(r"<td [^>]*>(.*?)</td>", rm.chart.value)
    placed = sorted(rid for c in cells for rid in re.findall(r"<strong>(R\d)</strong>", c))
    assert placed == ["R1", "R2", "R3"]
    for rid, (lk, im) in zip(["R1", "R2", "R3"], levels, strict=True):
        assert f"<strong>{rid}</strong>" in cells[(5 - im) * 5 + lk - 1]
    rm.compare_button.click()
    _assert_feedback(rm.feedback)
    _assert_escaped(rm.feedback_html.value)


@settings(SETTINGS, max_examples=25)  # each example draws a figure
@given(ps=st.lists(st.floats(0, 1), min_size=3, max_size=3))
def test_forecast_any_probabilities(ps):
    fs = ForecastScorer(FORECASTS)
    for slider, p in zip(fs.sliders.values(), ps, strict=True):
        slider.value = p
    fs.button.click()
    _assert_feedback(fs.feedback)
    _assert_escaped(fs.feedback_html.value)
    assert len(fs.figure_data) == 2  # Q3 has no outcome
    score = scoring.brier_score(fs.figure_data)
    assert 0 <= score <= 1
    _assert_chart(fs.chart.value)
    desc = ElementTree.fromstring(fs.chart.value)[0][1].text
    assert "Q1:" in desc and "Q2:" in desc and "Q3" not in desc


@SETTINGS
@given(
    n=st.integers(-3, 1_000),
    noun=st.sampled_from(["members", "days", "consequence statements", ("country", "countries")]),
)
def test_count_feedback_agrees_in_number(n, noun):
    singular, plural = noun if isinstance(noun, tuple) else (noun[:-1], noun)
    said = count_feedback(n, 5, noun=noun).message
    if n == 5:
        assert said == f"5 {plural}."
    elif n == 1:
        assert said.startswith(f"you counted 1 {singular};")
    elif n >= 0:
        assert said.startswith(f"you counted {n:,} {plural};")
    assert pluralize(n, noun) == (singular if n == 1 else plural)


# ----------------------------------------------------------------------------- what was given

#: Raw Python that must never reach a student: ``Ellipsis``, "a int"-style articles, and a
#: number printed with dozens of digits (``1e308`` written out, ``10**30`` as a float).
_NOISE = re.compile(r"Ellipsis|\ba (int|ndarray|array|Index|object)\b|\d[\d,]{30,}")


def _mentions(message: str, *words: object) -> bool:
    low = message.lower()
    return any(str(w).lower() in low for w in words if str(w).strip())


def _names_the_answer(value: object, message: str) -> bool:
    """The message says what the student gave: its value, its kind, or one of its items."""
    from csto_course.checks.core import format_number, show

    if _mentions(message, show(value)[:20]):
        return True
    if value is None or value is ...:
        return _mentions(message, "None", "`...`")
    if isinstance(value, list | tuple | set | dict | pd.Series | pd.DataFrame) and not len(value):
        if _mentions(message, "empty", "no ", "nothing", "missing", "add up to 0"):
            return True
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return _names_the_answer(value.item(), message) or _mentions(message, "array")
    if isinstance(value, bool | np.bool_):
        return _mentions(message, value, "yes/no", "true/false")
    if isinstance(value, str):
        text = value.strip()
        return _mentions(message, "text", text, repr(text)[1:-1], show(text)[1:20])
    if isinstance(value, int | float | np.integer | np.floating):
        small = isinstance(value, float | np.floating) and math.isfinite(value)
        small = small or (isinstance(value, int | np.integer) and abs(int(value)) < 10**15)
        rounded = [format_number(round(value, 4)), format_number(round(value))] if small else []
        return _mentions(
            message, format_number(value), *rounded, "number", "nan", "infinite", "large"
        )
    if isinstance(value, complex):
        return _mentions(message, "complex", "number")
    if isinstance(value, pd.DataFrame):
        return _mentions(message, "table", "dataframe", "column", "row")
    if isinstance(value, pd.Series):
        items = [*list(value.index[:3]), *list(value[:3])]
        return _mentions(message, "series", *items, *map(repr, items))
    # an item is named as the package shows it (``show``: 10**30 reads "1 × 10^30")
    if isinstance(value, np.ndarray):
        items = value.ravel()[:3].tolist()
        return _mentions(message, "array", "number", *items, *(show(i)[:20] for i in items))
    if isinstance(value, dict):
        items = [*list(value)[:3], *list(value.values())[:3]]
        return _mentions(message, "dict", *items, *map(repr, items))
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=repr)[:3] if isinstance(value, set | frozenset) else value[:3]
        return _mentions(
            message, type(value).__name__, "list", *items, *map(repr, items),
            *(show(i)[:20] for i in items),
        )
    if isinstance(value, dt.date | pd.Timestamp):
        return _mentions(message, "date", "time", str(value)[:10])
    return _mentions(message, "missing", "value", show(value)[:20])


@pytest.mark.parametrize("name", LESSON_CHECKS)
@settings(SETTINGS, max_examples=30)
@given(value=student_input)
def test_every_check_names_what_was_given_without_python_noise(name, value):
    info = REGISTRY[name]
    fb = info.func(*([value] * max(1, len(info.parameters))))
    if "Ellipsis" not in repr(value):
        assert not _NOISE.search(fb.message), fb.message
    if fb.ok is not True:
        assert _names_the_answer(value, fb.message), (value, fb.message)


@pytest.mark.parametrize("name", LESSON_CHECKS)
@pytest.mark.parametrize(
    "value",
    [
        "57.2",
        "",
        None,
        1e308,
        10**30,
        [5],
        {"name": ["a"], "days": [4]},
        pd.Series([7, 4], index=[4, 5]),
    ],
    ids=["text 57.2", "empty", "None", "1e308", "10**30", "[5]", "dict", "Series 4, 5"],
)
def test_every_check_on_the_issue_cases(name, value):
    """The cases of issue 11, for every check: named, readable, never silently accepted text."""
    info = REGISTRY[name]
    fb = info.func(*([value] * max(1, len(info.parameters))))
    assert not _NOISE.search(fb.message), fb.message
    assert "len(...)" not in fb.message or isinstance(value, list | pd.Series)
    assert "1 values" not in fb.message and "a list of 1 values" not in fb.message
    assert "?." not in fb.message
    if value is None or (isinstance(value, str) and not value):
        assert fb.ok is None and "replace `...`" not in fb.message
        assert ("None" if value is None else "empty text") in fb.message
    elif isinstance(value, str) and fb.ok is True:
        assert "You gave it as text" in fb.message
    if isinstance(value, pd.Series):
        assert "numbered 0, 1" not in fb.message
