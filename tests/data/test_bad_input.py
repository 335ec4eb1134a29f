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

from lib.data.boundaries import BASEMAP_LAYERS, BOUNDARY_LAYERS
from lib.data.catalog import load_catalog
from tests.bad_input_report import record

Corrupt = Callable[[Path], None]
LODS = ("detail", "overview")


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

# --- what a broken file may take with it ------------------------------------------------

#: The curated tables, by their field on ``CuratedData``.
TABLES = (
    "groups",
    "sites",
    "crossings",
    "events",
    "camp_counts",
    "published_border_lengths",
    "places",
    "claims",
    "disputed_districts",
    "source_positions",
)
#: Tables whose rows are checked against another file: breaking that file may drop rows.
TABLE_DEPENDS_ON = {
    "sites": {"curated/groups.csv"},
    "events": {"curated/groups.csv"},
    "source_positions": {"curated/sites.csv", "curated/crossings.csv", "curated/groups.csv"},
}
#: The files an annotation needs to resolve: its article and the layers it may name
#: (``lib.data.catalog.known_references``).
ANNOTATIONS_DEPEND_ON = {
    "articles/",
    "annotations/",
    *(f"curated/{t}.csv" for t in ("events", "sites", "crossings", "places", "groups", "claims")),
    *(f"layers/{layer}." for layer in BOUNDARY_LAYERS),
}


def _table_file(table: str) -> str:
    return f"curated/{table}.csv"


def _dependents(file: str) -> set[str]:
    """The files whose rows refer to ``file`` (and so may report its loss)."""
    tables = {_table_file(t) for t, needs in TABLE_DEPENDS_ON.items() if file in needs}
    if file.startswith(tuple(ANNOTATIONS_DEPEND_ON)):
        tables |= {f for f in FILES if f.startswith("annotations/")}
    return tables


def _layer_files() -> list[tuple[str, str]]:
    return [(layer, lod) for layer in (*BOUNDARY_LAYERS, *BASEMAP_LAYERS) for lod in LODS]


def _annotation_ids(catalog) -> set[str]:
    return {a.annotation.annotation_id for a in catalog.annotations}


@pytest.mark.parametrize(("file", "case"), CASES, ids=[f"{f}:{c}" for f, c in CASES])
def test_a_corrupted_file_gives_a_named_message_and_the_rest_loads(
    geodata_copy, catalog, file, case
):
    FILES[file][case](geodata_copy / file)
    broken = load_catalog(geodata_copy)  # must not raise
    named = [i for i in broken.issues if i.file == file]
    handled = named[0].message() if named else "no issue raised"
    record(file, case, handled)
    assert named, f"{case} in {file} went unnoticed"
    assert all(i.item and i.field and i.problem for i in named)
    # Only the broken file and the files that refer to it are blamed.
    blamed = {i.file for i in broken.issues} - {i.file for i in catalog.issues}
    assert blamed <= {file, *_dependents(file)}, blamed
    # Every layer the broken file does not feed still loads in full: compared with the
    # shipped data loaded the same way, so adding a correct row never breaks this test.
    for table in TABLES:
        if file == _table_file(table) or file in TABLE_DEPENDS_ON.get(table, set()):
            continue
        got, want = len(getattr(broken.curated, table)), len(getattr(catalog.curated, table))
        assert got == want, f"{table}: {got} rows of {want} after breaking {file}"
    for layer, lod in _layer_files():
        if file == f"layers/{layer}.{lod}.geojson":
            continue
        got, want = len(broken.boundaries.get(layer, lod)), len(catalog.boundaries.get(layer, lod))
        assert got == want, f"{layer}.{lod}: {got} features of {want} after breaking {file}"
    if not file.startswith("articles/"):
        assert broken.articles.keys() == catalog.articles.keys()
    if not file.startswith("raw/geonames"):
        assert len(broken.gazetteer) == len(catalog.gazetteer)
    # Annotations point into the curated and boundary layers: breaking one of those may
    # drop the passages on it, never add one; breaking anything else drops none.
    if file.startswith(tuple(ANNOTATIONS_DEPEND_ON)):
        assert _annotation_ids(broken) <= _annotation_ids(catalog)
    else:
        assert _annotation_ids(broken) == _annotation_ids(catalog)
