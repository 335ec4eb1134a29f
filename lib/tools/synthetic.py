"""Synthetic events for load tests: many plausible events around real places.

:func:`synthetic_events` draws ``n`` events that look like the curated ones
to every function that reads them: each sits a few kilometres from a real
place (a curated event's or site's coordinate, or a GeoNames town chosen in
proportion to its population), falls on a day in 2022–2026 (years in the
proportions of the curated events), and takes its category, groups,
confidence, precision and actors from the curated events' own distribution.
The frame has the columns and value types :func:`lib.data.curated.load_curated`
produces, and :func:`events_csv` writes it back as a CSV file that passes
``events.csv``'s schema (:func:`lib.data.curated.events_schema`), so the events
also pass :func:`lib.model.filters.filter_events`.

The draw is deterministic for a given seed and data.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import geopandas as gpd
import numpy as np
import pandas as pd

from lib.data.catalog import Catalog
from lib.data.validation import REGION_BOUNDS

#: Years the synthetic events fall in.
YEARS: tuple[int, ...] = (2022, 2023, 2024, 2025, 2026)
#: Standard deviation of the jitter around the anchor place, kilometres.
JITTER_KM = 3.0
#: Shares of the anchor kinds: curated events, curated sites, GeoNames towns.
ANCHOR_SHARES: tuple[float, float, float] = (0.3, 0.2, 0.5)
#: Columns of ``events.csv`` in file order (the schema's columns).
CSV_COLUMNS: tuple[str, ...] = (
    "event_id",
    "date",
    "date_precision",
    "title",
    "category",
    "place",
    "lat",
    "lon",
    "coord_basis",
    "precision",
    "off_region",
    "groups",
    "actors",
    "in_seed_article",
    "confidence",
    "sources",
)
_KM_PER_DEGREE = 111.32
# Stay this far inside the region so that jittered points never leave it.
_MARGIN_DEG = 0.05


def towns_of(catalog: Catalog) -> pd.DataFrame:
    """The catalog's GeoNames towns inside the map region, with a sampling weight.

    Parameters
    ----------
    catalog : Catalog
        Loaded data (its gazetteer).

    Returns
    -------
    pandas.DataFrame
        Columns ``name``, ``lat``, ``lon``, ``weight`` (population, at least 1).
    """
    towns = catalog.gazetteer
    if towns is None or towns.empty:
        return pd.DataFrame(columns=["name", "lat", "lon", "weight"])
    frame = pd.DataFrame(
        {
            "name": towns["name"],
            "lat": towns.geometry.y,
            "lon": towns.geometry.x,
            "weight": towns["population"].clip(lower=1).astype(float),
        }
    )
    west, south, east, north = REGION_BOUNDS
    inside = frame["lat"].between(south + _MARGIN_DEG, north - _MARGIN_DEG) & frame["lon"].between(
        west + _MARGIN_DEG, east - _MARGIN_DEG
    )
    return frame[inside].reset_index(drop=True)


def _anchors(
    catalog: Catalog, towns: pd.DataFrame
) -> list[tuple[np.ndarray, np.ndarray, list[str], np.ndarray]]:
    """(lat, lon, name, weight) of each anchor kind: events, sites, towns."""
    c = catalog.curated
    west, south, east, north = REGION_BOUNDS
    kinds = []
    for frame, name_col in ((c.events, "place"), (c.sites, "name")):
        rows = frame[frame.geometry.notna()]
        if "off_region" in rows:
            rows = rows[~rows["off_region"].astype(bool)]
        lat = rows.geometry.y.to_numpy(dtype=float)
        lon = rows.geometry.x.to_numpy(dtype=float)
        keep = (lat > south) & (lat < north) & (lon > west) & (lon < east)
        names = [str(n).split(";")[0].strip() for n in rows[name_col]]
        kinds.append(
            (
                lat[keep],
                lon[keep],
                [n for n, k in zip(names, keep, strict=True) if k],
                np.ones(int(keep.sum())),
            )
        )
    kinds.append(
        (
            towns["lat"].to_numpy(dtype=float),
            towns["lon"].to_numpy(dtype=float),
            list(towns["name"]),
            towns["weight"].to_numpy(dtype=float),
        )
    )
    return kinds


def _distribution(values: list, rng: np.random.Generator, n: int) -> list:
    """Draw ``n`` values in the proportions they have in ``values``."""
    if not values:
        raise ValueError("cannot draw from an empty distribution")
    index = rng.integers(0, len(values), size=n)
    return [values[i] for i in index]


def synthetic_events(catalog: Catalog, n: int, seed: int = 7) -> gpd.GeoDataFrame:
    """Draw ``n`` synthetic events shaped like the curated ones.

    Parameters
    ----------
    catalog : Catalog
        Loaded data: the curated events and sites give the anchors and the
        distributions of category, groups, confidence, precision and actors;
        its gazetteer gives the towns.
    n : int
        Number of events (0 or more).
    seed : int
        Seed of the random draw.

    Returns
    -------
    geopandas.GeoDataFrame
        Same columns and value types as ``catalog.curated.events`` (``date``
        as ``datetime.date``, ``groups`` as a tuple, ``off_region`` as bool),
        points in EPSG:4326, ids ``syn-000000`` onwards.

    Raises
    ------
    ValueError
        If ``n`` is negative or the catalog has no curated events to imitate.
    """
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    real = catalog.curated.events
    if real.empty:
        raise ValueError("the catalog has no curated events to imitate")
    rng = np.random.default_rng(seed)

    # Where: an anchor of a kind, then a few km of jitter, kept inside the region.
    kinds = _anchors(catalog, towns_of(catalog))
    shares = np.array([s if len(k[0]) else 0.0 for s, k in zip(ANCHOR_SHARES, kinds, strict=True)])
    kind_of = rng.choice(len(kinds), size=n, p=shares / shares.sum())
    lat = np.empty(n)
    lon = np.empty(n)
    place: list[str] = [""] * n
    for k, (k_lat, k_lon, k_names, k_weight) in enumerate(kinds):
        where = np.flatnonzero(kind_of == k)
        if not len(where):
            continue
        pick = rng.choice(len(k_lat), size=len(where), p=k_weight / k_weight.sum())
        lat[where] = k_lat[pick]
        lon[where] = k_lon[pick]
        for i, j in zip(where, pick, strict=True):
            place[i] = k_names[j] or "unnamed place"
    d_north = rng.normal(0.0, JITTER_KM, n) / _KM_PER_DEGREE
    d_east = rng.normal(0.0, JITTER_KM, n) / (_KM_PER_DEGREE * np.cos(np.radians(lat)))
    west, south, east, north = REGION_BOUNDS
    lat = np.round(np.clip(lat + d_north, south + 1e-3, north - 1e-3), 4)
    lon = np.round(np.clip(lon + d_east, west + 1e-3, east - 1e-3), 4)

    # When: a year in the curated events' proportions (every year at least once), any day.
    real_years = [d.year for d in real["date"] if isinstance(d, dt.date) and d.year in YEARS]
    year_weight = np.array([1 + real_years.count(y) for y in YEARS], dtype=float)
    years = rng.choice(YEARS, size=n, p=year_weight / year_weight.sum())
    day_of_year = rng.random(n)
    dates = []
    for year, frac in zip(years, day_of_year, strict=True):
        first = dt.date(int(year), 1, 1)
        length = (dt.date(int(year) + 1, 1, 1) - first).days
        dates.append(first + dt.timedelta(days=int(frac * length)))

    # What and who: the curated events' own distributions.
    categories = _distribution(list(real["category"]), rng, n)
    groups = _distribution([tuple(g) for g in real["groups"]], rng, n)
    confidence = _distribution(list(real["confidence"]), rng, n)
    # Every synthetic event is drawn, so its precision comes from the events that are.
    located = real["precision"].dropna()
    precision = _distribution([p for p in located if isinstance(p, str) and p], rng, n)
    actors = _distribution([a if isinstance(a, str) else None for a in real["actors"]], rng, n)
    licence = str(real["licence"].iloc[0]) if "licence" in real else "synthetic"

    frame = pd.DataFrame(
        {
            "event_id": [f"syn-{i:06d}" for i in range(n)],
            "date": dates,
            "date_precision": "day",
            "title": [f"Synthetic {c} near {p}" for c, p in zip(categories, place, strict=True)],
            "category": categories,
            "place": place,
            # Python floats in object columns, as the CSV loader leaves them.
            "lat": pd.Series(lat, dtype=object),
            "lon": pd.Series(lon, dtype=object),
            "coord_basis": "synthetic: a few km from a real place",
            "precision": precision,
            "off_region": pd.Series([False] * n, dtype=object),
            "groups": groups,
            "actors": actors,
            "in_seed_article": "no",
            "confidence": confidence,
            "sources": f"synthetic (lib.tools.synthetic, seed {seed})",
            "licence": licence,
        }
    )
    # The loader's column order; any column this module does not know stays empty.
    columns = [c for c in real.columns if c != "geometry"]
    frame = frame.reindex(columns=columns)
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")


def events_csv(events: pd.DataFrame) -> str:
    """Write events back as ``events.csv`` text (the curated file's format).

    Parameters
    ----------
    events : pandas.DataFrame
        Events as :func:`synthetic_events` (or the loader) returns them.

    Returns
    -------
    str
        CSV text with the header of ``events.csv``; lists joined by ``;``,
        flags as ``yes``/empty, dates in ISO form.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in events.drop(columns="geometry", errors="ignore").to_dict("records"):
        row = []
        for column in CSV_COLUMNS:
            value = record.get(column)
            if column == "groups":
                value = ";".join(value or ())
            elif column == "off_region":
                value = "yes" if value else ""
            elif isinstance(value, dt.date):
                value = value.isoformat()
            elif value is None or (isinstance(value, float) and np.isnan(value)):
                value = ""
            row.append(value)
        writer.writerow(row)
    return out.getvalue()
