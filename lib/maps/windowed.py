"""Layer geometry as sent for one view: cut to the view's window, simplified to its pixels.

A map opened at a centre and zoom (:class:`lib.model.map_view.MapView`) draws its
boundary and basemap layers through :func:`drawn_parts`: what lies in the view's
window (:func:`lib.model.map_view.view_window`: the screen plus a margin) is kept,
simplified to half a pixel, with as many decimals as that needs; what lies beyond is
not sent. A map without a view (an exported briefing, a step fitted to its bounds, the
overview) gets every feature whole, as before.

An area the window cuts is sent as two features (:mod:`lib.geo.clip`): its fill,
drawn without an outline (``zbpart: fill``), and its own boundary inside the window,
drawn as lines without fill (``zbpart: edge``). Both carry the feature's id, tooltip
and popup, so a click on either opens the same popup, and the window's sides are never
drawn as a boundary.
"""

from __future__ import annotations

import numpy as np
import shapely

from lib.geo.clip import clip_for_view
from lib.model.map_view import ViewWindow

#: Style of each part of a cut area, laid over the layer's own style.
PART_STYLES: dict[str, dict] = {
    "fill": {"stroke": False},
    # Not interactive: a click or hover on the outline reaches the fill under it, which
    # carries the feature's tooltip and popup (sent once, not twice).
    "edge": {"fill": False, "interactive": False},
}


def rounded(geometry: shapely.Geometry, decimals: int) -> dict:
    """A geometry as GeoJSON, its coordinates rounded to ``decimals``."""
    return shapely.transform(geometry, lambda xy: np.round(xy, decimals)).__geo_interface__


def drawn_parts(
    geometry: shapely.Geometry, window: ViewWindow | None, decimals: int
) -> list[tuple[dict, str | None]]:
    """What of one geometry a view draws, as GeoJSON geometries and their part.

    Parameters
    ----------
    geometry : shapely.Geometry
        Lon/lat geometry.
    window : ViewWindow or None
        The view's window; None draws the whole geometry.
    decimals : int
        Decimals without a window (with one, the window's).

    Returns
    -------
    list of (geometry, part)
        Empty when nothing lies in the window; one whole geometry (part None); or a
        cut area's fill and, if any of its boundary is in the window, its edge.
    """
    if window is None:
        return [(rounded(geometry, decimals), None)]
    clipped = clip_for_view(geometry, window.box, window.tolerance)
    if clipped is None:
        return []
    if clipped.whole is not None:
        return [(rounded(clipped.whole, window.decimals), None)]
    parts: list[tuple[dict, str | None]] = [(rounded(clipped.fill, window.decimals), "fill")]
    if clipped.edge is not None:
        parts.append((rounded(clipped.edge, window.decimals), "edge"))
    return parts


def part_style(style: dict):
    """A folium ``style_function``: the layer's style, with a cut area's part laid over it."""

    def styler(feature: dict) -> dict:
        part = (feature.get("properties") or {}).get("zbpart")
        return {**style, **PART_STYLES.get(part, {})}

    return styler
