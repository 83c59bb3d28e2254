"""Drive every widget headlessly: set values, click, read feedback and figure data."""

from __future__ import annotations

import base64
import html
import math
import re
from html.parser import HTMLParser
from xml.etree import ElementTree

import ipywidgets as widgets
import pandas as pd
import pytest

from csto_course import scoring
from csto_course.feedback import Feedback
from csto_course.widgets import (
    ForecastScorer,
    MultipleChoice,
    RiskMatrix,
    StatementSorter,
    TimelineExplorer,
    still_copy,
)
from csto_course.widgets._common import iter_controls

CATEGORIES = ["economy", "protest", "government", "security", "csto", "casualties", "international"]


def _svg_parts(value: str) -> dict[str, str]:
    """The accessible parts of a chart: the svg's role, its title and its description."""
    match = re.search(
        r'<svg [^>]*role="img"[^>]*aria-labelledby="([\w-]+)" aria-describedby="([\w-]+)"[^>]*>'
        r'<title id="\1">([^<]+)</title><desc id="\2">([^<]+)</desc>',
        value,
    )
    assert match, f"no accessible svg (role, title, desc) in {value[:300]!r}"
    return {"title": html.unescape(match.group(3)), "desc": html.unescape(match.group(4))}


def _svg_texts(value: str) -> list[str]:
    """The visible text elements of a chart, unescaped."""
    return [html.unescape(t) for t in re.findall(r"<text [^>]*>([^<]*)</text>", value)]


def _assert_well_formed(value: str) -> None:
    """The chart parses as XML (so every text from the data was escaped)."""
    ElementTree.fromstring(value)


# ----------------------------------------------------------------------------- fixtures


@pytest.fixture
def events() -> pd.DataFrame:
    """A contract-shaped events table (invented rows; only the shape matters)."""
    return pd.DataFrame(
        {
            "event_id": ["E1", "E2", "E3", "E4", "E5"],
            "date": pd.to_datetime(
                ["2022-01-02", "2022-01-02", "2022-01-04", "2022-01-06", "2022-01-08"]
            ),
            "end_date": pd.to_datetime([None, "2022-01-04", None, "2022-01-09", None]),
            "place_id": ["p1", None, "p2", "p3", "p2"],
            "category": pd.Categorical(
                ["protest", "economy", "protest", "csto", "government"], categories=CATEGORIES
            ),
            "description": ["first <b>protest</b>", "prices", "second", "deploy", "decree"],
            "source_id": ["s"] * 5,
            "confidence": ["seen in source"] * 5,
        }
    )


@pytest.fixture
def places() -> pd.DataFrame:
    return pd.DataFrame({"place_id": ["p1", "p2", "p3"], "name": ["Town A", "City B", "Site C"]})


@pytest.fixture
def statements() -> pd.DataFrame:
    kinds = ["context", "context", "motive", "motive", "consequence", "risk", "risk", "question"]
    return pd.DataFrame(
        {
            "statement_id": [f"S{i:02d}" for i in range(1, 9)],
            "order": range(1, 9),
            "section": ["what happened"] * 8,
            "kind": pd.Categorical(kinds, categories=list(scoring.KINDS)),
            "theme": ["CSTO"] * 8,
            "claim_type": ["claim"] * 8,
            "paraphrase": [f"paraphrase {i} <i>" for i in range(1, 9)],
            "explanation": [f"because {i}" for i in range(1, 9)],
        }
    )


@pytest.fixture
def forecasts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "question_id": ["Q1", "Q2", "Q3"],
            "question": ["Will A?", "Will B?", "Will C?"],
            "outcome": [True, False, True],
            "outcome_note": ["A happened.", "B did not.", "C happened."],
            "source_id": ["s", "s", "s"],
        }
    )


