"""The border page's Folium maps: the border by segment, and the border zone with the moves.

They only draw what :mod:`lib.analysis.border` measures. Every text reaching map
HTML goes through :mod:`lib.maps.popups`; the symbols are the main map's
(:mod:`lib.maps.main_map`); the maps' own markup is in
``templates/border_maps.html.j2`` and ``static/border_maps.css``.
"""

from __future__ import annotations

import math
from pathlib import Path

import folium
import jinja2
import pandas as pd
import shapely
from branca.element import Element
from pyproj import Transformer

from lib.analysis.border import BorderAnalysis
from lib.analysis.border.placement import BorderLine
from lib.analysis.border.relocation import short_name
from lib.geo.geodesy import format_km
from lib.maps.a11y import feature_name
from lib.maps.base_map import new_map
from lib.maps.popups import esc, popup_html, precision_words, tooltip_html
from lib.maps.styles import BORDER_COLOUR
from lib.maps.symbols import labelled, symbol_svg
from lib.model.filters import UNKNOWN_GROUP_COLOUR
from lib.model.kinds import kind_label
from lib.model.map_view import BORDER_BOUNDS

ZONE_COLOUR = "#E69F00"
#: The zone map's view: the Kurdistan Region's stretch, where the sites are.
ZONE_BOUNDS = ((35.25, 43.4), (37.2, 46.3))

_HERE = Path(__file__).parent
# Texts are escaped with esc() before they reach the templates (see the template).
_MARKUP = (
    jinja2.Environment(
        loader=jinja2.FileSystemLoader(_HERE / "templates"),
        autoescape=False,
        keep_trailing_newline=True,
    )
    .get_template("border_maps.html.j2")
    .module
)
_MAP_CSS = str(_MARKUP.style((_HERE / "static" / "border_maps.css").read_text(encoding="utf-8")))
_MERCATOR = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)


def _base_map(
    analysis: BorderAnalysis,
    tiles: bool,
    bounds=BORDER_BOUNDS,
    basemap: str = "online",
    title: str = "Map of the Iraq–Iran border",
) -> folium.Map:
    fmap = new_map(analysis.boundaries, bounds=bounds, basemap=basemap, tiles=tiles, title=title)
    fmap.get_root().header.add_child(Element(_MAP_CSS))
    # Both countries as pale fills, so the line reads as a border even without tiles.
    for name, outline, fill in (
        ("Iraq", analysis.iraq, "#fbfaf5"),
        ("Iran", analysis.iran, "#efece4"),
    ):
        if outline.is_empty:
            continue
        context = {"color": "#8a8a8a", "weight": 1, "fillColor": fill, "fillOpacity": 0.8}
        folium.GeoJson(
            shapely.simplify(outline, 0.005).__geo_interface__,
            name=name,
            style_function=lambda _f, style=context: style,
            interactive=False,
        ).add_to(fmap)
    return fmap


def _label(lat: float, lon: float, text: str, css: str, anchor: tuple[int, int]) -> folium.Marker:
    return folium.Marker(
        (lat, lon),
        icon=folium.DivIcon(
            html=str(_MARKUP.label(esc(text, 120))),
            icon_size=(10, 10),
            icon_anchor=anchor,
            class_name=f"zb-ba-icon {css}",
        ),
        interactive=False,
    )


def _draw_line(
    geometry: shapely.Geometry, colour: str, weight: float, tooltip: str, popup: str, css: str
) -> folium.GeoJson:
    style = {"color": colour, "weight": weight, "opacity": 1.0, "className": css}
    return folium.GeoJson(
        {
            "type": "Feature",
            "geometry": geometry.__geo_interface__,
            "properties": {"tip": tooltip, "pop": popup},
        },
        style_function=lambda _f: style,
        highlight_function=lambda _f: {"weight": weight + 3},
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
        popup=folium.GeoJsonPopup(fields=["pop"], labels=False, max_width=400),
    )


def _km_ticks(fmap: folium.Map, border: BorderLine, every_km: int = 200) -> None:
    for km in range(0, int(border.length_km) + 1, every_km):
        lon, lat = border.point_at(km)
        folium.CircleMarker(
            (lat, lon),
            radius=3,
            color="#111",
            weight=1,
            fill=True,
            fill_color="#fff",
            fill_opacity=1,
            interactive=False,
        ).add_to(fmap)
        _label(lat, lon, f"km {km}", "zb-ba-km", (-6, 8)).add_to(fmap)


