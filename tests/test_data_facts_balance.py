"""The balance data (issue 12, lessons 1-3) checked against fact sheet 2 and the commentary.

Covers the tables that carry the state's use of force and its aftermath (``accountability``),
the rival readings of the request (``readings``), the wordings of two key statements
(``renderings``), the CSTO's 2009-2010 rules (``background`` rows ``N-B..``), the census
figures (``indicators`` rows ``N-I..``) and the tags of the commentary's statements.

Where the raw sources are present (``shared/sources`` beside the repository), each row is also
checked against the fact sheet entry it names; elsewhere those tests are skipped.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from _sources import factsheet2_entries, source_text
from csto_course import data
from csto_course.citations import cited_keys

ROOT = Path(__file__).resolve().parents[1]

COMMENTARY_ID = "hedenskog2022"


_entries = factsheet2_entries


def _url_tail(url: str) -> str:
    """The last meaningful piece of an address (host names are written differently in copies)."""
    path = urlparse(url).path.rstrip("/")
    return path.rsplit("/", 1)[-1] if path else urlparse(url).netloc


def _number_forms(value: float) -> set[str]:
    out = {f"{value:g}", f"{value:,.0f}" if value == int(value) else f"{value:g}"}
    if value == int(value) and value >= 1000:
        out.add(f"{value:,.0f}".replace(",", " "))
    return out


# ------------------------------------------------------------------------------ statements
def test_every_reported_fact_names_a_source_other_than_the_commentary():
    s = data.load("statements")
    sources = set(data.load("sources")["source_id"])
    facts = s[s["claim_type"] == "reported fact"]
    assert len(facts) >= 5
    for row in facts.itertuples():
        assert isinstance(row.evidence_source_id, str) and row.evidence_source_id, row.statement_id
        assert row.evidence_source_id != COMMENTARY_ID, row.statement_id
        assert row.evidence_source_id in sources, row.statement_id
    others = s[s["claim_type"] != "reported fact"]
    assert others["evidence_source_id"].isna().all(), "only reported facts carry evidence"


def test_statements_the_review_flagged_are_claims():
    tags = data.load("statements").set_index("statement_id")["claim_type"]
    for sid in ("S10", "S11", "S24", "S39", "S45", "S48", "S41"):
        assert tags[sid] == "claim", sid
    # the authors' characterisation of the protests, and their count of Russian sites
    assert tags["S05"] == "claim" and tags["S23"] == "claim"


def test_claim_16_and_unguarded_border_are_the_authors():
    s = data.load("statements").set_index("statement_id")
    assert s.loc["S16", "claim_type"] == "inference"
    assert "post-Soviet" in s.loc["S16", "paraphrase"]
    assert s.loc["S21", "claim_type"] != "reported fact"
    assert "claim" in s.loc["S21", "explanation"]


# ------------------------------------------------------------------------------ corrections
def test_no_row_calls_the_six_deaths_deaths_from_excessive_force():
    for path in sorted((ROOT / "data").glob("*.csv")):
        text = path.read_text(encoding="utf-8").lower()
        assert not re.search(r"\b(6|six) deaths[^.\n]{0,60}excessive force", text), path.name


def test_six_deaths_in_custody_are_taught_in_the_prosecutors_terms():
    a = data.load("accountability").set_index("item_id")
    six = a[(a["figure"] == 6) & (a["topic"] == "torture and deaths in custody")]
    assert set(six.index) == {"K08", "K11"}
    assert (six["who_kind"] == "Kazakh authorities").all()
    assert all("tortur" in d for d in six["description"])
    assert six.loc["K08", "date"] == pd.Timestamp("2022-02-23")
    assert six.loc["K11", "date"] == pd.Timestamp("2022-06-29")


def test_no_row_cites_a_source_published_before_the_statement_it_reports():
    sources = data.load("sources").set_index("source_id")["date"]
    for name in ("contingents", "accountability", "tolls"):
        frame = data.load(name).dropna(subset=["date"])
        for row in frame.itertuples():
            published = sources.get(row.source_id)
            if pd.notna(published):
                assert published >= row.date, (name, row[1], row.source_id)


def test_no_official_total_for_10_january_under_a_6_january_report():
    c = data.load("contingents")
    totals = c[c["figure_kind"] == "official total"]
    assert not ((totals["date"] == pd.Timestamp("2022-01-10"))
                & (totals["source_id"] == "sputnik-2022-01-06-zas")).any()


# ------------------------------------------------------------------------------ accountability
def test_accountability_prosecutions_against_convictions():
    a = data.load("accountability").set_index("item_id")
    assert a.loc["K13", "figure"] == 1000 and a.loc["K13", "bound"] == "at least"
    assert a.loc["K14", "figure"] == 1
    assert a.loc["K13", "source_id"] == a.loc["K14", "source_id"] == "n-hrw-2022-12-20-no-justice"
    assert a.loc["K09", "figure"] == 243 and "301" in a.loc["K09", "description"]
    order = a.loc["K01"]
    assert order["date"] == pd.Timestamp("2022-01-07") and order["bound"] == "his claim"
    assert set(a["who_kind"]) == {"Kazakh authorities", "rights groups", "UN"}


def test_accountability_rows_match_fact_sheet_2():
    entries = _entries()
    src = data.load("sources").set_index("source_id")
    for row in data.load("accountability").itertuples():
        entry = entries[row.entry]
        if pd.notna(row.date):
            assert row.date.strftime("%Y-%m-%d") in entry, (row.item_id, row.date)
        if pd.notna(row.figure):
            assert _number_forms(row.figure) & set(re.findall(r"[\d,]+", entry)) or any(
                f in entry for f in _number_forms(row.figure)), (row.item_id, row.figure)
        assert _url_tail(src.loc[row.source_id, "url"]) in entry, (row.item_id, row.source_id)


# ------------------------------------------------------------------------------ readings
def test_at_least_three_rival_readings_each_attributed():
    r = data.load("readings")
    assert len(r) >= 3
    assert r["authors"].str.len().gt(0).all() and r["outlet"].str.len().gt(0).all()
    assert {"an elite split", "a symbolic signal", "freeing Kazakh units"} <= set(r["reading"])
    assert r["telling_evidence"].notna().sum() >= 3


def test_readings_match_fact_sheet_2():
    entries = _entries()
    src = data.load("sources").set_index("source_id")
    for row in data.load("readings").itertuples():
        entry = entries[row.entry]
        assert _url_tail(src.loc[row.source_id, "url"]) in entry, row.reading_id
        if row.authors != "author not shown":
            for name in row.authors.split("; "):
                assert name.split()[-1] in entry, (row.reading_id, name)


# ------------------------------------------------------------------------------ renderings
def test_renderings_of_putin_differ_and_are_in_the_sources():
    v = data.load("renderings")
    putin = v[(v["statement"] == "Putin at the CSTO summit") & (v["language"] == "English")]
    assert putin["wording"].nunique() >= 4
    texts = source_text("factsheet-2.txt") + source_text("factsheet.txt")
    commentary = " ".join(source_text("commentary.txt").split())
    for row in v.itertuples():
        where = commentary if row.source_id == COMMENTARY_ID else texts
        assert row.wording in where, row.rendering_id


# ------------------------------------------------------------------------------ CSTO rules
def test_csto_crisis_rules_2009_2010():
    b = data.load("background").set_index("item_id")
    rules = b[b.index.str.startswith("N-B")]
    dated = rules.dropna(subset=["date"])["date"].dt.strftime("%Y-%m-%d")
    assert dated.tolist() == ["2009-02-04", "2009-06-14", "2010-12-10", "2010-12-10",
                              "2010-12-10", "2010-12-13"]
    assert (rules["category"] == "csto").all()
    entries = _entries()
    fs_dates = {e: re.findall(r"\d{4}-\d{2}-\d{2}", entries[e]) for e in
                ("N25", "N26", "N28", "N29", "N30", "N31")}
    for day in dated:
        assert any(day in ds for ds in fs_dates.values()), day


# ------------------------------------------------------------------------------ census
def test_census_figures_come_from_the_statistics_bureau_reports():
    ind = data.load("indicators").set_index("indicator_id")
    assert ind.loc["N-I01", "value"] == 19_186_015
    assert ind.loc["N-I02", "value"] == 2_900_000
    assert ind.loc["N-I04", "value"] == 70.4 and ind.loc["N-I05", "value"] == 63.1
    entries = _entries()
    assert "19,186,015" in entries["N79"]
    assert "2,9 млн" in entries["N78"] and "70,4%" in entries["N78"]
    # the exact count the lessons use is consistent with the bureau's total
    exact = ind.loc["I12", "value"]
    assert round(100 * exact / ind.loc["N-I01", "value"], 2) == ind.loc["I15", "value"]


# ------------------------------------------------------------------------------ citations
def test_every_source_the_lessons_cite_is_a_row_of_sources():
    sources = set(data.load("sources")["source_id"])
    cited: set[str] = set()
    for path in sorted((ROOT / "book").glob("[0-9][0-9]_*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "markdown":
                src = "".join(cell["source"])
                cited |= cited_keys(src)
    assert cited, "no citations found"
    assert cited <= sources, sorted(cited - sources)
