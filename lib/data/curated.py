"""The curated layers: groups, sites, crossings, events and published figures.

Each layer is a hand-edited CSV file in ``geodata/curated/`` described in
``CATALOG.toml``. Groups load first because the other layers may only name
known groups. Every row keeps its provenance fields (sources, precision,
coord_basis, confidence) and gains the layer's licence, so whatever the map
draws can say where it comes from.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from lib.data.validation import (
    CONFIDENCE_LEVELS,
    PRECISION_LEVELS,
    Column,
    DataIssue,
    LoadedTable,
    TableSchema,
    check_date_order,
    check_region,
    parse_partial_date,
    read_table,
)
from lib.geo.rings import ring_radius_km

CATALOG_FILE = "CATALOG.toml"

SITE_ROLES: tuple[str, ...] = ("headquarters", "base", "refugee_camp", "relocation_camp")
CAMP_ROLES: tuple[str, ...] = ("refugee_camp", "relocation_camp")
SITE_PHASES: tuple[str, ...] = ("before-relocation", "after-relocation", "ongoing")
EVENT_CATEGORIES: tuple[str, ...] = (
    "protest",
    "strike",
    "agreement",
    "deadline",
    "relocation",
    "diplomacy",
    "infrastructure",
)
#: Event colours (Paul Tol's "muted" scheme, told apart by colour-blind readers).
CATEGORY_COLOURS: dict[str, str] = {
    "protest": "#882255",
    "strike": "#CC3311",
    "agreement": "#117733",
    "deadline": "#DDAA33",
    "relocation": "#332288",
    "diplomacy": "#44AA99",
    "infrastructure": "#666666",
}
CROSSING_STATUSES: tuple[str, ...] = ("official", "semi-official")

_LAT = Column("lat", "float", bounds=(-90.0, 90.0))
_LON = Column("lon", "float", bounds=(-180.0, 180.0))
_PROVENANCE = (
    Column("coord_basis"),
    Column("precision", "choice", choices=PRECISION_LEVELS),
    Column("confidence", "choice", choices=CONFIDENCE_LEVELS),
    Column("sources"),
)

GROUPS_SCHEMA = TableSchema(
    "groups",
    (
        Column("group_id", "id"),
        Column("name"),
        Column("aliases", "list", required=False),
        Column("colour"),
        Column("description", required=False),
        Column("sources"),
    ),
    row_checks=(
        lambda row: (
            []
            if _is_hex_colour(row["colour"])
            else [("colour", f"“{row['colour'][:20]}” is not a #RRGGBB colour")]
        ),
    ),
)


def _is_hex_colour(text: str) -> bool:
    return (
        len(text) == 7 and text[0] == "#" and all(c in "0123456789abcdefABCDEF" for c in text[1:])
    )


def sites_schema(group_ids: tuple[str, ...]) -> TableSchema:
    """Schema of ``sites.csv``, given the known group ids."""
    return TableSchema(
        "sites",
        (
            Column("site_id", "id"),
            Column("name"),
            Column("group", "choice", choices=group_ids),
            Column("role", "choice", choices=SITE_ROLES),
            Column("phase", "choice", choices=SITE_PHASES),
            Column("active_from", "partial_date", required=False),
            Column("active_to", "partial_date", required=False),
            _LAT,
            _LON,
            *_PROVENANCE,
            Column("notes", required=False),
        ),
        row_checks=(check_region(), check_date_order("active_from", "active_to")),
    )


def crossings_schema() -> TableSchema:
    """Schema of ``crossings.csv``; a crossing may lack a coordinate (then it is listed, not drawn)."""
    return TableSchema(
        "crossings",
        (
            Column("crossing_id", "id"),
            Column("name"),
            Column("iraq_name"),
            Column("iran_name"),
            Column("iraq_governorate"),
            Column("iran_province"),
            Column("status", "choice", choices=CROSSING_STATUSES),
            Column("lat", "float", required=False, bounds=(-90.0, 90.0)),
            Column("lon", "float", required=False, bounds=(-180.0, 180.0)),
            Column("coord_basis"),
            Column("precision", "choice", required=False, choices=PRECISION_LEVELS),
            Column("confidence", "choice", choices=CONFIDENCE_LEVELS),
            Column("sources"),
            Column("notes", required=False),
        ),
        row_checks=(check_region(), _precision_needs_coordinate),
    )


def _precision_needs_coordinate(row: dict) -> list[tuple[str, str]]:
    if row.get("lat") is not None and not row.get("precision"):
        return [("precision", "required when the row has a coordinate")]
    return []


POSITION_KINDS: tuple[str, ...] = ("site", "crossing")


def source_positions_schema(
    site_ids: tuple[str, ...], crossing_ids: tuple[str, ...]
) -> TableSchema:
    """Schema of ``source_positions.csv``: the positions the sources give for an item.

    Each row is one position a source's words put a stand-in site or crossing
    at (a town, "10 km S of the city"...), with ``basis`` saying how the
    coordinate was derived. ``drawn_from`` is ``yes`` on the position a
    crossing's drawn point was taken from (the border point nearest it). The
    item's uncertainty ring is made wide enough to hold every position.
    """
    known = {"site": set(site_ids), "crossing": set(crossing_ids)}

    def known_item(row: dict) -> list[tuple[str, str]]:
        kind, ref = row.get("kind"), row.get("ref")
        if kind in known and ref not in known[kind]:
            return [("ref", f"“{str(ref)[:40]}” is not a known {kind} id")]
        return []

    return TableSchema(
        "source_positions",
        (
            Column("position_id", "id"),
            Column("kind", "choice", choices=POSITION_KINDS),
            Column("ref"),
            Column("label"),
            _LAT,
            _LON,
            Column("basis"),
            Column("drawn_from", "flag", required=False),
            Column("confidence", "choice", choices=CONFIDENCE_LEVELS),
            Column("sources"),
        ),
        row_checks=(check_region(), known_item),
    )


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


def events_schema(group_ids: tuple[str, ...]) -> TableSchema:
    """Schema of ``events.csv``, given the known group ids.

    An event may lack a coordinate when no source says where it happened
    (``coord_basis`` then says so); it is listed, not drawn (:func:`events_on_map`).
    """
    return TableSchema(
        "events",
        (
            Column("event_id", "id"),
            Column("date", "date"),
            Column("date_precision", "choice", choices=("day", "month", "year")),
            Column("title"),
            Column("category", "choice", choices=EVENT_CATEGORIES),
            Column("place"),
            Column("lat", "float", required=False, bounds=(-90.0, 90.0)),
            Column("lon", "float", required=False, bounds=(-180.0, 180.0)),
            Column("coord_basis"),
            Column("precision", "choice", required=False, choices=PRECISION_LEVELS),
            Column("off_region", "flag", required=False),
            Column("groups", "list", required=False, choices=group_ids),
            Column("actors", required=False),
            Column("in_seed_article", required=False),
            Column("confidence", "choice", choices=CONFIDENCE_LEVELS),
            Column("sources"),
        ),
        row_checks=(check_region(allow_flag="off_region"), _precision_needs_coordinate),
    )


def events_on_map(events: pd.DataFrame) -> pd.Series:
    """Which events the map draws: those with a coordinate inside the map region.

    An event without a coordinate (no source says where it happened, such as a
    statement to television) or flagged ``off_region`` (New York, Washington)
    is still listed in the timeline and tables, never drawn on the map.

    Parameters
    ----------
    events : pandas.DataFrame
        Events as loaded (``lat``, ``off_region``).

    Returns
    -------
    pandas.Series of bool
        Aligned with ``events``.
    """
    if events.empty:
        return pd.Series([], dtype=bool, index=events.index)
    located = events["lat"].notna() & events["lon"].notna()
    return located & ~events["off_region"].fillna(False).astype(bool)


PLACES_SCHEMA = TableSchema(
    "places",
    (
        Column("place_id", "id"),
        Column("name"),
        Column("aliases", "list", required=False),
        _LAT,
        _LON,
        Column("off_region", "flag", required=False),
        *_PROVENANCE,
    ),
    row_checks=(check_region(allow_flag="off_region"),),
)

CLAIM_KINDS: tuple[str, ...] = ("border_length", "event_date", "camp_count")

CLAIMS_SCHEMA = TableSchema(
    "claims",
    (
        Column("claim_id", "id"),
        Column("article_id"),
        Column("statement"),
        Column("kind", "choice", choices=CLAIM_KINDS),
        Column("subject", required=False),
        Column("claimed_value", required=False),
        Column("note", required=False),
    ),
)

CAMP_COUNTS_SCHEMA = TableSchema(
    "camp_counts",
    (Column("date", "date"), Column("claim"), Column("by"), Column("sources")),
)


def _undated_needs_note(row: dict[str, Any]) -> Iterable[tuple[str, str]]:
    """A published figure without a date must say why in its note."""
    if not row.get("date") and not row.get("note"):
        yield "note", "required when the date is empty: say why the source gives no date"


PUBLISHED_LENGTHS_SCHEMA = TableSchema(
    "published_border_lengths",
    (
        Column("figure_id", "id"),
        Column("figure_km", "float", bounds=(100.0, 5000.0)),
        Column("by"),
        # YYYY, YYYY-MM or YYYY-MM-DD as precise as the source allows; empty if it has none.
        Column("date", "partial_date", required=False),
        # The source's own words, quoted, where they were read.
        Column("wording", required=False),
        Column("confidence", "choice", choices=CONFIDENCE_LEVELS),
        Column("note", required=False),
        Column("sources"),
    ),
    row_checks=(_undated_needs_note,),
)


def published_when(date: object) -> str:
    """How a published figure's ``date`` reads: ``16 Aug 2025``, ``Mar 2017``, ``2018`` or ``undated``."""
    text = str(date).strip() if isinstance(date, str) else ""
    if not text:
        return "undated"
    first, last = parse_partial_date(text)
    if first == last:
        return f"{first.day} {first:%b %Y}"
    if first.year == last.year and first.month == last.month:
        return f"{first:%b %Y}"
    return text


