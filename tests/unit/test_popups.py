"""Every text that reaches map HTML is escaped, template literals included."""

from __future__ import annotations

import folium
import geopandas as gpd
import pytest
from shapely.geometry import Point

from lib.data.boundaries import BoundaryLayers
from lib.maps.base_map import TOWN_LABEL_ZOOM, Snippet, add_offline_basemap, town_label_css
from lib.maps.marks import GROUP_MARKS, mark_path
from lib.maps.popups import esc, popup_html, tooltip_html
from lib.maps.symbols import symbol_svg

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "`;alert(1);`",
    "${alert(1)}",
    "\\`",
    "javascript:alert(1)",
]


def test_escape_neutralises_html_and_template_literals():
    for payload in PAYLOADS:
        out = esc(payload)
        assert "<" not in out and ">" not in out and "`" not in out and "$" not in out
        assert '"' not in out and "\\" not in out


def test_escape_cuts_very_long_text():
    assert len(esc("x" * 50_000, limit=100)) == 101


def test_popup_escapes_every_field_and_lists_sources():
    html = popup_html(
        PAYLOADS[0], [("Group", PAYLOADS[1]), ("Empty", "")], [PAYLOADS[2]], kind="Site"
    )
    assert "<script>" not in html and "<img" not in html and "`" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<th>Group</th>" in html and "Empty" not in html
    assert "<b>Sources</b>" in html


def test_tooltip_escapes_title_and_subtitle():
    html = tooltip_html("<b>x</b>", "${y}")
    assert html.startswith("<b>&lt;b&gt;x&lt;/b&gt;</b>") and "&#36;{y}" in html


# --- the markup as the templates render it --------------------------------------------


def test_popup_markup_is_one_line_in_a_fixed_order():
    html = popup_html(
        "T",
        [("A", 1), ("B", None), ("C", ())],
        ["s1", "s2"],
        kind="Site",
        passages=[("q", "http://x/?a=1&b=2")],
    )
    assert html == (
        "<div class='zb-popup'><div class='zb-kind'>Site</div><h4>T</h4><table>"
        "<tr><th>A</th><td>1</td></tr></table><div class='zb-passages'><b>In the article</b>"
        "<ul><li>“q” <a href='http://x/?a=1&amp;b=2' target='_blank' rel='noopener'>"
        "read in the article</a></li></ul></div><div class='zb-sources'><b>Sources</b>"
        "<ul><li>s1</li><li>s2</li></ul></div></div>"
    )
    assert tooltip_html("T") == "<b>T</b>"


def test_popup_takes_sources_as_any_iterable_and_escapes_passages():
    html = popup_html("T", [], iter(()), passages=[("<q>", "javascript:`x`")])
    assert "Sources" not in html and "zb-kind" not in html
    assert "“&lt;q&gt;”" in html and "href='javascript:&#96;x&#96;'" in html


def test_symbols_render_as_before():
    # Low confidence: a "?" badge at the top right (the centre is the group mark's).
    assert symbol_svg("diamond", "#fff", True, True, 18) == (
        '<svg width="18" height="18" viewBox="0 0 18 18" opacity="0.8">'
        '<polygon points="9.0,1 17,9.0 9.0,17 1,9.0" fill="#fff" stroke="#111" stroke-width="2"'
        ' stroke-dasharray="3 2"/><circle cx="13.5" cy="4.5" r="4" fill="#fff" stroke="#111"'
        ' stroke-width="1"/><text x="13.5" y="7.4" text-anchor="middle"'
        ' font-family="Arial,Helvetica,sans-serif" font-size="7.5" font-weight="700"'
        ' fill="#111">?</text></svg>'
    )
    assert symbol_svg("square", "#123456", False, False) == (
        '<svg width="22" height="22" viewBox="0 0 22 22"><rect x="2" y="2" width="18"'
        ' height="18" fill="#123456" stroke="#111" stroke-width="2"/></svg>'
    )
    # A colour from the data cannot break out of its attribute.
    assert 'fill="&quot;&gt;&lt;script' in symbol_svg("circle", '"><script>', False, False)
    with pytest.raises(KeyError):
        symbol_svg("hexagon", "#fff", False, False)
    with pytest.raises(KeyError):
        symbol_svg("circle", "#fff", False, False, mark="star")


def test_symbols_carry_a_group_mark_or_a_category_letter():
    """Colour is never the only sign: the mark's own path, or the letter, is in the symbol."""
    plain = symbol_svg("circle", "#123456", False, False, 22)
    assert "<path" not in plain
    paths = set()
    for mark in GROUP_MARKS:
        svg = symbol_svg("circle", "#123456", False, False, 22, mark=mark)
        if mark == "plain":
            assert svg == plain
            continue
        d = mark_path(mark, 11.0, 11.0, 11 * 0.78)
        assert f'<path d="{d}" fill="#fff"' in svg
        paths.add(d)
    assert len(paths) == len(GROUP_MARKS) - 1
    event = symbol_svg("triangle", "#DDAA33", False, False, 20, letter="<b>")
    assert ">&lt;b…</text>" in event and "<b>" not in event  # cut to two characters, escaped
    assert '">!</text>' in symbol_svg("triangle", "#DDAA33", False, False, 20, letter="!")


def test_town_labels_show_from_their_zoom():
    css = town_label_css()
    assert css.startswith(
        "<style>.zb-town { display: none; }\n.zb-zoom-4 .zb-r0, .zb-zoom-5 .zb-r0"
    )
    assert css.endswith(" { display: block; }</style>")
    assert css.count("{ display: block; }") == len(TOWN_LABEL_ZOOM)


def test_town_labels_are_data_in_one_script_and_a_hostile_name_stays_text():
    towns = gpd.GeoDataFrame(
        {"id": ["a", "b"], "name": ["Penjwen", "</script><img src=x onerror=alert(1)>"],
         "labelrank": [2, 9]},
        geometry=[Point(45.94, 35.62), Point(45.5, 36.1)], crs="EPSG:4326",
    )  # fmt: skip
    fmap = folium.Map(location=(36, 45), tiles=None)
    add_offline_basemap(fmap, BoundaryLayers({"basemap_towns": {"overview": towns}}), "overview")
    html = fmap.get_root().render()
    # One call draws every town from one array, on the basemap's group.
    assert html.count("zbTownLabels(feature_group_") == 1
    assert '[35.62, 45.94, 2, "Penjwen"]' in html
    # The hostile name is JSON inside the script (it cannot close it) and becomes a text
    # node in the browser (createTextNode), never HTML.
    assert "</script><img" not in html
    assert "\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e" in html
    assert "folium.DivIcon" not in html and html.count("L.marker(") == 1  # the script's one


def test_a_snippet_names_its_map_in_the_script():
    fmap = folium.Map(location=(0, 0), tiles=None)
    fmap.add_child(Snippet("{{map}}.on('zoomend', function(){ {{map}}.invalidateSize(); });"))
    html = fmap.get_root().render()
    name = fmap.get_name()
    assert f"{name}.on('zoomend', function(){{ {name}.invalidateSize(); }});" in html
