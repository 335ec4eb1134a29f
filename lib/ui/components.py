"""Widgets the pages share: a Folium map on the page, scrolling to a passage."""

from __future__ import annotations

import json

import folium
import streamlit.components.v1 as components
from streamlit_folium import st_folium

from lib.maps.map_assets import localize_map
from lib.ui.markup import static_text


def show_map(fmap: folium.Map, key: str, height: int, *, use_container_width: bool = True) -> None:
    """Draw a Folium map, served with the app's own Leaflet files, that never reruns the app.

    Every page shows its maps through here, so they all load Leaflet from the
    app (``localize_map``: no CDN) and send nothing back.

    Parameters
    ----------
    fmap : folium.Map
        The map to draw.
    key : str
        Streamlit widget key (a stable key keeps the map across reruns).
    height : int
        Height in pixels.
    use_container_width : bool
        Fill the column's width.
    """
    st_folium(
        localize_map(fmap),
        key=key,
        height=height,
        use_container_width=use_container_width,
        # Nothing comes back: panning and clicking never rerun the app.
        returned_objects=[],
    )


def pick_point(fmap: folium.Map, key: str, height: int = 360) -> tuple[float, float] | None:
    """Draw a map whose click is read back: the point the analyst chose.

    Parameters
    ----------
    fmap : folium.Map
        The map (``lib.maps.pick_map``).
    key : str
        Widget key.
    height : int
        Height in pixels.

    Returns
    -------
    (lat, lon) or None
        The last point clicked on this map, rounded to 5 decimals (about a metre);
        None before any click.
    """
    result = st_folium(
        localize_map(fmap),
        key=key,
        height=height,
        use_container_width=True,
        # Only the click comes back: panning and zooming never rerun the app.
        returned_objects=["last_clicked"],
    )
    clicked = (result or {}).get("last_clicked") or {}
    try:
        return round(float(clicked["lat"]), 5), round(float(clicked["lng"]), 5)
    except (KeyError, TypeError, ValueError):
        return None


def scroll_to(element_id: str) -> None:
    """Scroll the page to an element once it is drawn (the passage a link opened)."""
    # The component frame is same-origin: it may reach the page it sits in.
    script = static_text("scroll_to.js").strip()
    components.html(f"<script>{script}({json.dumps(element_id)});</script>", height=0)
