"""Schemas for the project's tabular data files and the checks run when they load.

A data file is read row by row against a :class:`TableSchema`: a pydantic row
model (:class:`RowModel`, its cell types in :mod:`lib.data.cells`) reads each
cell, then the schema's row checks look across fields. A row that
breaks the schema is left out and reported as a :class:`DataIssue` naming the
file, the row, the field and the problem; the rest of the file still loads. A
file that cannot be read at all (missing, wrong encoding, broken CSV, missing
columns) loads as an empty table with one issue. Nothing here ever writes to a
data file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

#: Longitude/latitude box of the map region. Coordinates outside it are
#: almost always a typo or swapped latitude and longitude.
REGION_BOUNDS: tuple[float, float, float, float] = (36.0, 26.0, 52.0, 41.0)

CONFIDENCE_LEVELS: tuple[str, ...] = ("low", "medium", "high")
#: Location precision, finest first (as ACLED's geo-precision: the exact site, a town,
#: an area, a region); a stand-in coordinate gets a ring of its level's radius.
PRECISION_LEVELS: tuple[str, ...] = ("site", "town", "area", "region")
#: How precisely an event's date is known (``week``: any day of that Monday–Sunday week).
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year")


@dataclass(frozen=True)
class DataIssue:
    """One problem found in a data file.

    Attributes
    ----------
    file : str
        File name relative to ``geodata/`` (what a data editor opens).
    item : str
        The row or feature: its id when it has one, else ``row N`` / ``feature N``.
    field : str
        The column or property at fault, or ``"(file)"`` for whole-file problems.
    problem : str
        What is wrong, in words a data editor can act on.
    """

    file: str
    item: str
    field: str
    problem: str

    def message(self) -> str:
        """Return the issue as one readable sentence."""
        return f"{self.file} — {self.item}, field “{self.field}”: {self.problem}"


RowCheck = Callable[[dict[str, Any]], Iterable[tuple[str, str]]]


class IdColumn:
    """Marks the id field of a row model: ``Annotated[str, ..., IdColumn()]``.

    The id names the row in issues (``camp-a (line 4)``) and may not repeat.
    """

    def __repr__(self) -> str:
        return "IdColumn()"


class RowModel(BaseModel):
    """Base of the row models: one validated row of a tabular data file.

    Fields are the file's columns, in file order; their types (:mod:`lib.data.cells`)
    say how a cell's text is read and what an editor is told when it cannot be.
    Empty cells are left out before validation, so a field without a default is
    required and one with a default (``None``, ``()``, ``False``) is optional.
    """

    model_config = ConfigDict(frozen=True)


@dataclass(frozen=True)
class TableSchema:
    """The schema of one tabular data file.

    Attributes
    ----------
    name : str
        Layer name (``sites``, ``events``...).
    model : type of RowModel
        The row model: one field per column, in file order.
    row_checks : tuple of callables
        Checks across fields of a valid row; each yields ``(field, problem)``.
    """

    name: str
    model: type[RowModel]
    row_checks: tuple[RowCheck, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        """The column names, in file order."""
        return tuple(self.model.model_fields)

    @property
    def id_column(self) -> str | None:
        """Name of the id column, if the table has one."""
        return next(
            (
                name
                for name, info in self.model.model_fields.items()
                if any(isinstance(m, IdColumn) for m in info.metadata)
            ),
            None,
        )


@dataclass
class LoadedTable:
    """A table as loaded: the valid rows and the issues found.

    Attributes
    ----------
    frame : pandas.DataFrame
        The rows that passed validation, with parsed values.
    issues : list of DataIssue
        Everything that was wrong; rows named here are not in ``frame``.
    """

    frame: pd.DataFrame
    issues: list[DataIssue] = field(default_factory=list)


#: What an id may look like (ids reach addresses and HTML ids).
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")
_PARTIAL_DATE_RE = re.compile(r"^(\d{4})(s|-(\d{2})(-(\d{2}))?)?$")


def parse_partial_date(text: str) -> tuple[dt.date, dt.date]:
    """Parse a date of known precision into the interval it covers.

    Parameters
    ----------
    text : str
        ``YYYY``, ``YYYYs`` (a decade), ``YYYY-MM`` or ``YYYY-MM-DD``.

    Returns
    -------
    tuple of datetime.date
        The first and last day the text can mean.

    Raises
    ------
    ValueError
        If the text is not one of those forms or names a day that does not exist.
    """
    match = _PARTIAL_DATE_RE.match(text.strip())
    if not match:
        raise ValueError(f"“{text}” is not a date (use YYYY-MM-DD, YYYY-MM, YYYY or YYYYs)")
    year = int(match.group(1))
    if match.group(2) == "s":
        if year % 10:
            raise ValueError(f"“{text}” is not a decade")
        return dt.date(year, 1, 1), dt.date(year + 9, 12, 31)
    if match.group(3) is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(match.group(3))
    if not 1 <= month <= 12:
        raise ValueError(f"“{text}” has no month {month}")
    if match.group(5) is None:
        first = dt.date(year, month, 1)
        next_month = dt.date(year + month // 12, month % 12 + 1, 1)
        return first, next_month - dt.timedelta(days=1)
    try:
        day = dt.date(year, month, int(match.group(5)))
    except ValueError:
        raise ValueError(f"“{text}” is not a date: that day does not exist") from None
    return day, day


def precision_interval(date: str | dt.date, precision: str) -> tuple[dt.date, dt.date]:
    """The days an event's date of a given precision covers.

    Parameters
    ----------
    date : str or datetime.date
        A partial date (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``) or a day.
    precision : str
        One of :data:`DATE_PRECISIONS`; ``week`` widens a day to its Monday–Sunday
        week. Any other precision (day, month, year) keeps the interval the date text
        itself spells, as the filters always have.

    Returns
    -------
    tuple of datetime.date
        First and last day.

    Raises
    ------
    ValueError
        If the date is not a date.
    """
    if isinstance(date, dt.date):
        first, last = date, date
    else:
        first, last = parse_partial_date(date)
    if precision == "week":
        # A week is only meaningful around a day: the first day of the text stands for it.
        monday = first - dt.timedelta(days=first.weekday())
        return monday, monday + dt.timedelta(days=6)
    return first, last


def _problem(error: ErrorDetails) -> str:
    """The words of one pydantic error: the cell type's own message, or "required"."""
    if error["type"] == "missing":
        return "required but empty"
    reason = error.get("ctx", {}).get("error")
    return str(reason) if reason is not None else error["msg"]


