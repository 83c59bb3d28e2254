"""The course dataset: load its tables as typed, checked pandas DataFrames.

The data are a Frictionless Data Package (``datapackage.json`` plus one CSV per table). Every
table is checked against its schema when it is loaded (types, required values, allowed values,
ranges, patterns, unique keys and foreign keys); a problem raises :class:`DataError` naming the
file, the row (as numbered in the CSV file, the header being row 1), the field and the value.

>>> from csto_course import data
>>> data.list_tables()[:3]
['actors', 'aftermath', 'background']
>>> events = data.load("events")
>>> data.cite("reuters-2022-01-11-detained")
'Reuters, 11 January 2022'

Why the checks live here and not in frictionless: everything comes from ``datapackage.json``
(types, constraints, keys; no field is described in this module), but a student's install must
stay light, and frictionless brings more than twenty packages. So this module enforces the schema at
load, with a message a student or instructor can act on, and the tests validate the same package
with frictionless as well (``tests/test_data.py``), so the two cannot drift apart unnoticed.

Where the data are found, in order: the ``root=`` argument; the copy inside the installed
package (``csto_course/_data``, put there by the wheel); the repository's ``data/`` folder next
to ``src/`` (a clone or an editable install); the folder named by the environment variable
``CSTO_COURSE_DATA``.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import functools
import json
import os
import re
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["DataError", "list_tables", "load", "schema", "source", "cite", "data_dir"]

ENV_VAR = "CSTO_COURSE_DATA"
PACKAGE_FILE = "datapackage.json"
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INT = re.compile(r"^[+-]?\d+$")
#: Table Schema's default ``trueValues`` and ``falseValues`` (a field may give its own).
_TRUE = ["true", "True", "TRUE", "1"]
_FALSE = ["false", "False", "FALSE", "0"]


class DataError(Exception):
    """A table is unknown, missing or does not match its schema."""


# ----------------------------------------------------------------------------- locating data
def _candidates() -> list[tuple[str, Path]]:
    found: list[tuple[str, Path]] = []
    try:
        packaged = resources.files("csto_course") / "_data"
        if packaged.is_dir():
            found.append(("installed package", Path(str(packaged))))
    except (ModuleNotFoundError, TypeError, NotADirectoryError):  # pragma: no cover
        pass
    found.append(("repository", Path(__file__).resolve().parents[2] / "data"))
    env = os.environ.get(ENV_VAR)
    if env:
        found.append((f"${ENV_VAR}", Path(env).expanduser()))
    return found


def data_dir(root: str | os.PathLike[str] | None = None) -> Path:
    """The folder that holds ``datapackage.json`` (see the module docstring for the order)."""
    if root is not None:
        path = Path(root).expanduser().resolve()
        if not (path / PACKAGE_FILE).is_file():
            raise DataError(f"No {PACKAGE_FILE} in {path}.")
        return path
    tried = []
    for label, path in _candidates():
        if (path / PACKAGE_FILE).is_file():
            return path.resolve()
        tried.append(f"{label}: {path}")
    raise DataError(
        "Cannot find the course data (datapackage.json). Looked in: " + "; ".join(tried)
        + f". Set the environment variable {ENV_VAR} to the folder that holds it."
    )


@functools.lru_cache(maxsize=8)
def _package(folder: str, stamp: tuple[int, int]) -> dict[str, Any]:
    path = Path(folder) / PACKAGE_FILE
    try:
        pkg = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"{path}: cannot read the data package: {exc}") from None
    if not isinstance(pkg, dict) or not isinstance(pkg.get("resources"), list):
        raise DataError(f"{path}: not a data package (no list of resources).")
    return pkg


def _stamp(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (0, 0)
    return (st.st_mtime_ns, st.st_size)


def _load_package(root: str | os.PathLike[str] | None) -> tuple[Path, dict[str, Any]]:
    folder = data_dir(root)
    return folder, _package(str(folder), _stamp(folder / PACKAGE_FILE))


def _resource(name: str, root: str | os.PathLike[str] | None) -> tuple[Path, dict[str, Any]]:
    folder, pkg = _load_package(root)
    by_name = {r.get("name"): r for r in pkg["resources"]}
    if not isinstance(name, str) or name not in by_name:
        known = sorted(n for n in by_name if isinstance(n, str))
        close = difflib.get_close_matches(str(name), known, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise DataError(f"Unknown table {name!r}.{hint} The tables are: {', '.join(known)}.")
    return folder, by_name[name]


# ----------------------------------------------------------------------------- public API
def list_tables(root: str | os.PathLike[str] | None = None) -> list[str]:
    """The names of the tables, sorted."""
    _, pkg = _load_package(root)
    return sorted(r["name"] for r in pkg["resources"])


def schema(name: str, root: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The Table Schema of a table (a copy: fields, primaryKey, foreignKeys), plus its title
    and description."""
    _, res = _resource(name, root)
    out = json.loads(json.dumps(res["schema"]))
    out["title"] = res.get("title", name)
    out["description"] = res.get("description", "")
    return out


