"""The figures of Lesson 7: verdicts over the commentary's figures, and the numeric checks."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from csto_course import data  # noqa: E402
from csto_course.figures import figure_checks  # noqa: E402


@pytest.fixture(scope="module")
def checks() -> pd.DataFrame:
    return data.load("figure_checks")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _tiny() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "check_id": ["A", "B", "C", "D", "E"],
            "topic": ["deaths", "founding", "gas", "first abroad", "rank"],
            "commentary_text": ["over 150", "1992", "one-fifth", "first time", "ninth"],
            "commentary_value": [150.0, 1992.0, 20.0, None, 9.0],
            "later_value": [238.0, 2002.0, 3.7, None, 9.0],
            "unit": ["persons", "year", "percent", "text", "rank"],
            "verdict": pd.Categorical(
                ["early figure revised", "nuance", "not supported", "not confirmed", "confirmed"]
            ),
        }
    )


# ----------------------------------------------------------------------------- data functions


def test_verdict_counts_cover_every_check_in_a_fixed_order(checks):
    counts = figure_checks.verdict_counts(checks)
    assert counts["n"].sum() == len(checks)
    assert list(counts.columns) == ["verdict", "n", "topics"]
    known = [v for v in figure_checks.VERDICT_ORDER if v in set(counts["verdict"])]
    assert counts["verdict"].tolist()[: len(known)] == known
    expected = checks["verdict"].astype("string").value_counts()
    for verdict, n in zip(counts["verdict"], counts["n"], strict=True):
        assert n == expected[verdict]


def test_verdict_counts_list_the_topics_of_each_verdict():
    counts = figure_checks.verdict_counts(_tiny()).set_index("verdict")
    assert counts.loc["not supported", "topics"] == "gas"
    assert counts.loc["not supported", "n"] == 1


def test_unknown_verdicts_come_after_the_known_ones():
    table = _tiny()
    table["verdict"] = table["verdict"].astype("string")
    table.loc[0, "verdict"] = "disputed"
    counts = figure_checks.verdict_counts(table)
    assert counts["verdict"].iloc[-1] == "disputed"


def test_pct_difference_is_relative_to_the_commentary():
    result = figure_checks.pct_difference(pd.Series([150, 20]), pd.Series([238, 3.7]))
    assert result.tolist() == pytest.approx([(238 - 150) / 150 * 100, (3.7 - 20) / 20 * 100])


def test_numeric_checks_keep_amounts_and_drop_years_ranks_and_gaps():
    rows = figure_checks.numeric_checks(_tiny())
    assert rows["check_id"].tolist() == ["C", "A"]  # sorted: largest fall first
    assert rows["pct_diff"].tolist() == pytest.approx([-81.5, 58.6666667])
    assert (rows["abs_pct_diff"] == rows["pct_diff"].abs()).all()


def test_numeric_checks_can_keep_every_unit():
    rows = figure_checks.numeric_checks(_tiny(), exclude_units=set())
    assert set(rows["check_id"]) == {"A", "B", "C", "E"}


def test_numeric_checks_on_the_dataset(checks):
    rows = figure_checks.numeric_checks(checks)
    assert not rows.empty
    assert rows["commentary_value"].notna().all() and rows["later_value"].notna().all()
    assert not rows["unit"].isin(["year", "rank"]).any()
    for _, row in rows.iterrows():
        expected = (row["later_value"] - row["commentary_value"]) / row["commentary_value"] * 100
        assert math.isclose(row["pct_diff"], expected)
    # the death toll: "over 150" on 14 January, 238 in the final official count
    deaths = rows.loc[rows["topic"] == "deaths"].iloc[0]
    assert deaths["commentary_value"] == 150 and deaths["later_value"] == 238
    assert rows["pct_diff"].is_monotonic_increasing


# ----------------------------------------------------------------------------- figures


def _texts(fig: Figure) -> str:
    ax = fig.axes[0]
    parts = [t.get_text() for t in ax.texts]
    parts += [t.get_text() for t in ax.get_yticklabels()]
    return "\n".join(parts)


def test_plot_verdicts_has_a_labelled_bar_per_verdict(checks):
    fig = figure_checks.plot_verdicts(checks)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    counts = figure_checks.verdict_counts(checks)
    assert len(ax.patches) == len(counts)
    assert sorted(p.get_width() for p in ax.patches) == sorted(counts["n"].tolist())
    text = _texts(fig)
    for verdict, n in zip(counts["verdict"], counts["n"], strict=True):
        assert verdict in text and str(n) in text
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    # meaning never rests on colour alone: the bars differ in hatching too
    assert len({p.get_hatch() for p in ax.patches}) == len(counts)


def test_plot_verdicts_shortens_long_lists_of_topics():
    many = pd.DataFrame(
        {
            "topic": [f"a long topic name {i}" for i in range(30)],
            "verdict": ["confirmed"] * 30,
        }
    )
    fig = figure_checks.plot_verdicts(many)
    label = [t.get_text() for t in fig.axes[0].texts if "topic" in t.get_text()][0]
    assert "more" in label and label.count("\n") <= 1


def test_plot_numeric_checks_draws_a_dumbbell_per_check(checks):
    fig = figure_checks.plot_numeric_checks(checks)
    ax = fig.axes[0]
    rows = figure_checks.numeric_checks(checks)
    assert [t.get_text() for t in ax.get_yticklabels()] == rows["topic"].tolist()
    diamonds = [ln for ln in ax.lines if ln.get_marker() == "D"]
    circles = [ln for ln in ax.lines if ln.get_marker() == "o"]
    assert len(diamonds) == len(circles) == len(rows)
    assert sorted(float(d.get_xdata()[0]) for d in diamonds) == pytest.approx(
        sorted(rows["pct_diff"].tolist())
    )
    assert all(float(c.get_xdata()[0]) == 0 for c in circles)
    text = _texts(fig)
    assert "150 \u2192 238 persons" in text and "early figure revised" in text
    assert "%" in ax.get_xlabel()
    assert fig.legends, "the figure needs a legend for the two markers"


def test_plot_numeric_checks_needs_numbers():
    empty = _tiny().iloc[[3]]
    with pytest.raises(ValueError):
        figure_checks.plot_numeric_checks(empty)
    with pytest.raises(ValueError):
        figure_checks.plot_verdicts(empty.iloc[0:0])
