"""Area and line layers of the main map: countries, provinces, regions, disputed territories, border."""

from __future__ import annotations

import folium
import geopandas as gpd

from lib.data.boundaries import BoundaryLayers
from lib.data.rows import split_sources
from lib.geo.geodesy import format_km
from lib.maps.base_map import COORD_DECIMALS
from lib.maps.passages import Passages, no_passages
from lib.maps.popups import popup_html, tooltip_html
from lib.maps.styles import (
    BORDER_CASING_STYLE,
    BORDER_LINE_STYLE,
    BOUNDARY_LAYERS,
    KRI_LABEL_AT,
    MAP_LAYERS,
    BoundaryStyle,
)
from lib.maps.templating import macro
from lib.maps.windowed import drawn_parts, part_style
from lib.model.map_view import ViewWindow

#: Where along the border its label sits, from the tripoint: two-fifths of the way
#: lies in the open Zagros, clear of sites.
BORDER_LABEL_AT = 0.42


def geojson_layer(
    frame: gpd.GeoDataFrame,
    name: str,
    style: dict,
    css_class: str,
    kind: str,
    show: bool = True,
    extra_rows: tuple[tuple[str, str], ...] = (),
    passages: Passages = no_passages,
    sources_key: str | None = None,
    window: ViewWindow | None = None,
) -> folium.FeatureGroup:
    """A boundary layer with escaped tooltip and popup per feature.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        The features (``id``, ``name``, provenance columns; ``lod``).
    name : str
        Layer name in the layer control.
    style : dict
        Leaflet path style.
    css_class : str
        Class of its paths.
    kind : str
        What a feature is, shown in its tooltip and popup.
    show : bool
        Switched on at first.
    extra_rows : tuple of (label, property)
        Popup rows taken from the features' properties.
    passages : callable
        Article passages on a feature (:mod:`lib.maps.passages`).
    sources_key : str, optional
        A property holding ``;``-separated references, listed under “Sources”.
    window : ViewWindow, optional
        The view's window: features cut to it and simplified
        (:func:`lib.maps.windowed.drawn_parts`); default every feature whole.

    Returns
    -------
    folium.FeatureGroup
        Not yet added to a map.
    """
    group = folium.FeatureGroup(name=name, show=show)
    if frame.empty:
        return group
    lod = str(frame["lod"].iloc[0]) if "lod" in frame.columns else "detail"
    decimals = COORD_DECIMALS.get(lod, 5)
    features = []
    for record, geometry in zip(
        frame.drop(columns="geometry").to_dict("records"), frame.geometry, strict=True
    ):
        parts = drawn_parts(geometry, window, decimals)
        if not parts:
            continue  # nothing of it in the view's window
        extra = [(label, record.get(key)) for label, key in extra_rows]
        rows = [
            *extra,
            ("Note", record.get("note")),
            ("Detail", record.get("precision")),
            ("Confidence", record.get("confidence")),
            ("Source", record.get("source")),
            ("Licence", record.get("licence")),
        ]
        properties = {
            "zbid": str(record.get("id")),
            "tip": tooltip_html(record.get("name"), kind),
            "pop": popup_html(
                record.get("name"),
                rows,
                split_sources(record.get(sources_key) or "") if sources_key else (),
                kind=kind,
                passages=passages("boundary", str(record.get("id"))),
            ),
        }
        for part_geometry, part in parts:
            # A cut area's edge is not interactive (lib.maps.windowed): its fill under it
            # carries the tooltip and popup, so they are sent once.
            if part == "edge":
                props = {"zbid": properties["zbid"], "zbpart": part, "tip": "", "pop": ""}
            else:
                props = {**properties, **({"zbpart": part} if part else {})}
            features.append({"type": "Feature", "geometry": part_geometry, "properties": props})
    if not features:
        return group
    style = {**style, "className": css_class}
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=name,
        style_function=part_style(style),
        highlight_function=lambda _feature: {"weight": style.get("weight", 1) + 2},
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
        popup=folium.GeoJsonPopup(fields=["pop"], labels=False, max_width=400),
        smooth_factor=1.0,
    ).add_to(group)
    return group


