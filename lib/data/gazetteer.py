"""The GeoNames gazetteer: towns of the region with their other spellings.

Search uses it to find places by Kurdish, Arabic and Persian spellings
(``alternatenames``); the map shows a town only when a search or link
focuses on it.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from lib.data import raw_sources
from lib.data.validation import DataIssue

GAZETTEER_FILE = raw_sources.GEONAMES_PLACES
GAZETTEER_SOURCE = "GeoNames (geonames.org), cities500 extract"
GAZETTEER_LICENCE = "CC BY 4.0 — GeoNames (geonames.org)"
REQUIRED_COLUMNS: tuple[str, ...] = (
    "geonameid",
    "name",
    "asciiname",
    "alternatenames",
    "latitude",
    "longitude",
    "population",
    "country_code",
    "admin1_name",
)


def load_gazetteer(raw_dir: Path) -> tuple[gpd.GeoDataFrame, list[DataIssue]]:
    """Load and check the GeoNames extract.

    Parameters
    ----------
    raw_dir : pathlib.Path
        ``geodata/raw``.

    Returns
    -------
    tuple
        One row per town (``geonameid`` as text, names as a tuple, point
        geometry) and the issues found; bad rows are left out.
    """
    label = f"raw/{GAZETTEER_FILE}"
    empty = gpd.GeoDataFrame({c: [] for c in REQUIRED_COLUMNS}, geometry=[], crs="EPSG:4326")
    try:
        frame = pd.read_csv(
            raw_dir / GAZETTEER_FILE, dtype=str, keep_default_na=False, encoding="utf-8"
        )
    except FileNotFoundError:
        return empty, [DataIssue(label, "(file)", "(file)", "file not found")]
    except (UnicodeDecodeError, pd.errors.ParserError) as exc:
        return empty, [DataIssue(label, "(file)", "(file)", f"unreadable: {exc}")]
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        return empty, [
            DataIssue(label, "(header)", ", ".join(missing), "required column(s) missing")
        ]
    issues: list[DataIssue] = []
    lat = pd.to_numeric(frame["latitude"], errors="coerce")
    lon = pd.to_numeric(frame["longitude"], errors="coerce")
    bad = lat.isna() | lon.isna() | ~lat.between(-90, 90) | ~lon.between(-180, 180)
    for geonameid in frame.loc[bad, "geonameid"].head(50):
        issues.append(DataIssue(label, str(geonameid), "latitude/longitude", "not a coordinate"))
    frame = frame[~bad].copy()
    frame["names"] = [
        tuple(dict.fromkeys(n for n in (name, ascii_name, *alternates.split("|")) if n))
        for name, ascii_name, alternates in zip(
            frame["name"], frame["asciiname"], frame["alternatenames"], strict=True
        )
    ]
    frame["population"] = pd.to_numeric(frame["population"], errors="coerce").fillna(0).astype(int)
    geometry = [Point(x, y) for x, y in zip(lon[~bad], lat[~bad], strict=True)]
    result = gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")
    result["source"] = GAZETTEER_SOURCE
    result["licence"] = GAZETTEER_LICENCE
    return result.reset_index(drop=True), issues