RISKS = [
    {"risk_id": "R1", "label": "Drawn into a <power> struggle", "outcome": "Troops left."},
    {"risk_id": "R2", "label": "Opposition among Kazakhs", "outcome": "Protests <b>"},
    {"risk_id": "R3", "label": "China's view"},
]


def _assert_labelled(root: widgets.Widget) -> int:
    n = 0
    for control in iter_controls(root):
        n += 1
        assert str(control.description).strip(), f"{type(control).__name__} has no description"
        if isinstance(control, widgets.Button | widgets.Dropdown | widgets.IntSlider):
            assert str(control.tooltip or "").strip(), f"{control.description} has no tooltip"
        if hasattr(control, "description_allow_html"):
            assert control.description_allow_html is False
    return n


# ----------------------------------------------------------------------------- MultipleChoice


def test_multiple_choice_single(tmp_path):
    mc = MultipleChoice(
        "Which article? <script>",
        [("Article 2", False, "Consultation only."), ("Article 4", True, "Collective defence")],
    )
    assert mc.radio is not None and not mc.checkboxes
    assert mc.feedback is None
    mc.button.click()
    assert mc.feedback.ok is None
    assert mc.feedback.text == "… Not answered yet — pick an option, then press Check answer."
    mc.radio.value = 0
    mc.button.click()
    assert mc.feedback.ok is False
    assert mc.feedback.message == "Consultation only. Try another option."
    mc.select(1)
    fb = mc.check()
    assert fb == mc.feedback == Feedback(True, "Collective defence")
    assert "✔ Correct" in mc.feedback_html.value
    assert _assert_labelled(mc.widget) == 2
    bundle = mc._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].startswith("Question: Which article? <script>")


def test_multiple_choice_several_correct_uses_checkboxes():
    mc = MultipleChoice("Pick", [("A", True, "a ok"), ("B", True, "b ok"), ("C", False, "c no")])
    assert mc.radio is None and len(mc.checkboxes) == 3
    assert [c.description for c in mc.checkboxes] == ["A", "B", "C"]
    mc.select(0)
    assert mc.check().ok is False and "At least one more option is right." in mc.feedback.message
    mc.select(0, 2)
    assert "1 of the options you ticked is not right." in mc.check().message
    mc.checkboxes[2].value = False
    mc.checkboxes[1].value = True
    mc.button.click()
    assert mc.feedback.ok is True and "“A”: a ok." in mc.feedback.message
    assert _assert_labelled(mc.widget) == 4


@pytest.mark.parametrize(
    "options",
    [
        [("A", True, "x")],
        [("A", False, "x"), ("B", False, "y")],
        [("A", True, ""), ("B", False, "y")],
        [("A", True), ("B", False, "y")],
    ],
)
def test_multiple_choice_rejects_bad_options(options):
    with pytest.raises(ValueError):
        MultipleChoice("Q", options)


# ----------------------------------------------------------------------------- Timeline


