"""Unit tests for the table schema checks in lib.data.validation and the cell types of lib.data.cells."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lib.data.cells import Flag, HexColour, Id, IsoDate, PartialDate, Text, list_of, number, one_of
from lib.data.validation import (
    RowModel,
    TableSchema,
    check_date_order,
    check_region,
    parse_partial_date,
    read_table,
)


class Thing(RowModel):
    thing_id: Id
    name: Text
    kind: one_of(("a", "b"))
    when: PartialDate | None = None
    until: PartialDate | None = None
    lat: number(-90, 90)
    lon: number(-180, 180)


SCHEMA = TableSchema(
    "things", Thing, row_checks=(check_region(), check_date_order("when", "until"))
)
HEADER = "thing_id,name,kind,when,until,lat,lon\n"


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "things.csv"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
        ("1980s", dt.date(1980, 1, 1), dt.date(1989, 12, 31)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2023-12", dt.date(2023, 12, 1), dt.date(2023, 12, 31)),
        ("2023-09-18", dt.date(2023, 9, 18), dt.date(2023, 9, 18)),
    ],
)
def test_partial_dates_cover_their_interval(text, first, last):
    assert parse_partial_date(text) == (first, last)


@pytest.mark.parametrize("text", ["2023-02-30", "2023-13", "1985s", "soon", "23-09-18"])
def test_impossible_or_malformed_dates_are_refused(text):
    with pytest.raises(ValueError):
        parse_partial_date(text)


def test_valid_rows_load_with_parsed_values(tmp_path):
    table = read_table(write(tmp_path, HEADER + "x1,One,a,2023-09,,36.1,44.6\n"), SCHEMA)
    assert table.issues == []
    row = table.frame.iloc[0]
    assert row["lat"] == 36.1 and row["until"] is None


@pytest.mark.parametrize(
    ("line", "field", "words"),
    [
        ("x1,One,c,,,36.1,44.6", "kind", "not one of a, b"),
        ("x1,,a,,,36.1,44.6", "name", "required but empty"),
        ("x1,One,a,,,north,44.6", "lat", "not a number"),
        ("x1,One,a,2023-02-30,,36.1,44.6", "when", "not a date"),
        ("x1,One,a,2024,2023,36.1,44.6", "until", "is before"),
        ("x1,One,a,,,44.6,36.1", "lat/lon", "look swapped"),
        ("x1,One,a,,,10.0,10.0", "lat/lon", "outside the map region"),
        ("x1,One,a,,,36.1", "lon", "required but empty"),
        ("bad id!,One,a,,,36.1,44.6", "thing_id", "is not an id"),
    ],
)
def test_bad_rows_are_reported_by_row_and_field_and_left_out(tmp_path, line, field, words):
    text = HEADER + "ok1,Fine,a,,,36.1,44.6\n" + line + "\n"
    table = read_table(write(tmp_path, text), SCHEMA, label="curated/things.csv")
    assert list(table.frame["thing_id"]) == ["ok1"]
    assert any(i.field == field and words in i.problem for i in table.issues), table.issues
    assert all(i.file == "curated/things.csv" and "line 3" in i.item for i in table.issues)


def test_duplicate_ids_keep_the_first_row(tmp_path):
    text = HEADER + "x1,One,a,,,36.1,44.6\nx1,Two,b,,,36.2,44.7\n"
    table = read_table(write(tmp_path, text), SCHEMA)
    assert list(table.frame["name"]) == ["One"]
    assert table.issues[0].field == "thing_id" and "duplicate id" in table.issues[0].problem


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "file not found"),
        ("", "file is empty"),
        ("thing_id,name\nx1,One\n", "required column(s) missing"),
        (HEADER + 'x1,"One,a,,,36.1,44.6\n', "not valid CSV"),
    ],
)
def test_unreadable_files_give_one_file_issue_and_an_empty_table(tmp_path, content, words):
    path = tmp_path / "things.csv"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    table = read_table(path, SCHEMA)
    assert table.frame.empty
    assert len(table.issues) == 1 and words in table.issues[0].problem


def test_wrong_encoding_is_named(tmp_path):
    table = read_table(write(tmp_path, HEADER + "x1,Köya,a,,,36.1,44.6\n", "latin-1"), SCHEMA)
    assert table.frame.empty and "not UTF-8" in table.issues[0].problem


def test_the_schema_names_its_columns_in_file_order_and_its_id():
    assert SCHEMA.columns == ("thing_id", "name", "kind", "when", "until", "lat", "lon")
    assert SCHEMA.id_column == "thing_id"


def test_every_bad_cell_of_a_row_is_reported_in_column_order_with_its_words(tmp_path):
    text = HEADER + "x1,,c,2023-02-30,,north,1e400\n"
    table = read_table(write(tmp_path, text), SCHEMA, label="curated/things.csv")
    assert [i.message() for i in table.issues] == [
        "curated/things.csv — x1 (line 2), field “name”: required but empty",
        "curated/things.csv — x1 (line 2), field “kind”: “c” is not one of a, b",
        "curated/things.csv — x1 (line 2), field “when”: “2023-02-30” is not a date: "
        "that day does not exist",
        "curated/things.csv — x1 (line 2), field “lat”: “north” is not a number",
        "curated/things.csv — x1 (line 2), field “lon”: 1e400 is outside -180…180",
    ]


class Tagged(RowModel):
    tag_id: Id
    colour: HexColour
    tags: list_of(("red", "blue")) = ()
    hidden: Flag = False
    day: IsoDate | None = None


@pytest.mark.parametrize(
    ("line", "field", "problem"),
    [
        ("t1,#12345g,,,", "colour", "“#12345g” is not a #RRGGBB colour"),
        ("t1,#123456,red;green,,", "tags", "unknown value(s) 'green'; known: red, blue"),
        ("t1,#123456,,maybe,", "hidden", "“maybe” must be yes, no or empty"),
        ("t1,#123456,,,2023-9-1", "day", "“2023-9-1” is not a real date (YYYY-MM-DD)"),
    ],
)
def test_cell_types_say_what_is_wrong(tmp_path, line, field, problem):
    schema = TableSchema("tags", Tagged)
    table = read_table(write(tmp_path, "tag_id,colour,tags,hidden,day\n" + line + "\n"), schema)
    assert [(i.field, i.problem) for i in table.issues] == [(field, problem)]


def test_empty_optional_cells_take_their_defaults(tmp_path):
    schema = TableSchema("tags", Tagged)
    table = read_table(write(tmp_path, "tag_id,colour,tags,hidden,day\nt1,#123456,,,\n"), schema)
    row = table.frame.iloc[0]
    assert row["tags"] == () and row["hidden"] is False and row["day"] is None
