"""The ground every map of the app is drawn on: tiles or the built-in basemap.

:func:`new_map` is the one place a ``folium.Map`` is created. It sets the
view, the zoom limits (on the map itself, so clusters work without tiles),
the scale bar, the shared styles, the data attribution, and the basemap:
online tiles, or land, water, rivers and town labels drawn from the
project's own Natural Earth layers when no tile server can be reached.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import branca.element
import folium
import jinja2
import numpy as np
import shapely
from branca.element import Element, Figure, MacroElement

from lib.data.boundaries import BoundaryLayers
from lib.maps.a11y import FIGURE_TEMPLATE, ZoomableTemplate, keyboard_script
from lib.maps.templating import MAP_PLACEHOLDER, esc, render, static_text
from lib.maps.windowed import drawn_parts, part_style
from lib.model.map_view import BORDER_BOUNDS, MAX_ZOOM, MIN_ZOOM, MapView, ViewWindow
from lib.model.url_state import shorten

LIGHT_TILES = "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png"
TILE_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors '
    '&copy; <a href="https://carto.com/attributions">CARTO</a>'
)
DATA_ATTRIBUTION = (
    "Data: © OpenStreetMap contributors (ODbL) · Natural Earth · OCHA/Iraq CSO (CC BY IGO) · "
    "GeoNames (CC BY 4.0) · Zagros Brief facts"
)
#: Zoom from which a town of a given Natural Earth label rank gets its label.
TOWN_LABEL_ZOOM: dict[int, int] = {
    0: 4,
    1: 5,
    2: 5,
    3: 6,
    4: 7,
    5: 7,
    6: 8,
    7: 8,
    8: 9,
    9: 9,
    10: 10,
}
#: Where every map opens when nothing else is asked for: the whole border.
DEFAULT_CENTRE: tuple[float, float] = (
    (BORDER_BOUNDS[0][0] + BORDER_BOUNDS[1][0]) / 2,
    (BORDER_BOUNDS[0][1] + BORDER_BOUNDS[1][1]) / 2,
)

#: Separators for the JSON folium writes with ``tojson`` (every GeoJSON layer's data).
COMPACT_JSON = {"sort_keys": True, "separators": (",", ":")}
# Folium writes a layer's GeoJSON with its templates' ``tojson``, spaced after every
# comma; compact separators send ~6 % fewer bytes per map (issue 16's bytes by zoom).
# The policy belongs to folium's own template environment: the app's templates keep
# theirs.
folium.GeoJson._template.environment.policies["json.dumps_kwargs"] = COMPACT_JSON

_OFFLINE_STYLES: dict[str, dict] = {
    "basemap_land": {"color": "#d8d2c4", "weight": 0.6, "fillColor": "#f3efe6", "fillOpacity": 1.0},
    "basemap_lakes": {
        "color": "#7fa7c4",
        "weight": 0.6,
        "fillColor": "#b7d0e2",
        "fillOpacity": 1.0,
    },
    "basemap_rivers": {"color": "#7fa7c4", "weight": 1.3, "opacity": 0.9},
}


#: The title of a map's own page (the briefing export's frames), unless one is given.
MAP_TITLE = "Map of the Iraq–Iran border"

#: Decimals kept in coordinates sent to the browser, by level of detail: the
#: overview is simplified to 1 km, so 0.001° (about 100 m) loses nothing visible.
COORD_DECIMALS: dict[str, int] = {"overview": 3, "detail": 5}


def geo_json(geometry: shapely.Geometry, lod: str = "detail") -> dict:
    """A geometry as GeoJSON with coordinates rounded for its level of detail.

    Parameters
    ----------
    geometry : shapely.Geometry
        Lon/lat geometry.
    lod : str
        ``overview`` or ``detail``.

    Returns
    -------
    dict
        The GeoJSON geometry; fewer digits mean fewer bytes to the browser.
    """
    decimals = COORD_DECIMALS.get(lod, 5)
    return shapely.transform(geometry, lambda xy: np.round(xy, decimals)).__geo_interface__


class _LiteralTemplate:
    """Stands in for a Jinja template whose source holds no Jinja syntax: renders as is."""

    def __init__(self, source: str) -> None:
        # Jinja drops one trailing newline by default; so does this, to render the same.
        self._text = source[:-1] if source.endswith("\n") else source

    def render(self, *_args: object, **_kwargs: object) -> str:
        return self._text


def _literal(source: str, *_args: object, **_kwargs: object) -> object:
    # Every template branca builds during a render wraps text folium has already
    # rendered (it holds our data: names, quotes, popups). Compiling it again would
    # run any "{{ … }}" in the data as Jinja on the server, so it is kept as text.
    return _LiteralTemplate(source)


class _PlainTextAsText:
    """While one of our maps renders, branca keeps already-rendered text as text.

    folium renders each element's script, then wraps the result in a
    ``branca.element.Element``, whose constructor compiles it with Jinja again:
    a few hundred compilations of unique, template-free strings per map, three
    quarters of the render time — and a server-side template injection, since
    that text holds the data (a name containing ``{{ 7*7 }}`` would render as 49).
    During the render of a :class:`ZbMap` (or its figure) branca's ``Template``
    therefore gives a literal: the text as rendered, never compiled again.
    Outside these renders branca is untouched. Re-entrant (a figure
    renders its map) and thread-safe (the original is put back by whoever
    swapped it, once the outermost render ends).
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._depth = 0
        self._original: object = None

    @contextmanager
    def active(self) -> Iterator[None]:
        with self._lock:
            if self._depth == 0:
                self._original = branca.element.Template
                branca.element.Template = _literal  # type: ignore[assignment]
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    branca.element.Template = self._original  # type: ignore[assignment]


