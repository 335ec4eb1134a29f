"""Every output layer at every level of detail, from the fitted coverage."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from lib.data.paths import CURATED_DIR, RAW_DIR
from lib.geo.geodesy import length_km
from lib.tools.geobuild.basemap import basemap_layers, neighbour_layers
from lib.tools.geobuild.config import (
    CURATED_LICENCE,
    DISPUTED_FILE,
    DISTRICT_SLIVER_KM2,
    IRAN_BORDER_PROVINCES,
    KRI_NOTE,
    LAYER_NAMES,
    LODS,
    OCHA_LICENCE,
    OCHA_SOURCE,
    OSM_2017_SOURCE,
    OSM_2025_SOURCE,
    OSM_LICENCE,
    PRECISION_LABEL,
    TOLERANCE_M,
)
from lib.tools.geobuild.geometry import (
    cut_border,
    deg2_to_km2,
    layer_frame,
    round_geometry,
    simplify_coverage,
    slugify,
)
from lib.tools.geobuild.inputs import disputed_sources
from lib.tools.geobuild.topology import build_full_resolution


def disputed_layer(
    disputed: list[dict[str, Any]],
    govs: list[dict[str, Any]],
    gov_pieces: Sequence[BaseGeometry],
    lod: str,
    precision: str,
) -> gpd.GeoDataFrame:
    """The disputed districts at one level of detail, clipped to their fitted governorate.

    Parameters
    ----------
    disputed : list of dict
        Output of :func:`lib.tools.geobuild.inputs.disputed_sources`.
    govs : list of dict
        The governorate units, in coverage order.
    gov_pieces : sequence of BaseGeometry
        The fitted, simplified governorates, in the same order.
    lod : str
        Level of detail.
    precision : str
        The layer's ``precision`` text.

    Returns
    -------
    GeoDataFrame
        One district per row.
    """
    by_pcode = {u["pcode"]: g for u, g in zip(govs, gov_pieces, strict=True)}
    records = []
    for unit in disputed:
        gov = by_pcode[unit["adm1_pcode"]]
        geom = shapely.make_valid(shapely.intersection(gov, unit["grown"][lod]))
        # Growing may also reach a detached bit of space beyond another district:
        # only parts that are mostly the district itself are kept.
        parts = [
            p
            for p in shapely.get_parts(geom)
            if p.geom_type == "Polygon"
            and deg2_to_km2(p.area) >= DISTRICT_SLIVER_KM2
            and shapely.intersection(p, unit["own"][lod]).area > 0.5 * p.area
        ]
        geom = round_geometry(shapely.make_valid(shapely.union_all(parts)))
        partly = unit["extent"] == "part"
        note = " ".join(
            filter(
                None,
                [
                    (
                        "Only part of this district is disputed; the whole OCHA district is drawn."
                        if partly
                        else "The whole OCHA district is drawn as disputed."
                    ),
                    unit.get("notes"),
                    "Outline: the OCHA 2019 district, fitted to its governorate's outline "
                    "(and so to the OpenStreetMap 2017 outline of Iraq).",
                ],
            )
        )
        records.append(
            {
                "id": f"disputed-{slugify(unit['name'])}",
                "name": f"{unit['name']} district",
                "name_ar": unit["name_ar"],
                "pcode": unit["pcode"],
                "governorate": unit["governorate"],
                "extent": unit["extent"],
                "basis": unit["basis"],
                "sources": unit["sources"],
                "source": f"{OCHA_SOURCE} (district outline); outline: {OSM_2017_SOURCE}; "
                f"list: geodata/curated/{DISPUTED_FILE}",
                "licence": f"{OCHA_LICENCE}; outline: {OSM_LICENCE}; list: {CURATED_LICENCE}",
                "precision": precision,
                "confidence": unit["confidence"],
                "lod": lod,
                "note": note,
                "geometry": geom,
            }
        )
    return layer_frame(records)


def build_layers(
    raw_dir: Path = RAW_DIR, curated_dir: Path = CURATED_DIR
) -> dict[str, dict[str, gpd.GeoDataFrame]]:
    """Build every layer at every level of detail from the raw sources.

    Parameters
    ----------
    raw_dir : Path
        Directory holding the raw files listed in ``geodata/raw/SOURCES.md``.
    curated_dir : Path
        Directory holding ``disputed_districts.csv`` (the districts of the
        disputed territories layer).

    Returns
    -------
    dict
        ``layer -> lod -> GeoDataFrame`` (EPSG:4326, coordinates rounded to
        6 decimals, rows sorted by ``id``) for the layers in ``LAYER_NAMES`` and
        the levels of detail in ``LODS``.
    """
    raw_dir = Path(raw_dir)
    full = build_full_resolution(raw_dir)
    govs, provs = full["govs"], full["provs"]
    n_gov = len(govs)
    layers: dict[str, dict[str, gpd.GeoDataFrame]] = {name: {} for name in LAYER_NAMES}
    layers["neighbours"] = neighbour_layers(raw_dir)
    disputed = disputed_sources(raw_dir, Path(curated_dir))

    for lod in LODS:
        pieces = [round_geometry(p) for p in simplify_coverage(full["pieces"], TOLERANCE_M[lod])]
        iraq = shapely.coverage_union_all(pieces[:n_gov])
        iran = shapely.coverage_union_all(pieces[n_gov:])
        pieces, iraq, iran, border = cut_border(pieces, iraq, iran, full["border_ends"])
        precision = f"{lod}: {PRECISION_LABEL[lod]}"
        aligned_note = "Edge along the Iran border aligned to the OpenStreetMap 2017 boundary line."

        layers["border"][lod] = layer_frame(
            [
                {
                    "id": "iraq-iran-border",
                    "name": "Iraq–Iran international boundary",
                    "source": OSM_2017_SOURCE,
                    "licence": OSM_LICENCE,
                    "precision": precision,
                    "confidence": "high",
                    "lod": lod,
                    "length_km": round(length_km(border), 1),
                    "note": (
                        "Land boundary from the Iraq–Iran–Turkey tripoint to the mouth of "
                        "the Shatt al-Arab; the maritime boundary is not included. Its "
                        "measured length depends on the detail of the line."
                    ),
                    "geometry": border,
                }
            ]
        )
        layers["countries"][lod] = layer_frame(
            [
                {
                    "id": iso.lower(),
                    "name": name,
                    "iso_a3": iso,
                    "source": OSM_2017_SOURCE,
                    "licence": OSM_LICENCE,
                    "precision": precision,
                    "confidence": "high",
                    "lod": lod,
                    "note": (
                        "OpenStreetMap national outline including territorial waters; "
                        "along the Iraq–Iran border both outlines use the border line."
                    ),
                    "geometry": geom,
                }
                for iso, name, geom in (("IRQ", "Iraq", iraq), ("IRN", "Iran", iran))
            ]
        )
        gov_records = []
        for unit, geom in zip(govs, pieces[:n_gov], strict=True):
            touches_border = geom.distance(border) == 0 and geom.intersection(border).length > 0
            notes = [unit["note"]] if "note" in unit else []
            if touches_border:
                notes.append(aligned_note)
            notes.append("Outline fitted to the OpenStreetMap 2017 outline of Iraq.")
            gov_records.append(
                {
                    "id": unit["id"],
                    "name": unit["name"],
                    "name_ar": unit["name_ar"],
                    "pcode": unit["pcode"],
                    "in_kurdistan_region": bool(unit["in_kurdistan_region"]),
                    "source": f"{OCHA_SOURCE}; outline: {OSM_2017_SOURCE}",
                    "licence": f"{OCHA_LICENCE}; outline: {OSM_LICENCE}",
                    "precision": precision,
                    "confidence": unit["confidence"],
                    "lod": lod,
                    "note": " ".join(notes),
                    "geometry": geom,
                }
            )
        layers["governorates"][lod] = layer_frame(gov_records)

        kri = shapely.coverage_union_all(
            [g for u, g in zip(govs, pieces[:n_gov], strict=True) if u["in_kurdistan_region"]]
        )
        layers["kurdistan_region"][lod] = layer_frame(
            [
                {
                    "id": "kurdistan-region",
                    "name": "Kurdistan Region of Iraq (de jure)",
                    "source": f"{OCHA_SOURCE}; outline: {OSM_2017_SOURCE}",
                    "licence": f"{OCHA_LICENCE}; outline: {OSM_LICENCE}",
                    "precision": precision,
                    "confidence": "medium",
                    "lod": lod,
                    "note": KRI_NOTE,
                    "geometry": kri,
                }
            ]
        )
        layers["disputed_territories"][lod] = disputed_layer(
            disputed, govs, pieces[:n_gov], lod, precision
        )

        prov_records = []
        for unit, geom in zip(provs, pieces[n_gov : n_gov + len(provs)], strict=True):
            if unit["name"] not in IRAN_BORDER_PROVINCES:
                continue
            prov_records.append(
                {
                    "id": unit["id"],
                    "name": unit["name"],
                    "name_fa": unit["name_fa"],
                    "source": f"{OSM_2025_SOURCE}; outline: {OSM_2017_SOURCE}",
                    "licence": OSM_LICENCE,
                    "precision": precision,
                    "confidence": "high",
                    "lod": lod,
                    "note": aligned_note + " Outline fitted to the OpenStreetMap 2017 outline "
                    "of Iran.",
                    "geometry": geom,
                }
            )
        layers["iran_border_provinces"][lod] = layer_frame(prov_records)
    layers.update(basemap_layers(raw_dir))
    return layers
