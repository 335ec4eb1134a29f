"""Accessibility of the maps' markup (issue 15), on the tiny made-up catalog.

Every map's page says its language and has a title, leaves zooming to the reader,
names each marker (kind, name, precision, confidence: escaped), runs the keyboard
and motion script; the map as text lists what the selection draws; the timeline
chart has a text alternative. The browser side: ``tests/browser/test_a11y_browser.py``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

import pytest

from lib.analysis.border import measured_for
from lib.data.paths import GEODATA_DIR
from lib.maps.a11y import allow_zoom, feature_name
from lib.maps.main_map import draw_main_map
from lib.maps.symbols import labelled
from lib.maps.text_alternative import feature_items, map_text_html
from lib.model.select import select
from lib.story.border_charts import length_chart
from lib.story.timeline import timeline_chart, timeline_description, timeline_table
from tests.unit.tiny_catalog import everything, tiny_catalog

FOLIUM_VIEWPORT = (
    '<meta name="viewport" content="width=device-width,\n'
    '                initial-scale=1.0, maximum-scale=1.0, user-scalable=no" />'
)


@pytest.fixture(scope="module")
def tiny():
    return tiny_catalog()


@pytest.fixture(scope="module")
def selection(tiny):
    return select(tiny, everything(tiny))


@pytest.fixture(scope="module")
def page(tiny, selection) -> str:
    fmap, _ = draw_main_map(tiny, selection)
    return fmap.get_root().render()


def _names(html: str) -> list[str]:
    # Each marker's name sits in its icon's markup, a JSON string in folium's script.
    icons = [json.loads(m) for m in re.findall(r'"html": ("(?:[^"\\]|\\.)*")', html)]
    return [n for icon in icons for n in re.findall(r"<span class='zb-sr'>(.*?)</span>", icon)]


def test_a_map_page_has_a_language_a_title_and_a_viewport_that_allows_zoom(page):
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<title>Map of the Iraq–Iran border</title>" in page
    viewports = re.findall(r"<meta name=\"viewport\"[^>]*>", page)
    assert viewports == ['<meta name="viewport" content="width=device-width, initial-scale=1.0" />']


def test_allow_zoom_rewrites_folium_s_viewport_and_nothing_else():
    header = f"<style>a{{}}</style>{FOLIUM_VIEWPORT}<script>x</script>"
    fixed = allow_zoom(header)
    assert "user-scalable" not in fixed and "maximum-scale" not in fixed
    assert fixed.startswith('<style>a{}</style><meta name="viewport"')
    assert fixed.endswith("<script>x</script>")


def test_every_marker_is_named_by_kind_name_precision_and_confidence(page, selection):
    names = _names(page)
    # 3 sites, 1 located crossing, 2 events in the region: each has one name.
    assert len(names) == sum(selection.counts.values()) == 6
    assert "Relocation camp: A camp (AAA) — stand-in location, nearest town; low confidence" in (
        names
    )
    assert "Headquarters: A headquarters (AAA) — exact location; high confidence" in names
    assert any(n.startswith("Border crossing: Crossing One") for n in names)
    assert any(n.startswith("Event (agreement): A deal (2023-03-19) — stand-in") for n in names)
    # The keyboard and motion script runs in every map, and names its frame.
    assert "prefers-reduced-motion" in page and "_zbEnterClicks" in page
    assert '"Map of the Iraq\\u2013Iran border");' in page


def test_a_hostile_name_is_escaped_in_the_marker_s_label():
    html = labelled(feature_name("Base", "<img src=x onerror=alert(1)>`${x}`"), "<svg></svg>")
    assert "<img" not in html and "`" not in html and "${" not in html
    assert html.endswith("<svg></svg>") and "&lt;img src=x" in html


def test_feature_name_reads_as_one_line():
    assert feature_name("Place", "Test City") == "Place: Test City"
    assert (
        feature_name("Base", "B base", "area", "medium", "BBB")
        == "Base: B base (BBB) — stand-in location, wider area; medium confidence"
    )


def test_the_map_as_text_lists_what_the_selection_draws(selection):
    items = feature_items(selection)
    assert [(i.kind, i.name) for i in items] == [
        ("Headquarters", "A headquarters"),
        ("Relocation camp", "A camp"),
        ("Base", "B base"),
        ("Border crossing", "Crossing One"),
        ("Event (protest)", "A protest"),
        ("Event (agreement)", "A deal"),
    ]  # not drawn, not listed: the crossing and event without a coordinate, the one abroad
    # A limit builds only the first rows (a large store), in the same order.
    for limit in range(len(items) + 2):
        assert feature_items(selection, limit) == items[:limit]
    html = map_text_html(selection)
    assert html.startswith('<details class="zb-map-text">')
    assert "The map as text: 6 features (1 headquarters, 1 relocation camp, 1 base, " in html
    assert "1 border crossing, 2 events)" in html
    assert html.count("<tr><td>") == 6 and html.count('<th scope="col">') == 6
    assert "<td>2023-03-19</td>" in html and "stand-in: somewhere in the wider area" in html


def test_the_map_as_text_escapes_data_and_counts_what_it_leaves_out(tiny):
    hostile = tiny.curated.sites.assign(name="<b>bold</b> & co")
    catalog = dataclasses.replace(tiny, curated=dataclasses.replace(tiny.curated, sites=hostile))
    html = map_text_html(select(catalog, everything(catalog)), limit=2)
    assert "<b>" not in html and "&lt;b&gt;bold&lt;/b&gt; &amp; co" in html
    assert html.count("<tr><td>") == 2
    assert "And 4 more" in html


def test_the_timeline_chart_has_a_text_alternative_and_no_nameless_svg(tiny):
    filters = everything(tiny)
    table = timeline_table(tiny, filters, {})
    domain = (dt.date(2022, 1, 1), dt.date(2023, 12, 31))
    spec = timeline_chart(table, "category", {}, domain).to_dict()
    assert spec["description"] == timeline_description(len(table), "Category", domain)
    assert spec["description"].startswith(f"Timeline chart of {len(table)} events from January")
    # Drawn on a canvas: Vega's SVG brush marks have a role and no name.
    assert spec["usermeta"] == {"embedOptions": {"renderer": "canvas"}}


def test_the_length_chart_writes_each_bar_s_kind_not_only_its_colour(catalog) -> None:
    analysis = measured_for(catalog, GEODATA_DIR / "raw")
    (rows,) = length_chart(analysis.lengths).to_dict()["datasets"].values()
    assert [r["label"] for r in rows] == [
        f"{km:,.0f} · {kind}"
        for km, kind in zip(analysis.lengths["km"], analysis.lengths["kind"], strict=True)
    ]
    assert {r["label"].rsplit(" · ", 1)[1] for r in rows} == {"measured", "published"}
