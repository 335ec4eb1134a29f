"""A small map to place or move one feature: the region's boundaries, the point as it is now.

The editorial pages read the analyst's click on it (``lib.ui.components.pick_point``);
the map itself draws only the ground and the current position with its uncertainty
ring, so the analyst sees what the precision they chose means on the ground.
"""

from __future__ import annotations

import folium

from lib.data.boundaries import BoundaryLayers
from lib.maps.base_map import new_map
from lib.maps.layers import add_boundary_layers
from lib.maps.passages import no_passages
from lib.maps.popups import tooltip_html
from lib.maps.styles import RING_STYLE
from lib.model.map_view import MapView

#: Zoom of the map when a point is known (a town and its surroundings).
POINT_ZOOM = 9
#: Colour of the point being edited (the map's focus colour is for reading).
PICK_COLOUR = "#b2182b"


def pick_map(
    boundaries: BoundaryLayers,
    point: tuple[float, float] | None,
    label: str,
    ring_km: float = 0.0,
    basemap: str = "online",
) -> folium.Map:
    """A map centred on a point to move, or on the region when there is none yet.

    Parameters
    ----------
    boundaries : BoundaryLayers
        Loaded layers (border, Kurdistan Region, governorates).
    point : (lat, lon), optional
        The current position.
    label : str
        What the point is (its tooltip; escaped here).
    ring_km : float
        Radius of the uncertainty ring the chosen precision gives (0: none).
    basemap : str
        ``online`` or ``offline`` (as the sidebar chose).

    Returns
    -------
    folium.Map
        The map; a click on it is the new position.
    """
    view = MapView(point[0], point[1], POINT_ZOOM) if point else None
    fmap = new_map(
        boundaries, view=view, basemap=basemap, title="Map to pick a position: click a point"
    )
    lod = view.lod if view else "overview"
    add_boundary_layers(fmap, boundaries, lod, no_passages)
    if point is not None:
        tooltip = folium.Tooltip(tooltip_html(label, "now here · click the map to move it"))
        folium.CircleMarker(
            location=point,
            radius=8,
            color=PICK_COLOUR,
            fill=True,
            fill_opacity=0.9,
            tooltip=tooltip,
        ).add_to(fmap)
        if ring_km > 0:
            folium.Circle(
                location=point, radius=ring_km * 1000.0, color=PICK_COLOUR, **RING_STYLE
            ).add_to(fmap)
    return fmap
