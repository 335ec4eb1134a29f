"""Build the map layers in ``geodata/layers/`` from the raw sources in ``geodata/raw/``.

One curated table is read too: ``geodata/curated/disputed_districts.csv``, the
list of districts (OCHA P-codes) that make up the disputed territories layer.

Run ``python -m lib.tools.geodata_build`` to rebuild, ``python -m lib.tools.geodata_build --check``
to verify that the committed layers are what the build produces.

The sources disagree along the Iraq–Iran border by up to a few hundred metres
(OSM 2017 Iraq vs OSM 2017 Iran, OCHA governorates ~0.5 km off, OSM 2025
provinces). At zoom 10+ that shows as gaps and overlaps, so every polygon that
touches the border is rebuilt from one planar arrangement of all the source
linework: each face of the arrangement is given to exactly one country and one
governorate or province, and the layers are unions of faces. Shared edges are
then the same vertices on both sides, which is what lets ``coverage_simplify``
keep them shared at every level of detail, and the border line is read back off
the simplified coverage rather than simplified on its own.
"""

from __future__ import annotations

import argparse
import filecmp
import itertools
import json
import math
import re
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon, box, mapping
from shapely.geometry.base import BaseGeometry

from lib.data import raw_sources
from lib.data.boundaries import BASEMAP_LAYERS, BOUNDARY_LAYERS, NEIGHBOUR_BOX
from lib.data.curated import DISPUTED_DISTRICTS_SCHEMA
from lib.data.paths import CURATED_DIR, LAYERS_DIR, RAW_DIR
from lib.data.validation import read_table
from lib.geo.geodesy import length_km

# --- inputs ---------------------------------------------------------------------------

BORDER_FILE = raw_sources.OSM_BOUNDARY
COUNTRIES_FILE = raw_sources.OSM_COUNTRIES
NE_COUNTRIES_FILE = raw_sources.NE_COUNTRIES
ADM1_FILE = raw_sources.OCHA_GOVERNORATES
ADM2_FILE = raw_sources.OCHA_DISTRICTS
IRAN_PROVINCES_FILE = raw_sources.OSM_IRAN_PROVINCES
DISPUTED_FILE = "disputed_districts.csv"

SULAYMANIYAH_PCODE = "IQG06"
HALABJA_DISTRICT_PCODE = "IQG06Q05"
KURDISTAN_REGION_PCODES = ("IQG09", "IQG11", "IQG06", HALABJA_DISTRICT_PCODE)
IRAN_BORDER_PROVINCES = ("West Azerbaijan", "Kurdistan", "Kermanshah", "Ilam", "Khuzestan")

TRIPOINT = (44.78431, 37.14385)

# --- outputs --------------------------------------------------------------------------

LAYER_NAMES = (*BOUNDARY_LAYERS, *BASEMAP_LAYERS)
# Natural Earth physical layers and towns: a basemap that needs no tile server.
BASEMAP_FILES = raw_sources.NE_BASEMAP
NE_PHYSICAL_SOURCE = "Natural Earth 1:10m physical v4.0 (land, lakes, rivers and lake centrelines)"
NE_PLACES_SOURCE = "Natural Earth 1:10m populated places"
LODS = ("detail", "overview")
# Metres; coverage_simplify is Visvalingam–Whyatt, so this is roughly the side of
# the largest triangle it may remove.
TOLERANCE_M = {"detail": 50.0, "overview": 1000.0}
PRECISION_LABEL = {"detail": "simplified to 50 m", "overview": "simplified to 1 km"}
COORD_DECIMALS = 6
# Metres per degree of latitude; tolerances are applied in lon/lat degrees.
M_PER_DEG = 111_320.0

