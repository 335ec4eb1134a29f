"""The border page's charts (lib.story.border_charts): specs that carry the measured figures."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pandas as pd

from lib.analysis.border import measured_for
from lib.analysis.border.placement import place_on_border
from lib.data.catalog import Catalog
from lib.data.paths import RAW_DIR
from lib.maps.marks import mark_path
from lib.model.filters import group_marks
from lib.story.border_charts import chainage_chart, chainage_key_html, length_chart


def test_length_chart_has_a_bar_per_figure(catalog: Catalog) -> None:
    analysis = measured_for(catalog, RAW_DIR)
    spec = length_chart(analysis.lengths).to_dict()
    (rows,) = spec["datasets"].values()
    assert [r["figure"] for r in rows] == list(analysis.lengths["figure"])
    assert {r["kind"] for r in rows} == {"measured", "published"}


def test_chainage_chart_ends_at_the_border_length(catalog: Catalog) -> None:
    analysis = measured_for(catalog, RAW_DIR)
    border = analysis.border
    placed = pd.concat(
        [
            place_on_border(border, catalog.curated.crossings, "crossing_id", "crossing"),
            place_on_border(border, catalog.curated.sites, "site_id", "site"),
        ]
    )
    chart = chainage_chart(analysis.segments, placed, catalog.curated.groups, border.length_km)
    spec = chart.to_dict()
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, border.length_km]
    assert len(spec["layer"]) == 3


def _fixture_groups() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "group_id": ["A", "B", "unclear"],
            "name": ["A", "B", "Unclear"],
            "colour": ["#123456"] * 3,
        }
    )


def test_chainage_chart_sites_differ_by_mark_not_only_colour(catalog: Catalog) -> None:
    """Three groups of one colour: each still has its own symbol, named in the legend."""
    analysis = measured_for(catalog, RAW_DIR)
    placed = pd.DataFrame(
        {
            "kind": ["site", "site", "site", "crossing"],
            "name": ["One", "Two", "Three", "Gate"],
            "group": ["A", "B", "unclear", ""],
            "chainage_km": [10.0, 20.0, 30.0, 40.0],
            "distance_text": ["1 km"] * 4,
        }
    )
    spec = chainage_chart(analysis.segments, placed, _fixture_groups(), 100.0).to_dict()
    points = spec["layer"][2]["encoding"]
    keys = points["shape"]["scale"]["domain"]
    assert keys == ["A", "B", "Unclear", "Border crossing"]
    shapes = points["shape"]["scale"]["range"]
    assert len(set(shapes)) == 4, "one symbol per group and one for crossings"
    assert points["color"]["scale"]["domain"] == keys
    assert points["color"]["scale"]["range"][:3] == ["#123456"] * 3
    # The key beside it: the map's symbols with each group's mark, then the crossing.
    key = chainage_key_html(_fixture_groups(), placed)
    labels = re.findall(r"alt=''>([^<]+)</span>", key)
    assert labels == ["A", "B", "Unclear", "Border crossing"]
    uris = [unquote(u) for u in re.findall(r"src='data:image/svg\+xml,([^']+)'", key)]
    marks = group_marks(_fixture_groups())
    for uri, group in zip(uris, ["A", "B"], strict=False):
        assert uri.startswith('<svg xmlns="http://www.w3.org/2000/svg" ')
        assert mark_path(marks[group], 9.0, 9.0, 9 * 0.78) in uri
    assert len(set(uris)) == 4
    # Only what the chart draws is keyed.
    assert "Unclear" not in chainage_key_html(_fixture_groups(), placed.iloc[:2])
