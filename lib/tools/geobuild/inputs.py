"""The build's inputs: raw layers read, governorates, provinces and disputed districts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from lib.data.schemas import DISPUTED_DISTRICTS_SCHEMA
from lib.data.validation import read_table
from lib.tools.geobuild.config import (
    ADM1_FILE,
    ADM2_FILE,
    DISPUTED_FILE,
    DISTRICT_GROW_DEG,
    HALABJA_DISTRICT_PCODE,
    IRAN_BORDER_PROVINCES,
    IRAN_PROVINCES_FILE,
    KURDISTAN_REGION_PCODES,
    LODS,
    SULAYMANIYAH_PCODE,
    TOLERANCE_M,
)
from lib.tools.geobuild.geometry import simplify_coverage, slugify


def read_layer(raw_dir: Path, name: str) -> gpd.GeoDataFrame:
    """Read a raw file, taking coordinates as lon/lat (EPSG:4326) when no CRS is given.

    Parameters
    ----------
    raw_dir : Path
        The raw sources folder.
    name : str
        File name in it.

    Returns
    -------
    GeoDataFrame
        The file's features.
    """
    frame = gpd.read_file(raw_dir / name)
    if frame.crs is None or frame.crs.to_epsg() != 4326:
        frame = frame.set_crs(4326, allow_override=True)
    return frame


def cut_halabja(
    adm1: gpd.GeoDataFrame, adm2: gpd.GeoDataFrame
) -> tuple[BaseGeometry, BaseGeometry]:
    """Split Sulaymaniyah governorate into Halabja and the rest.

    The 2019 OCHA boundaries predate Halabja's separation from Sulaymaniyah, so
    the new governorate is taken to be the ADM2 district "Halabcha" (IQG06Q05).
    The district is clipped to the governorate first so that the two parts
    exactly cover the original governorate.

    Parameters
    ----------
    adm1 : GeoDataFrame
        OCHA ADM1 governorates with ``ADM1_PCODE``.
    adm2 : GeoDataFrame
        OCHA ADM2 districts with ``ADM2_PCODE``.

    Returns
    -------
    tuple of BaseGeometry
        ``(halabja, rest_of_sulaymaniyah)``, both valid, before any alignment.
    """
    suly = adm1.loc[adm1["ADM1_PCODE"] == SULAYMANIYAH_PCODE].geometry.iloc[0]
    district = adm2.loc[adm2["ADM2_PCODE"] == HALABJA_DISTRICT_PCODE].geometry.iloc[0]
    halabja = _largest_polygon(shapely.intersection(suly, district))
    rest = _largest_polygon(shapely.difference(suly, halabja))
    return halabja, rest


def _largest_polygon(geom: BaseGeometry) -> BaseGeometry:
    # Overlay of two slightly mismatched sources can leave dust alongside the
    # real part; only the governorate-sized piece is meaningful.
    parts = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon"]
    return max(parts, key=lambda p: p.area)


def governorate_sources(raw_dir: Path) -> list[dict[str, Any]]:
    """The 19 governorates as the build starts from them (OCHA 2019, Halabja cut out).

    Parameters
    ----------
    raw_dir : Path
        The raw sources folder.

    Returns
    -------
    list of dict
        One per governorate: ``geometry``, ``id``, ``name``, ``name_ar``, ``pcode``,
        ``confidence``, ``in_kurdistan_region`` and an optional ``note``.
    """
    adm1 = read_layer(raw_dir, ADM1_FILE)
    adm2 = read_layer(raw_dir, ADM2_FILE)
    halabja, rest = cut_halabja(adm1, adm2)
    district = adm2.loc[adm2["ADM2_PCODE"] == HALABJA_DISTRICT_PCODE].iloc[0]
    units: list[dict[str, Any]] = []
    for row in adm1.itertuples():
        geom = rest if row.ADM1_PCODE == SULAYMANIYAH_PCODE else row.geometry
        props: dict[str, Any] = {
            "name": row.ADM1_EN,
            "name_ar": row.ADM1_AR,
            "pcode": row.ADM1_PCODE,
            "confidence": "high",
        }
        if row.ADM1_PCODE == SULAYMANIYAH_PCODE:
            props["confidence"] = "medium"
            props["note"] = (
                "OCHA 2019 Sulaymaniyah without the Halabcha district (IQG06Q05), "
                "which is now Halabja governorate."
            )
        units.append({"geometry": geom, **props})
    units.append(
        {
            "geometry": halabja,
            "name": "Halabja",
            "name_ar": district["ADM2_AR"],
            "pcode": HALABJA_DISTRICT_PCODE,
            "confidence": "medium",
            "note": (
                "Recognised as a governorate after the 2019 OCHA edition; drawn as the "
                "OCHA 2019 district Halabcha (IQG06Q05), whose limits may differ from "
                "the governorate's. The pcode is the district's."
            ),
        }
    )
    for unit in units:
        unit["id"] = slugify(unit["name"])
        unit["in_kurdistan_region"] = unit["pcode"] in KURDISTAN_REGION_PCODES
    return units


def disputed_sources(raw_dir: Path, curated_dir: Path) -> list[dict[str, Any]]:
    """The disputed districts: rows of the curated list with their OCHA district outlines.

    Each district also gets ``grown``: the district plus the space next to it
    (up to :data:`DISTRICT_GROW_DEG`) that no other district of its governorate
    covers. Clipped to the fitted governorate, that reaches exactly to the
    governorate's outline (the Iraq outline, the border, other governorates)
    where the OCHA district and governorate edges disagree.

    Parameters
    ----------
    raw_dir : Path
        The raw sources folder (OCHA districts).
    curated_dir : Path
        The folder holding ``disputed_districts.csv``.

    Returns
    -------
    list of dict
        The curated rows, sorted by P-code, with ``adm1_pcode``, ``district_en``,
        ``name_ar``, and ``grown`` and ``own`` outlines by level of detail.

    Raises
    ------
    ValueError
        If the list has issues or names a P-code that is not an OCHA district.
    """
    table = read_table(
        curated_dir / DISPUTED_FILE, DISPUTED_DISTRICTS_SCHEMA, label=f"curated/{DISPUTED_FILE}"
    )
    if table.issues:
        raise ValueError("; ".join(i.message() for i in table.issues))
    adm2 = read_layer(raw_dir, ADM2_FILE).sort_values("ADM2_PCODE").reset_index(drop=True)
    known = dict(zip(adm2["ADM2_PCODE"], adm2.index, strict=True))
    missing = sorted(set(table.frame["pcode"]) - set(known))
    if missing:
        raise ValueError(f"{DISPUTED_FILE}: not OCHA district P-codes in {ADM2_FILE}: {missing}")
    # One simplified district coverage per level of detail, so neighbours stay edge-matched.
    simplified = {lod: simplify_coverage(list(adm2.geometry), TOLERANCE_M[lod]) for lod in LODS}
    units = []
    # Space between districts goes to the first disputed district (by P-code) to claim it.
    taken: dict[tuple[str, str], BaseGeometry] = {}
    for row in sorted(table.frame.to_dict("records"), key=lambda r: r["pcode"]):
        i = known[row["pcode"]]
        district = adm2.iloc[i]
        others = adm2.loc[(adm2["ADM1_PCODE"] == district["ADM1_PCODE"]) & (adm2.index != i)]
        grown, own = {}, {}
        for lod in LODS:
            geom = own[lod] = shapely.make_valid(simplified[lod][i])
            key = (str(district["ADM1_PCODE"]), lod)
            blocked = [shapely.make_valid(simplified[lod][j]) for j in others.index]
            room = shapely.difference(
                shapely.buffer(geom, DISTRICT_GROW_DEG),
                shapely.union_all([*blocked, taken.get(key, Polygon())]),
            )
            grown[lod] = shapely.union(geom, room)
            taken[key] = shapely.union(taken.get(key, Polygon()), grown[lod])
        units.append(
            {
                **row,
                "adm1_pcode": str(district["ADM1_PCODE"]),
                "district_en": str(district["ADM2_EN"]),
                "name_ar": str(district["ADM2_AR"]),
                "grown": grown,
                "own": own,
            }
        )
    return units


def province_sources(raw_dir: Path) -> list[dict[str, Any]]:
    """Iran's provinces (OSM 2025), of which the border provinces are kept later.

    Parameters
    ----------
    raw_dir : Path
        The raw sources folder.

    Returns
    -------
    list of dict
        One per province: ``geometry``, ``name``, ``name_fa``, ``id``.

    Raises
    ------
    ValueError
        If a border province is missing from the file.
    """
    provinces = read_layer(raw_dir, IRAN_PROVINCES_FILE)
    units = [
        {
            "geometry": row.geometry,
            "name": row["name:en"],
            "name_fa": row["name:fa"],
            "id": slugify(row["name:en"]),
        }
        for _, row in provinces.iterrows()
    ]
    missing = set(IRAN_BORDER_PROVINCES) - {u["name"] for u in units}
    if missing:
        raise ValueError(f"provinces missing from {IRAN_PROVINCES_FILE}: {sorted(missing)}")
    return units
