"""How the course shows a pandas table: valid HTML whose cells name their headers.

pandas' own notebook HTML (``DataFrame._repr_html_``) starts with a ``<style scoped>`` block,
which is invalid HTML in a page (the Nu Html Checker rejects the ``scoped`` attribute and the
block's selectors), gives its headers no ``scope``, and, when the index has a name, writes a
second header row holding only that name. A screen reader then cannot tell which column or row
a number belongs to. :func:`dataframe_html` takes pandas' HTML (same rows, columns,
truncation and number formats) and:

- drops the ``<style scoped>`` block and the presentational ``border``, ``style`` and
  ``halign`` (invalid) attributes
  (the site's style sheet, ``book/_static/a11y-fixes.css``, styles ``table.dataframe`` instead;
  JupyterLab has its own table style);
- adds ``scope="col"`` (``"colgroup"`` for a header spanning columns) to the column headers
  and ``scope="row"`` to the row headers;
- moves the index names into the corner of the last column-header row, so that the table
  has one header row where pandas wrote two (with a name of the columns, as in a pivot table
  or a crosstab, the corner names both: ``section / claim_type``).

:func:`register` installs it as IPython's HTML formatter for ``pandas.DataFrame``. Importing
``csto_course`` inside an IPython kernel calls it (see ``csto_course/__init__.py``): every
table a lesson or exercise shows, in JupyterLab and in the saved outputs the site is built
from, is then this HTML. Nothing else changes: a ``DataFrame`` stays a ``DataFrame``,
``print(df)`` prints the same text, and ``df.to_html()`` is pandas' own.
"""

from __future__ import annotations

import re
import sys
from typing import Any

_STYLE = re.compile(r"\s*<style scoped>.*?</style>\s*", re.S)
_THEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
_TBODY = re.compile(r"<tbody>(.*?)</tbody>", re.S)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)
_CELL = re.compile(r"<(th|td)\b([^>]*)>(.*?)</\1>", re.S)
_TH = re.compile(r"<th\b(?![^>]*\bscope=)([^>]*)>")


def _cells(row: str) -> list[tuple[str, str, str]]:
    return _CELL.findall(row)


def _one_header_row(thead: str) -> str:
    """Merge pandas' index-name row into the corner of the column-header row above it.

    The corner then names the rows; where the columns have a name too (a pivot table or a
    crosstab), it names both, rows first: ``section / claim_type``.
    """
    rows = _ROW.findall(thead)
    if len(rows) < 2:
        return thead
    names, above = _cells(rows[-1]), _cells(rows[-2])
    k = 0
    while k < len(names) and names[k][2].strip():
        k += 1
    is_name_row = 0 < k < len(names) and all(not c[2].strip() for c in names[k:])
    if not (is_name_row and len(above) == len(names)):
        return thead
    merged = []
    for i, (tag, attrs, text) in enumerate(above):
        if i < k:
            tag, text = "th", names[i][2] + (f" / {text.strip()}" if text.strip() else "")
        merged.append((tag, attrs, text))
    new_row = "<tr>\n" + "".join(f"      <{t}{a}>{x}</{t}>\n" for t, a, x in merged) + "    </tr>"
    blocks = list(_ROW.finditer(thead))
    start, end = blocks[-2].start(), blocks[-1].end()
    return thead[:start] + new_row + thead[end:]


def _scope(head: str, scope: str) -> str:
    def add(m: re.Match[str]) -> str:
        attrs = m.group(1)
        s = "colgroup" if scope == "col" and "colspan" in attrs else scope
        return f'<th scope="{s}"{attrs}>'

    return _TH.sub(add, head)


def accessible_table_html(html: str) -> str:
    """pandas' table HTML made valid and tied to its headers (see the module's docstring)."""
    out = _STYLE.sub("\n", html)
    out = out.replace('<table border="1" class="dataframe">', '<table class="dataframe">')
    out = out.replace('<tr style="text-align: right;">', "<tr>").replace(' halign="left"', "")
    out = _THEAD.sub(
        lambda m: "<thead>" + _scope(_one_header_row(m.group(1)), "col") + "</thead>", out
    )
    out = _TBODY.sub(lambda m: "<tbody>" + _scope(m.group(1), "row") + "</tbody>", out)
    # An empty corner cell is no header of anything: a data cell says so.
    return out.replace('<th scope="col"></th>', "<td></td>")


def dataframe_html(df: Any) -> str | None:
    """The HTML the course shows for a DataFrame (``None`` where pandas shows none)."""
    html = df._repr_html_()
    if html is None or "<table" not in html:
        return html
    return accessible_table_html(html)


def register(ipython: Any = None) -> bool:
    """Make ``dataframe_html`` IPython's HTML formatter for DataFrames; False outside IPython."""
    if ipython is None:
        if "IPython" not in sys.modules:
            return False
        ipython = sys.modules["IPython"].get_ipython()
    if ipython is None:
        return False
    import pandas as pd  # noqa: PLC0415 - only inside IPython

    ipython.display_formatter.formatters["text/html"].for_type(pd.DataFrame, dataframe_html)
    return True


from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
