"""The figures of Lessons 5 and 6: gas, risks, forecasts, aftermath."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from csto_course import data, scoring  # noqa: E402
from csto_course.figures import aftermath, forecasts, gas, risks  # noqa: E402
from csto_course.widgets import RiskMatrix  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _items() -> pd.DataFrame:
    return pd.concat([data.load("background"), data.load("events"), data.load("aftermath")])


# ----------------------------------------------------------------------------- gas


def test_gas_parts_add_up_to_the_imports():
    ind = data.load("indicators")
    parts = gas.gas_shares(ind)
    v = gas.gas_volumes(ind)
    assert parts["bcf_per_day"].sum() == pytest.approx(v["imports"])
    assert parts["share_of_imports"].sum() == pytest.approx(100, abs=0.2)
    assert list(parts["bcf_per_day"]) == sorted(parts["bcf_per_day"], reverse=True)
    produced = parts.loc[parts["produced_in_kazakhstan"], "share_of_imports"].sum()
    crossing = parts.loc[parts["crosses_kazakhstan"], "share_of_imports"].sum()
    assert produced == pytest.approx(3.7)
    assert crossing == pytest.approx(26.5, abs=0.15)  # sum of rounded parts
    # every part produced in Kazakhstan also crosses it
    assert (parts["crosses_kazakhstan"] | ~parts["produced_in_kazakhstan"]).all()


def test_gas_volumes_need_each_measure_once():
    ind = data.load("indicators")
    with pytest.raises(ValueError, match="expected one indicator"):
        gas.gas_volumes(ind, year=1999)
    doubled = pd.concat([ind, ind[ind["measure"] == "LNG imports"]])
    with pytest.raises(ValueError, match="found 2"):
        gas.gas_volumes(doubled)


def test_gas_figure():
    fig = gas.plot_gas_shares(data.load("indicators"))
    assert isinstance(fig, Figure)
    left, right = fig.axes
    assert "China" in left.get_title()
    assert len(right.patches) == 2
    heights = sorted(p.get_height() for p in right.patches)
    assert heights == pytest.approx([100 * 0.6 / 16.2, 100 * 4.3 / 16.2])
    assert any(line.get_ydata()[0] == gas.COMMENTARY_SHARE for line in right.lines)


# ----------------------------------------------------------------------------- risks


def test_every_named_risk_has_a_note():
    table = risks.risk_table(data.load("statements"))
    st = data.load("statements")
    assert len(table) == int((st["kind"] == "risk").sum()) > 0
    assert (table["status"] != "").all()
    assert (table["outcome"] != "").all()
    assert set(table["status"]) <= set(risks.STATUS_STYLE)
    assert table["risk_id"].is_unique


def test_each_note_matches_exactly_one_risk():
    st = data.load("statements")
    paraphrases = st.loc[st["kind"] == "risk", "paraphrase"].astype(str)
    for note in risks.RISK_NOTES:
        assert sum(str(note["match"]) in p for p in paraphrases) == 1, note["match"]


def test_risk_table_fits_the_risk_matrix_widget():
    table = risks.risk_table(data.load("statements"))
    matrix = RiskMatrix(table[["risk_id", "label", "outcome"]])
    assert set(matrix.likelihood) == set(table["risk_id"])
    first = next(iter(matrix.likelihood))
    matrix.likelihood[first].value = 4
    matrix.show_matrix()
    assert matrix.compare().ok is True


def test_risk_evidence_is_found_and_split_at_the_commentary():
    ev = risks.risk_evidence(data.load("statements"), _items())
    note_days = sum(len(n["evidence"]) for n in risks.RISK_NOTES)
    assert len(ev) == note_days
    assert (ev.loc[ev["when"] == "before", "date"] <= risks.COMMENTARY_DATE).all()
    assert (ev.loc[ev["when"] == "after", "date"] > risks.COMMENTARY_DATE).all()
    for word, description in zip(ev["evidence"], ev["description"], strict=True):
        assert word in description


def test_risk_evidence_names_a_missing_item():
    items = _items()
    items = items[~items["description"].astype(str).str.contains("Seliger")]
    with pytest.raises(ValueError, match="Seliger"):
        risks.risk_evidence(data.load("statements"), items)


def test_risk_figure():
    fig = risks.plot_risks(data.load("statements"), _items())
    assert isinstance(fig, Figure)
    timeline, verdict = fig.axes
    n = len(risks.risk_table(data.load("statements")))
    assert len(timeline.get_yticklabels()) == n
    assert len(verdict.texts) == n


# ----------------------------------------------------------------------------- forecasts

READER = {"Q1": 0.4, "Q2": 0.7, "Q3": 0.8}


def test_forecast_table_and_brier_agree_with_scoring():
    fc = data.load("forecasts")
    table = forecasts.forecast_table(fc, READER)
    assert list(table["question_id"]) == ["Q1", "Q2", "Q3"]
    assert set(table["outcome"]) <= {0, 1}
    pairs = list(zip(table["probability"], table["outcome"].astype(bool), strict=True))
    assert forecasts.brier(fc, READER) == pytest.approx(scoring.brier_score(pairs))
    assert forecasts.brier(fc, READER) == pytest.approx((0.4**2 + 0.3**2 + 0.2**2) / 3)
    local = forecasts.brier(fc, READER, local_counts=True)
    assert local == pytest.approx((0.6**2 + 0.3**2 + 0.2**2) / 3)


def test_forecast_table_rejects_bad_probabilities():
    fc = data.load("forecasts")
    with pytest.raises(ValueError, match="no probability"):
        forecasts.forecast_table(fc, {"Q1": 0.5})
    with pytest.raises(ValueError, match="from 0 to 1"):
        forecasts.forecast_table(fc, {"Q1": 50, "Q2": 0.5, "Q3": 0.5})


def test_forecast_figure_with_and_without_probabilities():
    fc = data.load("forecasts")
    fig = forecasts.plot_forecasts(fc, READER, label="a reader")
    assert isinstance(fig, Figure)
    assert "0.097" in fig.axes[0].get_title()
    fig = forecasts.plot_forecasts(fc)
    assert "what happened" in fig.axes[0].get_title()


# ----------------------------------------------------------------------------- aftermath


def test_months_after():
    dates = pd.Series(pd.to_datetime(["2022-01-14", "2022-02-24", "2022-01-05", None]))
    months = aftermath.months_after(dates)
    assert months.iloc[0] == 0
    assert months.iloc[1] == pytest.approx(round(41 / 30.44, 1))
    assert months.iloc[2] < 0
    assert pd.isna(months.iloc[3])


def test_aftermath_data_filters_and_sorts():
    after = data.load("aftermath")
    shown = aftermath.aftermath_data(
        after, start="2022-01-14", end="2022-12-31", questions=["Q3 power struggle"]
    )
    assert shown["date"].is_monotonic_increasing
    assert (shown["date"] >= pd.Timestamp("2022-01-14")).all()
    assert (shown["date"] <= pd.Timestamp("2022-12-31")).all()
    assert set(shown["question"].astype(str)) == {"Q3 power struggle"}
    assert shown["label"].str.len().max() <= 3 * 70 + 2
    assert all(label[0].isdigit() or label.startswith("from") for label in shown["label"])


def test_aftermath_figure():
    after = data.load("aftermath")
    questions = list(aftermath.QUESTION_STYLE)
    fig = aftermath.plot_aftermath(after, questions=questions)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    expected = aftermath.aftermath_data(
        after, start="2022-01-01", end="2024-12-31", questions=questions
    )
    assert len(ax.get_yticklabels()) == len(expected)
    with pytest.raises(ValueError, match="no dated aftermath items"):
        aftermath.plot_aftermath(after, start="1990-01-01", end="1990-12-31")