def test_timeline_initial_view(events, places):
    tl = TimelineExplorer(events, places)
    assert tl.dates.value == (pd.Timestamp("2022-01-02"), pd.Timestamp("2022-01-09"))
    assert tl.category_filter.options == ("economy", "protest", "government", "csto")
    assert len(tl.selected) == 5
    data = tl.figure_data
    assert list(data.columns) == ["economy", "protest", "government", "csto"]
    assert len(data) == 8  # every day from 2 to 9 January
    assert data.loc["2022-01-02"].to_dict() == {
        "economy": 1,
        "protest": 1,
        "government": 0,
        "csto": 0,
    }
    assert data["csto"].sum() == 4  # under way 6-9 January
    assert data["economy"].sum() == 3  # 2-4 January
    assert "5 events from 2 January 2022 to 9 January 2022" in tl.summary
    assert "Town A" in tl.table.value and "first &lt;b&gt;protest&lt;/b&gt;" in tl.table.value
    assert "<b>protest" not in tl.table.value
    assert tl.feedback is None
    assert _assert_labelled(tl.widget) == 2
    # the chart: inline SVG with a title, a description giving every number, and the numbers
    assert isinstance(tl.chart, widgets.HTML)
    assert tl.chart in tl.widget.children
    value = tl.chart.value
    _assert_well_formed(value)
    parts = _svg_parts(value)
    assert parts["title"] == (
        "Events under way per day from 2 January 2022 to 9 January 2022, by category"
    )
    desc = parts["desc"]
    assert "2 January: 2 (economy 1, protest 1)" in desc
    assert "5 January: 0" in desc
    assert "6 January: 1 (csto 1)" in desc
    assert "economy 3, protest 2, government 1, csto 4" in desc  # summed over the days
    texts = _svg_texts(value)
    for category in ("economy", "protest", "government", "csto"):
        assert category in texts  # the legend names every category (not colour alone)
    totals = data.sum(axis=1).tolist()
    assert totals == [2, 1, 2, 0, 1, 1, 2, 1]
    # every day's number and total is written: segments (1s) and totals (0, 1 and 2)
    assert texts.count("2") >= totals.count(2) and texts.count("0") >= 1
    for day in range(2, 10):
        assert str(day) in texts
    assert "Jan 2022" in texts
    assert "url(#csto-timeline-" in value and "<pattern " in value  # patterns, not colour only
    assert value == TimelineExplorer(events, places).chart.value  # deterministic


def test_timeline_filters(events):
    tl = TimelineExplorer(events)
    tl.dates.value = (pd.Timestamp("2022-01-03"), pd.Timestamp("2022-01-04"))
    # E2 (2-4 January) overlaps, E3 (4 January) starts inside
    assert list(tl.selected["event_id"]) == ["E2", "E3"]
    assert list(tl.figure_data.index) == list(pd.date_range("2022-01-03", "2022-01-04"))
    assert tl.figure_data.to_dict("list") == {"economy": [1, 1], "protest": [0, 1]}
    assert "p2" in tl.table.value  # no places table: the place_id is shown
    desc = _svg_parts(tl.chart.value)["desc"]
    assert "3 January: 1 (economy 1); 4 January: 2 (economy 1, protest 1)" in desc
    tl.category_filter.value = ("protest",)
    assert list(tl.selected["event_id"]) == ["E3"]
    assert tl.summary == "1 event from 3 January 2022 to 4 January 2022: protest 1."
    parts = _svg_parts(tl.chart.value)
    assert "3 January: 0; 4 January: 1." in parts["desc"] and "protest 1" in parts["desc"]
    tl.dates.value = (pd.Timestamp("2022-01-04"), pd.Timestamp("2022-01-04"))
    assert _svg_parts(tl.chart.value)["title"] == (
        "Events under way per day on 4 January 2022, by category"
    )


def test_timeline_chart_escapes_data():
    events = pd.DataFrame(
        {
            "date": pd.to_datetime(["2022-01-02", "2022-01-03"]),
            "category": ["<b>riot</b> & co", 'say "hi"'],
            "description": ["a", "b"],
        }
    )
    tl = TimelineExplorer(events)
    value = tl.chart.value
    _assert_well_formed(value)
    assert "<b>" not in value and "&lt;b&gt;riot&lt;/b&gt; &amp; co" in value
    assert "<b>riot</b> & co" in _svg_texts(value)
    assert "<b>riot</b> & co 1" in _svg_parts(value)["desc"]


def test_timeline_empty_selection_says_so(events):
    tl = TimelineExplorer(events)
    tl.category_filter.value = ()
    assert tl.figure_data is None
    assert tl.chart.value == ""
    assert "Nothing to show" in tl.summary and "no category is selected" in tl.summary
    tl.category_filter.value = ("csto",)
    tl.dates.value = (pd.Timestamp("2022-01-02"), pd.Timestamp("2022-01-03"))
    assert tl.figure_data is None and "no event in these categories" in tl.summary
    assert tl.table.value == ""