# Bounded: schemas given known ids (sites_schema...) make a model per set of ids.
@lru_cache(maxsize=64)
def _rows_adapter(model: type[RowModel]) -> TypeAdapter[list[RowModel]]:
    """Validates a whole file's rows in one call."""
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def _as_row(model: RowModel) -> dict[str, Any]:
    # A row model holds its fields in __dict__ (no private attributes): a plain
    # copy is several times faster than iterating the model.
    return dict(vars(model))


def _errors(exc: ValidationError) -> list[tuple[str, str]]:
    """``(field, problem)`` of each error of one row, in column order."""
    return [
        (str(e["loc"][0]) if e["loc"] else "(row)", _problem(e))
        for e in exc.errors(include_url=False)
    ]


def parse_rows(
    schema: TableSchema, rows: Sequence[Mapping[str, str]]
) -> list[tuple[dict[str, Any] | None, list[tuple[str, str]]]]:
    """Read rows' cells with the schema's row model (the row checks are not run).

    Parameters
    ----------
    schema : TableSchema
        The table's schema.
    rows : sequence of mappings of str to str
        Each row's raw text by column (other columns are ignored).

    Returns
    -------
    list of tuple
        Per row, the parsed row, or None with a ``(field, problem)`` for every bad
        cell, in column order.
    """
    columns = schema.columns
    # An empty cell is left out, so pydantic reports a required one as missing.
    values = [
        {name: text for name in columns if (text := cells.get(name, "").strip())} for cells in rows
    ]
    try:
        # One call for the whole file: the usual case, every row valid.
        models = _rows_adapter(schema.model).validate_python(values)
        return [(_as_row(model), []) for model in models]
    except ValidationError:
        pass
    parsed: list[tuple[dict[str, Any] | None, list[tuple[str, str]]]] = []
    for row in values:
        try:
            parsed.append((_as_row(schema.model.model_validate(row)), []))
        except ValidationError as exc:
            parsed.append((None, _errors(exc)))
    return parsed


