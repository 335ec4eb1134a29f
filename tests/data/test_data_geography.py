"""Geography tests on the real data: every point lies where its row says it is.

Invariants, not counts: a correct new row keeps them true.

- Sites, events and places lie in the country their row names or implies
  (sites in Iraq; an event at a named place where that place is; a place in the
  country GeoNames or Natural Earth give for it; Iraq otherwise). ``off_region``
  rows are skipped.
- A crossing lies on the border line (its drawn point is the border point
  nearest the position it was drawn from), within its ring; its governorate and
  province are the ones the layers put it in, spelled as the layers spell them.
- Every stand-in ring holds every position the sources give for it.
"""

from __future__ import annotations

import re

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from shapely.geometry import Point

from lib.data.catalog import Catalog
from lib.data.paths import GEODATA_DIR
from lib.geo.rings import distance_km, distance_to_line_km, nearest_point_on_line

#: A drawn crossing counts as on the line within this distance (the CSV keeps 4 decimals, ~11 m).
ON_LINE_KM = 0.05
#: Disc around a crossing (on the line) in which to look for the layers' areas, degrees (~200 m).
SIDE_BUFFER_DEG = 0.002
COUNTRY_CODES = {"IQ": "Iraq", "IR": "Iran", "SY": "Syria", "TR": "Turkey", "KW": "Kuwait"}


def _norm(text: object) -> str:
    return re.sub(r"\s*\(.*?\)", "", str(text or "")).strip().casefold()


@pytest.fixture(scope="module")
def areas(catalog: Catalog) -> dict[str, gpd.GeoDataFrame]:
    get = catalog.boundaries.get
    return {
        "countries": get("countries", "detail"),
        "neighbours": get("neighbours", "detail"),
        "governorates": get("governorates", "detail"),
        "provinces": get("iran_border_provinces", "detail"),
    }


@pytest.fixture(scope="module")
def border_line(catalog: Catalog) -> shapely.Geometry:
    return catalog.boundaries.get("border", "detail").geometry.iloc[0]


def _names_at(frame: gpd.GeoDataFrame, geometry: shapely.Geometry) -> set[str]:
    return {n for n, g in zip(frame["name"], frame.geometry, strict=True) if g.intersects(geometry)}


def _country_at(areas: dict[str, gpd.GeoDataFrame], lon: float, lat: float) -> set[str]:
    point = Point(lon, lat)
    return _names_at(areas["countries"], point) | _names_at(areas["neighbours"], point)


@pytest.fixture(scope="module")
def place_countries(catalog: Catalog) -> dict[str, str]:
    """Country of every name a place row goes by, from GeoNames (by id) or Natural Earth (by name)."""
    towns = catalog.gazetteer
    by_id = dict(zip(towns["geonameid"].astype(str), towns["country_code"], strict=True))
    natural_earth = gpd.read_file(
        GEODATA_DIR / "raw" / "naturalearth_10m_populated_places_region.geojson"
    )
    by_name = {
        _norm(n): c for n, c in zip(natural_earth["NAME"], natural_earth["ADM0NAME"], strict=True)
    }
    by_name |= {
        _norm(n): c
        for n, c in zip(natural_earth["NAME_EN"], natural_earth["ADM0NAME"], strict=True)
    }
    countries: dict[str, str] = {}
    for record in catalog.curated.places.to_dict("records"):
        names = [record["name"], *(record.get("aliases") or ())]
        found = re.search(r"GeoNames (\d+)", str(record["coord_basis"]))
        country = None
        if found and found.group(1) in by_id:
            code = by_id[found.group(1)]
            country = COUNTRY_CODES.get(code, code)
        country = country or next((by_name[_norm(n)] for n in names if _norm(n) in by_name), None)
        for name in names:
            countries[_norm(name)] = country or "Iraq"
    return countries


def _rows(frame: gpd.GeoDataFrame) -> list[tuple[dict, shapely.Geometry]]:
    records = frame.drop(columns="geometry").to_dict("records")
    return [(r, g) for r, g in zip(records, frame.geometry, strict=True) if g is not None]


def test_every_site_lies_in_iraq(catalog, areas):
    for record, point in _rows(catalog.curated.sites):
        assert _country_at(areas, point.x, point.y) == {"Iraq"}, record["site_id"]


def test_every_place_lies_in_its_country(catalog, areas, place_countries):
    for record, point in _rows(catalog.curated.places):
        if record.get("off_region"):
            continue
        expected = place_countries[_norm(record["name"])]
        assert _country_at(areas, point.x, point.y) == {expected}, (record["place_id"], expected)


def _crossing_named(catalog: Catalog, place: str) -> dict | None:
    for record in catalog.curated.crossings.to_dict("records"):
        names = {_norm(record["iraq_name"]), _norm(record["iran_name"])}
        names |= {_norm(part) for part in str(record["name"]).split("–")}
        if _norm(place) in names:
            return record
    return None


