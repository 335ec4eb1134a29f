"""The focused feature and a briefing step's highlights, drawn on the main map."""

from __future__ import annotations

import folium

from lib.maps.base_map import Snippet, geo_json
from lib.maps.points import place_marker
from lib.maps.styles import FOCUS_RING, HIGHLIGHT_OUTLINE, HIGHLIGHT_RING
from lib.maps.templating import MAP_PLACEHOLDER, render
from lib.model.focus import FocusTarget
from lib.model.select import Highlight


def draw_focus(
    fmap: folium.Map,
    target: FocusTarget,
    markers: dict[str, folium.Marker],
    place: dict | None = None,
) -> None:
    """Ring the focused feature and open its popup once the map is ready.

    Parameters
    ----------
    fmap : folium.Map
        The map.
    target : FocusTarget
        Where the focus is.
    markers : dict of str to folium.Marker
        The drawn markers of the focus's kind, by id (its own is clicked open).
    place : dict, optional
        The record of a focused place or town: drawn here, as nothing else draws it.
    """
    focus = target.focus
    marker = markers.get(focus.ref)
    if marker is None and focus.kind in ("place", "town") and place is not None:
        marker = place_marker(focus.kind, place, target).add_to(fmap)
    if target.bounds is None:
        folium.CircleMarker(
            (target.lat, target.lon),
            **FOCUS_RING,
            class_name="zb-focus-ring",
            interactive=False,
        ).add_to(fmap)
    if focus.kind == "boundary":
        # Open the area's own popup where the focus points, once its layer is drawn.
        script = render(
            "focus_open.js.j2",
            map=MAP_PLACEHOLDER,
            marker=None,
            zbid=focus.ref,
            lat=target.lat,
            lon=target.lon,
        )
        fmap.add_child(Snippet(script))
        return
    if marker is None:
        return
    script = render("focus_open.js.j2", map=MAP_PLACEHOLDER, marker=marker.get_name())
    fmap.add_child(Snippet(script))


def draw_highlight(fmap: folium.Map, highlight: Highlight) -> None:
    """Ring a point feature (or each site of a group); outline an area.

    Parameters
    ----------
    fmap : folium.Map
        The map.
    highlight : Highlight
        As :func:`lib.model.select.resolve_highlight` found it.
    """
    if highlight.area is not None:
        folium.GeoJson(
            geo_json(highlight.area, "overview"),
            style_function=lambda _f: HIGHLIGHT_OUTLINE,
            interactive=False,
        ).add_to(fmap)
    for lat, lon in highlight.points:
        folium.CircleMarker(
            (lat, lon), **HIGHLIGHT_RING, class_name="zb-highlight", interactive=False
        ).add_to(fmap)
