"""The main map on the shipped data: invariants that hold whatever the data say (no counts)."""

from __future__ import annotations

import dataclasses

import pytest
from pyproj import Geod

from lib.data.rows import events_on_map, split_sources
from lib.maps.main_map import build_main_map
from lib.maps.popups import esc
from lib.maps.styles import EVENTS_DRAWN_ONE_BY_ONE
from lib.model.filters import group_label, group_marks
from lib.model.focus import resolve_focus
from lib.model.links import Focus
from lib.model.select import select
from tests.map_html import compact_keys


@pytest.fixture(scope="module")
def default_map(catalog, all_filters):
    fmap, contents = build_main_map(catalog, all_filters)
    return compact_keys(fmap.get_root().render()), contents


def test_the_border_length_is_the_geodesic_length_of_the_detailed_line(catalog, default_map):
    line = catalog.boundaries.get("border", "detail").geometry.iloc[0]
    lons, lats = zip(*line.coords, strict=True)
    _, _, distances = Geod(ellps="WGS84").inv(lons[:-1], lats[:-1], lons[1:], lats[1:])
    _, contents = default_map
    assert contents.border_km == pytest.approx(sum(distances) / 1000, rel=0.005)


def test_everything_located_that_the_filters_keep_is_drawn(catalog, default_map):
    html, contents = default_map
    c = catalog.curated
    located_events = int(events_on_map(c.events).sum())
    located_crossings = int(c.crossings.geometry.notna().sum())
    assert contents.counts == {
        "sites": len(c.sites),
        "crossings": located_crossings,
        "events": located_events,
    }
    assert html.count('"zb-symbol zb-site ') == len(c.sites)
    assert html.count('"zb-symbol zb-crossing"') == located_crossings
    if located_events <= EVENTS_DRAWN_ONE_BY_ONE:
        assert html.count('"zb-symbol zb-event ') == located_events


def test_every_stand_in_site_has_a_ring_and_every_site_names_its_sources(catalog, default_map):
    html, _ = default_map
    sites = catalog.curated.sites
    assert html.count('"className":"zb-ring zb-ring-site-') == int(
        (sites["precision"] != "site").sum()
    )
    for sources in sites["sources"]:
        for source in split_sources(sources):
            assert f"<li>{esc(source, 400)}</li>" in html


def test_the_legend_names_every_group(catalog, default_map):
    html, _ = default_map
    legend = html.split("zbLegend.onAdd")[1].split("zbLegend.addTo")[0]
    groups = catalog.curated.groups
    for group_id, name in zip(groups["group_id"], groups["name"], strict=True):
        # Inside a JSON string, where non-ASCII letters are written as \\uXXXX escapes.
        label = esc(group_label(group_id, name)).encode("ascii", "backslashreplace").decode()
        assert f"{label}</div>" in legend


def test_every_feature_a_link_may_name_resolves_or_says_there_is_nothing(catalog):
    for kind, ids in catalog.focus_ids().items():
        for ref in sorted(ids)[:200]:
            target = resolve_focus(catalog, Focus(kind, ref))
            if target is not None:
                assert -90 <= target.lat <= 90 and -180 <= target.lon <= 180
    # Every located site, crossing and event resolves to its own coordinate.
    for kind in ("site", "crossing", "event"):
        frame, key, _ = catalog.feature_table(kind)
        for ref, point in zip(frame[key], frame.geometry, strict=True):
            target = resolve_focus(catalog, Focus(kind, ref))
            if point is None:
                assert target is None
            else:
                assert (target.lat, target.lon) == (point.y, point.x)


def test_every_claim_opens_the_map_somewhere(catalog):
    for claim_id in catalog.curated.claims["claim_id"]:
        assert resolve_focus(catalog, Focus("claim", claim_id)) is not None


def test_a_focused_site_is_drawn_whatever_the_filters(catalog, all_filters):
    nothing = dataclasses.replace(all_filters, groups=frozenset())
    for site_id in catalog.curated.sites["site_id"]:
        selection = select(catalog, nothing, Focus("site", site_id))
        assert list(selection.sites["site_id"]) == [site_id]
        assert selection.target is not None


def test_every_group_has_its_own_colour_and_its_own_mark(catalog) -> None:
    """Nothing by colour alone: the real groups differ by mark as well as by colour."""
    groups = catalog.curated.groups
    marks = group_marks(groups)
    assert len(set(marks.values())) == len(groups)
    assert len(set(groups["colour"])) == len(groups)
    # Every group that has a site on the map has a figure in its symbol, or is the one plain.
    assert list(marks.values()).count("plain") <= 1
