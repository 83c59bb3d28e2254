"""The figures of Lessons 3 and 4: borders, uprisings, trade partners, precedents."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from csto_course import data  # noqa: E402
from csto_course.figures import actors, borders, uprisings  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _texts(fig: Figure) -> str:
    parts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    return "\n".join(parts)


# ----------------------------------------------------------------------------- borders


def test_border_shares_add_up_and_match_the_total():
    table = data.load("borders")
    shares = borders.border_shares(table)
    assert shares["share_pct"].sum() == pytest.approx(100)
    assert list(shares["length_km"]) == sorted(shares["length_km"], reverse=True)
    total = data.load("indicators")
    total = total.loc[total["measure"] == "land borders, total", "value"].item()
    assert shares["length_km"].sum() == total
    russia = shares.iloc[0]
    assert russia["neighbour"] == "Russia"
    assert russia["share_pct"] == pytest.approx(57.2, abs=0.05)


def test_borders_figure_labels_every_bar_and_sets_russia_apart():
    fig = borders.plot_borders(data.load("borders"))
    assert isinstance(fig, Figure)
    (ax,) = fig.axes
    text = _texts(fig)
    assert "57.2 %" in ax.get_title()
    for label in ("7,644 km (57.2 %)", "413 km (3.1 %)"):
        assert label in text
    assert "km" in ax.get_xlabel()
    hatches = [p.get_hatch() for p in ax.patches[:5]]
    assert hatches[0] == "//" and not any(hatches[1:5])  # Russia hatched, not only coloured
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "Russia"


def test_borders_figure_other_highlight_and_title():
    fig = borders.plot_borders(data.load("borders"), highlight="China", title="T")
    assert fig.axes[0].get_title() == "T"
    fig = borders.plot_borders(data.load("borders"), highlight="Atlantis")
    assert fig.axes[0].get_title() == "Kazakhstan's land borders"


# ----------------------------------------------------------------------------- uprisings


def test_response_days_from_the_dataset():
    table = uprisings.response_days(data.load("uprisings"))
    assert len(table) == len(data.load("uprisings"))
    known = table.dropna(subset=["days_to_response"])
    assert dict(zip(known["country"], known["days_to_response"], strict=True)) == {
        "Belarus": 7,
        "Kazakhstan": 4,
    }
    assert str(table["days_to_response"].dtype) == "Int64"
    # chronological, the rows without an exact start placed by their date_text
    assert list(table["country"]) == [
        "Georgia", "Ukraine", "Kyrgyzstan", "Ukraine", "Belarus", "Kazakhstan"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("start", "text", "expected", "exact"),
    [
        ("2005-03-22", "", "2005-03-22", True),
        (None, "2004-11/2005-01", "2004-11-01", False),
        (None, "late 2004 (the source gives December 2004 only)", "2004-12-01", False),
        (None, "November 2003 (resigned 23 November 2003)", "2003-11-01", False),
        (None, "around 2010", "2010-01-01", False),
    ],
)
def test_approximate_start(start, text, expected, exact):
    row = pd.Series({"start_date": pd.Timestamp(start) if start else pd.NaT, "date_text": text})
    when, is_exact = uprisings.approximate_start(row)
    assert when == pd.Timestamp(expected) and is_exact is exact


def test_approximate_start_without_anything():
    when, exact = uprisings.approximate_start(pd.Series({"start_date": pd.NaT, "date_text": ""}))
    assert pd.isna(when) and exact is False


def test_uprisings_figure_says_days_or_no_response():
    fig = uprisings.plot_uprisings(data.load("uprisings"))
    assert isinstance(fig, Figure)
    text = _texts(fig)
    assert "response after 7 days" in text and "response after 4 days" in text
    assert text.count("no dated Russian") == 4
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].startswith("Georgia 2003") and labels[-1].startswith("Kazakhstan 2022")
    assert ax.get_xlabel() == "Year"
    assert fig.get_suptitle()


def test_uprisings_figure_copes_with_missing_dates_and_no_wave():
    table = data.load("uprisings").copy()
    table.loc[0, "date_text"] = "unknown"
    table.loc[4, "start_date"] = pd.NaT
    fig = uprisings.plot_uprisings(table, first_wave=None)
    text = _texts(fig)
    assert "date not known" in text
    assert "start date not exact" in text


# ----------------------------------------------------------------------------- trade partners


def test_trade_partners_2019():
    table = actors.trade_partners(data.load("indicators"), 2019)
    exports = table[table["direction"] == "exports"].set_index("partner")["share_pct"]
    imports = table[table["direction"] == "imports"].set_index("partner")["share_pct"]
    assert exports.to_dict() == {"China": 13, "Italy": 12, "Russia": 10, "other partners": 65}
    assert imports.to_dict() == {"Russia": 34, "China": 24, "other partners": 42}
    assert (table.loc[table["partner"] == "other partners", "source_id"] == "computed").all()


def test_trade_partners_other_years_and_none():
    ind = data.load("indicators")
    later = actors.trade_partners(ind, 2023)
    assert set(later["partner"]) == {"China", "United Kingdom", "other partners"}
    assert actors.trade_partners(ind, 1990).empty


def test_trade_figure_has_both_panels_and_labels():
    fig = actors.plot_trade_partners(data.load("indicators"), 2019)
    assert isinstance(fig, Figure)
    exports, imports = fig.axes
    assert "exports" in exports.get_title(loc="left")
    assert "imports" in imports.get_title(loc="left")
    text = _texts(fig)
    for label in ("13 %", "34 %", "65 % (rest, computed)"):
        assert label in text
    assert "%" in imports.get_xlabel()
    russia = [p.get_hatch() for p in exports.patches][2]
    assert russia == "//"


# ----------------------------------------------------------------------------- precedents


def test_precedents_are_found_by_their_words():
    cases = actors.precedents(data.load("background"), data.load("events"))
    assert list(cases["case"]) == ["Syria 2015", "Belarus 2020", "Armenia 2020", "Kazakhstan 2022"]
    assert list(cases["date"].dt.year) == [2015, 2020, 2020, 2022]
    assert cases["date"].is_monotonic_increasing
    assert cases["source_id"].notna().all()
    sources = set(data.load("sources")["source_id"])
    assert set(cases["source_id"]) <= sources


def test_precedents_missing_row_is_an_error():
    background = data.load("background")
    background = background[~background["description"].str.contains("Syria")]
    with pytest.raises(ValueError, match="Syria"):
        actors.precedents(background, data.load("events"))


def test_precedents_figure():
    fig = actors.plot_precedents(data.load("background"), data.load("events"))
    assert isinstance(fig, Figure)
    text = _texts(fig)
    for words in ("Syria 2015", "30 September 2015", "Kazakhstan 2022", "6 January 2022"):
        assert words in text
    markers = {line.get_marker() for line in fig.axes[0].lines if line.get_marker() != "None"}
    assert len(markers) == 4  # each case its own marker shape, not only its own colour
