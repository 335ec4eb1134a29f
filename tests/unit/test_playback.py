"""Time playback: frames by week and month, when each event and site shows, the map control."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from lib.maps.main_map import draw_main_map
from lib.maps.playback import add_playback
from lib.model.playback import (
    MAX_FRAMES,
    PlaybackError,
    frame_index,
    make_frames,
    make_playback,
    site_in_use,
    span_indices,
)
from lib.model.select import select
from tests.unit.tiny_catalog import everything, tiny_catalog

D = dt.date


def test_months_cover_the_first_to_the_last_day_without_gaps() -> None:
    frames = make_frames(D(2023, 1, 31), D(2023, 3, 1), "month")
    assert [(f.start, f.end, f.label) for f in frames] == [
        (D(2023, 1, 1), D(2023, 1, 31), "January 2023"),
        (D(2023, 2, 1), D(2023, 2, 28), "February 2023"),
        (D(2023, 3, 1), D(2023, 3, 31), "March 2023"),
    ]


def test_weeks_run_monday_to_sunday() -> None:
    # 19 March 2023 (the Joint Security Agreement) was a Sunday.
    frames = make_frames(D(2023, 3, 19), D(2023, 3, 20), "week")
    assert [(f.start, f.end) for f in frames] == [
        (D(2023, 3, 13), D(2023, 3, 19)),
        (D(2023, 3, 20), D(2023, 3, 26)),
    ]
    assert frames[0].label == "Week of 13 Mar 2023"
    assert all(f.start.weekday() == 0 and (f.end - f.start).days == 6 for f in frames)


def test_a_bad_period_a_reversed_range_and_too_many_frames_are_refused() -> None:
    with pytest.raises(PlaybackError, match="period"):
        make_frames(D(2023, 1, 1), D(2023, 2, 1), "day")
    with pytest.raises(PlaybackError, match="before"):
        make_frames(D(2023, 2, 1), D(2023, 1, 1), "month")
    with pytest.raises(PlaybackError, match=str(MAX_FRAMES)):
        make_frames(D(2000, 1, 1), D(2023, 1, 1), "week")
    assert len(make_frames(D(2000, 1, 1), D(2023, 1, 1), "month")) == 277


def test_frame_index_and_spans() -> None:
    frames = make_frames(D(2023, 1, 1), D(2023, 4, 30), "month")
    assert frame_index(frames, D(2023, 2, 14)) == 1
    assert frame_index(frames, D(2022, 12, 31)) is None
    assert span_indices(frames, D(2022, 1, 1), D(2023, 2, 1)) == (0, 1)
    assert span_indices(frames, D(2023, 3, 31), D(2030, 1, 1)) == (2, 3)
    assert span_indices(frames, D(2024, 1, 1), D(2024, 2, 1)) is None


def test_a_sites_dates_may_be_a_decade_a_year_a_month_or_open() -> None:
    assert site_in_use("1980s", "2023-09") == (D(1980, 1, 1), D(2023, 9, 30))
    assert site_in_use("2024-09-05", None) == (D(2024, 9, 5), D.max)
    assert site_in_use(None, "1995") == (D.min, D(1995, 12, 31))
    # Not a date (the loaders report it): open, never an error on the map page.
    assert site_in_use("soon", "") == (D.min, D.max)


def test_make_playback_places_each_event_and_site_in_its_frames() -> None:
    catalog = tiny_catalog()
    filters = everything(catalog)
    selection = select(catalog, filters)
    playback = make_playback(selection.events_on_map, selection.sites, filters, "month")
    # From the first located event (May 2022) to the last (March 2023): the one far
    # away is not on the map and the unplaced one has no coordinate.
    assert playback.frames[0].label == "May 2022" and playback.frames[-1].label == "March 2023"
    assert playback.events == {"e-protest": 0, "e-deal": 10}
    # a-hq until 1 Jan 2020: never in these frames; a-camp from 2021: all of them.
    assert playback.sites == {"a-camp": (0, 10), "b-base": (0, 10)}


def test_the_filters_dates_bound_the_frames_and_no_dated_event_is_refused() -> None:
    catalog = tiny_catalog()
    filters = everything(catalog)
    selection = select(catalog, filters)
    narrow = type(filters)(filters.groups, D(2023, 1, 1), D(2023, 12, 31), "low")
    playback = make_playback(selection.events_on_map, selection.sites, narrow, "week")
    assert playback.frames[0].start == D(2023, 3, 13) and playback.events["e-deal"] == 0
    with pytest.raises(PlaybackError, match="no dated event"):
        make_playback(selection.events_on_map.iloc[0:0], selection.sites, filters, "month")


def test_the_map_gets_the_control_and_its_data_cannot_close_the_script() -> None:
    catalog = tiny_catalog()
    filters = everything(catalog)
    selection = select(catalog, filters)
    playback = make_playback(selection.events_on_map, selection.sites, filters, "month")
    hostile = "x</script><img src=x onerror=alert(1)>"
    playback.events[hostile] = 0
    fmap, _ = draw_main_map(catalog, selection, tiles=False)
    html = add_playback(fmap, playback, start=99).get_root().render()
    assert "zb-playback-date" in html and "zbPlayback(" in html
    assert html.count("</script>") == html.count("<script")  # nothing closed early
    assert "<img src=x" not in html
    # The start is clamped to the last frame; every label is there for the slider.
    data = re.search(r'"start": (\d+)', html)
    assert data is not None and int(data.group(1)) == len(playback.frames) - 1
    assert all(f.label in html for f in playback.frames)
    # Each site's ring carries the site's id, so the playback hides it with its site.
    assert "zb-ring-site-b-base" in html
