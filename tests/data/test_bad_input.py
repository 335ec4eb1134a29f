"""Every data file, corrupted in every way that applies: a named message, never a crash.

Each case breaks one file in a copy of ``geodata/``, loads the catalog, and
checks that (1) nothing raises, (2) an issue names the file, the item, the
field and the problem, and (3) the other layers still load in full. The cases
and how each was handled are printed as a table at the end of the test run.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from lib.data.catalog import load_catalog
from tests.bad_input_report import record

Corrupt = Callable[[Path], None]


# --- CSV ------------------------------------------------------------------------------


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    return rows[0], rows[1:]


def _write_rows(path: Path, header: list[str], rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    path.write_text(out.getvalue(), encoding="utf-8")


def _set_cell(column: str, value: str) -> Corrupt:
    def corrupt(path: Path) -> None:
        header, rows = _rows(path)
        rows[0][header.index(column)] = value
        _write_rows(path, header, rows)

    return corrupt


def _swap(lat: str, lon: str) -> Corrupt:
    def corrupt(path: Path) -> None:
        header, rows = _rows(path)
        i, j = header.index(lat), header.index(lon)
        rows[0][i], rows[0][j] = rows[0][j], rows[0][i]
        _write_rows(path, header, rows)

    return corrupt


def _duplicate_first_row(path: Path) -> None:
    header, rows = _rows(path)
    _write_rows(path, header, [*rows, rows[0]])


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    cut = len(data) * 3 // 5
    while data[cut - 1 : cut] in (b"\n", b","):
        cut -= 1  # end mid-field, as a broken download does
    path.write_bytes(data[:cut])


def _wrong_encoding(path: Path) -> None:
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))


# --- GeoJSON --------------------------------------------------------------------------


def _edit_feature(change: Callable[[dict], None]) -> Corrupt:
    def corrupt(path: Path) -> None:
        document = json.loads(path.read_text(encoding="utf-8"))
        change(document["features"][0])
        path.write_text(json.dumps(document), encoding="utf-8")

    return corrupt


def _map_coords(geometry: dict, fn: Callable[[list], list]) -> dict:
    def walk(node):
        if isinstance(node, list) and node and isinstance(node[0], int | float):
            return fn(node)
        return [walk(n) for n in node]

    return {**geometry, "coordinates": walk(geometry["coordinates"])}


def _duplicate_feature(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    document["features"].append(document["features"][0])
    path.write_text(json.dumps(document), encoding="utf-8")


BOWTIE = {"type": "Polygon", "coordinates": [[[45, 35], [46, 36], [46, 35], [45, 36], [45, 35]]]}


def _geojson_cases() -> dict[str, Corrupt]:
    return {
        "truncated": _truncate,
        "wrong encoding": _wrong_encoding,
        "wrong type in a field": _edit_feature(lambda f: f["properties"].update(confidence=5)),
        "missing required field": _edit_feature(lambda f: f["properties"].pop("licence")),
        "duplicate id": _duplicate_feature,
        "invalid geometry": _edit_feature(lambda f: f.update(geometry=BOWTIE)),
        "empty geometry": _edit_feature(
            lambda f: f.update(geometry={"type": "Polygon", "coordinates": []})
        ),
        "coordinates outside the region": _edit_feature(
            lambda f: f.update(geometry=_map_coords(f["geometry"], lambda c: [c[0] - 40, c[1]]))
        ),
        "swapped lat/lon": _edit_feature(
            lambda f: f.update(geometry=_map_coords(f["geometry"], lambda c: [c[1], c[0]]))
        ),
    }


# --- the cases --------------------------------------------------------------------------


def _csv_cases(
    id_column: str | None,
    float_column: str | None,
    required: str,
    date_column: str | None = None,
    group_column: str | None = None,
    coords: bool = False,
) -> dict[str, Corrupt]:
    cases: dict[str, Corrupt] = {
        "truncated": _truncate,
        "wrong encoding": _wrong_encoding,
        "missing required field": _set_cell(required, ""),
        "duplicate id": _duplicate_first_row,
    }
    if float_column:
        cases["wrong type in a field"] = _set_cell(float_column, "north-east")
    if date_column:
        cases["impossible date"] = _set_cell(date_column, "2023-02-30")
    if group_column:
        cases["unknown group"] = _set_cell(group_column, "PKK")
    if coords:
        cases["coordinates outside the region"] = _set_cell("lat", "10.5")
        cases["swapped lat/lon"] = _swap("lat", "lon")
    return cases


FILES: dict[str, dict[str, Corrupt]] = {
    "curated/groups.csv": {
        **_csv_cases("group_id", None, "name"),
        "wrong type in a field": _set_cell("colour", "blue-ish"),
    },
    "curated/sites.csv": _csv_cases("site_id", "lat", "sources", "active_to", "group", coords=True),
    "curated/crossings.csv": _csv_cases("crossing_id", "lon", "status", coords=True),
    "curated/events.csv": _csv_cases("event_id", "lat", "title", "date", "groups", coords=True),
    "curated/places.csv": _csv_cases("place_id", "lat", "name", coords=True),
    "curated/source_positions.csv": {
        **_csv_cases("position_id", "lon", "basis", coords=True),
        "unknown id": _set_cell("ref", "no-such-site"),
    },
    "curated/claims.csv": {
        **_csv_cases("claim_id", None, "statement"),
        "wrong type in a field": _set_cell("kind", "42"),
    },
    "curated/camp_counts.csv": _csv_cases(None, None, "claim", "date"),
    "curated/published_border_lengths.csv": _csv_cases("figure_id", "figure_km", "by", "date"),
    "curated/disputed_districts.csv": {
        **_csv_cases("pcode", None, "sources"),
        "wrong type in a field": _set_cell("pcode", "north-east"),
    },
    "layers/border.detail.geojson": _geojson_cases(),
    "layers/kurdistan_region.overview.geojson": _geojson_cases(),
    "layers/governorates.overview.geojson": _geojson_cases(),
    "layers/disputed_territories.detail.geojson": _geojson_cases(),
    "layers/basemap_towns.overview.geojson": _geojson_cases(),
    "articles/peregraf-2025-08-16.toml": {
        "truncated": _truncate,
        "wrong encoding": _wrong_encoding,
        "missing required field": lambda p: p.write_text(
            p.read_text(encoding="utf-8").replace('title = "', 'headline = "', 1), encoding="utf-8"
        ),
        "impossible date": lambda p: p.write_text(
            p.read_text(encoding="utf-8").replace("2025-08-16T02:12", "2025-02-30T02:12"),
            encoding="utf-8",
        ),
        "wrong type in a field": lambda p: p.write_text(
            p.read_text(encoding="utf-8").split("paragraphs = [")[0] + "paragraphs = 5\n",
            encoding="utf-8",
        ),
    },
    "annotations/peregraf-2025-08-16.jsonld": {
        "truncated": _truncate,
        "wrong encoding": _wrong_encoding,
        "missing required field": lambda p: _edit_items(
            p, lambda i: i["target"]["selector"].pop("exact")
        ),
        "unknown group": lambda p: _edit_items(
            p, lambda i: i.update(body={"source": "zagros:group/PKK"})
        ),
        "duplicate id": lambda p: _edit_items(p, None),
    },
    "raw/geonames_places_region.csv": {
        "truncated": _truncate,
        "wrong encoding": _wrong_encoding,
        "wrong type in a field": _set_cell("latitude", "north"),
        "missing required field": lambda p: p.write_text(
            p.read_text(encoding="utf-8").replace("alternatenames", "othernames", 1),
            encoding="utf-8",
        ),
    },
}


def _edit_items(path: Path, change: Callable[[dict], None] | None) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    if change is None:
        document["items"].append(document["items"][0])
    else:
        change(document["items"][0])
    path.write_text(json.dumps(document), encoding="utf-8")


CASES = [(file, case) for file, cases in FILES.items() for case in cases]


@pytest.mark.parametrize(("file", "case"), CASES, ids=[f"{f}:{c}" for f, c in CASES])
def test_a_corrupted_file_gives_a_named_message_and_the_rest_loads(geodata_copy, file, case):
    FILES[file][case](geodata_copy / file)
    catalog = load_catalog(geodata_copy)  # must not raise
    named = [i for i in catalog.issues if i.file == file]
    handled = named[0].message() if named else "no issue raised"
    record(file, case, handled)
    assert named, f"{case} in {file} went unnoticed"
    assert all(i.item and i.field and i.problem for i in named)
    # Every other layer still loads in full.
    if not file.startswith("curated/sites"):
        assert len(catalog.curated.sites) == 9 or file == "curated/groups.csv"
    if not file.startswith("layers/border"):
        assert len(catalog.boundaries.get("border", "detail")) == 1
    if not file.startswith("layers/kurdistan"):
        assert len(catalog.boundaries.get("kurdistan_region", "overview")) == 1
    # Annotations point into the curated layers: breaking those drops the passages on them.
    if file.startswith(
        ("layers/basemap", "raw/", "curated/crossings", "curated/camp", "curated/pub")
    ):
        shipped = json.loads(
            (geodata_copy / "annotations" / "peregraf-2025-08-16.jsonld").read_text(
                encoding="utf-8"
            )
        )
        assert len(catalog.annotations) == len(shipped["items"])
