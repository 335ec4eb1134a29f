"""Point-in-disputed-district logic and the popup text, on small polygons made here."""

from __future__ import annotations

import dataclasses

import geopandas as gpd
import shapely

from lib.analysis.disputed import (
    DISPUTED_LAYER,
    DISPUTED_ROW_LABEL,
    disputed_at,
    disputed_text,
    with_stand_in_caveat,
)
from lib.data.boundaries import BoundaryLayers
from lib.maps.main_map import build_main_map


def districts(*rows: tuple[str, str, str, shapely.Polygon]) -> gpd.GeoDataFrame:
    if not rows:
        return gpd.GeoDataFrame({"id": [], "name": []}, geometry=[], crs=4326)
    return gpd.GeoDataFrame(
        [
            {
                "id": f"disputed-{name.lower()}",
                "name": f"{name} district",
                "governorate": governorate,
                "extent": extent,
                "confidence": "high" if extent == "whole" else "low",
                "geometry": geometry,
            }
            for name, governorate, extent, geometry in rows
        ],
        geometry="geometry",
        crs=4326,
    )


SQUARE = shapely.box(43.0, 35.0, 44.0, 36.0)
NEXT_DOOR = shapely.box(44.0, 35.0, 45.0, 36.0)


def test_points_inside_outside_and_on_the_edge():
    frame = districts(("Alpha", "Erbil", "whole", SQUARE), ("Beta", "Diyala", "part", NEXT_DOOR))
    result = disputed_at([43.5, 44.5, 46.0, 44.0, float("nan")], [35.5, 35.5, 35.5, 35.2, 1], frame)
    assert result[0] == "Alpha district (Erbil governorate; Article 140)"
    assert result[1] == (
        "Beta district (Diyala governorate; Article 140; only part of the district is "
        "disputed; low confidence)"
    )
    assert result[2] is None and result[4] is None
    # On the shared edge: counted in, the first district by id.
    assert result[3].startswith("Alpha district")


def test_no_districts_or_no_points():
    assert disputed_at([43.5], [35.5], districts()) == [None]
    assert disputed_at([43.5], [35.5], None) == [None]
    assert disputed_at([], [], districts(("Alpha", "Erbil", "whole", SQUARE))) == []


def test_text_without_governorate_and_the_stand_in_caveat():
    assert disputed_text({"name": "Gamma district"}) == "Gamma district (Article 140)"
    assert with_stand_in_caveat("X (Article 140)", "site") == "X (Article 140)"
    assert with_stand_in_caveat("X (Article 140)", "town").endswith("by its stand-in coordinate")
    assert with_stand_in_caveat(None, "town") is None


def test_site_and_event_popups_say_they_are_in_a_disputed_district(catalog, all_filters):
    # A made-up district around Koya (KDPI headquarters) and nothing else.
    koya = shapely.Point(44.6297, 36.0831).buffer(0.05)
    frames = {layer: dict(lods) for layer, lods in catalog.boundaries.frames.items()}
    frames[DISPUTED_LAYER] = {
        "detail": districts(("Testland", "Erbil", "whole", koya)),
        "overview": districts(("Testland", "Erbil", "whole", koya)),
    }
    doctored = dataclasses.replace(catalog, boundaries=BoundaryLayers(frames=frames))
    html = build_main_map(doctored, all_filters)[0].get_root().render()
    row = f"<th>{DISPUTED_ROW_LABEL}</th><td>Testland district (Erbil governorate; Article 140)"
    sites_at_koya = catalog.curated.sites.geometry.within(koya).sum()
    events_at_koya = catalog.curated.events.geometry.within(koya).sum()
    assert sites_at_koya >= 1 and events_at_koya >= 1
    assert html.count(row) == sites_at_koya + events_at_koya
    # Nothing is said of places outside it (Makhmour is no longer disputed in this map).
    assert "Makhmour district (" not in html
