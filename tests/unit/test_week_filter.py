"""A week-precise event passes the date filter by its Monday–Sunday week (lib.model.filters)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import geopandas as gpd

from lib.model.filters import filter_events
from tests.unit.tiny_catalog import everything, tiny_catalog

#: A Wednesday: its week runs Monday 11 to Sunday 17 August 2025.
WEDNESDAY = dt.date(2025, 8, 13)


def events(precision: str) -> gpd.GeoDataFrame:
    """The tiny catalog's events, ``e-protest`` moved to :data:`WEDNESDAY` with ``precision``."""
    frame = tiny_catalog().curated.events.copy()
    frame["date_precision"] = "day"
    row = frame.index[frame["event_id"] == "e-protest"][0]
    frame.at[row, "date"] = WEDNESDAY
    frame.at[row, "date_precision"] = precision
    return frame


def kept(frame: gpd.GeoDataFrame, first: dt.date, last: dt.date) -> set[str]:
    filters = dataclasses.replace(everything(tiny_catalog()), date_from=first, date_to=last)
    return set(filter_events(frame, filters)["event_id"])


def test_a_week_event_is_kept_when_its_week_overlaps_the_range_after_its_day() -> None:
    # The range starts on the Friday: the Wednesday is outside, its week is not.
    assert "e-protest" in kept(events("week"), dt.date(2025, 8, 15), dt.date(2025, 8, 31))
    # Even on the last day of the week only.
    assert "e-protest" in kept(events("week"), dt.date(2025, 8, 17), dt.date(2025, 8, 31))


def test_a_week_event_is_kept_when_its_week_overlaps_the_range_before_its_day() -> None:
    assert "e-protest" in kept(events("week"), dt.date(2025, 8, 1), dt.date(2025, 8, 11))


def test_a_day_event_on_the_same_date_is_dropped_by_the_same_ranges() -> None:
    assert "e-protest" not in kept(events("day"), dt.date(2025, 8, 15), dt.date(2025, 8, 31))
    assert "e-protest" not in kept(events("day"), dt.date(2025, 8, 1), dt.date(2025, 8, 11))


def test_a_week_event_is_dropped_when_its_week_is_outside_the_range() -> None:
    assert "e-protest" not in kept(events("week"), dt.date(2025, 8, 18), dt.date(2025, 8, 31))
    assert "e-protest" not in kept(events("week"), dt.date(2025, 8, 1), dt.date(2025, 8, 10))


def test_the_other_filters_still_apply_to_a_week_event() -> None:
    frame = events("week")
    filters = dataclasses.replace(
        everything(tiny_catalog()),
        date_from=dt.date(2025, 8, 15),
        date_to=dt.date(2025, 8, 31),
        groups=frozenset({"BBB"}),  # e-protest is AAA's
    )
    assert "e-protest" not in set(filter_events(frame, filters)["event_id"])


def test_filtering_leaves_the_frame_and_its_dates_unchanged() -> None:
    frame = events("week")
    before = frame.copy()
    kept(frame, dt.date(2025, 8, 15), dt.date(2025, 8, 31))
    assert frame.equals(before)
