"""Geodesic measurements on the WGS84 ellipsoid (pyproj.Geod).

Every length, distance and area the app shows comes from here, computed from
the data; none is typed in.
"""

from __future__ import annotations

import shapely
from pyproj import Geod

WGS84 = Geod(ellps="WGS84")


def length_km(geometry: shapely.Geometry) -> float:
    """Geodesic length of a line (or the perimeter of a polygon) in kilometres.

    Parameters
    ----------
    geometry : shapely.Geometry
        Lon/lat geometry in EPSG:4326.

    Returns
    -------
    float
        Length along the ellipsoid, km.
    """
    return WGS84.geometry_length(geometry) / 1000.0


def area_km2(geometry: shapely.Geometry) -> float:
    """Geodesic area of a polygon in square kilometres (orientation ignored).

    Parameters
    ----------
    geometry : shapely.Geometry
        Lon/lat polygon or multipolygon in EPSG:4326.

    Returns
    -------
    float
        Area on the ellipsoid, km².
    """
    area, _ = WGS84.geometry_area_perimeter(geometry)
    return abs(area) / 1e6


def format_km(value: float) -> str:
    """Format a length in km the way the UI shows it: ``1,630 km``."""
    return f"{value:,.0f} km"
