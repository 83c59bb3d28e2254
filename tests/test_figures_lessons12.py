"""The figures of Lessons 1 and 2: the timeline, the map, the tolls and the contingents.

Each figure module has a function that returns the data it plots; the tests check that data
against the dataset, and that each plotting function draws what it says (one marker per
event, one bar per figure, a label per place) and returns a Figure.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Polygon, Rectangle  # noqa: E402

from csto_course import data  # noqa: E402
from csto_course.figures import contingents, maps, timeline, tolls  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return data.load("events")


@pytest.fixture(scope="module")
def places() -> pd.DataFrame:
    return data.load("places")


@pytest.fixture(scope="module")
def outlines() -> pd.DataFrame:
    return data.load("outlines")


@pytest.fixture(scope="module")
def tolls_table() -> pd.DataFrame:
    return data.load("tolls")


@pytest.fixture(scope="module")
def troops() -> pd.DataFrame:
    return data.load("contingents")


def _texts(fig: Figure) -> str:
    out = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    return "\n".join(out)


# ----------------------------------------------------------------------------- timeline


def test_timeline_data_filters_and_orders(events, places):
    shown = timeline.timeline_data(events, places, start="2022-01-01", end="2022-01-06")
    assert shown["date"].min() >= pd.Timestamp("2022-01-01")
    assert shown["date"].max() <= pd.Timestamp("2022-01-06")
    assert shown["date"].is_monotonic_increasing
    expected = events[(events["date"] >= "2022-01-01") & (events["date"] <= "2022-01-06")]
    assert set(shown["event_id"]) == set(expected["event_id"])


def test_timeline_data_names_places(events, places):
    shown = timeline.timeline_data(events, places)
    row = shown[shown["place_id"] == "zhanaozen"].iloc[0]
    assert row["place"] == "Zhanaozen"
    assert row["label"].startswith("2 Jan, Zhanaozen:")
    no_place = shown[shown["place_id"].isna()]
    assert (no_place["place"] == "").all()


def test_timeline_data_wraps_labels(events):
    shown = timeline.timeline_data(events, width=30)
    assert all(len(line) <= 30 for label in shown["label"] for line in label.split("\n"))


def test_timeline_data_without_places_uses_ids():
    tiny = pd.DataFrame(
        {
            "event_id": ["B", "A"],
            "date": pd.to_datetime(["2022-01-02", "2022-01-02"]),
            "place_id": ["x", None],
            "category": ["protest", "csto"],
            "description": ["two", "one"],
        }
    )
    shown = timeline.timeline_data(tiny)
    assert list(shown["event_id"]) == ["A", "B"]  # same day: by event_id
    assert list(shown["place"]) == ["", "x"]
    assert shown["end_date"].isna().all()


def test_plot_timeline_one_marker_per_event(events, places):
    csto = events[events["category"] == "csto"]
    fig = timeline.plot_timeline(csto, places, title="CSTO")
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    markers = [line for line in ax.get_lines() if line.get_marker() not in ("None", None, "")]
    assert len(markers) == len(csto)
    assert ax.get_title() == "CSTO"
    assert "January 2022" in ax.get_xlabel()
    assert len(ax.get_yticklabels()) == len(csto)


def test_plot_timeline_categories_have_distinct_markers():
    shapes = [marker for _, marker in timeline.CATEGORY_STYLE.values()]
    colours = [colour for colour, _ in timeline.CATEGORY_STYLE.values()]
    assert len(set(shapes)) == len(shapes)
    assert len(set(colours)) == len(colours)


def test_plot_timeline_empty_range_raises(events):
    with pytest.raises(ValueError):
        timeline.plot_timeline(events, start="2030-01-01")


# ----------------------------------------------------------------------------- map


def test_outline_rings_cover_the_neighbours(outlines):
    rings = maps.outline_rings(outlines)
    countries = {c for c, _ in rings}
    assert {"Kazakhstan", "Russia", "China", "Uzbekistan", "Kyrgyzstan"} <= countries
    for xy in rings.values():
        assert xy.shape[1] == 2 and len(xy) >= 4


def test_map_extent_surrounds_kazakhstan(outlines):
    lon0, lon1, lat0, lat1 = maps.map_extent(outlines, "Kazakhstan", margin=2)
    kz = outlines[outlines["country"] == "Kazakhstan"]
    assert lon0 == pytest.approx(kz["lon"].min() - 2)
    assert lat1 == pytest.approx(kz["lat"].max() + 2)
    with pytest.raises(ValueError):
        maps.map_extent(outlines, "Atlantis")


def test_places_to_plot_drops_countries(places):
    shown = maps.places_to_plot(places)
    assert "country" not in set(shown["kind"].astype(str))
    assert {"Zhanaozen", "Aktau", "Almaty", "Nur-Sultan"} <= set(shown["name"])
    some = maps.places_to_plot(places, ["almaty", "nur-sultan", "kazakhstan"])
    assert list(some["name"]) == ["Almaty", "Nur-Sultan"]


def test_distance_km(places):
    assert maps.distance_km(places, "almaty", "almaty") == 0
    d = maps.distance_km(places, "zhanaozen", "almaty")
    assert d == maps.distance_km(places, "almaty", "zhanaozen")
    assert 1900 < d < 2000  # about 24 degrees of longitude at 43 degrees north
    assert 100 < maps.distance_km(places, "zhanaozen", "aktau") < 200


def test_plot_places_map_labels_each_place_and_the_capital(outlines, places):
    named = places[places["place_id"].isin(["zhanaozen", "aktau", "almaty", "nur-sultan"])]
    fig = maps.plot_places_map(outlines, named, title="Map")
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    texts = _texts(fig)
    for name in ("Zhanaozen", "Aktau", "Almaty"):
        assert name in texts
    assert "Nur-Sultan (capital)" in texts
    assert "KAZAKHSTAN" in texts and "Russia" in texts
    polygons = [p for p in ax.patches if isinstance(p, Polygon)]
    assert len(polygons) == len(maps.outline_rings(outlines))
    stars = [line for line in ax.get_lines() if line.get_marker() == "*"]
    assert len(stars) == 1
    assert ax.get_xlabel().startswith("Longitude") and ax.get_ylabel().startswith("Latitude")


# ----------------------------------------------------------------------------- tolls


def test_toll_data_deaths_in_order(tolls_table):
    shown = tolls.toll_data(tolls_table, "deaths")
    assert list(shown["value"]) == [164, 150, 225, 230, 238]
    assert shown["date"].is_monotonic_increasing
    assert shown.loc[0, "label"].endswith("(withdrawn)")
    assert shown.loc[1, "label"].endswith("(commentary)")
    assert shown.loc[1, "value_text"] == "over 150"


def test_toll_data_detained(tolls_table):
    shown = tolls.toll_data(tolls_table, "detained")
    assert list(shown["value"]) == [7939, 9900, 10000, 12000]


def test_plot_toll_one_bar_per_figure(tolls_table):
    fig = tolls.plot_toll(tolls_table, "deaths")
    ax = fig.axes[0]
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(bars) == 5
    assert sorted(b.get_height() for b in bars) == [150, 164, 225, 230, 238]
    texts = _texts(fig)
    assert "over 150" in texts and "commentary published" in texts
    assert "killed" in ax.get_ylabel()


def test_plot_toll_unknown_measure_raises(tolls_table):
    with pytest.raises(ValueError):
        tolls.plot_toll(tolls_table, "no such measure")


def test_toll_status_styles_differ_by_hatch():
    hatches = [hatch for _, hatch, _ in tolls.STATUS_STYLE.values()]
    assert len(set(hatches)) == len(hatches)


# ----------------------------------------------------------------------------- contingents


def test_reported_by_country(troops):
    shown = contingents.reported_by_country(troops)
    assert list(shown["country"]) == ["Russia", "Belarus", "Tajikistan", "Kyrgyzstan", "Armenia"]
    assert int(shown["troops_low"].sum()) == 3920
    armenia = shown[shown["country"] == "Armenia"].iloc[0]
    assert armenia["troops_low"] == 70 and armenia["official_national"] == 100
    tajikistan = shown[shown["country"] == "Tajikistan"].iloc[0]
    assert tajikistan["early_report"] == 100
    assert pd.isna(shown[shown["country"] == "Belarus"].iloc[0]["official_national"])


def test_official_totals(troops):
    totals = contingents.official_totals(troops)
    # three sourced totals (Tokayev's unsourced figure of 10 January is not in the table)
    assert list(totals["troops_high"]) == [2500, 2000, 2500]
    assert totals["date"].is_monotonic_increasing


def test_contingent_comparison(troops):
    comparison = contingents.contingent_comparison(troops)
    assert comparison.loc[0, "kind"] == "sum of reported"
    assert comparison.loc[0, "troops_low"] == 3920
    officials = comparison[comparison["kind"] == contingents.TOTAL]
    assert len(officials) == 3
    assert (officials["troops_high"] < comparison.loc[0, "troops_low"]).all()
    assert "'nearly 2,500'" in officials.iloc[-1]["label"]


def test_plot_contingents(troops):
    fig = contingents.plot_contingents(troops)
    assert isinstance(fig, Figure)
    top, bottom = fig.axes[:2]
    top_bars = [p for p in top.patches if isinstance(p, Rectangle)]
    assert sorted(b.get_width() for b in top_bars) == [70, 150, 200, 500, 3000]
    bottom_bars = [p for p in bottom.patches if isinstance(p, Rectangle)]
    assert max(b.get_width() for b in bottom_bars) == 3920
    assert bottom.get_xlabel() == "Troops"
    texts = _texts(fig)
    assert "3,920" in texts and "official national figure 100" in texts
