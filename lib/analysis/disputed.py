"""Which points lie in a disputed territory (Article 140), from the geometry.

The ``disputed_territories`` boundary layer (built from
``geodata/curated/disputed_districts.csv`` and the OCHA districts) holds one
polygon per disputed district. A site's or an event's popup says when it lies
in one: the answer is computed here from the coordinates, never typed into the
curated rows.
"""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import shapely

DISPUTED_LAYER = "disputed_territories"
#: The popup row's label.
DISPUTED_ROW_LABEL = "In a disputed territory"


def disputed_text(record: dict) -> str:
    """How a popup names a disputed district.

    E.g. ``Makhmour district (Erbil governorate; Article 140)``.

    Parameters
    ----------
    record : dict
        A feature of the ``disputed_territories`` layer (``name``,
        ``governorate``, ``extent``, ``confidence``).

    Returns
    -------
    str
        The district, its governorate as OCHA codes it, and a warning when
        only part of the district is disputed or the listing is uncertain.
    """
    name = str(record.get("name") or "a disputed district")
    governorate = record.get("governorate")
    details = [f"{governorate} governorate"] if governorate else []
    details.append("Article 140")
    if record.get("extent") == "part":
        details.append("only part of the district is disputed")
    if record.get("confidence") == "low":
        details.append("low confidence")
    return f"{name} ({'; '.join(details)})"


def with_stand_in_caveat(text: str | None, precision: str | None) -> str | None:
    """Add that the answer rests on a stand-in coordinate (town or area precision)."""
    if text is None or precision in (None, "", "site"):
        return text
    return f"{text} — by its stand-in coordinate"


def disputed_at(
    lons: Sequence[float], lats: Sequence[float], districts: gpd.GeoDataFrame
) -> list[str | None]:
    """For each point, the disputed district it lies in (popup text), or None.

    Parameters
    ----------
    lons, lats : sequence of float
        Point coordinates (WGS84); NaN gives None.
    districts : geopandas.GeoDataFrame
        The ``disputed_territories`` layer (any level of detail; the detail
        level is the one to use for points near an edge).

    Returns
    -------
    list of str or None
        :func:`disputed_text` of the district containing the point (on its
        edge counts as in it); the first one by ``id`` if districts overlap.
    """
    lons = np.asarray(lons, dtype=float)
    lats = np.asarray(lats, dtype=float)
    out: list[str | None] = [None] * len(lons)
    if districts is None or districts.empty or not len(lons):
        return out
    frame = districts.sort_values("id") if "id" in districts.columns else districts
    records = frame.drop(columns="geometry").to_dict("records")
    texts = [disputed_text(r) for r in records]
    points = shapely.points(lons, lats)
    tree = shapely.STRtree(np.asarray(frame.geometry.values, dtype=object))
    point_idx, poly_idx = tree.query(points, predicate="intersects")
    for p, d in sorted(zip(point_idx.tolist(), poly_idx.tolist(), strict=True)):
        if out[p] is None:
            out[p] = texts[d]
    return out
