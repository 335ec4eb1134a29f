"""The curated layers: groups, sites, crossings, events and published figures.

Each layer is a hand-edited CSV file in ``geodata/curated/`` described in
``CATALOG.toml``, read against its schema (:mod:`lib.data.schemas`). Groups load
first because the other layers may only name known groups. Every row keeps its
provenance fields (sources, precision, coord_basis, confidence) and gains the
layer's licence, so whatever the map draws can say where it comes from.
Questions asked of the loaded rows are in :mod:`lib.data.rows`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from lib.data.schemas import (
    CAMP_COUNTS_SCHEMA,
    CLAIMS_SCHEMA,
    DISPUTED_DISTRICTS_SCHEMA,
    GROUPS_SCHEMA,
    PLACES_SCHEMA,
    PUBLISHED_LENGTHS_SCHEMA,
    crossings_schema,
    events_schema,
    sites_schema,
    source_positions_schema,
)
from lib.data.validation import DataIssue, LoadedTable, TableSchema, read_table
from lib.geo.rings import ring_radius_km

__all__ = ["CATALOG_FILE", "CuratedData", "item_positions", "load_curated", "with_rings"]

CATALOG_FILE = "CATALOG.toml"


def item_positions(positions: pd.DataFrame, kind: str, ref: str) -> list[tuple[float, float]]:
    """The (lon, lat) of every source position recorded for one site or crossing."""
    if positions.empty:
        return []
    rows = positions[(positions["kind"] == kind) & (positions["ref"] == ref)]
    return list(zip(rows["lon"], rows["lat"], strict=True))


def with_rings(
    points: gpd.GeoDataFrame, positions: pd.DataFrame, kind: str, id_column: str
) -> gpd.GeoDataFrame:
    """The points with ``ring_km``: their uncertainty ring's radius (see :mod:`lib.geo.rings`).

    0 for rows without a coordinate and for exact sites without recorded positions.
    """
    radii = [
        0.0
        if geometry is None
        else ring_radius_km(precision, geometry.x, geometry.y, item_positions(positions, kind, ref))
        for ref, precision, geometry in zip(
            points[id_column], points["precision"], points.geometry, strict=True
        )
    ]
    points = points.copy()
    points["ring_km"] = pd.Series(radii, index=points.index, dtype=float)
    return points


@dataclass
class CuratedData:
    """Every curated layer as loaded, with the issues found.

    Attributes
    ----------
    groups : pandas.DataFrame
        One row per group (``group_id``, ``name``, ``aliases``, ``colour``...).
    sites, crossings, events : geopandas.GeoDataFrame
        Point layers in EPSG:4326; rows without a coordinate have no geometry.
    camp_counts, published_border_lengths, claims : pandas.DataFrame
        Tables without geometry.
    disputed_districts : pandas.DataFrame
        The districts of the disputed territories (Article 140), by OCHA
        P-code; their outlines are the ``disputed_territories`` boundary layer.
    places : geopandas.GeoDataFrame
        Places the reporting names (cities, the al-Hol camp...).
    source_positions : pandas.DataFrame
        Positions the sources give for stand-in sites and crossings
        (``kind``, ``ref``, ``label``, ``lat``, ``lon``, ``basis``...). Sites and
        crossings carry ``ring_km``, the radius of a ring holding all of them.
    titles, licences : dict of str to str
        Per layer, from ``CATALOG.toml``.
    issues : list of DataIssue
        Problems found in any curated file.
    """

    groups: pd.DataFrame
    sites: gpd.GeoDataFrame
    crossings: gpd.GeoDataFrame
    events: gpd.GeoDataFrame
    camp_counts: pd.DataFrame
    published_border_lengths: pd.DataFrame
    places: gpd.GeoDataFrame
    claims: pd.DataFrame
    disputed_districts: pd.DataFrame = field(default_factory=pd.DataFrame)
    source_positions: pd.DataFrame = field(default_factory=pd.DataFrame)
    titles: dict[str, str] = field(default_factory=dict)
    licences: dict[str, str] = field(default_factory=dict)
    issues: list[DataIssue] = field(default_factory=list)


def _read_catalog(curated_dir: Path, issues: list[DataIssue]) -> dict[str, dict]:
    path = curated_dir / CATALOG_FILE
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        issues.append(DataIssue(f"curated/{CATALOG_FILE}", "(file)", "(file)", str(exc)))
        return {}


def _to_points(table: LoadedTable, licence: str) -> gpd.GeoDataFrame:
    frame = table.frame.copy()
    frame["licence"] = licence
    geometry = [
        Point(lon, lat) if lat is not None and lon is not None else None
        for lat, lon in zip(frame["lat"], frame["lon"], strict=True)
    ]
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def _reported_ids(table: LoadedTable) -> list[str]:
    """Ids of the rows an issue was reported on (``id (line N)``)."""
    return [issue.item.split(" (line ")[0] for issue in table.issues]


def load_curated(curated_dir: Path) -> CuratedData:
    """Load and validate every curated layer.

    Parameters
    ----------
    curated_dir : pathlib.Path
        The ``geodata/curated`` folder.

    Returns
    -------
    CuratedData
        Valid rows of each layer and every issue found; a broken file leaves
        its layer empty and never stops the others from loading.
    """
    issues: list[DataIssue] = []
    catalog = _read_catalog(curated_dir, issues)

    def entry(layer: str) -> tuple[Path, str, str]:
        spec = catalog.get(layer, {})
        name = str(spec.get("file", f"{layer}.csv"))
        # A catalog entry may only name a file inside the curated folder.
        path = (curated_dir / Path(name).name).resolve()
        return path, str(spec.get("title", layer)), str(spec.get("licence", "licence not stated"))

    titles: dict[str, str] = {}
    licences: dict[str, str] = {}

    def load(layer: str, schema: TableSchema) -> LoadedTable:
        path, titles[layer], licences[layer] = entry(layer)
        table = read_table(path, schema, label=f"curated/{path.name}")
        issues.extend(table.issues)
        return table

    groups = load("groups", GROUPS_SCHEMA).frame
    groups["licence"] = licences["groups"]
    group_ids = tuple(groups["group_id"])
    sites_table = load("sites", sites_schema(group_ids))
    crossings_table = load("crossings", crossings_schema())
    sites = _to_points(sites_table, licences["sites"])
    crossings = _to_points(crossings_table, licences["crossings"])
    # A position of an item left out for its own problem is not reported a second time.
    positions = load(
        "source_positions",
        source_positions_schema(
            (*sites["site_id"], *_reported_ids(sites_table)),
            (*crossings["crossing_id"], *_reported_ids(crossings_table)),
        ),
    ).frame
    positions["licence"] = licences["source_positions"]
    sites = with_rings(sites, positions, "site", "site_id")
    crossings = with_rings(crossings, positions, "crossing", "crossing_id")
    events = _to_points(load("events", events_schema(group_ids)), licences["events"])
    camp_counts = load("camp_counts", CAMP_COUNTS_SCHEMA).frame
    lengths = load("published_border_lengths", PUBLISHED_LENGTHS_SCHEMA).frame
    places = _to_points(load("places", PLACES_SCHEMA), licences["places"])
    claims = load("claims", CLAIMS_SCHEMA).frame
    disputed = load("disputed_districts", DISPUTED_DISTRICTS_SCHEMA).frame
    disputed["licence"] = licences["disputed_districts"]
    return CuratedData(
        groups=groups,
        sites=sites,
        crossings=crossings,
        events=events,
        camp_counts=camp_counts,
        published_border_lengths=lengths,
        places=places,
        claims=claims,
        disputed_districts=disputed,
        source_positions=positions,
        titles=titles,
        licences=licences,
        issues=issues,
    )
