"""The main map's one style table: layers, colours, symbol shapes and sizes, rings.

Every colour, line style, symbol shape and size the main map uses is named
here, so the map, its legend and the exports that redraw it (briefing PNGs,
the border page) agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from lib.data.schemas import CATEGORY_COLOURS, CATEGORY_LETTERS

__all__ = [
    "BORDER_CASING_STYLE",
    "BORDER_COLOUR",
    "BORDER_LINE_STYLE",
    "BOUNDARY_LAYERS",
    "CATEGORY_COLOURS",
    "CATEGORY_LETTERS",
    "CROSSING_FILL",
    "DISPUTED_COLOUR",
    "DISPUTED_STYLE",
    "EVENTS_DRAWN_ONE_BY_ONE",
    "EVENT_CELL_DEG",
    "EVENT_CLUSTER_OPTIONS",
    "FOCUS_RING",
    "FOCUS_ZOOM",
    "HIGHLIGHT_OUTLINE",
    "HIGHLIGHT_RING",
    "KRI_COLOUR",
    "KRI_LABEL_AT",
    "KRI_STYLE",
    "MAP_LAYERS",
    "MAX_EVENT_CELLS",
    "PLACE_FILL",
    "RING_STYLE",
    "ROLE_LABELS",
    "ROLE_SHAPES",
    "SYMBOL_SIZE",
    "UNKNOWN_CATEGORY_COLOUR",
    "BoundaryStyle",
]

BORDER_COLOUR = "#1B1B1B"
KRI_COLOUR = "#B8860B"
DISPUTED_COLOUR = "#A23B72"
#: Colour of an event whose category has none (and of grid cells of such events).
UNKNOWN_CATEGORY_COLOUR = "#666666"
CROSSING_FILL = "#ffffff"
PLACE_FILL = "#ffffff"

#: The map's layers, by key (as briefing steps and tests name them) and label.
MAP_LAYERS: dict[str, str] = {
    "neighbours": "Neighbouring countries",
    "countries": "Iraq and Iran",
    "iran_border_provinces": "Iran's border provinces",
    "governorates": "Iraqi governorates",
    "kurdistan_region": "Kurdistan Region (de jure)",
    "disputed_territories": "Disputed territories (Article 140)",
    "border": "Iraq–Iran border",
    "crossings": "Border crossings",
    "sites": "Group sites (bases and camps)",
    "events": "Events",
}

#: Dashed outline and a faint fill: governorates and the Kurdistan Region show through.
DISPUTED_STYLE: dict = {
    "color": DISPUTED_COLOUR,
    "weight": 2,
    "dashArray": "7 5",
    "fillColor": DISPUTED_COLOUR,
    "fillOpacity": 0.07,
}
KRI_STYLE: dict = {"color": KRI_COLOUR, "weight": 2.5, "fillColor": KRI_COLOUR, "fillOpacity": 0.16}
#: Where the Kurdistan Region label sits: inside the region, clear of the sites near Koya.
KRI_LABEL_AT: tuple[float, float] = (37.0, 43.35)


@dataclass(frozen=True)
class BoundaryStyle:
    """How one boundary layer is drawn.

    Attributes
    ----------
    key : str
        Layer key (in :data:`MAP_LAYERS` and ``BoundaryLayers``).
    style : dict
        Leaflet path style.
    css_class : str
        Class of its paths (tests and the browser find them by it).
    kind : str
        What one feature is, shown in tooltips and popups.
    lod : str or None
        Level of detail drawn; None for the view's own.
    extra_rows : tuple of (label, property)
        Popup rows taken from feature properties.
    sources_key : str or None
        Property listing the references (``;``-separated).
    with_passages : bool
        Popups quote the article passages on the feature.
    """

    key: str
    style: dict
    css_class: str
    kind: str
    lod: str | None = None
    extra_rows: tuple[tuple[str, str], ...] = ()
    sources_key: str | None = None
    with_passages: bool = True


#: The area layers under the border, bottom to top (the disputed territories last:
#: a dashed outline above the governorates and the Kurdistan Region hides neither).
BOUNDARY_LAYERS: tuple[BoundaryStyle, ...] = (
    BoundaryStyle(
        "neighbours",
        {"color": "#8a8a8a", "weight": 1, "fillColor": "#ecebe6", "fillOpacity": 0.55},
        "zb-neighbour",
        "Neighbouring country",
        lod="overview",
        with_passages=False,
    ),
    BoundaryStyle(
        "countries",
        {"color": "#6b6b6b", "weight": 1, "fillColor": "#fbfaf5", "fillOpacity": 0.45},
        "zb-country",
        "Country",
    ),
    BoundaryStyle(
        "iran_border_provinces",
        {
            "color": "#7a5c99",
            "weight": 1.2,
            "dashArray": "4 3",
            "fillColor": "#7a5c99",
            "fillOpacity": 0.04,
        },
        "zb-iran-province",
        "Iranian province on the border",
        extra_rows=(("Persian name", "name_fa"),),
    ),
    BoundaryStyle(
        "governorates",
        {"color": "#5d6d7e", "weight": 1.2, "dashArray": "4 3", "fillOpacity": 0.0},
        "zb-governorate",
        "Iraqi governorate",
        extra_rows=(("Arabic name", "name_ar"), ("P-code", "pcode")),
    ),
    BoundaryStyle(
        "kurdistan_region",
        KRI_STYLE,
        "zb-kurdistan-region",
        "Kurdistan Region of Iraq (de jure)",
    ),
    BoundaryStyle(
        "disputed_territories",
        DISPUTED_STYLE,
        "zb-disputed",
        "Disputed territory (Article 140)",
        extra_rows=(
            ("Governorate (OCHA)", "governorate"),
            ("P-code", "pcode"),
            ("Disputed", "extent"),
            ("Why", "basis"),
        ),
        sources_key="sources",
    ),
)
#: The border: a white casing under a dark line, so it reads on any background.
BORDER_CASING_STYLE: dict = {
    "color": "#ffffff",
    "weight": 8,
    "opacity": 0.9,
    "className": "zb-border-casing",
}
BORDER_LINE_STYLE: dict = {
    "color": BORDER_COLOUR,
    "weight": 4,
    "opacity": 1.0,
    "className": "zb-border",
}

ROLE_SHAPES: dict[str, str] = {
    "headquarters": "square",
    "base": "square",
    "refugee_camp": "circle",
    "relocation_camp": "circle",
}
ROLE_LABELS: dict[str, str] = {
    "headquarters": "Headquarters",
    "base": "Base",
    "refugee_camp": "Refugee camp",
    "relocation_camp": "Relocation camp",
}
#: Symbol width and height in pixels, by what it marks.
SYMBOL_SIZE: dict[str, int] = {"site": 22, "crossing": 18, "event": 20, "place": 18, "legend": 16}

#: The dashed uncertainty ring of a stand-in site or crossing (colour: the group's, or the border's).
RING_STYLE: dict = {"weight": 2, "dash_array": "6 5", "fill": True, "fill_opacity": 0.08}

#: The ring round the feature a map is opened on, and round highlighted points.
FOCUS_RING: dict = {"radius": 24, "color": "#111", "weight": 4, "fill": False}
HIGHLIGHT_RING: dict = {"radius": 20, "color": "#111", "weight": 4, "fill": False}
HIGHLIGHT_OUTLINE: dict = {
    "color": "#111",
    "weight": 5,
    "dashArray": "10 6",
    "fill": False,
    "className": "zb-highlight",
}
#: Zoom the map opens at when focused on a point.
FOCUS_ZOOM = 9

#: Above this many located events, the map groups them in grid cells (size by level of detail).
EVENTS_DRAWN_ONE_BY_ONE = 400
EVENT_CELL_DEG: dict[str, float] = {"overview": 0.25, "detail": 0.05}
MAX_EVENT_CELLS = 150
EVENT_CLUSTER_OPTIONS: dict = {
    "maxClusterRadius": 28,
    "spiderfyDistanceMultiplier": 1.6,
    "showCoverageOnHover": False,
}
