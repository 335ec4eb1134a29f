"""The border page's charts (lib.story.border_charts): specs that carry the measured figures."""

from __future__ import annotations

import pandas as pd

from lib.analysis.border import measured_for
from lib.analysis.border.placement import place_on_border
from lib.data.catalog import Catalog
from lib.data.paths import RAW_DIR
from lib.model.filters import group_colours
from lib.story.border_charts import chainage_chart, length_chart


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
    chart = chainage_chart(
        analysis.segments, placed, group_colours(catalog.curated.groups), border.length_km
    )
    spec = chart.to_dict()
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, border.length_km]
    assert len(spec["layer"]) == 3
