"""The main map: border, regions, crossings, sites and events on one Folium map.

:func:`draw_main_map` draws a :class:`lib.model.select.Selection` (what
:func:`lib.model.select.select` chose) and returns a :class:`folium.Map`; the
page only shows it. :func:`build_main_map` does both in one call. Every drawn
feature carries a tooltip and a popup naming its source, licence, location
precision and confidence. Stand-in coordinates (town or area precision) are
drawn with a dashed uncertainty ring and a dashed symbol, never as a pin on an
exact spot; low-confidence items carry a "?".

The drawing lives in :mod:`lib.maps.layers` (areas, border), :mod:`lib.maps.points`
(sites, crossings, events, rings), :mod:`lib.maps.focus`, :mod:`lib.maps.legend`
and :mod:`lib.maps.symbols`; every style in :mod:`lib.maps.styles`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import folium
import geopandas as gpd
from folium.plugins import Fullscreen, MeasureControl

from lib.analysis.disputed import DISPUTED_LAYER
from lib.data.catalog import Catalog
from lib.maps.base_map import Snippet, new_map, static_script, style_element
from lib.maps.focus import draw_focus, draw_highlight
from lib.maps.layers import add_border, add_boundary_layers
from lib.maps.legend import legend_control, legend_html
from lib.maps.passages import Passages, passages_finder
from lib.maps.points import add_crossings, add_events, add_sites
from lib.maps.styles import (
    FOCUS_ZOOM,
)
from lib.maps.templating import MAP_PLACEHOLDER, render
from lib.model.filters import Filters, group_colours, group_marks
from lib.model.focus import FocusTarget
from lib.model.links import Focus
from lib.model.map_view import (
    BORDER_BOUNDS,
    DETAIL_FROM_ZOOM,
    Bounds,
    MapView,
    view_window,
)
from lib.model.select import Selection, select


@dataclass(frozen=True)
class MapContents:
    """What a built map shows, by kind (for captions, tables and tests).

    Attributes
    ----------
    sites, crossings, events : geopandas.GeoDataFrame
        The filtered items drawn (events and crossings without a usable
        coordinate are listed here but not drawn).
    counts : dict of str to int
        Number of drawn features per kind.
    border_km : float
        Geodesic length of the border line (detail level).
    focus : FocusTarget or None
        The feature the map was opened on, if any.
    """

    sites: gpd.GeoDataFrame
    crossings: gpd.GeoDataFrame
    events: gpd.GeoDataFrame
    counts: dict[str, int]
    border_km: float
    focus: FocusTarget | None = None


def map_contents(selection: Selection) -> MapContents:
    """What the main map of a selection shows, without drawing it.

    A page whose map comes from a cache (:func:`lib.ui.components.show_cached_map`)
    still writes its captions and tables from this.

    Parameters
    ----------
    selection : Selection
        What the map draws (:func:`lib.model.select.select`).

    Returns
    -------
    MapContents
        The same as :func:`draw_main_map` returns beside the map.
    """
    return MapContents(
        sites=selection.sites,
        crossings=selection.crossings,
        events=selection.events,
        counts=selection.counts,
        border_km=selection.border_km,
        focus=selection.target,
    )


def draw_main_map(
    catalog: Catalog,
    selection: Selection,
    view: MapView | None = None,
    tiles: bool = True,
    link_params: Mapping[str, str] | None = None,
    layers: frozenset[str] | None = None,
    bounds: Bounds | None = None,
    basemap: str = "online",
    legend: bool = True,
    redraw: bool = False,
) -> tuple[folium.Map, MapContents]:
    """Draw the main map of a selection.

    Parameters
    ----------
    catalog : Catalog
        Loaded data: the boundary layers (at the view's level of detail) and
        the article passages quoted in popups.
    selection : Selection
        What to draw (:func:`lib.model.select.select`).
    view : MapView, optional
        Centre and zoom; default: fit the whole border, or the focus.
    tiles : bool
        Add online tile layers (the plain background and vector layers draw
        without them).
    link_params : mapping, optional
        Filter parameters kept in the popups' links to the article.
    layers : frozenset of str, optional
        Keys of :data:`MAP_LAYERS` shown at first (others stay in the layer
        control, switched off); default all.
    bounds : ((south, west), (north, east)), optional
        Fit the view to these bounds (wins over ``view`` and focus).
    basemap : str
        ``online`` (tiles, with the vector layers as a fallback background) or
        ``offline`` (land, water, rivers and town labels from the project's
        own data; no tile server at all). Overrides ``tiles``.
    legend : bool
        Draw the legend on the map (a second map beside another leaves it out).
    redraw : bool
        Offer "Redraw for this view" once the reader pans out of the drawn window
        or zooms in past its detail (the live map page, which reloads at the view
        its address keeps; not an export).

    Returns
    -------
    tuple
        The folium map and what it contains.
    """

    def visible(key: str) -> bool:
        return layers is None or key in layers

    target = selection.target
    if view is None and target is not None and target.bounds is None:
        view = MapView(round(target.lat, 4), round(target.lon, 4), FOCUS_ZOOM)
    passages = passages_finder(catalog, link_params)
    lod = view.lod if view else "overview"
    fit = bounds or (
        None if view else (target.bounds if target and target.bounds else BORDER_BOUNDS)
    )
    # A map opened on a view sends the layers in its window only (cut, simplified to its
    # pixels); a map fitted to bounds (a briefing step, an export) gets them whole.
    window = view_window(view) if view is not None and fit is None else None
    fmap = new_map(catalog.boundaries, view, fit, basemap, tiles, window=window)
    fmap.get_root().header.add_child(style_element("main_map.css"))

    b = catalog.boundaries
    add_boundary_layers(fmap, b, lod, passages, layers, window)
    add_border(
        fmap,
        b.get("border", lod),
        lod,
        selection.border_km,
        selection.article_km,
        passages,
        visible("border"),
        window,
    )
    markers = _add_points(fmap, catalog, selection, passages, lod, visible)
    if target is not None:
        draw_focus(fmap, target, markers.get(target.focus.kind, {}), selection.place)
    for highlight in selection.highlights:
        draw_highlight(fmap, highlight)

    # A Leaflet control, not page HTML, so the legend stays on the map in fullscreen.
    # Open on the overview; folded when the map opens on a place, where it would cover it.
    if legend:
        markup = legend_html(
            selection.groups,
            selection.border_km,
            selection.article_km,
            open_=view is None and target is None,
        )
        fmap.add_child(legend_control(markup))
    folium.LayerControl(collapsed=True, position="topright").add_to(fmap)
    Fullscreen(position="topleft").add_to(fmap)
    MeasureControl(
        position="topleft", primary_length_unit="kilometers", primary_area_unit="sqkilometers"
    ).add_to(fmap)
    # Keeps the view in the page's address (lat/lon/z) without a Streamlit rerun.
    fmap.add_child(Snippet(static_script("view_in_url.js")))
    if redraw:
        fmap.add_child(
            Snippet(
                render(
                    "redraw_control.js.j2",
                    map=MAP_PLACEHOLDER,
                    box=list(window.box) if window else None,
                    zoom=view.zoom if window and view else None,
                    lod=lod,
                    detail_from=DETAIL_FROM_ZOOM,
                )
            )
        )
    return fmap, map_contents(selection)


def _add_points(
    fmap: folium.Map,
    catalog: Catalog,
    selection: Selection,
    passages: Passages,
    lod: str,
    visible,
) -> dict[str, dict[str, folium.Marker]]:
    """Crossings, sites and events, in that order; their markers by kind and id."""
    # Point-in-district on the detailed outlines, whatever level of detail is drawn.
    disputed = catalog.boundaries.get(DISPUTED_LAYER, "detail")
    focus = selection.focus
    crossings = add_crossings(fmap, selection.crossings_on_map, passages, visible("crossings"))
    sites = add_sites(
        fmap,
        selection.sites,
        group_colours(selection.groups),
        passages,
        visible("sites"),
        disputed,
        marks=group_marks(selection.groups),
    )
    events = add_events(
        fmap,
        selection.events_on_map,
        passages,
        focus.ref if focus and focus.kind == "event" else None,
        show=visible("events"),
        lod=lod,
        disputed=disputed,
    )
    return {"site": sites, "crossing": crossings, "event": events}


def build_main_map(
    catalog: Catalog,
    filters: Filters,
    view: MapView | None = None,
    tiles: bool = True,
    focus: Focus | None = None,
    link_params: Mapping[str, str] | None = None,
    layers: frozenset[str] | None = None,
    highlights: tuple[Focus, ...] = (),
    bounds: Bounds | None = None,
    basemap: str = "online",
) -> tuple[folium.Map, MapContents]:
    """Select and draw the main map in one call (:func:`select`, then :func:`draw_main_map`).

    Parameters
    ----------
    catalog : Catalog
        All loaded data (not modified).
    filters : Filters
        Groups, dates and minimum confidence to show.
    view : MapView, optional
        Centre and zoom; default: fit the whole border.
    tiles : bool
        Add online tile layers.
    focus : Focus, optional
        A feature to centre on, ring and open (drawn even when the filters
        would hide it); an explicit ``view`` still wins for the centre.
    link_params : mapping, optional
        Filter parameters kept in the popups' links to the article.
    layers : frozenset of str, optional
        Keys of :data:`MAP_LAYERS` shown at first; default all.
    highlights : tuple of Focus
        Features ringed (points) or outlined (areas), as a briefing step asks.
    bounds : ((south, west), (north, east)), optional
        Fit the view to these bounds (wins over ``view`` and focus).
    basemap : str
        ``online`` or ``offline`` (see :func:`draw_main_map`).

    Returns
    -------
    tuple
        The folium map and what it contains.
    """
    selection = select(catalog, filters, focus, highlights)
    return draw_main_map(
        catalog,
        selection,
        view,
        tiles=tiles,
        link_params=link_params,
        layers=layers,
        bounds=bounds,
        basemap=basemap,
    )
