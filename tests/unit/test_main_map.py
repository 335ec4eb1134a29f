"""The main map: what it draws, how it says where things come from, and what it measures.

Built on the tiny made-up catalog of :mod:`tests.unit.tiny_catalog`, so editing the
project's data never breaks these counts (invariants on the real data:
``tests/data/test_main_map_data.py``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

import branca.element
import folium
import jinja2
import pandas as pd
import pytest
from pyproj import Geod

from lib.maps import base_map
from lib.maps.main_map import build_main_map, draw_main_map
from lib.maps.marks import mark_path
from lib.maps.styles import CATEGORY_LETTERS, EVENTS_DRAWN_ONE_BY_ONE, SYMBOL_SIZE
from lib.model.filters import group_marks
from lib.model.links import Focus
from lib.model.map_view import MapView
from lib.model.select import select
from tests.map_html import compact_keys
from tests.unit.tiny_catalog import everything, tiny_catalog


@pytest.fixture(scope="module")
def tiny():
    return tiny_catalog()


@pytest.fixture(scope="module")
def show_all(tiny):
    return everything(tiny)


def rendered(fmap) -> str:
    return compact_keys(fmap.get_root().render())


def without_ids(html: str) -> str:
    return re.sub(r"[0-9a-f]{32}", "X", html)


def test_border_length_is_measured_from_the_data(tiny, show_all):
    # Recomputed independently, segment by segment, with pyproj's inverse.
    line = tiny.boundaries.get("border", "detail").geometry.iloc[0]
    lons, lats = zip(*line.coords, strict=True)
    _, _, distances = Geod(ellps="WGS84").inv(lons[:-1], lats[:-1], lons[1:], lats[1:])
    _, contents = build_main_map(tiny, show_all)
    assert contents.border_km == pytest.approx(sum(distances) / 1000, rel=1e-6)


def test_map_draws_every_item_that_passes_the_filters(tiny, show_all):
    fmap, contents = build_main_map(tiny, show_all)
    html = rendered(fmap)
    # Not drawn: the crossing without a coordinate, the event abroad, the unplaced event.
    assert contents.counts == {"sites": 3, "crossings": 1, "events": 2}
    assert html.count('"zb-symbol zb-site ') == 3
    assert html.count('"zb-symbol zb-crossing"') == 1
    assert html.count('"zb-symbol zb-event ') == 2
    assert "zb-event-e-abroad" not in html and "zb-event-e-unplaced" not in html
    # ...but listed in what the map contains (for the table under it).
    assert set(contents.crossings["crossing_id"]) == {"x-one", "x-none"}
    assert len(contents.events) == 4


def test_group_filter_changes_what_is_drawn(tiny, show_all):
    only_b = dataclasses.replace(show_all, groups=frozenset({"BBB"}))
    fmap, contents = build_main_map(tiny, only_b)
    html = rendered(fmap)
    assert contents.counts["sites"] == 1
    assert "zb-site-b-base" in html and "zb-site-a-hq" not in html


def test_stand_in_sites_get_uncertainty_rings_and_exact_ones_do_not(tiny, show_all):
    html = rendered(build_main_map(tiny, show_all)[0])
    # a-camp (town precision: the default ring) and b-base (its own 12 km ring).
    assert html.count('"className":"zb-ring zb-ring-site-') == 2  # each names its site
    assert '"radius":12000.0' in html
    # The dashed symbol sits inside the marker's escaped icon HTML.
    assert 'stroke-dasharray=\\"3 2\\"' in html


def test_popups_name_sources_precision_and_confidence(tiny, show_all):
    html = rendered(build_main_map(tiny, show_all)[0])
    assert "<li>Source about a-hq</li><li>second source</li>" in html
    assert "stand-in: nearest town" in html
    assert "<th>Confidence</th><td>low</td>" in html
    assert "<th>Licence</th><td>CC0 (test)</td>" in html


def test_boundary_layers_switch_to_detail_when_zoomed_in(tiny, show_all):
    overview = rendered(build_main_map(tiny, show_all, MapView(36.0, 45.0, 6))[0])
    # Opened on the border's bend: the detail line's vertex there is drawn, rounded to
    # the decimals the zoom needs (view-bounded detail, issue 16).
    detail = rendered(build_main_map(tiny, show_all, MapView(35.0, 46.0, 12))[0])
    assert "46.0123" in detail and "46.0123" not in overview
    assert '"zb-kurdistan-region"' in overview and '"zb-border"' in overview


def test_hostile_text_in_the_data_is_escaped(tiny, show_all):
    hostile = tiny.curated.sites.copy()
    hostile.loc[hostile.index[0], "name"] = "<img src=x onerror=alert(1)>`${alert(2)}`"
    hostile.loc[hostile.index[0], "sources"] = "<script>alert(3)</script>"
    poisoned = dataclasses.replace(tiny, curated=dataclasses.replace(tiny.curated, sites=hostile))
    html = rendered(build_main_map(poisoned, show_all)[0])
    assert "<img src=x" not in html and "<script>alert(3)" not in html and "${alert(2)}" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_template_syntax_in_the_data_is_shown_never_run(tiny, show_all):
    # branca wraps every rendered script in a new Jinja template; data text inside
    # must not be compiled again (server-side template injection).
    hostile = tiny.curated.sites.copy()
    hostile.loc[hostile.index[0], "name"] = "Camp {{ 7*7 }} {% if true %}yes{% endif %}"
    hostile.loc[hostile.index[1], "notes"] = "{{ self.__init__.__globals__ }} {# hidden #} {%"
    poisoned = dataclasses.replace(tiny, curated=dataclasses.replace(tiny.curated, sites=hostile))
    html = rendered(build_main_map(poisoned, show_all)[0])
    assert "Camp {{ 7*7 }} {% if true %}yes{% endif %}" in html
    assert "{{ self.__init__.__globals__ }} {# hidden #} {%" in html
    assert "Camp 49" not in html


def test_disputed_territories_are_drawn_with_a_toggle_legend_and_popups(tiny, show_all):
    html = rendered(build_main_map(tiny, show_all)[0])
    assert '"zb-disputed"' in html and '"dashArray":"7 5"' in html
    assert html.count("Disputed territories (Article 140)") >= 2  # layer control and legend
    assert "One district" in html and "IQG99Q01" in html and "UNAMI (test)" in html
    # The camp inside the district says so, from its (stand-in) coordinate.
    popup = html.split("A camp</h4>")[1].split("</table>")[0]
    assert (
        "<th>In a disputed territory</th><td>One district (West governorate; Article 140)"
        " — by its stand-in coordinate" in popup
    )
    # Switched off in the layer control when a view leaves it out, but still there.
    off = rendered(build_main_map(tiny, show_all, layers=frozenset({"border"}))[0])
    assert '"zb-disputed"' in off


def test_legend_lists_groups_and_is_open_only_on_the_overview(tiny, show_all):
    html = rendered(build_main_map(tiny, show_all)[0])
    assert "id='zb-legend' open><summary>Legend" in html
    # Groups by their short label; the border with both lengths (inside a JSON string).
    assert "/svg>AAA</div>" in html and "/svg>BBB</div>" in html
    assert "444 km measured \\u00b7 article: 450 km" in html
    focused = rendered(build_main_map(tiny, show_all, focus=Focus("site", "a-hq"))[0])
    assert "id='zb-legend'><summary>Legend" in focused


def test_a_focused_feature_is_drawn_ringed_and_opened_even_when_filtered_out(tiny, show_all):
    only_b = dataclasses.replace(show_all, groups=frozenset({"BBB"}))
    fmap, contents = build_main_map(tiny, only_b, focus=Focus("site", "a-hq"))
    html = rendered(fmap)
    assert "zb-site-a-hq" in html and contents.counts["sites"] == 2
    assert '"className":"zb-focus-ring"' in html
    assert re.search(r"setTimeout\(function\(\)\{ marker_[0-9a-f]{32}\.fire\('click'\);", html)
    assert contents.focus is not None and contents.focus.label == "A headquarters"
    # Opened on the point, at the focus zoom.
    assert '"zoom":9' in html


def test_a_focused_area_opens_its_own_popup_and_fits_its_bounds(tiny, show_all):
    html = rendered(build_main_map(tiny, show_all, focus=Focus("boundary", "kri"))[0])
    assert 'f.properties.zbid === "kri"' in html and "L.latLng(37.00000, 45.00000)" in html
    assert "fitBounds" in html and '"className":"zb-focus-ring"' not in html


def test_a_focused_place_gets_a_marker_of_its_own(tiny, show_all):
    html = rendered(build_main_map(tiny, show_all, focus=Focus("place", "p-city"))[0])
    assert '"zb-symbol zb-place"' in html and "Testville" in html


def test_highlights_ring_points_and_outline_areas(tiny, show_all):
    highlights = (Focus("group", "AAA"), Focus("boundary", "dis-one"), Focus("event", "e-deal"))
    html = rendered(build_main_map(tiny, show_all, highlights=highlights)[0])
    # Two AAA sites and the event ringed; the district outlined (dashed).
    assert html.count('"className":"zb-highlight"') == 2 + 1 + 1
    assert '"dashArray":"10 6"' in html


def test_many_events_are_grouped_in_cells_but_the_focused_one_stands_alone(tiny, show_all):
    base = tiny.curated.events.iloc[[0]]
    n = EVENTS_DRAWN_ONE_BY_ONE + 50
    many = pd.concat([base] * n, ignore_index=True)
    many["event_id"] = [f"e-{i}" for i in range(n)]
    many["date"] = [dt.date(2022, 1, 1) + dt.timedelta(days=i) for i in range(n)]
    crowded = dataclasses.replace(tiny, curated=dataclasses.replace(tiny.curated, events=many))
    fmap, contents = build_main_map(crowded, show_all, focus=Focus("event", "e-7"))
    html = rendered(fmap)
    assert contents.counts["events"] == n
    assert html.count('"zb-symbol zb-event-cell"') == 1
    assert html.count('"zb-symbol zb-event ') == 1 and "zb-event-e-7" in html
    assert f"{n - 1:,} events around here" in html


def test_draw_only_draws_what_select_chose(tiny, show_all):
    focus = Focus("event", "e-deal")
    built, _ = build_main_map(tiny, show_all, focus=focus)
    drawn, contents = draw_main_map(tiny, select(tiny, show_all, focus))
    assert without_ids(rendered(built)) == without_ids(rendered(drawn))
    assert contents.counts == {"sites": 3, "crossings": 1, "events": 2}


def test_fast_render_is_the_plain_render_and_leaves_branca_alone(tiny, show_all, monkeypatch):
    assert branca.element.Template is jinja2.Template  # importing lib.maps patches nothing
    fast = rendered(build_main_map(tiny, show_all, focus=Focus("site", "b-base"))[0])
    assert branca.element.Template is jinja2.Template  # put back after the render
    monkeypatch.setattr(base_map.ZbMap, "render", folium.Map.render)
    monkeypatch.setattr(base_map.ZbFigure, "render", branca.element.Figure.render)
    plain = rendered(build_main_map(tiny, show_all, focus=Focus("site", "b-base"))[0])
    assert without_ids(fast) == without_ids(plain)


def _icons(html: str) -> dict[str, str]:
    """Each marker icon's markup, by its class list."""
    found = re.findall(r'"html":(".*?"),\s*"iconSize".*?"className":"([^"]+)"', html, re.S)
    return {classes: json.loads(markup) for markup, classes in found}