def test_every_event_lies_where_its_place_is(catalog, areas, place_countries, border_line):
    for record, point in _rows(catalog.curated.events):
        if record.get("off_region"):
            continue
        place = str(record["place"]).split(";")[0]
        crossing = _crossing_named(catalog, place)
        if crossing is not None and crossing["lat"] is not None:
            # At a crossing: within the crossing's ring, so on the border within it too.
            away = distance_km(point.x, point.y, crossing["lon"], crossing["lat"])
            assert away <= crossing["ring_km"], (record["event_id"], away)
            assert distance_to_line_km(border_line, point.x, point.y) <= crossing["ring_km"]
            continue
        expected = place_countries.get(_norm(place), "Iraq")
        assert _country_at(areas, point.x, point.y) == {expected}, (record["event_id"], expected)


def test_every_crossing_lies_on_the_border_line_within_its_ring(catalog, border_line):
    drawn = catalog.curated.crossings[catalog.curated.crossings.geometry.notna()]
    assert len(drawn) > 0
    for record, point in _rows(drawn):
        assert record["precision"] != "site" and record["ring_km"] > 0, record["crossing_id"]
        away = distance_to_line_km(border_line, point.x, point.y)
        assert away <= min(ON_LINE_KM, record["ring_km"]), (record["crossing_id"], away)
        assert "nearest point of the OSM border line" in record["coord_basis"]


def test_every_crossing_is_drawn_from_a_recorded_position(catalog, border_line):
    """Reproducible: the drawn point is the border point nearest its ``drawn_from`` position."""
    positions = catalog.curated.source_positions
    for record, point in _rows(catalog.curated.crossings):
        mine = positions[
            (positions["kind"] == "crossing") & (positions["ref"] == record["crossing_id"])
        ]
        origin = mine[mine["drawn_from"].fillna("").astype(bool)]
        assert len(origin) == 1, record["crossing_id"]
        nearest = nearest_point_on_line(border_line, origin["lon"].iloc[0], origin["lat"].iloc[0])
        moved = distance_km(point.x, point.y, nearest.lon, nearest.lat)
        assert moved <= ON_LINE_KM, (record["crossing_id"], moved)


def _alternatives(text: str) -> set[str]:
    return {part.strip() for part in str(text).split(" or ")}


def test_crossing_governorates_and_provinces_are_the_layers_at_the_point(catalog, areas):
    governorates, provinces = set(areas["governorates"]["name"]), set(areas["provinces"]["name"])
    for record in catalog.curated.crossings.to_dict("records"):
        named_gov = _alternatives(record["iraq_governorate"])
        named_prov = _alternatives(record["iran_province"])
        # Spelled exactly as the layers spell them, with or without a coordinate.
        assert named_gov <= governorates, (record["crossing_id"], named_gov)
        assert named_prov <= provinces, (record["crossing_id"], named_prov)
        if record["lat"] is None:
            continue
        disc = Point(record["lon"], record["lat"]).buffer(SIDE_BUFFER_DEG)
        assert _names_at(areas["governorates"], disc) & named_gov, record["crossing_id"]
        assert _names_at(areas["provinces"], disc) & named_prov, record["crossing_id"]


def _items(catalog: Catalog) -> dict[tuple[str, str], dict]:
    c = catalog.curated
    items = {("site", r["site_id"]): r for r in c.sites.to_dict("records")}
    items |= {("crossing", r["crossing_id"]): r for r in c.crossings.to_dict("records")}
    return items


def test_every_ring_holds_every_source_position(catalog):
    items = _items(catalog)
    positions = catalog.curated.source_positions
    assert len(positions) > 0
    for position in positions.to_dict("records"):
        item = items[(position["kind"], position["ref"])]
        if item["lat"] is None:
            continue
        assert item["precision"] != "site", position["position_id"]
        away = distance_km(item["lon"], item["lat"], position["lon"], position["lat"])
        assert away < item["ring_km"], (position["position_id"], away, item["ring_km"])


def test_every_site_source_position_lies_in_iraq(catalog, areas):
    positions = catalog.curated.source_positions
    for position in positions[positions["kind"] == "site"].to_dict("records"):
        country = _country_at(areas, position["lon"], position["lat"])
        assert country == {"Iraq"}, position["position_id"]


def test_rings_are_never_below_the_precision_default(catalog):
    from lib.geo.rings import DEFAULT_RING_KM

    for record in _items(catalog).values():
        if record["lat"] is not None and record["precision"] in DEFAULT_RING_KM:
            assert record["ring_km"] >= DEFAULT_RING_KM[record["precision"]]
        assert not pd.isna(record["ring_km"])


@pytest.mark.parametrize("lod", ["overview", "detail"])
def test_every_basemap_town_has_a_real_name(catalog, lod):
    # A missing English name once came through as the text "nan" and was drawn.
    names = catalog.boundaries.get("basemap_towns", lod)["name"]
    bad = [n for n in names if not isinstance(n, str) or n.strip().lower() in ("", "nan", "none")]
    assert bad == [] and len(names) > 0