OSM_2017_SOURCE = "OpenStreetMap, 2017 (npm @geo-maps/countries-maritime-10m 0.6.0)"
OSM_2025_SOURCE = "OpenStreetMap, October 2025 (GitHub hosseinhabibi2004/iran-geojson)"
OCHA_SOURCE = "OCHA/HDX COD-AB Iraq, Central Statistics Organization, 2019-06-03"
NE_SOURCE = "Natural Earth 1:10m admin_0_countries v5.1.1"
OSM_LICENCE = "ODbL 1.0 — © OpenStreetMap contributors"
OCHA_LICENCE = "CC BY 3.0 IGO — OCHA, Iraq CSO"
NE_LICENCE = "Public domain — Made with Natural Earth"
CURATED_LICENCE = "CC BY 4.0 — Zagros Brief, from cited public sources"
#: What the de jure Kurdistan Region layer is, in words (map note, tests, briefing).
KRI_NOTE = (
    "The four KRG governorates (Duhok, Erbil, Sulaymaniyah, Halabja) as OCHA draws them "
    "(Halabja cut from the 2019 OCHA district Halabcha). It overlaps the disputed "
    "territories: Makhmour district, disputed under Article 140, lies inside the Erbil "
    "polygon. Most of the disputed territories (Kirkuk, parts of Nineveh, Diyala and "
    "Salahuddin) lie outside it, and the KRG has also administered parts of them, so this "
    "is not the line the KRG administers de facto."
)
# How far (degrees) a disputed district may be grown to reach its governorate's fitted
# outline where the OCHA district and governorate edges disagree (they are clipped back).
DISTRICT_GROW_DEG = 0.1
# Bits of a fitted district smaller than this (km²) are slivers between sources.
DISTRICT_SLIVER_KM2 = 1.0


# Unassigned faces of the arrangement larger than this (km²) that lie off Natural
# Earth's Iran land are Iran's territorial sea, not slivers between sources.
SEA_FACE_MIN_KM2 = 20.0
# Disconnected bits of a governorate/province smaller than this (km²) that touch
# another unit are artefacts of the sources disagreeing, not exclaves.
CRUMB_MAX_KM2 = 10.0


# --- small helpers --------------------------------------------------------------------


