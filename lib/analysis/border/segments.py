"""Whose stretch of the border: the line split where the governorate or province changes.

The built governorate and province layers share the border's vertices, so every
edge of the line belongs to exactly one pair; runs of edges with the same pair are
the segments, and the segments cover the line exactly once.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import LineString

from lib.analysis.border.geometry import cumulative_km
from lib.geo.geodesy import length_km

#: Segment colours (Paul Tol's "bright" and "dark" schemes), cycled along the border so
#: neighbouring segments always differ.
SEGMENT_COLOURS: tuple[str, ...] = (
    "#4477AA",
    "#EE6677",
    "#228833",
    "#CCBB44",
    "#66CCEE",
    "#AA3377",
    "#222255",
    "#225555",
    "#666633",
    "#663333",
)


def _edge_owner(midpoints: np.ndarray, frame: gpd.GeoDataFrame) -> np.ndarray:
    """Index (into ``frame``) of the polygon whose outline holds each edge midpoint."""
    outlines = frame.geometry.boundary.to_numpy()
    tree = shapely.STRtree(outlines)
    points = shapely.points(midpoints)
    owner = np.full(len(points), -1)
    best = np.full(len(points), np.inf)
    # Candidates within a hair of the line, then the closest wins: the built layers
    # share the border's vertices, so the right outline is at distance ~0.
    pairs = tree.query(points, predicate="dwithin", distance=1e-6)
    for p, o in zip(*pairs, strict=True):
        d = shapely.distance(points[p], outlines[o])
        if d < best[p]:
            best[p], owner[p] = d, o
    missing = np.flatnonzero(owner < 0)
    if missing.size:
        # An edge no outline shares exactly (a data fault): take the nearest polygon.
        distances = np.stack([shapely.distance(points[missing], g) for g in outlines])
        owner[missing] = distances.argmin(axis=0)
    return owner


def split_border(
    border: LineString, governorates: gpd.GeoDataFrame, provinces: gpd.GeoDataFrame
) -> gpd.GeoDataFrame:
    """Split the border where the governorate or the province on either side changes.

    Each edge of the line goes to the Iraqi governorate and the Iranian
    province whose outlines hold it (they share the border's vertices), and
    runs of edges with the same pair become a segment. Segments therefore
    cover the line exactly once.

    Parameters
    ----------
    border : shapely.LineString
        The border, tripoint first, lon/lat.
    governorates : geopandas.GeoDataFrame
        Iraqi governorates (``id``, ``name``, ``in_kurdistan_region``).
    provinces : geopandas.GeoDataFrame
        Iran's border provinces (``id``, ``name``).

    Returns
    -------
    geopandas.GeoDataFrame
        In order along the border: ``segment``, ``governorate_id``,
        ``governorate``, ``in_kri``, ``province_id``, ``province``,
        ``start_km``, ``end_km``, ``length_km``, ``colour``, geometry.
    """
    coords = np.asarray(border.coords)
    chain = cumulative_km(border)
    midpoints = (coords[:-1] + coords[1:]) / 2
    gov = _edge_owner(midpoints, governorates)
    prov = _edge_owner(midpoints, provinces)
    key = gov * 10_000 + prov
    starts = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))
    ends = np.concatenate([starts[1:], [len(key)]])
    in_kri = governorates.get("in_kurdistan_region", pd.Series(False, index=governorates.index))
    rows, geometries = [], []
    for number, (start, end) in enumerate(zip(starts, ends, strict=True)):
        g, p = governorates.iloc[gov[start]], provinces.iloc[prov[start]]
        piece = LineString(coords[start : end + 1])
        rows.append(
            {
                "segment": number + 1,
                "governorate_id": g["id"],
                "governorate": g["name"],
                "in_kri": bool(in_kri.iloc[gov[start]]),
                "province_id": p["id"],
                "province": p["name"],
                "start_km": float(chain[start]),
                "end_km": float(chain[end]),
                "length_km": length_km(piece),
                "colour": SEGMENT_COLOURS[number % len(SEGMENT_COLOURS)],
            }
        )
        geometries.append(piece)
    return gpd.GeoDataFrame(rows, geometry=geometries, crs="EPSG:4326")


def kri_stretch_km(segments: pd.DataFrame) -> float:
    """Length of the border along the Kurdistan Region, km (sum of its segments)."""
    return float(segments.loc[segments["in_kri"], "length_km"].sum())


def kri_share(segments: pd.DataFrame) -> float:
    """Share of the border's length on the Kurdistan Region's side (0–1)."""
    total = float(segments["length_km"].sum())
    return float(segments.loc[segments["in_kri"], "length_km"].sum()) / total if total else 0.0


def length_by(segments: pd.DataFrame, side: str) -> pd.DataFrame:
    """Border length per governorate (``side="governorate"``) or province (``"province"``).

    Parameters
    ----------
    segments : pandas.DataFrame
        :func:`split_border` output.
    side : str
        ``governorate`` or ``province``.

    Returns
    -------
    pandas.DataFrame
        ``side``, ``length_km``, ``share`` (of the whole border), in order along it.
    """
    order = list(dict.fromkeys(segments[side]))
    table = segments.groupby(side, sort=False)["length_km"].sum().reindex(order).reset_index()
    table["share"] = table["length_km"] / table["length_km"].sum()
    return table


def runs(segments: pd.DataFrame, side: str) -> pd.DataFrame:
    """Consecutive segments with the same governorate (or province) merged.

    Parameters
    ----------
    segments : pandas.DataFrame
        :func:`split_border` output.
    side : str
        ``governorate`` or ``province``.

    Returns
    -------
    pandas.DataFrame
        ``name``, ``start_km``, ``end_km``, ``length_km``, ``in_kri``, ``mid_km``.
    """
    key = (segments[side] != segments[side].shift()).cumsum()
    table = segments.groupby(key, sort=False).agg(
        name=(side, "first"),
        start_km=("start_km", "min"),
        end_km=("end_km", "max"),
        length_km=("length_km", "sum"),
        in_kri=("in_kri", "all"),
    )
    table["mid_km"] = (table["start_km"] + table["end_km"]) / 2
    return table.reset_index(drop=True)
