"""Border analysis: how long the border is, whose stretch it is, how far the groups moved.

Every figure here is measured from the data files on the WGS84 ellipsoid
(:mod:`lib.geo.geodesy`); none is typed in. The functions are pure functions of
their inputs (geometries and frames in, numbers and frames out), so pages may
cache them and tests may feed them small known geometries.

Conventions
-----------
- Geometries are lon/lat (EPSG:4326). Buffers and nearest-point searches run
  in a Transverse Mercator centred on the geometry at hand
  (:func:`local_metric_crs`): over the border's 3.8° of longitude its scale
  error stays under 0.05 %, less than UTM 38N's at the Shatt al-Arab end.
- *Chainage* is the geodesic distance along the border line from its first
  vertex, the Iraq–Iran–Turkey tripoint, in km.
- Stand-in coordinates (precision ``town`` or ``area``) carry the uncertainty
  radius the main map draws (the row's ``ring_km``, see :mod:`lib.geo.rings`); every
  distance from such a site is shown as "≈ d km ± r".

The map and chart builders at the end only draw what the measuring functions
return; every text reaching map HTML goes through :mod:`lib.maps.popups`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import Element
from pyproj import CRS, Transformer
from shapely.geometry import LineString, MultiLineString, Point

from lib.data import raw_sources
from lib.data.boundaries import BoundaryLayers
from lib.data.catalog import Catalog
from lib.data.curated import CAMP_ROLES, published_when
from lib.geo.geodesy import WGS84, format_km, length_km
from lib.maps.base_map import new_map
from lib.maps.main_map import BORDER_COLOUR, UNCERTAINTY_RADIUS_M, ring_radius_m, symbol_svg
from lib.maps.popups import esc, popup_html, precision_words, tooltip_html
from lib.model.filters import UNKNOWN_GROUP_COLOUR, group_label
from lib.model.map_view import BORDER_BOUNDS

# --- inputs ---------------------------------------------------------------------------

OSM_BOUNDARY_FILE = raw_sources.OSM_BOUNDARY
NE_BOUNDARY_FILE = raw_sources.NE_BOUNDARY
NE_COUNTRIES_FILE = raw_sources.NE_COUNTRIES
OCHA_ADM1_FILE = raw_sources.OCHA_GOVERNORATES
#: How far the OCHA outline may lie from the OSM border and still count as the border:
#: its edges run ~0.5 km off the OSM line, its other edges (Turkey, the Gulf) much further.
OCHA_NEAR_BORDER_KM = 2.0

#: Phases of ``sites.csv`` that make up a move.
BEFORE, AFTER = "before-relocation", "after-relocation"

#: Zone slider: the band's width on the Iraqi side, km.
ZONE_MIN_KM, ZONE_MAX_KM, ZONE_DEFAULT_KM = 5, 50, 20

#: Segment colours (Paul Tol's "bright" and "dark" schemes), cycled along the border so
#: neighbouring segments always differ.
SEGMENT_COLOURS: tuple[str, ...] = (
    "#4477AA",
    "#EE6677",
    "#228833",
    "#CCBB44",
    "#66CCEE",
    "#AA3377",
    "#222255",
    "#225555",
    "#666633",
    "#663333",
)
MEASURED_COLOUR = "#33658A"
PUBLISHED_COLOUR = "#C8553D"
ZONE_COLOUR = "#E69F00"


# --- geometry helpers -------------------------------------------------------------------


def local_metric_crs(geometry: shapely.Geometry) -> CRS:
    """A Transverse Mercator in metres centred on a lon/lat geometry.

    Parameters
    ----------
    geometry : shapely.Geometry
        Lon/lat geometry; its bounding box sets the centre.

    Returns
    -------
    pyproj.CRS
        Scale error below 0.05 % within about 2° of longitude of the centre,
        enough for buffers of a few tens of km and nearest points.
    """
    minx, miny, maxx, maxy = geometry.bounds
    lon0, lat0 = (minx + maxx) / 2, (miny + maxy) / 2
    return CRS.from_proj4(
        f"+proj=tmerc +lat_0={lat0:.6f} +lon_0={lon0:.6f} +k=1 +x_0=0 +y_0=0 "
        "+ellps=WGS84 +units=m +no_defs"
    )


def _transformers(crs: CRS) -> tuple[Transformer, Transformer]:
    forward = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    back = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    return forward, back


def _project(geometry: shapely.Geometry, transformer: Transformer) -> shapely.Geometry:
    return shapely.transform(geometry, lambda xy: np.column_stack(transformer.transform(*xy.T)))


def vertex_count(geometry: shapely.Geometry) -> int:
    """Number of vertices of a geometry (all parts)."""
    return int(shapely.get_num_coordinates(geometry))


def merge_lines(geometry: shapely.Geometry) -> shapely.Geometry:
    """The line parts of any geometry joined into as few runs as possible (points dropped)."""
    parts = [
        g
        for g in shapely.get_parts(shapely.get_parts(geometry))
        if g.geom_type == "LineString" and not g.is_empty
    ]
    if not parts:
        return LineString()
    return shapely.line_merge(shapely.union_all(parts))


def orient_north_first(line: shapely.Geometry) -> shapely.Geometry:
    """Return a line that starts at its northern end (the tripoint side).

    Multi-part lines are merged first where their parts touch; what stays
    multi-part is returned with parts ordered north to south.
    """
    if isinstance(line, MultiLineString):
        merged = merge_lines(line)
        if isinstance(merged, LineString):
            line = merged
        else:
            parts = [orient_north_first(p) for p in merged.geoms]
            return MultiLineString(sorted(parts, key=lambda p: -p.coords[0][1]))
    if isinstance(line, LineString) and line.coords[0][1] < line.coords[-1][1]:
        return line.reverse()
    return line


def cumulative_km(line: LineString) -> np.ndarray:
    """Geodesic chainage of every vertex of a line, km (first vertex 0)."""
    coords = np.asarray(line.coords)
    _, _, steps = WGS84.inv(coords[:-1, 0], coords[:-1, 1], coords[1:, 0], coords[1:, 1])
    return np.concatenate([[0.0], np.cumsum(steps) / 1000.0])


# --- 1. length by source ----------------------------------------------------------------


@dataclass(frozen=True)
class LineSource:
    """One rendering of the Iraq–Iran boundary.

    Attributes
    ----------
    key : str
        Short id.
    label : str
        What the chart and table call it.
    detail : str
        Level of detail in words.
    source : str
        Dataset and licence.
    geometry : shapely.Geometry
        LineString or MultiLineString, lon/lat.
    """

    key: str
    label: str
    detail: str
    source: str
    geometry: shapely.Geometry


def _read_geometries(path: Path) -> list[shapely.Geometry]:
    return [g for g in gpd.read_file(path).geometry if g is not None and not g.is_empty]


def shared_edge(a: shapely.Geometry, b: shapely.Geometry) -> shapely.Geometry:
    """The line two polygons share (their common boundary), merged into runs.

    Parameters
    ----------
    a, b : shapely.Geometry
        Polygons that meet along a common edge with the same vertices (as
        Natural Earth's countries do).

    Returns
    -------
    shapely.Geometry
        LineString or MultiLineString; empty if they only touch at points.
    """
    return orient_north_first(merge_lines(shapely.intersection(a.boundary, b.boundary)))


def outline_near_line(
    polygons: Sequence[shapely.Geometry], line: shapely.Geometry, within_km: float
) -> shapely.Geometry:
    """The part of the polygons' outer outline lying within a distance of a line.

    Used to pick the Iraq–Iran stretch out of an outline of Iraq drawn from
    another source (OCHA): whatever runs within ``within_km`` of the border.

    Parameters
    ----------
    polygons : sequence of shapely.Geometry
        Pieces whose union is the outline (e.g. governorates).
    line : shapely.Geometry
        The reference line, lon/lat.
    within_km : float
        Corridor half-width, km.

    Returns
    -------
    shapely.Geometry
        The outline's part inside the corridor, lon/lat.
    """
    outline = shapely.union_all(list(polygons)).boundary
    crs = local_metric_crs(line)
    forward, back = _transformers(crs)
    corridor = _project(line, forward).buffer(within_km * 1000.0)
    near = shapely.intersection(_project(outline, forward), corridor)
    return orient_north_first(merge_lines(_project(near, back)))


def read_line_sources(
    raw_dir: Path, boundaries: BoundaryLayers
) -> tuple[list[LineSource], list[str]]:
    """Every rendering of the border the project holds, from its files.

    Parameters
    ----------
    raw_dir : pathlib.Path
        ``geodata/raw`` (OSM line, Natural Earth line and countries, OCHA ADM1).
    boundaries : BoundaryLayers
        The built layers (border detail and overview).

    Returns
    -------
    tuple
        The sources found, most detailed first, and a note per source that
        could not be read (a missing file leaves the others measured).
    """
    sources: list[LineSource] = []
    problems: list[str] = []

    def attempt(name: str, build) -> None:
        try:
            sources.append(build())
        except Exception as exc:  # a bad file must not hide the other measurements
            problems.append(f"{name}: {exc.__class__.__name__}: {exc}")

    attempt(
        OSM_BOUNDARY_FILE,
        lambda: LineSource(
            "osm-raw",
            "OpenStreetMap 2017, full detail",
            "raw line",
            "OpenStreetMap contributors (ODbL)",
            orient_north_first(_read_geometries(raw_dir / OSM_BOUNDARY_FILE)[0]),
        ),
    )
    for lod, detail in (("detail", "simplified to 50 m"), ("overview", "simplified to 1 km")):
        frame = boundaries.get("border", lod)
        if frame.empty:
            problems.append(f"layers/border.{lod}.geojson: not loaded")
            continue
        sources.append(
            LineSource(
                f"border-{lod}",
                f"Project border, {lod} layer",
                detail,
                "OpenStreetMap contributors (ODbL), built by lib.tools.geodata_build",
                orient_north_first(frame.geometry.iloc[0]),
            )
        )

    def ne_countries() -> LineSource:
        frame = gpd.read_file(raw_dir / NE_COUNTRIES_FILE)
        iraq = frame.loc[frame["ISO_A3"] == "IRQ"].geometry.iloc[0]
        iran = frame.loc[frame["ISO_A3"] == "IRN"].geometry.iloc[0]
        return LineSource(
            "ne-countries",
            "Natural Earth 1:10m countries, shared edge",
            "1:10m",
            "Natural Earth (public domain)",
            shared_edge(iraq, iran),
        )

    def ocha() -> LineSource:
        reference = next((s.geometry for s in sources if s.key == "osm-raw"), None)
        if reference is None:
            raise FileNotFoundError("needs the OSM line to find the border stretch")
        return LineSource(
            "ocha-adm1",
            "OCHA 2019 Iraq governorates, outline",
            f"ADM1, within {OCHA_NEAR_BORDER_KM:g} km of the OSM line",
            "OCHA / Iraq CSO (CC BY 3.0 IGO)",
            outline_near_line(
                _read_geometries(raw_dir / OCHA_ADM1_FILE), reference, OCHA_NEAR_BORDER_KM
            ),
        )

    attempt(NE_COUNTRIES_FILE, ne_countries)
    attempt(OCHA_ADM1_FILE, ocha)
    attempt(
        NE_BOUNDARY_FILE,
        lambda: LineSource(
            "ne-line",
            "Natural Earth 1:10m boundary line",
            "1:10m",
            "Natural Earth (public domain)",
            orient_north_first(_read_geometries(raw_dir / NE_BOUNDARY_FILE)[0]),
        ),
    )
    sources.sort(key=lambda s: -vertex_count(s.geometry))
    return sources, problems


def length_table(sources: Iterable[LineSource], published: pd.DataFrame) -> pd.DataFrame:
    """Measured lengths beside the published figures.

    Parameters
    ----------
    sources : iterable of LineSource
        The renderings to measure.
    published : pandas.DataFrame
        ``published_border_lengths`` (``figure_id``, ``figure_km``, ``by``, ``date``,
        ``sources``).

    Returns
    -------
    pandas.DataFrame
        One row per figure: ``figure``, ``kind`` (measured / published),
        ``km``, ``vertices`` (measured only), ``detail``, ``source`` and ``ref``
        (``line:<key>`` of the line source or ``published:<figure_id>``);
        longest first.
    """
    rows = [
        {
            "ref": f"line:{s.key}",
            "figure": s.label,
            "kind": "measured",
            "km": round(length_km(s.geometry), 1),
            "vertices": vertex_count(s.geometry),
            "detail": s.detail,
            "source": s.source,
        }
        for s in sources
    ]
    for record in published.to_dict("records"):
        rows.append(
            {
                "ref": f"published:{record['figure_id']}",
                "figure": f"{record['by']} ({published_when(record['date'])})",
                "kind": "published",
                "km": float(record["figure_km"]),
                "vertices": None,
                "detail": "published figure",
                "source": record["sources"],
            }
        )
    table = pd.DataFrame(
        rows, columns=["figure", "kind", "km", "vertices", "detail", "source", "ref"]
    ).astype({"vertices": "Int64"})
    return table.sort_values("km", ascending=False, ignore_index=True)


# --- 2. segments --------------------------------------------------------------------------


def _edge_owner(midpoints: np.ndarray, frame: gpd.GeoDataFrame) -> np.ndarray:
    """Index (into ``frame``) of the polygon whose outline holds each edge midpoint."""
    outlines = frame.geometry.boundary.to_numpy()
    tree = shapely.STRtree(outlines)
    points = shapely.points(midpoints)
    owner = np.full(len(points), -1)
    best = np.full(len(points), np.inf)
    # Candidates within a hair of the line, then the closest wins: the built layers
    # share the border's vertices, so the right outline is at distance ~0.
    pairs = tree.query(points, predicate="dwithin", distance=1e-6)
    for p, o in zip(*pairs, strict=True):
        d = shapely.distance(points[p], outlines[o])
        if d < best[p]:
            best[p], owner[p] = d, o
    missing = np.flatnonzero(owner < 0)
    if missing.size:
        # An edge no outline shares exactly (a data fault): take the nearest polygon.
        distances = np.stack([shapely.distance(points[missing], g) for g in outlines])
        owner[missing] = distances.argmin(axis=0)
    return owner


def split_border(
    border: LineString, governorates: gpd.GeoDataFrame, provinces: gpd.GeoDataFrame
) -> gpd.GeoDataFrame:
    """Split the border where the governorate or the province on either side changes.

    Each edge of the line goes to the Iraqi governorate and the Iranian
    province whose outlines hold it (they share the border's vertices), and
    runs of edges with the same pair become a segment. Segments therefore
    cover the line exactly once.

    Parameters
    ----------
    border : shapely.LineString
        The border, tripoint first, lon/lat.
    governorates : geopandas.GeoDataFrame
        Iraqi governorates (``id``, ``name``, ``in_kurdistan_region``).
    provinces : geopandas.GeoDataFrame
        Iran's border provinces (``id``, ``name``).

    Returns
    -------
    geopandas.GeoDataFrame
        In order along the border: ``segment``, ``governorate_id``,
        ``governorate``, ``in_kri``, ``province_id``, ``province``,
        ``start_km``, ``end_km``, ``length_km``, ``colour``, geometry.
    """
    coords = np.asarray(border.coords)
    chain = cumulative_km(border)
    midpoints = (coords[:-1] + coords[1:]) / 2
    gov = _edge_owner(midpoints, governorates)
    prov = _edge_owner(midpoints, provinces)
    key = gov * 10_000 + prov
    starts = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))
    ends = np.concatenate([starts[1:], [len(key)]])
    in_kri = governorates.get("in_kurdistan_region", pd.Series(False, index=governorates.index))
    rows, geometries = [], []
    for number, (start, end) in enumerate(zip(starts, ends, strict=True)):
        g, p = governorates.iloc[gov[start]], provinces.iloc[prov[start]]
        piece = LineString(coords[start : end + 1])
        rows.append(
            {
                "segment": number + 1,
                "governorate_id": g["id"],
                "governorate": g["name"],
                "in_kri": bool(in_kri.iloc[gov[start]]),
                "province_id": p["id"],
                "province": p["name"],
                "start_km": float(chain[start]),
                "end_km": float(chain[end]),
                "length_km": length_km(piece),
                "colour": SEGMENT_COLOURS[number % len(SEGMENT_COLOURS)],
            }
        )
        geometries.append(piece)
    return gpd.GeoDataFrame(rows, geometry=geometries, crs="EPSG:4326")


def measured_for(catalog: Catalog, raw_dir: Path) -> BorderAnalysis | None:
    """The border analysis of a loaded catalog, measured once and kept with it.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.
    raw_dir : pathlib.Path
        ``geodata/raw`` of the same data.

    Returns
    -------
    BorderAnalysis or None
        As :func:`analyse_border`; the border page and the briefing's figures share it.
    """
    return catalog.derived(
        "border_analysis",
        lambda: analyse_border(
            raw_dir, catalog.boundaries, catalog.curated.published_border_lengths
        ),
    )


def kri_stretch_km(segments: pd.DataFrame) -> float:
    """Length of the border along the Kurdistan Region, km (sum of its segments)."""
    return float(segments.loc[segments["in_kri"], "length_km"].sum())


def kri_share(segments: pd.DataFrame) -> float:
    """Share of the border's length on the Kurdistan Region's side (0–1)."""
    total = float(segments["length_km"].sum())
    return float(segments.loc[segments["in_kri"], "length_km"].sum()) / total if total else 0.0


def length_by(segments: pd.DataFrame, side: str) -> pd.DataFrame:
    """Border length per governorate (``side="governorate"``) or province (``"province"``).

    Returns
    -------
    pandas.DataFrame
        ``side``, ``length_km``, ``share`` (of the whole border), in order along it.
    """
    order = list(dict.fromkeys(segments[side]))
    table = segments.groupby(side, sort=False)["length_km"].sum().reindex(order).reset_index()
    table["share"] = table["length_km"] / table["length_km"].sum()
    return table


# --- 3. chainage -------------------------------------------------------------------------


@dataclass(frozen=True)
class BorderPoint:
    """A place's nearest point on the border.

    Attributes
    ----------
    chainage_km : float
        Distance along the border from the tripoint to the nearest point.
    distance_km : float
        Geodesic distance from the place to that point.
    lon, lat : float
        The nearest point.
    """

    chainage_km: float
    distance_km: float
    lon: float
    lat: float


class BorderLine:
    """The border prepared for many nearest-point look-ups.

    Parameters
    ----------
    line : shapely.LineString
        The border, tripoint first, lon/lat.
    """

    def __init__(self, line: LineString) -> None:
        self.line = line
        self.chainage = cumulative_km(line)
        self._forward, self._back = _transformers(local_metric_crs(line))
        self._plane = _project(line, self._forward)
        plane = np.asarray(self._plane.coords)
        self._plane_chain = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(plane, axis=0).T))])

    @property
    def length_km(self) -> float:
        """Geodesic length of the whole line."""
        return float(self.chainage[-1])

    def point_at(self, chainage_km: float) -> tuple[float, float]:
        """The (lon, lat) of the border point at a chainage (clamped to the line)."""
        km = min(max(chainage_km, 0.0), self.length_km)
        i = int(min(np.searchsorted(self.chainage, km, side="right") - 1, len(self.chainage) - 2))
        (lon1, lat1), (lon2, lat2) = self.line.coords[i], self.line.coords[i + 1]
        azimuth, _, _ = WGS84.inv(lon1, lat1, lon2, lat2)
        lon, lat, _ = WGS84.fwd(lon1, lat1, azimuth, (km - self.chainage[i]) * 1000.0)
        return float(lon), float(lat)

    def locate(self, lon: float, lat: float) -> BorderPoint:
        """Chainage of a place's nearest border point, and its distance to it."""
        x, y = self._forward.transform(lon, lat)
        along = self._plane.project(Point(x, y))
        foot = self._plane.interpolate(along)
        near_lon, near_lat = self._back.transform(foot.x, foot.y)
        # The last vertex at or before the foot; the rest of the way is measured geodesically.
        i = int(np.searchsorted(self._plane_chain, along, side="right") - 1)
        i = min(max(i, 0), len(self.chainage) - 1)
        v_lon, v_lat = self.line.coords[i]
        _, _, rest = WGS84.inv(v_lon, v_lat, near_lon, near_lat)
        _, _, away = WGS84.inv(lon, lat, near_lon, near_lat)
        chainage = min(float(self.chainage[i]) + rest / 1000.0, self.length_km)
        return BorderPoint(chainage, away / 1000.0, float(near_lon), float(near_lat))


def uncertainty_km(precision: object) -> float:
    """Default uncertainty radius of a precision, km (0 for an exact site or no precision)."""
    return UNCERTAINTY_RADIUS_M.get(str(precision or ""), 0.0) / 1000.0


def record_uncertainty_km(record: dict) -> float:
    """Uncertainty radius of a row, km: its own ring (``ring_km``) if stand-in, else 0."""
    if str(record.get("precision") or "") not in UNCERTAINTY_RADIUS_M:
        return 0.0
    return ring_radius_m(record) / 1000.0


def format_approx(km: float, plus_minus_km: float) -> str:
    """A distance with its uncertainty: ``≈ 48 km ± 15``, or ``12.3 km`` when exact."""
    if plus_minus_km <= 0:
        return f"{km:,.1f} km"
    return f"≈ {km:,.0f} km ± {plus_minus_km:,.0f}"


def place_on_border(
    border: BorderLine, points: gpd.GeoDataFrame, id_column: str, kind: str
) -> pd.DataFrame:
    """Chainage and distance to the border of every point with a coordinate.

    Parameters
    ----------
    border : BorderLine
        The prepared border.
    points : geopandas.GeoDataFrame
        Sites or crossings (``name``, ``precision``, ``confidence``, geometry).
    id_column : str
        Their id column.
    kind : str
        ``site`` or ``crossing`` (kept in the ``kind`` column).

    Returns
    -------
    pandas.DataFrame
        ``kind``, ``id``, ``name``, ``group``, ``role``, ``phase``, ``precision``,
        ``confidence``, ``lon``, ``lat``, ``chainage_km``, ``distance_km``,
        ``plus_minus_km``, ``distance_text``, ``near_lon``, ``near_lat``.
        Rows without a coordinate are left out.
    """
    rows = []
    for record, geometry in zip(
        points.drop(columns="geometry").to_dict("records"), points.geometry, strict=True
    ):
        if geometry is None or geometry.is_empty:
            continue
        where = border.locate(geometry.x, geometry.y)
        plus_minus = record_uncertainty_km(record)
        rows.append(
            {
                "kind": kind,
                "id": record[id_column],
                "name": record["name"],
                "group": record.get("group", ""),
                "role": record.get("role", ""),
                "phase": record.get("phase", ""),
                "precision": record.get("precision") or "",
                "confidence": record.get("confidence", ""),
                "lon": geometry.x,
                "lat": geometry.y,
                "chainage_km": where.chainage_km,
                "distance_km": where.distance_km,
                "plus_minus_km": plus_minus,
                "distance_text": format_approx(where.distance_km, plus_minus),
                "near_lon": where.lon,
                "near_lat": where.lat,
            }
        )
    columns = [
        "kind",
        "id",
        "name",
        "group",
        "role",
        "phase",
        "precision",
        "confidence",
        "lon",
        "lat",
        "chainage_km",
        "distance_km",
        "plus_minus_km",
        "distance_text",
        "near_lon",
        "near_lat",
    ]
    return pd.DataFrame(rows, columns=columns)


# --- 4. border zone ----------------------------------------------------------------------


def zone_band(line: shapely.Geometry, width_km: float, side: shapely.Geometry) -> shapely.Geometry:
    """Everything on one side of a line within a distance of it.

    Parameters
    ----------
    line : shapely.Geometry
        The border, lon/lat.
    width_km : float
        Band width, km.
    side : shapely.Geometry
        The polygon the band is kept inside (Iraq's outline), lon/lat.

    Returns
    -------
    shapely.Geometry
        The band, lon/lat: the buffer of the line (round ends, so that a place
        within ``width_km`` of the line's ends is in) clipped to ``side``.
    """
    crs = local_metric_crs(shapely.union(line, side) if not side.is_empty else line)
    forward, back = _transformers(crs)
    band = _project(line, forward).buffer(width_km * 1000.0, quad_segs=16)
    clipped = shapely.intersection(band, shapely.make_valid(_project(side, forward)))
    return _project(clipped, back)


def sites_in_zone(placed_sites: pd.DataFrame, band: shapely.Geometry) -> pd.DataFrame:
    """The placed sites (see :func:`place_on_border`) that lie inside the band."""
    if placed_sites.empty or band.is_empty:
        return placed_sites.iloc[0:0].copy()
    inside = shapely.contains_xy(
        band, placed_sites["lon"].to_numpy(), placed_sites["lat"].to_numpy()
    )
    return placed_sites[inside].sort_values("distance_km", ignore_index=True)


def zone_counts(inside: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """Sites in the zone per group (every group listed, zeros included)."""
    names = dict(zip(groups["group_id"], groups["name"], strict=True))
    counts = inside["group"].value_counts()
    return pd.DataFrame(
        {
            "group": list(names),
            "name": list(names.values()),
            "sites in zone": [int(counts.get(g, 0)) for g in names],
        }
    )


# --- 5. relocation -----------------------------------------------------------------------


def relocation_moves(placed_sites: pd.DataFrame) -> pd.DataFrame:
    """Each group's moves, former site → camp, with their uncertainty.

    A move joins a group's before-relocation site to each of its
    after-relocation camps (or, when it has no camp after, to each of its
    after-relocation sites).

    Parameters
    ----------
    placed_sites : pandas.DataFrame
        Sites placed on the border (:func:`place_on_border`).

    Returns
    -------
    pandas.DataFrame
        ``group``, ``from_id``, ``from_name``, ``to_id``, ``to_name``,
        ``from_lon``, ``from_lat``, ``to_lon``, ``to_lat``, ``distance_km``,
        ``plus_minus_km`` (sum of the two ends' radii), ``distance_text``,
        ``from_border_km``, ``to_border_km``, ``further_from_border_km`` (how
        much further from the border the camp is), ``azimuth`` (degrees at
        the start).
    """
    rows = []
    for group, sites in placed_sites.groupby("group", sort=False):
        before = sites[sites["phase"] == BEFORE]
        after = sites[sites["phase"] == AFTER]
        camps = after[after["role"].isin(CAMP_ROLES)]
        targets = camps if not camps.empty else after
        for a in before.to_dict("records"):
            for b in targets.to_dict("records"):
                azimuth, _, metres = WGS84.inv(a["lon"], a["lat"], b["lon"], b["lat"])
                plus_minus = a["plus_minus_km"] + b["plus_minus_km"]
                rows.append(
                    {
                        "group": group,
                        "from_id": a["id"],
                        "from_name": a["name"],
                        "to_id": b["id"],
                        "to_name": b["name"],
                        "from_lon": a["lon"],
                        "from_lat": a["lat"],
                        "to_lon": b["lon"],
                        "to_lat": b["lat"],
                        "distance_km": metres / 1000.0,
                        "plus_minus_km": plus_minus,
                        "distance_text": format_approx(metres / 1000.0, plus_minus),
                        "from_border_km": a["distance_km"],
                        "to_border_km": b["distance_km"],
                        "further_from_border_km": b["distance_km"] - a["distance_km"],
                        "azimuth": azimuth,
                    }
                )
    columns = [
        "group",
        "from_id",
        "from_name",
        "to_id",
        "to_name",
        "from_lon",
        "from_lat",
        "to_lon",
        "to_lat",
        "distance_km",
        "plus_minus_km",
        "distance_text",
        "from_border_km",
        "to_border_km",
        "further_from_border_km",
        "azimuth",
    ]
    return pd.DataFrame(rows, columns=columns)


def short_name(name: str) -> str:
    """A site's name without its parenthesis or list of places (for tables and labels)."""
    return name.split(" (")[0].split(",")[0].strip()


def relocation_summary(
    placed_sites: pd.DataFrame, moves: pd.DataFrame, groups: pd.DataFrame, notes: pd.Series
) -> pd.DataFrame:
    """Per group: its sites before and after, how far from the border, how far moved.

    Parameters
    ----------
    placed_sites : pandas.DataFrame
        Sites placed on the border (already filtered).
    moves : pandas.DataFrame
        :func:`relocation_moves` of those sites.
    groups : pandas.DataFrame
        ``group_id`` and ``name`` of every group.
    notes : pandas.Series
        The sites' ``notes``, indexed by site id: the reason a group has no
        pair is often there (PJAK's is).

    Returns
    -------
    pandas.DataFrame
        ``group``, ``before`` and ``after`` (site names with distance to the
        border), ``moved`` (distance per move, or why there is none).
    """

    def listing(rows: pd.DataFrame) -> str:
        return "; ".join(
            f"{short_name(r['name'])}: {r['distance_text']} from the border"
            for r in rows.to_dict("records")
        )

    out = []
    for group_id, name in zip(groups["group_id"], groups["name"], strict=True):
        sites = placed_sites[placed_sites["group"] == group_id]
        before, after = sites[sites["phase"] == BEFORE], sites[sites["phase"] == AFTER]
        ongoing = sites[~sites["phase"].isin((BEFORE, AFTER))]
        group_moves = moves[moves["group"] == group_id]
        if not group_moves.empty:
            moved = "; ".join(
                f"{short_name(m['from_name'])} → {short_name(m['to_name'])}: {m['distance_text']}"
                for m in group_moves.to_dict("records")
            )
        elif sites.empty:
            moved = "No site shown (sidebar filters)."
        else:
            if before.empty and after.empty:
                moved = "No before/after pair: only sites still in use."
            else:
                missing = "before" if before.empty else "after"
                moved = f"No before/after pair: no site {missing} the relocation in the data."
            # The reason a group has no pair is written in its sites' notes (PJAK's is).
            remarks = [str(notes.get(i, "") or "").strip() for i in sites["id"]]
            remarks = [r for r in remarks if "left out" in r.lower()]
            if remarks:
                moved += " " + " ".join(r.rstrip(".") + "." for r in remarks)
        still = listing(ongoing)
        out.append(
            {
                "group": group_label(group_id, name),
                "before": listing(before) or "—",
                "after": "; ".join(
                    x for x in (listing(after), f"still in use: {still}" if still else "") if x
                )
                or "—",
                "moved": moved,
            }
        )
    return pd.DataFrame(out, columns=["group", "before", "after", "moved"])


# --- source stamp (for page caches) ----------------------------------------------------------


# --- everything about the line, in one go ------------------------------------------------------


@dataclass(frozen=True)
class BorderAnalysis:
    """What the border page measures once per data version.

    Attributes
    ----------
    lengths : pandas.DataFrame
        :func:`length_table` of every source beside the published figures.
    problems : list of str
        Sources that could not be measured.
    border : BorderLine
        The detail layer's border, prepared for chainage look-ups.
    segments : geopandas.GeoDataFrame
        :func:`split_border` of the detail layer.
    iraq : shapely.Geometry
        Iraq's outline (detail), for the zone band.
    iran : shapely.Geometry
        Iran's outline (overview), drawn as context.
    boundaries : BoundaryLayers
        The loaded layers, for the basemap the maps are drawn on.
    """

    lengths: pd.DataFrame
    problems: list[str]
    border: BorderLine
    segments: gpd.GeoDataFrame
    iraq: shapely.Geometry
    iran: shapely.Geometry
    boundaries: BoundaryLayers


def _country(boundaries: BoundaryLayers, country_id: str, lod: str) -> shapely.Geometry:
    frame = boundaries.get("countries", lod)
    match = frame.loc[frame["id"] == country_id].geometry
    return match.iloc[0] if not match.empty else shapely.Polygon()


def analyse_border(
    raw_dir: Path, boundaries: BoundaryLayers, published: pd.DataFrame
) -> BorderAnalysis | None:
    """Measure the border from the files: lengths, segments, the line for chainage.

    Parameters
    ----------
    raw_dir : pathlib.Path
        ``geodata/raw``.
    boundaries : BoundaryLayers
        The built layers (border, governorates, provinces, countries).
    published : pandas.DataFrame
        The published border lengths.

    Returns
    -------
    BorderAnalysis or None
        None when the detail border layer did not load (nothing to measure).
    """
    frame = boundaries.get("border", "detail")
    if frame.empty:
        return None
    line = orient_north_first(frame.geometry.iloc[0])
    sources, problems = read_line_sources(raw_dir, boundaries)
    return BorderAnalysis(
        lengths=length_table(sources, published),
        problems=problems,
        border=BorderLine(line),
        segments=split_border(
            line,
            boundaries.get("governorates", "detail"),
            boundaries.get("iran_border_provinces", "detail"),
        ),
        iraq=_country(boundaries, "irq", "detail"),
        iran=_country(boundaries, "irn", "overview"),
        boundaries=boundaries,
    )


def runs(segments: pd.DataFrame, side: str) -> pd.DataFrame:
    """Consecutive segments with the same governorate (or province) merged.

    Parameters
    ----------
    segments : pandas.DataFrame
        :func:`split_border` output.
    side : str
        ``governorate`` or ``province``.

    Returns
    -------
    pandas.DataFrame
        ``name``, ``start_km``, ``end_km``, ``length_km``, ``in_kri``, ``mid_km``.
    """
    key = (segments[side] != segments[side].shift()).cumsum()
    table = segments.groupby(key, sort=False).agg(
        name=(side, "first"),
        start_km=("start_km", "min"),
        end_km=("end_km", "max"),
        length_km=("length_km", "sum"),
        in_kri=("in_kri", "all"),
    )
    table["mid_km"] = (table["start_km"] + table["end_km"]) / 2
    return table.reset_index(drop=True)


# --- charts ---------------------------------------------------------------------------------

_AXIS = {"labelFontSize": 14, "titleFontSize": 14, "labelLimit": 360}


def length_chart(lengths: pd.DataFrame) -> alt.Chart:
    """Horizontal bars: every measured and published length, longest first.

    Parameters
    ----------
    lengths : pandas.DataFrame
        :func:`length_table` output.

    Returns
    -------
    altair.Chart
        Measured bars and published bars in two colours, km at the bar end.
    """
    data = lengths.assign(
        label=lengths["km"].map(lambda km: f"{km:,.0f}"),
        vertices_text=lengths["vertices"].map(lambda v: "—" if pd.isna(v) else f"{int(v):,}"),
    )
    order = list(data["figure"])
    base = alt.Chart(data).encode(
        y=alt.Y("figure:N", sort=order, title=None, axis=alt.Axis(**_AXIS)),
        x=alt.X(
            "km:Q",
            title="Length of the Iraq–Iran border, km",
            scale=alt.Scale(domain=[0, math.ceil(data["km"].max() / 100) * 100 + 100]),
            axis=alt.Axis(**_AXIS),
        ),
        tooltip=[
            alt.Tooltip("figure:N", title="Figure"),
            alt.Tooltip("kind:N", title="Kind"),
            alt.Tooltip("km:Q", title="km", format=",.1f"),
            alt.Tooltip("vertices_text:N", title="Vertices"),
            alt.Tooltip("detail:N", title="Detail"),
            alt.Tooltip("source:N", title="Source"),
        ],
    )
    bars = base.mark_bar(height={"band": 0.75}).encode(
        color=alt.Color(
            "kind:N",
            title=None,
            scale=alt.Scale(
                domain=["measured", "published"], range=[MEASURED_COLOUR, PUBLISHED_COLOUR]
            ),
            legend=alt.Legend(orient="top", labelFontSize=14, symbolSize=200),
        )
    )
    labels = base.mark_text(align="left", dx=4, fontSize=14).encode(text="label:N")
    return (bars + labels).properties(height=34 * len(data) + 20, width="container")


def chainage_chart(
    segments: pd.DataFrame,
    placed: pd.DataFrame,
    group_colours: dict[str, str],
    length_km_total: float,
) -> alt.LayerChart:
    """The border as a strip: km from the tripoint, sides, crossings and sites.

    Parameters
    ----------
    segments : pandas.DataFrame
        :func:`split_border` output.
    placed : pandas.DataFrame
        Crossings and sites placed on the border (:func:`place_on_border`).
    group_colours : dict
        Group id to colour.
    length_km_total : float
        The border's length (the x axis ends there).

    Returns
    -------
    altair.LayerChart
        Rows: Iraqi governorate, Iranian province, crossings, sites.
    """
    rows = ["Iraq: governorate", "Iran: province", "Crossings", "Sites (nearest point)"]
    iraq = runs(segments, "governorate").assign(row=rows[0])
    iraq["fill"] = np.where(iraq["in_kri"], "#E3C16F", "#B9C7D4")
    iraq["kri"] = np.where(iraq["in_kri"], "Kurdistan Region", "federal Iraq")
    iran = runs(segments, "province").assign(row=rows[1], kri="Iran")
    iran["fill"] = ["#C9B8DB" if i % 2 == 0 else "#DDD2E8" for i in range(len(iran))]
    strips = pd.concat([iraq, iran], ignore_index=True)
    strips["label"] = strips["name"].where(strips["length_km"] >= 60, "")
    x_scale = alt.Scale(domain=[0, length_km_total], nice=False)
    y = alt.Y("row:N", sort=rows, title=None, axis=alt.Axis(**_AXIS))
    x_axis = alt.Axis(**_AXIS, tickCount=16)
    rects = (
        alt.Chart(strips)
        .mark_bar(stroke="#fff", strokeWidth=1.5, height={"band": 0.8})
        .encode(
            x=alt.X(
                "start_km:Q",
                scale=x_scale,
                axis=x_axis,
                title="km along the border from the Iraq–Iran–Turkey tripoint",
            ),
            x2="end_km:Q",
            y=y,
            color=alt.Color("fill:N", scale=None),
            tooltip=[
                alt.Tooltip("name:N", title="Side"),
                alt.Tooltip("kri:N", title="Region"),
                alt.Tooltip("start_km:Q", title="From km", format=",.0f"),
                alt.Tooltip("end_km:Q", title="To km", format=",.0f"),
                alt.Tooltip("length_km:Q", title="Length, km", format=",.1f"),
            ],
        )
    )
    names = (
        alt.Chart(strips)
        .mark_text(fontSize=13, color="#1b1b1b")
        .encode(x=alt.X("mid_km:Q", scale=x_scale), y=y, text="label:N")
    )
    points = placed.assign(
        row=np.where(placed["kind"] == "crossing", rows[2], rows[3]),
        name_short=placed["name"].map(short_name),
        chainage_text=placed["chainage_km"].map(lambda km: f"km {km:,.0f}"),
        colour=[
            "#ffffff" if k == "crossing" else group_colours.get(g, UNKNOWN_GROUP_COLOUR)
            for k, g in zip(placed["kind"], placed["group"], strict=True)
        ],
    )
    marks = (
        alt.Chart(points)
        .mark_point(filled=True, size=170, stroke="#111", strokeWidth=1.2, opacity=0.95)
        .encode(
            x=alt.X("chainage_km:Q", scale=x_scale),
            y=y,
            shape=alt.Shape(
                "kind:N",
                scale=alt.Scale(domain=["crossing", "site"], range=["diamond", "circle"]),
                legend=None,
            ),
            color=alt.Color("colour:N", scale=None),
            tooltip=[
                alt.Tooltip("name_short:N", title="Name"),
                alt.Tooltip("kind:N", title="Kind"),
                alt.Tooltip("group:N", title="Group"),
                alt.Tooltip("chainage_text:N", title="Along the border"),
                alt.Tooltip("distance_text:N", title="To the border"),
            ],
        )
    )
    return (rects + names + marks).properties(height=210, width="container")


# --- maps ---------------------------------------------------------------------------------

_MAP_CSS = """
<style>
.zb-ba-icon { background: none; border: none; }
.zb-ba-label div { display: inline-block; transform: translateX(-50%); font: 700 15px/1.15 system-ui, sans-serif; color: #1b1b1b; white-space: nowrap;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff; }
.zb-ba-km div { font: 600 12px system-ui, sans-serif; color: #333; white-space: nowrap;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 2px #fff; }
</style>
"""
_MERCATOR = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)


def _base_map(
    analysis: BorderAnalysis, tiles: bool, bounds=BORDER_BOUNDS, basemap: str = "online"
) -> folium.Map:
    fmap = new_map(analysis.boundaries, bounds=bounds, basemap=basemap, tiles=tiles)
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
            html=f"<div>{esc(text, 120)}</div>",
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
                html=svg,
                icon_size=(16, 16),
                icon_anchor=(8, 8),
                class_name="zb-ba-icon zb-crossing",
            ),
            tooltip=folium.Tooltip(
                tooltip_html(c["name"], f"Crossing · km {c['chainage_km']:,.0f} along the border"),
                sticky=False,
            ),
            popup=folium.Popup(popup_html(c["name"], rows, kind="Border crossing"), max_width=400),
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
        Crossings placed on the border (:func:`place_on_border`).
    basemap : str
        ``online`` (tiles) or ``offline`` (built-in basemap, see ``lib.maps.base_map``).
    tiles : bool
        Add the online basemap (the layers draw without it).

    Returns
    -------
    folium.Map
        Every segment has a tooltip with its length.
    """
    fmap = _base_map(analysis, tiles, basemap=basemap)
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
    return (
        f'<div style="transform: rotate({angle_deg:.1f}deg); width:22px; height:22px">'
        '<svg width="22" height="22" viewBox="0 0 22 22">'
        f'<polygon points="11,2 20,20 11,15 2,20" fill="{esc(colour, 20)}" stroke="#111" '
        'stroke-width="1.2"/></svg></div>'
    )


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
        :func:`zone_band` for ``width_km``.
    width_km : float
        The zone's width (for the labels).
    sites : pandas.DataFrame
        Sites placed on the border (filtered).
    moves : pandas.DataFrame
        :func:`relocation_moves` of those sites.
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
    fmap = _base_map(analysis, tiles, bounds=((35.25, 43.4), (37.2, 46.3)), basemap=basemap)
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
                html=_arrowhead_svg(colour, angle),
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
