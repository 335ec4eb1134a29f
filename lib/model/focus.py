"""Where a focus ``kind:id`` points on the map: a point, or bounds to fit.

A :class:`lib.model.links.Focus` names a feature; :func:`resolve_focus` looks it
up in the catalog (sites, crossings, events, places, towns, boundaries, groups,
claims) and says where the map should open.
"""

from __future__ import annotations

from dataclasses import dataclass

import shapely

from lib.data.catalog import Catalog
from lib.data.rows import camps_after_relocation
from lib.model.links import Focus
from lib.model.map_view import Bounds

#: ``((south, west), (north, east))``.
#: Degrees added around an area's or group's extent, so its edge is not on the map's edge.
BOUNDS_PAD_DEG = 0.15


@dataclass(frozen=True)
class FocusTarget:
    """Where a focused feature is: a point, or bounds to fit.

    Attributes
    ----------
    focus : Focus
        What was asked for.
    label : str
        Its name.
    lat, lon : float
        A point on it (the centre for areas).
    bounds : tuple or None
        ``((south, west), (north, east))`` for areas and groups.
    """

    focus: Focus
    label: str
    lat: float
    lon: float
    bounds: Bounds | None = None


def bounds_of(geometries: list) -> Bounds:
    """The padded bounds of some lon/lat geometries, as ``((south, west), (north, east))``."""
    west, south, east, north = shapely.GeometryCollection(geometries).bounds
    pad = BOUNDS_PAD_DEG
    return ((south - pad, west - pad), (north + pad, east + pad))


def resolve_focus(catalog: Catalog, focus: Focus | None) -> FocusTarget | None:
    """Find where a focus points: the feature's point or the bounds to fit.

    Parameters
    ----------
    catalog : Catalog
        Loaded data.
    focus : Focus or None
        From ``lib.model.links.parse_focus`` (ids already checked).

    Returns
    -------
    FocusTarget or None
        None when there is nothing to show on the map (no coordinate).
    """
    if focus is None:
        return None
    if focus.kind in ("site", "crossing", "event", "place"):
        return _point_feature(catalog, focus)
    if focus.kind == "town":
        return _town(catalog, focus)
    if focus.kind == "boundary":
        feature = catalog.boundaries.find(focus.ref)
        if feature is None:
            return None
        point = feature.geometry.representative_point()
        return FocusTarget(
            focus, str(feature["name"]), point.y, point.x, bounds_of([feature.geometry])
        )
    if focus.kind == "group":
        return _group(catalog, focus)
    if focus.kind == "claim":
        return _claim(catalog, focus)
    return None


def _point_feature(catalog: Catalog, focus: Focus) -> FocusTarget | None:
    frame, key, name = catalog.feature_table(focus.kind)
    rows = frame[frame[key] == focus.ref]
    if rows.empty or rows.geometry.iloc[0] is None:
        return None
    point = rows.geometry.iloc[0]
    return FocusTarget(focus, str(rows[name].iloc[0]), point.y, point.x)


def _town(catalog: Catalog, focus: Focus) -> FocusTarget | None:
    if catalog.gazetteer is None:
        return None
    rows = catalog.gazetteer[catalog.gazetteer["geonameid"] == focus.ref]
    if rows.empty:
        return None
    point = rows.geometry.iloc[0]
    return FocusTarget(focus, str(rows["name"].iloc[0]), point.y, point.x)


def _group(catalog: Catalog, focus: Focus) -> FocusTarget | None:
    c = catalog.curated
    sites = c.sites[c.sites["group"] == focus.ref]
    if sites.empty:
        return None
    names = dict(zip(c.groups["group_id"], c.groups["name"], strict=True))
    centre = sites.geometry.union_all().centroid
    return FocusTarget(
        focus, names.get(focus.ref, focus.ref), centre.y, centre.x, bounds_of(list(sites.geometry))
    )


def _claim(catalog: Catalog, focus: Focus) -> FocusTarget | None:
    """A claim opens on what it is about: the border, the event, or the camps it counts."""
    c = catalog.curated
    claims = c.claims[c.claims["claim_id"] == focus.ref]
    if claims.empty:
        return None
    claim = claims.iloc[0]
    if claim["kind"] == "border_length":
        return resolve_focus(catalog, Focus("boundary", str(claim["subject"])))
    if claim["kind"] == "event_date":
        return resolve_focus(catalog, Focus("event", str(claim["subject"])))
    camps = camps_after_relocation(c.sites)
    if camps.empty:
        return None
    centre = camps.geometry.union_all().centroid
    return FocusTarget(
        focus, str(claim["statement"]), centre.y, centre.x, bounds_of(list(camps.geometry))
    )