def slugify(text: str) -> str:
    """Return a lowercase ASCII slug (``"Al-Sulaymaniyah"`` -> ``"al-sulaymaniyah"``).

    Parameters
    ----------
    text : str
        Any name.

    Returns
    -------
    str
        Letters and digits joined by single hyphens.
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _deg2_to_km2(area_deg2: float, lat: float = 33.0) -> float:
    return area_deg2 * (M_PER_DEG / 1000.0) ** 2 * math.cos(math.radians(lat))


def _read(raw_dir: Path, name: str) -> gpd.GeoDataFrame:
    frame = gpd.read_file(raw_dir / name)
    if frame.crs is None or frame.crs.to_epsg() != 4326:
        frame = frame.set_crs(4326, allow_override=True)
    return frame


def _insert_vertex(geom: BaseGeometry, pt: tuple[float, float], eps: float = 1e-6) -> BaseGeometry:
    """Add ``pt`` as a vertex to every ring segment of ``geom`` it lies on.

    Inserting a point that is already on a segment leaves the shape unchanged; it
    only makes the point addressable, so both sides of a shared edge can be cut
    at it with identical coordinates.
    """
    p = Point(pt)

    def fix_ring(coords: np.ndarray) -> np.ndarray:
        if any((c[0], c[1]) == pt for c in coords):
            return coords
        segs = [LineString(coords[i : i + 2]) for i in range(len(coords) - 1)]
        dists = shapely.distance(np.array(segs, dtype=object), p)
        i = int(np.argmin(dists))
        if dists[i] > eps:
            return coords
        return np.vstack([coords[: i + 1], [pt], coords[i + 1 :]])

    def fix_polygon(poly: Polygon) -> Polygon:
        shell = fix_ring(np.asarray(poly.exterior.coords))
        holes = [fix_ring(np.asarray(r.coords)) for r in poly.interiors]
        return Polygon(shell, holes)

    if geom.geom_type == "Polygon":
        return fix_polygon(geom)
    return shapely.MultiPolygon([fix_polygon(g) for g in geom.geoms])


def _ring_edges(geom: BaseGeometry) -> set[tuple[tuple[float, float], tuple[float, float]]]:
    edges: set[tuple[tuple[float, float], tuple[float, float]]] = set()
    for ring in shapely.get_rings(shapely.get_parts(geom)):
        c = [tuple(xy) for xy in np.asarray(ring.coords)]
        for a, b in itertools.pairwise(c):
            edges.add((a, b) if a <= b else (b, a))
    return edges


def shared_run(a: BaseGeometry, b: BaseGeometry) -> LineString:
    """Return the longest run of edges common to polygons ``a`` and ``b``.

    The comparison is on exact coordinates: the result is the border the two
    polygons actually draw, vertex for vertex.

    Parameters
    ----------
    a, b : BaseGeometry
        Polygons or MultiPolygons of one edge-matched coverage.

    Returns
    -------
    LineString
        The run, in the ring order of ``a``.
    """
    other = _ring_edges(b)
    best: list[tuple[float, float]] = []
    for ring in shapely.get_rings(shapely.get_parts(a)):
        c = [tuple(xy) for xy in np.asarray(ring.coords)][:-1]
        n = len(c)
        shared = [
            ((c[i], c[(i + 1) % n]) if c[i] <= c[(i + 1) % n] else (c[(i + 1) % n], c[i])) in other
            for i in range(n)
        ]
        if all(shared) or not any(shared):
            continue
        # Start right after an unshared edge so that no run wraps around the ring end.
        start = (shared.index(False) + 1) % n
        run: list[tuple[float, float]] = []
        for k in range(n):
            i = (start + k) % n
            if shared[i]:
                if not run:
                    run = [c[i]]
                run.append(c[(i + 1) % n])
            else:
                if len(run) > len(best):
                    best = run
                run = []
        if len(run) > len(best):
            best = run
    return LineString(best)


# --- sources --------------------------------------------------------------------------


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


def _governorate_sources(raw_dir: Path) -> list[dict[str, Any]]:
    adm1 = _read(raw_dir, ADM1_FILE)
    adm2 = _read(raw_dir, ADM2_FILE)
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


def _disputed_sources(raw_dir: Path, curated_dir: Path) -> list[dict[str, Any]]:
    """The disputed districts: rows of the curated list with their OCHA district outlines.

    Each district also gets ``grown``: the district plus the space next to it
    (up to :data:`DISTRICT_GROW_DEG`) that no other district of its governorate
    covers. Clipped to the fitted governorate, that reaches exactly to the
    governorate's outline (the Iraq outline, the border, other governorates)
    where the OCHA district and governorate edges disagree.
    """
    table = read_table(
        curated_dir / DISPUTED_FILE, DISPUTED_DISTRICTS_SCHEMA, label=f"curated/{DISPUTED_FILE}"
    )
    if table.issues:
        raise ValueError("; ".join(i.message() for i in table.issues))
    adm2 = _read(raw_dir, ADM2_FILE).sort_values("ADM2_PCODE").reset_index(drop=True)
    known = dict(zip(adm2["ADM2_PCODE"], adm2.index, strict=True))
    missing = sorted(set(table.frame["pcode"]) - set(known))
    if missing:
        raise ValueError(f"{DISPUTED_FILE}: not OCHA district P-codes in {ADM2_FILE}: {missing}")
    # One simplified district coverage per level of detail, so neighbours stay edge-matched.
    simplified = {lod: _simplify_coverage(list(adm2.geometry), TOLERANCE_M[lod]) for lod in LODS}
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


def _disputed_layer(
    disputed: list[dict[str, Any]],
    govs: list[dict[str, Any]],
    gov_pieces: Sequence[BaseGeometry],
    lod: str,
    precision: str,
) -> gpd.GeoDataFrame:
    """The disputed districts at one level of detail, clipped to their fitted governorate."""
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
            and _deg2_to_km2(p.area) >= DISTRICT_SLIVER_KM2
            and shapely.intersection(p, unit["own"][lod]).area > 0.5 * p.area
        ]
        geom = _round(shapely.make_valid(shapely.union_all(parts)))
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
    return _frame(records)


def _province_sources(raw_dir: Path) -> list[dict[str, Any]]:
    provinces = _read(raw_dir, IRAN_PROVINCES_FILE)
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


# --- planar arrangement ---------------------------------------------------------------


def _arrangement(geoms: Iterable[BaseGeometry]) -> np.ndarray:
    """Node the boundaries of ``geoms`` together and return the faces."""
    lines = shapely.union_all(shapely.boundary(np.array(list(geoms), dtype=object)))
    return shapely.get_parts(shapely.polygonize(shapely.get_parts(lines)))


def _face_adjacency(faces: np.ndarray) -> dict[int, dict[int, float]]:
    """Length of boundary each pair of faces shares, from exact segment matches."""
    rings, ring_face = shapely.get_rings(faces, return_index=True)
    coords, ring_idx = shapely.get_coordinates(rings, return_index=True)
    same = ring_idx[1:] == ring_idx[:-1]
    a, b = coords[:-1][same], coords[1:][same]
    face = ring_face[ring_idx[:-1][same]]
    swap = (a[:, 0] > b[:, 0]) | ((a[:, 0] == b[:, 0]) & (a[:, 1] > b[:, 1]))
    p = np.where(swap[:, None], b, a)
    q = np.where(swap[:, None], a, b)
    key = np.column_stack([p, q])
    order = np.lexsort((key[:, 3], key[:, 2], key[:, 1], key[:, 0]))
    key, face = key[order], face[order]
    dup = np.nonzero(np.all(key[1:] == key[:-1], axis=1))[0]
    seg_len = np.hypot(key[dup, 2] - key[dup, 0], key[dup, 3] - key[dup, 1])
    adj: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for fa, fb, length in zip(face[dup], face[dup + 1], seg_len, strict=True):
        if fa != fb:
            adj[int(fa)][int(fb)] += float(length)
            adj[int(fb)][int(fa)] += float(length)
    return adj


def _containing(points: np.ndarray, polygons: Sequence[BaseGeometry]) -> np.ndarray:
    """Index of the polygon strictly containing each point, or -1."""
    tree = shapely.STRtree(np.array(polygons, dtype=object))
    pt_idx, poly_idx = tree.query(points, predicate="within")
    out = np.full(len(points), -1, dtype=int)
    # Lowest index wins if sources overlap, for a deterministic answer.
    for i, j in sorted(zip(pt_idx.tolist(), poly_idx.tolist(), strict=True), reverse=True):
        out[i] = j
    return out


def _propagate(
    owner: np.ndarray,
    todo: Sequence[int],
    adj: dict[int, dict[int, float]],
    allowed: set[int],
) -> None:
    """Give each face in ``todo`` the owner it shares most boundary with (in place)."""
    pending = sorted(todo)
    while pending:
        progress: list[tuple[int, int]] = []
        for f in pending:
            weight: dict[int, float] = defaultdict(float)
            for g, length in adj.get(f, {}).items():
                if owner[g] in allowed:
                    weight[int(owner[g])] += length
            if weight:
                progress.append((f, max(sorted(weight), key=lambda o: weight[o])))
        if not progress:
            return
        for f, o in progress:
            owner[f] = o
        done = {f for f, _ in progress}
        pending = [f for f in pending if f not in done]


def _merge_crumbs(
    owner: np.ndarray,
    faces: np.ndarray,
    adj: dict[int, dict[int, float]],
    owners: set[int],
) -> None:
    """Hand small disconnected bits of a unit to the neighbour they touch most."""
    area_km2 = np.array([_deg2_to_km2(a) for a in shapely.area(faces)])
    for _ in range(3):
        changed = False
        for o in sorted(owners):
            members = set(np.nonzero(owner == o)[0].tolist())
            comps: list[list[int]] = []
            seen: set[int] = set()
            for start in sorted(members):
                if start in seen:
                    continue
                stack, comp = [start], []
                seen.add(start)
                while stack:
                    f = stack.pop()
                    comp.append(f)
                    for g in adj.get(f, {}):
                        if g in members and g not in seen:
                            seen.add(g)
                            stack.append(g)
                comps.append(comp)
            if len(comps) < 2:
                continue
            comps.sort(key=lambda c: -area_km2[c].sum())
            for comp in comps[1:]:
                if area_km2[comp].sum() > CRUMB_MAX_KM2:
                    continue
                weight: dict[int, float] = defaultdict(float)
                cset = set(comp)
                for f in comp:
                    for g, length in adj.get(f, {}).items():
                        if g not in cset and owner[g] in owners and owner[g] != o:
                            weight[int(owner[g])] += length
                if weight:
                    owner[comp] = max(sorted(weight), key=lambda k: weight[k])
                    changed = True
        if not changed:
            return


def _build_full_resolution(raw_dir: Path) -> dict[str, Any]:
    """Assign every face of the arrangement to a governorate or a province."""
    countries = _read(raw_dir, COUNTRIES_FILE)
    iraq = countries.loc[countries["A3"] == "IRQ"].geometry.iloc[0]
    iran = countries.loc[countries["A3"] == "IRN"].geometry.iloc[0]
    border = _read(raw_dir, BORDER_FILE).geometry.iloc[0]
    start, end = border.coords[0], border.coords[-1]
    # The Shatt al-Arab end of the border was cut at a coastline, mid-segment of
    # Iraq's ring; make it a vertex so the border can end exactly there.
    iraq = _insert_vertex(iraq, end)

    # Between the two OSM outlines there are slivers belonging to neither. The
    # border line follows Iraq's ring, so they are Iranian territory.
    pair = _arrangement([iraq, iran])
    rep = shapely.point_on_surface(pair)
    gaps = pair[(_containing(rep, [iraq]) < 0) & (_containing(rep, [iran]) < 0)]

    govs = _governorate_sources(raw_dir)
    provs = _province_sources(raw_dir)
    ne = _read(raw_dir, NE_COUNTRIES_FILE)
    ne_iran = ne.loc[ne["ISO_A3"] == "IRN"].geometry.iloc[0]

    faces = _arrangement([iraq, iran, *[u["geometry"] for u in govs + provs]])
    rep = shapely.point_on_surface(faces)
    in_iraq = _containing(rep, [iraq]) == 0
    in_iran = ~in_iraq & (
        (_containing(rep, [iran]) == 0)
        | (_containing(rep, list(gaps)) >= 0 if len(gaps) else False)
    )
    gov_idx = _containing(rep, [u["geometry"] for u in govs])
    prov_idx = _containing(rep, [u["geometry"] for u in provs])

    n_gov, n_prov = len(govs), len(provs)
    sea_owner = n_gov + n_prov  # Iran's territorial sea: only part of Iran's outline.
    owner = np.full(len(faces), -1, dtype=int)
    owner[in_iraq & (gov_idx >= 0)] = gov_idx[in_iraq & (gov_idx >= 0)]
    owner[in_iran & (prov_idx >= 0)] = n_gov + prov_idx[in_iran & (prov_idx >= 0)]

    area_km2 = np.array([_deg2_to_km2(a) for a in shapely.area(faces)])
    on_land = _containing(rep, [ne_iran]) == 0
    sea = in_iran & (owner < 0) & (area_km2 > SEA_FACE_MIN_KM2) & ~on_land
    owner[sea] = sea_owner

    adj = _face_adjacency(faces)
    gov_owners = set(range(n_gov))
    prov_owners = set(range(n_gov, n_gov + n_prov))
    _propagate(owner, np.nonzero(in_iraq & (owner < 0))[0].tolist(), adj, gov_owners)
    _propagate(owner, np.nonzero(in_iran & (owner < 0))[0].tolist(), adj, prov_owners)
    _propagate(owner, np.nonzero(in_iran & (owner < 0))[0].tolist(), adj, {sea_owner})
    _merge_crumbs(owner, faces, adj, gov_owners)
    _merge_crumbs(owner, faces, adj, prov_owners)
    if np.any((in_iraq | in_iran) & (owner < 0)):
        raise RuntimeError("some faces inside Iraq or Iran could not be assigned")

    pieces = []
    for o in range(n_gov + n_prov + 1):
        members = faces[owner == o]
        pieces.append(shapely.coverage_union_all(members) if len(members) else None)
    return {
        "govs": govs,
        "provs": provs,
        "pieces": pieces,
        "border_ends": (start, end),
        "raw_border": border,
    }


# --- levels of detail -----------------------------------------------------------------


def _round(geom: BaseGeometry) -> BaseGeometry:
    geom = shapely.transform(geom, lambda c: np.round(c, COORD_DECIMALS))
    geom = shapely.remove_repeated_points(geom)
    return shapely.orient_polygons(geom) if geom.geom_type.endswith("Polygon") else geom


def _simplify_coverage(pieces: Sequence[BaseGeometry], tolerance_m: float) -> list[BaseGeometry]:
    simplified = shapely.coverage_simplify(
        np.array(pieces, dtype=object), tolerance_m / M_PER_DEG, simplify_boundary=True
    )
    return list(simplified)


def _cut_border(
    pieces: list[BaseGeometry], iraq: BaseGeometry, iran: BaseGeometry, ends: Sequence
) -> tuple[list[BaseGeometry], BaseGeometry, BaseGeometry, LineString]:
    """Cut the Iraq–Iran shared edge at the border's ends, adding vertices if needed."""
    run = shared_run(iraq, iran)
    coords = [tuple(c) for c in run.coords]
    if Point(coords[0]).distance(Point(TRIPOINT)) > Point(coords[-1]).distance(Point(TRIPOINT)):
        coords.reverse()
        run = LineString(coords)
    cut_points = []
    for end in ends:
        pt = run.interpolate(run.project(Point(end)))
        nearest = min(coords, key=lambda c: Point(c).distance(Point(end)))
        # Keep an existing vertex when the simplified edge already has one at the end.
        if Point(nearest).distance(pt) < 1e-7:
            cut_points.append(nearest)
            continue
        xy = (round(pt.x, COORD_DECIMALS), round(pt.y, COORD_DECIMALS))
        pieces = [_insert_vertex(p, xy) for p in pieces]
        iraq, iran = _insert_vertex(iraq, xy), _insert_vertex(iran, xy)
        cut_points.append(xy)
    run = shared_run(iraq, iran)
    coords = [tuple(c) for c in run.coords]
    if Point(coords[0]).distance(Point(TRIPOINT)) > Point(coords[-1]).distance(Point(TRIPOINT)):
        coords.reverse()
    i, j = coords.index(cut_points[0]), coords.index(cut_points[1])
    return pieces, iraq, iran, LineString(coords[i : j + 1])