DISPUTED_EXTENTS: tuple[str, ...] = ("whole", "part")
_OCHA_DISTRICT_PCODE = re.compile(r"IQG\d{2}Q\d{2}")

DISPUTED_DISTRICTS_SCHEMA = TableSchema(
    "disputed_districts",
    (
        Column("pcode", "id"),
        Column("name"),
        Column("governorate"),
        Column("extent", "choice", choices=DISPUTED_EXTENTS),
        Column("basis"),
        Column("confidence", "choice", choices=CONFIDENCE_LEVELS),
        Column("sources"),
        Column("notes", required=False),
    ),
    row_checks=(
        lambda row: (
            []
            if _OCHA_DISTRICT_PCODE.fullmatch(row["pcode"])
            else [("pcode", f"“{row['pcode'][:20]}” is not an OCHA district P-code (IQGnnQnn)")]
        ),
    ),
)


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


def camps_after_relocation(sites: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The camps in use after the 2023 agreement (the article's "designated camps").

    Parameters
    ----------
    sites : geopandas.GeoDataFrame
        Sites as loaded.

    Returns
    -------
    geopandas.GeoDataFrame
        Refugee and relocation camps not ended before the relocation.
    """
    return sites[sites["role"].isin(CAMP_ROLES) & (sites["phase"] != "before-relocation")]


def split_sources(text: str) -> list[str]:
    """Split a ``sources`` cell into its individual references.

    Parameters
    ----------
    text : str
        References separated by ``;``.

    Returns
    -------
    list of str
        The non-empty references, stripped.
    """
    return [part.strip() for part in str(text or "").split(";") if part.strip()]
