"""The border zone: the band of Iraq within a distance of the border, and the sites in it."""

from __future__ import annotations

import pandas as pd
import shapely

from lib.analysis.border.geometry import local_metric_crs, project, transformers
from lib.data.memo import remembered

#: Zone slider: the band's width on the Iraqi side, km.
ZONE_MIN_KM, ZONE_MAX_KM, ZONE_DEFAULT_KM = 5, 50, 20


def zone_band(line: shapely.Geometry, width_km: float, side: shapely.Geometry) -> shapely.Geometry:
    """Everything on one side of a line within a distance of it.

    Parameters
    ----------
    line : shapely.Geometry
        The border, lon/lat.
    width_km : float
        Band width, km.
    side : shapely.Geometry
        The polygon the band is kept inside (Iraq's outline), lon/lat.

    Returns
    -------
    shapely.Geometry
        The band, lon/lat: the buffer of the line (round ends, so that a place
        within ``width_km`` of the line's ends is in) clipped to ``side``.
    """
    # Kept by content (lib.data.memo): ~1.6 s on the detail layers, and lib.ui.serve
    # makes the default width's before the server listens.
    return remembered(
        "zone band", (line, width_km, side), lambda: _band(line, width_km, side), keep=12
    )


def _band(line: shapely.Geometry, width_km: float, side: shapely.Geometry) -> shapely.Geometry:
    crs = local_metric_crs(shapely.union(line, side) if not side.is_empty else line)
    forward, back = transformers(crs)
    band = project(line, forward).buffer(width_km * 1000.0, quad_segs=16)
    clipped = shapely.intersection(band, shapely.make_valid(project(side, forward)))
    return project(clipped, back)


def sites_in_zone(placed_sites: pd.DataFrame, band: shapely.Geometry) -> pd.DataFrame:
    """The placed sites that lie inside the band, nearest the border first.

    Parameters
    ----------
    placed_sites : pandas.DataFrame
        :func:`lib.analysis.border.placement.place_on_border` output.
    band : shapely.Geometry
        :func:`zone_band` output.

    Returns
    -------
    pandas.DataFrame
        The rows inside (empty, same columns, when none or the band is empty).
    """
    if placed_sites.empty or band.is_empty:
        return placed_sites.iloc[0:0].copy()
    inside = shapely.contains_xy(
        band, placed_sites["lon"].to_numpy(), placed_sites["lat"].to_numpy()
    )
    return placed_sites[inside].sort_values("distance_km", ignore_index=True)


def zone_counts(inside: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """Sites in the zone per group (every group listed, zeros included).

    Parameters
    ----------
    inside : pandas.DataFrame
        :func:`sites_in_zone` output.
    groups : pandas.DataFrame
        ``group_id`` and ``name`` of every group.

    Returns
    -------
    pandas.DataFrame
        ``group``, ``name``, ``sites in zone``, in the order of ``groups``.
    """
    names = dict(zip(groups["group_id"], groups["name"], strict=True))
    counts = inside["group"].value_counts()
    return pd.DataFrame(
        {
            "group": list(names),
            "name": list(names.values()),
            "sites in zone": [int(counts.get(g, 0)) for g in names],
        }
    )
