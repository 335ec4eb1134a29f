"""The main page in a real browser that can reach nothing but the app."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest

if TYPE_CHECKING:
    from tests.browser.conftest import OfflinePage

pytestmark = pytest.mark.browser

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
TILE_HOST_SUFFIXES = ("basemaps.cartocdn.com", "tile.openstreetmap.org")


def _is_tile(url: str) -> bool:
    return (urlsplit(url).hostname or "").endswith(TILE_HOST_SUFFIXES)


def test_main_map_draws_offline_with_border_region_and_sources(
    app_server: Callable[..., str],
    offline_page: OfflinePage,
    screenshot: Callable[..., Path],
) -> None:
    page = offline_page.page
    page.goto(app_server("app.py"), wait_until="domcontentloaded")
    frame = page.wait_for_selector(MAP_IFRAME).content_frame()
    assert frame is not None
    frame.wait_for_function(
        "() => window.L && document.querySelector('path.zb-border')"
        " && document.querySelector('path.zb-kurdistan-region')"
    )
    # One border line, one Kurdistan Region polygon, 19 governorates, 9 site symbols.
    assert frame.locator("path.zb-border").count() == 1
    assert frame.locator("path.zb-kurdistan-region").count() == 1
    assert frame.locator("path.zb-governorate").count() == 19
    # With tiles blocked, the neighbouring countries give the plain background its context.
    assert frame.locator("path.zb-neighbour").count() >= 5
    assert frame.locator(".zb-site").count() == 9
    border_box = frame.locator("path.zb-border").bounding_box()
    assert border_box and border_box["height"] > 200  # drawn across the view, not a speck
    assert "1,616 km" in frame.locator(".zb-border-label").inner_text()
    assert frame.locator("#zb-legend").is_visible()

    # Clicking a site opens its popup with precision, confidence and sources.
    frame.locator(".zb-site-pjak-qandil").dispatch_event("click")
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "PJAK positions on the southern slopes of the Qandil Mountains" in text
    assert "stand-in: somewhere in the wider area" in text
    assert "jamestown.org" in text and "Sources" in text
    page.wait_for_timeout(800)  # popup fade-in and auto-pan
    screenshot(page, "main_map_offline")

    page.wait_for_timeout(1_000)
    assert [u for u in offline_page.blocked_urls if not _is_tile(u)] == []
    assert offline_page.failed_local == []
    assert offline_page.page_errors == []


def test_the_address_follows_the_map_view_and_filters(
    app_server: Callable[..., str], offline_page: OfflinePage
) -> None:
    page = offline_page.page
    page.goto(app_server("app.py") + "?groups=KDPI,PAK", wait_until="domcontentloaded")
    frame = page.wait_for_selector(MAP_IFRAME).content_frame()
    assert frame is not None
    frame.wait_for_function("() => window.L && document.querySelector('path.zb-border')")
    assert frame.locator(".zb-site").count() == 5  # KDPI: 2, PAK: 3

    # Moving the map writes the view into the address, without rerunning the app.
    frame.evaluate("() => map_div.setView([36.2, 44.0], 9)")
    page.wait_for_function("() => location.search.includes('z=9')")
    params = parse_qs(urlsplit(page.evaluate("() => location.href")).query)
    assert abs(float(params["lat"][0]) - 36.2) < 0.01 and abs(float(params["lon"][0]) - 44.0) < 0.01
    assert params["groups"] == ["KDPI,PAK"]

    # That address, opened afresh, shows the same view and filters.
    page.goto(page.evaluate("() => location.href"), wait_until="domcontentloaded")
    frame = page.wait_for_selector(MAP_IFRAME).content_frame()
    assert frame is not None
    frame.wait_for_function("() => window.map_div && document.querySelector('path.zb-border')")
    assert frame.evaluate("() => map_div.getZoom()") == 9
    center = frame.evaluate("() => map_div.getCenter()")
    assert abs(center["lat"] - 36.2) < 0.01 and abs(center["lng"] - 44.0) < 0.01
    assert frame.locator(".zb-site").count() == 5