def read_table(path: Path, schema: TableSchema, label: str | None = None) -> LoadedTable:
    """Read and validate a UTF-8 CSV file against a schema.

    Parameters
    ----------
    path : pathlib.Path
        The CSV file.
    schema : TableSchema
        What the file must hold.
    label : str, optional
        How issues name the file (default: the file name).

    Returns
    -------
    LoadedTable
        Valid rows (parsed) and the issues; never raises for bad content.
    """
    label = label or path.name
    columns = list(schema.columns)
    empty = LoadedTable(pd.DataFrame(columns=columns, dtype=object))
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        empty.issues.append(DataIssue(label, "(file)", "(file)", "file not found"))
        return empty
    except UnicodeDecodeError as exc:
        empty.issues.append(
            DataIssue(label, "(file)", "(file)", f"not UTF-8 text (bad byte at offset {exc.start})")
        )
        return empty
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        empty.issues.append(DataIssue(label, "(file)", "(file)", f"not valid CSV: {exc}"))
        return empty
    if not rows:
        empty.issues.append(DataIssue(label, "(file)", "(file)", "file is empty"))
        return empty
    # A file cut short (a broken download or save) ends mid-line; its last row
    # may look complete but hold half a value, so it is reported and left out.
    last = 0
    unterminated = not text.endswith(("\n", "\r"))
    if unterminated and len(rows) > 1:
        last = len(rows)
        rows = rows[:-1]
    header = [h.strip() for h in rows[0]]
    missing = [c for c in columns if c not in header]
    if missing:
        empty.issues.append(
            DataIssue(label, "(header)", ", ".join(missing), "required column(s) missing")
        )
        return empty

    issues: list[DataIssue] = []
    parsed: list[dict[str, Any]] = []
    seen_ids: dict[object, int] = {}
    id_column = schema.id_column
    lines = [
        (number, cells, dict(zip(header, cells, strict=False)))
        for number, cells in enumerate(rows[1:], start=2)
        if any(cell.strip() for cell in cells)
    ]
    read = parse_rows(schema, [raw for _, _, raw in lines])
    for (number, cells, raw), (row, problems) in zip(lines, read, strict=True):
        item = (raw.get(id_column) or "").strip() if id_column else ""
        item = f"{item[:60]} (line {number})" if item else f"line {number}"
        row_issues: list[DataIssue] = []
        if len(cells) != len(header):
            row_issues.append(
                DataIssue(
                    label,
                    item,
                    "(row)",
                    f"has {len(cells)} fields, the header has {len(header)} (truncated line?)",
                )
            )
        row_issues.extend(DataIssue(label, item, f, p) for f, p in problems)
        if row is not None and not row_issues:
            for check in schema.row_checks:
                row_issues.extend(DataIssue(label, item, f, p) for f, p in check(row))
        if row is not None and not row_issues:
            # Tables without ids may still not repeat a row word for word.
            key = row[id_column] if id_column else tuple(c.strip() for c in cells)
            if key in seen_ids:
                what = "duplicate id" if id_column else "duplicate row"
                row_issues.append(
                    DataIssue(
                        label,
                        item,
                        id_column or "(row)",
                        f"{what}, first used on line {seen_ids[key]}",
                    )
                )
            else:
                seen_ids[key] = number
        if row is None or row_issues:
            issues.extend(row_issues)
        else:
            parsed.append(row)
    if unterminated and len(rows) >= 1 and last > len(rows):
        issues.append(
            DataIssue(
                label,
                f"line {last}",
                "(row)",
                "the file does not end with a line break: it looks cut short, so its last "
                "line was left out",
            )
        )
    # object dtype keeps empty cells as None rather than NaN.
    frame = pd.DataFrame(parsed, columns=columns, dtype=object)
    return LoadedTable(frame, issues)


def check_region(
    lat_field: str = "lat",
    lon_field: str = "lon",
    allow_flag: str | None = None,
) -> RowCheck:
    """Build a row check that the coordinate lies in the map region.

    Parameters
    ----------
    lat_field, lon_field : str
        Column names of the coordinate.
    allow_flag : str, optional
        A flag column that, when ``yes``, declares the place to be outside the
        region on purpose (an event in New York, say).

    Returns
    -------
    callable
        The row check.
    """
    west, south, east, north = REGION_BOUNDS

    def check(row: dict[str, Any]) -> Iterable[tuple[str, str]]:
        lat, lon = row.get(lat_field), row.get(lon_field)
        if (lat is None) != (lon is None):
            yield (lat_field if lat is None else lon_field, "coordinate has only one of lat/lon")
            return
        if lat is None or (allow_flag and row.get(allow_flag)):
            return
        if not (west <= lon <= east and south <= lat <= north):
            swapped = west <= lat <= east and south <= lon <= north
            hint = " — latitude and longitude look swapped" if swapped else ""
            yield (
                f"{lat_field}/{lon_field}",
                f"({lat}, {lon}) is outside the map region "
                f"(lon {west:g}–{east:g}, lat {south:g}–{north:g}){hint}",
            )

    return check


def check_date_order(first: str, last: str) -> RowCheck:
    """Build a row check that a partial date range does not run backwards.

    Parameters
    ----------
    first, last : str
        Column names of the start and end (partial dates, may be empty).

    Returns
    -------
    callable
        The row check.
    """

    def check(row: dict[str, Any]) -> Iterable[tuple[str, str]]:
        if row.get(first) and row.get(last):
            start, _ = parse_partial_date(row[first])
            _, end = parse_partial_date(row[last])
            if end < start:
                yield (last, f"{row[last]} is before {first} {row[first]}")

    return check
