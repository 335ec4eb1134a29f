"""Uncertainty rings and the nearest point of the border, measured on the WGS84 ellipsoid.

A stand-in coordinate (precision ``town``, ``area`` or ``region``) is drawn with a ring
around it. The ring's radius comes from the data: at least the default radius
of its precision, and wide enough to hold every position the sources give for
the item (``geodata/curated/source_positions.csv``) with a small margin. A
border crossing is drawn on the border line, at its point nearest the
crossing's best-known location (:func:`nearest_point_on_line`).

This module depends on nothing else in ``lib`` so the loaders, the maps and
the tests can all use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely
from pyproj import Geod

WGS84 = Geod(ellps="WGS84")

#: Default ring radius of a stand-in coordinate by precision, km (none for an exact site).
#: ``region`` (ACLED's coarsest geo-precision: somewhere in a province or district) 50 km.
DEFAULT_RING_KM: dict[str, float] = {"town": 5.0, "area": 15.0, "region": 50.0}
#: Added to the farthest source position, so that position lies inside the ring, not on it.
RING_MARGIN_KM = 1.0


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Geodesic distance between two lon/lat points, km."""
    _, _, metres = WGS84.inv(lon1, lat1, lon2, lat2)
    return float(metres) / 1000.0


def offset_point(lon: float, lat: float, azimuth_deg: float, km: float) -> tuple[float, float]:
    """The (lon, lat) a distance away along an azimuth (0 = north, 90 = east)."""
    out_lon, out_lat, _ = WGS84.fwd(lon, lat, azimuth_deg, km * 1000.0)
    return float(out_lon), float(out_lat)


def ring_points(lon: float, lat: float, radius_km: float, points: int = 72) -> np.ndarray:
    """A circle on the ground: points at a geodesic distance, evenly spaced in azimuth.

    Parameters
    ----------
    lon, lat : float
        The centre.
    radius_km : float
        Distance of every point from the centre, km.
    points : int
        How many points (the first due north, then clockwise).

    Returns
    -------
    numpy.ndarray
        ``(points, 2)`` lon/lat, open (the first point is not repeated).
    """
    azimuths = np.linspace(0.0, 360.0, points, endpoint=False)
    lons, lats, _ = WGS84.fwd(
        np.full(points, lon, dtype=float),
        np.full(points, lat, dtype=float),
        azimuths,
        np.full(points, radius_km * 1000.0),
    )
    return np.column_stack([lons, lats])


def ring_radius_km(
    precision: object,
    lon: float,
    lat: float,
    positions: Iterable[tuple[float, float]] = (),
    margin_km: float = RING_MARGIN_KM,
) -> float:
    """Radius of the ring around a drawn point.

    Parameters
    ----------
    precision : object
        ``site``, ``town`` or ``area`` (anything else counts as exact).
    lon, lat : float
        The drawn point.
    positions : iterable of (lon, lat)
        Every position the sources give for the item.
    margin_km : float
        Kept between the farthest position and the ring.

    Returns
    -------
    float
        ``max(default radius of the precision, farthest position + margin)``, km;
        0 for an exact site without recorded positions.
    """
    radius = DEFAULT_RING_KM.get(str(precision or ""), 0.0)
    for p_lon, p_lat in positions:
        radius = max(radius, distance_km(lon, lat, p_lon, p_lat) + margin_km)
    return radius


@dataclass(frozen=True)
class NearestPoint:
    """The point of a line nearest a place: where it is and how far away."""

    lon: float
    lat: float
    distance_km: float


def _segment_parameter(lon: float, lat: float, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Planar foot-point parameter t in [0, 1] on each segment a→b (lon scaled by cos lat)."""
    scale = np.cos(np.radians(lat))
    ax, ay = (a[:, 0] - lon) * scale, a[:, 1] - lat
    dx, dy = (b[:, 0] - a[:, 0]) * scale, b[:, 1] - a[:, 1]
    length2 = dx * dx + dy * dy
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(length2 > 0, -(ax * dx + ay * dy) / length2, 0.0)
    return np.clip(t, 0.0, 1.0)


def nearest_point_on_line(
    line: shapely.Geometry, lon: float, lat: float, candidates: int = 8
) -> NearestPoint:
    """The point of a lon/lat line (or multi-line) nearest a place, by geodesic distance.

    The segments are ranked by a local planar estimate; the few nearest are
    then searched along their length with geodesic distances (pyproj.Geod), so
    the answer is the geodesic nearest point to well under a metre for
    segments of a few km.

    Parameters
    ----------
    line : shapely.LineString or MultiLineString
        Lon/lat line (EPSG:4326).
    lon, lat : float
        The place.
    candidates : int
        How many segments get the geodesic search.

    Returns
    -------
    NearestPoint
    """
    parts = list(getattr(line, "geoms", [line]))
    segments = np.concatenate(
        [
            np.stack([np.asarray(p.coords)[:-1, :2], np.asarray(p.coords)[1:, :2]], axis=1)
            for p in parts
            if len(p.coords) >= 2
        ]
    )
    a, b = segments[:, 0], segments[:, 1]
    t = _segment_parameter(lon, lat, a, b)
    foot = a + (b - a) * t[:, None]
    scale = np.cos(np.radians(lat))
    rough = np.hypot((foot[:, 0] - lon) * scale, foot[:, 1] - lat)
    best: NearestPoint | None = None
    for i in np.argsort(rough)[:candidates]:
        (lon1, lat1), (lon2, lat2) = a[i], b[i]

        def at(s: float, lon1=lon1, lat1=lat1, lon2=lon2, lat2=lat2) -> tuple[float, float]:
            return lon1 + (lon2 - lon1) * s, lat1 + (lat2 - lat1) * s

        def cost(s: float) -> float:
            return distance_km(lon, lat, *at(s))

        # Golden-section search: distance along a short segment is unimodal.
        lo, hi = 0.0, 1.0
        ratio = (5**0.5 - 1) / 2
        for _ in range(40):
            m1, m2 = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
            if cost(m1) <= cost(m2):
                hi = m2
            else:
                lo = m1
        s = min((0.0, 1.0, (lo + hi) / 2), key=cost)
        p_lon, p_lat = at(s)
        found = NearestPoint(float(p_lon), float(p_lat), cost(s))
        if best is None or found.distance_km < best.distance_km:
            best = found
    assert best is not None
    return best


def distance_to_line_km(line: shapely.Geometry, lon: float, lat: float) -> float:
    """Geodesic distance from a place to the nearest point of a line, km."""
    return nearest_point_on_line(line, lon, lat).distance_km


def record_ring_km(record: Mapping) -> float:
    """Uncertainty ring of a site or crossing row, km: its own ring if stand-in, else 0.

    The one rule the main map, the PNG export and the border figures (± km) share.

    Parameters
    ----------
    record : dict
        A site or crossing row (``precision``, optionally ``ring_km``).

    Returns
    -------
    float
        0 for an exact site; else the row's ``ring_km`` when set, its precision's
        default radius otherwise (the ring the main map draws).
    """
    precision = str(record.get("precision") or "")
    if precision not in DEFAULT_RING_KM:
        return 0.0
    ring_km = record.get("ring_km")
    if ring_km is not None and not pd.isna(ring_km) and ring_km > 0:
        return float(ring_km)
    return DEFAULT_RING_KM[precision]
