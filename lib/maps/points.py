"""Point layers of the main map: sites, crossings, events (one by one or in cells), places.

Stand-in coordinates (town or area precision) get a dashed symbol and a dashed
uncertainty ring, never a pin on an exact spot; low-confidence items carry a "?".
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping

import folium
import geopandas as gpd
from folium.plugins import MarkerCluster

from lib.analysis.cells import event_cells
from lib.analysis.disputed import DISPUTED_ROW_LABEL, disputed_at, with_stand_in_caveat
from lib.geo.rings import record_ring_km
from lib.maps.a11y import feature_name
from lib.maps.passages import Passages
from lib.maps.popups import (
    esc,
    popup_html,
    precision_words,
    record_sources,
    source_rows,
    tooltip_html,
)
from lib.maps.styles import (
    BORDER_COLOUR,
    CATEGORY_COLOURS,
    CATEGORY_LETTERS,
    CROSSING_FILL,
    EVENT_CELL_DEG,
    EVENT_CLUSTER_OPTIONS,
    EVENTS_DRAWN_ONE_BY_ONE,
    MAP_LAYERS,
    MAX_EVENT_CELLS,
    PLACE_FILL,
    RING_STYLE,
    ROLE_LABELS,
    ROLE_SHAPES,
    SYMBOL_SIZE,
    UNKNOWN_CATEGORY_COLOUR,
)
from lib.maps.symbols import cell_svg, symbol_marker, symbol_svg
from lib.model.filters import UNKNOWN_GROUP_COLOUR, UNKNOWN_GROUP_MARK
from lib.model.focus import FocusTarget
from lib.model.kinds import kind_label

#: Pixels between the symbols of items that share one coordinate.
FAN_OUT_PX = 24


def offsets(frame: gpd.GeoDataFrame) -> list[int]:
    """Pixel offsets that fan out items sharing one coordinate."""
    seen: Counter[tuple[float, float]] = Counter()
    result = []
    for geometry in frame.geometry:
        key = (round(geometry.y, 4), round(geometry.x, 4))
        result.append(seen[key] * FAN_OUT_PX)
        seen[key] += 1
    return result


def ring_radius_m(record: Mapping) -> float:
    """Radius of a row's uncertainty ring, metres (:func:`lib.geo.rings.record_ring_km`)."""
    return record_ring_km(record) * 1000.0


def ring_circle(record: Mapping, geometry, colour: str, class_name: str) -> folium.Circle:
    """The dashed uncertainty ring of a stand-in site or crossing."""
    radius = ring_radius_m(record)
    return folium.Circle(
        location=(geometry.y, geometry.x),
        radius=radius,
        color=colour,
        **RING_STYLE,
        class_name=class_name,
        tooltip=folium.Tooltip(
            tooltip_html(
                record["name"],
                f"{precision_words(record['precision'])} · ring {radius / 1000:,.0f} km",
            )
        ),
    )


