"""csto_course.tables: the HTML the course shows for a DataFrame is valid and names its headers."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from IPython.core.interactiveshell import InteractiveShell

from csto_course import tables


def _rows(html: str, part: str) -> list[str]:
    body = re.search(rf"<{part}>(.*?)</{part}>", html, re.S).group(1)
    return re.findall(r"<tr\b[^>]*>(.*?)</tr>", body, re.S)


@pytest.fixture
def named() -> pd.DataFrame:
    return pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}, index=pd.Index(["r1", "r2"], name="id"))


def test_no_style_block_and_no_presentational_attributes(named: pd.DataFrame) -> None:
    raw = named._repr_html_()
    assert "<style scoped>" in raw and 'border="1"' in raw  # what pandas writes
    html = tables.dataframe_html(named)
    assert "<style" not in html and "border=" not in html and "style=" not in html
    assert '<table class="dataframe">' in html


def test_every_header_has_a_scope(named: pd.DataFrame) -> None:
    html = tables.dataframe_html(named)
    heads = re.findall(r"<th\b[^>]*>", html)
    assert heads and all("scope=" in h for h in heads), heads
    assert all('scope="col"' in r for r in re.findall(r"<th\b[^>]*>", _rows(html, "thead")[0]))
    for row in _rows(html, "tbody"):
        assert row.strip().startswith('<th scope="row">'), row


def test_the_index_name_row_joins_the_column_row(named: pd.DataFrame) -> None:
    assert len(_rows(named._repr_html_(), "thead")) == 2  # pandas: names, then "id" alone
    rows = _rows(tables.dataframe_html(named), "thead")
    assert len(rows) == 1
    assert re.findall(r"<th[^>]*>(.*?)</th>", rows[0]) == ["id", "a", "b"]


def test_a_crosstab_has_one_header_row_naming_rows_and_columns() -> None:
    df = pd.DataFrame({"section": ["a", "a", "b"], "kind": ["x", "y", "x"]})
    table = pd.crosstab(df["section"], df["kind"])
    assert len(_rows(table._repr_html_(), "thead")) == 2
    rows = _rows(tables.dataframe_html(table), "thead")
    assert len(rows) == 1
    assert re.findall(r"<th[^>]*>(.*?)</th>", rows[0]) == ["section / kind", "x", "y"]
    assert "<td" not in rows[0]


def test_an_unnamed_index_leaves_an_empty_data_corner() -> None:
    html = tables.dataframe_html(pd.DataFrame({"a": [1.5, 2.0]}))
    assert "<th></th>" not in html and '<th scope="col"></th>' not in html
    assert _rows(html, "thead")[0].strip().startswith("<td></td>")


def test_spanning_headers_are_column_groups() -> None:
    cols = pd.MultiIndex.from_tuples([("A", "x"), ("A", "y"), ("B", "x")])
    html = tables.dataframe_html(pd.DataFrame([[1, 2, 3]], columns=cols))
    assert 'scope="colgroup" colspan="2">A</th>' in html
    assert "halign" not in html


def test_the_same_cells_as_pandas(named: pd.DataFrame) -> None:
    """Only markup changes: every cell's text is pandas' own (the index name moves up)."""
    big = pd.DataFrame({"n": range(500), "t": ["a long text " * 10] * 500})
    for df in (named, big):
        cells = re.compile(r"<(th|td)\b[^>]*>(.*?)</\1>", re.S)
        ours = [c for _, c in cells.findall(tables.dataframe_html(df)) if c]
        theirs = [c for _, c in cells.findall(df._repr_html_()) if c]
        assert sorted(ours) == sorted(theirs)
        body = "".join(_rows(tables.dataframe_html(df), "tbody"))
        assert [c for _, c in cells.findall(body)] == [
            c for _, c in cells.findall("".join(_rows(df._repr_html_(), "tbody")))
        ]


def test_registered_in_an_ipython_shell_only_for_display(named: pd.DataFrame) -> None:
    shell = InteractiveShell.instance()
    try:
        assert tables.register(shell) is True
        data, _ = shell.display_formatter.format(named)
        assert data["text/html"] == tables.dataframe_html(named)
        assert data["text/plain"] == repr(named)  # the text a student prints is unchanged
        assert named._repr_html_().startswith("<div>\n<style scoped>")  # pandas untouched
    finally:
        InteractiveShell.clear_instance()


def test_register_outside_ipython_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(__import__("sys").modules, "IPython", raising=False)
    assert tables.register() is False