def test_timeline_needs_columns(events):
    with pytest.raises(ValueError):
        TimelineExplorer(events.drop(columns=["category"]))


# ----------------------------------------------------------------------------- StatementSorter


def test_sorter_all_statements_shuffled_deterministically(statements):
    a = StatementSorter(statements)
    b = StatementSorter(statements)
    assert list(a.dropdowns) == list(b.dropdowns)
    assert sorted(a.dropdowns) == list(statements["statement_id"])
    assert list(a.dropdowns) != list(statements["statement_id"])  # shuffled
    assert list(StatementSorter(statements, shuffle=False).dropdowns) == list(
        statements["statement_id"]
    )
    assert _assert_labelled(a.widget) == 10  # 8 drop-downs, Check, Show the answers


def test_sorter_n_covers_every_kind(statements):
    s = StatementSorter(statements, n=5)
    kinds = set(statements.set_index("statement_id").loc[list(s.dropdowns), "kind"])
    assert kinds == set(scoring.KINDS)
    chosen = StatementSorter(statements, statement_ids=["S03", "S01"], shuffle=False)
    assert list(chosen.dropdowns) == ["S03", "S01"]
    with pytest.raises(ValueError):
        StatementSorter(statements, statement_ids=["S99"])


def test_sorter_feedback_hint_first_then_the_answer(statements):
    s = StatementSorter(statements, shuffle=False)
    s.button.click()
    assert s.feedback.ok is None
    truth = dict(zip(statements["statement_id"], statements["kind"].astype(str), strict=True))
    for sid in ["S01", "S02", "S03", "S04", "S05"]:
        s.dropdowns[sid].value = truth[sid]
    s.dropdowns["S06"].value = "motive"  # a risk
    s.button.click()
    assert s.feedback.ok is False
    assert s.feedback.message.startswith(
        "5 of 8 sorted right; 2 not answered yet; 1 to look at again (see below). Choose again"
    )
    html = s.feedback_html.value
    # first miss: a hint about the kind chosen (motive), not the answer nor its explanation
    assert "you chose <em>motive</em>. Not quite: a motive is a reason why Russia acted" in html
    assert "<em>risk</em>" not in html and "because 6" not in html
    assert "paraphrase 6 &lt;i&gt;" in html
    assert s.result.wrong == (("S06", "motive", "risk"),)
    # a second miss on the same statement (another wrong kind): now the answer and why
    s.dropdowns["S06"].value = "context"
    s.button.click()
    html = s.feedback_html.value
    assert "you chose <em>context</em>; it is a <em>risk</em>. because 6" in html
    for sid, kind in truth.items():
        s.dropdowns[sid].value = kind
    assert s.check() == Feedback(True, "8 of 8 sorted right. Well done.")


def test_sorter_show_the_answers_button(statements):
    s = StatementSorter(statements, shuffle=False)
    s.dropdowns["S06"].value = "motive"
    s.reveal_button.click()
    html = s.feedback_html.value
    assert "you chose <em>motive</em>; it is a <em>risk</em>. because 6" in html
    assert "<strong>S01</strong>" in html and "not answered; it is" in html
    assert s.feedback.ok is False


def test_sorter_keeps_the_answers_out_of_sight():
    # without a table the sorter loads the course's statements itself; what it shows and
    # holds as .statements has no answer column, and a table without one is accepted
    from csto_course import data

    full = data.load("statements")
    s = StatementSorter(statement_ids=["S20", "S21"], shuffle=False)
    assert list(s.statements.columns) == ["statement_id", "paraphrase"]
    view = full[["statement_id", "paraphrase"]]
    t = StatementSorter(view, statement_ids=["S20", "S21"], shuffle=False)
    key = full.set_index("statement_id")["kind"]
    for sorter in (s, t):
        for sid, dropdown in sorter.dropdowns.items():
            dropdown.value = key[sid]
        assert sorter.check().ok is True
        assert "kind" not in repr(sorter) and "explanation" not in sorter._plain_text()