def _crossing_markers(fmap: folium.Map, crossings: pd.DataFrame) -> None:
    for c in crossings.to_dict("records"):
        rows = [
            ("Along the border", f"km {c['chainage_km']:,.0f} from the tripoint"),
            ("To the border", c["distance_text"]),
            ("Location", precision_words(c["precision"])),
            ("Confidence", c["confidence"]),
        ]
        # The main map's crossing symbol: dashed for a stand-in, "?" for low confidence.
        svg = symbol_svg(
            "diamond", "#ffffff", c["precision"] != "site", c["confidence"] == "low", 16
        )
        folium.Marker(
            (c["lat"], c["lon"]),
            icon=folium.DivIcon(
                html=labelled(
                    feature_name(
                        kind_label("crossing"),
                        c["name"],
                        c["precision"],
                        c["confidence"],
                        f"km {c['chainage_km']:,.0f} along the border",
                    ),
                    svg,
                ),
                icon_size=(16, 16),
                icon_anchor=(8, 8),
                class_name="zb-ba-icon zb-crossing",
            ),
            tooltip=folium.Tooltip(
                tooltip_html(c["name"], f"Crossing · km {c['chainage_km']:,.0f} along the border"),
                sticky=False,
            ),
            popup=folium.Popup(
                popup_html(c["name"], rows, kind=kind_label("crossing")), max_width=400
            ),
        ).add_to(fmap)


def build_segments_map(
    analysis: BorderAnalysis, crossings: pd.DataFrame, tiles: bool = True, basemap: str = "online"
) -> folium.Map:
    """The border coloured by segment (governorate × province), with km marks and crossings.

    Parameters
    ----------
    analysis : BorderAnalysis
        The measured border.
    crossings : pandas.DataFrame
        Crossings placed on the border (:func:`lib.analysis.border.placement.place_on_border`).
    basemap : str
        ``online`` (tiles) or ``offline`` (built-in basemap, see ``lib.maps.base_map``).
    tiles : bool
        Add the online basemap (the layers draw without it).

    Returns
    -------
    folium.Map
        Every segment has a tooltip with its length.
    """
    fmap = _base_map(
        analysis, tiles, basemap=basemap, title="Map of the border's stretches and crossings"
    )
    total = analysis.border.length_km
    casing = {"color": "#ffffff", "weight": 10, "opacity": 0.95}
    folium.GeoJson(
        analysis.border.line.__geo_interface__, style_function=lambda _f: casing, interactive=False
    ).add_to(fmap)
    for seg in analysis.segments.to_dict("records"):
        share = seg["length_km"] / total if total else 0.0
        title = f"{seg['governorate']} | {seg['province']}"
        subtitle = (
            f"{format_km(seg['length_km'])} ({share:.1%} of the border) · "
            f"km {seg['start_km']:,.0f}–{seg['end_km']:,.0f}"
        )
        rows = [
            ("Iraqi side", seg["governorate"]),
            ("Kurdistan Region", "yes" if seg["in_kri"] else "no"),
            ("Iranian side", seg["province"]),
            ("Length", f"{seg['length_km']:,.1f} km, geodesic"),
            ("Share of the border", f"{share:.1%}"),
            ("Along the border", f"km {seg['start_km']:,.1f} to {seg['end_km']:,.1f}"),
        ]
        _draw_line(
            seg["geometry"],
            seg["colour"],
            6,
            tooltip_html(title, subtitle),
            popup_html(title, rows, kind=f"Border segment {seg['segment']}"),
            "zb-segment",
        ).add_to(fmap)
    _km_ticks(fmap, analysis.border)
    _crossing_markers(fmap, crossings)
    return fmap


def _arrowhead_svg(colour: str, angle_deg: float) -> str:
    return str(_MARKUP.arrowhead(esc(colour, 20), angle_deg))


