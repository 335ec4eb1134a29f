"""The main map: what it draws, how it says where things come from, and what it measures."""

from __future__ import annotations

import dataclasses

from pyproj import Geod

from lib.data.curated import events_on_map
from lib.maps.main_map import build_main_map
from lib.model.map_view import MapView


def rendered(fmap) -> str:
    return fmap.get_root().render()


def test_border_length_is_measured_from_the_data(catalog, all_filters):
    # Recomputed independently, segment by segment, with pyproj's inverse.
    line = catalog.boundaries.get("border", "detail").geometry.iloc[0]
    lons, lats = zip(*line.coords, strict=True)
    _, _, distances = Geod(ellps="WGS84").inv(lons[:-1], lats[:-1], lons[1:], lats[1:])
    expected_km = sum(distances) / 1000
    _, contents = build_main_map(catalog, all_filters)
    assert abs(contents.border_km - expected_km) / expected_km < 0.005
    assert 1_550 < contents.border_km < 1_700


def test_map_draws_every_item_that_passes_the_filters(catalog, all_filters):
    fmap, contents = build_main_map(catalog, all_filters)
    html = rendered(fmap)
    # Every event with a coordinate in the map region is drawn (not New York, Washington,
    # nor a statement no source places).
    located = int(events_on_map(catalog.curated.events).sum())
    assert contents.counts == {"sites": 9, "crossings": 9, "events": located}
    assert html.count('"zb-symbol zb-site ') == 9
    assert html.count('"zb-symbol zb-crossing"') == 9
    assert html.count('"zb-symbol zb-event ') == located


def test_group_filter_changes_what_is_drawn(catalog, all_filters):
    only_pjak = dataclasses.replace(all_filters, groups=frozenset({"PJAK"}))
    fmap, contents = build_main_map(catalog, only_pjak)
    html = rendered(fmap)
    assert contents.counts["sites"] == 1
    assert "zb-site-pjak-qandil" in html and "zb-site-kdpi-koya-hq" not in html


def test_stand_in_sites_get_uncertainty_rings_and_exact_ones_do_not(catalog, all_filters):
    fmap, _ = build_main_map(catalog, all_filters)
    html = rendered(fmap)
    stand_ins = (catalog.curated.sites["precision"] != "site").sum()
    assert html.count('"className": "zb-ring"') == stand_ins == 9
    assert 'stroke-dasharray=\\"3 2\\"' in html or 'stroke-dasharray="3 2"' in html


def test_popups_name_sources_precision_and_confidence(catalog, all_filters):
    html = rendered(build_main_map(catalog, all_filters)[0])
    assert "en.majalla.com/node/300526 (Sep 2023)" in html  # Khalifan camp's single source
    assert "stand-in: nearest town" in html
    assert "<th>Confidence</th><td>low</td>" in html
    assert "ODbL 1.0" in html and "Natural Earth" in html and "OCHA" in html


def test_boundary_layers_switch_to_detail_when_zoomed_in(catalog, all_filters):
    overview = rendered(build_main_map(catalog, all_filters, MapView(35.5, 45.9, 6))[0])
    detail = rendered(build_main_map(catalog, all_filters, MapView(35.5, 45.9, 11))[0])
    assert len(detail) > len(overview)
    assert '"zb-kurdistan-region"' in overview and '"zb-border"' in overview


def test_hostile_text_in_the_data_is_escaped(catalog, all_filters):
    hostile = catalog.curated.sites.copy()
    hostile.loc[hostile.index[0], "name"] = "<img src=x onerror=alert(1)>`${alert(2)}`"
    hostile.loc[hostile.index[0], "sources"] = "<script>alert(3)</script>"
    poisoned = dataclasses.replace(
        catalog, curated=dataclasses.replace(catalog.curated, sites=hostile)
    )
    html = rendered(build_main_map(poisoned, all_filters)[0])
    assert "<img src=x" not in html and "<script>alert(3)" not in html and "${alert(2)}" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_disputed_territories_are_drawn_with_a_toggle_legend_and_popups(catalog, all_filters):
    html = rendered(build_main_map(catalog, all_filters)[0])
    assert '"zb-disputed"' in html and '"dashArray": "7 5"' in html
    assert html.count("Disputed territories (Article 140)") >= 2  # layer control and legend
    assert "Makhmour district" in html and "IQG11Q04" in html and "UNAMI" in html
    # The map's label no longer says the disputed territories lie outside the region.
    assert "disputed territories lie outside" not in html
    # The PAK camp near Makhmour says it is in a disputed district, from its coordinate.
    popup = html.split("Reported PAK relocation camp near Makhmour</h4>")[1].split("</table>")[0]
    assert (
        "<th>In a disputed territory</th><td>Makhmour district (Erbil governorate; Article 140)"
        in (popup)
    )
    # Switched off in the layer control when a view leaves it out.
    off = rendered(build_main_map(catalog, all_filters, layers=frozenset({"border"}))[0])
    assert '"zb-disputed"' in off
