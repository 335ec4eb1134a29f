"""Line and projection helpers shared by the border measurements.

Geometries are lon/lat (EPSG:4326). Buffers and nearest-point searches run in a
Transverse Mercator centred on the geometry at hand (:func:`local_metric_crs`):
over the border's 3.8° of longitude its scale error stays under 0.05 %, less
than UTM 38N's at the Shatt al-Arab end. Lengths are geodesic (WGS84).
"""

from __future__ import annotations

import numpy as np
import shapely
from pyproj import CRS, Transformer
from shapely.geometry import LineString, MultiLineString

from lib.geo.geodesy import WGS84


def local_metric_crs(geometry: shapely.Geometry) -> CRS:
    """A Transverse Mercator in metres centred on a lon/lat geometry.

    Parameters
    ----------
    geometry : shapely.Geometry
        Lon/lat geometry; its bounding box sets the centre.

    Returns
    -------
    pyproj.CRS
        Scale error below 0.05 % within about 2° of longitude of the centre,
        enough for buffers of a few tens of km and nearest points.
    """
    minx, miny, maxx, maxy = geometry.bounds
    lon0, lat0 = (minx + maxx) / 2, (miny + maxy) / 2
    return CRS.from_proj4(
        f"+proj=tmerc +lat_0={lat0:.6f} +lon_0={lon0:.6f} +k=1 +x_0=0 +y_0=0 "
        "+ellps=WGS84 +units=m +no_defs"
    )


def transformers(crs: CRS) -> tuple[Transformer, Transformer]:
    """Lon/lat → ``crs`` and back, both with x = longitude.

    Parameters
    ----------
    crs : pyproj.CRS
        The planar CRS (e.g. :func:`local_metric_crs`).

    Returns
    -------
    tuple of pyproj.Transformer
        ``(forward, back)``.
    """
    forward = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    back = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    return forward, back


def project(geometry: shapely.Geometry, transformer: Transformer) -> shapely.Geometry:
    """A geometry with every coordinate passed through a transformer.

    Parameters
    ----------
    geometry : shapely.Geometry
        Any geometry.
    transformer : pyproj.Transformer
        One of :func:`transformers`.

    Returns
    -------
    shapely.Geometry
        The same shape in the transformer's target CRS.
    """
    return shapely.transform(geometry, lambda xy: np.column_stack(transformer.transform(*xy.T)))


def vertex_count(geometry: shapely.Geometry) -> int:
    """Number of vertices of a geometry (all parts)."""
    return int(shapely.get_num_coordinates(geometry))


def merge_lines(geometry: shapely.Geometry) -> shapely.Geometry:
    """The line parts of any geometry joined into as few runs as possible (points dropped)."""
    parts = [
        g
        for g in shapely.get_parts(shapely.get_parts(geometry))
        if g.geom_type == "LineString" and not g.is_empty
    ]
    if not parts:
        return LineString()
    return shapely.line_merge(shapely.union_all(parts))


def orient_north_first(line: shapely.Geometry) -> shapely.Geometry:
    """Return a line that starts at its northern end (the tripoint side).

    Multi-part lines are merged first where their parts touch; what stays
    multi-part is returned with parts ordered north to south.

    Parameters
    ----------
    line : shapely.Geometry
        LineString or MultiLineString, lon/lat.

    Returns
    -------
    shapely.Geometry
        The same line, northern end first.
    """
    if isinstance(line, MultiLineString):
        merged = merge_lines(line)
        if isinstance(merged, LineString):
            line = merged
        else:
            parts = [orient_north_first(p) for p in merged.geoms]
            return MultiLineString(sorted(parts, key=lambda p: -p.coords[0][1]))
    if isinstance(line, LineString) and line.coords[0][1] < line.coords[-1][1]:
        return line.reverse()
    return line


def cumulative_km(line: LineString) -> np.ndarray:
    """Geodesic chainage of every vertex of a line, km (first vertex 0)."""
    coords = np.asarray(line.coords)
    _, _, steps = WGS84.inv(coords[:-1, 0], coords[:-1, 1], coords[1:, 0], coords[1:, 1])
    return np.concatenate([[0.0], np.cumsum(steps) / 1000.0])
