"""Geometry cut to a box for drawing: what lies in view kept, what lies far dropped.

A map opened on a place needs the detailed outlines near it, not the whole country's.
:func:`clip_for_view` cuts one lon/lat geometry to a (west, south, east, north) box and
simplifies it to a tolerance (a fraction of a screen pixel). An area cut by the box must
not show the cut as a boundary: a cut area comes back as two parts, its **fill** (the
area inside the box, to be drawn without an outline) and its **edge** (its own
boundary inside the box, drawn as lines). The box's sides are in neither outline, so
no false edge is drawn where the box cut it. An area wholly inside the box stays one
geometry, drawn as before.

This module depends on nothing else in ``lib``.
"""

from __future__ import annotations

from dataclasses import dataclass

import shapely

#: (west, south, east, north) in degrees.
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Clipped:
    """One geometry as drawn in a box.

    Attributes
    ----------
    whole : shapely.Geometry or None
        The geometry (simplified) when the box does not cut it: drawn as usual.
    fill : shapely.Geometry or None
        The area inside the box, when the box cuts an area: drawn without outline.
    edge : shapely.Geometry or None
        The area's own boundary inside the box (lines), drawn without fill; None when
        no part of the boundary lies in the box (the box lies inside the area).
    """

    whole: shapely.Geometry | None = None
    fill: shapely.Geometry | None = None
    edge: shapely.Geometry | None = None

    @property
    def cut(self) -> bool:
        """Whether the box cut an area (drawn as a fill and an edge)."""
        return self.fill is not None


def _simplified(geometry: shapely.Geometry, tolerance: float) -> shapely.Geometry:
    if tolerance <= 0:
        return geometry
    # Plain Douglas-Peucker, several times faster than keeping topology: the result is
    # only drawn (never measured or tested for containment), and a sub-pixel
    # self-touch does not show. A ring too small to keep vanishes, as it would on screen.
    out = shapely.simplify(geometry, tolerance, preserve_topology=False)
    return geometry if out.is_empty else out


def _nonempty(geometry: shapely.Geometry) -> shapely.Geometry | None:
    return None if geometry is None or geometry.is_empty else geometry


def _lines_only(geometry: shapely.Geometry) -> shapely.Geometry | None:
    """The line parts of an intersection (a boundary touching the box in a point is not drawn)."""
    if geometry.is_empty:
        return None
    parts = shapely.get_parts(geometry)
    lines = [p for p in parts if p.geom_type in ("LineString", "MultiLineString")]
    if not lines:
        return None
    return lines[0] if len(lines) == 1 else shapely.line_merge(shapely.union_all(lines))


def clip_for_view(geometry: shapely.Geometry, box: Box, tolerance: float = 0.0) -> Clipped | None:
    """Cut a geometry to a box, simplified; None when nothing of it lies in the box.

    Parameters
    ----------
    geometry : shapely.Geometry
        Lon/lat geometry (area, line or point).
    box : (west, south, east, north)
        Degrees.
    tolerance : float
        Simplification tolerance in degrees (0: none).

    Returns
    -------
    Clipped or None
        ``whole`` when the box does not cut the geometry (or it is not an area: a cut
        line is still a line); ``fill`` and ``edge`` when the box cuts an area.
    """
    if geometry is None or geometry.is_empty:
        return None
    west, south, east, north = box
    minx, miny, maxx, maxy = geometry.bounds
    if maxx < west or minx > east or maxy < south or miny > north:
        return None  # far away: dropped without any geometry work
    if west <= minx and maxx <= east and south <= miny and maxy <= north:
        return Clipped(whole=_simplified(geometry, tolerance))
    simple = _simplified(geometry, tolerance)
    # clip_by_rect: fast, and never raises on the simplified (possibly self-touching) shape.
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        fill = _nonempty(shapely.clip_by_rect(simple, west, south, east, north))
        if fill is None:
            return None
        edge = _lines_only(shapely.clip_by_rect(simple.boundary, west, south, east, north))
        if _size(fill) + _size(edge) >= _size(simple):
            # Cutting saves nothing (most of the area is in the box): sent whole, once.
            return Clipped(whole=simple)
        return Clipped(fill=fill, edge=edge)
    # A line cut by the box is still a line: no false edge can appear.
    part = _nonempty(shapely.clip_by_rect(simple, west, south, east, north))
    return None if part is None else Clipped(whole=part)


def _size(geometry: shapely.Geometry | None) -> int:
    """Coordinates a geometry sends (what its bytes grow with)."""
    return 0 if geometry is None else int(shapely.get_num_coordinates(geometry))
