"""A tiny, made-up catalog for map tests: a few features of each kind, nothing real.

Editing the project's data never changes it, so tests on it can count exactly.

Layout (lon, lat), all inside the map region:

- the border runs north–south along lon 46, from (46, 34) to (46, 38) (its detailed
  line bends through (46.01234, 35));
- governorate ``gov-west`` is the box lon 44–46, lat 34–38; the Kurdistan Region
  ``kri`` the box lon 44–46, lat 36–38; the disputed district ``dis-one`` the box
  lon 44–45, lat 35–36;
- groups ``AAA`` (blue) and ``BBB`` (red); sites ``a-hq`` (exact, AAA),
  ``a-camp`` (town precision, low confidence, AAA, in the disputed district),
  ``b-base`` (area precision, own 12 km ring, BBB);
- crossings ``x-one`` (exact) and ``x-none`` (no coordinate);
- events ``e-protest`` (AAA, 2022), ``e-deal`` (untied, 2023, stand-in),
  ``e-abroad`` (off the region) and ``e-unplaced`` (no coordinate);
- place ``p-city``; claims of each kind.
"""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pandas as pd
import shapely

from lib.data.boundaries import BoundaryLayers
from lib.data.catalog import Catalog
from lib.data.curated import CuratedData
from lib.model.filters import Filters

LICENCE = "CC0 (test)"


def _points(rows: list[dict]) -> gpd.GeoDataFrame:
    geometry = [
        None if pd.isna(r["lat"]) or pd.isna(r["lon"]) else shapely.Point(r["lon"], r["lat"])
        for r in rows
    ]
    return gpd.GeoDataFrame(rows, geometry=geometry, crs="EPSG:4326")


def _site(site_id, name, group, role, phase, lat, lon, precision, confidence, **extra) -> dict:
    return {
        "site_id": site_id,
        "name": name,
        "group": group,
        "role": role,
        "phase": phase,
        "active_from": extra.get("active_from", "2000"),
        "active_to": extra.get("active_to", ""),
        "lat": lat,
        "lon": lon,
        "coord_basis": "made up",
        "precision": precision,
        "confidence": confidence,
        "sources": f"Source about {site_id}; second source",
        "notes": extra.get("notes", ""),
        "licence": LICENCE,
        "ring_km": extra.get("ring_km", float("nan")),
    }


def _crossing(crossing_id, name, lat, lon, precision="site") -> dict:
    return {
        "crossing_id": crossing_id,
        "name": name,
        "iraq_name": f"{name} (Iraq)",
        "iran_name": f"{name} (Iran)",
        "iraq_governorate": "West",
        "iran_province": "East",
        "status": "official",
        "lat": lat,
        "lon": lon,
        "coord_basis": "made up",
        "precision": precision,
        "confidence": "high",
        "sources": f"Source about {crossing_id}",
        "notes": None,
        "licence": LICENCE,
        "ring_km": float("nan"),
    }


def _event(event_id, date, title, category, lat, lon, groups, **extra) -> dict:
    return {
        "event_id": event_id,
        "date": date,
        "date_precision": "day",
        "title": title,
        "category": category,
        "place": extra.get("place", "Somewhere"),
        "lat": lat,
        "lon": lon,
        "coord_basis": "made up",
        "precision": extra.get("precision", "site"),
        "off_region": extra.get("off_region", False),
        "groups": groups,
        "actors": "A;B",
        "in_seed_article": "",
        "confidence": extra.get("confidence", "high"),
        "sources": f"Source about {event_id}",
        "licence": LICENCE,
    }


def _area(layer_id: str, name: str, box: tuple[float, float, float, float], lod: str, **extra):
    return {
        "id": layer_id,
        "name": name,
        "lod": lod,
        "precision": "test outline",
        "confidence": "high",
        "source": "made up",
        "licence": LICENCE,
        "note": None,
        **extra,
        "geometry": shapely.box(*box),
    }