def add_sites(
    fmap: folium.Map,
    sites: gpd.GeoDataFrame,
    colours: dict[str, str],
    passages: Passages,
    show: bool = True,
    disputed: gpd.GeoDataFrame | None = None,
    marks: Mapping[str, str] | None = None,
) -> dict[str, folium.Marker]:
    """Draw the sites in their group's colour and mark and their role's shape, rings under them.

    ``marks`` gives each group id its mark (:func:`lib.model.filters.group_marks`):
    without it, or for an unknown group, the symbol has none.

    Returns
    -------
    dict of str to folium.Marker
        The markers by site id.
    """
    markers: dict[str, folium.Marker] = {}
    in_disputed = disputed_at(sites.geometry.x, sites.geometry.y, disputed)
    rings = folium.FeatureGroup(name="Uncertainty rings of stand-in locations", show=show)
    symbols = folium.FeatureGroup(name=MAP_LAYERS["sites"], show=show)
    records = sites.drop(columns="geometry").to_dict("records")
    for record, geometry, offset, district in zip(
        records, sites.geometry, offsets(sites), in_disputed, strict=True
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
            # Its id in a class too: a playback hides the ring with its site.
            ring_class = f"zb-ring zb-ring-site-{esc(record['site_id'], 80)}"
            ring_circle(record, geometry, colour, ring_class).add_to(rings)
        svg = symbol_svg(
            ROLE_SHAPES.get(record["role"], "circle"),
            colour,
            stand_in,
            low,
            SYMBOL_SIZE["site"],
            mark=(marks or {}).get(record["group"], UNKNOWN_GROUP_MARK),
        )
        markers[record["site_id"]] = symbol_marker(
            geometry.y,
            geometry.x,
            svg,
            f"zb-site zb-site-{esc(record['site_id'], 80)}",
            tooltip_html(record["name"], subtitle),
            popup,
            offset,
            size=SYMBOL_SIZE["site"],
            label=feature_name(
                ROLE_LABELS.get(record["role"], record["role"]),
                record["name"],
                record["precision"],
                record["confidence"],
                record["group"],
            ),
        ).add_to(symbols)
    rings.add_to(fmap)
    symbols.add_to(fmap)
    return markers


def add_crossings(
    fmap: folium.Map, crossings: gpd.GeoDataFrame, passages: Passages, show: bool = True
) -> dict[str, folium.Marker]:
    """Draw located border crossings as white diamonds, rings under the stand-ins.

    Returns
    -------
    dict of str to folium.Marker
        The markers by crossing id.
    """
    markers: dict[str, folium.Marker] = {}
    rings = folium.FeatureGroup(name="Uncertainty rings of border crossings", show=show)
    layer = folium.FeatureGroup(name=MAP_LAYERS["crossings"], show=show)
    records = crossings.drop(columns="geometry").to_dict("records")
    size = SYMBOL_SIZE["crossing"]
    for record, geometry in zip(records, crossings.geometry, strict=True):
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
            kind=kind_label("crossing"),
            passages=passages("crossing", record["crossing_id"]),
        )
        stand_in = record["precision"] != "site"
        if stand_in:
            ring_circle(record, geometry, BORDER_COLOUR, "zb-ring-crossing").add_to(rings)
        svg = symbol_svg("diamond", CROSSING_FILL, stand_in, record["confidence"] == "low", size)
        markers[record["crossing_id"]] = symbol_marker(
            geometry.y,
            geometry.x,
            svg,
            "zb-crossing",
            tooltip_html(record["name"], f"Border crossing · {record['status']}"),
            popup,
            size=size,
            label=feature_name(
                kind_label("crossing"),
                record["name"],
                record["precision"],
                record["confidence"],
                record["status"],
            ),
        ).add_to(layer)
    rings.add_to(fmap)
    layer.add_to(fmap)
    return markers


def add_event_cells(fmap: folium.Map, events: gpd.GeoDataFrame, cell_deg: float, show: bool) -> int:
    """One numbered circle per grid cell: the map's size no longer grows with the events.

    Returns
    -------
    int
        Number of events drawn in cells.
    """
    layer = folium.FeatureGroup(name=MAP_LAYERS["events"], show=show)
    cells = event_cells(events, cell_deg, MAX_EVENT_CELLS)
    for cell in cells.to_dict("records"):
        colour = CATEGORY_COLOURS.get(cell["top_category"], UNKNOWN_CATEGORY_COLOUR)
        rows = [
            ("Events", f"{cell['count']:,}"),
            ("Between", f"{cell['first']} and {cell['last']}"),
            ("By category", ", ".join(f"{c} {n:,}" for c, n in cell["categories"])),
            ("Latest", " · ".join(cell["latest"])),
        ]
        popup = popup_html(f"{cell['count']:,} events around here", rows, kind="Events (grouped)")
        size = 22 + min(18, int(4 * math.log10(cell["count"] + 1)))
        symbol_marker(
            cell["lat"],
            cell["lon"],
            cell_svg(size, colour, cell["count"]),
            "zb-event-cell",
            tooltip_html(f"{cell['count']:,} events", "Grouped: narrow the filters or zoom in"),
            popup,
            size=size,
            label=f"{cell['count']:,} events grouped here, most of them {cell['top_category']}",
        ).add_to(layer)
    layer.add_to(fmap)
    return int(cells["count"].sum()) if not cells.empty else 0


