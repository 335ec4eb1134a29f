"""Questions asked of loaded curated rows: which events the map draws, which camps
were in use after the relocation, a row's sources one by one, when a figure was published.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from lib.data.schemas import CAMP_ROLES
from lib.data.validation import parse_partial_date


def events_on_map(events: pd.DataFrame) -> pd.Series:
    """Which events the map draws: those with a coordinate inside the map region.

    An event without a coordinate (no source says where it happened, such as a
    statement to television) or flagged ``off_region`` (New York, Washington)
    is still listed in the timeline and tables, never drawn on the map.

    Parameters
    ----------
    events : pandas.DataFrame
        Events as loaded (``lat``, ``off_region``).

    Returns
    -------
    pandas.Series of bool
        Aligned with ``events``.
    """
    if events.empty:
        return pd.Series([], dtype=bool, index=events.index)
    located = events["lat"].notna() & events["lon"].notna()
    return located & ~events["off_region"].fillna(False).astype(bool)


def camps_after_relocation(sites: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The camps in use after the 2023 agreement (the article's "designated camps").

    Parameters
    ----------
    sites : geopandas.GeoDataFrame
        Sites as loaded.

    Returns
    -------
    geopandas.GeoDataFrame
        Refugee and relocation camps not ended before the relocation.
    """
    return sites[sites["role"].isin(CAMP_ROLES) & (sites["phase"] != "before-relocation")]


def split_sources(text: str) -> list[str]:
    """Split a ``sources`` cell into its individual references.

    Parameters
    ----------
    text : str
        References separated by ``;``.

    Returns
    -------
    list of str
        The non-empty references, stripped.
    """
    return [part.strip() for part in str(text or "").split(";") if part.strip()]


def published_when(date: object) -> str:
    """How a published figure's ``date`` reads: ``16 Aug 2025``, ``Mar 2017``, ``2018`` or ``undated``."""
    text = str(date).strip() if isinstance(date, str) else ""
    if not text:
        return "undated"
    first, last = parse_partial_date(text)
    if first == last:
        return f"{first.day} {first:%b %Y}"
    if first.year == last.year and first.month == last.month:
        return f"{first:%b %Y}"
    return text