_PLAIN_TEXT = _PlainTextAsText()


class ZbFigure(Figure):
    """The page around one of our maps: renders with plain text kept as text.

    Its page says its language and has a title (:data:`lib.maps.a11y.FIGURE_TEMPLATE`).
    """

    _template = FIGURE_TEMPLATE

    def __init__(self, title: str = MAP_TITLE) -> None:
        super().__init__(title=title)

    def render(self, **kwargs: object) -> str:
        with _PLAIN_TEXT.active():
            return super().render(**kwargs)


class ZbMap(folium.Map):
    """A ``folium.Map`` whose renders (alone or through its :class:`ZbFigure`) are fast.

    streamlit-folium renders the figure, then the map on its own: both go
    through the hook. Its header leaves zooming to the reader (folium's turns
    pinch zoom off): every reader of the header, the figure and
    streamlit-folium's frame, gets that one.
    """

    _template = ZoomableTemplate(folium.Map._template)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        ZbFigure().add_child(self)

    def render(self, **kwargs: object) -> None:
        with _PLAIN_TEXT.active():
            return super().render(**kwargs)


class RawHtml(Element):
    """Markup that is already final (CSS, a label): added as is, never compiled as Jinja."""

    def __init__(self, text: str) -> None:
        super().__init__()
        # Rendered like branca's Element(text): Jinja would drop one trailing newline.
        self._text = text.removesuffix("\n")

    def render(self, **_kwargs: object) -> str:
        return self._text


def style_element(name: str) -> RawHtml:
    """A ``<style>`` element holding the static stylesheet ``lib/maps/static/<name>``."""
    return RawHtml(render("style.html.j2", css=static_text(name)))


def static_script(name: str) -> str:
    """The script ``lib/maps/static/<name>`` (its final newline dropped), for a :class:`Snippet`."""
    return static_text(name).removesuffix("\n")


class Snippet(MacroElement):
    """A script run once the map exists; ``{{map}}`` stands for the Leaflet map variable.

    The script is put in as text (the placeholder replaced by the map's name),
    never compiled as a Jinja template: data in it (a legend's group names)
    cannot be read as Jinja syntax.
    """

    _template = jinja2.Template(
        "{% macro script(this, kwargs) %}{{ this.script_text() }}{% endmacro %}"
    )

    def __init__(self, script: str) -> None:
        super().__init__()
        self._script = script

    def script_text(self) -> str:
        """The script with the map's variable name in place of ``{{map}}``."""
        return self._script.replace(MAP_PLACEHOLDER, self._parent.get_name())


def town_label_css() -> str:
    """CSS that shows a town's label from the zoom its label rank earns."""
    rules = {rank: list(range(zoom, MAX_ZOOM + 1)) for rank, zoom in TOWN_LABEL_ZOOM.items()}
    return render("town_labels.css.j2", rules=rules)


