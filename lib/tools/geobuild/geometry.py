"""Geometry helpers of the build: slugs, areas, shared edges, rounding, simplifying."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

from lib.tools.geobuild.config import COORD_DECIMALS, M_PER_DEG, TRIPOINT


def slugify(text: str) -> str:
    """Return a lowercase ASCII slug (``"Al-Sulaymaniyah"`` -> ``"al-sulaymaniyah"``).

    Parameters
    ----------
    text : str
        Any name.

    Returns
    -------
    str
        Letters and digits joined by single hyphens.
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def deg2_to_km2(area_deg2: float, lat: float = 33.0) -> float:
    """Convert an area in square degrees to km² at latitude ``lat``.

    Parameters
    ----------
    area_deg2 : float
        Area in square degrees of longitude × latitude.
    lat : float
        Latitude the area lies at (default 33°, the middle of the border).

    Returns
    -------
    float
        Approximate area in km² (good enough to compare slivers with thresholds).
    """
    return area_deg2 * (M_PER_DEG / 1000.0) ** 2 * math.cos(math.radians(lat))


def insert_vertex(geom: BaseGeometry, pt: tuple[float, float], eps: float = 1e-6) -> BaseGeometry:
    """Add ``pt`` as a vertex to every ring segment of ``geom`` it lies on.

    Inserting a point that is already on a segment leaves the shape unchanged; it
    only makes the point addressable, so both sides of a shared edge can be cut
    at it with identical coordinates.

    Parameters
    ----------
    geom : BaseGeometry
        A Polygon or MultiPolygon.
    pt : tuple of float
        The ``(lon, lat)`` to add.
    eps : float
        How far (degrees) from a segment the point may be and still count as on it.

    Returns
    -------
    BaseGeometry
        ``geom`` with the vertex added where it applies.
    """
    p = Point(pt)

    def fix_ring(coords: np.ndarray) -> np.ndarray:
        if any((c[0], c[1]) == pt for c in coords):
            return coords
        segs = [LineString(coords[i : i + 2]) for i in range(len(coords) - 1)]
        dists = shapely.distance(np.array(segs, dtype=object), p)
        i = int(np.argmin(dists))
        if dists[i] > eps:
            return coords
        return np.vstack([coords[: i + 1], [pt], coords[i + 1 :]])

    def fix_polygon(poly: Polygon) -> Polygon:
        shell = fix_ring(np.asarray(poly.exterior.coords))
        holes = [fix_ring(np.asarray(r.coords)) for r in poly.interiors]
        return Polygon(shell, holes)

    if geom.geom_type == "Polygon":
        return fix_polygon(geom)
    return shapely.MultiPolygon([fix_polygon(g) for g in geom.geoms])


def _ring_edges(geom: BaseGeometry) -> set[tuple[tuple[float, float], tuple[float, float]]]:
    edges: set[tuple[tuple[float, float], tuple[float, float]]] = set()
    for ring in shapely.get_rings(shapely.get_parts(geom)):
        c = [tuple(xy) for xy in np.asarray(ring.coords)]
        for a, b in itertools.pairwise(c):
            edges.add((a, b) if a <= b else (b, a))
    return edges


def shared_run(a: BaseGeometry, b: BaseGeometry) -> LineString:
    """Return the longest run of edges common to polygons ``a`` and ``b``.

    The comparison is on exact coordinates: the result is the border the two
    polygons actually draw, vertex for vertex.

    Parameters
    ----------
    a, b : BaseGeometry
        Polygons or MultiPolygons of one edge-matched coverage.

    Returns
    -------
    LineString
        The run, in the ring order of ``a``.
    """
    other = _ring_edges(b)
    best: list[tuple[float, float]] = []
    for ring in shapely.get_rings(shapely.get_parts(a)):
        c = [tuple(xy) for xy in np.asarray(ring.coords)][:-1]
        n = len(c)
        shared = [
            ((c[i], c[(i + 1) % n]) if c[i] <= c[(i + 1) % n] else (c[(i + 1) % n], c[i])) in other
            for i in range(n)
        ]
        if all(shared) or not any(shared):
            continue
        # Start right after an unshared edge so that no run wraps around the ring end.
        start = (shared.index(False) + 1) % n
        run: list[tuple[float, float]] = []
        for k in range(n):
            i = (start + k) % n
            if shared[i]:
                if not run:
                    run = [c[i]]
                run.append(c[(i + 1) % n])
            else:
                if len(run) > len(best):
                    best = run
                run = []
        if len(run) > len(best):
            best = run
    return LineString(best)