def add_events(
    fmap: folium.Map,
    events: gpd.GeoDataFrame,
    passages: Passages,
    focused: str | None = None,
    show: bool = True,
    lod: str = "overview",
    disputed: gpd.GeoDataFrame | None = None,
) -> dict[str, folium.Marker]:
    """Draw located events as category-coloured triangles in a cluster (or in grid cells).

    Parameters
    ----------
    fmap : folium.Map
        The map.
    events : geopandas.GeoDataFrame
        Events inside the map region (``Selection.events_on_map``).
    passages : callable
        Article passages on an event.
    focused : str, optional
        The focused event's id: drawn outside the cluster (and the cells).
    show : bool
        Switched on at first.
    lod : str
        Level of detail: the grid cells' size when there are too many events.
    disputed : geopandas.GeoDataFrame, optional
        Disputed districts, named in the popups of events inside one.

    Returns
    -------
    dict of str to folium.Marker
        The markers of events drawn one by one, by event id.
    """
    markers: dict[str, folium.Marker] = {}
    drawn = events
    if len(drawn) > EVENTS_DRAWN_ONE_BY_ONE:
        # Too many to draw one by one: grid cells, plus the focused event itself.
        rest = drawn[drawn["event_id"] != focused]
        add_event_cells(fmap, rest, EVENT_CELL_DEG[lod], show)
        drawn = drawn[drawn["event_id"] == focused]
    # Only for the events drawn one by one: their popups are the ones that say it.
    in_disputed = disputed_at(drawn.geometry.x, drawn.geometry.y, disputed)
    cluster = MarkerCluster(name=MAP_LAYERS["events"], show=show, options=EVENT_CLUSTER_OPTIONS)
    records = drawn.drop(columns="geometry").to_dict("records")
    size = SYMBOL_SIZE["event"]
    for record, geometry, district in zip(records, drawn.geometry, in_disputed, strict=True):
        colour = CATEGORY_COLOURS.get(record["category"], UNKNOWN_CATEGORY_COLOUR)
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
            "triangle",
            colour,
            record["precision"] != "site",
            record["confidence"] == "low",
            size,
            letter=CATEGORY_LETTERS.get(record["category"]),
        )
        markers[record["event_id"]] = symbol_marker(
            geometry.y,
            geometry.x,
            svg,
            f"zb-event zb-event-{esc(record['event_id'], 80)}",
            tooltip_html(record["title"], f"{record['date'].isoformat()} · {record['place']}"),
            popup,
            size=size,
            label=feature_name(
                f"Event ({record['category']})",
                record["title"],
                record["precision"],
                record["confidence"],
                record["date"].isoformat(),
            ),
            # The focused event stands outside the cluster: events in one city share
            # a coordinate and would only come apart at the closest zoom.
        ).add_to(fmap if record["event_id"] == focused else cluster)
    cluster.add_to(fmap)
    return markers


def place_marker(kind: str, record: dict, target: FocusTarget) -> folium.Marker:
    """A marker for a place or town, drawn only when the map is opened on it.

    Parameters
    ----------
    kind : str
        ``place`` (curated) or ``town`` (GeoNames).
    record : dict
        Its row (``Selection.place``).
    target : FocusTarget
        Where it is and its name.

    Returns
    -------
    folium.Marker
        Not yet added to a map.
    """
    if kind == "place":
        rows = [("Also called", ", ".join(record.get("aliases") or ())), *source_rows(record)]
        sources = record_sources(record)
    else:
        rows = [
            ("Country", record.get("country_code")),
            ("Province", record.get("admin1_name")),
            ("Population", f"{int(record.get('population') or 0):,}"),
            ("Also spelled", ", ".join(list(record.get("names") or ())[:12])),
            ("Licence", record.get("licence")),
        ]
        sources = [f"GeoNames {record['geonameid']}"]
    popup = popup_html(target.label, rows, sources, kind="Place")
    size = SYMBOL_SIZE["place"]
    svg = symbol_svg("circle", PLACE_FILL, kind != "place", False, size)
    return symbol_marker(
        target.lat,
        target.lon,
        svg,
        "zb-place",
        tooltip_html(target.label, "Place"),
        popup,
        size=size,
        label=feature_name("Place", target.label),
    )
