"""The border page's Folium maps (lib.maps.border_maps): they build, escape and draw every part."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.analysis.border import BorderAnalysis, measured_for
from lib.analysis.border.placement import place_on_border
from lib.analysis.border.relocation import relocation_moves
from lib.analysis.border.zone import zone_band
from lib.data.catalog import Catalog
from lib.data.paths import RAW_DIR
from lib.maps.border_maps import build_segments_map, build_zone_map, screen_angle


@pytest.fixture(scope="module")
def analysis(catalog: Catalog) -> BorderAnalysis:
    result = measured_for(catalog, RAW_DIR)
    assert result is not None
    return result


@pytest.fixture(scope="module")
def placed_sites(analysis: BorderAnalysis, catalog: Catalog) -> pd.DataFrame:
    return place_on_border(analysis.border, catalog.curated.sites, "site_id", "site")


def test_screen_angle_points_the_arrow() -> None:
    assert screen_angle(45.0, 35.0, 45.0, 36.0) == pytest.approx(0.0)
    assert screen_angle(45.0, 35.0, 46.0, 35.0) == pytest.approx(90.0)
    assert screen_angle(45.0, 35.0, 44.0, 35.0) == pytest.approx(-90.0)


def test_segments_map_escapes_and_draws_every_segment(
    analysis: BorderAnalysis, catalog: Catalog
) -> None:
    crossings = place_on_border(
        analysis.border, catalog.curated.crossings, "crossing_id", "crossing"
    )
    hostile = crossings.copy()
    hostile.loc[hostile.index[0], "name"] = "<script>alert(`x${1}`)</script>"
    html = build_segments_map(analysis, hostile, tiles=False).get_root().render()
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert html.count("zb-segment") >= len(analysis.segments)
    # The maps' own stylesheet and km labels (template and static file) are in the page.
    # (folium writes a DivIcon's html as JSON, "<" as \u003c).
    assert ".zb-ba-km div" in html and "\\u003cdiv\\u003ekm 200\\u003c/div\\u003e" in html


def test_zone_map_draws_the_band_and_every_move(
    analysis: BorderAnalysis, placed_sites: pd.DataFrame, catalog: Catalog
) -> None:
    moves = relocation_moves(placed_sites)
    band = zone_band(analysis.border.line, 20, analysis.iraq)
    colours = dict(
        zip(catalog.curated.groups["group_id"], catalog.curated.groups["colour"], strict=True)
    )
    rendered = (
        build_zone_map(analysis, band, 20, placed_sites, moves, colours, tiles=False)
        .get_root()
        .render()
    )
    assert "zb-zone" in rendered and rendered.count("zb-arrowhead") == len(moves)
    assert rendered.count('points=\\"11,2 20,20 11,15 2,20\\"') == len(moves)
    komala = moves[moves["group"] == "Komala"].iloc[0]
    assert komala["distance_text"] in rendered or f"± {komala['plus_minus_km']:,.0f}" in rendered