def add_boundary_layers(
    fmap: folium.Map,
    boundaries: BoundaryLayers,
    lod: str,
    passages: Passages,
    visible: frozenset[str] | None = None,
    window: ViewWindow | None = None,
) -> None:
    """Draw the area layers of :data:`lib.maps.styles.BOUNDARY_LAYERS`, bottom to top.

    Parameters
    ----------
    fmap : folium.Map
        The map.
    boundaries : BoundaryLayers
        Loaded layers.
    lod : str
        The view's level of detail (a layer may fix its own).
    passages : callable
        Article passages on a feature.
    visible : frozenset of str, optional
        Layer keys switched on at first; default all.
    window : ViewWindow, optional
        The view's window the layers are cut to; default the whole layers.
    """
    for layer in BOUNDARY_LAYERS:
        frame = boundaries.get(layer.key, layer.lod or lod)
        show = visible is None or layer.key in visible
        group = _boundary_layer(frame, layer, passages, show, window)
        if layer.key == "kurdistan_region" and not frame.empty:
            # Labelled in words on the map: the de jure line is not the line the KRG holds.
            folium.Marker(
                KRI_LABEL_AT,
                icon=folium.DivIcon(
                    html=macro("labels.html.j2", "kri_label")(),
                    icon_size=(300, 34),
                    icon_anchor=(150, 17),
                    class_name="zb-kri-label",
                ),
                interactive=False,
            ).add_to(group)
        group.add_to(fmap)


def _boundary_layer(
    frame: gpd.GeoDataFrame,
    layer: BoundaryStyle,
    passages: Passages,
    show: bool,
    window: ViewWindow | None,
) -> folium.FeatureGroup:
    return geojson_layer(
        frame,
        MAP_LAYERS[layer.key],
        layer.style,
        layer.css_class,
        layer.kind,
        show=show,
        extra_rows=layer.extra_rows,
        passages=passages if layer.with_passages else no_passages,
        sources_key=layer.sources_key,
        window=window,
    )


def border_label_point(border: gpd.GeoDataFrame) -> tuple[float, float] | None:
    """Where the border's label goes, as (lat, lon); None without a border."""
    if border.empty:
        return None
    point = border.geometry.iloc[0].interpolate(BORDER_LABEL_AT, normalized=True)
    return point.y, point.x


def add_border(
    fmap: folium.Map,
    border: gpd.GeoDataFrame,
    lod: str,
    border_km: float,
    article_km: float | None,
    passages: Passages,
    show: bool = True,
    window: ViewWindow | None = None,
) -> None:
    """Draw the Iraq–Iran border: casing, line (with its popup) and its length as a label.

    Parameters
    ----------
    fmap : folium.Map
        The map.
    border : geopandas.GeoDataFrame
        The border layer at ``lod`` (one line).
    lod : str
        Level of detail drawn.
    border_km : float
        Measured length (detail level).
    article_km : float or None
        The length the article gives.
    passages : callable
        Article passages on the border.
    show : bool
        Switched on at first.
    window : ViewWindow, optional
        The view's window the line is cut to (its label stays where the whole line
        puts it); default the whole line.
    """
    group = folium.FeatureGroup(name=MAP_LAYERS["border"], show=show)
    line = None
    if not border.empty:
        # A line cut by the window stays a line: one part, or none out of the window.
        parts = drawn_parts(border.geometry.iloc[0], window, COORD_DECIMALS.get(lod, 5))
        line = parts[0][0] if parts else None
    if line is not None:
        folium.GeoJson(
            line,
            style_function=lambda _f: BORDER_CASING_STYLE,
            interactive=False,
        ).add_to(group)
        record = border.drop(columns="geometry").iloc[0].to_dict()
        rows = [
            ("Length (measured)", f"{format_km(border_km)} — geodesic, along the detailed line"),
            ("Length (the article)", format_km(article_km) if article_km else None),
            ("Detail shown", record.get("precision")),
            ("Confidence", record.get("confidence")),
            ("Source", record.get("source")),
            ("Licence", record.get("licence")),
        ]
        subtitle = f"{format_km(border_km)} measured" + (
            f" · the article says {format_km(article_km)}" if article_km else ""
        )
        feature = {
            "type": "Feature",
            "geometry": line,
            "properties": {
                "zbid": str(record.get("id")),
                "tip": tooltip_html("Iraq–Iran border", subtitle),
                "pop": popup_html(
                    "Iraq–Iran border",
                    rows,
                    kind="Boundary",
                    passages=passages("boundary", str(record.get("id"))),
                ),
            },
        }
        folium.GeoJson(
            feature,
            style_function=lambda _f: BORDER_LINE_STYLE,
            tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
            popup=folium.GeoJsonPopup(fields=["pop"], labels=False, max_width=400),
        ).add_to(group)
        label_at = border_label_point(border)
        if label_at:
            text = f"Iraq–Iran border · {format_km(border_km)}" + (
                f" (article: {format_km(article_km)})" if article_km else ""
            )
            folium.Marker(
                label_at,
                icon=folium.DivIcon(
                    html=macro("labels.html.j2", "border_label")(text),
                    icon_size=(360, 20),
                    icon_anchor=(-14, 10),
                    class_name="zb-border-label",
                ),
                interactive=False,
            ).add_to(group)
    group.add_to(fmap)
