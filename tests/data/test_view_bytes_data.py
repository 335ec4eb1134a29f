"""Detail bounded by the view on the shipped data: a size invariant, not a time (issue 16).

At every zoom from 5 to 12 over the Kurdistan Region, the main map's HTML (either
basemap, every feature selected) stays within the budget of the benchmark's part
:mod:`lib.tools.bench.view_bytes`: the detail sent grows with the view, not the country.
"""

from __future__ import annotations

import pytest

from lib.maps.main_map import draw_main_map
from lib.model.map_view import MapView
from lib.model.select import select
from lib.tools.bench.view_bytes import CENTRES, VIEW_BYTES_MAX, ZOOMS


@pytest.fixture(scope="module")
def selection(catalog, all_filters):
    return select(catalog, all_filters)


@pytest.mark.parametrize("basemap", ["online", "offline"])
@pytest.mark.parametrize(("name", "lat", "lon"), CENTRES, ids=[c[0] for c in CENTRES])
def test_map_html_stays_within_the_budget_at_every_zoom(
    catalog, selection, name, lat, lon, basemap
):
    # Offline: the built-in basemap's land, water and town labels are cut to the view too.
    sizes = {}
    for zoom in ZOOMS:
        fmap, _ = draw_main_map(catalog, selection, MapView(lat, lon, zoom), basemap=basemap)
        sizes[zoom] = len(fmap.get_root().render().encode("utf-8"))
    over = {z: n for z, n in sizes.items() if n > VIEW_BYTES_MAX}
    assert not over, f"{name}: map HTML over {VIEW_BYTES_MAX:,} bytes at {over}"


def test_the_whole_border_map_is_not_cut(catalog, selection):
    # No view (the overview, an export): every boundary feature is sent whole.
    fmap, _ = draw_main_map(catalog, selection)
    html = fmap.get_root().render()
    assert '"zbpart"' not in html
    for feature_id in catalog.boundaries.get("governorates", "overview")["id"]:
        assert f'"zbid":"{feature_id}"' in html
