"""The figures the lessons rely on, checked against the commentary and the fact sheet.

The expected values are written out here (from the fact sheet and the commentary) so that an
edit of a CSV file that changes a fact the lessons teach fails a test. The quotations and
paraphrases are also checked against the commentary's text and the fact sheet, which are not
part of the repository: they are read from ``shared/sources`` beside the repository's folder
(``../shared/sources`` from its root) or from ``$CSTO_COURSE_SOURCES``. Without them those tests
skip, saying why; with ``CI=true`` they fail instead, since CI always has ``shared/`` there.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest

from _sources import source_path
from csto_course import data

ROOT = Path(__file__).resolve().parents[1]
_source = source_path
WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")  # the tokenizer of shared/tools/verbatim.py

FACTUAL_TABLES = ["events", "background", "places", "members", "populations", "contingents",
                  "requests", "uprisings", "statements", "actors", "figure_checks", "tolls",
                  "aftermath", "forecasts", "indicators", "borders", "lpg_prices", "outlines",
                  "reactions", "after2022",
                  "accountability", "readings", "renderings"]


def _day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


# ------------------------------------------------------------------------------ contingents
def test_reported_contingents_sum_to_3920():
    c = data.load("contingents")
    reported = c[c["figure_kind"] == "reported in commentary"]
    assert dict(zip(reported["country"].astype(str), reported["troops_low"], strict=True)) == {
        "Russia": 3000, "Belarus": 500, "Tajikistan": 200, "Kyrgyzstan": 150, "Armenia": 70}
    assert reported["troops_low"].sum() == 3920
    armenia_official = c[(c["country"] == "Armenia") & (c["figure_kind"] == "official national")]
    assert armenia_official["troops_low"].tolist() == [100]
    assert reported["troops_low"].sum() - 70 + 100 == 3950


def test_official_totals_range_2000_to_2500_from_three_sources():
    # Tokayev's "more than 2,000" of 10 January has no source of its own in the fact sheet
    # (it sits under a report of 6 January), so the table leaves it out.
    c = data.load("contingents")
    totals = c[c["figure_kind"] == "official total"]
    assert len(totals) == 3
    assert (totals["country"] == "CSTO total").all()
    assert totals["troops_low"].min() == 2000 and totals["troops_high"].max() == 2500
    assert totals["date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2022-01-06", "2022-01-13", "2022-01-19"]
    assert not (totals["date"] == _day("2022-01-10")).any()
    assert (totals["confidence"] == "seen in source (conflicting figures)").all()


def test_belarus_company_and_early_tajik_report():
    c = data.load("contingents")
    company = c[c["figure_text"] == "a peacekeeping company"]
    assert company["country"].tolist() == ["Belarus"] and company["troops_low"].isna().all()
    early = c[c["figure_kind"] == "early report"]
    assert early[["country", "troops_low"]].values.tolist() == [["Tajikistan", 100]]


# ------------------------------------------------------------------------------ tolls
def test_death_toll_grew_164_225_230_238():
    t = data.load("tolls")
    deaths = t[t["measure"] == "deaths"].sort_values("date")
    withdrawn = deaths[deaths["status"] == "reported then withdrawn"]
    assert withdrawn[["value"]].values.ravel().tolist() == [164]
    assert withdrawn["date"].iloc[0] == _day("2022-01-09")
    official = deaths[deaths["status"] == "official"]
    assert official["value"].tolist() == [225, 230, 238]
    assert official["date"].iloc[0] == _day("2022-01-15")
    assert official["date"].iloc[1] == _day("2022-03-14")
    assert official.loc[official["latest"], "value"].tolist() == [238]
    commentary = deaths[deaths["status"] == "commentary"]
    assert commentary["value_text"].tolist() == ["over 150"]


def test_detentions_and_other_tolls():
    t = data.load("tolls")
    detained = t[(t["measure"] == "detained") & (t["status"] == "official")].sort_values("date")
    assert detained["value"].tolist() == [7939, 9900, 12000]
    assert detained["date"].iloc[1] == _day("2022-01-11")
    assert detained["value_text"].iloc[2] == "nearly 12,000"
    assert t.loc[t["measure"] == "injured", "value"].tolist() == [4578]
    cases = t[t["measure"] == "criminal cases"].sort_values("date")
    assert cases["value"].tolist() == [3770, 4642, 5300]
    assert t.loc[t["measure"] == "amnesty", "value"].tolist() == [1500]
    for measure, group in t[t["status"] == "official"].groupby("measure", observed=True):
        assert group["latest"].sum() == 1, measure
        assert group.loc[group["latest"], "date"].iloc[0] == group["date"].max(), measure


# ------------------------------------------------------------------------------ CSTO
def test_six_members_five_sent_troops():
    m = data.load("members")
    assert sorted(m["country"]) == sorted(
        ["Russia", "Belarus", "Armenia", "Kazakhstan", "Kyrgyzstan", "Tajikistan"])
    assert m["sent_troops_2022"].sum() == 5
    assert m.loc[~m["sent_troops_2022"], "country"].tolist() == ["Kazakhstan"]


def test_treaty_1992_and_charter_2002():
    b = data.load("background")
    dates = dict(zip(b["description"], b["date"], strict=True))
    treaty = [d for text, d in dates.items() if "Treaty is signed in Tashkent" in text]
    charter = [d for text, d in dates.items() if "Charter is signed" in text]
    assert treaty == [_day("1992-05-15")]
    assert charter == [_day("2002-10-07")]
    fc = data.load("figure_checks").set_index("commentary_text")
    row = fc.loc["created in 1992"]
    assert (row["commentary_value"], row["later_value"]) == (1992, 2002)
    assert row["verdict"] == "nuance" and row["later_date"] == _day("2002-10-07")


def test_requests_and_their_articles():
    r = data.load("requests").set_index("request_id")
    kyrgyz = r[r["requester"] == "Kyrgyzstan"].iloc[0]
    assert kyrgyz["date"].year == 2010 and kyrgyz["outcome"] == "no decision"
    assert kyrgyz["addressed_to"].startswith("Russia")
    armenia = r[r["requester"] == "Armenia"].sort_values("date")
    assert armenia["article"].tolist() == ["Article 2", "none stated"]
    assert armenia["date"].dt.strftime("%Y-%m").tolist() == ["2021-05", "2022-09"]
    assert "monitoring" in armenia["outcome_note"].iloc[1]
    kz = r[r["requester"] == "Kazakhstan"].iloc[0]
    assert (kz["article"], kz["outcome"], kz["date"]) == ("Article 4", "granted",
                                                          _day("2022-01-05"))


def test_uprisings_and_responses():
    u = data.load("uprisings").set_index("uprising_id")
    assert u["country"].tolist() == ["Georgia", "Ukraine", "Kyrgyzstan", "Ukraine", "Belarus",
                                     "Kazakhstan"]
    assert (u["wave"] == "2003-2005").sum() == 3
    no_response = u[u["russian_response"].isna()]
    assert no_response["country"].tolist() == ["Georgia", "Ukraine", "Kyrgyzstan", "Ukraine"]
    assert no_response["response_date"].isna().all()
    assert u["response_note"].str.len().gt(20).all()
    kz = u[u["country"] == "Kazakhstan"].iloc[0]
    assert kz["response_date"] - kz["start_date"] == pd.Timedelta(days=4)


# ------------------------------------------------------------------------------ context
def test_border_7644_and_land_borders():
    b = data.load("borders").set_index("neighbour")["length_km"]
    assert b["Russia"] == 7644
    assert b.to_dict() == {"Russia": 7644, "Uzbekistan": 2330, "China": 1765,
                           "Kyrgyzstan": 1212, "Turkmenistan": 413}
    assert b.sum() == 13364
    i = data.load("indicators")
    border = i[i["measure"] == "border with Russia"]
    assert sorted(border["value"]) == [6846, 7500, 7591, 7644]


def test_populations_both_series():
    p = data.load("populations").pivot(index="country", columns="series", values="population")
    expected = {
        "Russia": (144746762, 142320790), "Kazakhstan": (19743603, 19245793),
        "Belarus": (9302585, 9441842), "Tajikistan": (9966908, 8990874),
        "Kyrgyzstan": (6851224, 6018789), "Armenia": (2962300, 3011609),
    }
    for country, (wb, cia) in expected.items():
        assert p.loc[country, "World Bank SP.POP.TOTL"] == wb
        assert p.loc[country, "CIA World Factbook"] == cia
    assert (data.load("populations")["year"] == 2021).all()


def test_populations_match_the_fact_sheet_csv():
    sheet = pd.read_csv(_source("factsheet-context.csv"), encoding="utf-8")
    wb = sheet[sheet["topic"] == "population"]
    p = data.load("populations")
    p = p[p["series"] == "World Bank SP.POP.TOTL"].set_index("country")["population"]
    for _, row in wb.iterrows():
        country = row["claim"].replace(" population", "")
        assert p[country] == int(row["value"]), country
        cia = re.search(r"CIA[^:]*:\s*([\d,]+)", row["note"])
        frame = data.load("populations")
        got = frame[(frame["country"] == country) & (frame["series"] == "CIA World Factbook")]
        assert got["population"].iloc[0] == int(cia.group(1).replace(",", "")), country


def test_area_rank_and_ethnic_russians():
    i = data.load("indicators")
    area = i[i["measure"] == "total area"]["value"].tolist()
    assert area == [2724900]
    assert i[i["measure"] == "world rank by area"]["value"].tolist() == [9]
    russians = i[i["measure"] == "ethnic Russians"].set_index("year")["value"]
    assert russians[2020] == 3512925 and russians[2021] == 2981946
    share = i[i["measure"] == "ethnic Russian share of population"].set_index("year")["value"]
    assert share[2021] == pytest.approx(15.54)


def test_gas_share_not_one_fifth():
    i = data.load("indicators").set_index("measure")["value"]
    share = i["share of gas imports produced in Kazakhstan"]
    assert share == pytest.approx(100 * 0.6 / 16.2, abs=0.05)
    assert share < 20
    assert i["share of gas imports crossing Kazakhstan"] == pytest.approx(100 * 4.3 / 16.2,
                                                                         abs=0.05)


def test_lpg_price_doubled():
    lpg = data.load("lpg_prices").set_index("price_id")
    dated = lpg.dropna(subset=["date"]).set_index("date")["price_kzt_per_litre"]
    assert dated[_day("2022-01-01")] / dated[_day("2021-12-31")] == 2
    assert dated[_day("2022-01-04")] == 50


def test_events_timeline():
    e = data.load("events")
    assert e["date"].min() == _day("2021-12-31") and e["date"].max() == _day("2022-01-20")
    assert e["date"].is_monotonic_increasing
    first_protest = e[e["category"] == "protest"].iloc[0]
    assert first_protest["date"] == _day("2022-01-02")
    assert first_protest["place_id"] == "zhanaozen"
    assert (e["date"] == _day("2022-01-19")).any()


def test_forecast_outcomes():
    f = data.load("forecasts").set_index("question_id")
    assert f["outcome"].to_dict() == {"Q1": False, "Q2": True, "Q3": True}
    assert f.loc["Q1", "outcome_if_local_counts"]
    assert f.loc["Q2", "resolved_by"] == _day("2022-01-19")


def test_statements_cover_the_argument():
    s = data.load("statements")
    assert 40 <= len(s) <= 60
    assert s["order"].tolist() == list(range(1, len(s) + 1))
    assert set(s["section"]) == {"what happened", "motives", "consequences", "risks",
                                 "way ahead"}
    counts = s["kind"].value_counts()
    assert counts["question"] == 3
    for kind in ("context", "motive", "consequence", "risk"):
        assert counts[kind] >= 4, kind
    assert s["explanation"].str.len().gt(30).all()
    belarus = s[s["check_id"] == "FC34"]
    assert belarus["claim_type"].tolist() == ["claim"]


def test_figure_checks_cover_fact_sheet_section_1():
    fc = data.load("figure_checks")
    assert set(fc["factsheet_row"]) == set(range(1, 36))
    verdicts = fc.set_index("topic")["verdict"]
    assert verdicts["deaths"] == "early figure revised"
    assert verdicts["China's gas"] == "not supported"
    assert verdicts["Belarus abroad"] == "not confirmed"
    assert verdicts["Armenian contingent"] == "early figure revised"
    deaths = fc.set_index("topic").loc["deaths"]
    assert (deaths["commentary_value"], deaths["later_value"]) == (150, 238)


# ------------------------------------------------------------------------------ places
def _rings(country: str) -> list[list[tuple[float, float]]]:
    o = data.load("outlines")
    o = o[o["country"] == country].sort_values(["ring", "point"])
    return [list(zip(g["lon"], g["lat"], strict=True)) for _, g in o.groupby("ring")]


def _inside(lon: float, lat: float, rings: list[list[tuple[float, float]]]) -> bool:
    """Ray casting (even-odd rule) over all rings of a country."""
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
            if (y1 > lat) != (y2 > lat):
                x = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
                if lon < x:
                    inside = not inside
    return inside


def test_point_in_polygon_works():
    square = [[(0, 0), (2, 0), (2, 2), (0, 2), (0, 0)]]
    assert _inside(1, 1, square) and not _inside(3, 1, square)


def test_places_lie_inside_kazakhstan():
    kz = _rings("Kazakhstan")
    assert kz and all(r[0] == r[-1] for r in kz)
    places = data.load("places")
    for row in places[places["kind"] != "country"].itertuples():
        assert _inside(row.lon, row.lat, kz), row.place_id
    # and the check can fail: Moscow-ish and Tashkent-ish points are outside
    assert not _inside(37.6, 55.75, kz) and not _inside(69.24, 41.3, kz)


def test_country_label_points_are_inside_their_country():
    places = data.load("places").set_index("place_id")
    for pid, country in [("kazakhstan", "Kazakhstan"), ("kyrgyzstan", "Kyrgyzstan"),
                         ("tajikistan", "Tajikistan")]:
        assert _inside(places.loc[pid, "lon"], places.loc[pid, "lat"], _rings(country)), pid


def test_place_traps():
    p = data.load("places").set_index("place_id")
    town, site = p.loc["baikonur-town"], p.loc["baikonur-cosmodrome"]
    km = 6371 * math.radians(site["lat"] - town["lat"])
    assert 30 < km < 45
    assert (town["kind"], site["kind"]) == ("town", "site")
    assert p.loc["aktau", "lon"] < 55 and p.loc["aktau", "region"] == "Mangystau region"
    assert (p.loc["aktobe", "lat"], p.loc["aktobe", "lon"]) == (50.27969, 57.20718)
    assert "Astana" in p.loc["nur-sultan", "note"]


# ------------------------------------------------------------------------------ sources
def test_every_source_id_exists_and_every_source_is_cited():
    sources = set(data.load("sources")["source_id"])
    cited: set[str] = set()
    for name in FACTUAL_TABLES:
        frame = data.load(name)
        assert "source_id" in frame.columns, name
        assert frame["source_id"].notna().all(), name
        for col in ("source_id", "response_source_id", "evidence_source_id"):
            if col in frame.columns:
                ids = set(frame[col].dropna())
                assert ids <= sources, (name, ids - sources)
                cited |= ids
    assert sources - cited == set()


def test_outlets_are_originals_not_reposts():
    s = data.load("sources")
    reposts = {"nationalpost", "malaymail", "pledgetimes", "urdupoint", "wikimili", "time.news",
               "theglobaleye", "kashco", "infosurhoy", "vpk.name", "hyetert", "ecoi.net",
               "people.cn", "news360", "alalam"}
    for row in s.itertuples():
        assert not any(r in row.outlet.lower() for r in reposts), row.source_id
    outlet = s.set_index("source_id")["outlet"]
    assert outlet["reuters-2022-01-11-detained"] == "Reuters"
    assert outlet["xinhua-2022-01-xi"] == "Xinhua"
    assert outlet["interfax-2022-01-10-flights"] == "Interfax"
    assert outlet["cia-factbook-kz-2022-01-13"] == "CIA World Factbook"
    assert outlet["worldbank-sp-pop-totl"] == "World Bank"


def test_unconfirmed_claims_are_marked():
    fc = data.load("figure_checks").set_index("topic")
    assert fc.loc["Belarus abroad", "verdict"] == "not confirmed"
    unconfirmed = "not confirmed in a source here"
    events = data.load("events")
    claim = events[events["confidence"] == unconfirmed]
    assert len(claim) == 1 and "Belarus" in claim["description"].iloc[0]
    aftermath = data.load("aftermath")
    amanat = aftermath[aftermath["description"].str.contains("Amanat")]
    assert amanat["confidence"].tolist() == [unconfirmed]
    assert amanat["date"].isna().all()


# ------------------------------------------------------------------------------ the commentary
def _commentary_text() -> str:
    text = _source("commentary.txt").read_text(encoding="utf-8")
    text = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", text)  # [3000](#) -> 3000
    return " ".join(text.split())


def _words(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("’", "'"))


def test_figure_check_quotations_appear_in_the_commentary():
    commentary = _commentary_text()
    for row in data.load("figure_checks").itertuples():
        assert " ".join(row.commentary_text.split()) in commentary, row.check_id
        assert len(_words(row.commentary_text)) < 12, row.check_id


def test_figure_check_values_appear_in_the_commentary():
    commentary = _commentary_text().replace(",", "")
    for row in data.load("figure_checks").dropna(subset=["commentary_value"]).itertuples():
        value = row.commentary_value
        shown = {2.0: "doubling", 3500000.0: "3.5 million", 20.0: "one-fifth"}.get(
            value, f"{value:g}")
        assert shown in commentary or f"{value:g}" in commentary, (row.check_id, value)


def _shared_runs(text: str, grams: set[tuple[str, ...]], n: int) -> list[str]:
    w = _words(text)
    return [" ".join(w[i:i + n]) for i in range(len(w) - n + 1) if tuple(w[i:i + n]) in grams]


def test_statements_are_paraphrased_not_copied():
    src = _words(_commentary_text())
    n = 8
    grams = {tuple(src[i:i + n]) for i in range(len(src) - n + 1)}
    for row in data.load("statements").itertuples():
        for text in (row.paraphrase, row.explanation):
            assert not _shared_runs(text, grams, n), (row.statement_id, text)


def test_no_data_file_repeats_12_words_of_the_commentary():
    src = _words(_commentary_text())
    n = 12
    grams = {tuple(src[i:i + n]) for i in range(len(src) - n + 1)}
    for path in sorted((ROOT / "data").glob("*.csv")):
        assert not _shared_runs(path.read_text(encoding="utf-8"), grams, n), path.name
