"""The main map: border, regions, crossings, sites and events on one Folium map.

:func:`build_main_map` returns a :class:`folium.Map`; the page only shows it.
Every drawn feature carries a tooltip and a popup naming its source,
licence, location precision and confidence. Stand-in coordinates (town or
area precision) are drawn with a dashed uncertainty ring and a dashed
symbol, never as a pin on an exact spot; low-confidence items carry a "?".
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import Element
from folium.plugins import Fullscreen, MarkerCluster, MeasureControl

from lib.analysis.disputed import (
    DISPUTED_LAYER,
    DISPUTED_ROW_LABEL,
    disputed_at,
    with_stand_in_caveat,
)
from lib.data.catalog import Catalog
from lib.data.curated import (
    CATEGORY_COLOURS,
    EVENT_CATEGORIES,
    camps_after_relocation,
    events_on_map,
    split_sources,
)
from lib.geo.geodesy import format_km
from lib.geo.rings import DEFAULT_RING_KM
from lib.maps.base_map import Snippet, geo_json, new_map
from lib.maps.popups import (
    esc,
    popup_html,
    precision_words,
    record_sources,
    source_rows,
    tooltip_html,
)
from lib.model.filters import (
    UNKNOWN_GROUP_COLOUR,
    Filters,
    filter_crossings,
    filter_events,
    filter_sites,
    group_colours,
    group_label,
)
from lib.model.links import Focus, article_link
from lib.model.map_view import BORDER_BOUNDS, MapView

BORDER_COLOUR = "#1B1B1B"
KRI_COLOUR = "#B8860B"
DISPUTED_COLOUR = "#A23B72"
#: Dashed outline and a faint fill: governorates and the Kurdistan Region show through.
DISPUTED_STYLE: dict = {
    "color": DISPUTED_COLOUR,
    "weight": 2,
    "dashArray": "7 5",
    "fillColor": DISPUTED_COLOUR,
    "fillOpacity": 0.07,
}
#: Where the Kurdistan Region label sits: inside the region, clear of the sites near Koya.
KRI_LABEL_AT: tuple[float, float] = (37.0, 43.35)
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
HIGHLIGHT_OUTLINE = {
    "color": "#111",
    "weight": 5,
    "dashArray": "10 6",
    "fill": False,
    "className": "zb-highlight",
}
#: Above this many located events, the map groups them in grid cells (size by level of detail).
EVENTS_DRAWN_ONE_BY_ONE = 400
EVENT_CELL_DEG: dict[str, float] = {"overview": 0.25, "detail": 0.05}
MAX_EVENT_CELLS = 150
#: Zoom the map opens at when focused on a point.
FOCUS_ZOOM = 9
#: Default radius of the uncertainty ring around a stand-in coordinate, metres; a row's
#: own ring (``ring_km``) is wider when its source positions need it (:mod:`lib.geo.rings`).
UNCERTAINTY_RADIUS_M: dict[str, float] = {k: km * 1000.0 for k, km in DEFAULT_RING_KM.items()}
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
_MAP_CSS = """
<style>
/* Event clusters in a neutral tone, apart from the group and category colours. */
.marker-cluster-small, .marker-cluster-medium, .marker-cluster-large { background: rgba(40,40,40,.25); }
.marker-cluster-small div, .marker-cluster-medium div, .marker-cluster-large div {
  background: rgba(40,40,40,.85); color: #fff; font-weight: 700; }
.zb-symbol { background: none; border: none; }
.zb-border-label { background: none; border: none; }
.zb-border-label div { font: 600 14px system-ui, sans-serif; color: #1b1b1b; white-space: nowrap;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff; }
.zb-legend { background: rgba(255,255,255,.94);
  padding: 6px 10px; border-radius: 6px; box-shadow: 0 1px 4px rgba(0,0,0,.3); font: 13px/1.3
  system-ui, sans-serif; max-height: 300px; max-width: 250px; overflow-y: auto; }
.zb-legend .zb-grid { display: grid; grid-template-columns: 1fr 1fr; column-gap: 8px; }
.zb-legend summary { font-weight: 700; cursor: pointer; }
.zb-legend h5 { margin: 4px 0 1px; font-size: 12px; text-transform: uppercase; color: #555; }
.zb-kri-label { background: none; border: none; }
.zb-kri-label div { text-align: center; line-height: 1.1; font: italic 600 14px system-ui, sans-serif; color: #7a5a00; white-space: nowrap;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff; }
.zb-legend .zb-row { display: flex; align-items: center; gap: 6px; }
.zb-legend svg { flex: none; }
</style>
"""


#: ``passages(kind, ref)`` → the article passages on a feature, as (quote, link).
Passages = Callable[[str, str], list[tuple[str, str]]]


def passages_finder(catalog: Catalog, link_params: Mapping[str, str] | None = None) -> Passages:
    """Build the lookup that puts article quotes and links into popups.

    Parameters
    ----------
    catalog : Catalog
        Loaded data with resolved annotations.
    link_params : mapping, optional
        Current filter parameters, kept in the links.

    Returns
    -------
    callable
        ``(kind, ref) -> [(quote, href), ...]``.
    """

    def find(kind: str, ref: str) -> list[tuple[str, str]]:
        return [
            (
                item.quote,
                article_link(
                    item.annotation.article_id, item.annotation.annotation_id, link_params
                ),
            )
            for item in catalog.annotations_for(kind, ref)
        ]

    return find


def _no_passages(_kind: str, _ref: str) -> list[tuple[str, str]]:
    return []


@dataclass(frozen=True)
class FocusTarget:
    """Where a focused feature is: a point, or bounds to fit.

    Attributes
    ----------
    focus : Focus
        What was asked for.
    label : str
        Its name.
    lat, lon : float
        A point on it (the centre for areas).
    bounds : tuple or None
        ``((south, west), (north, east))`` for areas and groups.
    """

    focus: Focus
    label: str
    lat: float
    lon: float
    bounds: tuple[tuple[float, float], tuple[float, float]] | None = None


def _bounds_of(geometries: list) -> tuple[tuple[float, float], tuple[float, float]]:
    west, south, east, north = shapely.GeometryCollection(geometries).bounds
    pad = 0.15
    return ((south - pad, west - pad), (north + pad, east + pad))


def resolve_focus(catalog: Catalog, focus: Focus | None) -> FocusTarget | None:
    """Find where a focus points: the feature's point or the bounds to fit.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.
    focus : Focus or None
        From ``lib.model.links.parse_focus`` (ids already checked).

    Returns
    -------
    FocusTarget or None
        None when there is nothing to show on the map (no coordinate).
    """
    if focus is None:
        return None
    c = catalog.curated
    if focus.kind in ("site", "crossing", "event", "place"):
        frame, key, name = catalog.feature_table(focus.kind)
        rows = frame[frame[key] == focus.ref]
        if rows.empty or rows.geometry.iloc[0] is None:
            return None
        point = rows.geometry.iloc[0]
        return FocusTarget(focus, str(rows[name].iloc[0]), point.y, point.x)
    if focus.kind == "town" and catalog.gazetteer is not None:
        rows = catalog.gazetteer[catalog.gazetteer["geonameid"] == focus.ref]
        if rows.empty:
            return None
        point = rows.geometry.iloc[0]
        return FocusTarget(focus, str(rows["name"].iloc[0]), point.y, point.x)
    if focus.kind == "boundary":
        feature = catalog.boundaries.find(focus.ref)
        if feature is None:
            return None
        point = feature.geometry.representative_point()
        return FocusTarget(
            focus, str(feature["name"]), point.y, point.x, _bounds_of([feature.geometry])
        )
    if focus.kind == "group":
        sites = c.sites[c.sites["group"] == focus.ref]
        if sites.empty:
            return None
        names = dict(zip(c.groups["group_id"], c.groups["name"], strict=True))
        centre = sites.geometry.union_all().centroid
        return FocusTarget(
            focus,
            names.get(focus.ref, focus.ref),
            centre.y,
            centre.x,
            _bounds_of(list(sites.geometry)),
        )
    if focus.kind == "claim":
        claims = c.claims[c.claims["claim_id"] == focus.ref]
        if claims.empty:
            return None
        claim = claims.iloc[0]
        if claim["kind"] == "border_length":
            return resolve_focus(catalog, Focus("boundary", str(claim["subject"])))
        if claim["kind"] == "event_date":
            return resolve_focus(catalog, Focus("event", str(claim["subject"])))
        camps = camps_after_relocation(c.sites)
        if camps.empty:
            return None
        centre = camps.geometry.union_all().centroid
        return FocusTarget(
            focus, str(claim["statement"]), centre.y, centre.x, _bounds_of(list(camps.geometry))
        )
    return None


@dataclass(frozen=True)
class MapContents:
    """What a built map shows, by kind (for captions, tables and tests).

    Attributes
    ----------
    sites, crossings, events : geopandas.GeoDataFrame
        The filtered items drawn (events and crossings without a usable
        coordinate are listed here but not drawn).
    counts : dict of str to int
        Number of drawn features per kind.
    border_km : float
        Geodesic length of the border line (detail level).
    focus : FocusTarget or None
        The feature the map was opened on, if any.
    """

    sites: gpd.GeoDataFrame
    crossings: gpd.GeoDataFrame
    events: gpd.GeoDataFrame
    counts: dict[str, int]
    border_km: float
    focus: FocusTarget | None = None


def symbol_svg(shape: str, fill: str, dashed: bool, low_confidence: bool, size: int = 22) -> str:
    """An SVG map symbol: a group-coloured circle, square, diamond or triangle.

    Parameters
    ----------
    shape : str
        ``circle`` (camp), ``square`` (base), ``diamond`` (crossing) or
        ``triangle`` (event).
    fill : str
        Fill colour (#RRGGBB, from the data: escaped anyway).
    dashed : bool
        Dashed outline: the coordinate is a stand-in.
    low_confidence : bool
        Adds a "?" mark.
    size : int
        Width and height in pixels.

    Returns
    -------
    str
        SVG markup.
    """
    s, h = size, size / 2
    dash = ' stroke-dasharray="3 2"' if dashed else ""
    stroke = f'stroke="#111" stroke-width="2"{dash}'
    fill = esc(fill, 20)
    body = {
        "circle": f'<circle cx="{h}" cy="{h}" r="{h - 2}" fill="{fill}" {stroke}/>',
        "square": f'<rect x="2" y="2" width="{s - 4}" height="{s - 4}" fill="{fill}" {stroke}/>',
        "diamond": f'<polygon points="{h},1 {s - 1},{h} {h},{s - 1} 1,{h}" fill="{fill}" {stroke}/>',
        "triangle": f'<polygon points="{h},1 {s - 1},{s - 2} 1,{s - 2}" fill="{fill}" {stroke}/>',
    }[shape]
    mark = (
        f'<text x="{h}" y="{h + 5}" text-anchor="middle" font-size="14" font-weight="700" '
        f'fill="#fff" stroke="#000" stroke-width="0.6">?</text>'
        if low_confidence
        else ""
    )
    opacity = ' opacity="0.8"' if low_confidence else ""
    return f'<svg width="{s}" height="{s}" viewBox="0 0 {s} {s}"{opacity}>{body}{mark}</svg>'


def _symbol_marker(
    lat: float,
    lon: float,
    svg: str,
    css_class: str,
    tooltip: str,
    popup: str,
    offset: int = 0,
    size: int = 22,
) -> folium.Marker:
    icon = folium.DivIcon(
        html=svg,
        icon_size=(size, size),
        # Co-located items are fanned out sideways so each stays clickable.
        icon_anchor=(size // 2 - offset, size // 2),
        class_name=f"zb-symbol {css_class}",
    )
    return folium.Marker(
        location=(lat, lon),
        icon=icon,
        tooltip=folium.Tooltip(tooltip, sticky=False),
        popup=folium.Popup(popup, max_width=400, lazy=True),
    )


def _view_in_url_script() -> str:
    # Keeps the current view in the page's address as lat/lon/z, without a
    # Streamlit rerun: the map runs in a same-origin iframe, so it can reach
    # the top window's history. A copied link then reopens the same view.
    return """
    (function(map){
      function keep(){
        try {
          var top = window.parent, url = new URL(top.location.href), c = map.getCenter();
          url.searchParams.set('lat', c.lat.toFixed(4));
          url.searchParams.set('lon', c.lng.toFixed(4));
          url.searchParams.set('z', String(map.getZoom()));
          top.history.replaceState(top.history.state, '', url.toString());
        } catch (e) { /* not embedded in the app: nothing to keep */ }
      }
      map.on('moveend', keep);
    })({{map}});
    """


def _geojson_layer(
    frame: gpd.GeoDataFrame,
    name: str,
    style: dict,
    css_class: str,
    kind: str,
    show: bool = True,
    extra_rows: tuple[tuple[str, str], ...] = (),
    passages: Passages = _no_passages,
    sources_key: str | None = None,
) -> folium.FeatureGroup:
    """A boundary layer with escaped tooltip and popup per feature.

    ``sources_key`` names a property holding ``;``-separated references,
    listed under “Sources” in the popup.
    """
    group = folium.FeatureGroup(name=name, show=show)
    if frame.empty:
        return group
    lod = str(frame["lod"].iloc[0]) if "lod" in frame.columns else "detail"
    features = []
    for record, geometry in zip(
        frame.drop(columns="geometry").to_dict("records"), frame.geometry, strict=True
    ):
        extra = [(label, record.get(key)) for label, key in extra_rows]
        rows = [
            *extra,
            ("Note", record.get("note")),
            ("Detail", record.get("precision")),
            ("Confidence", record.get("confidence")),
            ("Source", record.get("source")),
            ("Licence", record.get("licence")),
        ]
        features.append(
            {
                "type": "Feature",
                "geometry": geo_json(geometry, lod),
                "properties": {
                    "zbid": str(record.get("id")),
                    "tip": tooltip_html(record.get("name"), kind),
                    "pop": popup_html(
                        record.get("name"),
                        rows,
                        split_sources(record.get(sources_key) or "") if sources_key else (),
                        kind=kind,
                        passages=passages("boundary", str(record.get("id"))),
                    ),
                },
            }
        )
    style = {**style, "className": css_class}
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=name,
        style_function=lambda _feature: style,
        highlight_function=lambda _feature: {"weight": style.get("weight", 1) + 2},
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
        popup=folium.GeoJsonPopup(fields=["pop"], labels=False, max_width=400),
        smooth_factor=1.0,
    ).add_to(group)
    return group


def _border_label_point(border: gpd.GeoDataFrame) -> tuple[float, float] | None:
    if border.empty:
        return None
    line = border.geometry.iloc[0]
    # Two-fifths of the way from the tripoint lies in the open Zagros, clear of sites.
    point = line.interpolate(0.42, normalized=True)
    return point.y, point.x


def _legend_html(
    catalog: Catalog, border_km: float, article_km: float | None, open_: bool = True
) -> str:
    groups = catalog.curated.groups
    rows = []
    length = f"{format_km(border_km)} measured" if border_km else "length not available"
    article = f" · article: {format_km(article_km)}" if article_km else ""
    rows.append(
        f"<div class='zb-row'><svg width='26' height='10'><line x1='0' y1='5' x2='26' y2='5' "
        f"stroke='#fff' stroke-width='7'/><line x1='0' y1='5' x2='26' y2='5' stroke='{BORDER_COLOUR}' "
        f"stroke-width='3.5'/></svg>Iraq–Iran border ({esc(length)}{esc(article)})</div>"
    )
    rows.append(
        f"<div class='zb-row'><svg width='26' height='14'><rect x='1' y='1' width='24' height='12' "
        f"fill='{KRI_COLOUR}' fill-opacity='.25' stroke='{KRI_COLOUR}' stroke-width='2'/></svg>"
        "Kurdistan Region (de jure)</div>"
    )
    rows.append(
        f"<div class='zb-row'><svg width='26' height='14'><rect x='1' y='1' width='24' height='12' "
        f"fill='{DISPUTED_COLOUR}' fill-opacity='.12' stroke='{DISPUTED_COLOUR}' stroke-width='2' "
        "stroke-dasharray='5 3'/></svg>Disputed territories (Article 140)</div>"
    )
    rows.append("<h5>Groups</h5>")
    for group_id, name, colour in zip(
        groups["group_id"], groups["name"], groups["colour"], strict=True
    ):
        rows.append(
            f"<div class='zb-row'>{symbol_svg('circle', colour, False, False, 16)}"
            f"{esc(group_label(group_id, name))}</div>"
        )
    rows.append("<h5>Symbols</h5>")
    rows.append(
        f"<div class='zb-row'>{symbol_svg('square', '#bbb', False, False, 16)}Base / headquarters</div>"
        f"<div class='zb-row'>{symbol_svg('circle', '#bbb', False, False, 16)}Camp</div>"
        f"<div class='zb-row'>{symbol_svg('diamond', '#fff', False, False, 16)}Border crossing</div>"
        f"<div class='zb-row'>{symbol_svg('circle', '#bbb', True, False, 16)}"
        "Stand-in site or crossing (dashed ring: where it may be)</div>"
        f"<div class='zb-row'>{symbol_svg('circle', '#bbb', False, True, 16)}Low confidence</div>"
    )
    rows.append("<h5>Events</h5><div class='zb-grid'>")
    for category in EVENT_CATEGORIES:
        rows.append(
            f"<div class='zb-row'>{symbol_svg('triangle', CATEGORY_COLOURS[category], False, False, 16)}"
            f"{esc(category.capitalize())}</div>"
        )
    rows.append("</div>")
    return (
        f"<details class='zb-legend' id='zb-legend'{' open' if open_ else ''}><summary>Legend</summary>"
        f"{''.join(rows)}</details>"
    )


def _offsets(frame: gpd.GeoDataFrame) -> list[int]:
    """Pixel offsets that fan out items sharing one coordinate."""
    seen: Counter[tuple[float, float]] = Counter()
    offsets = []
    for geometry in frame.geometry:
        key = (round(geometry.y, 4), round(geometry.x, 4))
        offsets.append(seen[key] * 24)
        seen[key] += 1
    return offsets


def ring_radius_m(record: Mapping) -> float:
    """Radius of a row's uncertainty ring, metres: its ``ring_km``, else its precision's default."""
    ring_km = record.get("ring_km")
    if ring_km is not None and not pd.isna(ring_km) and ring_km > 0:
        return float(ring_km) * 1000.0
    return UNCERTAINTY_RADIUS_M.get(str(record.get("precision") or ""), 5_000.0)


def _ring_circle(record: Mapping, geometry, colour: str, class_name: str) -> folium.Circle:
    """The dashed uncertainty ring of a stand-in site or crossing."""
    radius = ring_radius_m(record)
    return folium.Circle(
        location=(geometry.y, geometry.x),
        radius=radius,
        color=colour,
        weight=2,
        dash_array="6 5",
        fill=True,
        fill_opacity=0.08,
        class_name=class_name,
        tooltip=folium.Tooltip(
            tooltip_html(
                record["name"],
                f"{precision_words(record['precision'])} · ring {radius / 1000:,.0f} km",
            )
        ),
    )


def _add_sites(
    fmap: folium.Map,
    sites: gpd.GeoDataFrame,
    colours: dict[str, str],
    passages: Passages,
    show: bool = True,
    disputed: gpd.GeoDataFrame | None = None,
) -> dict[str, folium.Marker]:
    markers: dict[str, folium.Marker] = {}
    in_disputed = disputed_at(sites.geometry.x, sites.geometry.y, disputed)
    rings = folium.FeatureGroup(name="Uncertainty rings of stand-in locations", show=show)
    symbols = folium.FeatureGroup(name=MAP_LAYERS["sites"], show=show)
    records = sites.drop(columns="geometry").to_dict("records")
    for record, geometry, offset, district in zip(
        records, sites.geometry, _offsets(sites), in_disputed, strict=True
    ):
        colour = colours.get(record["group"], UNKNOWN_GROUP_COLOUR)
        stand_in = record["precision"] != "site"
        low = record["confidence"] == "low"
        dates = f"{record.get('active_from') or '?'} – {record.get('active_to') or 'today'}"
        rows = [
            ("Group", record["group"]),
            ("Role", ROLE_LABELS.get(record["role"], record["role"])),
            ("Phase", record["phase"].replace("-", " ")),
            ("In use", dates),
            (DISPUTED_ROW_LABEL, with_stand_in_caveat(district, record["precision"])),
            ("Notes", record.get("notes")),
            *source_rows(record),
        ]
        popup = popup_html(
            record["name"],
            rows,
            record_sources(record),
            kind="Site",
            passages=passages("site", record["site_id"]),
        )
        subtitle = f"{record['group']} · {ROLE_LABELS.get(record['role'], '')} · {dates}"
        if stand_in:
            _ring_circle(record, geometry, colour, "zb-ring").add_to(rings)
        svg = symbol_svg(ROLE_SHAPES.get(record["role"], "circle"), colour, stand_in, low)
        markers[record["site_id"]] = _symbol_marker(
            geometry.y,
            geometry.x,
            svg,
            f"zb-site zb-site-{esc(record['site_id'], 80)}",
            tooltip_html(record["name"], subtitle),
            popup,
            offset,
        ).add_to(symbols)
    rings.add_to(fmap)
    symbols.add_to(fmap)
    return markers


def _add_crossings(
    fmap: folium.Map, crossings: gpd.GeoDataFrame, passages: Passages, show: bool = True
) -> dict[str, folium.Marker]:
    markers: dict[str, folium.Marker] = {}
    rings = folium.FeatureGroup(name="Uncertainty rings of border crossings", show=show)
    layer = folium.FeatureGroup(name=MAP_LAYERS["crossings"], show=show)
    drawn = crossings[crossings.geometry.notna()]
    records = drawn.drop(columns="geometry").to_dict("records")
    for record, geometry in zip(records, drawn.geometry, strict=True):
        rows = [
            ("Iraq side", f"{record['iraq_name']} ({record['iraq_governorate']})"),
            ("Iran side", f"{record['iran_name']} ({record['iran_province']})"),
            ("Status", record["status"]),
            ("Notes", record.get("notes")),
            *source_rows(record),
        ]
        popup = popup_html(
            record["name"],
            rows,
            record_sources(record),
            kind="Border crossing",
            passages=passages("crossing", record["crossing_id"]),
        )
        stand_in = record["precision"] != "site"
        if stand_in:
            _ring_circle(record, geometry, BORDER_COLOUR, "zb-ring-crossing").add_to(rings)
        svg = symbol_svg("diamond", "#ffffff", stand_in, record["confidence"] == "low", 18)
        markers[record["crossing_id"]] = _symbol_marker(
            geometry.y,
            geometry.x,
            svg,
            "zb-crossing",
            tooltip_html(record["name"], f"Border crossing · {record['status']}"),
            popup,
            size=18,
        ).add_to(layer)
    rings.add_to(fmap)
    layer.add_to(fmap)
    return markers


def aggregate_events(events: gpd.GeoDataFrame, cell_deg: float) -> pd.DataFrame:
    """Events counted per grid cell, for maps with more events than can be drawn one by one.

    Parameters
    ----------
    events : geopandas.GeoDataFrame
        Located events (lat/lon columns).
    cell_deg : float
        Side of a grid cell in degrees.

    Returns
    -------
    pandas.DataFrame
        One row per occupied cell: ``lat``/``lon`` (mean of its events),
        ``count``, ``top_category``, ``categories`` (counts, most first),
        ``first``/``last`` dates and ``latest`` (up to 3 titles, newest first).
    """
    columns = ["lat", "lon", "count", "top_category", "categories", "first", "last", "latest"]
    if events.empty:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(
        {
            "lat": events["lat"].astype(float).to_numpy(),
            "lon": events["lon"].astype(float).to_numpy(),
            "category": events["category"].to_numpy(),
            "date": events["date"].to_numpy(),
            "title": events["title"].to_numpy(),
        }
    )
    frame["cell"] = list(
        zip(
            np.floor(frame["lon"] / cell_deg).astype(int),
            np.floor(frame["lat"] / cell_deg).astype(int),
            strict=True,
        )
    )
    grouped = frame.groupby("cell", sort=True)
    cells = grouped.agg(lat=("lat", "mean"), lon=("lon", "mean"), count=("title", "size"))
    cells["first"] = grouped["date"].min()
    cells["last"] = grouped["date"].max()
    counts = frame.groupby(["cell", "category"]).size().rename("n").reset_index()
    counts = counts.sort_values(["cell", "n", "category"], ascending=[True, False, True])
    cells["categories"] = counts.groupby("cell").apply(
        lambda g: list(zip(g["category"], g["n"], strict=True)), include_groups=False
    )
    cells["top_category"] = cells["categories"].map(lambda c: c[0][0])
    latest = frame.sort_values("date", ascending=False).groupby("cell").head(3)
    cells["latest"] = latest.groupby("cell")["title"].agg(list)
    return cells.reset_index(drop=True)[columns]


def _add_event_aggregates(
    fmap: folium.Map, events: gpd.GeoDataFrame, cell_deg: float, show: bool
) -> int:
    """One numbered circle per grid cell: the map's size no longer grows with the events."""
    layer = folium.FeatureGroup(name=MAP_LAYERS["events"], show=show)
    cells = aggregate_events(events, cell_deg)
    # Coarser cells until few enough: the map's size stays flat however many events.
    while len(cells) > MAX_EVENT_CELLS:
        cell_deg *= 2
        cells = aggregate_events(events, cell_deg)
    for cell in cells.to_dict("records"):
        colour = CATEGORY_COLOURS.get(cell["top_category"], "#666666")
        rows = [
            ("Events", f"{cell['count']:,}"),
            ("Between", f"{cell['first']} and {cell['last']}"),
            ("By category", ", ".join(f"{c} {n:,}" for c, n in cell["categories"])),
            ("Latest", " · ".join(cell["latest"])),
        ]
        popup = popup_html(f"{cell['count']:,} events around here", rows, kind="Events (grouped)")
        size = 22 + min(18, int(4 * math.log10(cell["count"] + 1)))
        svg = (
            f"<svg width='{size}' height='{size}'><circle cx='{size / 2}' cy='{size / 2}' "
            f"r='{size / 2 - 2}' fill='{colour}' fill-opacity='.85' stroke='#111' stroke-width='2'/>"
            f"<text x='50%' y='50%' dy='.35em' text-anchor='middle' font-size='11' font-weight='700' "
            f"fill='#fff'>{esc(_short_count(cell['count']))}</text></svg>"
        )
        _symbol_marker(
            cell["lat"],
            cell["lon"],
            svg,
            "zb-event-cell",
            tooltip_html(f"{cell['count']:,} events", "Grouped: narrow the filters or zoom in"),
            popup,
            size=size,
        ).add_to(layer)
    layer.add_to(fmap)
    return int(cells["count"].sum()) if not cells.empty else 0


def _short_count(count: int) -> str:
    return (
        f"{count / 1000:.0f}k"
        if count >= 10_000
        else f"{count / 1000:.1f}k"
        if count >= 1000
        else str(count)
    )


def _add_events(
    fmap: folium.Map,
    events: gpd.GeoDataFrame,
    passages: Passages,
    focused: str | None = None,
    show: bool = True,
    lod: str = "overview",
    disputed: gpd.GeoDataFrame | None = None,
) -> dict[str, folium.Marker]:
    markers: dict[str, folium.Marker] = {}
    drawn = events[events_on_map(events)]
    if len(drawn) > EVENTS_DRAWN_ONE_BY_ONE:
        # Too many to draw one by one: grid cells, plus the focused event itself.
        rest = drawn[drawn["event_id"] != focused]
        _add_event_aggregates(fmap, rest, EVENT_CELL_DEG[lod], show)
        drawn = drawn[drawn["event_id"] == focused]
    # Only for the events drawn one by one: their popups are the ones that say it.
    in_disputed = disputed_at(drawn.geometry.x, drawn.geometry.y, disputed)
    cluster = MarkerCluster(
        name=MAP_LAYERS["events"],
        show=show,
        options={
            "maxClusterRadius": 28,
            "spiderfyDistanceMultiplier": 1.6,
            "showCoverageOnHover": False,
        },
    )
    records = drawn.drop(columns="geometry").to_dict("records")
    for record, geometry, district in zip(records, drawn.geometry, in_disputed, strict=True):
        colour = CATEGORY_COLOURS.get(record["category"], "#666666")
        rows = [
            ("Date", record["date"].isoformat()),
            ("Category", record["category"]),
            ("Place", record["place"]),
            (DISPUTED_ROW_LABEL, with_stand_in_caveat(district, record["precision"])),
            ("Groups", ", ".join(record["groups"]) or "not tied to a group"),
            ("Actors", (record.get("actors") or "").replace(";", ", ")),
            *source_rows(record),
        ]
        popup = popup_html(
            record["title"],
            rows,
            record_sources(record),
            kind="Event",
            passages=passages("event", record["event_id"]),
        )
        svg = symbol_svg(
            "triangle", colour, record["precision"] != "site", record["confidence"] == "low", 20
        )
        markers[record["event_id"]] = _symbol_marker(
            geometry.y,
            geometry.x,
            svg,
            f"zb-event zb-event-{esc(record['event_id'], 80)}",
            tooltip_html(record["title"], f"{record['date'].isoformat()} · {record['place']}"),
            popup,
            size=20,
            # The focused event stands outside the cluster: events in one city share
            # a coordinate and would only come apart at the closest zoom.
        ).add_to(fmap if record["event_id"] == focused else cluster)
    cluster.add_to(fmap)
    return markers


def _with_focused(
    shown: gpd.GeoDataFrame, everything: gpd.GeoDataFrame, key: str, focus: Focus | None
) -> gpd.GeoDataFrame:
    """The filtered rows, plus the focused one if the filters hid it (it was asked for)."""
    if focus is None:
        return shown
    kind = key.removesuffix("_id")
    if focus.kind != kind or focus.ref in set(shown[key]):
        return shown
    extra = everything[everything[key] == focus.ref]
    return shown if extra.empty else pd.concat([shown, extra])


def _draw_focus(
    fmap: folium.Map,
    catalog: Catalog,
    target: FocusTarget,
    markers: dict[str, folium.Marker],
) -> None:
    """Ring the focused feature and open its popup once the map is ready."""
    focus = target.focus
    marker = markers.get(focus.ref)
    if marker is None and focus.kind in ("place", "town"):
        marker = _place_marker(catalog, focus, target).add_to(fmap)
    if target.bounds is None:
        folium.CircleMarker(
            (target.lat, target.lon),
            radius=24,
            color="#111",
            weight=4,
            fill=False,
            class_name="zb-focus-ring",
            interactive=False,
        ).add_to(fmap)
    if focus.kind == "boundary":
        # Open the area's own popup where the focus points, once its layer is drawn.
        script = (
            "{{map}}.eachLayer(function(l){ var f = l.feature;"
            f" if (f && f.properties && f.properties.zbid === {json.dumps(focus.ref)}) {{"
            f" l.openPopup(L.latLng({target.lat:.5f}, {target.lon:.5f})); }} }});"
        )
        fmap.add_child(
            Snippet(
                "{{map}}.whenReady(function(){ setTimeout(function(){ " + script + " }, 300); });"
            )
        )
        return
    if marker is None:
        return
    name = marker.get_name()
    script = f"{name}.fire('click');"
    fmap.add_child(
        Snippet("{{map}}.whenReady(function(){ setTimeout(function(){ " + script + " }, 300); });")
    )


def _draw_highlight(fmap: folium.Map, catalog: Catalog, highlight: Focus) -> None:
    """Ring a point feature (or each site of a group); outline an area."""
    c = catalog.curated
    if highlight.kind == "group":
        points = list(c.sites[c.sites["group"] == highlight.ref].geometry)
    elif highlight.kind == "boundary":
        feature = catalog.boundaries.find(highlight.ref)
        if feature is not None:
            folium.GeoJson(
                geo_json(feature.geometry, "overview"),
                style_function=lambda _f: HIGHLIGHT_OUTLINE,
                interactive=False,
            ).add_to(fmap)
        return
    else:
        target = resolve_focus(catalog, highlight)
        points = [] if target is None else [shapely.Point(target.lon, target.lat)]
    for point in points:
        folium.CircleMarker(
            (point.y, point.x),
            radius=20,
            color="#111",
            weight=4,
            fill=False,
            class_name="zb-highlight",
            interactive=False,
        ).add_to(fmap)


def _place_marker(catalog: Catalog, focus: Focus, target: FocusTarget) -> folium.Marker:
    """A marker for a place or town, drawn only when the map is opened on it."""
    if focus.kind == "place":
        places = catalog.curated.places
        record = places[places["place_id"] == focus.ref].drop(columns="geometry").iloc[0].to_dict()
        rows = [("Also called", ", ".join(record.get("aliases") or ())), *source_rows(record)]
        sources = record_sources(record)
    else:
        towns = catalog.gazetteer
        record = towns[towns["geonameid"] == focus.ref].drop(columns="geometry").iloc[0].to_dict()
        rows = [
            ("Country", record.get("country_code")),
            ("Province", record.get("admin1_name")),
            ("Population", f"{int(record.get('population') or 0):,}"),
            ("Also spelled", ", ".join(list(record.get("names") or ())[:12])),
            ("Licence", record.get("licence")),
        ]
        sources = [f"GeoNames {record['geonameid']}"]
    popup = popup_html(target.label, rows, sources, kind="Place")
    svg = symbol_svg("circle", "#ffffff", focus.kind != "place", False, 18)
    return _symbol_marker(
        target.lat, target.lon, svg, "zb-place", tooltip_html(target.label, "Place"), popup, size=18
    )


def build_main_map(
    catalog: Catalog,
    filters: Filters,
    view: MapView | None = None,
    tiles: bool = True,
    focus: Focus | None = None,
    link_params: Mapping[str, str] | None = None,
    layers: frozenset[str] | None = None,
    highlights: tuple[Focus, ...] = (),
    bounds: tuple[tuple[float, float], tuple[float, float]] | None = None,
    basemap: str = "online",
) -> tuple[folium.Map, MapContents]:
    """Build the main map for a filter selection and view.

    Parameters
    ----------
    catalog : Catalog
        All loaded data (not modified).
    filters : Filters
        Groups, dates and minimum confidence to show.
    view : MapView, optional
        Centre and zoom; default: fit the whole border.
    tiles : bool
        Add online tile layers (the plain background and vector layers draw
        without them).
    focus : Focus, optional
        A feature to centre on, ring and open (drawn even when the filters
        would hide it); an explicit ``view`` still wins for the centre.
    link_params : mapping, optional
        Filter parameters kept in the popups' links to the article.
    layers : frozenset of str, optional
        Keys of :data:`MAP_LAYERS` shown at first (others stay in the layer
        control, switched off); default all.
    highlights : tuple of Focus
        Features ringed (points) or outlined (areas), as a briefing step asks.
    bounds : ((south, west), (north, east)), optional
        Fit the view to these bounds (wins over ``view`` and focus).
    basemap : str
        ``online`` (tiles, with the vector layers as a fallback background) or
        ``offline`` (land, water, rivers and town labels from the project's
        own data; no tile server at all). Overrides ``tiles``.

    Returns
    -------
    tuple
        The folium map and what it contains.
    """

    def visible(key: str) -> bool:
        return layers is None or key in layers

    target = resolve_focus(catalog, focus)
    if view is None and target is not None and target.bounds is None:
        view = MapView(round(target.lat, 4), round(target.lon, 4), FOCUS_ZOOM)
    passages = passages_finder(catalog, link_params)
    lod = view.lod if view else "overview"
    fmap = new_map(
        catalog.boundaries,
        view,
        bounds
        or (None if view else (target.bounds if target and target.bounds else BORDER_BOUNDS)),
        basemap,
        tiles,
    )
    fmap.get_root().header.add_child(Element(_MAP_CSS))

    b = catalog.boundaries
    _geojson_layer(
        b.get("neighbours", "overview"),
        "Neighbouring countries",
        {"color": "#8a8a8a", "weight": 1, "fillColor": "#ecebe6", "fillOpacity": 0.55},
        "zb-neighbour",
        "Neighbouring country",
        show=visible("neighbours"),
    ).add_to(fmap)
    _geojson_layer(
        b.get("countries", lod),
        "Iraq and Iran",
        {"color": "#6b6b6b", "weight": 1, "fillColor": "#fbfaf5", "fillOpacity": 0.45},
        "zb-country",
        "Country",
        show=visible("countries"),
        passages=passages,
    ).add_to(fmap)
    _geojson_layer(
        b.get("iran_border_provinces", lod),
        "Iran's border provinces",
        {
            "color": "#7a5c99",
            "weight": 1.2,
            "dashArray": "4 3",
            "fillColor": "#7a5c99",
            "fillOpacity": 0.04,
        },
        "zb-iran-province",
        "Iranian province on the border",
        show=visible("iran_border_provinces"),
        extra_rows=(("Persian name", "name_fa"),),
        passages=passages,
    ).add_to(fmap)
    _geojson_layer(
        b.get("governorates", lod),
        "Iraqi governorates",
        {"color": "#5d6d7e", "weight": 1.2, "dashArray": "4 3", "fillOpacity": 0.0},
        "zb-governorate",
        "Iraqi governorate",
        show=visible("governorates"),
        extra_rows=(("Arabic name", "name_ar"), ("P-code", "pcode")),
        passages=passages,
    ).add_to(fmap)
    kri = b.get("kurdistan_region", lod)
    kri_layer = _geojson_layer(
        kri,
        "Kurdistan Region (de jure)",
        {"color": KRI_COLOUR, "weight": 2.5, "fillColor": KRI_COLOUR, "fillOpacity": 0.16},
        "zb-kurdistan-region",
        "Kurdistan Region of Iraq (de jure)",
        show=visible("kurdistan_region"),
        passages=passages,
    )
    if not kri.empty:
        # Labelled in words on the map: the de jure line is not the line the KRG holds.
        folium.Marker(
            KRI_LABEL_AT,
            icon=folium.DivIcon(
                html="<div>Kurdistan Region (de jure)<br>"
                "<small>the four governorates; disputed districts overlap it</small></div>",
                icon_size=(300, 34),
                icon_anchor=(150, 17),
                class_name="zb-kri-label",
            ),
            interactive=False,
        ).add_to(kri_layer)
    kri_layer.add_to(fmap)
    # Above the governorates and the Kurdistan Region: a dashed outline that hides neither.
    _geojson_layer(
        b.get(DISPUTED_LAYER, lod),
        MAP_LAYERS["disputed_territories"],
        DISPUTED_STYLE,
        "zb-disputed",
        "Disputed territory (Article 140)",
        show=visible("disputed_territories"),
        extra_rows=(
            ("Governorate (OCHA)", "governorate"),
            ("P-code", "pcode"),
            ("Disputed", "extent"),
            ("Why", "basis"),
        ),
        passages=passages,
        sources_key="sources",
    ).add_to(fmap)

    border = b.get("border", lod)
    border_km = catalog.border_km("detail")
    article_km = catalog.article_border_km()
    border_group = folium.FeatureGroup(name="Iraq–Iran border", show=visible("border"))
    if not border.empty:
        casing = {"color": "#ffffff", "weight": 8, "opacity": 0.9, "className": "zb-border-casing"}
        folium.GeoJson(
            geo_json(border.geometry.iloc[0], lod),
            style_function=lambda _f: casing,
            interactive=False,
        ).add_to(border_group)
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
            "geometry": geo_json(border.geometry.iloc[0], lod),
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
        line_style = {"color": BORDER_COLOUR, "weight": 4, "opacity": 1.0, "className": "zb-border"}
        folium.GeoJson(
            feature,
            style_function=lambda _f: line_style,
            tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
            popup=folium.GeoJsonPopup(fields=["pop"], labels=False, max_width=400),
        ).add_to(border_group)
        label_at = _border_label_point(border)
        if label_at:
            text = f"Iraq–Iran border · {format_km(border_km)}" + (
                f" (article: {format_km(article_km)})" if article_km else ""
            )
            folium.Marker(
                label_at,
                icon=folium.DivIcon(
                    html=f"<div>{esc(text)}</div>",
                    icon_size=(360, 20),
                    icon_anchor=(-14, 10),
                    class_name="zb-border-label",
                ),
                interactive=False,
            ).add_to(border_group)
    border_group.add_to(fmap)

    colours = group_colours(catalog.curated.groups)
    c = catalog.curated
    crossings = _with_focused(
        filter_crossings(c.crossings, filters), c.crossings, "crossing_id", focus
    )
    sites = _with_focused(filter_sites(c.sites, filters), c.sites, "site_id", focus)
    events = _with_focused(filter_events(c.events, filters), c.events, "event_id", focus)
    # Point-in-district on the detailed outlines, whatever level of detail is drawn.
    disputed = b.get(DISPUTED_LAYER, "detail")
    crossing_markers = _add_crossings(fmap, crossings, passages, visible("crossings"))
    site_markers = _add_sites(fmap, sites, colours, passages, visible("sites"), disputed)
    event_markers = _add_events(
        fmap,
        events,
        passages,
        focus.ref if focus and focus.kind == "event" else None,
        show=visible("events"),
        lod=lod,
        disputed=disputed,
    )
    counts = {
        "crossings": len(crossing_markers),
        "sites": len(site_markers),
        # Drawn one by one or grouped in cells: every located event is on the map.
        "events": int(events_on_map(events).sum()),
    }
    if target is not None:
        markers = {"site": site_markers, "crossing": crossing_markers, "event": event_markers}
        _draw_focus(fmap, catalog, target, markers.get(target.focus.kind, {}))

    for highlight in highlights:
        _draw_highlight(fmap, catalog, highlight)

    # A Leaflet control, not page HTML, so the legend stays on the map in fullscreen.
    # Open on the overview; folded when the map opens on a place, where it would cover it.
    legend_html = _legend_html(
        catalog, border_km, article_km, open_=view is None and target is None
    )
    legend = json.dumps(legend_html)
    fmap.add_child(
        Snippet(
            "var zbLegend = L.control({position: 'bottomleft'});"
            "zbLegend.onAdd = function(){ var d = L.DomUtil.create('div');"
            f"d.innerHTML = {legend}; L.DomEvent.disableScrollPropagation(d); return d.firstChild; }};"
            "zbLegend.addTo({{map}});"
            # Controls sit above popups: fold the legend away while one is read.
            "{{map}}.on('popupopen', function(){"
            " var d = document.getElementById('zb-legend'); if (d) { d.open = false; } });"
        )
    )
    folium.LayerControl(collapsed=True, position="topright").add_to(fmap)
    Fullscreen(position="topleft").add_to(fmap)
    MeasureControl(
        position="topleft", primary_length_unit="kilometers", primary_area_unit="sqkilometers"
    ).add_to(fmap)
    fmap.add_child(Snippet(_view_in_url_script()))
    contents = MapContents(
        sites=sites,
        crossings=crossings,
        events=events,
        counts=counts,
        border_km=border_km,
        focus=target,
    )
    return fmap, contents