def round_geometry(geom: BaseGeometry) -> BaseGeometry:
    """Round coordinates to :data:`COORD_DECIMALS` and tidy the result.

    Parameters
    ----------
    geom : BaseGeometry
        Any geometry.

    Returns
    -------
    BaseGeometry
        Rounded, without repeated points; polygons oriented (exterior counter-clockwise).
    """
    geom = shapely.transform(geom, lambda c: np.round(c, COORD_DECIMALS))
    geom = shapely.remove_repeated_points(geom)
    return shapely.orient_polygons(geom) if geom.geom_type.endswith("Polygon") else geom


def simplify_coverage(pieces: Sequence[BaseGeometry], tolerance_m: float) -> list[BaseGeometry]:
    """Simplify an edge-matched coverage so that shared edges stay shared.

    Parameters
    ----------
    pieces : sequence of BaseGeometry
        Polygons of one coverage.
    tolerance_m : float
        Tolerance in metres (converted to degrees of latitude).

    Returns
    -------
    list of BaseGeometry
        The simplified pieces, in the same order.
    """
    simplified = shapely.coverage_simplify(
        np.array(pieces, dtype=object), tolerance_m / M_PER_DEG, simplify_boundary=True
    )
    return list(simplified)


def cut_border(
    pieces: list[BaseGeometry], iraq: BaseGeometry, iran: BaseGeometry, ends: Sequence
) -> tuple[list[BaseGeometry], BaseGeometry, BaseGeometry, LineString]:
    """Cut the Iraq–Iran shared edge at the border's ends, adding vertices if needed.

    Parameters
    ----------
    pieces : list of BaseGeometry
        The simplified coverage (governorates, provinces, Iran's sea).
    iraq, iran : BaseGeometry
        Unions of the Iraqi and Iranian pieces.
    ends : sequence
        The raw border's two ends, ``(lon, lat)``, tripoint first.

    Returns
    -------
    tuple
        ``(pieces, iraq, iran, border)``: the inputs with the cut vertices added, and
        the border line from the tripoint to the Shatt al-Arab.
    """
    run = shared_run(iraq, iran)
    coords = [tuple(c) for c in run.coords]
    if Point(coords[0]).distance(Point(TRIPOINT)) > Point(coords[-1]).distance(Point(TRIPOINT)):
        coords.reverse()
        run = LineString(coords)
    cut_points = []
    for end in ends:
        pt = run.interpolate(run.project(Point(end)))
        nearest = min(coords, key=lambda c: Point(c).distance(Point(end)))
        # Keep an existing vertex when the simplified edge already has one at the end.
        if Point(nearest).distance(pt) < 1e-7:
            cut_points.append(nearest)
            continue
        xy = (round(pt.x, COORD_DECIMALS), round(pt.y, COORD_DECIMALS))
        pieces = [insert_vertex(p, xy) for p in pieces]
        iraq, iran = insert_vertex(iraq, xy), insert_vertex(iran, xy)
        cut_points.append(xy)
    run = shared_run(iraq, iran)
    coords = [tuple(c) for c in run.coords]
    if Point(coords[0]).distance(Point(TRIPOINT)) > Point(coords[-1]).distance(Point(TRIPOINT)):
        coords.reverse()
    i, j = coords.index(cut_points[0]), coords.index(cut_points[1])
    return pieces, iraq, iran, LineString(coords[i : j + 1])


def layer_frame(records: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    """Turn records into a layer: sorted by ``id``, every geometry checked.

    Parameters
    ----------
    records : list of dict
        Properties plus ``geometry``; each needs an ``id``.

    Returns
    -------
    GeoDataFrame
        EPSG:4326, rows sorted by ``id``.

    Raises
    ------
    ValueError
        If a geometry is empty or invalid.
    """
    records = sorted(records, key=lambda r: r["id"])
    for r in records:
        geom = r["geometry"]
        if geom.is_empty or not geom.is_valid:
            raise ValueError(f"invalid or empty geometry for {r['id']}")
    return gpd.GeoDataFrame(records, geometry="geometry", crs=4326)
