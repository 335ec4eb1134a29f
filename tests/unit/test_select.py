"""What the main map draws is chosen apart from drawing: ``select`` and ``resolve_focus``."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from lib.model.focus import FocusTarget, resolve_focus
from lib.model.links import Focus
from lib.model.select import Selection, select, with_focused
from tests.unit.tiny_catalog import everything, tiny_catalog


@pytest.fixture(scope="module")
def tiny():
    return tiny_catalog()


@pytest.fixture(scope="module")
def show_all(tiny):
    return everything(tiny)


# --- resolve_focus -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("focus", "label", "lat", "lon"),
    [
        (Focus("site", "a-hq"), "A headquarters", 37.0, 45.0),
        (Focus("crossing", "x-one"), "Crossing One", 35.0, 46.0),
        (Focus("event", "e-protest"), "A protest", 36.2, 45.2),
        (Focus("place", "p-city"), "Test City", 35.2, 44.2),
    ],
)
def test_a_point_feature_resolves_to_its_coordinate(tiny, focus, label, lat, lon):
    assert resolve_focus(tiny, focus) == FocusTarget(focus, label, lat, lon)


def test_an_area_resolves_to_a_point_inside_and_padded_bounds(tiny):
    target = resolve_focus(tiny, Focus("boundary", "kri"))
    assert target.label == "Kurdistan Region"
    assert 36 < target.lat < 38 and 44 < target.lon < 46
    (south, west), (north, east) = target.bounds
    assert (south, west, north, east) == pytest.approx((35.85, 43.85, 38.15, 46.15))


def test_a_group_resolves_to_its_sites(tiny):
    target = resolve_focus(tiny, Focus("group", "AAA"))
    assert target.label == "Group A"
    assert (target.lat, target.lon) == pytest.approx((36.25, 44.75))
    (south, west), (north, east) = target.bounds
    assert (south, west, north, east) == pytest.approx((35.35, 44.35, 37.15, 45.15))


def test_a_claim_resolves_to_what_it_is_about(tiny):
    length = resolve_focus(tiny, Focus("claim", "c-length"))
    assert length.focus == Focus("boundary", "iraq-iran-border") and length.bounds is not None
    date = resolve_focus(tiny, Focus("claim", "c-date"))
    assert date.focus == Focus("event", "e-deal") and (date.lat, date.lon) == (35.6, 44.6)
    camps = resolve_focus(tiny, Focus("claim", "c-camps"))
    # The camps in use after the relocation: only a-camp in the tiny data.
    assert camps.label == "Two camps" and (camps.lat, camps.lon) == pytest.approx((35.5, 44.5))


@pytest.mark.parametrize(
    "focus",
    [
        None,
        Focus("crossing", "x-none"),  # no coordinate
        Focus("event", "e-unplaced"),
        Focus("site", "no-such-site"),
        Focus("boundary", "no-such-area"),
        Focus("group", "ZZZ"),  # no sites
        Focus("town", "12345"),  # no gazetteer loaded
        Focus("claim", "no-such-claim"),
        Focus("article", "a-test"),  # not a map kind
    ],
)
def test_nothing_to_show_resolves_to_none(tiny, focus):
    assert resolve_focus(tiny, focus) is None


# --- select -------------------------------------------------------------------------


def test_select_keeps_what_the_filters_keep_and_counts_what_is_drawn(tiny, show_all):
    selection = select(tiny, show_all)
    assert isinstance(selection, Selection)
    assert list(selection.sites["site_id"]) == ["a-hq", "a-camp", "b-base"]
    assert list(selection.crossings["crossing_id"]) == ["x-one", "x-none"]
    assert list(selection.crossings_on_map["crossing_id"]) == ["x-one"]
    assert len(selection.events) == 4
    assert list(selection.events_on_map["event_id"]) == ["e-protest", "e-deal"]
    assert selection.counts == {"sites": 3, "crossings": 1, "events": 2}
    assert selection.focus is None and selection.target is None and selection.place is None
    assert selection.border_km == pytest.approx(444.3, abs=0.5)
    assert selection.article_km == 450.0


def test_select_applies_group_date_and_confidence_filters(tiny, show_all):
    only_b = select(tiny, dataclasses.replace(show_all, groups=frozenset({"BBB"})))
    assert list(only_b.sites["site_id"]) == ["b-base"]
    # Events not tied to a group follow the "none" choice; e-unplaced names BBB.
    assert list(only_b.events["event_id"]) == ["e-unplaced"]
    sure = select(tiny, dataclasses.replace(show_all, min_confidence="medium"))
    assert "a-camp" not in set(sure.sites["site_id"])
    recent = select(tiny, dataclasses.replace(show_all, date_from=dt.date(2023, 1, 1)))
    assert set(recent.events["event_id"]) == {"e-deal", "e-abroad", "e-unplaced"}
    assert "a-hq" not in set(recent.sites["site_id"])  # ended in 2020


def test_a_focused_feature_is_kept_though_the_filters_hide_it(tiny, show_all):
    only_b = dataclasses.replace(show_all, groups=frozenset({"BBB"}))
    selection = select(tiny, only_b, Focus("site", "a-hq"))
    assert list(selection.sites["site_id"]) == ["b-base", "a-hq"]
    assert selection.counts["sites"] == 2
    assert selection.target.label == "A headquarters"
    # Already shown: not added twice.
    again = select(tiny, show_all, Focus("site", "a-hq"))
    assert list(again.sites["site_id"]).count("a-hq") == 1
    # A focused event without a coordinate is listed, not counted as drawn.
    unplaced = select(
        tiny, dataclasses.replace(only_b, groups=frozenset()), Focus("event", "e-deal")
    )
    assert list(unplaced.events["event_id"]) == ["e-deal"] and unplaced.counts["events"] == 1


def test_with_focused_only_adds_a_row_of_its_own_kind(tiny, show_all):
    sites = tiny.curated.sites
    none = sites.iloc[0:0]
    assert with_focused(none, sites, "site_id", None).empty
    assert with_focused(none, sites, "site_id", Focus("event", "a-hq")).empty
    assert with_focused(none, sites, "site_id", Focus("site", "missing")).empty
    assert list(with_focused(none, sites, "site_id", Focus("site", "b-base"))["site_id"]) == [
        "b-base"
    ]


def test_a_focused_place_brings_its_record(tiny, show_all):
    selection = select(tiny, show_all, Focus("place", "p-city"))
    assert selection.place["name"] == "Test City" and "geometry" not in selection.place
    assert select(tiny, show_all, Focus("town", "1")).place is None  # no gazetteer


def test_highlights_are_resolved_to_points_and_areas(tiny, show_all):
    highlights = (
        Focus("group", "AAA"),
        Focus("boundary", "dis-one"),
        Focus("event", "e-deal"),
        Focus("crossing", "x-none"),
        Focus("boundary", "nowhere"),
    )
    group, area, event, unplaced, missing = select(tiny, show_all, None, highlights).highlights
    assert group.points == ((37.0, 45.0), (35.5, 44.5)) and group.area is None
    assert area.points == () and area.area.bounds == (44.0, 35.0, 45.0, 36.0)
    assert event.points == ((35.6, 44.6),)
    assert unplaced.points == () and unplaced.area is None
    assert missing.points == () and missing.area is None