def test_groups_and_categories_are_told_apart_by_marks_not_only_colour(tiny, show_all):
    """Each site carries its group's mark, each event its category's letter; the legend too."""
    html = rendered(build_main_map(tiny, show_all)[0])
    half = SYMBOL_SIZE["site"] / 2
    marks = group_marks(tiny.curated.groups)
    assert marks["AAA"] != marks["BBB"]
    icons = _icons(html)
    sites = {cls.split()[-1]: icon for cls, icon in icons.items() if "zb-site" in cls.split()}
    assert len(sites) == len(tiny.curated.sites) == 3
    for site in tiny.curated.sites.itertuples():
        icon = sites[f"zb-site-{site.site_id}"]
        assert mark_path(marks[site.group], half, half, half * 0.78) in icon
    events = {cls.split()[-1]: icon for cls, icon in icons.items() if "zb-event" in cls.split()}
    assert events, "the tiny catalog has events drawn one by one"
    for event in tiny.curated.events.itertuples():
        if f"zb-event-{event.event_id}" in events:
            icon = events[f"zb-event-{event.event_id}"]
            assert f">{CATEGORY_LETTERS[event.category]}</text>" in icon
    legend = html.split("<h5>Groups</h5>")[1]
    for mark in set(marks.values()) - {"plain"}:
        assert mark_path(mark, 8.0, 8.0, 8 * 0.78) in legend


def test_the_live_map_offers_a_redraw_for_the_window_it_drew(tiny, show_all):
    view = MapView(36.5, 45.0, 10)
    plain = rendered(draw_main_map(tiny, select(tiny, show_all), view)[0])
    assert "Redraw for this view" not in plain
    live = rendered(draw_main_map(tiny, select(tiny, show_all), view, redraw=True)[0])
    assert "Redraw for this view" in live
    box = re.search(r"var box = \[([^\]]+)\], drawnZoom = 10, lod = \"detail\";", live)
    assert box is not None
    west, south, east, north = (float(v) for v in box.group(1).split(","))
    assert west < 45.0 < east and south < 36.5 < north
    # The overview (no view) has no window: the button shows once zoomed into detail.
    overview = rendered(draw_main_map(tiny, select(tiny, show_all), redraw=True)[0])
    assert 'var box = null, drawnZoom = null, lod = "overview";' in overview