def add_offline_basemap(
    fmap: folium.Map, boundaries: BoundaryLayers, lod: str, window: ViewWindow | None = None
) -> None:
    """Draw land, water, rivers and town labels from the project's own layers.

    Parameters
    ----------
    fmap : folium.Map
        The map to draw on.
    boundaries : BoundaryLayers
        Loaded layers (``basemap_*``).
    lod : str
        Level of detail for land, lakes and rivers.
    window : ViewWindow, optional
        The view's window: land, water and towns beyond it are not sent (a cut area's
        outline is drawn without the window's sides); default everything.
    """
    base = folium.FeatureGroup(name="Built-in basemap", control=False)
    decimals = COORD_DECIMALS.get(lod, 5)
    for layer, style in _OFFLINE_STYLES.items():
        frame = boundaries.get(layer, lod)
        css = {**style, "className": f"zb-{layer.replace('_', '-')}"}
        features = [
            {
                "type": "Feature",
                "geometry": part_geometry,
                "properties": {"zbpart": part} if part else {},
            }
            for g in frame.geometry
            for part_geometry, part in drawn_parts(g, window, decimals)
        ]
        if not features:
            continue
        folium.GeoJson(
            {"type": "FeatureCollection", "features": features},
            style_function=part_style(css),
            interactive=False,
        ).add_to(base)
    towns = boundaries.get("basemap_towns", "overview")
    if window is not None and not towns.empty:
        west, south, east, north = window.box
        towns = towns.cx[west:east, south:north]
    if not towns.empty:
        # One array drawn by a small script, not a folium marker per town: ~150 towns
        # at zoom 7 cost ~90 kB of script as markers, ~7 kB as data.
        rows = [
            [round(point.y, 4), round(point.x, 4), int(rank), shorten(name, 60)]
            for name, rank, point in zip(
                towns["name"], towns["labelrank"], towns.geometry, strict=True
            )
        ]
        script = render("town_labels.js.j2", script=static_script("town_labels.js"), towns=rows)
        base.add_child(Snippet(script))
    base.add_to(fmap)
    fmap.get_root().header.add_child(RawHtml(town_label_css()))
    # Labels appear by zoom: the map's container carries its zoom as a class.
    fmap.add_child(Snippet(static_script("zoom_tag.js")))


def new_map(
    boundaries: BoundaryLayers,
    view: MapView | None = None,
    bounds: tuple[tuple[float, float], tuple[float, float]] | None = None,
    basemap: str = "online",
    tiles: bool = True,
    title: str = MAP_TITLE,
    window: ViewWindow | None = None,
) -> folium.Map:
    """A new map on the app's ground: view, basemap, styles and attribution.

    Parameters
    ----------
    boundaries : BoundaryLayers
        Loaded layers (the offline basemap comes from them).
    view : MapView, optional
        Centre and zoom; also picks the level of detail of the basemap.
    bounds : ((south, west), (north, east)), optional
        Fit to these bounds (wins over ``view``).
    basemap : str
        ``online`` (tiles) or ``offline`` (built-in, no tile server).
    tiles : bool
        With ``online``: whether to add the tile layers at all (tests and
        exports may leave them out; the vector layers draw without them).
    title : str
        What the map is, in plain text: its page's title and its frame's name
        for a screen reader.
    window : ViewWindow, optional
        The view's window the offline basemap is cut to; default all of it.

    Returns
    -------
    folium.Map
        The map, ready for layers.
    """
    fmap = ZbMap(
        location=(view.lat, view.lon) if view else DEFAULT_CENTRE,
        zoom_start=view.zoom if view else 6,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
        # Folium hands min/max zoom only to a default tile layer; without tiles
        # Leaflet (and the event clusters) need them on the map itself.
        minZoom=MIN_ZOOM,
        maxZoom=MAX_ZOOM,
    )
    if bounds is not None:
        fmap.fit_bounds(bounds)
    if basemap == "offline":
        add_offline_basemap(fmap, boundaries, view.lod if view else "overview", window)
    elif tiles:
        folium.TileLayer(
            LIGHT_TILES,
            name="Light basemap (online tiles)",
            attr=TILE_ATTRIBUTION,
            subdomains="abcd",
        ).add_to(fmap)
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online tiles)").add_to(fmap)
    fmap.get_root().header.add_child(style_element("base.css"))
    fmap.add_child(
        Snippet(render("attribution.js.j2", map=MAP_PLACEHOLDER, text=esc(DATA_ATTRIBUTION)))
    )
    # Its name, markers by keyboard, focus into and out of popups, reduced motion.
    fmap.get_root().title = title
    fmap.add_child(Snippet(keyboard_script(title)))
    return fmap
