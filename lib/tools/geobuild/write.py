"""Deterministic GeoJSON: the committed layer files, byte for byte."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
from shapely.geometry import mapping

from lib.tools.geobuild.config import COORD_DECIMALS


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
