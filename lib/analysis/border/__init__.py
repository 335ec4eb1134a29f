"""Border analysis: how long the border is, whose stretch it is, how far the groups moved.

Every figure here is measured from the data files on the WGS84 ellipsoid
(:mod:`lib.geo.geodesy`); none is typed in. The functions are pure functions of
their inputs (geometries and frames in, numbers and frames out), so pages may
cache them and tests may feed them small known geometries.

The parts, in the order of the border page's sections:

- :mod:`~lib.analysis.border.geometry`: line and projection helpers;
- :mod:`~lib.analysis.border.lines`: every rendering of the border, measured
  (:func:`~lib.analysis.border.lines.length_table`);
- :mod:`~lib.analysis.border.segments`: the line split by governorate and
  province, the Kurdistan Region's stretch;
- :mod:`~lib.analysis.border.placement`: chainage and distance to the border of
  sites and crossings;
- :mod:`~lib.analysis.border.zone`: the border zone band;
- :mod:`~lib.analysis.border.relocation`: the groups' moves.

This module measures what the page needs once per data version
(:func:`analyse_border`, :func:`measured_for`). The maps are drawn by
:mod:`lib.maps.border_maps`, the charts by :mod:`lib.story.border_charts`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from lib.analysis.border import zone
from lib.analysis.border.geometry import orient_north_first
from lib.analysis.border.lines import length_table, read_line_sources
from lib.analysis.border.placement import BorderLine
from lib.analysis.border.segments import split_border
from lib.data.boundaries import BoundaryLayers
from lib.data.catalog import Catalog
from lib.data.memo import remembered


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
    sources, problems, segments = _measured(raw_dir, boundaries, line)
    return BorderAnalysis(
        lengths=length_table(sources, published),
        problems=problems,
        border=BorderLine(line),
        segments=segments,
        iraq=_country(boundaries, "irq", "detail"),
        iran=_country(boundaries, "irn", "overview"),
        boundaries=boundaries,
    )


def _measured(raw_dir: Path, boundaries: BoundaryLayers, line: shapely.Geometry) -> tuple:
    """The slow part of :func:`analyse_border` (~2.6 s), kept by content (lib.data.memo)."""
    border = (boundaries.get("border", "detail"), boundaries.get("border", "overview"))
    sources, problems = remembered(
        "border line sources", (raw_dir, *border), lambda: read_line_sources(raw_dir, boundaries)
    )
    governorates = boundaries.get("governorates", "detail")
    provinces = boundaries.get("iran_border_provinces", "detail")
    segments = remembered(
        "border segments",
        (line, governorates, provinces),
        lambda: split_border(line, governorates, provinces),
    )
    return sources, problems, segments


def warm(raw_dir: Path, boundaries: BoundaryLayers) -> None:
    """Measure the border and its default zone ahead of the first border page.

    Called by :mod:`lib.ui.serve` before the server listens: what is measured is kept
    by content (:mod:`lib.data.memo`), so the first reader's run finds it.

    Parameters
    ----------
    raw_dir : pathlib.Path
        ``geodata/raw``.
    boundaries : BoundaryLayers
        The layers the app loads (``lib.store.catalog_source.load_file_layers``).
    """
    frame = boundaries.get("border", "detail")
    if frame.empty:
        return
    line = orient_north_first(frame.geometry.iloc[0])
    _measured(raw_dir, boundaries, line)
    zone.zone_band(line, zone.ZONE_DEFAULT_KM, _country(boundaries, "irq", "detail"))


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
        f"border_analysis:{raw_dir}",
        lambda: analyse_border(
            raw_dir, catalog.boundaries, catalog.curated.published_border_lengths
        ),
    )