def _frame(records: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    records = sorted(records, key=lambda r: r["id"])
    for r in records:
        geom = r["geometry"]
        if geom.is_empty or not geom.is_valid:
            raise ValueError(f"invalid or empty geometry for {r['id']}")
    return gpd.GeoDataFrame(records, geometry="geometry", crs=4326)


def _neighbours(raw_dir: Path) -> dict[str, gpd.GeoDataFrame]:
    ne = _read(raw_dir, NE_COUNTRIES_FILE)
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
            geom = _round(shapely.make_valid(geom))
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
        out[lod] = _frame(records)
    return out


def _basemap(raw_dir: Path) -> dict[str, dict[str, gpd.GeoDataFrame]]:
    """Land, lakes, rivers and towns for the offline basemap, at both levels of detail."""
    out: dict[str, dict[str, gpd.GeoDataFrame]] = {}
    for layer, filename in BASEMAP_FILES.items():
        frame = _read(raw_dir, filename)
        out[layer] = {}
        for lod in LODS:
            records = []
            for index, row in enumerate(frame.itertuples()):
                geom = row.geometry
                if layer == "basemap_towns":
                    name = str(row.NAME_EN or row.NAME)
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
                geom = _round(shapely.make_valid(geom))
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
            out[layer][lod] = _frame(records)
    return out


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
    full = _build_full_resolution(raw_dir)
    govs, provs = full["govs"], full["provs"]
    n_gov = len(govs)
    layers: dict[str, dict[str, gpd.GeoDataFrame]] = {name: {} for name in LAYER_NAMES}
    layers["neighbours"] = _neighbours(raw_dir)
    disputed = _disputed_sources(raw_dir, Path(curated_dir))

    for lod in LODS:
        pieces = [_round(p) for p in _simplify_coverage(full["pieces"], TOLERANCE_M[lod])]
        iraq = shapely.coverage_union_all(pieces[:n_gov])
        iran = shapely.coverage_union_all(pieces[n_gov:])
        pieces, iraq, iran, border = _cut_border(pieces, iraq, iran, full["border_ends"])
        precision = f"{lod}: {PRECISION_LABEL[lod]}"
        aligned_note = "Edge along the Iran border aligned to the OpenStreetMap 2017 boundary line."

        layers["border"][lod] = _frame(
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
        layers["countries"][lod] = _frame(
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
        layers["governorates"][lod] = _frame(gov_records)

        kri = shapely.coverage_union_all(
            [g for u, g in zip(govs, pieces[:n_gov], strict=True) if u["in_kurdistan_region"]]
        )
        layers["kurdistan_region"][lod] = _frame(
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
        layers["disputed_territories"][lod] = _disputed_layer(
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
        layers["iran_border_provinces"][lod] = _frame(prov_records)
    layers.update(_basemap(raw_dir))
    return layers


# --- output ---------------------------------------------------------------------------


def _round_coords(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, COORD_DECIMALS)
    if isinstance(obj, (list, tuple)):
        return [_round_coords(x) for x in obj]
    return obj


def _json_value(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    return value


def layer_to_geojson(frame: gpd.GeoDataFrame, name: str) -> str:
    """Serialise a layer deterministically: sorted keys, 6 decimals, trailing newline.

    Parameters
    ----------
    frame : GeoDataFrame
        One layer at one level of detail.
    name : str
        Collection name written into the file.

    Returns
    -------
    str
        GeoJSON text.
    """
    features = []
    for _, row in frame.sort_values("id").iterrows():
        props = {
            k: _json_value(v)
            for k, v in row.items()
            if k != "geometry" and not (isinstance(v, float) and math.isnan(v))
        }
        geom = mapping(row.geometry)
        features.append(
            {
                "type": "Feature",
                "id": props["id"],
                "properties": props,
                "geometry": {
                    "type": geom["type"],
                    "coordinates": _round_coords(geom["coordinates"]),
                },
            }
        )
    collection = {"type": "FeatureCollection", "name": name, "features": features}
    body = ",\n".join(
        json.dumps(f, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        for f in collection["features"]
    )
    return (
        '{"type":"FeatureCollection","name":'
        + json.dumps(name)
        + ',"features":[\n'
        + body
        + "\n]}\n"
    )


def write_layers(layers: dict[str, dict[str, gpd.GeoDataFrame]], out_dir: Path) -> list[Path]:
    """Write ``<layer>.<lod>.geojson`` files.

    Parameters
    ----------
    layers : dict
        Output of :func:`build_layers`.
    out_dir : Path
        Directory to write into (created if missing).

    Returns
    -------
    list of Path
        The files written, sorted.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for layer, by_lod in layers.items():
        for lod, frame in by_lod.items():
            path = out_dir / f"{layer}.{lod}.geojson"
            path.write_text(layer_to_geojson(frame, f"{layer}.{lod}"), encoding="utf-8")
            written.append(path)
    return sorted(written)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 on success; 1 if ``--check`` found files that differ.
    """
    parser = argparse.ArgumentParser(prog="python -m lib.tools.geodata_build", description=__doc__)
    parser.add_argument("--raw", type=Path, default=RAW_DIR, help="raw sources directory")
    parser.add_argument(
        "--curated", type=Path, default=CURATED_DIR, help="curated directory (disputed districts)"
    )
    parser.add_argument("--out", type=Path, default=LAYERS_DIR, help="output directory")
    parser.add_argument(
        "--check",
        action="store_true",
        help="rebuild into a temporary directory and fail if any file differs from --out",
    )
    args = parser.parse_args(argv)
    layers = build_layers(args.raw, args.curated)
    if not args.check:
        for path in write_layers(layers, args.out):
            print(f"{path}  {path.stat().st_size:,} bytes")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = write_layers(layers, Path(tmp))
        names = sorted({p.name for p in fresh} | {p.name for p in args.out.glob("*.geojson")})
        differ = [
            n
            for n in names
            if not (Path(tmp) / n).exists()
            or not (args.out / n).exists()
            or not filecmp.cmp(Path(tmp) / n, args.out / n, shallow=False)
        ]
    if differ:
        print("differs from a fresh build:", *differ, sep="\n  ", file=sys.stderr)
        return 1
    print(f"{len(names)} files match a fresh build")
    return 0


if __name__ == "__main__":
    sys.exit(main())
