"""The later record added from the second fact sheet: reactions abroad (January 2022), the years
after (the CSTO, Kazakhstan and Russia, the reforms), further reading, and the fixes of the
balance review (the lower bound "over 150", check FC43, the prosecutors' six deaths).

Each row of `reactions`, `after2022` and `further_reading` names the fact-sheet entry it comes
from (`factsheet_entry`, N1 to N79). Where the course's raw sources are available, the tests read
that entry of `factsheet-2.txt` and check the row against it: the source's address, its outlet,
the date and every number in the row's description.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from _sources import factsheet2_entries
from csto_course import data
from csto_course.citations import cited_keys
from csto_course.figures import figure_checks

ROOT = Path(__file__).resolve().parents[1]
NEW_TABLES = ["reactions", "after2022"]
LATER_LESSONS = ["04_consequences", "05_risks", "06_way_ahead", "07_reading_critically"]
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


_entries = factsheet2_entries


def _numbers(text: str) -> list[str]:
    return [n.replace(",", "").rstrip(".") for n in NUMBER.findall(text)]


def _has_number(entry: str, number: str) -> bool:
    plain = re.sub(r"(?<=\d),(?=\d{3})", "", entry)
    return re.search(rf"(?<![\d.]){re.escape(number)}(?![\d])", plain) is not None


def _rows():
    for table in NEW_TABLES:
        key = data.schema(table)["primaryKey"][0]
        for row in data.load(table).itertuples(index=False):
            yield table, getattr(row, key), row


# ------------------------------------------------------------------------------ the data alone
def test_new_tables_cite_known_sources_and_entries():
    sources = set(data.load("sources")["source_id"])
    for table, key, row in _rows():
        assert row.source_id in sources, (table, key)
        assert re.fullmatch(r"N\d{1,2}", row.factsheet_entry), (table, key)
        assert 1 <= int(row.factsheet_entry[1:]) <= 79, (table, key)


def test_kazakhstan_un_votes_were_not_uniform():
    later = data.load("after2022")
    votes = later[later["description"].str.startswith("UN General Assembly")]
    kazakh = votes["description"].str.extract(r"Kazakhstan (abstains|votes against)")[0]
    assert kazakh.notna().all()
    assert sorted(kazakh) == ["abstains", "abstains", "abstains", "votes against"]
    against = votes.loc[kazakh == "votes against"]
    assert against["date"].dt.strftime("%Y-%m-%d").tolist() == ["2022-04-07"]
    assert "Human Rights Council" in against["description"].item()


def test_reactions_cover_the_us_the_eu_and_the_un():
    reactions = data.load("reactions")
    actors = " ".join(reactions["actor"])
    for who in ("United States", "EU", "UN Secretary-General", "European Parliament"):
        assert who in actors, who
    assert (reactions["date"] >= pd.Timestamp("2022-01-06")).all()
    assert (reactions["date"] <= pd.Timestamp("2022-01-31")).all()


def test_the_csto_record_is_not_armenia_alone():
    record = data.load("after2022")
    record = record[record["theme"] == "CSTO record"]
    text = " ".join(record["description"])
    assert "Kyrgyz" in text and "Tajik" in text and "Yerevan" in text


def test_over_150_is_a_lower_bound_and_the_gap_says_at_most():
    checks = data.load("figure_checks").set_index("check_id")
    assert checks.loc["FC04", "commentary_text"].lower().startswith("over 150")
    assert checks.loc["FC04", "commentary_value"] == 150
    assert checks.loc["FC04", "commentary_value_kind"] == "lower bound"
    assert "lower bound" in checks.loc["FC04", "why"]
    has_value = checks["commentary_value"].notna()
    assert checks.loc[has_value, "commentary_value_kind"].notna().all()
    assert checks.loc[~has_value, "commentary_value_kind"].isna().all()
    assert figure_checks.bound_qualifier("lower bound", 58.7) == "at most "
    assert figure_checks.bound_qualifier("upper bound", -1.0) == "at most "
    assert figure_checks.bound_qualifier("as stated", 58.7) == ""


def test_an_absence_of_evidence_is_not_confirmed():
    check = data.load("figure_checks").set_index("check_id").loc["FC43"]
    assert "lack any support" in check["commentary_text"]
    assert check["verdict"] == "not contradicted"
    assert "The Diplomat" in check["why"]


def test_the_six_deaths_are_not_called_deaths_from_excessive_force():
    for name in data.list_tables():
        frame = data.load(name)
        for column in frame.select_dtypes(include=["object", "string"]).columns:
            text = frame[column].dropna().astype(str)
            assert not text.str.contains("from excessive force").any(), (name, column)


def test_further_reading_page_lists_every_entry_and_is_in_the_toc():
    page = (ROOT / "book" / "reference" / "further-reading.md").read_text(encoding="utf-8")
    page = " ".join(page.split())
    reading = data.load("further_reading")
    assert len(reading) >= 5
    for row in reading.itertuples(index=False):
        assert row.title in page, row.reading_id
        assert str(row.year) in page, row.reading_id
    assert "book/reference/further-reading" in (ROOT / "_toc.yml").read_text()


@pytest.mark.parametrize("stem", LATER_LESSONS)
def test_later_lessons_end_with_further_reading_from_the_table(stem):
    nb = json.loads((ROOT / "book" / f"{stem}.ipynb").read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert "## Further reading" in text, stem
    section = text.split("## Further reading", 1)[1]
    assert "reference/further-reading.md" in section
    titles = data.load("further_reading")["title"].tolist()
    listed = [t for t in titles if t.split(":")[0].replace('"', "") in section.replace('"', "")]
    assert listed, f"{stem}: the further reading names no entry of the table"


@pytest.mark.parametrize("stem", LATER_LESSONS)
def test_every_source_a_later_lesson_cites_is_in_the_sources_table(stem):
    nb = json.loads((ROOT / "book" / f"{stem}.ipynb").read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    keys = cited_keys(text)
    assert keys, stem
    known = set(data.load("sources")["source_id"])
    assert keys <= known, keys - known


# ---------------------------------------------------------------------------- against fact sheet 2
def test_each_row_matches_its_fact_sheet_entry():
    entries = _entries()
    sources = data.load("sources").set_index("source_id")
    for table, key, row in _rows():
        entry = entries[row.factsheet_entry]
        # An entry may name its source by another entry: "Sources: Inozpress.kg (N35)".
        entry += "".join(entries[n] for n in re.findall(r"\((N\d+)\)", entry) if n in entries)
        source = sources.loc[row.source_id]
        url = str(source["url"]).split("?")[0].removeprefix("https://").removeprefix("http://")
        url = url.removeprefix("www.")
        assert url.replace("/amp/", "/") in entry.replace("/amp/", "/"), (table, key, url)
        for outlet in str(source["outlet"]).split("; "):
            assert outlet in entry, (table, key, outlet)
        if pd.notna(row.date):
            assert row.date.strftime("%Y-%m-%d") in entry, (table, key, row.date)
        for number in _numbers(row.description):
            assert _has_number(entry, number), (table, key, number)


def test_further_reading_matches_the_fact_sheet():
    entries = _entries()
    for row in data.load("further_reading").itertuples(index=False):
        entry = entries[row.factsheet_entry]
        assert 69 <= int(row.factsheet_entry[1:]) <= 77, row.reading_id
        assert row.verified_at.removeprefix("https://").removeprefix("http://") in entry
        assert str(row.year) in entry, row.reading_id
        assert row.title.split(":")[0] in entry, row.reading_id
        surname = row.authors.replace(" (ed.)", "").split()[-1]
        assert surname in entry, row.reading_id
        # Only details the sheet verified with high confidence are listed.
        lines = [ln for ln in entry.splitlines() if ln.startswith("- Confidence:")]
        assert lines and lines[0].removeprefix("- Confidence: ").startswith("high"), row.reading_id