# ----------------------------------------------------------------------------- RiskMatrix


@pytest.fixture(autouse=True)
def _fresh_risk_ratings():
    """Each test starts with no ratings kept from another (the kept state is per kernel)."""
    from csto_course.widgets import risk_matrix

    risk_matrix._SAVED.clear()
    yield
    risk_matrix._SAVED.clear()


def test_risk_matrix_compare_asks_for_ratings_first():
    rm = RiskMatrix(RISKS)
    fb = rm.compare()
    assert fb.ok is None and "\u2714" not in fb.text
    assert "Not answered yet" in fb.text and "still at its starting rating" in fb.message
    assert "What happened" not in rm.feedback_html.value
    rm.likelihood["R1"].value = 2
    fb = rm.compare()
    assert fb.ok is None and "press Show matrix first" in fb.message
    rm.show_button.click()
    rm.compare_button.click()
    assert rm.feedback.label == "What happened"
    assert "you rated it 2 \u00d7 3 = 6" in rm.feedback_html.value


def test_risk_matrix_keeps_ratings_when_its_cell_runs_again():
    first = RiskMatrix(RISKS)
    first.likelihood["R2"].value = 5
    first.impact["R3"].value = 1
    first.show_button.click()
    again = RiskMatrix(RISKS)  # the cell run again
    assert again.likelihood["R2"].value == 5 and again.impact["R3"].value == 1
    assert again.likelihood["R1"].value == 3  # never moved: the start value
    assert again.compare().label == "What happened"  # rated and shown before the re-run
    marked = RiskMatrix([{**r, "status": f"mark <{i}>"} for i, r in enumerate(RISKS)], key="m")
    marked.likelihood["R1"].value = 1
    marked.show_matrix()
    marked.compare()
    assert "The course marks it <em>mark &lt;0&gt;</em>." in marked.feedback_html.value
    other = RiskMatrix(RISKS, key="another matrix")
    assert other.likelihood["R2"].value == 3



def test_risk_matrix_show_and_compare():
    rm = RiskMatrix(RISKS)
    assert rm.figure_data is None
    assert _assert_labelled(rm.widget) == 8
    rm.likelihood["R1"].value = 4
    rm.impact["R1"].value = 5
    rm.likelihood["R3"].value = 1
    rm.show_button.click()
    data = rm.figure_data
    assert list(data["risk_id"]) == ["R1", "R2", "R3"]
    assert list(data["score"]) == [20, 9, 3]
    assert list(data["band"]) == ["very high", "medium", "low"]
    assert rm.feedback.ok is True
    assert rm.feedback.text.startswith("✔ Your matrix — you rated “Drawn into a <power> struggle”")
    assert "4 × 5 = 20, very high" in rm.feedback.message
    html = rm.feedback_html.value
    assert "&lt;power&gt;" in html and "<power>" not in html
    assert html.index("R1.") < html.index("R2.") < html.index("R3.")
    assert rm.chart in rm.widget.children
    table = rm.chart.value
    _assert_well_formed(table)
    assert "<table class='csto-risk-matrix'" in table and "<caption" in table
    headers = re.findall(r"<th scope='(col|row)'[^>]*>(.*?)</th>", table)
    cols = [re.sub(r"<[^>]+>", " ", t).split() for scope, t in headers if scope == "col"]
    rows = [re.sub(r"<[^>]+>", " ", t).split() for scope, t in headers if scope == "row"]
    assert cols[1:] == [
        ["1", "very", "unlikely"],
        ["2", "unlikely"],
        ["3", "possible"],
        ["4", "likely"],
        ["5", "almost", "certain"],
    ]
    assert [r[0] for r in rows] == ["5", "4", "3", "2", "1"]  # impact 5 at the top
    cells = re.findall(r"<td [^>]*>(.*?)</td>", table)
    assert len(cells) == 25
    # row impact 5 (first), column likelihood 4: score 20, very high, R1 placed there
    text = [re.sub(r"<[^>]+>", " ", c).split() for c in cells]
    assert text[3] == ["20", "very", "high", "R1"]
    assert text[2 * 5 + 2] == ["9", "medium", "R2"]  # impact 3, likelihood 3 (the default)
    assert text[2 * 5 + 0] == ["3", "low", "R3"]  # impact 3, likelihood 1
    assert text[4 * 5 + 0] == ["1", "low"]  # impact 1, likelihood 1: empty
    assert sorted(int(t[0]) for t in text) == sorted(
        lk * im for lk in range(1, 6) for im in range(1, 6)
    )
    rm.compare_button.click()
    assert rm.feedback.label == "What happened"
    html = rm.feedback_html.value
    assert "What happened: Troops left." in html
    assert "What happened: Protests &lt;b&gt;" in html
    assert "What happened: no outcome recorded" in html


