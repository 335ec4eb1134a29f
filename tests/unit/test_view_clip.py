"""Detail bounded by the view: geometry cut to a window, and a map drawn at a view.

Fixture geometry made here (squares and lines in degrees), and the tiny catalog of
:mod:`tests.unit.tiny_catalog` for the drawn map.
"""

from __future__ import annotations

import json
import re

import pytest
import shapely
from shapely.geometry import LineString, Point, Polygon, box

from lib.geo.clip import clip_for_view
from lib.maps.main_map import build_main_map
from lib.maps.windowed import drawn_parts, part_style
from lib.model.map_view import MapView, ViewWindow, view_bounds, view_window
from tests.unit.tiny_catalog import everything, tiny_catalog

BOX = (44.0, 35.0, 45.0, 36.0)


def square(west: float, south: float, size: float, steps: int = 40) -> Polygon:
    """A square with many vertices along each side (so that cutting it saves coordinates)."""
    ring = box(west, south, west + size, south + size).exterior
    return Polygon(ring.segmentize(size / steps))


def test_a_geometry_inside_the_box_is_kept_whole():
    inside = square(44.2, 35.2, 0.5)
    clipped = clip_for_view(inside, BOX)
    assert clipped is not None and not clipped.cut
    assert clipped.whole.equals(inside)


def test_a_geometry_far_from_the_box_is_dropped():
    assert clip_for_view(square(50.0, 30.0, 1.0), BOX) is None
    assert clip_for_view(LineString([(40, 30), (41, 31)]), BOX) is None
    assert clip_for_view(Point(47, 37), BOX) is None


def test_an_area_straddling_the_box_keeps_its_part_in_view_without_false_edges():
    # Lon 44.5–46.5, lat 35.5–37.5: a quarter of it lies in the box, cut on two sides.
    area = square(44.5, 35.5, 2.0, steps=200)
    clipped = clip_for_view(area, BOX)
    assert clipped is not None and clipped.cut
    assert clipped.fill.area == pytest.approx(0.25)
    assert clipped.fill.within(box(*BOX).buffer(1e-9))
    # The outline is the area's own boundary inside the box: its west and south sides.
    assert clipped.edge.length == pytest.approx(1.0)
    # No part of the drawn outline runs along the box's sides (where the box cut it).
    box_sides = box(*BOX).exterior
    assert clipped.edge.intersection(box_sides).length == pytest.approx(0.0)
    # ...while the fill's own ring does: that is why the fill is drawn without outline.
    assert clipped.fill.boundary.intersection(box_sides).length == pytest.approx(1.0)
    # Sent, the parts hold fewer coordinates than the whole area.
    sent = shapely.get_num_coordinates(clipped.fill) + shapely.get_num_coordinates(clipped.edge)
    assert sent < shapely.get_num_coordinates(area)


def test_a_box_inside_an_area_draws_its_fill_and_no_outline():
    clipped = clip_for_view(square(40.0, 30.0, 10.0), BOX)
    assert clipped is not None and clipped.cut
    assert clipped.fill.area == pytest.approx(1.0)
    assert clipped.edge is None


def test_a_line_crossing_the_box_is_cut_to_its_part_in_view():
    line = LineString([(43.0, 35.5), (46.0, 35.5)])
    clipped = clip_for_view(line, BOX)
    assert clipped is not None and not clipped.cut
    assert clipped.whole.length == pytest.approx(1.0)


def test_simplification_drops_vertices_under_the_tolerance_only():
    wiggle = LineString([(44.1, 35.5), (44.5, 35.5 + 1e-5), (44.9, 35.5)])
    bend = LineString([(44.1, 35.5), (44.5, 35.6), (44.9, 35.5)])
    assert shapely.get_num_coordinates(clip_for_view(wiggle, BOX, 1e-3).whole) == 2
    assert shapely.get_num_coordinates(clip_for_view(bend, BOX, 1e-3).whole) == 3


def test_a_cut_area_is_drawn_as_an_outline_less_fill_and_a_fill_less_outline():
    window = ViewWindow(BOX, 0.0, 5)
    parts = drawn_parts(square(44.5, 35.5, 2.0, steps=200), window, 5)
    assert [part for _, part in parts] == ["fill", "edge"]
    style = part_style({"color": "#000", "weight": 2, "fillOpacity": 0.5})
    fill, edge = ({"properties": {"zbpart": part}} for _, part in parts)
    assert style(fill)["stroke"] is False and style(fill)["fillOpacity"] == 0.5
    assert style(edge)["fill"] is False and style(edge)["weight"] == 2
    assert style({"properties": {}}) == {"color": "#000", "weight": 2, "fillOpacity": 0.5}
    assert parts[1][0]["type"] in ("LineString", "MultiLineString")


def test_the_window_holds_the_screen_and_grows_finer_with_zoom():
    view = MapView(36.2, 44.0, 10)
    window = view_window(view)
    (s, w), (n, e) = view_bounds(view, 1920, 1080)
    west, south, east, north = window.box
    assert west < w and south < s and east > e and north > n
    finer = view_window(MapView(36.2, 44.0, 12))
    assert finer.tolerance < window.tolerance and finer.decimals >= window.decimals
    # Rounding moves a point by at most half the tolerance.
    for zoom in range(5, 13):
        win = view_window(MapView(36.2, 44.0, zoom))
        assert 0.5 * 10**-win.decimals <= win.tolerance / 2 or win.decimals == 5


@pytest.fixture(scope="module")
def tiny():
    return tiny_catalog()


def _zbids(html: str) -> set[str]:
    """The ids of the boundary features the rendered map sends."""
    ids = set()
    for data in re.findall(r"_add\((\{\"features\".*?\})\);\n", html):
        for feature in json.loads(data)["features"]:
            zbid = (feature.get("properties") or {}).get("zbid")
            if zbid:
                ids.add(zbid)
    return ids


def test_a_map_opened_on_a_view_sends_what_is_near_and_drops_what_is_far(tiny):
    catalog = tiny
    # Zoom 12 at lat 35.5: the window spans about ±0.1° of latitude, all inside the
    # disputed district (lat 35–36) and the governorate, far south of the region (36–38).
    near, near_contents = build_main_map(catalog, everything(catalog), MapView(35.5, 44.5, 12))
    whole, whole_contents = build_main_map(catalog, everything(catalog))
    near_html, whole_html = near.get_root().render(), whole.get_root().render()
    assert {"gov-west", "dis-one"} <= _zbids(near_html)
    assert "kri" not in _zbids(near_html) and "kri" in _zbids(whole_html)
    # Points, counts and the measured border length do not depend on the view.
    assert near_contents.counts == whole_contents.counts
    assert near_contents.border_km == whole_contents.border_km
    # The features kept carry their popups; the whole map is never cut.
    assert "<th>Licence</th><td>CC0 (test)</td>" in near_html
    assert '"zbpart"' not in whole_html
