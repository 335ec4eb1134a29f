"""Events counted in grid cells, for maps with more events than can be drawn one by one."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

CELL_COLUMNS: tuple[str, ...] = (
    "lat",
    "lon",
    "count",
    "top_category",
    "categories",
    "first",
    "last",
    "latest",
)


def aggregate_events(events: gpd.GeoDataFrame, cell_deg: float) -> pd.DataFrame:
    """Events counted per grid cell, for maps with more events than can be drawn one by one.

    Parameters
    ----------
    events : geopandas.GeoDataFrame
        Located events (lat/lon columns).
    cell_deg : float
        Side of a grid cell in degrees.

    Returns
    -------
    pandas.DataFrame
        One row per occupied cell: ``lat``/``lon`` (mean of its events),
        ``count``, ``top_category``, ``categories`` (counts, most first),
        ``first``/``last`` dates and ``latest`` (up to 3 titles, newest first).
    """
    columns = list(CELL_COLUMNS)
    if events.empty:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(
        {
            "lat": events["lat"].astype(float).to_numpy(),
            "lon": events["lon"].astype(float).to_numpy(),
            "category": events["category"].to_numpy(),
            "date": events["date"].to_numpy(),
            "title": events["title"].to_numpy(),
        }
    )
    frame["cell"] = list(
        zip(
            np.floor(frame["lon"] / cell_deg).astype(int),
            np.floor(frame["lat"] / cell_deg).astype(int),
            strict=True,
        )
    )
    grouped = frame.groupby("cell", sort=True)
    cells = grouped.agg(lat=("lat", "mean"), lon=("lon", "mean"), count=("title", "size"))
    cells["first"] = grouped["date"].min()
    cells["last"] = grouped["date"].max()
    counts = frame.groupby(["cell", "category"]).size().rename("n").reset_index()
    counts = counts.sort_values(["cell", "n", "category"], ascending=[True, False, True])
    cells["categories"] = counts.groupby("cell").apply(
        lambda g: list(zip(g["category"], g["n"], strict=True)), include_groups=False
    )
    cells["top_category"] = cells["categories"].map(lambda c: c[0][0])
    latest = frame.sort_values("date", ascending=False).groupby("cell").head(3)
    cells["latest"] = latest.groupby("cell")["title"].agg(list)
    return cells.reset_index(drop=True)[columns]


def event_cells(events: gpd.GeoDataFrame, cell_deg: float, max_cells: int) -> pd.DataFrame:
    """Events per grid cell, with cells doubled in size until there are at most ``max_cells``.

    Parameters
    ----------
    events : geopandas.GeoDataFrame
        Located events (lat/lon columns).
    cell_deg : float
        Side of the first grid tried, in degrees.
    max_cells : int
        Most cells wanted: the map's size then stays flat however many events.

    Returns
    -------
    pandas.DataFrame
        As :func:`aggregate_events`.
    """
    cells = aggregate_events(events, cell_deg)
    while len(cells) > max_cells:
        cell_deg *= 2
        cells = aggregate_events(events, cell_deg)
    return cells
