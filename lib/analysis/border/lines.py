"""Length by source: every rendering of the Iraq–Iran border the project holds, measured.

Each line is read from its raw file (names in :mod:`lib.data.raw_sources`) or from
the built layers, oriented tripoint first, and measured on the WGS84 ellipsoid
(:mod:`lib.geo.geodesy`); none of the lengths is typed in. :func:`length_table`
sets them beside the published figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from lib.analysis.border.geometry import (
    local_metric_crs,
    merge_lines,
    orient_north_first,
    project,
    transformers,
    vertex_count,
)
from lib.data import raw_sources
from lib.data.boundaries import BoundaryLayers
from lib.data.rows import published_when
from lib.geo.geodesy import length_km

OSM_BOUNDARY_FILE = raw_sources.OSM_BOUNDARY
NE_BOUNDARY_FILE = raw_sources.NE_BOUNDARY
NE_COUNTRIES_FILE = raw_sources.NE_COUNTRIES
OCHA_ADM1_FILE = raw_sources.OCHA_GOVERNORATES
#: How far the OCHA outline may lie from the OSM border and still count as the border:
#: its edges run ~0.5 km off the OSM line, its other edges (Turkey, the Gulf) much further.
OCHA_NEAR_BORDER_KM = 2.0


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
    """The non-empty geometries of a vector file, in file order."""
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
    forward, back = transformers(crs)
    corridor = project(line, forward).buffer(within_km * 1000.0)
    near = shapely.intersection(project(outline, forward), corridor)
    return orient_north_first(merge_lines(project(near, back)))


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
