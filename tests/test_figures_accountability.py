"""The figure of Lesson 1 on the use of force and its aftermath (``figures.accountability``)."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure

from csto_course import data
from csto_course.figures import accountability


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return data.load("accountability")


def test_voices_data_keeps_dated_rows_in_order(table):
    shown = accountability.voices_data(table)
    assert len(shown) == table["date"].notna().sum()
    assert shown["date"].is_monotonic_increasing
    assert set(shown["who_kind"]) == set(accountability.LANES)
    labels = dict(zip(shown["item_id"], shown["label"], strict=True))
    assert labels["K13"] == "1,000+"  # a lower bound is marked as one
    assert labels["K01"] == "20,000 (claim)"  # an interested party's figure is marked as a claim
    assert labels["K09"] == "243" and labels["K03"] == ""


def test_plot_voices_draws_one_marker_per_dated_row(table):
    fig = accountability.plot_voices(table)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    points = sum(len(c.get_offsets()) for c in ax.collections)
    assert points == table["date"].notna().sum()
    assert [t.get_text() for t in ax.get_yticklabels()] == accountability.LANES
    texts = {t.get_text() for t in ax.texts}
    assert {"1,000+", "1", "6"} <= texts
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "torture and deaths in custody" in legend


def test_plot_voices_without_dated_rows_raises(table):
    with pytest.raises(ValueError):
        accountability.plot_voices(table.assign(date=pd.NaT))
