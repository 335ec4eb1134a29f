"""What is on the map as a table, and as CSV and GeoJSON downloads."""

from __future__ import annotations

import json

import pandas as pd

from lib.data.rows import events_on_map
from lib.maps.main_map import MapContents
from lib.maps.popups import precision_words
from lib.maps.styles import ROLE_LABELS
from lib.model.kinds import kind_label

TABLE_COLUMNS: tuple[str, ...] = (
    "kind",
    "id",
    "name",
    "groups",
    "when",
    "precision",
    "confidence",
    "on_map",
    "lat",
    "lon",
    "coord_basis",
    "sources",
    "licence",
)


def table_length(contents: MapContents) -> int:
    """The rows :func:`contents_table` gives, counted without building it (a large store)."""
    return len(contents.sites) + len(contents.crossings) + len(contents.events)


def contents_table(contents: MapContents) -> pd.DataFrame:
    """One row per site, crossing and event that the filters let through.

    Parameters
    ----------
    contents : MapContents
        As returned by :func:`lib.maps.main_map.build_main_map`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`TABLE_COLUMNS`; ``on_map`` says whether it is drawn.
    """
    rows: list[dict] = []
    for r in contents.sites.drop(columns="geometry").to_dict("records"):
        rows.append(
            {
                "kind": ROLE_LABELS.get(r["role"], r["role"]),
                "id": r["site_id"],
                "name": r["name"],
                "groups": r["group"],
                "when": f"{r.get('active_from') or '?'} – {r.get('active_to') or 'today'}",
                **_common(r, on_map=True),
            }
        )
    crossings = contents.crossings
    for r, geometry in zip(
        crossings.drop(columns="geometry").to_dict("records"), crossings.geometry, strict=True
    ):
        rows.append(
            {
                "kind": kind_label("crossing"),
                "id": r["crossing_id"],
                "name": r["name"],
                "groups": "",
                "when": "",
                **_common(r, on_map=geometry is not None),
            }
        )
    events = contents.events
    for r, on_map in zip(
        events.drop(columns="geometry").to_dict("records"), events_on_map(events), strict=True
    ):
        rows.append(
            {
                "kind": f"Event ({r['category']})",
                "id": r["event_id"],
                "name": r["title"],
                "groups": ", ".join(r["groups"]),
                "when": r["date"].isoformat(),
                **_common(r, on_map=bool(on_map)),
            }
        )
    return pd.DataFrame(rows, columns=list(TABLE_COLUMNS))


def _common(record: dict, on_map: bool) -> dict:
    return {
        "precision": precision_words(record.get("precision")),
        "confidence": record.get("confidence"),
        "on_map": on_map,
        "lat": record.get("lat"),
        "lon": record.get("lon"),
        "coord_basis": record.get("coord_basis"),
        "sources": record.get("sources"),
        "licence": record.get("licence"),
    }


def table_csv(table: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV (with a byte-order mark so spreadsheets read it right)."""
    return table.to_csv(index=False).encode("utf-8-sig")


def table_geojson(table: pd.DataFrame) -> bytes:
    """The located rows of the table as a GeoJSON FeatureCollection of points."""
    features = []
    for record in table.to_dict("records"):
        lat, lon = record.pop("lat"), record.pop("lon")
        if lat is None or lon is None or pd.isna(lat) or pd.isna(lon):
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
                "properties": {k: (None if pd.isna(v) else v) for k, v in record.items()},
            }
        )
    document = {"type": "FeatureCollection", "features": features}
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
