"""Web Mercator in one place: points, views and bounds round-trip through pyproj."""

from __future__ import annotations

import math

import pytest

from lib.model.map_view import (
    BORDER_BOUNDS,
    MAX_LAT,
    MAX_ZOOM,
    MIN_ZOOM,
    WORLD_M,
    MapView,
    bounds_view,
    from_mercator,
    metres_per_pixel,
    to_mercator,
    view_bounds,
)

EARTH_RADIUS_M = 6_378_137.0


def test_the_world_is_two_pi_earth_radii_wide():
    assert math.isclose(WORLD_M, 2 * math.pi * EARTH_RADIUS_M, rel_tol=1e-12)
    assert metres_per_pixel(0) * 256 == pytest.approx(WORLD_M)


@pytest.mark.parametrize("lat", [-85.0, -60.5, -1e-9, 0.0, 29.6, 36.123456, 37.6, 84.99])
@pytest.mark.parametrize("lon", [-180.0, -44.5, 0.0, 44.5, 49.2, 180.0])
def test_a_point_goes_to_mercator_and_back(lat, lon):
    x, y = to_mercator(lat, lon)
    # The spherical formula Leaflet uses, for comparison.
    assert x == pytest.approx(EARTH_RADIUS_M * math.radians(lon), abs=1e-6)
    expected_y = EARTH_RADIUS_M * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    assert y == pytest.approx(expected_y, abs=1e-6)
    back_lat, back_lon = from_mercator(x, y)
    assert back_lat == pytest.approx(lat, abs=1e-9) and back_lon == pytest.approx(lon, abs=1e-9)


def test_latitudes_beyond_85_degrees_and_x_beyond_the_world_are_clamped():
    assert to_mercator(90.0, 0.0) == to_mercator(MAX_LAT, 0.0)
    assert to_mercator(-90.0, 0.0) == to_mercator(-MAX_LAT, 0.0)
    assert from_mercator(WORLD_M * 3, 0.0)[1] == pytest.approx(180.0)
    assert from_mercator(-WORLD_M * 3, 0.0)[1] == pytest.approx(-180.0)


@pytest.mark.parametrize("zoom", range(MIN_ZOOM, MAX_ZOOM + 1))
@pytest.mark.parametrize(("lat", "lon"), [(36.0, 44.5), (33.3, 44.4), (29.6, 48.0), (37.5, 45.0)])
def test_a_view_becomes_bounds_and_back(lat, lon, zoom):
    view = MapView(lat, lon, zoom)
    (south, west), (north, east) = view_bounds(view)
    assert south < lat < north and west < lon < east
    again = bounds_view(((south, west), (north, east)))
    # The bounds are rounded to 4 decimals, so the map fits them at the same zoom
    # (or, when rounding widened them by a hair, one level out).
    assert again.zoom in (zoom, zoom - 1) if zoom > MIN_ZOOM else again.zoom == MIN_ZOOM
    assert again.lat == pytest.approx(lat, abs=2e-4) and again.lon == pytest.approx(lon, abs=2e-4)


def test_bounds_give_the_largest_zoom_that_shows_them():
    assert view_bounds(None) == BORDER_BOUNDS
    assert bounds_view(BORDER_BOUNDS).zoom == 6
    for width, height in [(900, 560), (1600, 900), (300, 200)]:
        view = bounds_view(BORDER_BOUNDS, width, height)
        (south, west), (north, east) = view_bounds(view, width, height)
        (b_south, b_west), (b_north, b_east) = BORDER_BOUNDS
        assert south <= b_south and north >= b_north and west <= b_west and east >= b_east
        if view.zoom < MAX_ZOOM:
            closer = view_bounds(MapView(view.lat, view.lon, view.zoom + 1), width, height)
            (c_south, c_west), (c_north, c_east) = closer
            assert c_south > b_south or c_north < b_north or c_west > b_west or c_east < b_east


def test_a_view_near_the_edge_of_the_world_stays_within_valid_coordinates():
    (south, west), (north, east) = view_bounds(MapView(89.0, 179.99, 4))
    assert -MAX_LAT <= south < north <= MAX_LAT and -180 <= west < east <= 180
    (south, west), (north, east) = view_bounds(MapView(-89.0, -179.99, 0))  # zoom clamped
    assert -MAX_LAT <= south < north <= MAX_LAT and -180 <= west < east <= 180
    half_width = 900 / 2 * 360 / (256 * 2**MIN_ZOOM)  # degrees, at the minimum zoom
    assert west == -180.0 and east == pytest.approx(-179.99 + half_width, abs=1e-3)
