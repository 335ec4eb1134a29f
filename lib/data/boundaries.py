"""The boundary layers built by ``lib.tools.geodata_build`` and their checks on load.

Each layer is a GeoJSON file per level of detail,
``geodata/layers/<layer>.<lod>.geojson``. Loading checks every feature: the
provenance properties are there, the geometry is valid, non-empty and in the
region. A bad feature is left out and reported; a bad file leaves its layer
empty. Nothing else stops loading.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import shape

from lib.data.validation import CONFIDENCE_LEVELS, REGION_BOUNDS, DataIssue

BOUNDARY_LAYERS: tuple[str, ...] = (
    "border",
    "countries",
    "neighbours",
    "governorates",
    "kurdistan_region",
    "disputed_territories",
    "iran_border_provinces",
)
#: Natural Earth land, lakes, rivers and towns: the basemap drawn without tiles.
BASEMAP_LAYERS: tuple[str, ...] = (
    "basemap_land",
    "basemap_lakes",
    "basemap_rivers",
    "basemap_towns",
)
LEVELS_OF_DETAIL: tuple[str, ...] = ("overview", "detail")
REQUIRED_PROPERTIES: tuple[str, ...] = (
    "id",
    "name",
    "source",
    "licence",
    "precision",
    "confidence",
)


#: Where each layer's features must lie (lon/lat box). Most layers stay in the map
#: region; Iran's outline and the neighbours reach further. A feature outside
#: its box is almost always a typo or swapped latitude and longitude.
def pad_box(
    box: tuple[float, float, float, float], degrees: float
) -> tuple[float, float, float, float]:
    """A (west, south, east, north) box grown by ``degrees`` on every side."""
    west, south, east, north = box
    return (west - degrees, south - degrees, east + degrees, north + degrees)


#: The box the neighbouring countries are clipped to by the geodata build.
NEIGHBOUR_BOX: tuple[float, float, float, float] = (34.0, 24.0, 54.0, 42.0)
DEFAULT_LAYER_BOX = pad_box(REGION_BOUNDS, 0.5)
LAYER_BOXES: dict[str, tuple[float, float, float, float]] = {
    # Iran's outline runs east to Afghanistan and Pakistan.
    "countries": (30.0, 20.0, 66.0, 45.0),
    "neighbours": pad_box(NEIGHBOUR_BOX, 0.5),
}


@dataclass
class BoundaryLayers:
    """All boundary layers as loaded.

    Attributes
    ----------
    frames : dict
        ``frames[layer][lod]`` is a GeoDataFrame in EPSG:4326 (possibly empty).
    issues : list of DataIssue
        Problems found while loading.
    """

    frames: dict[str, dict[str, gpd.GeoDataFrame]] = field(default_factory=dict)
    issues: list[DataIssue] = field(default_factory=list)

    def get(self, layer: str, lod: str) -> gpd.GeoDataFrame:
        """Return one layer at one level of detail (empty if it did not load)."""
        return self.frames.get(layer, {}).get(lod, _empty_frame())

    def find(self, feature_id: str, lod: str = "overview") -> gpd.GeoSeries | None:
        """The feature with this id in any boundary layer (border, regions, provinces...).

        Parameters
        ----------
        feature_id : str
            A feature's ``id`` property, e.g. ``kurdistan-region``.
        lod : str
            Level of detail of the geometry returned.

        Returns
        -------
        geopandas.GeoSeries or None
            The feature's row (``name``, ``geometry``...), or None.
        """
        for layer in BOUNDARY_LAYERS:
            frame = self.get(layer, lod)
            rows = frame[frame["id"] == feature_id]
            if not rows.empty:
                return rows.iloc[0]
        return None


def _empty_frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {name: [] for name in REQUIRED_PROPERTIES}, geometry=[], crs="EPSG:4326"
    )


def read_layer_file(
    path: Path, label: str, region: tuple[float, float, float, float] = DEFAULT_LAYER_BOX
) -> tuple[gpd.GeoDataFrame, list[DataIssue]]:
    """Read and validate one GeoJSON layer file.

    Parameters
    ----------
    path : pathlib.Path
        The GeoJSON file.
    label : str
        How issues name the file.
    region : tuple of float
        The (west, south, east, north) box every feature must lie in.

    Returns
    -------
    tuple
        The valid features as a GeoDataFrame, and the issues found.
    """
    issues: list[DataIssue] = []
    try:
        document = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return _empty_frame(), [DataIssue(label, "(file)", "(file)", "file not found")]
    except UnicodeDecodeError as exc:
        problem = f"not UTF-8 text (bad byte at offset {exc.start})"
        return _empty_frame(), [DataIssue(label, "(file)", "(file)", problem)]
    except json.JSONDecodeError as exc:
        problem = f"not valid JSON (truncated?): {exc.msg} at line {exc.lineno}, column {exc.colno}"
        return _empty_frame(), [DataIssue(label, "(file)", "(file)", problem)]
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        return _empty_frame(), [
            DataIssue(label, "(file)", "type", "not a GeoJSON FeatureCollection")
        ]

    records: list[dict] = []
    geometries: list[shapely.Geometry] = []
    seen: set[str] = set()
    west, south, east, north = region
    for index, feature in enumerate(document.get("features") or []):
        props = feature.get("properties") if isinstance(feature, dict) else None
        props = props if isinstance(props, dict) else {}
        item = str(props.get("id") or f"feature {index + 1}")[:80]
        problems: list[tuple[str, str]] = []
        for name in REQUIRED_PROPERTIES:
            value = props.get(name)
            if not isinstance(value, str) or not value.strip():
                problems.append((name, "required but missing or not text"))
        if props.get("confidence") and props.get("confidence") not in CONFIDENCE_LEVELS:
            problems.append(("confidence", f"must be one of {', '.join(CONFIDENCE_LEVELS)}"))
        if item in seen:
            problems.append(("id", "duplicate id"))
        geometry = None
        try:
            geometry = shape(feature["geometry"])
        except Exception as exc:  # shapely raises many types for malformed input
            problems.append(
                ("geometry", f"not a valid GeoJSON geometry ({exc.__class__.__name__})")
            )
        if geometry is not None:
            if geometry.is_empty:
                problems.append(("geometry", "empty geometry"))
            elif not geometry.is_valid:
                reason = shapely.is_valid_reason(geometry)
                problems.append(("geometry", f"invalid geometry: {reason}"))
            else:
                minx, miny, maxx, maxy = geometry.bounds
                if not all(map(math.isfinite, (minx, miny, maxx, maxy))) or not (
                    west <= minx and maxx <= east and south <= miny and maxy <= north
                ):
                    swapped = west <= miny and maxy <= east and south <= minx and maxx <= north
                    hint = " — latitude and longitude look swapped" if swapped else ""
                    problems.append(("geometry", f"coordinates outside the region{hint}"))
        if problems:
            issues.extend(DataIssue(label, item, f, p) for f, p in problems)
            continue
        seen.add(item)
        records.append(props)
        geometries.append(geometry)
    if not records:
        if not issues:
            issues.append(DataIssue(label, "(file)", "features", "no features"))
        return _empty_frame(), issues
    return gpd.GeoDataFrame(records, geometry=geometries, crs="EPSG:4326"), issues


def load_boundaries(layers_dir: Path) -> BoundaryLayers:
    """Load every boundary layer at every level of detail.

    Parameters
    ----------
    layers_dir : pathlib.Path
        The ``geodata/layers`` folder.

    Returns
    -------
    BoundaryLayers
        Frames and issues; missing or broken files give empty frames.
    """
    result = BoundaryLayers()
    for layer in (*BOUNDARY_LAYERS, *BASEMAP_LAYERS):
        result.frames[layer] = {}
        for lod in LEVELS_OF_DETAIL:
            name = f"{layer}.{lod}.geojson"
            region = LAYER_BOXES.get(layer, DEFAULT_LAYER_BOX)
            frame, issues = read_layer_file(layers_dir / name, f"layers/{name}", region)
            result.frames[layer][lod] = frame
            result.issues.extend(issues)
    return result
