"""What a map draws: the features the filters keep, the focus, and what to highlight.

:func:`select` does all the querying and filtering for the main map; the map
(:func:`lib.maps.main_map.draw_main_map`) only draws the :class:`Selection`.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import shapely

from lib.data.catalog import Catalog
from lib.data.rows import events_on_map
from lib.model.filters import Filters, filter_crossings, filter_events, filter_sites
from lib.model.focus import FocusTarget, resolve_focus
from lib.model.links import Focus


@dataclass(frozen=True, eq=False)
class Highlight:
    """A feature a briefing step marks: points to ring, or an area to outline.

    Attributes
    ----------
    focus : Focus
        What was asked for.
    points : tuple of (lat, lon)
        Points to ring (a point feature, or every site of a group).
    area : shapely.Geometry or None
        An area (a boundary feature) to outline.
    """

    focus: Focus
    points: tuple[tuple[float, float], ...] = ()
    area: shapely.Geometry | None = None


@dataclass(frozen=True, eq=False)
class Selection:
    """Everything the main map draws, chosen from the catalog.

    Attributes
    ----------
    filters : Filters
        The filters applied.
    focus : Focus or None
        The feature asked for (drawn even when the filters hide it).
    target : FocusTarget or None
        Where the focus is; None when it has no coordinate.
    sites, crossings, events : geopandas.GeoDataFrame
        The items the filters keep, plus the focused one (crossings and events
        without a usable coordinate are listed but not drawn).
    crossings_on_map, events_on_map : geopandas.GeoDataFrame
        The ones drawn: crossings with a coordinate, events inside the map region.
    groups : pandas.DataFrame
        The groups (colours and names for symbols and legend).
    place : dict or None
        The record of a focused place or town (drawn only when opened on it).
    highlights : tuple of Highlight
        Features a briefing step rings or outlines.
    counts : dict of str to int
        Number of drawn features per kind (``sites``, ``crossings``, ``events``).
    border_km : float
        Geodesic length of the border line (detail level).
    article_km : float or None
        The border length the article gives.
    """

    filters: Filters
    focus: Focus | None
    target: FocusTarget | None
    sites: gpd.GeoDataFrame
    crossings: gpd.GeoDataFrame
    events: gpd.GeoDataFrame
    crossings_on_map: gpd.GeoDataFrame
    events_on_map: gpd.GeoDataFrame
    groups: pd.DataFrame
    place: dict | None
    highlights: tuple[Highlight, ...]
    counts: dict[str, int]
    border_km: float
    article_km: float | None


def select(
    catalog: Catalog,
    filters: Filters,
    focus: Focus | None = None,
    highlights: tuple[Focus, ...] = (),
) -> Selection:
    """Choose what the main map draws.

    Parameters
    ----------
    catalog : Catalog
        All loaded data (not modified).
    filters : Filters
        Groups, dates and minimum confidence to show.
    focus : Focus, optional
        A feature to open the map on; kept even when the filters would hide it.
    highlights : tuple of Focus
        Features to ring (points, groups) or outline (areas), as a briefing step asks.

    Returns
    -------
    Selection
        The rows and places to draw, with their counts.
    """
    c = catalog.curated
    sites = with_focused(filter_sites(c.sites, filters), c.sites, "site_id", focus)
    crossings = with_focused(
        filter_crossings(c.crossings, filters), c.crossings, "crossing_id", focus
    )
    events = with_focused(filter_events(c.events, filters), c.events, "event_id", focus)
    crossings_on_map = crossings[crossings.geometry.notna()]
    located = events_on_map(events)
    counts = {
        "crossings": crossings_on_map["crossing_id"].nunique(),
        "sites": sites["site_id"].nunique(),
        # Drawn one by one or grouped in cells: every located event is on the map.
        "events": int(located.sum()),
    }
    return Selection(
        filters=filters,
        focus=focus,
        target=resolve_focus(catalog, focus),
        sites=sites,
        crossings=crossings,
        events=events,
        crossings_on_map=crossings_on_map,
        events_on_map=events[located],
        groups=c.groups,
        place=place_record(catalog, focus),
        highlights=tuple(resolve_highlight(catalog, h) for h in highlights),
        counts=counts,
        border_km=catalog.border_km("detail"),
        article_km=catalog.article_border_km(),
    )


def with_focused(
    shown: gpd.GeoDataFrame, everything: gpd.GeoDataFrame, key: str, focus: Focus | None
) -> gpd.GeoDataFrame:
    """The filtered rows, plus the focused one if the filters hid it (it was asked for).

    Parameters
    ----------
    shown : geopandas.GeoDataFrame
        Rows the filters keep.
    everything : geopandas.GeoDataFrame
        The whole table.
    key : str
        Its id column (``site_id``...); the focus kind is the key without ``_id``.
    focus : Focus or None
        The focused feature.

    Returns
    -------
    geopandas.GeoDataFrame
        ``shown``, or ``shown`` with the focused row appended.
    """
    if focus is None:
        return shown
    kind = key.removesuffix("_id")
    if focus.kind != kind or focus.ref in set(shown[key]):
        return shown
    extra = everything[everything[key] == focus.ref]
    return shown if extra.empty else pd.concat([shown, extra])


def place_record(catalog: Catalog, focus: Focus | None) -> dict | None:
    """The record of a focused place (curated) or town (GeoNames), without its geometry.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.
    focus : Focus or None
        The focused feature.

    Returns
    -------
    dict or None
        None unless the focus is a place or town found in the data.
    """
    if focus is None or focus.kind not in ("place", "town"):
        return None
    if focus.kind == "place":
        table, key = catalog.curated.places, "place_id"
    else:
        table, key = catalog.gazetteer, "geonameid"
    if table is None:
        return None
    rows = table[table[key] == focus.ref]
    if rows.empty:
        return None
    return rows.drop(columns="geometry").iloc[0].to_dict()


def resolve_highlight(catalog: Catalog, highlight: Focus) -> Highlight:
    """Where a highlight is: each site of a group, a boundary's area, or a feature's point.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.
    highlight : Focus
        The feature a briefing step marks.

    Returns
    -------
    Highlight
        With no points and no area when the feature has no coordinate.
    """
    c = catalog.curated
    if highlight.kind == "group":
        sites = c.sites[c.sites["group"] == highlight.ref]
        return Highlight(highlight, tuple((p.y, p.x) for p in sites.geometry))
    if highlight.kind == "boundary":
        feature = catalog.boundaries.find(highlight.ref)
        return Highlight(highlight, area=None if feature is None else feature.geometry)
    target = resolve_focus(catalog, highlight)
    return Highlight(highlight, () if target is None else ((target.lat, target.lon),))