def _layer(rows: list[dict]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def tiny_boundaries() -> BoundaryLayers:
    """Border, governorate, Kurdistan Region, disputed district, countries and a neighbour."""
    frames: dict[str, dict[str, gpd.GeoDataFrame]] = {}
    for lod in ("overview", "detail"):
        # The detailed line has one more vertex: tests tell the levels of detail apart by it.
        middle = [(46.01234, 35.0)] if lod == "detail" else []
        border = {
            **_area("iraq-iran-border", "Iraq–Iran border", (0, 0, 1, 1), lod),
            "geometry": shapely.LineString([(46.0, 34.0), *middle, (46.0, 36.0), (46.0, 38.0)]),
        }
        layers = {
            "border": [border],
            "countries": [_area("iraq", "Iraq", (40, 30, 46, 38), lod)],
            "neighbours": [_area("turkey", "Turkey", (40, 38, 46, 40), lod)],
            "governorates": [
                _area("gov-west", "West governorate", (44, 34, 46, 38), lod, pcode="IQG99")
            ],
            "kurdistan_region": [_area("kri", "Kurdistan Region", (44, 36, 46, 38), lod)],
            "disputed_territories": [
                _area(
                    "dis-one",
                    "One district",
                    (44, 35, 45, 36),
                    lod,
                    governorate="West",
                    pcode="IQG99Q01",
                    extent="whole",
                    basis="test",
                    sources="UNAMI (test); another",
                )
            ],
        }
        for key, rows in layers.items():
            frames.setdefault(key, {})[lod] = _layer(rows)
    return BoundaryLayers(frames=frames)


def tiny_catalog() -> Catalog:
    """The whole tiny catalog."""
    groups = pd.DataFrame(
        [
            {"group_id": "AAA", "name": "Group A", "aliases": (), "colour": "#0000FF"},
            {"group_id": "BBB", "name": "Group B", "aliases": (), "colour": "#FF0000"},
        ]
    ).assign(description="", sources="", licence=LICENCE)
    sites = _points(
        [
            _site("a-hq", "A headquarters", "AAA", "headquarters", "before-relocation",
                  37.0, 45.0, "site", "high", active_to="2020-01-01"),
            _site("a-camp", "A camp", "AAA", "relocation_camp", "after-relocation",
                  35.5, 44.5, "town", "low", active_from="2021"),
            _site("b-base", "B base", "BBB", "base", "after-relocation",
                  36.5, 45.5, "area", "medium", ring_km=12.0),
        ]
    )  # fmt: skip
    crossings = _points(
        [
            _crossing("x-one", "Crossing One", 35.0, 46.0),
            _crossing("x-none", "Crossing Unplaced", float("nan"), float("nan")),
        ]
    )
    events = _points(
        [
            _event("e-protest", dt.date(2022, 5, 1), "A protest", "protest", 36.2, 45.2, ("AAA",)),
            _event("e-deal", dt.date(2023, 3, 19), "A deal", "agreement", 35.6, 44.6, (),
                   precision="town"),
            _event("e-abroad", dt.date(2023, 6, 1), "Far away", "diplomacy", 40.7, -74.0, (),
                   off_region=True),
            _event("e-unplaced", dt.date(2023, 7, 1), "Nowhere", "diplomacy",
                   float("nan"), float("nan"), ("BBB",)),
        ]
    )  # fmt: skip
    places = _points(
        [
            {
                "place_id": "p-city",
                "name": "Test City",
                "aliases": ("Testville",),
                "lat": 35.2,
                "lon": 44.2,
                "off_region": False,
                "coord_basis": "made up",
                "precision": "town",
                "confidence": "high",
                "sources": "Gazetteer (test)",
                "licence": LICENCE,
            }
        ]
    )
    claims = pd.DataFrame(
        [
            {"claim_id": "c-length", "kind": "border_length", "subject": "iraq-iran-border",
             "statement": "The border is 400 km long"},
            {"claim_id": "c-date", "kind": "event_date", "subject": "e-deal",
             "statement": "The deal was in March"},
            {"claim_id": "c-camps", "kind": "camp_count", "subject": "camps",
             "statement": "Two camps"},
        ]
    ).assign(article_id="a-test", claimed_value="", note="")  # fmt: skip
    lengths = pd.DataFrame(
        [{"figure_id": "seed", "figure_km": 450.0, "by": "The seed article", "date": "2025"}]
    )
    curated = CuratedData(
        groups=groups,
        sites=sites,
        crossings=crossings,
        events=events,
        camp_counts=pd.DataFrame(columns=["date", "claim", "by", "sources"]),
        published_border_lengths=lengths,
        places=places,
        claims=claims,
    )
    return Catalog(curated=curated, boundaries=tiny_boundaries())


def everything(catalog: Catalog) -> Filters:
    """Filters that keep every feature of the tiny catalog."""
    return Filters(
        frozenset({"AAA", "BBB", "none"}), dt.date(2000, 1, 1), dt.date(2030, 12, 31), "low"
    )
