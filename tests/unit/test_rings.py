"""Unit tests of lib.geo.rings and the source-positions schema, on small data made here."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from pyproj import Geod
from shapely.geometry import LineString, MultiLineString, Point

from lib.data.curated import item_positions, with_rings
from lib.data.schemas import source_positions_schema
from lib.data.validation import read_table
from lib.geo.rings import (
    DEFAULT_RING_KM,
    RING_MARGIN_KM,
    distance_to_line_km,
    nearest_point_on_line,
    offset_point,
    ring_radius_km,
)
from tests.map_html import compact_keys

GEOD = Geod(ellps="WGS84")


def _km(lon1, lat1, lon2, lat2) -> float:
    return GEOD.inv(lon1, lat1, lon2, lat2)[2] / 1000.0


def test_ring_is_the_precision_default_without_positions():
    assert ring_radius_km("town", 45.0, 35.0) == DEFAULT_RING_KM["town"]
    assert ring_radius_km("area", 45.0, 35.0, []) == DEFAULT_RING_KM["area"]
    assert ring_radius_km("site", 45.0, 35.0) == 0.0
    assert ring_radius_km(None, 45.0, 35.0) == 0.0


def test_ring_reaches_the_farthest_position_plus_the_margin():
    near = offset_point(45.0, 35.0, 180, 10)
    far = offset_point(45.0, 35.0, 135, 23)
    radius = ring_radius_km("area", 45.0, 35.0, [near, far])
    assert radius == pytest.approx(23 + RING_MARGIN_KM, abs=1e-6)
    # Close positions leave the default alone.
    assert ring_radius_km("area", 45.0, 35.0, [near]) == DEFAULT_RING_KM["area"]
    # An exact site with a recorded position far away still gets a ring that holds it.
    assert ring_radius_km("site", 45.0, 35.0, [far]) == pytest.approx(24.0, abs=1e-6)


def test_offset_point_is_geodesic():
    lon, lat = offset_point(45.4329, 35.565, 225, 20)
    assert _km(45.4329, 35.565, lon, lat) == pytest.approx(20.0, abs=1e-6)
    assert lon < 45.4329 and lat < 35.565


def test_nearest_point_on_a_meridian_is_straight_across():
    line = LineString([(45.0, 30.0), (45.0, 40.0)])
    found = nearest_point_on_line(line, 45.1, 35.0)
    assert found.lon == pytest.approx(45.0, abs=1e-9)
    assert found.lat == pytest.approx(35.0, abs=1e-3)
    assert found.distance_km == pytest.approx(_km(45.1, 35.0, 45.0, 35.0), rel=1e-4)


def test_nearest_point_is_no_farther_than_any_point_of_the_line():
    line = LineString([(44.0, 36.0), (44.5, 36.3), (44.7, 35.8), (45.2, 35.9), (45.3, 36.6)])
    place = (44.9, 36.2)
    found = nearest_point_on_line(line, *place)
    assert line.distance(Point(found.lon, found.lat)) < 1e-9  # on the line
    assert found.distance_km == pytest.approx(_km(*place, found.lon, found.lat), abs=1e-9)
    dense = [line.interpolate(i / 4000, normalized=True) for i in range(4001)]
    brute = min(_km(*place, p.x, p.y) for p in dense)
    assert found.distance_km <= brute + 1e-6
    assert found.distance_km == pytest.approx(brute, abs=0.05)


def test_nearest_point_can_be_a_vertex_and_lines_may_be_multi():
    corner = MultiLineString([[(44.0, 35.0), (45.0, 35.0)], [(45.0, 35.0), (45.0, 34.0)]])
    found = nearest_point_on_line(corner, 45.2, 35.2)
    assert (found.lon, found.lat) == pytest.approx((45.0, 35.0), abs=1e-6)
    assert distance_to_line_km(corner, 45.2, 35.2) == pytest.approx(found.distance_km)


HEADER = "position_id,kind,ref,label,lat,lon,basis,drawn_from,confidence,sources\n"


def _positions(tmp_path: Path, rows: str):
    path = tmp_path / "source_positions.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return read_table(
        path,
        source_positions_schema(("camp-a",), ("gate-b",)),
        label="curated/source_positions.csv",
    )


def test_source_positions_name_known_items_only(tmp_path):
    table = _positions(
        tmp_path,
        "p1,site,camp-a,Town,35.5,45.4,town centre,,low,src\n"
        "p2,crossing,camp-a,Town,35.5,45.4,town centre,yes,low,src\n"
        "p3,site,camp-a,Far,5.5,45.4,typo,,low,src\n",
    )
    assert list(table.frame["position_id"]) == ["p1"]
    problems = {(i.file, i.item.split(" ")[0], i.field) for i in table.issues}
    assert ("curated/source_positions.csv", "p2", "ref") in problems
    assert ("curated/source_positions.csv", "p3", "lat/lon") in problems
    assert all("source_positions.csv" in i.message() for i in table.issues)


def test_with_rings_widens_only_the_rows_whose_positions_need_it(tmp_path):
    table = _positions(
        tmp_path,
        "p1,site,camp-a,30 km S,35.2297,45.0,30 km S of the stand-in,,low,src\n"
        "p2,crossing,gate-b,Town,35.01,45.0,town centre,yes,low,src\n",
    )
    sites = gpd.GeoDataFrame(
        {"site_id": ["camp-a", "camp-c"], "precision": ["area", "town"]},
        geometry=[Point(45.0, 35.5), Point(45.0, 35.0)],
        crs="EPSG:4326",
    )
    ringed = with_rings(sites, table.frame, "site", "site_id").set_index("site_id")
    assert ringed.loc["camp-a", "ring_km"] == pytest.approx(
        _km(45.0, 35.5, 45.0, 35.2297) + RING_MARGIN_KM
    )
    assert ringed.loc["camp-c", "ring_km"] == DEFAULT_RING_KM["town"]
    assert item_positions(table.frame, "crossing", "gate-b") == [(45.0, 35.01)]
    assert item_positions(pd.DataFrame(), "site", "camp-a") == []
    crossings = gpd.GeoDataFrame(
        {"crossing_id": ["gate-b", "gate-x"], "precision": ["area", None]},
        geometry=[Point(45.0, 35.0), None],
        crs="EPSG:4326",
    )
    ringed = with_rings(crossings, table.frame, "crossing", "crossing_id")
    assert list(ringed["ring_km"]) == [DEFAULT_RING_KM["area"], 0.0]


# --- the rings as drawn (real data) ------------------------------------------------------


def test_main_map_rings_every_stand_in_crossing_with_its_own_radius(catalog, all_filters):
    import re

    from lib.maps.main_map import build_main_map

    fmap, _ = build_main_map(catalog, all_filters)
    html = compact_keys(fmap.get_root().render())
    crossings = catalog.curated.crossings
    drawn = crossings[crossings.geometry.notna() & (crossings["precision"] != "site")]
    assert html.count('"className":"zb-ring-crossing"') == len(drawn) > 0
    radii = [
        float(r)
        for r in re.findall(r'"className":"zb-ring-crossing".*?"radius":([\d.]+)', html, re.S)
    ]
    assert sorted(radii) == pytest.approx(sorted(drawn["ring_km"] * 1000.0))
    # Sites keep their own ring class; Zrgwez's ring holds the 23 km SE position.
    sites = catalog.curated.sites.set_index("site_id")
    assert sites.loc["komala-zrgwez", "ring_km"] > 23.0
    assert f'"radius":{sites.loc["komala-zrgwez", "ring_km"] * 1000.0}' in html
    # Crossing popups give the ring, the precision and the coordinate's basis.
    assert "<th>Uncertainty ring</th><td>15 km radius" in html
    assert "nearest point of the OSM border line to Sardasht town (Iran; stand-in)" in html


def test_png_export_rings_crossings_and_sites_like_the_map(catalog, monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from lib.story import export_png as ex
    from lib.story.briefing import Step

    drawn: list[float] = []
    monkeypatch.setattr(
        ex, "_ring", lambda ax, lon, lat, radius_km, **style: drawn.append(radius_km)
    )
    fig, ax = plt.subplots()
    try:
        ex._point_features(ax, catalog, Step("t"), frozenset({"crossings"}))
        crossings = catalog.curated.crossings
        expected = crossings[crossings.geometry.notna()]["ring_km"]
        assert sorted(drawn) == pytest.approx(sorted(expected))
        drawn.clear()
        ex._point_features(ax, catalog, Step("t"), frozenset({"sites"}))
        assert sorted(drawn) == pytest.approx(sorted(catalog.curated.sites["ring_km"]))
    finally:
        plt.close(fig)