def test_risk_matrix_ties_and_dataframe_input():
    rm = RiskMatrix(pd.DataFrame(RISKS).drop(columns=["outcome"]))
    rm.impact["R1"].value = 3  # unchanged value: not a rating yet
    fb = rm.show_matrix()
    assert "(tied with 2 others)" in fb.message
    assert list(rm.figure_data["risk_id"]) == ["R1", "R2", "R3"]  # stable ties
    fb = rm.compare()
    assert fb.ok is None and fb.label == "Nothing to compare"


def test_risk_matrix_rejects_bad_input():
    with pytest.raises(ValueError):
        RiskMatrix([{"risk_id": "R1"}])
    with pytest.raises(ValueError):
        RiskMatrix([{"risk_id": "R1", "label": "a"}, {"risk_id": "R1", "label": "b"}])


# ----------------------------------------------------------------------------- ForecastScorer


def test_forecast_scorer(forecasts):
    fs = ForecastScorer(forecasts)
    assert _assert_labelled(fs.widget) == 4
    assert all(s.step == 0.05 and s.min == 0 and s.max == 1 for s in fs.sliders.values())
    assert "happened" not in fs.feedback_html.value  # outcomes hidden before scoring
    fs.sliders["Q1"].value = 0.8
    fs.sliders["Q2"].value = 0.3
    fs.sliders["Q3"].value = 1.0
    fs.button.click()
    assert fs.figure_data == [(0.8, True), (0.3, False), (1.0, True)]
    expected = ((0.2**2) + (0.3**2) + 0) / 3
    assert math.isclose(scoring.brier_score(fs.figure_data), expected)
    assert fs.feedback.ok is True and fs.feedback.label == "Scored"
    assert "your Brier score is 0.043 over 3 questions" in fs.feedback.message
    assert "better than always saying 0.5" in fs.feedback.message
    html = fs.feedback_html.value
    assert "Q2</strong>: you said 0.30; it did not happen (squared error 0.09). B did not." in html
    assert fs.chart in fs.widget.children
    value = fs.chart.value
    _assert_well_formed(value)
    parts = _svg_parts(value)
    assert parts["title"] == "Your squared error per question; Brier score (their mean) 0.043"
    assert "Q1: you said 0.80, it happened, squared error 0.04" in parts["desc"]
    assert "Q2: you said 0.30, it did not happen, squared error 0.09" in parts["desc"]
    assert "Q3: you said 1.00, it happened, squared error 0" in parts["desc"]
    assert "0.25, the error of always saying 0.5" in parts["desc"]
    texts = _svg_texts(value)
    assert {"0.04", "0.09", "0", "Q1 (happened)", "Q2 (did not happen)"} <= set(texts)
    assert "always saying 0.5 scores 0.25" in texts
    assert 'stroke-dasharray="5 3"' in value  # the baseline is dashed and labelled


