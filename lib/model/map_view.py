"""Where the map looks: centre and zoom, the bounds a map of a given size shows, and the
level of detail that suits a zoom.

Leaflet draws in Web Mercator (EPSG:3857); this module is the one place that converts
between a view (centre and zoom) and the bounds it shows, with a pyproj transformer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pyproj import Transformer
from pyproj.enums import TransformDirection

#: ((south, west), (north, east)) in degrees.
Bounds = tuple[tuple[float, float], tuple[float, float]]

#: The whole border in one view.
BORDER_BOUNDS: Bounds = ((29.6, 42.6), (37.6, 49.2))
MIN_ZOOM = 4
MAX_ZOOM = 16
#: From this zoom on, boundary layers are drawn at the detail level.
DETAIL_FROM_ZOOM = 9
#: Leaflet's tile size: the world is ``TILE_PX * 2**zoom`` pixels wide at a zoom.
TILE_PX = 256
#: Latitudes are clamped to ±MAX_LAT: Web Mercator sends the poles to infinity.
MAX_LAT = 85.0

# Longitude/latitude (x, y order) to Web Mercator metres. pyproj transformers are
# thread-safe (pyproj >= 3.1), so one module-level instance serves every Streamlit session.
_WEB_MERCATOR = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
#: Width of the Web Mercator world in metres (x runs from -WORLD_M/2 to WORLD_M/2).
WORLD_M: float = 2 * _WEB_MERCATOR.transform(180.0, 0.0)[0]


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


def to_mercator(lat: float, lon: float) -> tuple[float, float]:
    """Web Mercator (x, y) in metres of a point; latitude clamped to ±:data:`MAX_LAT`.

    Parameters
    ----------
    lat, lon : float
        Degrees.

    Returns
    -------
    (x, y) : tuple of float
        EPSG:3857 metres.
    """
    x, y = _WEB_MERCATOR.transform(lon, max(min(lat, MAX_LAT), -MAX_LAT))
    return float(x), float(y)


def from_mercator(x: float, y: float) -> tuple[float, float]:
    """The (lat, lon) in degrees of a Web Mercator point in metres (inverse of :func:`to_mercator`).

    ``x`` is clamped to the world's width, so the longitude stays within −180…180.
    """
    half = WORLD_M / 2
    lon, lat = _WEB_MERCATOR.transform(
        max(min(x, half), -half), y, direction=TransformDirection.INVERSE
    )
    return float(lat), float(lon)


def metres_per_pixel(zoom: int) -> float:
    """Web Mercator metres one screen pixel spans at a zoom (at any latitude)."""
    return WORLD_M / (TILE_PX * 2**zoom)


def view_bounds(view: MapView | None, width_px: int = 900, height_px: int = 560) -> Bounds:
    """The bounds a Leaflet map of a given size shows at a centre and zoom.

    Parameters
    ----------
    view : MapView or None
        Centre and zoom (from the page address); None gives the whole border.
    width_px, height_px : int
        Size of the map on the page it was read from.

    Returns
    -------
    ((south, west), (north, east))
        Rounded to 4 decimals (about 10 m), clamped to valid coordinates.
    """
    if view is None:
        return BORDER_BOUNDS
    step = metres_per_pixel(min(max(view.zoom, MIN_ZOOM), MAX_ZOOM))
    x, y = to_mercator(view.lat, view.lon)
    half_x, half_y = width_px / 2 * step, height_px / 2 * step
    south, west = from_mercator(x - half_x, y - half_y)
    north, east = from_mercator(x + half_x, y + half_y)
    south, north = max(south, -MAX_LAT), min(north, MAX_LAT)
    return ((round(south, 4), round(west, 4)), (round(north, 4), round(east, 4)))


def bounds_view(bounds: Bounds, width_px: int = 900, height_px: int = 560) -> MapView:
    """The centre and the largest zoom at which a map of a given size shows the bounds.

    The inverse of :func:`view_bounds`, for links from a briefing step to the map page.

    Parameters
    ----------
    bounds : ((south, west), (north, east))
        Degrees.
    width_px, height_px : int
        Size of the map the link opens.

    Returns
    -------
    MapView
        Centre rounded to 4 decimals; zoom within ``MIN_ZOOM``…``MAX_ZOOM``.
    """
    (south, west), (north, east) = bounds
    x_west, y_south = to_mercator(south, west)
    x_east, y_north = to_mercator(north, east)
    zoom = MAX_ZOOM
    while zoom > MIN_ZOOM:
        step = metres_per_pixel(zoom)
        if (x_east - x_west) / step <= width_px and (y_north - y_south) / step <= height_px:
            break
        zoom -= 1
    lat, lon = from_mercator((x_west + x_east) / 2, (y_south + y_north) / 2)
    return MapView(round(lat, 4), round(lon, 4), zoom)


#: The screen a view's detail is cut for: a full-HD screen, so the map in fullscreen
#: shows no gap either.
WINDOW_PX: tuple[int, int] = (1920, 1080)
#: Detail is sent this fraction of that screen beyond each side: a pan of half a
#: screen in any direction shows no gap.
WINDOW_MARGIN = 0.25
#: Outlines are simplified to this fraction of a screen pixel: nothing visible is lost.
SIMPLIFY_PX = 0.5


@dataclass(frozen=True)
class ViewWindow:
    """The part of the world a view's layers are cut to, and how finely they are drawn.

    Attributes
    ----------
    box : (west, south, east, north)
        Degrees: the view's screen plus a margin on every side.
    tolerance : float
        Simplification tolerance in degrees (a fraction of a pixel at the view's zoom).
    decimals : int
        Decimals of the coordinates sent (their rounding stays under the tolerance).
    """

    box: tuple[float, float, float, float]
    tolerance: float
    decimals: int


def view_window(
    view: MapView,
    width_px: int = WINDOW_PX[0],
    height_px: int = WINDOW_PX[1],
    margin: float = WINDOW_MARGIN,
) -> ViewWindow:
    """The window a view's layers are cut to: its screen, a margin, its pixel size.

    Parameters
    ----------
    view : MapView
        Centre and zoom.
    width_px, height_px : int
        The largest screen the view may be shown on (fullscreen).
    margin : float
        Extra on every side, as a fraction of the screen's width and height.

    Returns
    -------
    ViewWindow
        The box (grown by the margin), the simplification tolerance and the decimals.
    """
    grow = 1 + 2 * margin
    (south, west), (north, east) = view_bounds(
        view, round(width_px * grow), round(height_px * grow)
    )
    zoom = min(max(view.zoom, MIN_ZOOM), MAX_ZOOM)
    # A pixel spans 360 / (256 * 2**zoom) degrees of longitude at any latitude, and that
    # times cos(latitude) degrees of latitude: the smaller one bounds the error.
    pixel_deg = 360.0 / (TILE_PX * 2**zoom) * math.cos(math.radians(view.lat))
    tolerance = SIMPLIFY_PX * pixel_deg
    # Rounding moves a point by at most half the last decimal: keep that under half the
    # tolerance, between 2 decimals (1 km) and 5 (1 m).
    decimals = min(5, max(2, math.ceil(-math.log10(tolerance))))
    return ViewWindow((west, south, east, north), tolerance, decimals)
