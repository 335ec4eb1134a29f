"""Events counted in grid cells (maps with more events than can be drawn one by one)."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import shapely

from lib.analysis.cells import CELL_COLUMNS, aggregate_events, event_cells


def events(rows: list[tuple[float, float, str, dt.date, str]]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        [
            {"lat": lat, "lon": lon, "category": category, "date": date, "title": title}
            for lat, lon, category, date, title in rows
        ],
        geometry=[shapely.Point(lon, lat) for lat, lon, *_ in rows],
        crs="EPSG:4326",
    )


D = dt.date(2023, 1, 1)


def test_events_in_one_cell_are_counted_together():
    frame = events(
        [
            (36.01, 45.01, "protest", D, "one"),
            (36.03, 45.03, "strike", D + dt.timedelta(days=2), "two"),
            (36.05, 45.05, "protest", D + dt.timedelta(days=1), "three"),
            (36.07, 45.07, "strike", D + dt.timedelta(days=3), "four"),
            (37.51, 45.01, "agreement", D, "elsewhere"),
        ]
    )
    cells = aggregate_events(frame, 0.25)
    assert list(cells.columns) == list(CELL_COLUMNS)
    assert sorted(cells["count"]) == [1, 4]
    crowded = cells[cells["count"] == 4].iloc[0]
    assert (crowded["lat"], crowded["lon"]) == (36.04, 45.04)  # mean of its events
    # Ties go to the category first in the alphabet; counts most first.
    assert crowded["top_category"] == "protest"
    assert crowded["categories"] == [("protest", 2), ("strike", 2)]
    assert (crowded["first"], crowded["last"]) == (D, D + dt.timedelta(days=3))
    assert crowded["latest"] == ["four", "two", "three"]  # three newest, newest first


def test_cell_size_decides_what_falls_together():
    frame = events([(36.01, 45.01, "protest", D, "a"), (36.2, 45.2, "protest", D, "b")])
    assert len(aggregate_events(frame, 0.25)) == 1
    assert len(aggregate_events(frame, 0.05)) == 2


def test_no_events_give_no_cells():
    empty = events([])
    assert aggregate_events(empty, 0.25).empty
    assert list(aggregate_events(empty, 0.25).columns) == list(CELL_COLUMNS)


def test_cells_grow_until_few_enough():
    # 12 events, each in a cell of its own at 0.05°, spread over 0.6°.
    frame = events([(36.0 + i * 0.05 + 0.01, 45.01, "protest", D, str(i)) for i in range(12)])
    assert len(event_cells(frame, 0.05, 100)) == 12
    fewer = event_cells(frame, 0.05, 4)
    assert len(fewer) <= 4 and fewer["count"].sum() == 12