def test_forecast_scorer_baseline_and_worse(forecasts):
    fs = ForecastScorer(forecasts)
    assert "the same as always saying 0.5" in fs.score().message
    for s in fs.sliders.values():
        s.value = 0.0
    fb = fs.score()
    assert "worse than always saying 0.5" in fb.message
    assert "0.667" in fb.message


def test_forecast_scorer_unresolved_outcomes(forecasts):
    forecasts["outcome"] = pd.array([True, None, None], dtype="boolean")
    fs = ForecastScorer(forecasts)
    fs.button.click()
    assert fs.figure_data == [(0.5, True)]
    assert "over 1 question:" in fs.feedback.message
    assert "no outcome is recorded" in fs.feedback_html.value
    forecasts["outcome"] = pd.array([None, None, None], dtype="boolean")
    fs = ForecastScorer(forecasts)
    assert fs.score().ok is None and fs.chart.value == ""


# ----------------------------------------------------------------------------- display


#: Every widget class, built from the fixtures (events, statements, forecasts).
MAKERS = [
    lambda ev, st, fc: TimelineExplorer(ev),
    lambda ev, st, fc: StatementSorter(st),
    lambda ev, st, fc: RiskMatrix(RISKS),
    lambda ev, st, fc: ForecastScorer(fc),
    lambda ev, st, fc: MultipleChoice("Q", [("a", True, "x"), ("b", False, "y")]),
    lambda ev, st, fc: MultipleChoice("Q", [("a", True, "x"), ("b", True, "y"), ("c", False, "z")]),
]


@pytest.mark.parametrize("make", MAKERS)
def test_widgets_display_themselves(make, events, statements, forecasts):
    w = make(events, statements, forecasts)
    bundle = w._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == w.widget.model_id
    assert bundle["text/plain"] == repr(w)
    assert "0x" not in bundle["text/plain"]  # deterministic: no memory addresses
    assert bundle["text/html"] == w.snapshot_html()


