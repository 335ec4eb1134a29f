"""Filters and bounding boxes in SQL (PostGIS on PostgreSQL) agree with the app's pandas filters."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from lib.data.catalog import Catalog, load_catalog
from lib.data.paths import GEODATA_DIR
from lib.model.filters import (
    NO_GROUP,
    Filters,
    default_filters,
    filter_crossings,
    filter_events,
    filter_sites,
)
from lib.store import Store

ALL = None
CASES = [
    ("everything", ALL, ALL, ALL, "low", None),
    ("KDPI", {"KDPI"}, ALL, ALL, "low", None),
    ("Komala and untied", {"Komala", NO_GROUP}, ALL, ALL, "low", None),
    ("2023 only", ALL, dt.date(2023, 1, 1), dt.date(2023, 12, 31), "low", None),
    ("before 2000", ALL, dt.date(1970, 1, 1), dt.date(1999, 12, 31), "low", None),
    ("high only", ALL, ALL, ALL, "high", None),
    ("Sulaymaniyah box", ALL, ALL, ALL, "low", (45.0, 35.0, 46.5, 36.2)),
    ("mixed", {"PJAK", "PAK", NO_GROUP}, dt.date(2022, 9, 1), dt.date(2024, 6, 30), "medium",
     (43.5, 34.5, 47.0, 37.5)),
    ("empty box", ALL, ALL, ALL, "low", (10.0, 10.0, 11.0, 11.0)),
]  # fmt: skip


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The seed as the app loads it."""
    return load_catalog(GEODATA_DIR)


def _in_box(frame: pd.DataFrame, bbox: tuple[float, float, float, float] | None) -> pd.DataFrame:
    if bbox is None:
        return frame
    west, south, east, north = bbox
    lat, lon = frame["lat"].astype(float), frame["lon"].astype(float)
    return frame[(lat >= south) & (lat <= north) & (lon >= west) & (lon <= east)]


@pytest.mark.parametrize(("name", "groups", "start", "end", "conf", "bbox"), CASES)
def test_sql_filters_agree_with_the_pandas_filters(
    seeded: Store,
    catalog: Catalog,
    name: str,
    groups: set[str] | None,
    start: dt.date | None,
    end: dt.date | None,
    conf: str,
    bbox: tuple[float, float, float, float] | None,
) -> None:
    c = catalog.curated
    everything = default_filters(c.groups, c.events)
    filters = Filters(
        frozenset(groups) if groups is not None else everything.groups,
        start or everything.date_from,
        end or everything.date_to,
        conf,
    )
    expected = {
        "event": set(_in_box(filter_events(c.events, filters), bbox)["event_id"]),
        "site": set(_in_box(filter_sites(c.sites, filters), bbox)["site_id"]),
        "crossing": set(_in_box(filter_crossings(c.crossings, filters), bbox)["crossing_id"]),
    }
    rows = seeded.query(
        kind=["event", "site", "crossing"],
        groups=filters.groups,
        date_from=filters.date_from,
        date_to=filters.date_to,
        min_confidence=conf,
        bbox=bbox,
    )
    got = {kind: {r.record_id for r in rows if r.kind == kind} for kind in expected}
    assert got == expected, name
    if name == "everything":
        assert sum(map(len, got.values())) == len(c.events) + len(c.sites) + len(c.crossings)


def test_retired_records_leave_queries_until_restored(seeded: Store) -> None:
    box = (44.0, 33.0, 45.0, 34.0)
    assert [r.record_id for r in seeded.query("place", bbox=box)] == ["baghdad"]
    seeded.retire("place", "baghdad", who="t", why="test")
    assert seeded.query("place", bbox=box) == []
    assert len(seeded.query("place", bbox=box, include_retired=True)) == 1
    seeded.restore("place", "baghdad", who="t", why="test")
    rec = seeded.get("place", "baghdad")
    seeded.update("place", "baghdad", {**rec.payload, "lat": "36.19", "lon": "44.01"},
                  base_version=rec.version, who="t", why="moved")  # fmt: skip
    assert seeded.query("place", bbox=box) == []
    assert "baghdad" in {r.record_id for r in seeded.query("place", bbox=(44.0, 36.0, 44.1, 36.3))}
