"""Where the map looks: centre and zoom, and the level of detail that suits a zoom."""

from __future__ import annotations

from dataclasses import dataclass

#: The whole border in one view.
BORDER_BOUNDS: tuple[tuple[float, float], tuple[float, float]] = ((29.6, 42.6), (37.6, 49.2))
MIN_ZOOM = 4
MAX_ZOOM = 16
#: From this zoom on, boundary layers are drawn at the detail level.
DETAIL_FROM_ZOOM = 9


@dataclass(frozen=True)
class MapView:
    """A map view: centre (lat, lon) and zoom.

    Attributes
    ----------
    lat, lon : float
        Centre, degrees.
    zoom : int
        Leaflet zoom level.
    """

    lat: float
    lon: float
    zoom: int

    @property
    def lod(self) -> str:
        """Level of detail of the boundary layers at this zoom."""
        return "detail" if self.zoom >= DETAIL_FROM_ZOOM else "overview"
