"""Places on the border: each site's or crossing's nearest border point, and how far.

*Chainage* is the geodesic distance along the border line from its first vertex,
the Iraq–Iran–Turkey tripoint, in km. Stand-in coordinates (precision ``town`` or
``area``) carry the uncertainty radius the main map draws (the row's ``ring_km``,
see :mod:`lib.geo.rings`); every distance from such a site reads "≈ d km ± r".
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import LineString, Point

from lib.analysis.border.geometry import cumulative_km, local_metric_crs, project, transformers
from lib.geo.geodesy import WGS84
from lib.geo.rings import record_ring_km


@dataclass(frozen=True)
class BorderPoint:
    """A place's nearest point on the border.

    Attributes
    ----------
    chainage_km : float
        Distance along the border from the tripoint to the nearest point.
    distance_km : float
        Geodesic distance from the place to that point.
    lon, lat : float
        The nearest point.
    """

    chainage_km: float
    distance_km: float
    lon: float
    lat: float


class BorderLine:
    """The border prepared for many nearest-point look-ups.

    Parameters
    ----------
    line : shapely.LineString
        The border, tripoint first, lon/lat.
    """

    def __init__(self, line: LineString) -> None:
        self.line = line
        self.chainage = cumulative_km(line)
        self._forward, self._back = transformers(local_metric_crs(line))
        self._plane = project(line, self._forward)
        plane = np.asarray(self._plane.coords)
        self._plane_chain = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(plane, axis=0).T))])

    @property
    def length_km(self) -> float:
        """Geodesic length of the whole line."""
        return float(self.chainage[-1])

    def point_at(self, chainage_km: float) -> tuple[float, float]:
        """The (lon, lat) of the border point at a chainage (clamped to the line)."""
        km = min(max(chainage_km, 0.0), self.length_km)
        i = int(min(np.searchsorted(self.chainage, km, side="right") - 1, len(self.chainage) - 2))
        (lon1, lat1), (lon2, lat2) = self.line.coords[i], self.line.coords[i + 1]
        azimuth, _, _ = WGS84.inv(lon1, lat1, lon2, lat2)
        lon, lat, _ = WGS84.fwd(lon1, lat1, azimuth, (km - self.chainage[i]) * 1000.0)
        return float(lon), float(lat)

    def locate(self, lon: float, lat: float) -> BorderPoint:
        """Chainage of a place's nearest border point, and its distance to it."""
        x, y = self._forward.transform(lon, lat)
        along = self._plane.project(Point(x, y))
        foot = self._plane.interpolate(along)
        near_lon, near_lat = self._back.transform(foot.x, foot.y)
        # The last vertex at or before the foot; the rest of the way is measured geodesically.
        i = int(np.searchsorted(self._plane_chain, along, side="right") - 1)
        i = min(max(i, 0), len(self.chainage) - 1)
        v_lon, v_lat = self.line.coords[i]
        _, _, rest = WGS84.inv(v_lon, v_lat, near_lon, near_lat)
        _, _, away = WGS84.inv(lon, lat, near_lon, near_lat)
        chainage = min(float(self.chainage[i]) + rest / 1000.0, self.length_km)
        return BorderPoint(chainage, away / 1000.0, float(near_lon), float(near_lat))


def format_approx(km: float, plus_minus_km: float) -> str:
    """A distance with its uncertainty: ``≈ 48 km ± 15``, or ``12.3 km`` when exact."""
    if plus_minus_km <= 0:
        return f"{km:,.1f} km"
    return f"≈ {km:,.0f} km ± {plus_minus_km:,.0f}"


def place_on_border(
    border: BorderLine, points: gpd.GeoDataFrame, id_column: str, kind: str
) -> pd.DataFrame:
    """Chainage and distance to the border of every point with a coordinate.

    Parameters
    ----------
    border : BorderLine
        The prepared border.
    points : geopandas.GeoDataFrame
        Sites or crossings (``name``, ``precision``, ``confidence``, geometry).
    id_column : str
        Their id column.
    kind : str
        ``site`` or ``crossing`` (kept in the ``kind`` column).

    Returns
    -------
    pandas.DataFrame
        ``kind``, ``id``, ``name``, ``group``, ``role``, ``phase``, ``precision``,
        ``confidence``, ``lon``, ``lat``, ``chainage_km``, ``distance_km``,
        ``plus_minus_km``, ``distance_text``, ``near_lon``, ``near_lat``.
        Rows without a coordinate are left out.
    """
    rows = []
    for record, geometry in zip(
        points.drop(columns="geometry").to_dict("records"), points.geometry, strict=True
    ):
        if geometry is None or geometry.is_empty:
            continue
        where = border.locate(geometry.x, geometry.y)
        plus_minus = record_ring_km(record)
        rows.append(
            {
                "kind": kind,
                "id": record[id_column],
                "name": record["name"],
                "group": record.get("group", ""),
                "role": record.get("role", ""),
                "phase": record.get("phase", ""),
                "precision": record.get("precision") or "",
                "confidence": record.get("confidence", ""),
                "lon": geometry.x,
                "lat": geometry.y,
                "chainage_km": where.chainage_km,
                "distance_km": where.distance_km,
                "plus_minus_km": plus_minus,
                "distance_text": format_approx(where.distance_km, plus_minus),
                "near_lon": where.lon,
                "near_lat": where.lat,
            }
        )
    columns = [
        "kind",
        "id",
        "name",
        "group",
        "role",
        "phase",
        "precision",
        "confidence",
        "lon",
        "lat",
        "chainage_km",
        "distance_km",
        "plus_minus_km",
        "distance_text",
        "near_lon",
        "near_lat",
    ]
    return pd.DataFrame(rows, columns=columns)