def screen_angle(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Direction of a straight map line on screen (Web Mercator), degrees clockwise from up."""
    x1, y1 = _MERCATOR.transform(lon1, lat1)
    x2, y2 = _MERCATOR.transform(lon2, lat2)
    return math.degrees(math.atan2(x2 - x1, y2 - y1))


def build_zone_map(
    analysis: BorderAnalysis,
    band: shapely.Geometry,
    width_km: float,
    sites: pd.DataFrame,
    moves: pd.DataFrame,
    group_colours: dict[str, str],
    tiles: bool = True,
    basemap: str = "online",
) -> folium.Map:
    """The border zone band, the sites with their distance to the border, and the moves.

    Parameters
    ----------
    analysis : BorderAnalysis
        The measured border.
    band : shapely.Geometry
        :func:`lib.analysis.border.zone.zone_band` for ``width_km``.
    width_km : float
        The zone's width (for the labels).
    sites : pandas.DataFrame
        Sites placed on the border (filtered).
    moves : pandas.DataFrame
        :func:`lib.analysis.border.relocation.relocation_moves` of those sites.
    group_colours : dict
        Group id to colour.
    basemap : str
        ``online`` (tiles) or ``offline`` (built-in basemap, see ``lib.maps.base_map``).
    tiles : bool
        Add the online basemap.

    Returns
    -------
    folium.Map
        Band, border, sites (with uncertainty rings), dotted lines to their
        nearest border point, and an arrow with its distance per move.
    """
    fmap = _base_map(
        analysis,
        tiles,
        bounds=ZONE_BOUNDS,
        basemap=basemap,
        title="Map of the border zone, the sites in it and the groups' moves",
    )
    if not band.is_empty:
        # ~100 m is below what the zoom levels used here can show, and keeps the page light.
        drawn = shapely.simplify(band, 0.001, preserve_topology=True)
        style = {"color": ZONE_COLOUR, "weight": 1, "fillColor": ZONE_COLOUR, "fillOpacity": 0.28}
        folium.GeoJson(
            {
                "type": "Feature",
                "geometry": drawn.__geo_interface__,
                "properties": {
                    "tip": tooltip_html(
                        f"Border zone: {width_km:g} km on the Iraqi side",
                        "inside Iraq, within this distance of the border line",
                    )
                },
            },
            style_function=lambda _f: {**style, "className": "zb-zone"},
            tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
        ).add_to(fmap)
    line_style = {"color": BORDER_COLOUR, "weight": 3.5, "className": "zb-border"}
    folium.GeoJson(
        analysis.border.line.__geo_interface__,
        style_function=lambda _f: line_style,
        tooltip=folium.Tooltip(
            tooltip_html("Iraq–Iran border", f"{format_km(analysis.border.length_km)} measured")
        ),
    ).add_to(fmap)
    for s in sites.to_dict("records"):
        colour = group_colours.get(s["group"], UNKNOWN_GROUP_COLOUR)
        folium.PolyLine(
            [(s["lat"], s["lon"]), (s["near_lat"], s["near_lon"])],
            color="#444",
            weight=1.2,
            dash_array="2 5",
            interactive=False,
        ).add_to(fmap)
        radius_m = s["plus_minus_km"] * 1000.0
        if radius_m:
            folium.Circle(
                (s["lat"], s["lon"]),
                radius=radius_m,
                color=colour,
                weight=1.2,
                dash_array="5 4",
                fill=True,
                fill_opacity=0.06,
                interactive=False,
            ).add_to(fmap)
        rows = [
            ("Group", s["group"]),
            ("Phase", s["phase"]),
            ("To the border", s["distance_text"]),
            ("Nearest border point", f"km {s['chainage_km']:,.0f} from the tripoint"),
            ("Location", precision_words(s["precision"])),
            ("Confidence", s["confidence"]),
        ]
        folium.CircleMarker(
            (s["lat"], s["lon"]),
            radius=7,
            color="#111",
            weight=1.5,
            dash_array="3 2" if s["precision"] != "site" else None,
            fill=True,
            fill_color=colour,
            fill_opacity=0.95,
            class_name="zb-site",
            tooltip=folium.Tooltip(
                tooltip_html(
                    short_name(s["name"]), f"{s['group']} · {s['distance_text']} from the border"
                ),
                sticky=False,
            ),
            popup=folium.Popup(popup_html(s["name"], rows, kind="Site"), max_width=400),
        ).add_to(fmap)
    for m in moves.to_dict("records"):
        colour = group_colours.get(m["group"], UNKNOWN_GROUP_COLOUR)
        start, end = (m["from_lat"], m["from_lon"]), (m["to_lat"], m["to_lon"])
        title = f"{m['group']}: {short_name(m['from_name'])} → {short_name(m['to_name'])}"
        folium.PolyLine(
            [start, end], color="#ffffff", weight=7, opacity=0.9, interactive=False
        ).add_to(fmap)
        folium.PolyLine(
            [start, end],
            color=colour,
            weight=4,
            class_name="zb-move",
            tooltip=folium.Tooltip(tooltip_html(title, f"moved {m['distance_text']}")),
        ).add_to(fmap)
        # Arrowhead and label at the middle, where no site symbol covers them.
        x1, y1 = _MERCATOR.transform(m["from_lon"], m["from_lat"])
        x2, y2 = _MERCATOR.transform(m["to_lon"], m["to_lat"])
        mid_lon, mid_lat = _MERCATOR.transform((x1 + x2) / 2, (y1 + y2) / 2, direction="INVERSE")
        angle = screen_angle(m["from_lon"], m["from_lat"], m["to_lon"], m["to_lat"])
        folium.Marker(
            (mid_lat, mid_lon),
            icon=folium.DivIcon(
                html=labelled(
                    f"Relocation: {title}, moved {m['distance_text']}",
                    _arrowhead_svg(colour, angle),
                ),
                icon_size=(22, 22),
                icon_anchor=(11, 11),
                class_name="zb-ba-icon zb-arrowhead",
            ),
            tooltip=folium.Tooltip(tooltip_html(title, f"moved {m['distance_text']}")),
        ).add_to(fmap)
        _label(mid_lat, mid_lon, m["distance_text"], "zb-ba-label zb-move-label", (0, -14)).add_to(
            fmap
        )
    return fmap
