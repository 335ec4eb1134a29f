"""lib.geo.rings.ring_points: a circle on the ground, every point at the radius (Geod.inv)."""

from __future__ import annotations

import numpy as np
import pytest
from pyproj import Geod

from lib.geo.rings import ring_points

GEOD = Geod(ellps="WGS84")


@pytest.mark.parametrize(
    ("lon", "lat", "radius_km"),
    [
        (45.4, 36.2, 5.0),
        (46.0, 35.5, 15.0),
        (44.0, 33.0, 23.7),
        (10.0, 0.0, 100.0),
        (20.0, 70.0, 50.0),
    ],
)
def test_every_point_lies_at_the_radius_evenly_by_azimuth(lon, lat, radius_km):
    points = ring_points(lon, lat, radius_km)
    assert points.shape == (72, 2)
    n = len(points)
    azimuths, _, metres = GEOD.inv(np.full(n, lon), np.full(n, lat), points[:, 0], points[:, 1])
    assert metres == pytest.approx(np.full(n, radius_km * 1000.0), abs=1e-3)
    # The first point due north, then every 5 degrees clockwise.
    expected = np.linspace(0.0, 360.0, n, endpoint=False)
    turned = (np.asarray(azimuths) - expected + 180.0) % 360.0 - 180.0
    assert turned == pytest.approx(np.zeros(n), abs=1e-6)


def test_the_ring_is_wider_in_degrees_of_longitude_away_from_the_equator():
    points = ring_points(45.0, 36.0, 15.0, points=4)  # N, E, S, W
    east_west = points[1, 0] - points[3, 0]
    north_south = points[0, 1] - points[2, 1]
    assert east_west / north_south == pytest.approx(1 / np.cos(np.radians(36.0)), rel=0.01)


def test_the_number_of_points_is_a_parameter():
    assert ring_points(45.0, 36.0, 1.0, points=8).shape == (8, 2)
