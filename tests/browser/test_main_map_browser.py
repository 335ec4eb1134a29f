"""The main page in a real browser that can reach nothing but the app."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest

from lib.geo.geodesy import format_km
from tests.apptest_utils import selected
from tests.browser import maps, waits

if TYPE_CHECKING:
    from tests.browser.conftest import OfflinePage

pytestmark = pytest.mark.browser

TILE_HOST_SUFFIXES = ("basemaps.cartocdn.com", "tile.openstreetmap.org")


def _is_tile(url: str) -> bool:
    return (urlsplit(url).hostname or "").endswith(TILE_HOST_SUFFIXES)


def test_main_map_draws_offline_with_border_region_and_sources(
    app_server: Callable[..., str],
    offline_page: OfflinePage,
    screenshot: Callable[..., Path],
    catalog,
    all_filters,
) -> None:
    page = offline_page.page
    page.goto(app_server("app.py"), wait_until="domcontentloaded")
    frame = maps.map_frame(page)
    maps.wait_drawn(frame, "path.zb-border")
    maps.wait_drawn(frame, "path.zb-kurdistan-region")
    # One border line, one Kurdistan Region polygon, every governorate and neighbour of the
    # overview layers (the default view), a symbol for every site the default filters keep.
    b = catalog.boundaries
    assert frame.locator("path.zb-border").count() == 1
    assert frame.locator("path.zb-kurdistan-region").count() == 1
    assert frame.locator("path.zb-governorate").count() == len(b.get("governorates", "overview"))
    # With tiles blocked, the neighbouring countries give the plain background its context.
    assert frame.locator("path.zb-neighbour").count() == len(b.get("neighbours", "overview"))
    sites = selected(catalog, all_filters)["site"]
    assert sites > 0 and frame.locator(".zb-site").count() == sites
    border_box = frame.locator("path.zb-border").bounding_box()
    assert border_box and border_box["height"] > 200  # drawn across the view, not a speck
    label = frame.locator(".zb-border-label").inner_text()
    assert format_km(catalog.border_km("detail")) in label
    assert frame.locator("#zb-legend").is_visible()
    # The map's scripts came as one file (lib.maps.map_assets.bundle), every library in it.
    scripts = frame.evaluate(
        "() => performance.getEntriesByType('resource').map(r => r.name)"
        ".filter(n => n.includes('/vendor/') && n.endsWith('.js'))"
    )
    assert len(scripts) == 1 and "/vendor/bundles/" in scripts[0], scripts
    assert (
        frame.evaluate(
            "() => [typeof jQuery, typeof L.markerClusterGroup, typeof L.control.measure,"
            " typeof L.control.fullscreen]"
        )
        == ["function"] * 4
    )

    # Clicking a site opens its popup with precision, confidence and sources.
    site = catalog.curated.sites.set_index("site_id").loc["pjak-qandil"]
    text = maps.popup_text(frame, ".zb-site-pjak-qandil")
    assert site["name"] in text
    assert "stand-in: somewhere in the wider area" in text  # its precision, "area"
    assert "Sources" in text
    first_source = str(site["sources"]).split()[0]  # e.g. the first source's site
    assert first_source in text
    page.wait_for_timeout(800)  # popup fade-in and auto-pan
    screenshot(page, "main_map_offline")

    page.wait_for_timeout(1_000)
    assert [u for u in offline_page.blocked_urls if not _is_tile(u)] == []
    assert offline_page.failed_local == []
    assert offline_page.page_errors == []


def test_the_address_follows_the_map_view_and_filters(
    app_server: Callable[..., str], offline_page: OfflinePage, catalog, all_filters
) -> None:
    page = offline_page.page
    page.goto(app_server("app.py") + "?groups=KDPI,PAK", wait_until="domcontentloaded")
    frame = maps.map_frame(page)
    maps.wait_drawn(frame, "path.zb-border")
    kdpi_pak = selected(catalog, replace(all_filters, groups=frozenset({"KDPI", "PAK"})))["site"]
    assert 0 < kdpi_pak < selected(catalog, all_filters)["site"]
    assert maps.wait_drawn(frame, ".zb-site", kdpi_pak) == kdpi_pak

    # Moving the map writes the view into the address, without rerunning the app.
    frame.evaluate("() => map_div.setView([36.2, 44.0], 9)")
    waits.wait_js(page, "() => location.search.includes('z=9')", "z=9 in the address")
    params = parse_qs(urlsplit(page.evaluate("() => location.href")).query)
    assert abs(float(params["lat"][0]) - 36.2) < 0.01 and abs(float(params["lon"][0]) - 44.0) < 0.01
    assert params["groups"] == ["KDPI,PAK"]

    # That address, opened afresh, shows the same view and filters.
    page.goto(page.evaluate("() => location.href"), wait_until="domcontentloaded")
    frame = maps.map_frame(page)
    maps.wait_drawn(frame, "path.zb-border")
    assert frame.evaluate("() => map_div.getZoom()") == 9
    center = frame.evaluate("() => map_div.getCenter()")
    assert abs(center["lat"] - 36.2) < 0.01 and abs(center["lng"] - 44.0) < 0.01
    assert frame.locator(".zb-site").count() == kdpi_pak


def test_the_map_contents_download_as_csv_and_geojson(
    app_server: Callable[..., str], offline_page: OfflinePage, catalog, all_filters
) -> None:
    # The files are made when the button is pressed (a callable), not on every rerun.
    page = offline_page.page
    page.goto(app_server("app.py"), wait_until="domcontentloaded")
    maps.wait_drawn(maps.map_frame(page), "path.zb-border")
    c = catalog.curated
    rows = len(c.sites) + len(c.crossings) + len(c.events)
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Download CSV").click()
    csv_text = Path(csv_download.value.path()).read_text(encoding="utf-8")
    assert csv_download.value.suggested_filename == "zagros-brief-map.csv"
    assert len(csv_text.strip().splitlines()) == rows + 1  # a header, then every item
    with page.expect_download() as geojson_download:
        page.get_by_role("button", name="Download GeoJSON").click()
    collection = json.loads(Path(geojson_download.value.path()).read_text(encoding="utf-8"))
    located = sum(int(frame.geometry.notna().sum()) for frame in (c.sites, c.crossings, c.events))
    # Only what has a coordinate is a GeoJSON feature.
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == located


def test_panning_out_of_the_drawn_window_offers_a_redraw_at_the_new_view(
    app_server: Callable[..., str], offline_page: OfflinePage
) -> None:
    """A view sends the outlines of its window only; leaving it offers to draw them again."""
    page = offline_page.page
    page.goto(app_server("app.py") + "?lat=36.2&lon=44.6&z=10", wait_until="domcontentloaded")
    frame = maps.map_frame(page)
    maps.wait_drawn(frame, "path.zb-kurdistan-region")
    button = frame.get_by_role("button", name="Redraw for this view")
    assert not button.is_visible()
    # Far south, still at zoom 10: out of the window the page drew.
    frame.evaluate(
        "() => Object.values(window).find(v => v instanceof L.Map).setView([31.5, 47.6], 10)"
    )
    waits.wait_js(
        frame,
        "() => [...document.querySelectorAll('.zb-redraw')].some(d => d.style.display !== 'none')",
        "the redraw button to show",
    )
    button.click()
    # The page reloads at the view the address keeps, and draws the outlines there.
    waits.wait_js(page, "() => location.search.includes('lat=31.5')", "the new view's address")
    frame = maps.map_frame(page)
    maps.wait_drawn(frame, "path.zb-border")
    lat, lon, zoom = frame.evaluate(
        "() => { const m = Object.values(window).find(v => v instanceof L.Map);"
        " return [m.getCenter().lat, m.getCenter().lng, m.getZoom()]; }"
    )
    assert (round(lat, 2), round(lon, 2), zoom) == (31.5, 47.6, 10)
    assert not frame.get_by_role("button", name="Redraw for this view").is_visible()