class _Controls(HTMLParser):
    """The form controls of a still copy, with whether each is disabled and labelled."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[tuple[str, dict[str, str | None]]] = []
        self.open_labels = 0
        self.labelled: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "label":
            self.open_labels += 1
        if tag in ("input", "select", "button"):
            self.controls.append((tag, dict(attrs)))
            self.labelled.append(self.open_labels > 0 or tag == "button")

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.open_labels -= 1


@pytest.mark.parametrize("make", MAKERS)
def test_still_copy_shows_every_control_disabled_and_labelled(make, events, statements, forecasts):
    w = make(events, statements, forecasts)
    copy = w.snapshot_html()
    assert still_copy.NOTE in html.unescape(copy)
    assert still_copy.UNSUPPORTED not in copy, "a widget type the still copy cannot draw"
    assert copy == make(events, statements, forecasts).snapshot_html(), "not deterministic"
    assert "model_id" not in copy and "0x" not in copy
    parser = _Controls()
    parser.feed(copy)
    live = list(iter_controls(w.widget))
    drawn = [c for c in live if not isinstance(c, widgets.SelectionRangeSlider)]
    n_radio_options = sum(len(c.options) - 1 for c in live if isinstance(c, widgets.RadioButtons))
    assert len(parser.controls) == len(drawn) + n_radio_options
    for (tag, attrs), labelled in zip(parser.controls, parser.labelled, strict=True):
        assert "disabled" in attrs, f"an enabled <{tag}> in the still copy"
        assert labelled or attrs.get("aria-label"), f"<{tag} {attrs}> has no label"


def test_still_copy_follows_the_widget_state_and_escapes_text(events):
    mc = MultipleChoice("Is <b>this</b> escaped?", [("a <i>", True, "x & y"), ("b", False, "z")])
    assert "<b>this</b>" not in mc.snapshot_html() and "&lt;b&gt;this" in mc.snapshot_html()
    assert "checked" not in mc.snapshot_html()
    mc.select(1)
    assert mc.snapshot_html().count(" checked") == 1
    answers = mc.snapshot_html().split("<details", 1)[1]
    assert "<strong>Right:</strong> a &lt;i&gt; \u2014 x &amp; y" in answers
    assert "<strong>Not right:</strong> b \u2014 z" in answers
    tl = TimelineExplorer(events)
    tl.dates.value = (tl.days[1], tl.days[2])
    assert f"Dates: {tl.dates.label[0]} to {tl.dates.label[1]}" in tl.snapshot_html()
    copy = tl.snapshot_html()
    assert "<svg" not in copy, "an inline chart: JupyterLab strips it from untrusted output"
    images = re.findall(r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)"', copy)
    assert len(images) == 1
    svg = base64.b64decode(images[0][0]).decode("utf-8")
    assert svg in tl.chart.value  # the same chart, drawn from the same SVG
    parts = _svg_parts(tl.chart.value)
    assert html.unescape(images[0][1]) == f"{parts['title']}. {parts['desc']}"
    tl.chart.layout.display = "none"
    assert "<img" not in tl.snapshot_html()


def test_still_copy_marks_a_widget_it_cannot_draw():
    copy = still_copy.render(widgets.VBox([widgets.ColorPicker(description="Colour")]))
    assert still_copy.UNSUPPORTED in copy and "ColorPicker" in copy


# ----------------------------------------------------------------------------- real dataset


@pytest.fixture
def dataset():
    try:
        from csto_course import data

        tables = {name: data.load(name) for name in ("events", "statements", "forecasts")}
    except Exception as exc:  # noqa: BLE001 - any failure means "not available yet"
        pytest.skip(f"the dataset does not load yet (csto_course.data): {exc!r}")
    try:
        tables["places"] = data.load("places")
    except Exception:  # noqa: BLE001
        tables["places"] = None
    return tables


def test_widgets_on_real_dataset(dataset):
    tl = TimelineExplorer(dataset["events"], dataset["places"])
    assert len(tl.selected) == len(dataset["events"].dropna(subset=["date"]))
    assert int(tl.figure_data.to_numpy().sum()) >= len(tl.selected)
    desc = _svg_parts(tl.chart.value)["desc"]
    for day, total in tl.figure_data.sum(axis=1).items():
        assert f"{day.day} {day:%B}: {total}" in desc  # every day's number, in words
    tl.dates.value = (tl.days[0], tl.days[0])
    assert tl.figure_data is not None and len(tl.figure_data) == 1
    _assert_well_formed(tl.chart.value)

    st = dataset["statements"]
    sorter = StatementSorter(st, n=5)
    assert len(sorter.dropdowns) == 5
    truth = st.set_index("statement_id")["kind"].astype(str)
    for sid, dropdown in sorter.dropdowns.items():
        dropdown.value = truth[sid]
    sorter.button.click()
    assert sorter.feedback.ok is True
    assert st["explanation"].astype(str).str.strip().ne("").all()

    risks = st.loc[st["kind"] == "risk", ["statement_id", "paraphrase"]].rename(
        columns={"statement_id": "risk_id", "paraphrase": "label"}
    )
    if len(risks):
        rm = RiskMatrix(risks)
        rm.show_button.click()
        assert len(rm.figure_data) == len(risks)
        _assert_well_formed(rm.chart.value)
        placed = re.findall(r"<strong>(S\d+)</strong>", rm.chart.value)
        assert sorted(placed) == sorted(risks["risk_id"])

    fs = ForecastScorer(dataset["forecasts"])
    fs.button.click()
    assert fs.feedback is not None and fs.feedback.message
    if fs.figure_data:
        assert "Brier score" in fs.feedback.message
        assert "Brier score" in _svg_parts(fs.chart.value)["title"]
