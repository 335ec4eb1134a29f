"""Context layers: the neighbouring countries and the offline basemap (Natural Earth)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import box

from lib.data.boundaries import NEIGHBOUR_BOX
from lib.tools.geobuild.config import (
    BASEMAP_FILES,
    LODS,
    M_PER_DEG,
    NE_COUNTRIES_FILE,
    NE_LICENCE,
    NE_PHYSICAL_SOURCE,
    NE_PLACES_SOURCE,
    NE_SOURCE,
    PRECISION_LABEL,
    TOLERANCE_M,
)
from lib.tools.geobuild.geometry import layer_frame, round_geometry, slugify
from lib.tools.geobuild.inputs import read_layer


def neighbour_layers(raw_dir: Path) -> dict[str, gpd.GeoDataFrame]:
    """The countries around Iraq and Iran (Natural Earth), clipped to the map's box.

    Parameters
    ----------
    raw_dir : Path
        The raw sources folder.

    Returns
    -------
    dict
        ``lod -> GeoDataFrame`` of the neighbours layer.
    """
    ne = read_layer(raw_dir, NE_COUNTRIES_FILE)
    ne = ne.loc[~ne["ISO_A3"].isin(["IRQ", "IRN"])].sort_values("ISO_A3")
    clipped = shapely.intersection(ne.geometry.values, box(*NEIGHBOUR_BOX))
    keep = ~shapely.is_empty(clipped)
    ne, clipped = ne.loc[keep], clipped[keep]
    out = {}
    for lod in LODS:
        if lod == "detail":
            geoms = clipped
            precision = "detail: Natural Earth 1:10m as published, clipped to lon 34–54, lat 24–42"
        else:
            geoms = shapely.coverage_simplify(clipped, TOLERANCE_M[lod] / M_PER_DEG)
            precision = f"overview: Natural Earth 1:10m {PRECISION_LABEL[lod]}"
        records = []
        for row, geom in zip(ne.itertuples(), geoms, strict=True):
            geom = round_geometry(shapely.make_valid(geom))
            records.append(
                {
                    "id": row.ISO_A3.lower(),
                    "name": row.NAME,
                    "iso_a3": row.ISO_A3,
                    "source": NE_SOURCE,
                    "licence": NE_LICENCE,
                    "precision": precision,
                    "confidence": "medium",
                    "lod": lod,
                    "note": (
                        "Context only: Natural Earth outlines do not match the OpenStreetMap "
                        "outlines of Iraq and Iran (up to ~5 km apart)."
                    ),
                    "geometry": geom,
                }
            )
        out[lod] = layer_frame(records)
    return out


def basemap_layers(raw_dir: Path) -> dict[str, dict[str, gpd.GeoDataFrame]]:
    """Land, lakes, rivers and towns for the offline basemap, at both levels of detail.

    Parameters
    ----------
    raw_dir : Path
        The raw sources folder.

    Returns
    -------
    dict
        ``layer -> lod -> GeoDataFrame`` for the layers of :data:`BASEMAP_FILES`.
    """
    out: dict[str, dict[str, gpd.GeoDataFrame]] = {}
    for layer, filename in BASEMAP_FILES.items():
        frame = read_layer(raw_dir, filename)
        out[layer] = {}
        for lod in LODS:
            records = []
            for index, row in enumerate(frame.itertuples()):
                geom = row.geometry
                if layer == "basemap_towns":
                    # A missing English name is NaN, which is truthy: "nan" was drawn
                    # as three Saudi towns' names. Fall back to the local name, else skip.
                    name = next(
                        (
                            str(n).strip()
                            for n in (row.NAME_EN, row.NAME)
                            if pd.notna(n) and str(n).strip()
                        ),
                        "",
                    )
                    if not name:
                        continue
                    extra = {
                        "id": f"{slugify(name)}-{index}",
                        "name": name,
                        "country": str(row.ADM0NAME),
                        "labelrank": int(row.LABELRANK),
                        "population": int(row.POP_MAX),
                    }
                    source, precision = NE_PLACES_SOURCE, f"{lod}: town centre, Natural Earth 1:10m"
                else:
                    if lod == "overview":
                        # Small features vanish at overview scale rather than turn to slivers.
                        geom = shapely.simplify(geom, TOLERANCE_M[lod] / M_PER_DEG)
                        if geom.is_empty or (
                            geom.geom_type.endswith("Polygon") and geom.area < 1e-4
                        ):
                            continue
                    name = str(getattr(row, "name", None) or layer.removeprefix("basemap_"))
                    extra = {"id": f"{slugify(name)}-{index}", "name": name}
                    source = NE_PHYSICAL_SOURCE
                    precision = f"{lod}: Natural Earth 1:10m" + (
                        "" if lod == "detail" else f" {PRECISION_LABEL[lod]}"
                    )
                geom = round_geometry(shapely.make_valid(geom))
                if geom.is_empty:
                    continue
                records.append(
                    {
                        **extra,
                        "source": source,
                        "licence": NE_LICENCE,
                        "precision": precision,
                        "confidence": "medium",
                        "lod": lod,
                        "geometry": geom,
                    }
                )
            out[layer][lod] = layer_frame(records)
    return out