def load(name: str, root: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load a table as a typed DataFrame, checked against its schema.

    Dates are ``datetime64[ns]``, fields with a list of allowed values are ``category`` (with
    those categories, in that order), integers are ``int64`` (``Int64`` where values may be
    missing), booleans are ``bool`` (``boolean`` where values may be missing), text is the
    pandas string dtype. Each call returns a fresh copy, so changing it changes nothing else.
    """
    folder, res = _resource(name, root)
    csv_path = folder / res["path"]
    frame = _load_checked(str(folder), name, _stamp(folder / PACKAGE_FILE), _stamp(csv_path))
    return frame.copy(deep=True)


def source(source_id: str, root: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """One row of the ``sources`` table as a dict (missing values are ``None``, the date a
    :class:`datetime.date`)."""
    table = load("sources", root)
    hit = table[table["source_id"] == source_id]
    if hit.empty:
        known = table["source_id"].tolist()
        close = difflib.get_close_matches(str(source_id), known, n=3)
        hint = f" Close matches: {', '.join(close)}." if close else ""
        raise DataError(f"Unknown source_id {source_id!r} (not in sources.csv).{hint}")
    row = hit.iloc[0].to_dict()
    out: dict[str, Any] = {}
    for key, value in row.items():
        if value is None or value is pd.NaT or (not isinstance(value, str) and pd.isna(value)):
            out[key] = None
        elif isinstance(value, pd.Timestamp):
            out[key] = value.date()
        else:
            out[key] = value
    return out


def cite(source_id: str, root: str | os.PathLike[str] | None = None) -> str:
    """A short citation: outlet and date, e.g. ``'Reuters, 11 January 2022'``.

    Where the day is unknown the date is given as precisely as known ("TASS, January 2022");
    for the commentary the authors are named.
    """
    row = source(source_id, root)
    who = row["outlet"]
    if row.get("author"):
        surnames = [a.strip().split(" ", 1)[-1] for a in row["author"].split(";")]
        names = " and ".join(surnames) if len(surnames) <= 2 else f"{surnames[0]} et al."
        who = f"{names} ({row['outlet']})"
    when = _long_date(row["date"]) if row.get("date") else (row.get("date_text") or "n.d.")
    return f"{who}, {when}"


def _long_date(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


# ----------------------------------------------------------------------------- checking
def _where(file: str, row: int | None, field: str | None) -> str:
    parts = [file]
    if row is not None:
        parts.append(f"row {row}")
    if field is not None:
        parts.append(f"field {field!r}")
    return ", ".join(parts)


def _fail(file: str, row: int | None, field: str | None, problem: str) -> DataError:
    return DataError(f"{_where(file, row, field)}: {problem}")


def _read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    try:
        # utf-8-sig: a file re-saved by a spreadsheet program may start with a byte-order mark.
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.reader(f)
            header = next(reader, None)
            rows = list(reader)
    except FileNotFoundError:
        raise DataError(f"{path.name}: file not found in {path.parent}.") from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataError(f"{path.name}: cannot read the file as UTF-8 CSV: {exc}") from None
    if header is None:
        raise DataError(f"{path.name}: the file is empty (no header row).")
    return header, rows


def _check_header(file: str, header: list[str], fields: list[dict[str, Any]]) -> None:
    names = [f["name"] for f in fields]
    missing = [n for n in names if n not in header]
    if missing:
        raise _fail(file, 1, missing[0],
                    f"column {missing[0]!r} is missing from the header row "
                    f"(expected columns: {', '.join(names)}).")
    extra = [h for h in header if h not in names]
    if extra:
        raise _fail(file, 1, extra[0],
                    f"unexpected column {extra[0]!r} in the header row; the schema has no such "
                    f"field (expected columns: {', '.join(names)}).")
    dupes = [h for h in header if header.count(h) > 1]
    if dupes:
        raise _fail(file, 1, dupes[0], f"column {dupes[0]!r} appears twice in the header row.")


def _convert(file: str, field: dict[str, Any], raw: list[str], first_row: int,
             missing_values: set[str]) -> pd.Series:
    """Check one column of raw strings and return it typed."""
    name, ftype = field["name"], field.get("type", "string")
    cons = field.get("constraints", {})
    enum = cons.get("enum")
    values: list[Any] = []
    for i, text in enumerate(raw):
        row = first_row + i
        if text in missing_values:
            if cons.get("required"):
                raise _fail(file, row, name, "a value is required but the cell is empty.")
            values.append(None)
            continue
        values.append(_parse(file, row, name, ftype, text, field))
        if enum is not None and values[-1] not in enum:
            allowed = ", ".join(repr(v) for v in enum)
            raise _fail(file, row, name, f"value {text!r} is not one of the allowed values: "
                                         f"{allowed}.")
        _check_bounds(file, row, name, values[-1], text, cons)
    return _to_series(name, ftype, values, enum, bool(cons.get("required")))


def _parse(file: str, row: int, name: str, ftype: str, text: str, field: dict[str, Any]) -> Any:
    if ftype == "integer":
        if not _INT.match(text.strip()):
            raise _fail(file, row, name, f"value {text!r} is not a whole number.")
        return int(text)
    if ftype == "number":
        try:
            number = float(text)
        except ValueError:
            raise _fail(file, row, name, f"value {text!r} is not a number.") from None
        if not np.isfinite(number):
            raise _fail(file, row, name, f"value {text!r} is not a finite number.")
        return number
    if ftype == "boolean":
        if text in field.get("trueValues", _TRUE):
            return True
        if text in field.get("falseValues", _FALSE):
            return False
        raise _fail(file, row, name, f"value {text!r} is not a boolean (true or false).")
    if ftype == "date":
        if not _DATE.match(text):
            raise _fail(file, row, name, f"value {text!r} is not a date in the form YYYY-MM-DD.")
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise _fail(file, row, name, f"value {text!r} is not a valid date.") from None
    if ftype == "string":
        return text
    raise _fail(file, row, name, f"the schema gives an unsupported type {ftype!r}.")


def _check_bounds(file: str, row: int, name: str, value: Any, text: str,
                  cons: dict[str, Any]) -> None:
    if "minimum" in cons and value < cons["minimum"]:
        raise _fail(file, row, name, f"value {text!r} is below the minimum {cons['minimum']}.")
    if "maximum" in cons and value > cons["maximum"]:
        raise _fail(file, row, name, f"value {text!r} is above the maximum {cons['maximum']}.")
    if "pattern" in cons and not re.fullmatch(cons["pattern"], text):
        raise _fail(file, row, name,
                    f"value {text!r} does not match the pattern {cons['pattern']!r}.")


def _to_series(name: str, ftype: str, values: list[Any], enum: list[Any] | None,
               required: bool) -> pd.Series:
    if enum is not None and ftype == "string":
        return pd.Series(pd.Categorical(values, categories=enum), name=name)
    if ftype == "integer":
        if required:
            return pd.Series(values, name=name, dtype="int64")
        return pd.Series(pd.array(values, dtype="Int64"), name=name)
    if ftype == "number":
        return pd.Series([np.nan if v is None else v for v in values], name=name,
                         dtype="float64")
    if ftype == "boolean":
        if required:
            return pd.Series(values, name=name, dtype="bool")
        return pd.Series(pd.array(values, dtype="boolean"), name=name)
    if ftype == "date":
        stamps = pd.to_datetime(pd.Series([v for v in values], dtype="object"))
        return stamps.astype("datetime64[ns]").rename(name)
    return pd.Series(values, name=name, dtype="str")


def _check_keys(file: str, frame: pd.DataFrame, res: dict[str, Any]) -> None:
    sch = res["schema"]
    key = sch.get("primaryKey")
    if key:
        key = [key] if isinstance(key, str) else list(key)
        for col in key:
            blank = frame[col].isna()
            if blank.any():
                raise _fail(file, int(blank.to_numpy().argmax()) + 2, col,
                            "a primary-key value is required but the cell is empty.")
        dup = frame.duplicated(subset=key, keep="first")
        if dup.any():
            i = int(dup.to_numpy().argmax())
            first = int(frame.duplicated(subset=key, keep=False).to_numpy().argmax())
            value = ", ".join(str(frame[c].iloc[i]) for c in key)
            raise _fail(file, i + 2, key[0] if len(key) == 1 else "+".join(key),
                        f"duplicate primary key {value!r} (first used in row {first + 2}).")
    for field in sch["fields"]:
        if field.get("constraints", {}).get("unique") and field["name"] not in (key or []):
            col = frame[field["name"]]
            dup = col.duplicated(keep="first") & col.notna()
            if dup.any():
                i = int(dup.to_numpy().argmax())
                raise _fail(file, i + 2, field["name"],
                            f"value {col.iloc[i]!r} must be unique but appears again.")


def _check_foreign_keys(folder: str, file: str, name: str, frame: pd.DataFrame,
                        res: dict[str, Any]) -> None:
    for fk in res["schema"].get("foreignKeys", []):
        fields = fk["fields"]
        fields = [fields] if isinstance(fields, str) else list(fields)
        ref = fk["reference"]
        ref_name = ref.get("resource") or name
        ref_fields = ref["fields"]
        ref_fields = [ref_fields] if isinstance(ref_fields, str) else list(ref_fields)
        if ref_name == name:
            target = frame
        else:
            target = load(ref_name, folder)
        known = set(zip(*(target[c].astype(object) for c in ref_fields), strict=True))
        for i, values in enumerate(zip(*(frame[c].astype(object) for c in fields),
                                       strict=True)):
            if any(v is None or (not isinstance(v, str) and pd.isna(v)) for v in values):
                continue
            if values not in known:
                shown = values[0] if len(values) == 1 else values
                raise _fail(file, i + 2, fields[0],
                            f"value {shown!r} is not a {'/'.join(ref_fields)} of the "
                            f"{ref_name!r} table (foreign key).")


@functools.lru_cache(maxsize=64)
def _load_checked(folder: str, name: str, pkg_stamp: tuple[int, int],
                  csv_stamp: tuple[int, int]) -> pd.DataFrame:
    pkg = _package(folder, pkg_stamp)
    res = next(r for r in pkg["resources"] if r.get("name") == name)
    path = Path(folder) / res["path"]
    file = path.name
    sch = res.get("schema") or {}
    fields = sch.get("fields") or []
    header, rows = _read_rows(path)
    _check_header(file, header, fields)
    width = len(header)
    for i, row in enumerate(rows):
        if len(row) != width:
            if not row:
                raise _fail(file, i + 2, None, "blank line (every row needs all "
                                               f"{width} columns).")
            raise _fail(file, i + 2, None, f"has {len(row)} cells but the header has {width}.")
    missing_values = set(sch.get("missingValues", [""]))
    columns = {}
    for field in fields:
        j = header.index(field["name"])
        raw = [row[j] for row in rows]
        columns[field["name"]] = _convert(file, field, raw, 2, missing_values)
    frame = pd.DataFrame(columns, index=pd.RangeIndex(len(rows)))
    _check_keys(file, frame, res)
    _check_foreign_keys(folder, file, name, frame, res)
    frame.attrs["title"] = res.get("title", name)
    frame.attrs["source_file"] = file
    return frame


# A missing public name means the notebook is newer than this package: say what to run.
from csto_course.outdated import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr(__name__)
