"""The map works with every non-app host blocked (assets served by the app)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from branca.element import Element

from lib.maps.map_assets import inline_assets, install_assets, localize_map
from tests.browser import maps, waits
from tests.browser.apps.map_smoke import build_map

if TYPE_CHECKING:
    from tests.browser.conftest import OfflinePage

pytestmark = pytest.mark.browser

SMOKE_APP = "tests/browser/apps/map_smoke.py"
TILE_HOSTS = frozenset({"tile.openstreetmap.org"})
# The smoke map: a GeoJSON polygon and a CircleMarker (SVG paths), and three markers of
# which two are close enough to cluster at its zoom.
SMOKE_PATHS = 2
SMOKE_CLUSTERS = 1


def test_map_renders_offline(
    app_server: Callable[..., str],
    offline_page: OfflinePage,
    screenshot: Callable[..., Path],
) -> None:
    base_url = app_server(SMOKE_APP)
    page = offline_page.page
    page.goto(base_url, wait_until="domcontentloaded")

    frame = maps.map_frame(page, what="the smoke map")
    maps.wait_drawn(frame, ".leaflet-overlay-pane svg path", SMOKE_PATHS)

    assert frame.evaluate("() => L.version") == "1.9.3"
    assert frame.evaluate("() => typeof L.markerClusterGroup") == "function"
    # folium's Fullscreen plugin (Control.FullScreen, served from static/vendor/fullscreen).
    assert frame.locator(".leaflet-control-zoom-fullscreen").count() == 1
    assert frame.locator(".leaflet-control-measure").count() == 1
    assert frame.locator(".leaflet-overlay-pane svg path").count() == SMOKE_PATHS
    maps.wait_drawn(frame, ".marker-cluster", SMOKE_CLUSTERS)
    assert frame.locator(".marker-cluster").count() == SMOKE_CLUSTERS
    # The unclustered marker's default icon comes from the app and has loaded.
    icon = frame.locator("img.leaflet-marker-icon").first
    icon.wait_for()
    assert (icon.get_attribute("src") or "").startswith("/app/static/vendor/leaflet/images/")
    assert icon.evaluate("img => img.complete && img.naturalWidth > 0")
    # No Font Awesome icon on this map: its stylesheet is not loaded; jQuery is (folium's
    # popups build their content with it).
    assert not frame.evaluate(
        "() => [...document.styleSheets].some(s => (s.href || '').endsWith('all.min.css'))"
    )
    assert frame.evaluate("() => typeof jQuery") == "function"

    page.wait_for_timeout(1_000)  # let late requests (tiles, fonts) show up
    screenshot(page, "map_smoke_offline")

    # Let an uncaught error in the map iframe reach page_errors: proves the hook works there.
    frame.evaluate("() => setTimeout(() => { throw new Error('probe-error'); })")
    page.wait_for_timeout(300)
    probe = [e for e in offline_page.page_errors if "probe-error" in e]
    assert probe, "page errors from the map iframe are not being collected"
    page_errors = [e for e in offline_page.page_errors if "probe-error" not in e]

    non_tile = [u for u in offline_page.blocked_urls if urlsplit(u).hostname not in TILE_HOSTS]
    assert non_tile == [], f"requests to non-local hosts: {non_tile}"
    assert offline_page.failed_local == [], offline_page.failed_local
    assert page_errors == [], page_errors
    local_console = [e for e in offline_page.console_errors if "ERR_BLOCKED_BY_CLIENT" not in e]
    assert local_console == [], local_console


def test_inline_export_is_self_contained(
    offline_page: OfflinePage,
    tmp_path: Path,
    screenshot: Callable[..., Path],
) -> None:
    install_assets()
    m = localize_map(build_map(tiles=None))
    # A Font Awesome glyph, so the embedded font is actually used.
    m.get_root().html.add_child(
        Element(
            '<i class="fa-solid fa-flag" id="fa-probe" style="position:absolute;z-index:9999"></i>'
        )
    )
    export = tmp_path / "export.html"
    export.write_text(inline_assets(m.get_root().render()), "utf-8")

    page = offline_page.page
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(export.as_uri())
    # The export is the map itself, not a frame: its document is the page's.
    maps.wait_drawn(page.main_frame, ".leaflet-overlay-pane svg path", SMOKE_PATHS)
    waits.wait_js(page, "() => document.fonts.status === 'loaded'", "the fonts to load")
    assert page.evaluate("() => L.version") == "1.9.3"
    assert page.locator(".leaflet-control-measure").count() == 1
    icon_src = page.locator("img.leaflet-marker-icon").first.get_attribute("src") or ""
    assert icon_src.startswith("data:image/png;base64,")
    assert page.evaluate("() => document.fonts.check('900 16px \"Font Awesome 6 Free\"')")
    screenshot(page, "map_inline_export")

    others = [u for u in requests if not u.startswith("data:") and u != export.as_uri()]
    assert others == []
    assert offline_page.blocked_urls == []
    assert offline_page.failed_local == []
    assert offline_page.page_errors == []
    assert offline_page.console_errors == []
