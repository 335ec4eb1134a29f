"""One planar arrangement of every source outline, each face given to one unit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from lib.tools.geobuild.config import (
    BORDER_FILE,
    COUNTRIES_FILE,
    CRUMB_MAX_KM2,
    NE_COUNTRIES_FILE,
    SEA_FACE_MIN_KM2,
)
from lib.tools.geobuild.geometry import deg2_to_km2, insert_vertex
from lib.tools.geobuild.inputs import governorate_sources, province_sources, read_layer


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
    area_km2 = np.array([deg2_to_km2(a) for a in shapely.area(faces)])
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


def build_full_resolution(raw_dir: Path) -> dict[str, Any]:
    """Assign every face of the arrangement to a governorate or a province.

    Parameters
    ----------
    raw_dir : Path
        The raw sources folder.

    Returns
    -------
    dict
        ``govs`` and ``provs`` (the units), ``pieces`` (one full-resolution geometry
        per governorate, then per province, then Iran's territorial sea; an
        edge-matched coverage), ``border_ends`` and ``raw_border``.

    Raises
    ------
    RuntimeError
        If a face inside Iraq or Iran could not be given to any unit.
    """
    countries = read_layer(raw_dir, COUNTRIES_FILE)
    iraq = countries.loc[countries["A3"] == "IRQ"].geometry.iloc[0]
    iran = countries.loc[countries["A3"] == "IRN"].geometry.iloc[0]
    border = read_layer(raw_dir, BORDER_FILE).geometry.iloc[0]
    start, end = border.coords[0], border.coords[-1]
    # The Shatt al-Arab end of the border was cut at a coastline, mid-segment of
    # Iraq's ring; make it a vertex so the border can end exactly there.
    iraq = insert_vertex(iraq, end)

    # Between the two OSM outlines there are slivers belonging to neither. The
    # border line follows Iraq's ring, so they are Iranian territory.
    pair = _arrangement([iraq, iran])
    rep = shapely.point_on_surface(pair)
    gaps = pair[(_containing(rep, [iraq]) < 0) & (_containing(rep, [iran]) < 0)]

    govs = governorate_sources(raw_dir)
    provs = province_sources(raw_dir)
    ne = read_layer(raw_dir, NE_COUNTRIES_FILE)
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

    area_km2 = np.array([deg2_to_km2(a) for a in shapely.area(faces)])
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
