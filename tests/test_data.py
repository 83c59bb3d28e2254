"""The data package: it validates, loads with the declared types, and fails clearly."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from _missing import require_module
from csto_course import bibliography, data, dataguide

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
TABLES = data.list_tables()
CONTRACT_TABLES = {
    "sources", "events", "places", "members", "populations", "contingents", "requests",
    "uprisings", "statements", "actors", "figure_checks", "tolls", "aftermath", "forecasts",
    "indicators", "borders", "lpg_prices", "outlines",
}
CONTRACT_COLUMNS = {
    "sources": "source_id outlet via title date date_text url kind",
    "events": "event_id date end_date place_id category description source_id confidence",
    "places": "place_id name kind region lat lon note source_id",
    "members": "country iso3 sent_troops_2022 note source_id",
    "populations": "country series year population source_id",
    "contingents": "figure_id country troops_low troops_high figure_kind date source_id "
                   "confidence note",
    "requests": "request_id requester requested_by date addressed_to article outcome "
                "outcome_note source_id confidence",
    "uprisings": "uprising_id country name start_date end_date date_text wave russian_response "
                 "response_date source_id confidence",
    "statements": "statement_id order section kind theme claim_type paraphrase explanation",
    "actors": "actor_id name actor_type country stance source_id",
    "figure_checks": "check_id topic commentary_text commentary_value later_value unit "
                     "later_date verdict why source_id",
    "tolls": "toll_id date measure value status note source_id",
    "aftermath": "item_id question date date_text description source_id confidence",
    "forecasts": "question_id question outcome outcome_note source_id",
    "indicators": "indicator_id subject measure value unit year source_id confidence note",
    "borders": "neighbour length_km source_id",
    "lpg_prices": "price_id date price_kzt_per_litre region note source_id confidence",
    "outlines": "country ring point lon lat",
}


# ------------------------------------------------------------------------------ the package
def test_frictionless_validates_the_package():
    frictionless = require_module("frictionless")
    report = frictionless.validate(str(DATA / "datapackage.json"))
    problems = [f"{e.type}: {e.message}" for e in report.errors]
    for task in report.tasks:
        problems += [f"{task.name}: {e.type}: {e.message}" for e in task.errors]
    assert report.valid, "\n".join(problems[:20])


def test_package_metadata():
    pkg = data._load_package(DATA)[1]
    for key in ("name", "title", "description", "licenses", "contributors", "version",
                "sources"):
        assert pkg.get(key), key
    assert pkg["licenses"][0]["name"] == "CC-BY-4.0"
    assert any("Natural Earth" in s["title"] for s in pkg["sources"])
    for res in pkg["resources"]:
        for key in ("name", "path", "title", "description", "schema"):
            assert res.get(key), (res.get("name"), key)
        assert res["schema"].get("primaryKey"), res["name"]
        for field in res["schema"]["fields"]:
            assert field.get("description"), (res["name"], field["name"])
        names = {f["name"] for f in res["schema"]["fields"]}
        if "source_id" in names and res["name"] != "sources":
            targets = [fk["reference"]["resource"] for fk in res["schema"].get("foreignKeys", [])
                       if fk["fields"] == "source_id"]
            assert targets == ["sources"], res["name"]


def test_contract_tables_and_columns_are_present():
    assert CONTRACT_TABLES <= set(TABLES)
    for name, columns in CONTRACT_COLUMNS.items():
        missing = set(columns.split()) - set(data.load(name).columns)
        assert not missing, (name, missing)


def test_csv_files_have_no_multiline_cells():
    # Row numbers in error messages are CSV records + 1; that is the file's line number only
    # if no cell spans lines.
    for name in TABLES:
        path = DATA / f"{name}.csv"
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.reader(f):
                assert not any("\n" in c or "\r" in c for c in row), name


def test_outlines_file_is_small():
    assert (DATA / "outlines.csv").stat().st_size < 1_000_000


# ------------------------------------------------------------------------------ types
def _expected_dtype(field: dict) -> str:
    cons = field.get("constraints", {})
    required = bool(cons.get("required"))
    kind = field["type"]
    if kind == "string" and cons.get("enum"):
        return "category"
    return {
        "integer": "int64" if required else "Int64",
        "number": "float64",
        "boolean": "bool" if required else "boolean",
        "date": "datetime64[ns]",
        "string": "str",
    }[kind]


@pytest.mark.parametrize("name", TABLES)
def test_every_table_loads_with_declared_dtypes(name):
    frame = data.load(name)
    sch = data.schema(name)
    assert list(frame.columns) == [f["name"] for f in sch["fields"]]
    assert len(frame) > 0
    for field in sch["fields"]:
        col = frame[field["name"]]
        expected = _expected_dtype(field)
        if expected == "category":
            assert isinstance(col.dtype, pd.CategoricalDtype), field["name"]
            assert list(col.cat.categories) == field["constraints"]["enum"], field["name"]
        elif expected == "str":
            assert pd.api.types.is_string_dtype(col.dtype), (field["name"], col.dtype)
        else:
            assert str(col.dtype) == expected, (name, field["name"], col.dtype)


def test_nullable_columns_keep_missing_values():
    contingents = data.load("contingents")
    belarus = contingents[contingents["figure_text"] == "a peacekeeping company"]
    assert belarus["troops_low"].isna().all()
    assert contingents["date"].isna().any()  # the undated early Tajik report


def test_load_returns_copies():
    first = data.load("members")
    first.loc[0, "note"] = "changed by a student"
    del first["iso3"]
    second = data.load("members")
    assert "iso3" in second.columns
    assert second.loc[0, "note"] != "changed by a student"


def test_list_tables_is_sorted():
    assert TABLES == sorted(TABLES)


# ------------------------------------------------------------------------------ errors
def test_unknown_table_lists_the_names_and_a_close_match():
    with pytest.raises(data.DataError) as err:
        data.load("event")
    message = str(err.value)
    assert "'events'" in message and "Did you mean" in message
    for name in TABLES:
        assert name in message


def test_unknown_table_of_wrong_type():
    with pytest.raises(data.DataError):
        data.load(None)  # type: ignore[arg-type]


def test_schema_is_a_copy():
    sch = data.schema("events")
    sch["fields"].clear()
    assert data.schema("events")["fields"]


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def _edit_cell(folder: Path, table: str, row: int, field: str, value: str | None) -> None:
    """Set one cell (row numbered as in the file, header = 1); value None drops the column."""
    path = folder / f"{table}.csv"
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    j = rows[0].index(field)
    if value is None:
        rows = [r[:j] + r[j + 1:] for r in rows]
    else:
        rows[row - 1][j] = value
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


@pytest.mark.parametrize(
    ("table", "row", "field", "value", "words"),
    [
        ("events", 5, "date", "2022-13-45", ["not a valid date", "2022-13-45"]),
        ("events", 4, "date", "6 January 2022", ["YYYY-MM-DD", "6 January 2022"]),
        ("tolls", 3, "value", "about 225", ["not a whole number", "about 225"]),
        ("places", 2, "lat", "forty-three", ["not a number", "forty-three"]),
        ("events", 7, "category", "riot", ["not one of the allowed values", "riot"]),
        ("contingents", 3, "confidence", "sure", ["allowed values", "sure"]),
        ("members", 2, "sent_troops_2022", "maybe", ["not a boolean", "maybe"]),
        ("tolls", 2, "source_id", "", ["required", "empty"]),
        ("events", 3, "event_id", "E01", ["duplicate primary key", "E01", "row 2"]),
        ("places", 4, "lat", "123.5", ["above the maximum", "123.5"]),
        ("events", 6, "source_id", "no-such-source", ["foreign key", "no-such-source"]),
        ("events", 4, "place_id", "atlantis", ["foreign key", "atlantis"]),
        ("statements", 2, "statement_id", "Q1", ["pattern", "Q1"]),
    ],
)
def test_damaged_cell_is_reported_with_file_row_field_value(package_copy, table, row, field,
                                                            value, words):
    _edit_cell(package_copy, table, row, field, value)
    with pytest.raises(data.DataError) as err:
        data.load(table, root=package_copy)
    message = str(err.value)
    assert f"{table}.csv" in message
    assert f"row {row}" in message
    assert f"field '{field}'" in message
    for word in words:
        assert word in message, message
    assert "Traceback" not in message


def test_missing_column_is_reported(package_copy):
    _edit_cell(package_copy, "tolls", 1, "measure", None)
    with pytest.raises(data.DataError) as err:
        data.load("tolls", root=package_copy)
    message = str(err.value)
    assert "tolls.csv" in message and "row 1" in message and "'measure'" in message
    assert "missing" in message


def test_short_row_is_reported(package_copy):
    path = package_copy / "borders.csv"
    path.write_text(path.read_text(encoding="utf-8") + "Mongolia,12\n", encoding="utf-8")
    with pytest.raises(data.DataError) as err:
        data.load("borders", root=package_copy)
    assert "borders.csv, row 7" in str(err.value)


def test_byte_order_mark_is_tolerated(package_copy):
    # A spreadsheet program may add a BOM when it re-saves a file; that is not an error.
    path = package_copy / "borders.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(data.load("borders", root=package_copy)) == 5


def test_missing_file_is_reported(package_copy):
    (package_copy / "borders.csv").unlink()
    with pytest.raises(data.DataError, match="borders.csv"):
        data.load("borders", root=package_copy)


def test_environment_variable_is_a_fallback(monkeypatch, package_copy):
    monkeypatch.setenv(data.ENV_VAR, str(package_copy))
    assert data.data_dir() == DATA.resolve()  # the repository copy comes first
    assert data.data_dir(package_copy) == package_copy.resolve()


def test_no_data_anywhere_is_reported(tmp_path):
    with pytest.raises(data.DataError, match="datapackage.json"):
        data.data_dir(tmp_path)


def test_edited_file_is_reloaded(package_copy):
    assert len(data.load("borders", root=package_copy)) == 5
    path = package_copy / "borders.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    assert len(data.load("borders", root=package_copy)) == 4


# ------------------------------------------------------------------------------ sources
def test_source_returns_python_values():
    row = data.source("reuters-2022-01-11-detained")
    assert row["outlet"] == "Reuters"
    assert str(row["date"]) == "2022-01-11"
    assert row["via"] == "Malay Mail"
    assert data.source("tass-2022-01-advance-units")["date"] is None


def test_cite():
    assert data.cite("reuters-2022-01-11-detained") == "Reuters, 11 January 2022"
    assert data.cite("interfax-2022-03-14-toll") == "Interfax, 14 March 2022"
    assert data.cite("tass-2022-01-advance-units") == "TASS, January 2022"
    assert data.cite("hedenskog2022") == "Hedenskog and von Essen (SCEEUS), 14 January 2022"


def test_unknown_source_is_a_data_error():
    with pytest.raises(data.DataError, match="reuters-2022-01-11-detained"):
        data.cite("reuters-2022-01-11-detainees")


# ------------------------------------------------------------------------------ generated files
def test_references_bib_is_generated_from_sources():
    assert (ROOT / "references.bib").read_text(encoding="utf-8") == bibliography.render_bib()


def test_bib_has_an_entry_per_source_and_the_commentary():
    bib = bibliography.render_bib()
    ids = data.load("sources")["source_id"]
    for source_id in ids:
        assert f"{{{source_id}," in bib
    assert "@techreport{hedenskog2022," in bib
    assert "Hedenskog and Hugo von Essen" in bib


def test_bib_escapes_specials():
    assert bibliography.escape("AT&T 50% $5 #1 a_b") == r"AT\&T 50\% \$5 \#1 a\_b"
    entry = bibliography.source_entry({
        "source_id": "x", "outlet": "A & B", "title": "100% {sure}", "via": None,
        "date": None, "date_text": "n.d.", "url": "https://e.org/a%20b", "author": None,
    })
    assert r"A \& B" in entry and r"100\% \{sure\}" in entry
    assert "https://e.org/a%20b" in entry


def test_bib_parses_with_pybtex():
    pybtex = require_module("pybtex.database")
    bib = pybtex.parse_string(bibliography.render_bib(), "bibtex")
    assert len(bib.entries) == len(data.load("sources"))
    for entry in bib.entries.values():
        assert entry.fields.get("year")


def test_data_guide_is_generated():
    page = ROOT / "book" / "reference" / "data-guide.md"
    assert page.read_text(encoding="utf-8") == dataguide.render_guide()


def test_data_guide_covers_every_table_and_field():
    page = dataguide.render_guide()
    assert page.startswith("# Data guide\n")
    assert "{cite}" not in page
    for name in TABLES:
        assert f"### `{name}`" in page
        for field in data.schema(name)["fields"]:
            assert f"| `{field['name']}` |" in page
        assert f"- Rows: {len(data.load(name))}" in page
    assert "data.load(" in page
